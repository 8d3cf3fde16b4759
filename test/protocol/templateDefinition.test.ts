import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-protocol';
import { TestLspClient } from './lspClient';

const URI = 'file:///tmp/templateDefinition.yaml';

const YAML = [
  'openapi: 3.0.1',
  'info: { title: t, version: "1" }',
  'paths:',
  '  /pets:',
  '    post:',
  '      requestBody:',
  '        content:',
  '          application/json:',
  "            schema: { $ref: '#/components/schemas/Pet' }",
  '      responses: { "200": { description: ok } }',
  '      x-amazon-apigateway-integration:',
  '        type: aws',
  '        httpMethod: POST',
  '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations',
  '        requestTemplates:',
  '          application/json: |',
  "            #set($pet = $input.path('$.pet'))",
  '            {"name": "$pet.name", "tag": $input.json(\'$.pet.tag\')}',
  'components:',
  '  schemas:',
  '    Pet:',
  '      type: object',
  '      properties:',
  '        pet:',
  '          type: object',
  '          properties:',
  '            name: { type: string }',
  '            tag: { type: string }',
  '',
].join('\n');

function described(locations: Location[] | null): string[] {
  const document = TextDocument.create(URI, 'yaml', 1, YAML);
  return (locations ?? []).map((l) => `${l.uri === URI ? '' : l.uri}${l.range.start.line}:${YAML.slice(document.offsetAt(l.range.start), document.offsetAt(l.range.end))}`);
}

describe('go to definition in mapping templates over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open(URI, 'yaml', YAML);
    await client.waitForDiagnostics(URI);
  });
  after(async () => {
    await client.stop();
  });

  const ask = (offset: number) =>
    client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: URI }, position: TextDocument.create(URI, 'yaml', 1, YAML).positionAt(offset) });

  it('leads a template variable to its #set', async () => {
    assert.deepEqual(described(await ask(YAML.indexOf('$pet.name') + 2)), ['16:$pet']);
  });

  it('leads a member and a JSONPath segment to the schema property', async () => {
    assert.deepEqual(described(await ask(YAML.indexOf('$pet.name') + '$pet.na'.length)), ['26:name']);
    assert.deepEqual(described(await ask(YAML.indexOf("'$.pet.tag'") + "'$.pet.t".length)), ['27:tag']);
  });

  it('answers nothing on $input', async () => {
    assert.deepEqual(described(await ask(YAML.indexOf('$input.json') + 2)), []);
  });
});
