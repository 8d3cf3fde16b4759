/**
 * JSON text to template values as API Gateway reads it: with json-smart in the MODE_PERMISSIVE that Jayway's
 * JsonSmartJsonProvider uses, with its ordered objects (Maps in document order) and with json-smart's number types.
 * A number written with `.`, `e` or `E` is a Double (so `1.0` stays 1.0 when printed or re-serialised), any other is
 * an Integer, Long or BigInteger, kept exact beyond 2^53. Strict JSON without such numbers goes through JSON.parse,
 * which is much faster, unless its objects have integer-like keys, whose order JSON.parse loses; anything else goes
 * through a reader that follows json-smart's permissive rules and reports json-smart's ParseException messages.
 */
import { javaDouble, javaInteger, jsonSmartEscapes, toJsonText } from './javaValues';
import { MISORDERED, orderedCopy } from './orderedJson';

/**
 * What JSON.parse would get wrong: a whole number written with a fraction of zeros (`10.0`) or an exponent, and a digit
 * run too long for an exact double. A number with a real fraction (`0.5`) parses the same either way, as a Double, so
 * it does not call for the slower reader. Strings may trigger it too (only slower).
 */
const NEEDS_TYPED_NUMBERS = /\d\.0*(?!\d)|\d[eE]|\d{16}/;

/** A json-smart ParseException; the message is json-smart's own wording, with its character positions. */
export class JsonSmartParseException extends Error {}

const NOT_STRICT = Symbol('not strict JSON');

export function parseJavaJson(text: string): unknown {
  if (!NEEDS_TYPED_NUMBERS.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not strict JSON: json-smart's permissive reading decides what it is.
      parsed = NOT_STRICT;
    }
    if (parsed !== NOT_STRICT) {
      const ordered = orderedCopy(parsed);
      if (ordered !== MISORDERED) return ordered;
    }
  }
  try {
    return new PermissiveJsonReader(text).document();
  } catch (error) {
    // Nesting too deep for the recursive reader: JSON.parse copes with valid text (and reports invalid text its way),
    // at the cost of the order of integer-like keys.
    if (error instanceof RangeError) return orderedCopy(JSON.parse(text), true);
    throw error;
  }
}

/** json-smart marks the end of input with this character (so a literal U+001A ends the input too). */
const EOI = '\u001a';

/** The characters that end an unquoted token: in a key, in an object value, in an array item, at the top level. */
const STOP_KEY = new Set([':', EOI]);
const STOP_VALUE = new Set([',', '}', EOI]);
const STOP_ARRAY = new Set([',', ']', EOI]);
const STOP_TOP = new Set([EOI]);

/** json-smart consults its stop tables only below this code point; a character from here on never stops a token. */
const MAX_STOP = 126;


/** Double.parseDouble's grammar for the texts the reader hands it. */
const JAVA_DOUBLE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Unquoted tokens that are not strings. */
const WORDS: Record<string, unknown> = { null: null, true: true, false: false, NaN: NaN };
/** The one-character escapes of a quoted string: `\n` and the like. */
const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', b: '\b', '\\': '\\', '/': '/', "'": "'", '"': '"' };

const unexpectedChar = (position: number, c: string) => new JsonSmartParseException(`Unexpected character (${c}) at position ${position}.`);
const unexpectedToken = (position: number, token: string) => new JsonSmartParseException(`Unexpected token ${token} at position ${position}.`);
const unexpectedEof = (position: number, what: 'EOF' | null) => new JsonSmartParseException(`Unexpected End Of File position ${position}: ${what}`);

/**
 * json-smart's permissive mode: single-quoted and unquoted strings and keys (`{a: b c}` is {"a": "b c"}), useless
 * commas (`[1,,2,]`), leading zeros, NaN, and text after the first value is ignored; any text that is not a quoted
 * string, object, array or number reads as an unquoted string (`a=b`, `a{b`, `null{`). Raw control characters are
 * kept in a string without escapes and dropped from one with escapes; an unknown escape drops both characters.
 * Positions in messages are json-smart's, which are sometimes one before the offending character.
 */
class PermissiveJsonReader {
  private pos = -1;
  private c = EOI;

  constructor(private readonly text: string) {}

  document(): unknown {
    this.read();
    return this.value(STOP_TOP);
  }

  /** The current character, read afresh (TypeScript would keep a comparison's narrowing across calls that move on). */
  private current(): string {
    return this.c;
  }

  private read(): void {
    this.pos++;
    this.c = this.pos >= this.text.length ? EOI : this.text[this.pos];
  }

  /**
   * The value at the current character. The end of the input is an empty unquoted string here, as in json-smart's
   * readMain (a top-level empty input is the empty string; `{"a": ` fails only when the object finds no `}`).
   */
  private value(stop: Set<string>): unknown {
    for (;;) {
      switch (this.c) {
        case ' ':
        case '\r':
        case '\n':
        case '\t':
          this.read();
          continue;
        case ':':
        case '}':
        case ']':
          throw unexpectedChar(this.pos, this.c);
        case '{':
          return this.object();
        case '[':
          return this.array();
        case '"':
        case "'":
          return this.quoted();
        case 'n':
        case 'f':
        case 't':
        case 'N':
          return this.word(stop);
        case EOI:
          return this.unquoted(stop);
      }
      if (this.c === '-' || (this.c >= '0' && this.c <= '9')) return this.number(stop);
      return this.unquoted(stop);
    }
  }

  /** `null`, `true`, `false` and `NaN` only when the whole token is the word; `nullx` is a string. */
  private word(stop: Set<string>): unknown {
    const token = this.unquoted(stop);
    return Object.prototype.hasOwnProperty.call(WORDS, token) ? WORDS[token] : token;
  }

  private object(): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (;;) {
      this.read();
      switch (this.c) {
        case ' ':
        case '\r':
        case '\t':
        case '\n':
        case ',':
          continue;
        case ':':
        case ']':
        case '[':
        case '{':
          throw unexpectedChar(this.pos, this.c);
        case '}':
          this.read();
          return out;
      }
      const key = this.c === '"' || this.c === "'" ? this.quoted() : this.unquoted(STOP_KEY);
      this.skipSpace();
      if (this.c !== ':') throw this.c === EOI ? unexpectedEof(this.pos - 1, null) : unexpectedChar(this.pos - 1, this.c);
      this.readNoEnd();
      // A repeated key keeps its place and takes the new value, as in a LinkedHashMap.
      out.set(key, this.value(STOP_VALUE));
      this.skipSpace();
      const after = this.current();
      if (after === '}') {
        this.read();
        return out;
      }
      if (after === EOI) throw unexpectedEof(this.pos - 1, null);
      if (after !== ',') throw unexpectedToken(this.pos - 1, after);
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.read();
    for (;;) {
      switch (this.c) {
        case ' ':
        case '\r':
        case '\n':
        case '\t':
        case ',':
          this.read();
          continue;
        case ']':
          this.read();
          return out;
        case ':':
        case '}':
          throw unexpectedChar(this.pos, this.c);
        case EOI:
          throw unexpectedEof(this.pos - 1, 'EOF');
      }
      out.push(this.value(STOP_ARRAY));
    }
  }

  /**
   * A number, or an unquoted string when more follows it before the stop character (`12 34`, `1.5.3`, `123abc`).
   * Integers are Integer, Long or BigInteger (all exact here); the rest are Doubles.
   */
  private number(stop: Set<string>): unknown {
    const start = this.pos;
    this.read();
    this.skipDigits();
    if (this.c !== '.' && this.c !== 'e' && this.c !== 'E') {
      if (this.continuesToken(stop)) return this.restOfToken(start, stop);
      return parseInteger(this.trimmed(start, this.pos));
    }
    if (this.c === '.') {
      this.read();
      this.skipDigits();
    }
    if (this.c === 'e' || this.c === 'E') {
      this.read();
      const sign = this.current();
      if (sign !== '+' && sign !== '-' && !(sign >= '0' && sign <= '9')) return this.restOfToken(start, stop);
      this.read();
      this.skipDigits();
    }
    if (this.continuesToken(stop)) return this.restOfToken(start, stop);
    return this.parseDouble(this.trimmed(start, this.pos));
  }

  /** After a number and any spaces: does a character follow that is neither a stop nor beyond the stop tables? */
  private continuesToken(stop: Set<string>): boolean {
    this.skipSpace();
    return this.c !== EOI && this.c.charCodeAt(0) < MAX_STOP && !stop.has(this.c);
  }

  private restOfToken(start: number, stop: Set<string>): string {
    this.skipUnquoted(stop);
    return this.trimmed(start, this.pos);
  }

  private parseDouble(token: string): unknown {
    if (!JAVA_DOUBLE.test(token)) throw unexpectedToken(this.pos, token);
    // json-smart makes a BigDecimal of a fraction longer than 18 characters; the engine has only Doubles.
    return javaDouble(Number(token));
  }

  private unquoted(stop: Set<string>): string {
    const start = this.pos;
    this.skipUnquoted(stop);
    return this.trimmed(start, this.pos);
  }

  /** A string in `"` or `'`. Without a backslash it is taken as it stands, up to the next same quote. */
  private quoted(): string {
    const close = this.text.indexOf(this.c, this.pos + 1);
    if (close < 0) throw unexpectedEof(this.text.length, null);
    const content = this.text.slice(this.pos + 1, close);
    if (!content.includes('\\')) {
      this.pos = close;
      this.read();
      return content;
    }
    return this.escapedString();
  }

  private escapedString(): string {
    const quote = this.c;
    let out = '';
    for (;;) {
      this.read();
      const c = this.c;
      if (c === EOI) throw unexpectedEof(this.pos - 1, null);
      if (c === quote) {
        this.read();
        return out;
      }
      if (c === '\\') {
        this.read();
        out += this.escape();
      } else if (c.charCodeAt(0) >= 32 && c.charCodeAt(0) !== 127) {
        out += c;
      }
    }
  }

  private escape(): string {
    if (Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, this.c)) return SIMPLE_ESCAPES[this.c];
    if (this.c === 'u') return this.hexChar(4);
    if (this.c === 'x') return this.hexChar(2);
    return '';
  }

  private hexChar(digits: number): string {
    let value = 0;
    for (let i = 0; i < digits; i++) {
      this.read();
      if (this.c === EOI) throw unexpectedEof(this.pos, 'EOF');
      if (!/^[0-9a-fA-F]$/.test(this.c)) throw new JsonSmartParseException(`Unexpected unicode escape sequence ${this.c} at position ${this.pos}.`);
      value = value * 16 + parseInt(this.c, 16);
    }
    return String.fromCharCode(value);
  }

  /** Reads on, failing at the end of the input only (a U+001A in the text is read as itself here). */
  private readNoEnd(): void {
    this.read();
    if (this.pos >= this.text.length) throw unexpectedEof(this.pos - 1, 'EOF');
  }

  private skipDigits(): void {
    while (this.c >= '0' && this.c <= '9') this.read();
  }

  private skipUnquoted(stop: Set<string>): void {
    while (this.c !== EOI && !(this.c.charCodeAt(0) < MAX_STOP && stop.has(this.c))) this.read();
  }

  private skipSpace(): void {
    while (this.c !== EOI && this.c <= ' ') this.read();
  }

  /**
   * The text between two positions as String.trim() leaves it, which json-smart 2.2 trims unquoted tokens with:
   * without the characters up to U+0020 at either end (control characters too; no-break and other Unicode spaces stay).
   */
  private trimmed(start: number, end: number): string {
    while (start < end && this.text.charCodeAt(start) <= 0x20) start++;
    while (end > start && this.text.charCodeAt(end - 1) <= 0x20) end--;
    return this.text.slice(start, end);
  }
}

/** json-smart's integer reading: the digits after an optional `-`, none at all reading as 0. */
function parseInteger(token: string): number | bigint {
  const negative = token.startsWith('-');
  const digits = negative ? token.slice(1) : token;
  const magnitude = BigInt(digits === '' ? '0' : digits);
  return javaInteger(negative ? -magnitude : magnitude);
}

/**
 * JSON text as json-smart writes it (JSONValue.toJSONString): compact, with its own string escapes. Besides `"`, `\`
 * and the named control escapes, it writes `\uXXXX` (upper-case hex) for every other control character and for
 * U+007F to U+009F and U+2000 to U+20FF (so `€` is `\u20AC`), and leaves every other character as it is, a lone
 * surrogate too. `/` becomes `\/` only in the style that protects for the web: JSONArray.toString() uses it, Jayway's
 * LT_COMPRESS (behind `$input.json`) does not.
 */
export function jsonSmartText(value: unknown, protect4Web = false): string {
  return jsonSmartEscapes(toJsonText(value), protect4Web);
}
