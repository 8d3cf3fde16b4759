import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './languageClient';
import { registerAwsFeatures } from './tree/register';
import { registerEvaluator } from './panels/evaluatorPanel';
import { registerInvokePanel } from './panels/invokePanel';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  registerAwsFeatures(context);
  client = await startLanguageClient(context);
  registerEvaluator(context, client);
  registerInvokePanel(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
