import assert from 'node:assert/strict';
import * as http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInvoke } from '../../../server/src/cli/commands/invoke';
import { readBytesFile, readTextFile, type CliIO } from '../../../server/src/cli/io';
import type { LocalGateway } from '../../../server/src/gateway/gateway';
import { headerProblem, printableHeaderText } from '../../../server/src/gateway/headerSyntax';
import type { GatewayResponse } from '../../../server/src/gateway/types';
import { closeHost, fn, gatewayFor, json, lambdaUri, startBackend, useGatewayServer } from './gatewayFixture';

/** The QA reproduction: a query string value echoed into a response header by a template's responseOverride. */
const ECHO_OVERRIDE = `openapi: 3.0.1
info: { title: echo, version: '1' }
paths:
  /q:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses:
          default:
            statusCode: '200'
            responseTemplates:
              application/json: |
                #set($context.responseOverride.header.X-Echo = $input.params('v'))
                ok
`;

const restLambda = (name: string) => `openapi: 3.0.1
info: { title: proxy, version: '1' }
paths:
  /l:
    get:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri(name)} }
`;

const HTTP_API_ECHO = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'echo', version: '1' },
  paths: {
    '/e': {
      get: {
        'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('EchoHeader'), payloadFormatVersion: '2.0' },
      },
    },
  },
});

function messages(response: GatewayResponse): string[] {
  return response.log.map((e) => e.message);
}

/** A response's header lines as the client received them, names lower-cased, values as bytes read as UTF-8. */
function rawHead(url: string): Promise<{ status: number; lines: [string, string][] }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        const lines: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push([res.rawHeaders[i].toLowerCase(), Buffer.from(res.rawHeaders[i + 1], 'latin1').toString('utf8')]);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, lines }));
      })
      .on('error', reject);
  });
}

describe('response headers HTTP cannot carry', function () {
  this.timeout(20000);
  const serve = useGatewayServer();
  after(closeHost);

  it('answers a responseOverride header with a line break with a 502, the log naming the header and why', async () => {
    const gw = gatewayFor(ECHO_OVERRIDE);
    const r = await gw.invoke({ method: 'GET', path: '/q?v=a%0Ab' });
    assert.equal(r.status, 502);
    assert.deepEqual(json(r.body), { message: 'Internal server error' });
    assert.equal(r.headers['X-Echo'], undefined);
    assert.ok(messages(r).includes('Execution failed due to configuration error: the response header "X-Echo" cannot be sent: its value has a line feed (LF), which a header value cannot have'), messages(r).join('\n'));
    const fine = await gw.invoke({ method: 'GET', path: '/q?v=ok' });
    assert.equal(fine.status, 200);
    assert.equal(fine.headers['X-Echo'], 'ok');
  });

  it('keeps serving after such a response: the request gets a 502, the next ones their answers', async () => {
    const gw = gatewayFor(ECHO_OVERRIDE);
    const lines: string[] = [];
    const server = await serve(gw, { onRequest: (line) => lines.push(line) });
    for (const v of ['a%0Ab', 'a%0D%0ASet-Cookie:%20x=1', '%00']) {
      const bad = await fetch(`${server.url}/q?v=${v}`);
      assert.equal(bad.status, 502, v);
      assert.equal(bad.headers.get('set-cookie'), null);
      assert.deepEqual(await bad.json(), { message: 'Internal server error' });
    }
    const good = await fetch(`${server.url}/q?v=fine`);
    assert.equal(good.status, 200);
    assert.equal(good.headers.get('x-echo'), 'fine');
    assert.match(lines[0], /^GET \/q\?v=a%0Ab 502 /);
  });

  it('answers a Lambda proxy result with a line break in a value, a space in a name or a CR in a list with a 502', async () => {
    const config = { functions: { Value: fn('lineBreakHeader'), Name: fn('spaceInHeaderName'), List: fn('carriageReturnInList') } };
    const cases: Array<[string, string]> = [
      ['Value', 'the response header "X-Bad" cannot be sent: its value has a line feed (LF), which a header value cannot have'],
      ['Name', 'the response header "Bad Name" cannot be sent: its name has a space, which a header name cannot have'],
      ['List', 'the response header "X-M" cannot be sent: its value has a carriage return (CR), which a header value cannot have'],
    ];
    for (const [name, why] of cases) {
      const gw = gatewayFor(restLambda(name), config);
      const r = await gw.invoke({ method: 'GET', path: '/l' });
      assert.equal(r.status, 502, name);
      assert.deepEqual(json(r.body), { message: 'Internal server error' });
      assert.ok(messages(r).includes(`Execution failed due to configuration error: ${why}`), messages(r).join('\n'));
      const served = await serve(gw);
      const res = await fetch(`${served.url}/l`);
      assert.equal(res.status, 502);
    }
  });

  it('answers an HTTP API function echoing CR LF into a header with a 502 over HTTP', async () => {
    const gw = gatewayFor(HTTP_API_ECHO, { functions: { EchoHeader: fn('echoQueryIntoHeader') } }, 'echo.json');
    const served = await serve(gw);
    const bad = await fetch(`${served.url}/e?v=x%0D%0AInjected:%20yes`);
    assert.equal(bad.status, 502);
    assert.equal(bad.headers.get('injected'), null);
    assert.deepEqual(await bad.json(), { message: 'Internal Server Error' });
    const good = await fetch(`${served.url}/e?v=plain`);
    assert.equal(good.status, 200);
    assert.equal(good.headers.get('x-echo'), 'plain');
  });

  it('drops such a header from a gateway response instead, saying so in the log', async () => {
    const doc = `openapi: 3.0.1
info: { title: gr, version: '1' }
x-amazon-apigateway-gateway-responses:
  MISSING_AUTHENTICATION_TOKEN:
    statusCode: '404'
    responseParameters:
      gatewayresponse.header.X-Asked: method.request.querystring.v
      gatewayresponse.header.X-Static: "'kept'"
paths: {}
`;
    const r = await gatewayFor(doc).invoke({ method: 'GET', path: '/nowhere?v=a%0Ab' });
    assert.equal(r.status, 404);
    assert.equal(r.headers['X-Asked'], undefined);
    assert.equal(r.headers['X-Static'], 'kept');
    assert.ok(messages(r).includes('Response header "X-Asked" dropped: its value has a line feed (LF), which a header value cannot have'), messages(r).join('\n'));
  });

  it('sends a function\'s value past Latin-1 as UTF-8 bytes instead of failing', async () => {
    const gw = gatewayFor(restLambda('Unicode'), { functions: { Unicode: fn('unicodeHeader') } });
    const served = await serve(gw);
    const { status, lines } = await rawHead(`${served.url}/l`);
    assert.equal(status, 200);
    assert.deepEqual(lines.filter(([k]) => k === 'x-name').map(([, v]) => v), ['José ✓']);
  });

  it('passes an HTTP backend\'s header bytes on unchanged, with a text body as with a binary one', async () => {
    const disposition = Buffer.from('attachment; filename="é.txt"', 'utf8');
    const backend = await startBackend((request, res) => {
      res.writeHead(200, { 'Content-Type': request.url.includes('bin') ? 'application/octet-stream' : 'text/plain', 'Content-Disposition': disposition.toString('latin1') });
      res.end(Buffer.from([1, 2, 3]));
    });
    try {
      const doc = `openapi: 3.0.1
info: { title: bytes, version: '1' }
paths:
  /{file}:
    get:
      parameters: [{ name: file, in: path, required: true, schema: { type: string } }]
      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: '${backend.url}/{file}', requestParameters: { integration.request.path.file: method.request.path.file } }
`;
      const gw = gatewayFor(doc);
      const served = await serve(gw);
      for (const file of ['text', 'bin']) {
        const { status, lines } = await rawHead(`${served.url}/${file}`);
        assert.equal(status, 200, file);
        assert.deepEqual(lines.filter(([k]) => k === 'content-disposition').map(([, v]) => v), ['attachment; filename="é.txt"'], file);
      }
    } finally {
      backend.close();
    }
  });

  it('survives a gateway answer Node.js refuses, a gateway that throws and a log line that throws', async () => {
    const answers: Array<() => Promise<GatewayResponse>> = [
      async () => ({ status: 200, headers: { 'X-Bad': 'a\r\nb' }, body: 'split', log: [], latencyMs: 0, steps: [] }),
      () => {
        throw new Error('no gateway');
      },
      async () => ({ status: 201, headers: {}, body: 'made', log: [], latencyMs: 0, steps: [] }),
    ];
    let next = 0;
    const fake = { invoke: () => answers[next++](), model: undefined, dispose: () => undefined } as unknown as LocalGateway;
    const lines: string[] = [];
    const served = await serve(fake, {
      onRequest: (line) => {
        lines.push(line);
        throw new Error('the log is gone');
      },
    });
    const refused = await fetch(`${served.url}/a`);
    assert.equal(refused.status, 502);
    assert.deepEqual(await refused.json(), { message: 'Internal server error' });
    const thrown = await fetch(`${served.url}/b`);
    assert.equal(thrown.status, 500);
    const made = await fetch(`${served.url}/c`);
    assert.equal(made.status, 201);
    assert.equal(await made.text(), 'made');
    assert.match(lines[0], /^GET \/a 502 [\d.]+ ms, the response could not be sent: Invalid character in header content \["X-Bad"\]$/);
    assert.equal(lines[1], 'GET /b 500 local gateway failure: no gateway');
  });

  it('says what is wrong with a header, and prints one with control characters quoted', () => {
    assert.equal(headerProblem('X-Fine', 'a\tb é ✓'), undefined);
    assert.equal(headerProblem('', 'v'), 'its name is empty');
    assert.equal(headerProblem('X:Y', 'v'), 'its name has the character U+003A, which a header name cannot have');
    assert.equal(headerProblem('X', 'a\u007fb'), 'its value has the character U+007F, which a header value cannot have');
    assert.equal(printableHeaderText('a\nb'), '"a\\nb"');
    assert.equal(printableHeaderText('plain "text"'), 'plain "text"');
  });

  it('apigw invoke prints the 502 and no header line of the value', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-headers-'));
    try {
      mkdirSync(path.join(dir, '.apigateway'));
      writeFileSync(path.join(dir, '.apigateway', 'local.json'), '{}');
      writeFileSync(path.join(dir, 'api.yaml'), ECHO_OVERRIDE);
      const io = { stdout: '', stderr: '', cwd: dir, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t), readFile: (f: string) => readTextFile(path.resolve(dir, f)), readBytes: (f: string) => readBytesFile(path.resolve(dir, f)) };
      assert.equal(await runInvoke(['api.yaml', '--method', 'GET', '--path', '/q?v=a%0AInjected:%20yes', '--log'], io as CliIO), 0);
      assert.match(io.stdout, /^HTTP 502\n/);
      assert.ok(!/^Injected:/m.test(io.stdout), io.stdout);
      assert.match(io.stderr, /the response header "X-Echo" cannot be sent: its value has a line feed \(LF\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
