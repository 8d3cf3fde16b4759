import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SignatureHelp } from 'vscode-languageserver-protocol';
import { LargeDocumentHost } from '../../server/src/largeDocumentHost';
import { createLanguageService } from '../../server/src/languageService';
import { largeDefinition } from '../unit/editing/documents';
import { TestLspClient } from './lspClient';

const WORKER = path.resolve(__dirname, '../../dist/workers/largeDocuments.js');
const MB = 1024 * 1024;

/** Trigger kinds of `SignatureHelpContext`. */
const INVOKED = 1;
const TRIGGER_CHARACTER = 2;
const CONTENT_CHANGE = 3;

/** A path item whose integration has a block request template and a JSON-style quoted response template. */
const ORDERS = [
  '  /orders:',
  '    post:',
  '      responses: { "200": { description: ok } }',
  '      x-amazon-apigateway-integration:',
  '        type: aws',
  '        httpMethod: POST',
  '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations',
  '        requestTemplates:',
  '          application/json: |',
  "            #set($name = $input.params('name'))",
  '            {"name": "$util.escapeJavaScript($name).replaceAll("\\\\\'", "\'")", "all": "$input.params()"}',
  '        responses:',
  '          default:',
  "            statusCode: '200'",
  '            responseTemplates:',
  `              application/json: '{"id": "$util.urlEncode($input.path(''$.id''))"}'`,
  '',
].join('\n');

const YAML = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${ORDERS}`;

const JSON_TEXT = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 't', version: '1' },
  paths: {
    '/a': {
      get: {
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': { type: 'mock', requestTemplates: { 'application/json': '{"q": "$util.escapeJavaScript($input.params("q"))"}' } },
      },
    },
  },
});

/** The position just after the `occurrence`-th (from 1) match of `needle`, moved by `shift`. */
function positionAfter(text: string, needle: string, shift = 0, occurrence = 1): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, needle);
  return TextDocument.create('file:///x', 'yaml', 1, text).positionAt(offset + needle.length + shift);
}

function active(found: SignatureHelp | null): { label: string; parameter: string | undefined } {
  assert.ok(found, 'signature help');
  const signature = found.signatures[found.activeSignature ?? 0];
  const parameter = signature.parameters?.[found.activeParameter ?? 0];
  const bounds = parameter && (parameter.label as [number, number]);
  return { label: signature.label, parameter: bounds && signature.label.slice(bounds[0], bounds[1]) };
}

describe('signature help in mapping templates over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open('file:///tmp/signatures.yaml', 'yaml', YAML);
    client.open('file:///tmp/signatures.json', 'json', JSON_TEXT);
    client.open('file:///tmp/signatures.vtl', 'vtl', "#set($id = $input.path('$.id'))\n$util.escapeJavaScript($id).substring(0, )\n");
    await client.waitForDiagnostics('file:///tmp/signatures.yaml');
  });
  after(async () => {
    await client.stop();
  });

  const ask = (uri: string, position: { line: number; character: number }, context: Record<string, unknown> = { triggerKind: INVOKED, isRetrigger: false }) =>
    client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position, context });

  it('advertises signature help, triggered by ( and , and retriggered by )', () => {
    assert.deepEqual(client.initializeResult!.capabilities.signatureHelpProvider, { triggerCharacters: ['(', ','], retriggerCharacters: [')'] });
  });

  it('answers in a YAML block template, with the docs link and the argument under the cursor', async () => {
    const uri = 'file:///tmp/signatures.yaml';
    const found = await ask(uri, positionAfter(YAML, '$util.escapeJavaScript('), { triggerKind: TRIGGER_CHARACTER, triggerCharacter: '(', isRetrigger: false });
    assert.deepEqual(active(found), { label: '$util.escapeJavaScript(String text): String', parameter: 'String text' });
    assert.match((found!.signatures[0].documentation as { value: string }).value, /\[Documentation\]\(https:\/\/docs\.aws\.amazon\.com\//);
    const replaceAll = await ask(uri, positionAfter(YAML, '.replaceAll("\\\\\'", '), { triggerKind: TRIGGER_CHARACTER, triggerCharacter: ',', isRetrigger: false });
    assert.deepEqual(active(replaceAll), { label: 'String.replaceAll(String regex, String replacement): String', parameter: 'String replacement' });
  });

  it('offers both forms of $input.params and keeps the one chosen when retriggered', async () => {
    const uri = 'file:///tmp/signatures.yaml';
    const position = positionAfter(YAML, '$input.params(', 0, 2);
    const found = await ask(uri, position);
    assert.deepEqual(found?.signatures.map((s) => s.label), ['$input.params(): Object', '$input.params(String name): Object']);
    assert.equal(found.activeSignature, 1);
    const retriggered = await ask(uri, position, { triggerKind: CONTENT_CHANGE, isRetrigger: true, activeSignatureHelp: { ...found, activeSignature: 0 } });
    assert.equal(retriggered?.activeSignature, 0);
  });

  it('answers in a quoted YAML template, and not after the closing parenthesis', async () => {
    const uri = 'file:///tmp/signatures.yaml';
    assert.deepEqual(active(await ask(uri, positionAfter(YAML, "$input.path(''$."))), { label: '$input.path(String path): Object', parameter: 'String path' });
    assert.deepEqual(active(await ask(uri, positionAfter(YAML, "$input.path(''$.id'')"))), { label: '$util.urlEncode(String text): String', parameter: 'String text' });
    assert.equal(await ask(uri, positionAfter(YAML, "$input.path(''$.id''))")), null);
    assert.equal(await ask(uri, positionAfter(YAML, 'httpMethod: PO')), null);
  });

  it('answers in a JSON string and in a standalone template', async () => {
    assert.deepEqual(active(await ask('file:///tmp/signatures.json', positionAfter(JSON_TEXT, '$input.params(\\"'))), { label: '$input.params(String name): Object', parameter: 'String name' });
    const vtl = "#set($id = $input.path('$.id'))\n$util.escapeJavaScript($id).substring(0, )\n";
    assert.deepEqual(active(await ask('file:///tmp/signatures.vtl', positionAfter(vtl, 'substring(0, '))), { label: 'String.substring(int beginIndex, int endIndex): String', parameter: 'int endIndex' });
  });

  it('ignores documents that are no API definition', async () => {
    const uri = 'file:///tmp/other.yaml';
    client.open(uri, 'yaml', 'text: $util.urlEncode()\n');
    assert.equal(await ask(uri, { line: 0, character: 22 }), null);
  });
});

describe('signature help in documents over the size limit, from their own thread', () => {
  let host: LargeDocumentHost;
  before(() => {
    host = new LargeDocumentHost(() => undefined, WORKER);
  });
  after(async () => {
    await host.dispose();
  });

  it('answers as the service does here', async function () {
    this.timeout(30_000);
    const settings = { maxValidationSize: MB };
    const text = largeDefinition({ items: Math.ceil((1.5 * MB) / 420) }).replace('\ncomponents:\n', `\n${ORDERS}components:\n`);
    const document = TextDocument.create('file:///tmp/large-signatures.yaml', 'yaml', 1, text);
    const here = createLanguageService({ log: () => undefined });
    await host.validate(document, settings, () => assert.fail('answered in this thread'));
    await here.doValidation(document, settings);
    const position = positionAfter(text, '.replaceAll("\\\\\'", ');
    const found = await host.feature(document, 'doSignatureHelp', [position], () => assert.fail('answered in this thread'));
    assert.deepEqual(active(found), { label: 'String.replaceAll(String regex, String replacement): String', parameter: 'String replacement' });
    assert.deepEqual(found, await here.doSignatureHelp(document, position));
  });
});
