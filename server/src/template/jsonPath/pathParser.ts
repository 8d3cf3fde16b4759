import { compileJavaPattern, refuseExponentialPattern } from '../javaRegex';
import type { CompiledPath, FilterExpr, FilterOperand, PathSegment } from './compiledPath';

export class JsonPathSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const FUNCTIONS = new Set(['length', 'size', 'min', 'max', 'avg', 'sum', 'stddev', 'first', 'last', 'keys']);
const COMPARE_OPERATORS = ['==', '!=', '<=', '>=', '=~', '<', '>', ' in ', ' nin ', ' subsetof ', ' anyof ', ' noneof ', ' size ', ' empty '];

export class PathParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): CompiledPath {
    const path = this.parsePath(false);
    this.skipSpaces();
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text[this.pos]}'`);
    return path;
  }

  /** A path from `$` or `@`; inside a filter it stops at the first character that cannot continue it. */
  parsePath(inFilter: boolean): CompiledPath {
    const start = this.text[this.pos];
    if (start !== '$' && start !== '@') this.fail("a path starts with '$'");
    this.pos++;
    const steps: CompiledPath['steps'] = [];
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '.') {
        const deep = this.text[this.pos + 1] === '.';
        this.pos += deep ? 2 : 1;
        if (this.text[this.pos] === '[') {
          if (!deep) this.fail("'.' cannot be followed by '['");
          steps.push({ deep, segment: this.parseBracket() });
          continue;
        }
        if (this.text[this.pos] === '*') {
          this.pos++;
          steps.push({ deep, segment: { kind: 'wildcard' } });
          continue;
        }
        const name = this.readName();
        if (!name) this.fail(this.pos >= this.text.length ? 'the path ends with a dot' : `unexpected '${this.text[this.pos]}'`);
        if (this.text[this.pos] === '(' && this.text[this.pos + 1] === ')' && FUNCTIONS.has(name)) {
          this.pos += 2;
          steps.push({ deep, segment: { kind: 'function', name } });
          continue;
        }
        steps.push({ deep, segment: { kind: 'property', names: [name] } });
      } else if (c === '[') {
        steps.push({ deep: false, segment: this.parseBracket() });
      } else if (inFilter) {
        break;
      } else {
        this.fail(`unexpected '${c}'`);
      }
    }
    // Several names in the last step merge into one map, so Jayway counts that step as definite; anywhere else they
    // iterate like an index union.
    const definite = steps.every(
      (s, i) =>
        !s.deep &&
        (s.segment.kind === 'function' ||
          (s.segment.kind === 'property' && (s.segment.names.length === 1 || i === steps.length - 1)) ||
          (s.segment.kind === 'index' && s.segment.indexes.length === 1)),
    );
    return { root: start, steps, definite };
  }

  private readName(): string {
    const match = /^[^.[\]()\s!=<>&|,'"~]+/.exec(this.text.slice(this.pos));
    if (!match) return '';
    this.pos += match[0].length;
    return match[0];
  }

  private parseBracket(): PathSegment {
    this.pos++;
    this.skipSpaces();
    const c = this.text[this.pos];
    let segment: PathSegment;
    if (c === '*') {
      this.pos++;
      segment = { kind: 'wildcard' };
    } else if (c === '?') {
      this.pos++;
      this.skipSpaces();
      this.expect('(');
      const filter = this.parseOr();
      this.skipSpaces();
      this.expect(')');
      segment = { kind: 'filter', filter };
    } else if (c === "'" || c === '"') {
      const names = [this.readQuoted()];
      this.skipSpaces();
      while (this.text[this.pos] === ',') {
        this.pos++;
        this.skipSpaces();
        names.push(this.readQuoted());
        this.skipSpaces();
      }
      segment = { kind: 'property', names };
    } else {
      segment = this.parseIndexOrSlice();
    }
    this.skipSpaces();
    this.expect(']');
    return segment;
  }

  private parseIndexOrSlice(): PathSegment {
    const close = this.text.indexOf(']', this.pos);
    if (close < 0) this.fail("missing ']'");
    const body = this.text.slice(this.pos, close).replace(/\s+/g, '');
    const at = this.pos;
    this.pos = close;
    if (body.includes(':')) {
      const parts = body.split(':');
      if (parts.length > 3 || parts.some((p) => p !== '' && !/^-?\d+$/.test(p))) this.fail(`invalid slice '[${body}]'`, at);
      const num = (p: string | undefined) => (p === undefined || p === '' ? undefined : Number(p));
      const step = num(parts[2]);
      if (step === 0) this.fail('a slice step cannot be 0', at);
      return { kind: 'slice', start: num(parts[0]), end: num(parts[1]), step };
    }
    const items = body.split(',');
    if (body === '' || items.some((p) => !/^-?\d+$/.test(p))) this.fail(`invalid index '[${body}]'`, at);
    return { kind: 'index', indexes: items.map(Number) };
  }

  private readQuoted(): string {
    const quote = this.text[this.pos];
    if (quote !== "'" && quote !== '"') this.fail('expected a quoted name');
    let out = '';
    this.pos++;
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      if (this.text[this.pos] === '\\' && this.pos + 1 < this.text.length) this.pos++;
      out += this.text[this.pos++];
    }
    if (this.pos >= this.text.length) this.fail('unterminated quoted string');
    this.pos++;
    return out;
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('||', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('&&', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
  }

  private parseUnary(): FilterExpr {
    this.skipSpaces();
    if (this.text[this.pos] === '!' && this.text[this.pos + 1] !== '=') {
      this.pos++;
      return { kind: 'not', operand: this.parseUnary() };
    }
    if (this.text[this.pos] === '(') {
      this.pos++;
      const inner = this.parseOr();
      this.skipSpaces();
      this.expect(')');
      return inner;
    }
    const left = this.parseOperand();
    this.skipSpaces();
    const op = COMPARE_OPERATORS.find((o) => this.text.startsWith(o.trim(), this.pos) && (o.trim() === o || /\W/.test(this.text[this.pos + o.trim().length] ?? ' ')));
    if (!op) return { kind: 'exists', operand: left };
    this.pos += op.trim().length;
    this.skipSpaces();
    const right = this.parseOperand();
    return { kind: 'compare', op: op.trim(), left, right };
  }

  private parseOperand(): FilterOperand {
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === '@' || c === '$') return { kind: 'path', path: this.parsePath(true) };
    if (c === "'" || c === '"') return { kind: 'literal', value: this.readQuoted() };
    if (c === '/') return { kind: 'regex', regex: this.readRegex() };
    if (c === '[') return { kind: 'literal', value: this.readJsonLiteral() };
    if (c === '{') return { kind: 'literal', value: this.readJsonLiteral() };
    const match = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos));
    if (!match) this.fail(c === undefined ? 'the filter is not closed' : `unexpected '${c}' in filter`);
    this.pos += match[0].length;
    return { kind: 'literal', value: JSON.parse(match[0]) };
  }

  private readRegex(): RegExp {
    const start = this.pos;
    this.pos++;
    let source = '';
    while (this.pos < this.text.length && this.text[this.pos] !== '/') {
      if (this.text[this.pos] === '\\') source += this.text[this.pos++];
      source += this.text[this.pos++];
    }
    if (this.pos >= this.text.length) this.fail('unterminated regular expression', start);
    this.pos++;
    const flags = /^[a-z]*/.exec(this.text.slice(this.pos))![0];
    this.pos += flags.length;
    try {
      const { regex, exponential } = compileJavaPattern(source, flags.includes('i') ? 'i' : '');
      refuseExponentialPattern(source, exponential);
      return regex;
    } catch (error) {
      this.fail(`invalid regular expression /${source}/: ${(error as Error).message}`, start);
    }
  }

  /** An array or object literal for `in`/`nin`/`subsetof`; Jayway accepts single-quoted strings inside. */
  private readJsonLiteral(): unknown {
    const start = this.pos;
    const open = this.text[this.pos];
    const close = open === '[' ? ']' : '}';
    let depth = 0;
    let quote = '';
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos];
      if (quote) {
        if (ch === '\\') this.pos++;
        else if (ch === quote) quote = '';
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === open) depth++;
      else if (ch === close && --depth === 0) break;
    }
    if (depth !== 0) this.fail(`unterminated '${open}'`, start);
    this.pos++;
    const raw = this.text.slice(start, this.pos).replace(/'((?:[^'\\]|\\.)*)'/g, (_m, s: string) => JSON.stringify(s.replace(/\\'/g, "'")));
    try {
      return JSON.parse(raw);
    } catch {
      this.fail(`invalid literal ${this.text.slice(start, this.pos)}`, start);
    }
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) this.fail(this.pos >= this.text.length ? `missing '${ch}'` : `expected '${ch}' but found '${this.text[this.pos]}'`);
    this.pos++;
  }

  private fail(message: string, at = this.pos): never {
    throw new JsonPathSyntaxError(message, at);
  }
}
