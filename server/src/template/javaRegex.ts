/**
 * java.util.regex patterns and replacement strings, run on JavaScript's engine. Templates call `replaceAll`,
 * `replaceFirst`, `matches` and `split` on Java strings, integration-response keys and JSONPath `=~` filters are
 * Java patterns too, and the language server validates those keys with this same compiler so that the editor
 * accepts exactly what the simulator runs.
 *
 * The pattern is parsed with Java's grammar and re-emitted for a `u`-mode RegExp. Java constructs without a
 * JavaScript counterpart are rebuilt from equivalent pieces: atomic groups and possessive quantifiers as
 * `(?=(X))\n` (a lookahead is never backtracked into), inline flags by rewriting each token under the flags in
 * force, class intersection as a lookahead per operand. What cannot be rebuilt exactly is refused as unsupported
 * rather than matched differently.
 */

export class JavaRegexError extends Error {
  constructor(
    message: string,
    /** Java's own wording, without the pattern, e.g. `Illegal repetition near index 0`. */
    readonly description: string = message,
    /** True when Java accepts the pattern but the simulator cannot run it faithfully. */
    readonly unsupported = false,
  ) {
    super(message);
  }
}

function syntaxError(description: string, index: number, pattern: string): JavaRegexError {
  const where = `${description} near index ${index}`;
  return new JavaRegexError(`Invalid regular expression ${pattern}: ${where}`, where);
}

function unsupportedError(description: string, index: number, pattern: string): JavaRegexError {
  const where = `${description} near index ${index}`;
  return new JavaRegexError(`Unsupported regular expression ${pattern}: ${where} (valid in Java, but the simulator cannot run it exactly)`, where, true);
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  x: boolean;
  d: boolean;
  u: boolean;
}

/** A set of characters: JavaScript class content, or a combination that needs lookarounds to express. */
type CharSet = { kind: 'set'; items: string[] } | { kind: 'not'; of: CharSet } | { kind: 'or'; of: CharSet[] } | { kind: 'and'; of: CharSet[] };

const set = (...items: string[]): CharSet => ({ kind: 'set', items });
const not = (of: CharSet): CharSet => ({ kind: 'not', of });

function emitSet(cs: CharSet): string {
  switch (cs.kind) {
    case 'set':
      return `[${cs.items.join('')}]`;
    case 'not':
      return cs.of.kind === 'set' ? `[^${cs.of.items.join('')}]` : `(?:(?!${emitSet(cs.of)})[\\s\\S])`;
    case 'or': {
      const items = cs.of.flatMap((p) => (p.kind === 'set' ? p.items : []));
      const others = cs.of.filter((p) => p.kind !== 'set').map(emitSet);
      if (others.length === 0) return `[${items.join('')}]`;
      const parts = items.length ? [`[${items.join('')}]`, ...others] : others;
      return parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
    }
    case 'and': {
      const parts = cs.of.map(emitSet);
      return `(?:${parts.slice(0, -1).map((p) => `(?=${p})`).join('')}${parts[parts.length - 1]})`;
    }
  }
}

const hex4 = (cp: number): string => `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** One code point as JavaScript source; BMP escapes read the same with and without the `u` flag. */
function literal(cp: number, inClass: boolean): string {
  const c = String.fromCodePoint(cp);
  if (/[A-Za-z0-9_ ]/.test(c)) return c;
  if (!inClass && '^$\\.*+?()[]{}|/'.includes(c)) return `\\${c}`;
  return cp < 0x10000 ? hex4(cp) : `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** Java's default CASE_INSENSITIVE is ASCII-only: the other-case ASCII counterparts of a range. */
function asciiCaseRanges(lo: number, hi: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const lower = [Math.max(lo, 0x61), Math.min(hi, 0x7a)];
  if (lower[0] <= lower[1]) out.push([lower[0] - 32, lower[1] - 32]);
  const upper = [Math.max(lo, 0x41), Math.min(hi, 0x5a)];
  if (upper[0] <= upper[1]) out.push([upper[0] + 32, upper[1] + 32]);
  return out;
}

function rangeItem(lo: number, hi: number): string {
  return lo === hi ? literal(lo, true) : `${literal(lo, true)}-${literal(hi, true)}`;
}

const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';
const HORIZONTAL_SPACE = ' \\t\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const VERTICAL_SPACE = '\\n\\u000B\\f\\r\\u0085\\u2028\\u2029';
const JAVA_SPACE = ' \\t\\n\\u000B\\f\\r';
const IDENTIFIER_IGNORABLE = '\\u0000-\\u0008\\u000E-\\u001B\\u007F-\\u009F\\p{Cf}';
// Without UNICODE_CHARACTER_CLASS, Java's word boundary asks Character.isLetterOrDigit, not \w.
const BOUNDARY_WORD = '[\\p{L}\\p{Nd}_]';

/** Java's POSIX classes are US-ASCII by default; the java* classes follow java.lang.Character. */
const NAMED_CLASSES: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\u0000-\\u007F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\u002F:-@\\u005B-`\\u007B-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\u0000-\\u001F\\u007F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaWhitespace: '\\t-\\r\\u001C-\\u0020\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000',
  javaMirrored: '\\p{Bidi_M}',
  javaDigit: '\\p{Nd}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '\\p{L}\\p{Nd}',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaTitleCase: '\\p{Lt}',
  javaSpaceChar: '\\p{Z}',
  javaISOControl: '\\u0000-\\u001F\\u007F-\\u009F',
  javaIdentifierIgnorable: IDENTIFIER_IGNORABLE,
  javaJavaIdentifierStart: '\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}',
  javaJavaIdentifierPart: `\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}\\p{Nd}\\p{Mc}\\p{Mn}${IDENTIFIER_IGNORABLE}`,
  LD: '\\p{L}\\p{Nd}',
  L1: '\\u0000-\\u00FF',
  all: '\\s\\S',
};

const CATEGORIES = new Set(
  'Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm Sc Sk So Pi Pf L M N Z C P S LC'.split(' '),
);

/** Binary properties Java accepts after `Is`, case-insensitively. */
const BINARY_PROPERTIES: Record<string, string> = {
  ALPHABETIC: '\\p{Alphabetic}',
  LETTER: '\\p{L}',
  IDEOGRAPHIC: '\\p{Ideographic}',
  LOWERCASE: '\\p{Lowercase}',
  UPPERCASE: '\\p{Uppercase}',
  TITLECASE: '\\p{Lt}',
  WHITE_SPACE: '\\p{White_Space}',
  WHITESPACE: '\\p{White_Space}',
  CONTROL: '\\p{Cc}',
  PUNCTUATION: '\\p{P}',
  HEX_DIGIT: '\\p{Hex_Digit}',
  HEXDIGIT: '\\p{Hex_Digit}',
  ASSIGNED: '\\P{Cn}',
  NONCHARACTER_CODE_POINT: '\\p{Noncharacter_Code_Point}',
  DIGIT: '\\p{Nd}',
  ALNUM: '\\p{Alphabetic}\\p{Nd}',
  JOIN_CONTROL: '\\p{Join_Control}',
  JOINCONTROL: '\\p{Join_Control}',
};

function jsAccepts(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

function scriptItem(name: string): string | undefined {
  const candidates = [name, name.toLowerCase().replace(/(^|_)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase())];
  for (const candidate of candidates) {
    if (/^[A-Za-z_]+$/.test(candidate) && jsAccepts(`\\p{Script=${candidate}}`)) return `\\p{Script=${candidate}}`;
  }
  return undefined;
}

interface Atom {
  /** Emitted before `src` and outside the reach of a following quantifier. */
  prefix?: string;
  src: string;
  /** Whether a quantifier may follow `src` directly in u-mode JavaScript. */
  single: boolean;
}

interface Compiled {
  /** `u`-mode source, with a leading `\G` removed (see `sticky`). */
  source: string;
  /** The pattern began with `\G`: each match must start where the previous one ended. */
  sticky: boolean;
  groupCount: number;
  /** JavaScript group index of each Java group (index 0 is the whole match). */
  jsGroup: number[];
  names: Map<string, number>;
}

const OPEN_MARK = '\u0001';
const REF_MARK = '\u0003';
const END_MARK = '\u0002';

class Parser {
  private pos = 0;
  private javaGroups = 0;
  private helperGroups = 0;
  private lookbehind = 0;
  private lookbehindStart = 0;
  private atStart = true;
  private depth = 0;
  sticky = false;
  readonly names = new Map<string, number>();

  constructor(
    private readonly p: string,
    private readonly initial: Flags,
  ) {}

  compile(): Compiled {
    const body = this.disjunction({ ...this.initial });
    if (this.pos < this.p.length) throw syntaxError("Unmatched closing ')'", this.pos - 1, this.p);
    // Capture numbers are assigned by position of the opening parenthesis, helper captures included.
    const jsIndex = new Map<string, number>();
    let next = 0;
    for (const m of body.matchAll(/\u0001([^\u0002]+)\u0002/g)) jsIndex.set(m[1], ++next);
    const source = body.replace(/\u0001[^\u0002]+\u0002/g, '').replace(/\u0003([^\u0002]+)\u0002/g, (_m, id: string) => {
      const n = jsIndex.get(id);
      return n === undefined ? '(?!)' : `(?:\\${n})`;
    });
    const jsGroup = [0];
    for (let g = 1; g <= this.javaGroups; g++) jsGroup.push(jsIndex.get(`j${g}`)!);
    return { source, sticky: this.sticky, groupCount: this.javaGroups, jsGroup, names: this.names };
  }

  private err(description: string, index = this.pos): never {
    throw syntaxError(description, index, this.p);
  }

  private unsupported(description: string, index = this.pos): never {
    throw unsupportedError(description, index, this.p);
  }

  private peekCp(at = this.pos): number {
    return this.p.codePointAt(at)!;
  }

  private readCp(): number {
    const cp = this.peekCp();
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** COMMENTS mode ignores whitespace and `#` comments everywhere, inside classes too. */
  private skipComments(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.p[this.pos];
      if (c !== undefined && ' \t\n\u000B\f\r'.includes(c)) this.pos++;
      else if (c === '#') {
        while (this.pos < this.p.length && !'\n\r\u0085\u2028\u2029'.includes(this.p[this.pos])) this.pos++;
      } else return;
    }
  }

  private disjunction(flags: Flags): string {
    const alternatives = [this.sequence(flags)];
    while (this.p[this.pos] === '|') {
      if (this.sticky && this.depth === 0) this.unsupported('\\G followed by a top-level alternation');
      this.pos++;
      this.atStart = false;
      alternatives.push(this.sequence(flags));
    }
    return alternatives.join('|');
  }

  private sequence(flags: Flags): string {
    let out = '';
    for (;;) {
      this.skipComments(flags);
      const c = this.p[this.pos];
      if (c === undefined || c === '|' || c === ')') return out;
      const start = this.pos;
      let atom: Atom | undefined;
      if (c === '*' || c === '+' || c === '?') this.err(`Dangling meta character '${c}'`);
      // A bound with nothing before it (start, or right after another quantifier) repeats the empty string.
      if (c === '{') atom = { src: '', single: false };
      else atom = this.atom(flags);
      if (atom === undefined) continue;
      if (c !== '\\' || this.p[start + 1] !== 'G') this.atStart = false;
      out += this.quantified(atom, flags, c === '{');
    }
  }

  /** Reads the quantifier after an atom, if any; a quantifier can never itself be quantified. */
  private quantified(atom: Atom, flags: Flags, bare: boolean): string {
    return (atom.prefix ?? '') + this.quantifiedLast(atom, flags, bare);
  }

  private quantifiedLast(atom: Atom, flags: Flags, bare: boolean): string {
    this.skipComments(flags);
    const at = this.pos;
    const c = this.p[this.pos];
    let q: string;
    let unbounded = false;
    if (c === '*' || c === '+' || c === '?') {
      if (bare) this.err(`Dangling meta character '${c}'`);
      this.pos++;
      q = c;
      unbounded = c !== '?';
    } else if (c === '{') {
      this.pos++;
      const min = /^[0-9]+/.exec(this.p.slice(this.pos))?.[0];
      if (min === undefined) this.err('Illegal repetition', at);
      this.pos += min.length;
      let max: string | undefined = min;
      if (this.p[this.pos] === ',') {
        this.pos++;
        max = /^[0-9]*/.exec(this.p.slice(this.pos))![0];
        this.pos += max.length;
      }
      if (this.p[this.pos] !== '}') this.err('Unclosed counted closure');
      this.pos++;
      if (max !== '' && Number(max) < Number(min)) this.err('Illegal repetition range', at);
      if (Number(min) > 0x7fffffff || Number(max) > 0x7fffffff) this.err('Illegal repetition', at);
      q = max === min ? `{${min}}` : `{${min},${max}}`;
      unbounded = max === '';
    } else {
      return atom.src;
    }
    if (unbounded && this.lookbehind > 0) this.err('Look-behind group does not have an obvious maximum length', this.lookbehindStart);
    const base = atom.single ? atom.src : `(?:${atom.src})`;
    const mode = this.p[this.pos];
    if (mode === '?') {
      this.pos++;
      return atom.src === '' ? '' : `${base}${q}?`;
    }
    if (mode === '+') {
      this.pos++;
      return atom.src === '' ? '' : this.atomic(`${base}${q}`, at);
    }
    return atom.src === '' ? '' : `${base}${q}`;
  }

  private atomic(src: string, at: number): string {
    // A JavaScript lookbehind matches right to left, so the back-reference would run before its capture.
    if (this.lookbehind > 0) this.unsupported('Atomic group or possessive quantifier inside a look-behind', at);
    const id = `h${++this.helperGroups}`;
    return `(?:(?=${OPEN_MARK}${id}${END_MARK}(${src}))${REF_MARK}${id}${END_MARK})`;
  }

  private atom(flags: Flags): Atom | undefined {
    const c = this.p[this.pos];
    switch (c) {
      case '(':
        return this.group(flags);
      case '[': {
        const cs = this.charClass(flags);
        return { src: emitSet(cs), single: true };
      }
      case '.':
        this.pos++;
        return { src: flags.s ? '[\\s\\S]' : flags.d ? '[^\\n]' : `[^${LINE_TERMINATORS}]`, single: true };
      case '^':
        this.pos++;
        if (!flags.m) return { src: '^', single: false };
        // MULTILINE `^` follows any line terminator except one ending the input, and never splits \r\n.
        return {
          src: flags.d ? '(?:^|(?<=\\n)(?!$))' : '(?:^|(?:(?<=[\\n\\u0085\\u2028\\u2029])|(?<=\\r)(?!\\n))(?!$))',
          single: false,
        };
      case '$':
        this.pos++;
        return { src: this.dollar(flags), single: false };
      case '\\':
        return this.escape(flags);
      default: {
        const cp = this.readCp();
        return { src: this.literalAtom(cp, flags), single: true };
      }
    }
  }

  private dollar(flags: Flags): string {
    if (flags.d) return flags.m ? '(?=\\n|$)' : '(?=\\n?$)';
    if (flags.m) return '(?:(?=[\\r\\u0085\\u2028\\u2029]|$)|(?<!\\r)(?=\\n))';
    return '(?:$|(?=\\r\\n$|[\\r\\u0085\\u2028\\u2029]$)|(?<!\\r)(?=\\n$))';
  }

  private literalAtom(cp: number, flags: Flags): string {
    if (flags.i) {
      const other = asciiCaseRanges(cp, cp)[0];
      if (other) return `[${literal(cp, true)}${literal(other[0], true)}]`;
    }
    return literal(cp, false);
  }

  private group(flags: Flags): { src: string; single: boolean } | undefined {
    const open = this.pos;
    this.pos++;
    let prefix = '(';
    let inner = { ...flags };
    let kind: 'capture' | 'plain' | 'lookbehind' | 'atomic' = 'plain';
    let captureId: string | undefined;
    if (this.p[this.pos] !== '?') {
      kind = 'capture';
      captureId = `j${++this.javaGroups}`;
    } else {
      this.pos++;
      const c = this.p[this.pos];
      if (c === ':') {
        prefix = '(?:';
        this.pos++;
      } else if (c === '=' || c === '!') {
        prefix = `(?${c}`;
        this.pos++;
      } else if (c === '>') {
        kind = 'atomic';
        prefix = '(?:';
        this.pos++;
      } else if (c === '<') {
        this.pos++;
        const d = this.p[this.pos];
        if (d === '=' || d === '!') {
          prefix = `(?<${d}`;
          kind = 'lookbehind';
          this.pos++;
        } else {
          const name = /^[A-Za-z][A-Za-z0-9]*/.exec(this.p.slice(this.pos))?.[0];
          if (name === undefined) this.err(/^[0-9]/.test(d ?? '') ? 'capturing group name {' + d + '} starts with digit character' : 'Unknown look-behind group');
          this.pos += name.length;
          if (this.p[this.pos] !== '>') this.err("named capturing group is missing trailing '>'");
          this.pos++;
          if (this.names.has(name)) this.err(`Named capturing group <${name}> is already defined`);
          kind = 'capture';
          captureId = `j${++this.javaGroups}`;
          this.names.set(name, this.javaGroups);
          prefix = `(?<${name}>`;
        }
      } else {
        // Inline flags: `(?idmsux-idmsux)` changes the rest of the enclosing group, `(?flags:X)` only X.
        const target = { ...flags };
        let on = true;
        for (;;) {
          const f = this.p[this.pos];
          if (f === undefined) this.err('Unclosed group');
          if (f === ')' || f === ':') break;
          if (f === '-' && on) on = false;
          else if (f === 'U') this.unsupported('UNICODE_CHARACTER_CLASS (?U)');
          else if ('idmsux'.includes(f)) target[f as keyof Flags] = on;
          else this.err('Unknown inline modifier');
          this.pos++;
        }
        if (target.i && target.u) this.unsupported('Unicode case folding (?iu)');
        if (this.p[this.pos] === ')') {
          this.pos++;
          Object.assign(flags, target);
          return undefined;
        }
        this.pos++;
        inner = target;
        prefix = '(?:';
      }
    }
    if (kind === 'lookbehind') {
      if (this.lookbehind === 0) this.lookbehindStart = open;
      this.lookbehind++;
    }
    this.depth++;
    const body = this.disjunction(inner);
    this.depth--;
    if (kind === 'lookbehind') this.lookbehind--;
    if (this.p[this.pos] !== ')') this.err('Unclosed group', this.p.length);
    this.pos++;
    const src = `${captureId ? OPEN_MARK + captureId + END_MARK : ''}${prefix}${body})`;
    if (kind === 'atomic') return { src: this.atomic(body, open), single: true };
    // JavaScript (u mode) refuses to quantify a lookaround directly; Java allows it.
    return { src, single: !prefix.startsWith('(?=') && !prefix.startsWith('(?!') && !prefix.startsWith('(?<=') && !prefix.startsWith('(?<!') };
  }

  private escape(flags: Flags): Atom {
    const start = this.pos;
    const c = this.p[this.pos + 1];
    if (c === undefined) this.err('Unexpected internal error', this.p.length);
    switch (c) {
      case 'A':
        this.pos += 2;
        return { src: '^', single: false };
      case 'z':
        this.pos += 2;
        return { src: '$', single: false };
      case 'Z':
        this.pos += 2;
        return { src: this.dollar({ ...flags, m: false }), single: false };
      case 'G':
        this.pos += 2;
        if (this.atStart && this.depth === 0) {
          this.sticky = true;
          return { src: '', single: false };
        }
        return this.unsupported('\\G anywhere but at the start of the pattern', start);
      case 'b':
        this.pos += 2;
        if (this.p[this.pos] === '{') this.unsupported('\\b{g}', start);
        return { src: `(?:(?<=${BOUNDARY_WORD})(?!${BOUNDARY_WORD})|(?<!${BOUNDARY_WORD})(?=${BOUNDARY_WORD}))`, single: false };
      case 'B':
        this.pos += 2;
        return { src: `(?:(?<=${BOUNDARY_WORD})(?=${BOUNDARY_WORD})|(?<!${BOUNDARY_WORD})(?!${BOUNDARY_WORD}))`, single: false };
      case 'R':
        this.pos += 2;
        return { src: `(?:\\r\\n|[${VERTICAL_SPACE}])`, single: false };
      case 'X':
        return this.unsupported('Grapheme cluster \\X', start);
      case 'Q': {
        this.pos += 2;
        const end = this.p.indexOf('\\E', this.pos);
        const text = end < 0 ? this.p.slice(this.pos) : this.p.slice(this.pos, end);
        this.pos = end < 0 ? this.p.length : end + 2;
        const chars = [...text].map((ch) => this.literalAtom(ch.codePointAt(0)!, flags));
        // Java unquotes before parsing, so a following quantifier binds to the last quoted character only.
        return { prefix: chars.slice(0, -1).join(''), src: chars[chars.length - 1] ?? '', single: chars.length > 0 };
      }
      case 'k': {
        this.pos += 2;
        const name = /^<([A-Za-z][A-Za-z0-9]*)>/.exec(this.p.slice(this.pos));
        if (!name) this.err('\\k is not followed by \'<\' for named capturing group');
        this.pos += name[0].length;
        const group = this.names.get(name[1]);
        if (group === undefined) this.err(`named capturing group <${name[1]}> does not exist`);
        return this.backReference(group, flags, start);
      }
    }
    if (c >= '1' && c <= '9') {
      this.pos += 2;
      let group = Number(c);
      // Java reads further digits only while they name a group that already exists.
      while (/[0-9]/.test(this.p[this.pos] ?? '') && group * 10 + Number(this.p[this.pos]) <= this.javaGroups) {
        group = group * 10 + Number(this.p[this.pos++]);
      }
      return this.backReference(group, flags, start);
    }
    const cs = this.classEscape();
    if (typeof cs === 'number') return { src: this.literalAtom(cs, flags), single: true };
    return { src: emitSet(cs), single: true };
  }

  private backReference(group: number, flags: Flags, start: number): { src: string; single: boolean } {
    if (this.lookbehind > 0) this.err('Look-behind group does not have an obvious maximum length', this.lookbehindStart);
    if (flags.i) this.unsupported('Case-insensitive back-reference', start);
    return { src: `${REF_MARK}j${group}${END_MARK}`, single: true };
  }

  /** Escapes valid both inside and outside a class: a code point or a set. The position is on the backslash. */
  private classEscape(): number | CharSet {
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
  private charClass(flags: Flags): CharSet {
    const open = this.pos;
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

const cache = new Map<string, Compiled>();

function compile(pattern: string, extraFlags = ''): Compiled {
  const key = `${extraFlags}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const flags: Flags = { i: extraFlags.includes('i'), s: extraFlags.includes('s'), m: extraFlags.includes('m'), x: false, d: false, u: false };
  const compiled = new Parser(pattern, flags).compile();
  try {
    new RegExp(compiled.source, 'u');
  } catch (error) {
    throw syntaxError((error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ''), 0, pattern);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** Compiles a Java pattern to an equivalent `u`-flag RegExp (no `g`/`y`); throws JavaRegexError with Java's wording. */
export function compileJavaRegex(pattern: string, extraFlags = ''): RegExp {
  const c = compile(pattern, extraFlags);
  return new RegExp(c.sticky ? `^(?:${c.source})` : c.source, 'u');
}

/** Java's complaint about a pattern, e.g. `Illegal repetition near index 0`; undefined when Java accepts it. */
export function javaPatternProblem(pattern: string): JavaRegexError | undefined {
  try {
    compile(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof JavaRegexError) return error;
    throw error;
  }
}

/** Java's `Matcher.matches()`: the whole text must match. */
export function javaMatches(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${compile(pattern).source})$`, 'u').test(text);
}

/** Successive `Matcher.find()` results, with Java's rules for empty matches and `\G`. */
function* findAll(c: Compiled, text: string): Generator<RegExpExecArray> {
  const regex = new RegExp(c.source, c.sticky ? 'uy' : 'ug');
  let from = 0;
  while (from <= text.length) {
    regex.lastIndex = from;
    const match = regex.exec(text);
    if (!match) return;
    yield match;
    const end = match.index + match[0].length;
    if (match[0].length > 0) from = end;
    else if (c.sticky) return;
    else from = end + (text.codePointAt(end)! > 0xffff ? 2 : 1);
  }
}

type ReplacementPart = string | number;

/** A Java replacement string: `$1`, `${name}`, `\$` for a dollar sign, `\\` for a backslash. */
function parseReplacement(replacement: string, c: Compiled): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let text = '';
  const flush = (): void => {
    if (text) parts.push(text);
    text = '';
  };
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '\\') {
      if (i + 1 >= replacement.length) throw new JavaRegexError('character to be escaped is missing');
      text += replacement[++i];
    } else if (ch === '$') {
      if (i + 1 >= replacement.length) throw new JavaRegexError('Illegal group reference: group index is missing');
      if (replacement[i + 1] === '{') {
        const m = /^\{([A-Za-z0-9]*)/.exec(replacement.slice(i + 1))!;
        if (m[1] === '') throw new JavaRegexError('named capturing group has 0 length name');
        if (replacement[i + 1 + m[0].length] !== '}') throw new JavaRegexError("named capturing group is missing trailing '}'");
        if (/^[0-9]/.test(m[1])) throw new JavaRegexError(`capturing group name {${m[1]}} starts with digit character`);
        const group = c.names.get(m[1]);
        if (group === undefined) throw new JavaRegexError(`No group with name {${m[1]}}`);
        flush();
        parts.push(group);
        i += m[0].length + 1;
        continue;
      }
      if (!/[0-9]/.test(replacement[i + 1])) throw new JavaRegexError('Illegal group reference');
      // Java takes further digits only while the number stays a valid group.
      let group = Number(replacement[++i]);
      while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1]) && group * 10 + Number(replacement[i + 1]) <= c.groupCount) {
        group = group * 10 + Number(replacement[++i]);
      }
      if (group > c.groupCount) throw new JavaRegexError(`No group ${group}`);
      flush();
      parts.push(group);
    } else {
      text += ch;
    }
  }
  flush();
  return parts;
}

export function javaReplace(text: string, pattern: string, replacement: string, all: boolean): string {
  const c = compile(pattern);
  let parts: ReplacementPart[] | undefined;
  let out = '';
  let last = 0;
  for (const match of findAll(c, text)) {
    // Java reads the replacement only when there is a match, so a bad one is harmless otherwise.
    parts ??= parseReplacement(replacement, c);
    out += text.slice(last, match.index);
    for (const part of parts) out += typeof part === 'string' ? part : (match[c.jsGroup[part]] ?? '');
    last = match.index + match[0].length;
    if (!all) break;
  }
  return out + text.slice(last);
}

/** Java's `String.split(regex, limit)`, including its removal of trailing empty strings when limit is 0. */
export function javaSplit(text: string, pattern: string, limit = 0): string[] {
  const c = compile(pattern);
  const out: string[] = [];
  let index = 0;
  for (const match of findAll(c, text)) {
    if (limit > 0 && out.length >= limit - 1) break;
    const end = match.index + match[0].length;
    // A zero-width match at the beginning never produces an empty leading substring.
    if (index === 0 && match.index === 0 && end === 0) continue;
    out.push(text.slice(index, match.index));
    index = end;
  }
  if (index === 0) return [text];
  out.push(text.slice(index));
  if (limit === 0) while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
