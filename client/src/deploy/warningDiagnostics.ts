import * as vscode from 'vscode';
import { locateWarnings } from './importWarnings';

/** Shows the warnings API Gateway returned from an import on the lines they name, until the next deploy. */
export class ImportWarningDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('apigateway-deploy');

  show(document: vscode.TextDocument, warnings: string[]): vscode.Diagnostic[] {
    const diagnostics = locateWarnings(warnings, document.getText()).map((w) => {
      const line = document.lineAt(Math.min(w.line, document.lineCount - 1));
      const range = new vscode.Range(line.lineNumber, line.firstNonWhitespaceCharacterIndex, line.lineNumber, line.text.length);
      const diagnostic = new vscode.Diagnostic(range, `API Gateway import: ${w.message}`, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'apigateway-deploy';
      return diagnostic;
    });
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
