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
      return (Array.isArray(left) || typeof left === 'string') && typeof right === 'number' && left.length === right;
    case 'empty': {
      const empty = (Array.isArray(left) || typeof left === 'string') && left.length === 0;
      return right === empty;
    }
  }
  return false;
}

/** Jayway's `=~` uses Matcher.matches(): the whole value must match. */
function fullMatch(regex: RegExp, text: string): boolean {
  const anchored = new RegExp(`^(?:${regex.source})$`, regex.flags.replace('g', ''));
  return anchored.test(text);
}

function looseEquals(a: unknown, b: unknown): boolean {
  if (isJavaNumber(a) && isJavaNumber(b)) return compareJavaNumbers(a, b) === 0;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  return toJsonText(a) === toJsonText(b);
}

function compareOrder(a: unknown, b: unknown): number | undefined {
  if (isJavaNumber(a) && isJavaNumber(b)) return compareJavaNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}
