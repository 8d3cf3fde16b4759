/**
 * `#foreach` headers Velocity 1.7 reads and velocityjs's grammar, even with the second argument rewritten to `in`
 * (looseArguments), cannot: Velocity parses a directive's arguments generically (any number of them, separated by
 * blanks, a comma or nothing at all between a word and a value, `x[1, 2]`) and Foreach then takes its children by
 * position, the block being the last child:
 * - the first child names the loop variable by its root (`$k.x` loops with `$k`), the second is never read;
 * - with two arguments the third child is the block, whose value is null, so the loop renders nothing;
 * - with four or more the list is still the third child, but the body Foreach renders is the fourth, an argument: a
 *   reference prints its value, a list, map or range prints the references inside it, any other value nothing.
 * Such a header becomes a block macro call of no arguments, as long as before, and its node is put back as a loop
 * read here with Velocity's grammar (velocityValues).
 */
import type { StringLiteral } from './stringLiterals';
import type { VelocityNode } from './syntax';
import { LineStarts } from './collectionLiterals';
import { MAX_EXPRESSION_NESTING } from './limits';
import { lexTemplate, Rule } from './velocityLexer';
import { parseValue, ValueSyntaxError, type NodePosition } from './velocityValues';

/** What a loop header reads as, by the offset of its `#`. */
export interface LoopHeader {
  /** The loop variable's name. */
  to: string;
  /** The list, absent when there is none (two arguments) and the loop renders nothing. */
  from?: VelocityNode;
  /** With four arguments or more: what each iteration renders instead of the block. */
  argumentBody?: VelocityNode[];
}

export interface LoopHeaders {
  text: string;
  headers: Map<number, LoopHeader>;
  /** The string literals among the headers' arguments, which Velocity parses when the template loads. */
  strings: StringLiteral[];
}

interface Argument {
  start: number;
  end: number;
  /** Velocity's WORD (a name without `$`), or a value. */
  word?: string;
  node?: VelocityNode;
}

/** Velocity's WORD token in a directive: `@` is one of its characters, `-` is not. */
const WORD = /[A-Za-z_@][A-Za-z0-9_@]*/y;
const BOOLEAN = /(?:true|false)(?![A-Za-z0-9_@])/y;
const BLANKS = /[ \t\r\n]*/y;
const HEADER = /#foreach[ ]*\(/g;
/** The name of the `#@` call a rewritten header becomes: as long as `foreach`, with the `@`. */
const STAND_IN = '#@foreac';

/**
 * The loop headers of `text` velocityjs cannot read, rewritten. Escaped text in `text` is stand-ins already, so that
 * only directives are found.
 */
export function readLoopHeaders(text: string): LoopHeaders | undefined {
  if (!text.includes('#foreach')) return undefined;
  const candidates = new Map<number, { open: number; close: number; args: Argument[] }>();
  const strings: Array<StringLiteral & { hash: number }> = [];
  let lines: LineStarts | undefined;
  for (const match of text.matchAll(HEADER)) {
    const hash = match.index ?? 0;
    const open = hash + match[0].length - 1;
    const found: Array<StringLiteral & { hash: number }> = [];
    const read = readArguments(text, open, (start, end) => (lines ??= new LineStarts(text)).position(start, end), (start, end, quote) => found.push({ start, end, quote, hash }));
    if (!read || !needsRewrite(text, open, read.args)) continue;
    candidates.set(hash, { open, ...read });
    strings.push(...found);
  }
  if (candidates.size === 0) return undefined;
  // Only a directive the lexer reads (not text in a comment, a string or after an escape) is rewritten. It reads the
  // text with every candidate's arguments blanked: those it cannot read must not end its pass early.
  let blankedText = text;
  for (const { open, close } of candidates.values()) {
    blankedText = blankedText.slice(0, open + 1) + blanked(text, open + 1, close) + blankedText.slice(close);
  }
  const headers = new Map<number, LoopHeader>();
  let out = blankedText;
  let hash = -1;
  lexTemplate(blankedText, (rule, start, _end, state) => {
    if (rule === Rule.DirectiveHash) hash = start;
    if (rule !== Rule.Foreach || state !== 'h' || !candidates.has(hash)) return;
    headers.set(hash, loopOf(candidates.get(hash)!.args));
    out = out.slice(0, hash) + STAND_IN + out.slice(hash + STAND_IN.length);
  });
  if (headers.size === 0) return undefined;
  // A candidate the lexer did not read as a directive keeps its text.
  for (const [hash, { close }] of candidates) if (!headers.has(hash)) out = out.slice(0, hash) + text.slice(hash, close) + out.slice(close);
  return { text: out, headers, strings: strings.filter((s) => headers.has(s.hash)).map(({ start, end, quote }) => ({ start, end, quote })) };
}

/** The text from `start` to `end` as blanks, its line breaks kept. */
function blanked(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^\r\n]/g, ' ');
}

/**
 * Directive(): arguments after `(`, each after blanks and at most one comma, then `)`. Undefined where Velocity
 * fails (the parse goes on to say why) or where the header is no loop Velocity runs.
 */
function readArguments(
  text: string,
  open: number,
  locate: (start: number, end: number) => NodePosition,
  onString: (start: number, end: number, quote: '"' | "'") => void,
): { close: number; args: Argument[] } | undefined {
  const args: Argument[] = [];
  let at = open + 1;
  const skipBlanks = () => {
    BLANKS.lastIndex = at;
    BLANKS.test(text);
    at = BLANKS.lastIndex;
  };
  for (;;) {
    skipBlanks();
    if (text[at] === ')') break;
    if (text[at] === ',') {
      at++;
      skipBlanks();
    }
    const start = at;
    WORD.lastIndex = at;
    BOOLEAN.lastIndex = at;
    const word = BOOLEAN.test(text) ? undefined : WORD.exec(text)?.[0];
    if (word !== undefined) {
      at += word.length;
      args.push({ start, end: at, word });
      continue;
    }
    try {
      const value = parseValue(text, at, { maxDepth: MAX_EXPRESSION_NESTING, depth: 1, locate, onString });
      at = value.end;
      args.push({ start, end: at, node: value.node });
    } catch (error) {
      if (error instanceof ValueSyntaxError) return undefined;
      throw error;
    }
  }
  // Foreach takes its variable from a reference, and a word only as its second argument.
  if (args.length < 2 || args[0].node?.type !== 'references' || args.some((arg, i) => arg.word !== undefined && i !== 1)) return undefined;
  // `${true}` is no reference to Velocity's parser.
  if (args.some((arg) => arg.node?.isWraped && (arg.node.id === 'true' || arg.node.id === 'false'))) return undefined;
  return { close: at, args };
}

/** A header velocityjs reads as it is, or once looseArguments has made its second argument `in`. */
function needsRewrite(text: string, open: number, args: Argument[]): boolean {
  if (args.length !== 3) return true;
  const [variable, second, list] = args;
  if (!/^[ \t\r\n]*$/.test(text.slice(open + 1, variable.start))) return true;
  const before = text.slice(variable.end, second.start);
  const after = text.slice(second.end, list.start);
  if (!/^\$!?\{?[A-Za-z_][\w-]*\}?$/.test(text.slice(variable.start, variable.end)) || /^(?:true|false)$/.test(variable.node!.id)) return true;
  if (!/^[ \t\r\n]+$/.test(before)) return true;
  if (second.word === 'in') return !/^[ \t\r\n]*$/.test(after);
  // looseArguments writes `in` over the argument, with the blank after a one-character one, where `in` must not join
  // what follows; velocityjs's lexer has no `@`.
  if (!/^[ \t\r\n]+$/.test(after) || text.slice(second.start, second.end).includes('@')) return true;
  return second.end - second.start < 2 && after.length < 2 && !/[$[{'"]/.test(text[list.start]);
}

function loopOf(args: Argument[]): LoopHeader {
  const loop: LoopHeader = { to: String(args[0].node!.id) };
  if (args.length >= 3) loop.from = args[2].node;
  if (args.length >= 4) loop.argumentBody = printedReferences(args[3].node!);
  return loop;
}

/**
 * What rendering an argument prints: a reference renders itself; a list, map or range renders its children (a node
 * renders its children unless it renders otherwise), of which only references print; `true` and `false` are no
 * references, though written as one.
 */
function printedReferences(node: unknown): VelocityNode[] {
  if (typeof node !== 'object' || node === null) return [];
  const value = node as VelocityNode;
  if (value.type === 'references') return !value.path && (value.id === 'true' || value.id === 'false') ? [] : [value];
  if (value.type === 'array') return (value.value as unknown[]).flatMap(printedReferences);
  if (value.type === 'map') return (value.value as Array<[unknown, unknown]>).flatMap(([key, entry]) => [...printedReferences(key), ...printedReferences(entry)]);
  return [];
}

/** The loops read here, in the tree's place of the block macro calls their headers became. */
export function placeLoopHeaders(node: unknown, headers: ReadonlyMap<number, LoopHeader>, offsetOf: (pos: { first_line: number; first_column: number }) => number): void {
  if (!Array.isArray(node)) return;
  const head = node[0] as VelocityNode | undefined;
  if (typeof head === 'object' && head !== null && !Array.isArray(head) && head.type === 'macro_body' && head.pos) {
    const loop = headers.get(offsetOf(head.pos));
    if (loop) node[0] = { type: 'foreach', ...loop, pos: head.pos };
  }
  for (const item of node) if (Array.isArray(item)) placeLoopHeaders(item, headers, offsetOf);
}
