import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { LambdaHost, startRunnersWith } from '../../../server/src/gateway/lambda/lambdaHost';
import { OwnedRunners, RelayedRunners, startChildRunner, type RunnerEvent, type RunnerOrder } from '../../../server/src/gateway/lambda/runnerProcess';

/** Whether the process is gone from the process table: ended and reaped, neither running nor defunct. */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function until(what: string, test: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!test()) {
    if (Date.now() > end) assert.fail(what);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Workers whose processes another side starts, over a channel that copies every message as one between threads does;
 * the starting side here stands for the server's thread, the host for the thread that asks.
 */
describe('Lambda workers started on the host\'s behalf by the thread that owns it', function () {
  this.timeout(30_000);
  let dir: string;
  let host: LambdaHost;
  let owner: OwnedRunners;
  let channel: MessageChannel;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-relayed-'));
    channel = new MessageChannel();
    const relayed = new RelayedRunners((order) => channel.port1.postMessage(order));
    owner = new OwnedRunners((id, event) => channel.port2.postMessage({ id, event }));
    channel.port2.on('message', (order: RunnerOrder) => owner.order(order));
    channel.port1.on('message', ({ id, event }: { id: number; event: RunnerEvent }) => relayed.deliver(id, event));
    channel.port1.unref();
    channel.port2.unref();
    startRunnersWith(relayed.start);
    host = new LambdaHost(dir);
  });

  after(() => {
    host.close();
    owner.end();
    startRunnersWith(startChildRunner);
    channel.port1.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const invocation = (requestId: string) => ({ functionName: 'F', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:F', requestId, event: { n: 1 }, region: 'us-east-1' });

  it('run warm with the environment, the log stream and the output of a worker of its own', async () => {
    writeFileSync(
      path.join(dir, 'env.js'),
      "let calls = 0; exports.handler = async (event, context) => { console.log('call', ++calls); console.error('to stderr'); return { a: process.env.A, tz: process.env.TZ, stream: process.env.AWS_LAMBDA_LOG_STREAM_NAME, contextStream: context.logStreamName, event, pid: process.pid }; };",
    );
    const first = await host.invoke({ handler: 'env.js', environment: { A: 'x' } }, invocation('e1'));
    const second = await host.invoke({ handler: 'env.js', environment: { A: 'x' } }, invocation('e2'));
    assert.ok(first.ok && second.ok);
    const result = first.result as Record<string, unknown>;
    assert.deepEqual({ ...result, stream: undefined, contextStream: undefined, pid: undefined }, { a: 'x', tz: ':UTC', event: { n: 1 }, stream: undefined, contextStream: undefined, pid: undefined });
    assert.match(String(result.stream), /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(result.contextStream, result.stream);
    assert.notEqual(result.pid, process.pid);
    assert.equal(first.logs, 'call 1\nto stderr\n');
    assert.equal(second.logs, 'call 2\nto stderr\n');
    assert.deepEqual([first.coldStart, second.coldStart], [true, false]);
    assert.equal((second.result as Record<string, unknown>).pid, result.pid);
  });

  it('report a crash with what the process printed before it, in order, and its exit status', async () => {
    writeFileSync(path.join(dir, 'crash.js'), "exports.handler = () => { console.log('first'); setTimeout(() => { throw new Error('the real cause'); }, 10); return new Promise(() => {}); };");
    const crash = await host.invoke({ handler: 'crash.js' }, invocation('c1'));
    assert.ok(!crash.ok && crash.kind === 'crash');
    assert.deepEqual(crash.error, { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: c1 Error: Runtime exited with error: exit status 1' });
    const lines = crash.logs.trimEnd().split('\n');
    assert.equal(lines[0], 'first');
    assert.equal(lines[1], 'Uncaught Exception: Error: the real cause');
    assert.deepEqual(lines.slice(-2), ['RequestId: c1 Error: Runtime exited with error: exit status 1', 'Runtime.ExitError']);
  });

  it('stop a function that outgrows memorySizeMB as Lambda does', async () => {
    writeFileSync(path.join(dir, 'memory.js'), "exports.handler = async () => { const kept = []; for (;;) kept.push('z'.repeat(1e6) + Math.random()); };");
    const r = await host.invoke({ handler: 'memory.js', timeoutSeconds: 60 }, invocation('m1'));
    assert.ok(!r.ok && r.kind === 'crash');
    assert.equal(r.error.errorType, 'Runtime.OutOfMemory');
    assert.match(r.logs, /^The function's JavaScript heap reached its limit of 128 MB \(memorySizeMB 128\)\.$/m);
  });

  it('end and are reaped when an invocation times out', async () => {
    writeFileSync(path.join(dir, 'spin.js'), "exports.handler = async () => { console.log('pid ' + process.pid); await new Promise((r) => setTimeout(r, 20)); for (;;) {} };");
    const r = await host.invoke({ handler: 'spin.js', timeoutSeconds: 0.5 }, invocation('t1'));
    assert.ok(!r.ok && r.kind === 'timeout');
    const pid = Number(/pid (\d+)/.exec(r.logs)?.[1]);
    assert.ok(pid > 0, r.logs);
    await until(`the timed-out worker ${pid} was reaped`, () => gone(pid));
  });

  it('end and are reaped, idle or busy, once the side that asked for them has stopped', async () => {
    const pidFile = path.join(dir, 'busy.pid');
    writeFileSync(path.join(dir, 'idle.js'), 'exports.handler = async () => process.pid;');
    writeFileSync(path.join(dir, 'busy.js'), "exports.handler = () => { require('node:fs').writeFileSync(process.env.PID_FILE, String(process.pid)); for (;;); };");
    const idle = await host.invoke({ handler: 'idle.js' }, invocation('i1'));
    assert.ok(idle.ok && typeof idle.result === 'number');
    const busy = host.invoke({ handler: 'busy.js', timeoutSeconds: 2, environment: { PID_FILE: pidFile } }, invocation('b1'));
    await until('the busy function started', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '');
    const pids = [idle.result as number, Number(readFileSync(pidFile, 'utf8'))];
    assert.ok(pids.every((pid) => !gone(pid)));
    owner.end();
    for (const pid of pids) await until(`worker ${pid} was ended and reaped`, () => gone(pid));
    // The asking side hears nothing more, as a stopped thread would not: only its own timer ends the invocation, and
    // the kill it orders then is dropped, so the end above was the owner's.
    const outcome = await busy;
    assert.ok(!outcome.ok && outcome.kind === 'timeout');
  });
});
