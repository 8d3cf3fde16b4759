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
 * into the one Velocity gives.
 */

/** velocityjs 2.x's lexer rules, in its numbering; rules 57 and 58 (strings) are Velocity's. */
const RULES: RegExp[] = [
  /[^#]*?(?=\$)/y, // 0
  /[^\$]*?(?=#)/y, // 1
  /[^\x00]+/y, // 2
  /#\*[\s\S]+?\*#/y, // 3
  /#\[\[[\s\S]+?\]\]#/y, // 4
  /##[^\n]*/y, // 5
  /#@/y, // 6
  /#(?=[a-zA-Z{])/y, // 7
  /set[ ]*(?=[^a-zA-Z0-9_]+)/y, // 8
  /if[ ]*(?=[^a-zA-Z0-9_]+)/y, // 9
  /elseif[ ]*(?=[^a-zA-Z0-9_]+)/y, // 10
  /else\b/y, // 11
  /\{else\}/y, // 12
  /end\b/y, // 13
  /\{end\}/y, // 14
  /break\b/y, // 15
  /foreach[ ]*(?=[^a-zA-Z0-9_]+)/y, // 16
  /noescape(?=[^a-zA-Z0-9_]+)/y, // 17
  /define[ ]*(?=[^a-zA-Z0-9_]+)/y, // 18
  /macro[ ]*(?=[^a-zA-Z0-9_]+)/y, // 19
  /in\b/y, // 20
  /[%\+\-\*/]/y, // 21
  /<=/y, // 22
  /le\b/y, // 23
  />=/y, // 24
  /ge\b/y, // 25
  /[><]/y, // 26
  /gt\b/y, // 27
  /lt\b/y, // 28
  /==/y, // 29
  /eq\b/y, // 30
  /\|\|/y, // 31
  /or\b/y, // 32
  /&&/y, // 33
  /and\b/y, // 34
  /!=/y, // 35
  /ne\b/y, // 36
  /not\b/y, // 37
  /\$!(?=[{a-zA-Z_])/y, // 38
  /\$(?=[{a-zA-Z_])/y, // 39
  /!/y, // 40
  /=/y, // 41
  /[ ]+(?=[^,])/y, // 42
  /\s+/y, // 43
  /\{/y, // 44
  /\}/y, // 45
  /:[\s]*/y, // 46
  /\{[\s]*/y, // 47
  /[\s]*\}/y, // 48
  /\([\s]*(?=[$'"\[\{\-0-9\w()!])/y, // 49
  /\)/y, // 50
  /\[[\s]*(?=[\-$"'0-9{\[\]]+)/y, // 51
  /\]/y, // 52
  /\.\./y, // 53
  /\.(?=[a-zA-Z_])/y, // 54
  /\.(?=[\d])/y, // 55
  /,[ ]*/y, // 56
  /"(?:""|[^"])*"/y, // 57
  /'(?:''|[^'])*'/y, // 58
  /null\b/y, // 59
  /false\b/y, // 60
  /true\b/y, // 61
  /[0-9]+/y, // 62
  /[_a-zA-Z][a-zA-Z0-9_\-]*/y, // 63
  /[_a-zA-Z][a-zA-Z0-9_\-]*[ ]*(?=\()/y, // 64
  /#/y, // 65
  /./y, // 66
  /\s+/y, // 67
  /[\$#]/y, // 68
  /$/y, // 69
  /$/y, // 70
];

type LexState = 'INITIAL' | 'mu' | 'c' | 'i' | 'h' | 'esc' | 'run';

const STATE_RULES: Record<LexState, readonly number[]> = {
  INITIAL: [0, 1, 2, 70],
  mu: [5, 38, 39, 47, 48, 49, 50, 51, 52, 54, 63, 65, 66, 67, 69],
  c: [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 49, 50, 51, 52, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63],
  i: [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 43, 44, 45, 46, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63],
  h: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 38, 39, 40, 41, 46, 49, 50, 51, 52, 54, 62, 64, 66, 67, 69],
  esc: [68],
  run: [38, 39, 40, 42, 43, 44, 45, 46, 49, 50, 51, 52, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 66, 67, 69],
};

/** A string literal of the template, as Velocity delimits it. */
export interface StringLiteral {
  /** Offset of the opening quote. */
  start: number;
  /** Offset after the closing quote. */
  end: number;
  quote: '"' | "'";
}

/** The string literals velocityjs's lexer meets in the text (in directives, calls and indexes, not in plain text). */
export function findStringLiterals(text: string): StringLiteral[] {
  const literals: StringLiteral[] = [];
  const stack: LexState[] = ['INITIAL'];
  const top = (n = 0): LexState => stack[stack.length - 1 - Math.abs(n)] ?? 'INITIAL';
  const pop = (): LexState => (stack.length > 1 ? stack.pop()! : stack[0]);
  let pos = 0;
  while (pos < text.length) {
    let rule = -1;
    let length = 0;
    for (const candidate of STATE_RULES[top()]) {
      const regex = RULES[candidate];
      regex.lastIndex = pos;
      const match = regex.exec(text);
      if (match) {
        rule = candidate;
        length = match[0].length;
        break;
      }
    }
    // An unrecognised character is a lexical error: the parser stops there, and so can the search.
    if (rule < 0) break;
    const depth = stack.length;
    switch (rule) {
      case 0:
      case 1: {
        let backslashes = 0;
        while (backslashes < length && text.charCodeAt(pos + length - 1 - backslashes) === 92) backslashes++;
        stack.push(backslashes % 2 === 1 ? 'esc' : rule === 0 ? 'mu' : 'h');
        break;
      }
      case 3: case 4: case 5: case 11: case 12: case 13: case 14: case 15: case 48: case 52: case 66: case 67: case 68: case 69:
        pop();
        break;
      case 49:
        stack.push('c');
        break;
      case 50:
        if (pop() === 'c') {
          let size = stack.length;
          if (top() === 'run') {
            pop();
            size--;
          }
          const below = top(size - 2);
          if (size === 2 && below === 'h') pop();
          else if (size === 3 && below === 'mu' && top(size - 3) === 'h') {
            pop();
            pop();
          }
        }
        break;
      case 51:
        stack.push('i');
        break;
      case 57:
      case 58:
        literals.push({ start: pos, end: pos + length, quote: rule === 57 ? '"' : "'" });
        break;
      case 64:
        stack.push('run');
        break;
      case 65:
        stack.push('h');
        break;
    }
    if (length === 0 && stack.length === depth) break;
    pos += length;
  }
  return literals;
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
}

/** Quick test: without these, velocityjs and Velocity read every literal alike. */
const NEEDS_REWRITE = /""|''|\\["'u]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

export function rewriteStringLiterals(text: string): RewrittenLiterals {
  const result: RewrittenLiterals = { text, backslashEnds: [], problems: [] };
  if (!NEEDS_REWRITE.test(text)) return result;
  const literals = findStringLiterals(text);
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
          result.problems.push({
            offset: start + 1 + k,
            message: 'A double-quoted string reads \\u as the start of a \\uXXXX escape, and four hexadecimal digits must follow; write the backslash in a single-quoted string instead',
          });
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
