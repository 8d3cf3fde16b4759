/**
 * String literals as Velocity 1.7 reads them, handed to velocityjs in a form it reads the same way.
 *
 * Velocity 1.7 (Parser.jjt STRING_LITERAL, ASTStringLiteral) has no backslash escapes in string literals: the
 * backslash is an ordinary character, so `"a\"` is the string `a\` and the quote after a backslash closes the
 * string. A quote is written doubled instead (`""` inside "…", `''` inside '…'), and a double-quoted string decodes
 * `\uXXXX`. velocityjs reads `\"` as an escaped quote and knows neither doubled quotes nor `\u`. Its lexer cannot be
 * changed from outside the package, so the text is rewritten instead: the string literals are found with a copy of
 * velocityjs's lexer states in which only the two string rules follow Velocity, and each literal is rewritten, at
 * the same length so that positions stay right, into one velocityjs lexes with the same extent. Where velocityjs
 * has no spelling for a character (a backslash just before the closing quote, the backslash of `\uXXXX`), a
 * placeholder character that the template does not contain stands in; `resolveLiteral` turns the parsed value
 * into the one Velocity gives. (Lists and maps never reach velocityjs: collectionLiterals reads them, the string
 * literals inside included.)
 */
import { scanTemplateValues } from './collectionLiterals';
import { BAD_UNICODE_ESCAPE } from './velocityValues';

/** A string literal of the template, as Velocity delimits it. */
export interface StringLiteral {
  /** Offset of the opening quote. */
  start: number;
  /** Offset after the closing quote. */
  end: number;
  quote: '"' | "'";
}

/**
 * The string literals velocityjs's lexer meets in the text (in directives, calls and indexes, not in plain text),
 * and those inside lists and maps, which Velocity's grammar reads (see collectionLiterals).
 */
export function findStringLiterals(text: string): StringLiteral[] {
  return scanTemplateValues(text).strings;
}

/** Characters standing for what velocityjs cannot spell in a literal; chosen from those the template lacks. */
export interface LiteralPlaceholders {
  /** A backslash (one just before the closing quote, which velocityjs would read as escaping the quote). */
  backslash: string;
  /** The backslash of a `\uXXXX` escape in a double-quoted string. */
  unicode: string;
}

/** A literal whose text Velocity rejects, with the offset of the offending character. */
export interface LiteralProblem {
  offset: number;
  message: string;
}

export interface RewrittenLiterals {
  /** The template with its literals rewritten for velocityjs; as long as the original. */
  text: string;
  placeholders?: LiteralPlaceholders;
  /** Offsets just after literals that end with a backslash: a parse error right there was most likely meant as `\"`. */
  backslashEnds: Array<{ literal: StringLiteral; offset: number }>;
  problems: LiteralProblem[];
  /** The literals of the text, when finding them was needed. */
  literals?: StringLiteral[];
}

/** Quick test: without these, velocityjs and Velocity read every literal alike. */
const NEEDS_REWRITE = /""|''|\\["'u]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** `found` are the text's string literals when the caller has them already. */
export function rewriteStringLiterals(text: string, found?: StringLiteral[]): RewrittenLiterals {
  const result: RewrittenLiterals = { text, backslashEnds: [], problems: [] };
  if (!NEEDS_REWRITE.test(text)) return result;
  const literals = found ?? findStringLiterals(text);
  result.literals = literals;
  let placeholders: LiteralPlaceholders | undefined;
  const parts: string[] = [];
  let copied = 0;
  for (const literal of literals) {
    const { start, end, quote } = literal;
    const body = text.slice(start + 1, end - 1);
    if (!body.includes(quote) && !body.includes('\\')) continue;
    placeholders ??= choosePlaceholders(text);
    let out = '';
    for (let k = 0; k < body.length; k++) {
      const c = body[k];
      if (c === quote) {
        // Only doubled quotes can occur inside a literal: velocityjs reads `\"` as the quote.
        out += '\\' + quote;
        k++;
      } else if (c !== '\\') {
        out += c;
      } else if (k === body.length - 1) {
        out += placeholders.backslash;
        result.backslashEnds.push({ literal, offset: end });
      } else if (quote === '"' && body[k + 1] === 'u') {
        if (!HEX4.test(body.slice(k + 2, k + 6))) {
          result.problems.push({ offset: start + 1 + k, message: BAD_UNICODE_ESCAPE });
        }
        out += placeholders.unicode;
      } else {
        out += c;
      }
    }
    parts.push(text.slice(copied, start + 1), out);
    copied = end - 1;
  }
  if (!placeholders) return result;
  parts.push(text.slice(copied));
  result.text = parts.join('');
  result.placeholders = placeholders;
  return result;
}

function choosePlaceholders(text: string): LiteralPlaceholders {
  const free: string[] = [];
  for (let code = 0xe000; free.length < 2; code++) {
    const c = String.fromCharCode(code);
    if (!text.includes(c)) free.push(c);
  }
  return { backslash: free[0], unicode: free[1] };
}

/** The value Velocity gives a literal that velocityjs parsed from the rewritten text. */
export function resolveLiteral(value: string, placeholders: LiteralPlaceholders): string {
  if (!value.includes(placeholders.backslash) && !value.includes(placeholders.unicode)) return value;
  let out = '';
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    if (c === placeholders.backslash) {
      out += '\\';
    } else if (c === placeholders.unicode && value[k + 1] === 'u' && HEX4.test(value.slice(k + 2, k + 6))) {
      out += String.fromCharCode(parseInt(value.slice(k + 2, k + 6), 16));
      k += 5;
    } else if (c === placeholders.unicode) {
      out += '\\';
    } else {
      out += c;
    }
  }
  return out;
}
