/**
 * `#foreach` headers Velocity 1.7 reads and velocityjs's grammar, even with the second argument rewritten to `in`
 * (looseArguments), cannot: Velocity parses a directive's arguments generically (any number of them, separated by
 * blanks, a comma or nothing at all between a word and a value, `x[1, 2]`) and Foreach then takes its children by
 * position, the block being the last child:
 * - the first child names the loop variable by its root (`$k.x` loops with `$k`), or by its first token's image
 *   when it is a value; the second is never read;
 * - with fewer than two arguments there is no third child: the loop fails when reached, not before;
 * - with two arguments the third child is the block, whose value is null, so the loop renders nothing;
 * - with four or more the list is still the third child, but the body Foreach renders is the fourth, an argument: a
 *   reference prints its value (escaped or after the `$`s and backslashes written before it, as in text), a list, map
 *   or range prints the references inside it, any other value nothing.
 * Such a header becomes a block macro call of no arguments, as long as before, and its node is put back as a loop
 * read here with Velocity's grammar (velocityValues). The parser refuses a word anywhere but second, and an operator
 * right after a word (`x-y`), where velocityjs reads a name.
 */
import type { StringLiteral } from './stringLiterals';
import type { VelocityNode } from './syntax';
import { LineStarts } from './collectionLiterals';
import { MAX_EXPRESSION_NESTING } from './limits';
import { lexTemplate, Rule } from './velocityLexer';
import { parseValue, ValueSyntaxError, type NodePosition } from './velocityValues';
import { lineOf, tokenAt } from './syntaxMessages';

/** What a loop header reads as, by the offset of its `#`. */
export interface LoopHeader {
  /** The loop variable's name. */
  to: string;
  /** The list, absent when there is none (two arguments) and the loop renders nothing. */
  from?: VelocityNode;
  /** With four arguments or more: what each iteration renders instead of the block. */
  argumentBody?: Array<VelocityNode | string>;
  /**
   * With fewer than two arguments: Foreach finds no list among its children, and fails when the loop is reached. What
   * the diagnostics say of the header, placed at its `)`, so that the evaluation's error reads the same.
   */
  unrunnable?: UnrunnableLoop;
}

export interface UnrunnableLoop {
  message: string;
  offset: number;
  line?: number;
  column?: number;
}

export interface LoopHeaders {
  text: string;
  headers: Map<number, LoopHeader>;
  /** The string literals among the headers' arguments, which Velocity parses when the template loads. */
  strings: StringLiteral[];
  /** The first header Velocity's parser refuses and velocityjs's may take, with why. */
  problem?: { offset: number; message: string };
  /** The headers Velocity's parser takes and its Foreach cannot run (`unrunnable`), with why: at their `)`. */
  unrunnable: UnrunnableLoop[];
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
/**
 * A word after a `#`, a directive's name too (`#in`, `#stop`, `#set`), which the lexer reads among a directive's
 * arguments as one token with the `#`; `#if`, `#elseif`, `#else` and `#end` are tokens of their own there.
 */
const HASH_WORD = /#(?!(?:if|elseif|else|end)(?![A-Za-z0-9_@]))[A-Za-z_@][A-Za-z0-9_@]*/y;
const BOOLEAN = /(?:true|false)(?![A-Za-z0-9_@])/y;
const BLANKS = /[ \t\r\n]*/y;
const HEADER = /#foreach[ ]*\(/g;
/** The name of the `#@` call a rewritten header becomes: as long as `foreach`, with the `@`. */
const STAND_IN = '#@foreac';

/**
 * The loop headers of `text` velocityjs cannot read, rewritten. Escaped text in `text` is stand-ins already, so that
 * only directives are found.
 */
export function readLoopHeaders(text: string, source: string = text): LoopHeaders | undefined {
  if (!text.includes('#foreach')) return undefined;
  const candidates = new Map<number, { open: number; close: number; args: Argument[] }>();
  const refused = new Map<number, { offset: number; message: string }>();
  const strings: Array<StringLiteral & { hash: number }> = [];
  let lines: LineStarts | undefined;
  /** Where each reference read lies, by the position given its node. */
  const extents = new Map<NodePosition, [number, number]>();
  const locate = (start: number, end: number) => {
    const position = (lines ??= new LineStarts(text)).position(start, end);
    extents.set(position, [start, end]);
    return position;
  };
  for (const match of text.matchAll(HEADER)) {
    const hash = match.index ?? 0;
    const open = hash + match[0].length - 1;
    const found: Array<StringLiteral & { hash: number }> = [];
    const read = readArguments(text, source, open, locate, (start, end, quote) => found.push({ start, end, quote, hash }));
    if (read && 'refused' in read) {
      refused.set(hash, read.refused);
      continue;
    }
    if (!read || !needsRewrite(text, open, read.args)) continue;
    candidates.set(hash, { open, ...read });
    strings.push(...found);
  }
  if (candidates.size === 0 && refused.size === 0) return undefined;
  // Only a directive the lexer reads (not text in a comment, a string or after an escape) is rewritten. It reads the
  // text with every candidate's arguments blanked: those it cannot read must not end its pass early.
  let blankedText = text;
  for (const { open, close } of candidates.values()) {
    blankedText = blankedText.slice(0, open + 1) + blanked(text, open + 1, close) + blankedText.slice(close);
  }
  const headers = new Map<number, LoopHeader>();
  const unrunnable: UnrunnableLoop[] = [];
  let problem: { offset: number; message: string } | undefined;
  let out = blankedText;
  let hash = -1;
  const printed = (node: VelocityNode) => printedReference(node, source, extents);
  lexTemplate(blankedText, (rule, start, _end, state) => {
    if (rule === Rule.DirectiveHash) hash = start;
    if (rule !== Rule.Foreach || state !== 'h') return;
    if (!problem && refused.has(hash)) problem = refused.get(hash);
    const candidate = candidates.get(hash);
    if (!candidate) return;
    const loop = loopOf(text, candidate.args, printed);
    headers.set(hash, loop);
    if (candidate.args.length < 2) {
      const expected = candidate.args.length === 0 ? 'a value' : '`in`';
      loop.unrunnable = { offset: candidate.close, message: `Unexpected \`)\` in \`#foreach(\` opened at line ${lineOf(text, hash)}: expected ${expected}; write \`#foreach($item in $list)\`` };
      unrunnable.push(loop.unrunnable);
    }
    out = out.slice(0, hash) + STAND_IN + out.slice(hash + STAND_IN.length);
  });
  if (headers.size === 0 && !problem) return undefined;
  // A candidate the lexer did not read as a directive keeps its text.
  for (const [hash, { close }] of candidates) if (!headers.has(hash)) out = out.slice(0, hash) + text.slice(hash, close) + out.slice(close);
  return { text: out, headers, strings: strings.filter((s) => headers.has(s.hash)).map(({ start, end, quote }) => ({ start, end, quote })), problem, unrunnable };
}

/** The text from `start` to `end` as blanks, its line breaks kept. */
function blanked(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^\r\n]/g, ' ');
}

/**
 * Directive(): arguments after `(`, each after blanks and at most one comma, then `)`. `refused` where Velocity's
 * parser fails and velocityjs's may not: a token no argument starts with (`x-y`, where `-` is no part of a word), or a
 * word anywhere but second. Undefined where Velocity fails otherwise (the parse goes on to say why).
 */
function readArguments(
  text: string,
  /** The template, as long: a `#` that an earlier pass made a stand-in for text is read in it. */
  source: string,
  open: number,
  locate: (start: number, end: number) => NodePosition,
  onString: (start: number, end: number, quote: '"' | "'") => void,
): { close: number; args: Argument[] } | { refused: { offset: number; message: string } } | undefined {
  const refused = (offset: number, expected: string) => ({
    refused: { offset, message: `Unexpected \`${tokenAt(text, offset)}\` in \`#foreach(\` opened at line ${lineOf(text, open)}: ${expected}; write \`#foreach($item in $list)\`` },
  });
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
    HASH_WORD.lastIndex = at;
    const word = source[at] === '#' ? HASH_WORD.exec(source)?.[0] : BOOLEAN.test(text) ? undefined : WORD.exec(text)?.[0];
    if (word !== undefined) {
      // The parser takes a word only as the second argument of `#foreach` (MacroParseException "Invalid arg").
      if (args.length !== 1) return refused(start, 'Velocity takes a word without `$` only as the second argument, `in`');
      at += word.length;
      args.push({ start, end: at, word });
      continue;
    }
    if (text[at] === undefined) return undefined;
    // After a word (`x-y`, `x+y`) an operator starts no argument: only a number's sign or point may stand there.
    if (args.length > 0 && args[args.length - 1].word !== undefined && /^[-+*/%!=<>&|:.]/.test(text[at]) && !/^-?\.?[0-9]/.test(text.slice(at, at + 3))) {
      return refused(at, 'expected a value, a blank or `)`');
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
  // velocityjs reads no `#` there.
  if (second.word?.startsWith('#')) return true;
  if (second.word === 'in') return !/^[ \t\r\n]*$/.test(after);
  // looseArguments writes `in` over the argument, with the blank after a one-character one, where `in` must not join
  // what follows; velocityjs's lexer has no `@`.
  if (!/^[ \t\r\n]+$/.test(after) || text.slice(second.start, second.end).includes('@')) return true;
  return second.end - second.start < 2 && after.length < 2 && !/[$[{'"]/.test(text[list.start]);
}

function loopOf(text: string, args: Argument[], printed: (node: VelocityNode) => Array<VelocityNode | string>): LoopHeader {
  const loop: LoopHeader = { to: variableName(text, args[0]) };
  if (args.length >= 3) loop.from = args[2].node;
  if (args.length >= 4) loop.argumentBody = printedReferences(args[3].node!, printed);
  return loop;
}

/**
 * The name Foreach gives the loop variable: a reference's root, else the image of the argument's first token without
 * its first character (`'ab'` names `ab'`, `true` names `rue`, a list or map nothing).
 */
function variableName(text: string, variable: Argument | undefined): string {
  if (!variable) return '';
  if (variable.node?.type === 'references') return String(variable.node.id);
  return /^[[{]/.test(text[variable.start]) ? '' : text.slice(variable.start + 1, variable.end);
}

/**
 * What rendering an argument prints: a reference renders itself; a list, map or range renders its children (a node
 * renders its children unless it renders otherwise), of which only references print; `true` and `false` are no
 * references, though written as one.
 */
function printedReferences(node: unknown, printed: (node: VelocityNode) => Array<VelocityNode | string>): Array<VelocityNode | string> {
  if (typeof node !== 'object' || node === null) return [];
  const value = node as VelocityNode;
  if (value.type === 'references') return !value.path && (value.id === 'true' || value.id === 'false') ? [] : printed(value);
  if (value.type === 'array') return (value.value as unknown[]).flatMap((item) => printedReferences(item, printed));
  if (value.type === 'map') return (value.value as Array<[unknown, unknown]>).flatMap(([key, entry]) => [...printedReferences(key, printed), ...printedReferences(entry, printed)]);
  return [];
}

/**
 * A reference as ASTReference renders it, with the `$`s and backslashes written before it in `source` (blanks in the
 * text read here): every two leading backslashes print one; an odd number escape the reference, which then prints as
 * written (after a backslash when null); else the rest prints before its value.
 */
function printedReference(node: VelocityNode, source: string, extents: ReadonlyMap<NodePosition, [number, number]>): Array<VelocityNode | string> {
  const extent = node.pos ? extents.get(node.pos) : undefined;
  if (!extent) return [node];
  const [start, end] = extent;
  const prefix = PREFIX_BEFORE.exec(source.slice(Math.max(0, start - PREFIX_LOOKBEHIND), start))?.[0] ?? '';
  if (prefix === '') return [node];
  let leading = 0;
  while (prefix.charCodeAt(leading) === 92) leading++;
  const kept = '\\'.repeat(leading >> 1);
  if (leading % 2 === 0) return [kept + prefix.slice(leading), node];
  return [kept, { ...node, escaped: source.slice(start, end) }];
}

/** The `$`s (`$!`s) and backslashes that end right before a reference, and how far back they are looked for. */
const PREFIX_BEFORE = /(?:\\|\$(?:\\*!)?)+$/;
const PREFIX_LOOKBEHIND = 256;

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
