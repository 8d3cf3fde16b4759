import * as vscode from 'vscode';
import { explainAwsError, type Remedy } from '../aws/errors';
import { invokeUrlChoices, type ApiKind } from '../aws/invokeUrl';
import { listCustomDomainMappings, listDeployments, listV2Deployments } from '../aws/listing';
import { exportDefinition } from '../deploy/exportDefinition';
import { forgetApi } from '../deploy/links';
import { deleteApi, rollbackStage, stageNames } from '../deploy/stageActions';
import type { ApiTreeProvider } from './apiTreeProvider';
import type { AwsSession } from './awsSession';
import { formatDate, REMEDY_COMMANDS, type TreeNode } from './nodes';

/** What the node-bound commands need; a tree node carries it, and automation may pass it directly. */
export interface ApiTarget {
  kind: ApiKind;
  apiId: string;
  name?: string;
  stage?: string;
  deploymentId?: string;
  url?: string;
  apiEndpoint?: string;
}

export function targetOf(arg: TreeNode | ApiTarget | undefined): ApiTarget | undefined {
  if (!arg) return undefined;
  if ('api' in arg && arg.api) {
    const node = arg as TreeNode;
    return { kind: node.api!.kind, apiId: node.api!.apiId, name: node.api!.name, stage: node.stage, deploymentId: node.deploymentId, url: node.url, apiEndpoint: node.api!.apiEndpoint };
  }
  if ('kind' in arg && 'apiId' in arg) return arg as ApiTarget;
  return undefined;
}

export class TreeCommands {
  constructor(private readonly session: AwsSession, private readonly tree: ApiTreeProvider) {}

  /** Reports a failure with the explanation and its remedies as buttons. */
  async reportError(action: string, error: unknown): Promise<void> {
    const clients = await this.session.getClients().catch(() => undefined);
    const explained = explainAwsError(error, clients?.connection ?? { region: '?' });
    this.session.log(`${action} failed: ${explained.code}: ${explained.message}`);
    const buttons = explained.remedies.map((r: Remedy) => REMEDY_COMMANDS[r]);
    const picked = await vscode.window.showErrorMessage(`${action} failed. ${explained.message}`, ...buttons.map((b) => b.title));
    const chosen = buttons.find((b) => b.title === picked);
    if (chosen) await vscode.commands.executeCommand(chosen.id, ...(chosen.args ?? []));
  }

  async openDefinition(arg: TreeNode | ApiTarget | undefined): Promise<vscode.TextDocument | undefined> {
    const target = targetOf(arg);
    if (!target) return undefined;
    try {
      const clients = await this.session.getClients();
      const exported = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Exporting ${target.name ?? target.apiId}…` },
        () => exportDefinition(clients, target.kind, target.apiId, target.stage),
      );
      if (!exported) {
        void vscode.window.showWarningMessage(target.kind === 'WEBSOCKET'
          ? 'API Gateway cannot export WebSocket APIs as OpenAPI.'
          : `REST API ${target.name ?? target.apiId} has no stage yet, and API Gateway exports a stage's deployment. Deploy it to a stage first.`);
        return undefined;
      }
      const header = `# ${target.kind} API ${target.name ?? ''} (${target.apiId})${exported.stage ? `, stage ${exported.stage}` : ''}, exported ${new Date().toISOString()}\n`;
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: header + exported.yaml });
      await vscode.window.showTextDocument(document, { preview: false });
      return document;
    } catch (error) {
      await this.reportError('Opening the definition', error);
      return undefined;
    }
  }

  /**
   * Copies a URL. A URL row copies its own; a stage or API offers each stage's default endpoint and every custom
   * domain mapped to it, and copies at once when there is only one.
   */
  async copyInvokeUrl(arg: TreeNode | ApiTarget | undefined): Promise<string | undefined> {
    const node = arg && 'contextValue' in arg ? (arg as TreeNode) : undefined;
    const target = targetOf(arg);
    let url = node?.kind === 'invokeUrl' ? node.url : target ? undefined : arg?.url;
    try {
      if (!url && target) {
        const clients = await this.session.getClients();
        const [stages, mappings] = await Promise.all([
          target.stage ? Promise.resolve([target.stage]) : stageNames(clients, target.kind, target.apiId).then((all) => all.map((s) => s.name)),
          // Custom domains only add choices; the default URLs are still worth offering without them.
          listCustomDomainMappings(clients).catch((error: unknown) => {
            this.session.log(`listing custom domains failed: ${(error as Error).message}`);
            return [];
          }),
        ]);
        const choices = invokeUrlChoices(clients.connection, { kind: target.kind, apiId: target.apiId, apiEndpoint: target.apiEndpoint }, stages, mappings);
        if (!choices.length) {
          void vscode.window.showWarningMessage(`${target.name ?? target.apiId} has no stage to invoke yet.`);
          return undefined;
        }
        url = choices.length === 1 ? choices[0].url : (await vscode.window.showQuickPick(
          choices.map((c) => ({ label: c.url, description: c.domainName ? `custom domain → stage ${c.stage}` : `stage ${c.stage}, default endpoint` })),
          { title: `Copy Invoke URL of ${target.name ?? target.apiId}`, placeHolder: 'Choose the stage URL or custom domain to copy' },
        ))?.label;
      }
      if (!url) return undefined;
      await vscode.env.clipboard.writeText(url);
      vscode.window.setStatusBarMessage(`Copied ${url}`, 4000);
      return url;
    } catch (error) {
      await this.reportError('Listing the invoke URLs', error);
      return undefined;
    }
  }

  /** Each stage of an API with its default invoke URL, for the invoke panel opened on a method of the tree. */
  async stageUrls(target: ApiTarget): Promise<{ stage: string; url: string }[]> {
    const clients = await this.session.getClients();
    const stages = await stageNames(clients, target.kind, target.apiId);
    const choices = invokeUrlChoices(clients.connection, { kind: target.kind, apiId: target.apiId, apiEndpoint: target.apiEndpoint }, stages.map((s) => s.name), []);
    return choices.map(({ stage, url }) => ({ stage, url }));
  }

  /** Deletes an API after the user types its name; `confirmName` lets automation give the same answer. */
  async deleteApi(arg: (TreeNode | ApiTarget) & { confirmName?: string } | undefined): Promise<boolean> {
    const target = targetOf(arg);
    if (!target) return false;
    const name = target.name ?? target.apiId;
    const typed = arg?.confirmName ?? await vscode.window.showInputBox({
      title: `Delete ${target.kind} API ${name} (${target.apiId})`,
      prompt: `This deletes the API, all its stages and deployments. Type "${name}" to confirm.`,
      validateInput: (value) => (value === name ? undefined : `Type "${name}" exactly`),
    });
    if (typed !== name) return false;
    try {
      const clients = await this.session.getClients();
      await deleteApi(clients, target.kind, target.apiId);
      for (const folder of vscode.workspace.workspaceFolders ?? []) await forgetApi(folder.uri.fsPath, target.apiId, clients.connection).catch(() => undefined);
      this.session.log(`deleted ${target.kind} API ${name} (${target.apiId})`);
      this.tree.refresh();
      vscode.window.setStatusBarMessage(`Deleted ${target.kind} API ${name} (${target.apiId})`, 5000);
      return true;
    } catch (error) {
      await this.reportError(`Deleting ${name}`, error);
      return false;
    }
  }

  /**
   * Points a stage at an earlier deployment. From a deployment row the target is known; from a stage row the user
   * picks one. `confirmed` skips the question for automation.
   */
  async rollbackStage(arg: (TreeNode | ApiTarget) & { confirmed?: boolean } | undefined): Promise<boolean> {
    const target = targetOf(arg);
    if (!target?.stage) return false;
    const stage = target.stage;
    try {
      const clients = await this.session.getClients();
      const node = arg && 'contextValue' in arg ? (arg as TreeNode) : undefined;
      // A stage row names the deployment it serves, not the one to go back to: that one is picked.
      let deploymentId = node?.kind === 'stage' ? undefined : target.deploymentId;
      let label = deploymentId;
      if (!deploymentId) {
        const current = node?.kind === 'stage' ? node.deploymentId : undefined;
        const deployments = target.kind === 'REST'
          ? (await listDeployments(clients, target.apiId)).map((d) => ({ id: d.id ?? '', date: d.createdDate, description: d.description }))
          : (await listV2Deployments(clients, target.apiId)).map((d) => ({ id: d.DeploymentId ?? '', date: d.CreatedDate, description: d.Description }));
        const earlier = deployments.filter((d) => d.id !== current);
        // An empty pick would leave the user wondering what went wrong.
        if (!earlier.length) {
          void vscode.window.showInformationMessage(`Stage ${stage} of ${target.name ?? target.apiId} has no other deployment to roll back to. Deploy the API again to create one.`);
          return false;
        }
        const picked = await vscode.window.showQuickPick(
          earlier.map((d) => ({ label: formatDate(d.date) || d.id, description: d.id, detail: d.description, id: d.id })),
          {
            title: `Roll Back Stage ${stage} of ${target.name ?? target.apiId}`,
            placeHolder: current ? `The stage serves deployment ${current} now; choose the deployment to serve instead` : 'Choose the deployment the stage should serve',
          },
        );
        if (!picked) return false;
        deploymentId = picked.id;
        label = `${picked.label} (${picked.id})`;
      }
      if (!arg?.confirmed) {
        const answer = await vscode.window.showWarningMessage(
          `Roll stage "${stage}" of ${target.name ?? target.apiId} back to deployment ${label}?`,
          { modal: true, detail: 'The stage will serve that deployment at once, and a canary of the stage is removed. The current deployment is kept and you can roll forward to it the same way.' },
          'Roll Back',
        );
        if (answer !== 'Roll Back') return false;
      }
      const canaryNote = await rollbackStage(clients, target.kind, target.apiId, stage, deploymentId!);
      this.session.log(`stage ${stage} of ${target.apiId} now serves deployment ${deploymentId}${canaryNote ? `; ${canaryNote}` : ''}`);
      this.tree.refresh();
      void vscode.window.showInformationMessage(`Stage ${stage} now serves deployment ${deploymentId}.${canaryNote ? ` ${canaryNote}` : ''}`);
      return true;
    } catch (error) {
      await this.reportError(`Rolling back stage ${stage}`, error);
      return false;
    }
  }

  async ssoLogin(): Promise<void> {
    const clients = await this.session.getClients().catch(() => undefined);
    const profile = clients?.connection.profile;
    const terminal = vscode.window.createTerminal({ name: 'AWS SSO login' });
    terminal.show();
    terminal.sendText(profile ? `aws sso login --profile ${profile.replace(/[^\w.@+-]/g, '')}` : 'aws sso login');
    const answer = await vscode.window.showInformationMessage('Finish the sign-in in the terminal and browser, then refresh.', 'Refresh');
    if (answer === 'Refresh') {
      this.session.reset();
      this.tree.refresh();
    }
  }
}
