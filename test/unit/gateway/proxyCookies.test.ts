import assert from 'node:assert/strict';
import * as http from 'node:http';
import { closeHost, gatewayFor, logMessages, useGatewayServer } from './gatewayFixture';

/** An HTTP API whose GET /c calls `name` with payload format 2.0. */
const httpApiDoc = (name: string) =>
  JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'cookies', version: '1' },
    paths: { '/c': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, payloadFormatVersion: '2.0' } } } },
  });

const functions = {
  CookieString: { handler: 'cookieResults.js', export: 'cookieString' },
  CookieObject: { handler: 'cookieResults.js', export: 'cookieObject' },
  CookieList: { handler: 'handlers.js', export: 'withCookies' },
};

function get(url: string): Promise<{ status: number; setCookie: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], body }));
      })
      .on('error', reject);
  });
}


describe('payload format 2.0: a cookies field that is not a list of strings', function () {
  this.timeout(20000);
  const serve = useGatewayServer();
  after(closeHost);

  it('a string is ignored, as it always was here, no Set-Cookie is sent, and the execution log says so', async () => {
    const gw = gatewayFor(httpApiDoc('CookieString'), { functions }, 'http.json');
    const r = await gw.invoke({ method: 'GET', path: '/c' });
    assert.equal(r.status, 200);
    assert.equal(r.body, 'ok');
    assert.equal(r.multiValueHeaders?.['Set-Cookie'], undefined);
    assert.ok(!Object.keys(r.headers).some((k) => k.toLowerCase() === 'set-cookie'));
    const warning = logMessages(r).find((m) => m.startsWith("The Lambda proxy response's cookies field is a string"));
    assert.ok(warning, logMessages(r).join('\n'));
    assert.match(warning, /"session=abc; Path=\/"/);
    assert.match(warning, /no Set-Cookie header is sent/);

    const served = await serve(gw);
    const answer = await get(`${served.url}/c`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.setCookie, []);
  });

  it('any other value that is not a list is ignored with the same note, naming its type', async () => {
    const r = await gatewayFor(httpApiDoc('CookieObject'), { functions }, 'http.json').invoke({ method: 'GET', path: '/c' });
    assert.equal(r.status, 200);
    assert.equal(r.multiValueHeaders?.['Set-Cookie'], undefined);
    assert.ok(logMessages(r).some((m) => m.startsWith("The Lambda proxy response's cookies field is a value of type object")), logMessages(r).join('\n'));
  });

  it('the documented list still becomes one Set-Cookie header per cookie, without a note', async () => {
    const gw = gatewayFor(httpApiDoc('CookieList'), { functions }, 'http.json');
    const r = await gw.invoke({ method: 'GET', path: '/c' });
    assert.deepEqual(r.multiValueHeaders?.['Set-Cookie'], ['a=1', 'b=2']);
    assert.ok(!logMessages(r).some((m) => m.includes('cookies field')), logMessages(r).join('\n'));
    const served = await serve(gw);
    assert.deepEqual((await get(`${served.url}/c`)).setCookie, ['a=1', 'b=2']);
  });
});
