import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openExample, waitFor, waitForDiagnostics } from './harness';

async function foldsOf(uri: vscode.Uri): Promise<vscode.FoldingRange[]> {
  return (await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', uri)) ?? [];
}

/** A fold as `first line … last line`, trimmed. */
function described(document: vscode.TextDocument, fold: vscode.FoldingRange): string {
  return `${document.lineAt(fold.start).text.trim()} … ${document.lineAt(fold.end).text.trim()}`;
}

describe('folding, in a real VS Code', () => {
  it('keeps the indentation folds of the example and folds its template loop to the line before #end', async () => {
    const document = await openExample('petstore.yaml');
    await waitForDiagnostics(document.uri);
    const folds = (await foldsOf(document.uri)).map((f) => described(document, f));
    assert.ok(folds.some((f) => f.startsWith('paths: …')), folds.join('\n'));
    assert.ok(folds.some((f) => f.startsWith('x-amazon-apigateway-integration: …')), folds.join('\n'));
    assert.ok(folds.includes('#foreach($tag in $pet.tags) … "$util.escapeJavaScript($tag).replaceAll("\\\\\'","\'")"#if($foreach.hasNext),#end'), folds.join('\n'));
  });

  it('folds the branches of a standalone template that is not indented', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'vtl', content: '#if($input.params("q"))\n"$input.params("q")"\n#else\nnull\n#end\n' });
    await vscode.window.showTextDocument(document);
    // The language client starts on the document's language: the first requests may come before it answers.
    const folds = await waitFor('folds of the standalone template', async () => {
      const found = await foldsOf(document.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(
      folds.map((f) => described(document, f)),
      ['#if($input.params("q")) … "$input.params("q")"', '#else … null'],
    );
  });
});
