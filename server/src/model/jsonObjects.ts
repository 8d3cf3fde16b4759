/** A JSON object as parsed (not an array, not null): what settings and configuration files hold at each level. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets `key` as an own property even when it is a name every object has: `map.__proto__ = v` would replace the
 * prototype instead, and `map.constructor` reads Object's own. For maps keyed by names a client or backend sends.
 */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The own value of `key`, never one every object inherits (`constructor`, `toString`). */
export function getOwn<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Appends to the list under `key`, making it on first use; see `setOwn` for why. */
export function appendOwn<T>(map: Record<string, T[]>, key: string, value: T): void {
  const list = getOwn(map, key);
  if (list) list.push(value);
  else setOwn(map, key, [value]);
}

/** `Object.assign` for such maps: a `__proto__` entry of `source` is copied as an entry, not made the prototype. */
export function assignOwn<T>(target: Record<string, T>, source: Record<string, T>): void {
  for (const [key, value] of Object.entries(source)) setOwn(target, key, value);
}
