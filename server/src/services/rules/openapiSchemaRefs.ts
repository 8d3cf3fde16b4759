/**
 * What compiling the official OpenAPI schemas and loading the precompiled validators both need to agree on: the
 * options of a yes-or-no check, and the schemas' ids and `$ref`s.
 */
import { OPERATION_PARTS, type SchemaSource } from '../../facts/openapiSchemaSources';

/**
 * For a yes-or-no answer, which is all a valid document needs: the first error ends the check, and errors carry no
 * schema or data. With every error collected, each branch of an alternative that does not match (the Reference branch
 * of every schema, response and parameter) builds error objects that are thrown away, and the check takes twice as long.
 */
export function verdictOptions<T extends object>(options: T): T & { allErrors: false; verbose: false } {
  return { ...options, allErrors: false, verbose: false };
}

export function schemaBase(source: SchemaSource): string {
  return (source.schema.$id ?? source.schema.id ?? '').replace(/#$/, '');
}

/** The schema's own definitions as local `$ref`s (`#/definitions/Parameter`, `#/$defs/path-item`). */
export function definitionRefs(source: SchemaSource): string[] {
  const [key, defs] = source.schema.$defs ? ['$defs', source.schema.$defs] : ['definitions', source.schema.definitions ?? {}];
  return Object.keys(defs).map((name) => `#/${key}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

/** Each field of `OPERATION_PARTS` that the schema's operation has, with the local `$ref` of its property schema. */
export function operationPartRefs(source: SchemaSource): Record<string, string> {
  const [, key, name] = /^#\/([^/]+)\/([^/]+)$/.exec(source.operation) ?? [];
  const definitions = (key === '$defs' ? source.schema.$defs : source.schema.definitions) ?? {};
  const properties = (definitions[name] as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const refs: Record<string, string> = {};
  for (const part of Object.keys(OPERATION_PARTS)) {
    if (Object.hasOwn(properties, part)) refs[part] = `${source.operation}/properties/${part}`;
  }
  return refs;
}
