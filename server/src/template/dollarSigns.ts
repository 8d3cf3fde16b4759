/**
 * `$` signs that start no reference, as Velocity 1.7's lexer reads them: every `$` (DOLLAR, with any backslashes before
 * it; DOLLARBANG with a `!` after it) only starts a token, which takes in whatever token follows. Before a directive
 * the `$` becomes part of the directive's token; before a reference, part of the reference's. velocityjs prints such a
 * `$` as text and reads the directive or reference after it alone.
 */
import type { StringLiteral } from './stringLiterals';
import { lexTemplate, Rule } from './velocityLexer';
import { withPlainCallNames } from './bracedMacroCalls';
import { argumentLists, insideLists } from './argumentLists';

/**
 * `$`s right before a `#set(`, `#if(`, `#elseif(`, `#else` or `#end`, each with any backslashes before it and a `!`
 * after it: the directive's token takes them in, blanks before `#set` too (SET_DIRECTIVE), so they print nothing. The
 * look-behinds start a match only at the first of them, so that a long run of `$` is read once.
 */
export const DOLLARS_BEFORE_DIRECTIVE = /(?<![\\$])(?<!\$\\*!)(?:\\*\$(?:\\*!)?)+(?:[ \t]*(?=#set[ \t]*\()|(?=#(?:if|elseif)[ \t]*\(|#(?:\{(?:else|end)\}|(?:else|end)(?![A-Za-z0-9_@]))))/;

/**
 * `$`s and backslashes right before a reference (`$\$x`, `$!\\$x`, `\$\$x`, `\$$x`): one token with the reference,
 * which ASTReference reads as escaped only when the token starts with an odd number of backslashes.
 */
export const DOLLARS_BEFORE_REFERENCE = /(?<![\\$])(?<!\$\\*!)(?:\\*\$!?(?:\\*\$!?)*\\+|\\+\$!?(?:\\*\$!?)*)(?=\$!?(?:\{[A-Za-z_]|[A-Za-z_]))/;

/**
 * `$`s, `$!`s and backslashes right before a reference: one token with it. Inside a directive's or call's parentheses
 * or brackets the token is a value like any reference, whatever came before its last `$` (ASTReference keeps that
 * part only to print it, which a value never is): `#set($a = $\$x)` and `#if(\$x)` read `$x`. A `\!` among them
 * (`$\!$x`) is SLASHBANG_REFERENCE.
 */
export const PREFIXED_REFERENCE = /(?<![\\$])(?<!\$!)(?:\\|\$!?)+(?=\$!?\{?[A-Za-z_])/;

/**
 * A reference whose token holds a backslash before a `!` (`$\!x`, `$\!$x`, `\$\\!{x}`): Velocity's DOLLARBANG takes
 * backslashes between `$` and `!`, and ASTReference reads such a token as no reference at all (getRoot's "slashbang"),
 * which never has a value whatever its name and prints nothing, `$`s and backslashes included. The match is the token
 * up to the name; a `#` before it and the backslashes before that lead it: the `#` is taken in, the backslashes are
 * escapes of their own.
 */
export const SLASHBANG_REFERENCE = /(?<![\\$#])(?<!\$\\*!)(?=(?:\\*#)?(?:\\*\$(?:\\*!)?)*?\\*\$\\+!)(?:\\*#(?=\\*\$))?(?:\\*\$(?:\\*!)?)+(?=\{?[A-Za-z_])/;

/**
 * A `#` with backslashes and a reference after it (`#\$x`, `#\\$x`, `#\$\$x`): one token, as the `#` starts one that
 * the `$`s and backslashes after it join. It does not start with a backslash, so the reference is not escaped and
 * everything before its last `$` prints as written before its value (ASTReference's morePrefix). The match is that
 * part, with the backslashes before the `#`, which are escapes of their own.
 */
export const HASH_PREFIXED_REFERENCE = /(?<![\\#])\\*#(?=\\+\$)(?:\\*\$(?:\\*!)?)*\\*(?=\$!?\{?[A-Za-z_])/;

/**
 * `$`s, `$!`s and `#`s right before an escaped directive or macro name (`$\\#m`, `\\$\\#if`, `#\\#m`): tokens Velocity's
 * lexer goes on with until the backslash ends them as a special token. ESCAPE_DIRECTIVE then starts afresh, and the
 * node it makes prints its own token only, so the run prints nothing.
 */
export const RUN_BEFORE_ESCAPED_DIRECTIVE = /(?<![\\$#])(?<!\$\\*!)(?:#|\\*\$(?:\\*!)?)+(?=\\(?:\\\\)*#(?:[A-Za-z_@]|\{[A-Za-z_]))/;

/**
 * A run of `$`s (DOLLAR and DOLLARBANG, which take backslashes before the `$` and the `!`) that ends before no
 * reference, `!`, `#`, `{`, `}`, `[` or `.`: Velocity's REFERENCE_TERMINATOR ends the token, which prints as special
 * text (NodeUtils.specialText, `printedSpecialText`): its `$`s, not its `!`s, and after each `$` led by backslashes
 * not the character the token holds next (`\$\$5` prints `\$$5`, `\$$5` prints `\$5`). A `#` after the run joins the
 * token when it starts nothing there (a directive's name, a number, a comment, unparsed text or a reference): the
 * token then ends after the `#`, which prints unless a `$` led by backslashes comes right before it (`$!#|` prints
 * `$#|`, `\$#|` prints `\$|`). Only the runs that print otherwise than written are matched: with a `!`, or with a `$`
 * led by backslashes that a `$`, backslash or `#` follows, or before two backslashes (which make an Escape node that
 * prints none of the special text before it).
 */
export const LONE_DOLLAR_BANGS =
  /(?<![\\$])(?<!\$\\*!)(?=(?:\\*\$(?:\\*!)?)*?(?:\\*\$\\*!|\\+\$[\\$#]|\$\\\\))(?:\\*\$(?:\\*!)?)+(?:#(?!\{[A-Za-z_][A-Za-z0-9_]*\}|\[\[|\\*\$|[A-Za-z_@#*0-9]|[-.][0-9]|$)|(?!\\*\$|\\*!|[#{}[.A-Za-z_]|$))/;

/**
 * Which characters of a special token's image NodeUtils.specialText prints: each `$` and `#`, and each run of
 * backslashes ending at a `$` with that `$`; the character after such a `$` it skips, whatever it is.
 */
export function printedSpecialText(image: string): boolean[] {
  const printed = image.split('').map(() => false);
  for (let i = 0; i < image.length; i++) {
    const c = image[i];
    if (c === '$' || c === '#') printed[i] = true;
    if (c !== '\\') continue;
    let j = i;
    while (image[j] === '\\') j++;
    if (image[j] === '$') {
      for (let k = i; k <= j; k++) printed[k] = true;
      i = j + 1;
    }
  }
  return printed;
}

/** A prefix read inside parentheses or brackets, from `start` to the reference's last `$` (or `!`) at `dollar`. */
export interface ArgumentPrefix {
  start: number;
  dollar: number;
  /** A SLASHBANG_REFERENCE, whose reference never has a value; else the prefix is blanks to velocityjs. */
  valueless: boolean;
}

/**
 * The PREFIXED_REFERENCE and SLASHBANG_REFERENCE prefixes read inside parentheses or brackets, in text order: the
 * lexer reads the text with every prefix blanked before a `$`, as velocityjs is to read a reference there.
 */
export function argumentPrefixes(source: string): ArgumentPrefix[] {
  const found: ArgumentPrefix[] = [];
  for (const m of source.matchAll(new RegExp(PREFIXED_REFERENCE, 'g'))) found.push({ start: m.index ?? 0, dollar: (m.index ?? 0) + m[0].length, valueless: false });
  if (source.includes('\\!')) {
    for (const m of source.matchAll(new RegExp(SLASHBANG_REFERENCE, 'g'))) {
      if (m[0].includes('#')) continue;
      found.push({ start: m.index ?? 0, dollar: (m.index ?? 0) + m[0].length - 1, valueless: true });
    }
    found.sort((a, b) => a.start - b.start);
  }
  if (found.length === 0) return [];
  let blanked = '';
  let copied = 0;
  for (const { start, dollar } of found) {
    blanked += source.slice(copied, start) + ' '.repeat(dollar - start) + '$';
    copied = dollar + 1;
  }
  blanked += source.slice(copied);
  const byDollar = new Map(found.map((prefix) => [prefix.dollar, prefix]));
  const inside: ArgumentPrefix[] = [];
  // A braced call's parentheses are a call's too (`#{m}(\$x)`), as velocityjs reads them once its name is plain.
  lexTemplate(withPlainCallNames(blanked), (rule, start, _end, state) => {
    if ((rule === Rule.Dollar || rule === Rule.DollarQuiet) && (state === 'c' || state === 'i') && byDollar.has(start)) inside.push(byDollar.get(start)!);
  });
  return inside;
}

/** `#break` and `#stop` right after a `$` or `$!` (`$\!`): named `#break` and `#stop` then, they print as written. */
export const HASH_AFTER_DOLLAR = /(?<=\$(?:\\*!)?)#(?=(?:break|stop)(?![A-Za-z0-9_])|\{(?:break|stop)\})/;

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

/**
 * Whether a `$` or `$!` stands right before `offset`, where Velocity's lexer joins it to the token there; so does a
 * `$\!` (DOLLARBANG takes backslashes before its `!`).
 */
export function afterDollar(text: string, offset: number): boolean {
  if (text[offset - 1] === '$') return true;
  if (text[offset - 1] !== '!') return false;
  let k = offset - 2;
  while (text[k] === '\\') k--;
  return text[k] === '$';
}

/** Text that may hold a `BLOCK_AFTER_DOLLAR`, braced directives included. */
export const DOLLAR_BLOCK_HINT = /\$(?:\\*!)?#\{?(?:foreach|macro|define|@)/;

/**
 * `#foreach`, `#macro`, `#define` or a block macro call right after a `$` or `$!`: the `$` starts the directive's
 * token, whose name is then `#foreach`, a macro call that prints as written (its arguments and the `$` included) and
 * opens no block, so that the `#end` after it closes the block around it. The match is the `#` and the name (`#@` for a
 * block macro call).
 */
export const BLOCK_AFTER_DOLLAR = /(?<=\$(?:\\*!)?)#(?:\{(?:foreach|macro|define)\}|(?:foreach|macro|define)(?![A-Za-z0-9_@])|@(?=[A-Za-z_]))/;

/**
 * Where a `BLOCK_AFTER_DOLLAR` stands outside the string literals given, with what to say when the blocks then do not
 * balance: the `#end` meant for it closes another block, or none.
 */
export function dollarBeforeBlockAt(source: string, literals: readonly StringLiteral[]): { offset: number; message: string } | undefined {
  for (const match of source.matchAll(new RegExp(BLOCK_AFTER_DOLLAR, 'g'))) {
    const at = match.index ?? 0;
    if (literals.some((literal) => literal.start < at && at < literal.end)) continue;
    const dollar = source.lastIndexOf('$', at);
    const written = `#${/^@?\{?([A-Za-z_][\w-]*)/.exec(source.slice(at + 1, at + 65))?.[0].replace('{', '') ?? ''}`;
    return {
      offset: dollar,
      message: `Velocity reads \`${source.slice(dollar, at)}${written}\` as the call of a macro named \`${written}\`, which prints as text and opens no block, so the \`#end\` of this block closes another one or none: put a blank after the \`$\`, or remove it`,
    };
  }
  return undefined;
}

/**
 * A run of `$`s in text that REFERENCE_TERMINATOR ends at once, with the `#` it takes in when that starts nothing
 * (LONE_DOLLAR_BANGS): a special token, which a call of no macro, printing its tokens only, leaves out of its body. The
 * run is matched whole (the look-ahead and back-reference keep it from giving back a `$`): what goes on with a
 * reference after it (a name, `{`, `}`, `[`, `.`) or a `#` that starts something keeps it a token. Comments and
 * unparsed text are matched only to be left as they are.
 */
const SPECIAL_DOLLARS =
  /##[^\r\n]*|#\*[\s\S]*?(?:\*#|$)|#\[\[[\s\S]*?(?:\]\]#|$)|(?<![\\$])(?<!\$\\*!)(?=((?:\\*\$(?:\\*!)?)+))\1(?:#(?!\{[A-Za-z_][A-Za-z0-9_]*\}|\[\[|\\*\$|[A-Za-z_@#*0-9]|[-.][0-9]|$)|(?![A-Za-z_{}[.#]|$))/g;
const SPECIAL_DOLLARS_HINT = /\$(?:\\*!)?(?![A-Za-z_{}[.$])/;

/**
 * The text of a block macro call without the runs of `$`s in its body that are special tokens, as Velocity prints a
 * call of no macro. Among arguments they are gone already (argumentHashes); a string there keeps its text.
 */
export function withoutSpecialDollars(call: string): string {
  if (!SPECIAL_DOLLARS_HINT.test(call)) return call;
  let lists: Array<[number, number]> | undefined;
  return call.replace(SPECIAL_DOLLARS, (match: string, run: string | undefined, offset: number) => (run === undefined || insideLists((lists ??= argumentLists(call)), offset) ? match : ''));
}
