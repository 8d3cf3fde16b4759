import assert from 'node:assert/strict';
import { NOT_FORWARDED } from '../../../server/src/gateway/integrations/httpClient';
import { gatewayOwnedHeaders, HOP_BY_HOP } from '../../../server/src/gateway/responseHeaders';
import { closeHost, fn, gatewayFor, lambdaUri } from './gatewayFixture';

const REST = (name: string) => `openapi: 3.0.1
info: { title: rest, version: '1' }
paths:
  /r:
    get:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri(name)} }
`;

const HTTP = (name: string, format: '1.0' | '2.0') =>
  JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'http', version: '1' },
    paths: { '/r': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, payloadFormatVersion: format } } } },
  });

const functions = {
  Framing: fn('framingHeaders'),
  Untyped: fn('noContentType'),
  Bare: fn('bareString'),
};

describe('gateway Lambda proxy results', function () {
  this.timeout(20000);
  after(closeHost);

  it('REST renames the function\'s Content-Length, Date, Server and Connection to x-amzn-Remapped-<name> and drops hop-by-hop headers', async () => {
    const r = await gatewayFor(REST('Framing'), { functions }).invoke({ method: 'GET', path: '/r' });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.body, 'hello, wörld');
    assert.deepEqual(
      Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'x-amzn-RequestId')),
      {
        'Content-Type': 'text/plain',
        'X-Kept': 'yes',
        'x-amzn-Remapped-Content-Length': '2',
        'x-amzn-Remapped-Date': 'Mon, 01 Jan 2024 00:00:00 GMT',
        'x-amzn-Remapped-Server': 'app',
        'x-amzn-Remapped-Connection': 'close',
      },
    );
    assert.equal(r.multiValueHeaders, undefined);
  });

  it('HTTP APIs drop the function\'s framing and connection headers and keep the rest', async () => {
    for (const format of ['1.0', '2.0'] as const) {
      const r = await gatewayFor(HTTP('Framing', format), { functions }, 'http.json').invoke({ method: 'GET', path: '/r' });
      assert.equal(r.status, 200, r.body);
      const names = Object.keys({ ...r.headers, ...r.multiValueHeaders }).map((k) => k.toLowerCase());
      for (const gone of ['content-length', 'transfer-encoding', 'connection', 'keep-alive']) assert.ok(!names.includes(gone), `${format}: ${gone} in ${names.join(', ')}`);
      assert.equal(r.headers['X-Kept'], 'yes');
    }
  });

  it('builds what is not forwarded or passed back from one hop-by-hop set, each keeping its own members', () => {
    assert.deepEqual([...HOP_BY_HOP].sort(), ['connection', 'content-length', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
    assert.deepEqual([...NOT_FORWARDED].sort(), ['connection', 'content-length', 'host', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
    const names = [...HOP_BY_HOP, 'host', 'expect', 'proxy-authenticate', 'trailers', 'apigw-requestid', 'date', 'server', 'x-kept'];
    const result = Object.fromEntries(names.map((name) => [name.toUpperCase(), 'v']));
    const kept = (httpApi: boolean) => Object.keys(gatewayOwnedHeaders(result, httpApi)).sort();
    assert.deepEqual(kept(false), ['APIGW-REQUESTID', 'TRAILERS', 'X-KEPT', 'x-amzn-Remapped-CONNECTION', 'x-amzn-Remapped-CONTENT-LENGTH', 'x-amzn-Remapped-DATE', 'x-amzn-Remapped-SERVER']);
    assert.deepEqual(kept(true), ['DATE', 'EXPECT', 'HOST', 'SERVER', 'X-KEPT']);
  });

  it('REST sends a result that names no Content-Type as application/json', async () => {
    const r = await gatewayFor(REST('Untyped'), { functions }).invoke({ method: 'GET', path: '/r' });
    assert.equal(r.status, 201);
    assert.equal(r.headers['Content-Type'], 'application/json');
    assert.equal(r.headers['X-N'], '5');
  });

  it('HTTP API payload 2.0 sends a result with a statusCode and no content-type as text/plain; charset=utf-8', async () => {
    const r = await gatewayFor(HTTP('Untyped', '2.0'), { functions }, 'http.json').invoke({ method: 'GET', path: '/r' });
    assert.equal(r.status, 201);
    assert.equal(r.headers['Content-Type'], 'text/plain; charset=utf-8');
    assert.equal(r.body, 'made');
  });

  it('HTTP API payload 2.0 takes a bare string result as the body itself, typed as JSON', async () => {
    const r = await gatewayFor(HTTP('Bare', '2.0'), { functions }, 'http.json').invoke({ method: 'GET', path: '/r' });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'Hello from Lambda!');
    assert.equal(r.headers['Content-Type'], 'application/json');
  });
});
