/** Messages between the invoke panel and the extension. Plain data only: both sides import these types. */

/** Where a request goes: the local gateway, API Gateway's TestInvokeMethod, or a deployed stage's URL. */
export type TargetKind = 'local' | 'testInvoke' | 'url';

/** A value per name; a list sends the name once per value (multi-value query strings and headers). */
export type MultiValueMap = Record<string, string | string[]>;

/** Everything the user can edit before sending. */
export interface InvokeDraft {
  target: TargetKind;
  method: string;
  /** The operation's path template, e.g. `/pets/{petId}`. */
  pathTemplate: string;
  pathParams: Record<string, string>;
  query: MultiValueMap;
  headers: MultiValueMap;
  body: string;
  stageVariables: Record<string, string>;
  /** Local stage name; empty for the configuration's default. */
  stage?: string;
  /** TestInvokeMethod: the REST API and, when known, the resource; found by path otherwise. */
  restApiId?: string;
  resourceId?: string;
  clientCertificateId?: string;
  /** Deployed stage: its invoke URL, without the resource path. */
  stageUrl?: string;
  /** Sent as `x-api-key` to the stage URL. */
  apiKey?: string;
  /** Sign the stage-URL request with SigV4 for `execute-api` (methods with AWS_IAM authorization). */
  sign?: boolean;
}

export interface InvokeOutcome {
  target: TargetKind;
  status: number;
  headers: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  latencyMs: number;
  /** The execution log, one line per entry; empty when the target gives none (a plain HTTP call). */
  log: string[];
  steps?: { name: string; ms: number }[];
  /** What was called, for the header line: `local stage 'local'`, the URL, or the TestInvoke target. */
  calledAs: string;
  /** ISO time the answer arrived. */
  at: string;
}

export interface HistoryEntry {
  at: string;
  draft: InvokeDraft;
  status?: number;
  latencyMs?: number;
  error?: string;
}

export interface OperationInfo {
  path: string;
  method: string;
  operationId?: string;
  summary?: string;
  iam: boolean;
  apiKey: boolean;
}

export interface PanelInit {
  /** `petstore.yaml`, or the API name when the panel was opened on a deployed API alone. */
  source: string;
  operation: OperationInfo;
  dialect?: 'rest' | 'http';
  draft: InvokeDraft;
  history: HistoryEntry[];
  /** Whether a document backs the panel: without one only the deployed stage URL can be called. */
  hasDocument: boolean;
}

export type InvokeToPanel =
  | { type: 'init'; init: PanelInit }
  | { type: 'sending'; target: TargetKind }
  | { type: 'result'; outcome: InvokeOutcome }
  /** `form`: the draft cannot be sent as it stands (a path parameter or the stage URL missing); nothing was sent. */
  | { type: 'problem'; message: string; form?: boolean }
  | { type: 'history'; history: HistoryEntry[] }
  | { type: 'setDraft'; draft: InvokeDraft }
  | { type: 'notice'; message: string };

export type PanelToInvoke =
  | { type: 'ready' }
  | { type: 'send'; draft: InvokeDraft }
  | { type: 'copyCurl'; draft: InvokeDraft }
  | { type: 'rerun'; index: number }
  | { type: 'restore'; index: number }
  | { type: 'clearHistory' }
  | { type: 'resetDraft' }
  /** Stop the request under way: its answer, should one still come, is not shown. */
  | { type: 'stop' };
