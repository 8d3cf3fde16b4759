import assert from 'node:assert/strict';
import * as net from 'node:net';
import { closeHost, gatewayFor, json, logMessages, useBackend, useGatewayServer } from './gatewayFixture';

/** A GET /h proxied to the backend, as a REST API or (with a payload format version) an HTTP API. */
function docFor(backendUrl: string, httpApi: boolean): string {
  const integration = { type: 'http_proxy', httpMethod: 'GET', uri: `${backendUrl}/h`, ...(httpApi ? { payloadFormatVersion: '1.0' } : {}) };
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'heads', version: '1' },
    paths: { '/h': { get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': integration } } },
  });
}

/** Writes a whole request and resolves with everything the server sent back before the connection closed. */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', (error) => (received ? resolve(received) : reject(error)));
    socket.on('close', () => resolve(received));
  });
}

function bodyOf(answer: string): string {
  return answer.slice(answer.indexOf('\r\n\r\n') + 4);
}


describe('the quota on the request line and header values (10,240 bytes)', function () {
  this.timeout(20000);
  const backend = useBackend((_, res) => res.end('reached'));
  const serve = useGatewayServer();
  after(closeHost);

  // `GET /h HTTP/1.1` is 15 bytes: a single header value of 10,225 bytes fills the quota exactly.
  const atLimit = 'a'.repeat(10_240 - 15);

  for (const httpApi of [false, true]) {
    const kind = httpApi ? 'HTTP API' : 'REST API';

    it(`${kind}: a request whose request line and header values make exactly 10,240 bytes goes through`, async () => {
      const gw = gatewayFor(docFor(backend.url, httpApi), {}, httpApi ? 'http.json' : 'rest.json');
      assert.equal(gw.model.dialect, httpApi ? 'http' : 'rest');
      const r = await gw.invoke({ method: 'GET', path: '/h', headers: { 'X-Big': atLimit } });
      assert.equal(r.status, 200, r.body);
      assert.equal(r.body, 'reached');
    });

    it(`${kind}: one byte more is refused with 413 before routing, the integration not called, and the log says why`, async () => {
      const gw = gatewayFor(docFor(backend.url, httpApi), {}, httpApi ? 'http.json' : 'rest.json');
      const before = backend.requests.length;
      const r = await gw.invoke({ method: 'GET', path: '/h', headers: { 'X-Big': atLimit, 'X-One': 'b' } });
      assert.equal(r.status, 413);
      assert.deepEqual(json(r.body), { message: 'Request Entity Too Large' });
      assert.equal(r.headers['Content-Type'], 'application/json');
      assert.equal(backend.requests.length, before);
      const log = logMessages(r);
      assert.ok(log.some((m) => m.startsWith('Request line and header values total 10241 bytes') && m.includes('limit of 10240 bytes')), log.join('\n'));
      assert.ok(log.includes('Gateway response type: REQUEST_TOO_LARGE with status code: 413'), log.join('\n'));
      assert.ok(!log.some((m) => m.startsWith('HTTP Method:')), log.join('\n'));
      assert.match(r.refusal ?? '', /^Request line and header values total 10241 bytes/);
    });
  }

  it('counts header values, not names, and the request line with its query string', async () => {
    const gw = gatewayFor(docFor(backend.url, false), {}, 'rest.json');
    const longName = await gw.invoke({ method: 'GET', path: '/h', headers: { ['X-' + 'n'.repeat(11_000)]: 'v' } });
    assert.equal(longName.status, 200, longName.body);
    const longQuery = await gw.invoke({ method: 'GET', path: `/h?q=${'q'.repeat(10_240)}` });
    assert.equal(longQuery.status, 413);
    // As the invoke panel sends it: the query apart from the path.
    const apart = await gw.invoke({ method: 'GET', path: '/h', query: { q: ['q'.repeat(10_240)] } });
    assert.equal(apart.status, 413);
  });

  it('served: a head between Node.js\'s default limit (16 KiB) and 64 KiB gets the gateway\'s 413 and a line saying why', async () => {
    const gw = gatewayFor(docFor(backend.url, false), {}, 'rest.json');
    const lines: string[] = [];
    const served = await serve(gw, { onRequest: (line) => lines.push(line) });
    for (const size of [12_000, 20_000]) {
      const answer = await exchange(served.port, `GET /h HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(size)}\r\nConnection: close\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 413 /, answer.slice(0, 200));
      assert.deepEqual(json(bodyOf(answer)), { message: 'Request Entity Too Large' });
    }
    assert.equal(lines.filter((l) => /^GET \/h 413 /.test(l)).length, 2, lines.join('\n'));
    assert.equal(lines.filter((l) => /^ {2}Request line and header values total \d+ bytes, over API Gateway's limit of 10240 bytes/.test(l)).length, 2, lines.join('\n'));
  });

  it('served: a head over 64 KiB, which the server does not read, gets the same 413 and a line saying why', async () => {
    const gw = gatewayFor(docFor(backend.url, true), {}, 'http.json');
    const lines: string[] = [];
    const served = await serve(gw, { onRequest: (line) => lines.push(line) });
    const before = backend.requests.length;
    const answer = await exchange(served.port, `GET /h HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`);
    assert.match(answer, /^HTTP\/1\.1 413 Payload Too Large\r\n/, answer.slice(0, 200));
    assert.deepEqual(json(bodyOf(answer)), { message: 'Request Entity Too Large' });
    assert.equal(backend.requests.length, before);
    assert.match(lines[0] ?? '', /^(GET \/h|A request) 413, not read: its head is over 65536 bytes$/, lines.join('\n'));
    assert.match(lines[1] ?? '', /limit of 10240 bytes/, lines.join('\n'));
  });

  it('served: a request that Node.js cannot parse for another reason still gets its 400', async () => {
    const gw = gatewayFor(docFor(backend.url, false), {}, 'rest.json');
    const served = await serve(gw);
    const answer = await exchange(served.port, 'GET /h HTTP/1.1\r\nHost: x\r\nBad Header Name: v\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/, answer);
  });
});
