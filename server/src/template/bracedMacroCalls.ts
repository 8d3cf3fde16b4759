/**
 * Macro calls written with braces (`#{m}()`, `#{m} ('a')`): Velocity 1.7 reads `#{name}` as the name of a directive
 * (BRACKETED_WORD), a macro call once a `(` follows. velocityjs knows braces around a few directives' names only
 * (normalizeDirectives writes those plain) and reads the others as text. For it `{name}` becomes the name and two
 * blanks, as long; the source keeps the braces, and a call to no macro prints as written from there (syntax.ts).
 */
import { lexTemplate, Rule } from './velocityLexer';

/**
 * A braced name and the blanks before its `(`, where velocityjs's lexer takes the `(` as opening arguments (else its
 * text would print as rewritten); `noescape` is a block directive to velocityjs, no macro.
 */
const BRACED_CALL = /\{(?!noescape\})([A-Za-z_][A-Za-z0-9_@]*)\}(?=[ ]*\([\s]*[$'"[{\-0-9\w()!])/y;

/** The text with every braced macro call's name written plain, or undefined when it has none. */
export function readBracedCalls(text: string): string | undefined {
  if (!text.includes('#{')) return undefined;
  const calls: Array<{ at: number; name: string }> = [];
  let hash = -1;
  lexTemplate(text, (rule, start, _end, state) => {
    // A directive's `#`, or one right after a reference, where velocityjs reads a directive or call too.
    if (rule === Rule.DirectiveHash || rule === Rule.Hash) hash = start;
    // velocityjs reads the `{` after a directive's `#` as a character that ends the directive: text.
    if (rule !== Rule.Character || state !== 'h' || start !== hash + 1) return;
    BRACED_CALL.lastIndex = start;
    const name = BRACED_CALL.exec(text)?.[1];
    if (name !== undefined) calls.push({ at: start, name });
  });
  if (calls.length === 0) return undefined;
  let out = '';
  let copied = 0;
  for (const { at, name } of calls) {
    out += `${text.slice(copied, at)}${name}  `;
    copied = at + name.length + 2;
  }
  return out + text.slice(copied);
}

/** Braced names and names starting with `_` before a call's `(`, which velocityjs's lexer reads as text. */
const UNREAD_CALL_NAME = /#\{([A-Za-z_][A-Za-z0-9_@]*)\}(?=[ ]*\()|#_(?=[A-Za-z0-9_-]*[ ]*\()/g;

/**
 * The text, as long, with every call's name written as velocityjs's lexer reads a call (`#{m}(` as `#m  (`, `#_m(` as
 * `#Xm(`), for passes that look for the calls where velocityjs will read them once the passes after them have written
 * those names plain (readBracedCalls, underscoreNames).
 */
export function withPlainCallNames(text: string): string {
  if (!text.includes('#{') && !text.includes('#_')) return text;
  return text.replace(UNREAD_CALL_NAME, (_match, name: string | undefined) => (name === undefined ? '#X' : `#${name.replace(/^_/, 'X')}  `));
}
