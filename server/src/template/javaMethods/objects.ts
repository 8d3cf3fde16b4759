/** java.lang.Object, whose methods every value answers, and java.lang.Class. */
import { JavaClass, javaClassName, javaHashCode, javaObjectEquals, javaToString } from '../javaValues';
import { JavaMethods } from './methodTable';

export function classOf(value: unknown): JavaClass | undefined {
  const name = javaClassName(value);
  return name === undefined ? undefined : new JavaClass(name);
}

export function objectMethods<T>(): JavaMethods<T> {
  return new JavaMethods<T>()
    .def('equals', ['Object'], (t, a) => javaObjectEquals(t, a[0]))
    .def('hashCode', [], (t) => javaHashCode(t))
    .def('toString', [], (t) => javaToString(t, true))
    .def('getClass', [], (t) => classOf(t));
}

export const CLASS_METHODS = objectMethods<JavaClass>()
  .def('getName', [], (c) => c.name)
  .def('getSimpleName', [], (c) => c.simpleName)
  .def('isArray', [], (c) => c.name.startsWith('['))
  .def('toString', [], (c) => c.toString());
