import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LambdaHost } from '../../../server/src/gateway/lambda/lambdaHost';

describe('local Lambda host', function () {
  this.timeout(20000);
  let dir: string;
  let host: LambdaHost;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-lambda-'));
    host = new LambdaHost(dir);
  });
  after(() => {
    host.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const invocation = (requestId: string) => ({ functionName: 'F', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:F', requestId, event: { n: 1 }, region: 'us-east-1' });

  it('keeps module state in a warm worker and starts fresh workers when the handler file changes', async () => {
    const file = path.join(dir, 'counter.js');
    writeFileSync(file, "let calls = 0; exports.handler = async (e, ctx) => ({ version: 1, calls: ++calls, fn: ctx.functionName, left: ctx.getRemainingTimeInMillis() > 0 });");
    const first = await host.invoke({ handler: 'counter.js' }, invocation('r1'));
    const second = await host.invoke({ handler: 'counter.js' }, invocation('r2'));
    assert.ok(first.ok && second.ok);
    assert.deepEqual(first.result, { version: 1, calls: 1, fn: 'F', left: true });
    assert.equal(first.coldStart, true);
    assert.equal(second.coldStart, false);
    assert.deepEqual(second.result, { version: 1, calls: 2, fn: 'F', left: true });
    writeFileSync(file, 'exports.handler = async () => ({ version: 2 });');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const third = await host.invoke({ handler: 'counter.js' }, invocation('r3'));
    assert.ok(third.ok);
    assert.deepEqual(third.result, { version: 2 });
  });

  it('reports a missing export and a missing file as Lambda errors', async () => {
    writeFileSync(path.join(dir, 'noexport.js'), 'exports.other = () => 1;');
    const missingExport = await host.invoke({ handler: 'noexport.js' }, invocation('r4'));
    assert.ok(!missingExport.ok && missingExport.error.errorType === 'Runtime.HandlerNotFound');
    const missingFile = await host.invoke({ handler: 'absent.js' }, invocation('r5'));
    assert.ok(!missingFile.ok && /Cannot find module/.test(missingFile.error.errorMessage));
  });

  it('passes the configured environment and Lambda variables', async () => {
    writeFileSync(path.join(dir, 'env.js'), 'exports.handler = async () => ({ a: process.env.A, name: process.env.AWS_LAMBDA_FUNCTION_NAME, region: process.env.AWS_REGION });');
    const r = await host.invoke({ handler: 'env.js', environment: { A: 'x' } }, invocation('r6'));
    assert.ok(r.ok);
    assert.deepEqual(r.result, { a: 'x', name: 'F', region: 'us-east-1' });
  });

  it('reports a thrown error as current Node.js runtimes do: the stack as trace, without the emulator frames', async () => {
    writeFileSync(path.join(dir, 'throws.js'), "exports.sync = () => { throw new Error('Bad input'); };\nexports.lines = async () => { throw new TypeError('first line\\nsecond line'); };\nexports.value = async () => { throw 'plain text'; };\n");
    const sync = await host.invoke({ handler: 'throws.js', export: 'sync' }, invocation('t1'));
    assert.ok(!sync.ok && sync.kind === 'error');
    assert.deepEqual(Object.keys(sync.error), ['errorType', 'errorMessage', 'trace']);
    assert.equal(sync.error.errorType, 'Error');
    assert.equal(sync.error.errorMessage, 'Bad input');
    assert.equal(sync.error.trace?.[0], 'Error: Bad input');
    assert.match(sync.error.trace?.[1] ?? '', /^ {4}at exports\.sync \(.*throws\.js:1:30\)$/);
    assert.ok(!sync.error.trace?.some((line) => /\[eval\]|node:events|child_process/.test(line)), sync.error.trace?.join('\n'));

    const lines = await host.invoke({ handler: 'throws.js', export: 'lines' }, invocation('t2'));
    assert.ok(!lines.ok);
    assert.equal(lines.error.errorType, 'TypeError');
    assert.equal(lines.error.errorMessage, 'first line\nsecond line');
    assert.deepEqual(lines.error.trace?.slice(0, 2), ['TypeError: first line', 'second line']);
    assert.match(lines.error.trace?.[2] ?? '', /throws\.js:2:/);

    const value = await host.invoke({ handler: 'throws.js', export: 'value' }, invocation('t3'));
    assert.ok(!value.ok);
    assert.deepEqual(value.error, { errorType: 'string', errorMessage: 'plain text', trace: [] });
  });

  it('reports a runtime exit with its status, in the error and in the function log', async () => {
    writeFileSync(path.join(dir, 'exits.js'), "exports.handler = async () => { console.log('before exit'); process.exit(3); };");
    const r = await host.invoke({ handler: 'exits.js' }, invocation('x1'));
    assert.ok(!r.ok && r.kind === 'crash');
    assert.deepEqual(r.error, { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: x1 Error: Runtime exited with error: exit status 3' });
    assert.deepEqual(r.logs.trimEnd().split('\n'), ['before exit', 'RequestId: x1 Error: Runtime exited with error: exit status 3', 'Runtime.ExitError']);
  });
});
