import { getOwn } from '../../model/jsonObjects';
import { evaluateJsonPath } from '../../template/jsonPath';

/**
 * The request body value a parameter mapping names by a JSONPath without its `$.` (REST `method.request.body.x`,
 * HTTP API `$request.body.x`): strings as they are, anything else as JSON; absent when the body is not JSON.
 */
export function bodyValue(body: string, path: string): string | undefined {
  try {
    const result = evaluateJsonPath(`$.${path}`, JSON.parse(body));
    if (!result.found || result.value === null || result.value === undefined) return undefined;
    return typeof result.value === 'string' ? result.value : JSON.stringify(result.value);
  } catch {
    return undefined;
  }
}

/**
 * A `$context` variable a mapping names (`context.identity.sourceIp`), as text; absent when the context has no such
 * variable, `context.constructor` and `context.toString` included.
 */
export function contextValue(context: Record<string, unknown>, path: string): string | undefined {
  const value = path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? getOwn(node as Record<string, unknown>, key) : undefined), context);
  return value === undefined || value === null ? undefined : String(value);
}
