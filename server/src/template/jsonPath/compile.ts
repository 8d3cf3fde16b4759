import type { CompiledPath } from './compiledPath';
import { JsonPathSyntaxError, parsePath } from './pathParser';

const compiledCache = new Map<string, CompiledPath>();

/** Compiles a path, reading `name.x` as `$.name.x` the way Jayway does. Throws JsonPathSyntaxError. */
export function compileJsonPath(expression: string): CompiledPath {
  const cached = compiledCache.get(expression);
  if (cached) return cached;
  if (expression.trim() === '') throw new JsonPathSyntaxError('the path is empty', 0);
  const compiled = parsePath(expression);
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
      const trimmed = expression.trim();
      const shift = trimmed.startsWith('$') || trimmed.startsWith('@') ? 0 : 2;
      const leading = expression.length - expression.trimStart().length;
      return { ok: false, error: `Invalid JSONPath '${expression}': ${error.message}`, offset: Math.max(0, error.offset - shift) + leading };
    }
    throw error;
  }
}
