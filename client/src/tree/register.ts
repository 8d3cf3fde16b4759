import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ApiDocuments } from '../apiDocuments';
import { describeConnection } from '../aws/connection';
import { DeployCommand, type DeployCommandOptions } from '../deploy/deployCommand';
import { ImportWarningDiagnostics } from '../deploy/warningDiagnostics';
import { ApiTreeProvider } from './apiTreeProvider';
import { AwsSession } from './awsSession';
import { chooseProfile, chooseRegion, createConnectionStatus } from './connectionStatus';
import type { TreeNode } from './nodes';
import { TreeCommands, type ApiTarget } from './treeCommands';
import { ApiTreeModel } from './treeModel';

export const VIEW_ID = 'apigateway.apis';

/** What `apigateway.aws.treeModel` hands to tests and automation: the tree as data, without the UI. */
export interface AwsTreeAccess {
  model: ApiTreeModel;
  refresh(): void;
}

/**
 * The API Gateway view, its connection status and pickers, deploy and the node actions. Registered before the language
 * server starts, so deploy asks for it when it runs.
 */
export function registerAwsFeatures(context: vscode.ExtensionContext, documents: ApiDocuments, languageClient: () => LanguageClient | undefined): void {
  const session = new AwsSession();
  const model = new ApiTreeModel(() => session.getClients());
  const provider = new ApiTreeProvider(model);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const commands = new TreeCommands(session, provider);
  const warnings = new ImportWarningDiagnostics();
  const deployer = new DeployCommand(session, warnings, commands, () => provider.refresh(), languageClient);

  const describeView = () => {
    session.getClients().then((c) => (view.description = describeConnection(c.connection)), () => (view.description = 'not connected'));
  };
  describeView();

  const refreshAll = () => {
    session.reset();
    provider.refresh();
  };
  context.subscriptions.push(
    session,
    view,
    warnings,
    createConnectionStatus(session, {
      relevant: () => view.visible || vscode.window.visibleTextEditors.some((editor) => editor.document.languageId === 'vtl' || documents.isApiDefinition(editor.document)),
      changes: [view.onDidChangeVisibility, vscode.window.onDidChangeVisibleTextEditors, documents.onDidChange],
    }),
    session.onDidChange(() => {
      provider.refresh();
      describeView();
    }),
    vscode.commands.registerCommand('apigateway.aws.refresh', refreshAll),
    vscode.commands.registerCommand('apigateway.aws.refreshNode', (node?: TreeNode) => provider.refresh(node)),
    vscode.commands.registerCommand('apigateway.aws.chooseProfile', chooseProfile),
    vscode.commands.registerCommand('apigateway.aws.chooseRegion', chooseRegion),
    vscode.commands.registerCommand('apigateway.aws.ssoLogin', () => commands.ssoLogin()),
    vscode.commands.registerCommand('apigateway.aws.deploy', (options?: DeployCommandOptions | vscode.Uri) =>
      deployer.run(options instanceof vscode.Uri ? { uri: options } : options)),
    vscode.commands.registerCommand('apigateway.aws.openDefinition', (arg?: TreeNode | ApiTarget) => commands.openDefinition(arg)),
    vscode.commands.registerCommand('apigateway.aws.copyInvokeUrl', (arg?: TreeNode | ApiTarget) => commands.copyInvokeUrl(arg)),
    vscode.commands.registerCommand('apigateway.aws.deleteApi', (arg?: TreeNode | ApiTarget) => commands.deleteApi(arg)),
    vscode.commands.registerCommand('apigateway.aws.rollbackStage', (arg?: TreeNode | ApiTarget) => commands.rollbackStage(arg)),
    vscode.commands.registerCommand('apigateway.aws.showLog', () => session.output.show()),
    // Not in the manifest: the invoke panel asks it for the stage URL of an API opened from the tree.
    vscode.commands.registerCommand('apigateway.aws.stageUrls', (target: ApiTarget) => commands.stageUrls(target)),
    vscode.commands.registerCommand('apigateway.aws.treeModel', (): AwsTreeAccess => ({ model, refresh: () => provider.refresh() })),
  );
}
