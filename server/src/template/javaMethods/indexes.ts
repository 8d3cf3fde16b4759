/** `$value[key]` and `#set($value[key] = x)`: reading and writing by index or key, as Velocity 1.7's ASTIndex does. */
import { isMapValue, mapGet, mapSet, mapSize } from '../javaMaps';
import { javaToString, javaTypeName, mapViewOf, TemplateHost } from '../javaValues';
import { checkIndex } from './collections';
import { JavaMethodError } from './errors';
import { checkArrayElement } from './lists';
import { isJavaInt } from './methodTable';

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

/** ASTIndex.adjMinusIndexArg: a negative Integer counts from the end of anything with a `size()` method. */
function fromEnd(target: unknown, key: unknown): unknown {
  if (!isJavaInt(key) || key >= 0) return key;
  if (Array.isArray(target)) return target.length + key;
  if (isMapValue(target)) return mapSize(target) + key;
  throw new JavaMethodError(
    `the index ${key} counts from the end, which needs a size() method, and ${javaTypeName(target)} has none (Velocity 1.7 fails the template here)`,
  );
}
