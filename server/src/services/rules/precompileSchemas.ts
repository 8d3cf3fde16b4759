import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import standaloneCode from 'ajv/dist/standalone';
import options from './openapiSchemaOptions.json';
import { SCHEMA_SOURCES, definitionRefs, schemaBase, verdictOptions } from './openapiSchemaSources';

/**
 * The build's side of `openapiSchemas.ts`: ajv's standalone code for each official schema, exporting the root
 * validator, one validator per definition (`d0`, `d1`, …, for re-checking the branches of a failed alternative) and
 * `refs`, which maps each definition's local `$ref` to its export; and for each, the validators that only give a
 * verdict.
 */
export function precompiledValidators(): { file: string; code: string }[] {
  return Object.values(SCHEMA_SOURCES).flatMap((source) => {
    const settings = { ...options, logger: false as const, code: { source: true } };
    const ajv = source.draft === '2020' ? new Ajv2020(settings) : new AjvDraft04(settings);
    ajv.addSchema(source.schema);
    const base = schemaBase(source);
    const exports: Record<string, string> = { root: base };
    const refs: Record<string, string> = {};
    definitionRefs(source).forEach((ref, i) => {
      exports[`d${i}`] = `${base}${ref}`;
      refs[ref] = `d${i}`;
    });
    // The validators for a verdict: the whole document and one path item.
    const verdictSettings = verdictOptions(settings);
    const verdictAjv = source.draft === '2020' ? new Ajv2020(verdictSettings) : new AjvDraft04(verdictSettings);
    verdictAjv.addSchema(source.schema);
    return [
      { file: source.file, code: `${standaloneCode(ajv, exports)}\nexports.refs = ${JSON.stringify(refs)};\n` },
      { file: source.verdictFile, code: standaloneCode(verdictAjv, { root: base, pathItem: `${base}${source.pathItem}` }) },
    ];
  });
}
