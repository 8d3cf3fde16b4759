import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { WorkspaceFiles } from '../../server/src/workspaceFiles';
import { WorkspaceResolver } from '../../server/src/workspaceResolver';

const API = (title: string) => `openapi: 3.0.1\ninfo: {title: ${title}, version: "1"}\npaths: {}\n`;

describe('workspace files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-workspace-'));
  const titles = async (workspace: WorkspaceFiles) =>
    (await workspace.documents((text) => text.includes('openapi'))).map((d) => String((d.value as { info: { title: string } }).info.title)).sort();

  it('finds the definitions of the folders, skipping dependency and hidden folders', async () => {
    writeFileSync(path.join(dir, 'a.yaml'), API('A'));
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(path.join(dir, 'nested', 'b.json'), JSON.stringify({ openapi: '3.0.1', info: { title: 'B', version: '1' }, paths: {} }));
    for (const skipped of ['node_modules', '.git']) {
      mkdirSync(path.join(dir, skipped));
      writeFileSync(path.join(dir, skipped, 'c.yaml'), API('C'));
    }
    const workspace = new WorkspaceFiles(new WorkspaceResolver(() => undefined), () => [], parseApiDocument);
    workspace.setFolders([pathToFileURL(dir).href]);
    assert.deepEqual(await titles(workspace), ['A', 'B']);
  });

  it('follows symbolic links to definitions and folders, and a link back up the tree only once', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'apigw-links-'));
    const shared = mkdtempSync(path.join(tmpdir(), 'apigw-shared-'));
    writeFileSync(path.join(shared, 'e.yaml'), API('E'));
    writeFileSync(path.join(shared, 'f.yaml'), API('F'));
    symlinkSync(path.join(shared, 'e.yaml'), path.join(root, 'linked.yaml'));
    mkdirSync(path.join(root, 'apis'));
    symlinkSync(shared, path.join(root, 'apis', 'shared'));
    symlinkSync(root, path.join(root, 'apis', 'loop'));
    const workspace = new WorkspaceFiles(new WorkspaceResolver(() => undefined), () => [], parseApiDocument);
    workspace.setFolders([pathToFileURL(root).href]);
    assert.deepEqual(await titles(workspace), ['E', 'E', 'F']);
  });

  it('lists the folders again after a file event, and after the folders change', async () => {
    const workspace = new WorkspaceFiles(new WorkspaceResolver(() => undefined), () => [], parseApiDocument);
    workspace.setFolders([pathToFileURL(dir).href]);
    assert.deepEqual(await titles(workspace), ['A', 'B']);
    writeFileSync(path.join(dir, 'd.yaml'), API('D'));
    // Searches in quick succession share one listing of the folders...
    assert.deepEqual(await titles(workspace), ['A', 'B']);
    // ...which a file event ends.
    workspace.filesChanged();
    assert.deepEqual(await titles(workspace), ['A', 'B', 'D']);
    workspace.setFolders([pathToFileURL(path.join(dir, 'nested')).href]);
    assert.deepEqual(await titles(workspace), ['B']);
  });
});
