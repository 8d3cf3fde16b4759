import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { countForgivingParses } from '../../support/forgivingParses';


/** A JSON definition of `items` operations, one of them with a key still being typed (`"descr`, no colon yet). */
function typingAKey(items: number): string {
  const paths: string[] = [];
  for (let i = 0; i < items; i++) {
    const typed = i === 7 ? '"descr, ' : '';
    paths.push(`"/r${i}": {"get": {${typed}"operationId": "get${i}", "responses": {"200": {"description": "OK"}}}}`);
  }
  return `{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {${paths.join(',\n')}}}`;
}

describe('completion asked again at one place of one version', () => {
  // A patched copy that does not parse by parts is read whole, forgivingly.
  const forgiving = countForgivingParses();

  it('reads the patched copy of a definition that does not parse once, not at every request', async () => {
    const service = createLanguageService({ log: () => undefined });
    const document = TextDocument.create('file:///typing.json', 'json', 1, typingAKey(400));
    assert.equal(service.parse(document).root, undefined, 'the text does not parse');
    const at = document.positionAt(document.getText().indexOf('"descr') + 6);
    const labels = async () => ((await service.doComplete(document, at)) as CompletionList).items.map((i) => String(i.label));
    const first = await labels();
    assert.ok(first.includes('description'), first.join());
    const afterFirst = forgiving.count;
    assert.ok(afterFirst > 0);
    for (let i = 0; i < 3; i++) assert.deepEqual(await labels(), first);
    assert.equal(forgiving.count, afterFirst);
    // A new version is read again.
    TextDocument.update(document, [{ text: typingAKey(401) }], 2);
    await labels();
    assert.ok(forgiving.count > afterFirst);
  });
});
