/** Integer, Long, BigInteger and Double: Number's methods and each class's static ones. */
import { compareJavaNumbers, isJavaDouble, javaDouble, javaHashCode, javaInteger, javaToString, type JavaNumber } from '../javaValues';
import { comparedWith, int, text } from './arguments';
import { JavaMethodError } from './errors';
import { JavaMethods, type MethodTable } from './methodTable';
import { objectMethods } from './objects';

/** Java's narrowing of a double to an integer type: NaN is 0, and values beyond the range stop at its ends. */
function narrowDouble(n: number, bits: 32 | 64): number | bigint {
  if (Number.isNaN(n)) return 0;
  const max = 2n ** BigInt(bits - 1);
  if (n >= Number(max)) return javaInteger(max - 1n);
  if (n <= -Number(max)) return javaInteger(-max);
  return Math.trunc(n);
}

/** intValue(), longValue(), shortValue(), byteValue(): a double narrowed, an integer cut to its low bits. */
function integerValue(value: JavaNumber, bits: 8 | 16 | 32 | 64): number | bigint {
  const whole = isJavaDouble(value) ? narrowDouble(Number(value), bits === 64 ? 64 : 32) : value;
  return javaInteger(BigInt.asIntN(bits, BigInt(whole as number | bigint)));
}

const NUMBER_METHODS = objectMethods<JavaNumber>()
  .def('intValue', [], (n) => integerValue(n, 32))
  .def('longValue', [], (n) => integerValue(n, 64))
  .def('shortValue', [], (n) => integerValue(n, 16))
  .def('byteValue', [], (n) => integerValue(n, 8))
  .def('doubleValue', [], (n) => javaDouble(Number(n)))
  .def('floatValue', [], (n) => javaDouble(Number(n)))
  .def('compareTo', ['Object'], (n, a) => Math.sign(compareJavaNumbers(n, comparedWith(n, a[0]) as JavaNumber)));

/**
 * Integer's static methods, which Velocity calls on any Integer: templates keep one around to convert text
 * (`#set($Integer = 0)` then `$Integer.parseInt($text)`).
 */
const INTEGER_METHODS = new JavaMethods<JavaNumber>(NUMBER_METHODS)
  .def('parseInt', ['text'], (_, a) => parseInteger(text(a, 0, 'parseInt'), 10, 32))
  .def('parseInt', ['text', 'int'], (_, a) => parseInteger(text(a, 0, 'parseInt'), int(a, 1), 32))
  .def('valueOf', ['int'], (_, a) => a[0])
  .def('valueOf', ['text'], (_, a) => parseInteger(text(a, 0, 'valueOf'), 10, 32))
  .def('valueOf', ['text', 'int'], (_, a) => parseInteger(text(a, 0, 'valueOf'), int(a, 1), 32))
  .def('toString', ['int'], (_, a) => String(a[0]))
  .def('toString', ['int', 'int'], (_, a) => integerInRadix(BigInt(int(a, 0)), int(a, 1)))
  .def('hashCode', ['int'], (_, a) => a[0])
  .def('max', ['int', 'int'], (_, a) => Math.max(int(a, 0), int(a, 1)))
  .def('min', ['int', 'int'], (_, a) => Math.min(int(a, 0), int(a, 1)))
  .def('sum', ['int', 'int'], (_, a) => (int(a, 0) + int(a, 1)) | 0)
  .def('compare', ['int', 'int'], (_, a) => Math.sign(int(a, 0) - int(a, 1)))
  .def('signum', ['int'], (_, a) => Math.sign(int(a, 0)))
  .def('toHexString', ['int'], (_, a) => (int(a, 0) >>> 0).toString(16))
  .def('toOctalString', ['int'], (_, a) => (int(a, 0) >>> 0).toString(8))
  .def('toBinaryString', ['int'], (_, a) => (int(a, 0) >>> 0).toString(2));

const LONG_METHODS = new JavaMethods<JavaNumber>(NUMBER_METHODS)
  .def('parseLong', ['text'], (_, a) => parseInteger(text(a, 0, 'parseLong'), 10, 64))
  .def('parseLong', ['text', 'int'], (_, a) => parseInteger(text(a, 0, 'parseLong'), int(a, 1), 64))
  .def('valueOf', ['long'], (_, a) => a[0])
  .def('valueOf', ['text'], (_, a) => parseInteger(text(a, 0, 'valueOf'), 10, 64))
  .def('toString', ['long'], (_, a) => javaToString(a[0]))
  .def('toString', ['long', 'int'], (_, a) => integerInRadix(BigInt(a[0] as number | bigint), int(a, 1)))
  .def('hashCode', ['long'], (_, a) => longHash(BigInt(a[0] as number | bigint)))
  .def('signum', ['long'], (_, a) => Math.sign(Number(a[0])))
  .def('valueOf', ['text', 'int'], (_, a) => parseInteger(text(a, 0, 'valueOf'), int(a, 1), 64))
  .def('max', ['long', 'long'], (_, a) => (compareJavaNumbers(a[0] as JavaNumber, a[1] as JavaNumber) >= 0 ? a[0] : a[1]))
  .def('min', ['long', 'long'], (_, a) => (compareJavaNumbers(a[0] as JavaNumber, a[1] as JavaNumber) <= 0 ? a[0] : a[1]))
  .def('compare', ['long', 'long'], (_, a) => Math.sign(compareJavaNumbers(a[0] as JavaNumber, a[1] as JavaNumber)))
  .def('sum', ['long', 'long'], (_, a) => javaInteger(BigInt.asIntN(64, BigInt(a[0] as number | bigint) + BigInt(a[1] as number | bigint))))
  .def('toHexString', ['long'], (_, a) => BigInt.asUintN(64, BigInt(a[0] as number | bigint)).toString(16))
  .def('toOctalString', ['long'], (_, a) => BigInt.asUintN(64, BigInt(a[0] as number | bigint)).toString(8))
  .def('toBinaryString', ['long'], (_, a) => BigInt.asUintN(64, BigInt(a[0] as number | bigint)).toString(2));

const BIG_INTEGER_METHODS = new JavaMethods<JavaNumber>(NUMBER_METHODS)
  .def('toString', ['int'], (n, a) => integerInRadix(BigInt(n as bigint), int(a, 0)))
  .def('signum', [], (n) => (BigInt(n as bigint) < 0n ? -1 : 1))
  .def('negate', [], (n) => javaInteger(-BigInt(n as bigint)))
  .def('abs', [], (n) => javaInteger(BigInt(n as bigint) < 0n ? -BigInt(n as bigint) : BigInt(n as bigint)));

const DOUBLE_METHODS = new JavaMethods<JavaNumber>(NUMBER_METHODS)
  .def('isNaN', [], (n) => Number.isNaN(Number(n)))
  .def('isInfinite', [], (n) => Math.abs(Number(n)) === Infinity)
  // Double.compare: -0.0 before 0.0, and NaN after everything.
  .def('compareTo', ['Object'], (n, a) => compareDoubles(Number(n), Number(comparedWith(n, a[0]))))
  .def('parseDouble', ['text'], (_, a) => javaDouble(parseDouble(text(a, 0, 'parseDouble'))))
  .def('valueOf', ['double'], (_, a) => javaDouble(Number(a[0])))
  .def('valueOf', ['text'], (_, a) => javaDouble(parseDouble(text(a, 0, 'valueOf'))))
  .def('toString', ['double'], (_, a) => javaToString(javaDouble(Number(a[0]))))
  .def('hashCode', ['double'], (_, a) => javaHashCode(javaDouble(Number(a[0]))))
  .def('isNaN', ['double'], (_, a) => Number.isNaN(Number(a[0])))
  .def('isInfinite', ['double'], (_, a) => Math.abs(Number(a[0])) === Infinity)
  .def('isFinite', ['double'], (_, a) => Number.isFinite(Number(a[0])))
  .def('compare', ['double', 'double'], (_, a) => compareDoubles(Number(a[0]), Number(a[1])))
  .def('max', ['double', 'double'], (_, a) => javaDouble(Math.max(Number(a[0]), Number(a[1]))))
  .def('min', ['double', 'double'], (_, a) => javaDouble(Math.min(Number(a[0]), Number(a[1]))))
  .def('sum', ['double', 'double'], (_, a) => javaDouble(Number(a[0]) + Number(a[1])));

function longHash(n: bigint): number {
  const bits = BigInt.asUintN(64, n);
  return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)));
}

/** Integer.parseInt and Long.parseLong: an optional sign and digits of the radix, within the type's range. */
function parseInteger(s: string, radix: number, bits: 32 | 64): number | bigint {
  const fail = () => new JavaMethodError(`java.lang.NumberFormatException: For input string: "${s}"${radix === 10 ? '' : ` under radix ${radix}`}`);
  if (radix < 2 || radix > 36) throw new JavaMethodError(`java.lang.NumberFormatException: radix ${radix} out of range`);
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  const match = /^([+-]?)(.+)$/.exec(s);
  if (!match || ![...match[2].toLowerCase()].every((c) => digits.includes(c))) throw fail();
  let n = 0n;
  for (const c of match[2].toLowerCase()) n = n * BigInt(radix) + BigInt(digits.indexOf(c));
  if (match[1] === '-') n = -n;
  if (n !== BigInt.asIntN(bits, n)) throw fail();
  return javaInteger(n);
}

function integerInRadix(n: bigint, radix: number): string {
  return n.toString(radix < 2 || radix > 36 ? 10 : radix);
}

/** Double.parseDouble: Java's number syntax (a `d` or `f` suffix allowed), blanks around it ignored. */
function parseDouble(s: string): number {
  const trimmed = s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  const match = /^([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/.exec(trimmed);
  if (!match) throw new JavaMethodError(`java.lang.NumberFormatException: ${trimmed ? `For input string: "${s}"` : 'empty String'}`);
  const value = Number(match[2].replace(/[fFdD]$/, ''));
  return match[1] === '-' ? -value : value;
}

export const NUMBER_TABLES: Record<string, MethodTable> = { Integer: INTEGER_METHODS, Long: LONG_METHODS, BigInteger: BIG_INTEGER_METHODS, Double: DOUBLE_METHODS };

function compareDoubles(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  const xBits = Number.isNaN(x) ? 2 : Object.is(x, -0) ? -1 : 0;
  const yBits = Number.isNaN(y) ? 2 : Object.is(y, -0) ? -1 : 0;
  return Math.sign(xBits - yBits);
}
