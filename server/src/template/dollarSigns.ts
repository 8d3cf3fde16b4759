/**
 * `$` signs that start no reference, as Velocity 1.7's lexer reads them: every `$` (DOLLAR, with any backslashes before
 * it; DOLLARBANG with a `!` after it) only starts a token, which takes in whatever token follows. Before a directive
 * the `$` becomes part of the directive's token; before a reference, part of the reference's. velocityjs prints such a
 * `$` as text and reads the directive or reference after it alone.
 */
import type { StringLiteral } from './stringLiterals';
import { lexTemplate, Rule } from './velocityLexer';

/**
 * `$`s right before a `#set(`, `#if(`, `#elseif(`, `#else` or `#end`, each with any backslashes before it and a `!`
 * after it: the directive's token takes them in, blanks before `#set` too (SET_DIRECTIVE), so they print nothing. The
 * look-behinds start a match only at the first of them, so that a long run of `$` is read once.
 */
export const DOLLARS_BEFORE_DIRECTIVE = /(?<![\\$])(?<!\$\\*!)(?:\\*\$(?:\\*!)?)+(?:[ \t]*(?=#set[ \t]*\()|(?=#(?:if|elseif)[ \t]*\(|#(?:\{(?:else|end)\}|(?:else|end)(?![A-Za-z0-9_]))))/;

/**
 * `$`s and backslashes right before a reference (`$\$x`, `$!\\$x`, `\$\$x`): one token with the reference, which
 * ASTReference reads as escaped only when the token starts with an odd number of backslashes.
 */
export const DOLLARS_BEFORE_REFERENCE = /(?<![\\$])(?<!\$\\*!)\\*\$!?(?:\\*\$!?)*\\+(?=\$!?(?:\{[A-Za-z_]|[A-Za-z_]))/;

/**
 * `$`s, `$!`s and backslashes right before a reference: one token with it. Inside a directive's or call's parentheses
 * or brackets the token is a value like any reference, whatever came before its last `$` (ASTReference keeps that
 * part only to print it, which a value never is): `#set($a = $\$x)` and `#if(\$x)` read `$x`. A `\!` among them
 * (`$\!$x`) is another case, left alone.
 */
export const PREFIXED_REFERENCE = /(?<![\\$])(?<!\$!)(?:\\|\$!?)+(?=\$!?\{?[A-Za-z_])/;

/**
 * The `PREFIXED_REFERENCE` prefixes read inside parentheses or brackets, as `[start, end]` pairs in text order: the
 * lexer reads the text with every prefix blanked, as velocityjs is to read those it keeps.
 */
export function argumentPrefixes(source: string): Array<[number, number]> {
  const found = [...source.matchAll(new RegExp(PREFIXED_REFERENCE, 'g'))].map((m): [number, number] => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
  if (found.length === 0) return [];
  let blanked = '';
  let copied = 0;
  for (const [start, end] of found) {
    blanked += source.slice(copied, start) + ' '.repeat(end - start);
    copied = end;
  }
  blanked += source.slice(copied);
  const ends = new Map(found.map(([start, end]) => [end, start]));
  const inside: Array<[number, number]> = [];
  lexTemplate(blanked, (rule, start, _end, state) => {
    if ((rule === Rule.Dollar || rule === Rule.DollarQuiet) && (state === 'c' || state === 'i') && ends.has(start)) inside.push([ends.get(start)!, start]);
  });
  return inside;
}

/** `#break` and `#stop` right after a `$` or `$!`: named `#break` and `#stop` then, they print as written. */
export const HASH_AFTER_DOLLAR = /(?<=\$!?)#(?=(?:break|stop)(?![A-Za-z0-9_])|\{(?:break|stop)\})/;

/** What becomes of each character of a DOLLARS_BEFORE_REFERENCE match. */
export type ReferencePrefixChar = 'kept' | 'dropped' | 'escaping';

/**
 * How Velocity prints the `$`s and backslashes before a reference (a DOLLARS_BEFORE_REFERENCE match), character by
 * character: every two leading backslashes print one (ASTReference's escPrefix); then, unescaped, the rest prints as
 * written before the reference's value; escaped, the rest prints nothing and its last backslash escapes the reference.
 */
export function referencePrefix(token: string): ReferencePrefixChar[] {
  let leading = 0;
  while (token.charCodeAt(leading) === 92) leading++;
  const escaped = leading % 2 === 1;
  const out: ReferencePrefixChar[] = [];
  for (let k = 0; k < leading; k++) out.push(k % 2 === 0 && !(escaped && k === leading - 1) ? 'kept' : 'dropped');
  for (let k = leading; k < token.length; k++) out.push(!escaped ? 'kept' : k === token.length - 1 ? 'escaping' : 'dropped');
  return out;
}

/** Whether a `$` or `$!` stands right before `offset`, where Velocity's lexer joins it to the token there. */
export function afterDollar(text: string, offset: number): boolean {
  return text[offset - 1] === '$' || (text[offset - 1] === '!' && text[offset - 2] === '$');
}

/** Text that may hold a `BLOCK_AFTER_DOLLAR`, braced directives included. */
export const DOLLAR_BLOCK_HINT = /\$!?#\{?(?:foreach|macro|define|@)/;

/**
 * `#foreach`, `#macro`, `#define` or a block macro call right after a `$` or `$!`: the `$` starts the directive's
 * token, whose name is then `#foreach`, a macro call that prints as written (its arguments and the `$` included) and
 * opens no block, so that the `#end` after it closes the block around it. The match is the `#` and the name (`#@` for a
 * block macro call).
 */
export const BLOCK_AFTER_DOLLAR = /(?<=\$!?)#(?:\{(?:foreach|macro|define)\}|(?:foreach|macro|define)(?![A-Za-z0-9_])|@(?=[A-Za-z_]))/;

/**
 * Where a `BLOCK_AFTER_DOLLAR` stands outside the string literals given, with what to say when the blocks then do not
 * balance: the `#end` meant for it closes another block, or none.
 */
export function dollarBeforeBlockAt(source: string, literals: readonly StringLiteral[]): { offset: number; message: string } | undefined {
  for (const match of source.matchAll(new RegExp(BLOCK_AFTER_DOLLAR, 'g'))) {
    const at = match.index ?? 0;
    if (literals.some((literal) => literal.start < at && at < literal.end)) continue;
    const dollar = source[at - 1] === '$' ? at - 1 : at - 2;
    const written = `#${/^@?\{?([A-Za-z_][\w-]*)/.exec(source.slice(at + 1, at + 65))?.[0].replace('{', '') ?? ''}`;
    return {
      offset: dollar,
      message: `Velocity reads \`${source.slice(dollar, at)}${written}\` as the call of a macro named \`${written}\`, which prints as text and opens no block, so the \`#end\` of this block closes another one or none: put a blank after the \`$\`, or remove it`,
    };
  }
  return undefined;
}
