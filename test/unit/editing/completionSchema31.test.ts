import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { applyEdits, complete } from './documents';

const SCHEMAS = 'openapi: 3.1.0\ncomponents:\n  schemas:\n    Pet:\n';
const KEYWORDS_2020_12 = ['type', 'properties', 'items', 'prefixItems', 'required', 'enum', 'const', 'format', '$ref', '$defs', 'unevaluatedProperties', 'dependentRequired', 'examples', 'contentMediaType'];
const OAS_BASE = ['discriminator', 'xml', 'externalDocs', 'example'];

describe('completion in OpenAPI 3.1 Schema Objects', () => {
  it('offers the keywords of JSON Schema 2020-12 and of the OAS base vocabulary', () => {
    const { labels } = complete(`${SCHEMAS}      |\n`);
    for (const keyword of [...KEYWORDS_2020_12, ...OAS_BASE]) assert.ok(labels.includes(keyword), `${keyword} among ${labels.join(', ')}`);
    assert.ok(!labels.includes('nullable'), 'nullable is 3.0 only');
  });

  it('offers them wherever 3.1 holds a schema, at any depth', () => {
    const places = [
      `${SCHEMAS}      properties:\n        name:\n          |\n`,
      `${SCHEMAS}      type: array\n      items:\n        |\n`,
      `${SCHEMAS}      allOf:\n        - |\n`,
      `${SCHEMAS}      $defs:\n        Id:\n          |\n`,
      'openapi: 3.1.0\npaths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n          schema:\n            |\n',
      'openapi: 3.1.0\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              |\n',
    ];
    for (const marked of places) {
      const { labels } = complete(marked);
      assert.ok(['type', 'properties', 'items', 'required', 'enum', 'discriminator'].every((l) => labels.includes(l)), `${marked}\n${labels.join(', ')}`);
    }
  });

  it('leaves out keywords already written and those the meta-schema marks replaced', () => {
    const { labels } = complete(`${SCHEMAS}      type: object\n      |\n`);
    assert.ok(!labels.includes('type') && labels.includes('properties'), labels.join(', '));
    for (const replaced of ['definitions', 'dependencies', '$recursiveRef', '$recursiveAnchor']) assert.ok(!labels.includes(replaced), replaced);
  });

  it('offers the 2020-12 type names, null among them', () => {
    const { items, labels } = complete(`${SCHEMAS}      type: |\n`);
    assert.deepEqual(labels, ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);
    // Bare, null would be read as no value at all.
    assert.equal((items.find((i) => i.label === 'null')!.textEdit as TextEdit).newText, "'null'");
    assert.deepEqual(complete(`${SCHEMAS}      properties:\n        tags:\n          items:\n            type: |\n`).labels.length, 7);
    assert.deepEqual(complete(`${SCHEMAS}      uniqueItems: |\n`).labels, ['true', 'false']);
  });

  it('opens each keyword\'s value as its type asks', () => {
    const newText = (label: string) => (complete(`${SCHEMAS}      |\n`).items.find((i) => i.label === label)!.textEdit as TextEdit).newText;
    assert.equal(newText('properties'), 'properties:\n        $0');
    assert.equal(newText('required'), 'required:\n        - $0');
    // A single name or a list of them: the name is the usual case.
    assert.equal(newText('type'), 'type: $0');
    // A number starts as a selected 0 (the keyword's lower bound), so that the value is never left null.
    assert.equal(newText('minLength'), 'minLength: ${1:0}$0');
  });

  it('offers the fields of the OAS base vocabulary\'s objects', () => {
    const discriminator = complete(`${SCHEMAS}      discriminator:\n        |\n`).items;
    assert.deepEqual(discriminator.map((i) => i.label), ['propertyName', 'mapping']);
    assert.equal(discriminator[0].detail, 'OpenAPI 3.1, required');
    assert.deepEqual(complete(`${SCHEMAS}      xml:\n        |\n`).labels, ['name', 'namespace', 'prefix', 'attribute', 'wrapped']);
    assert.deepEqual(complete(`${SCHEMAS}      xml:\n        wrapped: |\n`).labels, ['true', 'false']);
  });

  it('completes keywords in JSON', () => {
    const { document, items } = complete('{"openapi": "3.1.0", "components": {"schemas": {"Pet": {"|"}}}}', 'json');
    const item = items.find((i) => i.label === 'properties')!;
    assert.equal(applyEdits(document, [item.textEdit as TextEdit]), '{"openapi": "3.1.0", "components": {"schemas": {"Pet": {"properties": {$0}}}}}');
  });

  it('links a keyword to the Schema Object of 3.1', () => {
    const item = complete(`${SCHEMAS}      properties:\n        a:\n          |\n`).items.find((i) => i.label === 'format')!;
    assert.match(String((item.documentation as { value: string }).value), /Schema Object[\s\S]*v3\.1\.0#schema-object/);
  });

  it('still offers no keys where 3.1 names the entries, and nothing of 2020-12 in 3.0', () => {
    assert.deepEqual(complete('openapi: 3.1.0\ncomponents:\n  schemas:\n    |\n').labels.filter((l) => !l.startsWith('x-')), []);
    const schema30 = complete('openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet:\n      |\n').labels;
    assert.ok(schema30.includes('nullable') && !schema30.includes('prefixItems') && !schema30.includes('$defs'), schema30.join(', '));
    assert.deepEqual(complete('openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet:\n      type: |\n').labels, ['array', 'boolean', 'integer', 'number', 'object', 'string']);
  });
});
