/**
 * java.util.regex patterns and replacement strings, translated to JavaScript. Templates call `replaceAll`,
 * `replaceFirst`, `matches` and `split` on Java strings, and integration-response keys are Java patterns too.
 * What JavaScript cannot express (class intersection `&&`, inline flags after the start, `\G`) is refused with a
 * message rather than matched differently; possessive quantifiers and atomic groups are read as their greedy forms.
 */

export class JavaRegexError extends Error {}

const POSIX_CLASSES: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaWhitespace: '\\s',
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  IsUppercase: '\\p{Uppercase}',
  IsLowercase: '\\p{Lowercase}',
  IsWhite_Space: '\\p{White_Space}',
  IsPunctuation: '\\p{P}',
};

const HORIZONTAL_SPACE = ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';
const SYNTAX_CHARS = '^$\\.*+?()[]{}|/';
const FLAG_MAP: Record<string, string> = { i: 'i', s: 's', m: 'm', u: '', d: '', x: '', U: '' };

const cache = new Map<string, RegExp>();

/** Compiles a Java pattern to an equivalent RegExp (no `g`/`y` flag); throws JavaRegexError with Java-like wording. */
export function compileJavaRegex(pattern: string, extraFlags = ''): RegExp {
  const key = `${extraFlags}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let flags = new Set(extraFlags.split('').filter(Boolean));
  let body = pattern;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (leading) {
    for (const f of leading[1]) {
      if (!(f in FLAG_MAP)) throw new JavaRegexError(`Unknown inline modifier '${f}' in ${pattern}`);
      if (FLAG_MAP[f]) flags.add(FLAG_MAP[f]);
    }
    body = body.slice(leading[0].length);
  }
  const translated = translate(body, pattern);
  if (translated.unicode) flags.add('u');
  flags = new Set([...flags].filter((f) => f !== 'g' && f !== 'y'));
  let regex: RegExp;
  try {
    regex = new RegExp(translated.source, [...flags].join(''));
  } catch (error) {
    throw new JavaRegexError(`Invalid regular expression ${pattern}: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, regex);
  return regex;
}

function translate(body: string, original: string): { source: string; unicode: boolean } {
  let out = '';
  let unicode = false;
  let inClass = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined) throw new JavaRegexError(`Unexpected internal error near index ${i + 1}: trailing backslash in ${original}`);
      i++;
      switch (next) {
        case 'Q': {
          const end = body.indexOf('\\E', i + 1);
          const literal = end < 0 ? body.slice(i + 1) : body.slice(i + 1, end);
          out += escapeLiteral(literal);
          i = end < 0 ? body.length : end + 1;
          break;
        }
        case 'A':
          out += '^';
          break;
        case 'z':
          out += '$(?![\\s\\S])';
          break;
        case 'Z':
          out += '(?=\\n?(?![\\s\\S]))';
          break;
        case 'G':
          throw new JavaRegexError(`\\G is not supported in ${original}`);
        case 'h':
          out += inClass ? HORIZONTAL_SPACE : `[${HORIZONTAL_SPACE}]`;
          break;
        case 'H':
          out += `[^${HORIZONTAL_SPACE}]`;
          break;
        case 'e':
          out += '\\x1B';
          break;
        case 'a':
          out += '\\x07';
          break;
        case 'p':
        case 'P': {
          const match = /^\{(\^?)([A-Za-z_]+)\}/.exec(body.slice(i + 1)) ?? /^([A-Z])/.exec(body.slice(i + 1));
          if (!match) throw new JavaRegexError(`Unknown character property near index ${i} in ${original}`);
          const name = match.length === 3 ? match[2] : match[1];
          const negate = (next === 'P') !== (match.length === 3 && match[1] === '^');
          const posix = POSIX_CLASSES[name];
          if (posix !== undefined) {
            if (posix.includes('\\p')) unicode = true;
            out += inClass && !negate ? posix : `[${negate ? '^' : ''}${posix}]`;
          } else {
            unicode = true;
            const property = name.startsWith('Is') ? `Script=${name.slice(2)}` : name.startsWith('In') ? name.slice(2) : name;
            out += `\\${negate ? 'P' : 'p'}{${property}}`;
          }
          i += match[0].length;
          break;
        }
        default:
          if (/[A-Za-z0-9]/.test(next)) out += `\\${next}`;
          else out += SYNTAX_CHARS.includes(next) || (inClass && next === '-') ? `\\${next}` : escapeLiteral(next);
      }
      continue;
    }
    if (inClass) {
      if (c === '[') {
        if (body.startsWith('[:', i)) {
          out += '\\[';
          continue;
        }
        throw new JavaRegexError(`Nested character classes are not supported in ${original}`);
      }
      if (c === '&' && body[i + 1] === '&') throw new JavaRegexError(`Character class intersection (&&) is not supported in ${original}`);
      if (c === ']') inClass = 0;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = 1;
      out += c;
      if (body[i + 1] === '^') out += body[++i];
      if (body[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && body[i + 1] === '?') {
      const rest = body.slice(i + 2);
      if (rest.startsWith('>')) {
        out += '(?:';
        i += 2;
        continue;
      }
      if (/^[a-zA-Z-]+[:)]/.test(rest)) throw new JavaRegexError(`Inline flags inside the pattern are not supported in ${original}`);
    }
    if ((c === '+' || c === '?') && /[*+?}]/.test(body[i - 1] ?? '') && body[i - 2] !== '\\') {
      // Possessive (`*+`) reads as greedy; lazy (`*?`) is kept as is.
      if (c === '+') continue;
    }
    out += c;
  }
  return { source: out, unicode };
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** Java's `Matcher.matches()`: the whole text must match. */
export function javaMatches(pattern: string, text: string): boolean {
  const regex = compileJavaRegex(pattern);
  return new RegExp(`^(?:${regex.source})(?![\\s\\S])`, regex.flags).test(text);
}

type ReplacementPart = string | { group: number | string };

/** A Java replacement string: `$1`, `${name}`, `\$` for a dollar sign, `\\` for a backslash. */
function parseReplacement(replacement: string, groupCount: number): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\') {
      if (i + 1 >= replacement.length) throw new JavaRegexError('character to be escaped is missing');
      literal += replacement[++i];
    } else if (c === '$') {
      if (i + 1 >= replacement.length) throw new JavaRegexError('Illegal group reference: group index is missing');
      if (replacement[i + 1] === '{') {
        const end = replacement.indexOf('}', i);
        if (end < 0) throw new JavaRegexError("named capturing group is missing trailing '}'");
        if (literal) parts.push(literal);
        literal = '';
        parts.push({ group: replacement.slice(i + 2, end) });
        i = end;
        continue;
      }
      if (!/[0-9]/.test(replacement[i + 1])) throw new JavaRegexError('Illegal group reference');
      // Java takes further digits only while the number stays a valid group.
      let number = Number(replacement[++i]);
      while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1]) && number * 10 + Number(replacement[i + 1]) <= groupCount) {
        number = number * 10 + Number(replacement[++i]);
      }
      if (number > groupCount) throw new JavaRegexError(`No group ${number}`);
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ group: number });
    } else {
      literal += c;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

function countGroups(regex: RegExp): number {
  return (new RegExp(`${regex.source}|`, regex.flags).exec('')?.length ?? 1) - 1;
}

export function javaReplace(text: string, pattern: string, replacement: string, all: boolean): string {
  const regex = compileJavaRegex(pattern);
  const parts = parseReplacement(replacement, countGroups(regex));
  const global = new RegExp(regex.source, regex.flags + (all ? 'g' : ''));
  return text.replace(global, (...args: unknown[]) => {
    const hasNamed = typeof args[args.length - 1] === 'object';
    const groups = (hasNamed ? args[args.length - 1] : undefined) as Record<string, string> | undefined;
    const captures = args.slice(0, hasNamed ? -3 : -2) as Array<string | undefined>;
    return parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if (typeof part.group === 'number') return captures[part.group] ?? '';
        if (!groups || !(part.group in groups)) throw new JavaRegexError(`No group with name {${part.group}}`);
        return groups[part.group] ?? '';
      })
      .join('');
  });
}

/** Java's `String.split(regex, limit)`, including its removal of trailing empty strings when limit is 0. */
export function javaSplit(text: string, pattern: string, limit = 0): string[] {
  const regex = new RegExp(compileJavaRegex(pattern).source, compileJavaRegex(pattern).flags + 'g');
  const out: string[] = [];
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (limit > 0 && out.length === limit - 1) break;
    const end = match.index + match[0].length;
    if (match[0].length === 0) {
      regex.lastIndex++;
      if (match.index === 0 || match.index >= text.length) continue;
    }
    out.push(text.slice(last, match.index));
    last = end;
  }
  out.push(text.slice(last));
  if (limit === 0) while (out.length > 1 && out[out.length - 1] === '') out.pop();
  if (limit === 0 && out.length === 1 && out[0] === '' && text !== '') return [];
  return out;
}
