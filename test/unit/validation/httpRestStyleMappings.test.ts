import assert from 'node:assert/strict';
import { httpMappingSource } from '../../../server/src/facts/httpApiMappings';
import { httpIdentitySource } from '../../../server/src/facts/identitySources';
import { dialectReading, isUndecided } from '../../../server/src/model/dialectInference';
import { HTTP_PROXY_OPERATION, parse, rangeOf, validate, withCode } from './validate';

const CODE = 'rest-style-mapping-value';

/** An HTTP API integration whose request mappings and 200 response mappings are the given lines. */
function http(request: string[], response: string[] = []): string {
  const responses = response.length ? `        responseParameters:\n          '200':\n${response.map((l) => `            ${l}\n`).join('')}` : '';
  return `${HTTP_PROXY_OPERATION}        requestParameters:\n${request.map((l) => `          ${l}\n`).join('')}${responses}`;
}

const restStyle = async (text: string, settings = {}) => withCode(await validate(text, { settings }), CODE);

describe('HTTP API mapping values written the REST API way', () => {
  it('warns on the value, naming what HTTP APIs send and the variable to write', async () => {
    const text = http(['append:querystring.q: method.request.querystring.q', 'overwrite:header.x: context.requestId', "overwrite:header.s: 'stageVariables.s'"]);
    const found = await restStyle(text);
    assert.deepEqual(found.map((d) => d.data), [{ expected: '$request.querystring.q' }, { expected: '$context.requestId' }, { expected: '$stageVariables.s' }]);
    assert.deepEqual(found.map((d) => d.severity), [2, 2, 2]);
    assert.deepEqual(found[0].range, rangeOf(text, 'method.request.querystring.q'));
    assert.deepEqual(found[2].range, rangeOf(text, "'stageVariables.s'"));
    assert.equal(found[0].message, '`method.request.querystring.q` is how REST APIs write a mapping source. HTTP APIs read only `$request.*`, `$context.*` and `$stageVariables.*` variables and take any other value as static text, so this sends the text "method.request.querystring.q" itself. Write `$request.querystring.q`.');
  });

  it('writes headers, path parameters and body paths as `$request` variables, multi-value sources as the plain ones', async () => {
    const text = http(['overwrite:header.a: method.request.header.X-Trace', 'overwrite:path: method.request.path.id', 'overwrite:header.b: method.request.body.user.id', 'overwrite:header.c: method.request.multivalueheader.X', 'append:querystring.d: method.request.multivaluequerystring.d']);
    const found = await restStyle(text);
    assert.deepEqual(found.map((d) => d.data?.expected), ['$request.header.X-Trace', '$request.path.id', '$request.body.user.id', '$request.header.X', '$request.querystring.d']);
    assert.match(found[3].message, /HTTP APIs have no multi-value sources: `\$request\.header\.X` gives every value, joined with commas\.$/);
    assert.doesNotMatch(found[0].message, /multi-value/);
  });

  it('reads response mappings as the response side: `integration.response.*` is `$response.*`', async () => {
    const text = http(['overwrite:header.x: $request.header.x'], ['overwrite:header.a: integration.response.header.X', 'append:header.b: integration.response.body.id', 'overwrite:header.c: context.requestId', 'overwrite:header.d: method.request.header.X']);
    const found = await restStyle(text);
    assert.deepEqual(found.map((d) => d.data?.expected), ['$response.header.X', '$response.body.id', '$context.requestId', undefined]);
    assert.match(found[0].message, /read only `\$response\.\*`, `\$context\.\*` and `\$stageVariables\.\*` variables/);
  });

  it('warns on a source of the other side, which no variable of this side reads, without a rewrite', async () => {
    const text = http(['overwrite:header.x: integration.response.header.X'], ['overwrite:header.d: method.request.header.X']);
    const found = await restStyle(text);
    assert.deepEqual(found.map((d) => d.data), [undefined, undefined]);
    assert.deepEqual(found[1].range, rangeOf(text, 'method.request.header.X'));
    assert.match(found[0].message, /sends the text "integration\.response\.header\.X" itself\. A request mapping cannot read the integration's response\.$/);
    assert.match(found[1].message, /^`method\.request\.header\.X` is how REST APIs write a request mapping source\. .* A response mapping cannot read the request\.$/);
  });

  it('offers no rewrite of a REST context variable HTTP APIs lack, and says so', async () => {
    const found = await restStyle(http(['overwrite:header.r: context.resourcePath']));
    assert.deepEqual(found.map((d) => d.data), [undefined]);
    assert.match(found[0].message, /sends the text "context\.resourcePath" itself, and HTTP APIs have no `\$context\.resourcePath` to read instead\.$/);
  });

  it("checks a service integration's parameters, whose values are mapped alike", async () => {
    const text = HTTP_PROXY_OPERATION.replace('type: HTTP_PROXY', 'type: AWS_PROXY').replace('        httpMethod: GET\n        uri: https://example.com/pets\n', "        integrationSubtype: SQS-SendMessage\n        credentials: 'arn:aws:iam::123456789012:role/r'\n") + '        requestParameters:\n          QueueUrl: https://sqs.us-east-1.amazonaws.com/123456789012/q\n          MessageBody: method.request.body\n';
    assert.deepEqual((await restStyle(text)).map((d) => d.data?.expected), ['$request.body']);
  });

  it('leaves static text, HTTP API variables and remove mappings alone', async () => {
    const text = http(['overwrite:header.a: hello', 'overwrite:header.b: application/json', 'overwrite:header.c: context', 'overwrite:header.d: method.request.header', 'overwrite:header.e: stageVariables.my-stage', "overwrite:header.f: 'method.request.header.x y'", 'overwrite:header.g: ${context.requestId}-context.requestId', 'overwrite:header.h: $request.header.x', "remove:header.i: \"''\""]);
    assert.deepEqual(await restStyle(text), []);
  });

  it('leaves REST APIs and definitions whose dialect nothing decides alone', async () => {
    const operation = (mappings: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n        httpMethod: GET\n        uri: https://example.com\n        requestParameters:\n${mappings}`;
    const undecided = operation('          MessageBody: method.request.body\n          Header: context.requestId\n');
    assert.ok(isUndecided(dialectReading(parse(undecided))));
    assert.deepEqual(await restStyle(undecided), []);
    assert.deepEqual(await restStyle(operation('          integration.request.querystring.q: method.request.querystring.q\n')), []);
    assert.deepEqual(await restStyle(http(['append:querystring.q: method.request.querystring.q']), { dialect: 'rest' }), []);
  });

  it('says why a definition is taken for an HTTP API when an integration field decided it', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n        httpMethod: GET\n        uri: https://example.com\n        payloadFormatVersion: '1.0'\n        requestParameters:\n          append:querystring.q: method.request.querystring.q\n`;
    const [found] = await restStyle(text);
    assert.match(found.message, /This definition reads as an HTTP API from what only HTTP APIs read/);
  });

  it('converts sources as identity sources do, one conversion for both', () => {
    assert.equal(httpMappingSource('method.request.multivalueheader.Authorization', 'request'), '$request.header.Authorization');
    assert.equal(httpMappingSource('context.identity.sourceIp', 'response'), '$context.identity.sourceIp');
    assert.equal(httpMappingSource('integration.response.header.X', 'request'), undefined);
    assert.equal(httpMappingSource('method.request.header.X', 'response'), undefined);
    assert.equal(httpMappingSource('context.', 'request'), undefined);
    assert.equal(httpIdentitySource('method.request.querystring.token'), '$request.querystring.token');
    assert.equal(httpIdentitySource('stageVariables.v'), '$stageVariables.v');
  });
});
