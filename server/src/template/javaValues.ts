/**
 * How API Gateway's Java runtime shows and compares template values. JSON payloads are kept as JavaScript values
 * (parsed once, objects as ordered Maps, see javaMaps); what differs from JavaScript is decided here: string form,
 * equality and truth.
 */
import { JavaChar, JavaDouble, javaDoubleToString } from './javaDouble';
import { isMapValue, isRecordMap, mapEntries, mapGet, mapHas, mapSet, mapSize, type JavaMap } from './javaMaps';
import { MAX_VALUE_NESTING, ValueNestingLimit } from './limits';
import { fnv1a } from '../util/longStringKeys';

export { JavaChar, JavaDouble, javaDoubleToString } from './javaDouble';

/**
 * For callers outside the engine, which read the records of `$context` and of requests with it: true for a plain
 * record only, never for one of the engine's own Maps.
 */
export const isJavaMap = isRecordMap;

/** Lists created by the template engine itself (`[1, 2]`, ranges, `keySet()`, `split()`): java.util lists. */
const javaLists = new WeakSet<unknown[]>();

/**
 * Marks a list as a java.util list, which prints as `[a, b]`. Lists that come from a JSON payload are json-smart
 * arrays and print as compact JSON instead: AWS renders `$input.path('$.json')` of `{"foo":[{"nested":"bar"}]}`
 * as `{foo=[{"nested":"bar"}]}` (recorded against AWS in LocalStack's parity tests).
 */
export function javaList<T>(items: T[]): T[] {
  javaLists.add(items);
  return items;
}

export function isJavaList(value: unknown): boolean {
  return Array.isArray(value) && javaLists.has(value);
}

/**
 * Maps a template can only read entries of: the reference itself (and any method call on it) is null. AWS documents
 * `$context.authorizer.claims` so: `.claims.sub` gives a claim, but "calling $context.authorizer.claims returns null".
 */
const entriesOnlyMaps = new WeakSet<object>();

export function markEntriesOnly(map: JavaMap): void {
  entriesOnlyMaps.add(map);
}

export function isEntriesOnly(value: unknown): boolean {
  return typeof value === 'object' && value !== null && entriesOnlyMaps.has(value);
}

/** A `Map.Entry` from `entrySet()`: `$e.key`, `$e.getValue()`, printed `key=value`. */
export class MapEntry {
  constructor(
    readonly key: unknown,
    private current: unknown,
    /** The map it came from, which `setValue` writes through to, as a LinkedHashMap entry does. */
    readonly owner?: JavaMap,
  ) {}

  get value(): unknown {
    return this.current;
  }

  setValue(value: unknown): unknown {
    const previous = this.current;
    this.current = value;
    if (this.owner && mapHas(this.owner, this.key)) mapSet(this.owner, this.key, value);
    return previous;
  }
}

/** A java.lang.Class, from `$value.class` or `getClass()`: printed `class java.util.ArrayList`, with `.name` and `.simpleName`. */
export class JavaClass {
  constructor(readonly name: string) {}

  get simpleName(): string {
    if (this.name.startsWith('[')) return `${ARRAY_COMPONENTS[this.name] ?? 'Object'}[]`;
    return this.name.slice(Math.max(this.name.lastIndexOf('.'), this.name.lastIndexOf('$')) + 1);
  }

  toString(): string {
    return `class ${this.name}`;
  }
}

/** The class names of the Java arrays that String methods return. */
export const ARRAY_CLASSES = { strings: '[Ljava.lang.String;', chars: '[C', bytes: '[B', objects: '[Ljava.lang.Object;' } as const;
const ARRAY_COMPONENTS: Record<string, string> = { '[Ljava.lang.String;': 'String', '[C': 'char', '[B': 'byte', '[Ljava.lang.Object;': 'Object' };

/**
 * Java arrays, by class name: `split()` returns a String[], `toCharArray()` a char[], `getBytes()` a byte[]. Velocity
 * lets templates index them, loop over them and call List methods on them (through its ArrayListWrapper), but an array
 * is no list: it prints as its class and identity hash (`[Ljava.lang.String;@1b6d3586`), equals only itself, and
 * cannot grow or shrink.
 */
const javaArrays = new WeakMap<unknown[], string>();

export function javaArray<T>(items: T[], className: string): T[] {
  javaArrays.set(items, className);
  return items;
}

/** The class name of a Java array (`[Ljava.lang.String;`), or undefined for anything else. */
export function javaArrayClass(value: unknown): string | undefined {
  return Array.isArray(value) ? javaArrays.get(value) : undefined;
}

export type MapViewKind = 'keySet' | 'values' | 'entrySet';

/** A map's `keySet()`, `values()` or `entrySet()`: a collection backed by the map, not a list. */
export interface MapView {
  kind: MapViewKind;
  owner: JavaMap;
}

const mapViews = new WeakMap<unknown[], MapView>();
const VIEW_CLASSES: Record<MapViewKind, string> = {
  keySet: 'java.util.LinkedHashMap$LinkedKeySet',
  values: 'java.util.LinkedHashMap$LinkedValues',
  entrySet: 'java.util.LinkedHashMap$LinkedEntrySet',
};

/**
 * Marks `items` as a view of `owner`. The view prints as a list does, but it is a Set (or, for `values()`, a bare
 * Collection): it has no `get(int)` and no index, refuses `add`, and `remove` takes the entry out of the map.
 */
export function mapView<T>(items: T[], kind: MapViewKind, owner: JavaMap): T[] {
  mapViews.set(items, { kind, owner });
  return items;
}

export function mapViewOf(value: unknown): MapView | undefined {
  return Array.isArray(value) ? mapViews.get(value) : undefined;
}

/** Whether the value prints as `[a, b]`: a java.util list or a map's view (AbstractCollection.toString). */
function printsAsCollection(value: unknown[]): boolean {
  return javaLists.has(value) || mapViews.has(value);
}

/**
 * The identity hash Java prints after an array's class name. Java's differs from run to run; the engine derives one
 * from the array's class and first contents, once per array, so that the same template prints the same text.
 */
const identityHashes = new WeakMap<object, number>();

export function identityHash(value: object): number {
  let hash = identityHashes.get(value);
  if (hash === undefined) {
    const seed = Array.isArray(value) ? `${javaArrays.get(value) ?? ''}:${value.length}:${value.slice(0, 16).map((v) => (typeof v === 'object' ? typeof v : String(v))).join(',')}` : 'object';
    // Java's identity hashes are positive and rarely short.
    hash = (fnv1a(seed) >>> 1) | 0x10000000;
    identityHashes.set(value, hash);
  }
  return hash;
}

/**
 * Objects the engine provides (`$input`, `$util`): callable members, and printed `{}` on their own as AWS does for
 * bare `$input` or `$util`.
 */
export abstract class TemplateHost {
  /** The value of `$host.name`, or undefined. */
  abstract property(name: string): unknown;
  /** The result of `$host.name(args)`, or NO_SUCH_METHOD. */
  abstract invoke(name: string, args: unknown[]): unknown;
  /** The map a host is in Java (Velocity's scopes extend AbstractMap), which it prints and compares as; else undefined. */
  asMap(): JavaMap | undefined {
    return undefined;
  }
  /** The text of a host whose `toString()` is its own (a `#define`'s block renders); else undefined. */
  printed(): string | undefined {
    return undefined;
  }
}

/** A host that is a map in Java stands for that map when printed or compared. */
function unwrapHost(value: unknown): unknown {
  return value instanceof TemplateHost ? (value.asMap() ?? value) : value;
}

/** A member named without a call (`$input.json`): AWS prints such references as `{}`. */
export class UncalledMember extends TemplateHost {
  property(): unknown {
    return undefined;
  }
  invoke(): unknown {
    return NO_SUCH_METHOD;
  }
}

/** A java.lang.Double of value `n`, boxed when JavaScript would otherwise take it for an integer. */
export function javaDouble(n: number): number | JavaDouble {
  return Number.isInteger(n) ? new JavaDouble(n) : n;
}

/** Integer, Long, BigInteger or Double as the engine holds them. */
export type JavaNumber = number | bigint | JavaDouble;

export function isJavaNumber(value: unknown): value is JavaNumber {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof JavaDouble;
}

/** Whether Java holds the number as a Double (so arithmetic on it is done in floating point). */
export function isJavaDouble(value: JavaNumber): boolean {
  return value instanceof JavaDouble || (typeof value === 'number' && !Number.isInteger(value));
}

/** Java integers stay exact: numbers while JavaScript can hold them exactly, bigints beyond. */
export function javaInteger(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/**
 * Velocity compares numbers of any kinds by value (MathUtils.compare); negative, zero or positive. With a Double it
 * compares doubles with `<` and `>` only, so NaN is neither less nor greater than anything: it compares as equal.
 */
export function compareJavaNumbers(a: JavaNumber, b: JavaNumber): number {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const exact = !isJavaDouble(a) && !isJavaDouble(b);
    if (exact) {
      const x = BigInt(a as number | bigint);
      const y = BigInt(b as number | bigint);
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Returned by method dispatch when the value has no such method with that many arguments (Velocity yields null). */
export const NO_SUCH_METHOD = Symbol('no such method');

/** The text a value renders as. Null renders empty at the top level (silent references) and `null` inside collections. */
export function javaToString(value: unknown, nested = false): string {
  if (value === undefined || value === null) return nested ? 'null' : '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return javaNumberToString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
  }
  try {
    return textOf(value, nested, 0);
  } catch (error) {
    throw nestingLimit(error, value);
  }
}

/** Thrown down the recursion when it passes MAX_VALUE_NESTING; the entry point turns it into a ValueNestingLimit. */
const TOO_DEEP = Symbol('too deep');

function nestingLimit(error: unknown, root: unknown): unknown {
  return error === TOO_DEEP ? new ValueNestingLimit(containsItself(root)) : error;
}

function textOf(value: unknown, nested: boolean, depth: number): string {
  if (typeof value !== 'object' || value === null) return javaToString(value, nested);
  if (depth > MAX_VALUE_NESTING) throw TOO_DEEP;
  if (value instanceof JavaDouble) return javaDoubleToString(value.value);
  if (value instanceof JavaChar) return value.value;
  if (value instanceof JavaClass) return value.toString();
  if (Array.isArray(value)) {
    const arrayClass = javaArrays.get(value);
    if (arrayClass) return `${arrayClass}@${identityHash(value).toString(16)}`;
    // AbstractCollection.toString names a list that holds itself instead of printing it again.
    if (printsAsCollection(value)) return `[${value.map((v) => (v === value ? '(this Collection)' : textOf(v, true, depth + 1))).join(', ')}]`;
    // A JSON array is json-smart's JSONArray, whose toString() escapes as JSONValue does for the web.
    return jsonSmartEscapes(writeJson(value, depth) ?? 'null', true);
  }
  if (value instanceof MapEntry) return `${textOf(value.key, true, depth + 1)}=${textOf(value.value, true, depth + 1)}`;
  if (value instanceof TemplateHost) {
    const printed = value.printed();
    if (printed !== undefined) return printed;
    const map = value.asMap();
    return map ? textOf(map, nested, depth) : '{}';
  }
  if (value instanceof RegExp) return value.source;
  // AbstractMap.toString likewise names a map that is its own key or value.
  const member = (v: unknown) => (v === value ? '(this Map)' : textOf(v, true, depth + 1));
  const parts: string[] = [];
  if (value instanceof Map) for (const [key, v] of value) parts.push(`${member(key)}=${member(v)}`);
  else for (const key in value as Record<string, unknown>) parts.push(`${key}=${member((value as Record<string, unknown>)[key])}`);
  return `{${parts.join(', ')}}`;
}

/** The lists, maps and entries a value holds, for the walk that tells a value that contains itself from a deep one. */
function childrenOf(value: unknown): unknown[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return value;
  if (value instanceof MapEntry) return [value.key, value.value];
  if (value instanceof Map) return [...value.keys(), ...value.values()];
  if (isRecordMap(value)) return Object.values(value);
  return undefined;
}

/** Whether some list or map inside `root` (or `root` itself) is reached again from inside itself. */
function containsItself(root: unknown): boolean {
  const open = new Set<unknown>();
  const done = new Set<unknown>();
  const stack: Array<{ value: unknown; children: unknown[]; next: number }> = [];
  const enter = (value: unknown): boolean => {
    const children = childrenOf(value);
    if (!children || done.has(value)) return false;
    if (open.has(value)) return true;
    open.add(value);
    stack.push({ value, children, next: 0 });
    return false;
  };
  if (enter(root)) return true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      if (enter(top.children[top.next++])) return true;
    } else {
      stack.pop();
      open.delete(top.value);
      done.add(top.value);
    }
  }
  return false;
}

/** Integers print without a fraction; other numbers are Doubles. */
export function javaNumberToString(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return javaDoubleToString(n);
}

/** Compact JSON as json-smart writes it; engine lists and maps inside are written as JSON arrays and objects. */
export function toJsonText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return writeJson(value === undefined ? null : value, 0) ?? 'null';
  try {
    return writeJson(value, 0) ?? 'null';
  } catch (error) {
    throw nestingLimit(error, value);
  }
}

/**
 * JSON.stringify's rules (undefined members left out, null in lists), except for numbers: json-smart writes a
 * Double with Double.toString (`1.0`, `1.0E-5`) and a BigInteger with all its digits. A map key is written as its
 * string form, as json-smart does with `toString()`.
 */
function writeJson(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // json-smart writes a Double as Double.toString does, except the infinities, which JSON cannot hold.
      return value === Infinity || value === -Infinity ? 'null' : Number.isNaN(value) ? 'NaN' : javaNumberToString(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  if (value instanceof JavaDouble) return javaDoubleToString(value.value);
  if (value instanceof TemplateHost) {
    const map = value.asMap();
    return map ? writeJson(map, depth) : '{}';
  }
  if (value instanceof JavaChar || value instanceof JavaClass) return JSON.stringify(value.toString());
  if (depth > MAX_VALUE_NESTING) throw TOO_DEEP;
  if (value instanceof MapEntry) return writeMembers([[value.key, value.value]], depth);
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(item, depth + 1) ?? 'null').join(',')}]`;
  return writeMembers(value instanceof Map ? value : Object.entries(value as Record<string, unknown>), depth);
}

/** JSON.stringify-style text (toJsonText's) with json-smart's string escapes instead. */
export function jsonSmartEscapes(text: string, protect4Web: boolean): string {
  const special = protect4Web ? /[\\/\u007f-\u009f\u2000-\u20ff]/ : /[\\\u007f-\u009f\u2000-\u20ff]/;
  if (!special.test(text)) return text;
  // JSON.stringify's escapes are rewritten one by one (a `\\` is one escape, so what follows it is plain text); the
  // characters only json-smart escapes can only stand inside strings.
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|.)|[/\u007f-\u009f\u2000-\u20ff]/g, (match, hex: string | undefined) => {
    if (hex !== undefined) {
      const code = parseInt(hex, 16);
      return code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : unicodeEscape(code);
    }
    if (match === '/') return protect4Web ? '\\/' : '/';
    return match.length === 1 ? unicodeEscape(match.charCodeAt(0)) : match;
  });
}

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function writeMembers(entries: Iterable<[unknown, unknown]>, depth: number): string {
  const parts: string[] = [];
  for (const [key, member] of entries) {
    const text = writeJson(member, depth + 1);
    if (text !== undefined) parts.push(`${JSON.stringify(typeof key === 'string' ? key : textOf(key, true, depth + 1))}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Velocity's `==` (ASTEQNode): numbers by value; values of one class, or of classes one of which extends the other,
 * with Java's equals(); any other two by their string forms (so the list `[a]` equals the String "[a]").
 * One AWS-recorded exception: a missing `$input.path(...)` result is equal both to `$null` and to `""`
 * (LocalStack parity snapshot `isNull: "true", isEmptyString: "true"`), so null and the empty string compare equal.
 */
export function javaEquals(a: unknown, b: unknown): boolean {
  return compareWhole(a, b, equalsAt);
}

/** A comparison of two values from the top, the stack running out on nested values turned into the nesting limit. */
function compareWhole(a: unknown, b: unknown, at: (a: unknown, b: unknown, depth: number) => boolean): boolean {
  a = unwrapHost(a);
  b = unwrapHost(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return at(a, b, 0);
  try {
    return at(a, b, 0);
  } catch (error) {
    throw nestingLimit(error, [a, b]);
  }
}

function equalsAt(a: unknown, b: unknown, depth: number): boolean {
  const aNull = a === undefined || a === null;
  const bNull = b === undefined || b === null;
  if (aNull || bNull) return (aNull && bNull) || a === '' || b === '';
  if (isJavaNumber(a) && isJavaNumber(b)) return compareJavaNumbers(a, b) === 0;
  if (typeof a === typeof b && typeof a !== 'object') return a === b;
  if (classFamily(a) === classFamily(b)) return objectEqualsAt(a, b, depth);
  return textOf(a, true, depth) === textOf(b, true, depth);
}

/**
 * Which values Velocity's `==` hands to equals(): json-smart's JSONArray extends ArrayList, so every list is one
 * family; every map is another (the engine does not tell a JSON object from a map literal). Other values go by class.
 */
function classFamily(value: unknown): string | undefined {
  if (Array.isArray(value) && !javaArrays.has(value) && !mapViews.has(value)) return 'list';
  if (isMapValue(value)) return 'map';
  return javaClassName(value);
}

/** Java's equals(): values of different classes are never equal (the Integer 1 is not the Double 1.0 nor the String "1"). */
export function javaObjectEquals(a: unknown, b: unknown): boolean {
  return compareWhole(a, b, objectEqualsAt);
}

function objectEqualsAt(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  const aNull = a === undefined || a === null;
  const bNull = b === undefined || b === null;
  if (aNull || bNull) return aNull && bNull;
  // Double.equals compares bits: NaN equals NaN, and 0.0 is not -0.0.
  if (isJavaNumber(a)) return isJavaNumber(b) && javaTypeName(a) === javaTypeName(b) && (isJavaDouble(a) ? Object.is(Number(a), Number(b)) : compareJavaNumbers(a, b) === 0);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (depth > MAX_VALUE_NESTING) throw TOO_DEEP;
  if (a instanceof JavaChar) return b instanceof JavaChar && a.value === b.value;
  if (a instanceof JavaClass) return b instanceof JavaClass && a.name === b.name;
  if (a instanceof MapEntry) return b instanceof MapEntry && objectEqualsAt(a.key, b.key, depth + 1) && objectEqualsAt(a.value, b.value, depth + 1);
  if (Array.isArray(a)) return Array.isArray(b) && collectionEquals(a, b, depth);
  if (isMapValue(a) && isMapValue(b)) {
    // AbstractMap.equals: the same keys with equal values, in any order.
    if (mapSize(a) !== mapSize(b)) return false;
    return mapEntries(a).every(([k, v]) => mapHas(b, k) && objectEqualsAt(v, mapGet(b, k), depth + 1));
  }
  return false;
}

/** List.equals element by element; Set.equals whatever the order; an array, or a map's `values()`, only itself. */
function collectionEquals(a: unknown[], b: unknown[], depth: number): boolean {
  if (javaArrays.has(a) || javaArrays.has(b)) return false;
  const aView = mapViews.get(a);
  const bView = mapViews.get(b);
  if (aView?.kind === 'values' || bView?.kind === 'values') return false;
  if (aView || bView) {
    if (!aView || !bView || a.length !== b.length) return false;
    return b.every((item) => a.some((mine) => objectEqualsAt(mine, item, depth + 1)));
  }
  return a.length === b.length && a.every((v, i) => objectEqualsAt(v, b[i], depth + 1));
}

/** Java's hashCode(), for the classes templates hold; an array's is its identity hash. */
export function javaHashCode(value: unknown): number {
  value = unwrapHost(value);
  if (typeof value !== 'object' || value === null) return hashAt(value, 0);
  try {
    return hashAt(value, 0);
  } catch (error) {
    throw nestingLimit(error, value);
  }
}

function hashAt(value: unknown, depth: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'string') return stringHash(value);
  if (typeof value === 'boolean') return value ? 1231 : 1237;
  if (isJavaNumber(value)) return numberHash(value);
  if (depth > MAX_VALUE_NESTING) throw TOO_DEEP;
  if (value instanceof JavaChar) return value.value.charCodeAt(0);
  if (value instanceof JavaClass) return stringHash(value.name);
  if (value instanceof MapEntry) return hashAt(value.key, depth + 1) ^ hashAt(value.value, depth + 1);
  if (Array.isArray(value)) {
    const view = mapViews.get(value);
    if (javaArrays.has(value) || view?.kind === 'values') return identityHash(value);
    // AbstractSet.hashCode sums its elements' hashes; List.hashCode folds them in order.
    if (view) return value.reduce<number>((sum, item) => (sum + hashAt(item, depth + 1)) | 0, 0);
    return value.reduce<number>((h, item) => (Math.imul(31, h) + (item === value ? identityHash(value) : hashAt(item, depth + 1))) | 0, 1);
  }
  if (isMapValue(value)) return mapEntries(value).reduce<number>((sum, [k, v]) => (sum + (hashAt(k, depth + 1) ^ hashAt(v, depth + 1))) | 0, 0);
  return identityHash(value as object);
}

export function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Integer.hashCode is the value, Long's folds the two halves, Double's those of its bits, BigInteger's its magnitude's words. */
function numberHash(value: JavaNumber): number {
  const type = javaTypeName(value);
  if (type === 'Double') {
    const view = new DataView(new ArrayBuffer(8));
    // Double.doubleToLongBits makes every NaN the one canonical NaN.
    view.setFloat64(0, Number.isNaN(Number(value)) ? NaN : Number(value));
    return (view.getInt32(0) ^ view.getInt32(4)) | 0;
  }
  const n = BigInt(value as number | bigint);
  if (type === 'Integer') return Number(n);
  if (type === 'Long') {
    const bits = BigInt.asUintN(64, n);
    return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)));
  }
  let magnitude = n < 0n ? -n : n;
  const words: number[] = [];
  for (; magnitude > 0n; magnitude >>= 32n) words.unshift(Number(magnitude & 0xffffffffn));
  let h = 0;
  for (const word of words) h = (Math.imul(31, h) + word) | 0;
  return n < 0n ? -h | 0 : h;
}

/** Velocity's `#if($x)`: only null and Boolean false are false; `""`, `0` and empty lists are true. */
export function javaTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

/** Java type name for messages, e.g. "String" for `"abc"`. */
export function javaTypeName(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return 'String';
  if (isJavaNumber(value)) {
    if (isJavaDouble(value)) return 'Double';
    const n = BigInt(value as number | bigint);
    return n >= -(2n ** 31n) && n < 2n ** 31n ? 'Integer' : n >= -(2n ** 63n) && n < 2n ** 63n ? 'Long' : 'BigInteger';
  }
  if (typeof value === 'boolean') return 'Boolean';
  if (value instanceof JavaChar) return 'Character';
  if (value instanceof JavaClass) return 'Class';
  if (Array.isArray(value)) {
    const arrayClass = javaArrays.get(value);
    if (arrayClass) return `${ARRAY_COMPONENTS[arrayClass] ?? 'Object'}[]`;
    const view = mapViews.get(value);
    return view ? (view.kind === 'values' ? 'Collection' : 'Set') : 'List';
  }
  if (value instanceof MapEntry) return 'Map.Entry';
  if (value instanceof TemplateHost) return 'Object';
  return 'Map';
}

const NUMBER_CLASSES: Record<string, string> = {
  Integer: 'java.lang.Integer',
  Long: 'java.lang.Long',
  BigInteger: 'java.math.BigInteger',
  Double: 'java.lang.Double',
};

/**
 * The Java class of a template value, as `$value.class` names it. Lists the engine makes are ArrayLists and JSON
 * arrays json-smart's JSONArray; maps are LinkedHashMaps (Velocity's map literals, and the objects JsonPath reads).
 * Undefined for null and for the engine's own objects.
 */
export function javaClassName(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (isJavaNumber(value)) return NUMBER_CLASSES[javaTypeName(value)];
  if (value instanceof JavaChar) return 'java.lang.Character';
  if (value instanceof JavaClass) return 'java.lang.Class';
  if (value instanceof MapEntry) return 'java.util.LinkedHashMap$Entry';
  if (Array.isArray(value)) {
    const view = mapViews.get(value);
    return javaArrays.get(value) ?? (view ? VIEW_CLASSES[view.kind] : javaLists.has(value) ? 'java.util.ArrayList' : 'net.minidev.json.JSONArray');
  }
  if (isMapValue(value)) return 'java.util.LinkedHashMap';
  return undefined;
}
