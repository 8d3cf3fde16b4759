import { JavaRegexError, syntaxError } from './errors';
import type { Flags } from './patternCursor';
import { PatternParser, type Compiled } from './patternParser';

const cache = new Map<string, Compiled>();

export function compile(pattern: string, extraFlags = ''): Compiled {
  const key = `${extraFlags}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const flags: Flags = { i: extraFlags.includes('i'), s: extraFlags.includes('s'), m: extraFlags.includes('m'), x: false, d: false, u: false };
  const compiled = new PatternParser(pattern, flags).compile();
  try {
    new RegExp(compiled.source, 'u');
  } catch (error) {
    throw syntaxError((error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ''), 0, pattern);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** Compiles a Java pattern to an equivalent `u`-flag RegExp (no `g`/`y`); throws JavaRegexError with Java's wording. */
export function compileJavaRegex(pattern: string, extraFlags = ''): RegExp {
  const c = compile(pattern, extraFlags);
  return new RegExp(c.sticky ? `^(?:${c.source})` : c.source, 'u');
}

/** Java's complaint about a pattern, e.g. `Illegal repetition near index 0`; undefined when Java accepts it. */
export function javaPatternProblem(pattern: string): JavaRegexError | undefined {
  try {
    compile(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof JavaRegexError) return error;
    throw error;
  }
}
