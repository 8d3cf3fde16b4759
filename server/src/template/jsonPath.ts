/**
 * JSONPath as API Gateway reads it in `$input.path` / `$input.json`: the Jayway "JsonPath for Java" dialect
 * (the docs link it, and API Gateway's parse errors name json-smart, Jayway's default backend).
 *
 * Written here rather than taken from npm: the JavaScript packages follow Goessner's original (script expressions
 * evaluated as JavaScript, no `=~`, `in`, `nin`, no definite/indefinite distinction), whereas templates depend on
 * Jayway's rules: a definite path yields one value or nothing, an indefinite one (wildcard, deep scan, slice, union,
 * filter) always yields a list; a path without a leading `$` is read as `$.` + path.
 */
import { compileJavaRegex } from './javaRegex';

export type PathSegment =
  | { kind: 'property'; names: string[] }
  | { kind: 'wildcard' }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; filter: FilterExpr }
  | { kind: 'function'; name: string };

export interface CompiledPath {
  /** `$` for the document root, `@` for the current node inside a filter. */
  root: '$' | '@';
  steps: Array<{ deep: boolean; segment: PathSegment }>;
  /** Jayway's "definite path": no wildcard, deep scan, filter, slice or union, so the result is one value. */
  definite: boolean;
}

type FilterOperand =
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'literal'; value: unknown }
  | { kind: 'regex'; regex: RegExp };

export type FilterExpr =
  | { kind: 'or' | 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'exists'; operand: FilterOperand }
  | { kind: 'compare'; op: string; left: FilterOperand; right: FilterOperand };

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

class PathParser {
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
    const definite = steps.every(
      (s) =>
        !s.deep &&
        (s.segment.kind === 'function' ||
          (s.segment.kind === 'property' && s.segment.names.length === 1) ||
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
      return compileJavaRegex(source, flags.includes('i') ? 'i' : '');
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

const compiledCache = new Map<string, CompiledPath>();

/** Compiles a path, reading `name.x` as `$.name.x` the way Jayway does. Throws JsonPathSyntaxError. */
export function compileJsonPath(expression: string): CompiledPath {
  const cached = compiledCache.get(expression);
  if (cached) return cached;
  const trimmed = expression.trim();
  if (trimmed === '') throw new JsonPathSyntaxError('the path is empty', 0);
  const text = trimmed.startsWith('$') || trimmed.startsWith('@') ? trimmed : `$.${trimmed}`;
  const compiled = new PathParser(text).parse();
  if (compiledCache.size > 2000) compiledCache.clear();
  compiledCache.set(expression, compiled);
  return compiled;
}

/** Syntax check for diagnostics: `{ ok: true }` or the reason and the offset in the expression. */
export function parseJsonPath(expression: string): { ok: boolean; error?: string; offset?: number } {
  try {
    compileJsonPath(expression);
    return { ok: true };
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) {
      const shift = expression.trim().startsWith('$') || expression.trim().startsWith('@') ? 0 : 2;
      return { ok: false, error: `Invalid JSONPath '${expression}': ${error.message}`, offset: Math.max(0, error.offset - shift) };
    }
    throw error;
  }
}

export type JsonPathResult = { found: true; value: unknown } | { found: false };

/**
 * Evaluates a path against a parsed document. A definite path that leads nowhere is `found: false` (Jayway throws
 * PathNotFoundException); an indefinite path always gives a list, possibly empty.
 */
export function evaluateJsonPath(expression: string | CompiledPath, document: unknown): JsonPathResult {
  const path = typeof expression === 'string' ? compileJsonPath(expression) : expression;
  const matches = selectNodes(path, document, document);
  if (path.definite) return matches.length > 0 ? { found: true, value: matches[0] } : { found: false };
  return { found: true, value: matches };
}

function selectNodes(path: CompiledPath, start: unknown, root: unknown): unknown[] {
  let current: unknown[] = [start];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step.deep) deepApply(step.segment, node, root, next);
      else applySegment(step.segment, node, root, next, false);
    }
    current = next;
  }
  return current;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function applySegment(segment: PathSegment, node: unknown, root: unknown, out: unknown[], scanning: boolean): void {
  switch (segment.kind) {
    case 'property':
      if (!isMap(node)) return;
      if (segment.names.length === 1) {
        if (Object.prototype.hasOwnProperty.call(node, segment.names[0])) out.push(node[segment.names[0]]);
        return;
      }
      {
        // Several names in one bracket select a map of those keys (Jayway's multi-property token).
        const picked: Record<string, unknown> = {};
        for (const name of segment.names) if (Object.prototype.hasOwnProperty.call(node, name)) picked[name] = node[name];
        if (Object.keys(picked).length > 0) out.push(picked);
      }
      return;
    case 'wildcard':
      if (Array.isArray(node)) out.push(...node);
      else if (isMap(node)) out.push(...Object.values(node));
      return;
    case 'index':
      if (!Array.isArray(node)) return;
      for (const index of segment.indexes) {
        const i = index < 0 ? node.length + index : index;
        if (i >= 0 && i < node.length) out.push(node[i]);
      }
      return;
    case 'slice':
      if (Array.isArray(node)) out.push(...sliceOf(node, segment));
      return;
    case 'filter':
      if (Array.isArray(node)) {
        for (const item of node) if (testFilter(segment.filter, item, root)) out.push(item);
      } else if (isMap(node) && !scanning && testFilter(segment.filter, node, root)) {
        out.push(node);
      }
      return;
    case 'function': {
      const value = applyFunction(segment.name, node);
      if (value !== undefined) out.push(value);
      return;
    }
  }
}

/** `..x`: the segment applied to the node and to every descendant, parents before children (Jayway's scan order). */
function deepApply(segment: PathSegment, node: unknown, root: unknown, out: unknown[]): void {
  if (segment.kind === 'filter') {
    // A deep-scan filter tests every descendant value that is an object or array element.
    if (Array.isArray(node)) for (const item of node) if (testFilter(segment.filter, item, root)) out.push(item);
  } else {
    applySegment(segment, node, root, out, true);
  }
  if (Array.isArray(node)) for (const item of node) deepApply(segment, item, root, out);
  else if (isMap(node)) for (const key of Object.keys(node)) deepApply(segment, node[key], root, out);
}

function sliceOf(list: unknown[], slice: { start?: number; end?: number; step?: number }): unknown[] {
  const n = list.length;
  const step = slice.step ?? 1;
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? n + v : v, 0), n);
  const out: unknown[] = [];
  if (step > 0) {
    const from = slice.start === undefined ? 0 : clamp(slice.start);
    const to = slice.end === undefined ? n : clamp(slice.end);
    for (let i = from; i < to; i += step) out.push(list[i]);
  } else {
    const from = slice.start === undefined ? n - 1 : Math.min(clamp(slice.start), n - 1);
    const to = slice.end === undefined ? -1 : clamp(slice.end);
    for (let i = from; i > to; i += step) out.push(list[i]);
  }
  return out;
}

function applyFunction(name: string, node: unknown): unknown {
  if (name === 'length' || name === 'size') {
    if (Array.isArray(node)) return node.length;
    if (isMap(node)) return Object.keys(node).length;
    if (typeof node === 'string') return node.length;
    return undefined;
  }
  if (name === 'keys') return isMap(node) ? Object.keys(node) : undefined;
  if (!Array.isArray(node)) return undefined;
  if (name === 'first') return node[0];
  if (name === 'last') return node[node.length - 1];
  const numbers = node.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0) return undefined;
  const sum = numbers.reduce((a, b) => a + b, 0);
  switch (name) {
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
    case 'sum':
      return sum;
    case 'avg':
      return sum / numbers.length;
    case 'stddev': {
      const mean = sum / numbers.length;
      return Math.sqrt(numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length);
    }
  }
  return undefined;
}

const MISSING = Symbol('missing');

function operandValue(operand: FilterOperand, current: unknown, root: unknown): unknown {
  if (operand.kind === 'literal') return operand.value;
  if (operand.kind === 'regex') return operand.regex;
  const matches = selectNodes(operand.path, operand.path.root === '@' ? current : root, root);
  if (operand.path.definite) return matches.length > 0 ? matches[0] : MISSING;
  return matches;
}

function testFilter(filter: FilterExpr, current: unknown, root: unknown): boolean {
  switch (filter.kind) {
    case 'or':
      return testFilter(filter.left, current, root) || testFilter(filter.right, current, root);
    case 'and':
      return testFilter(filter.left, current, root) && testFilter(filter.right, current, root);
    case 'not':
      return !testFilter(filter.operand, current, root);
    case 'exists': {
      const value = operandValue(filter.operand, current, root);
      if (filter.operand.kind !== 'path') return value === true;
      return value !== MISSING && !(Array.isArray(value) && !filter.operand.path.definite && value.length === 0);
    }
    case 'compare':
      return compareValues(filter.op, operandValue(filter.left, current, root), operandValue(filter.right, current, root));
  }
}

function compareValues(op: string, left: unknown, right: unknown): boolean {
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
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

function compareOrder(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}
