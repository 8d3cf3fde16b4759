/**
 * Calls of a macro without parentheses (`#m`, `#{m}`, `#_m`): Velocity 1.7 reads `#name` as a call of the macro of
 * that name, with no arguments, wherever the template defines it (RuntimeMacro looks it up as the template runs), and
 * prints the text as written when there is none. velocityjs reads a macro call only with its `(`, and text otherwise.
 */
import { VELOCITY_DIRECTIVE_NAMES } from '../facts/velocityDirectives';
import { lexTemplate, Rule } from './velocityLexer';

export interface BareMacroCall {
  /** Where its `#` is. */
  offset: number;
  name: string;
  /** As written: `#m` or `#{m}`. */
  written: string;
}

/** A directive's name in Velocity: `#m-x` calls `m`, and `#m_x` and `#m@x` are other names. */
const CALL = /#(?:\{([A-Za-z_][A-Za-z0-9_@]*)\}|([A-Za-z_][A-Za-z0-9_@]*)(?![A-Za-z0-9_@]))(?![ \t\r\n]*\()/y;
const HASH = 35;
/** A macro's name in its header, with the characters CALL reads in a call's; and a `-`, refused there. */
const DEFINITION = /#macro[ \t]*\([ \t\r\n]*([A-Za-z_][\w@-]*)/g;

/**
 * The calls without parentheses of macros the template defines, in text order; `text` is what velocityjs reads.
 * `anyName` is for text parsed as the template runs (a double-quoted string, `#evaluate`), whose macros are the
 * template's: a call of any name that is no directive, which prints as written when no macro has it.
 */
export function findBareMacroCalls(text: string, anyName = false): BareMacroCall[] {
  if (!text.includes(anyName ? '#' : '#macro')) return [];
  const defined = new Set<string>();
  if (!anyName) {
    for (const match of text.matchAll(DEFINITION)) if (!VELOCITY_DIRECTIVE_NAMES.has(match[1])) defined.add(match[1]);
    if (defined.size === 0) return [];
  }
  const calls: BareMacroCall[] = [];
  lexTemplate(text, (rule, start, _end, state) => {
    // A `#` in text, or right after a reference, where velocityjs then reads text unless a directive or `(` follows;
    // before `_` it reads the `#` alone as text.
    if (rule !== Rule.DirectiveHash && rule !== Rule.Hash && !(rule === Rule.Character && state === 'h' && text.charCodeAt(start) === HASH)) return;
    CALL.lastIndex = start;
    const match = CALL.exec(text);
    const name = match?.[1] ?? match?.[2];
    if (match && name !== undefined && (anyName ? !VELOCITY_DIRECTIVE_NAMES.has(name) : defined.has(name))) calls.push({ offset: start, name, written: match[0] });
  });
  return calls;
}
