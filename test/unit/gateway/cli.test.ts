import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInvoke } from '../../../server/src/cli/commands/invoke';
import { runServe } from '../../../server/src/cli/commands/serve';
import { UsageError } from '../../../server/src/cli/io';
import { EXAMPLES, FIXTURES } from './gatewayFixture';
import { fakeIO } from '../../support/fakeCliIO';

/**
 * Output is written in batches and reloads follow file events: poll before asserting. The deadline is generous, since
 * a reload (a file event, a pause of 100 ms, the definition read again) can take well over a second on a loaded machine;
 * a condition met returns at once.
 */
async function waitUntil(done: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

const HEALTH = (message: string) => `openapi: 3.0.1
info: { title: served, version: '1' }
paths:
  /hello/{name}:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses:
          default:
            statusCode: '200'
            responseTemplates: { application/json: '{"message": "${message} $input.params(''name'')", "color": "$stageVariables.color"}' }
  /fn:
    post:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Echo/invocations
`;

describe('apigw invoke and apigw serve', function () {
  this.timeout(20000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-gateway-'));
    mkdirSync(path.join(dir, '.apigateway'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'handlers.js'), readFileSync(path.join(FIXTURES, 'handlers.js')));
    writeFileSync(path.join(dir, 'api.yaml'), HEALTH('hello'));
    writeFileSync(
      path.join(dir, '.apigateway', 'local.json'),
      JSON.stringify({ functions: { Echo: { handler: 'src/handlers.js', export: 'echoEvent', environment: { GREETING: 'from config' } } }, stages: { dev: { variables: { color: 'green' } } } }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('invoke prints status, headers and body, with the workspace configuration', async () => {
    const io = fakeIO(dir);
    assert.equal(await runInvoke(['api.yaml', '--method', 'GET', '--path', '/hello/ann', '--stage', 'dev'], io), 0);
    assert.match(io.stdout, /^HTTP 200\nContent-Type: application\/json\nx-amzn-RequestId: [0-9a-f-]{36}\n\n\{"message": "hello ann", "color": "green"\}\n$/);
  });

  it('invoke --json gives status, headers, body and log; a Lambda runs from the configured handler', async () => {
    writeFileSync(path.join(dir, 'body.json'), '{"x": 1}');
    const io = fakeIO(dir);
    const code = await runInvoke(['api.yaml', '--method', 'POST', '--path', '/fn?a=1', '--query', 'b=2', '--header', 'X-One: 1', '--body-file', 'body.json', '--json'], io);
    assert.equal(code, 0);
    const out = JSON.parse(io.stdout) as { status: number; headers: Record<string, string>; body: string; log: string[] };
    assert.equal(out.status, 200);
    const { event, env } = JSON.parse(out.body) as { event: { body: string; headers: Record<string, string>; queryStringParameters: Record<string, string> }; env: string };
    assert.equal(env, 'from config');
    assert.equal(event.body, '{"x": 1}');
    assert.deepEqual(event.queryStringParameters, { b: '2', a: '1' });
    assert.equal(event.headers['X-One'], '1');
    assert.ok(out.log.some((l) => l.endsWith('Method completed with status: 200')));
  });

  it('invoke --body-file sends the file\'s bytes, so a binary body arrives intact', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
    writeFileSync(path.join(dir, 'image.png'), bytes);
    writeFileSync(path.join(dir, 'binary.yaml'), `openapi: 3.0.1
info: { title: binary, version: '1' }
x-amazon-apigateway-binary-media-types: [image/png]
paths:
  /upload:
    post:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Echo/invocations
`);
    writeFileSync(path.join(dir, 'binary.json'), JSON.stringify({ functions: { Echo: { handler: 'src/handlers.js', export: 'echoEvent' } } }));
    const io = fakeIO(dir);
    assert.equal(await runInvoke(['binary.yaml', '--method', 'POST', '--path', '/upload', '--header', 'Content-Type: image/png', '--body-file', 'image.png', '--config', 'binary.json', '--json'], io), 0);
    const out = JSON.parse(io.stdout) as { status: number; body: string };
    assert.equal(out.status, 200, out.body);
    const { event } = JSON.parse(out.body) as { event: { body: string; isBase64Encoded: boolean } };
    assert.equal(event.isBase64Encoded, true);
    assert.deepEqual(Buffer.from(event.body, 'base64'), bytes);
  });

  it('invoke exits 0 for an error status and rejects usage mistakes', async () => {
    const io = fakeIO(dir);
    assert.equal(await runInvoke(['api.yaml', '--method', 'GET', '--path', '/nowhere'], io), 0);
    assert.match(io.stdout, /^HTTP 403\n/);
    await assert.rejects(runInvoke(['api.yaml', '--path', '/x'], fakeIO(dir)), UsageError);
    await assert.rejects(runInvoke(['api.yaml', '--method', 'GET', '--path', 'x'], fakeIO(dir)), UsageError);
    await assert.rejects(runInvoke(['api.yaml', '--method', 'GET', '--path', '/x', '--bogus'], fakeIO(dir)), UsageError);
    await assert.rejects(runInvoke(['missing.yaml', '--method', 'GET', '--path', '/x'], fakeIO(dir)), UsageError);
    await assert.rejects(runInvoke([path.join(EXAMPLES, 'petstore.yaml'), '--method', 'GET', '--path', '/x', '--config', 'nope.json'], fakeIO(dir)), UsageError);
  });

  it('invoke prints why a definition fault answers 500, without --log, and exits 0', async () => {
    writeFileSync(path.join(dir, 'no-uri.yaml'), 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /x:\n    get:\n      responses: { "200": { description: ok } }\n      x-amazon-apigateway-integration: { type: http, httpMethod: GET }\n');
    const io = fakeIO(dir);
    assert.equal(await runInvoke(['no-uri.yaml', '--method', 'GET', '--path', '/x'], io), 0);
    assert.match(io.stdout, /^HTTP 500\n/);
    assert.match(io.stdout, /^x-local-gateway-error: the HTTP integration has no uri; AWS refuses an integration that calls a backend without one$/m);
    assert.match(io.stdout, /\n\n\{"message":"Internal server error"\}\n$/);
  });

  it('invoke sends a header given twice, in any case, as one header with both values in order', async () => {
    const io = fakeIO(dir);
    assert.equal(await runInvoke(['api.yaml', '--method', 'POST', '--path', '/fn', '--header', 'X-A:1', '--header', 'x-a: 2', '--json'], io), 0, io.stderr);
    const { event } = JSON.parse((JSON.parse(io.stdout) as { body: string }).body) as { event: { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } };
    assert.equal(event.headers['X-A'], '2');
    assert.equal(event.headers['x-a'], undefined);
    assert.deepEqual(event.multiValueHeaders['X-A'], ['1', '2']);
  });

  it('invoke calls a malformed query string in --path a usage error', async () => {
    await assert.rejects(runInvoke(['api.yaml', '--method', 'GET', '--path', '/hello/a?x=%zz'], fakeIO(dir)), (error: unknown) => error instanceof UsageError && /^--path: '%zz' is not a valid percent-encoded/.test(error.message));
  });

  it('invoke --fail exits 1 for a status of 400 or above, and 0 below', async () => {
    assert.equal(await runInvoke(['api.yaml', '--method', 'GET', '--path', '/nowhere', '--fail'], fakeIO(dir)), 1);
    assert.equal(await runInvoke(['api.yaml', '--method', 'GET', '--path', '/hello/a', '--fail'], fakeIO(dir)), 0);
  });

  it('invoke and serve say what the local configuration gets wrong, and still use it', async () => {
    const own = mkdtempSync(path.join(tmpdir(), 'apigw-config-warnings-'));
    mkdirSync(path.join(own, '.apigateway'));
    writeFileSync(path.join(own, 'api.yaml'), HEALTH('hello'));
    writeFileSync(path.join(own, '.apigateway', 'local.json'), JSON.stringify({ stages: { dev: { variabls: { color: 'red' } } } }));
    const io = fakeIO(own);
    assert.equal(await runInvoke(['api.yaml', '--method', 'GET', '--path', '/hello/a', '--stage', 'prod'], io), 0, io.stderr);
    assert.match(io.stderr, /^apigw invoke: warning: .*variabls is not a known setting \(did you mean variables\?\)/m);
    assert.match(io.stderr, /^apigw invoke: warning: Stage "prod" is not defined under "stages" \(defined: dev\)/m);
  });

  it('invoke names the line and column of a syntax error in the definition', async () => {
    writeFileSync(path.join(dir, 'broken.yaml'), 'openapi: 3.0.1\ninfo: {title: t\n');
    await assert.rejects(runInvoke(['broken.yaml', '--method', 'GET', '--path', '/x'], fakeIO(dir)), (error: unknown) => error instanceof UsageError && /^broken\.yaml:2:7: This `{` is not closed/.test(error.message));
  });

  it('invoke finds the .apigateway/local.json nearest the document, not the working folder\'s; --config wins', async () => {
    const repo = path.dirname(EXAMPLES);
    const pet = fakeIO(repo);
    assert.equal(await runInvoke([path.join('examples', 'petstore.yaml'), '--method', 'GET', '--path', '/pets/1', '--json'], pet), 0);
    const out = JSON.parse(pet.stdout) as { status: number; body: string };
    assert.equal(out.status, 200, out.body);
    assert.equal((JSON.parse(out.body) as { name: string }).name, 'Rex');
    const health = fakeIO(repo);
    await runInvoke([path.join('examples', 'petstore.yaml'), '--method', 'GET', '--path', '/health'], health);
    assert.match(health.stdout, /"stage": "dev"/);

    const nested = path.join(dir, 'src', 'nested.yaml');
    writeFileSync(nested, HEALTH('nested'));
    const fromElsewhere = fakeIO(tmpdir());
    await runInvoke([nested, '--method', 'GET', '--path', '/hello/x', '--stage', 'dev'], fromElsewhere);
    assert.match(fromElsewhere.stdout, /"color": "green"/);
    writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ stages: { dev: { variables: { color: 'red' } } } }));
    const given = fakeIO(dir);
    await runInvoke([nested, '--method', 'GET', '--path', '/hello/x', '--stage', 'dev', '--config', 'other.json'], given);
    assert.match(given.stdout, /"color": "red"/);
  });

  it('invoke passes the query string of --path to the event unchanged, --query values after it', async () => {
    writeFileSync(
      path.join(dir, 'v2.json'),
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'v2', version: '1' },
        paths: { '/q': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: '2.0' } } } },
      }),
    );
    const io = fakeIO(dir);
    assert.equal(await runInvoke(['v2.json', '--method', 'GET', '--path', '/q?b=x+y&c=%20', '--query', 'd=1 2', '--json'], io), 0, io.stderr);
    const { event } = JSON.parse((JSON.parse(io.stdout) as { body: string }).body) as { event: { rawQueryString: string; queryStringParameters: Record<string, string> } };
    assert.equal(event.rawQueryString, 'b=x+y&c=%20&d=1%202');
    assert.deepEqual(event.queryStringParameters, { b: 'x y', c: ' ', d: '1 2' });
  });

  it('invoke reads repeated names, empty values and encoded characters of --path and --query as the gateway reads a query string', async () => {
    const io = fakeIO(dir);
    const args = ['api.yaml', '--method', 'POST', '--path', '/fn?a=1&a=&e&k%3Dx=%26&p=1+2', '--query', 'a=3', '--query', 'k=x=&', '--json'];
    assert.equal(await runInvoke(args, io), 0, io.stderr);
    const { event } = JSON.parse((JSON.parse(io.stdout) as { body: string }).body) as { event: { queryStringParameters: Record<string, string>; multiValueQueryStringParameters: Record<string, string[]> } };
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1', '', '3'], e: [''], 'k=x': ['&'], p: ['1 2'], k: ['x=&'] });
    assert.deepEqual(event.queryStringParameters, { a: '3', e: '', 'k=x': '&', p: '1 2', k: 'x=&' });
  });

  it('invoke --json and --log show a failed function\'s error type, message and stack trace', async () => {
    writeFileSync(path.join(dir, 'failing.json'), JSON.stringify({ functions: { Echo: { handler: 'src/handlers.js', export: 'printsThenThrows' } } }));
    const io = fakeIO(dir);
    assert.equal(await runInvoke(['api.yaml', '--method', 'POST', '--path', '/fn', '--config', 'failing.json', '--json'], io), 0);
    const out = JSON.parse(io.stdout) as { status: number; log: string[] };
    assert.equal(out.status, 502);
    const payload = out.log.find((l) => l.includes('Endpoint response body before transformations: '));
    assert.match(payload ?? '', /\{"errorType":"TypeError","errorMessage":"no such pet","trace":\["TypeError: no such pet","\s+at [^"]*handlers\.js:\d+:\d+\)?"/);
    const logged = fakeIO(dir);
    await runInvoke(['api.yaml', '--method', 'POST', '--path', '/fn', '--config', 'failing.json', '--log'], logged);
    assert.match(logged.stderr, /"errorType":"TypeError"/);
    assert.match(logged.stderr, /Lambda log: about to fail/);
  });

  it('serve prints what handlers print and a failed invocation\'s error and stack, under the request line', async () => {
    writeFileSync(
      path.join(dir, 'printing.yaml'),
      `openapi: 3.0.1
info: { title: printing, version: '1' }
paths:
  /fail:
    get:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Fails/invocations' }
  /logs:
    get:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Logs/invocations' }
`,
    );
    writeFileSync(
      path.join(dir, 'printing-config.json'),
      JSON.stringify({ functions: { Fails: { handler: 'src/handlers.js', export: 'printsThenThrows' }, Logs: { handler: 'src/handlers.js', export: 'logs' } } }),
    );
    const io = fakeIO(dir);
    const controller = new AbortController();
    const url = await new Promise<string>((resolve) => {
      void runServe(['printing.yaml', '--port', '0', '--config', 'printing-config.json'], io, { signal: controller.signal, onListening: resolve });
    });
    try {
      assert.equal((await fetch(`${url}/logs`)).status, 200);
      assert.equal((await fetch(`${url}/fail`)).status, 502);
      await waitUntil(() => io.stdout.includes('GET /fail 502') && /\[Fails\] +at /.test(io.stdout));
      assert.match(io.stdout, /^GET \/logs 200 [\d.]+ ms\n {2}\[Logs\] hello from the handler\n/m);
      assert.match(io.stdout, /^GET \/fail 502 [\d.]+ ms\n {2}\[Fails\] about to fail\n {2}\[Fails\] on stderr\n {2}\[Fails\] Invoke Error TypeError: no such pet\n {2}\[Fails\] {5}at .*handlers\.js:\d+:\d+/m);
    } finally {
      controller.abort();
      await waitUntil(() => io.stdout.includes('Stopped'));
    }
  });

  it('serve answers on 127.0.0.1, logs each request, reloads on change and stops', async () => {
    const io = fakeIO(dir);
    const controller = new AbortController();
    let url = '';
    const listening = new Promise<void>((resolve) => {
      void runServe(['api.yaml', '--port', '0', '--stage', 'dev'], io, {
        signal: controller.signal,
        onListening: (u) => {
          url = u;
          resolve();
        },
      }).then((code) => assert.equal(code, 0));
    });
    await listening;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const first = await fetch(`${url}/hello/bob`);
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { message: 'hello bob', color: 'green' });
    const lambda = await fetch(`${url}/fn`, { method: 'POST', body: 'hi' });
    assert.equal(lambda.status, 200);
    // Request lines are written in batches, shortly after the request.
    await waitUntil(() => /POST \/fn 200/.test(io.stdout));
    assert.match(io.stdout, /GET \/hello\/bob 200 [\d.]+ ms/);
    assert.match(io.stdout, /POST \/fn 200 [\d.]+ ms/);

    writeFileSync(path.join(dir, 'api.yaml'), HEALTH('goodbye'));
    let reloaded = '';
    for (let i = 0; i < 50 && !reloaded.includes('goodbye'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      reloaded = await (await fetch(`${url}/hello/bob`)).text();
    }
    assert.match(reloaded, /goodbye bob/);
    // Only the definition changed: the configuration is not named.
    assert.match(io.stdout, /^Reloaded api\.yaml\n/m);

    writeFileSync(path.join(dir, 'api.yaml'), 'openapi: 3.0.1\ninfo: {title: t\n');
    await waitUntil(() => io.stderr.includes('Reload failed'));
    assert.match(io.stderr, /^Reload failed, still serving the previous version: api\.yaml:2:7: This `{` is not closed/m);
    writeFileSync(path.join(dir, 'api.yaml'), HEALTH('hello'));
    await waitUntil(() => (io.stdout.match(/^Reloaded api\.yaml\n/gm) ?? []).length >= 2);
    const config = path.join(dir, '.apigateway', 'local.json');
    writeFileSync(config, readFileSync(config));
    await waitUntil(() => io.stdout.includes('Reloaded .apigateway'));
    assert.ok(io.stdout.includes(`\nReloaded ${path.join('.apigateway', 'local.json')}\n`), io.stdout);

    controller.abort();
    await waitUntil(() => io.stdout.includes('Stopped'));
    assert.match(io.stdout, /Stopped\n$/);
    await assert.rejects(fetch(`${url}/hello/bob`));
  });
});
