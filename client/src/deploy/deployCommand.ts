import * as os from 'node:os';
import { holdsApiDefinition, isDefinitionLanguage } from '../apiDocuments';
import { editorInUse } from '../editorInUse';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { describeConnection, type Connection, type GatewayClients } from '../aws/connection';
import { listed } from '../sentences';
import type { AwsSession } from '../tree/awsSession';
import type { TreeCommands } from '../tree/treeCommands';
import { definitionToImport, type ImportBody } from './definitionToImport';
import { filesOutsideWorkspace, restrictedDeployRefusal } from './restrictedFiles';
import { DeployCancelled, EndpointChangeUnsupported, ProductionStageNotConfirmed, type DeployResult } from './deployer';
import { ApiNoLongerExists, ImportOutcomeUnknown, isRefusedRequest, PartialDeploy, reasonOf } from './deployFailures';
import { deployWithProgress, planDeploy, type DeployAnswers, type OpenProgress, type Prompter } from './deployFlow';
import { apiClaim, DeployAlreadyRunning, DeploysInFlight, documentClaim } from './deploysInFlight';
import { apiKindEvidence, documentTitle, guessApiKind } from './documentKind';
import { forgetApi, madeWith, readLinks, rememberLink, type DeploymentLink } from './links';
import { passesValidation } from './validationGate';
import type { ImportWarningDiagnostics } from './warningDiagnostics';
import { deployAnnouncement } from './wording';

/** Answers to the deploy prompts; each one given skips its prompt, so tests and tasks can deploy unattended. */
export interface DeployCommandOptions extends DeployAnswers {
  uri?: string | vscode.Uri;
  acceptWarnings?: boolean;
}

/** The deploy questions as VS Code quick picks, input boxes and modal warnings. */
export const vscodePrompter: Prompter = {
  async pick(title, items, placeHolder) {
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder });
    return picked?.value;
  },
  input(request) {
    return Promise.resolve(vscode.window.showInputBox({
      title: request.title, prompt: request.prompt, value: request.value, validateInput: request.validate ? (v) => request.validate!(v) : undefined,
    }));
  },
  async confirm(message, detail, action) {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  },
};

/** Progress notifications that stay open until their phase ends; a Cancel button only when `cancellable`. */
function notificationProgress(title: string): OpenProgress {
  return (cancellable) => {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    let shown: ((message: string) => void) | undefined;
    let latest: string | undefined;
    let token: vscode.CancellationToken | undefined;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, (progress, cancellation) => {
      token = cancellation;
      shown = (message) => progress.report({ message });
      if (latest) shown(latest);
      return ended;
    });
    return {
      report(message) {
        latest = message;
        shown?.(message);
      },
      get cancelled() {
        return token?.isCancellationRequested ?? false;
      },
      end: () => end(),
    };
  };
}

/** One run of the command, as far as its failure handling needs to know it. */
interface Attempt {
  document: vscode.TextDocument;
  options: DeployCommandOptions;
  links: DocumentLinks;
  /** Lets the document be deployed again; the command calls it when it ends, or earlier to offer a new deploy. */
  release(): void;
  /** The link of the chosen existing API, and the stage asked for, once planned. */
  link?: DeploymentLink;
  stage?: string;
}

/** The document's entries in the link file, for the current connection. */
class DocumentLinks {
  private readonly forgotten = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly document: vscode.TextDocument,
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Saves the link after the API was written. The deploy happened whether or not the link file can be written, so a
   * failure is reported and the deploy still counts as done.
   */
  async keep(api: Pick<DeployResult, 'apiId' | 'kind' | 'apiName'>, lastStage: string | undefined): Promise<void> {
    try {
      await this.remember(api, lastStage);
    } catch (error) {
      const message = `The link of ${vscode.workspace.asRelativePath(this.document.uri)} to API ${api.apiId} was not saved: ${errorText(error)}`;
      this.log(message);
      void vscode.window.showWarningMessage(message);
    }
  }

  private async remember(api: Pick<DeployResult, 'apiId' | 'kind' | 'apiName'>, lastStage: string | undefined): Promise<void> {
    if (this.document.isUntitled) return;
    const { profile, region, endpoint } = this.connection;
    await rememberLink(this.root, this.document.uri.fsPath, {
      apiId: api.apiId, kind: api.kind, apiName: api.apiName, profile, region, endpoint, lastStage, lastDeployedAt: new Date().toISOString(),
    });
  }

  /** Both the questions and the deploy may find the API gone; the link is dropped and logged once. */
  async forget(gone: ApiNoLongerExists): Promise<void> {
    if (this.forgotten.has(gone.apiId)) return;
    this.forgotten.add(gone.apiId);
    if (!this.document.isUntitled) await forgetApi(this.root, gone.apiId, { ...this.connection, region: gone.region });
    this.log(`${gone.message} Its link to ${vscode.workspace.asRelativePath(this.document.uri)} was removed.`);
  }
}

export class DeployCommand {
  private readonly inFlight = new DeploysInFlight();

  constructor(
    private readonly session: AwsSession,
    private readonly warnings: ImportWarningDiagnostics,
    private readonly treeCommands: TreeCommands,
    private readonly afterDeploy: () => void,
    /** The language server, which makes a split definition one document; undefined until it has started. */
    private readonly languageClient: () => LanguageClient | undefined,
  ) {}

  /**
   * Refuses to start while the same document is being deployed, its questions included: a second run would ask
   * again over the first and then race it on the same API.
   */
  async run(options: DeployCommandOptions = {}): Promise<DeployResult | undefined> {
    const document = await this.document(options.uri);
    if (!document) return undefined;
    let release: () => void;
    try {
      release = this.inFlight.claim([documentClaim(document.uri.toString(), path.basename(document.fileName))]);
    } catch (error) {
      if (!(error instanceof DeployAlreadyRunning)) throw error;
      void vscode.window.showWarningMessage(error.message);
      return undefined;
    }
    try {
      return await this.deployDocument(document, options, release);
    } finally {
      release();
    }
  }

  private async deployDocument(document: vscode.TextDocument, options: DeployCommandOptions, release: () => void): Promise<DeployResult | undefined> {
    if (document.isDirty && !document.isUntitled) await document.save();
    const body = await this.importBody(document);
    if (!body) return undefined;
    if (!(await passesValidation(document, options.acceptWarnings, body.findings))) return undefined;

    let clients: GatewayClients;
    try {
      clients = await this.session.getClients();
    } catch (error) {
      await this.treeCommands.reportError('Connecting to AWS', error);
      return undefined;
    }
    // Links and backups live in the document's workspace folder; a file outside every folder keeps them beside it.
    const root = document.isUntitled
      ? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir()
      : vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
    const links = !document.isUntitled ? await readLinks(root, document.uri.fsPath).catch(() => []) : [];
    const usable = links.filter((l) => madeWith(l, clients.connection));

    const attempt: Attempt = { document, options, release, links: new DocumentLinks(root, document, clients.connection, (m) => this.session.log(m)) };
    try {
      const dialect = vscode.workspace.getConfiguration('apigateway.validation').get<string>('dialect') ?? 'auto';
      // What is imported is judged: the extensions that tell the kind of API, or its title, may be in the files it is
      // made of. Both readers take JSON as well as YAML.
      const text = body.text ?? document.getText();
      const guessedKind = options.kind ?? usable[0]?.kind as 'REST' | 'HTTP' | undefined ?? guessApiKind(text, dialect);
      // A dialect forced by the setting is the user's choice, not the document's: it rules nothing out.
      const evidence = dialect === 'auto' ? apiKindEvidence(text) : undefined;
      const plan = await planDeploy({
        clients,
        answers: options,
        documentText: text,
        documentName: path.basename(document.fileName),
        documentTitle: documentTitle(text),
        links: usable,
        guessedKind,
        kindEvidence: evidence?.kind === guessedKind ? evidence.evidence : undefined,
        backupDir: path.join(root, '.apigateway', 'backups'),
        onApiGone: (gone) => attempt.links.forget(gone),
      }, vscodePrompter);
      if (!plan) return undefined;
      const { request, target, putMode } = plan;
      attempt.link = plan.link;
      attempt.stage = request.stage?.name;
      this.session.log(`deploy ${document.uri.toString()} as ${request.kind} → ${target.mode === 'new' ? 'new API' : `${target.apiId} (${putMode})`}${request.stage ? `, stage ${request.stage.name}` : ''} on ${describeConnection(clients.connection)}`);
      if (body.text !== undefined) this.logBundle(document, body);
      // Another document may be deploying to the same API; a new API is nobody else's yet.
      const claims = target.mode === 'existing' ? [apiClaim(clients.connection, target, path.basename(document.fileName))] : [];
      const result = await this.inFlight.run(claims, () => deployWithProgress(clients, request, notificationProgress(`Deploying ${path.basename(document.fileName)}`), (message) => this.session.log(message), {
        // The creating calls, sent once through clients of their own, are logged like the session's.
        onCall: (entry) => this.session.logCall(entry, 'not retried'),
      }));

      this.showWarnings(document, result.warnings);
      await attempt.links.keep(result, result.stage ?? plan.link?.lastStage);
      this.afterDeploy();
      for (const note of result.notes) this.session.log(note);
      this.detach('Announcing the deploy', this.announce(result));
      return result;
    } catch (error) {
      return this.failed(error, attempt);
    }
  }

  /**
   * The document to import: the definition as written, or, when its `$ref`s name other files, one document made of
   * them all, since API Gateway reads nothing but the body it is sent. Undefined when the deploy is refused.
   */
  private async importBody(document: vscode.TextDocument): Promise<ImportBody | undefined> {
    const asked = async () => {
      try {
        return await definitionToImport(this.languageClient(), document);
      } catch (error) {
        return { error: `the language server did not make the document to import: ${errorText(error)}` };
      }
    };
    let answer = await asked();
    if (answer && !('error' in answer)) {
      // The server reads open editors' text, so unsaved edits to a referenced file would be deployed while the files
      // on disk, which are what gets committed and deployed again later, say otherwise. The definition itself is saved
      // for the same reason. Saving may change the text (format on save), so the server is asked again.
      const unsaved = dirtyDocuments(answer.files);
      if (unsaved.length) {
        for (const part of unsaved) {
          if (!(await part.save())) return this.refuse(`Not deployed: ${vscode.workspace.asRelativePath(part.uri)} could not be saved.`);
        }
        answer = await asked();
      }
    }
    if (!answer) return { files: [], moved: [], findings: [] };
    if ('error' in answer) return this.refuse(`Not deployed: ${answer.error}`);
    if (!vscode.workspace.isTrusted) {
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
      const outside = filesOutsideWorkspace(answer.files.filter((f) => f.scheme === 'file').map((f) => f.fsPath), folders);
      if (outside.length) return this.refuse(restrictedDeployRefusal(vscode.workspace.asRelativePath(document.uri), outside));
    }
    return answer;
  }

  private refuse(message: string): undefined {
    this.session.log(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }

  private logBundle(document: vscode.TextDocument, body: ImportBody): void {
    const names = [document.uri, ...body.files].map((uri) => vscode.workspace.asRelativePath(uri));
    this.session.log(`  sent as one document made of ${listed(names)}`);
    if (body.moved.length) this.session.log(`  schemas that contain themselves through other files became models: ${listed(body.moved)}`);
  }

  private async failed(error: unknown, attempt: Attempt): Promise<DeployResult | undefined> {
    if (error instanceof DeployCancelled) {
      void vscode.window.showInformationMessage(error.message);
    } else if (error instanceof ProductionStageNotConfirmed || error instanceof EndpointChangeUnsupported || error instanceof DeployAlreadyRunning) {
      void vscode.window.showWarningMessage(error.message);
    } else if (error instanceof PartialDeploy) {
      // The API exists in its new form: the link and the warnings matter as much as after a complete deploy.
      this.showWarnings(attempt.document, error.result.warnings);
      if (error.result.apiId) await attempt.links.keep(error.result, attempt.stage ?? attempt.link?.lastStage);
      this.afterDeploy();
      this.detach('Reporting the partial deploy', this.reportPartial(error));
    } else if (error instanceof ImportOutcomeUnknown) {
      this.afterDeploy();
      this.detach('Linking the document', this.reportUnknownImport(error, (api) => attempt.links.keep({ apiId: api.id, apiName: api.name, kind: error.kind }, undefined)));
    } else if (error instanceof ApiNoLongerExists) {
      return this.apiGone(new ApiNoLongerExists(error.kind, error.apiId, error.region, error.apiName ?? attempt.link?.apiName), attempt);
    } else if (isRefusedRequest(error)) {
      this.detach('Reporting the refused deploy', this.reportRefused(attempt.document, error));
    } else {
      void this.treeCommands.reportError('Deploy', error);
    }
    return undefined;
  }

  /** Forgets the link to an API deleted meanwhile and offers to deploy the document as a new API instead. */
  private async apiGone(gone: ApiNoLongerExists, attempt: Attempt): Promise<DeployResult | undefined> {
    // The offer may wait long for an answer, and taking it deploys the same document again.
    attempt.release();
    await attempt.links.forget(gone).catch(() => undefined);
    this.afterDeploy();
    const again = `Deploy as New ${gone.kind} API`;
    const answer = await vscode.window.showWarningMessage(`${gone.message} Its link to this document was removed.`, again);
    if (answer !== again) return undefined;
    return this.run({ ...attempt.options, uri: attempt.document.uri, target: 'new', kind: gone.kind, putMode: undefined });
  }

  /**
   * The warnings go on the document's own lines, found in its own text, not in the document imported: that one, made
   * of several files, is in no editor. A path item in another file is still found by its key in the definition.
   */
  private showWarnings(document: vscode.TextDocument, warnings: string[]): void {
    this.warnings.clear(document.uri);
    if (warnings.length) this.warnings.show(document, warnings);
  }

  /**
   * Notifications and their buttons outlive the command; what a button does can still fail (a backup deleted since,
   * a link file that cannot be written), and that failure is logged rather than left unhandled.
   */
  private detach(what: string, work: Promise<void>): void {
    work.catch((error: unknown) => this.session.log(`${what} failed: ${errorText(error)}`));
  }

  private async reportPartial(error: PartialDeploy): Promise<void> {
    const message = error.summary((file) => vscode.workspace.asRelativePath(file));
    this.session.log(`Deploy partly done: ${message}`);
    const backup = error.result.backupFiles[0];
    const buttons = [...(backup ? ['Open Backup'] : []), 'Show Log'];
    const answer = await vscode.window.showErrorMessage(message, ...buttons);
    if (answer === 'Open Backup' && backup) await vscode.window.showTextDocument(vscode.Uri.file(backup));
    else if (answer === 'Show Log') this.session.output.show();
  }

  private async reportUnknownImport(error: ImportOutcomeUnknown, link: (api: ImportOutcomeUnknown['candidates'][number]) => Promise<void>): Promise<void> {
    this.session.log(error.message);
    const [only] = error.candidates;
    const use = 'Link Document to It';
    const buttons = error.candidates.length === 1 ? [use, 'Show Log'] : ['Show Log'];
    const answer = await vscode.window.showWarningMessage(error.message, ...buttons);
    if (answer === use && only) await link(only);
    else if (answer === 'Show Log') this.session.output.show();
  }

  /** A refused document or request fails the same way when retried; what helps is looking at the document. */
  private async reportRefused(document: vscode.TextDocument, error: unknown): Promise<void> {
    const message = `Not deployed: ${vscode.workspace.asRelativePath(document.uri)} was refused. ${reasonOf(error)}`;
    this.session.log(message);
    const answer = await vscode.window.showErrorMessage(message, 'Open Document', 'Show Problems');
    if (answer === 'Open Document') await vscode.window.showTextDocument(document);
    else if (answer === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  private async document(uri: string | vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri) return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
    const document = editorInUse(holdsApiDefinition)?.document;
    if (!document || !isDefinitionLanguage(document)) {
      void vscode.window.showWarningMessage('Open an OpenAPI document (YAML or JSON) to deploy it.');
      return undefined;
    }
    return document;
  }

  private async announce(result: DeployResult): Promise<void> {
    const message = deployAnnouncement(result, (file) => vscode.workspace.asRelativePath(file));
    // A change API Gateway has not deployed yet is announced as a warning, not as news that all went well.
    const show = result.unfinished ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    if (!result.invokeUrl) {
      void show(message);
      return;
    }
    const canInvoke = (await vscode.commands.getCommands(true)).includes('apigateway.invoke.open');
    const buttons = ['Copy URL', 'Open', ...(canInvoke ? ['Invoke'] : [])];
    const answer = await show(message, ...buttons);
    if (answer === 'Copy URL') await vscode.env.clipboard.writeText(result.invokeUrl);
    else if (answer === 'Open') await vscode.env.openExternal(vscode.Uri.parse(result.invokeUrl));
    else if (answer === 'Invoke') await vscode.commands.executeCommand('apigateway.invoke.open', { apiId: result.apiId, apiKind: result.kind, apiName: result.apiName, stage: result.stage, url: result.invokeUrl });
  }
}

/** The open documents among `uris` with unsaved changes. */
function dirtyDocuments(uris: vscode.Uri[]): vscode.TextDocument[] {
  const wanted = new Set(uris.map((uri) => uri.toString()));
  return vscode.workspace.textDocuments.filter((d) => d.isDirty && wanted.has(d.uri.toString()));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
