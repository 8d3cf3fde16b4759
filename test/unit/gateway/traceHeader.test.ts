import assert from 'node:assert/strict';
import * as http from 'node:http';
import { closeHost, gatewayFor, useBackend, useGatewayServer } from './gatewayFixture';

/** A one-operation document whose GET /t is integrated with `integration`. */
function docWith(integration: Record<string, unknown>): string {
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'trace', version: '1' },
    paths: { '/t': { get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': integration } } },
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

const TRACE = /^Root=1-([0-9a-f]{8})-([0-9a-f]{24})$/;

describe('the X-Amzn-Trace-Id header on requests to HTTP backends', function () {
  this.timeout(20000);
  const backend = useBackend((_, res) => res.end('traced'));
  const serve = useGatewayServer();
  after(closeHost);

  for (const type of ['http', 'http_proxy']) {
    it(`REST ${type}: a served request reaches the backend with a well-formed trace id of its own, stamped with the time of the request`, async () => {
      const integration = { type, httpMethod: 'GET', uri: `${backend.url}/t`, ...(type === 'http' ? { responses: { default: { statusCode: '200' } } } : {}) };
      const gw = gatewayFor(docWith(integration), {}, 'rest.json');
      const served = await serve(gw);
      const from = Math.floor(Date.now() / 1000);
      assert.equal(await get(`${served.url}/t`), 200);
      assert.equal(await get(`${served.url}/t`), 200);
      const to = Math.ceil(Date.now() / 1000);
      const [first, second] = backend.requests.slice(-2).map((r) => String(r.headers['x-amzn-trace-id']));
      for (const trace of [first, second]) {
        const parts = TRACE.exec(trace);
        assert.ok(parts, trace);
        const seconds = parseInt(parts[1], 16);
        assert.ok(seconds >= from && seconds <= to, `${seconds} not within ${from}..${to}`);
      }
      assert.notEqual(first, second);
    });
  }

  it('REST: a trace id the client sent is passed on as it is', async () => {
    const gw = gatewayFor(docWith({ type: 'http', httpMethod: 'GET', uri: `${backend.url}/t`, responses: { default: { statusCode: '200' } } }), {}, 'rest.json');
    const served = await serve(gw);
    const sent = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    assert.equal(await get(`${served.url}/t`, { 'X-Amzn-Trace-Id': sent }), 200);
    assert.equal(backend.requests.at(-1)!.headers['x-amzn-trace-id'], sent);
  });

  it('the random part of trace ids varies in every digit, with no fixed version or variant digit', async () => {
    const gw = gatewayFor(docWith({ type: 'http', httpMethod: 'GET', uri: `${backend.url}/t`, responses: { default: { statusCode: '200' } } }), {}, 'rest.json');
    const seen = Array.from({ length: 24 }, () => new Set<string>());
    for (let i = 0; i < 40; i++) {
      await gw.invoke({ method: 'GET', path: '/t' });
      const random = TRACE.exec(String(backend.requests.at(-1)!.headers['x-amzn-trace-id']))![2];
      [...random].forEach((digit, at) => seen[at].add(digit));
    }
    // 40 draws of a random hexadecimal digit all alike: about one chance in 10^46.
    assert.ok(seen.every((digits) => digits.size > 1), seen.map((d) => d.size).join(','));
  });

  it('HTTP API HTTP_PROXY: no trace id is added, AWS documenting it for REST APIs only', async () => {
    const gw = gatewayFor(docWith({ type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/t`, payloadFormatVersion: '1.0' }), {}, 'http.json');
    assert.equal(gw.model.dialect, 'http');
    const served = await serve(gw);
    assert.equal(await get(`${served.url}/t`), 200);
    assert.equal(backend.requests.at(-1)!.headers['x-amzn-trace-id'], undefined);
  });
});
