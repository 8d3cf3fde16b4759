import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exampleUri, keepInvokeHistory, openExample, serverDiagnostics, waitFor } from './harness';

interface Outcome {
  status?: number;
  body?: string;
  error?: string;
}

interface EvaluatorShown {
  title: string;
  output?: string;
  problem?: string;
}

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

/**
 * Runs a command that asks which definition to run a file in, choosing the quick pick's entry at `index` once it has
 * opened; resolves with what the command hands back.
 */
async function runChoosing<T>(index: number, command: string, ...args: unknown[]): Promise<T | undefined> {
  let result: T | undefined;
  let done = false;
  void Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).then((answer) => {
    result = answer;
    done = true;
  });
  // The pick opens at once; the entry is chosen once it has.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await waitFor('the definition chosen', async () => {
    if (!done) {
      for (let i = 0; i < index; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    return done;
  });
  return result;
}

/** Waits for an evaluator panel on `GET <path>` whose output has `text`; fails saying what the panels show. */
async function evaluatorShowing(path: string, text: string): Promise<EvaluatorShown> {
  let shown: EvaluatorShown[] = [];
  try {
    return await waitFor(`an evaluator on GET ${path} showing ${text}`, async () => {
      shown = (await vscode.commands.executeCommand<EvaluatorShown[]>('apigateway.evaluatorOutputs')) ?? [];
      return shown.find((panel) => panel.title.startsWith(`Evaluate: GET ${path} ›`) && panel.output?.includes(text));
    }, 20_000);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the evaluators show ${JSON.stringify(shown)}`);
  }
}

/** The command of the Evaluate lens above a template on `line` of a document. */
async function evaluateLensAt(document: vscode.TextDocument, line: number): Promise<vscode.Command> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? [];
  const lens = lenses.find((l) => l.command?.command === 'apigateway.evaluateTemplate' && l.range.start.line === line);
  assert.ok(lens?.command, lenses.map((l) => `${l.range.start.line} ${l.command?.title}`).join(', '));
  return lens.command;
}

/** Closes the evaluator panels, so that the next evaluation opens one of its own rather than revealing an old one. */
async function closeEvaluators(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.startsWith('Evaluate:'));
  await vscode.window.tabGroups.close(tabs);
}

describe('a definition split over several files, in a real VS Code', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('shows what the definition finds in a path item file where it stands, and hovers its extensions', async () => {
    const part = await openExample('split-api/paths/items.yaml');
    const editor = vscode.window.activeTextEditor!;
    const line = part.getText().split('\n').findIndex((l) => l.includes('x-amazon-apigateway-request-validator: all'));
    const at = part.lineAt(line).text.indexOf('all');
    // Opened alone: the workspace definition that references it checks it.
    await editor.edit((edit) => edit.replace(new vscode.Range(line, at, line, at + 3), 'al'));
    const finding = await waitFor('the misspelt validator in the path item file', () => serverDiagnostics(part.uri).find((d) => code(d) === 'unknown-request-validator'));
    assert.equal(finding.range.start.line, line);
    assert.match(finding.message, /Did you mean "all"\?/);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', part.uri, new vscode.Position(line, 5));
    const text = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /request validator/i);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', part.uri, new vscode.Position(line, at + 2));
    assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'all'), list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(', '));
    await editor.edit((edit) => edit.replace(new vscode.Range(line, at, line, at + 2), 'all'));
    await waitFor('the finding to go once corrected', () => !serverDiagnostics(part.uri).some((d) => code(d) === 'unknown-request-validator'));
  });

  it('renames the validator in the definition and in every path item file, and outlines their operations', async () => {
    const part = await openExample('split-api/paths/items.yaml');
    const line = part.getText().split('\n').findIndex((l) => l.includes('x-amazon-apigateway-request-validator: all'));
    const at = new vscode.Position(line, part.lineAt(line).text.indexOf('all') + 1);
    const edit = await waitFor('a rename from the path item file', async () => {
      const found = await vscode.commands.executeCommand<vscode.WorkspaceEdit | undefined>('vscode.executeDocumentRenameProvider', part.uri, at, 'checked');
      return found && found.size > 0 ? found : undefined;
    });
    const files = edit.entries().map(([uri, edits]) => `${uri.path.split('/split-api/')[1]} ${edits.map((e) => e.newText).join(',')}`).sort();
    assert.ok(files.includes('api.yaml checked'), files.join('; '));
    assert.ok(files.some((f) => f.startsWith('paths/items.yaml checked')), files.join('; '));
    const api = await openExample('split-api/api.yaml');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', api.uri);
    const items = symbols.find((s) => s.name === '/items');
    assert.ok(items && items.children.length > 0, JSON.stringify(symbols.map((s) => [s.name, s.children.map((c) => c.name)])));
    assert.equal(items.detail, 'paths/items.yaml');
  });

  it('offers invoke and the evaluator in a path item file, and invokes the operation at the cursor in its definition', async () => {
    const restoreHistory = keepInvokeHistory();
    try {
      const part = await openExample('split-api/paths/items.yaml');
      const editor = vscode.window.activeTextEditor!;
      const line = part.getText().split('\n').indexOf('  operationId: listItems');
      editor.selection = new vscode.Selection(line, 4, line, 4);
      // The menus' key: the server names the file a part once the definition using it has been checked.
      await waitFor('the file to be known as part of a definition', async () => ((await vscode.commands.executeCommand<string[]>('apigateway.definitionPartPaths')) ?? []).includes(part.uri.fsPath));
      const outcome = await vscode.commands.executeCommand<Outcome>('apigateway.invoke.open', { send: true });
      assert.equal(outcome?.error, undefined, outcome?.error);
      assert.equal(outcome?.status, 200);
      assert.deepEqual((JSON.parse(outcome?.body ?? '[]') as { name: string }[]).map((item) => item.name), ['lamp', 'desk']);
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
      assert.ok(tabs.includes('Invoke: GET /items'), tabs.join(', '));
      // Used by one definition, the file's templates are evaluated there without a question.
      const responseLine = part.getText().split('\n').findIndex((l) => l.includes('{"id": "1", "name": "lamp"}')) - 2;
      const lens = await evaluateLensAt(part, responseLine);
      await vscode.commands.executeCommand(lens.command, ...(lens.arguments ?? []));
      await evaluatorShowing('/items', 'lamp');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      restoreHistory();
    }
  });

  it("asks which definition a lens in a file two definitions use runs in, and invokes the operation at that definition's path", async () => {
    const restoreHistory = keepInvokeHistory();
    // A second API mounting the same path item file elsewhere.
    const second = path.join(path.dirname(exampleUri('split-api/api.yaml').fsPath), 'api-v2.yaml');
    writeFileSync(second, "openapi: 3.0.1\ninfo: { title: Split Store v2, version: '2' }\npaths:\n  /v2/items:\n    $ref: 'paths/items.yaml'\n");
    try {
      await openExample('split-api/api.yaml');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(second));
      const part = await openExample('split-api/paths/items.yaml');
      let definitions: string[] = [];
      await waitFor('the file to be known as part of both definitions', async () => {
        definitions = (await vscode.commands.executeCommand<string[]>('apigateway.definitionsUsingPart', part.uri)) ?? [];
        return definitions.length === 2;
      });

      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', part.uri)) ?? [];
      const invoke = lenses.find((lens) => lens.command?.title.includes('Invoke GET'));
      assert.ok(invoke?.command, lenses.map((lens) => lens.command?.title).join(', '));
      const [args] = invoke.command.arguments as [Record<string, unknown>];
      // The lens names one definition; the other is chosen in the quick pick, which lists them in this order.
      const chosen = definitions.findIndex((uri) => uri !== vscode.Uri.parse(String(args.uri)).toString());
      const chosenPath = definitions[chosen].endsWith('api-v2.yaml') ? '/v2/items' : '/items';
      const outcome = await runChoosing<Outcome>(chosen, invoke.command.command, { ...args, send: true });
      assert.equal(outcome?.error, undefined, outcome?.error);
      assert.equal(outcome?.status, 200);
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
      assert.ok(tabs.includes(`Invoke: GET ${chosenPath}`), tabs.join(', '));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(second, { force: true });
      restoreHistory();
    }
  });

  it('asks which definition a template in a file two definitions use is evaluated in, from its lens, the palette and the context menu', async () => {
    const api = await openExample('split-api/api.yaml');
    const part = await openExample('split-api/paths/items.yaml');
    const editor = vscode.window.activeTextEditor!;
    // GET's request template says the path the definition gives the operation.
    const template = `'{"statusCode": 200}'`;
    const line = part.getText().split('\n').findIndex((l) => l.includes(template));
    const at = part.lineAt(line).text.indexOf(template);
    await editor.edit((edit) => edit.replace(new vscode.Range(line, at, line, at + template.length), `'{"statusCode": 200, "path": "$context.resourcePath"}'`));
    const second = path.join(path.dirname(api.uri.fsPath), 'api-v2.yaml');
    try {
      // A second API mounting the same path item file elsewhere.
      writeFileSync(second, "openapi: 3.0.1\ninfo: { title: Split Store v2, version: '2' }\npaths:\n  /v2/items:\n    $ref: 'paths/items.yaml'\n");
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(second));
      await vscode.window.showTextDocument(part);
      let definitions: string[] = [];
      await waitFor('the file to be known as part of both definitions', async () => {
        definitions = (await vscode.commands.executeCommand<string[]>('apigateway.definitionsUsingPart', part.uri)) ?? [];
        return definitions.length === 2;
      });
      // The definition read unasked is the one the Invoke lens names; the other is chosen, from the Evaluate lens.
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', part.uri)) ?? [];
      const invoke = lenses.find((l) => l.command?.title.includes('Invoke GET'));
      const firstMet = vscode.Uri.parse(String((invoke?.command?.arguments?.[0] as { uri?: string } | undefined)?.uri)).toString();
      const chosen = definitions.findIndex((uri) => uri !== firstMet);
      const chosenPath = definitions[chosen].endsWith('api-v2.yaml') ? '/v2/items' : '/items';
      const lens = await evaluateLensAt(part, line);
      await runChoosing(chosen, lens.command, ...(lens.arguments ?? []));
      await evaluatorShowing(chosenPath, `"path": "${chosenPath}"`);
      await closeEvaluators();

      // From the palette, with the cursor in the template: the same question.
      const shown = await vscode.window.showTextDocument(part);
      shown.selection = new vscode.Selection(line, at + 3, line, at + 3);
      await runChoosing(chosen, 'apigateway.evaluateTemplate');
      await evaluatorShowing(chosenPath, `"path": "${chosenPath}"`);
      await closeEvaluators();

      // From the editor's context menu, which names the file.
      await runChoosing(chosen, 'apigateway.evaluateTemplate', part.uri);
      await evaluatorShowing(chosenPath, `"path": "${chosenPath}"`);
    } finally {
      await vscode.window.showTextDocument(part);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(second, { force: true });
    }
  });
});
