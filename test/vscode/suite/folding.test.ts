import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openExample, serverDiagnostics, waitFor, waitForDiagnostics } from './harness';

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

  it('leaves a definition over the size limit to its own indentation folding', async () => {
    const settings = vscode.workspace.getConfiguration('apigateway.validation');
    await settings.update('maxFileSizeMB', 1, vscode.ConfigurationTarget.Global);
    try {
      // Over 1 MB, the least limit the setting takes: 10,000 path items.
      const items = Array.from({ length: 10000 }, (_, i) => `  /r${i}:\n    get:\n      responses:\n        "200":\n          description: OK of the operation r${i}, long enough\n`);
      const content = `openapi: 3.0.1\ninfo:\n  title: big\n  version: "1"\npaths:\n${items.join('')}components: {}\n`;
      const components = content.split('\n').indexOf('components: {}');
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
      const editor = await vscode.window.showTextDocument(document);
      const code = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
      await waitFor('the server to take the document for one over the limit', () => serverDiagnostics(document.uri).some((d) => code(d) === 'too-large-to-validate') || undefined);
      // An edit once the server knows, after which the editor asks for the folds again: the server gives none.
      await editor.edit((edit) => edit.insert(new vscode.Position(document.lineCount - 1, 0), '# over the limit\n'));
      // The editor's own folding by indentation still folds `paths:` over its block.
      await waitFor('the editor to fold paths: by indentation', async () => {
        await vscode.commands.executeCommand('editor.fold', { selectionLines: [4], levels: 1 });
        return editor.visibleRanges.some((range) => range.contains(new vscode.Position(components, 0))) || undefined;
      });
      assert.ok(editor.visibleRanges.every((range) => !range.contains(new vscode.Position(5, 0))));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      await settings.update('maxFileSizeMB', undefined, vscode.ConfigurationTarget.Global);
    }
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
