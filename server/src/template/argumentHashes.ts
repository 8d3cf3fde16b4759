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
 *
 * A `$` there that starts no reference (`$a.concat($)`, `$a.concat('x'$)`, `#set($x = $'y')`) goes the same way: it
 * starts a token (DOLLAR, with the backslashes before it; DOLLARBANG with a `!` after it) that the character after it
 * ends at once as a special token (REFERENCE_TERMINATOR), unless that character goes on with a reference (a name,
 * `{`, `}`, `[`, a `.` before a letter) or is one the lexer cannot read after it (`!`, `(`, an operator among a method
 * call's arguments). An index written in text (`$m[#'a']`) reads its arguments as a method call's.
 */
import { argumentLists, insideLists } from './argumentLists';
import { afterDollar } from './dollarSigns';

/**
 * Whatever may hold such a `#`: one before what ends it (ENDS_RUN), a blank only after a first `#`, which leaves out
 * the `## ` of line comments.
 */
const HINT = new RegExp(
  [
    /(?<!#)#[ \t\r\n]|#(?:['"$\]}),:+/%<>=!&|(]|-(?![0-9.])|\.\.|\[(?!\[)|\{(?![A-Za-z_])|\\+\$)/.source,
    // A `$` that DOLLAR_ENDS ends, but for the `'$'` and `"$"` of JSONPath arguments, which are strings.
    /\$(?:\\*!)?(?:[ \t\r\n#),:+*/%<>=&|\]0-9-]|\.(?![A-Za-z])|(?<!['"]\$(?:\\*!)?)['"])/.source,
  ].join('|'),
);

const RUN = /#+/y;
/**
 * What ends the `#`s: a blank, a quote, `$`, a closer, `,`, `:`, an operator or `(`, a range's `..`, a `[` or `{` that
 * opens a value (not unparsed text or a braced name), backslashes before a reference. Not a name, a number (`#-1` and
 * `#.5` are numbers that fail as they are read), a comment (`#*`) or a lone `.`.
 */
const ENDS_RUN = /[ \t\r\n'"$\]}),:+/%<>=!&|(]|-(?![0-9.])|\.\.|\[(?!\[)|\{(?![A-Za-z_])|\\+\$/y;
const DOLLARS = /(?:\\*\$(?:\\*!)?)+/y;
/**
 * What ends such a run of `$`s as a special token, to be read as without it: what DOLLAR_ENDS does not name goes on
 * with a reference or is a lexical error. A `#` does when it is one to be skipped too (`$#)`), not before a name.
 */
const DOLLAR_ENDS = /[ \t\r\n'"#),:+*/%<>=&|\]0-9-]|\.(?![A-Za-z])/y;
const OPERATOR = /^[+*/%<>=&|]$/;
/** What before a `(` makes it a method call's: the method's name after a `.`. */
const METHOD_NAME_BEFORE = /\.[A-Za-z_][\w-]*$/;
/** What before a `[` makes it an index: a reference's name, or the end of a call or index. */
const INDEXED_BEFORE = /(?:\$!?\{?[A-Za-z_][\w-]*|\.[A-Za-z_][\w-]*|[\])])$/;

/**
 * The `(` of a method call in text right before `$`s, `$!`s and lone `#`s that end in a `$` and a line comment
 * (`$a.b($##c`): Velocity's lexer meets no argument there, so the reference ends before the `(`, which prints as text
 * with what stands before the comment (escapeEdits in syntax.ts). None of it is skipped.
 */
export const METHOD_BEFORE_COMMENT = /\((?=(?:\$(?:\\*!)?|#(?!#))*\$(?:\\*!)?##)(?<=\$!?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\n]*\]|\([^()\n]*\))*\.[A-Za-z_][\w-]*\()/;
const METHOD_BEFORE_COMMENT_AT = new RegExp(METHOD_BEFORE_COMMENT.source, 'y');

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

/** Where the run of `$`s at `start` ends when it is one such (`$a.b($)`, `$a.b(\\$'x')`), else undefined. */
export function loneDollarsEnd(text: string, start: number): number | undefined {
  DOLLARS.lastIndex = start;
  if (!DOLLARS.test(text)) return undefined;
  const after = DOLLARS.lastIndex;
  return endsDollars(text, after, Around.Reference) ? after : undefined;
}

export function dropArgumentHashes(text: string): ArgumentHashes | undefined {
  if (!HINT.test(text)) return undefined;
  let out: string | undefined;
  let copied = 0;
  let between: number | undefined;
  /** Replaces the text from `start` to `after` with blanks; in `[` and `]` the `]` moves onto the first of them. */
  const drop = (start: number, after: number): boolean => {
    const before = text[start - 1];
    if (between === undefined && BLANK.test(before) && BLANK.test(text[after])) between = start;
    const fillsBrackets = before === '[' && text[after] === ']';
    out = (out ?? '') + text.slice(copied, start) + (fillsBrackets ? ']' + ' '.repeat(after - start) : ' '.repeat(after - start));
    copied = fillsBrackets ? after + 1 : after;
    return fillsBrackets;
  };
  const lists = argumentLists(text);
  const indexes = text.includes('[') ? textIndexes(text, lists) : [];
  const ranges: Array<[number, number, Around | undefined]> = lists.map(([open, close]) => [open, close, undefined]);
  if (indexes.length > 0) {
    ranges.push(...indexes.map(([open, close]): [number, number, Around] => [open, close, Around.Reference]));
    ranges.sort((a, b) => a[0] - b[0]);
  }
  for (const [open, close, around] of ranges) {
    METHOD_BEFORE_COMMENT_AT.lastIndex = open;
    if (METHOD_BEFORE_COMMENT_AT.test(text)) continue;
    const states: Around[] = [around ?? (METHOD_NAME_BEFORE.test(text.slice(Math.max(0, open - 200), open)) ? Around.Reference : Around.Directive)];
    /** Where the last run of `$`s dropped ends: a `#` right after it is read as after no `$`. */
    let droppedDollars = -1;
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
      if (c === DOLLAR || c === BACKSLASH) {
        const start = k;
        DOLLARS.lastIndex = start;
        if (!DOLLARS.test(text)) continue;
        const after = DOLLARS.lastIndex;
        k = after - 1;
        if (!endsDollars(text, after, state)) continue;
        droppedDollars = after;
        if (drop(start, after)) {
          k = after;
          if (states.length > 1) states.pop();
        }
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
      const after = hashRunEnd(text, start);
      k = after - 1;
      if (!hashSkipped(text, start, after, state, droppedDollars)) continue;
      if (drop(start, after)) {
        k = after;
        if (states.length > 1) states.pop();
      }
    }
  }
  return out === undefined ? undefined : { text: out + text.slice(copied), between };
}

/** Where the run of `#`s at `start` ends. */
function hashRunEnd(text: string, start: number): number {
  RUN.lastIndex = start;
  RUN.test(text);
  return RUN.lastIndex;
}

/**
 * Whether the run of `#`s from `start` to `after` is skipped in `state`. After a backslash the `#` is no token of its
 * own, and after a `$` it joins the reference's token, but for a `$` dropped before it (ending at `droppedDollars`).
 * Two `#`s start a comment among a directive's own arguments; elsewhere a third one does, after the one that is skipped.
 */
function hashSkipped(text: string, start: number, after: number, state: Around, droppedDollars = -1): boolean {
  if (text[start - 1] === '\\' || (start !== droppedDollars && afterDollar(text, start)) || after - start > (state === Around.Directive ? 1 : 2)) return false;
  ENDS_RUN.lastIndex = after;
  return ENDS_RUN.test(text);
}

/**
 * Whether what stands at `after` ends the run of `$`s before it as a special token, to be read as without it. Among a
 * method call's arguments and in an index no operator is read at all, and the lexical error stays.
 */
function endsDollars(text: string, after: number, state: Around): boolean {
  DOLLAR_ENDS.lastIndex = after;
  if (!DOLLAR_ENDS.test(text) || (state === Around.Reference && OPERATOR.test(text[after]))) return false;
  if (text[after] !== '#') return true;
  // After it a second `#` starts a comment (`$##`), which the `$` is not read before here.
  const hashes = hashRunEnd(text, after);
  return hashes === after + 1 && hashSkipped(text, after, hashes, state, after);
}

/** A reference in text, with comments and unparsed text matched only to be skipped. */
const TEXT_REFERENCE = /##[^\r\n]*|#\*[\s\S]*?(?:\*#|$)|#\[\[[\s\S]*?(?:\]\]#|$)|\$!?\{?[A-Za-z_][\w-]*/g;
const PROPERTY = /\.[A-Za-z_][\w-]*/y;

/**
 * The indexes of references in text, outside `lists` (from `argumentLists`), each from its `[` to its `]`, in text
 * order: `$m[0]`, `$m.a[0][1]`, `$m.get('a')[0]`, `${m[0]}`. One never closed is none.
 */
function textIndexes(text: string, lists: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let calls: Map<number, number> | undefined;
  const pattern = new RegExp(TEXT_REFERENCE);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0][0] !== '$' || insideLists(lists, match.index)) continue;
    let k = match.index + match[0].length;
    for (;;) {
      if (text[k] === '[') {
        const close = closingBracket(text, k);
        if (close === undefined) break;
        found.push([k, close]);
        k = close + 1;
        continue;
      }
      PROPERTY.lastIndex = k;
      if (!PROPERTY.test(text)) break;
      k = PROPERTY.lastIndex;
      if (text[k] !== '(') continue;
      const close = (calls ??= new Map(lists)).get(k);
      if (close === undefined || close >= text.length) break;
      k = close + 1;
    }
    pattern.lastIndex = Math.max(pattern.lastIndex, k);
  }
  return found;
}

/** The `]` that closes the `[` at `open`, over nested brackets and string literals; undefined when none does. */
function closingBracket(text: string, open: number): number | undefined {
  let depth = 0;
  for (let k = open + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === QUOTE || c === APOSTROPHE) {
      const end = text.indexOf(text[k], k + 1);
      if (end < 0) return undefined;
      k = end;
    } else if (c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACKET) {
      if (depth === 0) return k;
      depth--;
    } else if (c === LINE_FEED || c === CARRIAGE_RETURN) {
      return undefined;
    }
  }
  return undefined;
}

const BLANK = /^[ \t\r\n]$/;
const DOLLAR = 36;
const BACKSLASH = 92;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const HASH = 35;
const QUOTE = 34;
const APOSTROPHE = 39;
const OPEN_PARENTHESIS = 40;
const CLOSE_PARENTHESIS = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
