/**
 * Documents over the size limit are served by a thread of their own (largeDocumentWorker.ts): the first parse of a
 * 50 MB definition takes seconds, and in the server's thread it would hold up every request on every other document.
 * The thread is started on first use and kept; each version is sent to it once, before the first call that needs it:
 * as the edits since the version it holds, or whole. Without the bundled worker (running from sources), or once it has failed too often, the caller's own
 * fallback answers in the server's thread.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { OwnedRunners } from './gateway/lambda/runnerProcess';
import { RenameError } from './services/rename';
import type { LanguageSettings } from './services/validationTypes';
import type { FeatureAnswer, FeatureArguments, HostedFeature, HostedRequest, HostRequest, HostResponse, RequestAnswer, RequestParams } from './largeDocumentMessages';

const DEFAULT_WORKER_FILE = path.join(__dirname, '..', 'workers', 'largeDocuments.js');

/** After this many failed threads (an error or an exit), documents over the limit are served in the asking thread. */
const MAX_FAILURES = 3;

/** Past this much edited text waiting to be sent, the next call sends the whole text instead. */
const MAX_PENDING_EDIT_CHARS = 1024 * 1024;

/** The edits made to a document since the version the thread holds. */
interface PendingEdits {
  from: number;
  version: number;
  changes: TextDocumentContentChangeEvent[];
  chars: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The thread did not answer: it lacked the version (`mayHaveRun` false, the call never started) or stopped while the
 * call was under way. The caller answers in its own thread instead.
 */
class HostFailed extends Error {
  constructor(readonly mayHaveRun: boolean) {
    super('The thread serving documents over the size limit did not answer.');
  }
}

export class LargeDocumentHost {
  private worker: Worker | undefined;
  /** The Lambda worker processes started for the thread. */
  private runners: OwnedRunners | undefined;
  private unavailable = false;
  private failures = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The version of each document the thread holds. */
  private readonly sent = new Map<string, number>();
  private readonly edits = new Map<string, PendingEdits>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly workerFile = DEFAULT_WORKER_FILE,
  ) {}

  /** Whether calls go to the thread: false without the bundled worker, or once it has failed too often. */
  isAvailable(): boolean {
    return !this.unavailable && (this.worker !== undefined || existsSync(this.workerFile));
  }

  /** The diagnostics of `document`'s version; stale versions are dropped by the thread between units of work. */
  validate(document: TextDocument, settings: LanguageSettings, inThisThread: () => Promise<Diagnostic[]>): Promise<Diagnostic[]> {
    return this.call(document, (id) => ({ type: 'validate', id, uri: document.uri, version: document.version, settings }), inThisThread) as Promise<Diagnostic[]>;
  }

  feature<F extends HostedFeature>(document: TextDocument, feature: F, args: FeatureArguments<F>, inThisThread: () => FeatureAnswer<F> | Promise<FeatureAnswer<F>>): Promise<FeatureAnswer<F>> {
    return this.call(document, (id) => ({ type: 'feature', id, uri: document.uri, version: document.version, feature, args }), inThisThread) as Promise<FeatureAnswer<F>>;
  }

  /**
   * One of the extension's own requests on `document` (the evaluator's, the invoke panel's), with its parameters.
   * `ifLost` answers a request the thread stopped during, when running it again is not the same (an invocation that
   * reached a backend); without it, the request runs again in this thread.
   */
  request<R extends HostedRequest>(document: TextDocument, request: R, params: RequestParams<R>, inThisThread: () => RequestAnswer<R> | Promise<RequestAnswer<R>>, ifLost?: () => RequestAnswer<R>): Promise<RequestAnswer<R>> {
    return this.call(document, (id) => ({ type: 'request', id, uri: document.uri, version: document.version, request, params }), inThisThread, ifLost) as Promise<RequestAnswer<R>>;
  }

  /**
   * Hears every edit the editor sends (as the server's document store applies it): a document the thread holds is
   * brought up to date with the edits alone, where sending the whole text of each version would cost the server's
   * thread tens of milliseconds per keystroke in a document of tens of megabytes.
   */
  edited(uri: string, from: number, version: number, changes: TextDocumentContentChangeEvent[]): void {
    if (!this.sent.has(uri)) return;
    const pending = this.edits.get(uri);
    const chars = changes.reduce((sum, change) => sum + change.text.length, 0);
    if (pending && pending.version === from && pending.chars + chars <= MAX_PENDING_EDIT_CHARS) {
      pending.changes.push(...changes);
      pending.version = version;
      pending.chars += chars;
    } else if (!pending && this.sent.get(uri) === from && chars <= MAX_PENDING_EDIT_CHARS) {
      this.edits.set(uri, { from, version, changes: [...changes], chars });
    } else {
      // Edits that do not follow on, or too many: the next call sends the whole text.
      this.edits.delete(uri);
      this.sent.set(uri, -1);
    }
  }

  /** The document was closed, or is back under the limit: the thread's copy and what was kept for it go. */
  close(uri: string): void {
    this.edits.delete(uri);
    if (!this.sent.delete(uri)) return;
    this.worker?.postMessage({ type: 'close', uri } satisfies HostRequest);
  }

  filesChanged(uris: string[]): void {
    if (this.worker && uris.length) this.worker.postMessage({ type: 'filesChanged', uris } satisfies HostRequest);
  }

  /** Stops the thread; the next call starts another. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.sent.clear();
    this.edits.clear();
    this.runners?.end();
    this.runners = undefined;
    await worker?.terminate();
  }

  private async call(document: TextDocument, request: (id: number) => HostRequest, inThisThread: () => unknown, ifLost?: () => unknown): Promise<unknown> {
    const worker = this.thread();
    if (!worker) return inThisThread();
    this.bringUpToDate(worker, document);
    const id = this.nextId++;
    try {
      return await new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        if (this.pending.size === 1) worker.ref();
        worker.postMessage(request(id));
      });
    } catch (error) {
      if (!(error instanceof HostFailed)) throw error;
      return error.mayHaveRun && ifLost ? ifLost() : inThisThread();
    }
  }

  private bringUpToDate(worker: Worker, document: TextDocument): void {
    const uri = document.uri;
    const held = this.sent.get(uri);
    if (held === document.version) return;
    const pending = this.edits.get(uri);
    this.edits.delete(uri);
    if (held !== undefined && pending && pending.from === held && pending.version === document.version) {
      worker.postMessage({ type: 'edit', uri, from: held, version: document.version, changes: pending.changes } satisfies HostRequest);
    } else {
      worker.postMessage({ type: 'sync', uri, languageId: document.languageId, version: document.version, text: document.getText() } satisfies HostRequest);
    }
    this.sent.set(uri, document.version);
  }

  private thread(): Worker | undefined {
    if (this.worker || this.unavailable) return this.worker;
    if (!existsSync(this.workerFile)) {
      this.unavailable = true;
      return undefined;
    }
    let worker: Worker;
    try {
      worker = new Worker(this.workerFile);
    } catch {
      this.unavailable = true;
      return undefined;
    }
    // Kept for the process's life, but keeping it alive only while calls wait.
    worker.unref();
    const runners = new OwnedRunners((id, event) => worker.postMessage({ type: 'runner', id, event } satisfies HostRequest));
    worker.on('message', (response: HostResponse) => {
      if (response.type === 'runner') runners.order(response.order);
      else this.receive(response);
    });
    worker.on('error', (error) => this.fail(worker, error.message));
    worker.on('exit', (code) => {
      // The thread's messages are all in by now: no process is started for it after this.
      runners.end();
      this.fail(worker, `exited with code ${code}`);
    });
    this.worker = worker;
    this.runners = runners;
    return worker;
  }

  private receive(response: Exclude<HostResponse, { type: 'runner' }>): void {
    if (response.type === 'log') {
      this.log(response.message);
      return;
    }
    const call = this.pending.get(response.id);
    if (!call) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (response.type === 'answer') call.resolve(response.value);
    else if (response.missing) {
      // The thread's copy went out of step: this call is answered here, and the next one sends the whole text.
      if (this.sent.has(response.missing)) this.sent.set(response.missing, -1);
      call.reject(new HostFailed(false));
    } else if (response.rename) call.reject(new RenameError(response.message));
    else call.reject(new Error(response.message));
  }

  /** Whatever was asked of a thread that failed is answered in the asking thread; a later call starts a new thread. */
  private fail(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.sent.clear();
    this.edits.clear();
    this.runners?.end();
    this.runners = undefined;
    if (++this.failures >= MAX_FAILURES) this.unavailable = true;
    this.log(`The thread serving documents over the size limit stopped (${reason}); ${this.unavailable ? 'they are served in the main thread from now on' : 'the next request starts another'}.`);
    void worker.terminate().catch(() => undefined);
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const call of waiting) call.reject(new HostFailed(true));
  }
}
