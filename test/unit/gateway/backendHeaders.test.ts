import assert from 'node:assert/strict';
import { closeHost, gatewayFor, useBackend } from './gatewayFixture';

/** A one-operation document whose GET /h is integrated with `integration`. */
function docWith(integration: Record<string, unknown>): string {
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'headers', version: '1' },
    paths: { '/h': { get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': integration } } },
  });
}

describe('headers the gateway adds on the way to an HTTP backend', function () {
  this.timeout(20000);
  // An answer without Content-Type, as an HTTP/1.0 server often sends it.
  const backend = useBackend((_, res) => res.end('plain words'));
  after(closeHost);

  it('REST HTTP_PROXY: passes the method request with the API id, the trace id and the X-Forwarded-* headers', async () => {
    const gw = gatewayFor(docWith({ type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/h` }), { apiId: 'a1b2c3d4e5' }, 'rest.json');
    const r = await gw.invoke({ method: 'GET', path: '/h', headers: { 'User-Agent': 'client/1' }, sourceIp: '203.0.113.7' });
    assert.equal(r.status, 200, r.body);
    const { headers } = backend.requests.at(-1)!;
    assert.equal(headers['user-agent'], 'client/1');
    assert.equal(headers['x-amzn-apigateway-api-id'], 'a1b2c3d4e5');
    assert.match(String(headers['x-amzn-trace-id']), /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    assert.equal(headers['x-forwarded-for'], '203.0.113.7');
    assert.equal(headers['x-forwarded-proto'], 'https');
    assert.equal(headers['x-forwarded-port'], '443');
  });

  it('REST HTTP_PROXY: keeps the trace id and X-Forwarded-For the client sent', async () => {
    const gw = gatewayFor(docWith({ type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/h` }), {}, 'rest.json');
    await gw.invoke({ method: 'GET', path: '/h', headers: { 'X-Amzn-Trace-Id': 'Root=1-00000000-000000000000000000000001', 'X-Forwarded-For': '198.51.100.1' } });
    const { headers } = backend.requests.at(-1)!;
    assert.equal(headers['x-amzn-trace-id'], 'Root=1-00000000-000000000000000000000001');
    assert.equal(headers['x-forwarded-for'], '198.51.100.1');
  });

  it('REST HTTP: names the gateway as user agent and sends no X-Forwarded-For; a mapped header wins', async () => {
    const plain = gatewayFor(docWith({ type: 'http', httpMethod: 'GET', uri: `${backend.url}/h`, responses: { default: { statusCode: '200' } } }), { apiId: 'a1b2c3d4e5' }, 'rest.json');
    await plain.invoke({ method: 'GET', path: '/h', headers: { 'User-Agent': 'client/1' } });
    let { headers } = backend.requests.at(-1)!;
    assert.equal(headers['user-agent'], 'AmazonAPIGateway_a1b2c3d4e5');
    assert.equal(headers['x-amzn-apigateway-api-id'], 'a1b2c3d4e5');
    assert.match(String(headers['x-amzn-trace-id']), /^Root=1-/);
    assert.equal(headers['x-forwarded-for'], undefined);

    const mapped = gatewayFor(
      docWith({ type: 'http', httpMethod: 'GET', uri: `${backend.url}/h`, requestParameters: { 'integration.request.header.User-Agent': "'mine'" }, responses: { default: { statusCode: '200' } } }),
      {},
      'rest.json',
    );
    await mapped.invoke({ method: 'GET', path: '/h' });
    ({ headers } = backend.requests.at(-1)!);
    assert.equal(headers['user-agent'], 'mine');
  });

  it('HTTP API HTTP_PROXY: folds X-Forwarded-* into one Forwarded header and appends the client, host and protocol', async () => {
    const gw = gatewayFor(docWith({ type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/h`, payloadFormatVersion: '1.0' }), {}, 'http.json');
    assert.equal(gw.model.dialect, 'http');
    await gw.invoke({ method: 'GET', path: '/h', headers: { Host: 'api.example.com', 'X-Forwarded-For': '198.51.100.1, 2001:db8::1', 'X-Forwarded-Proto': 'http' }, sourceIp: '203.0.113.7' });
    const { headers } = backend.requests.at(-1)!;
    assert.equal(headers['x-forwarded-for'], undefined);
    assert.equal(headers['x-forwarded-proto'], undefined);
    assert.equal(headers.forwarded, 'for=198.51.100.1;proto=http, for="[2001:db8::1]", for=203.0.113.7;host=api.example.com;proto=https');
  });

  it('REST HTTP_PROXY: a backend answer without Content-Type reaches the client as application/json', async () => {
    const gw = gatewayFor(docWith({ type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/h` }), {}, 'rest.json');
    const r = await gw.invoke({ method: 'GET', path: '/h' });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'plain words');
    assert.equal(r.headers['Content-Type'], 'application/json');
  });

  it('HTTP API HTTP_PROXY: a backend answer without Content-Type is passed on without one', async () => {
    const gw = gatewayFor(docWith({ type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/h`, payloadFormatVersion: '1.0' }), {}, 'http.json');
    const r = await gw.invoke({ method: 'GET', path: '/h' });
    assert.equal(r.status, 200);
    assert.equal(Object.keys(r.headers).find((k) => k.toLowerCase() === 'content-type'), undefined);
  });
});
