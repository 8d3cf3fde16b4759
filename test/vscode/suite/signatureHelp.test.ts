import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openExample, waitFor, waitForDiagnostics } from './harness';

/** The active signature's label and the text of its active parameter. */
function active(help: vscode.SignatureHelp): { label: string; parameter: string | undefined } {
  const signature = help.signatures[help.activeSignature];
  const parameter = signature.parameters[help.activeParameter];
  const bounds = parameter?.label;
  return { label: signature.label, parameter: Array.isArray(bounds) ? signature.label.slice(bounds[0], bounds[1]) : bounds };
}

async function signatureHelpAt(uri: vscode.Uri, position: vscode.Position, trigger: string): Promise<vscode.SignatureHelp | undefined> {
  return await vscode.commands.executeCommand<vscode.SignatureHelp | undefined>('vscode.executeSignatureHelpProvider', uri, position, trigger);
}

describe('signature help in mapping templates, in a real VS Code', () => {
  it('shows the $util method and the String method called on its result in the example', async () => {
    const document = await openExample('petstore.yaml');
    await waitForDiagnostics(document.uri);
    const text = document.getText();
    const call = '$util.escapeJavaScript(';
    const escape = await signatureHelpAt(document.uri, document.positionAt(text.indexOf(call) + call.length), '(');
    assert.ok(escape, 'signature help for $util.escapeJavaScript');
    assert.deepEqual(active(escape), { label: '$util.escapeJavaScript(String text): String', parameter: 'String text' });
    const documentation = escape.signatures[0].documentation;
    assert.ok(documentation instanceof vscode.MarkdownString);
    assert.match(documentation.value, /\[Documentation\]\(https:\/\/docs\.aws\.amazon\.com\//);

    const secondArgument = '.replaceAll("\\\\\'",';
    const replaceAll = await signatureHelpAt(document.uri, document.positionAt(text.indexOf(secondArgument) + secondArgument.length), ',');
    assert.ok(replaceAll, 'signature help for replaceAll');
    assert.deepEqual(active(replaceAll), { label: 'String.replaceAll(String regex, String replacement): String', parameter: 'String replacement' });
  });

  it('offers the forms of $input.params in a standalone template', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'vtl', content: '#set($name = $input.params())\n' });
    await vscode.window.showTextDocument(document);
    const position = new vscode.Position(0, '#set($name = $input.params('.length);
    // The language client starts on the document's language: the first requests may come before it answers.
    const help = await waitFor('signature help in the standalone template', () => signatureHelpAt(document.uri, position, '('));
    assert.deepEqual(help.signatures.map((s) => s.label), ['$input.params(): Object', '$input.params(String name): Object']);
    assert.deepEqual(active(help), { label: '$input.params(String name): Object', parameter: 'String name' });
  });
});
