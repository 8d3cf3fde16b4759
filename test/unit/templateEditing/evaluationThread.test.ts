import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { EvaluationThread, type ThreadAnswer } from '../../../server/src/services/templates/evaluationThread';
import { runEvaluationSafely, standaloneJob } from '../../../server/src/services/templateEvaluation';

/**
 * A thread program that speaks the evaluation thread's messages without the engine, so that what the server does
 * with a thread can be watched: `hang` never answers, `exit` ends the thread, `wait:N` answers after N ms of work, and
 * any other text is answered as its own output. Each answer names the thread that gave it.
 */
const SCRIPTED = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', ({ id, job }) => {
  if (job.text === 'hang') for (;;);
  if (job.text === 'exit') process.exit(3);
  const wait = /^wait:(\\d+)$/.exec(job.text);
  if (wait) { const until = Date.now() + Number(wait[1]); while (Date.now() < until); }
  parentPort.postMessage({ id, evaluation: { output: job.text, thread: threadId } });
});
parentPort.postMessage({ ready: true });
`;

/** Fails as it loads: it never says it is ready. */
const BROKEN = `throw new Error('cannot load');`;

const TIMES = { stopAfterMs: 150, graceMs: 300, maxFailures: 3 };

function job(text: string, timeoutMs?: number) {
  return standaloneJob(text, 'request', {}, timeoutMs);
}

function outputOf(answer: ThreadAnswer): unknown {
  return 'evaluation' in answer ? answer.evaluation.output : answer;
}

function threadOf(answer: ThreadAnswer): number {
  assert.ok('evaluation' in answer, JSON.stringify(answer));
  return (answer.evaluation as unknown as { thread: number }).thread;
}

describe('the evaluation thread', () => {
  let folder: string;
  let scripted: string;
  let broken: string;
  const threads: EvaluationThread[] = [];
  const threadOn = (file: string) => {
    const thread = new EvaluationThread(file, runEvaluationSafely, TIMES);
    threads.push(thread);
    return thread;
  };
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'apigw-evaluation-thread-'));
    scripted = path.join(folder, 'scripted.js');
    broken = path.join(folder, 'broken.js');
    writeFileSync(scripted, SCRIPTED);
    writeFileSync(broken, BROKEN);
  });
  after(async () => {
    // Stops the threads a test left running: a hanging one holds nothing once it is unreferenced, but is ended here.
    for (const thread of threads) await thread.evaluate(job('exit')).catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs jobs one at a time in the order they came, in one thread', async () => {
    const thread = threadOn(scripted);
    const answers = await Promise.all(['a', 'wait:50', 'b'].map((text) => thread.evaluate(job(text))));
    assert.deepEqual(answers.map(outputOf), ['a', 'wait:50', 'b']);
    assert.equal(new Set(answers.map(threadOf)).size, 1);
  });

  it('drops a waiting job that is cancelled, and runs the others', async () => {
    const thread = threadOn(scripted);
    const source = new CancellationTokenSource();
    const first = thread.evaluate(job('wait:100'));
    const dropped = thread.evaluate(job('never run'), source.token);
    const last = thread.evaluate(job('c'));
    source.cancel();
    assert.deepEqual(await dropped, { cancelled: true });
    assert.deepEqual([outputOf(await first), outputOf(await last)], ['wait:100', 'c']);
  });

  it('answers a job cancelled before it is sent as cancelled, without a thread', async () => {
    const thread = threadOn(path.join(folder, 'no such program.js'));
    const source = new CancellationTokenSource();
    source.cancel();
    assert.deepEqual(await thread.evaluate(job('x'), source.token), { cancelled: true });
  });

  it('lets a run cancelled early finish, in the same thread', async () => {
    const thread = threadOn(scripted);
    const warm = threadOf(await thread.evaluate(job('warm')));
    const source = new CancellationTokenSource();
    const run = thread.evaluate(job('wait:30'), source.token);
    setTimeout(() => source.cancel(), 5);
    const answer = await run;
    assert.equal(outputOf(answer), 'wait:30');
    assert.equal(threadOf(await thread.evaluate(job('after'))), warm);
  });

  it('stops a run cancelled after it has run a while, and starts a new thread for the next', async () => {
    const thread = threadOn(scripted);
    const first = threadOf(await thread.evaluate(job('warm')));
    const source = new CancellationTokenSource();
    const run = thread.evaluate(job('hang'), source.token);
    setTimeout(() => source.cancel(), 300);
    assert.deepEqual(await run, { cancelled: true });
    const next = await thread.evaluate(job('next'));
    assert.equal(outputOf(next), 'next');
    assert.notEqual(threadOf(next), first);
  });

  it('gives a run cancelled while its thread loads the same time once it starts, then stops it', async () => {
    const thread = threadOn(scripted);
    const source = new CancellationTokenSource();
    const run = thread.evaluate(job('hang'), source.token);
    source.cancel();
    assert.deepEqual(await run, { cancelled: true });
    assert.equal(outputOf(await thread.evaluate(job('next'))), 'next');
  });

  it('stops a run that outlives its budget and the grace after it, saying so', async () => {
    const thread = threadOn(scripted);
    const answer = await thread.evaluate(job('hang', 100));
    assert.ok('error' in answer && /did not finish within/.test(answer.error), JSON.stringify(answer));
    assert.equal(outputOf(await thread.evaluate(job('next'))), 'next');
  });

  it('fails a run whose thread ends, and runs the next in a new thread', async () => {
    const thread = threadOn(scripted);
    const answer = await thread.evaluate(job('exit'));
    assert.ok('error' in answer && /thread stopped/.test(answer.error), JSON.stringify(answer));
    assert.equal(outputOf(await thread.evaluate(job('next'))), 'next');
    assert.equal(thread.inThisThread, false, 'a thread that failed after it was ready counts for nothing');
  });

  it('runs here each job whose thread failed to load, and all jobs once threads failed the set number of times', async () => {
    const thread = threadOn(broken);
    for (let i = 0; i < TIMES.maxFailures; i++) {
      // The job never began, which is no fault of its own: it is answered as if there were no thread.
      assert.equal(outputOf(await thread.evaluate(job(`run ${i}`))), `run ${i}`);
      assert.equal(thread.inThisThread, i === TIMES.maxFailures - 1);
    }
    // The engine itself, here: the template is rendered.
    const answer = await thread.evaluate(job('{"here": $input.json(\'$.n\')}'));
    assert.ok('evaluation' in answer, JSON.stringify(answer));
  });

  it('runs jobs in this thread when there is no thread program (running from sources)', async () => {
    const thread = threadOn(path.join(folder, 'missing.js'));
    const answers = await Promise.all(['#set($a = 1)$a', 'plain'].map((text) => thread.evaluate(job(text))));
    assert.deepEqual(answers.map(outputOf), ['1', 'plain']);
    assert.equal(thread.inThisThread, true);
  });
});
