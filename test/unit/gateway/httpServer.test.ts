import assert from 'node:assert/strict';
import * as http from 'node:http';
import { startGatewayServer, type GatewayServer } from '../../../server/src/gateway/httpServer';
import { closeHost, fn, gatewayFor, startBackend, type Backend } from './gatewayFixture';

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

describe('gateway HTTP server', function () {
  this.timeout(20000);
  let backend: Backend;
  let base = '';
  let served: GatewayServer | undefined;
  before(async () => {
    backend = await startBackend((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1', 'b=2'], 'X-Once': 'one' });
      res.end('backend');
    });
    base = backend.url;
  });
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });
  after(() => {
    backend.close();
    closeHost();
  });

  it('sends each value of a header an HTTP_PROXY backend repeated once, on its own line', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'cookies', version: '1' },
      paths: { '/c': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `${base}/c` } } } },
    });
    const gateway = gatewayFor(doc, {}, 'cookies.json');
    served = await startGatewayServer(() => gateway, { port: 0 });
    const lines = await headerLines(`${served.url}/c`);
    assert.deepEqual(valuesOf(lines, 'set-cookie'), ['a=1', 'b=2']);
    assert.deepEqual(valuesOf(lines, 'x-once'), ['one']);
    const invoked = await gateway.invoke({ method: 'GET', path: '/c' });
    assert.equal(invoked.headers['Set-Cookie'], undefined);
    assert.deepEqual(invoked.multiValueHeaders?.['Set-Cookie'], ['a=1', 'b=2']);
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
    served = await startGatewayServer(() => gateway, { port: 0 });
    const lines = await headerLines(`${served.url}/l`);
    assert.deepEqual(valuesOf(lines, 'set-cookie'), ['a=1', 'b=2']);
    assert.deepEqual(valuesOf(lines, 'x-both'), ['single', 'm1', 'm2']);
  });
});
