import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatLog } from '../../../server/src/gateway/executionLog';
import { LambdaHost } from '../../../server/src/gateway/lambda/lambdaHost';
import { closeHost, gatewayFor, json, lambdaUri } from './gatewayFixture';

const API = `openapi: 3.0.1
info: { title: ts, version: '1' }
paths:
  /hello/{name}:
    x-amazon-apigateway-any-method:
      parameters: [{ name: name, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri('Hello')} }
`;

describe('TypeScript handlers', function () {
  this.timeout(20000);
  let dir: string;
  let host: LambdaHost;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-ts-'));
    host = new LambdaHost(dir);
  });
  after(() => {
    host.close();
    closeHost();
    rmSync(dir, { recursive: true, force: true });
  });
  const invocation = (requestId: string, event: unknown = {}) => ({ functionName: 'F', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:F', requestId, event, region: 'us-east-1' });

  it('runs a .ts handler with annotations, an interface, enums and an import of another .ts file through a Lambda proxy', async () => {
    const gw = gatewayFor(API, { functions: { Hello: { handler: 'typescript/handler.ts' } } });
    const get = await gw.invoke({ method: 'GET', path: '/hello/ts', query: { loud: ['yes'] } });
    assert.equal(get.status, 200, get.body);
    assert.deepEqual(json(get.body), { message: 'HELLO, TS!', tone: 'loud', status: 'Ok' });
    const post = await gw.invoke({ method: 'POST', path: '/hello/there' });
    assert.equal(post.status, 201, 'the enum member after Ok = 200 is 201');
    assert.deepEqual(json(post.body), { message: 'hello, there', tone: 'calm', status: 'Ok' });
  });

  it('runs an .mts handler that imports a sibling by its .js name', async () => {
    const r = await host.invoke({ handler: path.resolve(__dirname, 'fixtures/typescript/esm.mts') }, invocation('m1'));
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.result, { message: 'hello, module' });
  });

  it('reports errors with stack traces at the TypeScript source lines', async () => {
    const r = await host.invoke({ handler: path.resolve(__dirname, 'fixtures/typescript/handler.ts'), export: 'fails' }, invocation('s1'));
    assert.ok(!r.ok && r.kind === 'error');
    assert.equal(r.error.errorMessage, 'thrown from TypeScript');
    assert.equal(r.error.trace?.[0], 'Error: thrown from TypeScript');
    assert.match(r.error.trace?.[1] ?? '', /handler\.ts:27:17\)$/);
  });

  it('answers a type syntax error with a clear Lambda error, not a hang', async () => {
    writeFileSync(path.join(dir, 'broken.ts'), 'export const handler = async (event: unknown): Promise<string> => {\n  const answer: = 42;\n  return String(answer);\n};\n');
    const r = await host.invoke({ handler: 'broken.ts' }, invocation('b1'));
    assert.ok(!r.ok && r.kind === 'error', JSON.stringify(r));
    assert.equal(r.error.errorType, 'Runtime.UserCodeSyntaxError');
    assert.equal(r.error.errorMessage, `${path.join(dir, 'broken.ts')}:2:17: Unexpected token`);

    const gw = gatewayFor(API, { functions: { Hello: { handler: path.join(dir, 'broken.ts') } } });
    const response = await gw.invoke({ method: 'GET', path: '/hello/x' });
    assert.equal(response.status, 502);
    assert.match(formatLog(response.log), /customer function error: .*broken\.ts:2:17: Unexpected token/);
  });

  it('reports a syntax error in an imported .ts file with that file and line', async () => {
    mkdirSync(path.join(dir, 'lib'), { recursive: true });
    writeFileSync(path.join(dir, 'lib', 'bad.ts'), 'export const x: number = 1;\nexport function f(a: ) {}\n');
    writeFileSync(path.join(dir, 'importsBad.ts'), "import { x } from './lib/bad';\nexport const handler = async () => x;\n");
    const r = await host.invoke({ handler: 'importsBad.ts' }, invocation('b2'));
    assert.ok(!r.ok);
    assert.match(r.error.errorMessage, /lib[\\/]bad\.ts:2:22: Unexpected token$/);
  });

  it('picks up a changed handler on the next invocation and keeps env vars and the timeout', async () => {
    const file = path.join(dir, 'changing.ts');
    writeFileSync(file, 'const version: number = 1;\nexport const handler = async (): Promise<object> => ({ version, a: process.env.A });\n');
    const first = await host.invoke({ handler: 'changing.ts', environment: { A: 'x' } }, invocation('c1'));
    assert.ok(first.ok);
    assert.deepEqual(first.result, { version: 1, a: 'x' });
    writeFileSync(file, 'const version: number = 2;\nexport const handler = async (): Promise<object> => ({ version, a: process.env.A });\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = await host.invoke({ handler: 'changing.ts', environment: { A: 'x' } }, invocation('c2'));
    assert.ok(second.ok);
    assert.deepEqual(second.result, { version: 2, a: 'x' });

    writeFileSync(path.join(dir, 'slow.ts'), 'export const handler = (): Promise<never> => new Promise<never>(() => undefined);\n');
    const slow = await host.invoke({ handler: 'slow.ts', timeoutSeconds: 0.3 }, invocation('t1'));
    assert.ok(!slow.ok && slow.kind === 'timeout');
  });
});
