import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { InvokeLocalResult } from '../../../server/src/invokeRequests';
import { LargeDocumentHost } from '../../../server/src/largeDocumentHost';
import { lambdaOperation, writePidFunctions } from '../../support/pidFunctions';
import { bundleLargeDocumentThread } from '../../support/largeDocumentThread';


/** One quick function, and one that never returns from its handler, as an endless loop in user code would. */
const API = `openapi: 3.0.1
info: { title: runners, version: "1" }
paths:
${lambdaOperation('/quick', 'Quick')}${lambdaOperation('/stuck', 'Stuck')}`;

/**
 * Whether the process is still in the process table: running, or ended but never reaped, a zombie (`<defunct>` in
 * `ps`) that holds its id until the process that started it is gone.
 */
function present(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process as `ps` shows it, for a failure's message. */
function shown(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'pid,ppid,stat,cmd', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return `no process ${pid}`;
  }
}

/** The idle runner and the busy one are ended and reaped: neither is left running nor defunct. */
async function bothEnded(quick: number, stuck: number): Promise<void> {
  await until(() => `the idle runner ended and was reaped:\n${shown(quick)}`, () => !present(quick), 10_000);
  await until(() => `the busy runner ended and was reaped:\n${shown(stuck)}`, () => !present(stuck), 10_000);
}

async function until(what: string | (() => string), test: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) assert.fail(`${typeof what === 'string' ? what : what()} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Lambda runners started by the thread that serves documents over the size limit', function () {
  this.timeout(60_000);
  let folder: string;
  let workerFile: string;
  const started: number[] = [];

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'apigw-large-runners-'));
    workerFile = path.join(folder, 'thread', 'largeDocuments.js');
    await bundleLargeDocumentThread(workerFile);
    writePidFunctions(folder);
    writeFileSync(path.join(folder, 'api.yaml'), API);
  });

  afterEach(() => {
    for (const pid of started.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already ended.
      }
    }
    for (const file of ['quick.pid', 'stuck.pid']) rmSync(path.join(folder, file), { force: true });
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  /** A quick runner left idle and a stuck one busy, both started by the thread, with their process ids. */
  async function startRunners(host: LargeDocumentHost, document: TextDocument): Promise<{ quick: number; stuck: number; stuckAnswer: Promise<InvokeLocalResult> }> {
    const invoke = (route: string) =>
      host.request(document, 'invokeLocal', { uri: document.uri, method: 'GET', path: route, workspaceFolder: folder }, () => assert.fail('answered in this thread'), () => ({ error: 'lost with the thread' }));
    const quickAnswer = await invoke('/quick');
    assert.ok('response' in quickAnswer && quickAnswer.response.status === 200, JSON.stringify(quickAnswer));
    const quick = Number(readFileSync(path.join(folder, 'quick.pid'), 'utf8'));
    started.push(quick);
    const stuckAnswer = invoke('/stuck');
    await until('the stuck function started', () => existsSync(path.join(folder, 'stuck.pid')) && readFileSync(path.join(folder, 'stuck.pid'), 'utf8') !== '', 10_000);
    const stuck = Number(readFileSync(path.join(folder, 'stuck.pid'), 'utf8'));
    started.push(stuck);
    assert.notEqual(quick, process.pid);
    assert.ok(present(quick) && present(stuck));
    return { quick, stuck, stuckAnswer };
  }

  function documentIn(): TextDocument {
    return TextDocument.create(pathToFileURL(path.join(folder, 'api.yaml')).href, 'yaml', 1, API);
  }

  it('end when the thread fails on an uncaught error', async () => {
    const logged: string[] = [];
    const host = new LargeDocumentHost((message) => logged.push(message), workerFile);
    try {
      const document = documentIn();
      const { quick, stuck, stuckAnswer } = await startRunners(host, document);
      // Edits the thread cannot apply throw in its message handler, where nothing catches them.
      const thread = (host as unknown as { worker: Worker }).worker;
      thread.postMessage({ type: 'edit', uri: document.uri, from: document.version, version: document.version + 1, changes: null });
      assert.deepEqual(await stuckAnswer, { error: 'lost with the thread' });
      assert.match(logged.join('\n'), /stopped/);
      await bothEnded(quick, stuck);
    } finally {
      await host.dispose();
    }
  });

  it('end when the thread is terminated', async () => {
    const host = new LargeDocumentHost(() => undefined, workerFile);
    try {
      const { quick, stuck, stuckAnswer } = await startRunners(host, documentIn());
      await (host as unknown as { worker: Worker }).worker.terminate();
      assert.deepEqual(await stuckAnswer, { error: 'lost with the thread' });
      await bothEnded(quick, stuck);
    } finally {
      await host.dispose();
    }
  });

  it('end when the host stops the thread', async () => {
    const host = new LargeDocumentHost(() => undefined, workerFile);
    const { quick, stuck } = await startRunners(host, documentIn());
    await host.dispose();
    await bothEnded(quick, stuck);
  });
});
