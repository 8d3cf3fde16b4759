/**
 * Template checks of a large definition run in a worker thread, beside the other checks: they are a fifth of a full
 * validation, and a tenth of a second or more in a fresh process. The worker is started on first use, kept for the
 * process's life, and keeps the process alive only while it has work. It runs the bundled checks beside the bundle
 * (`../workers/templateChecks.js`); running from sources there is none, and the checks run in the asking thread, as
 * they do for small definitions and whenever the worker fails.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TemplateCheckJob, TemplateCheckRequest, TemplateCheckResponse } from './templateCheckMessages';
import type { TemplateFinding } from './templateFindings';

const WORKER_FILE = path.join(__dirname, '..', 'workers', 'templateChecks.js');

interface Pending {
  resolve(results: TemplateFinding[][] | undefined): void;
}

let worker: Worker | undefined;
/** Set once the worker failed or is missing: from then on every check runs in the asking thread. */
let unavailable = false;
let nextId = 1;
const pending = new Map<number, Pending>();

/** The placed findings of each template, or undefined when they must be checked in this thread. */
export function checkInWorker(jobs: TemplateCheckJob[]): Promise<TemplateFinding[][] | undefined> {
  const thread = workerThread();
  if (!thread) return Promise.resolve(undefined);
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    if (pending.size === 1) thread.ref();
    thread.postMessage({ id, jobs } satisfies TemplateCheckRequest);
  });
}

function workerThread(): Worker | undefined {
  if (worker || unavailable) return worker;
  if (!existsSync(WORKER_FILE)) {
    unavailable = true;
    return undefined;
  }
  try {
    worker = new Worker(WORKER_FILE);
  } catch {
    unavailable = true;
    return undefined;
  }
  worker.unref();
  worker.on('message', (response: TemplateCheckResponse) => settle(response.id, response.results));
  worker.on('error', () => giveUp());
  worker.on('exit', () => giveUp());
  return worker;
}

function settle(id: number, results: TemplateFinding[][] | undefined): void {
  const job = pending.get(id);
  if (!job) return;
  pending.delete(id);
  if (pending.size === 0) worker?.unref();
  job.resolve(results);
}

/** Whatever was asked of a worker that failed is checked in the asking thread. */
function giveUp(): void {
  unavailable = true;
  worker = undefined;
  for (const id of [...pending.keys()]) settle(id, undefined);
}
