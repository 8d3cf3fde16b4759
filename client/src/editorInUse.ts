import * as vscode from 'vscode';

/**
 * The editor a command acts on: the active one, else a visible one holding a document it can act on. A command run
 * from a webview or the walkthrough (its buttons take the focus) finds no active text editor, though the definition
 * the user means stands open beside it.
 */
export function editorInUse(accepts: (document: vscode.TextDocument) => boolean): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active) return active;
  return vscode.window.visibleTextEditors.find((editor) => accepts(editor.document));
}
