/**
 * How API Gateway's Java runtime shows and compares template values. JSON payloads are kept as JavaScript values
 * (parsed once, objects as ordered Maps, see javaMaps); what differs from JavaScript is decided here: string form,
 * equality and truth.
 */
import { JavaDouble, javaDoubleToString } from './javaDouble';
import { isMapValue, isRecordMap, mapEntries, mapGet, mapHas, mapSet, mapSize, type JavaMap } from './javaMaps';
import { MAX_VALUE_NESTING, ValueNestingLimit } from './limits';

export { JavaDouble, javaDoubleToString } from './javaDouble';

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
    private readonly owner?: JavaMap,
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

/**
 * Objects the engine provides (`$input`, `$util`): callable members, and printed `{}` on their own as AWS does for
 * bare `$input` or `$util`.
 */
export abstract class TemplateHost {
  /** The value of `$host.name`, or undefined. */
  abstract property(name: string): unknown;
  /** The result of `$host.name(args)`, or NO_SUCH_METHOD. */
  abstract invoke(name: string, args: unknown[]): unknown;
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

/** Velocity compares numbers of any kinds by value (MathUtils.compare); negative, zero or positive. */
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
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
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
  if (Array.isArray(value)) {
    // AbstractCollection.toString names a list that holds itself instead of printing it again.
    if (javaLists.has(value)) return `[${value.map((v) => (v === value ? '(this Collection)' : textOf(v, true, depth + 1))).join(', ')}]`;
    return writeJson(value, depth) ?? 'null';
  }
  if (value instanceof MapEntry) return `${textOf(value.key, true, depth + 1)}=${textOf(value.value, true, depth + 1)}`;
  if (value instanceof TemplateHost) return '{}';
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
      return Number.isFinite(value) ? javaNumberToString(value) : 'null';
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
  if (value instanceof TemplateHost) return '{}';
  if (depth > MAX_VALUE_NESTING) throw TOO_DEEP;
  if (value instanceof MapEntry) return writeMembers([[value.key, value.value]], depth);
  if (Array.isArray(value)) return `[${value.map((item) => writeJson(item, depth + 1) ?? 'null').join(',')}]`;
  return writeMembers(value instanceof Map ? value : Object.entries(value as Record<string, unknown>), depth);
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
 * Velocity's `==`: numbers by value, same kinds with equals(), different kinds by their string forms.
 * One AWS-recorded exception: a missing `$input.path(...)` result is equal both to `$null` and to `""`
 * (LocalStack parity snapshot `isNull: "true", isEmptyString: "true"`), so null and the empty string compare equal.
 */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return equalsAt(a, b, 0);
  try {
    return equalsAt(a, b, 0);
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
  if (typeof a === 'object' && typeof b === 'object') return deepEquals(a, b, depth);
  return textOf(a, true, depth) === textOf(b, true, depth);
}

function deepEquals(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > MAX_VALUE_NESTING) throw TOO_DEEP;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => equalsAt(v, b[i], depth + 1));
  }
  if (isMapValue(a) && isMapValue(b)) {
    // AbstractMap.equals: the same keys with equal values, in any order.
    if (mapSize(a) !== mapSize(b)) return false;
    return mapEntries(a).every(([k, v]) => mapHas(b, k) && equalsAt(v, mapGet(b, k), depth + 1));
  }
  return textOf(a, true, depth) === textOf(b, true, depth);
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
  if (Array.isArray(value)) return 'List';
  if (value instanceof MapEntry) return 'Map.Entry';
  if (value instanceof TemplateHost) return 'Object';
  return 'Map';
}
