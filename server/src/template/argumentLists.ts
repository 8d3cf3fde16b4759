/**
 * Where the argument lists of directives, macro calls and method calls lie in a template (`#m(1 #stop)`,
 * `#set($s = 'a #stop')`, `$s.concat(' #stop')`). Velocity 1.7's lexer reads a `#name` among a directive's or macro's
 * arguments as a word, `#stop` too, and a string literal as a value whose text is no directive: the passes that
 * rewrite `#stop` and `#{break}` for velocityjs leave them alone there.
 */

/**
 * What opens an argument list: `#name(`, `#{name}(` or `#@name(`, blanks allowed before the `(`, after an even number
 * of backslashes (an odd one makes it text), counted from the first of them (else a long run would be read to its end
 * from each); or a reference's method call, `$a.b(` and `${a[0].b(`. Comments and unparsed text are matched only to be
 * skipped, to the end of the text when never closed (else each `#*` would read on to the end again), and so is an
 * index with a `##` in it (`$m[##'a']`), which starts no comment there.
 */
const OPENING = /##[^\r\n]*|#\*[\s\S]*?(?:\*#|$)|#\[\[[\s\S]*?(?:\]\]#|$)|(?<!\\)(\\*)#@?(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))[ \t\r\n]*\(|\$!?\{?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\r\n]*\])*\.[A-Za-z_][\w-]*\(|\$!?\{?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]\r\n]*\])*\[[^\]\r\n#]*##[^\]\r\n]*\]/g;
/** A method called on the value of the call before (`$a.b(1).c('#stop')`), up to its `(`. */
const CHAINED_CALL = /(?:\.[A-Za-z_][\w-]*|\[[^\]\r\n]*\])*\.[A-Za-z_][\w-]*\(/y;
const QUOTE_OR_BRACKET = /['"()[\]{}]/g;

/** `#else(` and `#end(` are those directives and a parenthesis. */
const NO_ARGUMENTS = new Set(['else', 'end']);

/**
 * The argument lists of the template, each from its `(` to its `)` (or the end of the text when it never closes), in
 * text order. Only a template that holds what the caller looks for needs them: the caller asks lazily.
 */
export function argumentLists(text: string): Array<[number, number]> {
  const lists: Array<[number, number]> = [];
  const opening = new RegExp(OPENING);
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    if (match[0].endsWith(']')) continue;
    const method = match[0][0] === '$';
    const backslashes = match[1];
    if (!method && (backslashes === undefined || backslashes.length % 2 === 1 || NO_ARGUMENTS.has(match[2] ?? match[3]))) continue;
    let open = match.index + match[0].length - 1;
    for (;;) {
      const close = closingParenthesis(text, open);
      lists.push([open, close]);
      opening.lastIndex = close + 1;
      if (!method) break;
      CHAINED_CALL.lastIndex = close + 1;
      if (!CHAINED_CALL.test(text)) break;
      open = CHAINED_CALL.lastIndex - 1;
    }
  }
  return lists;
}

/** Whether `offset` lies inside one of `lists` (from `argumentLists`). */
export function insideLists(lists: ReadonlyArray<[number, number]>, offset: number): boolean {
  return listAt(lists, offset) !== undefined;
}

/** The one of `lists` (from `argumentLists`) that `offset` lies inside, if any. */
export function listAt(lists: ReadonlyArray<[number, number]>, offset: number): [number, number] | undefined {
  let low = 0;
  let high = lists.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [open, close] = lists[middle];
    if (offset <= open) high = middle - 1;
    else if (offset >= close) low = middle + 1;
    else return lists[middle];
  }
  return undefined;
}

/**
 * The `)` that closes the list opened at `open`, over nested brackets, braces and parentheses and string literals
 * (Velocity doubles a quote inside one, which reads here as two literals in a row).
 */
function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  const pattern = new RegExp(QUOTE_OR_BRACKET);
  pattern.lastIndex = open + 1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const c = match[0];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, match.index + 1);
      if (end < 0) return text.length;
      pattern.lastIndex = end + 1;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (depth > 0) {
      depth--;
    } else if (c === ')') {
      return match.index;
    }
  }
  return text.length;
}
