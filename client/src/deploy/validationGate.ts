import * as vscode from 'vscode';
import { counted } from '../sentences';

export const DIAGNOSTIC_SOURCE = 'apigateway';

/**
 * The language server's diagnostics for a document, after giving it a moment to publish fresh ones: it answers
 * each change, so an edit just before deploying would otherwise be judged by the previous text.
 */
export async function freshDiagnostics(uri: vscode.Uri, waitMs = 1500): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, waitMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) done();
    });
    function done() {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
  return ours();
}

/** Errors block the deploy; warnings are asked about once. Returns false to stop. */
export async function passesValidation(document: vscode.TextDocument, acceptWarnings: boolean | undefined): Promise<boolean> {
  const diagnostics = await freshDiagnostics(document.uri);
  const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning);
  const line = (d: vscode.Diagnostic) => `line ${d.range.start.line + 1}: ${d.message}`;
  if (errors.length) {
    // A notification shows no `detail`, so the first error goes into the message itself.
    const [first] = errors;
    const more = errors.length > 1 ? ` (and ${counted(errors.length - 1, 'more error')})` : '';
    void vscode.window.showErrorMessage(
      `Not deployed: ${counted(errors.length, 'error')} in ${vscode.workspace.asRelativePath(document.uri)}. Line ${first.range.start.line + 1}: ${first.message}${more}`,
      'Show Problems',
    ).then((answer) => {
      if (answer === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return false;
  }
  if (warnings.length && !acceptWarnings) {
    const answer = await vscode.window.showWarningMessage(
      `${counted(warnings.length, 'warning')} in ${vscode.workspace.asRelativePath(document.uri)}. Deploy anyway?`,
      { modal: true, detail: warnings.slice(0, 8).map(line).join('\n') },
      'Deploy Anyway',
    );
    return answer === 'Deploy Anyway';
  }
  return true;
}
