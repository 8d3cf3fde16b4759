import * as vscode from 'vscode';
import { STARTER_KINDS, startersFor, type StarterIntegration, type StarterKind } from './starterDefinitions';
import { starterYaml } from './starterYaml';

/** Answers to the command's questions; each one given skips its quick pick, so tests and walkthroughs can run it unattended. */
export interface NewDefinitionOptions {
  kind?: StarterKind;
  integration?: StarterIntegration;
}

const TITLE = 'New API Definition';

async function pick<T>(step: number, placeHolder: string, items: (vscode.QuickPickItem & { value: T })[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE} (${step}/2)`, placeHolder });
  return picked?.value;
}

/** Opens an untitled YAML document holding a small definition of the chosen kind and integration; undefined when cancelled. */
export async function newDefinition(options: NewDefinitionOptions = {}): Promise<vscode.TextDocument | undefined> {
  const kind = options.kind ?? await pick(1, 'Which kind of API?', STARTER_KINDS.map((k) => ({ label: k.label, detail: k.detail, value: k.id })));
  if (!kind) return undefined;
  const starters = startersFor(kind);
  const integration = options.integration ?? await pick(2, 'Which integration does its first operation use?', starters.map((s) => ({ label: s.label, detail: s.detail, value: s.integration })));
  const starter = starters.find((s) => s.integration === integration);
  if (!starter) return undefined;

  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: starterYaml(starter) });
  const start = document.getText().indexOf(starter.placeholder);
  // Given to showTextDocument rather than set afterwards, the selection is revealed once the editor has its size.
  const selection = start >= 0 ? new vscode.Range(document.positionAt(start), document.positionAt(start + starter.placeholder.length)) : undefined;
  await vscode.window.showTextDocument(document, { selection });
  return document;
}

export function registerNewDefinition(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('apigateway.newDefinition', (options?: NewDefinitionOptions) => newDefinition(options)),
  );
}
