import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';
import { createTemplateHandlers } from '../../../server/src/customRequests';
import { RenameError } from '../../../server/src/services/renameError';
import { MAX_TEMPLATE_FILE_SIZE } from '../../../server/src/services/templates/largeTemplates';

const LINE = '#if($input.path("$.a") == "x")\n#foreach($item in $input.path("$.items"))\n$util.escapeJavaScript($item.name)\n#end\n#end\n';

/** A template file of at least `size` characters, of blocks that fold and colour. */
function templateOf(size: number, uri = 'file:///work/big-request.vtl'): TextDocument {
  return TextDocument.create(uri, 'vtl', 1, LINE.repeat(Math.ceil(size / LINE.length)));
}

describe('template files over the size limit', () => {
  const over = templateOf(MAX_TEMPLATE_FILE_SIZE + 1);
  const middle = over.positionAt(LINE.length * 1000 + LINE.indexOf('$util') + 2);

  it('get one diagnostic saying how large the file is and what is left out', async () => {
    const logged: string[] = [];
    const service = createLanguageService({ log: (message) => logged.push(message) });
    const diagnostics = await service.doValidation(over, {});
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'template-too-large');
    assert.match(String(diagnostics[0].message), /^This template file is 1 MB; API Gateway accepts mapping templates up to 300 KB\. Over 1 MB it is not checked further/);
    await service.getSemanticTokens(over);
    service.doHover(over, middle);
    assert.equal(logged.length, 1, 'said once in the log, not once per feature');
  });

  it('answer no feature that reads the whole text', async () => {
    const service = createLanguageService({ log: () => undefined });
    assert.deepEqual(await service.getSemanticTokens(over), { data: [] });
    assert.equal(await service.getFoldingRanges(over, 5000), null);
    assert.equal(await service.doHover(over, middle), null);
    assert.deepEqual(await service.doComplete(over, middle), { isIncomplete: false, items: [] });
    assert.equal(await service.doSignatureHelp(over, middle), null);
    assert.equal(await service.findDocumentHighlights(over, middle), null);
    assert.deepEqual(await service.findDefinition(over, middle), []);
    assert.deepEqual(await service.findReferences(over, middle), []);
    assert.deepEqual(await service.findDocumentSymbols(over), []);
    assert.deepEqual(await service.getCodeLenses(over), []);
    assert.deepEqual(service.getCodeActions(over, { start: middle, end: middle }, { diagnostics: [] }), []);
    await assert.rejects(service.prepareRename(over, middle), RenameError);
    await assert.rejects(service.rename(over, middle, '$other'), RenameError);
  });

  it('are not opened in the evaluator, nor evaluated', async () => {
    const service = createLanguageService({ log: () => undefined });
    const handlers = createTemplateHandlers({ getDocument: () => over, parse: (document) => service.parse(document) });
    const found = await handlers.templateAt({ uri: over.uri, offset: 0 });
    assert.equal(found.found, false);
    assert.match(found.message ?? '', /API Gateway accepts mapping templates up to 300 KB/);
    assert.deepEqual(Object.keys(await handlers.evaluateTemplate({ uri: over.uri, offset: 0, sample: {} })), ['error']);
  });

  it('are served in full up to the limit, though API Gateway would refuse them', async () => {
    const atLimit = TextDocument.create('file:///work/request.vtl', 'vtl', 1, templateOf(MAX_TEMPLATE_FILE_SIZE - LINE.length).getText());
    assert.ok(atLimit.getText().length <= MAX_TEMPLATE_FILE_SIZE);
    const service = createLanguageService({ log: () => undefined });
    const diagnostics = await service.doValidation(atLimit, {});
    assert.deepEqual(diagnostics.map((d) => d.code), ['template-too-large']);
    assert.doesNotMatch(String(diagnostics[0].message), /not checked further/);
    assert.ok((await service.getSemanticTokens(atLimit)).data.length > 0);
    assert.ok(((await service.getFoldingRanges(atLimit, 10)) ?? []).length > 0);
    assert.equal((await service.getCodeLenses(atLimit)).length, 1);
  });

  it('leave definitions of the same size alone', async () => {
    const definition = TextDocument.create('file:///work/api.yaml', 'yaml', 1, `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\nx-notes: |\n${'  filler line\n'.repeat(MAX_TEMPLATE_FILE_SIZE / 14 + 1)}`);
    const service = createLanguageService({ log: () => undefined });
    assert.ok(definition.getText().length > MAX_TEMPLATE_FILE_SIZE);
    assert.ok(!(await service.doValidation(definition, {})).some((d) => d.code === 'template-too-large'));
  });
});
