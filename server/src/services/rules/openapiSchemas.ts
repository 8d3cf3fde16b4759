import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { requireWithCodeCache } from '../../util/codeCache';
import type { ErrorObject, ValidateFunction } from 'ajv';
import options from './openapiSchemaOptions.json';
import { SCHEMA_SOURCES, type OpenApiVersion } from '../../facts/openapiSchemaSources';
import { operationPartRefs, schemaBase, verdictOptions } from './openapiSchemaRefs';
import type * as Compilation from './openapiSchemaCompilation';

export type { OpenApiVersion };

interface CompiledSchema {
  validate: ValidateFunction;
  /** Validators of the schema's own definitions, reached through `$ref`s such as `#/definitions/bodyParameter`. */
  definition(ref: string): ValidateFunction | undefined;
}

/** Compiled once per process: compiling the official schemas costs far more than validating a document. */
const compiled = new Map<OpenApiVersion, CompiledSchema>();

/** What the build writes for each version: the root validator, one per definition, and which export is which. */
interface PrecompiledModule {
  root: ValidateFunction;
  refs: Record<string, string>;
  [exportName: string]: unknown;
}

export function openApiSchema(version: OpenApiVersion): CompiledSchema {
  let schema = compiled.get(version);
  if (!schema) {
    schema = loadPrecompiled(version) ?? compile(version);
    compiled.set(version, schema);
  }
  return schema;
}

/**
 * The bundled server and CLI load validators that the build generated from the same schemas and options (ajv's
 * standalone code): compiling them at start-up would cost a few hundred milliseconds of every cold run. Running from
 * sources, there are none and the schemas are compiled.
 */
function loadPrecompiled(version: OpenApiVersion): CompiledSchema | undefined {
  const module = requirePrecompiled<PrecompiledModule>(SCHEMA_SOURCES[version].file);
  if (!module) return undefined;
  return {
    validate: module.root,
    definition: (ref) => {
      const name = module.refs[ref];
      return name ? (module[name] as ValidateFunction) : undefined;
    },
  };
}

function requirePrecompiled<T>(fileName: string): T | undefined {
  const file = path.join(__dirname, '..', 'openapi-validators', fileName);
  if (!existsSync(file)) return undefined;
  try {
    // Half a megabyte of generated code: compiling it was a good part of a cold run's structure check.
    return requireWithCodeCache(file, module) as T;
  } catch {
    return undefined;
  }
}

/** Shared with the build, which precompiles with exactly these. */
const OPTIONS = { ...options, logger: false } as const;

/** Only running from sources: the bundle's validators are precompiled, and it never loads ajv's compiler. */
function compilation(): typeof Compilation {
  return require('./openapiSchemaCompilation') as typeof Compilation;
}

function compile(version: OpenApiVersion): CompiledSchema {
  const source = SCHEMA_SOURCES[version];
  // `verbose` keeps each error's schema, so a failed alternative's branches can be re-checked one by one.
  const ajv = compilation().schemaAjv(source, OPTIONS);
  const base = schemaBase(source);
  const validate = ajv.getSchema(base)!;
  const definitions = new Map<string, ValidateFunction | undefined>();
  return {
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

/** Validators that answer valid or not, and nothing more: what a valid document needs, at half the cost. */
export interface SchemaVerdict {
  document: ValidateFunction;
  /** For each `paths` entry whose key starts with `/`. */
  pathItem: ValidateFunction | undefined;
  /** For the operation fields of `OPERATION_PARTS` that this version has, each against its property schema. */
  operationParts: Record<string, ValidateFunction>;
}

const verdicts = new Map<OpenApiVersion, SchemaVerdict>();

export function schemaVerdict(version: OpenApiVersion): SchemaVerdict {
  let verdict = verdicts.get(version);
  if (!verdict) {
    verdict = loadPrecompiledVerdict(version) ?? compileVerdict(version);
    verdicts.set(version, verdict);
  }
  return verdict;
}

function loadPrecompiledVerdict(version: OpenApiVersion): SchemaVerdict | undefined {
  const module = requirePrecompiled<{ root: ValidateFunction; pathItem: ValidateFunction } & Record<string, ValidateFunction | undefined>>(SCHEMA_SOURCES[version].verdictFile);
  if (!module) return undefined;
  const operationParts: Record<string, ValidateFunction> = {};
  for (const part of Object.keys(operationPartRefs(SCHEMA_SOURCES[version]))) {
    const validate = module[`part_${part}`];
    if (validate) operationParts[part] = validate;
  }
  return { document: module.root, pathItem: module.pathItem, operationParts };
}

function compileVerdict(version: OpenApiVersion): SchemaVerdict {
  const source = SCHEMA_SOURCES[version];
  const ajv = compilation().schemaAjv(source, verdictOptions(OPTIONS));
  const base = schemaBase(source);
  const find = (ref: string): ValidateFunction | undefined => {
    try {
      return ajv.getSchema(`${base}${ref}`);
    } catch {
      return undefined;
    }
  };
  const operationParts: Record<string, ValidateFunction> = {};
  for (const [part, ref] of Object.entries(operationPartRefs(source))) {
    const validate = find(ref);
    if (validate) operationParts[part] = validate;
  }
  return { document: ajv.getSchema(base)!, pathItem: find(source.pathItem), operationParts };
}
