/**
 * The lists, maps and ranges written in a template's directives and call arguments, read with Velocity 1.7's grammar
 * (velocityValues) and handed to velocityjs as references of the same length, whose nodes are then swapped for the
 * ones read here (see syntax.ts); so are the other values velocityjs reads otherwise or not at all: numbers such as
 * `1e3`, `.5` and long negative ones, `true` and `false` as indexes, and a string, number or Boolean a `#foreach`
 * loops over. One pass of the copy of velocityjs's lexer finds them, and on the way it collects the string literals
 * as Velocity reads them (those inside lists and maps included), reads every index after a reference as Velocity does
 * (in text too), and checks how deeply calls, lists, maps and parentheses nest: velocityjs's parser takes time in the
 * cube of that depth, and the evaluation recurses on it.
 */
import { MAX_EXPRESSION_NESTING } from './limits';
import type { StringLiteral } from './stringLiterals';
import type { VelocityNode } from './syntax';
import { lineOf, MESSAGE_TOKEN_LENGTH, shortLabel, surroundingsAt } from './syntaxMessages';
import { lexTemplate, Rule, type LexState } from './velocityLexer';
import { nestingMessage, parseIndex, parseValue, ValueSyntaxError, type NodePosition } from './velocityValues';
import { shortened } from '../model/shortened';
import { spliced } from './textSplices';

export interface CollectionLiteral {
  start: number;
  end: number;
  /** What velocityjs reads in its place: a reference among blanks, as long as the literal, with its line breaks. */
  replacement: string;
}

export interface TemplateValues {
  /** The string literals as Velocity reads them, in text order, those inside lists and maps included. */
  strings: StringLiteral[];
  /** The outermost lists, maps and ranges, in text order. */
  collections: CollectionLiteral[];
  /** The node each replacement reference stands for, by the reference's name. */
  nodes: Map<string, VelocityNode>;
  /**
   * The first value or index Velocity cannot parse, or the first nesting too deep. The scan stops at a value or a
   * nesting and reads on past an index, as velocityjs does.
   */
  problem?: ValueSyntaxError;
  /**
   * Whether a replacement takes a line break in (a one-character loop source on a line of its own): velocityjs then
   * counts fewer lines than the text has, and its positions are to be moved back (argumentBlanks, placeInSource).
   */
  joinsLines?: boolean;
}

/** What the lexer reads where a `[` right after it indexes a value: a name, a call's `)`, an index's `]`. */
const INDEXABLE = new Set<number>([Rule.Name, Rule.CloseParen, Rule.CloseBracket]);
const OPENERS = new Set<number>([Rule.MapBegin, Rule.BraceBegin, Rule.Paren, Rule.Bracket]);
const CLOSERS = new Set<number>([Rule.MapEnd, Rule.BraceEnd, Rule.CloseParen, Rule.CloseBracket]);
/** velocityjs's rules for `!`, `not`, the blanks between tokens inside parentheses, `in`, numbers and words. */
const NOT_SIGN = 40;
const NOT_WORD = 37;
const SPACES = 42;
const BLANKS = 43;
const IN_WORD = 20;
const DECIMAL_POINT = 55;
const NULL_WORD = 59;
const FALSE_WORD = 60;
const TRUE_WORD = 61;
const INTEGER_RULE = 62;
/** Characters that would join a replacement reference's name in velocityjs's lexer. */
const NAME_CHAR = /[A-Za-z0-9_-]/;

/** Ends the lexer pass at the first problem. */
const STOP = Symbol('stop');

export function scanTemplateValues(text: string): TemplateValues {
  const result: TemplateValues = { strings: [], collections: [], nodes: new Map() };
  let lastRule = -1;
  let lastEnd = -1;
  let ruleBeforeLast = -1;
  /** The last token other than blanks. */
  let lastSignificant = -1;
  /** Where the last `$` was read: the start of the reference an index belongs to. */
  let referenceStart = -1;
  /** For each `(` open: whether it opens a method call's arguments (`.name(`), where bare words are values. */
  const parens: boolean[] = [];
  /** Whether the last `)` read closed a method call's arguments (an index may follow it). */
  let closedCall = false;
  let depth = 0;
  let negations = 0;
  let names: PlaceholderNames | undefined;
  let lines: LineStarts | undefined;
  const locate = (start: number, end: number): NodePosition => (lines ??= new LineStarts(text)).position(start, end);
  const onString = (start: number, end: number, quote: '"' | "'") => result.strings.push({ start, end, quote });
  // The first problem is the one Velocity meets, but one too deeply nested must be known (velocityjs is not to parse it).
  const note = (problem: ValueSyntaxError): void => {
    if (!result.problem || problem.nesting) result.problem = problem;
  };
  const stop = (problem: ValueSyntaxError): never => {
    note(problem);
    throw STOP;
  };
  const onToken = (rule: number, start: number, end: number) => {
    if (rule === Rule.DoubleQuoted || rule === Rule.SingleQuoted) onString(start, end, rule === Rule.DoubleQuoted ? '"' : "'");
    if (OPENERS.has(rule) && ++depth + negations > MAX_EXPRESSION_NESTING) stop(new ValueSyntaxError(nestingMessage(openedLabel(text, start), lineOf(text, start), MAX_EXPRESSION_NESTING), start, true));
    if (CLOSERS.has(rule) && depth > 0) depth--;
    if (rule === Rule.Paren) parens.push(lastRule === Rule.Name && lastEnd === start && ruleBeforeLast === Rule.Dot);
    else if (rule === Rule.CloseParen) closedCall = parens.pop() === true;
    if (rule === Rule.Dollar || rule === Rule.DollarQuiet) referenceStart = start;
    // `!` and `not` apply to what follows, each one level deeper (UnaryExpression recurses on itself).
    if (rule === NOT_SIGN || rule === NOT_WORD) {
      if (depth + ++negations > MAX_EXPRESSION_NESTING) {
        stop(new ValueSyntaxError(`\`${text.slice(start, end)}\` at line ${lineOf(text, start)} is nested too deeply: more than ${MAX_EXPRESSION_NESTING} negations, calls, lists, maps and parentheses inside one another, which the evaluator refuses`, start, true));
      }
    } else if (rule !== BLANKS && rule !== SPACES) {
      negations = 0;
    }
    if (rule !== BLANKS && rule !== SPACES) lastSignificant = rule;
    ruleBeforeLast = lastRule;
    lastRule = rule;
    lastEnd = end;
  };
  /** Hands velocityjs a reference in place of the value Velocity reads from `start` to `end`; returns `end`. */
  const standIn = (start: number, end: number, node: VelocityNode, joinLines = false): number => {
    const written = text.slice(start, end);
    names ??= new PlaceholderNames(text);
    const joinsNext = NAME_CHAR.test(text[end] ?? '');
    const placeholder = names.placeholder(written, joinsNext, joinLines);
    if (placeholder === undefined) return stop(new ValueSyntaxError(noRoomMessage(text, start, end, node, joinsNext), joinsNext ? end : start));
    result.collections.push({ start, end, replacement: placeholder.text });
    result.nodes.set(placeholder.name, node);
    ruleBeforeLast = -1;
    lastRule = -1;
    lastSignificant = -1;
    lastEnd = end;
    return end;
  };
  /** A list or map at `offset`, read with Velocity's grammar. */
  const collection = (offset: number, state: LexState): number | undefined => {
    const bracket = text[offset] === '[';
    if (lastEnd === offset && !bracket && (lastRule === Rule.Dollar || lastRule === Rule.DollarQuiet)) return undefined;
    if (state === 'i') {
      stop(new ValueSyntaxError(`An index takes a string, a whole number, \`true\`, \`false\` or a reference in Velocity 1.7, not a ${bracket ? 'list' : 'map'}`, offset));
    }
    let parsed: { node: VelocityNode; end: number };
    try {
      const inCall = state === 'c' && parens[parens.length - 1] === true;
      parsed = parseValue(text, offset, { maxDepth: MAX_EXPRESSION_NESTING, depth, locate, onString, inCall });
    } catch (error) {
      if (!(error instanceof ValueSyntaxError)) throw error;
      error.valueStart = offset;
      return stop(error);
    }
    checkFollower(text, parsed.end, parsed.node, text.slice(offset, parsed.end), stop);
    return standIn(offset, parsed.end, parsed.node);
  };
  /**
   * The index at the `[` right after a reference, read with Velocity's grammar: what Velocity refuses is a problem
   * (in text velocityjs reads such a `[` as text, in a directive it may take `1.5`), noted while the scan goes on as
   * velocityjs reads on, so that every string literal is still found. `true` and `false`, which velocityjs's lexer
   * takes nowhere in an index, get a stand-in. Other indexes are left to velocityjs, which reads them alike.
   */
  const index = (offset: number): number | undefined => {
    const afterReference = lastRule === Rule.Name || lastRule === NULL_WORD ? REFERENCE_PARTS.has(ruleBeforeLast) : lastRule === Rule.CloseBracket || closedCall;
    if (!afterReference) return undefined;
    let parsed: { node: VelocityNode; end: number };
    try {
      parsed = parseIndex(text, offset, referenceStart, { maxDepth: MAX_EXPRESSION_NESTING, depth, locate });
    } catch (error) {
      if (!(error instanceof ValueSyntaxError)) throw error;
      note(error);
      return undefined;
    }
    if (parsed.node.type !== 'bool') return undefined;
    const word = String(parsed.node.value);
    const wordStart = text.indexOf(word, offset + 1);
    standIn(wordStart, wordStart + word.length, parsed.node);
    lastRule = Rule.CloseBracket;
    lastEnd = parsed.end;
    return parsed.end;
  };
  /** A number velocityjs reads otherwise than Velocity (`1e3`, `.5`, `1.`, `-9007199254740993`) gets a stand-in. */
  const number = (offset: number): number | undefined => {
    if (lastEnd === offset && CONTINUED.has(lastRule)) return undefined;
    MAYBE_MISREAD.lastIndex = offset;
    if (!MAYBE_MISREAD.test(text)) return undefined;
    const parsed = valueAt(offset);
    return parsed && isMisreadNumber(parsed.node) ? standIn(offset, parsed.end, parsed.node) : undefined;
  };
  /** `#foreach($i in "abc")`: velocityjs loops over references, lists and maps only; Velocity over any value. */
  const loopSource = (offset: number): number | undefined => {
    const parsed = valueAt(offset, onString);
    if (!parsed || !SCALAR_TYPES.has(parsed.node.type)) return undefined;
    if (parsed.end - offset >= 2) return standIn(offset, parsed.end, parsed.node);
    // A stand-in takes two characters at least: a one-digit number takes the blank before it along, or the line break
    // before it, which the stand-in then joins to the line of `in`.
    const before = text[offset - 1];
    if (before !== '\n' && before !== '\r') return standIn(before === ' ' || before === '\t' ? offset - 1 : offset, parsed.end, parsed.node);
    result.joinsLines = true;
    return standIn(offset - (text.startsWith('\r\n', offset - 2) ? 2 : 1), parsed.end, parsed.node, true);
  };
  const valueAt = (offset: number, strings?: typeof onString): { node: VelocityNode; end: number } | undefined => {
    try {
      return parseValue(text, offset, { maxDepth: MAX_EXPRESSION_NESTING, depth, onString: strings });
    } catch (error) {
      if (error instanceof ValueSyntaxError) return undefined;
      throw error;
    }
  };
  const skipValue = (offset: number, state: LexState): number | undefined => {
    const c = text[offset];
    // `null` is a name after `$` or `.` (`$null[1]`, `$a.null[0]`), where the lexer reads its word all the same.
    const nullName = lastRule === NULL_WORD && REFERENCE_PARTS.has(ruleBeforeLast);
    if (c === '[' && lastEnd === offset && (INDEXABLE.has(lastRule) || nullName)) return index(offset);
    if (state === 'mu') return undefined;
    if (c === '[' || c === '{') return collection(offset, state);
    if (lastSignificant === IN_WORD && c !== '$') return loopSource(offset);
    if (c === '-' || c === '.' || (c >= '0' && c <= '9')) return number(offset);
    return undefined;
  };
  try {
    lexTemplate(withPointsOpened(text), onToken, undefined, skipValue);
  } catch (error) {
    if (error !== STOP) throw error;
  }
  return result;
}

/**
 * velocityjs's lexer takes a `(` only before what may start a value, which a number starting with its point (`.5`)
 * does not: the text lexed has a `$` there, where the lexer takes the `(` and asks for the value, read from the
 * text itself (a stand-in then takes its place for velocityjs too). In plain text the `$` reads as text all the same.
 */
function withPointsOpened(text: string): string {
  return LEADING_POINT.test(text) ? text.replace(LEADING_POINTS, '$1$$') : text;
}

const LEADING_POINT = /\([ \t\r\n]*\.\d/;
const LEADING_POINTS = /(\([ \t\r\n]*)\.(?=\d)/g;

/** Why no stand-in fits a value: what follows joins it, or too many values are too short to have a name of their own. */
function noRoomMessage(text: string, start: number, end: number, node: VelocityNode, joinsNext: boolean): string {
  const written = text.slice(start, end);
  if (joinsNext) return `The evaluator cannot read \`${text[end]}\` right after \`${written}\`: put a space between them`;
  if (node.type === 'map' || node.type === 'array') {
    return `The evaluator cannot read a ${node.type === 'map' ? 'map' : 'list'} written over several lines with no more than one character on any of them; write it on one line`;
  }
  return `The evaluator cannot read this many different values as short as \`${written}\`: write this one longer (\`0.5\` for \`.5\`, \`1.0\` for \`1.\`)`;
}

/** Tokens a reference's name follows: `$`, `$!`, `${`, and the `.` of a property or method. */
const REFERENCE_PARTS = new Set<number>([Rule.Dollar, Rule.DollarQuiet, Rule.BraceBegin, Rule.Dot]);
/** Tokens a digit, `.` or `-` right after continues rather than starting a number: names, numbers, operands' ends. */
const CONTINUED = new Set<number>([Rule.Name, INTEGER_RULE, DECIMAL_POINT, Rule.Dot, Rule.CloseParen, Rule.CloseBracket, Rule.MapEnd, Rule.BraceEnd, Rule.DoubleQuoted, Rule.SingleQuoted, NULL_WORD, FALSE_WORD, TRUE_WORD]);
const SCALAR_TYPES = new Set(['string', 'integer', 'decimal', 'bool']);
/** What may start such a number: a point first or last, an exponent, sixteen digits or more (for a negative one). */
const MAYBE_MISREAD = /-?(?:\.\d|\d+\.(?!\d)|\d+(?:\.\d+)?[eE]|\d{16})/y;

/**
 * velocityjs reads a decimal number as digits, `.` and digits only, and a negative integer through a JavaScript
 * number, which loses digits beyond 2^53; Velocity's FLOATING_POINT_LITERAL takes `1.`, `.5` and exponents too.
 */
function isMisreadNumber(node: VelocityNode): boolean {
  const written = String(node.value);
  if (node.type === 'decimal') return !/^-?\d+\.\d+$/.test(written);
  return node.type === 'integer' && written.startsWith('-') && !Number.isSafeInteger(Number(written));
}

/** The text with each collection literal replaced; `text` is the scanned template or a rewrite of it as long. */
export function withPlaceholders(text: string, collections: readonly CollectionLiteral[]): string {
  return collections.length === 0 ? text : spliced(text, collections);
}

/**
 * Velocity 1.7 reads nothing right after a list or map written out as a value but an operator, a separator or a
 * closer: `.size()` is a lexical error there (the `.` of a method call is a token of references only), and an index,
 * a call or another brace a parse error.
 */
function checkFollower(text: string, end: number, node: VelocityNode, written: string, stop: (problem: ValueSyntaxError) => never): void {
  const next = text[end];
  if (next !== '.' && next !== '[' && next !== '(' && next !== '{') return;
  const kind = node.type === 'map' ? 'map' : node.isRange ? 'range' : 'list';
  const shown = shortened(written, MESSAGE_TOKEN_LENGTH);
  if (next === '.' && /[A-Za-z_]/.test(text[end + 1] ?? '')) {
    stop(new ValueSyntaxError(`Unexpected \`.\` after the ${kind} \`${shown}\`: Velocity 1.7 calls no method and reads no property of a ${kind} written out in place; #set it to a variable first and call the method on the variable`, end));
  }
  if (next === '[') {
    stop(new ValueSyntaxError(`Unexpected \`[\` after the ${kind} \`${shown}\`: Velocity 1.7 takes no index on a ${kind} written out in place; #set it to a variable first and index the variable`, end));
  }
  stop(new ValueSyntaxError(`Unexpected \`${next}\` after the ${kind} \`${shown}\``, end));
}

/** How the construct opened at `offset` is written, for messages: `#if(`, `$a.b(`, `[`. */
function openedLabel(text: string, offset: number): string {
  const open = surroundingsAt(text, offset + 1).open;
  const innermost = open[open.length - 1];
  return innermost && innermost.start <= offset ? shortLabel(innermost.label) : text[offset];
}

/**
 * Names for the references that stand for literals: as long as the literal, never a name the template refers to.
 * Every name starts with a letter no reference of the template starts with; a literal of two characters (`[]`, `{}`)
 * leaves room for that letter only, so each of those has a letter of its own.
 */
class PlaceholderNames {
  private readonly prefix: string;
  private readonly singles: string[];
  private readonly singleByText = new Map<string, string>();
  private readonly counters = new Map<number, number>();
  private readonly byText = new Map<string, string>();

  constructor(text: string) {
    const used = new Set<string>();
    for (const match of text.matchAll(/\$!?\{?([A-Za-z_])/g)) used.add(match[1]);
    const letters = new Set('ZQXJKVWYzqxjkvwyABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_');
    const free = [...letters].filter((c) => !used.has(c));
    this.prefix = free[0] ?? '';
    this.singles = free.slice(1);
  }

  /**
   * The text velocityjs reads in place of `written`, as long as it: `$name` on the longest of its lines, blanks
   * elsewhere, and its line breaks where they are, so that velocityjs counts the lines after it right. When the next
   * character would join the name, the name leaves a blank after it. `joinLines` reads `written` as one line, its line
   * breaks taken into the name. Undefined when no name fits.
   */
  placeholder(written: string, joinsNext: boolean, joinLines = false): { text: string; name: string } | undefined {
    let line = { start: 0, length: joinLines ? written.length : 0 };
    let start = 0;
    for (let i = 0; i <= written.length && !joinLines; i++) {
      if (i < written.length && written[i] !== '\n' && written[i] !== '\r') continue;
      if (i - start > line.length) line = { start, length: i - start };
      start = i + 1;
    }
    const last = line.start + line.length === written.length;
    const length = line.length - 1 - (last && joinsNext ? 1 : 0);
    const name = length < 1 ? undefined : length === 1 ? this.single(written) : this.longer(length, written);
    if (name === undefined) return undefined;
    let text = '';
    for (let i = 0; i < written.length; i++) {
      const at = i - line.start;
      if (at === 0) text += '$';
      else if (at > 0 && at <= name.length) text += name[at - 1];
      else text += !joinLines && (written[i] === '\n' || written[i] === '\r') ? written[i] : ' ';
    }
    return { text, name };
  }

  private single(written: string): string | undefined {
    let name = this.singleByText.get(written);
    if (name === undefined) {
      name = this.singles.shift();
      if (name !== undefined) this.singleByText.set(written, name);
    }
    return name;
  }

  /**
   * A name of its own while the length leaves room for one; once the names of a length are spent, literals share the
   * name of an earlier one written the same way (the same node then stands for both, which reads the same).
   */
  private longer(length: number, written: string): string | undefined {
    if (!this.prefix || length < 1) return undefined;
    const key = `${length}:${written}`;
    const counter = this.counters.get(length) ?? 0;
    const code = base62(counter);
    if (code.length > length - 1) return this.byText.get(key);
    this.counters.set(length, counter + 1);
    const name = this.prefix + code + '_'.repeat(length - 1 - code.length);
    if (!this.byText.has(key)) this.byText.set(key, name);
    return name;
  }
}

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function base62(n: number): string {
  let out = '';
  do {
    out = DIGITS[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out;
}

/** Line starts as velocityjs's lexer counts lines (at \r\n, \r and \n), for node positions. */
export class LineStarts {
  private readonly starts = [0];

  constructor(text: string) {
    for (const match of text.matchAll(/\r\n?|\n/g)) this.starts.push((match.index ?? 0) + match[0].length);
  }

  position(start: number, end: number): NodePosition {
    const [firstLine, firstColumn] = this.at(start);
    const [lastLine, lastColumn] = this.at(end);
    return { first_line: firstLine, first_column: firstColumn, last_line: lastLine, last_column: lastColumn };
  }

  private at(offset: number): [number, number] {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return [low + 1, offset - this.starts[low]];
  }
}
