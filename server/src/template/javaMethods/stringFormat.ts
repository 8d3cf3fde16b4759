/** String.format (and `formatted`), as java.util.Formatter formats in the root locale. */
import type { MatchLimit } from '../javaRegex';
import { isJavaDouble, isJavaNumber, JavaChar, javaClassName, javaToString, javaTypeName } from '../javaValues';
import { codePointText } from './characters';
import { JavaMethodError } from './errors';
import { isJavaInt } from './methodTable';
import { refuseLongString } from './resultLimits';

/** `%[index$][flags][width][.precision]conversion`, as java.util.Formatter reads it. */
const FORMAT_SPECIFIER = /%(?:(\d+)\$|(<))?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

function formatError(exception: string, detail: string): JavaMethodError {
  return new JavaMethodError(`java.util.${exception}: ${detail}`);
}

/**
 * String.format in Java's root-locale forms: `%s %S %b %B %c %d %o %x %X %e %E %f %g %G %n %%` with their flags,
 * width, precision and argument indexes. `%a`, `%h` and the date conversions are refused rather than approximated.
 */
export function javaFormat(format: string, args: unknown[], limit: MatchLimit | undefined): string {
  let next = 0;
  let previous = -1;
  let out = '';
  let copied = 0;
  for (const match of format.matchAll(FORMAT_SPECIFIER)) {
    const [spec, index, relative, flags, width, precision, conversion] = match;
    out += format.slice(copied, match.index);
    copied = match.index! + spec.length;
    if (conversion === '%' || conversion === 'n') {
      out += pad(conversion === '%' ? '%' : '\n', flags, width, false);
      continue;
    }
    checkFlags(spec, flags, width, conversion);
    const at = relative ? previous : index ? Number(index) - 1 : next++;
    if (at < 0 || at >= args.length) throw formatError('MissingFormatArgumentException', `Format specifier '${spec}'`);
    previous = at;
    const formatted = formatOne(spec, args[at], flags, precision === undefined ? undefined : Number(precision), conversion);
    refuseLongString(out.length + Math.max(formatted.length, Number(width ?? 0)), limit);
    out += pad(formatted, flags, width, /[doxXeEfgG]/.test(conversion));
  }
  const rest = format.slice(copied);
  const stray = rest.indexOf('%');
  if (stray >= 0) throw formatError('UnknownFormatConversionException', `Conversion = '${rest[stray + 1] ?? '%'}'`);
  return out + rest;
}

/** Pads to the width: with blanks, or for a number with `0` after its sign and radix prefix. */
function pad(text: string, flags: string, width: string | undefined, numeric: boolean): string {
  const size = Number(width ?? 0);
  if (text.length >= size) return text;
  if (flags.includes('-')) return text.padEnd(size);
  const [, prefix, digits] = /^([-+ (]?(?:0[xX])?)(.*)$/s.exec(text)!;
  if (numeric && flags.includes('0') && !/^(?:NaN|Infinity)/.test(digits)) return prefix + digits.padStart(size - prefix.length, '0');
  return text.padStart(size);
}

/** The flags Formatter refuses: numeric ones on text conversions, `#` on decimal ones, and `-` or `0` without a width. */
function checkFlags(spec: string, flags: string, width: string | undefined, conversion: string): void {
  const textual = /[sSbBcC]/.test(conversion);
  const wrong = [...flags].find((flag) => (textual && '0+ ,('.includes(flag)) || (flag === '#' && /[dcCbB]/.test(conversion)));
  if (wrong) throw formatError('FormatFlagsConversionMismatchException', `Conversion = ${conversion}, Flags = ${wrong}`);
  if ((flags.includes('-') || flags.includes('0')) && width === undefined) throw formatError('MissingFormatWidthException', spec);
}

function formatOne(spec: string, value: unknown, flags: string, precision: number | undefined, conversion: string): string {
  const upper = conversion === conversion.toUpperCase() && conversion !== conversion.toLowerCase();
  const cased = (s: string) => (upper ? s.toUpperCase() : s);
  const mismatch = () => formatError('IllegalFormatConversionException', `${conversion} != ${javaClassName(value)}`);
  switch (conversion.toLowerCase()) {
    case 's': {
      const shown = value === undefined || value === null ? 'null' : javaToString(value, true);
      return cased(precision === undefined ? shown : shown.slice(0, precision));
    }
    case 'b': {
      const shown = String(value === undefined || value === null ? false : typeof value === 'boolean' ? value : true);
      return cased(precision === undefined ? shown : shown.slice(0, precision));
    }
    case 'c':
      if (value === undefined || value === null) return cased('null');
      if (value instanceof JavaChar) return cased(value.value);
      if (isJavaInt(value) && codePointText(value) !== undefined) return cased(codePointText(value)!);
      throw mismatch();
    case 'd':
    case 'o':
    case 'x':
      if (value === undefined || value === null) return cased('null');
      if (!isJavaNumber(value) || isJavaDouble(value)) throw mismatch();
      return cased(formatInteger(BigInt(value as number | bigint), javaTypeName(value), flags, conversion.toLowerCase()));
    case 'e':
    case 'f':
    case 'g':
      if (value === undefined || value === null) return cased('null');
      if (!isJavaNumber(value) || !isJavaDouble(value)) throw mismatch();
      if (conversion.toLowerCase() === 'g') return cased(formatGeneral(Number(value), flags, precision));
      return cased(formatDecimal(Number(value), flags, precision ?? 6, conversion.toLowerCase() === 'e'));
    case 'a':
    case 'h':
    case 't':
      throw new JavaMethodError(`format(): the evaluator does not format '${spec}' (only %s, %b, %c, %d, %o, %x, %e, %f, %g, %n and %%)`);
  }
  throw formatError('UnknownFormatConversionException', `Conversion = '${conversion}'`);
}

/** A sign and a magnitude's digits, with the flags `+`, space, `(` and `,` applied. */
function signed(negative: boolean, digits: string, flags: string): string {
  const grouped = flags.includes(',') ? digits.replace(/^(\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ',')) : digits;
  if (negative) return flags.includes('(') ? `(${grouped})` : `-${grouped}`;
  return (flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + grouped;
}

/** `%d` in decimal; `%o` and `%x` of a negative Integer or Long in two's complement, as Java prints them. */
function formatInteger(n: bigint, type: string, flags: string, conversion: string): string {
  if (conversion === 'd') return signed(n < 0n, (n < 0n ? -n : n).toString(), flags);
  const radix = conversion === 'x' ? 16 : 8;
  const bits = type === 'Integer' ? 32 : type === 'Long' ? 64 : 0;
  const negative = n < 0n && bits === 0;
  const digits = (bits && n < 0n ? BigInt.asUintN(bits, n) : negative ? -n : n).toString(radix);
  const prefix = flags.includes('#') ? (radix === 16 ? '0x' : '0') : '';
  return (negative ? '-' : '') + prefix + digits;
}

/**
 * `%f` and `%e`: Java rounds the shortest decimal form of the double half up (so `%.2f` of 1.005 is 1.01), where
 * JavaScript's toFixed rounds the binary value.
 */
function formatDecimal(x: number, flags: string, precision: number, scientific: boolean): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : signed(x < 0, 'Infinity', flags);
  const negative = x < 0 || Object.is(x, -0);
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (scientific) {
    const rounded = roundDigits(digits, precision + 1);
    // A carry (9.99 to 10.0) moves the point.
    const shown = rounded.slice(0, precision + 1);
    const power = exponent + rounded.length - (precision + 1);
    const body = precision > 0 ? `${shown[0]}.${shown.slice(1)}` : shown[0] + (flags.includes('#') ? '.' : '');
    return signed(negative, `${body}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`, flags);
  }
  // Rounded to `precision` places: the digits before the point and those after, one number of units of 10^-precision.
  const kept = exponent + 1 + precision;
  const units = kept < 0 ? '0' : kept === 0 ? (digits[0] >= '5' ? '1' : '0') : roundDigits(digits, kept);
  const padded = units.padStart(precision + 1, '0');
  const integerPart = padded.slice(0, padded.length - precision);
  const fraction = padded.slice(padded.length - precision);
  return signed(negative, precision > 0 ? `${integerPart}.${fraction}` : integerPart + (flags.includes('#') ? '.' : ''), flags);
}

/**
 * `%g`: rounded to `precision` significant digits, then written as `%f` when that is at least 10^-4 and below
 * 10^precision, else as `%e`; Java keeps the trailing zeros.
 */
function formatGeneral(x: number, flags: string, precision: number | undefined): string {
  const digits = precision === undefined ? 6 : Math.max(precision, 1);
  if (!Number.isFinite(x) || x === 0) return formatDecimal(x, flags, digits - 1, false);
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const rounded = roundDigits(mantissa.replace('.', ''), digits);
  const exponent = Number(exponentText) + rounded.length - digits;
  const magnitude = Number(`${rounded.slice(0, digits)}e${exponent - digits + 1}`);
  if (magnitude >= 1e-4 && exponent < digits) return formatDecimal(x, flags, digits - exponent - 1, false);
  return formatDecimal(x, flags, digits - 1, true);
}

/** The first `count` (one or more) significant digits of `digits`, rounded half up; one longer when the rounding carries. */
function roundDigits(digits: string, count: number): string {
  if (count >= digits.length) return digits.padEnd(count, '0');
  const kept = digits.slice(0, count);
  return digits[count] < '5' ? kept : (BigInt(kept) + 1n).toString().padStart(count, '0');
}
