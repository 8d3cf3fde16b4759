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

  it('looks up no name in an HTTP API, whose import ignores the selection and says so once', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      x-amazon-apigateway-request-validator: basic
      responses: { default: { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, payloadFormatVersion: '2.0', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations' }
`;
    const diagnostics = await validate(text);
    assert.deepEqual(withCode(diagnostics, 'unknown-request-validator'), []);
    assert.match(withCode(diagnostics, 'dialect-mismatch')[0].message, /`x-amazon-apigateway-request-validator` applies only to REST APIs/);
  });
});
