import * as vscode from 'vscode';
import type { ImportBody } from './definitionToImport';
import { errorsMessage, warningsQuestion, type FileFindings } from './validationVerdict';

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

/**
 * Errors block the deploy; warnings are asked about once. `parts` are the other files the definition is made of
 * (path items, schemas its `$ref`s name), with what this definition finds in them: what is wrong there is deployed
 * as surely as what is wrong in the definition. What another definition using the same file finds there is not this
 * deploy's concern, though the editor shows it on that file. Returns false to stop.
 */
export async function passesValidation(document: vscode.TextDocument, acceptWarnings: boolean | undefined, parts: ImportBody['findings'] = []): Promise<boolean> {
  const diagnostics = await freshDiagnostics(document.uri);
  const finding = (d: vscode.Diagnostic) => ({ line: d.range.start.line, message: d.message });
  const files: FileFindings[] = [
    {
      name: vscode.workspace.asRelativePath(document.uri),
      errors: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(finding),
      warnings: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).map(finding),
    },
    ...parts.map(({ uri, findings }) => ({
      name: vscode.workspace.asRelativePath(uri),
      errors: findings.filter((f) => f.severity === 'error'),
      warnings: findings.filter((f) => f.severity === 'warning'),
    })),
  ];
  const refusal = errorsMessage(files);
  if (refusal) {
    void vscode.window.showErrorMessage(refusal, 'Show Problems').then((answer) => {
      if (answer === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return false;
  }
  const question = warningsQuestion(files);
  if (question && !acceptWarnings) {
    const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, 'Deploy Anyway');
    return answer === 'Deploy Anyway';
  }
  return true;
}
