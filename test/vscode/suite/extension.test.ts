import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contributes, extensionUnderTest, openExample, waitFor, waitForDiagnostics } from './harness';

describe('API Gateway Studio in a real VS Code', () => {
  it('activates when an OpenAPI YAML document is opened', async () => {
    await openExample('petstore.yaml');
    const extension = extensionUnderTest();
    await waitFor('the extension to activate', () => extension.isActive);
  });

  it('starts the language client, whose server publishes diagnostics for the example', async () => {
    const document = await openExample('petstore.yaml');
    const diagnostics = await waitForDiagnostics(document.uri);
    // The example carries exactly one deliberate mistake: a misspelt request validator name.
    const line = document.getText().split('\n').findIndex((l) => l.includes('params-onyl'));
    assert.deepEqual(
      diagnostics.map((d) => [d.source, String(typeof d.code === 'object' ? d.code.value : d.code), d.severity, d.range.start.line]),
      [['apigateway', 'unknown-request-validator', vscode.DiagnosticSeverity.Error, line]],
    );
    const [finding] = diagnostics;
    assert.equal(document.getText(finding.range), 'params-onyl');
    assert.match(finding.message, /Did you mean "params-only"\?/);
  });

  it('offers the quick fix that corrects the validator name', async () => {
    const document = await openExample('petstore.yaml');
    const [finding] = await waitForDiagnostics(document.uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => /params-only/.test(a.title)), `quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
  });

  it('completes and hovers API Gateway extensions through the editor', async () => {
    const document = await openExample('petstore.yaml');
    const typeLine = document.getText().split('\n').findIndex((l) => l.trim() === 'type: aws_proxy');
    const position = new vscode.Position(typeLine, document.lineAt(typeLine).text.indexOf('aws_proxy') + 2);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /proxy/i);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('mock') && labels.includes('http_proxy'), `completion: ${labels.join(', ')}`);
  });

  it('finds the uses of a schema and renames it with all of them', async () => {
    const document = await openExample('petstore.yaml');
    await waitForDiagnostics(document.uri);
    const lines = document.getText().split('\n');
    const line = lines.findIndex((l) => /^ {4}Pet:/.test(l));
    const position = new vscode.Position(line, 5);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position);
    const uses = lines.filter((l) => l.includes("'#/components/schemas/Pet'")).length;
    assert.equal(references.length, uses + 1);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, position, 'Animal');
    const edits = edit.get(document.uri);
    assert.equal(edits.length, uses + 1);
    assert.ok(edits.every((e) => e.newText === 'Animal' && document.getText(e.range) === 'Pet'));
  });

  it('finds operations of every API in the workspace with Go to Symbol in Workspace', async () => {
    await openExample('petstore.yaml');
    await waitFor('the extension to activate', () => extensionUnderTest().isActive);
    // The HTTP API example is not open: its operations come from disk.
    const symbols = await waitFor('workspace symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'listOrders');
      return found.length ? found : undefined;
    });
    const match = symbols.find((s) => s.name.includes('(listOrders)'));
    assert.ok(match, symbols.map((s) => s.name).join(', '));
    assert.match(match.location.uri.path, /orders-http-api\.json$/);
  });

  it('registers every command the manifest contributes', async function () {
    await waitFor('the extension to activate', () => extensionUnderTest().isActive);
    const declared = ((contributes().commands ?? []) as { command: string }[]).map((c) => c.command);
    // Reported as pending rather than passed: with no declared command there is nothing to check.
    if (declared.length === 0) this.skip();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `commands declared in package.json but not registered: ${missing.join(', ')}`);
  });
});
