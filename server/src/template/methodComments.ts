/**
 * What Velocity 1.7 reads after a line comment right inside a method call's `(` (`$a.b($##c` then a line end): its
 * lexer stays in the state of the call's arguments to the end of the template. Comments, string literals, directives,
 * references, names and numbers read there as elsewhere; a blank, a line end, `)` or `,` standing alone is a parse
 * error. A `##` starts a comment there only before a third `#`, after a `##name` or after another such comment:
 * elsewhere it prints as written and takes a name, a literal or a reference after it; anything else after it is an
 * error, the end of the template too.
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
  const result = (stop: number): AfterMethodComment => ({ stop, printed, dropped });
  let masked = '';
  /** Whether a `##` here starts a comment. */
  let commentNext = false;
  let at = 0;
  const take = (length: number, commentAfter: boolean) => {
    masked += '_'.repeat(length);
    at += length;
    commentNext = commentAfter;
  };
  while (at < rest.length) {
    if (rest.startsWith('##', at)) {
      if (commentNext || rest[at + 2] === '#') {
        LINE_COMMENT.lastIndex = at;
        LINE_COMMENT.test(rest);
        take(LINE_COMMENT.lastIndex - at, true);
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
      if (!READ_AFTER_HASHES.test(rest[at + 2] ?? '')) return result(firstUnread(masked, at + 2));
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
    at++;
    commentNext = false;
  }
  return result(firstUnread(masked, -1));
}

/** The first unreadable offset of the text read so far, else `otherwise`. */
function firstUnread(masked: string, otherwise: number): number {
  const stop = masked.search(UNREAD);
  return stop >= 0 ? stop : otherwise;
}
