import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openExample, waitForDiagnostics } from './harness';

/** Each highlight as `line:text` and `=` for a write, `-` for a read. */
function described(document: vscode.TextDocument, highlights: vscode.DocumentHighlight[]): string[] {
  return highlights.map((h) => `${h.range.start.line}:${document.getText(h.range)}${h.kind === vscode.DocumentHighlightKind.Write ? '=' : '-'}`);
}

async function highlightsAt(document: vscode.TextDocument, offset: number): Promise<string[]> {
  const found = await vscode.commands.executeCommand<vscode.DocumentHighlight[] | undefined>('vscode.executeDocumentHighlights', document.uri, document.positionAt(offset));
  return described(document, found ?? []);
}

describe('document highlights, in a real VS Code', () => {
  it('marks a schema and the $refs naming it, and a template variable within its template', async () => {
    const document = await openExample('petstore.yaml');
    await waitForDiagnostics(document.uri);
    const text = document.getText();

    const key = text.indexOf('    Pet:\n');
    const schema = await highlightsAt(document, key + 5);
    assert.ok(schema.includes(`${document.positionAt(key).line}:Pet=`), schema.join(' '));
    assert.equal(schema.filter((h) => h.endsWith('Pet-')).length, text.split("schemas/Pet'").length - 1, schema.join(' '));

    const template = await highlightsAt(document, text.indexOf('#set($pet') + '#set($'.length);
    const setLine = document.positionAt(text.indexOf('#set($pet')).line;
    assert.equal(template[0], `${setLine}:$pet=`);
    // The request template alone: the response template's own #set($pet …) is another variable.
    assert.ok(template.length > 3 && template.slice(1).every((h) => h.endsWith(':$pet-')), template.join(' '));
    assert.ok(template.every((h) => Number(h.split(':')[0]) < setLine + 12), template.join(' '));
  });
});
