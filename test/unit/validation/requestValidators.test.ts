import assert from 'node:assert/strict';
import { codes, rangeOf, validate, withCode } from './validate';

const DOC = (validator: string) => `swagger: '2.0'
info: { title: t, version: '1' }
x-amazon-apigateway-request-validators:
  all: { validateRequestBody: true, validateRequestParameters: true }
  params-only: { validateRequestBody: false, validateRequestParameters: true }
x-amazon-apigateway-request-validator: all
paths:
  /a:
    get:
      x-amazon-apigateway-request-validator: ${validator}
      responses: { '200': { description: ok } }
`;

describe('request validators', () => {
  it('accepts validators that are declared', async () => {
    assert.deepEqual(codes(await validate(DOC('params-only'))), []);
  });

  it('reports an undeclared validator with its name and the likely one', async () => {
    const text = DOC('params-onyl');
    const [d] = withCode(await validate(text), 'unknown-request-validator');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.data, { name: 'params-onyl', expected: 'params-only' });
    assert.deepEqual(d.range, rangeOf(text, 'params-onyl'));
    assert.match(d.message, /Request validator "params-onyl" is not declared \(declared validators: "all", "params-only"\)\. Did you mean "params-only"\?/);
  });

  it('reports a root validator when none are declared (JSON)', async () => {
    const text = JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: {}, 'x-amazon-apigateway-request-validator': 'basic' }, null, 2);
    const [d] = withCode(await validate(text, { json: true }), 'unknown-request-validator');
    assert.deepEqual(d.data, { name: 'basic' });
    assert.deepEqual(d.range, rangeOf(text, '"basic"'));
  });
});
