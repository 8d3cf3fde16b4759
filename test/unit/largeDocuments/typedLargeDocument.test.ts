import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';
import { countForgivingParses } from '../../support/forgivingParses';

/** Operations with a mapping template of several lines each, which folds and is coloured: over 256 KB of YAML. */
function yamlDefinition(items: number): string {
  const paths: string[] = [];
  for (let i = 0; i < items; i++) {
    paths.push(`  /r${i}:\n    get:\n      responses: { "200": { description: OK } }\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: |\n            #if($input.params('a'))\n            {"statusCode": 200}\n            #else\n            {"statusCode": 400}\n            #end\n`);
  }
  return `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${paths.join('')}`;
}

/** The same in JSON, over 256 KB. */
function jsonDefinition(items: number): string {
  const paths: string[] = [];
  for (let i = 0; i < items; i++) {
    paths.push(`    "/r${i}": {\n      "get": {\n        "responses": { "200": { "description": "OK" } },\n        "x-amazon-apigateway-integration": {\n          "type": "mock",\n          "requestTemplates": { "application/json": "#if($input.params('a')) {\\"statusCode\\": 200} #else {\\"statusCode\\": 400} #end" }\n        }\n      }\n    }`);
  }
  return `{\n  "openapi": "3.0.1",\n  "info": { "title": "t", "version": "1" },\n  "paths": {\n${paths.join(',\n')}\n  }\n}\n`;
}

/** A service that validated `text`, then was sent `edited` as the next version. */
async function typedAfter(uri: string, language: string, text: string, edited: string) {
  const service = createLanguageService({ log: () => undefined });
  const document = TextDocument.create(uri, language, 1, text);
  await service.doValidation(document);
  TextDocument.update(document, [{ text: edited }], 2);
  assert.equal(service.parse(document).root, undefined, 'the edited text does not parse');
  return { service, document };
}

describe('a large definition while a line is typed that leaves it unparsed', () => {
  const forgiving = countForgivingParses();

  it('keeps the lenses, template colours and folds of YAML where a valid text of the same shape has them', async () => {
    const text = yamlDefinition(1200);
    assert.ok(text.length > 256 * 1024);
    const at = text.indexOf('    get:\n', text.indexOf('  /r600:')) + '    get:\n'.length;
    const { service, document } = await typedAfter('file:///typed.yaml', 'yaml', text, `${text.slice(0, at)}      x-am\n${text.slice(at)}`);
    // A comment line of the same length parses, and places everything after it where the typed line does.
    const same = TextDocument.create('file:///typed.yaml', 'yaml', 1, `${text.slice(0, at)}      #x-a\n${text.slice(at)}`);
    const fresh = createLanguageService({ log: () => undefined });
    assert.deepEqual(await service.getCodeLenses(document), await fresh.getCodeLenses(same));
    assert.deepEqual(await service.getSemanticTokens(document), await fresh.getSemanticTokens(same));
    assert.deepEqual(await service.getFoldingRanges(document), await fresh.getFoldingRanges(same));
  });

  it('leaves out the lens and colours of the template typed into, and keeps the others', async () => {
    const text = jsonDefinition(1200);
    // A quote typed inside a template ends its string early: neither JSON nor YAML reads the text.
    const at = text.indexOf('#else', text.indexOf('"/r600"'));
    const { service, document } = await typedAfter('file:///typed.json', 'json', text, `${text.slice(0, at)}"${text.slice(at)}`);
    const fresh = createLanguageService({ log: () => undefined });
    const previous = TextDocument.create('file:///typed.json', 'json', 1, text);
    const line = document.positionAt(at).line;
    const expected = (await fresh
      .getCodeLenses(previous))
      .filter((lens) => !(lens.range.start.line === line && lens.command!.title.includes('Evaluate')))
      .map((lens) => {
        const args = lens.command!.arguments!;
        return typeof args[1] === 'number' && args[1] > at ? { ...lens, command: { ...lens.command!, arguments: [args[0], args[1] + 1] } } : lens;
      });
    assert.deepEqual(await service.getCodeLenses(document), expected);
    const tokenLines = (data: number[]) => {
      const lines: number[] = [];
      for (let i = 0, current = 0; i < data.length; i += 5) lines.push((current += data[i]));
      return lines;
    };
    const before = tokenLines((await fresh.getSemanticTokens(previous)).data);
    const after = tokenLines((await service.getSemanticTokens(document)).data);
    assert.ok(before.includes(line));
    assert.deepEqual(after, before.filter((l) => l !== line));
  });

  it('leaves out the Invoke lens of an operation whose path is being retyped', async () => {
    const text = jsonDefinition(1200);
    const at = text.indexOf('"/r600"') + '"/r60'.length;
    const { service, document } = await typedAfter('file:///typed.json', 'json', text, `${text.slice(0, at)}${text.slice(at + 2)}`);
    const lenses = (await service.getCodeLenses(document)).map((lens) => lens.command!.title);
    assert.ok(lenses.includes('$(debug-start) Invoke GET /r599') && lenses.includes('$(debug-start) Invoke GET /r601'));
    assert.ok(!lenses.some((title) => title.includes('/r600')));
    assert.equal(lenses.length, 2 * 1200 - 1);
  });

  it('reads a JSON definition from the last version that parsed, without a forgiving parse of the whole text', async () => {
    const text = jsonDefinition(1200);
    assert.ok(text.length > 256 * 1024);
    const at = text.indexOf('\n', text.indexOf('"get": {', text.indexOf('"/r600"'))) + 1;
    const typed = `${text.slice(0, at)}        "x-am"\n${text.slice(at)}`;
    const { service, document } = await typedAfter('file:///typed.json', 'json', text, typed);
    const before = await createLanguageService({ log: () => undefined }).getCodeLenses(TextDocument.create('file:///typed.json', 'json', 1, text));
    const lenses = await service.getCodeLenses(document);
    assert.equal(lenses.length, before.length);
    // Each lens one line further down from the typed line on, its template's offset moved by the typed text.
    const line = document.positionAt(at).line;
    const moved = before.map((lens) => {
      const shift = lens.range.start.line >= line;
      const start = { line: lens.range.start.line + (shift ? 1 : 0), character: lens.range.start.character };
      const args = lens.command!.arguments!;
      return { range: { start, end: start }, command: { ...lens.command!, arguments: typeof args[1] === 'number' && shift ? [args[0], args[1] + '        "x-am"\n'.length] : args } };
    });
    assert.deepEqual(lenses, moved);
    assert.ok((await service.getSemanticTokens(document)).data.length > 0);
    assert.equal(forgiving.count, 0);
  });
});
