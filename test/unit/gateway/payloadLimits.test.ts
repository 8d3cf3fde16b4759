import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createLocalGateway } from '../../../server/src/gateway/gateway';
import { documentFromText } from '../../../server/src/gateway/workspaceFiles';
import { closeHost, fn, FIXTURES, gatewayFor, host, json, lambdaUri, logMessages } from './gatewayFixture';

const REST = (name: string, extra = '') => `openapi: 3.0.1
info: { title: rest, version: '1' }
paths:
  /r:
    post:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri(name)} }
${extra}`;

const HTTP = (name: string) =>
  JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'http', version: '1' },
    paths: { '/r': { post: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, payloadFormatVersion: '2.0' } } } },
  });

const functions = { Echo: fn('echoEvent'), Huge: fn('hugeResult') };
const text = (bytes: number) => Buffer.alloc(bytes, 'a');

describe('gateway payload limits', function () {
  this.timeout(30000);
  after(closeHost);

  it('REST refuses a body over 10 MB with 413 and the text API Gateway sends, without calling the integration', async () => {
    const r = await gatewayFor(REST('Echo'), { functions }).invoke({ method: 'POST', path: '/r', body: text(10_485_761) });
    assert.equal(r.status, 413);
    assert.equal(r.body, 'HTTP content length exceeded 10485760 bytes.');
    assert.equal(r.headers['Content-Type'], 'text; charset=utf-8');
    assert.ok(!logMessages(r).some((m) => m.startsWith('Sending request')), logMessages(r).join('\n'));
    assert.ok(logMessages(r).includes('Gateway response type: REQUEST_TOO_LARGE with status code: 413'));
  });

  it('HTTP APIs refuse a body over 10 MB with 413 and a JSON message; a caller that did not read the body gives its length', async () => {
    const r = await gatewayFor(HTTP('Echo'), { functions }, 'http.json').invoke({ method: 'POST', path: '/r', bodyLength: 20_000_000 });
    assert.equal(r.status, 413);
    assert.deepEqual(json(r.body), { message: 'Request Entity Too Large' });
  });

  it('accepts a body of exactly 10 MB', async () => {
    const r = await gatewayFor(HTTP('Echo'), { functions }, 'http.json').invoke({ method: 'POST', path: '/r', bodyLength: 10_485_760 });
    assert.notEqual(r.status, 413);
  });

  it('REST answers a Lambda event over 6 MB with 413 "Request Too Long", which gateway responses cannot change, and the handler does not run', async () => {
    const custom = `x-amazon-apigateway-gateway-responses:
  REQUEST_TOO_LARGE: { statusCode: '400', responseTemplates: { application/json: '{"custom": true}' } }
  DEFAULT_4XX: { responseTemplates: { application/json: '{"custom": 4}' } }
`;
    const r = await gatewayFor(REST('Echo', custom), { functions }).invoke({ method: 'POST', path: '/r', body: text(7_000_000) });
    assert.equal(r.status, 413);
    assert.deepEqual(json(r.body), { message: 'Request Too Long' });
    assert.equal(r.headers['x-amzn-ErrorType'], 'BadRequestException');
    const log = logMessages(r);
    assert.ok(log.some((m) => m.startsWith('Lambda invocation failed with status: 413') && m.includes('6291456 bytes')), log.join('\n'));
    assert.ok(!log.some((m) => /^Lambda (cold start|duration)/.test(m)), log.join('\n'));
    assert.equal(r.functionOutput, undefined);
  });

  it('a custom Lambda integration answers an event over 6 MB as the proxy does on REST, and keeps the header it has always had on HTTP APIs', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'custom', version: '1' },
      paths: { '/r': { post: { 'x-amazon-apigateway-integration': { type: 'aws', httpMethod: 'POST', uri: lambdaUri('Echo'), responses: { default: { statusCode: '200' } } } } } },
      'x-amazon-apigateway-gateway-responses': { REQUEST_TOO_LARGE: { statusCode: '400', responseTemplates: { 'application/json': '{"custom": true}' } } },
    });
    const request = { method: 'POST', path: '/r', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ a: 'a'.repeat(7_000_000) }) };
    const rest = await gatewayFor(doc, { functions }, 'custom.json').invoke(request);
    assert.equal(rest.status, 413);
    assert.deepEqual(json(rest.body), { message: 'Request Too Long' });
    assert.deepEqual(Object.keys(rest.headers), ['Content-Type', 'x-amzn-ErrorType', 'x-amzn-RequestId']);
    assert.equal(rest.headers['Content-Type'], 'application/json');
    assert.equal(rest.headers['x-amzn-ErrorType'], 'BadRequestException');
    const forced = createLocalGateway(documentFromText(path.join(FIXTURES, 'custom.json'), doc), { functions }, { lambdaHost: host, baseDir: FIXTURES, dialect: 'http' });
    const http = await forced.invoke(request);
    assert.equal(http.status, 413);
    assert.deepEqual(json(http.body), { message: 'Request Too Long' });
    assert.deepEqual(Object.keys(http.headers), ['Content-Type', 'x-amzn-ErrorType', 'apigw-requestid']);
    assert.equal(http.headers['x-amzn-ErrorType'], 'BadRequestException');
  });

  it('HTTP APIs fail an invocation whose event is over 6 MB with 500, the log naming Lambda\'s limit', async () => {
    const r = await gatewayFor(HTTP('Echo'), { functions }, 'http.json').invoke({ method: 'POST', path: '/r', body: text(7_000_000) });
    assert.equal(r.status, 500);
    assert.deepEqual(json(r.body), { message: 'Internal Server Error' });
    assert.ok(logMessages(r).some((m) => m.includes('Request must be smaller than 6291456 bytes for the InvokeFunction operation')), logMessages(r).join('\n'));
  });

  it('fails an invocation whose result is over 6 MB as Lambda does: REST 502, HTTP API 500, the log naming the limit', async () => {
    const rest = await gatewayFor(REST('Huge'), { functions }).invoke({ method: 'POST', path: '/r' });
    assert.equal(rest.status, 502);
    assert.deepEqual(json(rest.body), { message: 'Internal server error' });
    const limit = 'Response payload size exceeded maximum allowed payload size (6291556 bytes).';
    assert.ok(logMessages(rest).some((m) => m.startsWith('Lambda execution failed with status 200 due to customer function error:') && m.includes(limit)), logMessages(rest).join('\n'));
    assert.ok(logMessages(rest).some((m) => m.includes('"errorType":"Function.ResponseSizeTooLarge"')), logMessages(rest).join('\n'));
    const http = await gatewayFor(HTTP('Huge'), { functions }, 'http.json').invoke({ method: 'POST', path: '/r' });
    assert.equal(http.status, 500);
    assert.deepEqual(json(http.body), { message: 'Internal Server Error' });
  });
});
