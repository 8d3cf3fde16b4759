/** Finding a method as Velocity 1.7 does: Java parameter types, overloads, and the table of a kind of value's methods. */
import type { MatchLimit } from '../javaRegex';
import { isMapValue } from '../javaMaps';
import { ARRAY_CLASSES, isJavaNumber, JavaChar, javaArrayClass, javaTypeName, NO_SUCH_METHOD } from '../javaValues';
import { JavaMethodError } from './errors';

/**
 * A Java Integer: what a parameter of type `int` accepts. Velocity 1.7 converts no Long, Double or String argument to
 * an int (Velocity 2's conversion handler would turn `"1"` into 1); 1.7 is followed, so `$list["1"]` is null.
 */
export function isJavaInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/**
 * A Java parameter type, by what it accepts (IntrospectionUtils.isMethodInvocationConvertible): `int` an Integer,
 * `long` an Integer or Long, `double` any of those or a Double (no BigInteger), `char` a Character, `text` a String
 * (String and CharSequence parameters), `Collection` a list or a map's view (an array is none), `Map` a map, and
 * `Opaque` a type no template value is (a Comparator, a Function, a Locale). Every parameter but a primitive one
 * accepts null.
 */
export type Param = 'int' | 'long' | 'double' | 'boolean' | 'char' | 'text' | 'Object' | 'Collection' | 'Map' | 'Opaque';

export type Run<T> = (target: T, args: unknown[], limit: MatchLimit | undefined) => unknown;

interface Overload<T> {
  params: readonly Param[];
  /** The last parameter is Java varargs (`String.join(CharSequence, CharSequence...)`): any number of that type. */
  varargs?: boolean;
  run: Run<T>;
}

function accepts(param: Param, value: unknown): boolean {
  switch (param) {
    case 'Object':
      return true;
    case 'int':
      return isJavaInt(value);
    case 'long':
      return isJavaNumber(value) && (javaTypeName(value) === 'Integer' || javaTypeName(value) === 'Long');
    case 'double':
      return isJavaNumber(value) && javaTypeName(value) !== 'BigInteger';
    case 'boolean':
      return typeof value === 'boolean';
    case 'char':
      return value instanceof JavaChar;
  }
  if (value === undefined || value === null) return true;
  switch (param) {
    case 'text':
      return typeof value === 'string';
    case 'Collection':
      return Array.isArray(value) && javaArrayClass(value) === undefined;
    case 'Map':
      return isMapValue(value);
  }
  // An Opaque parameter: only null passes.
  return false;
}

/**
 * Velocity 1.7's MethodMap.isApplicable. A method without parameters is applicable to any arguments (1.7's
 * MethodMap lets it through), so `$s.length(1)` calls length() with one argument, which Java refuses. A varargs
 * method takes its last parameter's type any number of times, or an array of it.
 */
function applicable<T>(overload: Overload<T>, args: unknown[]): boolean {
  const { params } = overload;
  if (params.length === 0) return true;
  if (overload.varargs) {
    const fixed = params.length - 1;
    if (args.length < fixed || !args.slice(0, fixed).every((arg, i) => accepts(params[i], arg))) return false;
    const rest = args.slice(fixed);
    // An array in the varargs place is the varargs array itself when its elements fit, and fits nothing otherwise.
    if (rest.length === 1 && javaArrayClass(rest[0]) !== undefined) return arrayFits(params[fixed], javaArrayClass(rest[0])!);
    return rest.every((arg) => accepts(params[fixed], arg));
  }
  return params.length === args.length && args.every((arg, i) => accepts(params[i], arg));
}

/** Whether an array of this class passes where an array of `component` is wanted: char[] and byte[] pass as no Object[]. */
function arrayFits(component: Param, arrayClass: string): boolean {
  if (component === 'text') return arrayClass === ARRAY_CLASSES.strings;
  return component === 'Object' && (arrayClass === ARRAY_CLASSES.strings || arrayClass === ARRAY_CLASSES.objects);
}

/** The methods of some kind of value, called with a value of that kind. */
export interface MethodTable {
  hasNoArgument(name: string): boolean;
  call(target: unknown, name: string, args: unknown[], limit: MatchLimit | undefined): unknown;
}

/** The methods of one kind of value, each name with its overloads. */
export class JavaMethods<T> implements MethodTable {
  private readonly table = new Map<string, Array<Overload<T>>>();

  constructor(private readonly base?: JavaMethods<T>) {}

  /** Declares an overload; one with the same parameters, inherited or declared before, is overridden. */
  def(name: string, params: readonly Param[], run: Run<T>, varargs = false): this {
    const overloads = this.table.get(name) ?? [...(this.base?.overloads(name) ?? [])];
    const same = overloads.findIndex((o) => o.varargs === varargs && o.params.length === params.length && o.params.every((p, i) => p === params[i]));
    if (same >= 0) overloads.splice(same, 1);
    overloads.push({ params, run, varargs });
    this.table.set(name, overloads);
    return this;
  }

  private overloads(name: string): Array<Overload<T>> | undefined {
    return this.table.get(name) ?? this.base?.overloads(name);
  }

  hasNoArgument(name: string): boolean {
    return this.overloads(name)?.some((o) => o.params.length === 0 && !o.varargs) ?? false;
  }

  /**
   * The most specific applicable overload runs: the one with more parameters (MethodMap.moreSpecific compares their
   * counts first), else the first declared, which is the primitive one where Java has both (`remove(int)` before
   * `remove(Object)`).
   */
  call(target: T, name: string, args: unknown[], limit: MatchLimit | undefined): unknown {
    const overloads = this.overloads(name);
    if (!overloads) return NO_SUCH_METHOD;
    let best: Overload<T> | undefined;
    for (const overload of overloads) {
      if (applicable(overload, args) && (!best || overload.params.length > best.params.length)) best = overload;
    }
    if (!best) return NO_SUCH_METHOD;
    if (best.params.length === 0 && args.length > 0) {
      throw new JavaMethodError(
        `${name}() takes no arguments and was given ${args.length}: java.lang.IllegalArgumentException: wrong number of arguments (Velocity 1.7 still calls the method, and the template fails)`,
      );
    }
    return best.run(target, best.varargs ? packVarargs(best.params.length, args) : args, limit);
  }
}

/** The arguments of a varargs call, its last ones gathered into one list as Java passes them. */
function packVarargs(count: number, args: unknown[]): unknown[] {
  const rest = args.slice(count - 1);
  if (rest.length === 1 && javaArrayClass(rest[0]) !== undefined) return args;
  return [...args.slice(0, count - 1), rest];
}
