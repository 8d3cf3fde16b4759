import { statSync } from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { LocalFunction } from '../localConfig';
import { CapturedOutput } from './capturedOutput';
import { RUNNER_SOURCE } from './runnerSource';
import { DEFAULT_MEMORY_MB, HeapExhaustionWatch, heapLimitMB, PROCESS_MARGIN_MB, processLimitMB } from './memoryLimit';
import { exitError } from './runtimeExit';
import { TYPESCRIPT_FILE, typescriptCompilerPath } from './typescriptHandlers';
import { handlerSetting, runtimeEnvironment } from './runtimeEnvironment';
import { startChildRunner, type RunnerEvent, type RunnerProcess, type StartRunner } from './runnerProcess';

/** A function error as Lambda returns it; `trace` is the Node.js runtime's stack, message lines first. */
export interface LambdaErrorPayload {
  errorType?: string;
  errorMessage: string;
  trace?: string[];
}

/** What a streaming handler (`awslambda.streamifyResponse`) wrote: its stream's content type and size. */
export interface StreamedOutput {
  contentType: string;
  bytes: number;
}

/**
 * `streamed` is set for a streaming handler. Invoked without a sink (Lambda's Invoke), its bytes are the result, as
 * JSON when they parse as JSON, else as text.
 */
export type LambdaOutcome =
  | { ok: true; result: unknown; logs: string; durationMs: number; coldStart: boolean; streamed?: StreamedOutput }
  | { ok: false; error: LambdaErrorPayload; logs: string; durationMs: number; coldStart: boolean; kind: 'error' | 'crash' | 'timeout'; streamed?: StreamedOutput };

/**
 * Where the bytes of a response go as the function writes them: Lambda's InvokeWithResponseStream. A handler that
 * does not stream sends its whole result as one chunk, as Lambda answers that API for such a function.
 */
export interface ResponseSink {
  write(chunk: Buffer, contentType: string): void;
}

export interface LambdaInvocation {
  functionName: string;
  invokedFunctionArn: string;
  requestId: string;
  event: unknown;
  region: string;
}

interface Worker {
  child: RunnerProcess;
  /** What the worker was started for, so that a replacement can be started alike. */
  spec: { fn: LocalFunction; invocation: LambdaInvocation };
  ready: Promise<void>;
  busy: boolean;
  dead: boolean;
  /** Runs old code or settings: retired instead of reused when its invocation ends. */
  stale: boolean;
  output: CapturedOutput;
  /** The log stream of the execution environment the process stands for, in its environment and each context. */
  logStreamName: string;
  /** The uncaught exception that is ending the process, as the runner reported it. */
  uncaught?: string;
  heap: HeapExhaustionWatch;
  /** The resident memory, in bytes, at which the runner found the process over its limit and ended it. */
  outgrewMemory?: number;
  onResult?: (message: WorkerResult) => void;
  onChunk?: (chunk: Buffer, contentType: string | undefined) => void;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

interface Pool {
  file: string;
  mtimeMs: number;
  workers: Worker[];
  /** Invocations waiting for a free worker; called with undefined when the host closes. */
  waiting: Array<(worker: Worker | undefined) => void>;
}

let compilerPath: string | undefined;

/**
 * Workers per function: Lambda runs one request per execution environment, so concurrency needs more of them. Further
 * invocations wait for a free worker; that wait is not part of the integration timeout, which starts once an
 * invocation has its worker (`invoke`'s `onStart`).
 */
export const WORKERS_PER_FUNCTION = 4;

let startRunner: StartRunner = startChildRunner;

/**
 * How this thread's workers are started: as its own child processes, or (a thread that may be stopped from outside)
 * by the thread that owns it, which outlives it to reap them (runnerProcess.ts).
 */
export function startRunnersWith(start: StartRunner): void {
  startRunner = start;
}

/**
 * Runs local Lambda handlers in child processes kept warm between invocations. A crash, an exception or an
 * endless loop in user code ends in a Lambda-shaped error; the host process is never affected.
 */
export class LambdaHost {
  private readonly pools = new Map<string, Pool>();
  private disposed = false;

  constructor(private readonly baseDir: string) {}

  /**
   * Runs one invocation. `onStart` is called once it has a worker, before a new worker's start-up, which counts as
   * Lambda's init does: after any wait for a busy function's workers to free up, which it is told the length of.
   */
  async invoke(fn: LocalFunction, invocation: LambdaInvocation, sink?: ResponseSink, onStart?: (queuedMs: number) => void): Promise<LambdaOutcome> {
    const file = path.resolve(this.baseDir, fn.handler);
    const exportName = fn.export ?? 'handler';
    const timeoutMs = Math.round((fn.timeoutSeconds ?? 3) * 1000);
    const key = JSON.stringify([file, exportName, fn.environment ?? {}, fn.memorySizeMB ?? DEFAULT_MEMORY_MB, invocation.functionName, invocation.region]);
    const pool = this.poolFor(key, file);
    const start = performance.now();
    const missing = pool.mtimeMs < 0 ? missingFolder(fn, file, this.baseDir) : undefined;
    if (missing) return { ok: false, kind: 'error', error: missing.error, logs: `${missing.why}\n`, durationMs: performance.now() - start, coldStart: true };
    let worker: Worker;
    let coldStart = false;
    try {
      const asked = performance.now();
      let queued: boolean;
      ({ worker, coldStart, queued } = await this.acquire(pool, fn, invocation));
      onStart?.(queued ? performance.now() - asked : 0);
      await worker.ready;
    } catch (error) {
      const startError = { errorType: 'Runtime.StartError', errorMessage: error instanceof Error ? error.message : String(error) };
      // Nothing ran, so nothing else would tell the function's log why.
      return { ok: false, kind: 'crash', error: startError, logs: `${startError.errorMessage}\n${startError.errorType}\n`, durationMs: performance.now() - start, coldStart: true };
    }
    worker.output.clear();
    const deadline = Date.now() + timeoutMs;
    return new Promise<LambdaOutcome>((resolve) => {
      let settled = false;
      let streamed: StreamedOutput | undefined;
      // Without a sink the streamed bytes are the result, as Lambda's Invoke buffers a streaming function's response.
      const collected: Buffer[] = [];
      const done = (outcome: OutcomeCore, reusable: boolean, epilogue = '') => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.onResult = undefined;
        worker.onExit = undefined;
        worker.onChunk = undefined;
        const printed = worker.output.text();
        const logs = epilogue ? `${printed}${printed && !printed.endsWith('\n') ? '\n' : ''}${epilogue}` : printed;
        worker.output.clear();
        if (reusable) this.release(pool, worker);
        else this.retire(pool, worker);
        resolve({ ...outcome, ...(streamed ? { streamed } : {}), logs, durationMs: performance.now() - start, coldStart } as LambdaOutcome);
      };
      worker.onChunk = (chunk, contentType) => {
        streamed ??= { contentType: contentType ?? DEFAULT_STREAM_CONTENT_TYPE, bytes: 0 };
        streamed.bytes += chunk.length;
        if (sink) sink.write(chunk, streamed.contentType);
        else collected.push(chunk);
      };
      const timer = setTimeout(() => {
        const seconds = (timeoutMs / 1000).toFixed(2);
        done({ ok: false, kind: 'timeout', error: { errorType: 'Sandbox.Timedout', errorMessage: `${new Date().toISOString()} ${invocation.requestId} Task timed out after ${seconds} seconds` } }, false);
      }, timeoutMs);
      worker.onResult = (message) => {
        // What the function printed just before it answered can still be waiting in the stdout pipe: by the check
        // phase, everything the same poll found readable has been read. The answer stands if the process ends meanwhile.
        worker.onExit = undefined;
        if (message.streamed) streamed ??= { contentType: message.contentType ?? DEFAULT_STREAM_CONTENT_TYPE, bytes: 0 };
        setImmediate(() => {
          if (!message.ok) done({ ok: false, kind: 'error', error: message.value as LambdaErrorPayload }, true);
          else if (message.streamed) done({ ok: true, result: sink ? undefined : invokePayload(collected) }, true);
          else {
            if (sink) sink.write(Buffer.from(JSON.stringify(message.value) ?? 'null'), 'application/json');
            done({ ok: true, result: message.value }, true);
          }
        });
      };
      worker.onExit = (code, signal) => {
        const error = exitError(invocation.requestId, code, signal, worker.heap.exhausted || worker.outgrewMemory !== undefined);
        // Lambda writes the reason to the function's log too, after whatever the function printed; the uncaught
        // exception or the memory that ended the process comes first, whole, however much of the output was left out.
        const cause = worker.uncaught ?? memoryNote(fn, worker);
        done({ ok: false, kind: 'crash', error }, false, `${cause ? `${cause}\n` : ''}${error.errorMessage}\n${error.errorType}\n`);
      };
      worker.child.send({
        type: 'invoke',
        id: invocation.requestId,
        file,
        exportName,
        handlerName: handlerSetting(fn),
        typescript: TYPESCRIPT_FILE.test(file) ? (compilerPath ??= typescriptCompilerPath()) : undefined,
        event: invocation.event,
        deadline,
        context: {
          functionName: invocation.functionName,
          functionVersion: '$LATEST',
          invokedFunctionArn: invocation.invokedFunctionArn,
          memoryLimitInMB: String(fn.memorySizeMB ?? DEFAULT_MEMORY_MB),
          awsRequestId: invocation.requestId,
          logGroupName: `/aws/lambda/${invocation.functionName}`,
          logStreamName: worker.logStreamName,
        },
      });
    });
  }

  /** Stops every worker; the host may be used again afterwards (workers start on demand). */
  dispose(): void {
    for (const pool of this.pools.values()) {
      const waiting = pool.waiting;
      pool.waiting = [];
      for (const w of [...pool.workers]) this.retire(pool, w);
      // Invocations still queued fail like any invocation cut short by a stop.
      for (const next of waiting) next(undefined);
    }
    this.pools.clear();
  }

  /** New invocations get fresh workers (e.g. after the configuration changed); running ones finish first. */
  recycle(): void {
    for (const pool of this.pools.values()) this.recyclePool(pool);
  }

  private recyclePool(pool: Pool): void {
    for (const w of [...pool.workers]) {
      if (w.busy) w.stale = true;
      else this.retire(pool, w);
    }
  }

  /** Stops for good: later invocations are refused. */
  close(): void {
    this.disposed = true;
    this.dispose();
  }

  private poolFor(key: string, file: string): Pool {
    let pool = this.pools.get(key);
    const mtimeMs = fileMtime(file);
    if (pool && pool.mtimeMs !== mtimeMs) {
      // The handler file changed: new invocations get fresh workers, as a redeployed function would.
      this.recyclePool(pool);
      pool.mtimeMs = mtimeMs;
    }
    if (!pool) this.pools.set(key, (pool = { file, mtimeMs, workers: [], waiting: [] }));
    return pool;
  }

  /** A worker for the invocation: an idle one, a new one, or (`queued`) the next to come free. */
  private acquire(pool: Pool, fn: LocalFunction, invocation: LambdaInvocation): Promise<{ worker: Worker; coldStart: boolean; queued: boolean }> {
    if (this.disposed) return Promise.reject(new Error('the local Lambda host stopped its workers'));
    const idle = pool.workers.find((w) => !w.busy && !w.dead);
    if (idle) {
      setBusy(idle, true);
      return Promise.resolve({ worker: idle, coldStart: false, queued: false });
    }
    if (pool.workers.length < WORKERS_PER_FUNCTION) {
      const worker = this.spawnWorker(pool, fn, invocation);
      return Promise.resolve({ worker, coldStart: true, queued: false });
    }
    return new Promise((resolve, reject) =>
      pool.waiting.push((worker) => (worker ? resolve({ worker, coldStart: false, queued: true }) : reject(new Error('the local Lambda host stopped its workers')))),
    );
  }

  private release(pool: Pool, worker: Worker): void {
    // A process that ended after answering is replaced for whoever waits, like one that ended while working.
    if (worker.stale || worker.dead) {
      this.retire(pool, worker);
      return;
    }
    const next = pool.waiting.shift();
    if (next) next(worker);
    else setBusy(worker, false);
  }

  private retire(pool: Pool, worker: Worker): void {
    worker.dead = true;
    pool.workers = pool.workers.filter((w) => w !== worker);
    worker.child.kill();
    const next = pool.waiting.shift();
    // A queued invocation takes the place of the retired worker.
    if (next) next(this.spawnWorker(pool, worker.spec.fn, worker.spec.invocation));
  }

  private spawnWorker(pool: Pool, fn: LocalFunction, invocation: LambdaInvocation): Worker {
    const env = runtimeEnvironment(fn, pool.file, invocation.functionName, invocation.region, process.env);
    // The host may run under a TypeScript loader; user handlers get a plain Node.js.
    delete env.NODE_OPTIONS;
    // The heap and process limits stand in for Lambda's memory limit: a function that outgrows them ends as one
    // Lambda stops for its memory.
    const args = [`--max-old-space-size=${heapLimitMB(fn.memorySizeMB)}`, '-e', RUNNER_SOURCE, String(processLimitMB(fn.memorySizeMB))];
    let markReady!: () => void;
    let failReady!: (error: Error) => void;
    // One decoder per stream, so that a character split between two chunks is not garbled.
    const stdout = new StringDecoder('utf8');
    const stderr = new StringDecoder('utf8');
    let whenClosed: (() => void) | undefined;
    const heard = (event: RunnerEvent) => {
      switch (event.on) {
        case 'stdout':
          worker.output.append(stdout.write(asBuffer(event.chunk)));
          break;
        case 'stderr': {
          const text = stderr.write(asBuffer(event.chunk));
          worker.heap.see(text);
          worker.output.append(text);
          break;
        }
        case 'message':
          this.heardFrom(worker, event.message as WorkerMessage, markReady);
          break;
        case 'error':
          failReady(startFailure(Object.assign(new Error(event.message), { code: event.code }), pool.file));
          break;
        case 'exit':
          whenClosed = this.workerExited(pool, worker, event.code, event.signal, failReady);
          break;
        case 'close':
          whenClosed?.();
          break;
      }
    };
    const worker: Worker = {
      child: startRunner({ args, cwd: path.dirname(pool.file), env }, heard),
      busy: false,
      dead: false,
      stale: false,
      output: new CapturedOutput(),
      heap: new HeapExhaustionWatch(),
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        failReady = reject;
      }),
      spec: { fn, invocation },
      logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    };
    worker.ready.catch(() => undefined);
    setBusy(worker, true);
    pool.workers.push(worker);
    return worker;
  }

  private heardFrom(worker: Worker, message: WorkerMessage, markReady: () => void): void {
    switch (message?.type) {
      case 'ready':
        markReady();
        break;
      case 'chunk':
        worker.onChunk?.(Buffer.from(String(message.data ?? ''), 'base64'), message.contentType);
        break;
      case 'result':
        worker.onResult?.({ ok: message.ok === true, value: message.value, streamed: message.streamed === true, contentType: message.contentType });
        break;
      case 'memory':
        worker.outgrewMemory = Number(message.rss) || 0;
        break;
      case 'uncaught':
        worker.uncaught = String(message.text ?? '');
        break;
    }
  }

  /** The worker's process ended; what to do once its pipes are closed, when an invocation waits to hear why. */
  private workerExited(pool: Pool, worker: Worker, code: number | null, signal: NodeJS.Signals | null, failReady: (error: Error) => void): (() => void) | undefined {
    failReady(new Error(`worker exited before it was ready (${signal ?? code})`));
    worker.dead = true;
    pool.workers = pool.workers.filter((w) => w !== worker);
    if (!worker.onExit) return undefined;
    // What the process printed last (V8's report of a full heap among it) can still be in the pipes: the log
    // waits for them to close, or briefly, should a process the function started hold them open.
    let reported = false;
    const report = () => {
      if (reported) return;
      reported = true;
      clearTimeout(fallback);
      worker.onExit?.(code, signal);
    };
    const fallback = setTimeout(report, PIPE_DRAIN_MS);
    return () => setImmediate(report);
  }
}

/** A pipe's chunk, as a Buffer over the same bytes: a chunk heard from another thread arrives as a plain Uint8Array. */
function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** How long a crash report waits for the pipes of a process that has ended. */
const PIPE_DRAIN_MS = 1000;

/** The runtime's content type for a response stream whose handler set none. */
const DEFAULT_STREAM_CONTENT_TYPE = 'application/octet-stream';

interface WorkerResult {
  ok: boolean;
  value: unknown;
  streamed: boolean;
  contentType?: string;
}

interface WorkerMessage {
  type?: string;
  ok?: boolean;
  value?: unknown;
  streamed?: boolean;
  contentType?: string;
  data?: string;
  text?: string;
  rss?: number;
}

/** A streamed response read through Invoke: JSON when its bytes are JSON, else its text. */
function invokePayload(chunks: Buffer[]): unknown {
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A handler in a folder that does not exist, found before a process is started there: the start would fail with
 * `spawn node ENOENT`, which reads as if Node.js were missing. The error is Lambda's for a module it cannot find; the
 * function's log says which folder is missing.
 */
function missingFolder(fn: LocalFunction, file: string, baseDir: string): { error: LambdaErrorPayload; why: string } | undefined {
  const dir = path.dirname(file);
  if (isDirectory(dir)) return undefined;
  const module = path.basename(file).replace(/\.[^.]*$/, '');
  return {
    error: { errorType: 'Runtime.ImportModuleError', errorMessage: `Error: Cannot find module '${module}'`, trace: [`Runtime.ImportModuleError: Error: Cannot find module '${module}'`] },
    why: `The handler file ${file} cannot be found: the folder ${dir} does not exist (handler "${fn.handler}" is relative to ${baseDir})`,
  };
}

/** Which of the limits that stand for the function's memory a process outgrew, and where that limit comes from. */
function memoryNote(fn: LocalFunction, worker: Worker): string | undefined {
  const memory = `memorySizeMB ${fn.memorySizeMB ?? DEFAULT_MEMORY_MB}`;
  if (worker.heap.exhausted) return `The function's JavaScript heap reached its limit of ${heapLimitMB(fn.memorySizeMB)} MB (${memory}).`;
  if (worker.outgrewMemory === undefined) return undefined;
  const used = Math.round(worker.outgrewMemory / 1048576);
  return `The function's process used ${used} MB, over its limit of ${processLimitMB(fn.memorySizeMB)} MB (${memory}, and ${PROCESS_MARGIN_MB} MB for Node.js itself).`;
}

/** Why a worker process did not start, in terms of the handler rather than of `spawn`. */
function startFailure(error: Error & { code?: string }, file: string): Error {
  const dir = path.dirname(file);
  if (error.code === 'ENOENT' && !isDirectory(dir)) return new Error(`cannot run ${file}: the folder ${dir} does not exist`);
  return new Error(`cannot start Node.js (${process.execPath}) for ${file}: ${error.message}`);
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A busy worker keeps the host's event loop alive until it answers; an idle one must not. */
function setBusy(worker: Worker, busy: boolean): void {
  worker.busy = busy;
  worker.child.keepAlive(busy);
}

function fileMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

type OutcomeCore = { ok: true; result: unknown } | { ok: false; error: LambdaErrorPayload; kind: 'error' | 'crash' | 'timeout' };
