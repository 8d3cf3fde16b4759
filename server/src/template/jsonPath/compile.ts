import type { CompiledPath } from './compiledPath';
import { JsonPathSyntaxError, PathParser } from './pathParser';

const compiledCache = new Map<string, CompiledPath>();

/** Compiles a path, reading `name.x` as `$.name.x` the way Jayway does. Throws JsonPathSyntaxError. */
export function compileJsonPath(expression: string): CompiledPath {
  const cached = compiledCache.get(expression);
  if (cached) return cached;
  const trimmed = expression.trim();
  if (trimmed === '') throw new JsonPathSyntaxError('the path is empty', 0);
  const text = trimmed.startsWith('$') || trimmed.startsWith('@') ? trimmed : `$.${trimmed}`;
  const compiled = new PathParser(text).parse();
  if (compiledCache.size > 2000) compiledCache.clear();
  compiledCache.set(expression, compiled);
  return compiled;
}

/** Syntax check for diagnostics: `{ ok: true }` or the reason and the offset in the expression. */
export function parseJsonPath(expression: string): { ok: boolean; error?: string; offset?: number } {
  try {
    compileJsonPath(expression);
    return { ok: true };
  } catch (error) {
    if (error instanceof JsonPathSyntaxError) {
      const shift = expression.trim().startsWith('$') || expression.trim().startsWith('@') ? 0 : 2;
      return { ok: false, error: `Invalid JSONPath '${expression}': ${error.message}`, offset: Math.max(0, error.offset - shift) };
    }
    throw error;
  }
}
