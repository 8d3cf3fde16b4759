/**
 * Compiling the official OpenAPI schemas with ajv: for the structure check when running from sources, and for the
 * build, which precompiles them into the bundle's validators. The bundle never loads ajv's compiler (see
 * `openapiSchemas.ts`), which a cold command line would otherwise load for nothing.
 */
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import type { Options } from 'ajv';
import type { SchemaSource } from '../../facts/openapiSchemaSources';

/** An ajv instance for the schema's JSON Schema dialect, holding the schema. */
export function schemaAjv(source: SchemaSource, settings: Options): Ajv2020 | AjvDraft04 {
  const ajv = source.draft === '2020' ? new Ajv2020(settings) : new AjvDraft04(settings);
  ajv.addSchema(source.schema);
  return ajv;
}
