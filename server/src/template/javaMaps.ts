/**
 * Maps as templates see them. Java's maps keep their members in insertion order (json-smart's JSONObject behind
 * `$input.path` and `$util.parseJson`, LinkedHashMap behind Velocity map literals); a JavaScript object does not, it
 * lists integer-like keys first. So every map the engine makes is a `Map`. The maps the host hands in stay records
 * (`$context` and the maps inside it): the evaluator and the local gateway read them back once the template has run,
 * and their keys are names the host chose. Every map operation goes through here, so that both kinds act alike.
 */

/** A map the engine made: a JSON object, a map literal, `$input.params()`. */
export type OrderedMap = Map<string, unknown>;
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

export function mapGet(map: JavaMap, key: string): unknown {
  if (map instanceof Map) return map.get(key);
  return hasOwn.call(map, key) ? map[key] : undefined;
}

export function mapHas(map: JavaMap, key: string): boolean {
  return map instanceof Map ? map.has(key) : hasOwn.call(map, key);
}

/** A new key goes last; an existing one keeps its place, as in LinkedHashMap.put. */
export function mapSet(map: JavaMap, key: string, value: unknown): void {
  if (map instanceof Map) map.set(key, value);
  // An own `__proto__` member, as JSON.parse makes one, rather than a new prototype.
  else if (key === '__proto__') Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

export function mapDelete(map: JavaMap, key: string): void {
  if (map instanceof Map) map.delete(key);
  else delete map[key];
}

export function mapClear(map: JavaMap): void {
  if (map instanceof Map) map.clear();
  else for (const key of Object.keys(map)) delete map[key];
}

export function mapSize(map: JavaMap): number {
  return map instanceof Map ? map.size : Object.keys(map).length;
}

export function mapKeys(map: JavaMap): string[] {
  return map instanceof Map ? Array.from(map.keys()) : Object.keys(map);
}

export function mapValues(map: JavaMap): unknown[] {
  return map instanceof Map ? Array.from(map.values()) : Object.values(map);
}

export function mapEntries(map: JavaMap): Array<[string, unknown]> {
  return map instanceof Map ? Array.from(map) : Object.entries(map);
}

/** A shallow copy that keeps the order. */
export function orderedMapOf(map: JavaMap): OrderedMap {
  return map instanceof Map ? new Map(map) : new Map(Object.entries(map));
}
