/**
 * Argument lists that velocityjs reads differently from Velocity 1.7, found with a copy of velocityjs's lexer.
 *
 * In Velocity 1.7 (Parser.jjt) a `(` right after `$ref.name` is always the LPAREN of a method call: it is a token of
 * the REFMODIFIER state the `.name` switched to, and an index keeps that state (`$ref.name[0](`). Inside the
 * parentheses (REFMOD2) only blanks, values, `,` and `)` are tokens, so a backslash, an operator or any other
 * character is a lexical error, and a blank commits to an argument, so `( )` is a parse error. velocityjs instead
 * looks ahead after `(` and reads the parenthesis as text when no value follows: `$input.params(\"data\")` would
 * render `{}(\"data\")` where API Gateway fails the template. `$ref.name (` and `${ref.name}(` are text in both.
 * Likewise Velocity separates the parts of a directive or call with spaces, tabs and line breaks only, where
 * velocityjs skips any JavaScript white space (a non-breaking space, a form feed).
 */
import { loneDollarsEnd } from './argumentHashes';
import { lexTemplate, Rule, TokenTrail } from './velocityLexer';
import { lineOf, shortLabel, surroundingsAt } from './syntaxMessages';

export interface CallProblem {
  message: string;
  offset: number;
  /** Where the construct at fault starts (the `(` of a call), to tell which of two problems Velocity meets first. */
  open: number;
}

/**
 * What can hold such a problem: a `(` after a name or index that velocityjs's look-ahead refuses (its rule is
 * `\([\s]*(?=[$'"\[\{\-0-9\w()!])`), `(` with only blanks before `)`, or white space Velocity does not skip. Other
 * templates, nearly all of them, skip the lexer pass.
 */
const CANDIDATE = /[\w\]-]\((?:\s+\)|(?!\s*[$'"[{\-\w()!]))|[^\S \t\n\r]/;

/** White space velocityjs skips inside parentheses and brackets and Velocity does not. */
const FOREIGN_SPACE = /[^\S \t\n\r]/;

/** The lexer rules whose tokens hold the blanks between the parts of a directive, call, list or map. */
const BLANK_RULES = new Set<number>([43, 46, Rule.Paren, Rule.Bracket]);

/** Thrown to end the lexer pass at the first problem. */
const FOUND = Symbol('found');

/** velocityjs's catch-all rule in a reference: the character after it is text. */
const TEXT_AFTER_REFERENCE = 66;

/**
 * The first argument list Velocity 1.7 cannot parse where velocityjs can, or undefined. `structure` is the text
 * velocityjs reads, as long as `source` (lists and maps replaced by references, see collectionLiterals): the one
 * lexed, while messages quote `source`.
 */
export function callArgumentProblem(source: string, structure = source, stops?: ReadonlySet<number>): CallProblem | undefined {
  if (!CANDIDATE.test(structure)) return undefined;
  let found: CallProblem | undefined;
  /** In a reference in text: whether what was read so far ends with `.name`, possibly indexed (REFMODIFIER). */
  let modifier = false;
  let textReference = -1;
  let anyReference = -1;
  const trail = new TokenTrail();
  let blankCall: { start: number; open: number } | undefined;
  let parens = 0;
  /** Inside `$name(...)`, which velocityjs reads as a call and Velocity as text, from this depth of parentheses. */
  let textParens = -1;
  let stop = source.length;
  try {
    stop = lexTemplate(structure, (rule, start, end, state) => {
      // Velocity stops at the first problem, and so can the lexer.
      if (found) throw FOUND;
      const { previous, beforePrevious, previousEnd } = trail;
      if (rule === Rule.Paren) {
        if (state === 'mu' && previous === Rule.Name && (beforePrevious === Rule.Dollar || beforePrevious === Rule.DollarQuiet) && textParens < 0) textParens = parens;
        parens++;
      } else if (rule === Rule.CloseParen && parens > 0 && --parens <= textParens) {
        textParens = -1;
      }
      if (blankCall) {
        // The `#`s and `$`s Velocity skips there (argumentHashes) are no blanks: `(#)` is `()`, `(# )` is `( )`.
        if (rule === Rule.CloseParen && source.slice(blankCall.open + 1, start).replace(/[#$\\!]/g, '') !== '') found = blankArguments(source, blankCall.start, blankCall.open);
        blankCall = undefined;
      }
      if (rule === Rule.Dollar || rule === Rule.DollarQuiet) {
        anyReference = start;
        if (state === 'mu') textReference = start;
      }
      if (state === 'esc' && source.charCodeAt(start) === 36) found = escapedCallProblem(source, start, stops);
      const afterMethodName = previous === Rule.Name && beforePrevious === Rule.Dot && previousEnd === start;
      if (state === 'mu') {
        if (rule === Rule.Name) modifier = previous === Rule.Dot;
        else if (rule === Rule.Paren || rule === Rule.BraceBegin) modifier = false;
        else if (rule === TEXT_AFTER_REFERENCE && modifier && source.charCodeAt(start) === 40) {
          found = argumentProblem(source, textReference, start, stops);
        }
      }
      if (!found && BLANK_RULES.has(rule)) {
        const foreign = textParens < 0 ? FOREIGN_SPACE.exec(structure.slice(start, end)) : null;
        if (foreign) found = foreignSpace(source, start + foreign.index);
        else if (rule === Rule.Paren && end - start > 1 && afterMethodName) blankCall = { start: state === 'mu' ? textReference : anyReference, open: start };
      }
      if (/\S/.test(structure.slice(start, end))) trail.push(rule, end);
    });
  } catch (error) {
    if (error !== FOUND) throw error;
  }
  if (found) return found;
  // Inside a directive or another call velocityjs has no rule for such a `(` and stops; Velocity fails there too.
  if (stop < source.length && source.charCodeAt(stop) === 40 && trail.previous === Rule.Name && trail.beforePrevious === Rule.Dot && trail.previousEnd === stop) {
    found = argumentProblem(source, anyReference, stop, stops);
  }
  return found;
}

/** `$ref.name(`, `$!{ref.name[0](` and the like, up to the `(`; method calls on the way are left out. */
const ESCAPED_CALL = /\$!?\{?[A-Za-z_][\w-]*(?:\[[^\]\r\n]*\]|\.[A-Za-z_][\w-]*)*\.[A-Za-z_][\w-]*(?:\[[^\]\r\n]*\])*(?=\()/y;

/**
 * An escaped reference (`\$ref.name(`) prints as written, yet Velocity lexes it as a reference, its arguments
 * included; velocityjs reads it all as text. Its first argument is checked, which catches `\"` and the like.
 */
export function escapedCallProblem(source: string, dollar: number, stops?: ReadonlySet<number>): CallProblem | undefined {
  ESCAPED_CALL.lastIndex = dollar;
  if (!ESCAPED_CALL.test(source)) return undefined;
  const open = ESCAPED_CALL.lastIndex;
  BLANKS_ONLY.lastIndex = open;
  if (BLANKS_ONLY.test(source)) return blankArguments(source, dollar, open);
  return argumentProblem(source, dollar, open, stops);
}

const BLANKS_ONLY = /\([ \t\r\n]+\)/y;

const VELOCITY_BLANKS = ' \t\r\n';
/** What may follow a `$` that Velocity skips at the start of a method's arguments. */
const AFTER_LONE_DOLLARS = /^[$'"[{\-0-9.)# \t\r\n]$/;
/** What starts a value in Velocity's argument lists: a reference, string, number, list, map, `true` or `false`. */
const VALUE_START = /[$'"[{\-0-9A-Za-z_]/;

/** What Velocity makes of the text after `(`; undefined where it reads no error (or velocityjs reports one anyway). */
function argumentProblem(source: string, start: number, open: number, stops?: ReadonlySet<number>): CallProblem | undefined {
  // `$a.b(` ending the template: with nothing after it, Velocity takes the parenthesis as text.
  if (open + 1 >= source.length) return undefined;
  let at = open + 1;
  while (at < source.length && VELOCITY_BLANKS.includes(source[at])) at++;
  const call = shortLabel(source.slice(start, open + 1));
  const asText = textAlternative(source.slice(start, open));
  if (at >= source.length) {
    return { open, offset: open, message: `\`${call}\` opened at line ${lineOf(source, open)} is not closed: expected a value, then \`)\`, before the end of the template${asText}` };
  }
  const c = source[at];
  if (c === '$' || c === '\\') {
    // A `$` that starts no reference is skipped (argumentHashes): what follows it is read as the first argument.
    const end = loneDollarsEnd(source, at);
    if (end !== undefined && !AFTER_LONE_DOLLARS.test(source[end] ?? '')) {
      return { open, offset: at, message: `The argument list of \`${call}\` is not valid: Velocity skips a \`$\` that starts no reference there, and then cannot read ${describeCharacter(source[end])}; write values such as \`"text"\`, \`1\` or \`$ref\`${asText}` };
    }
  }
  // Whatever the parser can read further (velocityjs checks the rest of an unescaped call); `)` ends `()`.
  if (VALUE_START.test(c) || (c === ')' && at === open + 1)) return undefined;
  if (c === '\\') {
    let k = at;
    while (source[k] === '\\') k++;
    // `\$ref` is a reference argument to Velocity.
    if (source[k] === '$') return undefined;
    if (source[k] === '"' || source[k] === "'") return { open, offset: at, message: escapedQuote(source, at, source[k], call) };
  }
  // `.5` is a number argument to Velocity and `(.x` text.
  if (c === '.' && (/[0-9]/.test(source[at + 1] ?? '') || (at === open + 1 && /[A-Za-z]/.test(source[at + 1] ?? '')))) return undefined;
  if (c === '#') return hashProblem(source, open, at, call, asText, stops);
  return {
    open,
    offset: at,
    message: `The argument list of \`${call}\` is not valid: Velocity cannot read ${describeCharacter(c)} there, since a \`(\` right after a method name always starts its arguments; write values such as \`"text"\`, \`1\` or \`$ref\`${asText}`,
  };
}

/**
 * What follows a `#` that a method's argument list starts with. Velocity's lexer takes the `#` (a run of them too)
 * into the token after it there: a string, a reference or a list then reads as without it, and so does the `)` right
 * after `(`; these are left alone. A name after it is a directive's name (`#x`, `#stop`, `#{x}`, `#@x`), which no
 * argument list takes, and a number fails as it is read (`#1`); the rest is no token at all. A name right after the
 * `(` with no blank, `,` or `)` after it before the end of the template leaves the parenthesis text, as a `(` ending
 * the template does (the method call's look-ahead meets no argument); a blank before it starts one (WHITESPACE), and
 * the name then fails. `stops` are the `#` of each bare `#stop` there that syntax.ts wrote as `#stop()` for
 * velocityjs, whose parentheses are no part of the template.
 */
const HASHES = /#+/y;
const JOINED_AFTER_HASH = /['"$]|\[(?!\[)/y;
const NAME_AFTER_HASH = /\{[A-Za-z_][\w-]*\}?|@?[A-Za-z_][\w-]*/y;
/**
 * What may follow such a name to the end of the template, read as text after the `(`: the tokens Velocity's lexer
 * reads there (names, numbers, strings, references, directives' names and calls) that its parser takes as statements. A blank,
 * `,`, `)`, operator, bracket or brace is a lexical or parse error there.
 */
const TEXT_TOKEN = /[A-Za-z0-9_@]+|#\{?[A-Za-z_@][\w@]*\}?(?:[ \t]*\((?:[^()'"\r\n]|'[^']*'|"[^"]*")*\))?|\$!?\{?[A-Za-z_][\w-]*\}?|'[^']*'|"[^"]*"|\.[A-Za-z_][\w-]*|-[0-9]+/y;

/** Whether `rest` is all TEXT_TOKENs, each read once (a pattern repeating them would backtrack on a long one). */
function readsAsText(rest: string): boolean {
  for (let at = 0; at < rest.length; at = TEXT_TOKEN.lastIndex) {
    TEXT_TOKEN.lastIndex = at;
    if (!TEXT_TOKEN.test(rest)) return false;
  }
  return true;
}

function hashProblem(source: string, open: number, at: number, call: string, asText: string, stops?: ReadonlySet<number>): CallProblem | undefined {
  HASHES.lastIndex = at;
  HASHES.test(source);
  const after = HASHES.lastIndex;
  JOINED_AFTER_HASH.lastIndex = after;
  if (JOINED_AFTER_HASH.test(source) || (source[after] === ')' && at === open + 1)) return undefined;
  NAME_AFTER_HASH.lastIndex = after;
  const name = NAME_AFTER_HASH.exec(source)?.[0];
  // Velocity's name takes no `-`: one after it is the rest's.
  const word = name && (/^\{?@?[A-Za-z_][\w@]*\}?/.exec(name)?.[0] ?? name);
  // The name is read from its `#` on, which a call's parentheses may follow (`$a.b(#x()`).
  if (word && at === open + 1 && after === at + 1 && readsAsText(withoutStopParentheses(source, after === at + 1 ? at : after + word.length, stops))) return undefined;
  const next = source[after];
  const what = name ? `\`#${name}\`, the name of a directive or macro call, which is no value` : /[-0-9.]/.test(next ?? '') ? 'a number written after `#`' : `\`#\` before ${next === undefined ? 'the end of the template' : describeCharacter(next)}`;
  return {
    open,
    offset: at,
    message: `The argument list of \`${call}\` is not valid: Velocity cannot read ${what} there, since a \`(\` right after a method name always starts its arguments; write values such as \`"text"\`, \`1\` or \`$ref\`${asText}`,
  };
}

/** The text from `from` on without the parentheses syntax.ts wrote after each bare `#stop` (`stops`). */
function withoutStopParentheses(source: string, from: number, stops: ReadonlySet<number> | undefined): string {
  if (!stops?.size) return source.slice(from);
  let out = '';
  let copied = from;
  for (let at = source.indexOf('#stop()', from - 5); at >= 0; at = source.indexOf('#stop()', at + 1)) {
    if (!stops.has(at)) continue;
    const parentheses = at + 5;
    if (parentheses < from) continue;
    out += source.slice(copied, parentheses);
    copied = parentheses + 2;
  }
  return out + source.slice(copied);
}

function escapedQuote(source: string, at: number, quote: string, call: string): string {
  const quoted = /^\\+(["'])([^"'\\\r\n]*)\\+\1/.exec(source.slice(at, at + 200));
  const written = quoted ? `write \`${quoted[1]}${quoted[2]}${quoted[1]}\`` : 'write the quotes';
  return `The argument list of \`${call}\` is not valid: \`\\${quote}\` is not how to quote in a template, since Velocity strings have no backslash escapes; ${written} without the backslashes (backslashes that a YAML or JSON string keeps are part of the template)`;
}

function blankArguments(source: string, start: number, open: number): CallProblem {
  const name = source.slice(start, open);
  return {
    open,
    offset: open,
    message: `\`${shortLabel(`${name}( )`)}\` has only blanks between its parentheses, which Velocity 1.7 reads as the start of an argument that never comes: write \`${shortLabel(`${name}()`)}\``,
  };
}

function foreignSpace(source: string, offset: number): CallProblem {
  const where = surroundingsAt(source, offset).open;
  const innermost = where[where.length - 1];
  const inside = innermost ? ` in \`${shortLabel(innermost.label)}\` opened at line ${lineOf(source, innermost.start)}` : '';
  return {
    open: offset,
    offset,
    message: `Velocity cannot read ${describeCharacter(source[offset])}${inside}: only spaces, tabs and line breaks may separate the parts of a directive or call`,
  };
}

const SPACE_NAMES: Record<string, string> = { '\u00a0': 'the non-breaking space', '\f': 'the form feed', '\v': 'the vertical tab', '\ufeff': 'the byte order mark' };

function describeCharacter(c: string): string {
  if (!/\s/.test(c)) return `\`${c}\``;
  const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `${SPACE_NAMES[c] ?? 'the white space character'} (${code})`;
}

/** `${ref.name}(`, Velocity's way to write a parenthesis as text right after a reference, when it reads simply. */
function textAlternative(reference: string): string {
  const plain = /^\$(!?)([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\r\n]*\])*)$/.exec(reference);
  if (!plain || reference.length > 40) return '';
  return ` (or \`$${plain[1]}{${plain[2]}}(\` for a parenthesis as text)`;
}

/**
 * What no argument starts with: a character neither Velocity nor velocityjs reads as the start of one, backslashes
 * before no `$` (after `$`s too, which print nothing before them, syntax.ts), a braced name (`#{x}`, a token of its
 * own to Velocity's lexer, where `#x` is a word), a comment or unparsed text.
 */
const UNREADABLE_ARGUMENT = /[^ \t\r\n)$'"[{\-0-9A-Za-z_@!(#\\.,]|\$(?:\\*!)?(?:\\*\$(?:\\*!)?)*\\+(?![\\$!])|\\+(?![\\$])|\.(?![0-9])|#[{#*]|#\[\[/.source;

/**
 * `#name(` and an unreadable first argument after blanks, or a comma before none. velocityjs reads such a `(` as text
 * (its look-ahead), Velocity as the start of the arguments of a directive or macro call, defined or not, and fails
 * there. `#end(` and `#else(` are those directives and a parenthesis.
 */
const TEXT_CALL = new RegExp(
  `#(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|@?([A-Za-z_][A-Za-z0-9_]*))[ \\t\\r\\n]*\\([ \\t\\r\\n]*(?:,[ \\t\\r\\n]*(${UNREADABLE_ARGUMENT}|[,)]|$)|(${UNREADABLE_ARGUMENT}))`,
  'g',
);
const HASH = 35;
/** velocityjs's rule for a `(` that opens arguments, with its look-ahead. */
const TAKEN_PARENTHESIS = /\([\s]*(?=[$'"\[{\-0-9\w()!])/y;

/**
 * The first `#name(` whose arguments Velocity cannot read where velocityjs prints the call as text (`#m(%)`,
 * `#{m} (,)`, `$#foreach(]`). `structure` is what velocityjs's lexer reads, as long as `source`: a `#` it reads as
 * a directive's or call's there is one; `readAsText` holds the others, which Velocity reads so though velocityjs
 * sees text (a block directive right after a `$`).
 */
export function textCallProblem(source: string, structure: string, readAsText: ReadonlySet<number>): CallProblem | undefined {
  const pattern = new RegExp(TEXT_CALL);
  let directives: Set<number> | undefined;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const name = match[1] ?? match[2];
    if (name === 'end' || name === 'else') continue;
    const hash = match.index;
    const open = source.indexOf('(', hash);
    // Where velocityjs reads the arguments, it has read them as Velocity does, or refused them.
    TAKEN_PARENTHESIS.lastIndex = open;
    if (TAKEN_PARENTHESIS.test(structure)) continue;
    if (!readAsText.has(hash)) {
      directives ??= directiveHashes(structure);
      if (!directives.has(hash)) continue;
    }
    const offset = hash + match[0].length - (match[3] ?? match[4]).length;
    const call = shortLabel(source.slice(hash, open + 1));
    const what = offset < source.length ? describeUnreadable(source, offset) : 'the end of the template';
    return {
      open,
      offset,
      message: `The arguments of \`${call}\` opened at line ${lineOf(source, hash)} are not valid: Velocity reads a \`(\` after a directive's or macro's name as the start of its arguments, defined or not, and cannot read ${what} there; write values such as \`'text'\`, \`1\` or \`$ref\`, or put the text in \`#[[ ]]#\` to print it as written`,
    };
  }
  return undefined;
}

const BRACED_NAME = /#\{[^}\r\n]{0,40}\}?/y;

/** What stands at `offset` where no argument may: a character, or the braced name, comment or unparsed text a `#` starts. */
function describeUnreadable(source: string, offset: number): string {
  if (source[offset] !== '#') return describeCharacter(source[offset]);
  const next = source[offset + 1];
  if (next === '#' || next === '*') return 'a comment';
  if (next === '[') return 'unparsed text (`#[[`)';
  BRACED_NAME.lastIndex = offset;
  return `the braced name \`${BRACED_NAME.exec(source)?.[0] ?? '#{'}\``;
}

/** Where velocityjs's lexer reads a `#` that starts a directive or call: in text, or right after a reference. */
function directiveHashes(structure: string): Set<number> {
  const found = new Set<number>();
  lexTemplate(structure, (rule, start, _end, state) => {
    if (rule === Rule.DirectiveHash || rule === Rule.Hash || (rule === Rule.Character && state === 'h' && structure.charCodeAt(start) === HASH)) found.add(start);
  });
  return found;
}
