/**
 * Sets a key as the newest entry of a map kept in insertion order, dropping the oldest once there are more than `max`:
 * the caches of files and validations keep what was used last.
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}
