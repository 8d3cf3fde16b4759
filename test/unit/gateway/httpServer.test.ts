import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { closeHost, fn, gatewayFor, lambdaUri, useBackend, useGatewayServer } from './gatewayFixture';

/** The response's header lines as sent, lower-cased names in order, so that a repeated or joined value shows. */
function headerLines(url: string): Promise<[string, string][]> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        const lines: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
        res.on('end', () => resolve(lines));
      })
      .on('error', reject);
  });
}

function valuesOf(lines: [string, string][], name: string): string[] {
  return lines.filter(([k]) => k === name).map(([, v]) => v);
}

/** Sends raw request text and resolves with everything the server wrote before it closed or went quiet. */
function rawExchange(port: number, request: string, body?: (socket: net.Socket) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(request);
      body?.(socket);
    });
    let received = '';
    let quiet: NodeJS.Timeout | undefined;
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      clearTimeout(quiet);
      quiet = setTimeout(() => socket.destroy(), 300);
    });
    socket.on('error', (error) => (received ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(quiet);
      resolve(received);
    });
  });
}

const lambdaDoc = (name: string, method = 'get') => `openapi: 3.0.1
info: { title: served, version: '1' }
paths:
  /l:
    ${method}:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri(name)} }
`;

describe('gateway HTTP server', function () {
  this.timeout(20000);
  const backend = useBackend((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1', 'b=2'], 'X-Once': 'one' });
    res.end('backend');
  });
  const serve = useGatewayServer();
  after(closeHost);

  it('sends each value of a header an HTTP_PROXY backend repeated once, on its own line', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'cookies', version: '1' },
      paths: { '/c': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/c` } } } },
    });
    const gateway = gatewayFor(doc, {}, 'cookies.json');
    const served = await serve(gateway);
    const lines = await headerLines(`${served.url}/c`);
    assert.deepEqual(valuesOf(lines, 'set-cookie'), ['a=1', 'b=2']);
    assert.deepEqual(valuesOf(lines, 'x-once'), ['one']);
    const invoked = await gateway.invoke({ method: 'GET', path: '/c' });
    assert.equal(invoked.headers['Set-Cookie'], undefined);
    assert.deepEqual(invoked.multiValueHeaders?.['Set-Cookie'], ['a=1', 'b=2']);
  });

  it('frames a Lambda proxy body itself: the function\'s Content-Length and Transfer-Encoding never reach the client', async () => {
    const gateway = gatewayFor(lambdaDoc('Framing'), { functions: { Framing: fn('framingHeaders') } });
    const served = await serve(gateway);
    const answer = await rawExchange(served.port, 'GET /l HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const [head, body] = answer.split('\r\n\r\n');
    const lines = head.split('\r\n').slice(1).map((l) => l.toLowerCase());
    assert.deepEqual(lines.filter((l) => l.startsWith('content-length:')), [`content-length: ${Buffer.byteLength('hello, wörld')}`]);
    assert.ok(!lines.some((l) => l.startsWith('transfer-encoding:')), head);
    assert.ok(lines.includes('x-amzn-remapped-content-length: 2'), head);
    assert.equal(Buffer.from(body, 'latin1').toString('utf8'), 'hello, wörld');
  });

  it('answers a body declared over 10 MB with 413 at once, without waiting for the body or saying 100 Continue', async () => {
    const gateway = gatewayFor(lambdaDoc('Echo', 'post'), { functions: { Echo: fn('echoEvent') } });
    const served = await serve(gateway);
    const answer = await rawExchange(served.port, 'POST /l HTTP/1.1\r\nHost: x\r\nContent-Length: 11000000\r\nExpect: 100-continue\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.ok(!answer.includes('100 Continue'), answer);
    assert.ok(answer.endsWith('HTTP content length exceeded 10485760 bytes.'), answer);
  });

  it('answers a chunked body with 413 as soon as it passes 10 MB, while the client is still sending', async () => {
    const gateway = gatewayFor(lambdaDoc('Echo', 'post'), { functions: { Echo: fn('echoEvent') } });
    const lines: string[] = [];
    const served = await serve(gateway, { onRequest: (line) => lines.push(line) });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sentMB = 0;
    let sentWhenAnswered = -1;
    const answer = await rawExchange(served.port, 'POST /l HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n', (socket) => {
      socket.once('data', () => (sentWhenAnswered = sentMB));
      // Up to 40 MB: the server must answer well before the end.
      const more = () => {
        if (socket.destroyed || sentMB >= 40) return;
        sentMB++;
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        socket.write('\r\n', () => setImmediate(more));
      };
      more();
    });
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.ok(sentWhenAnswered >= 10 && sentWhenAnswered < 40, `answered after ${sentWhenAnswered} MB`);
    assert.match(lines[0], /^POST \/l 413 /);
  });

  it('writes what the functions of a request printed, and a failure\'s error and stack, after its request line', async () => {
    const gateway = gatewayFor(lambdaDoc('Fails'), { functions: { Fails: fn('printsThenThrows') } });
    const lines: string[] = [];
    const served = await serve(gateway, { onRequest: (line) => lines.push(line) });
    const res = await fetch(`${served.url}/l`);
    assert.equal(res.status, 502);
    assert.match(lines[0], /^GET \/l 502 [\d.]+ ms$/);
    assert.deepEqual(lines.slice(1, 4), ['  [Fails] about to fail', '  [Fails] on stderr', '  [Fails] Invoke Error TypeError: no such pet']);
    assert.match(lines[4], /^ {2}\[Fails\] {5}at .*handlers\.js:\d+:\d+\)?$/);
  });

  it('tells functions how the client connected: X-Forwarded-Proto http and the server\'s port', async () => {
    const gateway = gatewayFor(lambdaDoc('Echo'), { functions: { Echo: fn('echoEvent') } });
    const served = await serve(gateway);
    const { event } = (await (await fetch(`${served.url}/l`)).json()) as { event: { headers: Record<string, string> } };
    assert.equal(event.headers['X-Forwarded-Proto'], 'http');
    assert.equal(event.headers['X-Forwarded-Port'], String(served.port));
    assert.equal(event.headers['X-Forwarded-For'], '127.0.0.1');
  });

  it('merges a Lambda proxy result\'s headers and multiValueHeaders, a value given in both sent once', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'lambda', version: '1' },
      paths: {
        '/l': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              httpMethod: 'POST',
              uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Repeat/invocations',
            },
          },
        },
      },
    });
    const gateway = gatewayFor(doc, { functions: { Repeat: fn('repeatedHeaders') } }, 'lambda.json');
    const served = await serve(gateway);
    const lines = await headerLines(`${served.url}/l`);
    assert.deepEqual(valuesOf(lines, 'set-cookie'), ['a=1', 'b=2']);
    assert.deepEqual(valuesOf(lines, 'x-both'), ['single', 'm1', 'm2']);
  });
});
