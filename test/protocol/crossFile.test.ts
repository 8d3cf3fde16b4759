import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from './lspClient';

const API = `openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: './models.yaml#/Pet'}
`;

describe('references across files over stdio', () => {
  let client: TestLspClient;
  let dir: string;
  before(async () => {
    client = await TestLspClient.start();
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-refs-'));
  });
  after(async () => {
    await client.stop();
  });

  it('follows a relative $ref to a file on disk and re-validates when the referenced file changes', async () => {
    const models = path.join(dir, 'models.yaml');
    writeFileSync(models, 'Pet:\n  type: object\n');
    const apiUri = pathToFileURL(path.join(dir, 'api.yaml')).href;
    client.open(apiUri, 'yaml', API);
    assert.deepEqual((await client.waitForDiagnostics(apiUri)).filter((d) => /ref/.test(String(d.code))), []);

    // The user opens the referenced file and renames the schema: the referencing document is checked again.
    const modelsUri = pathToFileURL(models).href;
    client.clearDiagnostics(apiUri);
    client.open(modelsUri, 'yaml', 'Animal:\n  type: object\n');
    const diagnostics = await client.waitForDiagnostics(apiUri);
    const unresolved = diagnostics.find((d) => d.code === 'unresolved-ref');
    assert.ok(unresolved, JSON.stringify(diagnostics));
    assert.equal(unresolved.range.start.line, 10);
  });

  it('reports a reference to a file that does not exist', async () => {
    const uri = pathToFileURL(path.join(dir, 'missing.yaml')).href;
    client.open(uri, 'yaml', API.replace('./models.yaml', './nowhere.yaml'));
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'unreadable-ref-file'), JSON.stringify(diagnostics));
  });
});
