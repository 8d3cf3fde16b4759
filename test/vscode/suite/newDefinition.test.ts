import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from 'yaml';
import { STARTER_KINDS, startersFor, type StarterIntegration, type StarterKind } from '../../../client/src/starters/starterDefinitions';
import { createLanguageService } from '../../../server/src/languageService';
import { extensionUnderTest, serverDiagnostics, waitFor } from './harness';

type Options = { kind?: StarterKind; integration?: StarterIntegration };

function newDefinition(options?: Options): Thenable<vscode.TextDocument | undefined> {
  return vscode.commands.executeCommand<vscode.TextDocument | undefined>('apigateway.newDefinition', options);
}

/** Closes an untitled document without the question whether to save it. */
async function discard(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/**
 * The diagnostics of the document's current text once the server has checked it. An empty list alone could be a
 * check not yet made: a duplicate key is added until the server reports it, then removed, and the list that follows
 * belongs to the original text.
 */
async function settledDiagnostics(editor: vscode.TextEditor): Promise<vscode.Diagnostic[]> {
  const { document } = editor;
  const isDuplicate = (d: vscode.Diagnostic) => d.code === 'duplicate-key' || (typeof d.code === 'object' && d.code.value === 'duplicate-key');
  const end = document.lineAt(document.lineCount - 1).range.end;
  await editor.edit((edit) => edit.insert(end, '\nopenapi: 3.0.1\n'));
  await waitFor('the duplicate key to be reported', () => serverDiagnostics(document.uri).some(isDuplicate));
  await editor.edit((edit) => edit.delete(new vscode.Range(end, document.lineAt(document.lineCount - 1).range.end)));
  return waitFor('the diagnostics of the original text', () => {
    const found = serverDiagnostics(document.uri);
    return found.some(isDuplicate) ? undefined : found;
  });
}

const combinations = STARTER_KINDS.flatMap((kind) => startersFor(kind.id).map((starter) => ({ kind: kind.id, starter })));

describe('New API Definition, in a real VS Code', function () {
  this.timeout(120_000);

  before(async () => {
    await waitFor('the extension to activate', async () => {
      if (!extensionUnderTest().isActive) await extensionUnderTest().activate();
      return extensionUnderTest().isActive;
    });
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers a mock only to REST APIs, and every other integration to both kinds', () => {
    const integrations = (kind: StarterKind) => startersFor(kind).map((s) => s.integration);
    assert.deepEqual(integrations('rest'), ['lambda', 'httpProxy', 'mock', 'awsService']);
    assert.deepEqual(integrations('http'), ['lambda', 'httpProxy', 'awsService']);
  });

  for (const { kind, starter } of combinations) {
    it(`opens a ${kind} API with ${starter.label} as an untitled YAML document without a problem`, async () => {
      const document = await newDefinition({ kind, integration: starter.integration });
      assert.ok(document, 'the command opened no document');
      assert.equal(document.languageId, 'yaml');
      assert.ok(document.isUntitled);
      const text = document.getText();
      const parsed = parseDocument(text);
      assert.deepEqual(parsed.errors.map(String), []);
      assert.equal((parsed.toJS() as { openapi?: string }).openapi, '3.0.1');
      assert.match(text, /^\s*# /m, 'no comment says what to edit');

      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document, document);
      assert.equal(document.getText(editor.selection), starter.placeholder, 'the value to replace first is selected');

      const dialect = kind === 'rest' ? 'rest' : 'http';
      const service = createLanguageService({ log: () => undefined });
      const found = await service.doValidation(TextDocument.create('untitled:starter.yaml', 'yaml', 1, text), { dialect });
      assert.deepEqual(found.map((d) => `${d.code}: ${d.message}`), [], `checked as a ${dialect} API`);

      const diagnostics = await settledDiagnostics(editor);
      assert.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      assert.equal(document.getText(), text);
      await discard(document);
    });
  }

  it('asks for the kind and the integration in quick picks, and opens the first of each', async () => {
    let result: vscode.TextDocument | undefined;
    let done = false;
    void Promise.resolve(newDefinition()).then((document) => {
      result = document;
      done = true;
    });
    // Accepting does nothing until a quick pick is open, so it is repeated until both have been answered.
    await waitFor('both quick picks answered', async () => {
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 200));
      return done;
    });
    assert.ok(result, 'the command opened no document');
    assert.equal(result.languageId, 'yaml');
    assert.ok(result.getText().includes('type: aws_proxy'), result.getText());
    await discard(result);
  });

  it('opens nothing when the first question is dismissed', async () => {
    const before = vscode.workspace.textDocuments.length;
    const pending = Promise.resolve(newDefinition());
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await pending, undefined);
    assert.equal(vscode.workspace.textDocuments.length, before);
  });
});

