/**
 * Directive arguments Velocity 1.7 takes and velocityjs's grammar refuses, rewritten (as long as before) into what
 * velocityjs reads the same way, found with a copy of its lexer.
 *
 * - `#foreach`'s second argument may be any one argument: Foreach reads only the first and the third, so that
 *   `#foreach($k i $list)` loops as `#foreach($k in $list)` does. It becomes `in`.
 * - A `#macro` parameter may be a value (`#macro(m 0 $a)`): it takes its place among the parameters, so that the call's
 *   arguments bind by position, and names nothing. It becomes blanks, and `placeLiteralParameters` puts its place back.
 * - A macro call may have bare words among its arguments (`#section(intro)`): Velocity prints a call of no macro as
 *   written and never evaluates them, and refuses a call of a macro when it reaches it (RuntimeMacro, wordArguments).
 *   They become numbers, and each call's last word is kept for the tree. So do the words `#name` and `$#name`
 *   (`#m(#foreach)`, `#m($#macro)`), which velocityjs's lexer reads as a directive or cannot read: apart, before the
 *   other passes read the text.
 */
import { lexTemplate, Rule } from './velocityLexer';
import { spliced, type Splice } from './textSplices';
import { withPlainCallNames } from './bracedMacroCalls';
import type { ArgumentWord } from './wordArguments';

const BLANK = 42;
const WHITE_SPACE = 43;
const COMMA = 56;
const IN = 20;
const MINUS = 21;
const DECIMAL_POINT = 55;
const NULL = 59;
const FALSE = 60;
const TRUE = 61;
const INTEGER = 62;
const MAP_END = 45;
const DOLLAR = 36;
const HASH = 35;

/**
 * Templates that may hold any of them: a `#foreach` whose second argument is not `in`, a `#macro` with a parameter
 * that looks like a value, a call of a name that is no directive with an argument that looks like a word. The others
 * skip the lexer pass.
 */
const HINT = new RegExp(
  [
    /#foreach[ \t]*\([ \t\r\n]*\$!?\{?[A-Za-z_][\w-]*\}?[ \t\r\n]+(?!in[^\w-])/.source,
    /#macro[ \t]*\([^()]*?[ \t\r\n,](?:["'\d.-]|true|false)/.source,
    /#@?(?!(?:set|if|elseif|foreach|macro|define|evaluate|include|parse)[^\w-])[A-Za-z_][\w-]*[ ]*\((?:[^()]*?[ \t\r\n,])?[A-Za-z_]/.source,
  ].join('|'),
);

/** Names velocityjs's lexer reads as a macro call that are directives of Velocity: their arguments are checked. */
const DIRECTIVES = new Set(['evaluate', 'include', 'parse', 'stop', 'break', 'literal', 'define', 'foreach', 'macro', 'set', 'if', 'elseif']);

interface Argument {
  start: number;
  end: number;
  /** The rules of its tokens, in order. */
  rules: number[];
}

interface Frame {
  kind: 'foreach' | 'macro' | 'call';
  /** Where the directive starts (its `#`). */
  hash: number;
  name?: string;
  args: Argument[];
  commas: Array<{ start: number; end: number }>;
  /** Brackets, braces and parentheses open inside the argument list. */
  nesting: number;
  current?: Argument;
}

export interface LooseArguments {
  text: string;
  /**
   * The parameters of each `#macro` that had a value among them, by the offset of its `#`: for each parameter after
   * the name, in order, whether it is a value (now blanks).
   */
  literalParameters: Map<number, boolean[]>;
  /** The last bare word among the arguments of each call that has one, by the offset of the call's `#`. */
  words: Map<number, ArgumentWord>;
}

/** `names` is the text macro names are read from, as long as `text` (underscoreNames writes a letter for a `_`). */
export function readLooseArguments(text: string, names = text): LooseArguments | undefined {
  if (!HINT.test(text)) return undefined;
  const edits: Splice[] = [];
  const literalParameters = new Map<number, boolean[]>();
  const words = new Map<number, ArgumentWord>();
  const frames: Frame[] = [];
  let pending: Omit<Frame, 'args' | 'commas' | 'nesting'> | undefined;
  let hash = -1;
  lexTemplate(text, (rule, start, end, state) => {
    if (rule === Rule.DirectiveHash || rule === Rule.BlockMacroHash || rule === Rule.Hash) hash = start;
    if (state === 'h' && (rule === Rule.Foreach || rule === Rule.Macro)) {
      pending = { kind: rule === Rule.Foreach ? 'foreach' : 'macro', hash };
      return;
    }
    if (state === 'h' && rule === Rule.MacroName) {
      const name = names.slice(start, end).trimEnd();
      pending = DIRECTIVES.has(name) ? undefined : { kind: 'call', hash, name };
      return;
    }
    const frame = frames[frames.length - 1];
    if (rule === Rule.Paren && pending && (state === 'h' || state === 'run')) {
      frames.push({ ...pending, args: [], commas: [], nesting: 0 });
      pending = undefined;
      return;
    }
    pending = undefined;
    if (!frame || (state !== 'c' && state !== 'i')) return;
    if (frame.nesting === 0 && rule === Rule.CloseParen) {
      frames.pop();
      edits.push(...rewrite(frame, text, names, literalParameters, words));
      return;
    }
    if (frame.nesting === 0 && (rule === BLANK || rule === WHITE_SPACE || rule === COMMA)) {
      frame.current = undefined;
      if (rule === COMMA) frame.commas.push({ start, end });
      return;
    }
    if (rule === Rule.Paren || rule === Rule.Bracket || rule === Rule.MapBegin) frame.nesting++;
    else if ((rule === Rule.CloseParen || rule === Rule.CloseBracket || rule === MAP_END) && frame.nesting > 0) frame.nesting--;
    if (!frame.current) frame.args.push((frame.current = { start, end, rules: [] }));
    frame.current.end = end;
    frame.current.rules.push(rule);
  });
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.start - b.start);
  return { text: spliced(text, edits), literalParameters, words };
}

function rewrite(frame: Frame, text: string, names: string, literalParameters: Map<number, boolean[]>, words: Map<number, ArgumentWord>): Splice[] {
  if (frame.kind === 'foreach') return loopWord(frame.args, text);
  if (frame.kind === 'macro') return literalParametersOf(frame, literalParameters);
  const edits: Splice[] = [];
  for (const arg of frame.args) {
    if (arg.rules.length !== 1) continue;
    const rule = arg.rules[0];
    const written = names.slice(arg.start, arg.end);
    const word = rule === IN || rule === NULL || (rule === Rule.Name && !written.includes('-'));
    if (!word) continue;
    edits.push({ start: arg.start, end: arg.end, replacement: '0'.repeat(arg.end - arg.start) });
    words.set(frame.hash, { word: written, offset: arg.start });
  }
  return edits;
}

/** `#foreach($k x $list)`: the second argument becomes `in`, taking the blank after it when it is one character. */
function loopWord(args: Argument[], text: string): Splice[] {
  if (args.length !== 3 || !isReference(args[0])) return [];
  const second = args[1];
  if (second.rules.length === 1 && second.rules[0] === IN) return [];
  const length = second.end - second.start;
  if (length >= 2) return [{ start: second.start, end: second.end, replacement: 'in'.padEnd(length) }];
  // `in` and the source must not run together (`in5` is a name).
  if (!/^[ \t\r\n][^\w-]/.test(text.slice(second.end, second.end + 2))) return [];
  return [{ start: second.start, end: second.end + 1, replacement: 'in' }];
}

function isReference(arg: Argument): boolean {
  return arg.rules[0] === Rule.Dollar || arg.rules[0] === Rule.DollarQuiet;
}

/** A value written as a macro parameter: a string, a number or a Boolean. */
function isLiteral(arg: Argument): boolean {
  const [first, ...rest] = arg.rules;
  if (first === Rule.DoubleQuoted || first === Rule.SingleQuoted || first === TRUE || first === FALSE) return rest.length === 0;
  const digits = first === MINUS ? rest : arg.rules;
  return digits.length > 0 && digits.every((rule) => rule === INTEGER || rule === DECIMAL_POINT);
}

function literalParametersOf(frame: Frame, literalParameters: Map<number, boolean[]>): Splice[] {
  const parameters = frame.args.slice(1);
  const literal = parameters.map(isLiteral);
  if (frame.args.length === 0 || !literal.includes(true)) return [];
  literalParameters.set(frame.hash, literal);
  const blank = (start: number, end: number): Splice => ({ start, end, replacement: ' '.repeat(end - start) });
  // Commas separate parameters as blanks do; velocityjs takes them only before a reference (syntax.ts).
  return [...parameters.filter((_, i) => literal[i]).map((arg) => blank(arg.start, arg.end)), ...frame.commas.map((comma) => blank(comma.start, comma.end))];
}

/** A macro's parameters with the values blanked out back in their places, so that the call's arguments bind by position. */
export function placeLiteralParameters(node: unknown, literalParameters: ReadonlyMap<number, boolean[]>, offsetOf: (pos: { first_line: number; first_column: number }) => number): void {
  if (!Array.isArray(node)) return;
  for (const item of node) {
    if (Array.isArray(item)) {
      placeLiteralParameters(item, literalParameters, offsetOf);
      continue;
    }
    const record = item as { type?: string; pos?: { first_line: number; first_column: number }; args?: unknown[] } | string;
    if (typeof record !== 'object' || record.type !== 'macro' || !record.pos) continue;
    const literal = literalParameters.get(offsetOf(record.pos));
    if (!literal) continue;
    const named = [...(record.args ?? [])];
    record.args = literal.map((isValue) => (isValue ? { type: 'literal-parameter' } : named.shift()));
  }
}

/**
 * `#name` and `$#name` (any `$`s, `$!`s and backslashes before the `!`s first): among the arguments of a directive or
 * macro call Velocity's lexer reads `#name` as a word, the name of a directive too (`#m(#foreach)`, `#m(1 #stop)`),
 * and joins the `$`s before it to that word. A word may stand among the arguments of a macro call (wordArguments);
 * `#if`, `#elseif`, `#else` and `#end` make tokens of their own, which may not.
 */
const HASH_WORD = /(?:\$(?:\\*!)?(?:\\*\$(?:\\*!)?)*)?#(?!(?:if|elseif|else|end)(?![A-Za-z0-9_@]))[A-Za-z_@][A-Za-z0-9_@]*(?=[ \t\r\n,()$'"[{#])/y;
/**
 * The `#` of a `#name` that may be an argument: velocityjs's lexer reads no arguments after a `(` that a `#` follows,
 * so the lexer pass below reads a digit there to find the calls. A `#name(` is one only as a call's first argument:
 * elsewhere it is a call of its own.
 */
const ARGUMENT_HASH =
  /(?<=[(, \t\r\n])#(?=(?!(?:if|elseif|else|end)(?![A-Za-z0-9_@]))[A-Za-z_@][A-Za-z0-9_@]*[ \t\r\n,)$'"[{#])|#(?=(?!(?:if|elseif|else|end)(?![A-Za-z0-9_@]))[A-Za-z_@][A-Za-z0-9_@]*\()(?<=#@?\{?[A-Za-z_][\w-]*\}?[ ]*\([ \t\r\n]*#)/g;
/**
 * Templates that may hold such a word, the first argument or after a blank or comma, or right after another argument
 * (`#m(1#stop)`, `#m(#x#y)`); the others, nearly all of them, skip the lexer pass. The `#end` after a reference
 * (`$i#end`), common in text, takes no part.
 */
const HASH_WORD_HINT = new RegExp(`[$!]#[A-Za-z_@]|${ARGUMENT_HASH.source}|[\\w\\]})'"]#(?!(?:if|elseif|else|end)(?![A-Za-z0-9_@]))[A-Za-z_@][A-Za-z0-9_@]*[ \\t\\r\\n,)#]`);
const CALL_NAME = /#@?\{?([A-Za-z_][A-Za-z0-9_-]*)/y;
/** A `(` after such a word, blanks between: no call there, the word stays one, and Velocity's parser stops at the `(`. */
const CALL_AFTER_WORD = /[ \t\r\n]*\(/y;

/** The first word among a macro call's arguments that a `(` follows (`#m(#break(1))`): where the `(` is. */
export interface CalledWord {
  word: string;
  offset: number;
}

/**
 * The text with every `#name` and `$#name` word among the arguments of a macro call written as a number, as long,
 * which velocityjs reads (a call of no macro prints as written from the source), and the last such word of each call
 * by the offset of the call's `#`; or undefined when it has none. `text` is what velocityjs is to read and `source` the
 * template, as long: the words are read in the source, where velocityjs's stand-ins have not replaced their `#`.
 */
export function readArgumentWords(text: string, source: string): { text: string; words: Map<number, ArgumentWord>; called?: CalledWord } | undefined {
  if (!HASH_WORD_HINT.test(source) || !source.includes('(')) return undefined;
  // The lexer finds the calls where velocityjs would read them once braced names and names with `_` are written
  // plain, as the passes after this one write them.
  // The `#`s are found in the source: the text may hold a stand-in for one that velocityjs would read otherwise (a lone
  // `#@`, `#set` without its `(`).
  let lexed = withPlainCallNames(text);
  const hashes: Splice[] = [];
  for (const match of source.matchAll(ARGUMENT_HASH)) hashes.push({ start: match.index, end: match.index + 1, replacement: '0' });
  if (hashes.length > 0) lexed = spliced(lexed, hashes);
  const edits: Splice[] = [];
  const words = new Map<number, ArgumentWord>();
  let called: CalledWord | undefined;
  /**
   * For each call open: where its `#` is, whether it calls a macro (a directive takes no words), and the brackets,
   * braces and parentheses open inside it.
   */
  const calls: Array<{ hash: number; word: boolean; nesting: number }> = [];
  let pending: { hash: number; word: boolean } | undefined;
  let hash = -1;
  lexTemplate(
    lexed,
    (rule, start, _end, state) => {
      if (rule === Rule.DirectiveHash || rule === Rule.BlockMacroHash || rule === Rule.Hash) hash = start;
      if (state === 'h' && rule === Rule.MacroName) {
        CALL_NAME.lastIndex = hash;
        const name = CALL_NAME.exec(source)?.[1] ?? '';
        // `#break(` is read as a call (breakScopes), whose word Velocity refuses as it parses.
        pending = { hash, word: name === 'break' || !DIRECTIVES.has(name) };
        return;
      }
      const call = calls[calls.length - 1];
      if (rule === Rule.Paren && pending !== undefined && (state === 'h' || state === 'run')) {
        calls.push({ ...pending, nesting: 0 });
        pending = undefined;
        return;
      }
      pending = undefined;
      if (!call || (state !== 'c' && state !== 'i')) return;
      if (rule === Rule.Paren || rule === Rule.Bracket || rule === Rule.MapBegin) call.nesting++;
      else if (rule === Rule.CloseParen || rule === Rule.CloseBracket || rule === MAP_END) {
        if (call.nesting === 0 && rule === Rule.CloseParen) calls.pop();
        else call.nesting--;
      }
    },
    undefined,
    (offset, state) => {
      const call = calls[calls.length - 1];
      const first = source.charCodeAt(offset);
      if (state !== 'c' || !call?.word || call.nesting > 0 || (first !== DOLLAR && first !== HASH)) return undefined;
      HASH_WORD.lastIndex = offset;
      if (!HASH_WORD.test(source)) return undefined;
      // Written right after a value (`'a'#x`, `$a#x`) its first character is a blank, and before a value or word written
      // right after it (`$#m$x`, `$#m'a'`, `#x#y`) its last one, which part them.
      const end = HASH_WORD.lastIndex;
      const joined = !/[ \t\r\n,(]/.test(source[offset - 1]);
      const parted = /[$'"[{#]/.test(source[end]);
      const zeros = Math.max(0, end - offset - (joined ? 1 : 0) - (parted ? 1 : 0));
      edits.push({ start: offset, end, replacement: (joined ? ' ' : '') + '0'.repeat(zeros) + ' '.repeat(end - offset - zeros - (joined ? 1 : 0)) });
      words.set(call.hash, { word: source.slice(offset, end), offset });
      CALL_AFTER_WORD.lastIndex = end;
      if (!called && CALL_AFTER_WORD.test(source)) called = { word: source.slice(offset, end), offset: CALL_AFTER_WORD.lastIndex - 1 };
      return end;
    },
  );
  return edits.length > 0 ? { text: spliced(text, edits), words, ...(called ? { called } : {}) } : undefined;
}
