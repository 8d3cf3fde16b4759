/**
 * The Java methods templates call on values: java.lang.String, java.util.List and Map, Java arrays, a map's views and
 * entries, and the Number, Boolean, Character and Class methods. Each method is declared with its Java parameter
 * types and chosen as Velocity 1.7 chooses it (MethodMap, IntrospectionUtils): an argument of another type finds no
 * method, and the reference is then null (`$s.substring("1")`), which renders as nothing. A call Java rejects with an
 * exception (index out of range, null argument) becomes a JavaMethodError, which fails the template as Velocity's
 * MethodInvocationException does.
 */
import { javaMatches, javaReplace, javaSplit, JavaRegexError, type MatchLimit } from './javaRegex';
import { isMapValue, mapClear, mapDelete, mapEntries, mapGet, mapHas, mapKeys, mapSet, mapSize, mapValues, type JavaMap } from './javaMaps';
import { MAX_LIST_SIZE, OperationLimit } from './limits';
import {
  ARRAY_CLASSES,
  compareJavaNumbers,
  isJavaDouble,
  isJavaNumber,
  JavaChar,
  JavaClass,
  javaArray,
  javaArrayClass,
  javaClassName,
  javaDouble,
  javaHashCode,
  javaInteger,
  isJavaList,
  javaList,
  javaObjectEquals,
  javaToString,
  javaTypeName,
  MapEntry,
  mapView,
  mapViewOf,
  NO_SUCH_METHOD,
  stringHash,
  TemplateHost,
  type JavaNumber,
  type MapView,
} from './javaValues';

export class JavaMethodError extends Error {}

/** `limit` bounds the matching of regular expressions that can backtrack exponentially (see javaRegex). */
export function invokeJavaMethod(target: unknown, name: string, args: unknown[], limit?: MatchLimit): unknown {
  if (target instanceof TemplateHost) return target.invoke(name, args);
  const methods = methodsOf(target);
  return methods ? methods.call(target, name, args, limit) : NO_SUCH_METHOD;
}

/**
 * `$value.name` without a call, in the order Velocity 1.7's UberspectImpl tries: a getter `getName()` (or `getname()`),
 * then for a map the entry `name`, then a boolean `isName()`. So `$map.class` is the map's class, not its entry
 * `class`; `$string.empty` is `isEmpty()`, `$string.bytes` is `getBytes()`, `$entry.key` is `getKey()`.
 */
export function readJavaProperty(target: unknown, name: string): unknown {
  if (target === undefined || target === null) return undefined;
  // JSON objects first: most reads in a template are members of the payload.
  if (target instanceof Map) return name === 'class' || name === 'Class' ? classOf(target) : target.get(name);
  if (target instanceof TemplateHost) return target.property(name);
  if (isMapValue(target)) return name === 'class' || name === 'Class' ? classOf(target) : mapGet(target, name);
  // An array's own class has Object's getters only: Velocity wraps arrays in a list for method calls, not for properties.
  if (javaArrayClass(target) !== undefined) return name === 'class' || name === 'Class' ? classOf(target) : undefined;
  const methods = methodsOf(target);
  if (!methods) return undefined;
  for (const getter of accessorNames('get', name)) {
    if (methods.hasNoArgument(getter)) return methods.call(target, getter, [], undefined);
  }
  for (const getter of accessorNames('is', name)) {
    if (methods.hasNoArgument(getter)) {
      const value = methods.call(target, getter, [], undefined);
      if (typeof value === 'boolean') return value;
    }
  }
  return undefined;
}

/** PropertyExecutor's names: the prefix and the name as written, then with its first letter's case flipped. */
function accessorNames(prefix: string, name: string): string[] {
  const first = name[0];
  const flipped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
  return [prefix + name, prefix + flipped + name.slice(1)];
}

/**
 * `$value[key]` as Velocity 1.7's ASTIndex reads it: the `get` method of the value with the key as its argument,
 * after a negative Integer has been turned into `size() + key` (ASTIndex.adjMinusIndexArg), so `$list[-1]` is the
 * last element and `$map[-1]` the entry whose key is the Integer `size() - 1`. A list or array takes an Integer only
 * (any other key finds no `get` method, which is null); a value without a `get` method, such as a map's `keySet()`,
 * gives null, and one without `size()` cannot take a negative index. (Velocity 2 reads negative indexes the same way.)
 */
export function readJavaIndex(target: unknown, key: unknown): unknown {
  if (target === undefined || target === null) return undefined;
  const index = fromEnd(target, key);
  if (Array.isArray(target)) {
    if (!isJavaInt(index) || mapViewOf(target)) return undefined;
    // ArrayList.get throws, and ASTIndex fails the template with it.
    checkIndex(target, index, target.length, index === key ? `get(${index})` : `get(${index}), for the index ${key} counted from the end,`);
    return target[index];
  }
  if (isMapValue(target)) return mapGet(target, index);
  // The engine's own objects (`$input`, `$util`, `$foreach`) answer their members by name.
  if (target instanceof TemplateHost) return target.property(javaToString(index));
  return undefined;
}

/**
 * `#set($value[key] = x)` as Velocity 1.7's ASTReference.setValue does it: the negative key adjusted as for reading,
 * then `set(key, x)` on a list or array (an index out of range fails the template) or `put(key, x)` on a map.
 * Returns false when the value has neither method.
 */
export function writeJavaIndex(target: unknown, key: unknown, value: unknown): boolean {
  const index = fromEnd(target, key);
  if (Array.isArray(target)) {
    if (!isJavaInt(index) || mapViewOf(target)) return false;
    checkIndex(target, index, target.length, index === key ? `set(${index}, …)` : `set(${index}, …), for the index ${key} counted from the end,`);
    checkArrayElement(target, value);
    target[index] = value;
    return true;
  }
  if (isMapValue(target)) {
    mapSet(target, index, value);
    return true;
  }
  return false;
}

/**
 * A Java Integer: what a parameter of type `int` accepts. Velocity 1.7 converts no Long, Double or String argument to
 * an int (Velocity 2's conversion handler would turn `"1"` into 1); 1.7 is followed, so `$list["1"]` is null.
 */
function isJavaInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** ASTIndex.adjMinusIndexArg: a negative Integer counts from the end of anything with a `size()` method. */
function fromEnd(target: unknown, key: unknown): unknown {
  if (!isJavaInt(key) || key >= 0) return key;
  if (Array.isArray(target)) return target.length + key;
  if (isMapValue(target)) return mapSize(target) + key;
  throw new JavaMethodError(
    `the index ${key} counts from the end, which needs a size() method, and ${javaTypeName(target)} has none (Velocity 1.7 fails the template here)`,
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Finding a method as Velocity 1.7 does

/**
 * A Java parameter type, by what it accepts (IntrospectionUtils.isMethodInvocationConvertible): `int` an Integer,
 * `long` an Integer or Long, `double` any of those or a Double (no BigInteger), `char` a Character, `text` a String
 * (String and CharSequence parameters), `Collection` a list or a map's view (an array is none), `Map` a map, and
 * `Opaque` a type no template value is (a Comparator, a Function, a Locale). Every parameter but a primitive one
 * accepts null.
 */
type Param = 'int' | 'long' | 'double' | 'boolean' | 'char' | 'text' | 'Object' | 'Collection' | 'Map' | 'Opaque';

type Run<T> = (target: T, args: unknown[], limit: MatchLimit | undefined) => unknown;

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
interface MethodTable {
  hasNoArgument(name: string): boolean;
  call(target: unknown, name: string, args: unknown[], limit: MatchLimit | undefined): unknown;
}

/** The methods of one kind of value, each name with its overloads. */
class JavaMethods<T> implements MethodTable {
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

/** The methods Velocity finds on a value, or undefined for null and the engine's own objects. */
function methodsOf(target: unknown): MethodTable | undefined {
  let methods: MethodTable | undefined;
  if (typeof target === 'string') methods = STRING_METHODS;
  else if (Array.isArray(target)) methods = javaArrayClass(target) ? ARRAY_METHODS : mapViewOf(target) ? VIEW_METHODS : LIST_METHODS;
  else if (target instanceof MapEntry) methods = ENTRY_METHODS;
  else if (isMapValue(target)) methods = MAP_METHODS;
  else if (isJavaNumber(target)) methods = NUMBER_TABLES[javaTypeName(target)];
  else if (typeof target === 'boolean') methods = BOOLEAN_METHODS;
  else if (target instanceof JavaChar) methods = CHAR_METHODS;
  else if (target instanceof JavaClass) methods = CLASS_METHODS;
  return methods;
}

function classOf(value: unknown): JavaClass | undefined {
  const name = javaClassName(value);
  return name === undefined ? undefined : new JavaClass(name);
}

// ---------------------------------------------------------------------------------------------------------------------
// Arguments

function nullPointer(name: string, position: number): JavaMethodError {
  return new JavaMethodError(`java.lang.NullPointerException: argument ${position + 1} of ${name}() is null`);
}

/** A String argument Java dereferences: null throws. */
function text(args: unknown[], i: number, name: string): string {
  const value = args[i];
  if (value === undefined || value === null) throw nullPointer(name, i);
  return value as string;
}

const int = (args: unknown[], i: number) => args[i] as number;

/** A Collection argument as its elements; null throws. */
function elements(args: unknown[], i: number, name: string): unknown[] {
  const value = args[i];
  if (value === undefined || value === null) throw nullPointer(name, i);
  return value as unknown[];
}

// ---------------------------------------------------------------------------------------------------------------------
// java.lang.Object: what every value answers

function objectMethods<T>(): JavaMethods<T> {
  return new JavaMethods<T>()
    .def('equals', ['Object'], (t, a) => javaObjectEquals(t, a[0]))
    .def('hashCode', [], (t) => javaHashCode(t))
    .def('toString', [], (t) => javaToString(t, true))
    .def('getClass', [], (t) => classOf(t));
}

// ---------------------------------------------------------------------------------------------------------------------
// java.lang.String

/** Character.isWhitespace, which strip() and isBlank() use: not the no-break spaces that JavaScript's trim() removes. */
function isJavaWhitespace(c: string): boolean {
  return /[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/.test(c);
}

function stripStart(s: string): string {
  let i = 0;
  while (i < s.length && isJavaWhitespace(s[i])) i++;
  return s.slice(i);
}

function stripEnd(s: string): string {
  let i = s.length;
  while (i > 0 && isJavaWhitespace(s[i - 1])) i--;
  return s.slice(0, i);
}

function outOfBounds(message: string): JavaMethodError {
  return new JavaMethodError(`java.lang.StringIndexOutOfBoundsException: ${message}`);
}

function substring(s: string, begin: number, end: number): string {
  if (begin < 0 || end > s.length || begin > end) throw outOfBounds(`begin ${begin}, end ${end}, length ${s.length}`);
  return s.slice(begin, end);
}

/** The text of a code point for `indexOf(int)`; undefined for a number that is none, which Java finds nowhere. */
function codePointText(code: number): string | undefined {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function indexOf(s: string, target: string | undefined, from: number): number {
  return target === undefined ? -1 : s.indexOf(target, Math.max(0, from));
}

function lastIndexOf(s: string, target: string | undefined, from: number): number {
  return target === undefined || from < 0 ? -1 : s.lastIndexOf(target, from);
}

/** Character.toUpperCase and toLowerCase of one UTF-16 unit: a character whose case takes two (ß) keeps its own. */
function upperChar(c: string): string {
  const upper = c.toUpperCase();
  return upper.length === 1 ? upper : c;
}

function lowerChar(c: string): string {
  const lower = c.toLowerCase();
  return lower.length === 1 ? lower : c;
}

/** String.compareToIgnoreCase (and, with `ignoreCase` false, compareTo): by UTF-16 units, then by length. */
function compareStrings(a: string, b: string, ignoreCase: boolean): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    let x = a[i];
    let y = b[i];
    if (x !== y && ignoreCase) {
      x = lowerChar(upperChar(x));
      y = lowerChar(upperChar(y));
    }
    if (x !== y) return x.charCodeAt(0) - y.charCodeAt(0);
  }
  return a.length - b.length;
}

function regionMatches(s: string, ignoreCase: boolean, offset: number, other: string, otherOffset: number, length: number): boolean {
  if (otherOffset < 0 || offset < 0 || offset > s.length - length || otherOffset > other.length - length) return false;
  return compareStrings(s.slice(offset, offset + Math.max(0, length)), other.slice(otherOffset, otherOffset + Math.max(0, length)), ignoreCase) === 0;
}

/** String.getBytes: UTF-8 unless a charset is named; the bytes signed, as Java's byte is. */
function encode(s: string, charset = 'UTF-8'): number[] {
  const name = charset.toUpperCase().replace(/_/g, '-');
  let bytes: number[];
  if (name === 'UTF-8' || name === 'UTF8') bytes = Array.from(new TextEncoder().encode(s));
  else if (name === 'ISO-8859-1' || name === 'LATIN1' || name === 'US-ASCII' || name === 'ASCII') {
    const max = name.includes('ASCII') ? 0x7f : 0xff;
    // A character the charset lacks becomes `?`, as Java's encoder replaces it.
    bytes = Array.from(s, (c) => (c.codePointAt(0)! <= max ? c.codePointAt(0)! : 0x3f));
  } else {
    throw new JavaMethodError(`java.io.UnsupportedEncodingException: ${charset} (the evaluator knows UTF-8, ISO-8859-1 and US-ASCII)`);
  }
  return bytes.map((b) => (b > 127 ? b - 256 : b));
}

/** String.indent: each line moved by `n` columns, line ends made `\n`, and one after the last line. */
function indent(s: string, n: number): string {
  if (s.length === 0) return '';
  const lines = s.split(/\r\n|\r|\n/);
  if (/(\r\n|\r|\n)$/.test(s)) lines.pop();
  return lines
    .map((line) => {
      if (n > 0) return ' '.repeat(n) + line;
      let cut = 0;
      while (cut < -n && cut < line.length && isJavaWhitespace(line[cut])) cut++;
      return line.slice(cut);
    })
    .map((line) => `${line}\n`)
    .join('');
}

function equalsIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && compareStrings(a, b, true) === 0;
}

/** String.join's elements: CharSequences only, null written `null`. */
function joinedText(name: string, items: unknown[]): string[] {
  return items.map((item) => {
    if (item === undefined || item === null) return 'null';
    if (typeof item !== 'string') throw new JavaMethodError(`java.lang.ClassCastException: ${name}() joins CharSequences, and ${javaTypeName(item)} ${javaToString(item, true)} is none`);
    return item;
  });
}

/** String.valueOf(x): `null` for null, a char[]'s characters, else the value's string form. */
function valueOf(value: unknown): string {
  if (javaArrayClass(value) === ARRAY_CLASSES.chars) return (value as JavaChar[]).map((c) => c.value).join('');
  return javaToString(value, true);
}

/**
 * String.replaceAll: Matcher.replaceAll reads the replacement only once it has found a match, so a null replacement
 * fails only where the pattern matches.
 */
function replaceAll(s: string, pattern: string, replacement: string | null | undefined, limit: MatchLimit | undefined): string {
  if (replacement !== undefined && replacement !== null) return javaReplace(s, pattern, replacement, true, limit);
  let marker = '\ue000';
  while (s.includes(marker)) marker = String.fromCharCode(marker.charCodeAt(0) + 1);
  if (javaReplace(s, pattern, marker, false, limit) !== s) throw new JavaMethodError('java.lang.NullPointerException: replaceAll() found a match, and its replacement is null');
  return s;
}

function regexCall<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof JavaRegexError) throw new JavaMethodError(`${name}(): ${error.message}`);
    throw error;
  }
}

const STRING_METHODS = objectMethods<string>()
  .def('equals', ['Object'], (s, a) => a[0] === s)
  .def('hashCode', [], (s) => stringHash(s))
  .def('toString', [], (s) => s)
  .def('intern', [], (s) => s)
  .def('length', [], (s) => s.length)
  .def('isEmpty', [], (s) => s.length === 0)
  .def('isBlank', [], (s) => stripStart(s).length === 0)
  .def('charAt', ['int'], (s, a) => {
    const i = int(a, 0);
    if (i < 0 || i >= s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    return new JavaChar(s[i]);
  })
  .def('codePointAt', ['int'], (s, a) => {
    const i = int(a, 0);
    if (i < 0 || i >= s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    return s.codePointAt(i);
  })
  .def('codePointBefore', ['int'], (s, a) => {
    const i = int(a, 0);
    if (i < 1 || i > s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    const low = s.charCodeAt(i - 1);
    return i >= 2 && low >= 0xdc00 && low <= 0xdfff && s.codePointAt(i - 2)! > 0xffff ? s.codePointAt(i - 2) : low;
  })
  .def('codePointCount', ['int', 'int'], (s, a) => Array.from(substring(s, int(a, 0), int(a, 1))).length)
  .def('substring', ['int'], (s, a) => substring(s, int(a, 0), s.length))
  .def('substring', ['int', 'int'], (s, a) => substring(s, int(a, 0), int(a, 1)))
  .def('subSequence', ['int', 'int'], (s, a) => substring(s, int(a, 0), int(a, 1)))
  .def('indexOf', ['int'], (s, a) => indexOf(s, codePointText(int(a, 0)), 0))
  .def('indexOf', ['text'], (s, a) => indexOf(s, text(a, 0, 'indexOf'), 0))
  .def('indexOf', ['int', 'int'], (s, a) => indexOf(s, codePointText(int(a, 0)), int(a, 1)))
  .def('indexOf', ['text', 'int'], (s, a) => indexOf(s, text(a, 0, 'indexOf'), int(a, 1)))
  .def('lastIndexOf', ['int'], (s, a) => lastIndexOf(s, codePointText(int(a, 0)), s.length))
  .def('lastIndexOf', ['text'], (s, a) => lastIndexOf(s, text(a, 0, 'lastIndexOf'), s.length))
  .def('lastIndexOf', ['int', 'int'], (s, a) => lastIndexOf(s, codePointText(int(a, 0)), int(a, 1)))
  .def('lastIndexOf', ['text', 'int'], (s, a) => lastIndexOf(s, text(a, 0, 'lastIndexOf'), int(a, 1)))
  .def('contains', ['text'], (s, a) => s.includes(text(a, 0, 'contains')))
  .def('startsWith', ['text'], (s, a) => s.startsWith(text(a, 0, 'startsWith')))
  .def('startsWith', ['text', 'int'], (s, a) => int(a, 1) >= 0 && s.startsWith(text(a, 0, 'startsWith'), int(a, 1)))
  .def('endsWith', ['text'], (s, a) => s.endsWith(text(a, 0, 'endsWith')))
  .def('equalsIgnoreCase', ['text'], (s, a) => typeof a[0] === 'string' && equalsIgnoreCase(s, a[0]))
  .def('contentEquals', ['text'], (s, a) => s === text(a, 0, 'contentEquals'))
  // compareTo(String), and the bridge compareTo(Object) that Comparable adds, which casts its argument.
  .def('compareTo', ['Object'], (s, a) => compareStrings(s, comparedWith(s, a[0]) as string, false))
  .def('compareToIgnoreCase', ['text'], (s, a) => compareStrings(s, text(a, 0, 'compareToIgnoreCase'), true))
  .def('regionMatches', ['int', 'text', 'int', 'int'], (s, a) => regionMatches(s, false, int(a, 0), text(a, 1, 'regionMatches'), int(a, 2), int(a, 3)))
  .def('regionMatches', ['boolean', 'int', 'text', 'int', 'int'], (s, a) =>
    regionMatches(s, a[0] as boolean, int(a, 1), text(a, 2, 'regionMatches'), int(a, 3), int(a, 4)),
  )
  .def('concat', ['text'], (s, a) => s + text(a, 0, 'concat'))
  .def('replace', ['char', 'char'], (s, a) => s.split((a[0] as JavaChar).value).join((a[1] as JavaChar).value))
  .def('replace', ['text', 'text'], (s, a, limit) => replaceLiterally(s, text(a, 0, 'replace'), text(a, 1, 'replace'), limit))
  .def('replaceAll', ['text', 'text'], (s, a, limit) => regexCall('replaceAll', () => replaceAll(s, text(a, 0, 'replaceAll'), a[1] as string | null | undefined, limit)))
  .def('replaceFirst', ['text', 'text'], (s, a, limit) =>
    regexCall('replaceFirst', () => javaReplace(s, text(a, 0, 'replaceFirst'), text(a, 1, 'replaceFirst'), false, limit)),
  )
  .def('matches', ['text'], (s, a, limit) => regexCall('matches', () => javaMatches(text(a, 0, 'matches'), s, limit)))
  .def('split', ['text'], (s, a, limit) => regexCall('split', () => javaArray(javaSplit(s, text(a, 0, 'split'), 0, limit), ARRAY_CLASSES.strings)))
  .def('split', ['text', 'int'], (s, a, limit) =>
    regexCall('split', () => javaArray(javaSplit(s, text(a, 0, 'split'), int(a, 1), limit), ARRAY_CLASSES.strings)),
  )
  // Java's trim() removes every character up to U+0020, not Unicode white space.
  .def('trim', [], (s) => s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, ''))
  .def('strip', [], (s) => stripEnd(stripStart(s)))
  .def('stripLeading', [], (s) => stripStart(s))
  .def('stripTrailing', [], (s) => stripEnd(s))
  .def('toLowerCase', [], (s) => s.toLowerCase())
  .def('toUpperCase', [], (s) => s.toUpperCase())
  .def('toCharArray', [], (s, _, limit) => {
    refuseLongList(s.length, limit);
    return javaArray(Array.from(s.split(''), (c) => new JavaChar(c)), ARRAY_CLASSES.chars);
  })
  .def('getBytes', [], (s, _, limit) => {
    refuseLongList(s.length * 3, limit);
    return javaArray(encode(s), ARRAY_CLASSES.bytes);
  })
  .def('getBytes', ['text'], (s, a, limit) => {
    // getBytes(String) and getBytes(Charset) both take null, neither more specific: Velocity finds no method.
    if (a[0] === undefined || a[0] === null) return NO_SUCH_METHOD;
    refuseLongList(s.length * 3, limit);
    return javaArray(encode(s, a[0] as string), ARRAY_CLASSES.bytes);
  })
  .def('repeat', ['int'], (s, a, limit) => {
    const count = int(a, 0);
    if (count < 0) throw new JavaMethodError(`java.lang.IllegalArgumentException: count is negative: ${count}`);
    refuseLongString(s.length * count, limit);
    return s.repeat(count);
  })
  .def('indent', ['int'], (s, a, limit) => {
    refuseLongString(s.length * (1 + Math.max(0, int(a, 0))), limit);
    return indent(s, int(a, 0));
  })
  // Static methods, which Velocity calls on any String as Java would on the class.
  .def('valueOf', ['Object'], (_, a) => valueOf(a[0]))
  .def('copyValueOf', ['Object'], (_, a) => (javaArrayClass(a[0]) === ARRAY_CLASSES.chars ? valueOf(a[0]) : NO_SUCH_METHOD))
  // A null second argument suits both join methods, neither more specific: Velocity finds no method.
  .def('join', ['text', 'Collection'], (_, a) => (a[1] === undefined || a[1] === null ? NO_SUCH_METHOD : joinedText('join', a[1] as unknown[]).join(text(a, 0, 'join'))))
  .def('join', ['text', 'text'], (_, a) => joinedText('join', a[1] as unknown[]).join(text(a, 0, 'join')), true)
  .def('format', ['text', 'Object'], (_, a, limit) => javaFormat(text(a, 0, 'format'), a[1] as unknown[], limit), true)
  // format(Locale, String, Object...): no template value is a Locale, and a null one formats as format(String, ...).
  .def('format', ['Opaque', 'text', 'Object'], (_, a, limit) => javaFormat(text(a, 1, 'format'), a[2] as unknown[], limit), true)
  // CharSequence.compare, static.
  .def('compare', ['text', 'text'], (_, a) => compareStrings(text(a, 0, 'compare'), text(a, 1, 'compare'), false))
  .def('formatted', ['Object'], (s, a, limit) => javaFormat(s, a[0] as unknown[], limit), true);

/** `%[index$][flags][width][.precision]conversion`, as java.util.Formatter reads it. */
const FORMAT_SPECIFIER = /%(?:(\d+)\$|(<))?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

function formatError(exception: string, detail: string): JavaMethodError {
  return new JavaMethodError(`java.util.${exception}: ${detail}`);
}

/**
 * String.format in Java's root-locale forms: `%s %S %b %B %c %d %o %x %X %e %E %f %g %G %n %%` with their flags,
 * width, precision and argument indexes. `%a`, `%h` and the date conversions are refused rather than approximated.
 */
function javaFormat(format: string, args: unknown[], limit: MatchLimit | undefined): string {
  let next = 0;
  let previous = -1;
  let out = '';
  let copied = 0;
  for (const match of format.matchAll(FORMAT_SPECIFIER)) {
    const [spec, index, relative, flags, width, precision, conversion] = match;
    out += format.slice(copied, match.index);
    copied = match.index! + spec.length;
    if (conversion === '%' || conversion === 'n') {
      out += pad(conversion === '%' ? '%' : '\n', flags, width, false);
      continue;
    }
    checkFlags(spec, flags, width, conversion);
    const at = relative ? previous : index ? Number(index) - 1 : next++;
    if (at < 0 || at >= args.length) throw formatError('MissingFormatArgumentException', `Format specifier '${spec}'`);
    previous = at;
    const formatted = formatOne(spec, args[at], flags, precision === undefined ? undefined : Number(precision), conversion);
    refuseLongString(out.length + Math.max(formatted.length, Number(width ?? 0)), limit);
    out += pad(formatted, flags, width, /[doxXeEfgG]/.test(conversion));
  }
  const rest = format.slice(copied);
  const stray = rest.indexOf('%');
  if (stray >= 0) throw formatError('UnknownFormatConversionException', `Conversion = '${rest[stray + 1] ?? '%'}'`);
  return out + rest;
}

/** Pads to the width: with blanks, or for a number with `0` after its sign and radix prefix. */
function pad(text: string, flags: string, width: string | undefined, numeric: boolean): string {
  const size = Number(width ?? 0);
  if (text.length >= size) return text;
  if (flags.includes('-')) return text.padEnd(size);
  const [, prefix, digits] = /^([-+ (]?(?:0[xX])?)(.*)$/s.exec(text)!;
  if (numeric && flags.includes('0') && !/^(?:NaN|Infinity)/.test(digits)) return prefix + digits.padStart(size - prefix.length, '0');
  return text.padStart(size);
}

/** The flags Formatter refuses: numeric ones on text conversions, `#` on decimal ones, and `-` or `0` without a width. */
function checkFlags(spec: string, flags: string, width: string | undefined, conversion: string): void {
  const textual = /[sSbBcC]/.test(conversion);
  const wrong = [...flags].find((flag) => (textual && '0+ ,('.includes(flag)) || (flag === '#' && /[dcCbB]/.test(conversion)));
  if (wrong) throw formatError('FormatFlagsConversionMismatchException', `Conversion = ${conversion}, Flags = ${wrong}`);
  if ((flags.includes('-') || flags.includes('0')) && width === undefined) throw formatError('MissingFormatWidthException', spec);
}

function formatOne(spec: string, value: unknown, flags: string, precision: number | undefined, conversion: string): string {
  const upper = conversion === conversion.toUpperCase() && conversion !== conversion.toLowerCase();
  const cased = (s: string) => (upper ? s.toUpperCase() : s);
  const mismatch = () => formatError('IllegalFormatConversionException', `${conversion} != ${javaClassName(value)}`);
  switch (conversion.toLowerCase()) {
    case 's': {
      const shown = value === undefined || value === null ? 'null' : javaToString(value, true);
      return cased(precision === undefined ? shown : shown.slice(0, precision));
    }
    case 'b': {
      const shown = String(value === undefined || value === null ? false : typeof value === 'boolean' ? value : true);
      return cased(precision === undefined ? shown : shown.slice(0, precision));
    }
    case 'c':
      if (value === undefined || value === null) return cased('null');
      if (value instanceof JavaChar) return cased(value.value);
      if (isJavaInt(value) && codePointText(value) !== undefined) return cased(codePointText(value)!);
      throw mismatch();
    case 'd':
    case 'o':
    case 'x':
      if (value === undefined || value === null) return cased('null');
      if (!isJavaNumber(value) || isJavaDouble(value)) throw mismatch();
      return cased(formatInteger(BigInt(value as number | bigint), javaTypeName(value), flags, conversion.toLowerCase()));
    case 'e':
    case 'f':
    case 'g':
      if (value === undefined || value === null) return cased('null');
      if (!isJavaNumber(value) || !isJavaDouble(value)) throw mismatch();
      if (conversion.toLowerCase() === 'g') return cased(formatGeneral(Number(value), flags, precision));
      return cased(formatDecimal(Number(value), flags, precision ?? 6, conversion.toLowerCase() === 'e'));
    case 'a':
    case 'h':
    case 't':
      throw new JavaMethodError(`format(): the evaluator does not format '${spec}' (only %s, %b, %c, %d, %o, %x, %e, %f, %g, %n and %%)`);
  }
  throw formatError('UnknownFormatConversionException', `Conversion = '${conversion}'`);
}

/** A sign and a magnitude's digits, with the flags `+`, space, `(` and `,` applied. */
function signed(negative: boolean, digits: string, flags: string): string {
  const grouped = flags.includes(',') ? digits.replace(/^(\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ',')) : digits;
  if (negative) return flags.includes('(') ? `(${grouped})` : `-${grouped}`;
  return (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + grouped;
}

/** `%d` in decimal; `%o` and `%x` of a negative Integer or Long in two's complement, as Java prints them. */
function formatInteger(n: bigint, type: string, flags: string, conversion: string): string {
  if (conversion === 'd') return signed(n < 0n, (n < 0n ? -n : n).toString(), flags);
  const radix = conversion === 'x' ? 16 : 8;
  const bits = type === 'Integer' ? 32 : type === 'Long' ? 64 : 0;
  const negative = n < 0n && bits === 0;
  const digits = (bits && n < 0n ? BigInt.asUintN(bits, n) : negative ? -n : n).toString(radix);
  const prefix = flags.includes('#') ? (radix === 16 ? '0x' : '0') : '';
  return (negative ? '-' : '') + prefix + digits;
}

/**
 * `%f` and `%e`: Java rounds the shortest decimal form of the double half up (so `%.2f` of 1.005 is 1.01), where
 * JavaScript's toFixed rounds the binary value.
 */
function formatDecimal(x: number, flags: string, precision: number, scientific: boolean): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : signed(x < 0, 'Infinity', flags);
  const negative = x < 0 || Object.is(x, -0);
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (scientific) {
    const rounded = roundDigits(digits, precision + 1);
    // A carry (9.99 to 10.0) moves the point.
    const shown = rounded.slice(0, precision + 1);
    const power = exponent + rounded.length - (precision + 1);
    const body = precision > 0 ? `${shown[0]}.${shown.slice(1)}` : shown[0] + (flags.includes('#') ? '.' : '');
    return signed(negative, `${body}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`, flags);
  }
  // Rounded to `precision` places: the digits before the point and those after, one number of units of 10^-precision.
  const kept = exponent + 1 + precision;
  const units = kept < 0 ? '0' : kept === 0 ? (digits[0] >= '5' ? '1' : '0') : roundDigits(digits, kept);
  const padded = units.padStart(precision + 1, '0');
  const integerPart = padded.slice(0, padded.length - precision);
  const fraction = padded.slice(padded.length - precision);
  return signed(negative, precision > 0 ? `${integerPart}.${fraction}` : integerPart + (flags.includes('#') ? '.' : ''), flags);
}

/**
 * `%g`: rounded to `precision` significant digits, then written as `%f` when that is at least 10^-4 and below
 * 10^precision, else as `%e`; Java keeps the trailing zeros.
 */
function formatGeneral(x: number, flags: string, precision: number | undefined): string {
  const digits = precision === undefined ? 6 : Math.max(precision, 1);
  if (!Number.isFinite(x) || x === 0) return formatDecimal(x, flags, digits - 1, false);
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const rounded = roundDigits(mantissa.replace('.', ''), digits);
  const exponent = Number(exponentText) + rounded.length - digits;
  const magnitude = Number(`${rounded.slice(0, digits)}e${exponent - digits + 1}`);
  if (magnitude >= 1e-4 && exponent < digits) return formatDecimal(x, flags, digits - exponent - 1, false);
  return formatDecimal(x, flags, digits - 1, true);
}

/** The first `count` (one or more) significant digits of `digits`, rounded half up; one longer when the rounding carries. */
function roundDigits(digits: string, count: number): string {
  if (count >= digits.length) return digits.padEnd(count, '0');
  const kept = digits.slice(0, count);
  return digits[count] < '5' ? kept : (BigInt(kept) + 1n).toString().padStart(count, '0');
}

/** The bridge `compareTo(Object)` of a Comparable: null throws, a value of another class cannot be cast. */
function comparedWith(target: unknown, other: unknown): unknown {
  if (other === undefined || other === null) throw new JavaMethodError('java.lang.NullPointerException: compareTo() of null');
  if (javaClassName(other) !== javaClassName(target)) {
    throw new JavaMethodError(`java.lang.ClassCastException: class ${javaClassName(other)} cannot be cast to class ${javaClassName(target)} (compareTo() takes a ${javaTypeName(target)})`);
  }
  return other;
}

/** Refuses, before building it, a string longer than the evaluation lets a value be. */
function refuseLongString(length: number, limit: MatchLimit | undefined): void {
  const max = limit?.maxResultLength;
  if (max !== undefined && length > max) {
    throw new OperationLimit('output-too-large', `would return a string of ${length} characters, beyond API Gateway's 10 MB payload limit; the evaluator stops it instead of building it`);
  }
}

function refuseLongList(length: number, limit: MatchLimit | undefined): void {
  if (limit?.maxResultItems !== undefined && length > limit.maxResultItems) {
    throw new OperationLimit('list-too-large', `would make a list of ${length} characters; the evaluator stops lists at ${limit.maxResultItems} elements`);
  }
}

/**
 * String.replace(CharSequence, CharSequence): every occurrence, left to right; an empty target matches before every
 * character and at the end, as Java's literal pattern does (so `"ab".replace("", "-")` is `-a-b-`).
 */
function replaceLiterally(s: string, target: string, replacement: string, limit: MatchLimit | undefined): string {
  if (target === '') {
    const characters = Array.from(s);
    refuseLongString(s.length + (characters.length + 1) * replacement.length, limit);
    return replacement + characters.join(replacement) + replacement;
  }
  let count = 0;
  for (let at = s.indexOf(target); at >= 0; at = s.indexOf(target, at + target.length)) count++;
  refuseLongString(s.length + count * (replacement.length - target.length), limit);
  return count === 0 ? s : s.split(target).join(replacement);
}

// ---------------------------------------------------------------------------------------------------------------------
// java.util.List (ArrayList and json-smart's JSONArray), Java arrays, and a map's views

/** Structural changes (adds and removes) per list: Java's modCount, which its list iterators check. */
const modifications = new WeakMap<unknown[], number>();

export function listModifications(list: unknown[]): number {
  return modifications.get(list) ?? 0;
}

function modified(list: unknown[]): void {
  modifications.set(list, listModifications(list) + 1);
}

/** Refuses a list that would outgrow MAX_LIST_SIZE. */
function growList(list: unknown[], added: number): void {
  if (list.length + added > MAX_LIST_SIZE) {
    throw new OperationLimit('list-too-large', `would make a list of ${list.length + added} elements; the evaluator stops lists at ${MAX_LIST_SIZE} elements`);
  }
}

function checkIndex(list: unknown[], index: number, size = list.length, call?: string): void {
  if (index >= 0 && index < size) return;
  const exception = `java.lang.IndexOutOfBoundsException: Index ${index} out of bounds for length ${list.length}`;
  throw new JavaMethodError(call ? `${call} on a list of ${list.length} elements failed: ${exception}` : exception);
}

function indexOfElement(list: unknown[], value: unknown): number {
  return list.findIndex((v) => javaObjectEquals(v, value));
}

function lastIndexOfElement(list: unknown[], value: unknown): number {
  for (let i = list.length - 1; i >= 0; i--) if (javaObjectEquals(list[i], value)) return i;
  return -1;
}

function subList(list: unknown[], from: number, to: number): unknown[] {
  if (from < 0 || to > list.length || from > to) throw new JavaMethodError(`java.lang.IndexOutOfBoundsException: fromIndex ${from}, toIndex ${to}, size ${list.length}`);
  return javaList(list.slice(from, to));
}

/** What lists, arrays and views all answer (AbstractCollection, and ArrayListWrapper for arrays). */
function collectionMethods(): JavaMethods<unknown[]> {
  return objectMethods<unknown[]>()
    .def('size', [], (l) => l.length)
    .def('isEmpty', [], (l) => l.length === 0)
    .def('contains', ['Object'], (l, a) => indexOfElement(l, a[0]) >= 0)
    .def('containsAll', ['Collection'], (l, a) => elements(a, 0, 'containsAll').every((item) => indexOfElement(l, item) >= 0))
    .def('toArray', [], (l) => javaArray([...l], ARRAY_CLASSES.objects))
    // toArray(T[]): Velocity passes other arguments as varargs, in a new array, which Java fills when it is long enough.
    .def('toArray', ['Object'], (l, a) => {
      if (a[0] === undefined || a[0] === null) throw nullPointer('toArray', 0);
      return filledArray(l, a);
    })
    .def('toArray', ['Object'], (l, a) => filledArray(l, a[0] as unknown[]), true)
    // Without a function (templates can pass none but null) these throw before doing anything.
    .def('forEach', ['Opaque'], () => {
      throw nullPointer('forEach', 0);
    })
    .def('removeIf', ['Opaque'], () => {
      throw nullPointer('removeIf', 0);
    });
}

/** Collection.toArray(T[] given): the elements in `given` when it has room (a null after them), else in a new array. */
function filledArray(list: unknown[], given: unknown[]): unknown[] {
  if (given.length < list.length) return javaArray([...list], ARRAY_CLASSES.objects);
  const filled = [...list, ...given.slice(list.length)];
  if (given.length > list.length) filled[list.length] = null;
  return javaArray(filled, ARRAY_CLASSES.objects);
}

/** What lists and arrays answer beyond a collection's methods: List's own defaults. */
function listDefaults(methods: JavaMethods<unknown[]>): JavaMethods<unknown[]> {
  return methods
    // Without a comparator (templates can pass none but null), in the elements' natural order.
    .def('sort', ['Opaque'], (l) => {
      sortNaturally(l);
      modified(l);
      return undefined;
    })
    .def('replaceAll', ['Opaque'], () => {
      throw nullPointer('replaceAll', 0);
    });
}

/** Removes from `list` the elements `other` holds (or, with `keep`, those it lacks); whether any went. */
function removeWhere(list: unknown[], other: unknown[], keep: boolean, remove: (index: number) => void): boolean {
  let changed = false;
  for (let i = list.length - 1; i >= 0; i--) {
    if ((indexOfElement(other, list[i]) >= 0) !== keep) {
      remove(i);
      changed = true;
    }
  }
  return changed;
}

function removeAt(list: unknown[], index: number): unknown {
  checkIndex(list, index);
  modified(list);
  return list.splice(index, 1)[0];
}

function insertAll(list: unknown[], index: number, added: unknown[]): boolean {
  checkIndex(list, index, list.length + 1);
  growList(list, added.length);
  // In chunks: spreading a long list into splice() passes each element as an argument, past the stack's room.
  const copy = added.slice();
  for (let at = 0; at < copy.length; at += 10_000) list.splice(index + at, 0, ...copy.slice(at, at + 10_000));
  modified(list);
  return copy.length > 0;
}

const LIST_METHODS = listDefaults(collectionMethods())
  .def('get', ['int'], (l, a) => {
    checkIndex(l, int(a, 0));
    return l[int(a, 0)];
  })
  .def('set', ['int', 'Object'], (l, a) => {
    checkIndex(l, int(a, 0));
    const previous = l[int(a, 0)];
    l[int(a, 0)] = a[1];
    return previous;
  })
  .def('add', ['Object'], (l, a) => {
    growList(l, 1);
    l.push(a[0]);
    modified(l);
    return true;
  })
  .def('add', ['int', 'Object'], (l, a) => {
    checkIndex(l, int(a, 0), l.length + 1);
    growList(l, 1);
    l.splice(int(a, 0), 0, a[1]);
    modified(l);
    return undefined;
  })
  .def('addAll', ['Collection'], (l, a) => insertAll(l, l.length, elements(a, 0, 'addAll')))
  .def('addAll', ['int', 'Collection'], (l, a) => insertAll(l, int(a, 0), elements(a, 1, 'addAll')))
  .def('remove', ['int'], (l, a) => removeAt(l, int(a, 0)))
  .def('remove', ['Object'], (l, a) => {
    const at = indexOfElement(l, a[0]);
    if (at >= 0) removeAt(l, at);
    return at >= 0;
  })
  .def('removeAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'removeAll'), false, (i) => removeAt(l, i)))
  .def('retainAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'retainAll'), true, (i) => removeAt(l, i)))
  .def('clear', [], (l) => {
    l.length = 0;
    modified(l);
    return undefined;
  })
  .def('indexOf', ['Object'], (l, a) => indexOfElement(l, a[0]))
  .def('lastIndexOf', ['Object'], (l, a) => lastIndexOfElement(l, a[0]))
  .def('subList', ['int', 'int'], (l, a) => subList(l, int(a, 0), int(a, 1)))
  // ArrayList.clone: a shallow copy of the same class.
  .def('clone', [], (l) => (isJavaList(l) ? javaList([...l]) : [...l]))
  .def('trimToSize', [], () => undefined)
  .def('ensureCapacity', ['int'], () => undefined);

/** Comparable.compareTo between two elements of a list being sorted: of one class, neither null. */
function compareNaturally(a: unknown, b: unknown): number {
  if (a === undefined || a === null || b === undefined || b === null) throw new JavaMethodError('java.lang.NullPointerException: sort() without a comparator met a null element');
  const methods = methodsOf(a);
  const comparable = typeof a === 'string' || isJavaNumber(a) || typeof a === 'boolean' || a instanceof JavaChar;
  if (!comparable || !methods) throw new JavaMethodError(`java.lang.ClassCastException: sort() without a comparator needs Comparable elements, and ${javaTypeName(a)} is not one`);
  return methods.call(a, 'compareTo', [b], undefined) as number;
}

function sortNaturally(list: unknown[]): void {
  if (list.length < 2) return;
  // Java checks every pair it compares; a list of one class sorts as JavaScript's stable sort does.
  const sorted = list.slice().sort(compareNaturally);
  for (let i = 0; i < sorted.length; i++) list[i] = sorted[i];
}

function unsupported(name: string, what: string): JavaMethodError {
  return new JavaMethodError(`java.lang.UnsupportedOperationException: ${name}() on ${what}`);
}

/** Array.set's check: a String[] holds Strings, a char[] Characters, a byte[] Bytes (which templates cannot make). */
function checkArrayElement(target: unknown[], value: unknown): void {
  const arrayClass = javaArrayClass(target);
  if (arrayClass === undefined || arrayClass === ARRAY_CLASSES.objects) return;
  const fits = arrayClass === ARRAY_CLASSES.strings ? value === undefined || value === null || typeof value === 'string' : arrayClass === ARRAY_CLASSES.chars && value instanceof JavaChar;
  if (!fits) throw new JavaMethodError(`java.lang.IllegalArgumentException: array element type mismatch (a ${javaTypeName(target)} cannot hold ${javaTypeName(value)} ${javaToString(value, true)})`);
}

/**
 * An array has Object's methods itself (equals is identity, toString its class and identity hash) and List's through
 * Velocity's ArrayListWrapper, a fixed-size list: it reads and sets elements, and refuses to grow or shrink.
 */
const ARRAY_METHODS = listDefaults(collectionMethods())
  .def('equals', ['Object'], (l, a) => l === a[0])
  .def('get', ['int'], (l, a) => {
    checkIndex(l, int(a, 0));
    return l[int(a, 0)];
  })
  .def('set', ['int', 'Object'], (l, a) => {
    checkIndex(l, int(a, 0));
    checkArrayElement(l, a[1]);
    const previous = l[int(a, 0)];
    l[int(a, 0)] = a[1];
    return previous;
  })
  .def('indexOf', ['Object'], (l, a) => indexOfElement(l, a[0]))
  .def('lastIndexOf', ['Object'], (l, a) => lastIndexOfElement(l, a[0]))
  .def('subList', ['int', 'int'], (l, a) => subList(l, int(a, 0), int(a, 1)))
  .def('add', ['Object'], () => {
    throw unsupported('add', 'an array');
  })
  .def('add', ['int', 'Object'], () => {
    throw unsupported('add', 'an array');
  })
  .def('remove', ['int'], () => {
    throw unsupported('remove', 'an array');
  })
  // AbstractCollection's removals fail only once they find something to remove.
  .def('remove', ['Object'], (l, a) => {
    if (indexOfElement(l, a[0]) >= 0) throw unsupported('remove', 'an array');
    return false;
  })
  .def('addAll', ['Collection'], (_, a) => {
    if (elements(a, 0, 'addAll').length > 0) throw unsupported('addAll', 'an array');
    return false;
  })
  .def('addAll', ['int', 'Collection'], (l, a) => {
    checkIndex(l, int(a, 0), l.length + 1);
    if (elements(a, 1, 'addAll').length > 0) throw unsupported('addAll', 'an array');
    return false;
  })
  .def('clear', [], (l) => {
    if (l.length > 0) throw unsupported('clear', 'an array');
    return undefined;
  })
  .def('removeAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'removeAll'), false, () => {
    throw unsupported('removeAll', 'an array');
  }))
  .def('retainAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'retainAll'), true, () => {
    throw unsupported('retainAll', 'an array');
  }));

/** Takes the element at `index` out of the view and its entry out of the map behind it. */
function removeFromView(view: unknown[], info: MapView, index: number): void {
  const item = view[index];
  const key = info.kind === 'keySet' ? item : info.kind === 'entrySet' ? (item as MapEntry).key : mapEntries(info.owner).find(([, v]) => javaObjectEquals(v, item))?.[0];
  mapDelete(info.owner, key);
  view.splice(index, 1);
  modified(view);
}

function viewRemove(view: unknown[], value: unknown): boolean {
  const info = mapViewOf(view)!;
  const at = info.kind === 'entrySet' ? view.findIndex((e) => e instanceof MapEntry && value instanceof MapEntry && javaObjectEquals(e, value)) : indexOfElement(view, value);
  if (at < 0) return false;
  removeFromView(view, info, at);
  return true;
}

/** `keySet()`, `values()` and `entrySet()`: sets backed by the map (values() a bare collection), which cannot grow. */
const VIEW_METHODS = collectionMethods()
  .def('remove', ['Object'], (l, a) => viewRemove(l, a[0]))
  .def('removeAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'removeAll'), false, (i) => removeFromView(l, mapViewOf(l)!, i)))
  .def('retainAll', ['Collection'], (l, a) => removeWhere(l, elements(a, 0, 'retainAll'), true, (i) => removeFromView(l, mapViewOf(l)!, i)))
  .def('clear', [], (l) => {
    mapClear(mapViewOf(l)!.owner);
    l.length = 0;
    modified(l);
    return undefined;
  })
  .def('add', ['Object'], () => {
    throw unsupported('add', "a map's view");
  })
  .def('addAll', ['Collection'], (_, a) => {
    if (elements(a, 0, 'addAll').length > 0) throw unsupported('addAll', "a map's view");
    return false;
  });

// ---------------------------------------------------------------------------------------------------------------------
// java.util.Map and Map.Entry

const MAP_METHODS = objectMethods<JavaMap>()
  .def('get', ['Object'], (m, a) => mapGet(m, a[0]))
  .def('getOrDefault', ['Object', 'Object'], (m, a) => (mapHas(m, a[0]) ? mapGet(m, a[0]) : a[1]))
  .def('put', ['Object', 'Object'], (m, a) => {
    const previous = mapGet(m, a[0]);
    mapSet(m, a[0], a[1]);
    return previous;
  })
  .def('putIfAbsent', ['Object', 'Object'], (m, a) => {
    const previous = mapGet(m, a[0]);
    if (previous === undefined || previous === null) mapSet(m, a[0], a[1]);
    return previous;
  })
  .def('putAll', ['Map'], (m, a) => {
    const other = a[0];
    if (other === undefined || other === null) throw nullPointer('putAll', 0);
    for (const [k, v] of mapEntries(other as JavaMap)) mapSet(m, k, v);
    return undefined;
  })
  .def('replace', ['Object', 'Object'], (m, a) => {
    if (!mapHas(m, a[0])) return undefined;
    const previous = mapGet(m, a[0]);
    mapSet(m, a[0], a[1]);
    return previous;
  })
  .def('replace', ['Object', 'Object', 'Object'], (m, a) => {
    if (!mapHas(m, a[0]) || !javaObjectEquals(mapGet(m, a[0]), a[1])) return false;
    mapSet(m, a[0], a[2]);
    return true;
  })
  .def('containsKey', ['Object'], (m, a) => mapHas(m, a[0]))
  .def('containsValue', ['Object'], (m, a) => mapValues(m).some((v) => javaObjectEquals(v, a[0])))
  .def('keySet', [], (m) => mapView(mapKeys(m), 'keySet', m))
  .def('values', [], (m) => mapView(mapValues(m), 'values', m))
  .def('entrySet', [], (m) => mapView(mapEntries(m).map(([k, v]) => new MapEntry(k, v, m)), 'entrySet', m))
  .def('size', [], (m) => mapSize(m))
  .def('isEmpty', [], (m) => mapSize(m) === 0)
  .def('remove', ['Object'], (m, a) => {
    const previous = mapGet(m, a[0]);
    mapDelete(m, a[0]);
    return previous;
  })
  .def('remove', ['Object', 'Object'], (m, a) => {
    if (!mapHas(m, a[0]) || !javaObjectEquals(mapGet(m, a[0]), a[1])) return false;
    mapDelete(m, a[0]);
    return true;
  })
  .def('clear', [], (m) => {
    mapClear(m);
    return undefined;
  })
  .def('forEach', ['Opaque'], () => {
    throw nullPointer('forEach', 0);
  })
  .def('replaceAll', ['Opaque'], () => {
    throw nullPointer('replaceAll', 0);
  })
  .def('computeIfAbsent', ['Object', 'Opaque'], () => {
    throw nullPointer('computeIfAbsent', 1);
  })
  .def('computeIfPresent', ['Object', 'Opaque'], () => {
    throw nullPointer('computeIfPresent', 1);
  })
  .def('compute', ['Object', 'Opaque'], () => {
    throw nullPointer('compute', 1);
  })
  .def('merge', ['Object', 'Object', 'Opaque'], () => {
    throw nullPointer('merge', 2);
  });

const ENTRY_METHODS = objectMethods<MapEntry>()
  .def('getKey', [], (e) => e.key)
  .def('getValue', [], (e) => e.value)
  .def('setValue', ['Object'], (e, a) => e.setValue(a[0]));

// ---------------------------------------------------------------------------------------------------------------------
// Integer, Long, BigInteger, Double, Boolean, Character and Class

/** Java's narrowing of a double to an integer type: NaN is 0, and values beyond the range stop at its ends. */
function narrowDouble(n: number, bits: 32 | 64): number | bigint {
  if (Number.isNaN(n)) return 0;
  const max = 2n ** BigInt(bits - 1);
  if (n >= Number(max)) return javaInteger(max - 1n);
  if (n <= -Number(max)) return javaInteger(-max);
  return Math.trunc(n);
}

/** intValue(), longValue(), shortValue(), byteValue(): a double narrowed, an integer cut to its low bits. */
function integerValue(value: JavaNumber, bits: 8 | 16 | 32 | 64): number | bigint {
  const whole = isJavaDouble(value) ? narrowDouble(Number(value), bits === 64 ? 64 : 32) : value;
  return javaInteger(BigInt.asIntN(bits, BigInt(whole as number | bigint)));
}

const NUMBER_METHODS = objectMethods<JavaNumber>()
  .def('intValue', [], (n) => integerValue(n, 32))
  .def('longValue', [], (n) => integerValue(n, 64))
  .def('shortValue', [], (n) => integerValue(n, 16))
  .def('byteValue', [], (n) => integerValue(n, 8))
  .def('doubleValue', [], (n) => javaDouble(Number(n)))
  .def('floatValue', [], (n) => javaDouble(Number(n)))
  .def('compareTo', ['Object'], (n, a) => Math.sign(compareJavaNumbers(n, comparedWith(n, a[0]) as JavaNumber)));

/**
 * Integer's static methods, which Velocity calls on any Integer: templates keep one around to convert text
 * (`#set($Integer = 0)` then `$Integer.parseInt($text)`).
 */
const INTEGER_METHODS = new JavaMethods<JavaNumber>(NUMBER_METHODS)
  .def('parseInt', ['text'], (_, a) => parseInteger(text(a, 0, 'parseInt'), 10, 32))
  .def('parseInt', ['text', 'int'], (_, a) => parseInteger(text(a, 0, 'parseInt'), int(a, 1), 32))
  .def('valueOf', ['int'], (_, a) => a[0])
  .def('valueOf', ['text'], (_, a) => parseInteger(text(a, 0, 'valueOf'), 10, 32))
  .def('valueOf', ['text', 'int'], (_, a) => parseInteger(text(a, 0, 'valueOf'), int(a, 1), 32))
  .def('toString', ['int'], (_, a) => String(a[0]))
  .def('toString', ['int', 'int'], (_, a) => integerInRadix(BigInt(int(a, 0)), int(a, 1)))
  .def('hashCode', ['int'], (_, a) => a[0])
  .def('max', ['int', 'int'], (_, a) => Math.max(int(a, 0), int(a, 1)))
  .def('min', ['int', 'int'], (_, a) => Math.min(int(a, 0), int(a, 1)))
  .def('sum', ['int', 'int'], (_, a) => (int(a, 0) + int(a, 1)) | 0)
  .def('compare', ['int', 'int'], (_, a) => Math.sign(int(a, 0) - int(a, 1)))
  .def('signum', ['int'], (_, a) => Math.sign(int(a, 0)))
  .def('toHexString', ['int'], (_, a) => (int(a, 0) >>> 0).toString(16))
  .def('toOctalString', ['int'], (_, a) => (int(a, 0) >>> 0).toString(8))
  .def('toBinaryString', ['int'], (_, a) => (int(a, 0) >>> 0).toString(2));

const LONG_METHODS = new JavaMethods<JavaNumber>(NUMBER_METHODS)
  .def('parseLong', ['text'], (_, a) => parseInteger(text(a, 0, 'parseLong'), 10, 64))
  .def('parseLong', ['text', 'int'], (_, a) => parseInteger(text(a, 0, 'parseLong'), int(a, 1), 64))
  .def('valueOf', ['long'], (_, a) => a[0])
  .def('valueOf', ['text'], (_, a) => parseInteger(text(a, 0, 'valueOf'), 10, 64))
  .def('toString', ['long'], (_, a) => javaToString(a[0]))
  .def('toString', ['long', 'int'], (_, a) => integerInRadix(BigInt(a[0] as number | bigint), int(a, 1)))
  .def('hashCode', ['long'], (_, a) => longHash(BigInt(a[0] as number | bigint)))
  .def('signum', ['long'], (_, a) => Math.sign(Number(a[0])))
  .def('valueOf', ['text', 'int'], (_, a) => parseInteger(text(a, 0, 'valueOf'), int(a, 1), 64))
  .def('max', ['long', 'long'], (_, a) => (compareJavaNumbers(a[0] as JavaNumber, a[1] as JavaNumber) >= 0 ? a[0] : a[1]))
  .def('min', ['long', 'long'], (_, a) => (compareJavaNumbers(a[0] as JavaNumber, a[1] as JavaNumber) <= 0 ? a[0] : a[1]))
  .def('compare', ['long', 'long'], (_, a) => Math.sign(compareJavaNumbers(a[0] as JavaNumber, a[1] as JavaNumber)))
  .def('sum', ['long', 'long'], (_, a) => javaInteger(BigInt.asIntN(64, BigInt(a[0] as number | bigint) + BigInt(a[1] as number | bigint))))
  .def('toHexString', ['long'], (_, a) => BigInt.asUintN(64, BigInt(a[0] as number | bigint)).toString(16))
  .def('toOctalString', ['long'], (_, a) => BigInt.asUintN(64, BigInt(a[0] as number | bigint)).toString(8))
  .def('toBinaryString', ['long'], (_, a) => BigInt.asUintN(64, BigInt(a[0] as number | bigint)).toString(2));

const BIG_INTEGER_METHODS = new JavaMethods<JavaNumber>(NUMBER_METHODS)
  .def('toString', ['int'], (n, a) => integerInRadix(BigInt(n as bigint), int(a, 0)))
  .def('signum', [], (n) => (BigInt(n as bigint) < 0n ? -1 : 1))
  .def('negate', [], (n) => javaInteger(-BigInt(n as bigint)))
  .def('abs', [], (n) => javaInteger(BigInt(n as bigint) < 0n ? -BigInt(n as bigint) : BigInt(n as bigint)));

const DOUBLE_METHODS = new JavaMethods<JavaNumber>(NUMBER_METHODS)
  .def('isNaN', [], (n) => Number.isNaN(Number(n)))
  .def('isInfinite', [], (n) => Math.abs(Number(n)) === Infinity)
  // Double.compare: -0.0 before 0.0, and NaN after everything.
  .def('compareTo', ['Object'], (n, a) => compareDoubles(Number(n), Number(comparedWith(n, a[0]))))
  .def('parseDouble', ['text'], (_, a) => javaDouble(parseDouble(text(a, 0, 'parseDouble'))))
  .def('valueOf', ['double'], (_, a) => javaDouble(Number(a[0])))
  .def('valueOf', ['text'], (_, a) => javaDouble(parseDouble(text(a, 0, 'valueOf'))))
  .def('toString', ['double'], (_, a) => javaToString(javaDouble(Number(a[0]))))
  .def('hashCode', ['double'], (_, a) => javaHashCode(javaDouble(Number(a[0]))))
  .def('isNaN', ['double'], (_, a) => Number.isNaN(Number(a[0])))
  .def('isInfinite', ['double'], (_, a) => Math.abs(Number(a[0])) === Infinity)
  .def('isFinite', ['double'], (_, a) => Number.isFinite(Number(a[0])))
  .def('compare', ['double', 'double'], (_, a) => compareDoubles(Number(a[0]), Number(a[1])))
  .def('max', ['double', 'double'], (_, a) => javaDouble(Math.max(Number(a[0]), Number(a[1]))))
  .def('min', ['double', 'double'], (_, a) => javaDouble(Math.min(Number(a[0]), Number(a[1]))))
  .def('sum', ['double', 'double'], (_, a) => javaDouble(Number(a[0]) + Number(a[1])));

function longHash(n: bigint): number {
  const bits = BigInt.asUintN(64, n);
  return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)));
}

/** Integer.parseInt and Long.parseLong: an optional sign and digits of the radix, within the type's range. */
function parseInteger(s: string, radix: number, bits: 32 | 64): number | bigint {
  const fail = () => new JavaMethodError(`java.lang.NumberFormatException: For input string: "${s}"${radix === 10 ? '' : ` under radix ${radix}`}`);
  if (radix < 2 || radix > 36) throw new JavaMethodError(`java.lang.NumberFormatException: radix ${radix} out of range`);
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  const match = /^([+-]?)(.+)$/.exec(s);
  if (!match || ![...match[2].toLowerCase()].every((c) => digits.includes(c))) throw fail();
  let n = 0n;
  for (const c of match[2].toLowerCase()) n = n * BigInt(radix) + BigInt(digits.indexOf(c));
  if (match[1] === '-') n = -n;
  if (n !== BigInt.asIntN(bits, n)) throw fail();
  return javaInteger(n);
}

function integerInRadix(n: bigint, radix: number): string {
  return n.toString(radix < 2 || radix > 36 ? 10 : radix);
}

/** Double.parseDouble: Java's number syntax (a `d` or `f` suffix allowed), blanks around it ignored. */
function parseDouble(s: string): number {
  const trimmed = s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  const match = /^([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/.exec(trimmed);
  if (!match) throw new JavaMethodError(`java.lang.NumberFormatException: ${trimmed ? `For input string: "${s}"` : 'empty String'}`);
  const value = Number(match[2].replace(/[fFdD]$/, ''));
  return match[1] === '-' ? -value : value;
}

const NUMBER_TABLES: Record<string, MethodTable> = { Integer: INTEGER_METHODS, Long: LONG_METHODS, BigInteger: BIG_INTEGER_METHODS, Double: DOUBLE_METHODS };

function compareDoubles(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  const xBits = Number.isNaN(x) ? 2 : Object.is(x, -0) ? -1 : 0;
  const yBits = Number.isNaN(y) ? 2 : Object.is(y, -0) ? -1 : 0;
  return Math.sign(xBits - yBits);
}

const BOOLEAN_METHODS = objectMethods<boolean>()
  .def('booleanValue', [], (b) => b)
  .def('parseBoolean', ['text'], (_, a) => typeof a[0] === 'string' && a[0].toLowerCase() === 'true')
  .def('valueOf', ['boolean'], (_, a) => a[0])
  .def('valueOf', ['text'], (_, a) => typeof a[0] === 'string' && a[0].toLowerCase() === 'true')
  .def('toString', ['boolean'], (_, a) => String(a[0]))
  .def('hashCode', ['boolean'], (_, a) => (a[0] ? 1231 : 1237))
  .def('compareTo', ['Object'], (b, a) => {
    const other = comparedWith(b, a[0]) as boolean;
    return b === other ? 0 : b ? 1 : -1;
  });

/** A char or code point argument of Character's static methods, as text: empty for a number that is no code point. */
function charText(value: unknown): string {
  return value instanceof JavaChar ? value.value : (codePointText(value as number) ?? '');
}

/** Character's static tests, each for a char and for a code point. */
const CHARACTER_TESTS: Array<[string, (c: string) => boolean]> = [
  ['isDigit', (c) => /^\p{Nd}$/u.test(c)],
  ['isLetter', (c) => /^\p{L}$/u.test(c)],
  ['isLetterOrDigit', (c) => /^[\p{L}\p{Nd}]$/u.test(c)],
  ['isUpperCase', (c) => /^\p{Lu}$/u.test(c)],
  ['isLowerCase', (c) => /^\p{Ll}$/u.test(c)],
  ['isWhitespace', (c) => c !== '' && isJavaWhitespace(c)],
];

const CHAR_METHODS = CHARACTER_TESTS.reduce(
  (methods, [name, test]) => methods.def(name, ['char'], (_, a) => test(charText(a[0]))).def(name, ['int'], (_, a) => test(charText(a[0]))),
  objectMethods<JavaChar>()
    .def('charValue', [], (c) => c)
    .def('compareTo', ['Object'], (c, a) => c.value.charCodeAt(0) - (comparedWith(c, a[0]) as JavaChar).value.charCodeAt(0))
    .def('toString', ['char'], (_, a) => charText(a[0]))
    .def('toString', ['int'], (_, a) => {
      if (charText(a[0]) === '') throw new JavaMethodError(`java.lang.IllegalArgumentException: Not a valid Unicode code point: ${int(a, 0)}`);
      return charText(a[0]);
    })
    .def('valueOf', ['char'], (_, a) => a[0])
    .def('hashCode', ['char'], (_, a) => (a[0] as JavaChar).value.charCodeAt(0))
    .def('toUpperCase', ['char'], (_, a) => new JavaChar(upperChar(charText(a[0]))))
    .def('toLowerCase', ['char'], (_, a) => new JavaChar(lowerChar(charText(a[0]))))
    .def('toUpperCase', ['int'], (_, a) => (charText(a[0]) === '' ? a[0] : upperChar(charText(a[0])).codePointAt(0)))
    .def('toLowerCase', ['int'], (_, a) => (charText(a[0]) === '' ? a[0] : lowerChar(charText(a[0])).codePointAt(0))),
);

const CLASS_METHODS = objectMethods<JavaClass>()
  .def('getName', [], (c) => c.name)
  .def('getSimpleName', [], (c) => c.simpleName)
  .def('isArray', [], (c) => c.name.startsWith('['))
  .def('toString', [], (c) => c.toString());
