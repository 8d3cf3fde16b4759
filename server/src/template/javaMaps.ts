/**
 * Maps as templates see them. Java's maps keep their members in insertion order (json-smart's JSONObject behind
 * `$input.path` and `$util.parseJson`, LinkedHashMap behind Velocity map literals); a JavaScript object does not, it
 * lists integer-like keys first. So every map the engine makes is a `Map`. The maps the host hands in stay records
 * (`$context` and the maps inside it): the evaluator and the local gateway read them back once the template has run,
 * and their keys are names the host chose. Every map operation goes through here, so that both kinds act alike.
 *
 * A key is any template value, as in a Java map: the Integer 1 and the String "1" are two keys (`{1: "a", "1": "b"}`
 * has two entries, and `$json.get(1)` finds nothing in a JSON object, whose keys are all strings). Keys that
 * JavaScript compares by identity (a whole-valued Double, a list, a map) are compared as Java's equals() would.
 */
import { JavaChar, JavaDouble } from './javaDouble';

/** A map the engine made: a JSON object, a map literal, `$input.params()`. */
export type OrderedMap = Map<unknown, unknown>;
/** A map the host handed in as a record. */
export type RecordMap = Record<string, unknown>;
export type JavaMap = OrderedMap | RecordMap;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A plain record: made by a literal or JSON.parse (a proxy over one answers as its target). Instances of classes,
 * `Map`s included, are not records.
 */
export function isRecordMap(value: unknown): value is RecordMap {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function isMapValue(value: unknown): value is JavaMap {
  return value instanceof Map || isRecordMap(value);
}

/**
 * The key under which `map` holds `key`, when JavaScript's own lookup would miss it: keys that are objects are
 * compared by value. Undefined when the map has no such key.
 */
function storedKey(map: OrderedMap, key: object): unknown {
  for (const candidate of map.keys()) if (sameKey(candidate, key)) return candidate;
  return undefined;
}

/** Java's equals() between two keys. */
export function sameKey(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof JavaDouble) return b instanceof JavaDouble && Object.is(a.value, b.value);
  if (a instanceof JavaChar) return b instanceof JavaChar && a.value === b.value;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameKey(item, b[i]));
  if (isMapValue(a) && isMapValue(b)) {
    if (mapSize(a) !== mapSize(b)) return false;
    for (const [k, v] of mapEntries(a)) if (!mapHas(b, k) || !sameKey(v, mapGet(b, k))) return false;
    return true;
  }
  return false;
}

/** A host record holds String keys only; another key reaches it by its string form, as the host's names are strings. */
function recordKey(key: unknown): string {
  return typeof key === 'string' ? key : String(key instanceof JavaDouble ? key.toString() : key);
}

export function mapGet(map: JavaMap, key: unknown): unknown {
  if (map instanceof Map) {
    if (typeof key !== 'object' || key === null) return map.get(key === undefined ? null : key);
    const stored = storedKey(map, key);
    return stored === undefined ? undefined : map.get(stored);
  }
  const name = recordKey(key);
  return hasOwn.call(map, name) ? map[name] : undefined;
}

export function mapHas(map: JavaMap, key: unknown): boolean {
  if (map instanceof Map) {
    if (typeof key !== 'object' || key === null) return map.has(key === undefined ? null : key);
    return storedKey(map, key) !== undefined;
  }
  return hasOwn.call(map, recordKey(key));
}

/** A new key goes last; an existing one keeps its place, as in LinkedHashMap.put. */
export function mapSet(map: JavaMap, key: unknown, value: unknown): void {
  if (map instanceof Map) {
    const stored = typeof key === 'object' && key !== null ? storedKey(map, key) : undefined;
    map.set(stored ?? (key === undefined ? null : key), value);
    return;
  }
  const name = recordKey(key);
  // An own `__proto__` member, as JSON.parse makes one, rather than a new prototype.
  if (name === '__proto__') Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
  else map[name] = value;
}

export function mapDelete(map: JavaMap, key: unknown): void {
  if (map instanceof Map) {
    const stored = typeof key === 'object' && key !== null ? storedKey(map, key) : undefined;
    map.delete(stored ?? (key === undefined ? null : key));
  } else {
    delete map[recordKey(key)];
  }
}

export function mapClear(map: JavaMap): void {
  if (map instanceof Map) map.clear();
  else for (const key of Object.keys(map)) delete map[key];
}

export function mapSize(map: JavaMap): number {
  return map instanceof Map ? map.size : Object.keys(map).length;
}

export function mapKeys(map: JavaMap): unknown[] {
  return map instanceof Map ? Array.from(map.keys()) : Object.keys(map);
}

export function mapValues(map: JavaMap): unknown[] {
  return map instanceof Map ? Array.from(map.values()) : Object.values(map);
}

export function mapEntries(map: JavaMap): Array<[unknown, unknown]> {
  return map instanceof Map ? Array.from(map) : Object.entries(map);
}

/** A shallow copy that keeps the order. */
export function orderedMapOf(map: JavaMap): OrderedMap {
  return map instanceof Map ? new Map(map) : new Map(Object.entries(map));
}
