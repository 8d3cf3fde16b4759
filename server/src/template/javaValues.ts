/**
 * How API Gateway's Java runtime shows and compares template values. JSON payloads are kept as plain JavaScript
 * values (parsed once); what differs from JavaScript is decided here: string form, equality and truth.
 */

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

/** A `Map.Entry` from `entrySet()`: `$e.key`, `$e.getValue()`, printed `key=value`. */
export class MapEntry {
  constructor(
    readonly key: string,
    public value: unknown,
  ) {}
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

/** Returned by method dispatch when the value has no such method with that many arguments (Velocity yields null). */
export const NO_SUCH_METHOD = Symbol('no such method');

export type JavaMap = Record<string, unknown>;

export function isJavaMap(value: unknown): value is JavaMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof TemplateHost) && !(value instanceof MapEntry);
}

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
  if (Array.isArray(value)) {
    if (javaLists.has(value)) return `[${value.map((v) => javaToString(v, true)).join(', ')}]`;
    return toJsonText(value);
  }
  if (value instanceof MapEntry) return `${value.key}=${javaToString(value.value, true)}`;
  if (value instanceof TemplateHost) return '{}';
  if (value instanceof RegExp) return value.source;
  const map = value as JavaMap;
  const parts: string[] = [];
  for (const key in map) parts.push(`${key}=${javaToString(map[key], true)}`);
  return `{${parts.join(', ')}}`;
}

/** Integers print without a fraction; other numbers as Java's Double.toString (`1.5E7` from ten million on). */
export function javaNumberToString(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) return String(n);
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Compact JSON as json-smart writes it; engine lists and maps inside are written as JSON arrays and objects. */
export function toJsonText(value: unknown): string {
  return (
    JSON.stringify(value === undefined ? null : value, (_key, v: unknown) => {
      if (v instanceof MapEntry) return { [v.key]: v.value };
      if (v instanceof TemplateHost) return {};
      return v;
    }) ?? 'null'
  );
}

/**
 * Velocity's `==`: numbers by value, same kinds with equals(), different kinds by their string forms.
 * One AWS-recorded exception: a missing `$input.path(...)` result is equal both to `$null` and to `""`
 * (LocalStack parity snapshot `isNull: "true", isEmptyString: "true"`), so null and the empty string compare equal.
 */
export function javaEquals(a: unknown, b: unknown): boolean {
  const aNull = a === undefined || a === null;
  const bNull = b === undefined || b === null;
  if (aNull || bNull) return (aNull && bNull) || a === '' || b === '';
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === typeof b && typeof a !== 'object') return a === b;
  if (typeof a === 'object' && typeof b === 'object') return deepEquals(a, b);
  return javaToString(a, true) === javaToString(b, true);
}

function deepEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => javaEquals(v, b[i]));
  }
  if (isJavaMap(a) && isJavaMap(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && javaEquals(a[k], b[k]));
  }
  return javaToString(a, true) === javaToString(b, true);
}

/** Velocity's `#if($x)`: only null and Boolean false are false; `""`, `0` and empty lists are true. */
export function javaTruthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

/** Java type name for messages, e.g. "String" for `"abc"`. */
export function javaTypeName(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Double';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) return 'List';
  if (value instanceof MapEntry) return 'Map.Entry';
  if (value instanceof TemplateHost) return 'Object';
  return 'Map';
}
