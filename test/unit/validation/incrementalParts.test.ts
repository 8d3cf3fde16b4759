import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../../server/src/model/apiDocument';
import { isRetired, parsePatchedCopy, reparsePart, reparsePathItem } from '../../../server/src/model/incrementalParse';
import { toValue } from '../../../server/src/model/navigate';
import type { AnyNode, ValueNode } from '../../../server/src/model/nodes';
import { keyOf } from '../../../server/src/model/property';
import { createLanguageService } from '../../../server/src/languageService';

const URI = 'file:///api.yaml';
const JSON_URI = 'file:///api.json';

/** Comments at any indentation, anchors used across sections, compact lists, block and multi-line flow scalars. */
const TRICKY = `openapi: 3.0.1
# a comment at the top
info:
  title: T   # trailing comment
  version: "1"
  x-anchor: &shared
    a: 1
    b: [1, 2,
      3]
# a comment at column 0
x-amazon-apigateway-request-validators:
  all: {validateRequestBody: true,
    validateRequestParameters: true}
  dup: 1
  dup: 2
paths:
  /a:
    get:
      tags:
      - one
      - two
      x-uses: *shared
      description: |
        line one
          indented more

        after blank
      summary: >-
        folded
        text
      x-star: "'*'"
# a comment between path items
  /b:
    post:
      responses:
        '200': {description: ok}
      x-other: &local {k: v}
      x-again: *local
components:
  schemas:
    A:
      type: object
      properties:
        p: {type: string}
      # indented comment
    B: {$ref: '#/components/schemas/A'}
    C:
      - just: a list
`;

const JSON_TEXT = JSON.stringify(
  {
    openapi: '3.0.1',
    info: { title: 't', version: '1' },
    paths: { '/a': { get: { summary: 's', responses: { '200': { description: 'ok' } } } }, '/b': { post: { responses: {} } } },
    components: { schemas: { A: { type: 'object', properties: { p: { type: 'string' } } }, B: { type: 'string' } } },
  },
  null,
  2,
);

/** Every node's offsets, keys included, and each node's parent link, in document order. */
function ranges(node: ValueNode | undefined, parent?: AnyNode, out: string[] = []): string[] {
  if (!node) return out;
  out.push(`${node.type}@${node.offset}-${node.end}${node.parent === parent ? '' : ' (wrong parent)'}`);
  if (node.type === 'object') {
    for (const p of node.properties) {
      const key = keyOf(p);
      out.push(`${String(p.keyValue)}#${p.offset}-${p.keyEnd}-${p.end} key ${key.offset}-${key.end}${p.parent === node ? '' : ' (wrong parent)'}`);
      ranges(p.value, p, out);
    }
  } else if (node.type === 'array') node.items.forEach((item) => ranges(item, node, out));
  else out.push(`content ${node.contentOffset}-${node.contentEnd}`);
  return out;
}

/** Edits typed on or after each line: a new key at several indentations, a changed value, an opened bracket, a deleted line. */
function yamlEdits(text: string): string[] {
  const edits: string[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    const indent = /^ */.exec(line)![0].length;
    for (const column of [indent, indent + 2, Math.max(0, indent - 2), indent - 1]) if (column >= 0) edits.push(`${text.slice(0, end + 1)}${' '.repeat(column)}newKey:\n${text.slice(end + 1)}`);
    const colon = line.indexOf(': ');
    if (colon > 0) {
      edits.push(`${text.slice(0, start + colon + 2)}changed value${text.slice(end)}`);
      edits.push(`${text.slice(0, start + colon + 2)}[${text.slice(start + colon + 2)}`);
    }
    if (line) edits.push(`${text.slice(0, end)}x${text.slice(end)}`);
    edits.push(text.slice(0, start) + text.slice(Math.min(end + 1, text.length)));
    start = end + 1;
  }
  return edits.filter((edited) => edited !== text);
}

function jsonEdits(text: string): string[] {
  const edits: string[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    const colon = line.indexOf('": ');
    if (colon > 0) edits.push(`${text.slice(0, start + colon + 3)}"changed"${line.endsWith(',') ? ',' : ''}${text.slice(end)}`);
    edits.push(`${text.slice(0, end)} "newKey": null,${text.slice(end)}`);
    if (line) edits.push(text.slice(0, end - 1) + text.slice(end));
    start = end + 1;
  }
  return edits;
}

describe('re-parsing by parts outside one path item', () => {
  for (const [format, uri, text, edits] of [
    ['yaml', URI, TRICKY, yamlEdits(TRICKY)],
    ['json', JSON_URI, JSON_TEXT, jsonEdits(JSON_TEXT)],
  ] as const) {
    it(`gives exactly a full parse's tree and findings after an edit anywhere, or declines (${format})`, () => {
      let byParts = 0;
      for (const edited of edits) {
        const base = parseApiDocument(TextDocument.create(uri, format, 1, text));
        const next = TextDocument.create(uri, format, 2, edited);
        const reparsed = reparsePart(base, next);
        if (!reparsed) continue;
        byParts++;
        const full = parseApiDocument(next);
        assert.deepEqual(reparsed.problems, full.problems, edited);
        assert.deepEqual(ranges(reparsed.root), ranges(full.root), edited);
        assert.deepEqual(toValue(reparsed.root), toValue(full.root), edited);
        if (reparsed.root) assert.ok(isRetired(base));
      }
      // Most edits are taken: the ones declined touch a root key's line, or an anchor used elsewhere.
      assert.ok(byParts > edits.length / 4, `${byParts} of ${edits.length}`);
    });
  }

  it('re-parses an edit under a root key other than paths, keeping the other root entries', () => {
    const base = parseApiDocument(TextDocument.create(URI, 'yaml', 1, TRICKY));
    const paths = (base.root as { properties: { keyValue: unknown; value: unknown }[] }).properties.find((p) => p.keyValue === 'paths')!.value;
    const edited = TRICKY.replace('p: {type: string}', 'p: {type: integer}');
    assert.equal(reparsePathItem(base, TextDocument.create(URI, 'yaml', 2, edited)), undefined);
    const reparsed = reparsePart(base, TextDocument.create(URI, 'yaml', 2, edited))!;
    assert.equal((reparsed.root as { properties: { keyValue: unknown; value: unknown }[] }).properties.find((p) => p.keyValue === 'paths')!.value, paths);
    assert.deepEqual(ranges(reparsed.root), ranges(parseApiDocument(TextDocument.create(URI, 'yaml', 2, edited)).root));
  });

  it('declines a new key that repeats one of the mapping it joins, whose finding only a full parse makes', () => {
    const text = 'openapi: 3.0.1\ninfo:\n  title: t\n  version: "1"\npaths: {}\n';
    const edited = text.replace('  version: "1"\n', '  version: "1"\n  title: again\n');
    const base = parseApiDocument(TextDocument.create(URI, 'yaml', 1, text));
    const reparsed = reparsePart(base, TextDocument.create(URI, 'yaml', 2, edited));
    const full = parseApiDocument(TextDocument.create(URI, 'yaml', 2, edited));
    assert.deepEqual(reparsed?.problems ?? full.problems, full.problems);
  });

  it('takes the words of a syntax error from the whole text, as a full parse does', () => {
    const text = 'openapi: 3.0.1\ninfo:\n  title: t\ncomponents:\n  schemas:\n    A:\n      type: object\n    B:\n      type: string\n';
    const edited = text.replace('    A:\n', '    A:\n      x-amazon-a\n');
    const reparsed = reparsePart(parseApiDocument(TextDocument.create(URI, 'yaml', 1, text)), TextDocument.create(URI, 'yaml', 2, edited))!;
    assert.equal(reparsed.root, undefined);
    assert.deepEqual(reparsed.problems, parseApiDocument(TextDocument.create(URI, 'yaml', 2, edited)).problems);
  });

  it('lets the language service answer after edits outside paths as after a full parse', async () => {
    const service = createLanguageService();
    const document = TextDocument.create(URI, 'yaml', 1, TRICKY);
    await service.doValidation(document);
    let text = TRICKY;
    for (const [i, [from, to]] of [['title: T ', 'title: Te '], ['p: {type: string}', 'p: {type: integer}'], ['  all: {', '  all: {x-y: 1, ']].entries()) {
      text = text.replace(from, to);
      TextDocument.update(document, [{ text }], i + 2);
      const fresh = createLanguageService();
      const again = TextDocument.create(URI, 'yaml', 1, text);
      assert.deepEqual(ranges(service.parse(document).root), ranges(fresh.parse(again).root));
      assert.deepEqual(await service.doValidation(document), await fresh.doValidation(again));
    }
  });
});

describe('patched copies by parts', () => {
  const PLACEHOLDER = '__patched__';

  /** Patches as completion makes them: the word typed replaced, or a new key line, at every line. */
  function patches(text: string): { at: number; patched: string }[] {
    const found: { at: number; patched: string }[] = [];
    let start = 0;
    for (const line of text.split('\n')) {
      const end = start + line.length;
      const indent = /^ */.exec(line)![0].length;
      for (const column of [indent, indent + 2, Math.max(0, indent - 2)]) found.push({ at: end + 1 + column, patched: `${text.slice(0, end + 1)}${' '.repeat(column)}${PLACEHOLDER}:\n${text.slice(end + 1)}` });
      const colon = line.indexOf(': ');
      if (colon > 0) found.push({ at: start + colon + 2, patched: `${text.slice(0, start + colon + 2)}${PLACEHOLDER}${text.slice(end)}` });
      start = end + 1;
    }
    return found.filter((p) => p.patched.length > text.length || p.patched !== text);
  }

  it('reads as a full parse does: the same values, and a full parse\'s offsets up to the patch; the base stays as it was', () => {
    const base = parseApiDocument(TextDocument.create(URI, 'yaml', 1, TRICKY));
    const before = ranges(base.root);
    let copies = 0;
    for (const { patched } of patches(TRICKY)) {
      const document = TextDocument.create(URI, 'yaml', 1, patched);
      const copy = parsePatchedCopy(base, document);
      if (!copy) continue;
      const full = parseApiDocument(document);
      if (!copy.root) {
        assert.equal(full.root, undefined, patched);
        continue;
      }
      copies++;
      assert.deepEqual(toValue(copy.root), toValue(full.root), patched);
      const mine = ranges(copy.root);
      const theirs = ranges(full.root);
      const upTo = theirs.findIndex((r) => r.startsWith(`${PLACEHOLDER}#`));
      assert.deepEqual(mine.slice(0, upTo + 1).map((r) => r.replace(' (wrong parent)', '')), theirs.slice(0, upTo + 1), patched);
    }
    assert.ok(copies > 50, String(copies));
    assert.deepEqual(ranges(base.root), before);
  });

  it('is made from the change when the caller gives it, and from slices of a text never joined', () => {
    const base = parseApiDocument(TextDocument.create(URI, 'yaml', 1, TRICKY));
    const at = TRICKY.indexOf('      type: object\n      properties:');
    const insert = `      ${PLACEHOLDER}:\n`;
    const patched = TRICKY.slice(0, at) + insert + TRICKY.slice(at);
    const slices = { length: patched.length, slice: (from: number, to: number) => patched.slice(from, to) };
    const copy = parsePatchedCopy(base, TextDocument.create(URI, 'yaml', 1, patched), { start: at, oldEnd: at, newEnd: at + insert.length }, slices)!;
    assert.deepEqual(toValue(copy.root), toValue(parseApiDocument(TextDocument.create(URI, 'yaml', 1, patched)).root));
  });

  it('takes a `*` or `&` inside a quoted value for text, not for an alias or anchor', () => {
    const text = 'openapi: 3.0.1\ninfo:\n  title: "say \'*\' or a&b"\n  description: \'.*x\'\ncomponents:\n  schemas:\n    A: {type: string}\n';
    const base = parseApiDocument(TextDocument.create(URI, 'yaml', 1, text));
    const edited = text.replace('  description:', '  x-new: 1\n  description:');
    assert.ok(reparsePart(base, TextDocument.create(URI, 'yaml', 2, edited))?.root);
  });
});
