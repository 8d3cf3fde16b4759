import assert from 'node:assert/strict';
import { parse, rangeOf, validate, withCode } from './validate';
import type { DocumentResolver } from '../../../server/src/services/validationTypes';

const OTHER = parse('components:\n  schemas:\n    Pet: { type: object }\n', false, 'file:///work/other.yaml');

const resolver: DocumentResolver = {
  async resolve(_base, ref) {
    return ref.startsWith('other.yaml') ? OTHER : undefined;
  },
};

function doc(ref: string): string {
  return `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '${ref}' }
components:
  schemas:
    Loop1: { $ref: '#/components/schemas/Loop2' }
    Loop2: { $ref: '#/components/schemas/Loop1' }
    Tree: { type: object, properties: { child: { $ref: '#/components/schemas/Tree' } } }
`;
}

describe('$ref resolution', () => {
  it('accepts local, recursive and external references that resolve', async () => {
    for (const ref of ['#/components/schemas/Tree', 'other.yaml#/components/schemas/Pet']) {
      const diagnostics = await validate(doc(ref), { resolver });
      assert.deepEqual(withCode(diagnostics, 'unresolved-ref').filter((d) => d.range.start.line === 10), [], ref);
    }
  });

  it('reports a local pointer to nothing on the $ref value', async () => {
    const text = doc('#/components/schemas/Pett');
    const [d] = withCode(await validate(text, { resolver }), 'unresolved-ref').filter((x) => x.range.start.line === 10);
    assert.match(d.message, /`#\/components\/schemas\/Pett` points to nothing/);
    assert.deepEqual(d.range, rangeOf(text, "'#/components/schemas/Pett'"));
  });

  it('reports a circle of references without looping', async () => {
    const diagnostics = withCode(await validate(doc('#/components/schemas/Loop1'), { resolver }), 'unresolved-ref');
    assert.ok(diagnostics.length >= 2);
    assert.ok(diagnostics.every((d) => /circle of references/.test(d.message)));
  });

  it('reports missing pointers in other files and unreadable files', async () => {
    const missing = withCode(await validate(doc('other.yaml#/components/schemas/Dog'), { resolver }), 'unresolved-ref').filter((d) => d.range.start.line === 10);
    assert.match(missing[0].message, /`other.yaml` has nothing at `#\/components\/schemas\/Dog`/);
    const [unreadable] = withCode(await validate(doc('gone.yaml#/Pet'), { resolver }), 'unreadable-ref-file');
    assert.match(unreadable.message, /`gone.yaml` \(named by this \$ref\) cannot be read/);
  });

  it('reports an integration $ref to a reusable integration that does not exist', async () => {
    const text = `{
  "openapi": "3.0.1",
  "info": { "title": "t", "version": "1" },
  "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } },
    "x-amazon-apigateway-integration": { "$ref": "#/components/x-amazon-apigateway-integrations/missing" } } } },
  "components": { "x-amazon-apigateway-integrations": { "other": { "type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://example.com", "payloadFormatVersion": "1.0" } } }
}`;
    const [d] = withCode(await validate(text, { json: true }), 'unresolved-ref');
    assert.deepEqual(d.range, rangeOf(text, '"#/components/x-amazon-apigateway-integrations/missing"'));
  });
});
