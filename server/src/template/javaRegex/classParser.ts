import { asciiCaseRanges, literal, not, rangeItem, set, type CharSet } from './charSets';
import { BINARY_PROPERTIES, CATEGORIES, HORIZONTAL_SPACE, JAVA_SPACE, NAMED_CLASSES, scriptItem, VERTICAL_SPACE } from './characterProperties';
import { PatternCursor, type Flags } from './patternCursor';

/** Character classes and the escapes that may appear inside them; each yields a code point or a set. */
export abstract class ClassParser extends PatternCursor {
  /** Escapes valid both inside and outside a class: a code point or a set. The position is on the backslash. */
  protected classEscape(): number | CharSet {
    const start = this.pos;
    this.pos++;
    const c = this.p[this.pos];
    if (c === undefined) this.err('Unexpected internal error', this.p.length);
    this.pos++;
    switch (c) {
      case 'd':
        return set('0-9');
      case 'D':
        return not(set('0-9'));
      case 'w':
        return set('a-zA-Z_0-9');
      case 'W':
        return not(set('a-zA-Z_0-9'));
      case 's':
        return set(JAVA_SPACE);
      case 'S':
        return not(set(JAVA_SPACE));
      case 'h':
        return set(HORIZONTAL_SPACE);
      case 'H':
        return not(set(HORIZONTAL_SPACE));
      case 'v':
        return set(VERTICAL_SPACE);
      case 'V':
        return not(set(VERTICAL_SPACE));
      case 'p':
      case 'P':
        return this.property(c === 'P', start);
      case 't':
        return 0x09;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 'f':
        return 0x0c;
      case 'a':
        return 0x07;
      case 'e':
        return 0x1b;
      case 'c': {
        if (this.pos >= this.p.length) this.err('Illegal control escape sequence');
        return this.readCp() ^ 64;
      }
      case '0': {
        const digits = /^[0-7]{1,3}/.exec(this.p.slice(this.pos))?.[0];
        if (digits === undefined) this.err('Illegal octal escape sequence');
        // A third digit only counts while the value stays within \0377.
        const used = digits.length === 3 && digits[0] > '3' ? digits.slice(0, 2) : digits;
        this.pos += used.length;
        return parseInt(used, 8);
      }
      case 'x': {
        if (this.p[this.pos] === '{') {
          const m = /^\{([0-9a-fA-F]+)\}/.exec(this.p.slice(this.pos));
          if (!m) this.err('Unclosed hexadecimal escape sequence');
          const cp = parseInt(m[1], 16);
          if (cp > 0x10ffff) this.err('Hexadecimal codepoint is too big');
          this.pos += m[0].length;
          return cp;
        }
        const m = /^[0-9a-fA-F]{2}/.exec(this.p.slice(this.pos));
        if (!m) this.err('Illegal hexadecimal escape sequence');
        this.pos += 2;
        return parseInt(m[0], 16);
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(this.p.slice(this.pos));
        if (!m) this.err('Illegal Unicode escape sequence');
        this.pos += 4;
        return parseInt(m[0], 16);
      }
      case 'N':
        return this.unsupported('Named character \\N{...}', start);
    }
    if (/[A-Za-z0-9]/.test(c)) this.err('Illegal/unsupported escape sequence', this.pos - 1);
    this.pos = start + 1;
    return this.readCp();
  }

  private property(negated: boolean, start: number): CharSet {
    let name: string;
    if (this.p[this.pos] === '{') {
      const end = this.p.indexOf('}', this.pos);
      if (end < 0) this.err('Unclosed character family');
      name = this.p.slice(this.pos + 1, end);
      this.pos = end + 1;
      if (name === '') this.err('Empty character family');
    } else {
      if (this.pos >= this.p.length) this.err('Illegal character family');
      name = String.fromCodePoint(this.readCp());
    }
    const item = this.propertyItem(name, start);
    return negated ? not(set(item)) : set(item);
  }

  private propertyItem(name: string, start: number): string {
    const eq = name.indexOf('=');
    if (eq >= 0) {
      const key = name.slice(0, eq).toLowerCase();
      const value = name.slice(eq + 1);
      if (key === 'sc' || key === 'script') {
        const item = scriptItem(value);
        if (!item) this.err(`Unknown character script name {${value}}`);
        return item;
      }
      if (key === 'gc' || key === 'general_category') {
        if (!CATEGORIES.has(value)) this.err(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
        return `\\p{${value}}`;
      }
      if (key === 'blk' || key === 'block') this.unsupported('Unicode blocks', start);
      this.err(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
    }
    if (name.startsWith('In')) return this.unsupported('Unicode blocks', start);
    if (name.startsWith('Is')) {
      const rest = name.slice(2);
      const binary = BINARY_PROPERTIES[rest.toUpperCase()];
      if (binary) return binary;
      const known = this.simpleProperty(rest);
      if (known) return known;
      const script = scriptItem(rest);
      if (script) return script;
      this.err(`Unknown character property name {${rest}}`);
    }
    const known = this.simpleProperty(name);
    if (!known) this.err(`Unknown character property name {${name}}`);
    return known;
  }

  private simpleProperty(name: string): string | undefined {
    if (name in NAMED_CLASSES) return NAMED_CLASSES[name];
    if (CATEGORIES.has(name)) return `\\p{${name}}`;
    return undefined;
  }

  /** `[...]` with Java's unions (nested classes) and intersections (`&&`); the position is on `[`. */
  protected charClass(flags: Flags): CharSet {
    this.pos++;
    let negated = false;
    if (this.p[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    let parts: CharSet[] = [];
    const intersected: CharSet[] = [];
    let first = true;
    const union = (): CharSet => (parts.length === 1 ? parts[0] : { kind: 'or', of: parts });
    for (;;) {
      this.skipComments(flags);
      if (this.pos >= this.p.length) this.err('Unclosed character class', this.p.length - 1);
      const c = this.p[this.pos];
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[') {
        parts.push(this.charClass(flags));
        continue;
      }
      if (c === '&' && this.p[this.pos + 1] === '&') {
        this.pos += 2;
        intersected.push(union());
        parts = [];
        continue;
      }
      const lo = this.classAtom(flags);
      if (typeof lo !== 'number') {
        parts.push(lo);
        continue;
      }
      let hi = lo;
      if (this.p[this.pos] === '-' && this.p[this.pos + 1] !== ']' && this.p[this.pos + 1] !== '[' && this.pos + 1 < this.p.length) {
        const dash = this.pos;
        this.pos++;
        const end = this.classAtom(flags);
        if (typeof end !== 'number' || end < lo) this.err('Illegal character range', dash + 1);
        hi = end;
      }
      const items = [rangeItem(lo, hi)];
      if (flags.i) for (const [a, b] of asciiCaseRanges(lo, hi)) items.push(rangeItem(a, b));
      parts.push(set(...items));
    }
    if (intersected.length > 0) intersected.push(union());
    const whole: CharSet = intersected.length > 0 ? { kind: 'and', of: intersected } : parts.length === 0 ? set() : union();
    return negated ? not(whole) : whole;
  }

  private classAtom(flags: Flags): number | CharSet {
    if (this.p[this.pos] !== '\\') return this.readCp();
    const c = this.p[this.pos + 1];
    if (c === 'Q') {
      this.pos += 2;
      const end = this.p.indexOf('\\E', this.pos);
      const text = end < 0 ? this.p.slice(this.pos) : this.p.slice(this.pos, end);
      this.pos = end < 0 ? this.p.length : end + 2;
      const items: string[] = [];
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        items.push(literal(cp, true));
        if (flags.i) for (const [a] of asciiCaseRanges(cp, cp)) items.push(literal(a, true));
      }
      return set(...items);
    }
    if (c !== undefined && /[1-9ABGZzbRXk]/.test(c)) this.err('Illegal/unsupported escape sequence', this.pos + 1);
    return this.classEscape();
  }
}
