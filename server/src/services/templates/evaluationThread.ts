/**
 * The evaluator's runs, in a thread of their own. The template engine is synchronous: a template that loops for the
 * whole of its time budget would otherwise hold the language server for that long, at every keystroke in the
 * evaluator, and a run the editor cancelled would still go to its end. Here a run cancelled after `STOP_AFTER_MS` stops
 * with its thread (the next run starts another), and the server answers everything else meanwhile.
 *
 * The thread runs the bundled engine beside the server (`../workers/templateEvaluations.js`). Running from sources
 * there is none, and runs stay in the asking thread, as they do once threads failed to start `MAX_FAILURES` times.
 * The local gateway renders its mapping templates in a thread of the same kind (gateway/templateThread.ts).
 */
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startBundledWorker } from '../../util/bundledWorker';
import { DEFAULT_TIMEOUT_MS } from '../../template/limits';
import { runEvaluationSafely, type EvaluationJob, type TemplateEvaluation } from '../templateEvaluation';
import type { EvaluationRequest, EvaluationResponse } from './evaluationMessages';

/** The bundled thread program, which runs the evaluator's jobs and the local gateway's alike (evaluationWorker.ts). */
export const EVALUATION_WORKER_FILE = path.join(__dirname, '..', 'workers', 'templateEvaluations.js');

/**
 * A run cancelled before it has run this long has likely nearly finished: it is given the rest of this time, and the
 * thread stays warm. One cancelled later is stopped with its thread.
 */
const STOP_AFTER_MS = 200;

/**
 * A run that has not answered by its own time budget and this much more is stuck (the budget stops the engine from
 * inside): its thread is stopped and the run said to have failed.
 */
const GRACE_MS = 10_000;

/**
 * The thread's heap: a template that builds ever larger strings or lists runs out of it and fails alone, instead of
 * taking the server's memory.
 */
const HEAP_MB = 512;

/**
 * After this many threads that failed before they were ready to run anything, runs stay in the asking thread. A thread
 * that fails running a template (out of memory, stuck) is that template's failure, and counts for nothing here.
 */
const MAX_FAILURES = 3;

/** How long the steps above take; tests shorten them. */
export interface EvaluationThreadTimes {
  stopAfterMs: number;
  graceMs: number;
  maxFailures: number;
}

const TIMES: EvaluationThreadTimes = { stopAfterMs: STOP_AFTER_MS, graceMs: GRACE_MS, maxFailures: MAX_FAILURES };

/** What the editor's requests carry: a cancellation that may come while the run is under way. */
export interface RunCancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type ThreadAnswer<R = TemplateEvaluation> = { evaluation: R } | { error: string } | { cancelled: true };

/** What a job says of its own time budget, which the thread is given before it is taken for stuck. */
export interface ThreadJob {
  timeoutMs?: number;
}

/** What a thread's failures call its run, and what they ask the user to do. */
export interface ThreadWording {
  run: string;
  again: string;
}

const EVALUATION_WORDING: ThreadWording = { run: 'evaluation', again: 'evaluate again' };

/** Runs a job in the asking thread, an engine failure as the answer rather than thrown, as the thread answers it. */
export type RunHere<J, R> = (job: J) => { evaluation: R } | { error: string };

interface Run<J, R> {
  id: number;
  job: J;
  /** When the thread began it: set once the thread is ready, so that its loading is not counted against the run. */
  started?: number;
  /** Cancelled before the thread began it: stopped once it has run `STOP_AFTER_MS`, as if cancelled then. */
  cancelled?: boolean;
  settle(answer: ThreadAnswer<R>): void;
}

/**
 * Runs jobs one at a time in a thread running `workerFile` (see `EvaluationRequest`, `EvaluationResponse`), which is
 * started at the first job and again after one is stopped.
 */
export class EvaluationThread<J extends ThreadJob = EvaluationJob, R = TemplateEvaluation> {
  private worker: Worker | undefined;
  private ready = false;
  private unavailable = false;
  private failures = 0;
  private nextId = 1;
  /** Runs go one at a time: the first is the one under way. */
  private readonly queue: Run<J, R>[] = [];
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly workerFile: string,
    private readonly runHere: RunHere<J, R>,
    private readonly times: EvaluationThreadTimes = TIMES,
    /** How a failure names what was run, and what to do then: the evaluator's runs, or another user's. */
    private readonly wording: ThreadWording = EVALUATION_WORDING,
  ) {}

  /** Runs `job` in the thread, or in this one when there is none. */
  evaluate(job: J, token?: RunCancellation): Promise<ThreadAnswer<R>> {
    if (token?.isCancellationRequested) return Promise.resolve({ cancelled: true });
    if (!this.thread()) return Promise.resolve(this.runHere(job));
    return new Promise((resolve) => {
      const run: Run<J, R> = { id: this.nextId++, job, settle: resolve };
      const listener = token?.onCancellationRequested(() => this.cancel(run));
      run.settle = (answer) => {
        listener?.dispose();
        resolve(answer);
      };
      this.queue.push(run);
      if (this.queue.length === 1) this.start(run);
    });
  }

  /** Whether runs have stopped trying threads: none could start, or `maxFailures` failed before they were ready. */
  get inThisThread(): boolean {
    return this.unavailable;
  }

  private start(run: Run<J, R>): void {
    const current = this.thread();
    if (!current) {
      // No thread can start any more: this run is answered here, and the next when its turn comes.
      this.queue.shift();
      run.settle(this.runHere(run.job));
      if (this.queue.length) setImmediate(() => this.queue.length && this.start(this.queue[0]));
      return;
    }
    current.ref();
    try {
      current.postMessage({ id: run.id, job: run.job } satisfies EvaluationRequest<J>);
    } catch (error) {
      this.finish(run, { error: `The ${this.wording.run} could not be sent to its thread: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if (this.ready) this.begin(run, current);
  }

  /** The thread has the run and is ready: its time counts from now. */
  private begin(run: Run<J, R>, current: Worker): void {
    run.started = performance.now();
    if (run.cancelled) setTimeout(() => this.stop(run), this.times.stopAfterMs).unref();
    const limit = (run.job.timeoutMs ?? DEFAULT_TIMEOUT_MS) + this.times.graceMs;
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.fail(current, `The ${this.wording.run} did not finish within ${Math.round(limit / 1000)} s and was stopped.`), limit);
    this.watchdog.unref();
  }

  private cancel(run: Run<J, R>): void {
    const at = this.queue.indexOf(run);
    if (at < 0) return;
    if (at > 0) {
      this.queue.splice(at, 1);
      run.settle({ cancelled: true });
      return;
    }
    // A thread still loading is not stopped: another would have to load again.
    if (run.started === undefined) {
      run.cancelled = true;
      return;
    }
    const ran = performance.now() - run.started;
    if (ran < this.times.stopAfterMs) {
      // Most likely about to answer: if it has not by then, it is stopped after all.
      setTimeout(() => this.stop(run), this.times.stopAfterMs - ran).unref();
      return;
    }
    this.stop(run);
  }

  /** Stops the run under way with its thread. */
  private stop(run: Run<J, R>): void {
    if (this.queue[0] !== run) return;
    const stopped = this.worker;
    this.worker = undefined;
    this.ready = false;
    void stopped?.terminate().catch(() => undefined);
    this.finish(run, { cancelled: true });
  }

  /** The run under way, answered in this thread: what its thread could not take, read or begin. */
  private answerHere(run: Run<J, R>): void {
    this.finish(run, this.runHere(run.job));
  }

  private finish(run: Run<J, R>, answer: ThreadAnswer<R>): void {
    if (this.queue[0] !== run) return;
    this.queue.shift();
    clearTimeout(this.watchdog);
    run.settle(answer);
    if (this.queue.length) this.start(this.queue[0]);
    else this.worker?.unref();
  }

  private thread(): Worker | undefined {
    if (this.worker || this.unavailable) return this.worker;
    const created = startBundledWorker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    if (!created) {
      this.unavailable = true;
      return undefined;
    }
    created.on('message', (response: EvaluationResponse<R>) => {
      if (created !== this.worker) return;
      if ('ready' in response) {
        this.ready = true;
        if (this.queue[0]) this.begin(this.queue[0], created);
        return;
      }
      const run = this.queue[0];
      if ('unreadable' in response) {
        if (run && (response.id === undefined || run.id === response.id)) this.answerHere(run);
        return;
      }
      if (!run || run.id !== response.id) return;
      this.finish(run, 'evaluation' in response ? { evaluation: response.evaluation } : { error: response.error });
    });
    // An answer this thread cannot read: the run is done again here, where its values need not cross.
    created.on('messageerror', () => {
      const run = this.queue[0];
      if (created === this.worker && run) this.answerHere(run);
    });
    created.on('error', (error) => this.fail(created, `The ${this.wording.run} stopped: ${error.message}.`));
    created.on('exit', () => this.fail(created, `The ${this.wording.run} thread stopped; ${this.wording.again}.`));
    this.worker = created;
    this.ready = false;
    return created;
  }

  /**
   * The run under way fails with `why`; the next starts a new thread. A thread that failed before it was ready never
   * began the run, which is no fault of the run's: it is run here instead.
   */
  private fail(failed: Worker, why: string): void {
    if (failed !== this.worker) return;
    const loading = !this.ready;
    if (loading && ++this.failures >= this.times.maxFailures) this.unavailable = true;
    this.worker = undefined;
    this.ready = false;
    void failed.terminate().catch(() => undefined);
    const run = this.queue[0];
    if (run) {
      if (loading) this.answerHere(run);
      else this.finish(run, { error: why });
    }
  }
}

const shared = new EvaluationThread(EVALUATION_WORKER_FILE, runEvaluationSafely);

/** Runs `job` in the evaluation thread, or in this one when there is none. */
export function evaluateApart(job: EvaluationJob, token?: RunCancellation): Promise<ThreadAnswer> {
  return shared.evaluate(job, token);
}
