import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestLspClient } from './lspClient';

const YAML_URI = 'file:///tmp/rename-template.yaml';
const VTL_URI = 'file:///tmp/rename-template.vtl';

const YAML = [
  'openapi: 3.0.1',
  'info: { title: t, version: "1" }',
  'paths:',
  '  /pets:',
  '    post:',
  '      responses: { "200": { description: ok } }',
  '      x-amazon-apigateway-integration:',
  '        type: aws',
  '        httpMethod: POST',
  '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations',
  '        requestTemplates:',
  '          application/json: |',
  "            #set($pet = $input.path('$'))",
  '            {"name": "$pet.name", "again": "${pet}", "quiet": "$!pet"}',
  '          text/plain: "#set($pet = 1)\\n$pet"',
  '',
].join('\n');

const VTL = "#foreach($item in $input.path('$.items'))\n$item.id#end\n";

function renamedText(uri: string, text: string, edit: WorkspaceEdit | null): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), (edit?.changes?.[uri] ?? []) as TextEdit[]);
}

describe('rename of template variables over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open(YAML_URI, 'yaml', YAML);
    client.open(VTL_URI, 'vtl', VTL);
    await client.waitForDiagnostics(YAML_URI);
  });
  after(async () => {
    await client.stop();
  });

  const position = (uri: string, text: string, offset: number) => TextDocument.create(uri, 'yaml', 1, text).positionAt(offset);

  it('prepares and renames a variable of an embedded template, in that template alone', async () => {
    const at = position(YAML_URI, YAML, YAML.indexOf('$pet.name') + 2);
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: YAML_URI }, position: at });
    assert.equal(prepared.placeholder, 'pet');
    assert.deepEqual(prepared.range, { start: { line: 13, character: 23 }, end: { line: 13, character: 26 } });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: YAML_URI }, position: at, newName: 'animal' });
    const expected = YAML.replace("#set($pet =", '#set($animal =').replace('"$pet.name", "again": "${pet}", "quiet": "$!pet"', '"$animal.name", "again": "${animal}", "quiet": "$!animal"');
    assert.equal(renamedText(YAML_URI, YAML, edit), expected);
  });

  it('renames a loop variable in a standalone template', async () => {
    const at = position(VTL_URI, VTL, VTL.indexOf('$item.id') + 1);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: VTL_URI }, position: at, newName: 'entry' });
    assert.equal(renamedText(VTL_URI, VTL, edit), "#foreach($entry in $input.path('$.items'))\n$entry.id#end\n");
  });

  it('answers a refused rename with its reason', async () => {
    const onInput = position(VTL_URI, VTL, VTL.indexOf('$input') + 2);
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: VTL_URI }, position: onInput }), (error: Error & { code?: number }) => {
      assert.equal(error.code, -32600);
      assert.match(error.message, /'\$input' is set by API Gateway and cannot be renamed/);
      return true;
    });
    const onPet = position(YAML_URI, YAML, YAML.indexOf('${pet}') + 3);
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: YAML_URI }, position: onPet, newName: '9lives' }),
      (error: Error) => /'9lives' is not a valid variable name/.test(error.message),
    );
  });
});
