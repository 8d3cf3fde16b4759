import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeConnection, type GatewayClients } from '../aws/connection';
import type { AwsSession } from '../tree/awsSession';
import type { TreeCommands } from '../tree/treeCommands';
import { DeployCancelled, EndpointChangeUnsupported, ProductionStageNotConfirmed, type DeployResult } from './deployer';
import { deployWithProgress, planDeploy, type DeployAnswers, type OpenProgress, type Prompter } from './deployFlow';
import { documentTitle, guessApiKind } from './documentKind';
import { readLinks, rememberLink } from './links';
import { passesValidation } from './validationGate';
import type { ImportWarningDiagnostics } from './warningDiagnostics';

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

export class DeployCommand {
  constructor(
    private readonly session: AwsSession,
    private readonly warnings: ImportWarningDiagnostics,
    private readonly treeCommands: TreeCommands,
    private readonly afterDeploy: () => void,
  ) {}

  async run(options: DeployCommandOptions = {}): Promise<DeployResult | undefined> {
    const document = await this.document(options.uri);
    if (!document) return undefined;
    if (document.isDirty && !document.isUntitled) await document.save();
    if (!(await passesValidation(document, options.acceptWarnings))) return undefined;

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
    const usable = links.filter((l) => l.region === clients.connection.region && (l.endpoint ?? '') === (clients.connection.endpoint ?? ''));

    try {
      const dialect = vscode.workspace.getConfiguration('apigateway.validation').get<string>('dialect') ?? 'auto';
      const text = document.getText();
      const plan = await planDeploy({
        clients,
        answers: options,
        documentText: text,
        documentName: path.basename(document.fileName),
        documentTitle: documentTitle(text),
        links: usable,
        guessedKind: options.kind ?? usable[0]?.kind as 'REST' | 'HTTP' | undefined ?? guessApiKind(text, dialect),
        backupDir: path.join(root, '.apigateway', 'backups'),
      }, vscodePrompter);
      if (!plan) return undefined;
      const { request, target, putMode, link } = plan;
      this.session.log(`deploy ${document.uri.toString()} as ${request.kind} → ${target.mode === 'new' ? 'new API' : `${target.apiId} (${putMode})`}${request.stage ? `, stage ${request.stage.name}` : ''} on ${describeConnection(clients.connection)}`);
      const result = await deployWithProgress(clients, request, notificationProgress('API Gateway deploy'), (message) => this.session.log(message));

      this.warnings.clear(document.uri);
      if (result.warnings.length) this.warnings.show(document, result.warnings);
      if (!document.isUntitled) {
        await rememberLink(root, document.uri.fsPath, {
          apiId: result.apiId, kind: result.kind, apiName: result.apiName, profile: clients.connection.profile, region: clients.connection.region,
          endpoint: clients.connection.endpoint, lastStage: result.stage ?? link?.lastStage, lastDeployedAt: new Date().toISOString(),
        });
      }
      this.afterDeploy();
      for (const note of result.notes) this.session.log(note);
      void this.announce(result);
      return result;
    } catch (error) {
      if (error instanceof DeployCancelled) {
        void vscode.window.showInformationMessage(error.message);
        return undefined;
      }
      if (error instanceof ProductionStageNotConfirmed || error instanceof EndpointChangeUnsupported) {
        void vscode.window.showWarningMessage(error.message);
        return undefined;
      }
      void this.treeCommands.reportError('Deploy', error);
      return undefined;
    }
  }

  private async document(uri: string | vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri) return vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !['yaml', 'json'].includes(document.languageId)) {
      void vscode.window.showWarningMessage('Open an OpenAPI document (YAML or JSON) to deploy it.');
      return undefined;
    }
    return document;
  }

  private async announce(result: DeployResult): Promise<void> {
    const what = `${result.created ? 'Created' : 'Updated'} ${result.kind} API ${result.apiName ?? ''} (${result.apiId})`;
    const warned = result.warnings.length ? ` with ${result.warnings.length} import warning(s), shown in the document` : '';
    const backups = result.backupFiles.length ? ` Backup: ${vscode.workspace.asRelativePath(result.backupFiles[0])}.` : '';
    if (!result.invokeUrl) {
      void vscode.window.showInformationMessage(`${what}${warned}.${backups}`);
      return;
    }
    const canInvoke = (await vscode.commands.getCommands(true)).includes('apigateway.invoke.open');
    const buttons = ['Copy URL', 'Open', ...(canInvoke ? ['Invoke'] : [])];
    const answer = await vscode.window.showInformationMessage(`${what}${warned}, stage ${result.stage}: ${result.invokeUrl}${backups}`, ...buttons);
    if (answer === 'Copy URL') await vscode.env.clipboard.writeText(result.invokeUrl);
    else if (answer === 'Open') await vscode.env.openExternal(vscode.Uri.parse(result.invokeUrl));
    else if (answer === 'Invoke') await vscode.commands.executeCommand('apigateway.invoke.open', { apiId: result.apiId, stage: result.stage, url: result.invokeUrl });
  }
}
