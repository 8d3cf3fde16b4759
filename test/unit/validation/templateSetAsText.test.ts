import assert from 'node:assert/strict';
import { validate, withCode } from './validate';

const definition = (template: string) => `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: ${JSON.stringify(template)}
        responses: { default: { statusCode: '200' } }
`;

describe('#set written as text', () => {
  it('is a warning when bare, as Velocity writes it out and the author most likely meant #set(...)', async () => {
    const found = await validate(definition('{"statusCode": 200} #set $a = 1'));
    assert.deepEqual(withCode(found, 'template-syntax'), []);
    const warnings = withCode(found, 'template-set-as-text');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /`#set` must be followed by `\(`/);
  });

  it('says nothing of an escaped \\#set(, which is text on purpose', async () => {
    const found = await validate(definition('{"statusCode": 200, "doc": "write \\#set($a = 1) to set"}'));
    assert.deepEqual([...withCode(found, 'template-syntax'), ...withCode(found, 'template-set-as-text')], []);
  });
});
