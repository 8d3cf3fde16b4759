import type { DeploymentLink } from '../deploy/links';
import type { InvokeDraft, TargetKind } from './invokeMessages';

/** What `apigateway.invoke.open` accepts, from a code lens, the API tree, the deploy command, or a test. */
export interface InvokeOpenArgs {
  /** The API definition; a string URI or the editor's own URI object. */
  uri?: string;
  path?: string;
  method?: string;
  /** A deployed API: REST API id (or v2 API id) and stage, with the stage's invoke URL when known. */
  apiId?: string;
  apiKind?: string;
  /** The deployed API's name, shown in the panel's subtitle. */
  apiName?: string;
  /** A v2 API's own endpoint, which its invoke URLs start with. */
  apiEndpoint?: string;
  stage?: string;
  url?: string;
  resourceId?: string;
  target?: TargetKind;
  /**
   * From a lens in a file a definition's `$ref` names: the operation's place there. `uri`, `path` and `method` are those
   * of the first definition using the file; where several do, the one to run it in is asked.
   */
  part?: { uri: string; offset: number };
  /** Sends at once and hands the outcome back to the caller (automation and tests). */
  send?: boolean;
  /** Overrides merged over the pre-filled draft. */
  draft?: Partial<InvokeDraft>;
}

interface Sample {
  params: { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> };
  body: string;
  contentType: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads whatever the caller passed: `{ uri, path, method }`, `{ apiId, stage, url }`, a tree node carrying
 * `api: { apiId, kind }`, or nothing.
 */
export function normalizeArgs(raw: unknown): InvokeOpenArgs {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const api = r.api && typeof r.api === 'object' ? (r.api as Record<string, unknown>) : undefined;
  // Method and route rows of the tree of deployed APIs carry the operation they stand for.
  const operation = r.operation && typeof r.operation === 'object' ? (r.operation as Record<string, unknown>) : undefined;
  const target = r.target === 'local' || r.target === 'testInvoke' || r.target === 'url' ? r.target : undefined;
  // A tree node's own `kind` says what row it is; only an API kind is taken from it.
  const apiKind = typeof r.kind === 'string' && API_KINDS.includes(r.kind) ? r.kind : text(api?.kind);
  return {
    uri: uriText(r.uri),
    path: text(r.path) ?? text(operation?.path),
    method: (text(r.method) ?? text(operation?.method))?.toUpperCase(),
    apiId: text(r.apiId) ?? text(r.restApiId) ?? text(api?.apiId),
    apiKind,
    apiName: text(r.apiName) ?? text(api?.name),
    apiEndpoint: text(r.apiEndpoint) ?? text(api?.apiEndpoint),
    stage: text(r.stage),
    url: text(r.url),
    resourceId: text(r.resourceId) ?? text(operation?.resourceId),
    target,
    part: partOf(r.part),
    send: r.send === true,
    draft: r.draft && typeof r.draft === 'object' ? (r.draft as Partial<InvokeDraft>) : undefined,
  };
}

const API_KINDS = ['REST', 'HTTP', 'WEBSOCKET'];

function partOf(value: unknown): InvokeOpenArgs['part'] {
  if (!value || typeof value !== 'object') return undefined;
  const { uri, offset } = value as Record<string, unknown>;
  return typeof uri === 'string' && typeof offset === 'number' ? { uri, offset } : undefined;
}

/** A URI given as text or as VS Code's Uri object, whose `toString()` is the URI text. */
function uriText(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (value && typeof value === 'object' && 'scheme' in value && 'path' in value) return String(value);
  return undefined;
}

/**
 * The target a new panel starts on: what the caller asked, else the deployed API it came from, else the local gateway.
 * Without a document, a REST API whose stage URL is not known starts on TestInvokeMethod, which needs none.
 */
export function initialTarget(args: InvokeOpenArgs, hasDocument: boolean, stageUrlKnown = !!args.url): TargetKind {
  if (args.target) return args.target;
  const rest = !args.apiKind || args.apiKind === 'REST';
  if (!hasDocument) return rest && args.apiId && !stageUrlKnown ? 'testInvoke' : 'url';
  if (args.url || args.apiId) return rest ? 'testInvoke' : 'url';
  return 'local';
}

/** A stage of the deployed API and its invoke URL. */
export interface StageUrl {
  stage: string;
  url: string;
}

/** The stage to call: the first of `preferred` the API has, else the first by name, as the tree lists them. */
export function pickStageUrl(stages: StageUrl[], preferred: (string | undefined)[] = []): StageUrl | undefined {
  for (const name of preferred) {
    const found = name === undefined ? undefined : stages.find((s) => s.stage === name);
    if (found) return found;
  }
  return [...stages].sort((a, b) => a.stage.localeCompare(b.stage))[0];
}

/** The panel's subtitle source for a deployed API opened without a document: its name and id when both are known. */
export function deployedSource(args: Pick<InvokeOpenArgs, 'apiName' | 'apiId' | 'url' | 'stage'>): string {
  const api = args.apiName && args.apiId && args.apiName !== args.apiId ? `${args.apiName} (${args.apiId})` : (args.apiName ?? args.apiId ?? args.url ?? 'deployed API');
  return args.stage ? `${api} · stage ${args.stage}` : api;
}

/** A draft pre-filled from the document's sample request, the caller's deployed target, and the document's deploy link. */
export function initialDraft(options: {
  method: string;
  pathTemplate: string;
  sample?: Sample;
  args: InvokeOpenArgs;
  link?: DeploymentLink;
  linkUrl?: string;
  /** A stage URL found for the deployed API the panel was opened on. */
  stageUrl?: string;
  hasDocument: boolean;
  apiKeyRequired?: boolean;
  iam?: boolean;
}): InvokeDraft {
  const { sample, args, link } = options;
  const headers: Record<string, string> = { ...sample?.params.header };
  if (sample?.body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = sample.contentType;
  const restApiId = args.apiId && (!args.apiKind || args.apiKind === 'REST') ? args.apiId : link?.kind === 'REST' ? link.apiId : undefined;
  const draft: InvokeDraft = {
    target: initialTarget(args, options.hasDocument, !!(args.url ?? options.stageUrl)),
    method: options.method,
    pathTemplate: options.pathTemplate,
    pathParams: { ...sample?.params.path },
    query: { ...sample?.params.querystring },
    headers,
    body: sample?.body ?? '',
    stageVariables: {},
    stage: '',
    restApiId,
    resourceId: args.resourceId,
    clientCertificateId: '',
    stageUrl: args.url ?? options.stageUrl ?? options.linkUrl ?? '',
    apiKey: '',
    sign: options.iam === true,
  };
  return { ...draft, ...args.draft };
}
