/** What the server and the thread that serves documents over the size limit say to each other. */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TemplateHandlers } from './customRequests';
import type { RunnerEvent, RunnerOrder } from './gateway/lambda/runnerProcess';
import type { InvokeHandlers } from './invokeRequests';
import type { LanguageService } from './languageService';
import type { LanguageSettings } from './services/validationTypes';
import type { RunCancellation } from './services/templates/evaluationThread';

/** The features the thread answers: every per-document feature of the language service. */
export type HostedFeature =
  | 'doComplete'
  | 'doHover'
  | 'doSignatureHelp'
  | 'findDocumentHighlights'
  | 'findDefinition'
  | 'findReferences'
  | 'prepareRename'
  | 'rename'
  | 'findDocumentSymbols'
  | 'getCodeActions'
  | 'getFixAll'
  | 'getCodeLenses'
  | 'getSemanticTokens'
  | 'getFoldingRanges';

/** A feature's arguments after the document, which are plain data. */
export type FeatureArguments<F extends HostedFeature> = Parameters<LanguageService[F]> extends [unknown, ...infer Rest] ? Rest : never;

export type FeatureAnswer<F extends HostedFeature> = Awaited<ReturnType<LanguageService[F]>>;

/** The extension's own requests on a document that the thread answers, by the same handlers as the server's thread. */
export interface HostedRequests {
  templateAt: TemplateHandlers['templateAt'];
  evaluateTemplate: TemplateHandlers['evaluateTemplate'];
  invokeLocal: InvokeHandlers['invokeLocal'];
  operationSample: InvokeHandlers['operationSample'];
}

export type HostedRequest = keyof HostedRequests;

/** A request's parameters, which name its document and are plain data. */
export type RequestParams<R extends HostedRequest> = Parameters<HostedRequests[R]>[0];

export type RequestAnswer<R extends HostedRequest> = Awaited<ReturnType<HostedRequests[R]>>;

/**
 * Runs a request's handler where the request's document is served; `inThisThread` runs it in the asking thread, and
 * `ifLost` answers one the serving thread stopped during, when running it again is not the same.
 */
export type RequestRoute = <R extends HostedRequest>(
  request: R,
  params: RequestParams<R>,
  inThisThread: () => RequestAnswer<R> | Promise<RequestAnswer<R>>,
  ifLost?: () => RequestAnswer<R>,
  token?: RunCancellation,
) => RequestAnswer<R> | Promise<RequestAnswer<R>>;

export type HostRequest =
  /** The text of a version: sent once per version, before the first call that needs it. */
  | { type: 'sync'; uri: string; languageId: string; version: number; text: string }
  /** The edits from the version the thread holds to a later one, which spare sending the whole text again. */
  | { type: 'edit'; uri: string; from: number; version: number; changes: TextDocumentContentChangeEvent[] }
  | { type: 'close'; uri: string }
  /** Files changed on disk: what was read of them for `$ref`s is read again. */
  | { type: 'filesChanged'; uris: string[] }
  | { type: 'validate'; id: number; uri: string; version: number; settings: LanguageSettings }
  | { type: 'feature'; id: number; uri: string; version: number; feature: HostedFeature; args: unknown[] }
  | { type: 'request'; id: number; uri: string; version: number; request: HostedRequest; params: unknown }
  /** The editor cancelled the request `id`: a run under way for it is stopped (an evaluation), or its answer ignored. */
  | { type: 'cancel'; id: number }
  /** What a Lambda worker process the server started for the thread did. */
  | { type: 'runner'; id: number; event: RunnerEvent };

export type HostResponse =
  | { type: 'answer'; id: number; value: unknown }
  /**
   * The call failed in the thread; `rename` says the rename was refused, with `message` as the reason, and `missing`
   * names a document whose version the thread does not hold.
   */
  | { type: 'failed'; id: number; message: string; rename?: boolean; missing?: string }
  | { type: 'log'; message: string }
  /**
   * A whole parse of a version starts, which holds up every later message until it ends (`parsed`). `received` is the
   * id of the last call the thread was sent before it: later calls have not started.
   */
  | { type: 'parsing'; uri: string; version: number; chars: number; received: number }
  | { type: 'parsed'; uri: string; version: number; chars: number; ms: number }
  /**
   * The thread's Lambda workers run in processes the server starts, tells and stops for it: started by the thread,
   * they would outlive it unreaped (runnerProcess.ts).
   */
  | { type: 'runner'; order: RunnerOrder };
