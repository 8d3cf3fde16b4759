import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { LocalGateway } from '../../../server/src/gateway/gateway';
import { closeHost, fn, gatewayFor, json, lambdaUri, startBackend, useGatewayServer } from './gatewayFixture';

type Event = Record<string, unknown>;

/** A GET whose header lines are sent exactly as listed, repeated names and their spelling included. */
function rawGet(port: number, path: string, lines: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write([`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...lines, '', ''].join('\r\n'));
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), body: text.slice(split + 4) });
    });
  });
}

/** The same through Node.js's client, which sends an array value as one header line per value. */
function get(port: number, path: string, headers: http.OutgoingHttpHeaders): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject)
      .end();
  });
}

function proxyDoc(payloadFormatVersion?: string): string {
  const integration = payloadFormatVersion
    ? { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion }
    : { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') };
  return JSON.stringify({ openapi: '3.0.1', info: { title: 'repeated', version: '1' }, paths: { '/e': { get: { 'x-amazon-apigateway-integration': integration } } } });
}

describe('gateway repeated request headers', function () {
  this.timeout(20000);
  const serveGateway = useGatewayServer();
  const serve = async (gateway: LocalGateway) => (await serveGateway(gateway)).port;
  after(closeHost);

  it('REST proxy event: headers keep the last value, multiValueHeaders every value, as for the query string', async () => {
    const port = await serve(gatewayFor(proxyDoc(), { functions: { Echo: fn('echoEvent') } }, 'rest.json'));
    const r = await get(port, '/e?q=1&q=2', { 'X-A': ['1', '2'], 'X-B': 'only' });
    assert.equal(r.status, 200, r.body);
    const { event } = json(r.body) as { event: Event };
    const headers = event.headers as Record<string, string>;
    const multi = event.multiValueHeaders as Record<string, string[]>;
    assert.equal(headers['X-A'], '2');
    assert.deepEqual(multi['X-A'], ['1', '2']);
    assert.equal(headers['X-B'], 'only');
    assert.deepEqual(multi['X-B'], ['only']);
    assert.deepEqual(event.queryStringParameters, { q: '2' });
    assert.deepEqual(event.multiValueQueryStringParameters, { q: ['1', '2'] });
  });

  it('answers a request whose header and query names are ones every JavaScript object has', async () => {
    const port = await serve(gatewayFor(proxyDoc(), { functions: { Echo: fn('echoEvent') } }, 'rest.json'));
    const r = await rawGet(port, '/e?constructor=1&__proto__=2', ['constructor: a', '__proto__: b', 'toString: c']);
    assert.equal(r.status, 200, r.body);
    const { event } = json(r.body) as { event: Event };
    assert.deepEqual(event.multiValueQueryStringParameters, JSON.parse('{"constructor": ["1"], "__proto__": ["2"]}'));
    const multi = event.multiValueHeaders as Record<string, string[]>;
    assert.deepEqual([multi.constructor, multi.toString], [['a'], ['c']]);
    assert.ok(Object.hasOwn(multi, '__proto__'));
  });

  it('groups a name sent in two spellings under the first one', async () => {
    const port = await serve(gatewayFor(proxyDoc(), { functions: { Echo: fn('echoEvent') } }, 'rest.json'));
    const r = await rawGet(port, '/e', ['X-A: 1', 'x-a: 2', 'X-a: 3']);
    assert.equal(r.status, 200, r.body);
    const { event } = json(r.body) as { event: Event };
    const headers = event.headers as Record<string, string>;
    assert.equal(headers['X-A'], '3');
    assert.equal(headers['x-a'], undefined);
    assert.equal(headers['X-a'], undefined);
    assert.deepEqual((event.multiValueHeaders as Record<string, string[]>)['X-A'], ['1', '2', '3']);
  });

  it('HTTP API payload 1.0 event: the last value and the list, as the REST event', async () => {
    const port = await serve(gatewayFor(proxyDoc('1.0'), { functions: { Echo: fn('echoEvent') } }, 'v1.json'));
    const { event } = json((await rawGet(port, '/e', ['X-A: 1', 'X-A: 2'])).body) as { event: Event };
    assert.equal(event.version, '1.0');
    assert.equal((event.headers as Record<string, string>)['X-A'], '2');
    assert.deepEqual((event.multiValueHeaders as Record<string, string[]>)['X-A'], ['1', '2']);
  });

  it('HTTP API payload 2.0 event: values joined with commas, every Cookie header in cookies', async () => {
    const port = await serve(gatewayFor(proxyDoc('2.0'), { functions: { Echo: fn('echoEvent') } }, 'v2.json'));
    const r = await rawGet(port, '/e?q=1&q=2', ['X-A: 1', 'x-a: 2', 'Cookie: a=1; b=2', 'Cookie: c=3']);
    assert.equal(r.status, 200, r.body);
    const { event } = json(r.body) as { event: Event };
    const headers = event.headers as Record<string, string>;
    assert.equal(headers['x-a'], '1,2');
    assert.equal(headers.cookie, undefined);
    assert.deepEqual(event.cookies, ['a=1', 'b=2', 'c=3']);
    assert.equal('multiValueHeaders' in event, false);
    assert.deepEqual(event.queryStringParameters, { q: '1,2' });
  });

  it('mappings: multivalueheader gets every value; $input.params() keeps the comma-joined value', async () => {
    const backend = await startBackend((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    const received = backend.requests;
    try {
      const doc = `openapi: 3.0.1
info: { title: mapped, version: '1' }
paths:
  /m:
    post:
      parameters: [{ name: X-A, in: header, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: POST
        uri: ${backend.url}/m
        requestParameters:
          integration.request.header.X-All: method.request.multivalueheader.X-A
          integration.request.header.X-One: method.request.header.x-a
        requestTemplates:
          application/json: '{"param": "$input.params(''x-a'')", "header": "$input.params().header.get(''X-A'')"}'
        responses: { default: { statusCode: '200' } }
`;
      const port = await serve(gatewayFor(doc, {}, 'mapped.yaml'));
      const r = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/m', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-A': ['1', '2'] } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end('{}');
      });
      assert.equal(r, 200);
      const call = received.at(-1)!;
      assert.equal(call.headers['x-all'], '1,2');
      assert.equal(call.headers['x-one'], '2');
      assert.deepEqual(json(call.body), { param: '1,2', header: '1,2' });
    } finally {
      backend.close();
    }
  });
});
