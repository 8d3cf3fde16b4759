/**
 * What Velocity 1.7 reads after a line comment right inside a method call's `(` (`$a.b($##c` then a line end): its
 * lexer stays in the state of the call's arguments to the end of the template. Comments, string literals, directives,
 * references, names and numbers read there as elsewhere; a blank, a line end, `)` or `,` standing alone is a parse
 * error. A `##` starts a comment there only before a third `#`, after a `##name` or after another such comment:
 * elsewhere it prints as written and takes a name, a literal or a reference after it; anything else after it is an
 * error, the end of the template too. A `-` reads only in a name (`x-y`) or before a number's digits (`-1`, `-.5`), and
 * a line comment that the template ends in fails when it ends in the start of a token (a `$` or `#`).
 */

/** A comment right after a reference (`$b##x`) or inside another method's `(` (`$c.d($##x`): one wherever it stands. */
const REFERENCE_COMMENT =
  /\$!?[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*\((?:\$(?:\\*!)?|#(?!#))*\$(?:\\*!)?##[^\r\n]*(?:\r\n?|\n)?|\$!?\{?[A-Za-z_][\w-]*\}?(?:\.[A-Za-z_][\w-]*(?:\((?:[^()]|\([^()]*\))*\))?|\[[^\]]*\])*##[^\r\n]*(?:\r\n?|\n)?/y;
/** What reads as it reads elsewhere: unparsed text, a string literal, a directive or macro call, a reference. */
const READ_AS_ELSEWHERE =
  /#\[\[[\s\S]*?\]\]#|'[^']*'|"[^"]*"|#\{?[A-Za-z_][\w@]*\}?(?:[ \t]*\((?:[^()]|\([^()]*\))*\))?|\$!?\{?[A-Za-z_][\w-]*\}?(?:\.[A-Za-z_][\w-]*(?:\((?:[^()]|\([^()]*\))*\))?|\[[^\]]*\])*/y;
/** A line comment to its line end. */
const LINE_COMMENT = /##[^\r\n]*(?:\r\n?|\n)?/y;
/** A name or number after a `##` that is no comment: after it, the next `##` is one. */
const NAME_AFTER_HASHES = /##\w+/y;
/** A block comment, after which a `##` reads as it would before it. */
const BLOCK_COMMENT = /#\*[\s\S]*?\*#/y;
/** What a `##` that is no comment may stand before otherwise: a literal or a reference, read on their own. */
const READ_AFTER_HASHES = /['"$0-9]/;
/** What cannot stand there: anything but a name, a number, a `.` or `-`; a range's `..`, `true` or `false` alone. */
const UNREAD = /[^\w.-]|\.\.|(?<![\w.])(?:true|false)(?!\w)/;
/**
 * A `-` that neither continues a name (IDENTIFIER takes `-` after a letter or `_`) nor starts a number: Velocity's
 * lexer fails on the character after it. Read in the text with what was taken blanked out, which ends any name.
 */
const LONE_MINUS = /(?<![A-Za-z_][\w-]*)-(?!\.?\d)/;
/** A comment's text that ends in the start of a token (a `$`, `$!`, `#` or `#*`), which the template's end leaves unfinished. */
const UNFINISHED_TOKEN = /(?:\$(?:\\*!)?|#\*?)$/;
/** What stands for text taken whole, in the copy where it must end a name. */
const TAKEN = '\u0001';

/** How Velocity reads the template after such a comment. */
export interface AfterMethodComment {
  /** The offset of the first thing it cannot parse, or -1. */
  stop: number;
  /** The offsets of the `##`s that print as written. */
  printed: number[];
  /** The offsets of the `#`s before a `#directive` that print nothing. */
  dropped: number[];
}

/**
 * How Velocity reads `rest`, the template after the comment and its line end, offsets in `rest`. `directives` are the
 * names a `#` before them makes a directive of.
 */
export function readAfterMethodComment(rest: string, directives: ReadonlySet<string>): AfterMethodComment {
  const printed: number[] = [];
  const dropped: number[] = [];
  let masked = '';
  /** `masked` with what was taken as TAKEN, for LONE_MINUS. */
  let shadow = '';
  /** Whether a `##` here starts a comment. */
  let commentNext = false;
  let at = 0;
  const take = (length: number, commentAfter: boolean) => {
    masked += '_'.repeat(length);
    shadow += TAKEN.repeat(length);
    at += length;
    commentNext = commentAfter;
  };
  const result = (stop: number): AfterMethodComment => ({ stop: firstUnread(masked, shadow, stop), printed, dropped });
  while (at < rest.length) {
    if (rest.startsWith('##', at)) {
      if (commentNext || rest[at + 2] === '#') {
        // Without a comment before, the first `#` of `###` is one token and the comment starts at the second.
        const opener = commentNext ? at : at + 1;
        LINE_COMMENT.lastIndex = at;
        LINE_COMMENT.test(rest);
        const end = LINE_COMMENT.lastIndex;
        if (end === rest.length && !/[\r\n]$/.test(rest) && UNFINISHED_TOKEN.test(rest.slice(opener + 2))) return result(rest.length);
        take(end - at, true);
        continue;
      }
      NAME_AFTER_HASHES.lastIndex = at;
      if (NAME_AFTER_HASHES.test(rest)) {
        const name = rest.slice(at + 2, NAME_AFTER_HASHES.lastIndex);
        // The second `#` and a directive's name read as that directive; `##set` is refused as a name is.
        if (directives.has(name) && name !== 'set') {
          dropped.push(at);
          take(1, false);
        } else {
          printed.push(at);
          take(NAME_AFTER_HASHES.lastIndex - at, true);
        }
        continue;
      }
      if (!READ_AFTER_HASHES.test(rest[at + 2] ?? '')) return result(at + 2);
      printed.push(at);
      take(2, false);
      continue;
    }
    BLOCK_COMMENT.lastIndex = at;
    if (BLOCK_COMMENT.test(rest)) {
      take(BLOCK_COMMENT.lastIndex - at, commentNext);
      continue;
    }
    let matched = false;
    for (const pattern of [REFERENCE_COMMENT, READ_AS_ELSEWHERE]) {
      pattern.lastIndex = at;
      if (pattern.test(rest)) {
        take(pattern.lastIndex - at, false);
        matched = true;
        break;
      }
    }
    if (matched) continue;
    masked += rest[at];
    shadow += rest[at];
    at++;
    commentNext = false;
  }
  return result(-1);
}

/** The first unreadable offset of the text read so far, else `otherwise`. */
function firstUnread(masked: string, shadow: string, otherwise: number): number {
  const unread = masked.search(UNREAD);
  const minus = shadow.search(LONE_MINUS);
  const stops = [unread, minus < 0 ? -1 : minus + 1].filter((stop) => stop >= 0);
  return stops.length > 0 ? Math.min(...stops) : otherwise;
}
