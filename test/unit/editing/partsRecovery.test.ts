import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { parseApiDocument, withRecoveredTree } from '../../../server/src/model/apiDocument';
import { toValue } from '../../../server/src/model/navigate';
import type { ValueNode } from '../../../server/src/model/nodes';
import { keyOf } from '../../../server/src/model/property';
import { largeDefinition, textAt } from './documents';

// Block-style entries before `paths`, so the tests can break an entry of the root as well as a path.
const TOP = 'info:\n  title: t\n  version: "1"\ntags:\n- name: a\n';

/** Opened broken: there is no earlier version that parsed to read instead. */
function openBroken(text: string, language: 'yaml' | 'json' = 'yaml') {
  const service = createLanguageService();
  const document = TextDocument.create(`file:///large.${language}`, language, 1, text);
  assert.equal(service.parse(document).root, undefined, 'the text does not parse');
  return { service, document };
}

/** Every key of the tree stands where its text is. */
function assertKeysInPlace(text: string, node: ValueNode | undefined): number {
  let keys = 0;
  const walk = (n: ValueNode | undefined): void => {
    if (n?.type === 'object') {
      for (const p of n.properties) {
        const key = keyOf(p);
        if (key.offset >= 0) {
          assert.equal(text.slice(key.contentOffset, key.contentEnd), String(p.keyValue));
          keys++;
        }
        walk(p.value);
      }
    } else if (n?.type === 'array') n.items.forEach(walk);
  };
  walk(node);
  return keys;
}

describe('a large YAML definition that has not parsed since it was opened, recovered by parts', () => {
  const clean = largeDefinition({ top: TOP });
  assert.ok(clean.length > 256 * 1024);
  const broken = clean.replace('      operationId: get5\n', '      operationId: get5\n      x-am\n');

  it('recovers every entry exactly as a parse of the whole text has them, the broken one without its half-typed key', () => {
    const whole = toValue(parseApiDocument(TextDocument.create('file:///a.yaml', 'yaml', 1, clean)).root) as { paths: Record<string, unknown> };
    const recovered = withRecoveredTree(parseApiDocument(TextDocument.create('file:///a.yaml', 'yaml', 1, broken)));
    assert.ok(recovered.recovered && recovered.root);
    const value = toValue(recovered.root) as typeof whole;
    assert.deepEqual(Object.keys(value), Object.keys(whole));
    for (const key of Object.keys(whole)) if (key !== 'paths') assert.deepEqual(value[key as keyof typeof whole], whole[key as keyof typeof whole], key);
    const differing = Object.keys(whole.paths).filter((path) => JSON.stringify(value.paths[path]) !== JSON.stringify(whole.paths[path]));
    // The broken item too: the forgiving parser leaves the half-typed key out and reads what stands around it.
    assert.deepEqual(differing, []);
    assert.equal((value.paths['/r5'] as { get: { operationId: string } }).get.operationId, 'get5');
    assert.ok(assertKeysInPlace(broken, recovered.root) > 700 * 8);
  });

  it('hovers, goes to definitions and lists the outline, also inside the broken path item', async () => {
    const { service, document } = openBroken(broken);
    const far = broken.indexOf('operationId: get600');
    const hover = (await service.doHover(document, document.positionAt(far + 3))) as Hover;
    assert.match(String((hover.contents as { value: string }).value), /Operation Object/);
    assert.equal(textAt(document, hover.range!), 'operationId');
    const near = broken.indexOf('operationId: get5\n');
    const inside = (await service.doHover(document, document.positionAt(near + 3))) as Hover;
    assert.equal(textAt(document, inside.range!), 'operationId');
    const ref = broken.indexOf('#/components/schemas/Item', far);
    const [definition] = await service.findDefinition(document, document.positionAt(ref + 5));
    assert.equal(textAt(document, definition.range), 'Item');
    const paths = (await service.findDocumentSymbols(document)).filter((s) => s.name.startsWith('/')) as DocumentSymbol[];
    assert.equal(paths.length, 700);
    assert.equal(textAt(document, paths[699].selectionRange), '/r699');
    assert.equal(textAt(document, paths[5].children![0].selectionRange), 'get');
  });

  it('still reports the syntax error alone, and refuses to rename until it is fixed', async () => {
    const { service, document } = openBroken(broken);
    const diagnostics: Diagnostic[] = await service.doValidation(document);
    assert.deepEqual(diagnostics.map((d) => d.code), ['yaml-syntax']);
    await assert.rejects(service.rename(document, document.positionAt(broken.indexOf('Item:')), 'Thing'), /syntax error on line \d+; fix it first/);
  });

  it('keeps entries whose aliases name anchors in other entries, the aliases read as null', () => {
    // More aliasing entries than the forgiving parser's budget could take one by one.
    const anchored = largeDefinition({ items: 1500, top: TOP })
      .replace('      operationId: get0\n', '      operationId: get0\n      x-amazon-apigateway-integration: &integ { type: mock }\n')
      .replace(/(      operationId: get[1-9]\d*\n)/g, '$1      x-amazon-apigateway-integration: *integ\n');
    const broken = anchored.replace('      operationId: get5\n', '      operationId: get5\n      x-am\n');
    const recovered = withRecoveredTree(parseApiDocument(TextDocument.create('file:///a.yaml', 'yaml', 1, broken)));
    const value = toValue(recovered.root) as { paths: Record<string, { get: Record<string, unknown> }> };
    assert.equal(Object.keys(value.paths).length, 1500);
    assert.deepEqual(value.paths['/r0'].get['x-amazon-apigateway-integration'], { type: 'mock' });
    assert.equal(value.paths['/r1400'].get['x-amazon-apigateway-integration'], null);
  });

  it('recovers around a broken entry of the root and an unclosed quote', () => {
    const text = clean.replace('  title: t\n', '  title: "t\n').replace('      operationId: get300\n', '      operationId: "get300\n');
    const recovered = withRecoveredTree(parseApiDocument(TextDocument.create('file:///a.yaml', 'yaml', 1, text)));
    const value = toValue(recovered.root) as { openapi: string; paths: Record<string, unknown>; components: unknown; tags: unknown };
    assert.equal(value.openapi, '3.0.1');
    assert.deepEqual(value.tags, [{ name: 'a' }]);
    assert.equal(Object.keys(value.paths).length, 700);
    assert.deepEqual(value.components, { schemas: { Item: { type: 'object' } } });
    assertKeysInPlace(text, recovered.root);
  });

  it('gives up quietly on a large text whose root is not a block mapping', () => {
    const flow = `{ openapi: 3.0.1, paths: { ${Array.from({ length: 30000 }, (_, i) => `/r${i}: {}`).join(', ')} `;
    assert.ok(flow.length > 256 * 1024);
    const recovered = withRecoveredTree(parseApiDocument(TextDocument.create('file:///a.yaml', 'yaml', 1, flow)));
    assert.equal(recovered.root, undefined);
  });

  it('reads a large JSON definition that does not parse with the forgiving JSON parser', async () => {
    const paths = Array.from({ length: 3000 }, (_, i) => `    "/r${i}": { "get": { "operationId": "get${i}", "summary": "${'Get one item. '.repeat(4)}" } }`);
    const text = `{\n  "openapi": "3.0.1",\n  "paths": {\n${paths.join(',\n')}\n  }\n`;
    assert.ok(text.length > 256 * 1024);
    const { service, document } = openBroken(text, 'json');
    const symbols = (await service.findDocumentSymbols(document)).filter((s) => s.name.startsWith('/')) as DocumentSymbol[];
    assert.equal(symbols.length, 3000);
    assert.equal(textAt(document, symbols[2999].selectionRange), '"/r2999"');
  });
});
