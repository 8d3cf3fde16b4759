/**
 * Character classes and runs of ordinary characters for the direct YAML parser. A run is found by one sticky regular
 * expression, native from its first use, where a loop over characters would run interpreted until the parser has been
 * optimised; a class is one load from a table instead of a chain of comparisons.
 *
 * No run takes in a character outside the parser's subset (`OUTSIDE_SUBSET`), and every other character the parser
 * passes over is one it compares with a character of the subset: a text holding such a character always makes it
 * give up, without a scan of the whole text for them first.
 */
import { COMMA, LBRACKET, RBRACKET, LBRACE, RBRACE, HASH, AMP, STAR, BANG, PIPE, GT, SQUOTE, DQUOTE, DASH, QUESTION, COLON, SPACE, NL, CR } from './charCodes';

/** Characters that js-yaml rejects, and tabs and surrogates, whose corner cases the direct parser leaves to it. */
export const OUTSIDE_SUBSET = '\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uD800-\\uDFFF\\uFEFF\\uFFFE\\uFFFF';

/** A sticky pattern for a run of characters of the subset other than `excluded` (a character class body). */
function runOf(excluded: string): RegExp {
  return new RegExp(`[^${excluded}${OUTSIDE_SUBSET}]*`, 'y');
}

const NOT_PLAIN_START = 1;
const NEEDS_NON_SPACE = 2;
const FLOW_INDICATOR = 4;

/** Flags by character code below 128; past the text's end (`charCodeAt` gives NaN) there are none. */
const CLASSES = new Uint8Array(128);
for (const c of [COMMA, LBRACKET, RBRACKET, LBRACE, RBRACE]) CLASSES[c] |= NOT_PLAIN_START | FLOW_INDICATOR;
for (const c of [HASH, AMP, STAR, BANG, PIPE, GT, SQUOTE, DQUOTE, 37 /* % */, 64 /* @ */, 96 /* ` */]) CLASSES[c] |= NOT_PLAIN_START;
for (const c of [DASH, QUESTION, COLON]) CLASSES[c] |= NOT_PLAIN_START | NEEDS_NON_SPACE;

/**
 * Whether a plain scalar in block context may start at `p`: `-`, `?` and `:` start one only when a non-space follows
 * (`-x`, `:x`), the other indicators never.
 */
export function isPlainStart(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c >= 128) return true;
  const flags = CLASSES[c];
  if ((flags & NOT_PLAIN_START) === 0) return true;
  if ((flags & NEEDS_NON_SPACE) === 0) return false;
  const next = text.charCodeAt(p + 1);
  return !(p + 1 >= text.length || next === SPACE || next === NL || next === CR);
}

/** `isPlainStart` in a flow collection, where a flow indicator after `-`, `?` or `:` does not let it start either. */
export function isFlowPlainStart(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  return isPlainStart(text, p) && !(c < 128 && (CLASSES[c] & NEEDS_NON_SPACE) !== 0 && isFlowIndicator(text.charCodeAt(p + 1)));
}

export function isFlowIndicator(c: number): boolean {
  return c < 128 && (CLASSES[c] & FLOW_INDICATOR) !== 0;
}

const SPACES = / */y;
/** What a plain scalar in block context holds up to a character that may end it (`: `, ` #`, the line's end). */
const PLAIN = runOf('\\n\\r:#');
/** The same in a flow collection, where the flow indicators end it too. */
const FLOW_PLAIN = runOf('\\n\\r:#,[\\]{}');
const SINGLE_QUOTED = runOf("'\\n\\r");
const DOUBLE_QUOTED = runOf('"\\\\\\n\\r');
const COMMENT = runOf('\\n');
const ANCHOR_NAME = runOf(' \\n\\r,[\\]{}');

// Each run below is written out rather than shared through a helper: a call costs as much as the scan it wraps
// until the parser is optimised.

/** The offset after the spaces at `p` (at most the text's length). */
export function skipSpaces(text: string, p: number): number {
  SPACES.lastIndex = p;
  SPACES.test(text);
  return SPACES.lastIndex;
}

/** The first colon, `#`, line break or character outside the subset at or after `p`, or the text's end. */
export function skipPlain(text: string, p: number): number {
  PLAIN.lastIndex = p;
  PLAIN.test(text);
  return PLAIN.lastIndex;
}

/** `skipPlain` in a flow collection, where a flow indicator also stops it. */
export function skipFlowPlain(text: string, p: number): number {
  FLOW_PLAIN.lastIndex = p;
  FLOW_PLAIN.test(text);
  return FLOW_PLAIN.lastIndex;
}

/** The first closing `quote`, backslash (in a double-quoted scalar), line break or character outside the subset at or after `p`. */
export function skipQuoted(text: string, p: number, quote: number): number {
  const pattern = quote === SQUOTE ? SINGLE_QUOTED : DOUBLE_QUOTED;
  pattern.lastIndex = p;
  pattern.test(text);
  return pattern.lastIndex;
}

/** The end of an anchor's or alias's name at `p`: a space, line break, flow indicator or character outside the subset. */
export function skipAnchorName(text: string, p: number): number {
  ANCHOR_NAME.lastIndex = p;
  ANCHOR_NAME.test(text);
  return ANCHOR_NAME.lastIndex;
}

/** The line feed that ends the comment at `p`, or the text's length; -1 when a character outside the subset comes first. */
export function commentEnd(text: string, p: number): number {
  COMMENT.lastIndex = p;
  COMMENT.test(text);
  const end = COMMENT.lastIndex;
  return end === text.length || text.charCodeAt(end) === NL ? end : -1;
}
