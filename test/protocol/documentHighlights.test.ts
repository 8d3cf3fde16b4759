import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentHighlight } from 'vscode-languageserver-protocol';
import { TestLspClient } from './lspClient';

const YAML = [
  'openapi: 3.0.1',
  'info: { title: t, version: "1" }',
  'x-amazon-apigateway-request-validators:',
  '  all: { validateRequestBody: true }',
  'paths:',
  '  /pets:',
  '    post:',
  '      x-amazon-apigateway-request-validator: all',
  '      responses: { "200": { description: ok } }',
  '      x-amazon-apigateway-integration:',
  '        type: aws',
  '        httpMethod: POST',
  '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations',
  '        requestTemplates:',
  '          application/json: |',
  "            #set($pet = $input.path('$'))",
  '            {"name": "$pet.name", "again": "${pet}"}',
  '',
].join('\n');

const VTL = '#foreach($item in $input.path(\'$.items\'))\n$item.id#end\n';

function described(text: string, highlights: DocumentHighlight[] | null): string[] {
  const document = TextDocument.create('file:///x', 'yaml', 1, text);
  return (highlights ?? []).map((h) => `${h.range.start.line}:${text.slice(document.offsetAt(h.range.start), document.offsetAt(h.range.end))}${h.kind === 3 ? '=' : '-'}`);
}

describe('document highlights over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open('file:///tmp/highlights.yaml', 'yaml', YAML);
    client.open('file:///tmp/highlights.vtl', 'vtl', VTL);
    await client.waitForDiagnostics('file:///tmp/highlights.yaml');
  });
  after(async () => {
    await client.stop();
  });

  const ask = (uri: string, text: string, offset: number) =>
    client.request<DocumentHighlight[] | null>('textDocument/documentHighlight', { textDocument: { uri }, position: TextDocument.create(uri, 'yaml', 1, text).positionAt(offset) });

  it('advertises document highlights', () => {
    assert.equal(client.initializeResult!.capabilities.documentHighlightProvider, true);
  });

  it('marks a request validator and its use', async () => {
    const found = await ask('file:///tmp/highlights.yaml', YAML, YAML.indexOf('validator: all') + 'validator: a'.length);
    assert.deepEqual(described(YAML, found), ['3:all=', '7:all-']);
  });

  it('marks a template variable in a block template', async () => {
    const found = await ask('file:///tmp/highlights.yaml', YAML, YAML.indexOf('$pet.name') + 2);
    assert.deepEqual(described(YAML, found), ['15:$pet=', '16:$pet-', '16:${pet}-']);
  });

  it('marks a loop variable in a standalone template', async () => {
    const found = await ask('file:///tmp/highlights.vtl', VTL, VTL.indexOf('$item.id') + 1);
    assert.deepEqual(described(VTL, found), ['0:$item=', '1:$item-']);
  });

  it('answers null off any name and in files that are no API definition, so that the editor highlights the word', async () => {
    assert.equal(await ask('file:///tmp/highlights.yaml', YAML, YAML.indexOf('httpMethod') + 2), null);
    const other = 'services:\n  web:\n    image: web\n';
    client.open('file:///tmp/compose.yaml', 'yaml', other);
    assert.equal(await ask('file:///tmp/compose.yaml', other, other.indexOf('web')), null);
  });
});
