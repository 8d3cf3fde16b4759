import standaloneCode from 'ajv/dist/standalone';
import options from './openapiSchemaOptions.json';
import { SCHEMA_SOURCES } from '../../facts/openapiSchemaSources';
import { schemaAjv } from './openapiSchemaCompilation';
import { definitionRefs, operationPartRefs, schemaBase, verdictOptions } from './openapiSchemaRefs';

/**
 * The build's side of `openapiSchemas.ts`: ajv's standalone code for each official schema, exporting the root
 * validator, one validator per definition (`d0`, `d1`, …, for re-checking the branches of a failed alternative) and
 * `refs`, which maps each definition's local `$ref` to its export; and for each, the validators that only give a
 * verdict: of the whole document, of a path item and of each operation part (`part_responses`, …).
 */
export function precompiledValidators(): { file: string; code: string }[] {
  return Object.values(SCHEMA_SOURCES).flatMap((source) => {
    const settings = { ...options, logger: false as const, code: { source: true } };
    const ajv = schemaAjv(source, settings);
    const base = schemaBase(source);
    const exports: Record<string, string> = { root: base };
    const refs: Record<string, string> = {};
    definitionRefs(source).forEach((ref, i) => {
      exports[`d${i}`] = `${base}${ref}`;
      refs[ref] = `d${i}`;
    });
    // Other options make other code: the verdict needs an ajv of its own.
    const verdictAjv = schemaAjv(source, verdictOptions(settings));
    const verdictExports: Record<string, string> = { root: base, pathItem: `${base}${source.pathItem}` };
    for (const [part, ref] of Object.entries(operationPartRefs(source))) verdictExports[`part_${part}`] = `${base}${ref}`;
    return [
      { file: source.file, code: `${standaloneCode(ajv, exports)}\nexports.refs = ${JSON.stringify(refs)};\n` },
      { file: source.verdictFile, code: withoutPathBuilding(standaloneCode(verdictAjv, verdictExports)) },
    ];
  });
}

/**
 * Ajv's code builds the JSON pointer of every value it descends into (`instancePath + "/responses/" + escaped key`)
 * before the call that checks it, to put in error objects; a verdict reads no errors, and those strings were a tenth of
 * its time. Error objects still carry a path, the parent's.
 */
function withoutPathBuilding(code: string): string {
  return code.replace(/\{instancePath:instancePath\+[^{};\n]*?,parentData:/g, '{instancePath,parentData:');
}
