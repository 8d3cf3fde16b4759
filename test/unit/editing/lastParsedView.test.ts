import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { largeDefinition, textAt } from './documents';

const URI = 'file:///large.yaml';

describe('answers from the last version that parsed', () => {
  const clean = largeDefinition();
  assert.ok(clean.length > 256 * 1024);
  // A key half typed in the fifth path item: the text no longer parses.
  const broken = clean.replace('      operationId: get5\n', '      operationId: get5\n      x-am\n');

  function open() {
    const service = createLanguageService();
    const document = TextDocument.create(URI, 'yaml', 1, clean);
    service.parse(document);
    TextDocument.update(document, [{ text: broken }], 2);
    assert.equal(service.parse(document).root, undefined, 'the broken version has no tree');
    return { service, document };
  }

  it('hovers and goes to definitions after the edit, in the current positions', async () => {
    const { service, document } = open();
    const key = broken.indexOf('operationId: get600');
    const hover = (await service.doHover(document, document.positionAt(key + 3))) as Hover;
    assert.match(String((hover.contents as { value: string }).value), /Operation Object/);
    assert.equal(textAt(document, hover.range!), 'operationId');
    const ref = broken.indexOf('#/components/schemas/Item', key);
    const [definition] = await service.findDefinition(document, document.positionAt(ref + 5));
    assert.equal(textAt(document, definition.range), 'Item');
    assert.equal(document.positionAt(broken.indexOf('    Item:')).line, definition.range.start.line);
  });

  it('keeps the outline, every operation at its current place', async () => {
    const { service, document } = open();
    const paths = (await service.findDocumentSymbols(document)).filter((s) => s.name.startsWith('/')) as DocumentSymbol[];
    assert.equal(paths.length, 700);
    assert.equal(textAt(document, paths[699].selectionRange), '/r699');
    assert.equal(textAt(document, paths[699].children![0].selectionRange), 'get');
  });

  it('says nothing inside the edit, and refuses to rename', async () => {
    const { service, document } = open();
    const typed = broken.indexOf('x-am');
    assert.equal(await service.doHover(document, document.positionAt(typed + 1)), null);
    await assert.rejects(service.rename(document, document.positionAt(broken.indexOf('Item:')), 'Thing'), /syntax error on line \d+; fix it first/);
  });
});
