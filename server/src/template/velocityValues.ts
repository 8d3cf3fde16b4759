/**
 * Velocity 1.7's grammar for the values written in directives and call arguments, read straight from the template
 * text: Parser.jjt's Parameter (a string, number, list, map, range, `true`, `false` or reference), ObjectArray,
 * Map, IntegerRange, and Reference with its Method and Index parts. velocityjs's grammar takes fewer values: its map
 * keys are strings only, where Velocity's Map takes a Parameter as key as well as value (`{1: "a"}`, `{$key: 1}`,
 * `{true: 1}`, and `{"$key": 1}` with the key interpolated), and its lists and maps cannot be operands
 * (`#if([1] == [1])`), where Velocity's PrimaryExpression takes them. So every list, map and range of a template is
 * read here and velocityjs sees a reference in its place (collectionLiterals).
 *
 * The nodes built are velocityjs's: `string` (`isEval` when double-quoted), `integer`, `decimal`, `bool`, `array`
 * (`isRange` for `[a..b]`), `references` with `method`, `property` and `index` steps, and `map`, whose `value` is the
 * list of `[key, value]` node pairs in the order written (a LinkedHashMap's order).
 */
import { lineOf, MESSAGE_TOKEN_LENGTH, NULL_LITERAL_MESSAGE, shortLabel, tokenAt } from './syntaxMessages';
import type { VelocityNode } from './syntax';
import { shortened } from '../model/shortened';

/** A value Velocity 1.7 cannot parse, at `offset` of the template. */
export class ValueSyntaxError extends Error {
  /** Where the outermost list, map or range holding the error starts, once known. */
  valueStart?: number;

  constructor(
    message: string,
    readonly offset: number,
    /** A nesting too deep to parse: the rest of the template is not worth parsing for an earlier error. */
    readonly nesting = false,
  ) {
    super(message);
  }
}

/** The message for `\u` without four hexadecimal digits in a double-quoted string (ASTStringLiteral's unicode escape). */
export const BAD_UNICODE_ESCAPE =
  'A double-quoted string reads \\u as the start of a \\uXXXX escape, and four hexadecimal digits must follow; write the backslash in a single-quoted string instead';

/** The message for calls, lists, maps and parentheses nested deeper than `max`, at the construct `label` opens. */
export function nestingMessage(label: string, line: number, max: number): string {
  return `\`${label}\` opened at line ${line} is nested too deeply: more than ${max} calls, lists, maps and parentheses inside one another, which the evaluator refuses (Velocity's parser and evaluator recurse on each level too); take the inner values apart with #set`;
}

/** velocityjs's node position: 1-based lines, 0-based columns. */
export interface NodePosition {
  first_line: number;
  first_column: number;
  last_line: number;
  last_column: number;
}

export interface ValueParserOptions {
  /** How deep the value may nest lists, maps, calls and indexes, counting what already encloses it. */
  maxDepth: number;
  /** What encloses the value already (the parentheses of its directive, ...). */
  depth: number;
  /** Positions for reference nodes, so that a failing call inside a list is placed. */
  locate?: (start: number, end: number) => NodePosition;
  /** Hears every string literal read, in text order. */
  onString?: (start: number, end: number, quote: '"' | "'") => void;
  /** Whether the value stands among a method call's arguments, where a bare word is a value (see `bareWord`). */
  inCall?: boolean;
}

/** Velocity's WHITESPACE token: spaces, tabs and line breaks only. */
const BLANK = /[ \t\r\n]*/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
/** FLOATING_POINT_LITERAL: `1.5`, `1.`, `.5`, `1e3`, each optionally negative. */
const FLOAT = /-?(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)/y;
const INTEGER = /-?\d+/y;
/** INTEGER_LITERAL followed by `..`: an integer, however the text goes on (`1..3` is not the float `1.`). */
const RANGE_INTEGER = /-?\d+(?=\.\.)/y;
const DOUBLE_QUOTED = /"(?:""|[^"])*"/y;
const SINGLE_QUOTED = /'(?:''|[^'])*'/y;
/** A character that continues Velocity's WORD token, so that `trueish` is not `true`. */
const WORD_CHAR = /[A-Za-z0-9_@]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

interface Open {
  label: string;
  start: number;
}

/** Reads one value of the template text from `start`; `end` is the offset after it. */
export function parseValue(text: string, start: number, options: ValueParserOptions): { node: VelocityNode; end: number } {
  const parser = new ValueParser(text, start, options);
  const node = parser.value();
  return { node, end: parser.offset };
}

/**
 * Reads the index at `bracket` (`[` to `]`) of the reference that starts at `referenceStart`; `end` is the offset after
 * it. Velocity's lexer reads every `[` right after a reference as the start of an index, in text too.
 */
export function parseIndex(text: string, bracket: number, referenceStart: number, options: ValueParserOptions): { node: VelocityNode; end: number } {
  const parser = new ValueParser(text, bracket, options);
  const node = parser.readIndex(referenceStart);
  return { node, end: parser.offset };
}

class ValueParser {
  private pos: number;
  private depth: number;
  private readonly open: Open[] = [];
  /** Set while looking ahead for a range: what is read then is read again, and its strings reported only then. */
  private speculating = false;
  /** Inside a method call's arguments, at any depth of lists and maps. */
  private inCall: boolean;

  constructor(
    private readonly text: string,
    start: number,
    private readonly options: ValueParserOptions,
  ) {
    this.pos = start;
    this.depth = options.depth;
    this.inCall = options.inCall ?? false;
  }

  get offset(): number {
    return this.pos;
  }

  /** Parameter(): a value with blanks on either side. */
  private parameter(): VelocityNode {
    this.blanks();
    const node = this.value();
    this.blanks();
    return node;
  }

  value(): VelocityNode {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.string(c);
    if (c === '[') return this.bracket();
    if (c === '{') return this.map();
    if (c === '$') return this.reference();
    if (c === '-' || c === '.' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false']) {
      if (this.text.startsWith(word, this.pos) && !WORD_CHAR.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return { type: 'bool', value: word };
      }
    }
    if (this.inCall) {
      const word = this.bareWord();
      if (word) return word;
    }
    if (this.text.startsWith('null', this.pos) && !WORD_CHAR.test(this.text[this.pos + 4] ?? '')) {
      this.fail(NULL_LITERAL_MESSAGE);
    }
    return this.unexpected('a value');
  }

  /**
   * A word without `$` among a method call's arguments: Velocity 1.7's lexer reads the arguments in its REFMOD2
   * state, where an identifier is a token, and the parser takes it as a value that is always null (`null` included,
   * and `foo` even when `$foo` is set), in lists and maps there too. In directives such a word is a parse error.
   */
  private bareWord(): VelocityNode | undefined {
    const word = this.match(IDENTIFIER);
    return word === undefined ? undefined : { type: 'bool', value: 'null' };
  }

  private blanks(): void {
    BLANK.lastIndex = this.pos;
    BLANK.test(this.text);
    this.pos = BLANK.lastIndex;
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.pos += found[0].length;
    return found[0];
  }

  /** StringLiteral(): quotes doubled inside, no backslash escapes but `\uXXXX` in a double-quoted string. */
  private string(quote: '"' | "'"): VelocityNode {
    const start = this.pos;
    const raw = this.match(quote === '"' ? DOUBLE_QUOTED : SINGLE_QUOTED);
    if (raw === undefined) {
      this.fail(`The string opened at line ${lineOf(this.text, start)} is not closed: add the closing \`${quote}\` (a quote inside it is written twice, \`${quote}${quote}\`)`, start);
    }
    if (!this.speculating) this.options.onString?.(start, this.pos, quote);
    if (!raw.includes(quote + quote) && !(quote === '"' && raw.includes('\\u'))) {
      const value = raw.slice(1, -1);
      return quote === '"' ? { type: 'string', value, isEval: true } : { type: 'string', value };
    }
    let value = '';
    for (let k = 1; k < raw.length - 1; k++) {
      const c = raw[k];
      if (c === quote) {
        value += quote;
        k++;
      } else if (quote === '"' && c === '\\' && raw[k + 1] === 'u') {
        const hex = raw.slice(k + 2, k + 6);
        if (!HEX4.test(hex)) this.fail(BAD_UNICODE_ESCAPE, start + k);
        value += String.fromCharCode(parseInt(hex, 16));
        k += 5;
      } else {
        value += c;
      }
    }
    return quote === '"' ? { type: 'string', value, isEval: true } : { type: 'string', value };
  }

  /** IntegerLiteral() or FloatingPointLiteral(), by the longest token as Velocity's lexer picks it. */
  private number(): VelocityNode {
    const integer = this.match(RANGE_INTEGER);
    if (integer !== undefined) return { type: 'integer', value: integer };
    const decimal = this.match(FLOAT);
    if (decimal !== undefined) return { type: 'decimal', value: decimal };
    const whole = this.match(INTEGER);
    if (whole !== undefined) return { type: 'integer', value: whole };
    return this.unexpected('a value');
  }

  /** IntegerRange() when `[`, a bound and `..` follow (Velocity's syntactic look-ahead), else ObjectArray(). */
  private bracket(): VelocityNode {
    const start = this.pos;
    this.enter('[', start);
    this.pos++;
    this.blanks();
    if (this.rangeAhead()) {
      const first = this.rangeBound();
      this.blanks();
      this.pos += 2;
      this.blanks();
      const second = this.rangeBound();
      this.blanks();
      if (this.text[this.pos] !== ']') this.unexpected('`]`');
      this.pos++;
      this.leave();
      return { type: 'array', isRange: true, value: [first, second] };
    }
    this.pos = start + 1;
    const items: VelocityNode[] = [];
    if (this.text[this.pos] !== ']') {
      // A blank after `[` already starts an element (ObjectArray's optional Parameter), so `[ ]` wants a value.
      if (/[ \t\r\n]/.test(this.text[this.pos] ?? '') && this.emptyAfterBlanks()) {
        this.fail('Unexpected `]`: Velocity 1.7 reads the blank after `[` as the start of an element, so a list with only blanks between its brackets is an error; write `[]`');
      }
      // Not spread into `push`: a list of a few hundred thousand elements would overflow the stack as arguments.
      for (const item of this.parameterList()) items.push(item);
      if (this.text[this.pos] !== ']') this.unexpected('`,` or `]`');
    }
    this.pos++;
    this.leave();
    return { type: 'array', value: items };
  }

  /** Values separated by commas, the first due at the current position. */
  private parameterList(): VelocityNode[] {
    const list = [this.parameter()];
    while (this.text[this.pos] === ',') {
      this.pos++;
      list.push(this.parameter());
    }
    return list;
  }

  private emptyAfterBlanks(): boolean {
    const at = this.pos;
    this.blanks();
    const empty = this.text[this.pos] === ']';
    if (!empty) this.pos = at;
    return empty;
  }

  /** Whether a range bound and `..` follow, without reporting anything that does not parse. */
  private rangeAhead(): boolean {
    const at = this.pos;
    const open = this.open.length;
    const depth = this.depth;
    const speculating = this.speculating;
    this.speculating = true;
    try {
      this.rangeBound();
      this.blanks();
      return this.text.startsWith('..', this.pos);
    } catch (error) {
      if (error instanceof ValueSyntaxError) return false;
      throw error;
    } finally {
      this.pos = at;
      this.open.length = open;
      this.depth = depth;
      this.speculating = speculating;
    }
  }

  /** A bound of IntegerRange(): a reference or an integer literal. */
  private rangeBound(): VelocityNode | number {
    if (this.text[this.pos] === '$') return this.reference();
    const integer = this.match(RANGE_INTEGER) ?? this.integerToken();
    if (integer === undefined) return this.unexpected('a whole number or a reference');
    return Number(integer);
  }

  /** An integer literal that is not the start of a float (`1.5`, `1e3`). */
  private integerToken(): string | undefined {
    FLOAT.lastIndex = this.pos;
    if (FLOAT.test(this.text)) return undefined;
    return this.match(INTEGER);
  }

  /** Map(): `{}` (blanks allowed) or key `:` value pairs, each key and value any Parameter. */
  private map(): VelocityNode {
    const start = this.pos;
    this.enter('{', start);
    this.pos++;
    const entries: Array<[VelocityNode, VelocityNode]> = [];
    this.blanks();
    if (this.text[this.pos] !== '}') {
      for (;;) {
        const key = this.parameter();
        if (this.text[this.pos] !== ':') this.unexpected('`:`');
        this.pos++;
        entries.push([key, this.parameter()]);
        if (this.text[this.pos] === '}') break;
        if (this.text[this.pos] !== ',') this.unexpected('`,` or `}`');
        this.pos++;
      }
    }
    this.pos++;
    this.leave();
    return { type: 'map', value: entries };
  }

  /** Reference(): `$name`, `$!name`, `${name}`, with indexes, properties and method calls. */
  private reference(): VelocityNode {
    const start = this.pos;
    let leader = '$';
    this.pos++;
    if (this.text[this.pos] === '!') {
      leader = '$!';
      this.pos++;
    }
    const wrapped = this.text[this.pos] === '{';
    if (wrapped) this.pos++;
    const id = this.match(IDENTIFIER);
    if (id === undefined) return this.unexpected(`a name after \`${leader}${wrapped ? '{' : ''}\``);
    const path: VelocityNode[] = [];
    for (;;) {
      const c = this.text[this.pos];
      if (c === '[') {
        path.push({ type: 'index', id: this.index(start) });
      } else if (c === '.' && /[A-Za-z_]/.test(this.text[this.pos + 1] ?? '')) {
        this.pos++;
        const name = this.match(IDENTIFIER)!;
        if (this.text[this.pos] === '(') path.push({ type: 'method', id: name, args: this.callArguments(start) });
        else path.push({ type: 'property', id: name });
      } else {
        break;
      }
    }
    if (wrapped) {
      if (this.text[this.pos] !== '}') this.unexpected('`}`', `${leader}{`, start);
      this.pos++;
    }
    const node: VelocityNode = { type: 'references', id, leader };
    if (path.length > 0) node.path = path;
    if (wrapped) node.isWraped = true;
    if (this.options.locate) node.pos = this.options.locate(start, this.pos);
    return node;
  }

  /** Method(): `(`, Parameters separated by `,`, `)`; a blank after `(` already starts a Parameter. */
  private callArguments(referenceStart: number): VelocityNode[] | false {
    this.enter(`${this.text.slice(referenceStart, this.pos)}(`, referenceStart);
    this.pos++;
    if (this.text[this.pos] === ')') {
      this.pos++;
      this.leave();
      return false;
    }
    const inCall = this.inCall;
    this.inCall = true;
    let args: VelocityNode[];
    try {
      args = this.parameterList();
    } finally {
      this.inCall = inCall;
    }
    if (this.text[this.pos] !== ')') this.unexpected('`,` or `)`');
    this.pos++;
    this.leave();
    return args;
  }

  readIndex(referenceStart: number): VelocityNode {
    return this.index(referenceStart);
  }

  /** Index(): IndexParameter, which is a string, an integer, `true`, `false` or a reference, within `[` and `]`. */
  private index(referenceStart: number): VelocityNode {
    this.enter(`${this.text.slice(referenceStart, this.pos)}[`, referenceStart);
    this.pos++;
    this.blanks();
    const c = this.text[this.pos];
    let node: VelocityNode;
    if (c === '"' || c === "'") node = this.string(c);
    else if (c === '$') node = this.reference();
    else if (c === '-' || (c >= '0' && c <= '9')) {
      const integer = this.integerToken();
      if (integer === undefined) this.fail('An index takes a string, a whole number, `true`, `false` or a reference in Velocity 1.7, not a decimal number');
      node = { type: 'integer', value: integer };
    } else {
      const word = ['true', 'false'].find((w) => this.text.startsWith(w, this.pos) && !WORD_CHAR.test(this.text[this.pos + w.length] ?? ''));
      if (!word) {
        if (c === '[' || c === '{') this.fail(`An index takes a string, a whole number, \`true\`, \`false\` or a reference in Velocity 1.7, not a ${c === '[' ? 'list' : 'map'}`);
        return this.unexpected('a string, a whole number, `true`, `false` or a reference');
      }
      this.pos += word.length;
      node = { type: 'bool', value: word };
    }
    this.blanks();
    if (this.text[this.pos] !== ']') this.unexpected('`]`');
    this.pos++;
    this.leave();
    return node;
  }

  private enter(label: string, start: number): void {
    this.open.push({ label, start });
    if (++this.depth > this.options.maxDepth) {
      throw new ValueSyntaxError(nestingMessage(shortLabel(label), lineOf(this.text, start), this.options.maxDepth), start, true);
    }
  }

  private leave(): void {
    this.open.pop();
    this.depth--;
  }

  private fail(message: string, offset = this.pos): never {
    throw new ValueSyntaxError(message, offset);
  }

  /** An error at the current position, naming what is open around it. */
  private unexpected(expected: string, label?: string, labelStart?: number): never {
    const innermost = label !== undefined ? { label, start: labelStart! } : this.open[this.open.length - 1];
    const where = innermost ? `\`${shortLabel(innermost.label)}\` opened at line ${lineOf(this.text, innermost.start)}` : undefined;
    if (this.pos >= this.text.length) {
      this.fail(where ? `${where} is not closed: expected ${expected} before the end of the template` : `Unexpected end of the template: expected ${expected}`, innermost?.start ?? this.pos);
    }
    const c = this.text[this.pos];
    if (/\s/.test(c)) {
      const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      this.fail(`Velocity cannot read the white space character ${code}${where ? ` in ${where}` : ''}: only spaces, tabs and line breaks may separate the parts of a list, map or call`);
    }
    const closer = innermost ? CLOSERS[innermost.label[innermost.label.length - 1]] : undefined;
    if (where && closer && c !== closer && ')]}'.includes(c) && expected.includes(`\`${closer}\``)) {
      // The closer of something around it: this construct was left open.
      this.fail(`${where} is not closed: expected \`${closer}\` before \`${c}\``);
    }
    const found = tokenAt(this.text, this.pos);
    this.fail(`Unexpected \`${shortened(found, MESSAGE_TOKEN_LENGTH)}\`${where ? ` in ${where}` : ''}: expected ${expected}`);
  }
}
