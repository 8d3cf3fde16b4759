import * as path from 'node:path';
import * as vscode from 'vscode';
import { IGNORE_IN_SETTINGS_COMMAND, type IgnoreRequest } from '../../server/src/services/ignoreCommand';
import type { IgnoreEntry } from '../../server/src/services/validationTypes';

/**
 * The quick fix "Ignore CODE here in workspace settings": the server names the finding's node, and the entry goes to
 * `apigateway.validation.ignore` of the folder holding the file. In a multi-root workspace that is the folder's own
 * settings, which name files from it; with one folder, the workspace's, which are that folder's.
 */
export async function ignoreInSettings(request: IgnoreRequest): Promise<boolean> {
  const uri = vscode.Uri.parse(request.uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) {
    const name = path.posix.basename(uri.path);
    void vscode.window.showWarningMessage(`${name} is in no workspace folder, whose settings could name it.`);
    return false;
  }
  const file = path.posix.relative(folder.uri.path, uri.path);
  const { Workspace, WorkspaceFolder } = vscode.ConfigurationTarget;
  const target = vscode.workspace.workspaceFile ? WorkspaceFolder : Workspace;
  const configuration = vscode.workspace.getConfiguration('apigateway.validation', folder.uri);
  const inspected = configuration.inspect<unknown>('ignore');
  const written = target === WorkspaceFolder ? inspected?.workspaceFolderValue : inspected?.workspaceValue;
  const entries = withEntry(Array.isArray(written) ? written : [], file, request.at, request.code);
  await configuration.update('ignore', entries, target);
  return true;
}

/**
 * The entries with the code added: to the entry for the same file and node when there is one, so that ignoring a
 * second finding there does not add a second entry; as it was when that entry already silences it.
 */
export function withEntry(entries: readonly unknown[], file: string, at: string, code: string): unknown[] {
  const index = entries.findIndex((e) => isEntry(e) && e.file === file && e.at === at);
  if (index < 0) return [...entries, { file, at, codes: [code] }];
  const entry = entries[index] as IgnoreEntry;
  if (!entry.codes || entry.codes.includes(code)) return [...entries];
  return entries.map((e, i) => (i === index ? { ...entry, codes: [...entry.codes!, code] } : e));
}

function isEntry(value: unknown): value is IgnoreEntry {
  const entry = value as Partial<IgnoreEntry> | null;
  return typeof entry === 'object' && entry !== null && typeof entry.file === 'string' && typeof entry.at === 'string';
}

export function registerIgnoreInSettings(context: vscode.ExtensionContext): void {
  const run = (request: IgnoreRequest) => ignoreInSettings(request);
  context.subscriptions.push(vscode.commands.registerCommand(IGNORE_IN_SETTINGS_COMMAND, run));
}
