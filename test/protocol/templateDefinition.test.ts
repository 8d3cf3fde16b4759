import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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

describe('go to definition from a mapping template into another file over stdio', () => {
  /** The models file stays closed: the server reads it from disk. Its `Pet` reads `Tag` through a `$ref` of its own. */
  const MODELS = ['Pet:', '  type: object', '  properties:', '    name: { type: string }', "    tag: { $ref: '#/Tag' }", 'Tag:', '  type: object', '  properties:', '    label: { type: string }', ''].join('\n');
  const API = YAML.replace("schema: { $ref: '#/components/schemas/Pet' }", "schema: { $ref: './models.yaml#/Wrapper' }")
    .replace("$input.json('$.pet.tag')", "$input.json('$.pet.tag.label')")
    .replace(/components:[\s\S]*$/, '');
  const WRAPPER = "Wrapper:\n  type: object\n  properties:\n    pet: { $ref: '#/Pet' }\n";
  let client: TestLspClient;
  let dir: string;
  let apiUri: string;
  let modelsUri: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-template-definition-'));
    writeFileSync(path.join(dir, 'models.yaml'), WRAPPER + MODELS);
    apiUri = pathToFileURL(path.join(dir, 'api.yaml')).href;
    modelsUri = pathToFileURL(path.join(dir, 'models.yaml')).href;
    client = await TestLspClient.start();
    client.open(apiUri, 'yaml', API);
    await client.waitForDiagnostics(apiUri);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each location as `file:line:text it covers`, read from the file on disk. */
  const ask = async (offset: number): Promise<string[]> => {
    const position = TextDocument.create(apiUri, 'yaml', 1, API).positionAt(offset);
    const locations = (await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: apiUri }, position })) ?? [];
    const models = TextDocument.create(modelsUri, 'yaml', 1, WRAPPER + MODELS);
    return locations.map((l) => {
      assert.equal(l.uri, modelsUri);
      return `models.yaml:${l.range.start.line}:${models.getText(l.range)}`;
    });
  };

  it('leads a payload member and a JSONPath segment to the property in the file a $ref names', async () => {
    assert.deepEqual(await ask(API.indexOf('$pet.name') + '$pet.na'.length), ['models.yaml:7:name']);
    assert.deepEqual(await ask(API.indexOf("'$.pet.tag.label'") + "'$.p".length), ['models.yaml:3:pet']);
    // On through the file's own $ref.
    assert.deepEqual(await ask(API.indexOf("'$.pet.tag.label'") + "'$.pet.tag.la".length), ['models.yaml:12:label']);
  });
});
