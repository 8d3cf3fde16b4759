// What the real-VS-Code tests share: the extension under test, its example files, and waiting for asynchronous
// effects (activation, language-server diagnostics) without fixed sleeps.
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'apigw-tools.apigateway-studio';
export const DIAGNOSTIC_SOURCE = 'apigateway';

export function extensionUnderTest(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension;
}

/** The manifest's `contributes` section, as VS Code read it. */
export function contributes(): Record<string, unknown> {
  return (extensionUnderTest().packageJSON as { contributes?: Record<string, unknown> }).contributes ?? {};
}

export interface SettingSchema {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  enumDescriptions?: string[];
  description?: string;
  markdownDescription?: string;
  scope?: string;
  order?: number;
}

/** Every setting the manifest contributes, whether `configuration` is one category or a list of them. */
export function settingsSchema(): Record<string, SettingSchema> {
  const configuration = contributes().configuration as { properties?: Record<string, SettingSchema> } | { properties?: Record<string, SettingSchema> }[] | undefined;
  const categories = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  return Object.assign({}, ...categories.map((c) => c.properties ?? {}));
}

export function exampleUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(extensionUnderTest().extensionPath, 'examples', name));
}

/** Opens a file from examples/ in an editor and returns its document. */
export async function openExample(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(exampleUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * Polls `probe` every 250 ms until it returns something other than undefined/false, or fails after `timeoutMs`
 * with `what` in the message.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Diagnostics the language server published for `uri`. */
export function serverDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** Waits until the language server has published at least one diagnostic for `uri`. */
export function waitForDiagnostics(uri: vscode.Uri, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `diagnostics with source "${DIAGNOSTIC_SOURCE}" on ${path.basename(uri.fsPath)}`,
    () => {
      const found = serverDiagnostics(uri);
      return found.length > 0 ? found : undefined;
    },
    timeoutMs,
  );
}

/**
 * Every send of the invoke panel is recorded in the examples folder's `.apigateway/history.json`: a suite that sends
 * puts it back as it was afterwards. Returns what puts it back.
 */
export function keepInvokeHistory(): () => void {
  const stateDir = path.join(path.dirname(exampleUri('petstore.yaml').fsPath), '.apigateway');
  const file = path.join(stateDir, 'history.json');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  return () => {
    if (before !== undefined) return writeFileSync(file, before);
    rmSync(file, { force: true });
    if (existsSync(stateDir) && readdirSync(stateDir).length === 0) rmdirSync(stateDir);
  };
}
