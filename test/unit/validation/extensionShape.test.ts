import assert from 'node:assert/strict';
import { codes, rangeOf, restYaml, validate, withCode } from './validate';
import { getExtension, placementsOf } from '../../../server/src/facts/extensions';

describe('extension shape', () => {
  it('accepts a well-formed REST integration in any letter case of the enums', async () => {
    const text = restYaml(`type: MOCK
passthroughBehavior: WHEN_NO_MATCH
requestTemplates:
  application/json: '{"statusCode": 200}'
responses:
  default:
    statusCode: '200'`);
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('reports an unknown enum value on the value, with the near miss as data', async () => {
    const text = restYaml(`type: mokc
requestTemplates:
  application/json: '{}'`);
    const [d] = withCode(await validate(text), 'invalid-enum-value');
    assert.match(d.message, /`x-amazon-apigateway-integration.type` is "mokc"; expected one of `aws`, `aws_proxy`, `http`, `http_proxy`, `mock` \(any letter case\)/);
    assert.deepEqual(d.range, rangeOf(text, 'mokc'));
    assert.deepEqual(d.data, { expected: 'mock' });
  });

  it('gives the certain correction for a case-sensitive enum written in the wrong case', async () => {
    const text = 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths: {}\nx-amazon-apigateway-api-key-source: header\n';
    const [d] = withCode(await validate(text), 'invalid-enum-value');
    assert.deepEqual(d.data, { expected: 'HEADER' });
    assert.deepEqual(d.range, rangeOf(text, 'header'));
  });

  it('flags a numeric statusCode as information with its quoted form', async () => {
    const text = restYaml(`type: mock
requestTemplates:
  application/json: '{}'
responses:
  default:
    statusCode: 200`);
    const [d] = withCode(await validate(text), 'status-code-not-string');
    assert.equal(d.severity, 3);
    assert.deepEqual(d.data, { expected: '200' });
    assert.deepEqual(d.range, rangeOf(text, '200', 2));
  });

  it('requires payloadFormatVersion for HTTP APIs only', async () => {
    const http = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: AWS_PROXY
        uri: arn:aws:lambda:us-east-1:123456789012:function:f
`;
    const [d] = withCode(await validate(http), 'missing-required-field');
    assert.match(d.message, /needs `payloadFormatVersion` \(required for HTTP APIs\)/);
    assert.deepEqual(d.range, rangeOf(http, 'x-amazon-apigateway-integration'));
  });

  it('says which payloadFormatVersion to write when it is missing', async () => {
    const http = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: HTTP_PROXY, httpMethod: GET, uri: https://example.com }
`;
    const [d] = withCode(await validate(http), 'missing-required-field');
    assert.equal(d.message, '`x-amazon-apigateway-integration` needs `payloadFormatVersion` (required for HTTP APIs). Write "2.0" (or "1.0") for a Lambda proxy integration, "1.0" for any other.');
    assert.equal(d.severity, 1);
  });

  it('warns that a REST API import drops an integration that is only a $ref, leaving the method without one', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        $ref: '#/components/x-amazon-apigateway-integrations/f'
components:
  x-amazon-apigateway-integrations:
    f: { type: AWS_PROXY, httpMethod: POST, uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations', payloadFormatVersion: '2.0' }
`;
    const diagnostics = await validate(text, { settings: { dialect: 'rest' } });
    const found = withCode(diagnostics, 'dialect-mismatch').filter((d) => d.range.start.line === 7);
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 2);
    assert.equal(found[0].message, 'Only HTTP APIs follow `$ref` to a reusable integration: a REST API import finds no integration `type` here and leaves the method without an integration. Write the integration out in full, or import the definition as an HTTP API.');
    assert.deepEqual(found[0].range, rangeOf(text, '$ref'));
    // Nothing else is said of it: it is no integration to a REST API, and the reusable one is another dialect's.
    assert.deepEqual(diagnostics.filter((d) => d.range.start.line === 7 || d.range.start.line === 6), found);
    // An HTTP API follows it, and says nothing.
    assert.deepEqual(await validate(text, { settings: { dialect: 'http' } }), []);
  });

  it('warns about unknown fields with a suggestion', async () => {
    const text = restYaml(`type: aws_proxy
httpMethod: POST
uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
timeoutInMilis: 1000`);
    const [d] = withCode(await validate(text), 'unknown-extension-field');
    assert.equal(d.severity, 2);
    assert.match(d.message, /Did you mean `timeoutInMillis`\?/);
    assert.deepEqual(d.range, rangeOf(text, 'timeoutInMilis'));
  });

  it('warns about unknown, misplaced and other-dialect extensions in JSON', async () => {
    const text = JSON.stringify(
      {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        'x-amazon-apigateway-cors': { allowOrigins: ['*'] },
        'x-amazon-apigateway-binary-media-type': ['image/png'],
        'x-amazon-apigatway-policy': {},
        'x-amazon-other-vendor': true,
        paths: { '/a': { 'x-amazon-apigateway-request-validator': 'all', get: { responses: { '200': { description: 'ok' } } } } },
      },
      null,
      2,
    );
    const diagnostics = await validate(text, { json: true });
    assert.match(withCode(diagnostics, 'dialect-mismatch')[0].message, /applies only to HTTP APIs/);
    const [unknown, misspelt, ...others] = withCode(diagnostics, 'unknown-extension');
    assert.match(unknown.message, /Did you mean `x-amazon-apigateway-binary-media-types`\?/);
    assert.deepEqual(misspelt.data, { expected: 'x-amazon-apigateway-policy' });
    assert.deepEqual(others, []);
    assert.deepEqual(unknown.range, rangeOf(text, '"x-amazon-apigateway-binary-media-type"'));
    const [misplaced] = withCode(diagnostics, 'misplaced-extension');
    assert.match(misplaced.message, /belongs in the document root or an Operation, not a Path Item/);
  });

  it('offers no rename to an extension name the same object already has', async () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-binary-media-types: ['image/png']\nx-amazon-apigateway-binary-media-type: ['image/jpeg']\npaths: {}\n";
    const [misspelt, ...others] = withCode(await validate(text), 'unknown-extension');
    assert.deepEqual(others, []);
    assert.equal(misspelt.data, undefined, 'the rename would make a duplicate key');
    assert.match(misspelt.message, /looks like a misspelt `x-amazon-apigateway-binary-media-types`, which this object already has\.$/);
  });

  it('checks ranges, map keys and types against the catalog', async () => {
    const text = `swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
x-amazon-apigateway-minimum-compression-size: 10485761
x-amazon-apigateway-gateway-responses:
  UNAUTHORISED:
    statusCode: '401'
  DEFAULT_4XX:
    statusCode: 4000
x-amazon-apigateway-binary-media-types: image/png
`;
    const diagnostics = await validate(text);
    assert.match(withCode(diagnostics, 'value-out-of-range')[0].message, /is 10485761; it must be from 0 to 10485760/);
    const [key] = withCode(diagnostics, 'invalid-map-key');
    assert.deepEqual(key.data, { expected: 'UNAUTHORIZED' });
    assert.deepEqual(key.range, rangeOf(text, 'UNAUTHORISED'));
    assert.match(withCode(diagnostics, 'invalid-value-format')[0].message, /"4000" is not a three-digit HTTP status code/);
    assert.match(withCode(diagnostics, 'invalid-extension-type')[0].message, /must be an array, not the string "image\/png"/);
  });

  it('lists the gateway response types for a key that is none, with the one it names as the correction', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths: {}
x-amazon-apigateway-gateway-responses:
  NOT_FOUND:
    statusCode: '404'
  CUSTOM_ERROR:
    statusCode: '400'
`;
    const [notFound, custom, ...others] = withCode(await validate(text), 'invalid-map-key');
    assert.deepEqual(others, []);
    assert.equal(notFound.severity, 1);
    assert.deepEqual(notFound.range, rangeOf(text, 'NOT_FOUND'));
    assert.match(notFound.message, /^`NOT_FOUND` is not a valid key of `x-amazon-apigateway-gateway-responses`; expected one of `ACCESS_DENIED`, `API_CONFIGURATION_ERROR`, .*`RESOURCE_NOT_FOUND`, .*`WAF_FILTERED`\. Did you mean `RESOURCE_NOT_FOUND`\?$/);
    assert.deepEqual(notFound.data, { expected: 'RESOURCE_NOT_FOUND' });
    // Near no type, and part of none: no correction is offered.
    assert.match(custom.message, /expected one of `ACCESS_DENIED`.*`WAF_FILTERED`\.$/);
    assert.equal(custom.data, undefined);
  });

  it('accepts payloadFormatVersion written as the number 1.0', async () => {
    const text = `{
  "openapi": "3.0.1",
  "info": { "title": "t", "version": "1" },
  "x-amazon-apigateway-importexport-version": "1.0",
  "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } },
    "x-amazon-apigateway-integration": { "type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://example.com", "payloadFormatVersion": 1.0 } } } }
}`;
    assert.deepEqual(codes(await validate(text, { json: true })), []);
  });

  it('places the endpoint configuration where completion offers it: the root in 2.0, a Server object in 3.x', async () => {
    const endpoint = 'x-amazon-apigateway-endpoint-configuration: {disableExecuteApiEndpoint: true}';
    const at = (spec: string, place: 'root' | 'server') =>
      `${spec}\ninfo: {title: t, version: "1"}\npaths: {}\n${place === 'root' ? endpoint : `servers:\n  - url: https://example.com\n    ${endpoint}`}\n`;
    const misplaced = async (text: string) => withCode(await validate(text), 'misplaced-extension').map((d) => d.message);
    assert.deepEqual(await misplaced(at('openapi: 3.0.1', 'server')), []);
    assert.deepEqual(await misplaced(at('openapi: 3.0.1', 'root')), ['`x-amazon-apigateway-endpoint-configuration` belongs in a Server object, not the document root; API Gateway does not read it here.']);
    assert.deepEqual(await misplaced(at('swagger: "2.0"', 'root')), []);
    assert.deepEqual(await misplaced(at('swagger: "2.0"', 'server')), ['`x-amazon-apigateway-endpoint-configuration` belongs in the document root, not a Server object; API Gateway does not read it here.']);
    const endpointSpec = getExtension('x-amazon-apigateway-endpoint-configuration')!;
    assert.deepEqual([placementsOf(endpointSpec, 'openapi'), placementsOf(endpointSpec, 'swagger')], [['server'], ['root']]);
  });
});
