import { CodeActionKind, type CodeAction, type CodeActionContext, type Range } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { nodeAtOffset, pathOf } from '../model/navigate';
import type { AnyNode } from '../model/nodes';
import { requestAsksFor } from './codeActionKinds';
import { IGNORE_IN_SETTINGS_COMMAND, type IgnoreRequest } from './ignoreCommand';
import { fileInFolder, jsonPointer } from './ignoredFindings';
import { DIAGNOSTIC_SOURCE } from './validation';
import type { LanguageSettings } from './validationTypes';

/**
 * "Ignore CODE here in workspace settings" for each of the diagnostics, never preferred: silencing is the last resort,
 * after a fix or a comment. Offered only in a file of a workspace folder, whose settings can hold the entry.
 */
export function ignoreActions(document: ApiDocument, context: CodeActionContext, settings?: LanguageSettings) {
  if (!document.root || !requestAsksFor(context.only, CodeActionKind.QuickFix)) return [];
  if (!settings?.ignore?.some((scope) => fileInFolder(scope.folder, document.uri) !== undefined)) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    const at = pointerHolding(document, diagnostic.range);
    const request: IgnoreRequest = { uri: document.uri, at, code: diagnostic.code };
    const title = `Ignore ${diagnostic.code} here in workspace settings`;
    const command = { title, command: IGNORE_IN_SETTINGS_COMMAND, arguments: [request] };
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, command });
  }
  return actions;
}

/**
 * The pointer of the smallest node holding a range, so that the entry silences no more than it must; a key stands for
 * its property. `""`, the whole document, for a range no node holds.
 */
export function pointerHolding(document: ApiDocument, range: Range): string {
  const offset = document.textDocument.offsetAt(range.start);
  const end = Math.max(offset, document.textDocument.offsetAt(range.end));
  let node: AnyNode | undefined = nodeAtOffset(document.root, offset);
  while (node && (node.offset < 0 || node.offset > offset || node.end < end)) node = node.parent;
  return node ? jsonPointer(pathOf(node)) : '';
}
