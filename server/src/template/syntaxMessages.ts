/**
 * Parse errors in plain words. velocityjs's parser reports its grammar's token names (`MAP_BEGIN`, `CLOSE_PARENTHESIS`)
 * and places the error at the last token it accepted; users need the token that broke the template and the
 * parenthesis, bracket or brace left open around it, named as they wrote it (`#if(`, `$input.path(`). Both come from
 * a copy of velocityjs's lexer, so positions match what the parser saw.
 */
import { lineColumn } from '../model/textPositions';
import { lexTemplate, Rule, TokenTrail } from './velocityLexer';
import { shortened } from '../model/shortened';

/** A parenthesis, bracket or brace that was opened, labelled as the user wrote its opening. */
export interface OpenConstruct {
  /** `#if(`, `#foreach(`, `#set(`, `#mymacro(`, `$input.path(`, `(`, `[`, `{`, `${`. */
  label: string;
  closer: ')' | ']' | '}';
  kind: 'directive' | 'call' | 'group' | 'list' | 'map' | 'reference';
  /** Offset of its first character (the `#` of a directive, the `$` of a call). */
  start: number;
  /** Offset of its closer, once the text has one. */
  close?: number;
}

interface Surroundings {
  /** The constructs open just before the offset, innermost last. */
  open: OpenConstruct[];
  /** A directive name written without its parenthesis just before the offset (`#if $a`). */
  bareDirective?: { label: string; start: number };
  /** String literals that start inside the innermost construct and run across a line break. */
  multiLineString?: { start: number; end: number };
  /** Where the lexer stopped: the text length, or a character it cannot read. */
  lexEnd: number;
}

const DIRECTIVE_RULES = new Set<number>([Rule.Set, Rule.If, Rule.ElseIf, Rule.Foreach, Rule.Define, Rule.Macro]);

/** What is open at `offset`, with the closers the rest of the text supplies. */
export function surroundingsAt(text: string, offset: number): Surroundings {
  const stack: Array<OpenConstruct & { outerReference: number }> = [];
  let snapshot: Surroundings | undefined;
  let hashStart = -1;
  let blockMacro = false;
  let pending: { label: string; start: number } | undefined;
  let referenceStart = -1;
  const trail = new TokenTrail();
  const strings: Array<{ start: number; end: number }> = [];
  const take = (): Surroundings => {
    const innermost = stack[stack.length - 1];
    const multiLineString = innermost
      ? strings.find((s) => s.start > innermost.start && s.start < offset && text.slice(s.start, s.end).includes('\n'))
      : undefined;
    return { open: [...stack], bareDirective: pending, multiLineString, lexEnd: text.length };
  };
  const push = (construct: Omit<OpenConstruct, 'close'>) => stack.push({ ...construct, outerReference: referenceStart });
  const pop = (closer: OpenConstruct['closer'], at: number) => {
    const top = stack[stack.length - 1];
    if (top?.closer !== closer) return;
    top.close = at;
    stack.pop();
    referenceStart = top.outerReference;
  };
  const lexEnd = lexTemplate(text, (rule, start, end, state) => {
    if (!snapshot && start >= offset) snapshot = take();
    const wasPending = pending;
    pending = undefined;
    switch (rule) {
      case Rule.BlockMacroHash:
        hashStart = start;
        blockMacro = true;
        break;
      case Rule.DirectiveHash:
      case Rule.Hash:
        hashStart = start;
        blockMacro = false;
        break;
      case Rule.MacroName:
        pending = { label: `#${blockMacro ? '@' : ''}${text.slice(start, end).trim()}`, start: hashStart };
        blockMacro = false;
        break;
      case Rule.Dollar:
      case Rule.DollarQuiet:
        referenceStart = start;
        break;
      case Rule.Paren:
        if (wasPending) push({ label: `${wasPending.label}(`, closer: ')', kind: 'directive', start: wasPending.start });
        else if (trail.previous === Rule.Name && trail.beforePrevious === Rule.Dot && referenceStart >= 0) {
          push({ label: `${text.slice(referenceStart, start)}(`, closer: ')', kind: 'call', start: referenceStart });
        } else push({ label: '(', closer: ')', kind: 'group', start });
        break;
      case Rule.CloseParen:
        pop(')', start);
        break;
      case Rule.Bracket:
        push({ label: '[', closer: ']', kind: 'list', start });
        break;
      case Rule.CloseBracket:
        pop(']', start);
        break;
      case Rule.BraceBegin:
        if (state === 'mu' && referenceStart >= 0) push({ label: `${text.slice(referenceStart, start)}{`, closer: '}', kind: 'reference', start: referenceStart });
        break;
      case Rule.MapBegin:
        push({ label: '{', closer: '}', kind: 'map', start });
        break;
      case Rule.BraceEnd:
      case Rule.MapEnd:
        pop('}', start);
        break;
      case Rule.DoubleQuoted:
      case Rule.SingleQuoted:
        strings.push({ start, end });
        break;
      default:
        if (DIRECTIVE_RULES.has(rule)) pending = { label: `#${text.slice(start, end).trim()}`, start: hashStart };
        else if (!/\S/.test(text.slice(start, end))) pending = wasPending;
    }
    if (/\S/.test(text.slice(start, end))) trail.push(rule, end);
  });
  const result = snapshot ?? take();
  result.lexEnd = lexEnd;
  return result;
}

/**
 * The surroundings found in `structure` with the labels of calls, references and directives as `source` writes them
 * (a list inside a call's earlier arguments is a reference in `structure`).
 */
function writtenAs(where: Surroundings, source: string, structure: string): Surroundings {
  if (structure === source) return where;
  for (const construct of where.open) {
    // A directive's name too may differ (a rewritten `#foreach` header, a macro name's leading `_`).
    if (construct.kind === 'call' || construct.kind === 'reference' || construct.kind === 'directive') {
      // A braced macro name (`#{m}(`) is shorter in `structure`, which writes it plain and blanks after.
      const braced = construct.kind === 'directive' && source[construct.start + 1] === '{' ? /^#\{[\w@]*\}/.exec(source.slice(construct.start, construct.start + 66))?.[0] : undefined;
      const name = braced ?? source.slice(construct.start, construct.start + construct.label.length - 1);
      construct.label = name + construct.label[construct.label.length - 1];
    }
  }
  return where;
}

/** How each directive is written, for errors inside or just after its name. */
const DIRECTIVE_FORMS: Record<string, string> = {
  '#set': '#set($name = value)',
  '#foreach': '#foreach($item in $list)',
  '#if': '#if(condition)',
  '#elseif': '#elseif(condition)',
  '#macro': '#macro(name $parameter)',
  '#define': '#define($name)',
};

const CLOSER_TOKENS: Record<string, OpenConstruct['closer']> = { CLOSE_PARENTHESIS: ')', CLOSE_BRACKET: ']', MAP_END: '}', VAR_END: '}' };
const OPERATOR_TOKENS = new Set(['||', '&&', '+', '*', '/', '%', '>', '<', '==', '>=', '<=', '!=']);
const VALUE_TOKENS = new Set(['DOLLAR', 'STRING', 'EVAL_STRING', 'INTEGER', 'BOOL', 'MAP_BEGIN', 'PARENTHESIS', '!']);
/** Tokens that only a template body expects: with them in the list the parser takes almost anything, so it says little. */
const TEXT_TOKENS = new Set(['EOF', 'RAW', 'CONTENT', 'HASH', 'COMMENT']);

export interface PlainSyntaxError {
  message: string;
  /** Offset the error is reported at. */
  offset: number;
}

/**
 * A parse error of velocityjs in plain words. `after` is the offset just past the last token the parser accepted,
 * `token` and `text` are what it found next, and `expected` its list of token names. `structure` is the text
 * velocityjs lexed, as long as `source` (lists and maps replaced by references): where the open constructs are found.
 */
export function describeUnexpectedToken(source: string, after: number, token: string, expected: readonly string[], structure = source): PlainSyntaxError {
  let offset = Math.min(after, source.length);
  while (offset < source.length && /\s/.test(source[offset])) offset++;
  const atEnd = token === 'EOF' || token === '1' || offset >= source.length;
  const where = writtenAs(surroundingsAt(structure, offset), source, structure);
  const found = atEnd ? 'the end of the template' : `\`${tokenText(source, offset)}\``;
  const unexpected = atEnd ? 'Unexpected end of the template' : `Unexpected ${found}`;
  const innermost = where.open[where.open.length - 1];
  const names = new Set(expected.map((e) => e.replace(/^'|'$/g, '')));
  if (!innermost && where.bareDirective) {
    const directive = where.bareDirective.label;
    const form = DIRECTIVE_FORMS[directive];
    const written = form ? `: write \`${form}\`` : '';
    // The lexer takes `(` as a parenthesis only before what can start an expression.
    const message = !atEnd && source[offset] === '('
      ? `\`${directive}(\` is incomplete${written}`
      : `\`${directive}\` must be followed by \`(\`${written}; found ${found}`;
    // Velocity places the error at what it found instead of the `(`, but for `#macro`, which it refuses as a whole; at
    // the end, at the directive, which the message names.
    return { message, offset: atEnd || directive === '#macro' ? where.bareDirective.start : offset };
  }
  if (innermost) {
    const opened = `\`${label(innermost)}\` opened at line ${lineOf(source, innermost.start)}`;
    const closerExpected = [...names].some((name) => CLOSER_TOKENS[name] === innermost.closer);
    const closesLater = innermost.close !== undefined && !atEnd && !source.slice(offset, innermost.close).includes('\n');
    const hint = where.multiLineString
      ? ` (the string at line ${lineOf(source, where.multiLineString.start)} runs on to line ${lineOf(source, where.multiLineString.end)}: is its closing quote missing?)`
      : '';
    if (closerExpected && !closesLater) {
      return { message: `${opened} is not closed: expected \`${innermost.closer}\` before ${found}${hint}`, offset: atEnd ? innermost.start : offset };
    }
    const unnamed = !atEnd && innermost.kind === 'directive' ? unnamedMacro(source, innermost, offset) : undefined;
    if (unnamed) return unnamed;
    const words = expectedWords(names, innermost);
    if (atEnd) {
      return { message: `${opened} is not closed: expected ${words || 'more'}, then \`${innermost.closer}\`, before the end of the template${hint}`, offset: innermost.start };
    }
    const form = innermost.kind === 'directive' ? DIRECTIVE_FORMS[innermost.label.slice(0, -1)] : undefined;
    return {
      message: `${unexpected} in ${opened}${words ? `: expected ${words}` : ''}${form ? `; write \`${form}\`` : ''}${hint}`,
      offset,
    };
  }
  const words = expectedWords(names, undefined);
  return { message: `${unexpected}${words ? `: expected ${words}` : ''}`, offset: atEnd ? Math.max(0, Math.min(after, source.length) - 1) : offset };
}

/**
 * A `#macro(` whose first argument, found at `offset`, is missing or is no name. Velocity refuses the directive as a
 * whole, just after its name (where the `(` or the blanks before it start), saying which of the two it is.
 */
function unnamedMacro(source: string, macro: OpenConstruct, offset: number): PlainSyntaxError | undefined {
  const name = MACRO_DIRECTIVE.exec(source.slice(macro.start, macro.start + 16));
  if (!name) return undefined;
  const nameEnd = macro.start + name[0].length;
  const paren = source.indexOf('(', nameEnd);
  if (paren < 0 || paren >= offset || /\S/.test(source.slice(paren + 1, offset))) return undefined;
  const form = DIRECTIVE_FORMS['#macro'];
  const message = source[offset] === ')'
    ? `\`#macro(\` names no macro: its first argument is the macro's name; write \`${form}\``
    : `The first argument of \`#macro(\` is the macro's name, a plain word, not \`${tokenText(source, offset)}\`; write \`${form}\``;
  return { message, offset: nameEnd };
}

const MACRO_DIRECTIVE = /^#(?:macro|\{macro\})(?![\w-])/;

/**
 * A character velocityjs's lexer cannot read, most often the opening quote of a string that is never closed.
 * `structure` is the text velocityjs lexed, as for describeUnexpectedToken.
 */
export function describeUnreadableText(source: string, structure = source): PlainSyntaxError | undefined {
  const where = writtenAs(surroundingsAt(structure, source.length), source, structure);
  const offset = where.lexEnd;
  if (offset >= source.length) return undefined;
  const c = source[offset];
  const innermost = where.open[where.open.length - 1];
  if (c === '"' || c === "'") {
    // Right after a value inside a call (`$input.path('$.a'"}`), the quote is most often text that follows a call whose
    // `)` is missing, not a string of its own.
    const afterValue = innermost !== undefined && /['"\w)\]]$/.test(source.slice(innermost.start, offset).trimEnd());
    const hint = afterValue
      ? `; it follows a value with no \`,\` between them: is the \`${innermost.closer}\` of \`${label(innermost)}\` (opened at line ${lineOf(source, innermost.start)}) missing before it?`
      : ` (a quote inside it is written twice, \`${c}${c}\`)`;
    return { message: `The string opened at line ${lineOf(source, offset)} is not closed: add the closing \`${c}\`${hint}`, offset };
  }
  if (!innermost) return { message: `Velocity cannot read \`${c}\` here`, offset };
  const opened = lineOf(source, innermost.start);
  // Text after a parenthesis left open on an earlier line (`#end`, `#`, `;`) is what the lexer trips on.
  if (lineOf(source, offset) > opened) {
    return {
      message: `\`${label(innermost)}\` opened at line ${opened} is not closed: expected \`${innermost.closer}\` before \`${tokenText(source, offset)}\``,
      offset,
    };
  }
  return { message: `Velocity cannot read \`${c}\` in \`${label(innermost)}\` opened at line ${opened}`, offset };
}

/** The closers, punctuation and kinds of operand a parser state accepts, filtered to what fits where it stands. */
function expectedWords(names: Set<string>, innermost: OpenConstruct | undefined): string {
  if ([...names].some((name) => TEXT_TOKENS.has(name))) return '';
  const words: string[] = [];
  if (innermost && [...names].some((name) => CLOSER_TOKENS[name] === innermost.closer)) words.push(`\`${innermost.closer}\``);
  if (names.has('COMMA') && innermost && (innermost.kind === 'call' || innermost.kind === 'list' || innermost.kind === 'map' || innermost.label.startsWith('#'))) {
    words.push('`,`');
  }
  if (names.has('EQUAL')) words.push('`=`');
  if (names.has('IN')) words.push('`in`');
  if (names.has('ID') && innermost?.kind === 'reference') words.push('a name');
  if (names.has('MAP_SPLIT') && innermost?.kind === 'map') words.push('`:`');
  if (names.has('RANGE') && innermost?.kind === 'list') words.push('`..`');
  if ([...names].some((name) => VALUE_TOKENS.has(name))) words.push('a value');
  if ([...names].some((name) => OPERATOR_TOKENS.has(name))) words.push('an operator');
  return joinWords(words);
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function label(construct: OpenConstruct): string {
  return shortLabel(construct.label);
}

/** Long call labels keep their start and their method: `$util.escapeJavaScript(…).replaceAll(`. */
export function shortLabel(written: string): string {
  const text = written.replace(/\s+/g, ' ');
  if (text.length <= 40) return text;
  const method = /\.[A-Za-z_][\w-]*\($/.exec(text)?.[0] ?? text.slice(-12);
  const root = /^\$!?\{?[A-Za-z_][\w-]*/.exec(text)?.[0] ?? text.slice(0, 12);
  return `${root}…${method}`;
}

/**
 * The token at `offset` as written: a reference or directive name, a word, a number, a string on one line, an
 * operator, or else one character. Messages name it and diagnostics underline it, so both read it here. It is read
 * within 60 characters (a message shows at most 30): a longer string is named, and underlined, by its opening quote.
 */
export function tokenAt(source: string, offset: number): string {
  const rest = source.slice(offset, offset + 60);
  const match = /^(?:\$!?\{?[A-Za-z_][\w-]*|#@?\{?[A-Za-z][\w]*\}?|[A-Za-z_][\w-]*|\d+(?:\.\d+)?|"[^"\n]*"|'[^'\n]*'|==|!=|<=|>=|&&|\|\||\.\.|\S)/.exec(rest);
  return match ? match[0] : rest.slice(0, 1);
}

/** How much of a token or value a message shows. */
export const MESSAGE_TOKEN_LENGTH = 30;

/**
 * `null` written as a value, which Velocity 1.7's grammar has no literal for (a bare word is a value among a method
 * call's arguments only): the template fails to load, on API Gateway too.
 */
export const NULL_LITERAL_MESSAGE =
  '`null` is not a value in Velocity 1.7, so API Gateway cannot run this template: a reference that is never set, such as `$null`, stands for null (`#if($a == $null)`), and `#if(!$a)` or `#if("$!a" == "")` test for null along with false or the empty string';

/** The token at `offset`, shortened when long. */
/**
 * A `#set` with no `(` after it, which Velocity prints as text: a note for diagnostics, worded as the parse error
 * velocityjs would have made of it.
 */
export function bareSetMessage(source: string, offset: number): string {
  let next = offset + '#set'.length;
  while (next < source.length && /\s/.test(source[next])) next++;
  const found = next >= source.length ? 'the end of the template' : `\`${tokenText(source, next)}\``;
  return `\`#set\` must be followed by \`(\`: write \`${DIRECTIVE_FORMS['#set']}\`; found ${found}`;
}

function tokenText(source: string, offset: number): string {
  const text = tokenAt(source, offset);
  return shortened(text, MESSAGE_TOKEN_LENGTH);
}

export function lineOf(text: string, offset: number): number {
  return lineColumn(text, offset).line;
}
