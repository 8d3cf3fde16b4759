/**
 * Parsing mapping templates: velocityjs's parser, with Velocity 1.7's reading of string literals (stringLiterals),
 * of lists, maps and ranges (collectionLiterals), of `$` signs that start no reference (dollarSigns), of keywords
 * (reservedWords), of directive arguments (looseArguments), of `#foreach` headers (loopHeaders), of macro calls
 * without parentheses (bareMacroCalls), of macro names starting with `_` (underscoreNames), of tabs and line breaks
 * between a macro call's arguments (argumentBlanks), of `#break` with a scope (breakScopes) and of white space around
 * directives, plus the checks velocityjs does not make (a block without `#end`, an `#end` without a block, argument
 * lists Velocity cannot read (callArguments), nesting too deep to parse or evaluate, the 300 KB limit).
 * Parsed templates are cached by their text.
 */
import { argumentBlanks, placeErrorInSource, placeInSource } from './argumentBlanks';
import { dropArgumentHashes, METHOD_BEFORE_COMMENT } from './argumentHashes';
import { macrosOnLoad, ownMacros, setMacrosOnLoad } from './macroLoading';
import { argumentLists, insideLists, listAt } from './argumentLists';
import { callArgumentProblem, textCallProblem } from './callArguments';
import { scanTemplateValues, withPlaceholders } from './collectionLiterals';
import { parseVelocity, StatementTooLong } from './piecewiseParse';
import { chainHolds, flattenOperatorChains } from './operatorChains';
import { placeLiteralParameters, readArgumentWords, readLooseArguments, type CalledWord } from './looseArguments';
import { placeLoopHeaders, readLoopHeaders } from './loopHeaders';
import { findBareMacroCalls, type BareMacroCall } from './bareMacroCalls';
import { readBracedCalls } from './bracedMacroCalls';
import { BREAK_ARGUMENT_CODE, placeBreakScopes, readBreakCalls, type BreakProblem } from './breakScopes';
import { definedMacroNames, lastWords, placeWordArguments, refusedWhileParsing, WORD_ARGUMENT_CODE, wordArgumentInString, wordArgumentNote, type WordCall } from './wordArguments';
import { calledName, readUnderscoreCalls } from './underscoreNames';
import { nameAsWritten, readAtSignNames, restoreAtSignNames } from './atSignNames';
import { readAfterMethodComment } from './methodComments';
import { DASHED_MACRO_NAME_MESSAGE, dashedMacroNameAt } from './dashedMacroNames';
import { VELOCITY_DIRECTIVE_NAMES } from '../facts/velocityDirectives';
import {
  afterDollar,
  argumentPrefixes,
  BLOCK_AFTER_DOLLAR,
  DOLLAR_BLOCK_HINT,
  dollarBeforeBlockAt,
  DOLLARS_BEFORE_DIRECTIVE,
  DOLLARS_BEFORE_REFERENCE,
  HASH_AFTER_DOLLAR,
  HASH_PREFIXED_REFERENCE,
  LONE_DOLLAR_BANGS,
  PREFIXED_REFERENCE,
  printedSpecialText,
  referencePrefix,
  RUN_BEFORE_ESCAPED_DIRECTIVE,
  SLASHBANG_REFERENCE,
  withoutSpecialDollars,
} from './dollarSigns';
import { booleanNameProblem, readKeywordsAsVelocity, restoreKeywordNames, wordOperatorProblem } from './reservedWords';
import { isStackOverflow, TemplateAbort, MAX_BLOCK_NESTING, MAX_EXPRESSION_NESTING, MAX_STATEMENT_TOKENS, MAX_TEMPLATE_BYTES, PARSE_STACK_OVERFLOW_MESSAGE, STACK_OVERFLOW_CODE } from './limits';
import { findStringLiterals, resolveLiteral, rewriteStringLiterals, type LiteralPlaceholders, type RewrittenLiterals, type StringLiteral } from './stringLiterals';
import { bareSetMessage, describeUnexpectedToken, describeUnreadableText, lineOf, NULL_LITERAL_MESSAGE } from './syntaxMessages';
import { lineColumn, offsetOfLineColumn } from '../model/textPositions';
import { spliced } from './textSplices';
import { lexTemplate, Rule, TokenTrail } from './velocityLexer';
import { parseValue } from './velocityValues';

export interface SyntaxProblem {
  message: string;
  line?: number;
  column?: number;
  code: string;
}

/** A velocityjs syntax-tree node; its shape varies with `type`, so the interpreter reads it loosely. */
export interface VelocityNode {
  type: string;
  [field: string]: any;
}
export type VelocityTree = Array<VelocityNode | VelocityTree | string>;

/**
 * A parsed template keeps the problems that do not stop it from running (a directive API Gateway cannot run fails
 * only when the evaluation reaches it), so that diagnostics still show them; and its macro calls with a word among
 * their arguments, which text parsed as the template loads or runs may not hold (wordArguments).
 */
type ParsedTemplate = { ok: true; tree: VelocityTree; problems: SyntaxProblem[]; wordCalls?: readonly WordCall[] } | { ok: false; problems: SyntaxProblem[] };

const cache = new Map<string, ParsedTemplate>();
const CACHE_LIMIT = 200;
/** Texts parsed while a template runs (interpolated strings, `#evaluate`), apart so that they never evict templates. */
const fragmentCache = new Map<string, ParsedTemplate>();
const FRAGMENT_CACHE_LIMIT = 500;

/**
 * `#stop` takes no parentheses in Velocity; velocityjs only knows it as the call `#stop()`. velocityjs lacks the
 * braced forms `#{set}(`, `#{if}(`, `#{elseif}(`, `#{foreach}(`, `#{macro}(`, `#{define}(` and `#{break}` too: each
 * becomes the plain directive and two blanks, which keeps every offset (its lexer takes blanks before the `(`).
 * Between a directive's or macro's name and its `(` Velocity skips tabs and line breaks as well as spaces, velocityjs
 * spaces only: the `(` moves before them, where velocityjs skips them all, and again every offset and line stays.
 */
export function normalizeDirectives(template: string): string {
  return normalized(template).text;
}

/**
 * `normalizeDirectives`, and where it moved a `(`: its offset, with the length of the blanks it now stands before. A
 * macro call that prints as written prints them in their own order (`writtenAt`).
 */
function normalized(template: string): { text: string; opened: Map<number, number>; braced: Set<number>; stops: Set<number> } {
  const braced = new Set<number>();
  const stops = new Set<number>();
  // `#stop` first, which lengthens the text: the offsets kept below are then the final ones.
  let text = template.includes('stop') ? withStopCalls(template, braced, stops) : template;
  if (text.includes('#{')) {
    let lists: Array<[number, number]> | undefined;
    text = text.replace(BRACED_DIRECTIVE, (...args: Parameters<typeof unbraced>) => {
      // Among arguments `#{break}` is no directive, and fails there (callArguments).
      if (args[4] !== undefined && insideLists((lists ??= argumentLists(args[6])), args[5])) return args[0];
      const plain = unbraced(...args);
      // Where the `#` of each is, for the backslashes before it (escapeEdits).
      if (plain !== args[0]) braced.add(args[5] + plain.indexOf('#'));
      return plain;
    });
  }
  const opened = new Map<number, number>();
  if (SPACED_HINT.test(text)) text = openedAtName(text, opened);
  // Velocity separates a macro's name and parameters with blanks or commas; velocityjs only with blanks.
  if (text.includes('macro')) text = text.replace(MACRO_HEADER, (header) => header.replace(/,(?=[ \t\r\n]*\$)/g, ' '));
  return { text, opened, braced, stops };
}

/**
 * `#stop` without parentheses, unless right after `$` or before a character of a longer name (`@` is one); braced,
 * before any name character too (`#{stop}b`).
 */
const STOP_DIRECTIVE = /(?<!\$(?:\\*!)?)(?:(\\*)#stop(?![\w@(])|(\\*)#\{stop\}(?!\())/g;

/**
 * The template with each `#stop` that Velocity reads as the directive written as velocityjs's call `#stop()`. Among
 * the arguments of a directive or call, a string literal's text included, it is a word or text (argumentLists): it
 * stays, but where a method call's `(` is text (`stopsAfterText`). The `#` of each braced one goes to `braced`, and
 * the `#` of each one written so to `stops`, by its offset in the text returned.
 */
function withStopCalls(template: string, braced: Set<number>, stops: Set<number>): string {
  let lists: Array<[number, number]> | undefined;
  let lengthened = 0;
  return template.replace(STOP_DIRECTIVE, (match, escapes: string | undefined, bracedEscapes: string | undefined, offset: number) => {
    const backslashes = (escapes ?? bracedEscapes)!;
    if (backslashes.length % 2 === 1) return match;
    const list = listAt((lists ??= argumentLists(template)), offset);
    if (list && !stopsAfterText(template, list, offset)) return match;
    const hash = offset + lengthened + backslashes.length;
    stops.add(hash);
    // `#{stop}` is as long as `#stop()`.
    if (bracedEscapes !== undefined) braced.add(hash);
    else lengthened += 2;
    return `${backslashes}#stop()`;
  });
}

/** The method's name before a `(`, which makes its parenthesis a method call's. */
const METHOD_BEFORE = /\.[A-Za-z_][\w-]*$/;
/**
 * The arguments of a method call that runs into the end of the template, a `#` first and no blank, `,` or `)` after
 * but in a call's parentheses (`$a.b(#x()#stop`).
 */
const TEXT_ARGUMENTS = /^#(?:[^\s,()]|[ \t]*\([^()\r\n]*\))*$/;

/**
 * Whether the `#stop` at `offset`, in the `list` of a method call's arguments, is the directive: when the template
 * ends before the `)` with a name right after the `(` (`$a.b(#stop`, `$a.b(#x#stop`), Velocity's look-ahead for the
 * call meets no argument, the reference ends before the `(`, which is text, and what follows is read as statements,
 * unless a string literal came first.
 */
function stopsAfterText(template: string, [open, close]: [number, number], offset: number): boolean {
  if (close < template.length || !TEXT_ARGUMENTS.test(template.slice(open + 1))) return false;
  return METHOD_BEFORE.test(template.slice(Math.max(0, open - 256), open)) && !/['"]/.test(template.slice(open + 1, offset));
}

const MACRO_HEADER = /#macro[ \t]*\([ \t\r\n]*[A-Za-z_][\w@-]*(?:[ \t\r\n]*,?[ \t\r\n]*\$!?\{?[A-Za-z_][\w-]*\}?)*/g;

/** A braced directive, after any backslashes; unparsed text (`#[[ ]]#`) is matched only to be left as it is. */
const BRACED_DIRECTIVE = /#\[\[[\s\S]*?\]\]#|(\\*)#\{(set|if|elseif|foreach|macro|define)\}(?=[ \t\r\n]*\()|(?<!\$)(\\*)#\{(break)\}/g;

/** The block directives that a `$` right before makes macro calls. */
const BLOCK_NAMES = new Set(['foreach', 'macro', 'define']);

/**
 * A directive or macro call whose `(` follows a tab or line break. `#set` takes spaces only there, in Velocity too;
 * `#else` and `#end` take no parentheses, and `#stop` is left as velocityjs reads it.
 */
const SPACED_HINT = /#\{?[A-Za-z_@][\w@]*\}?[ \t\r\n]*[\t\r\n][ \t\r\n]*\(/;
/** Such a call after any backslashes; unparsed text and comments are matched only to be left as they are. */
const SPACED_DIRECTIVE = /#\[\[[\s\S]*?\]\]#|##[^\r\n]*|#\*[\s\S]*?\*#|(\\*)#(\{[A-Za-z_][\w@]*\}|[A-Za-z_@][\w@]*)([ \t\r\n]*[\t\r\n][ \t\r\n]*)\(/g;
const UNSPACED_NAMES = /^\{?(?:set|else|end|stop)\}?$/;

/** The text with the `(` of each such call moved to right after its name, before the blanks. */
function openedAtName(text: string, opened: Map<number, number>): string {
  let literals: StringLiteral[] | undefined;
  return text.replace(SPACED_DIRECTIVE, (match, escapes: string | undefined, name: string | undefined, blanks: string, offset: number) => {
    if (name === undefined || escapes === undefined || escapes.length % 2 === 1 || UNSPACED_NAMES.test(name)) return match;
    // A string literal is no directive (a double-quoted one is read again, as template text, when it is evaluated).
    literals ??= findStringLiterals(text);
    if (literals.some((literal) => literal.start < offset && offset < literal.end)) return match;
    opened.set(offset + escapes.length + 1 + name.length, blanks.length);
    return `${escapes}#${name}(${blanks}`;
  });
}

function unbraced(match: string, backslashes: string | undefined, name: string | undefined, breakBackslashes: string | undefined, breakName: string | undefined, offset: number, text: string): string {
  const escapes = backslashes ?? breakBackslashes;
  const directive = name ?? breakName;
  if (directive === undefined || escapes === undefined || escapes.length % 2 === 1) return match;
  // After a `$` a block directive is a macro call that prints as written (dollarSigns).
  if (escapes.length === 0 && BLOCK_NAMES.has(directive) && afterDollar(text, offset)) return match;
  return `${escapes}#${directive}  `;
}

/**
 * A double-quoted string's text parsed as template text, as ASTStringLiteral parses it: with a blank after it, so that
 * a `$` or `#` may end it (`padded`: what it renders then ends with that blank); not with a `##` comment, which would
 * take the blank in.
 */
export function parseInterpolated(value: string): { parsed: ParsedTemplate; padded: boolean } {
  const padded = !value.includes('##');
  return { parsed: parseFragment(padded ? `${value} ` : value), padded };
}

/** Text with plain references only (`"$a.b-c and ${d}"`), which always parses: most strings, left unparsed here. */
const PLAIN_INTERPOLATION = /^(?:[^$#\\"]|\$(?![!{A-Za-z_])|\$!?(?:(?!(?:true|false)(?![\w-]))[A-Za-z_][\w-]*(?:\.(?!(?:true|false)(?![\w-]))[A-Za-z_][\w-]*)*|\{(?!(?:true|false)(?![\w-]))[A-Za-z_][\w-]*(?:\.(?!(?:true|false)(?![\w-]))[A-Za-z_][\w-]*)*\})(?![\w.(\[{-]))*$/;

/** What the double-quoted strings of a text hold for the template that loads them. */
interface LoadedStrings {
  /** The first string whose text does not parse, placed in the string when it reads as written, else at its quote. */
  problem?: { message: string; offset: number };
  /** The `#macro` blocks the strings define, in the order Velocity registers them, by where each string starts. */
  macros: Array<{ offset: number; blocks: VelocityTree[] }>;
}

/**
 * The double-quoted strings of a text parsed as Velocity parses them all as the template loads (ASTStringLiteral),
 * so that one that does not parse fails the template even where it never runs, and one that defines a macro
 * defines it before the template runs.
 */
function loadStrings(text: string, strings: readonly StringLiteral[]): LoadedStrings {
  const loaded: LoadedStrings = { macros: [] };
  let macros: MacroBlock[] | undefined;
  /** The macros the strings read so far define: Velocity registers them as it loads each string. */
  const inStrings = new Set<string>();
  for (const literal of strings) {
    if (literal.quote !== '"') continue;
    const raw = text.slice(literal.start + 1, literal.end - 1);
    if ((!raw.includes('$') && !raw.includes('#')) || PLAIN_INTERPOLATION.test(raw)) continue;
    const value = String(parseValue(text, literal.start, { maxDepth: MAX_EXPRESSION_NESTING, depth: 0 }).node.value);
    const { parsed } = parseInterpolated(value);
    if (parsed.ok) {
      // A macro registers once its block is loaded, and the string is parsed as it is loaded.
      const registered = (name: string) => inStrings.has(name) || (macros ??= macroBlocks(text, strings)).some((m) => m.name === name && m.end <= literal.start);
      const refused = refusedWhileParsing(parsed.wordCalls, registered);
      if (refused) {
        const inside = raw === value ? literal.start + 1 + refused.offset : literal.start;
        loaded.problem = { message: `Velocity parses a double-quoted string as template text when the template loads, and this one does not parse: ${wordArgumentInString(refused)}`, offset: inside };
        return loaded;
      }
      if (raw.includes('macro')) {
        const blocks = macrosOnLoad(parsed.tree);
        for (const name of definedMacroNames(parsed.tree)) inStrings.add(name);
        if (blocks.length > 0) loaded.macros.push({ offset: literal.start, blocks });
      }
      continue;
    }
    const problem = parsed.problems[0];
    const inside = raw === value && problem.line !== undefined ? literal.start + 1 + Math.min(offsetOfLineColumn(value, problem.line, problem.column ?? 1), value.length) : literal.start;
    // The lines the message names are the string's.
    const message = problem.message.replace(/\bat line (\d+)/g, 'at line $1 of the string');
    loaded.problem = { message: `Velocity parses a double-quoted string as template text when the template loads, and this one does not parse: ${message}`, offset: inside };
    return loaded;
  }
  return loaded;
}

/**
 * The template's own `#macro` blocks and those its strings define, in the order Velocity registers them: each block
 * where its `#end` is, each string's where the string is.
 */
function macrosWithStrings(tree: VelocityTree, strings: LoadedStrings['macros'], source: SourceText): VelocityTree[] {
  const own = ownMacros(tree).map((block) => {
    const pos = (block[0] as VelocityNode).pos;
    const start = pos ? source.offset(pos.first_line, pos.first_column) : 0;
    return { offset: source.blockEnd(start) ?? start, blocks: [block] };
  });
  return [...own, ...strings].sort((a, b) => a.offset - b.offset).flatMap((entry) => entry.blocks);
}

interface MacroBlock {
  name: string;
  /** Where its `#end` ends. */
  end: number;
}

const MACRO_NAME = /#\{?macro\}?[ \t]*\([ \t\r\n]*([A-Za-z_][\w@-]*)/y;

/** The `#macro` blocks of the text, outside the string literals given. */
function macroBlocks(text: string, strings: readonly StringLiteral[]): MacroBlock[] {
  const blocks: MacroBlock[] = [];
  const open: BlockToken[] = [];
  for (const token of blockTokens(text, strings)) {
    if (token.kind === 'open') open.push(token);
    if (token.kind !== 'end') continue;
    const block = open.pop();
    if (block?.name !== 'macro') continue;
    MACRO_NAME.lastIndex = block.offset;
    const name = MACRO_NAME.exec(text)?.[1];
    if (name !== undefined) blocks.push({ name, end: token.end });
  }
  return blocks;
}

/**
 * A check of the evaluation's clock, called as the parse goes on: it throws to end a parse that takes longer than the
 * evaluation may, and the parse is not cached then.
 */
export type ParseClock = () => void;

export function parseTemplate(template: string, clock?: ParseClock): ParsedTemplate {
  return cachedParse(cache, CACHE_LIMIT, template, false, clock);
}

/** Text that Velocity parses while the template runs: an interpolated string literal, the argument of `#evaluate`. */
export function parseFragment(text: string, clock?: ParseClock): ParsedTemplate {
  return cachedParse(fragmentCache, FRAGMENT_CACHE_LIMIT, text, true, clock);
}

function cachedParse(store: Map<string, ParsedTemplate>, limit: number, template: string, fragment: boolean, clock: ParseClock | undefined): ParsedTemplate {
  const cached = store.get(template);
  if (cached) return cached;
  const result = parseUncached(template, fragment, clock);
  // How much stack was left depended on the caller, so a parse that ran out of it may succeed the next time.
  if (result.problems[0]?.message === PARSE_STACK_OVERFLOW_MESSAGE) return result;
  if (store.size >= limit) store.delete(store.keys().next().value as string);
  store.set(template, result);
  return result;
}

/**
 * The syntax problems of a template, without keeping its tree: validation checks thousands of templates of a large
 * definition once each, and caching their trees would only keep them alive long enough to burden the collector.
 */
export function syntaxProblems(template: string): SyntaxProblem[] {
  return (cache.get(template) ?? parseUncached(template)).problems;
}

/**
 * The parse, with a stack overflow made a problem of the template: chains of operators and nesting are kept within
 * the stack by the passes and the limits, and what slips past them must still end as a result, not an exception.
 */
function parseUncached(template: string, fragment = false, clock?: ParseClock): ParsedTemplate {
  try {
    return withDashedMacroName(template, parseUnguarded(template, fragment, clock));
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return { ok: false, problems: [{ code: STACK_OVERFLOW_CODE, message: PARSE_STACK_OVERFLOW_MESSAGE }] };
  }
}

/** The parse, refused at a `-` after a macro's name in its header unless it failed before that. */
function withDashedMacroName(template: string, parsed: ParsedTemplate): ParsedTemplate {
  const dashed = dashedMacroNameAt(template);
  if (dashed === undefined) return parsed;
  const at = lineColumn(template, dashed.dash);
  const [first] = parsed.problems;
  // A block left open is placed at its opener, where Velocity meets it only at the template's end; a problem found
  // in the name itself is one of reading it without the `-`.
  if (!parsed.ok && first && first.code !== 'missing-end' && isBefore(first, lineColumn(template, dashed.name))) return parsed;
  return { ok: false, problems: [{ code: 'syntax', message: DASHED_MACRO_NAME_MESSAGE, ...at }] };
}

/** A `fragment` is parsed while the template runs: a macro it calls without parentheses may be any of the template's. */
function parseUnguarded(template: string, fragment: boolean, clock: ParseClock | undefined): ParsedTemplate {
  const size = Buffer.byteLength(template, 'utf8');
  if (size > MAX_TEMPLATE_BYTES) {
    return {
      ok: false,
      problems: [
        {
          code: 'template-too-large',
          message: `The template is ${Math.ceil(size / 1024)} KB; API Gateway accepts mapping templates up to 300 KB`,
        },
      ],
    };
  }
  const { text: written, opened, braced: bracedDirectives, stops } = normalized(template);
  // A `#` Velocity skips among arguments is a blank to every reading below; the text as written is what prints.
  const hashes = dropArgumentHashes(written);
  const source = hashes?.text ?? written;
  // What Velocity reads otherwise than velocityjs is swapped for stand-ins before anything reads the text.
  const readOtherwise = readsOtherwise(source);
  const readings: EscapeReadings = { valueless: new Map(), macroTexts: [], callsAsText: new Set() };
  const escapes = readOtherwise ? escapeEdits(source, fragment, bracedDirectives, readings) : undefined;
  // `#break(` with its arguments is read as a macro call, and made a `break` again in the tree.
  const breaking = readBreakCalls(source);
  const escapedText = withEdits(breaking ?? source, escapes);
  // Names with an `@` velocityjs must read as a macro's are written with digits, and named back in the tree.
  const atNamed = readAtSignNames(escapedText, fragment, source);
  const escaped = atNamed ?? escapedText;
  // `#name` and `$#name` among the arguments of a macro call are words to Velocity; velocityjs reads a directive
  // (`#m(#foreach)`) or a lexical error there.
  const hashWords = readArgumentWords(escaped, source);
  const edited = hashWords?.text ?? escaped;
  // `#foreach` headers velocityjs cannot read become block macro calls, and the loops read here are put in the tree.
  const loops = readLoopHeaders(edited, source);
  const headed = loops?.text ?? edited;
  // Keywords that name a variable or property are written as names velocityjs reads, and put back in the tree.
  const keywordNames = readKeywordsAsVelocity(headed);
  // So are braced macro names, names starting with `_`, and directive arguments Velocity takes and velocityjs's
  // grammar does not.
  const named = keywordNames?.text ?? headed;
  const braced = readBracedCalls(named) ?? named;
  const underscored = readUnderscoreCalls(braced);
  const loose = readLooseArguments(underscored ?? braced, braced);
  const read = loose?.text ?? underscored ?? braced;
  // A macro called without parentheses is text to velocityjs: its `#` is swapped for a stand-in, and the call put in
  // the tree in its place.
  let bareCalls = source.search(STAND_INS) < 0 ? findBareMacroCalls(read, fragment).filter((call) => !afterDollar(source, call.offset)) : [];
  if (atNamed && bareCalls.length > 0) bareCalls = bareCalls.map((call) => ({ offset: call.offset, name: nameAsWritten(source, call.offset + call.written.indexOf(call.name), call.name), written: source.slice(call.offset, call.offset + call.written.length) }));
  const text = bareCalls.length > 0 ? withEdits(read, bareCalls.map((call) => [call.offset, BARE_MACRO_HASH])) : read;
  // Lists, maps and ranges are read with Velocity's grammar and velocityjs sees references in their place.
  const values = mayHoldValues(text) ? scanTemplateValues(text) : undefined;
  const valueProblem = values?.problem && { code: 'syntax', message: values.problem.message, ...lineColumn(source, values.problem.offset) };
  // Nesting too deep is refused before velocityjs, whose parse would take its time in the cube of the depth.
  if (valueProblem && values.problem!.nesting) return { ok: false, problems: [valueProblem] };
  const deepBlocks = deepBlockProblem(text, values?.strings);
  if (deepBlocks) return { ok: false, problems: [deepBlocks] };
  const literals = rewriteStringLiterals(text, values?.strings);
  const lexText = values ? withPlaceholders(text, values.collections) : text;
  const call = callArgumentProblem(written, lexText, stops);
  const callProblem = call && { code: 'syntax', message: call.message, ...lineColumn(source, call.offset) };
  // Tabs and line breaks between a macro call's arguments are read as the space velocityjs parts them with.
  const blanks = argumentBlanks(lexText);
  const parsedLexText = blanks ? spliced(lexText, blanks.splices) : lexText;
  let tree: VelocityTree;
  try {
    // Velocity's white-space rules are applied below, so velocityjs's own trimming is turned off.
    const parsedText = values ? withPlaceholders(literals.text, values.collections) : literals.text;
    tree = parseVelocity(blanks ? spliced(parsedText, blanks.splices) : parsedText, parsedLexText, clock);
    if (blanks?.joinsLines || values?.joinsLines) placeInSource(tree, parsedLexText, source);
  } catch (error) {
    if (error instanceof StatementTooLong) return { ok: false, problems: [statementTooLongProblem(error, source)] };
    if (error instanceof TemplateAbort || isStackOverflow(error)) throw error;
    if (blanks?.joinsLines || values?.joinsLines) placeErrorInSource(error, parsedLexText, source);
    const described = describeParseError(error, source, literals, lexText);
    // A `(` after a word among a macro call's arguments is where velocityjs fails too, or after it.
    const called = hashWords?.called;
    const parseProblem = called && !isBefore(described, lineColumn(source, called.offset)) ? calledWordProblem(source, called) : described;
    // Velocity stops at the first of them. velocityjs fails inside the value it was left too: that one is Velocity's.
    const valueStart = values?.problem?.valueStart ?? values?.problem?.offset ?? 0;
    const problem = valueProblem && !isBefore(parseProblem, lineColumn(source, valueStart)) ? valueProblem : parseProblem;
    return { ok: false, problems: [callProblem && !isBefore(problem, lineColumn(source, call.open)) ? callProblem : problem] };
  }
  if (valueProblem) return { ok: false, problems: [callProblem && !isBefore(valueProblem, lineColumn(source, call.open)) ? callProblem : valueProblem] };
  if (callProblem) return { ok: false, problems: [callProblem] };
  if (hashes?.between !== undefined) return { ok: false, problems: [{ code: 'syntax', message: HASH_BETWEEN_BLANKS, ...lineColumn(source, hashes.between) }] };
  flattenOperatorChains(tree);
  // The literals the rewrite found are the template's own unless `#stop` was rewritten before (which moves them).
  const blockProblems = checkBlocks(template, source === template && !escapes ? withLoopStrings(values?.strings ?? literals.literals, loops?.strings) : undefined);
  if (blockProblems.length > 0) {
    // A `$` right before a block directive, which then opens no block, is the likely cause of an `#end` or `#else`
    // too many when it comes first.
    const surplus = blockProblems[0].code === 'unmatched-end' || blockProblems[0].code === 'unmatched-else';
    const dollarBlock = surplus && DOLLAR_BLOCK_HINT.test(source) ? dollarBeforeBlockAt(source, findStringLiterals(source)) : undefined;
    if (dollarBlock && !isBefore(blockProblems[0], lineColumn(source, dollarBlock.offset))) {
      return { ok: false, problems: [{ code: 'syntax', message: dollarBlock.message, ...lineColumn(source, dollarBlock.offset) }] };
    }
    return { ok: false, problems: blockProblems };
  }
  if (literals.problems.length > 0) {
    return { ok: false, problems: literals.problems.map((p) => ({ code: 'syntax', message: p.message, ...lineColumn(source, p.offset) })) };
  }
  const ending = readings.endRead ? undefined : unreadableEnd(source, () => values?.strings ?? literals.literals ?? findStringLiterals(source));
  if (ending !== undefined) {
    const written = source.slice(ending);
    const message =
      written.startsWith('#') && written.length > 2
        ? `\`${written}\` ends the template: Velocity expects its \`(\` and arguments after it`
        : `Velocity cannot read \`${written}\` at the very end of a template, where nothing follows to complete it: remove it, or put a space or line break after it`;
    return { ok: false, problems: [{ code: 'syntax', message, ...lineColumn(source, ending) }] };
  }
  const openCall = callOpenAtEnd(source, () => values?.strings ?? literals.literals ?? findStringLiterals(source));
  if (openCall !== undefined) {
    const written = source.slice(openCall).trimEnd();
    const message = `\`${written}\` ends the template: Velocity reads a directive or macro call there, and expects its arguments and \`)\` after the \`(\``;
    return { ok: false, problems: [{ code: 'syntax', message, ...lineColumn(source, openCall) }] };
  }
  const textCall = source.includes('(') ? textCallProblem(source, lexText, readings.callsAsText) : undefined;
  if (textCall) return { ok: false, problems: [{ code: 'syntax', message: textCall.message, ...lineColumn(source, textCall.offset) }] };
  if (readings.refused) return { ok: false, problems: [{ code: 'syntax', message: readings.refused.message, ...lineColumn(source, readings.refused.offset) }] };
  const notes: SyntaxProblem[] = [];
  for (const [offset, char] of escapes ?? []) {
    // A bare `#set` is text, likely written by mistake; an escaped `\#set(` is text on purpose.
    if (char === KEPT_HASH && source.startsWith('#set', offset) && !escapedAt(source, offset)) {
      notes.push({ code: 'set-as-text', message: bareSetMessage(source, offset), ...lineColumn(source, offset) });
    }
  }
  const sourceText = new SourceText(written, hashes ? source : undefined);
  finishTree(tree, sourceText, literals.placeholders, notes, values?.nodes.size ? values.nodes : undefined, readOtherwise || bareCalls.length > 0, bareCalls, opened, readings.macroTexts);
  if (atNamed) restoreAtSignNames(tree, sourceText.text, (pos) => sourceText.offset(pos.first_line, pos.first_column));
  if (readings.valueless.size > 0) markValueless(tree, readings.valueless);
  if (keywordNames) restoreKeywordNames(tree, keywordNames.written);
  if (loose?.literalParameters.size) placeLiteralParameters(tree, loose.literalParameters, (pos) => sourceText.offset(pos.first_line, pos.first_column));
  const words = lastWords(hashWords?.words, loose?.words);
  if (breaking) {
    const unrunnable: BreakProblem[] = [];
    const problem = placeBreakScopes(
      tree,
      source,
      words,
      (pos) => sourceText.offset(pos.first_line, pos.first_column),
      (pos) => sourceText.offset(pos.last_line, pos.last_column),
      unrunnable,
    );
    if (problem) return { ok: false, problems: [{ code: 'syntax', message: problem.message, ...lineColumn(source, problem.offset) }] };
    // A #break whose argument can never be a scope fails only when reached: the diagnostics show it.
    for (const note of unrunnable) notes.push({ code: BREAK_ARGUMENT_CODE, message: note.message, ...lineColumn(source, note.offset) });
  }
  const wordCalls = words ? placeWordArguments(tree, words, (pos) => sourceText.offset(pos.first_line, pos.first_column)) : [];
  if (wordCalls.length > 0 && !fragment) {
    // Velocity fails only when it reaches such a call: the diagnostics show it, the evaluation goes on to it.
    const defined = definedMacroNames(tree);
    for (const call of wordCalls) {
      if (defined.has(call.name)) notes.push({ code: WORD_ARGUMENT_CODE, message: wordArgumentNote(call), ...lineColumn(source, call.offset) });
    }
  }
  if (loops) {
    placeLoopHeaders(tree, loops.headers, (pos) => sourceText.offset(pos.first_line, pos.first_column));
    // A loop Velocity takes and cannot run fails only when reached: diagnostics still show it.
    for (const header of loops.unrunnable) {
      Object.assign(header, lineColumn(source, header.offset));
      notes.push({ code: 'syntax', message: header.message, line: header.line, column: header.column });
    }
  }
  const minus = lexText.includes('-') && holdsMinus(tree) ? minusProblem(lexText) : undefined;
  if (minus) return { ok: false, problems: [{ code: 'syntax', message: minus.message, ...lineColumn(source, minus.offset) }] };
  const spaced = spacedCallAt(lexText);
  if (spaced !== undefined) return { ok: false, problems: [{ code: 'syntax', message: SPACED_CALL_MESSAGE, ...lineColumn(source, spaced) }] };
  const nullWord = lexText.includes('null') && holdsNull(tree) ? nullWordAt(lexText) : undefined;
  if (nullWord !== undefined) return { ok: false, problems: [{ code: 'syntax', message: NULL_LITERAL_MESSAGE, ...lineColumn(source, nullWord) }] };
  const keyword = booleanNameProblem(lexText) ?? wordOperatorProblem(lexText);
  if (keyword) return { ok: false, problems: [{ code: 'syntax', message: keyword.message, ...lineColumn(source, keyword.offset) }] };
  // The strings of the loop headers read here are in the source only.
  const strings = values ? loadStrings(text, values.strings) : undefined;
  const loopStrings = loops?.strings.length ? loadStrings(source, loops.strings) : undefined;
  const interpolated = strings?.problem ?? loopStrings?.problem;
  if (interpolated) return { ok: false, problems: [{ code: 'syntax', message: interpolated.message, ...lineColumn(source, interpolated.offset) }] };
  const stringMacros = [...(strings?.macros ?? []), ...(loopStrings?.macros ?? [])];
  if (stringMacros.length > 0) setMacrosOnLoad(tree, macrosWithStrings(tree, stringMacros, sourceText));
  if (loops?.problem) return { ok: false, problems: [{ code: 'syntax', message: loops.problem.message, ...lineColumn(source, loops.problem.offset) }] };
  return wordCalls.length > 0 ? { ok: true, tree, problems: notes, wordCalls } : { ok: true, tree, problems: notes };
}

function calledWordProblem(source: string, called: CalledWord): SyntaxProblem {
  return {
    code: 'syntax',
    message: `\`${called.word}\` among the arguments of a macro call is a word there, not a directive or call, so Velocity 1.7 cannot parse the \`(\` after it: no call stands among another call's arguments`,
    ...lineColumn(source, called.offset),
  };
}

/** Reported as a timeout: Velocity reads such a statement, this engine would only not finish in time. */
function statementTooLongProblem(error: StatementTooLong, source: string): SyntaxProblem {
  return {
    code: 'timeout',
    message: `Template evaluation stopped before it began: the statement at line ${lineOf(source, error.offset)} is more than ${MAX_STATEMENT_TOKENS.toLocaleString('en-US')} tokens long (properties, calls, indexes or arguments one after another), more than the evaluator reads within its time`,
    ...lineColumn(source, error.offset),
  };
}

/** The string literals found in the text velocityjs read, with those of the loop headers read apart, in text order. */
function withLoopStrings(strings: StringLiteral[] | undefined, loopStrings: StringLiteral[] | undefined): StringLiteral[] | undefined {
  if (!loopStrings?.length || !strings) return strings;
  return [...strings, ...loopStrings].sort((a, b) => a.start - b.start);
}

/**
 * Whether the template may hold what the value scan looks for: a list, map, range or index (behind a `[` or `{`), a
 * string literal, negations (which nest), a number or loop source velocityjs reads otherwise, or more parentheses
 * than may nest.
 */
function mayHoldValues(source: string): boolean {
  if (source.includes('[') || source.includes('{') || source.includes('"') || source.includes("'") || source.includes('!') || source.includes('not')) return true;
  if (MISREAD_VALUE_HINT.test(source)) return true;
  let parentheses = 0;
  for (let at = source.indexOf('('); at >= 0; at = source.indexOf('(', at + 1)) if (++parentheses > MAX_EXPRESSION_NESTING) return true;
  return false;
}

/** `1e3`, `1.`, `.5`, a negative integer beyond 2^53, `in 5`, `in true`: what the value scan gives stand-ins. */
const MISREAD_VALUE_HINT = /\d[eE]|\d\.(?!\d)|(?:^|[^\w.])\.\d|-\d{16}|\bin[ \t\r\n]+[\d.tf-]/;

/**
 * Blocks nested deeper than MAX_BLOCK_NESTING, where the nesting of the parse and of the evaluation would run out of
 * stack. Only a template with that many `#` can have them, so others skip the pass.
 */
function deepBlockProblem(source: string, strings: readonly StringLiteral[] | undefined): SyntaxProblem | undefined {
  let hashes = 0;
  for (let at = source.indexOf('#'); at >= 0 && hashes <= MAX_BLOCK_NESTING; at = source.indexOf('#', at + 1)) hashes++;
  if (hashes <= MAX_BLOCK_NESTING) return undefined;
  let depth = 0;
  for (const token of blockTokens(source, strings ?? findStringLiterals(source))) {
    if (token.kind === 'end') depth = Math.max(0, depth - 1);
    else if (token.kind === 'open' && ++depth > MAX_BLOCK_NESTING) return blocksTooDeep(source, token);
  }
  return undefined;
}

function blocksTooDeep(source: string, token: BlockToken): SyntaxProblem {
  return {
    code: 'syntax',
    message: `\`#${token.name}\` opened at line ${lineOf(source, token.offset)} is nested too deeply: more than ${MAX_BLOCK_NESTING} #if, #foreach, #macro and #define blocks inside one another, which the evaluator refuses`,
    ...lineColumn(source, token.offset),
  };
}

function isBefore(problem: SyntaxProblem, position: { line: number; column: number }): boolean {
  if (problem.line === undefined || problem.column === undefined) return false;
  return problem.line < position.line || (problem.line === position.line && problem.column < position.column);
}

/** `lexText` is what velocityjs's lexer read, as long as `source`: where the constructs around an error are found. */
function describeParseError(error: unknown, source: string, literals: RewrittenLiterals, lexText: string): SyntaxProblem {
  const hash = (error as { hash?: { loc?: { first_line?: number; first_column?: number; last_line?: number; last_column?: number }; token?: unknown; expected?: string[] } }).hash;
  const line = hash?.loc?.first_line;
  const column = hash?.loc?.first_column;
  if (line !== undefined && column !== undefined && literals.backslashEnds.length > 0) {
    // velocityjs places a parse error at the last token it accepted: here the string, or just after it.
    const at = new SourceText(source).offset(line, column);
    for (const { literal, offset } of literals.backslashEnds) {
      if (at >= literal.start && (at < offset || source.slice(offset, at).trim() === '')) {
        const doubled = literal.quote === '"' ? 'write "" for a double quote inside "…"' : "write '' for a single quote inside '…'";
        return {
          code: 'syntax',
          message: `Velocity strings have no backslash escapes: this backslash is a plain character and the quote after it ends the string; ${doubled}`,
          ...lineColumn(source, offset - 2),
        };
      }
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('Lexical error')) {
    const unreadable = describeUnreadableText(source, lexText);
    if (unreadable) return { code: 'syntax', message: unreadable.message, ...lineColumn(source, unreadable.offset) };
  }
  if (hash?.loc && hash.token !== undefined && hash.token !== null) {
    const after = hash.loc.last_line !== undefined && hash.loc.last_column !== undefined ? new SourceText(source).offset(hash.loc.last_line, hash.loc.last_column) : 0;
    const plain = describeUnexpectedToken(source, after, String(hash.token), hash.expected ?? [], lexText);
    return { code: 'syntax', message: plain.message, ...lineColumn(source, plain.offset) };
  }
  return { code: 'syntax', message: 'Velocity cannot parse this template here', line, column: column === undefined ? undefined : column + 1 };
}

/** Offsets of the text velocityjs parsed, from its line and column positions (its lexer breaks lines at \r\n, \r and \n). */
class SourceText {
  private readonly lineStarts = [0];
  /**
   * The text as a call of no macro prints it, as long: its tokens only, so without the `#`s and `$`s Velocity skips
   * among arguments (argumentHashes), which stand as SKIPPED_HASH here. `read` is the text with those blanked.
   */
  readonly printed: string;

  constructor(
    readonly text: string,
    read?: string,
  ) {
    for (const match of text.matchAll(/\r\n?|\n/g)) this.lineStarts.push((match.index ?? 0) + match[0].length);
    this.printed = read === undefined ? text : text.replace(/[#$\\!]/g, (c, at: number) => (read[at] === c ? c : SKIPPED_HASH));
  }

  /**
   * The text from `start` to `end` as an escaped reference prints it: as written, but for the skipped `#`s before a
   * reference among its arguments, which that reference's token takes in.
   */
  escapedLiteral(start: number, end: number): string {
    const text = this.printed.slice(start, end);
    if (!text.includes(SKIPPED_HASH)) return text;
    const written = this.text.slice(start, end);
    return text.replace(SKIPPED_RUN, (run: string, at: number) => (SKIPPED_BEFORE_REFERENCE.test(text.slice(at + run.length, at + run.length + 64)) ? '' : written.slice(at, at + run.length)));
  }

  /** `line` is 1-based and `column` 0-based, as in velocityjs positions. */
  offset(line: number, column: number): number {
    return Math.min(this.text.length, (this.lineStarts[line - 1] ?? this.text.length) + column);
  }

  /** The velocityjs position of the text from `start` to `end`. */
  position(start: number, end: number): { first_line: number; first_column: number; last_line: number; last_column: number } {
    const [first_line, first_column] = this.lineAndColumn(start);
    const [last_line, last_column] = this.lineAndColumn(end);
    return { first_line, first_column, last_line, last_column };
  }

  private lineAndColumn(offset: number): [number, number] {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return [low + 1, offset - this.lineStarts[low]];
  }

  private blockEnds: Map<number, number> | undefined;

  /** The offset after the `#end` of the block whose directive starts at `start`. */
  blockEnd(start: number): number | undefined {
    if (!this.blockEnds) {
      this.blockEnds = new Map();
      const open: number[] = [];
      // Paired as the parser pairs them: an `#end` inside a string literal closes nothing.
      for (const token of blockTokens(this.text, findStringLiterals(this.text))) {
        if (token.kind === 'open') open.push(token.offset);
        else if (token.kind === 'end' && open.length > 0) this.blockEnds.set(open.pop()!, token.end);
      }
    }
    return this.blockEnds.get(start);
  }
}

/** Directives API Gateway cannot run: it has no template files to include or parse. */
const FILE_DIRECTIVES = new Set(['include', 'parse']);

export function fileDirectiveMessage(name: string): string {
  return `#${name} needs a template file, and API Gateway mapping templates have none: the template fails when it reaches this #${name}`;
}

/** Directives whose closing token takes the rest of its line when only blanks follow (Velocity 1.7 RPAREN, #else, #end). */
function eatsLineEnd(node: VelocityNode): boolean {
  if (node.type === 'references' || node.type === 'raw') return false;
  // A `#* *#` comment ends at `*#`; a `##` comment ends with its line.
  return !(node.type === 'comment' && typeof node.value === 'string' && node.value.startsWith('#*'));
}

const LINE_END = /^[ \t]*(?:\r\n|\r|\n)/;
const BLANKS = /^[ \t]*$/;
const BLANKS_AFTER_BACKSLASH = /([\\\uE000])[ \t]+$/;

/**
 * Velocity 1.7's white space around directives, plus what the tree needs before it runs: the values of rewritten
 * string literals, the source text of macro calls (an undefined macro renders as written), and notes on directives
 * API Gateway cannot run.
 */
function finishTree(
  list: VelocityTree,
  source: SourceText,
  placeholders: LiteralPlaceholders | undefined,
  notes: SyntaxProblem[],
  collections: Map<string, VelocityNode> | undefined,
  /** Whether stand-ins may stand in the text (escapeEdits). */
  readOtherwise = false,
  /** The macro calls without parentheses still to be put in the tree, in text order. */
  bareCalls: BareMacroCall[] = [],
  /** The `(`s normalizeDirectives moved before blanks (`normalized`). */
  opened: ReadonlyMap<number, number> = new Map(),
  /** The texts that depend on a macro's existence still to be put in the tree, in text order. */
  macroTexts: MacroText[] = [],
): void {
  /** What is left of the name of a macro call without parentheses, which velocityjs may give as texts of their own. */
  let nameLeft = 0;
  for (let i = 0; i < list.length; i++) {
    let item = list[i];
    if (typeof item === 'string') {
      if (!readOtherwise) continue;
      const next = list[i + 1];
      if (item.endsWith(ESCAPING_BACKSLASH) && isNode(next) && next.type === 'references' && next.pos) markEscaped(next, source);
      if (nameLeft > 0) {
        const taken = Math.min(nameLeft, item.length);
        item = item.slice(taken);
        nameLeft -= taken;
      }
      if ((bareCalls.length > 0 && item.includes(BARE_MACRO_HASH)) || (macroTexts.length > 0 && item.includes(MACRO_TEXT))) {
        const split = withMacroNodes(item, bareCalls, macroTexts, source);
        list.splice(i, 1, ...split.parts);
        i += split.parts.length - 1;
        nameLeft = split.nameLeft;
      } else {
        list[i] = restoreEscapes(item);
      }
      continue;
    }
    if (Array.isArray(item)) {
      finishTree(item, source, placeholders, notes, collections, readOtherwise, bareCalls, opened, macroTexts);
      // The `#end` closing the block.
      const eaten = eatLineEnd(list, i + 1);
      const head = item[0];
      if (typeof head === 'object' && !Array.isArray(head) && head.type === 'macro_body' && typeof head.id === 'string') {
        // velocityjs's name token takes the spaces before the `(` (`#@m ()`), which Velocity's name never holds.
        head.id = head.id.replace(/ +$/, '');
      }
      if (typeof head === 'object' && !Array.isArray(head) && head.type === 'macro_body' && head.pos) {
        // A block macro call prints as written too, body and `#end` included (RuntimeMacro over the whole node).
        const start = source.offset(head.pos.first_line, head.pos.first_column);
        const end = source.blockEnd(start);
        if (end !== undefined) head.literal = macroLiteral(withoutSpecialDollars(writtenAt(source.printed, start, end, opened))) + eaten;
      }
      continue;
    }
    if (placeholders) resolveLiterals(item, placeholders);
    if (collections) replaceCollections(item, collections);
    // The #set token takes the blanks before it when they start a token (Parser.jjt SET_DIRECTIVE): when no text
    // other than blanks separates it from the previous directive, reference or comment, or from the block start.
    if (item.type === 'set') {
      let first = i;
      while (first > 0 && typeof list[first - 1] === 'string') first--;
      let blanks = i;
      while (blanks > first && BLANKS.test(list[blanks - 1] as string)) blanks--;
      // A `}` right after an unbraced reference is a token of its own too (velocityjs gives it a text node of its own),
      // and so is a backslash, which velocityjs leaves in the text before the blanks.
      if (blanks === first || (blanks === first + 1 && list[first] === '}' && isUnbracedReference(list[first - 1]))) {
        for (let k = blanks; k < i; k++) list[k] = '';
      } else if (blanks === i && i > first) {
        list[i - 1] = (list[i - 1] as string).replace(BLANKS_AFTER_BACKSLASH, '$1');
      }
    }
    if (item.type === 'references' && item.pos && readOtherwise) escapeAfterReference(list, i, source);
    const eaten = eatsLineEnd(item) ? eatLineEnd(list, i + 1) : '';
    if (item.type === 'macro_call' && item.pos) {
      // Velocity prints an undefined macro call as its tokens, the line end its parenthesis took included.
      const { first_line, first_column, last_line, last_column } = item.pos;
      const start = source.offset(first_line, first_column);
      item.literal = macroLiteral(writtenAt(source.printed, start, source.offset(last_line, last_column), opened)) + eaten;
      item.id = calledName(source.text, start, item.id);
      // Right after a `$` the call's token takes it in, and the name Velocity reads is `#name`, which no macro or
      // directive has: the call prints as written.
      if (afterDollar(source.text, start)) item.id = `#${item.id}`;
      else if (FILE_DIRECTIVES.has(item.id)) {
        notes.push({ code: 'unsupported-directive', message: fileDirectiveMessage(item.id), line: first_line, column: first_column + 1 });
      }
    }
  }
}

function isUnbracedReference(item: VelocityTree[number] | undefined): boolean {
  return isNode(item) && item.type === 'references' && !item.isWraped;
}

/** The text from `start` to `end` as the template has it: each `(` normalizeDirectives moved back after its blanks. */
function writtenAt(text: string, start: number, end: number, opened: ReadonlyMap<number, number>): string {
  let written = text.slice(start, end);
  for (const [at, blanks] of opened) {
    if (at < start || at + blanks >= end) continue;
    const k = at - start;
    written = written.slice(0, k) + written.slice(k + 1, k + 1 + blanks) + '(' + written.slice(k + 1 + blanks);
  }
  return written;
}

/**
 * The text Velocity prints for a call to an undefined macro: the images of the call's tokens. Comments are special
 * tokens, outside that chain, so they drop out, a `##` comment with the line end that closes it.
 */
function macroLiteral(text: string): string {
  if (text.includes(SKIPPED_HASH)) text = text.replaceAll(SKIPPED_HASH, '');
  text = withoutReferencePrefixes(text);
  if (!text.includes('##') && !text.includes('#*')) return text;
  let out = '';
  let copied = 0;
  lexTemplate(text, (rule, start, end) => {
    if (rule !== Rule.LineComment && rule !== Rule.BlockComment) return;
    out += text.slice(copied, start);
    copied = rule === Rule.LineComment ? end + (/^(?:\r\n|\r|\n)/.exec(text.slice(end, end + 2))?.[0].length ?? 0) : end;
  });
  return out + text.slice(copied);
}

/**
 * A call's text without the backslashes and `$`s before each reference among its arguments (`#m(\$x)` prints
 * `#m($x)`, `#m($$x)` prints `#m($x)`) and in a block call's body: Velocity's lexer reads them apart from the
 * reference's token, outside the chain of tokens the call prints. In a string among the arguments they stay.
 */
function withoutReferencePrefixes(call: string): string {
  if (!PREFIXED_REFERENCE.test(call)) return call;
  let out = '';
  let copied = 0;
  let depth = 0;
  let quote = '';
  for (let k = call.indexOf('('); k >= 0 && k < call.length; k++) {
    const c = call[k];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      if (--depth === 0) return out + call.slice(copied, k) + call.slice(k).replace(PREFIXED_REFERENCES, '');
    } else if (c === '\\' || c === '$') {
      PREFIXED_REFERENCE_AT.lastIndex = k;
      if (PREFIXED_REFERENCE_AT.test(call)) {
        out += call.slice(copied, k);
        copied = k = PREFIXED_REFERENCE_AT.lastIndex;
        // The reference's own `$` is read on from here.
        k--;
      }
    }
  }
  return out + call.slice(copied);
}

/**
 * The text with the macro calls its stand-ins mark put in as macro calls of no arguments, and the texts that depend on
 * a macro's existence as nodes that choose, and how much of the last call's name lies beyond the text.
 */
function withMacroNodes(text: string, calls: BareMacroCall[], macroTexts: MacroText[], source: SourceText): { parts: VelocityTree; nameLeft: number } {
  const parts: VelocityTree = [];
  let from = 0;
  const standIns = new RegExp(`[${BARE_MACRO_HASH}${MACRO_TEXT}]`, 'g');
  for (let match = standIns.exec(text); match; match = standIns.exec(text)) {
    const at = match.index;
    if (match[0] === BARE_MACRO_HASH) {
      const call = calls.shift();
      if (!call) continue;
      parts.push(restoreEscapes(text.slice(from, at)), { type: 'macro_call', id: call.name, args: [], literal: call.written, pos: source.position(call.offset, call.offset + call.written.length) });
      from = at + call.written.length;
    } else {
      const choice = macroTexts.shift();
      if (!choice) continue;
      parts.push(restoreEscapes(text.slice(from, at)), { type: 'macro_text', id: choice.name, defined: choice.defined, otherwise: choice.otherwise });
      from = at + 1;
    }
    standIns.lastIndex = Math.max(standIns.lastIndex, from);
  }
  parts.push(restoreEscapes(text.slice(from)));
  return { parts, nameLeft: Math.max(0, from - text.length) };
}

/**
 * A reference right after another one, behind backslashes: velocityjs reads no escape there, and prints the
 * backslashes it was left (one, or two for an even number) before the reference. Velocity takes one of them and,
 * when it was the last of an odd number, the reference as escaped: written out.
 */
function escapeAfterReference(list: VelocityTree, index: number, source: SourceText): void {
  const item = list[index] as VelocityNode;
  const previous = list[index - 1];
  const start = source.offset(item.pos.first_line, item.pos.first_column);
  let backslashes = 0;
  while (start - backslashes > 0 && source.text[start - backslashes - 1] === '\\') backslashes++;
  if (backslashes === 0 || typeof previous !== 'string' || !previous.endsWith('\\')) return;
  if (!AFTER_REFERENCE.test(source.text.slice(Math.max(0, start - backslashes - 80), start - backslashes))) return;
  list[index - 1] = previous.slice(0, -1);
  if (backslashes % 2 === 1) markEscaped(item, source);
}

/**
 * An escaped reference (`\$name`, behind an odd number of backslashes) is still evaluated, and prints as written:
 * after a backslash when its value is null, so that `\$undefined` prints `\$undefined` (ASTReference.render).
 */
function markEscaped(node: VelocityNode, source: SourceText): void {
  const { first_line, first_column, last_line, last_column } = node.pos;
  node.escaped = source.escapedLiteral(source.offset(first_line, first_column), source.offset(last_line, last_column));
}

function isNode(item: VelocityTree[number] | undefined): item is VelocityNode {
  return typeof item === 'object' && !Array.isArray(item);
}

function eatLineEnd(list: VelocityTree, index: number): string {
  let next = list[index];
  if (typeof next !== 'string') return '';
  // After a reference velocityjs leaves the blanks and the line break in texts of their own (`$k#end \n`). What is
  // not eaten stays in the second: a text that ends in a stand-in must stay right before the reference it marks.
  const following = list[index + 1];
  if (BLANKS.test(next) && typeof following === 'string') {
    const match = LINE_END.exec(next + following);
    if (!match) return '';
    list[index] = '';
    list[index + 1] = following.slice(match[0].length - next.length);
    return match[0];
  }
  const match = LINE_END.exec(next);
  if (!match) return '';
  list[index] = next.slice(match[0].length);
  return match[0];
}

/** The references velocityjs read under the names given never have a value (SLASHBANG_REFERENCE): named back. */
function markValueless(node: unknown, names: ReadonlyMap<string, string>): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) markValueless(item, names);
    return;
  }
  const record = node as VelocityNode;
  if (record.type === 'references' && typeof record.id === 'string' && names.has(record.id)) {
    record.valueless = true;
    record.id = names.get(record.id);
  }
  for (const [key, value] of Object.entries(record)) if (key !== 'pos') markValueless(value, names);
}

/** A letter no reference of the text starts with, or null when every one does. */
function freeReferenceLetter(text: string): string | null {
  const used = new Set<string>();
  for (const match of text.matchAll(/\$!?\{?([A-Za-z_])/g)) used.add(match[1]);
  for (const letter of 'QZXJKVWYqzxjkvwyABCDEFGHILMNOPRSTUabcdefghilmnoprstu') if (!used.has(letter)) return letter;
  return null;
}

/** String literal values as Velocity reads them (see stringLiterals). */
function resolveLiterals(node: unknown, placeholders: LiteralPlaceholders): void {
  if (Array.isArray(node)) {
    for (const item of node) resolveLiterals(item, placeholders);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as VelocityNode;
  if (record.type === 'string' && typeof record.value === 'string') {
    record.value = resolveLiteral(record.value, placeholders);
    return;
  }
  for (const value of Object.values(record)) if (typeof value === 'object') resolveLiterals(value, placeholders);
}

/** The references velocityjs read in place of lists, maps and ranges, swapped for the values they stand for. */
function replaceCollections(node: VelocityNode | VelocityTree, collections: Map<string, VelocityNode>): void {
  const standsFor = (value: unknown): VelocityNode | undefined => {
    const reference = value as VelocityNode | null;
    if (typeof reference !== 'object' || reference === null || reference.type !== 'references' || reference.path || reference.args) return undefined;
    return collections.get(reference.id);
  };
  const container = node as unknown as Record<string, unknown>;
  for (const key of Object.keys(container)) {
    const value = container[key];
    if (typeof value !== 'object' || value === null || key === 'pos') continue;
    const literal = standsFor(value);
    if (literal) container[key] = literal;
    else replaceCollections(value as VelocityNode, collections);
  }
}

/** Whether the text may hold what velocityjs reads otherwise than Velocity (see `escapeEdits`). */
function readsOtherwise(source: string): boolean {
  return source.lastIndexOf('#*') > source.lastIndexOf('*#') || ESCAPE_HINT.test(source);
}

/**
 * Whether velocityjs alone might accept or refuse the text otherwise than the parse here: for the pre-check, which
 * mirrors velocityjs. Escapes before references and other directives read alike, as do plain text escapes.
 */
export function mayParseOtherwise(source: string): boolean {
  return source.lastIndexOf('#*') > source.lastIndexOf('*#') || PARSE_HINT.test(source);
}

/** A reference with its properties, indexes and calls, whose arguments may hold one level of calls. */
const REFERENCE_WITH_CALLS = /\$!?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\n]*\]|\((?:[^()\n]|\([^()\n]*\))*\))*/.source;
const NAMES_AFTER = /(?:#\{?[A-Za-z_][\w-]*\}?)/.source;

/**
 * Right after a reference and any `#name`s after it, a `#` before a digit, `$`, `!` or a `[` that opens no unparsed
 * text (`$id#2`, `$pk#$sk`, `$x#end#$y`); after a reference and `#name`s, a `.` before a name (`$x#end.com`). velocityjs
 * reads on into the reference or fails where Velocity reads text (escapeEdits).
 */
const AFTER_REFERENCE_AND_NAMES = new RegExp(`${REFERENCE_WITH_CALLS}${NAMES_AFTER}*#(?=[0-9$!]|\\[(?!\\[))|${REFERENCE_WITH_CALLS}${NAMES_AFTER}+\\.(?=[A-Za-z_])`);

// A `\r` ending a line comment is looked for first and the `##` behind it after: read forward from each `#`, a
// long line of `#`s would be read to its end once for each of them.
const PARSE_HINT = new RegExp(`${
  /\$!?\{?[A-Za-z_][\w-]*(?:\.[A-Za-z][\w-]*|\[[^\]\n]*\]|\([^()\n]*\))*\._|\r(?<=##[^\r\n]*\r)|#\*\*#|#\[\[\]\]#|[\w)}\]]#(?:\*|\[\[)|\\#\{?(?:set|if|elseif|else|end|foreach|macro|define|evaluate|include|parse|break|stop)|\\#[#*[]|\$!?\{(?![A-Za-z_])|\$!?[A-Za-z_][\w-]*\(|\$!?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\n]*\]|\([^()\n]*\))*\{|#\{?(?:end|else)\}?[[{(]|#\{(?:end|else)\}\{|#set(?![\w(])(?![ \t\r\n]*\()|\$!?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+##|[\w)}]\\+\$/.source}|${AFTER_REFERENCE_AND_NAMES.source}`);

/**
 * `$!` (`$\!`, any backslashes before the `!`) that starts no reference, where Velocity prints `$` alone: its lexer
 * takes it as the start of a reference that then ends. Before `#`, `$` or `}` it reads on otherwise, and `$![` is a
 * token of its own (EMPTY_INDEX) that prints as written: those are left as they are, and so is `$\!` before a
 * backslash, which LONE_DOLLAR_BANGS reads.
 */
const LONE_QUIET = /\$!(?=[^{A-Za-z_#$}[])|\$\\+!(?=[^{A-Za-z_#$}[\\])/;
/** `#@` that starts no block macro call, which Velocity prints as text. */
const LONE_AT = /#@(?![A-Za-z_][\w@]*[ \t\r\n]*\()/;
/** LONE_AT where the text starts. */
const LONE_AT_AT = new RegExp(`^${LONE_AT.source}`);
/**
 * A directive's word with an `@` after it: Velocity's directive names take `@`, so the name is `end@…`, no directive,
 * and without parentheses text unless a macro has it (atSignNames); velocityjs's lexer ends the name before the `@`
 * and reads the directive.
 */
const KEYWORD_AT_NAME = /#(?:set|if|elseif|else|end|break|foreach|define|macro|noescape)(?=@)/;
const KEYWORD_BEFORE_AT = new RegExp(`^${KEYWORD_AT_NAME.source.replace('(?=@)', '')}$`);
const AT_NAME = /[A-Za-z_][\w@]*/y;
/** The rest of the template after a line comment and its line end. */
const REST_AFTER_COMMENT = /^##[^\r\n]*(?:\r\n?|\n)([\s\S]*)$/;
function methodCommentMessage(source: string, open: number): string {
  const method = /[A-Za-z_][\w-]*$/.exec(source.slice(Math.max(0, open - 200), open))?.[0] ?? '';
  return `After the line comment right inside \`.${method}(\`, Velocity 1.7 reads the rest of the template as that call's arguments and cannot parse it: put a blank between the \`(\` and the \`$\`, or close the call before the comment`;
}

/** `.name` after a lone `$!`: Velocity's DOT token, which prints `.` and drops the `$!` before it. */
const QUIET_DOT = /^\.[A-Za-z][\w-]*(?![\w.([-])/;

/**
 * A reference followed by `.` and `_`: Velocity's DOT token is a `.` before a letter (`$m.__proto__`, `$m._x`), so the
 * reference ends before the `.`, which is text in text and a lexical error inside parentheses.
 */
const DOT_BEFORE_UNDERSCORE = /\$!?\{?[A-Za-z_][\w-]*(?:\.[A-Za-z][\w-]*|\[[^\]\n]*\]|\([^()\n]*\))*\.(?=_)/;

/**
 * PARSE_HINT, LONE_QUIET, LONE_AT, `$`s before a directive, and any escape: the text `escapeEdits` may change. The
 * `$`s before a directive are looked for back from its `#`: read forward from each `$`, a long run of `$` and blanks
 * would be read to its end once for each of them.
 */
const ESCAPE_HINT = new RegExp(`${PREFIXED_REFERENCE.source}|${LONE_DOLLAR_BANGS.source}|${BLOCK_AFTER_DOLLAR.source}|\\\\[#$!]|${LONE_QUIET.source}|${LONE_AT.source}|${KEYWORD_AT_NAME.source}|${METHOD_BEFORE_COMMENT.source}|${PARSE_HINT.source}|\\)\\(|#(?<=(?<![$\\\\])(?<!\\$!)\\$[\\\\!$ \t]*#)(?:set|if|elseif|else|end|break|stop|\\{)`);
const KEPT_BACKSLASH = '\uE000';
const KEPT_HASH = '\uE001';
const KEPT_DOLLAR = '\uE002';
const DROPPED = '\uE003';
const KEPT_PARENTHESIS = '\uE004';
const KEPT_BRACKET = '\uE005';
const KEPT_BRACE = '\uE006';
/** The backslash that escapes the reference after it, which Velocity prints or drops by the reference's value. */
const ESCAPING_BACKSLASH = '\uE007';
/** The `#` of a macro called without parentheses (bareMacroCalls). */
const BARE_MACRO_HASH = '\uE008';
const KEPT_DOT = '\uE009';
/** The first backslash before a `#name` whose printing depends on a macro of that name (`MacroText`). */
const MACRO_TEXT = '\uE00A';
const STAND_INS = /[\uE000-\uE00A]/g;
/** A `#` Velocity skips among arguments, in the text a call of no macro prints (SourceText.printed). */
const SKIPPED_HASH = '\uE00B';
const SKIPPED_RUN = /\uE00B+/g;
const SKIPPED_BEFORE_REFERENCE = /^\\*\$/;
const RESTORED: Record<string, string> = {
  [KEPT_BACKSLASH]: '\\',
  [KEPT_HASH]: '#',
  [KEPT_DOLLAR]: '$',
  [DROPPED]: '',
  [KEPT_PARENTHESIS]: '(',
  [KEPT_BRACKET]: '[',
  [KEPT_BRACE]: '{',
  [ESCAPING_BACKSLASH]: '',
  [BARE_MACRO_HASH]: '#',
  [KEPT_DOT]: '.',
  [MACRO_TEXT]: '',
};
/** The end of a reference, after which velocityjs's lexer reads neither a comment nor unparsed text. */
const AFTER_REFERENCE = /(?:\$!?[A-Za-z_](?:[\w.-]|\([^()\n]*\)|\[[^\]\n]*\])*|\$!?\{[^}\n]*\})$/;
/** AFTER_REFERENCE, or a reference and `#name`s after it (`$x#end`, `$x#e#f`): velocityjs's lexer reads on alike. */
const END_OF_REFERENCE_AND_NAMES = new RegExp(`${AFTER_REFERENCE.source.slice(0, -1)}${NAMES_AFTER}*$`);
const ESCAPE_TOKENS = new RegExp(
  [
    /##[^\n]*|#\*[\s\S]*?\*#|#\*[\s\S]+|#\[\[[\s\S]*?\]\]#/.source,
    METHOD_BEFORE_COMMENT.source,
    SLASHBANG_REFERENCE.source,
    HASH_PREFIXED_REFERENCE.source,
    RUN_BEFORE_ESCAPED_DIRECTIVE.source,
    LONE_DOLLAR_BANGS.source,
    DOLLARS_BEFORE_DIRECTIVE.source,
    DOLLARS_BEFORE_REFERENCE.source,
    DOT_BEFORE_UNDERSCORE.source,
    HASH_AFTER_DOLLAR.source,
    BLOCK_AFTER_DOLLAR.source,
    KEYWORD_AT_NAME.source,
    /(\\+)([#$])|\$!(?=[^{A-Za-z_#$}[])|\$\\+!(?=[^{A-Za-z_#$}[\\])|#@(?![A-Za-z_][\w@]*[ \t\r\n]*\()|\$!?\{(?![A-Za-z_])|\$!?[A-Za-z_][\w-]*\(|\$!?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\n]*\]|\([^()\n]*\))*\{|#\{?(?:end|else)\}?[[{(]|#\{(?:end|else)\}\{|#set(?![\w(])(?![ \t\r\n]*\()|\$!?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+##/.source,
    AFTER_REFERENCE_AND_NAMES.source,
  ].join('|'),
  'g',
);
/** The directives whose own tokens Escape() recognizes after two backslashes, braced or not. */
const CONTROL_DIRECTIVES = new Set(['if', 'elseif', 'else', 'end']);
/** What velocityjs reads as a call's arguments after its name: its `(` takes only what may start a value. */
const TAKEN_ARGUMENTS = /^[ ]*\([\s]*[$'"[{\-0-9\w()!]/;
/** A macro call's `(` after its name, blanks between. */
const CALL_AFTER_NAME = /^[ \t\r\n]*\(/;
/** What Velocity reads as a reference after `$`: a name, `{name`, `!name` or `!{name`. */
const REFERENCE_START = /^!?\{?[A-Za-z_]/;

type EscapeEdits = Array<[number, string]>;

/** What `escapeEdits` finds besides its edits. */
interface EscapeReadings {
  /** The references that never have a value (SLASHBANG_REFERENCE): the names velocityjs reads, and their own. */
  valueless: Map<string, string>;
  /** Backslashes before a macro's name in text parsed as the template runs, in text order (`MacroText`). */
  macroTexts: MacroText[];
  /** The `#`s of block directives right after a `$` whose `(` velocityjs reads as text, Velocity as arguments. */
  callsAsText: Set<number>;
  /** Text velocityjs reads and Velocity refuses, found among the edits: where, and why. */
  refused?: { offset: number; message: string };
  /** Whether the template's end was read after a line comment right inside a method's `(`, which judges it (methodComments). */
  endRead?: boolean;
}

/**
 * Text that depends on whether a macro of that name exists when a string or `#evaluate` is parsed, as the template
 * runs: backslashes before `#name` escape it, or every two print one, only before a macro's name.
 */
interface MacroText {
  name: string;
  defined: string;
  otherwise: string;
}

/**
 * Text Velocity reads otherwise than velocityjs, as edits that swap characters for private-use stand-ins velocityjs
 * reads as text, one for one so that no offset moves; the text of the tree gets them back (restoreEscapes).
 * - A backslash escapes a `#` only before a directive or a macro defined above it (`\#foo` and `\# x` print as
 *   written, every backslash kept), and a `$` only before a reference (`\$5` prints as written). Before a directive or
 *   reference every two backslashes print one, but before `#set` an even number print all; an escaped directive is
 *   text wherever it stands. Before a comment or unparsed text the backslashes print and the comment stays one.
 * - `#**#` and `#[[]]#`, the empty comment and unparsed text, print nothing, and a comment never closed takes the rest.
 * - `${` without a name, `#set` without `(`, the `(` of `$name(`, a `{` after a reference and a `[`, `{` or `(` right
 *   after `#end` or `#else` are text; so is `##` after a property, and a line comment ends at a lone carriage return
 *   (the one before a line feed is dropped from it, as velocityjs would count two lines there).
 * - A `$!` (or `$\!`) that starts no reference prints `$`, and nothing before `.name` (LONE_QUIET, QUIET_DOT); a `#@` that
 *   starts no block macro call is text.
 * - Right after a reference, or a reference and a `#name` (`$x#end`), where velocityjs reads neither, a comment on
 *   one line and unparsed text; and a `#` before a digit, a `$`, a `!` or a `[` right after a reference, which
 *   velocityjs cannot read there.
 * - `$` signs (dollarSigns): before `#set(`, `#if(`, `#elseif(`, `#else` and `#end` they print nothing; before
 *   `#break` and `#stop` the directive is text; before backslashes and a reference they print as written, or nothing
 *   when a backslash escapes the reference. A reference written with a backslash before a `!` (`$\!$x`) never has
 *   a value: velocityjs reads it under a name of its own (`readings.valueless`). A `#` before backslashes and a
 *   reference prints as written, with them, before its value; a run of `$` and `$!` before no reference prints its
 *   `$`s.
 * - Before a braced name (`\\#{m}`, `\\#{foreach}`) two backslashes print both, but for `#{if}`, `#{elseif}`,
 *   `#{else}` and `#{end}`; before a macro called without parentheses every two print one. In text parsed as the
 *   template runs (`fragment`), backslashes before a name that is no directive print by whether a macro of that name
 *   exists then (`readings.macroTexts`).
 * - The `.` of `$m._x`, which ends the reference.
 */
function escapeEdits(source: string, fragment: boolean, braced: ReadonlySet<number>, readings: EscapeReadings): EscapeEdits | undefined {
  if (source.search(STAND_INS) >= 0) return undefined;
  const literals = QUOTE.test(source) ? findStringLiterals(source) : [];
  const edits: EscapeEdits = [];
  // Before a reference inside parentheses or brackets, `$`s and backslashes are blanks to velocityjs (dollarSigns).
  const prefixes = PREFIXED_REFERENCE.test(source) || source.includes('\\!') ? argumentPrefixes(source) : [];
  let marker: string | null | undefined;
  /**
   * A reference that never has a value, its token from `start` to `end` (where its name or `{` starts): velocityjs
   * reads a reference named with a letter no reference of the template starts with, which the tree names back.
   */
  const valueless = (start: number, end: number): void => {
    marker ??= freeReferenceLetter(source);
    if (marker === null) return;
    const braced = source[end] === '{';
    const name = /^[A-Za-z_][\w-]*/.exec(source.slice(braced ? end + 1 : end, end + 256))?.[0] ?? '';
    const filler = marker + '_'.repeat(end - start - 2);
    const standIn = (braced ? '${' : '$') + filler;
    for (let k = 0; k < standIn.length; k++) edits.push([start + k, standIn[k]]);
    readings.valueless.set(filler + name, name);
  };
  for (const prefix of prefixes) {
    if (prefix.valueless) {
      valueless(prefix.start, prefix.dollar + 1);
      continue;
    }
    for (let k = prefix.start; k < prefix.dollar; k++) edits.push([k, ' ']);
  }
  let nextPrefix = 0;
  let macros: Array<{ name: string; offset: number }> | undefined;
  const definedAbove = (name: string, offset: number) => (macros ??= macroDefinitionsIn(source)).some((m) => m.name === name && m.offset < offset);
  const pattern = new RegExp(ESCAPE_TOKENS);
  /** The `##`s after a line comment right inside a method's `(` that print as written, and the `#`s that print nothing. */
  const hashesAsText = new Set<number>();
  const hashesDropped = new Set<number>();
  let next = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const offset = match.index;
    while (next < literals.length && literals[next].end <= offset) next++;
    if (next < literals.length && literals[next].start < offset) {
      pattern.lastIndex = literals[next].end;
      continue;
    }
    while (nextPrefix < prefixes.length && prefixes[nextPrefix].dollar <= offset) nextPrefix++;
    if (nextPrefix < prefixes.length && prefixes[nextPrefix].start <= offset) {
      pattern.lastIndex = prefixes[nextPrefix].dollar;
      continue;
    }
    if (match[0].startsWith('##') && (hashesAsText.has(offset) || hashesDropped.has(offset))) {
      // After a line comment right inside a method's `(`, a `##` that starts none (methodComments).
      if (hashesAsText.has(offset)) edits.push([offset, KEPT_HASH], [offset + 1, KEPT_HASH]);
      else edits.push([offset, DROPPED]);
      pattern.lastIndex = offset + (hashesAsText.has(offset) ? 2 : 1);
      continue;
    }
    if (match[0].startsWith('##')) {
      // A line comment ends at a lone carriage return too, where velocityjs reads on to the next line feed. The
      // carriage return of a CRLF is left out of its token: velocityjs would count a line there and another at the
      // line feed, and every position after the comment would be a line off.
      const end = match[0].search(/\r/);
      if (end >= 0 && source[offset + end + 1] !== '\n') {
        edits.push([offset + end, '\n']);
        pattern.lastIndex = offset + end + 1;
      } else if (end >= 0) {
        edits.push([offset + end, DROPPED]);
      }
      continue;
    }
    const token = match[0];
    const afterReference = () => AFTER_REFERENCE.test(source.slice(Math.max(0, offset - 80), offset));
    const afterReferenceAndName = () => END_OF_REFERENCE_AND_NAMES.test(source.slice(Math.max(0, offset - 96), offset));
    if (token === '#**#' || token === '#[[]]#' || (token.startsWith('#*') && (!token.endsWith('*#') || (!/[\r\n]/.test(token) && afterReferenceAndName())))) {
      // An empty comment or unparsed text, a comment never closed (it takes the rest of the template), or a comment
      // on one line right after a reference (and a `#name`).
      for (let k = 0; k < token.length; k++) edits.push([offset + k, DROPPED]);
      continue;
    }
    if (token.startsWith('#[[')) {
      if (afterReferenceAndName()) {
        // Unparsed text right after a reference: its text, as text.
        for (let k = 0; k < token.length; k++) {
          const inside = k >= 3 && k < token.length - 3;
          const c = token[k];
          if (!inside) edits.push([offset + k, DROPPED]);
          else if (c === '$' || c === '#' || c === '\\') edits.push([offset + k, c === '$' ? KEPT_DOLLAR : c === '#' ? KEPT_HASH : KEPT_BACKSLASH]);
        }
      }
      continue;
    }
    if (token.startsWith('#*')) continue;
    const hash = token.indexOf('#');
    /** The backslashes before a `#` that leads a token: escapes of their own, which print. */
    const escapesBeforeHash = () => {
      for (let k = 0; k < hash; k++) edits.push([offset + k, KEPT_BACKSLASH]);
    };
    if (matchesAt(SLASHBANG_REFERENCE_AT, source, offset, token)) {
      escapesBeforeHash();
      valueless(offset + Math.max(hash, 0), offset + token.length);
      // What follows the reference is read as after any reference: from its last `$`, or here when that is a `!`.
      if (token.endsWith('$')) {
        pattern.lastIndex = offset + token.length - 1;
      } else {
        const tail = referenceTail(source, offset + token.length);
        if (tail) {
          edits.push(...tail.edits);
          pattern.lastIndex = tail.end;
        }
      }
      continue;
    }
    if (matchesAt(HASH_PREFIXED_REFERENCE_AT, source, offset, token)) {
      escapesBeforeHash();
      for (let k = hash; k < token.length; k++) {
        const c = token[k];
        if (c === '#' || c === '$' || c === '\\') edits.push([offset + k, c === '#' ? KEPT_HASH : c === '$' ? KEPT_DOLLAR : KEPT_BACKSLASH]);
      }
      continue;
    }
    if (matchesAt(RUN_BEFORE_ESCAPED_DIRECTIVE_AT, source, offset, token)) {
      for (let k = 0; k < token.length; k++) edits.push([offset + k, DROPPED]);
      continue;
    }
    if (matchesAt(LONE_DOLLAR_BANGS_AT, source, offset, token)) {
      // Before two backslashes the special text goes with the Escape node they make, which prints none of it. A `$`
      // printed stays one: before no name velocityjs reads it as text, and in parentheses it fails as Velocity does.
      const beforeEscape = source.startsWith('\\\\', offset + token.length);
      printedSpecialText(token).forEach((printed, k) => {
        if (!printed || beforeEscape) edits.push([offset + k, DROPPED]);
        else if (token[k] === '\\' || token[k] === '#') edits.push([offset + k, token[k] === '#' ? KEPT_HASH : KEPT_BACKSLASH]);
      });
      continue;
    }
    if (token[0] !== '#' && matchesAt(DOLLARS_BEFORE_DIRECTIVE_AT, source, offset, token)) {
      for (let k = 0; k < token.length; k++) edits.push([offset + k, DROPPED]);
      continue;
    }
    if (token[0] !== '#' && matchesAt(DOLLARS_BEFORE_REFERENCE_AT, source, offset, token)) {
      referencePrefix(token).forEach((becomes, k) => {
        const c = token[k];
        if (becomes === 'dropped') edits.push([offset + k, DROPPED]);
        else if (becomes === 'escaping') edits.push([offset + k, ESCAPING_BACKSLASH]);
        else if (c === '$' || c === '\\') edits.push([offset + k, c === '$' ? KEPT_DOLLAR : KEPT_BACKSLASH]);
      });
      continue;
    }
    if (token.length > 1 && token[0] === '#' && matchesAt(BLOCK_AFTER_DOLLAR_AT, source, offset, token)) {
      const after = source.slice(offset + token.length, offset + token.length + 80);
      // velocityjs reads the call only where its `(` takes what follows, else text that must print as written.
      if (!(token === '#@' ? /^[A-Za-z_][\w-]*[ ]*\([\s]*[$'"[{\-0-9\w()!]/ : /^[ ]*\([\s]*[$'"[{\-0-9\w()!]/).test(after)) {
        edits.push([offset, KEPT_HASH]);
        readings.callsAsText.add(offset);
      } else {
        // A call velocityjs reads as one of a name no macro has (`#Xoreach(`, `#Xforeach (`, `#Xname(`): it prints as
        // written (finishTree).
        edits.push([offset + 1, 'X']);
        if (token.endsWith('}')) edits.push([offset + token.length - 1, ' ']);
      }
      continue;
    }
    if (token === '#' && (source[offset - 1] === '$' || source[offset - 1] === '!')) {
      // With arguments that velocityjs takes, a call of the name `#break` or `#stop`, which prints as written: read
      // as one of a name no macro has (`#Xreak(`, `#Xbreak (`), as a block directive after a `$` is (finishTree).
      const name = /^\{?[a-z]+\}?/.exec(source.slice(offset + 1, offset + 9))![0];
      if (!TAKEN_ARGUMENTS.test(source.slice(offset + 1 + name.length, offset + 81 + name.length))) edits.push([offset, KEPT_HASH]);
      else if (name.endsWith('}')) edits.push([offset + 1, 'X'], [offset + name.length, ' ']);
      else edits.push([offset + 1, 'X']);
      continue;
    }
    // The `.` of `$m._x`, or a `.` before a name after `#name`s that follow a reference (`$x#end.com`), which
    // velocityjs reads as the reference's.
    if (token.startsWith('$') && token.endsWith('.')) {
      edits.push([offset + token.length - 1, KEPT_DOT]);
      continue;
    }
    if (token === '#@') {
      edits.push([offset, KEPT_HASH]);
      continue;
    }
    if (source[offset + token.length] === '@' && KEYWORD_BEFORE_AT.test(token)) {
      AT_NAME.lastIndex = offset + 1;
      const name = AT_NAME.exec(source)![0];
      // A call, or a macro's name, is read as one (atSignNames); in text parsed as the template runs, any name may be.
      const call = fragment || CALL_AFTER_NAME.test(source.slice(offset + 1 + name.length, offset + 65 + name.length));
      if (!call && !(macros ??= macroDefinitionsIn(source)).some((m) => m.name === name)) edits.push([offset, KEPT_HASH]);
      continue;
    }
    if (/^\$\\*!$/.test(token)) {
      const after = source.slice(offset + token.length, offset + token.length + 80);
      if (!/^\.[A-Za-z]/.test(after)) for (let k = 1; k < token.length; k++) edits.push([offset + k, DROPPED]);
      // Only a lone `.name` in plain text is read so here: Velocity's parser reads longer forms, and any right after
      // a reference, in ways of its own.
      else if (QUIET_DOT.test(after) && !afterReference()) for (let k = 0; k < token.length; k++) edits.push([offset + k, DROPPED]);
      continue;
    }
    if (token.endsWith('{') && /^(?:\$!?[A-Za-z_]|#)/.test(token)) {
      // A `{` right after a reference, `#end` or `#else` is text.
      edits.push([offset + token.length - 1, KEPT_BRACE]);
      continue;
    }
    if (token === '(') {
      // The method's `(` before a comment (METHOD_BEFORE_COMMENT): it and what stands before the comment are text.
      const comment = source.indexOf('##', offset);
      const rest = REST_AFTER_COMMENT.exec(source.slice(comment))?.[1] ?? '';
      // Velocity's lexer goes on in the state of the method's arguments after the comment, to the end of the
      // template, where a blank, `)` or `,` outside a directive or reference is one it cannot parse.
      const after = readAfterMethodComment(rest, VELOCITY_DIRECTIVE_NAMES);
      if (rest.length > 0) readings.endRead = true;
      const restStart = source.length - rest.length;
      if (after.stop >= 0) readings.refused ??= { offset: restStart + after.stop, message: methodCommentMessage(source, offset) };
      for (const at of after.printed) hashesAsText.add(restStart + at);
      for (const at of after.dropped) hashesDropped.add(restStart + at);
      edits.push([offset, KEPT_PARENTHESIS]);
      for (let k = offset + 1; k < comment; k++) {
        const c = source[k];
        if (c !== '!') edits.push([k, c === '$' ? KEPT_DOLLAR : c === '#' ? KEPT_HASH : KEPT_BACKSLASH]);
      }
      pattern.lastIndex = comment;
      continue;
    }
    if (token.endsWith('(')) {
      // `$name(` calls nothing: the reference is followed by text; so is `#end(` or `#else(` after a reference.
      edits.push([offset + token.length - 1, KEPT_PARENTHESIS]);
      continue;
    }
    if (token.endsWith('[')) {
      // A `[` right after `#end` or `#else` is text.
      edits.push([offset + token.length - 1, KEPT_BRACKET]);
      continue;
    }
    if (token.endsWith('##') && token.startsWith('$')) {
      // After a property, `##` starts no comment in Velocity: it is text.
      edits.push([offset + token.length - 2, KEPT_HASH], [offset + token.length - 1, KEPT_HASH]);
      continue;
    }
    if (token.endsWith('#') && token.startsWith('$')) {
      // A `#` before a digit, a `$`, a `!` or a `[` right after a reference is text (`$id#2`, `$pk#$sk`), where
      // velocityjs fails; so it is after `#name`s that follow a reference (`$x#end#$y`), which velocityjs reads alike.
      edits.push([offset + token.length - 1, KEPT_HASH]);
      continue;
    }
    if (token.startsWith('#set')) {
      // `#set` without its `(` is text in Velocity.
      edits.push([offset, KEPT_HASH]);
      continue;
    }
    if (token.startsWith('$')) {
      // `${` without a name after it is text in Velocity.
      edits.push([offset, KEPT_DOLLAR]);
      continue;
    }
    const backslashes = match[1];
    if (backslashes === undefined) continue;
    const sign = offset + backslashes.length;
    const kept = (from: number, to: number) => {
      for (let k = from; k < to; k++) edits.push([k, KEPT_BACKSLASH]);
    };
    // Before a directive or reference Velocity prints one backslash for every two; velocityjs reads one or two.
    const halved = () => {
      const extra = backslashes.length - (backslashes.length % 2 === 1 ? 1 : 2);
      for (let k = 0; k < extra; k++) edits.push([offset + k, k % 2 === 0 ? KEPT_BACKSLASH : DROPPED]);
    };
    if (match[2] === '$') {
      if (REFERENCE_START.test(source.slice(sign + 1, sign + 4)) && !/^!?\{(?![A-Za-z_])/.test(source.slice(sign + 1, sign + 4))) {
        halved();
        // velocityjs would print the escaped reference as text; it reads it as a reference, marked escaped in the tree.
        if (backslashes.length % 2 === 1) edits.push([sign - 1, ESCAPING_BACKSLASH]);
        // What follows an escaped reference reads as after any reference (a `{` right after it is text).
        pattern.lastIndex = sign;
      } else if (sign + 1 < source.length) {
        kept(offset, sign);
        edits.push([sign, KEPT_DOLLAR]);
      }
      continue;
    }
    const after = source.slice(sign + 1, sign + 3);
    if (after.startsWith('#') || after.startsWith('*') || after === '[[') {
      // A comment or unparsed text starts at the `#`, which the next match reads.
      kept(offset, sign);
      pattern.lastIndex = sign;
      continue;
    }
    // Velocity's names go on through an `@`: `\#break@x` escapes no directive, `\#m@x` a macro `m@x`'s call.
    const directive = /^(@)?(\{(?=[A-Za-z_][A-Za-z0-9_@]*\}))?\{?([A-Za-z_][A-Za-z0-9_@]*)/.exec(source.slice(sign + 1, sign + 64));
    const name = directive?.[3];
    const odd = backslashes.length % 2 === 1;
    const macroName = name !== undefined && !directive![1] && !VELOCITY_DIRECTIVE_NAMES.has(name);
    // Two backslashes print one before a directive Escape() recognizes by its token's image: a braced name is never
    // one, but for the tokens of `#if`, `#elseif`, `#else` and `#end`.
    if (!odd && name !== undefined && !directive![1] && (directive![2] || braced.has(sign)) && !CONTROL_DIRECTIVES.has(name)) {
      kept(offset, sign);
      continue;
    }
    if (fragment && macroName && (directive![2] || source[sign + 1] !== '{')) {
      // In text parsed as the template runs, which of the template's macros exist is known only then.
      const written = directive![2] ? `#{${name}}` : `#${name}`;
      const escaped = odd ? `${'\\'.repeat((backslashes.length - 1) / 2)}${written}` : '\\'.repeat(backslashes.length / 2);
      readings.macroTexts.push({ name, defined: escaped, otherwise: '\\'.repeat(backslashes.length) + (odd ? written : '') });
      edits.push([offset, MACRO_TEXT]);
      const end = odd ? sign + written.length : sign;
      for (let k = offset + 1; k < end; k++) edits.push([k, DROPPED]);
      continue;
    }
    if (directive?.[1]) {
      // Escape() halves the backslashes only before a directive's or a macro's name, and `@name` is neither: every
      // backslash prints. After an odd number `#@name` is escaped and prints as written; after an even one a block
      // macro call stands.
      kept(offset, sign);
      if (odd || LONE_AT_AT.test(source.slice(sign, sign + 128))) edits.push([sign, KEPT_HASH]);
      continue;
    }
    const isDirective = name !== undefined && ((!directive![1] && VELOCITY_DIRECTIVE_NAMES.has(name)) || definedAbove(name, offset));
    if (!isDirective) {
      kept(offset, sign);
      // Two backslashes escape one another: the call after them stands, to a macro defined below too. A directive's
      // word before an `@` is text then, unless it is called or a macro's (KEYWORD_AT_NAME).
      const keywordText =
        macroName &&
        !directive![1] &&
        !fragment &&
        KEYWORD_BEFORE_AT.test(`#${name.slice(0, name.indexOf('@'))}`) &&
        !CALL_AFTER_NAME.test(source.slice(sign + 1 + name.length, sign + 65 + name.length)) &&
        !(macros ??= macroDefinitionsIn(source)).some((m) => m.name === name);
      if (odd || !macroName || keywordText) edits.push([sign, KEPT_HASH]);
    } else if (name === 'set' && !odd) {
      kept(offset, sign);
    } else if (name === 'break' && !odd && CALL_AFTER_NAME.test(source.slice(sign + 6, sign + 70))) {
      // `#break(` is a call to velocityjs (breakScopes), before which it prints every backslash it is left.
      for (let k = 0; k < backslashes.length; k++) edits.push([offset + k, k % 2 === 0 ? KEPT_BACKSLASH : DROPPED]);
    } else if (odd) {
      // The directive as text: what velocityjs reads the same way wherever it stands (after a reference too).
      halved();
      edits.push([sign - 1, DROPPED], [sign, KEPT_HASH]);
    } else if (macroName && !directive![2] && !CALL_AFTER_NAME.test(source.slice(sign + 1 + name.length, sign + 1 + name.length + 64))) {
      // A call without parentheses, which velocityjs reads as text: every two backslashes print one here.
      for (let k = 0; k < backslashes.length; k++) edits.push([offset + k, k % 2 === 0 ? KEPT_BACKSLASH : DROPPED]);
    } else {
      halved();
    }
  }
  if (source.includes(')(')) for (const offset of textParenthesesAfterCalls(source)) edits.push([offset, KEPT_PARENTHESIS]);
  if (prefixes.length > 0 || source.includes(')(')) edits.sort((a, b) => a[0] - b[0]);
  return edits.length > 0 ? edits : undefined;
}

/**
 * What the reference-ending tokens of ESCAPE_TOKENS make of the text after a reference's `$` at `at` (its name), for a
 * reference whose token ends in a `!` there, where those tokens cannot start: the `(` of `$name(`, `##` after a
 * property, `#` before a digit and the `.` before `_` are text.
 */
function referenceTail(source: string, at: number): { edits: EscapeEdits; end: number } | undefined {
  for (const [pattern, kept] of REFERENCE_TAILS) {
    pattern.lastIndex = at;
    const match = pattern.exec(source);
    if (!match) continue;
    const end = at + match[0].length;
    return { edits: kept.map((char, k): [number, string] => [end - kept.length + k, char]), end };
  }
  return undefined;
}

const REFERENCE_TAILS: Array<[RegExp, string[]]> = [
  [/\{?[A-Za-z_][\w-]*(?:\.[A-Za-z][\w-]*|\[[^\]\n]*\]|\([^()\n]*\))*\.(?=_)/y, [KEPT_DOT]],
  [/[A-Za-z_][\w-]*\(/y, [KEPT_PARENTHESIS]],
  [/[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+##/y, [KEPT_HASH, KEPT_HASH]],
  [/[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\n]*\]|\([^()\n]*\))*#(?=[0-9])/y, [KEPT_HASH]],
];

const DOLLARS_BEFORE_DIRECTIVE_AT = new RegExp(DOLLARS_BEFORE_DIRECTIVE.source, 'y');
const SLASHBANG_REFERENCE_AT = new RegExp(SLASHBANG_REFERENCE.source, 'y');
const HASH_PREFIXED_REFERENCE_AT = new RegExp(HASH_PREFIXED_REFERENCE.source, 'y');
const PREFIXED_REFERENCE_AT = new RegExp(PREFIXED_REFERENCE.source, 'y');
const PREFIXED_REFERENCES = new RegExp(PREFIXED_REFERENCE.source, 'g');
const LONE_DOLLAR_BANGS_AT = new RegExp(LONE_DOLLAR_BANGS.source, 'y');
const RUN_BEFORE_ESCAPED_DIRECTIVE_AT = new RegExp(RUN_BEFORE_ESCAPED_DIRECTIVE.source, 'y');
const DOLLARS_BEFORE_REFERENCE_AT = new RegExp(DOLLARS_BEFORE_REFERENCE.source, 'y');
const BLOCK_AFTER_DOLLAR_AT = new RegExp(BLOCK_AFTER_DOLLAR.source, 'y');

/** Whether the sticky `pattern` matches `token` where it stands in `source`, its look-ahead included. */
function matchesAt(pattern: RegExp, source: string, offset: number, token: string): boolean {
  pattern.lastIndex = offset;
  return pattern.exec(source)?.[0] === token;
}

function macroDefinitionsIn(source: string): Array<{ name: string; offset: number }> {
  const found: Array<{ name: string; offset: number }> = [];
  for (const match of source.matchAll(/#\{?macro\}?[ \t]*\([ \t\r\n]*([A-Za-z_][\w@-]*)/g)) found.push({ name: match[1], offset: match.index ?? 0 });
  return found;
}

function withEdits(text: string, edits: EscapeEdits | undefined): string {
  if (!edits) return text;
  let out = '';
  let copied = 0;
  for (const [offset, char] of edits) {
    out += text.slice(copied, offset) + char;
    copied = offset + 1;
  }
  return out + text.slice(copied);
}

function restoreEscapes(text: string): string {
  return /[\uE000-\uE00A]/.test(text) ? text.replace(STAND_INS, (c) => RESTORED[c]) : text;
}

const DIRECTIVE_AT_END = /#(?:\{(?:if|elseif|foreach|macro|define|evaluate)\}|(?:if|elseif|foreach|macro|define|evaluate))$/;

/**
 * Where a `$`, `$!` or `#` ends the template, which Velocity's lexer cannot finish reading (a lexical error, inside a
 * `##` comment too), unless the `#` closes a block comment or unparsed text or is the second of a `##` starting one;
 * or a directive that takes arguments, which Velocity wants after it.
 */
function unreadableEnd(source: string, strings: () => readonly StringLiteral[]): number | undefined {
  // The backslashes before it are counted apart: a pattern that took them in would read every run of backslashes
  // to its end, at each of its backslashes.
  const directive = DIRECTIVE_AT_END.exec(source);
  if (directive) {
    const at = directive.index;
    let backslashes = 0;
    while (source.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
    const commented = source.slice(lineStartAt(source), at - backslashes).includes('##') || source.lastIndexOf('#*') > source.lastIndexOf('*#');
    // After a `$` a directive other than `#if` is a macro call, which needs no arguments (dollarSigns).
    if (backslashes === 0 && afterDollar(source, at) && /(?:foreach|macro|define|evaluate)\}?$/.test(source)) return undefined;
    return backslashes % 2 === 0 && !commented ? at : undefined;
  }
  const end = /(?:\$(?:\\*!)?|#\*?)$/.exec(source);
  if (!end) return undefined;
  if (end[0] === '#' || end[0] === '#*') {
    // Where a `##` that ends the template (`##`, `##*`) starts: a comment, which reads as one.
    const opener = end.index - 1;
    const lineComment = lineCommentFrom(source, lineStartAt(source), strings);
    // Inside a line comment every ending fails.
    if (lineComment >= 0 && lineComment < opener) return end.index;
    if (closesBlock(source, end.index)) return undefined;
    if (lineComment >= 0 && lineComment === opener && !/\$!?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+##$/.test(source.slice(0, opener + 2))) return undefined;
  }
  return end.index;
}

/** Whether the `#` at `at` closes a block comment or unparsed text opened before it (`*#`, `]]#`). */
function closesBlock(source: string, at: number): boolean {
  if (source[at - 1] === '*') return source.lastIndexOf('#*', at - 2) >= 0;
  return source.startsWith(']]', at - 2) && source.lastIndexOf('#[[', at - 3) >= 0;
}

/**
 * Where a `#name(` with nothing but blanks after it ends the template. Velocity reads any name after `#` as a directive
 * or macro call once a `(` follows (blanks between), defined or not, and then wants its `)`; velocityjs reads the
 * `(` only before a value, and prints the rest as text. `#end(` and `#else(` are those directives and a parenthesis.
 */
function callOpenAtEnd(source: string, strings: () => readonly StringLiteral[]): number | undefined {
  // Read backwards from the end: a pattern anchored there would be tried at every `#` of the template.
  const blank = (k: number) => k >= 0 && /[ \t\r\n]/.test(source[k]);
  let k = source.length - 1;
  while (blank(k)) k--;
  if (source[k] !== '(') return undefined;
  k--;
  while (blank(k)) k--;
  const nameEnd = k + 1;
  const braced = source[k] === '}';
  if (braced) k--;
  while (k >= 0 && /[A-Za-z0-9_@]/.test(source[k])) k--;
  if (braced && source[k--] !== '{') return undefined;
  const at = k;
  const name = source.slice(at + (braced ? 2 : 1), braced ? nameEnd - 1 : nameEnd);
  if (source[at] !== '#' || !(braced ? /^[A-Za-z_]/ : /^[A-Za-z_@]/).test(name) || name === 'end' || name === 'else') return undefined;
  let backslashes = 0;
  while (source[at - 1 - backslashes] === '\\') backslashes++;
  if (backslashes % 2 === 1) return undefined;
  if (source.lastIndexOf('#*') > source.lastIndexOf('*#') || source.lastIndexOf('#[[') > source.lastIndexOf(']]#')) return undefined;
  // Nor in a line comment: a `##` that closes no comment or unparsed text and stands in no string literal.
  const comment = lineCommentFrom(source, lineStartAt(source, at), strings);
  return comment >= 0 && comment < at ? undefined : at;
}

/** Where the line holding `at` starts (by default the last line): after a `\n` or a `\r`. */
function lineStartAt(source: string, at = source.length): number {
  return Math.max(source.lastIndexOf('\n', at), source.lastIndexOf('\r', at)) + 1;
}

/**
 * The first `##` from `from` on that starts a line comment, or -1: one whose first `#` closes no block comment or
 * unparsed text (`*##`, `]]##`) and that stands in no string literal.
 */
function lineCommentFrom(source: string, from: number, strings: () => readonly StringLiteral[]): number {
  let at = source.indexOf('##', from);
  while (at >= 0 && (closesBlock(source, at) || strings().some((literal) => literal.start < at && at < literal.end))) at = source.indexOf('##', at + 1);
  return at;
}

/** Whether the tree holds a subtraction, a negation or a negative number, which `minusProblem` may have to refuse. */
function holdsMinus(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some(holdsMinus);
  const record = node as VelocityNode;
  if (record.type === 'math' && (record.operator === '-' || record.operator === 'minus' || chainHolds(record, '-'))) return true;
  if ((record.type === 'integer' || record.type === 'decimal') && String(record.value).startsWith('-')) return true;
  for (const key of Object.keys(record)) if (key !== 'pos' && holdsMinus(record[key])) return true;
  return false;
}

/** Whether the tree holds a `null` velocityjs read as a value, which `nullWordAt` may have to refuse. */
function holdsNull(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some(holdsNull);
  const record = node as VelocityNode;
  if (record.type === 'bool') return record.value === 'null';
  for (const key of Object.keys(record)) if (key !== 'pos' && holdsNull(record[key])) return true;
  return false;
}

const NULL_WORD = 59;
/** Tokens a name follows in a reference (`$null`, `${null}`, `$a.null`), where velocityjs's lexer reads `null` too. */
const NAMED_AFTER = new Set<number>([Rule.Dollar, Rule.DollarQuiet, Rule.BraceBegin, Rule.MapBegin, Rule.Dot]);

/**
 * Where `null` stands as a value outside a method call's arguments: velocityjs reads it as null wherever it stands,
 * Velocity 1.7 only among a method call's arguments, where any bare word is null (its REFMOD2 state reads an
 * identifier there). In a directive, a macro call or an index it is a parse error.
 */
function nullWordAt(lexText: string): number | undefined {
  /** For each `(` open: whether it opens a method call's arguments. */
  const calls: boolean[] = [];
  const trail = new TokenTrail();
  let found: number | undefined;
  lexTemplate(lexText, (rule, start, end, state) => {
    if (found !== undefined) return;
    const { previous, previousEnd } = trail;
    if (rule === Rule.Paren) calls.push(previous === Rule.Name && previousEnd === start && trail.beforePrevious === Rule.Dot);
    else if (rule === Rule.CloseParen) calls.pop();
    else if (rule === NULL_WORD && (state === 'c' || state === 'i') && calls[calls.length - 1] !== true && !(previousEnd === start && NAMED_AFTER.has(previous))) found = start;
    trail.push(rule, end);
  });
  return found;
}

const HASH_BETWEEN_BLANKS =
  'Velocity 1.7 skips a `#` among arguments that starts no name, and the blanks on either side of this one then stand as two separators in a row, which it cannot parse: remove the `#`';

const SPACED_PARENTHESIS = /[\w}][ \t\r\n]+\(/;
const SPACED_CALL_MESSAGE =
  'Velocity reads a reference and a parenthesis apart from it as two values in a row, which it cannot parse here: write the method call with its `(` right after the name (`$a.substring(1)`), or put an operator between them';

/**
 * Where a reference in a directive or interpolation is followed by blanks and a `(`: velocityjs calls the method
 * anyway, Velocity 1.7 reads the reference alone and fails at the parenthesis.
 */
/**
 * A `(` right after the `)` that closes a method call in text (`$s.length()(x)`): Velocity's reference ends with the
 * call and the parenthesis is text, where velocityjs reads a second call.
 */
function textParenthesesAfterCalls(source: string): number[] {
  const found: number[] = [];
  const trail = new TokenTrail();
  lexTemplate(source, (rule, start, end, state) => {
    if (rule === Rule.Paren && state === 'mu' && trail.previous === Rule.CloseParen && trail.previousEnd === start) found.push(start);
    trail.push(rule, end);
  });
  return found;
}

/** Whether an odd number of backslashes stands right before `offset`. */
function escapedAt(source: string, offset: number): boolean {
  let count = 0;
  while (offset - count - 1 >= 0 && source.charCodeAt(offset - count - 1) === 92) count++;
  return count % 2 === 1;
}

export function spacedCallAt(lexText: string): number | undefined {
  // Only text with a name or `}` before blanks and a `(` needs the lexer.
  if (!SPACED_PARENTHESIS.test(lexText)) return undefined;
  const trail = new TokenTrail();
  let found: number | undefined;
  lexTemplate(lexText, (rule, start, end, state) => {
    // Blanks are tokens of their own; what counts is the token before them.
    if (found !== undefined || rule === 42 || rule === 43) return;
    const { previous, beforePrevious, previousEnd } = trail;
    const named = previous === Rule.Name && (beforePrevious === Rule.Dot || beforePrevious === Rule.Dollar || beforePrevious === Rule.DollarQuiet);
    if (rule === Rule.Paren && (state === 'c' || state === 'i') && named && previousEnd < start && /^[ \t\r\n]+$/.test(lexText.slice(previousEnd, start))) found = start;
    trail.push(rule, end);
  });
  return found;
}

/** Tokens (velocityjs's lexer rules) that end an operand: `)`, `]`, `}`, a number, a string, `true`, `false`, a name. */
const OPERAND_ENDS = new Set<number>([Rule.CloseParen, Rule.CloseBracket, Rule.MapEnd, 62, Rule.DoubleQuoted, Rule.SingleQuoted, 59, 60, 61, Rule.Name]);
const MINUS = 21;

/**
 * Velocity 1.7 reads `-` followed by a digit as the start of a negative number wherever it stands, and has no unary
 * minus: `$list.size()-1` is two values in a row, `-$a`, `-(1)` and `- 1` an operator without its left operand.
 * velocityjs takes them all; Velocity refuses them.
 */
function minusProblem(lexText: string): { offset: number; message: string } | undefined {
  let previous = -1;
  let afterBlank = false;
  let problem: { offset: number; message: string } | undefined;
  lexTemplate(lexText, (rule, start, end, state, under) => {
    if (problem) return;
    if (state !== 'c' && state !== 'i') {
      previous = -1;
      return;
    }
    if (rule === 42 || rule === 43) {
      afterBlank = true;
      return;
    }
    const blankBefore = afterBlank;
    afterBlank = false;
    if (rule === MINUS && lexText[start] === '-') {
      const afterOperand = OPERAND_ENDS.has(previous);
      const number = /^\.?[0-9]/.test(lexText.slice(end, end + 2));
      // Among a macro call's arguments a blank parts them, and the negative number is the next one (`#m(1 -2)`).
      const nextArgument = blankBefore && state === 'c' && under === 'run';
      if (afterOperand && number && !nextArgument) {
        const written = /^-\.?[0-9]+/.exec(lexText.slice(start))![0];
        problem = {
          offset: start,
          message: `Velocity reads \`${written}\` as a negative number, so two values stand in a row here: put a blank after the minus to subtract (\`- ${written.slice(1)}\`)`,
        };
      } else if (!afterOperand && !number) {
        problem = { offset: start, message: 'Velocity 1.7 has no unary minus: `-` must stand between two values (write `0 - $x` to negate, or a number such as `-1`)' };
      }
    }
    previous = rule;
  });
  return problem;
}

// A run of backslashes is matched from its first only: from each of them, a long run would be read to its end again.
const BLOCK_TOKENS =
  /##[^\r\n]*|#\*[\s\S]*?\*#|#\[\[[\s\S]*?\]\]#|(?<!\\)\\+#|#(?:\{(if|foreach|macro|define)\}|(if|foreach|macro|define))\s*\(|#@[A-Za-z_][\w@]*\s*\(|#\{?(elseif)\}?\s*\(|#(?:\{(else|end)\}|(else|end)(?![A-Za-z0-9_@]))/g;

interface BlockToken {
  kind: 'open' | 'branch' | 'end';
  /** `if`, `foreach`, `macro`, `define` or `@name` (a block macro call) for `open`; `else` or `elseif` for `branch`. */
  name: string;
  offset: number;
  end: number;
}

/**
 * The directives that open, divide and close blocks, outside comments, unparsed text and escapes, and outside the
 * string literals given (in source order).
 */
function* blockTokens(template: string, literals: readonly StringLiteral[] = []): Generator<BlockToken> {
  const pattern = new RegExp(BLOCK_TOKENS);
  let next = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    const token = match[0];
    const offset = match.index;
    while (next < literals.length && literals[next].end <= offset) next++;
    if (next < literals.length && literals[next].start < offset) {
      // Resuming after the literal: a `##` or `#*` inside it must not hide the text that follows it.
      pattern.lastIndex = literals[next].end;
      continue;
    }
    if (token.startsWith('\\')) {
      // An even number of backslashes escape one another, and the directive after them stands. Before a comment or
      // unparsed text any number are text, and the comment stays one (`\\#* c *##else`).
      const at = offset + token.length;
      const comment = template[at] === '*' || template[at] === '#' || template.startsWith('[[', at);
      if (token.length % 2 === 1 || comment) pattern.lastIndex = at - 1;
      continue;
    }
    if (token.startsWith('##') || token.startsWith('#*') || token.startsWith('#[[')) continue;
    const end = offset + token.length;
    const opener = match[1] ?? match[2];
    const closer = match[4] ?? match[5];
    // After a `$` a block directive other than `#if` is a macro call that opens no block (dollarSigns).
    if (!match[3] && closer === undefined && opener !== 'if' && afterDollar(template, offset)) continue;
    if (match[3] || closer === 'else') yield { kind: 'branch', name: match[3] ?? 'else', offset, end };
    else if (closer === 'end') yield { kind: 'end', name: 'end', offset, end };
    else yield { kind: 'open', name: opener ?? token.slice(1).replace(/\s*\($/, ''), offset, end };
  }
}

interface OpenBlock {
  name: string;
  offset: number;
  /** Offset of the `#else` of an `#if`, once met. */
  elseAt?: number;
}

/**
 * Balanced blocks: velocityjs silently repeats or drops content when `#end`s do not match, and it accepts an `#else` or
 * `#elseif` anywhere, which Velocity 1.7's grammar allows only in an `#if`, before its `#end` and with `#else` last.
 */
export function checkBlocks(template: string, literals?: readonly StringLiteral[]): SyntaxProblem[] {
  // Velocity never reads a string literal as template text (`#set($a = '#end')`, `#if($a)#set($b = '#end')`), so
  // the literals are needed whenever one may hide a directive: a lexer pass, unless the caller has met them already.
  if (literals === undefined && QUOTE.test(template) && BLOCK_HINT.test(template)) literals = findStringLiterals(template);
  return blockProblems(template, literals);
}

const QUOTE = /["']/;
/** Whatever BLOCK_TOKENS could find a directive in, and more. */
const BLOCK_HINT = /#\{?(?:if|foreach|macro|define|else|end)|#@/;

function blockProblems(template: string, literals?: readonly StringLiteral[]): SyntaxProblem[] {
  const open: OpenBlock[] = [];
  for (const token of blockTokens(template, literals)) {
    if (token.kind === 'branch') {
      const problem = checkBranch(template, token.name, token.offset, open[open.length - 1]);
      if (problem) return [problem];
    } else if (token.kind === 'end') {
      if (open.pop() === undefined) {
        return [{ code: 'unmatched-end', message: '#end without a matching #if, #foreach, #macro or #define', ...lineColumn(template, token.offset) }];
      }
    } else {
      open.push({ name: token.name, offset: token.offset });
      if (open.length > MAX_BLOCK_NESTING) return [blocksTooDeep(template, token)];
    }
  }
  return open.map((block) => ({
    code: 'missing-end',
    message: `\`#${block.name}\` opened at line ${lineOf(template, block.offset)} is not closed: add \`#end\` where its body ends`,
    ...lineColumn(template, block.offset),
  }));
}

/** Positions are worked out only for a problem: counting lines for every branch would make the check quadratic. */
function checkBranch(template: string, branch: string, offset: number, block: OpenBlock | undefined): SyntaxProblem | undefined {
  if (!block || block.name !== 'if') {
    const inside = block ? `; the innermost open block is the \`#${block.name}\` opened at line ${lineOf(template, block.offset)}` : '';
    return { code: 'unmatched-else', message: `\`#${branch}\` without a matching \`#if\`${inside}`, ...lineColumn(template, offset) };
  }
  if (block.elseAt !== undefined) {
    return {
      code: 'unmatched-else',
      message: `\`#${branch}\` after the \`#else\` at line ${lineOf(template, block.elseAt)}: \`#else\` must be the last branch of the \`#if\` opened at line ${lineOf(template, block.offset)}`,
      ...lineColumn(template, offset),
    };
  }
  if (branch === 'else') block.elseAt = offset;
  return undefined;
}
