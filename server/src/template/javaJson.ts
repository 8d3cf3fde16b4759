/**
 * JSON text to template values with json-smart's number types: a number written with `.`, `e` or `E` is a Double
 * (so `1.0` stays 1.0 when printed or re-serialised), any other is an Integer, Long or BigInteger, kept exact beyond
 * 2^53. JSON.parse keeps neither, so it is used only when the text has no number it would get wrong; otherwise a small
 * reader builds the value, and JSON.parse still reports any syntax error, so error messages stay the same.
 */
import { javaDouble, javaInteger } from './javaValues';

/**
 * What JSON.parse would get wrong: a whole number written with a fraction of zeros (`10.0`) or an exponent, and a digit
 * run too long for an exact double. A number with a real fraction (`0.5`) parses the same either way, as a Double, so
 * it does not call for the slower reader. Strings may trigger it too (only slower).
 */
const NEEDS_TYPED_NUMBERS = /\d\.0*(?!\d)|\d[eE]|\d{16}/;

export function parseJavaJson(text: string): unknown {
  if (!NEEDS_TYPED_NUMBERS.test(text)) return JSON.parse(text);
  try {
    return new JsonReader(text).document();
  } catch {
    // Invalid JSON (JSON.parse throws its usual error), or nesting too deep for the reader (JSON.parse copes).
    return JSON.parse(text);
  }
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class JsonReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): unknown {
    const value = this.value();
    this.skipWhitespace();
    if (this.pos !== this.text.length) throw new SyntaxError('trailing text');
    return value;
  }

  private value(): unknown {
    this.skipWhitespace();
    switch (this.text[this.pos]) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
    }
    return this.number();
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWhitespace();
      const key = this.string();
      this.skipWhitespace();
      this.expect(':');
      const value = this.value();
      // An own property, as JSON.parse makes it, even for `__proto__`.
      if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
      this.skipWhitespace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
      this.expect(',');
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipWhitespace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
      this.expect(',');
    }
  }

  private string(): string {
    const token = this.match(STRING);
    return token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);
  }

  private number(): unknown {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) throw new SyntaxError('unexpected character');
    this.pos += m[0].length;
    if (m[1] !== undefined || m[2] !== undefined) return javaDouble(Number(m[0]));
    const n = Number(m[0]);
    return Number.isSafeInteger(n) ? n : javaInteger(BigInt(m[0]));
  }

  private word<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) throw new SyntaxError('unexpected character');
    this.pos += word.length;
    return value;
  }

  private match(pattern: RegExp): string {
    pattern.lastIndex = this.pos;
    const m = pattern.exec(this.text);
    if (!m) throw new SyntaxError('unexpected character');
    this.pos += m[0].length;
    return m[0];
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new SyntaxError(`expected ${ch}`);
    this.pos++;
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }
}
