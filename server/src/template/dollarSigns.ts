/**
 * `$` signs that start no reference, as Velocity 1.7's lexer reads them: every `$` (DOLLAR, with any backslashes before
 * it; DOLLARBANG with a `!` after it) only starts a token, which takes in whatever token follows. Before a directive
 * the `$` becomes part of the directive's token; before a reference, part of the reference's. velocityjs prints such a
 * `$` as text and reads the directive or reference after it alone.
 */
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

/** Text that may hold what `dollarBeforeBlockAt` looks for, braced directives included. */
export const DOLLAR_BLOCK_HINT = /\$!?#\{?(?:foreach|macro|define|@)/;

/**
 * A `$` or `$!` right before `#foreach`, `#macro`, `#define` or a block macro call: its token's name is then
 * `#foreach`, a macro call that prints as written and opens no block, so that the block's `#end` closes the one
 * around it, or none and the template fails. velocityjs runs the block. `lexText` is what velocityjs reads, as long as
 * `source`.
 */
export function dollarBeforeBlockAt(source: string, lexText: string): { offset: number; message: string } | undefined {
  let hash = -1;
  let found: { offset: number; message: string } | undefined;
  lexTemplate(lexText, (rule, start, end, state) => {
    if (found || state !== 'h') return;
    if (rule === Rule.DirectiveHash) hash = start;
    const opens = rule === Rule.Foreach || rule === Rule.Macro || rule === Rule.Define || rule === Rule.BlockMacroHash;
    const at = rule === Rule.BlockMacroHash ? start : hash;
    if (!opens || at < 0 || !afterDollar(source, at)) return;
    const dollar = source[at - 1] === '$' ? at - 1 : at - 2;
    const written = rule === Rule.BlockMacroHash ? `#@${/^[A-Za-z_][\w-]*/.exec(source.slice(end, end + 64))?.[0] ?? ''}` : `#${lexText.slice(start, end).trim()}`;
    found = {
      offset: dollar,
      message: `Velocity reads \`${source.slice(dollar, at)}${written}\` as the call of a macro named \`${written}\`, which prints as text and opens no block, so the \`#end\` of this block closes another one or none: put a blank after the \`$\`, or remove it`,
    };
  });
  return found;
}
