import { BACKSLASH, DQUOTE, LBRACE, LBRACKET, RBRACE, RBRACKET, STAR } from './charCodes';

const SLASH = 47;

/**
 * The most lists and objects inside one another that the command line reads from a settings file or a sample request.
 * Those nest a few levels; the mapping template evaluator writes out no value deeper than this either.
 */
export const MAX_JSON_NESTING = 1000;

/** Why such text is refused, after the file's name. */
export const NESTED_TOO_DEEP = `nested too deep to read (lists and objects more than ${MAX_JSON_NESTING} levels inside one another)`;

/**
 * Whether JSON text (comments allowed, as in VS Code's settings) nests lists and objects more than `limit` levels deep.
 * Counted on the text, before it is parsed: the parsers, and the code that reads their values, recurse once per level,
 * and some thousands of levels run out of call stack with an error that names no file.
 */
export function nestsDeeperThan(text: string, limit = MAX_JSON_NESTING): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DQUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== DQUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === LBRACKET || c === LBRACE) {
      if (++depth > limit) return true;
    } else if ((c === RBRACKET || c === RBRACE) && depth > 0) {
      depth--;
    }
  }
  return false;
}
