import { refuseExponentialPattern } from './backtracking';
import { compile, type CompiledPattern } from './compile';
import { BacktrackingLimit, JavaRegexError } from './errors';
import { SteppedPattern, StepsExhausted } from './steppedMatch';
import { OperationLimit } from '../limits';

/**
 * What one Java call may spend: matching a pattern that can backtrack exponentially, until `expired()` says the time
 * is up (a template's evaluation budget) or else for `maxSteps` backtracking steps; finding match after match in a
 * long text, until `expired()`; and building its result, up to `maxResultLength` characters for a string or
 * `maxResultItems` strings for `split`.
 */
export interface MatchLimit {
  expired?(): boolean;
  maxSteps?: number;
  maxResultLength?: number;
  maxResultItems?: number;
}

/** How many matches a call finds between two looks at the clock: often enough to stop within milliseconds. */
const MATCHES_PER_CLOCK_CHECK = 1024;

/** Without a clock: some 0.3 s of stepping, far more than a match that is not running away needs. */
const DEFAULT_MAX_STEPS = 20_000_000;

const stepped = new Map<string, SteppedPattern>();

/**
 * Makes sure that V8 will finish matching `source` (`pattern` compiled, perhaps anchored) on `text` from `from`,
 * by running the match first on a matcher that counts its steps; throws BacktrackingLimit when the limit runs out
 * first. Patterns without exponential repetition are left to V8 at once.
 */
export function ensureMatchEnds(pattern: string, exponential: string | undefined, source: string, text: string, from: number, sticky: boolean, limit: MatchLimit = {}, spent = { steps: 0 }): void {
  if (exponential === undefined) return;
  let matcher = stepped.get(source);
  if (!matcher) {
    try {
      matcher = new SteppedPattern(source);
    } catch {
      // Only what the compiler emits is read there; anything else is refused as before rather than run unbounded.
      refuseExponentialPattern(pattern, exponential);
      return;
    }
    if (stepped.size >= 100) stepped.clear();
    stepped.set(source, matcher);
  }
  const budget = { maxSteps: limit.maxSteps ?? (limit.expired ? Infinity : DEFAULT_MAX_STEPS), expired: limit.expired?.bind(limit) };
  try {
    matcher.matchEnd(text, from, sticky, budget, spent);
  } catch (error) {
    if (error instanceof StepsExhausted) throw new BacktrackingLimit(pattern, exponential, text.length, error.steps);
    throw error;
  }
}

/** Java's `Matcher.matches()`: the whole text must match. */
export function javaMatches(pattern: string, text: string, limit?: MatchLimit): boolean {
  const c = compile(pattern);
  const source = `^(?:${c.source})$`;
  ensureMatchEnds(pattern, c.exponential, source, text, 0, true, limit);
  return new RegExp(source, 'u').test(text);
}

/**
 * Successive `Matcher.find()` results, with Java's rules for empty matches and `\G`. `doing` says what the call was
 * doing when its time ran out (`replacing`, `splitting`).
 */
function* findAll(pattern: string, c: CompiledPattern, text: string, limit: MatchLimit | undefined, doing: string): Generator<RegExpExecArray> {
  const regex = new RegExp(c.source, c.sticky ? 'uy' : 'ug');
  // One Java call, one budget of steps, however many matches it finds.
  const spent = { steps: 0 };
  let from = 0;
  let found = 0;
  while (from <= text.length) {
    if (++found % MATCHES_PER_CLOCK_CHECK === 0 && limit?.expired?.()) {
      throw new OperationLimit('timeout', `was still ${doing}, after ${found - 1} matches of the pattern ${pattern} in a text of ${text.length} characters`);
    }
    ensureMatchEnds(pattern, c.exponential, c.source, text, from, c.sticky, limit, spent);
    regex.lastIndex = from;
    let match = regex.exec(text);
    if (!match) return;
    if (match.index < from) match = emptyMatchInsidePair(match, from);
    yield match;
    const end = match.index + match[0].length;
    if (match[0].length > 0) from = end;
    else if (c.sticky) return;
    // Java steps one char past an empty match, which can land between the halves of a surrogate pair.
    else from = end + 1;
  }
}

/**
 * After an empty match at the start of a surrogate pair, Java tries again between its halves and finds the empty
 * match there too, so `split("")` cuts the pair. V8 in Unicode mode moves such a start back to the pair's start and
 * finds the same empty match again: it stands for Java's, one char later.
 */
function emptyMatchInsidePair(match: RegExpExecArray, from: number): RegExpExecArray {
  const moved = Object.assign([...match], { index: from, input: match.input, groups: match.groups });
  return moved as unknown as RegExpExecArray;
}

type ReplacementPart = string | number;

/** A Java replacement string: `$1`, `${name}`, `\$` for a dollar sign, `\\` for a backslash. */
function parseReplacement(replacement: string, c: CompiledPattern): ReplacementPart[] {
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

export function javaReplace(text: string, pattern: string, replacement: string, all: boolean, limit?: MatchLimit): string {
  const c = compile(pattern);
  let parts: ReplacementPart[] | undefined;
  let out = '';
  let last = 0;
  const maxLength = limit?.maxResultLength ?? Infinity;
  for (const match of findAll(pattern, c, text, limit, 'replacing')) {
    // Java reads the replacement only when there is a match, so a bad one is harmless otherwise.
    parts ??= parseReplacement(replacement, c);
    out += text.slice(last, match.index);
    for (const part of parts) out += typeof part === 'string' ? part : (match[c.jsGroup[part]] ?? '');
    last = match.index + match[0].length;
    // The rest of the text is still to come, so the result is known to be too long once this is.
    if (out.length + (text.length - last) > maxLength) {
      throw new OperationLimit('output-too-large', `would return a string of more than ${maxLength} characters, beyond API Gateway's 10 MB payload limit; the evaluator stops it instead of building it`);
    }
    if (!all) break;
  }
  return out + text.slice(last);
}

/** Java's `String.split(regex, limit)`, including its removal of trailing empty strings when limit is 0. */
export function javaSplit(text: string, pattern: string, limit = 0, budget?: MatchLimit): string[] {
  const c = compile(pattern);
  const out: string[] = [];
  let index = 0;
  const maxItems = budget?.maxResultItems ?? Infinity;
  for (const match of findAll(pattern, c, text, budget, 'splitting')) {
    if (limit > 0 && out.length >= limit - 1) break;
    if (out.length >= maxItems) {
      throw new OperationLimit('list-too-large', `would split a text of ${text.length} characters into more than ${maxItems} strings; the evaluator stops lists at ${maxItems} elements`);
    }
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
