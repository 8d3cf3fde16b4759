import * as path from 'node:path';
import { holdsApiDefinition, isDefinitionLanguage, type ApiDocuments } from '../apiDocuments';
import type { OperationInPartParams, OperationInPartResult } from '../../../server/src/invokeRequests';
import { editorInUse } from '../editorInUse';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClients, destroyClients, resolveConnection, resolveProfileRegion, type Connection } from '../aws/connection';
import { explainAwsError } from '../aws/errors';
import { invokeUrl, type ApiKind } from '../aws/invokeUrl';
import { linkedConnection, readLinks, type DeploymentLink } from '../deploy/links';
import { readSettings } from '../tree/awsSession';
import { toCurl } from './curl';
import { chooseDefinitionOfPart } from './definitionOfPart';
import { addToHistory, historyKey, restoreSecrets, validHistory } from './invokeHistory';
import { sendHttp, signRequest } from './invokeHttp';
import type { HistoryEntry, InvokeDraft, InvokeOutcome, InvokeToPanel, OperationInfo, PanelInit, PanelToInvoke } from './invokeMessages';
import { outcomeFromLocal, type LocalInvokeResult } from './invokeOutcome';
import { draftProblem, httpRequestFor, localInvokeParams } from './invokeRequest';
import { deployedSource, initialDraft, normalizeArgs, pickStageUrl, type InvokeOpenArgs, type StageUrl } from './invokeTargets';
import { runTestInvoke, TestInvokeInputError } from './invokeTestInvoke';
import { panelIcon } from './panelIcons';
import { keptCopyNotice, SampleStore } from './sampleStore';
import { webviewHtml } from './webviewHtml';

interface OperationSampleResult {
  dialect?: 'rest' | 'http';
  operations: OperationInfo[];
  operation?: OperationInfo;
  sample?: { params: { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> }; body: string; contentType: string };
  error?: string;
}

/** What the command hands back to a caller that asked to send at once. */
export type InvokeCommandResult = InvokeOutcome | { error: string };

/** Where `apigw serve` listens by default: "Copy as curl" on the local target points there. */
const LOCAL_SERVE_URL = 'http://127.0.0.1:3000';
const READY_WAIT_MS = 15_000;

/** One panel per operation (or per deployed stage without a document): editors on the left, the answer on the right. */
export class InvokePanel {
  private static readonly open = new Map<string, InvokePanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private draft: InvokeDraft;
  private history: HistoryEntry[] = [];
  private sending: Promise<InvokeCommandResult> | undefined;
  /** Cancelled by Stop: the request under way, which `sending` waits for. */
  private stopping: vscode.CancellationTokenSource | undefined;
  private disposed = false;
  private ready: Promise<void>;
  private markReady!: () => void;

  static async show(context: vscode.ExtensionContext, client: LanguageClient, rawArgs: unknown, documents: ApiDocuments): Promise<InvokeCommandResult | undefined> {
    const args = normalizeArgs(rawArgs);
    const { document, operations: offered, error, cancelled } = await documentFor(args, client, documents);
    if (cancelled) return undefined;
    if (error) {
      void vscode.window.showInformationMessage(error);
      return { error };
    }
    if (!document && !args.url && !args.apiId) {
      const message = 'Open an API definition (OpenAPI YAML or JSON) to invoke one of its operations.';
      void vscode.window.showInformationMessage(message);
      return { error: message };
    }
    let operation: OperationInfo | undefined;
    let sample: OperationSampleResult['sample'];
    let dialect: OperationSampleResult['dialect'];
    if (document) {
      const listing = await client.sendRequest<OperationSampleResult>('apigateway/operationSample', { uri: document.uri.toString() });
      if (listing.error) return fail(listing.error);
      dialect = listing.dialect;
      if (!args.path || !args.method) {
        const held = offered?.length ? listing.operations.filter((op) => offered.some((o) => o.path === op.path && o.method === op.method)) : [];
        const picked = await pickOperation(held.length ? held : listing.operations, path.basename(document.uri.path));
        if (!picked) return undefined;
        args.path = picked.path;
        args.method = picked.method;
      }
      const found = await client.sendRequest<OperationSampleResult>('apigateway/operationSample', { uri: document.uri.toString(), path: args.path, method: args.method });
      if (found.error || !found.operation) return fail(found.error ?? `${args.method} ${args.path} is not an operation of the document.`);
      operation = found.operation;
      sample = found.sample;
    } else {
      operation = { path: args.path ?? '/', method: args.method ?? 'GET', iam: false, apiKey: false };
      dialect = args.apiKind === 'REST' ? 'rest' : args.apiKind === 'HTTP' ? 'http' : undefined;
    }

    const key = `${document?.uri.toString() ?? args.url ?? args.apiId}#${operation.method} ${operation.path}`;
    let panel = InvokePanel.open.get(key);
    if (panel) {
      panel.webviewPanel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const { link, linkUrl } = await deploymentLinkOf(document);
      const stage = !document && args.apiId && !args.url ? await stageOfDeployedApi(args) : undefined;
      const draft = initialDraft({ method: operation.method, pathTemplate: operation.path, sample, args, link, linkUrl, stageUrl: stage?.url, hasDocument: !!document, iam: operation.iam });
      const webviewPanel = vscode.window.createWebviewPanel('apigateway.invoke', `Invoke: ${operation.method} ${operation.path}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        retainContextWhenHidden: true,
        localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
      });
      webviewPanel.iconPath = panelIcon(context.extensionUri, 'invoke');
      const source = document ? path.basename(document.uri.fsPath) : deployedSource({ ...args, stage: args.stage ?? stage?.stage });
      panel = new InvokePanel(context, client, webviewPanel, document, { source, operation, dialect, draft, history: [], hasDocument: !!document }, key, link);
      InvokePanel.open.set(key, panel);
    }
    if (!args.send) return undefined;
    // A panel that never loads (hidden, or its view failed) must not hold the caller forever.
    await Promise.race([panel.ready, new Promise((resolve) => setTimeout(resolve, READY_WAIT_MS))]);
    const draft = args.draft ? { ...panel.draft, ...args.draft } : panel.draft;
    return panel.send(draft);
  }

  private constructor(
    context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    readonly webviewPanel: vscode.WebviewPanel,
    private readonly document: vscode.TextDocument | undefined,
    private readonly init: PanelInit,
    private readonly key: string,
    /** Where the document was last deployed: its region and endpoint serve test invokes of that API. */
    private readonly link: DeploymentLink | undefined,
  ) {
    this.draft = init.draft;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    webviewPanel.webview.html = webviewHtml(webviewPanel.webview, context.extensionUri, 'invoke', `Invoke ${init.operation.method} ${init.operation.path}`);
    this.disposables.push(
      webviewPanel.webview.onDidReceiveMessage((message: PanelToInvoke) => void this.onMessage(message)),
      webviewPanel.onDidDispose(() => this.dispose()),
    );
  }

  private get folder(): vscode.WorkspaceFolder | undefined {
    return (this.document && vscode.workspace.getWorkspaceFolder(this.document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  }

  private get store(): SampleStore<HistoryEntry[]> | undefined {
    const folder = this.folder;
    return folder ? SampleStore.for<HistoryEntry[]>(path.join(folder.uri.fsPath, '.apigateway', 'history.json')) : undefined;
  }

  private get storeKey(): string {
    const folder = this.folder;
    const file = this.document
      ? folder ? path.relative(folder.uri.fsPath, this.document.uri.fsPath).split(path.sep).join('/') : this.document.uri.toString()
      : this.init.source;
    return historyKey(file, this.init.operation.method, this.init.operation.path);
  }

  private async onMessage(message: PanelToInvoke): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.history = validHistory(await this.store?.get(this.storeKey));
        this.post({ type: 'init', init: { ...this.init, draft: this.draft, history: this.history } });
        this.markReady();
        break;
      case 'send':
        this.draft = message.draft;
        await this.send(message.draft);
        break;
      case 'rerun':
      case 'restore': {
        const entry = this.history[message.index];
        if (!entry) break;
        this.draft = restoreSecrets(entry.draft, this.draft);
        this.post({ type: 'setDraft', draft: this.draft });
        if (message.type === 'rerun') await this.send(this.draft);
        break;
      }
      case 'copyCurl':
        this.draft = message.draft;
        await this.copyCurl(message.draft);
        break;
      case 'clearHistory':
        this.history = [];
        await this.saveHistory();
        this.post({ type: 'history', history: this.history });
        break;
      case 'resetDraft':
        this.draft = this.init.draft;
        this.post({ type: 'setDraft', draft: this.draft });
        break;
      case 'stop':
        this.stop();
        break;
    }
  }

  /** Stops the request under way, if any: what it waits for (the local gateway, a stage, AWS) is let go. */
  stop(): boolean {
    if (!this.stopping || this.stopping.token.isCancellationRequested) return false;
    this.stopping.cancel();
    return true;
  }

  /** Whether a panel has a request under way: the Command Palette offers *Stop Request* only then. */
  static anySending(): boolean {
    return [...InvokePanel.open.values()].some((panel) => panel.stopping);
  }

  /**
   * Stops the request of the panel in front, or of the one panel sending; false when there is none to stop. The
   * Command Palette's *Stop Request*, which a keybinding can name.
   */
  static stopActive(): boolean {
    const panels = [...InvokePanel.open.values()].filter((panel) => panel.stopping);
    const chosen = panels.find((panel) => panel.webviewPanel.active) ?? (panels.length === 1 ? panels[0] : undefined);
    return chosen?.stop() ?? false;
  }

  /** One request at a time per panel: a second click while one is under way waits for it. */
  send(draft: InvokeDraft): Promise<InvokeCommandResult> {
    if (this.sending) return this.sending;
    this.sending = this.run(draft).finally(() => (this.sending = undefined));
    return this.sending;
  }

  private async run(draft: InvokeDraft): Promise<InvokeCommandResult> {
    this.draft = draft;
    const problem = draftProblem(draft, !!this.document);
    if (problem) {
      this.post({ type: 'problem', message: problem, form: true });
      return { error: problem };
    }
    if (draft.target === 'local' && !vscode.workspace.isTrusted) {
      this.post({ type: 'problem', message: RESTRICTED_LOCAL });
      void offerTrust();
      return { error: RESTRICTED_LOCAL };
    }
    this.post({ type: 'sending', target: draft.target });
    const stopping = (this.stopping = new vscode.CancellationTokenSource());
    void setSendingContext();
    let result: InvokeCommandResult;
    try {
      // The whole run, credentials and signing included: an SSO sign-in or credential process may wait too.
      const running = draft.target === 'local' ? this.runLocal(draft, stopping.token)
        : draft.target === 'testInvoke' ? this.runAws(draft, stopping.token)
        : this.runUrl(draft, stopping.token);
      result = await untilStopped(running, stopping.token);
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error) };
    } finally {
      this.stopping = undefined;
      stopping.dispose();
      void setSendingContext();
    }
    // Stopped: however what it waited for gave up (an abort, a cancelled request, a closed connection), the user did.
    if (stopping.token.isCancellationRequested) {
      this.post({ type: 'problem', message: STOPPED });
      return { error: STOPPED };
    }
    if ('error' in result) this.post({ type: 'problem', message: result.error });
    else this.post({ type: 'result', outcome: result });
    await this.remember(draft, result);
    return result;
  }

  /** Called only for a draft that `draftProblem` passed, which for the local target means there is a document. */
  private async runLocal(draft: InvokeDraft, stop: vscode.CancellationToken): Promise<InvokeCommandResult> {
    const { uri } = this.document!;
    const params = localInvokeParams(draft, uri.toString(), vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath);
    // Cancelled, the server stops the request's mapping template; a backend call under way (a Lambda handler, an
    // HTTP integration) runs to its end there, unseen, while the panel is free at once (`run`).
    const answer = await this.client.sendRequest<LocalInvokeResult>('apigateway/invokeLocal', params, stop);
    return 'error' in answer ? answer : outcomeFromLocal(answer.response, answer.stage);
  }

  private async runAws(draft: InvokeDraft, stop: vscode.CancellationToken): Promise<InvokeCommandResult> {
    const settings = readSettings();
    const link = this.link?.apiId === draft.restApiId?.trim() ? this.link : undefined;
    const connection = await resolveConnection(linkedConnection(link, settings, vscode.workspace.isTrusted));
    const clients = await createClients(connection, { maxAttempts: settings.maxAttempts });
    // Stopped, the clients are destroyed below, which closes the connection of the call under way.
    try {
      return await untilStopped(runTestInvoke(clients, draft), stop);
    } catch (error) {
      if (error instanceof TestInvokeInputError) return { error: error.message };
      return { error: explainAwsError(error, connection).message };
    } finally {
      destroyClients(clients);
    }
  }

  /** Called only for a draft that `draftProblem` passed: its stage URL is given and makes a valid request URL. */
  private async runUrl(draft: InvokeDraft, stop: vscode.CancellationToken): Promise<InvokeCommandResult> {
    const stageUrl = draft.stageUrl!.trim();
    let request = httpRequestFor(draft, stageUrl);
    if (draft.sign) {
      // Signing needs the profile and region only: the endpoint setting, meant for API Gateway's own API, plays no part.
      const connection = await resolveProfileRegion(readSettings());
      try {
        const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
        const credentials = await fromNodeProviderChain(connection.profile ? { profile: connection.profile } : {})();
        request = await signRequest(request, credentials, regionOfUrl(stageUrl) ?? connection.region);
      } catch (error) {
        return { error: `Cannot sign the request: ${explainAwsError(error, connection).message}` };
      }
    }
    const abort = new AbortController();
    const listener = stop.onCancellationRequested(() => abort.abort());
    const answer = await sendHttp(request, undefined, abort.signal).finally(() => listener.dispose());
    return { target: 'url', ...answer, log: [], calledAs: `${request.method} ${request.url}${draft.sign ? ' (SigV4)' : ''}`, at: new Date().toISOString() };
  }

  private async copyCurl(draft: InvokeDraft): Promise<void> {
    const base = draft.target === 'local' || !draft.stageUrl?.trim() ? LOCAL_SERVE_URL : draft.stageUrl.trim();
    try {
      const request = httpRequestFor(draft, base);
      const sigv4 = draft.sign && base !== LOCAL_SERVE_URL ? { region: regionOfUrl(base) ?? (await resolveProfileRegion(readSettings())).region } : undefined;
      await vscode.env.clipboard.writeText(toCurl(request, { sigv4 }));
      this.post({ type: 'notice', message: base === LOCAL_SERVE_URL ? `Copied a curl command for the local gateway served by "apigw serve" (${LOCAL_SERVE_URL}).` : 'Copied the curl command.' });
    } catch (error) {
      this.post({ type: 'problem', message: `Cannot build the curl command: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private async remember(draft: InvokeDraft, result: InvokeCommandResult): Promise<void> {
    const entry: HistoryEntry = 'error' in result
      ? { at: new Date().toISOString(), draft, error: result.error }
      : { at: result.at, draft, status: result.status, latencyMs: result.latencyMs };
    this.history = addToHistory(this.history, entry);
    this.post({ type: 'history', history: this.history });
    await this.saveHistory();
  }

  private async saveHistory(): Promise<void> {
    const store = this.store;
    try {
      const copy = await store?.set(this.storeKey, this.history.length ? this.history : undefined);
      if (store && copy) void vscode.window.showWarningMessage(keptCopyNotice(store.file, copy));
    } catch {
      // The history is a convenience: a read-only workspace must not fail the request.
    }
  }

  private post(message: InvokeToPanel): void {
    // A request stopped by closing the panel still ends, with nobody left to tell.
    if (this.disposed) return;
    void this.webviewPanel.webview.postMessage(message);
  }

  private dispose(): void {
    this.disposed = true;
    // Closed while sending: nobody is left to see the answer.
    this.stop();
    InvokePanel.open.delete(this.key);
    this.markReady();
    for (const d of this.disposables) d.dispose();
  }
}

const STOPPED = 'Stopped before an answer came.';

/** What `work` gives, or a failure as soon as `stop` is cancelled, whichever comes first. */
function untilStopped<T>(work: Promise<T>, stop: vscode.CancellationToken): Promise<T> {
  let listener: vscode.Disposable | undefined;
  const stopped = new Promise<never>((_, reject) => (listener = stop.onCancellationRequested(() => reject(new Error(STOPPED)))));
  return Promise.race([work, stopped]).finally(() => listener?.dispose());
}

/** Tells the menus whether *Stop Request* has anything to stop. */
function setSendingContext(): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'apigateway.invokeSending', InvokePanel.anySending());
}

/** The local gateway runs the workspace's handlers, which is what Restricted Mode exists to prevent. */
const RESTRICTED_LOCAL = 'Restricted Mode: the local gateway would run this workspace\'s Lambda handlers, so it is off until you trust the workspace. A deployed stage URL and AWS test invoke still work.';

async function offerTrust(): Promise<void> {
  const manage = 'Manage Workspace Trust';
  if (await vscode.window.showWarningMessage(RESTRICTED_LOCAL, manage) === manage) await vscode.commands.executeCommand('workbench.trust.manage');
}

function fail(message: string): InvokeCommandResult {
  void vscode.window.showWarningMessage(message);
  return { error: message };
}

/** The region in an AWS invoke URL (`{id}.execute-api.{region}.amazonaws.com`), which the signature must name. */
function regionOfUrl(url: string): string | undefined {
  try {
    return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(new URL(url).hostname)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * The definition the panel runs, and when it is run from a file the definition's `$ref`s name, the operations of it
 * that file holds at the cursor.
 */
interface InvokedDocument {
  document?: vscode.TextDocument;
  operations?: { path: string; method: string }[];
  /** Why there is nothing to run. */
  error?: string;
  /** The user chose nothing when asked. */
  cancelled?: boolean;
}

/**
 * The API definition the panel runs: the one named, else the active editor's, or the one whose path item file the
 * active editor holds. A caller naming only a deployed API gets the active document when that document was deployed
 * to it, so its operations can be picked.
 */
async function documentFor(args: InvokeOpenArgs, client: LanguageClient, documents: ApiDocuments): Promise<InvokedDocument> {
  if (args.part) {
    const part = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.part.uri));
    if (documents.definitionsUsing(part).length > 1) {
      // The path and method the lens names are the first definition's, which may mount the file elsewhere.
      args.path = args.method = undefined;
      return definitionOfPart(client, documents, part, part.positionAt(args.part.offset), args);
    }
  }
  if (args.uri) return { document: await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri)) };
  const isPart = (d: vscode.TextDocument) => documents.isPartOfDefinition(d);
  const editor = editorInUse((d) => holdsApiDefinition(d) || isPart(d));
  const active = editor?.document;
  if (!active || !isDefinitionLanguage(active)) return {};
  if (!args.url && !args.apiId) return isPart(active) && !holdsApiDefinition(active) ? definitionOfPart(client, documents, active, editor.selection.active, args) : { document: active };
  if (!args.apiId) return {};
  const { link } = await deploymentLinkOf(active);
  return link?.apiId === args.apiId ? { document: active } : {};
}

/**
 * A file a definition's `$ref` names (a path item in `paths/pets.yaml`) runs in that definition: the operation at the
 * cursor is the one invoked; where several paths share the file, or the cursor is in none, those it holds are offered.
 */
async function definitionOfPart(client: LanguageClient, documents: ApiDocuments, part: vscode.TextDocument, cursor: vscode.Position, args: InvokeOpenArgs): Promise<InvokedDocument> {
  const chosen = await chooseDefinitionOfPart(documents, part, 'Invoke');
  if (!chosen) return { cancelled: true };
  const params: OperationInPartParams = { uri: part.uri.toString(), offset: part.offsetAt(cursor), definition: chosen.definition };
  const found = await client.sendRequest<OperationInPartResult>('apigateway/operationInPart', params);
  if (!found.definition) {
    const name = path.basename(part.uri.path);
    const chosen = params.definition ? `${path.basename(vscode.Uri.parse(params.definition).path)} no longer uses ${name}, or` : `No definition using ${name}`;
    return { error: `${chosen} cannot be read now: it may have syntax errors, have moved, or be too large to run. Open it, or invoke from it.` };
  }
  const operations = found.operations ?? [];
  if (operations.length === 1 && args.path === undefined) {
    args.path = operations[0].path;
    args.method = operations[0].method;
  }
  return { document: await vscode.workspace.openTextDocument(vscode.Uri.parse(found.definition)), operations };
}

/** How long opening a panel waits for the stage list before it opens without a stage URL. */
const STAGE_LOOKUP_MS = 5000;

/**
 * The stage a panel opened on a deployed API alone (a method row of the tree) calls: the one named, else the first
 * by name, as the tree lists them. A failed or slow lookup only leaves the URL to type.
 */
async function stageOfDeployedApi(args: InvokeOpenArgs): Promise<StageUrl | undefined> {
  const lookup = Promise.resolve(vscode.commands.executeCommand<StageUrl[] | undefined>('apigateway.aws.stageUrls', { kind: args.apiKind ?? 'REST', apiId: args.apiId, apiEndpoint: args.apiEndpoint }))
    .then((stages) => pickStageUrl(stages ?? [], [args.stage]), () => undefined);
  return Promise.race([lookup, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), STAGE_LOOKUP_MS))]);
}

async function pickOperation(operations: OperationInfo[], file: string): Promise<OperationInfo | undefined> {
  if (!operations.length) {
    void vscode.window.showInformationMessage(`${file} has no operations to invoke: add a method under one of its paths.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    operations.map((op) => ({ label: `${op.method} ${op.path}`, description: op.operationId, detail: op.summary, op })),
    { title: `Invoke an Operation of ${file}`, placeHolder: 'Choose the operation to call; type to filter by method, path or operationId', matchOnDescription: true },
  );
  return picked?.op;
}

/** The document's most recent deployment, with its stage's invoke URL when the link names a stage. */
async function deploymentLinkOf(document: vscode.TextDocument | undefined): Promise<{ link?: DeploymentLink; linkUrl?: string }> {
  const folder = document && vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return {};
  try {
    const [link] = await readLinks(folder.uri.fsPath, document.uri.fsPath);
    if (!link) return {};
    const connection: Connection = { region: link.region, endpoint: link.endpoint, profile: link.profile };
    const linkUrl = link.lastStage ? invokeUrl(connection, { kind: link.kind as ApiKind, apiId: link.apiId, stage: link.lastStage }) : undefined;
    return { link, linkUrl };
  } catch {
    return {};
  }
}

/** "Invoke Operation": from a code lens, the API tree, the deploy command, or the command palette. */
export function registerInvokePanel(context: vscode.ExtensionContext, client: LanguageClient, documents: ApiDocuments): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('apigateway.invoke.open', (args?: unknown) => InvokePanel.show(context, client, args, documents)),
    vscode.commands.registerCommand('apigateway.invoke.stop', () => InvokePanel.stopActive()),
  );
}
