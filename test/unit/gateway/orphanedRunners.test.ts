import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LambdaHost } from '../../../server/src/gateway/lambda/lambdaHost';
import { running } from '../../support/processState';

const PARENT = path.resolve(__dirname, '../../support/runnerParent.ts');

async function until(what: () => string, test: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!test()) {
    if (Date.now() > end) assert.fail(what());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A handler that writes its process's id to `<name>.pid`, then keeps its thread busy for good. */
function busyHandler(folder: string, name: string, before = ''): string {
  writeFileSync(
    path.join(folder, `${name}.js`),
    `exports.handler = async () => { ${before} require('node:fs').writeFileSync(${JSON.stringify(path.join(folder, `${name}.pid`))}, String(process.pid)); for (;;); };\n`,
  );
  return `${name}.js`;
}

/**
 * A server killed outright (SIGKILL: an editor's crash, the OOM killer) runs no exit hook, and a runner busy in its
 * handler never turns its event loop to see its channel close: it must end by itself, and watch for that out of the
 * function's sight.
 */
describe('Lambda runners, watching the server that started them', function () {
  this.timeout(60_000);
  let folder: string;
  const started: number[] = [];
  const parents: ChildProcess[] = [];

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'apigw-orphans-'));
  });

  afterEach(() => {
    for (const parent of parents.splice(0)) parent.kill('SIGKILL');
    for (const pid of started.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended.
      }
    }
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** Starts a stand-in server calling `handler`, waits for the handler to be busy, kills the server, and waits. */
  async function endsWithItsServer(handler: string): Promise<void> {
    const pidFile = path.join(folder, handler.replace(/\.js$/, '.pid'));
    const parent = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), PARENT, folder, handler], { stdio: 'ignore' });
    parents.push(parent);
    const parentExited = new Promise((resolve) => parent.once('exit', resolve));
    await until(() => 'the handler started', () => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '');
    const runner = Number(readFileSync(pidFile, 'utf8'));
    started.push(runner);
    assert.ok(running(runner));
    parent.kill('SIGKILL');
    await parentExited;
    await until(() => `runner ${runner} still runs after its server was killed`, () => !running(runner));
  }

  it('end when it is killed outright while their handler is busy', () => endsWithItsServer(busyHandler(folder, 'busy')));

  it('end when it is killed outright while their handler and a thread of its own are busy', () =>
    endsWithItsServer(busyHandler(folder, 'threads', "new (require('node:worker_threads').Worker)('for (;;);', { eval: true });")));

  it('watch without their handler seeing it: no names, no output, no thread it is told of', async () => {
    writeFileSync(
      path.join(folder, 'looks.js'),
      "let told = 0; process.on('worker', () => told++); exports.handler = async () => ({ names: [typeof watchParent, typeof watch, typeof Worker], told });\n",
    );
    const host = new LambdaHost(folder);
    try {
      const outcome = await host.invoke({ handler: 'looks.js' }, { functionName: 'F', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:F', requestId: 'r1', event: {}, region: 'us-east-1' });
      assert.ok(outcome.ok, JSON.stringify(outcome));
      assert.deepEqual(outcome.result, { names: ['undefined', 'undefined', 'undefined'], told: 0 });
      assert.equal(outcome.logs, '');
    } finally {
      host.close();
    }
  });
});
