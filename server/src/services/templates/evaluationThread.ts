/**
 * The evaluator's runs, in a thread of their own. The template engine is synchronous: a template that loops for the
 * whole of its time budget would otherwise hold the language server for that long, at every keystroke in the
 * evaluator, and a run the editor cancelled would still go to its end. Here a run cancelled after `STOP_AFTER_MS` stops
 * with its thread (the next run starts another), and the server answers everything else meanwhile.
 *
 * The thread runs the bundled engine beside the server (`../workers/templateEvaluations.js`). Running from sources
 * there is none, and runs stay in the asking thread, as they do after the thread failed `MAX_FAILURES` times.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runEvaluation, type EvaluationJob, type TemplateEvaluation } from '../templateEvaluation';
import type { EvaluationRequest, EvaluationResponse } from './evaluationMessages';

const WORKER_FILE = path.join(__dirname, '..', 'workers', 'templateEvaluations.js');

/**
 * A run cancelled before this has likely nearly finished: it is left to end, its answer dropped, and the thread stays
 * warm. One cancelled later is stopped with its thread.
 */
const STOP_AFTER_MS = 200;

/**
 * A run that has not answered by its own time budget and this much more is stuck (the budget stops the engine from
 * inside): its thread is stopped and the run said to have failed.
 */
const GRACE_MS = 10_000;

/** After this many failed threads (an error, an exit, a run stuck), runs stay in the asking thread. */
const MAX_FAILURES = 3;

/** What the editor's requests carry: a cancellation that may come while the run is under way. */
export interface RunCancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type ThreadAnswer = { evaluation: TemplateEvaluation } | { error: string } | { cancelled: true };

interface Run {
  id: number;
  job: EvaluationJob;
  started?: number;
  settle(answer: ThreadAnswer): void;
}

let worker: Worker | undefined;
let unavailable = false;
let failures = 0;
let nextId = 1;
/** Runs go one at a time: the first is the one under way. */
const queue: Run[] = [];
let watchdog: NodeJS.Timeout | undefined;

/** Runs `job` in the evaluation thread, or in this one when there is none. */
export function evaluateApart(job: EvaluationJob, token?: RunCancellation): Promise<ThreadAnswer> {
  if (token?.isCancellationRequested) return Promise.resolve({ cancelled: true });
  if (!thread()) return Promise.resolve(runHere(job));
  return new Promise((resolve) => {
    const run: Run = { id: nextId++, job, settle: resolve };
    const listener = token?.onCancellationRequested(() => cancel(run));
    run.settle = (answer) => {
      listener?.dispose();
      resolve(answer);
    };
    queue.push(run);
    if (queue.length === 1) start(run);
  });
}

function runHere(job: EvaluationJob): ThreadAnswer {
  try {
    return { evaluation: runEvaluation(job) };
  } catch (error) {
    return { error: `The evaluation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function start(run: Run): void {
  const current = thread();
  if (!current) {
    // The thread failed for good meanwhile: what waits runs here, one after another.
    queue.shift();
    run.settle(runHere(run.job));
    if (queue.length) start(queue[0]);
    return;
  }
  run.started = performance.now();
  current.ref();
  clearTimeout(watchdog);
  watchdog = setTimeout(() => fail(current, `The evaluation did not finish within ${Math.round(((run.job.timeoutMs ?? 2000) + GRACE_MS) / 1000)} s and was stopped.`), (run.job.timeoutMs ?? 2000) + GRACE_MS);
  watchdog.unref();
  current.postMessage({ id: run.id, job: run.job } satisfies EvaluationRequest);
}

function cancel(run: Run): void {
  const at = queue.indexOf(run);
  if (at < 0) return;
  if (at > 0) {
    queue.splice(at, 1);
    run.settle({ cancelled: true });
    return;
  }
  const ran = run.started === undefined ? 0 : performance.now() - run.started;
  if (ran < STOP_AFTER_MS) {
    // Most likely about to answer; if it has not by then, it is stopped after all.
    setTimeout(() => stop(run), STOP_AFTER_MS - ran).unref();
    return;
  }
  stop(run);
}

/** Stops the run under way with its thread: no failure of the thread, so it does not count towards MAX_FAILURES. */
function stop(run: Run): void {
  if (queue[0] !== run) return;
  const stopped = worker;
  worker = undefined;
  void stopped?.terminate().catch(() => undefined);
  finish(run, { cancelled: true });
}

function finish(run: Run, answer: ThreadAnswer): void {
  if (queue[0] !== run) return;
  queue.shift();
  clearTimeout(watchdog);
  run.settle(answer);
  if (queue.length) start(queue[0]);
  else worker?.unref();
}

function thread(): Worker | undefined {
  if (worker || unavailable) return worker;
  if (!existsSync(WORKER_FILE)) {
    unavailable = true;
    return undefined;
  }
  let created: Worker;
  try {
    created = new Worker(WORKER_FILE);
  } catch {
    unavailable = true;
    return undefined;
  }
  created.unref();
  created.on('message', (response: EvaluationResponse) => {
    const run = queue[0];
    if (created !== worker || !run || run.id !== response.id) return;
    finish(run, 'evaluation' in response ? { evaluation: response.evaluation } : { error: response.error });
  });
  created.on('error', () => fail(created, 'The evaluation thread failed; evaluate again.'));
  created.on('exit', () => fail(created, 'The evaluation thread stopped; evaluate again.'));
  worker = created;
  return created;
}

/** The run under way fails with `why`; the next starts a new thread, until `MAX_FAILURES`. */
function fail(failed: Worker, why: string): void {
  if (failed !== worker) return;
  worker = undefined;
  if (++failures >= MAX_FAILURES) unavailable = true;
  void failed.terminate().catch(() => undefined);
  const run = queue[0];
  if (run) finish(run, { error: why });
}
