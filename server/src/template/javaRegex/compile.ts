import { findExponentialRepetition } from './backtracking';
import { JavaRegexError, syntaxError } from './errors';
import type { Flags } from './patternCursor';
import { PatternParser, type Compiled } from './patternParser';

export interface CompiledPattern extends Compiled {
  /** The repetition that can backtrack exponentially (see backtracking.ts), found once per pattern; flags aside. */
  exponential: string | undefined;
}

const cache = new Map<string, CompiledPattern>();

export function compile(pattern: string, extraFlags = ''): CompiledPattern {
  const key = `${extraFlags}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const flags: Flags = { i: extraFlags.includes('i'), s: extraFlags.includes('s'), m: extraFlags.includes('m'), x: false, d: false, u: false };
  const parsed = new PatternParser(pattern, flags).compile();
  try {
    new RegExp(parsed.source, 'u');
  } catch (error) {
    throw syntaxError((error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ''), 0, pattern);
  }
  const compiled = { ...parsed, exponential: findExponentialRepetition(pattern) };
  if (cache.size > 1000) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** Compiles a Java pattern to an equivalent `u`-flag RegExp (no `g`/`y`); throws JavaRegexError with Java's wording. */
export function compileJavaRegex(pattern: string, extraFlags = ''): RegExp {
  return compileJavaPattern(pattern, extraFlags).regex;
}

/** compileJavaRegex, with the pattern's exponential repetition (`exponentialRepetition`), if it has one. */
export function compileJavaPattern(pattern: string, extraFlags = ''): { regex: RegExp; exponential: string | undefined } {
  const c = compile(pattern, extraFlags);
  return { regex: new RegExp(c.sticky ? `^(?:${c.source})` : c.source, 'u'), exponential: c.exponential };
}

/**
 * The part of `pattern` that can backtrack exponentially, e.g. `(a+)+`; undefined for a safe pattern. A pattern the
 * compiler refuses is still checked, since Java may accept what the simulator cannot run.
 */
export function exponentialRepetition(pattern: string): string | undefined {
  const compiled = cache.get(`\u0000${pattern}`);
  return compiled ? compiled.exponential : findExponentialRepetition(pattern);
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
