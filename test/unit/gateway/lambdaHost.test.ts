import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LambdaHost } from '../../../server/src/gateway/lambda/lambdaHost';

/** Whether the process is still in the process table (running, or ended but not yet reaped). */
function inProcessTable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

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

  it('reports start-up failures with the error types and messages of Lambda\'s Node.js runtime, without the emulator\'s frames', async () => {
    mkdirSync(path.join(dir, 'handlers'), { recursive: true });
    writeFileSync(path.join(dir, 'handlers', 'broken.js'), 'exports.handler = async () => {\n  return {;\n};\n');
    const syntax = await host.invoke({ handler: 'handlers/broken.js' }, invocation('s1'));
    assert.ok(!syntax.ok && syntax.kind === 'error');
    assert.deepEqual(syntax.error, {
      errorType: 'Runtime.UserCodeSyntaxError',
      errorMessage: "SyntaxError: Unexpected token ';'",
      trace: ["Runtime.UserCodeSyntaxError: SyntaxError: Unexpected token ';'", `    at ${path.join(dir, 'handlers', 'broken.js')}:2`],
    });

    for (const handler of ['handlers/nope.js', 'handlers/nope.mjs', 'handlers/nope.ts']) {
      const missing = await host.invoke({ handler }, invocation('m2'));
      assert.ok(!missing.ok && missing.kind === 'error', handler);
      assert.deepEqual(missing.error, { errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'nope'", trace: ["Runtime.ImportModuleError: Error: Cannot find module 'nope'"] }, handler);
    }

    writeFileSync(path.join(dir, 'handlers', 'needsDependency.js'), "require('./helper');\nexports.handler = async () => 1;\n");
    writeFileSync(path.join(dir, 'handlers', 'helper.js'), "module.exports = require('no-such-package-here');\n");
    const dependency = await host.invoke({ handler: 'handlers/needsDependency.js' }, invocation('m3'));
    assert.ok(!dependency.ok);
    assert.equal(dependency.error.errorType, 'Runtime.ImportModuleError');
    assert.equal(dependency.error.errorMessage, `Error: Cannot find module 'no-such-package-here'\nRequire stack:\n- ${path.join(dir, 'handlers', 'helper.js')}\n- ${path.join(dir, 'handlers', 'needsDependency.js')}`);
    assert.ok(!JSON.stringify(dependency.error).includes('[eval]'), JSON.stringify(dependency.error));

    writeFileSync(path.join(dir, 'handlers', 'exports.js'), 'exports.handler = async () => 1;\nexports.notAFunction = 42;\n');
    const undefinedExport = await host.invoke({ handler: 'handlers/exports.js', export: 'nope' }, invocation('h1'));
    assert.ok(!undefinedExport.ok);
    assert.deepEqual(undefinedExport.error, { errorType: 'Runtime.HandlerNotFound', errorMessage: 'handlers/exports.nope is undefined or not exported', trace: ['Runtime.HandlerNotFound: handlers/exports.nope is undefined or not exported'] });
    const notFunction = await host.invoke({ handler: 'handlers/exports.js', export: 'notAFunction' }, invocation('h2'));
    assert.ok(!notFunction.ok);
    assert.equal(notFunction.error.errorMessage, 'handlers/exports.notAFunction is not a function');
  });

  it('passes the configured environment and Lambda variables', async () => {
    writeFileSync(path.join(dir, 'env.js'), 'exports.handler = async () => ({ a: process.env.A, name: process.env.AWS_LAMBDA_FUNCTION_NAME, region: process.env.AWS_REGION });');
    const r = await host.invoke({ handler: 'env.js', environment: { A: 'x' } }, invocation('r6'));
    assert.ok(r.ok);
    assert.deepEqual(r.result, { a: 'x', name: 'F', region: 'us-east-1' });
  });

  it("sets the runtime's variables as Lambda does: UTC, the handler setting, one log stream per environment", async () => {
    mkdirSync(path.join(dir, 'lib'), { recursive: true });
    writeFileSync(path.join(dir, 'lib', 'clock.js'), [
      'exports.run = async (event, context) => ({',
      '  hour: new Date(Date.UTC(2026, 0, 1, 12)).getHours(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone,',
      '  tz: process.env.TZ, lang: process.env.LANG, handler: process.env._HANDLER, init: process.env.AWS_LAMBDA_INITIALIZATION_TYPE,',
      '  group: process.env.AWS_LAMBDA_LOG_GROUP_NAME, stream: process.env.AWS_LAMBDA_LOG_STREAM_NAME, contextStream: context.logStreamName,',
      '});',
    ].join('\n'));
    const r = await host.invoke({ handler: 'lib/clock.js', export: 'run' }, invocation('z1'));
    assert.ok(r.ok);
    const result = r.result as Record<string, unknown>;
    assert.deepEqual({ ...result, stream: undefined, contextStream: undefined }, { hour: 12, zone: 'UTC', tz: ':UTC', lang: 'en_US.UTF-8', handler: 'lib/clock.run', init: 'on-demand', group: '/aws/lambda/F', stream: undefined, contextStream: undefined });
    assert.match(String(result.stream), /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(result.contextStream, result.stream);
    // TZ is among the variables a function may set.
    const tokyo = await host.invoke({ handler: 'lib/clock.js', export: 'run', environment: { TZ: 'Asia/Tokyo' } }, invocation('z2'));
    assert.ok(tokyo.ok);
    assert.equal((tokyo.result as Record<string, unknown>).hour, 21);
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

  it('keeps the start and the end of a flood of output, says how much it left out, and keeps the error that ended the process', async () => {
    writeFileSync(
      path.join(dir, 'flood.js'),
      [
        "const line = 'x'.repeat(999);",
        "exports.crash = () => { console.log('first'); for (let i = 0; i < 200; i++) console.log(line); console.error('to stderr'); setTimeout(() => { throw new Error('the real cause'); }, 10); return new Promise(() => {}); };",
        "exports.print = async () => { for (let i = 0; i < 5000; i++) console.log(line); console.log('last'); return 'done'; };",
        "exports.rejects = async () => { Promise.reject(new TypeError('nobody waits for this')); return new Promise(() => {}); };",
      ].join('\n'),
    );
    const crash = await host.invoke({ handler: 'flood.js', export: 'crash' }, invocation('f1'));
    assert.ok(!crash.ok && crash.kind === 'crash');
    assert.deepEqual(crash.error, { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: f1 Error: Runtime exited with error: exit status 1' });
    const lines = crash.logs.trimEnd().split('\n');
    assert.equal(lines[0], 'first');
    assert.ok(lines.some((l) => /^\[\.\.\. [\d,]+ lines \([\d,]+ characters\) of output left out \.\.\.\]$/.test(l)), lines.join('\n').slice(0, 300));
    const end = lines.slice(lines.indexOf('Uncaught Exception: Error: the real cause'));
    assert.match(end[1], /^ {4}at Timeout\._onTimeout \(.*flood\.js:2:/);
    assert.deepEqual(end.slice(-2), ['RequestId: f1 Error: Runtime exited with error: exit status 1', 'Runtime.ExitError']);
    assert.ok(crash.logs.length < 70_000, `${crash.logs.length} characters`);

    // Output the function printed before it answered belongs to the invocation, however fast it printed it.
    const print = await host.invoke({ handler: 'flood.js', export: 'print' }, invocation('f2'));
    assert.ok(print.ok);
    const printed = print.logs.trimEnd().split('\n');
    assert.equal(printed.at(-1), 'last');
    const left = Number(/^\[\.\.\. ([\d,]+) lines/.exec(printed.find((l) => l.startsWith('[...'))!)![1].replace(/,/g, ''));
    assert.equal(printed.filter((l) => l.startsWith('xxx')).length + left, 5000);

    const rejects = await host.invoke({ handler: 'flood.js', export: 'rejects' }, invocation('f3'));
    assert.ok(!rejects.ok && rejects.kind === 'crash');
    assert.match(rejects.logs, /^Unhandled Promise Rejection: TypeError: nobody waits for this\n {4}at /m);
  });

  it('answers a handler whose folder does not exist with Lambda\'s error, the function log saying which folder is missing', async () => {
    const r = await host.invoke({ handler: 'lambdas/pets.js' }, invocation('m1'));
    assert.ok(!r.ok && r.kind === 'error');
    assert.equal(r.error.errorType, 'Runtime.ImportModuleError');
    assert.equal(r.error.errorMessage, "Error: Cannot find module 'pets'");
    assert.equal(r.logs, `The handler file ${path.join(dir, 'lambdas', 'pets.js')} cannot be found: the folder ${path.join(dir, 'lambdas')} does not exist (handler "lambdas/pets.js" is relative to ${dir})\n`);
  });

  it('stops a function that outgrows memorySizeMB as Lambda does, whether its heap or its buffers grow', async () => {
    writeFileSync(
      path.join(dir, 'memory.js'),
      [
        "exports.heap = async () => { const kept = []; for (;;) kept.push('z'.repeat(1e6) + Math.random()); };",
        'exports.buffers = async () => { const kept = []; for (;;) { kept.push(Buffer.alloc(8e6, 1)); await new Promise((r) => setImmediate(r)); } };',
        'exports.heapLimit = async () => require("node:v8").getHeapStatistics().heap_size_limit / 1048576;',
      ].join('\n'),
    );
    const limit = await host.invoke({ handler: 'memory.js', export: 'heapLimit', memorySizeMB: 256 }, invocation('o0'));
    assert.ok(limit.ok && typeof limit.result === 'number' && limit.result >= 256 && limit.result < 512, String(limit.ok && limit.result));
    for (const exportName of ['heap', 'buffers']) {
      const started = Date.now();
      const r = await host.invoke({ handler: 'memory.js', export: exportName, timeoutSeconds: 15 }, invocation(`o-${exportName}`));
      assert.ok(!r.ok && r.kind === 'crash', exportName);
      assert.deepEqual(r.error, { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: o-${exportName} Error: Runtime exited with error: signal: killed` });
      assert.deepEqual(r.logs.trimEnd().split('\n').slice(-2), [`RequestId: o-${exportName} Error: Runtime exited with error: signal: killed`, 'Runtime.OutOfMemory']);
      if (exportName === 'heap') {
        assert.match(r.logs, /JavaScript heap out of memory/);
        assert.match(r.logs, /^The function's JavaScript heap reached its limit of 128 MB \(memorySizeMB 128\)\.$/m);
      } else assert.match(r.logs, /^The function's process used \d+ MB, over its limit of 384 MB \(memorySizeMB 128, and 256 MB for Node\.js itself\)\.$/m);
      assert.ok(Date.now() - started < 12_000, `${exportName}: stopped after ${Date.now() - started} ms, not by its timeout`);
    }
  });

  it('stops the process of an invocation that timed out', async () => {
    writeFileSync(path.join(dir, 'spin.js'), "exports.handler = async () => { console.log('pid ' + process.pid); await new Promise((r) => setTimeout(r, 20)); for (;;) {} };");
    const r = await host.invoke({ handler: 'spin.js', timeoutSeconds: 0.5 }, invocation('s1'));
    assert.ok(!r.ok && r.kind === 'timeout');
    const pid = Number(/pid (\d+)/.exec(r.logs)?.[1]);
    assert.ok(pid > 0, r.logs);
    // Killed at once, but ended and reaped only once the loaded machine gets to it: wait for that, with a deadline.
    const end = Date.now() + 10_000;
    while (Date.now() < end && inProcessTable(pid)) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
  });

  it('names the signal that ended the process as Lambda does', async () => {
    writeFileSync(path.join(dir, 'signal.js'), "exports.handler = async () => { process.kill(process.pid, 'SIGTERM'); return new Promise(() => {}); };");
    const r = await host.invoke({ handler: 'signal.js' }, invocation('g1'));
    assert.ok(!r.ok);
    assert.deepEqual(r.error, { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: g1 Error: Runtime exited with error: signal: terminated' });
  });
});
