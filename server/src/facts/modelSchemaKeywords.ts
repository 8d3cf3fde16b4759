/**
 * Schema keywords REST API models (JSON Schema draft 4) do not support (api-gateway-known-issues). Keywords that only
 * document are dropped harmlessly; the others change what a request is validated against.
 */
export const DOCUMENTATION_ONLY_KEYWORDS: ReadonlySet<string> = new Set(['example', 'deprecated', 'readOnly']);

/** `oneOf` only in Swagger 2.0 models: OpenAPI 3's models take it. */
export function isUnsupportedModelKeyword(key: string, swagger: boolean): boolean {
  return UNSUPPORTED.has(key) || (swagger && key === 'oneOf');
}

const UNSUPPORTED: ReadonlySet<string> = new Set(['discriminator', 'exclusiveMinimum', ...DOCUMENTATION_ONLY_KEYWORDS]);

/** Where a schema holds schemas of its own: maps of them, single ones, and lists of them. */
export const NESTED_SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
export const NESTED_SCHEMAS = ['items', 'additionalProperties', 'not'];
export const NESTED_SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
