import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Problem, ValidationContext } from '../../../server/src/services/validationTypes';
import { createValidationCaches } from '../../../server/src/services/validationCaches';
import { locateTemplates } from '../../../server/src/services/templates/locate';
import { templateRule } from '../../../server/src/services/templates/templateValidation';
import { parseDocument } from './support';

const CORPUS = resolve(__dirname, '../../../../shared/corpus/openapi');

/**
 * Definitions that were deployed to AWS. The findings expected are the documented escapeJavaScript quote problem in
 * the console's "method request passthrough" template, which 01 and 05 copy, the PutRecords templates of the
 * Kinesis sample (56, 57), which read `$elem` and `$foreach` without the `#foreach` that would set them, in both of
 * their templates, and the two mock templates of 01, whose YAML scalars keep `$input.params(\"data\")` with its
 * backslashes: Velocity cannot read that argument list, so those templates fail on every call (API Gateway parses
 * a template when it runs, not when it imports the definition).
 */
const KINESIS_PUT_RECORDS = ['template-undefined-variable', 'template-loop-variable-outside-loop'];
const EXPECTED: Record<string, string[]> = {
  '01_api_definition.yaml': ['template-syntax', 'template-syntax', 'template-escape-javascript-in-json'],
  '05_openapi-http-method-integration.json': ['template-escape-javascript-in-json'],
  '56_api-as-kinesis-proxy-export-swagger-with-extensions_block0.json': [...KINESIS_PUT_RECORDS, ...KINESIS_PUT_RECORDS],
  '57_api-as-kinesis-proxy-export-swagger-with-extensions_block1.json': [...KINESIS_PUT_RECORDS, ...KINESIS_PUT_RECORDS],
};

describe('templates in deployed definitions', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f)) : [];

  it('has the corpus to check', () => {
    assert.ok(files.length > 0, `no definitions in ${CORPUS}`);
  });

  for (const file of files) {
    it(`finds no false problems in ${file}`, async () => {
      const document = parseDocument(readFileSync(join(CORPUS, file), 'utf8'), `file:///${file}`);
      for (const template of locateTemplates(document)) assert.ok(template.exactOffsets, `exact offsets in ${template.mimeType}`);
      const problems: Problem[] = [];
      const context: ValidationContext = {
        document,
        dialect: 'rest',
        settings: {},
        resolver: undefined,
        caches: createValidationCaches(),
        isCancelled: () => false,
        report: (node, code, message) => problems.push({ offset: node.offset, end: node.end, code, message }),
      };
      await templateRule(context);
      assert.deepEqual(problems.map((p) => p.code), EXPECTED[file] ?? [], problems.map((p) => p.message).join('\n'));
    });
  }
});
