import assert from 'node:assert/strict';
import { TestLspClient } from './lspClient';

describe('language server over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('reports a YAML syntax error as a diagnostic with source and code', async () => {
    const uri = 'file:///tmp/broken.yaml';
    client.open(uri, 'yaml', 'openapi: 3.0.1\npaths:\n  /a:\n    get: [\n');
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].source, 'apigateway');
    assert.equal(diagnostics[0].code, 'yaml-syntax');
  });

  it('leaves YAML files that are not API definitions alone', async () => {
    const uri = 'file:///tmp/compose.yaml';
    client.open(uri, 'yaml', 'services:\n  web:\n    image: nginx\n    ports: [\n');
    assert.deepEqual(await client.waitForDiagnostics(uri), []);
  });

  it('keeps serving after a binary document', async () => {
    const binary = 'file:///tmp/binary.json';
    client.open(binary, 'json', '{"openapi": "3.0.1"\u0000\u0001\u0002}');
    const first = await client.waitForDiagnostics(binary);
    assert.equal(first[0].code, 'binary-content');
    const next = 'file:///tmp/next.json';
    client.open(next, 'json', '{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}');
    const diagnostics = await client.waitForDiagnostics(next);
    assert.ok(diagnostics.some((d) => d.code === 'json-syntax'));
  });

  it('re-validates on change', async () => {
    const uri = 'file:///tmp/edit.yaml';
    client.open(uri, 'yaml', 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths: {}\n');
    assert.deepEqual((await client.waitForDiagnostics(uri)).filter((d) => d.code === 'duplicate-key'), []);
    client.change(uri, 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths: {}\npaths: {}\n');
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'duplicate-key' && d.range.start.line === 3));
  });
});

describe('standalone mapping templates over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('diagnoses, completes and offers an evaluate lens in a .vtl file', async () => {
    const uri = 'file:///tmp/request.vtl';
    client.open(uri, 'vtl', '{"ip": "$context.identty.sourceIp"}\n$util.\n');
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'template-unknown-member' && d.range.start.line === 0), JSON.stringify(diagnostics));
    const list = await client.request<{ items: { label: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 6 } });
    assert.ok(list.items.some((i) => i.label.startsWith('escapeJavaScript')), JSON.stringify(list.items.map((i) => i.label)));
    const lenses = await client.request<{ command: { command: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses[0].command.command, 'apigateway.evaluateTemplate');
  });
});
