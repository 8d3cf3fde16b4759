/**
 * A `#macro` header whose name goes on with a `-` (`#macro(m-x)`): Velocity 1.7 reads the name as a directive's word,
 * of letters, digits, `_` and `@` only, so the `-` starts a token no macro header takes and the template fails there.
 * Only a `-` before a number's digits reads (`#macro(m-1)`, a name and a number). velocityjs takes `m-x` as the name.
 */
import { findStringLiterals } from './stringLiterals';

const HINT = /#\{?macro\}?[ \t\r\n]*\([ \t\r\n]*[A-Za-z_@][A-Za-z0-9_@]*-/;

/** Comments and unparsed text, skipped whole, or a header with such a name, with the backslashes before it. */
const TOKENS = /##[^\r\n]*|#\*[\s\S]*?(?:\*#|$)|#\[\[[\s\S]*?(?:\]\]#|$)|(\\*)#(?:macro|\{macro\})[ \t\r\n]*\([ \t\r\n]*[A-Za-z_@][A-Za-z0-9_@]*(?=-(?!\.?[0-9]))/g;

/** The first such `-` Velocity meets, and where the name before it starts; or undefined. */
export function dashedMacroNameAt(template: string): { name: number; dash: number } | undefined {
  if (!HINT.test(template)) return undefined;
  const literals = findStringLiterals(template);
  const pattern = new RegExp(TOKENS);
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    const backslashes = match[1];
    if (backslashes === undefined) {
      // `##` or `#*` inside a string literal starts no comment: the scan goes on after the literal instead.
      const inside = literals.find((literal) => literal.start < match!.index && match!.index < literal.end);
      if (inside) pattern.lastIndex = inside.end;
      continue;
    }
    const hash = match.index + backslashes.length;
    // An escaped header is text; one inside a string literal is read, if ever, when the string is.
    if (backslashes.length % 2 === 1 || literals.some((literal) => literal.start < hash && hash < literal.end)) continue;
    const dash = match.index + match[0].length;
    return { name: dash - /[A-Za-z0-9_@]*$/.exec(match[0])![0].length, dash };
  }
  return undefined;
}

export const DASHED_MACRO_NAME_MESSAGE =
  'Velocity reads a macro\'s name as letters, digits, `_` and `@` only, and cannot read the `-` after it here: name the macro without `-` (e.g. `m_x`)';
