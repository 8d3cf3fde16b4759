import { isMapValue, mapGet, mapHas, mapKeys, mapSize } from '../javaMaps';
import { compareJavaNumbers, isJavaNumber, toJsonText } from '../javaValues';

export const MISSING = Symbol('missing');

export function compareValues(op: string, left: unknown, right: unknown): boolean {
  if (left === MISSING || right === MISSING) return op === '!=' && left !== right;
  switch (op) {
    case '==':
      return looseEquals(left, right);
    case '!=':
      return !looseEquals(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const order = compareOrder(left, right);
      if (order === undefined) return false;
      return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
    }
    case '=~':
      return typeof left === 'string' && right instanceof RegExp && fullMatch(right, left);
    case 'in':
      return Array.isArray(right) && right.some((r) => looseEquals(left, r));
    case 'nin':
      return Array.isArray(right) && !right.some((r) => looseEquals(left, r));
    case 'subsetof':
      return Array.isArray(left) && Array.isArray(right) && left.every((l) => right.some((r) => looseEquals(l, r)));
    case 'anyof':
      return Array.isArray(left) && Array.isArray(right) && left.some((l) => right.some((r) => looseEquals(l, r)));
    case 'noneof':
      return Array.isArray(left) && Array.isArray(right) && !left.some((l) => right.some((r) => looseEquals(l, r)));
    case 'size':
      return typeof right === 'number' && sizeOf(left) === right;
    case 'empty':
      return right === (sizeOf(left) === 0);
  }
  return false;
}

/** Jayway's `=~` uses Matcher.matches(): the whole value must match. */
function fullMatch(regex: RegExp, text: string): boolean {
  const anchored = new RegExp(`^(?:${regex.source})$`, regex.flags.replace('g', ''));
  return anchored.test(text);
}

/** Jayway's length of a string, list or map; undefined for anything else. */
function sizeOf(value: unknown): number | undefined {
  if (Array.isArray(value) || typeof value === 'string') return value.length;
  return isMapValue(value) ? mapSize(value) : undefined;
}

function looseEquals(a: unknown, b: unknown): boolean {
  if (isJavaNumber(a) && isJavaNumber(b)) return compareJavaNumbers(a, b) === 0;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  return sameJson(a, b);
}

/**
 * Jayway compares JSON nodes with Java's equals: lists in order, maps whatever their order (a document's map against
 * a literal in the filter, which may list the same members otherwise), other values by their JSON text.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isMapValue(a) && isMapValue(b)) {
    return mapSize(a) === mapSize(b) && mapKeys(a).every((key) => mapHas(b, key) && sameJson(mapGet(a, key), mapGet(b, key)));
  }
  return toJsonText(a) === toJsonText(b);
}

function compareOrder(a: unknown, b: unknown): number | undefined {
  if (isJavaNumber(a) && isJavaNumber(b)) return compareJavaNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}
