import assert from 'node:assert/strict';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from './lspClient';

// "description: Café" with é as one Latin-1 byte, as an editor set to Western (Windows 1252) saves it.
const LATIN1 = Buffer.concat([
  Buffer.from("openapi: 3.0.1\ninfo:\n  title: t\n  version: '1'\n  description: Caf", 'latin1'),
  Buffer.from([0xe9]),
  Buffer.from('\npaths: {}\n', 'latin1'),
]);

describe('the saved file behind an open document over stdio', () => {
  let client: TestLspClient;
  let dir: string;
  before(async () => {
    client = await TestLspClient.start();
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-encoding-'));
  });
  after(async () => {
    await client.stop();
  });

  it('reports a file saved in another encoding at its first such byte, and stops once it is saved as UTF-8', async () => {
    const file = path.join(dir, 'latin1.yaml');
    writeFileSync(file, LATIN1);
    const uri = pathToFileURL(file).href;
    // VS Code decodes the file as UTF-8 by default and shows the byte it cannot read as U+FFFD.
    client.open(uri, 'yaml', LATIN1.toString('utf8'));
    const found = (await client.waitForDiagnostics(uri)).find((d) => d.code === 'not-utf8');
    assert.ok(found, 'no not-utf8 diagnostic');
    assert.deepEqual(found.range.start, { line: 4, character: 18 });
    assert.match(String(found.message), /byte 0xE9 here is not valid UTF-8.*Save with Encoding/);

    writeFileSync(file, LATIN1.toString('latin1'), 'utf8');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    client.clearDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    const after = await client.waitForDiagnostics(uri);
    assert.equal(after.find((d) => d.code === 'not-utf8'), undefined, JSON.stringify(after));
  });

  it('does not report U+FFFD written in a UTF-8 file', async () => {
    const file = path.join(dir, 'replacement.yaml');
    const text = "openapi: 3.0.1\ninfo:\n  title: t\n  version: '1'\n  description: \uFFFD\npaths: {}\n";
    writeFileSync(file, text, 'utf8');
    const uri = pathToFileURL(file).href;
    client.open(uri, 'yaml', text);
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.equal(diagnostics.find((d) => d.code === 'not-utf8'), undefined, JSON.stringify(diagnostics));
  });
});
