import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../../server/src/model/apiDocument';
import { reparsePart, reparsePathItem } from '../../../server/src/model/incrementalParse';
import { createLanguageService } from '../../../server/src/languageService';
import { seededRandom } from '../../support/seededRandom';

const URI = 'file:///api.json';
const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLE = readFileSync(path.join(ROOT, 'examples', 'orders-http-api.json'), 'utf8');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus', 'openapi');

/** A version as the language service makes it from the previous one: by the path item, else by the part, or not. */
function byParts(text: string, edited: string) {
  const base = parseApiDocument(TextDocument.create(URI, 'json', 1, text));
  const next = TextDocument.create(URI, 'json', 2, edited);
  return reparsePathItem(base, next) ?? reparsePart(parseApiDocument(TextDocument.create(URI, 'json', 1, text)), next);
}

/** The states of a key typed on a new line of an operation, with and without the editor's closing quote. */
const TYPED = ['"', '""', '"x-am', '"x-am"', '"x-am":', '"x-am": ', '"x-am": "', '"x-am": {', '"x-am": [', '"x-am": ""', '"x-am": {}'];

describe('JSON versions that do not parse, by parts', () => {
  it('gives each state of a key typed into an operation the findings of a full parse, and no tree', () => {
    const line = EXAMPLE.lastIndexOf('\n', EXAMPLE.indexOf('"x-amazon-apigateway-integration": {'));
    for (const typed of TYPED) {
      const edited = `${EXAMPLE.slice(0, line)}\n        ${typed}${EXAMPLE.slice(line)}`;
      const full = parseApiDocument(TextDocument.create(URI, 'json', 2, edited));
      assert.equal(full.root, undefined, typed);
      const reparsed = byParts(EXAMPLE, edited);
      assert.ok(reparsed, `not taken: ${typed}`);
      assert.equal(reparsed.root, undefined, typed);
      assert.deepEqual(reparsed.problems, full.problems, typed);
    }
  });

  it('reports where a full parse finds the root closed, far from the edit', () => {
    const line = EXAMPLE.lastIndexOf('\n', EXAMPLE.indexOf('"x-amazon-apigateway-integration": {'));
    const edited = `${EXAMPLE.slice(0, line)}\n        "x-am"${EXAMPLE.slice(line)}`;
    const problems = byParts(EXAMPLE, edited)!.problems;
    assert.deepEqual(problems.map((p) => p.message), ['A colon is expected after the property name, before its value (`"name": value`).', 'Text follows the end of the document: a `}` or `]` before here closes more than was opened, or the file holds a second value, which JSON does not allow.']);
    // The parser, recovering, closed the operation at the key's line: each brace after it closes one level early.
    assert.equal(problems[1].offset, edited.indexOf(',\n  "components"'));
  });

  it('declines a value that closes early when the text after it reads on, which only a full parse sees', () => {
    // Both texts have a tree in a full parse: the pasted entry is closed by the value's own brace, or a YAML comment
    // on the value's last line takes the rest of the line, an opening brace, with it.
    const closing = EXAMPLE.indexOf('\n    }', EXAMPLE.indexOf('"/orders"'));
    const pasted = `${EXAMPLE.slice(0, closing)}},"/z":{"get":{}${EXAMPLE.slice(closing)}`;
    const text = '{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}, "a": {"x": 1}, "b": {\n"y": 2}}';
    const commented = text.replace('{"x": 1}', '{"x": 1, #}');
    for (const [base, edited] of [[EXAMPLE, pasted], [EXAMPLE, pasted.replace('"get":{}', '"get":{},')], [text, commented]]) {
      const full = parseApiDocument(TextDocument.create(URI, 'json', 2, edited));
      assert.ok(full.root, edited);
      const reparsed = byParts(base, edited);
      if (reparsed) assert.ok(reparsed.root, edited);
    }
  });

  it('agrees with a full parse on random edits of the corpus JSON definitions that break them, or declines', () => {
    const random = seededRandom(20261124);
    const inserts = ['"x-am', '"', '""', '{', '}', '[', ']', ',', ':', '"a": ', 'x', '"k": [1,', '\\', '"\n', "'s'", '#', '{"a": {', '"}', '[{', '}]', 'null,', '// c\n', '},"zz":{', ', #', '\t#', '/*'];
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).map((f) => path.join(CORPUS, f));
    let broken = 0;
    let taken = 0;
    for (const file of [...files, path.join(ROOT, 'examples', 'orders-http-api.json')]) {
      const text = readFileSync(file, 'utf8');
      for (let i = 0; i < 60; i++) {
        let at = Math.floor(random() * text.length);
        // Edits just before a closing brace, where a value that closes early meets the text after it.
        if (random() < 0.2) at = Math.max(0, text.indexOf('}', at));
        const edited = random() < 0.3 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3)) : text.slice(0, at) + inserts[Math.floor(random() * inserts.length)] + text.slice(at);
        const full = parseApiDocument(TextDocument.create(URI, 'json', 2, edited));
        const reparsed = byParts(text, edited);
        if (!full.root) broken++;
        if (!reparsed) continue;
        assert.equal(!!reparsed.root, !!full.root, `${file} at ${at}`);
        assert.deepEqual(reparsed.problems, full.problems, `${file} at ${at}`);
        if (!full.root) taken++;
      }
    }
    // Edits on the root's own lines, and those YAML reads (a full parse then has a tree), are declined.
    assert.ok(taken > broken / 2, `${taken} of ${broken}`);
  });

  it('leaves brackets nested past what the JSON parser reads to a full parse, which says so', () => {
    const at = EXAMPLE.indexOf('"x-amazon-apigateway-integration": {');
    const edited = `${EXAMPLE.slice(0, at)}"deep": ${'['.repeat(20000)}${EXAMPLE.slice(at)}`;
    const full = parseApiDocument(TextDocument.create(URI, 'json', 2, edited));
    assert.equal(byParts(EXAMPLE, edited), undefined);
    assert.match(full.problems[0].message, /Nesting too deep/);
  });

  it('lets the language service answer completion and diagnostics on such a version as after a full parse', async () => {
    const service = createLanguageService();
    const document = TextDocument.create(URI, 'json', 1, EXAMPLE);
    await service.doValidation(document);
    const line = EXAMPLE.lastIndexOf('\n', EXAMPLE.indexOf('"x-amazon-apigateway-integration": {'));
    const text = `${EXAMPLE.slice(0, line)}\n        "x-am"${EXAMPLE.slice(line)}`;
    TextDocument.update(document, [{ text }], 2);
    const fresh = createLanguageService();
    const again = TextDocument.create(URI, 'json', 1, text);
    const at = document.positionAt(line + 14);
    assert.deepEqual(await service.doComplete(document, at), await fresh.doComplete(again, at));
    assert.deepEqual(await service.doValidation(document), await fresh.doValidation(again));
  });
});
