import assert from 'node:assert/strict';
import type { CodeLens, CompletionList, FoldingRange, Hover, SemanticTokens } from 'vscode-languageserver-protocol';
import type { EvaluateTemplateResult, TemplateAtResult } from '../../server/src/customRequests';
import { MAX_TEMPLATE_FILE_SIZE } from '../../server/src/services/templates/largeTemplates';
import { TestLspClient } from './lspClient';
import { MOCK_API } from './mockApi';

const BLOCK = '#if($input.path("$.a") == "x")\n#foreach($item in $input.path("$.items"))\n$util.escapeJavaScript($item.name)\n#end\n#end\n';
const BIG = BLOCK.repeat(Math.ceil((MAX_TEMPLATE_FILE_SIZE + 1) / BLOCK.length));

describe('a template file over the size limit, over stdio', () => {
  const uri = 'file:///tmp/large-request.vtl';
  const onUtil = { line: 2000 * 5 + 2, character: 3 };
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open(uri, 'vtl', BIG);
  });
  after(async () => {
    await client.stop();
  });

  it('has one diagnostic, which says why the rest is left out', async () => {
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['template-too-large']);
    assert.match(String(diagnostics[0].message), /API Gateway accepts mapping templates up to 300 KB\. Over 1 MB it is not checked further/);
  });

  it('gets no colours, folds, hover, completion or code lenses', async () => {
    const textDocument = { uri };
    assert.deepEqual(await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument }), { data: [] });
    assert.equal(await client.request<FoldingRange[] | null>('textDocument/foldingRange', { textDocument }), null);
    assert.equal(await client.request<Hover | null>('textDocument/hover', { textDocument, position: onUtil }), null);
    assert.deepEqual((await client.request<CompletionList>('textDocument/completion', { textDocument, position: onUtil })).items, []);
    assert.deepEqual(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument }), []);
  });

  it('is neither opened in the evaluator nor evaluated', async () => {
    const found = await client.request<TemplateAtResult>('apigateway/templateAt', { uri, offset: 0 });
    assert.equal(found.found, false);
    const evaluation = await client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', { uri, offset: 0, sample: {} });
    assert.ok('error' in evaluation && /300 KB/.test(evaluation.error));
  });

  it('leaves another document served in full', async () => {
    const api = 'file:///tmp/large-template-neighbour.yaml';
    client.open(api, 'yaml', MOCK_API);
    await client.waitForDiagnostics(api);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: api }, position: { line: 7, character: 16 } });
    assert.ok(hover, 'the definition next to the large template has its hover');
  });
});
