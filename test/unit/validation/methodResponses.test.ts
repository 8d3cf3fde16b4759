import assert from 'node:assert/strict';
import { codes, rangeOf, validate, withCode } from './validate';

/** A REST operation answering with the given `responses` entries, whose MOCK integration maps everything to 200. */
function restOperation(version: string, responses: string): string {
  return `${version}
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
${responses
  .split('\n')
  .filter(Boolean)
  .map((l) => `        ${l}`)
  .join('\n')}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default: {statusCode: '200'}
`;
}

describe('status codes of method responses', () => {
  it('warns of an OpenAPI 3 range, on its key, that it makes no method response', async () => {
    const text = restOperation('openapi: 3.0.1', `"200": {description: ok}\n"2XX": {description: ok}`);
    const found = withCode(await validate(text), 'invalid-method-response-status');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 2);
    assert.deepEqual(found[0].range, rangeOf(text, '"2XX"'));
    assert.equal(
      found[0].message,
      'API Gateway creates method responses only for three-digit status codes from 100 to 599, so the "2XX" response will not be created as written. Declare each status code the integration responses answer with, such as "200", instead of the range.',
    );
  });

  it('finds ranges in OpenAPI 3.1 and in JSON as well', async () => {
    const yaml = restOperation('openapi: 3.1.0', `"200": {description: ok}\n5XX: {description: failed}`);
    assert.deepEqual(
      withCode(await validate(yaml), 'invalid-method-response-status').map((d) => d.range),
      [rangeOf(yaml, '5XX')],
    );
    const json = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { '200': { description: 'ok' }, '4XX': { description: 'bad' } }, 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'https://example.com' } } } },
    });
    const [found] = withCode(await validate(json, { json: true }), 'invalid-method-response-status');
    assert.deepEqual(found.range, rangeOf(json, '"4XX"'));
    assert.match(found.message, /such as "400", instead of the range\.$/);
  });

  it('leaves `default`, extensions and three-digit codes alone', async () => {
    const text = restOperation('openapi: 3.0.1', `"200": {description: ok}\ndefault: {description: anything else}\nx-note: kept\n404: {description: missing}`);
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('leaves a key the OpenAPI schema refuses to the structure check, and reports what only API Gateway refuses', async () => {
    // OpenAPI 3 has no "600"; Swagger 2.0 no ranges. Each is one finding, from the schema.
    const openapi = restOperation('openapi: 3.0.1', `"200": {description: ok}\n"600": {description: odd}`);
    assert.deepEqual(codes(await validate(openapi)), ['openapi-schema']);
    const swaggerRange = restOperation("swagger: '2.0'", `"200": {description: ok}\n"2XX": {description: ok}`);
    assert.deepEqual(codes(await validate(swaggerRange)), ['openapi-schema']);
    // Swagger 2.0 takes any three digits; API Gateway only 100 to 599.
    const swaggerCode = restOperation("swagger: '2.0'", `"200": {description: ok}\n"600": {description: odd}`);
    const [found] = await validate(swaggerCode);
    assert.equal(found.code, 'invalid-method-response-status');
    assert.deepEqual(found.range, rangeOf(swaggerCode, '"600"'));
    assert.equal(found.message, 'API Gateway creates method responses only for three-digit status codes from 100 to 599, so the "600" response will not be created as written.');
  });

  it('says nothing of HTTP APIs, which have no method responses', async () => {
    const text = `openapi: 3.0.1
info: {title: t, version: '1'}
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      responses: {"2XX": {description: ok}}
      x-amazon-apigateway-integration: {type: HTTP_PROXY, httpMethod: GET, uri: 'https://example.com', payloadFormatVersion: '1.0'}
`;
    assert.deepEqual(withCode(await validate(text), 'invalid-method-response-status'), []);
  });

  it('still takes an integration response to a status only the range declares as undeclared', async () => {
    const text = restOperation('openapi: 3.0.1', `"2XX": {description: ok}`);
    assert.deepEqual(codes(await validate(text)), ['invalid-method-response-status', 'undeclared-response-status']);
  });
});

describe('articles before type names', () => {
  it('says "an integer schema" of a method response', async () => {
    const text = restOperation('openapi: 3.0.1', `"200": {description: ok, content: {application/json: {schema: {type: integer}}}}`);
    const [found] = withCode(await validate(text), 'non-object-response-schema');
    assert.equal(found.message, 'The "200" response of GET /a has an integer schema; API Gateway models of method responses must be objects (or arrays).');
    const string = restOperation('openapi: 3.0.1', `"200": {description: ok, content: {application/json: {schema: {type: string}}}}`);
    assert.match(withCode(await validate(string), 'non-object-response-schema')[0].message, / has a string schema;/);
  });

  it('says "an integer" where the OpenAPI schema wants one', async () => {
    const text = restOperation('openapi: 3.0.1', `"200": {description: ok, content: {application/json: {schema: {type: array, minItems: few}}}}`);
    const [found] = withCode(await validate(text), 'openapi-schema');
    assert.match(found.message, / must be an integer\.$/);
  });

  it('says "an integer" where an extension field wants one', async () => {
    const text = restOperation('openapi: 3.0.1', `"200": {description: ok}`).replace('        type: mock\n', '        type: mock\n        timeoutInMillis: soon\n');
    const [found] = withCode(await validate(text), 'invalid-extension-type');
    assert.match(found.message, /must be an integer, not the string "soon"\.$/);
  });
});
