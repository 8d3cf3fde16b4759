import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeConnection, type GatewayClients } from '../aws/connection';
import { listRestApis, listV2Apis } from '../aws/listing';
import type { AwsSession } from '../tree/awsSession';
import type { TreeCommands } from '../tree/treeCommands';
import { deploy, DeployCancelled, ProductionStageNotConfirmed, type DeployRequest, type DeployResult, type PutMode } from './deployer';
import { documentTitle, formatStageVariables, guessApiKind, parseStageVariables } from './documentKind';
import { readLinks, rememberLink, type DeploymentLink } from './links';
import { looksLikeProduction } from './productionStage';
import { stageNames } from './stageActions';
import { passesValidation } from './validationGate';
import type { ImportWarningDiagnostics } from './warningDiagnostics';

/** Answers to the deploy prompts; each one given skips its prompt, so tests and tasks can deploy unattended. */
export interface DeployCommandOptions {
  uri?: string | vscode.Uri;
  kind?: 'REST' | 'HTTP';
  /** `new`, or the id of an existing API. */
  target?: string;
  putMode?: PutMode;
  /** A stage name, or null to import without deploying. */
  stage?: string | null;
  stageDescription?: string;
  variables?: Record<string, string>;
  canaryPercent?: number;
  failOnWarnings?: boolean;
  basePath?: DeployRequest['basePath'];
  endpointType?: DeployRequest['endpointType'];
  confirmProduction?: boolean;
  acceptWarnings?: boolean;
}

type Target = { mode: 'new'; kind: 'REST' | 'HTTP' } | { mode: 'existing'; kind: 'REST' | 'HTTP'; apiId: string; name?: string };

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
      const guessed = options.kind ?? usable[0]?.kind as 'REST' | 'HTTP' | undefined ?? guessApiKind(document.getText(), dialect);
      const target = await this.chooseTarget(clients, options, usable, guessed, document);
      if (!target) return undefined;
      const putMode = target.mode === 'existing' ? await this.choosePutMode(target, options) : undefined;
      if (target.mode === 'existing' && !putMode) return undefined;
      const link = target.mode === 'existing' ? usable.find((l) => l.apiId === target.apiId) : undefined;
      const stage = await this.chooseStage(clients, target, options, link);
      if (stage === undefined) return undefined;

      let productionConfirmed = options.confirmProduction ?? false;
      if (stage && stage.exists && looksLikeProduction(stage.name) && !productionConfirmed) {
        const answer = await vscode.window.showWarningMessage(
          `"${stage.name}" looks like a production stage. Deploy ${path.basename(document.fileName)} to it?`,
          { modal: true, detail: `${target.mode === 'existing' ? `API ${target.name ?? target.apiId}` : 'The new API'} on ${describeConnection(clients.connection)}. Clients of this stage get the change at once.` },
          `Deploy to ${stage.name}`,
        );
        if (answer !== `Deploy to ${stage.name}`) return undefined;
        productionConfirmed = true;
      }

      const request: DeployRequest = {
        kind: target.kind,
        body: document.getText(),
        target: target.mode === 'new' ? { mode: 'new' } : { mode: 'existing', apiId: target.apiId, putMode: putMode! },
        failOnWarnings: options.failOnWarnings,
        basePath: options.basePath,
        endpointType: options.endpointType,
        stage: stage ? { name: stage.name, description: stage.description, variables: stage.variables, canaryPercent: stage.canaryPercent } : undefined,
        backupDir: path.join(root, '.apigateway', 'backups'),
        productionConfirmed,
      };
      this.session.log(`deploy ${document.uri.toString()} as ${request.kind} → ${target.mode === 'new' ? 'new API' : `${target.apiId} (${putMode})`}${stage ? `, stage ${stage.name}` : ''} on ${describeConnection(clients.connection)}`);
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'API Gateway deploy', cancellable: true },
        (progress, token) => deploy(clients, request, {
          step: (message) => {
            progress.report({ message });
            this.session.log(message);
          },
          log: (message) => this.session.log(message),
          isCancelled: () => token.isCancellationRequested,
        }),
      );

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
      if (error instanceof ProductionStageNotConfirmed) {
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

  private async chooseTarget(clients: GatewayClients, options: DeployCommandOptions, links: DeploymentLink[], guessed: 'REST' | 'HTTP', document: vscode.TextDocument): Promise<Target | undefined> {
    if (options.target === 'new') return { mode: 'new', kind: guessed };
    if (options.target) {
      const link = links.find((l) => l.apiId === options.target);
      const kind = options.kind ?? (link?.kind === 'HTTP' ? 'HTTP' : link?.kind === 'REST' ? 'REST' : await this.kindOf(clients, options.target));
      return { mode: 'existing', kind, apiId: options.target, name: link?.apiName };
    }
    type Item = vscode.QuickPickItem & { target?: Target; browse?: 'REST' | 'HTTP' };
    const title = documentTitle(document.getText());
    const other = guessed === 'REST' ? 'HTTP' : 'REST';
    const items: Item[] = [
      ...links.map((l) => ({
        label: `$(link) ${l.apiName ?? l.apiId}`,
        description: `${l.kind} · ${l.apiId}${l.lastStage ? ` · last stage ${l.lastStage}` : ''}`,
        detail: `Deployed from this document${l.lastDeployedAt ? ` on ${l.lastDeployedAt.slice(0, 16).replace('T', ' ')}` : ''}`,
        target: { mode: 'existing', kind: l.kind === 'HTTP' ? 'HTTP' : 'REST', apiId: l.apiId, name: l.apiName } as Target,
      })),
      { label: `$(add) New ${guessed} API`, description: title, target: { mode: 'new', kind: guessed } },
      { label: `$(add) New ${other} API`, description: title, target: { mode: 'new', kind: other } },
      { label: `$(list-unordered) Existing ${guessed} API…`, browse: guessed },
      { label: `$(list-unordered) Existing ${other} API…`, browse: other },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Deploy ${path.basename(document.fileName)} to (${describeConnection(clients.connection)})` });
    if (!picked) return undefined;
    if (picked.target) return picked.target;
    const kind = picked.browse!;
    const apis = kind === 'REST'
      ? (await listRestApis(clients)).map((a) => ({ id: a.id ?? '', name: a.name ?? '', detail: a.description }))
      : (await listV2Apis(clients)).filter((a) => a.ProtocolType === 'HTTP').map((a) => ({ id: a.ApiId ?? '', name: a.Name ?? '', detail: a.Description }));
    const api = await vscode.window.showQuickPick(apis.map((a) => ({ label: a.name, description: a.id, detail: a.detail, id: a.id })), {
      title: `Existing ${kind} API`, placeHolder: apis.length ? undefined : `No ${kind} APIs in ${clients.connection.region}`,
    });
    return api ? { mode: 'existing', kind, apiId: api.id, name: api.label } : undefined;
  }

  private async kindOf(clients: GatewayClients, apiId: string): Promise<'REST' | 'HTTP'> {
    const rest = await listRestApis(clients);
    return rest.some((a) => a.id === apiId) ? 'REST' : 'HTTP';
  }

  private async choosePutMode(target: Target & { mode: 'existing' }, options: DeployCommandOptions): Promise<PutMode | undefined> {
    if (options.putMode) return options.putMode;
    if (target.kind === 'HTTP') return 'overwrite';
    const picked = await vscode.window.showQuickPick([
      { label: 'Overwrite', description: 'the API becomes exactly this document', detail: 'The current definition is exported to .apigateway/backups first.', mode: 'overwrite' as const },
      { label: 'Merge', description: 'add and update; keep what the document lacks', detail: 'The current definition is exported to .apigateway/backups first.', mode: 'merge' as const },
    ], { title: `Update ${target.name ?? target.apiId}` });
    return picked?.mode;
  }

  /** Returns null for "import only", undefined when the user backs out. */
  private async chooseStage(clients: GatewayClients, target: Target, options: DeployCommandOptions, link: DeploymentLink | undefined):
    Promise<{ name: string; exists: boolean; description?: string; variables?: Record<string, string>; canaryPercent?: number } | null | undefined> {
    const existing = target.mode === 'existing' ? await stageNames(clients, target.kind, target.apiId) : [];
    let name: string | undefined;
    if (options.stage === null) return null;
    if (options.stage !== undefined) name = options.stage;
    else {
      type Item = vscode.QuickPickItem & { value?: string | null };
      const preferred = link?.lastStage;
      const sorted = [...existing].sort((a, b) => (a.name === preferred ? -1 : b.name === preferred ? 1 : a.name.localeCompare(b.name)));
      const picked = await vscode.window.showQuickPick<Item>([
        ...sorted.map((s) => ({
          label: `$(layers) ${s.name}`, value: s.name,
          description: [s.name === preferred ? 'last used' : '', s.autoDeploy ? 'auto-deploy' : '', s.deploymentId ? `serves ${s.deploymentId}` : '', looksLikeProduction(s.name) ? '$(warning) production' : ''].filter(Boolean).join(' · '),
        })),
        { label: '$(add) New stage…' },
        { label: '$(circle-slash) Import only, no deployment', value: null },
      ], { title: 'Deploy to stage' });
      if (!picked) return undefined;
      if (picked.value === null) return null;
      name = picked.value ?? await vscode.window.showInputBox({
        title: 'New stage name', value: existing.length ? '' : 'dev',
        validateInput: (v) => (/^[A-Za-z0-9_-]{1,128}$/.test(v) ? undefined : 'Letters, digits, - and _ only, at most 128 characters'),
      });
      if (!name) return undefined;
    }
    const current = existing.find((s) => s.name === name);
    const description = options.stageDescription ?? (options.stage !== undefined ? undefined
      : await vscode.window.showInputBox({ title: `Deployment description for ${name} (optional)`, value: `Deployed from VS Code ${new Date().toISOString().slice(0, 16).replace('T', ' ')}` }));
    if (description === undefined && options.stage === undefined) return undefined;
    let variables = options.variables;
    if (!variables && options.stage === undefined) {
      const currentVariables = current ? await this.stageVariables(clients, target, name) : {};
      const typed = await vscode.window.showInputBox({
        title: `Stage variables of ${name} (optional)`, prompt: 'key=value pairs separated by commas', value: formatStageVariables(currentVariables),
        validateInput: (v) => {
          try {
            parseStageVariables(v);
            return undefined;
          } catch (error) {
            return (error as Error).message;
          }
        },
      });
      if (typed === undefined) return undefined;
      variables = parseStageVariables(typed);
    }
    let canaryPercent = options.canaryPercent;
    if (canaryPercent === undefined && options.stage === undefined && current && target.kind === 'REST') {
      const typed = await vscode.window.showInputBox({
        title: `Canary for ${name} (optional)`, prompt: 'Percentage of traffic for the new deployment; leave empty to switch all traffic',
        validateInput: (v) => (v.trim() === '' || (Number(v) > 0 && Number(v) <= 100) ? undefined : 'A number above 0 and at most 100'),
      });
      if (typed === undefined) return undefined;
      canaryPercent = typed.trim() ? Number(typed) : undefined;
    }
    return { name, exists: Boolean(current), description: description || undefined, variables, canaryPercent };
  }

  private async stageVariables(clients: GatewayClients, target: Target, stage: string): Promise<Record<string, string>> {
    if (target.mode !== 'existing') return {};
    if (target.kind === 'REST') {
      const { GetStageCommand } = await import('@aws-sdk/client-api-gateway');
      return (await clients.v1.send(new GetStageCommand({ restApiId: target.apiId, stageName: stage }))).variables ?? {};
    }
    const { GetStageCommand } = await import('@aws-sdk/client-apigatewayv2');
    return (await clients.v2.send(new GetStageCommand({ ApiId: target.apiId, StageName: stage }))).StageVariables ?? {};
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
