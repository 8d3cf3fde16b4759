/**
 * Template checks of a large definition run in a worker thread, beside the other checks: they are a fifth of a full
 * validation, and a tenth of a second or more in a fresh process. The worker is started on first use, kept for the
 * process's life, and keeps the process alive only while it has work. It runs the bundled checks beside the bundle
 * (`../workers/templateChecks.js`); running from sources there is none, and the checks run in the asking thread, as
 * they do for small definitions and whenever the worker fails or does not answer.
 */
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startBundledWorker } from '../../util/bundledWorker';
import type { TemplateCheckJob, TemplateCheckRequest, TemplateCheckResponse } from './templateCheckMessages';
import type { TemplateFinding } from './templateFindings';

const WORKER_FILE = path.join(__dirname, '..', 'workers', 'templateChecks.js');

/**
 * A worker with requests waiting that has answered none for this long is stopped, and its requests checked in the
 * asking thread. The checks of the largest definitions take seconds; a worker this late is stuck (or starved of
 * memory), and waiting longer would hold up every validation that sends it templates. Any answer restarts the wait, so
 * requests queued behind others' work are not held against it.
 */
const ANSWER_TIMEOUT_MS = Number(process.env.APIGW_TEMPLATE_WORKER_TIMEOUT_MS) || 60_000;

/** After this many failed workers (an error, an exit, no answer in time), the checks stay in the asking thread. */
const MAX_FAILURES = 3;

interface Pending {
  resolve(results: TemplateFinding[][] | undefined): void;
}

let worker: Worker | undefined;
/** Set when the worker is missing or failed too often: from then on every check runs in the asking thread. */
let unavailable = false;
let failures = 0;
let nextId = 1;
const pending = new Map<number, Pending>();
/** Running while requests wait: see `ANSWER_TIMEOUT_MS`. */
let watchdog: NodeJS.Timeout | undefined;

/** The placed findings of each template, or undefined when they must be checked in this thread. */
export function checkInWorker(jobs: TemplateCheckJob[]): Promise<TemplateFinding[][] | undefined> {
  const thread = workerThread();
  if (!thread) return Promise.resolve(undefined);
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    if (pending.size === 1) {
      thread.ref();
      watch(thread);
    }
    thread.postMessage({ id, jobs } satisfies TemplateCheckRequest);
  });
}

/** Starts the worker, when it can run, before anything is asked of it; later requests find it loaded. */
export function startTemplateWorker(): void {
  workerThread();
}

/** No worker runs yet, and one may be started. */
export function templateWorkerToStart(): boolean {
  return !worker && !unavailable;
}

/** (Re)starts the wait for the worker's next answer. */
function watch(thread: Worker): void {
  clearTimeout(watchdog);
  watchdog = setTimeout(() => fail(thread), ANSWER_TIMEOUT_MS);
  // The timer alone does not keep a process alive; the worker does while it has work.
  watchdog.unref();
}

function workerThread(): Worker | undefined {
  if (worker || unavailable) return worker;
  const thread = startBundledWorker(WORKER_FILE);
  if (!thread) {
    unavailable = true;
    return undefined;
  }
  thread.on('message', (response: TemplateCheckResponse) => settle(response.id, response.results));
  thread.on('error', () => fail(thread));
  thread.on('exit', () => fail(thread));
  worker = thread;
  return thread;
}

function settle(id: number, results: TemplateFinding[][] | undefined): void {
  const job = pending.get(id);
  if (!job) return;
  pending.delete(id);
  if (pending.size === 0) {
    clearTimeout(watchdog);
    worker?.unref();
  } else if (worker) {
    watch(worker);
  }
  job.resolve(results);
}

/**
 * Whatever was asked of a worker that failed is checked in the asking thread; the next request starts a new worker,
 * until `MAX_FAILURES`. A failed worker's later events (the exit that follows an error or a stop) count for nothing.
 */
function fail(thread: Worker): void {
  if (thread !== worker) return;
  worker = undefined;
  if (++failures >= MAX_FAILURES) unavailable = true;
  void thread.terminate().catch(() => undefined);
  for (const id of [...pending.keys()]) settle(id, undefined);
}
