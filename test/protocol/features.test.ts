import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { TestLspClient } from './lspClient';

const URI = 'file:///tmp/features.yaml';
const TEXT = [
  'openapi: 3.0.1',
  "info: {title: t, version: '1'}",
  'x-amazon-apigateway-request-validators:',
  '  all: {validateRequestBody: true, validateRequestParameters: true}',
  'paths:',
  '  /pets:',
  '    get:',
  '      operationId: listPets',
  '      x-amazon-apigateway-request-validator: all',
  '      responses:',
  "        '200': {description: ok}",
  '      x-amazon-apigateway-integration:',
  '        type: mock',
  "        requestTemplates: {application/json: '{\"statusCode\": 200}'}",
  '        responses:',
  "          default: {statusCode: '200'}",
  '          nope: {statusCode: bad}',
  '        passthroughBehavior: when_no_macth',
  '',
].join('\n');

describe('language features over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open(URI, 'yaml', TEXT);
    await client.waitForDiagnostics(URI);
  });
  after(async () => {
    await client.stop();
  });

  const doc = { uri: URI };

  it('advertises the features', () => {
    const caps = client.initializeResult!.capabilities;
    assert.deepEqual((caps.completionProvider as { triggerCharacters: string[] }).triggerCharacters, ['.', '/', "'", '"', '$', ':', '#']);
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.equal(caps.documentSymbolProvider, true);
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'refactor', 'source.fixAll']);
    assert.deepEqual(caps.semanticTokensProvider, {
      legend: { tokenTypes: ['keyword', 'variable', 'property', 'method', 'string', 'number', 'comment'], tokenModifiers: ['defaultLibrary'] },
      full: true,
    });
  });

  it('completes enum values', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: doc, position: { line: 12, character: 14 } });
    assert.deepEqual(list.items.map((i) => i.label), ['aws', 'aws_proxy', 'http', 'http_proxy', 'mock']);
  });

  it('completes a key typed while the document does not parse', async () => {
    const uri = 'file:///tmp/typing.yaml';
    client.open(uri, 'yaml', 'openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amaz\n      responses: {}\n');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 12 } });
    assert.ok(list.items.some((i) => i.label === 'x-amazon-apigateway-integration'));
  });

  it('completes OpenAPI keys of the operation beside the extensions', async () => {
    const uri = 'file:///tmp/operation-keys.yaml';
    client.open(uri, 'yaml', 'openapi: 3.0.1\npaths:\n  /a:\n    get:\n      summary: s\n      \n');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 6 } });
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('operationId') && labels.includes('responses') && labels.includes('x-amazon-apigateway-integration'), JSON.stringify(labels));
    assert.ok(!labels.includes('summary'));
  });

  it('keeps the inferred HTTP API dialect while a typed key breaks the document', async () => {
    const uri = 'file:///tmp/typing-http.yaml';
    client.open(uri, 'yaml', "openapi: 3.0.1\nx-amazon-apigateway-cors: {allowOrigins: ['*']}\npaths:\n  /a:\n    get:\n      x-amaz\n      responses: {}\n");
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 12 } });
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('x-amazon-apigateway-integration'), JSON.stringify(labels));
    assert.ok(!labels.includes('x-amazon-apigateway-request-validator'), JSON.stringify(labels));
  });

  it('completes a $ref into another file on disk with that file\'s schemas', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-complete-'));
    writeFileSync(path.join(dir, 'models.yaml'), 'components:\n  schemas:\n    Pet: {type: object}\n    Error: {type: object}\n');
    const uri = pathToFileURL(path.join(dir, 'api.yaml')).href;
    const lines = ['openapi: 3.0.1', "info: {title: t, version: '1'}", 'paths:', '  /pets:', '    get:', '      responses:', "        '200':", '          description: ok', '          content:', '            application/json:', '              schema:', "                $ref: './models.yaml#/'", ''];
    client.open(uri, 'yaml', lines.join('\n'));
    const character = lines[11].indexOf("#/'") + 2;
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 11, character } });
    const labels = list.items.map((i) => i.label).sort();
    assert.deepEqual(labels, ['./models.yaml#/components/schemas/Error', './models.yaml#/components/schemas/Pet']);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: character - 4 } });
    assert.ok(hover, 'no hover over the external $ref');
  });

  it('hands completion inside a mapping template to the template language', async () => {
    const uri = 'file:///tmp/template.yaml';
    client.open(uri, 'yaml', "openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: aws\n        requestTemplates:\n          application/json: '{\"a\": $input.}'\n");
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 42 } });
    assert.ok(list.items.some((i) => i.label === 'json'), JSON.stringify(list.items.map((i) => i.label)));
    assert.ok(!list.items.some((i) => i.label.startsWith('x-amazon-apigateway')));
  });

  it('hovers with catalog documentation', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: doc, position: { line: 11, character: 10 } });
    assert.match((hover.contents as { value: string }).value, /^\*\*x-amazon-apigateway-integration\*\*/);
    assert.deepEqual(hover.range, { start: { line: 11, character: 6 }, end: { line: 11, character: 37 } });
  });

  it('goes to a validator definition and finds its uses', async () => {
    const definition = await client.request<Location[]>('textDocument/definition', { textDocument: doc, position: { line: 8, character: 47 } });
    assert.deepEqual(definition, [{ uri: URI, range: { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } } }]);
    const references = await client.request<Location[]>('textDocument/references', { textDocument: doc, position: { line: 3, character: 3 }, context: { includeDeclaration: false } });
    assert.deepEqual(references, [{ uri: URI, range: { start: { line: 8, character: 45 }, end: { line: 8, character: 48 } } }]);
  });

  it('lists document symbols', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: doc });
    assert.deepEqual(symbols.map((s) => s.name), ['/pets', 'Request validators']);
    assert.equal(symbols[0].children![0].detail, 'listPets · MOCK');
  });

  it('offers quick fixes for published diagnostics and the CORS refactoring', async () => {
    const diagnostics = await client.waitForDiagnostics(URI);
    const range = { start: { line: 6, character: 4 }, end: { line: 6, character: 4 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: doc, range, context: { diagnostics } });
    assert.ok(actions.some((a) => a.kind === 'refactor' && a.title === 'Add CORS to /pets (OPTIONS method; Access-Control-Allow-Origin on GET and on gateway responses DEFAULT_4XX, DEFAULT_5XX)'));
    const enumDiagnostic = diagnostics.find((d) => d.code === 'invalid-enum-value');
    assert.ok(enumDiagnostic, JSON.stringify(diagnostics));
    const fixes = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: doc, range: enumDiagnostic.range, context: { diagnostics: [enumDiagnostic], only: ['quickfix'] } });
    assert.deepEqual(fixes.map((f) => [f.title, f.edit?.changes?.[URI]?.[0].newText]), [
      ["Change to 'when_no_match'", 'when_no_match'],
      ['Disable invalid-enum-value on this line (comment)', '        # apigw-disable-next-line invalid-enum-value\n'],
    ]);
  });

  it('answers nothing for documents that are not API definitions', async () => {
    const uri = 'file:///tmp/compose-features.yaml';
    client.open(uri, 'yaml', 'services:\n  web:\n    image: nginx\n');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } });
    assert.equal(hover, null);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols, []);
  });
});
