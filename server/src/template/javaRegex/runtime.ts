import { refuseExponentialPattern } from './backtracking';
import { compile, type CompiledPattern } from './compile';
import { JavaRegexError } from './errors';
import type { Compiled } from './patternParser';

/**
 * A pattern compiled for running on text: a syntax error first, as Java reports it, then a refusal of nesting that
 * would backtrack past the evaluation budget.
 */
function compileToRun(pattern: string): CompiledPattern {
  const c = compile(pattern);
  refuseExponentialPattern(pattern, c.exponential);
  return c;
}

/** Java's `Matcher.matches()`: the whole text must match. */
export function javaMatches(pattern: string, text: string): boolean {
  const c = compileToRun(pattern);
  return new RegExp(`^(?:${c.source})$`, 'u').test(text);
}

/** Successive `Matcher.find()` results, with Java's rules for empty matches and `\G`. */
function* findAll(c: Compiled, text: string): Generator<RegExpExecArray> {
  const regex = new RegExp(c.source, c.sticky ? 'uy' : 'ug');
  let from = 0;
  while (from <= text.length) {
    regex.lastIndex = from;
    const match = regex.exec(text);
    if (!match) return;
    yield match;
    const end = match.index + match[0].length;
    if (match[0].length > 0) from = end;
    else if (c.sticky) return;
    else from = end + (text.codePointAt(end)! > 0xffff ? 2 : 1);
  }
}

type ReplacementPart = string | number;

/** A Java replacement string: `$1`, `${name}`, `\$` for a dollar sign, `\\` for a backslash. */
function parseReplacement(replacement: string, c: Compiled): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let text = '';
  const flush = (): void => {
    if (text) parts.push(text);
    text = '';
  };
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '\\') {
      if (i + 1 >= replacement.length) throw new JavaRegexError('character to be escaped is missing');
      text += replacement[++i];
    } else if (ch === '$') {
      if (i + 1 >= replacement.length) throw new JavaRegexError('Illegal group reference: group index is missing');
      if (replacement[i + 1] === '{') {
        const m = /^\{([A-Za-z0-9]*)/.exec(replacement.slice(i + 1))!;
        if (m[1] === '') throw new JavaRegexError('named capturing group has 0 length name');
        if (replacement[i + 1 + m[0].length] !== '}') throw new JavaRegexError("named capturing group is missing trailing '}'");
        if (/^[0-9]/.test(m[1])) throw new JavaRegexError(`capturing group name {${m[1]}} starts with digit character`);
        const group = c.names.get(m[1]);
        if (group === undefined) throw new JavaRegexError(`No group with name {${m[1]}}`);
        flush();
        parts.push(group);
        i += m[0].length + 1;
        continue;
      }
      if (!/[0-9]/.test(replacement[i + 1])) throw new JavaRegexError('Illegal group reference');
      // Java takes further digits only while the number stays a valid group.
      let group = Number(replacement[++i]);
      while (i + 1 < replacement.length && /[0-9]/.test(replacement[i + 1]) && group * 10 + Number(replacement[i + 1]) <= c.groupCount) {
        group = group * 10 + Number(replacement[++i]);
      }
      if (group > c.groupCount) throw new JavaRegexError(`No group ${group}`);
      flush();
      parts.push(group);
    } else {
      text += ch;
    }
  }
  flush();
  return parts;
}

export function javaReplace(text: string, pattern: string, replacement: string, all: boolean): string {
  const c = compileToRun(pattern);
  let parts: ReplacementPart[] | undefined;
  let out = '';
  let last = 0;
  for (const match of findAll(c, text)) {
    // Java reads the replacement only when there is a match, so a bad one is harmless otherwise.
    parts ??= parseReplacement(replacement, c);
    out += text.slice(last, match.index);
    for (const part of parts) out += typeof part === 'string' ? part : (match[c.jsGroup[part]] ?? '');
    last = match.index + match[0].length;
    if (!all) break;
  }
  return out + text.slice(last);
}

/** Java's `String.split(regex, limit)`, including its removal of trailing empty strings when limit is 0. */
export function javaSplit(text: string, pattern: string, limit = 0): string[] {
  const c = compileToRun(pattern);
  const out: string[] = [];
  let index = 0;
  for (const match of findAll(c, text)) {
    if (limit > 0 && out.length >= limit - 1) break;
    const end = match.index + match[0].length;
    // A zero-width match at the beginning never produces an empty leading substring.
    if (index === 0 && match.index === 0 && end === 0) continue;
    out.push(text.slice(index, match.index));
    index = end;
  }
  if (index === 0) return [text];
  out.push(text.slice(index));
  if (limit === 0) while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
