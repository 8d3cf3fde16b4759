/**
 * The Java methods templates call on values: java.lang.String, java.util.List and Map, Java arrays, a map's views and
 * entries, and the Number, Boolean, Character and Class methods. Each method is declared with its Java parameter
 * types and chosen as Velocity 1.7 chooses it (MethodMap, IntrospectionUtils): an argument of another type finds no
 * method, and the reference is then null (`$s.substring("1")`), which renders as nothing. A call Java rejects with an
 * exception (index out of range, null argument) becomes a JavaMethodError, which fails the template as Velocity's
 * MethodInvocationException does.
 */
export { listModifications } from './javaMethods/collections';
export { invokeJavaMethod, readJavaProperty } from './javaMethods/dispatch';
export { JavaMethodError } from './javaMethods/errors';
export { readJavaIndex, writeJavaIndex } from './javaMethods/indexes';
