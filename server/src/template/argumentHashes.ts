/**
 * A `#` among the arguments of a method call, directive or macro call that starts no token there (`$a.concat(#'x')`,
 * `$a.concat('x'#)`, `#set($x = 1 #+ 2)`). Velocity 1.7's lexer reads every `#` as the start of a directive's name;
 * where no name, number, comment or unparsed text follows, the character after it ends that token at once as a
 * special token the parser never sees (PRE_DIRECTIVE's DIRECTIVE_TERMINATOR), and the lexer reads on as before the
 * `#`: the value, operator, separator or `)` after it reads as without it, and so do two `#`s inside a method call's
 * parentheses or an index. Among a directive's own arguments a second `#` starts a comment instead (`##`), and a
 * third one does elsewhere.
 *
 * Such a `#` still parts what stands on either side of it: the blanks before and after it are two separators in a
 * row, which the parser refuses. A call of no macro prints without it, as it prints its tokens only; an escaped
 * reference prints it as written, but before a reference, whose token takes it in. velocityjs reads no argument
 * after such a `#`; it reads a blank in its place, which it skips there as Velocity skips the `#` (in `[#]`, the `]`
 * moves onto the `#`: a blank alone in brackets would be an element to come).
 */
import { argumentLists } from './argumentLists';
import { afterDollar } from './dollarSigns';

/**
 * Whatever may hold such a `#`: one before what ends it (ENDS_RUN), a blank only after a first `#`, which leaves out
 * the `## ` of line comments.
 */
const HINT = /(?<!#)#[ \t\r\n]|#(?:['"$\]}),:+/%<>=!&|(]|-(?![0-9.])|\.\.|\[(?!\[)|\{(?![A-Za-z_])|\\+\$)/;

const RUN = /#+/y;
/**
 * What ends the `#`s: a blank, a quote, `$`, a closer, `,`, `:`, an operator or `(`, a range's `..`, a `[` or `{` that
 * opens a value (not unparsed text or a braced name), backslashes before a reference. Not a name, a number (`#-1` and
 * `#.5` are numbers that fail as they are read), a comment (`#*`) or a lone `.`.
 */
const ENDS_RUN = /[ \t\r\n'"$\]}),:+/%<>=!&|(]|-(?![0-9.])|\.\.|\[(?!\[)|\{(?![A-Za-z_])|\\+\$/y;
/** What before a `(` makes it a method call's: the method's name after a `.`. */
const METHOD_NAME_BEFORE = /\.[A-Za-z_][\w-]*$/;
/** What before a `[` makes it an index: a reference's name, or the end of a call or index. */
const INDEXED_BEFORE = /(?:\$!?\{?[A-Za-z_][\w-]*|\.[A-Za-z_][\w-]*|[\])])$/;

export interface ArgumentHashes {
  /** The text with each such `#` a blank, as long. */
  text: string;
  /** Where the first such `#` between two blanks is: the parser refuses the template there. */
  between?: number;
}

/** Velocity's lexer states around such a `#`: a reference's (a method's arguments, an index) or a directive's. */
const enum Around {
  Reference,
  Directive,
}

export function dropArgumentHashes(text: string): ArgumentHashes | undefined {
  if (!HINT.test(text)) return undefined;
  let out: string | undefined;
  let copied = 0;
  let between: number | undefined;
  for (const [open, close] of argumentLists(text)) {
    const states: Around[] = [METHOD_NAME_BEFORE.test(text.slice(Math.max(0, open - 200), open)) ? Around.Reference : Around.Directive];
    for (let k = open + 1; k < close; k++) {
      const c = text.charCodeAt(k);
      if (c === QUOTE || c === APOSTROPHE) {
        // A string's text is no argument: a double-quoted one is read again as template text when it is evaluated.
        const end = text.indexOf(text[k], k + 1);
        if (end < 0 || end >= close) break;
        k = end;
        continue;
      }
      const state = states[states.length - 1];
      if (c === OPEN_PARENTHESIS || c === OPEN_BRACKET || c === OPEN_BRACE) {
        const before = text.slice(Math.max(0, k - 200), k);
        const reference = (c === OPEN_PARENTHESIS && METHOD_NAME_BEFORE.test(before)) || (c === OPEN_BRACKET && INDEXED_BEFORE.test(before));
        states.push(reference ? Around.Reference : state);
        continue;
      }
      if (c === CLOSE_PARENTHESIS || c === CLOSE_BRACKET || c === CLOSE_BRACE) {
        if (states.length > 1) states.pop();
        continue;
      }
      if (c !== HASH) continue;
      // A comment or unparsed text, whose closing `#` is none of these.
      const closing = text.startsWith('#*', k) ? '*#' : text.startsWith('#[[', k) ? ']]#' : undefined;
      if (closing) {
        const end = text.indexOf(closing, k + 2);
        if (end < 0 || end >= close) break;
        k = end + closing.length - 1;
        continue;
      }
      const start = k;
      RUN.lastIndex = start;
      RUN.test(text);
      const after = RUN.lastIndex;
      k = after - 1;
      // After a backslash the `#` is no token of its own, and after a `$` it joins the reference's token. Two `#`s
      // start a comment among a directive's own arguments; elsewhere a third one does, after the one that is skipped.
      const before = text[start - 1];
      if (before === '\\' || afterDollar(text, start) || after - start > (state === Around.Directive ? 1 : 2)) continue;
      ENDS_RUN.lastIndex = after;
      if (!ENDS_RUN.test(text)) continue;
      if (between === undefined && BLANK.test(before) && BLANK.test(text[after])) between = start;
      const fillsBrackets = before === '[' && text[after] === ']';
      out = (out ?? '') + text.slice(copied, start) + (fillsBrackets ? ']' + ' '.repeat(after - start) : ' '.repeat(after - start));
      copied = fillsBrackets ? after + 1 : after;
      if (fillsBrackets) {
        k = after;
        states.pop();
      }
    }
  }
  return out === undefined ? undefined : { text: out + text.slice(copied), between };
}

const BLANK = /^[ \t\r\n]$/;
const HASH = 35;
const QUOTE = 34;
const APOSTROPHE = 39;
const OPEN_PARENTHESIS = 40;
const CLOSE_PARENTHESIS = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
