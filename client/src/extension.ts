import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApiDocuments } from './apiDocuments';
import { startLanguageClient } from './languageClient';
import { registerAwsFeatures } from './tree/register';
import { registerEvaluator } from './panels/evaluatorPanel';
import { registerInvokePanel } from './panels/invokePanel';
import { registerNewDefinition } from './starters/newDefinitionCommand';
import { registerIgnoreInSettings } from './ignoreInSettings';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // First, so the menus know which open documents are API definitions before the language server is up.
  const documents = new ApiDocuments();
  context.subscriptions.push(
    documents,
    // Not in the manifest: tests read what the menus' context key holds.
    vscode.commands.registerCommand('apigateway.notApiDefinitionPaths', () => documents.paths()),
    vscode.commands.registerCommand('apigateway.definitionPartPaths', () => documents.partPaths()),
    vscode.commands.registerCommand('apigateway.definitionsUsingPart', (uri: vscode.Uri) => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      return document ? documents.definitionsUsing(document) : [];
    }),
  );
  registerAwsFeatures(context, documents, () => client);
  registerNewDefinition(context);
  registerIgnoreInSettings(context);
  client = await startLanguageClient(context, (parts) => documents.setParts(parts));
  registerEvaluator(context, client, documents);
  registerInvokePanel(context, client, documents);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
