import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type CodeActionContext } from 'vscode-languageserver-types';
import type { LanguageService } from '../languageService';
import { isKindWithin } from './codeActionKinds';
import { fixText } from './fixPasses';
import { changedSpans } from './textChanges';
import type { LanguageSettings } from './validationTypes';

/**
 * "Fix all" in the editor: the passes of preferred fixes `apigw lint --fix` makes, offered as one source action, so
 * that `"editor.codeActionsOnSave": {"source.fixAll.apigateway": "explicit"}` applies them on save.
 */

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.apigateway`;

/**
 * Whether a code action request asks for this kind, or a kind that holds it (`source`, `source.fixAll`). A request
 * without `only` (the light bulb as the cursor moves) does not: the passes re-validate the whole document.
 */
export function asksForFixAll(only: readonly string[] | undefined): boolean {
  return !!only?.some((kind) => isKindWithin(FIX_ALL_KIND, kind));
}

/** What the passes need of the language service: the validation the editor shows, and its quick fixes. */
export type FixingService = Pick<LanguageService, 'doValidation' | 'getCodeActions'>;

/**
 * The "Fix all" action of a document, when the context asks for it and a preferred fix applies: one edit per changed
 * run of lines, so that the cursor and the undo stack stay where the text did not change.
 */
export async function fixAllActions(service: FixingService, document: TextDocument, context: CodeActionContext, settings: LanguageSettings = {}): Promise<CodeAction[]> {
  if (!asksForFixAll(context.only)) return [];
  const original = document.getText();
  const outcome = await fixText(original, {
    // The first check is of the document itself, which the editor's validation has parsed and checked already. Each
    // pass's text is newer than it, so the service re-parses and re-validates it by parts from the one before.
    document: (text, pass) => (pass === 0 ? document : TextDocument.create(document.uri, document.languageId, document.version + pass, text)),
    check: (version) => service.doValidation(version, settings),
    codeActions: (version, diagnostic) => service.getCodeActions(version, diagnostic.range, { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] }, settings),
  });
  if (outcome.fixed === 0 || outcome.text === original) return [];
  const edits = changedSpans(original, outcome.text).map(({ start, end, newText }) => ({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText }));
  return [{ title: `Fix all certain problems (${outcome.fixed})`, kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: edits } } }];
}
