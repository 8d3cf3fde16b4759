import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-types';
import { TestLspClient } from './lspClient';

const COMMON = 'components:\n  schemas:\n    Address:\n      type: object\n';
const ORDERS = "openapi: 3.0.1\ninfo: {title: orders, version: '1'}\npaths:\n  /orders:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '../common.yaml#/components/schemas/Address'}}}}\n";

describe('references, rename and symbols across workspace files over stdio', () => {
  let client: TestLspClient;
  let dir: string;
  let commonUri: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-rename-'));
    mkdirSync(path.join(dir, 'apis'));
    mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(path.join(dir, 'common.yaml'), COMMON);
    writeFileSync(path.join(dir, 'apis', 'orders.yaml'), ORDERS);
    // Dependencies are not the user's definitions, even when they point at the same file.
    writeFileSync(path.join(dir, 'node_modules', 'dep', 'api.yaml'), ORDERS.replace('../common.yaml', '../../common.yaml'));
    client = await TestLspClient.start({}, pathToFileURL(dir).href);
    commonUri = pathToFileURL(path.join(dir, 'common.yaml')).href;
    client.open(commonUri, 'yaml', COMMON);
  });
  after(async () => {
    await client.stop();
  });

  it('announces rename with a prepare step', () => {
    assert.deepEqual(client.initializeResult?.capabilities.renameProvider, { prepareProvider: true });
  });

  it('finds uses of a shared definition in files that are not open', async () => {
    const locations = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri: commonUri },
      position: { line: 2, character: 6 },
      context: { includeDeclaration: true },
    })) as Location[];
    assert.deepEqual(locations.map((l) => `${path.relative(dir, new URL(l.uri).pathname)}:${l.range.start.line}`), ['common.yaml:2', `apis${path.sep}orders.yaml:6`]);
  });

  it('renames a shared definition in every file that uses it', async () => {
    const prepared = (await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: commonUri }, position: { line: 2, character: 6 } })) as { placeholder: string };
    assert.equal(prepared.placeholder, 'Address');
    const edit = (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: commonUri }, position: { line: 2, character: 6 }, newName: 'PostalAddress' })) as WorkspaceEdit;
    const files = Object.keys(edit.changes ?? {}).map((uri) => path.relative(dir, new URL(uri).pathname)).sort();
    assert.deepEqual(files, [`apis${path.sep}orders.yaml`, 'common.yaml']);
    const ordersEdit = Object.entries(edit.changes!).find(([uri]) => uri.endsWith('orders.yaml'))![1];
    assert.deepEqual(ordersEdit.map((e) => e.newText), ['PostalAddress']);
  });

  it('answers a refused prepare step with its reason, which the editor shows', async () => {
    const uri = pathToFileURL(path.join(dir, 'apis', 'orders.yaml')).href;
    client.open(uri, 'yaml', ORDERS);
    const line = ORDERS.split('\n')[6];
    // On `schemas`, a segment of the pointer that names no definition.
    const position = { line: 6, character: line.indexOf('schemas/Address') + 2 };
    await assert.rejects(client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position }), (error: Error & { code?: number }) => {
      assert.equal(error.code, -32600);
      assert.match(error.message, /cursor/i);
      return true;
    });
  });

  it('finds operations of files that are not open by workspace symbol, leaving dependencies out', async () => {
    const symbols = (await client.connection.sendRequest('workspace/symbol', { query: 'get orders' })) as { name: string; location: { uri: string } }[];
    assert.deepEqual(symbols.map((s) => [s.name, path.relative(dir, new URL(s.location.uri).pathname)]), [['GET /orders', `apis${path.sep}orders.yaml`]]);
  });

  it('keeps navigation and the outline of a document with a syntax error elsewhere', async () => {
    const uri = pathToFileURL(path.join(dir, 'broken.yaml')).href;
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {$ref: '#/components/responses/Ok'}}\n  /b:\n    get:\n      summary: x: y\ncomponents:\n  responses:\n    Ok: {description: ok}\n";
    client.open(uri, 'yaml', text);
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['yaml-syntax']);
    const definition = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 5, character: 40 } })) as Location[];
    assert.deepEqual(definition.map((l) => l.range.start.line), [11]);
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string }[];
    assert.deepEqual(symbols.map((s) => s.name).slice(0, 2), ['/a', '/b']);
  });

  it('answers a refused rename with the reason', async () => {
    await assert.rejects(
      client.connection.sendRequest('textDocument/rename', { textDocument: { uri: commonUri }, position: { line: 2, character: 6 }, newName: 'Postal Address' }),
      (error: Error) => /not a valid model name/.test(error.message),
    );
  });
});
