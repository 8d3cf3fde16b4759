/**
 * Calls of a macro without parentheses (`#m`, `#{m}`): Velocity 1.7 reads `#name` as a call of the macro of that name,
 * with no arguments, wherever the template defines it (RuntimeMacro looks it up as the template runs), and prints the
 * text as written when there is none. velocityjs reads a macro call only with its `(`, and text otherwise.
 */
import { lexTemplate, Rule } from './velocityLexer';

export interface BareMacroCall {
  /** Where its `#` is. */
  offset: number;
  name: string;
  /** As written: `#m` or `#{m}`. */
  written: string;
}

/** A directive's name in Velocity: `#m-x` calls `m`, and `#m_x` is another name. */
const CALL = /#(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))(?![ \t\r\n]*\()/y;
const DEFINITION = /#macro[ \t]*\([ \t\r\n]*([A-Za-z_][\w-]*)/g;
const DIRECTIVES = new Set(['set', 'if', 'elseif', 'else', 'end', 'foreach', 'include', 'parse', 'macro', 'define', 'evaluate', 'break', 'stop', 'literal']);

/** The calls without parentheses of macros the template defines, in text order; `text` is what velocityjs reads. */
export function findBareMacroCalls(text: string): BareMacroCall[] {
  if (!text.includes('#macro')) return [];
  const defined = new Set<string>();
  for (const match of text.matchAll(DEFINITION)) if (!DIRECTIVES.has(match[1])) defined.add(match[1]);
  if (defined.size === 0) return [];
  const calls: BareMacroCall[] = [];
  lexTemplate(text, (rule, start) => {
    // A `#` in text, or right after a reference, where velocityjs then reads text unless a directive or `(` follows.
    if (rule !== Rule.DirectiveHash && rule !== Rule.Hash) return;
    CALL.lastIndex = start;
    const match = CALL.exec(text);
    const name = match?.[1] ?? match?.[2];
    if (match && name !== undefined && defined.has(name)) calls.push({ offset: start, name, written: match[0] });
  });
  return calls;
}
