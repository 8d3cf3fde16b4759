/**
 * Macro calls whose name starts with `_` (`#_m()`): Velocity 1.7's lexer reads `#` before a letter or `_` as the
 * start of a directive, velocityjs's before a letter only (in text; right after a reference it takes `_` too). For
 * velocityjs the `_` becomes a letter, as long, and the call's name is read back from the source (syntax.ts).
 */
import { lexTemplate, Rule } from './velocityLexer';

/** What velocityjs reads in place of the `_`. */
const LETTER = 'X';
const CALL = /_[A-Za-z0-9_-]*[ ]*\(/y;
const HASH = 35;
const UNDERSCORE = 95;

/**
 * The text with the `_` of each such call a letter, or undefined when it has none. A call velocityjs would read as
 * text, not to its `)`, keeps its `_`, so that it prints as written.
 */
export function readUnderscoreCalls(text: string): string | undefined {
  if (!text.includes('#_')) return undefined;
  const names: number[] = [];
  lexTemplate(text, (rule, start, _end, state) => {
    if (rule !== Rule.Character || state !== 'h' || text.charCodeAt(start) !== HASH) return;
    CALL.lastIndex = start + 1;
    if (CALL.test(text)) names.push(start + 1);
  });
  if (names.length === 0) return undefined;
  const lettered = withLetters(text, names);
  const starts = new Set(names);
  const closed = new Set<number>();
  let open: number | undefined;
  let depth = 0;
  const stop = lexTemplate(lettered, (rule, start, _end, state) => {
    if (rule === Rule.MacroName && state === 'h') {
      open = starts.has(start) ? start : undefined;
      depth = 0;
    } else if (open !== undefined && rule === Rule.Paren) {
      depth++;
    } else if (open !== undefined && rule === Rule.CloseParen && --depth === 0) {
      closed.add(open);
      open = undefined;
    }
  });
  // Where the lexer fails inside the call, so does the parse, which is to report the call's arguments.
  if (open !== undefined && stop < lettered.length) closed.add(open);
  return closed.size === 0 ? undefined : withLetters(text, names.filter((at) => closed.has(at)));
}

function withLetters(text: string, at: readonly number[]): string {
  let out = '';
  let copied = 0;
  for (const offset of at) {
    out += text.slice(copied, offset) + LETTER;
    copied = offset + 1;
  }
  return out + text.slice(copied);
}

/** The name velocityjs read for a call whose `#` is at `hash` of `source`, with its leading `_` back (`#{_m}(` too). */
export function calledName(source: string, hash: number, read: string): string {
  const start = source[hash + 1] === '{' ? hash + 2 : hash + 1;
  return source.charCodeAt(start) === UNDERSCORE && read.startsWith(LETTER) ? `_${read.slice(1)}` : read;
}
