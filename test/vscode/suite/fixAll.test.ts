import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './harness';

const DEFINITION = [
  'openapi: 3.0.1',
  'info: { title: t, version: "1" }',
  'x-amazon-apigateway-request-validators:',
  '  all: { validateRequestBody: true }',
  'paths:',
  '  /pets:',
  '    get:',
  '      x-amazon-apigateway-request-validator: Alll',
  '      responses: { "200": { description: ok } }',
  '      x-amazon-apigateway-integration:',
  '        type: mock',
  '        requestTemplates:',
  "          application/json: '{\"statusCode\": 200}'",
  '',
].join('\n');

describe('Fix all, in a real VS Code', () => {
  it('offers the source.fixAll action of an API definition and its edit applies every certain fix', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: DEFINITION });
    await vscode.window.showTextDocument(document);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    // The language client starts on the document's language: the first requests may come before it answers.
    const actions = await waitFor('a Fix all action', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, vscode.CodeActionKind.SourceFixAll.value);
      return found?.find((a) => a.kind?.value === 'source.fixAll.apigateway');
    });
    assert.equal(actions.title, 'Fix all certain problems (1)');
    assert.ok(actions.edit && (await vscode.workspace.applyEdit(actions.edit)));
    const text = document.getText();
    assert.ok(text.includes('x-amazon-apigateway-request-validator: all\n'), text);
  });
});
