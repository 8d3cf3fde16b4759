import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InvokeLocalResult } from '../../server/src/invokeRequests';
import { largeDefinition } from '../unit/editing/documents';
import { TestLspClient } from './lspClient';
import { lambdaOperation, writePidFunctions } from '../support/pidFunctions';
import { running } from '../support/processState';

const MB = 1024 * 1024;

/** Over the 1 MB limit the server is given, so that its own thread serves it; two Lambda proxy operations at the end. */
const DEFINITION = largeDefinition({ items: Math.ceil((1.2 * MB) / 420) }).replace('\ncomponents:\n', `\n${lambdaOperation('/quick', 'Quick')}${lambdaOperation('/stuck', 'Stuck')}components:\n`);

async function until(what: () => string, test: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!test()) {
    if (Date.now() > end) assert.fail(what());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Lambda workers, when the server exits', function () {
  this.timeout(60_000);
  let folder: string;
  const started: number[] = [];

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'apigw-large-exit-'));
    writePidFunctions(folder);
  });

  after(() => {
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended.
      }
    }
    rmSync(folder, { recursive: true, force: true });
  });

  /**
   * Runs the quick function, leaves the stuck one busy, stops the server `how`, and requires both processes gone. The
   * definition is served by the server's own thread, or, under the limit, by its main thread.
   */
  async function stopLeavesNone(how: 'exit' | 'SIGTERM' | 'SIGKILL', large: boolean): Promise<void> {
    const client = await TestLspClient.start({ validation: { maxFileSizeMB: large ? 1 : 20 } });
    const exited = new Promise((resolve) => client.process.once('exit', resolve));
    try {
      for (const name of ['quick.pid', 'stuck.pid']) rmSync(path.join(folder, name), { force: true });
      const uri = pathToFileURL(path.join(folder, 'api.yaml')).href;
      client.open(uri, 'yaml', DEFINITION);
      const invoke = (route: string) => client.request<InvokeLocalResult>('apigateway/invokeLocal', { uri, method: 'GET', path: route, workspaceFolder: folder });
      const quickAnswer = await invoke('/quick');
      assert.ok('response' in quickAnswer && quickAnswer.response.status === 200, JSON.stringify(quickAnswer));
      const quick = Number(readFileSync(path.join(folder, 'quick.pid'), 'utf8'));
      started.push(quick);
      void invoke('/stuck').catch(() => undefined);
      const stuckFile = path.join(folder, 'stuck.pid');
      await until(() => 'the stuck function started', () => existsSync(stuckFile) && readFileSync(stuckFile, 'utf8') !== '');
      const stuck = Number(readFileSync(stuckFile, 'utf8'));
      started.push(stuck);
      assert.ok(running(quick) && running(stuck));

      if (how === 'exit') {
        // As an editor stops the server: shutdown, then exit, and the process ends by itself.
        await client.connection.sendRequest('shutdown');
        void client.connection.sendNotification('exit');
      } else if (how === 'SIGTERM') {
        // As an editor that does not wait for the exit notification stops it.
        client.process.kill('SIGTERM');
      } else {
        // As an editor's crash or the OOM killer ends it: no exit hook runs, and the busy worker must see for itself.
        client.process.kill('SIGKILL');
      }
      await exited;
      for (const pid of [quick, stuck]) await until(() => `worker ${pid} still runs after the server exited`, () => !running(pid));
    } finally {
      client.connection.dispose();
      client.process.kill();
    }
  }

  it('leaves none running, idle or busy in a handler', () => stopLeavesNone('exit', true));

  it('leaves none running when the server is ended by SIGTERM, from its own thread or its main one', async () => {
    await stopLeavesNone('SIGTERM', true);
    await stopLeavesNone('SIGTERM', false);
  });

  it('leaves none running when the server is killed outright, from its own thread or its main one', async () => {
    await stopLeavesNone('SIGKILL', true);
    await stopLeavesNone('SIGKILL', false);
  });
});
