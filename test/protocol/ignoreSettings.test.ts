import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { TestLspClient } from './lspClient';
import { lambdaArnDefinition } from '../support/lambdaArnDefinition';

const DEFINITION = lambdaArnDefinition();

describe('apigateway.validation.ignore over the protocol', () => {
  let dir = '';
  let client: TestLspClient;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-ignore-'));
    writeFileSync(path.join(dir, 'api.json'), DEFINITION);
    client = await TestLspClient.start({}, pathToFileURL(dir).href);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the entry as a quick fix, and drops the finding once the settings hold it', async () => {
    const uri = pathToFileURL(path.join(dir, 'api.json')).href;
    client.open(uri, 'json', DEFINITION);
    const isFinding = (d: { code?: unknown }) => d.code === 'invalid-integration-uri';
    const [finding] = (await client.waitForDiagnosticsWhere(uri, (found) => found.some(isFinding))).filter(isFinding);
    const context = { diagnostics: [finding], only: ['quickfix'] };
    const params = { textDocument: { uri }, range: finding.range, context };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', params);
    const ignore = actions.find((a) => a.title === 'Ignore invalid-integration-uri here in workspace settings');
    const at = '/paths/~1pets/get/x-amazon-apigateway-integration/uri';
    const request = { uri, at, code: 'invalid-integration-uri' };
    const command = { title: ignore?.title, command: 'apigateway.ignoreInSettings', arguments: [request] };
    assert.deepEqual(ignore?.command, command);

    client.configurationChanged({ validation: { ignore: [{ file: 'api.json', at, codes: [request.code] }] } });
    await client.waitForDiagnosticsWhere(uri, (found) => !found.some(isFinding));
    client.configurationChanged({ validation: { ignore: [{ file: 'other.json', at }] } });
    await client.waitForDiagnosticsWhere(uri, (found) => found.some(isFinding));
  });
});
