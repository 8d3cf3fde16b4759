/**
 * Documents over the size limit are served by a thread of their own (largeDocumentWorker.ts): the first parse of a
 * 50 MB definition takes seconds, and in the server's thread it would hold up every request on every other document.
 * The thread is started on first use and kept; each version is sent to it once, before the first call that needs it:
 * as the edits since the version it holds, or whole. Without the bundled worker (running from sources), or once it has failed too often, the caller's own
 * fallback answers in the server's thread.
 * A whole parse cannot be interrupted inside the thread: one whose version went stale while others wait behind it is
 * stopped by stopping the thread (largeDocumentStops.ts says when), and what waited is sent to a new one.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { OwnedRunners } from './gateway/lambda/runnerProcess';
import { RenameError } from './services/rename';
import type { RunCancellation } from './services/templates/evaluationThread';
import type { LanguageSettings } from './services/validationTypes';
import type { FeatureAnswer, FeatureArguments, HostedFeature, HostedRequest, HostRequest, HostResponse, RequestAnswer, RequestParams } from './largeDocumentMessages';
import { ParseRate, STOP_POLICY, weighStop, type ParseUnderWay, type StopPolicy } from './largeDocumentStops';

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
  /** The document as the server's store keeps it, at its latest version: a call sent again is sent for that. */
  document: TextDocument;
  /** The version the call was asked on. */
  version: number;
  message: (id: number) => HostRequest;
  kind: HostRequest['type'];
  /** Asked at a position of its version: withdrawn rather than sent again for a later one. */
  positional: boolean;
  /** Running it again is not the same (an invocation that reached a backend). */
  once: boolean;
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

/** The answer to a call whose thread was stopped is stale: the document changed or closed while the call waited. */
class CallWithdrawn extends Error {}

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
  /** The last version of each document the thread was sent whole, not as edits. */
  private readonly sentWhole = new Map<string, number>();
  private readonly edits = new Map<string, PendingEdits>();
  /** The whole parse the thread said it is in. */
  private parsing: ParseUnderWay | undefined;
  /** The length of each document the thread has parsed whole. */
  private readonly parsedWhole = new Map<string, number>();
  /** The thread replaced a stopped one and has not finished a parse yet. */
  private fresh = false;
  private recheck: NodeJS.Timeout | undefined;
  private readonly rate = new ParseRate();

  constructor(
    private readonly log: (message: string) => void,
    private readonly workerFile = DEFAULT_WORKER_FILE,
    private readonly stopPolicy: StopPolicy = STOP_POLICY,
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
  request<R extends HostedRequest>(
    document: TextDocument,
    request: R,
    params: RequestParams<R>,
    inThisThread: () => RequestAnswer<R> | Promise<RequestAnswer<R>>,
    ifLost?: () => RequestAnswer<R>,
    token?: RunCancellation,
  ): Promise<RequestAnswer<R>> {
    return this.call(document, (id) => ({ type: 'request', id, uri: document.uri, version: document.version, request, params }), inThisThread, ifLost, token) as Promise<RequestAnswer<R>>;
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
    this.sentWhole.delete(uri);
    this.parsedWhole.delete(uri);
    if (!this.sent.delete(uri)) return;
    this.worker?.postMessage({ type: 'close', uri } satisfies HostRequest);
    // Its parse, if under way, is now of no use to anyone.
    this.weighStop();
  }

  filesChanged(uris: string[]): void {
    if (this.worker && uris.length) this.worker.postMessage({ type: 'filesChanged', uris } satisfies HostRequest);
  }

  /** Stops the thread; the next call starts another. Calls still waiting are answered as if it had failed. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.forgetThread();
    this.failWaiting();
    await worker?.terminate();
  }

  private async call(document: TextDocument, message: (id: number) => HostRequest, inThisThread: () => unknown, ifLost?: () => unknown, token?: RunCancellation): Promise<unknown> {
    const worker = this.thread();
    if (!worker) return inThisThread();
    const id = this.nextId++;
    // Told to whichever thread holds the call by then: a call is asked again of the successor of a thread that stopped.
    const cancellation = token?.onCancellationRequested(() => {
      if (this.pending.has(id)) this.worker?.postMessage({ type: 'cancel', id } satisfies HostRequest);
    });
    try {
      return await new Promise((resolve, reject) => {
        const sent = message(id);
        // A feature or a template's place is asked at a position of this version; other requests name an operation or
        // a template, and are answered for the document as it stands.
        const positional = sent.type === 'feature' || (sent.type === 'request' && sent.request === 'templateAt');
        this.pending.set(id, { resolve, reject, document, version: document.version, message, kind: sent.type, positional, once: !!ifLost });
        if (this.pending.size === 1) worker.ref();
        this.send(worker, id);
        this.weighStop();
      });
    } catch (error) {
      if (!(error instanceof HostFailed)) throw error;
      return error.mayHaveRun && ifLost ? ifLost() : inThisThread();
    } finally {
      cancellation?.dispose();
    }
  }

  private send(worker: Worker, id: number): void {
    const call = this.pending.get(id)!;
    this.bringUpToDate(worker, call.document);
    worker.postMessage(call.message(id));
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
      this.sentWhole.set(uri, document.version);
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
      // A stopped thread's last words: what it was asked is asked of its successor.
      else if (worker === this.worker) this.receive(response);
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
    if (response.type === 'parsing') {
      this.parsing = { uri: response.uri, version: response.version, chars: response.chars, since: Date.now(), received: response.received };
      this.weighStop();
      return;
    }
    if (response.type === 'parsed') {
      this.parsing = undefined;
      this.fresh = false;
      clearTimeout(this.recheck);
      this.rate.learn(response.chars, response.ms);
      if (this.sent.has(response.uri)) this.parsedWhole.set(response.uri, response.chars);
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
    this.forgetThread();
    if (++this.failures >= MAX_FAILURES) this.unavailable = true;
    this.log(`The thread serving documents over the size limit stopped (${reason}); ${this.unavailable ? 'they are served in the main thread from now on' : 'the next request starts another'}.`);
    void worker.terminate().catch(() => undefined);
    this.failWaiting();
  }

  /** Each call waiting on the thread is answered as the thread's failure leaves it: by its fallback. */
  private failWaiting(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const call of waiting) call.reject(new HostFailed(true));
  }

  /** What was kept about the thread goes with it; the next call starts another. */
  private forgetThread(): void {
    this.worker = undefined;
    this.sent.clear();
    this.sentWhole.clear();
    this.edits.clear();
    this.parsedWhole.clear();
    this.parsing = undefined;
    this.fresh = false;
    clearTimeout(this.recheck);
    this.runners?.end();
    this.runners = undefined;
  }

  /** Stops the thread when the parse it is in is stale and holds up others, by the rule of largeDocumentStops.ts. */
  private weighStop(): void {
    const parse = this.parsing;
    clearTimeout(this.recheck);
    if (!parse || !this.worker) return;
    const held = this.sent.get(parse.uri);
    const verdict = weighStop(
      {
        parse,
        calls: [...this.pending].map(([id, call]) => ({ id, uri: call.document.uri, version: call.version, once: call.once })),
        superseded: held !== parse.version || this.edits.has(parse.uri),
        buildsOn: (uri, version) => {
          const now = this.sent.get(uri);
          return now !== undefined && now >= version && (this.sentWhole.get(uri) ?? -1) <= version;
        },
        parsedChars: (uri) => this.parsedWhole.get(uri),
        fresh: this.fresh,
      },
      Date.now(),
      this.rate,
      this.stopPolicy,
    );
    if (verdict.stop) this.stopThread(parse);
    else if (verdict.recheckAt !== undefined) {
      this.recheck = setTimeout(() => this.weighStop(), Math.max(0, verdict.recheckAt - Date.now()));
      this.recheck.unref();
    }
  }

  /**
   * Stops the thread and sends what waited to a new one, for the latest version of each document. A call left without
   * a question to ask is withdrawn instead: a validation of a version since edited answers nothing, as the thread's own
   * cancelled validations do, and a feature asked of such a version, or of a document closed since, fails.
   */
  private stopThread(parse: ParseUnderWay): void {
    const stopped = this.worker!;
    const open = new Set(this.sent.keys());
    this.forgetThread();
    void stopped.terminate().catch(() => undefined);
    this.log(`The thread serving documents over the size limit was stopped while it parsed version ${parse.version} of ${parse.uri}, which is out of date; a new thread answers the requests that waited.`);
    const worker = this.thread();
    this.fresh = true;
    for (const [id, call] of [...this.pending]) {
      const uri = call.document.uri;
      const validation = call.kind === 'validate';
      const withdrawn = !open.has(uri) ? 'was closed' : call.document.version !== call.version && (validation || call.positional) ? 'changed' : undefined;
      if (withdrawn || !worker) this.pending.delete(id);
      if (withdrawn && validation) call.resolve([]);
      else if (withdrawn) call.reject(new CallWithdrawn(`${uri} ${withdrawn} while the request waited for the thread serving documents over the size limit.`));
      else if (!worker) call.reject(new HostFailed(false));
      else this.send(worker, id);
    }
    if (worker && this.pending.size) worker.ref();
  }
}

