import assert from 'node:assert/strict';
import { codes, rangeOf, validate, withCode } from './validate';

describe('OpenAPI structure', () => {
  it('reports a missing required property on the key of the object that lacks it', async () => {
    const text = 'openapi: 3.0.1\ninfo:\n  title: t\npaths: {}\n';
    const [d] = withCode(await validate(text), 'openapi-schema');
    assert.equal(d.message, '`info` is missing the required property `version`.');
    assert.deepEqual(d.range, rangeOf(text, 'info'));
  });

  it('collapses the alternatives of a Swagger 2.0 parameter into one precise message (JSON)', async () => {
    const text = JSON.stringify(
      { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query' }], responses: { '200': { description: 'ok' } } } } } },
      null,
      2,
    );
    const diagnostics = withCode(await validate(text, { json: true }), 'openapi-schema');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /`get.parameters.0` is missing the required property `type`\./);
  });

  it('picks the deepest branch error of an alternative', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { a: { type: strin } } }
`;
    const diagnostics = withCode(await validate(text), 'openapi-schema');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /must be one of/);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'strin'));
  });

  it('reports unknown properties on their key but never x- keys', async () => {
    const text = 'openapi: 3.0.1\ninfo: { title: t, version: "1", x-logo: a }\npaths: {}\nx-anything: 1\nservers2: []\n';
    const diagnostics = withCode(await validate(text), 'openapi-schema');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /has the property `servers2`, which is not allowed here/);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'servers2'));
  });

  it('checks OpenAPI 3.1 documents with the 3.1 schema and warns that they may not import', async () => {
    const text = 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\n';
    assert.deepEqual(codes(await validate(text)), ['openapi-31-not-importable']);
    const bad = 'openapi: 3.1.0\ninfo: { title: t }\npaths: {}\n';
    assert.deepEqual(codes(await validate(bad)), ['openapi-31-not-importable', 'openapi-schema']);
  });

  it('accepts the schemas of a 3.1 document, which the schema reaches through a dynamic reference', async () => {
    const text = [
      'openapi: 3.1.0',
      'info: { title: t, version: "1" }',
      'paths:',
      '  /a:',
      '    get:',
      '      responses:',
      "        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: [string, 'null']}}}}}}",
      'components:',
      '  schemas:',
      '    Pet: {type: object, required: [id], properties: {id: {type: integer}}}',
      '',
    ].join('\n');
    assert.deepEqual(codes(await validate(text)), ['openapi-31-not-importable']);
    const missing = text.replace("'200': {description: ok, ", "'200': {");
    assert.deepEqual(codes(await validate(missing)), ['openapi-31-not-importable', 'openapi-schema']);
  });
});
