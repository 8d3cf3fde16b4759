import { readFile } from './util/asyncFs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildApiModel, type ApiModel, type Operation } from './gateway/apiModel';
import { classifyScheme } from './gateway/auth/authorize';
import { createLocalGateway, type LocalGateway } from './gateway/gateway';
import { LambdaHost } from './gateway/lambda/lambdaHost';
import { defaultStage, type LocalConfig } from './gateway/localConfig';
import { TemplateRunCancelled, type TemplateRenderer } from './gateway/templateRenderer';
import { renderingApart } from './gateway/templateThread';
import type { GatewayRequest, GatewayResponse } from './gateway/types';
import { documentProblem, loadConfig, locateConfig } from './gateway/workspaceFiles';
import type { LanguageService } from './languageService';
import type { RequestRoute } from './largeDocumentMessages';
import { unlessCancelled } from './requestCancellation';
import type { ApiDocument } from './model/apiDocument';
import type { DocumentResolver } from './services/validationTypes';
import { runnableDefinition } from './services/splitDefinitions';
import { forEachOperation, type OperationRef } from './model/openapiWalk';
import { getValue } from './model/navigate';
import type { PartPlace } from './services/partContext';
import type { RunCancellation } from './services/templates/evaluationThread';
import { sampleRequestFor, type SampleRequest } from './services/sampleRequest';

/** Requests the invoke panel sends; their shapes are mirrored in the client's invoke messages. */
export const INVOKE_LOCAL_REQUEST = 'apigateway/invokeLocal';
export const OPERATION_SAMPLE_REQUEST = 'apigateway/operationSample';
export const OPERATION_IN_PART_REQUEST = 'apigateway/operationInPart';

export interface InvokeLocalParams {
  uri: string;
  /** The operation the request is meant for, as written in the document (`/pets/{petId}`, `GET`). */
  operation?: { path: string; method: string };
  method: string;
  /** The concrete request path, path parameters filled in. */
  path: string;
  query?: Record<string, string[]>;
  headers?: Record<string, string>;
  /**
   * Every value of each header, in the order sent; the panel sends all its headers here and no `headers`. A name
   * listed here, in any case, replaces the same name in `headers`.
   */
  multiValueHeaders?: Record<string, string[]>;
  body?: string;
  stage?: string;
  /** Merged over the stage's variables from the local configuration. */
  stageVariables?: Record<string, string>;
  /** The workspace folder of the document: the search for `.apigateway/local.json` stops there. */
  workspaceFolder?: string;
}

export type InvokeLocalResult = { response: GatewayResponse; stage: string } | { error: string };

export interface OperationSampleParams {
  uri: string;
  path?: string;
  method?: string;
}

export interface OperationSummary {
  path: string;
  method: string;
  operationId?: string;
  summary?: string;
  /** The method is signed with SigV4 (`AWS_IAM`). */
  iam: boolean;
  /** A security requirement names an API key (`x-api-key`). */
  apiKey: boolean;
}

export interface OperationSampleResult {
  dialect?: 'rest' | 'http';
  operations: OperationSummary[];
  /** Present when `path` and `method` name an operation of the document. */
  operation?: OperationSummary;
  sample?: SampleRequest;
  error?: string;
}

/** A place in a file that holds part of a definition (a path item in `paths/pets.yaml`). */
export interface OperationInPartParams {
  uri: string;
  offset: number;
  /** Which of the definitions using the file, when several do; the first otherwise. */
  definition?: string;
}

/**
 * The definition that splices the file in, and the operations of it that the place is in: one, or several where
 * paths share the file (`/v1/pets` and `/v2/pets` both naming `paths/pets.yaml`). Outside any operation, every
 * operation the file holds. Empty when no definition uses the file.
 */
export interface OperationInPartResult {
  definition?: string;
  operations?: { path: string; method: string }[];
}

/** A local invocation never waits longer than this, whatever the integration's own timeout says. */
const LOCAL_INVOKE_LIMIT_MS = 60_000;

export interface InvokeHandlerOptions {
  getDocument(uri: string): TextDocument | undefined;
  parse(document: TextDocument): ApiDocument;
  /** Reads the files a definition's `$ref`s name, which it runs with; without it a definition runs as one file. */
  resolver?: DocumentResolver;
  /** Where a file that holds part of a definition stands in the definition's bundle. */
  partPlace?(document: TextDocument, definition?: string): Promise<PartPlace | undefined>;
  limitMs?: number;
  /** Where the gateways render mapping templates; by default in this thread. */
  templates?: TemplateRenderer;
}

export interface InvokeHandlers {
  /** `token`: the editor's cancellation, which stops a template the invocation renders and the invocation with it. */
  invokeLocal(params: InvokeLocalParams, token?: RunCancellation): Promise<InvokeLocalResult>;
  operationSample(params: OperationSampleParams): Promise<OperationSampleResult>;
  /** Invoking from a file the definition references runs the definition's operation there. */
  operationInPart(params: OperationInPartParams): Promise<OperationInPartResult>;
  /** Drops the gateway kept for a document, and with it the document's parse. */
  forget(uri: string): void;
  dispose(): void;
}

interface CachedGateway {
  key: string;
  gateway: LocalGateway;
}

/**
 * The handlers behind the invoke panel's requests, free of the connection so tests can call them. One gateway is kept
 * per document, rebuilt when the document version, the local configuration or the stage-variable overrides change;
 * Lambda workers are shared per folder so they stay warm across edits.
 */
export function createInvokeHandlers(options: InvokeHandlerOptions): InvokeHandlers {
  const gateways = new Map<string, CachedGateway>();
  const hosts = new Map<string, LambdaHost>();
  const limitMs = options.limitMs ?? LOCAL_INVOKE_LIMIT_MS;

  const hostFor = (baseDir: string): LambdaHost => {
    let host = hosts.get(baseDir);
    if (!host) hosts.set(baseDir, (host = new LambdaHost(baseDir)));
    return host;
  };

  /** The definition as it runs: with the files its `$ref`s name, each of which is part of what it is (`parts`). */
  const parsedOrProblem = async (uri: string): Promise<{ parsed: ApiDocument; textDocument: TextDocument; parts: string } | { error: string }> => {
    const textDocument = options.getDocument(uri);
    if (!textDocument) return { error: 'The document is not open; open the API definition to invoke its operations.' };
    const parsed = options.parse(textDocument);
    const problem = documentProblem(parsed);
    if (problem) return { error: `The document cannot be run: ${problem}. Fix it and send again.` };
    const runnable = await runnableDefinition(parsed, options.resolver);
    if ('problem' in runnable) return { error: `The document cannot be run: ${runnable.problem}. Fix it and send again.` };
    return { parsed: runnable.document, textDocument, parts: runnable.files.map(partKey).join(' ') };
  };

  return {
    async invokeLocal(params, token) {
      const opened = await parsedOrProblem(params.uri);
      if ('error' in opened) return opened;
      const { parsed, textDocument, parts } = opened;
      if (params.operation && !findOperation(parsed, params.operation.path, params.operation.method)) {
        return { error: `${params.operation.method} ${params.operation.path} is no longer in the document.` };
      }
      // A document never saved has no folder of its own: its workspace folder stands in for one.
      const documentFile = filePathOf(params.uri) ?? (params.workspaceFolder ? path.join(params.workspaceFolder, 'untitled') : undefined);
      const location = documentFile ? locateConfig(documentFile, { root: params.workspaceFolder }) : { file: undefined, baseDir: process.cwd() };
      const { baseDir } = location;
      let config: LocalConfig;
      try {
        config = await loadConfig(location, (file) => readFile(file, 'utf8'));
      } catch (error) {
        return { error: `The local configuration cannot be used: ${error instanceof Error ? error.message : String(error)}` };
      }
      const configKey = JSON.stringify([location.file, config]);
      const stage = params.stage?.trim() || defaultStage(config, buildApiModel(parsed).dialect);
      if (params.stageVariables && Object.keys(params.stageVariables).length) {
        const stages = { ...config.stages };
        stages[stage] = { ...stages[stage], variables: { ...stages[stage]?.variables, ...params.stageVariables } };
        config = { ...config, stages };
      }
      const key = JSON.stringify([textDocument.version, parts, configKey, params.stageVariables ?? {}]);
      let cached = gateways.get(params.uri);
      if (!cached || cached.key !== key) {
        cached?.gateway.dispose();
        const lambdaHost = hostFor(baseDir);
        const gateway = createLocalGateway(parsed, config, { baseDir, lambdaHost, templates: options.templates });
        cached = { key, gateway };
        gateways.set(params.uri, cached);
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<InvokeLocalResult>((resolve) => {
        timer = setTimeout(() => resolve({ error: `The local gateway gave no answer within ${Math.round(limitMs / 1000)} s.` }), limitMs);
      });
      try {
        const request: GatewayRequest = {
          method: params.method,
          path: params.path,
          query: params.query ?? {},
          headers: params.headers ?? {},
          multiValueHeaders: params.multiValueHeaders,
          body: params.body || undefined,
          stage,
        };
        const invocation = cached.gateway
          .invoke(request, token)
          .then((response): InvokeLocalResult => ({ response, stage }));
        return await Promise.race([invocation, timeout]);
      } catch (error) {
        if (error instanceof TemplateRunCancelled) return { error: error.message };
        return { error: `The local gateway failed: ${error instanceof Error ? error.message : String(error)}` };
      } finally {
        clearTimeout(timer);
      }
    },

    async operationSample(params) {
      const opened = await parsedOrProblem(params.uri);
      if ('error' in opened) return { operations: [], error: opened.error };
      const { parsed } = opened;
      const model = buildApiModel(parsed);
      const summaries = new Map<string, OperationSummary>();
      forEachOperation(parsed, (ref) => summaries.set(operationKey(ref.path, ref.method), summarize(ref, model)));
      const result: OperationSampleResult = { dialect: model.dialect, operations: [...summaries.values()] };
      if (params.path !== undefined && params.method !== undefined) {
        const ref = findOperation(parsed, params.path, params.method);
        if (!ref) return { ...result, error: `${params.method.toUpperCase()} ${params.path} is not an operation of the document.` };
        result.operation = summaries.get(operationKey(ref.path, ref.method));
        result.sample = sampleRequestFor(parsed, ref);
      }
      return result;
    },

    async operationInPart(params) {
      const document = options.getDocument(params.uri);
      const place = document && (await options.partPlace?.(document, params.definition));
      if (!place) return {};
      const { bundle, start } = place;
      const end = start + document.getText().length;
      const at = start + params.offset;
      const inPart = (node: { offset: number; end: number } | undefined) => !!node && node.offset >= start && node.end <= end;
      const held: OperationRef[] = [];
      const atCursor: OperationRef[] = [];
      forEachOperation(bundle, (ref) => {
        // The file holds the path item or the operation, or only the operation's integration.
        const integration = getValue(ref.operation, 'x-amazon-apigateway-integration');
        const node = inPart(ref.methodProperty) ? ref.methodProperty : inPart(ref.operation) ? ref.operation : inPart(integration) ? integration : undefined;
        if (!node) return;
        held.push(ref);
        if (at >= node.offset && at <= node.end) atCursor.push(ref);
      });
      const operations = (atCursor.length ? atCursor : held).map((ref) => ({ path: ref.path, method: ref.method }));
      return { definition: bundle.uri, operations };
    },

    forget(uri) {
      gateways.get(uri)?.gateway.dispose();
      gateways.delete(uri);
    },

    dispose() {
      for (const { gateway } of gateways.values()) gateway.dispose();
      gateways.clear();
      for (const host of hosts.values()) host.close();
      hosts.clear();
    },
  };
}

/** Each parse of a referenced file stands for one version of it: a gateway built with another is built again. */
const partIds = new WeakMap<ApiDocument, number>();
let nextPartId = 0;

function partKey(part: ApiDocument): string {
  let id = partIds.get(part);
  if (id === undefined) partIds.set(part, (id = nextPartId++));
  return `${part.uri}@${id}`;
}

function operationKey(path: string, method: string): string {
  return `${method.toUpperCase()} ${path}`;
}

function findOperation(document: ApiDocument, path: string, method: string): OperationRef | undefined {
  let found: OperationRef | undefined;
  forEachOperation(document, (ref) => {
    if (!found && ref.path === path && ref.method === method.toUpperCase()) found = ref;
  });
  return found;
}

function summarize(ref: OperationRef, model: ApiModel): OperationSummary {
  const op: Operation | undefined = model.operations.find((o) => o.resourcePath === ref.path && o.method === ref.method);
  const summaryNode = ref.operation.properties.find((p) => p.keyValue === 'summary')?.value;
  const schemes = Object.keys(op?.security ?? {}).map((name) => classifyScheme(name, model.securitySchemes[name] ?? {}));
  return {
    path: ref.path,
    method: ref.method,
    operationId: op?.operationId,
    summary: summaryNode?.type === 'string' ? String(summaryNode.value) : undefined,
    iam: !!op?.iamAuth || schemes.includes('iam'),
    apiKey: schemes.includes('apiKey'),
  };
}

function filePathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** An invocation may have reached its backend before the thread running it stopped: it is not sent a second time. */
function invocationLost(): InvokeLocalResult {
  return { error: 'The thread serving this large definition stopped during the invocation, which may have reached its backend; it was not sent again. Invoke again to retry.' };
}

/** `route` runs a handler where its document is served: for a document over the size limit, in the thread that serves it. */
export function registerInvokeRequests(connection: Connection, documents: TextDocuments<TextDocument>, service: Pick<LanguageService, 'parse' | 'partPlace'>, route: RequestRoute, resolver: DocumentResolver): void {
  const handlers = createInvokeHandlers({
    getDocument: (uri) => documents.get(uri),
    parse: (document) => service.parse(document),
    resolver,
    partPlace: (document, definition) => service.partPlace(document, definition),
    // Rendered apart, a runaway template holds neither the server nor the editor's other requests.
    templates: renderingApart(),
  });
  // An invocation cancelled before it starts never reaches its backend.
  connection.onRequest<InvokeLocalResult, unknown>(INVOKE_LOCAL_REQUEST, (params: InvokeLocalParams, token) =>
    unlessCancelled(token, async () => {
      const invoke = () => handlers.invokeLocal(params, token);
      const answer = await route('invokeLocal', params, invoke, invocationLost, token);
      // Cancelled while it ran, its template was stopped (or its answer is one nothing waits for): said as LSP says it.
      if (!token.isCancellationRequested) return answer;
      return new ResponseError(LSPErrorCodes.RequestCancelled, 'The invocation was cancelled.');
    }),
  );
  connection.onRequest<OperationSampleResult, unknown>(OPERATION_SAMPLE_REQUEST, (params: OperationSampleParams) => route('operationSample', params, () => handlers.operationSample(params)));
  // A part is never over the size limit's thread: the definitions that use it are read in this one.
  connection.onRequest<OperationInPartResult, unknown>(OPERATION_IN_PART_REQUEST, (params: OperationInPartParams) => handlers.operationInPart(params));
  // Lambda workers are child processes: they must not outlive the server.
  process.once('exit', () => handlers.dispose());
}
