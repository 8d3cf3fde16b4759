import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exampleUri, serverDiagnostics, waitFor, waitForDiagnostics } from './harness';
import { lambdaArnDefinition } from '../../support/lambdaArnDefinition';

const DEFINITION = lambdaArnDefinition('ignored');

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('Ignoring a finding of a JSON definition in the workspace settings', () => {
  const file = exampleUri('ignore-in-settings.json');
  const settingsDir = path.join(path.dirname(file.fsPath), '.vscode');
  const hadSettings = existsSync(settingsDir);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const validation = vscode.workspace.getConfiguration('apigateway.validation');
    await validation.update('ignore', undefined, vscode.ConfigurationTarget.Workspace);
    rmSync(file.fsPath, { force: true });
    if (!hadSettings && existsSync(settingsDir)) {
      const settingsFile = path.join(settingsDir, 'settings.json');
      // VS Code leaves `{}` behind once the last setting goes.
      if (existsSync(settingsFile) && /^\s*\{\s*\}\s*$/.test(readFileSync(settingsFile, 'utf8'))) rmSync(settingsFile);
      if (readdirSync(settingsDir).length === 0) rmdirSync(settingsDir);
    }
  });

  it('writes an entry naming the finding\'s node, and the finding goes', async () => {
    writeFileSync(file.fsPath, DEFINITION);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const [finding] = (await waitForDiagnostics(document.uri)).filter((d) => code(d) === 'invalid-integration-uri');
    assert.ok(finding, 'the finding to ignore');
    const quickFix = vscode.CodeActionKind.QuickFix.value;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, finding.range, quickFix,
    );
    const ignore = actions.find((a) => a.title === 'Ignore invalid-integration-uri here in workspace settings');
    assert.ok(ignore?.command, `quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));

    const validation = () => vscode.workspace.getConfiguration('apigateway.validation', file);
    const written = () => validation().inspect<unknown[]>('ignore')?.workspaceValue;
    const at = '/paths/~1pets/get/x-amazon-apigateway-integration/uri';
    assert.deepEqual(written(), [{ file: 'ignore-in-settings.json', at, codes: ['invalid-integration-uri'] }]);
    const ignored = () => !serverDiagnostics(document.uri).some((d) => code(d) === 'invalid-integration-uri');
    await waitFor('the ignored finding to go', ignored, 20_000);

    // Ignoring it again changes nothing.
    await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
    assert.equal(written()?.length, 1);
  });
});
