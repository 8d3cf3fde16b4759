import assert from 'node:assert/strict';
import * as http from 'node:http';
import { closeHost, gatewayFor, logMessages, useGatewayServer } from './gatewayFixture';

/** A REST API with one route, whose "no route" answer maps request values into headers. */
const doc = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'gateway responses', version: '1' },
  paths: { '/known': { get: { 'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200' } } } } } },
  'x-amazon-apigateway-gateway-responses': {
    MISSING_AUTHENTICATION_TOKEN: {
      statusCode: '404',
      responseParameters: {
        'gatewayresponse.header.X-Echo': 'method.request.header.X-Client',
        'gatewayresponse.header.X-Query': 'method.request.querystring.q',
        'gatewayresponse.header.X-Static': "'fixed'",
      },
    },
  },
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      })
      .on('error', reject);
  });
}


describe('gateway response headers mapped from request values', function () {
  this.timeout(20000);
  const serve = useGatewayServer();
  after(closeHost);

  it('a header mapped from a value the request lacks is left out, not sent empty, and the log names it', async () => {
    const gw = gatewayFor(doc, {}, 'responses.json');
    const r = await gw.invoke({ method: 'GET', path: '/unknown' });
    assert.equal(r.status, 404);
    assert.equal(r.headers['X-Static'], 'fixed');
    assert.ok(!('X-Echo' in r.headers) && !('X-Query' in r.headers), JSON.stringify(r.headers));
    const log = logMessages(r);
    assert.ok(log.includes('Gateway response header not set, its mapping expression has no value here: X-Echo <- method.request.header.X-Client'), log.join('\n'));
    assert.ok(log.includes('Gateway response header not set, its mapping expression has no value here: X-Query <- method.request.querystring.q'), log.join('\n'));

    const served = await serve(gw);
    const answer = await get(`${served.url}/unknown`);
    assert.equal(answer.status, 404);
    assert.equal(answer.headers['x-static'], 'fixed');
    assert.equal(answer.headers['x-echo'], undefined);
    assert.equal(answer.headers['x-query'], undefined);
  });

  it('a value the request has, even an empty one, is mapped, and the log has no note for it', async () => {
    const gw = gatewayFor(doc, {}, 'responses.json');
    const served = await serve(gw);
    const answer = await get(`${served.url}/unknown?q=`, { 'X-Client': 'abc' });
    assert.equal(answer.headers['x-echo'], 'abc');
    assert.equal(answer.headers['x-query'], '');
    const r = await gw.invoke({ method: 'GET', path: '/unknown?q=1', headers: { 'x-client': 'abc' } });
    assert.equal(r.headers['X-Echo'], 'abc');
    assert.equal(r.headers['X-Query'], '1');
    assert.ok(!logMessages(r).some((m) => m.startsWith('Gateway response header not set')), logMessages(r).join('\n'));
  });
});
