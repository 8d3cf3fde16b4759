import assert from 'node:assert/strict';
import type { FoldingRange } from 'vscode-languageserver-protocol';
import { yamlWithRequestTemplate } from '../unit/templateEditing/support';
import { TestLspClient } from './lspClient';

const YAML = yamlWithRequestTemplate(['|', "            #foreach($pet in $input.path('$.pets'))", '            {"name": "$pet.name"}', '            #end'].join('\n'));

describe('folding ranges over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open('file:///tmp/folding.yaml', 'yaml', YAML);
    client.open('file:///tmp/folding.json', 'json', '{\n  "openapi": "3.0.1",\n  "paths": {}\n}\n');
    client.open('file:///tmp/folding.vtl', 'vtl', '#if($a)\none\n#else\ntwo\n#end\n');
    await client.waitForDiagnostics('file:///tmp/folding.yaml');
  });
  after(async () => {
    await client.stop();
  });

  const ask = (uri: string) => client.request<FoldingRange[] | null>('textDocument/foldingRange', { textDocument: { uri } });

  it('advertises folding ranges', () => {
    assert.equal(client.initializeResult!.capabilities.foldingRangeProvider, true);
  });

  it('folds a definition by indentation and its template to the line before #end', async () => {
    const ranges = (await ask('file:///tmp/folding.yaml'))!.map((r) => [r.startLine, r.endLine]);
    assert.deepEqual(ranges, [[2, 14], [3, 14], [4, 14], [6, 14], [10, 14], [11, 14], [12, 13]]);
  });

  it('answers null for a JSON definition, so that the editor keeps JSON folding', async () => {
    assert.equal(await ask('file:///tmp/folding.json'), null);
  });

  it('folds the branches of a standalone template', async () => {
    assert.deepEqual(await ask('file:///tmp/folding.vtl'), [{ startLine: 0, endLine: 1 }, { startLine: 2, endLine: 3 }]);
  });
});
