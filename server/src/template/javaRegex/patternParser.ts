import { asciiCaseRanges, emitSet, literal } from './charSets';
import { BOUNDARY_WORD, LINE_TERMINATORS, VERTICAL_SPACE } from './characterProperties';
import { ClassParser } from './classParser';
import { syntaxError } from './errors';
import type { Flags } from './patternCursor';

interface Atom {
  /** Emitted before `src` and outside the reach of a following quantifier. */
  prefix?: string;
  src: string;
  /** Whether a quantifier may follow `src` directly in u-mode JavaScript. */
  single: boolean;
}

export interface Compiled {
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

/** Java's pattern grammar: alternation, quantifiers, groups, anchors and the escapes allowed only outside a class. */
export class PatternParser extends ClassParser {
  private javaGroups = 0;
  private helperGroups = 0;
  private lookbehind = 0;
  private lookbehindStart = 0;
  private atStart = true;
  private depth = 0;
  sticky = false;
  readonly names = new Map<string, number>();

  constructor(
    p: string,
    private readonly initial: Flags,
  ) {
    super(p);
  }

  compile(): Compiled {
    const body = this.disjunction({ ...this.initial });
    if (this.pos < this.p.length) throw syntaxError("Unmatched closing ')'", this.pos - 1, this.p);
    // Capture numbers are assigned by position of the opening parenthesis, helper captures included.
    const jsIndex = new Map<string, number>();
    let next = 0;
    for (const m of body.matchAll(/\u0001([^\u0002]+)\u0002/g)) jsIndex.set(m[1], ++next);
    const source = body.replace(/\u0001[^\u0002]+\u0002/g, '').replace(/\u0003([^\u0002]+)\u0002/g, (_m, id: string) => {
      const n = jsIndex.get(id);
      // A back reference to a group the pattern does not have never matches; an empty class says so and, unlike
      // (?!), may be quantified (`\\2?`).
      return n === undefined ? '[]' : `(?:\\${n})`;
    });
    const jsGroup = [0];
    for (let g = 1; g <= this.javaGroups; g++) jsGroup.push(jsIndex.get(`j${g}`)!);
    return { source, sticky: this.sticky, groupCount: this.javaGroups, jsGroup, names: this.names };
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

}
