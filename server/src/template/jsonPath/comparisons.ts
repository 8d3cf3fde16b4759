/**
 * How Jayway JsonPath 2.0 compares in a filter (Criteria.safeCompare and the CriteriaTypes). The text written in the
 * filter stays a String, so `@.price < 10` compares a document Number with the String "10": as BigDecimals. Other
 * pairs of kinds: both strings by String.compareTo, a String with a Boolean by Boolean.valueOf, `null` (or the text
 * "null") below anything else; any other pair cannot be compared and the condition is false. Some pairs make Java
 * throw instead (a String that is no number against a Number, a pattern missing from `=~`), which ends the whole
 * read: see evaluator.ts.
 */
import { isJavaNumber, javaToString } from '../javaValues';
import type { CompareOperator, JavaPattern } from './compiledPath';

/** A Java exception during a comparison that Jayway lets through (NumberFormatException, ClassCastException). */
export class ComparisonFailure extends Error {}

/** Jayway's ValueCompareException: the two values cannot be compared, and the condition is false. */
class Incomparable extends Error {}

/** `model` is the left side's value, `expected` the right side's; both may be patterns. */
export function compareWith(operator: CompareOperator, expected: unknown, model: unknown): boolean {
  try {
    switch (operator) {
      case '==':
        return safeCompare(expected, model) === 0;
      case '!=':
        return safeCompare(expected, model) !== 0;
      case '=~':
        return matchesPattern(expected, model);
    }
    if (isNull(expected) !== isNull(model)) return false;
    const order = safeCompare(expected, model);
    switch (operator) {
      case '>':
        return order < 0;
      case '>=':
        return order <= 0;
      case '<':
        return order > 0;
      case '<=':
        return order >= 0;
    }
  } catch (error) {
    if (error instanceof Incomparable) return false;
    throw error;
  }
}

function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

function isNullish(value: unknown): boolean {
  return isNull(value) || value === 'null';
}

function isPattern(value: unknown): value is JavaPattern {
  return typeof value === 'object' && value !== null && (value as JavaPattern).regex instanceof RegExp;
}

/** Matcher.matches() of the pattern on either side against the other side's toString(). */
function matchesPattern(expected: unknown, model: unknown): boolean {
  const [pattern, target] = isPattern(model) ? [model, expected] : [expected, model];
  if (!isPattern(pattern)) {
    if (isNull(pattern) && isNull(target)) return false;
    throw new ComparisonFailure(`=~ needs a pattern such as /.../ on one side, not ${javaToString(pattern, true)}`);
  }
  if (isNull(target)) return false;
  return new RegExp(`^(?:${pattern.regex.source})$`, pattern.regex.flags.replace(/[gy]/g, '')).test(javaToString(target));
}

function safeCompare(left: unknown, right: unknown): number {
  if (left === right && (typeof left === 'object' || left === undefined)) return 0;
  const leftNullish = isNullish(left);
  const rightNullish = isNullish(right);
  if (leftNullish || rightNullish) return leftNullish === rightNullish ? 0 : leftNullish ? -1 : 1;
  if (typeof left === 'string' && typeof right === 'string') {
    const text = left.includes("'") ? left.split("\\'").join("'") : left;
    return text < right ? -1 : text > right ? 1 : 0;
  }
  if ((isJavaNumber(left) || typeof left === 'string') && isJavaNumber(right)) {
    return compareDecimals(decimalOf(javaToString(left)), decimalOf(javaToString(right)));
  }
  if ((typeof left === 'string' || typeof left === 'boolean') && typeof right === 'boolean') {
    const leftValue = typeof left === 'boolean' ? left : left.toLowerCase() === 'true';
    return leftValue === right ? 0 : leftValue ? 1 : -1;
  }
  throw new Incomparable();
}

/** A BigDecimal: sign, digits without leading zeros, and the power of ten of the last digit. */
interface Decimal {
  negative: boolean;
  digits: string;
  exponent: number;
}

/** new BigDecimal(text), which refuses anything but a plain or scientific decimal (no spaces, no NaN). */
function decimalOf(text: string): Decimal {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new ComparisonFailure(`NumberFormatException: '${text}' is not a number`);
  const fraction = match[3] ?? '';
  const digits = (match[2] + fraction).replace(/^0+/, '');
  return { negative: match[1] === '-' && digits !== '', digits, exponent: Number(match[4] ?? 0) - fraction.length };
}

/** BigDecimal.compareTo: by value, whatever the scale (`1.0` equals `1`). */
function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.digits === '' || b.digits === '') return a.digits === b.digits ? 0 : a.digits === '' ? -sign : sign;
  // The power of ten of the leading digit decides, unless it is the same; then the digits do, aligned.
  const magnitudeA = a.digits.length + a.exponent;
  const magnitudeB = b.digits.length + b.exponent;
  if (magnitudeA !== magnitudeB) return magnitudeA < magnitudeB ? -sign : sign;
  const width = Math.max(a.digits.length, b.digits.length);
  const x = a.digits.padEnd(width, '0');
  const y = b.digits.padEnd(width, '0');
  return x === y ? 0 : x < y ? -sign : sign;
}
