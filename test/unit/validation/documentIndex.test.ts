import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../../server/src/model/apiDocument';
import { indexDocument, walkIndex, type DocumentIndex } from '../../../server/src/services/rules/documentIndex';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/openapi');

/** The index from the parser's notes, and whether notes were there to build it from. */
function indexed(text: string, uri = 'file:///a.yaml'): { index: DocumentIndex; walked: DocumentIndex; noted: boolean } {
  const document = parseApiDocument(TextDocument.create(uri, uri.endsWith('.json') ? 'json' : 'yaml', 1, text));
  const noted = document.noted !== undefined;
  const walked = walkIndex(document.root, true);
  return { index: indexDocument(document), walked, noted };
}

/** The same nodes, in the same order, as a walk of the whole tree finds. */
function assertSameAsWalk({ index, walked }: { index: DocumentIndex; walked: DocumentIndex }): void {
  assert.equal(index.extensions.length, walked.extensions.length, 'extensions');
  index.extensions.forEach((e, i) => assert.equal(e, walked.extensions[i], `extension ${i}`));
  assert.equal(index.refs.length, walked.refs.length, 'refs');
  index.refs.forEach((r, i) => {
    assert.equal(r.value, walked.refs[i].value, `ref ${i}`);
    assert.equal(r.parent, walked.refs[i].parent, `ref owner ${i}`);
  });
  assert.equal(index.firstUnprocessed?.node, walked.firstUnprocessed?.node, 'first unprocessed node');
  assert.equal(index.firstUnprocessed?.what, walked.firstUnprocessed?.what, 'first unprocessed');
  assert.equal(index.holdsUnprocessed, walked.holdsUnprocessed, 'holds unprocessed');
}

const HEAD = `openapi: 3.0.1
info: { title: t, version: '1' }
`;

describe('document index from the parser', () => {
  it('matches a walk of every corpus definition', () => {
    const files = readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/.test(f));
    assert.ok(files.length > 20);
    let noted = 0;
    for (const file of files) {
      const result = indexed(readFileSync(path.join(CORPUS, file), 'utf8'), `file:///${file}`);
      if (result.noted) noted++;
      assertSameAsWalk(result);
    }
    // Most are read by the direct parser, and so indexed from its notes.
    assert.ok(noted > files.length / 2, `${noted} of ${files.length} noted`);
  });

  it('matches a walk of a generated definition with thousands of operations', () => {
    const text = String(execFileSync(process.execPath, [path.resolve(CORPUS, '../../bench/gen-synthetic.js'), '100', 'yaml'], { maxBuffer: 1 << 26 }));
    const result = indexed(text);
    assert.ok(result.noted);
    assert.ok(result.index.extensions.length > 100);
    assertSameAsWalk(result);
  });

  it('lists an extension nested in another extension after it, in text order', () => {
    const result = indexed(`${HEAD}x-amazon-apigateway-outer:
  a:
    x-amazon-apigateway-inner: 1
  x-amazon-apigateway-inner2: { x-amazon-apigateway-innermost: 2 }
x-amazon-apigateway-last: 3
paths: {}
`);
    assert.ok(result.noted);
    assert.deepEqual(result.index.extensions.map((e) => e.keyValue), [
      'x-amazon-apigateway-outer', 'x-amazon-apigateway-inner', 'x-amazon-apigateway-inner2', 'x-amazon-apigateway-innermost', 'x-amazon-apigateway-last',
    ]);
    assertSameAsWalk(result);
  });

  it('indexes string $refs only, with the object holding them', () => {
    const result = indexed(`${HEAD}paths:
  /a:
    $ref: '#/components/pathItems/a'
  /b:
    get:
      parameters: [{ $ref: '#/components/parameters/p' }, { $ref: { not: a string } }, { "$ref": 12 }]
      responses: { '200': { $ref: "#/components/responses/ok" } }
`);
    assert.equal(result.index.refs.length, 3);
    assertSameAsWalk(result);
  });

  for (const [name, body] of [
    ['a foreign placeholder after resolved ones', `x-amazon-apigateway-integration:\n  uri: arn:\${AWS::Region}:\${stageVariables.fn}\n  credentials: \${role}\n  other: \${second}\n`],
    ['placeholders in templates only', `x-amazon-apigateway-integration:\n  requestTemplates:\n    application/json: '\${input.body} \${x}'\n  responseTemplates: "\${y}"\n`],
    ['templates before a foreign placeholder', `x-amazon-apigateway-integration:\n  requestTemplates:\n    application/json: |\n      \${input.body}\n  uri: \${lambda}\n`],
    ['a template that is a mapping of its own', `x-amazon-apigateway-integration:\n  requestTemplates:\n    application/json:\n      nested: \${z}\n`],
    ['${ in comments, keys and numbers', `# \${comment}\nx-a:\n  "\${key}": 1 # \${trailing}\n  n: 12\n  list: [a, '\${in list}']\n`],
    ['an unclosed placeholder', `x-a: 'abc \${unclosed'\nx-b: \${closed}\n`],
  ]) {
    it(`finds ${name} as the walk does`, () => {
      const result = indexed(`${HEAD}paths: {}\n${body}`);
      assert.ok(result.noted);
      assertSameAsWalk(result);
    });
  }

  for (const [name, body] of [
    ['long-form intrinsics', `x-a: { 'Fn::Sub': 'x' }\nx-amazon-apigateway-b: { Ref: Thing }\n`],
    ['aliases that copy placeholders', `x-a: &a { x-amazon-apigateway-c: '\${p}' }\nx-b: *a\n`],
    ['merge keys', `x-a: &a { x-amazon-apigateway-c: 1 }\nx-b: { <<: *a, d: 2 }\n`],
    ['a placeholder spelled with an escape', `x-a: "\\x24{lambda}"\n`],
  ]) {
    it(`leaves ${name} to the walk`, () => {
      const result = indexed(`${HEAD}paths: {}\n${body}`);
      assertSameAsWalk(result);
    });
  }

  it("notes the entries of aliases' copies where a walk meets them", () => {
    const result = indexed(`${HEAD}paths: {}
x-a: &a
  x-amazon-apigateway-c: 1
  $ref: '#/x'
  d:
    x-amazon-apigateway-e: &e
      $ref: '#/e'
x-amazon-apigateway-b: *a
x-f:
  - *e
  - $ref: '#/y'
    x-amazon-apigateway-g: *a
`);
    assert.ok(result.noted);
    assert.equal(result.index.extensions.length, 8);
    assert.equal(result.index.refs.length, 8);
    assertSameAsWalk(result);
  });

  it('indexes JSON from the parser too', () => {
    const result = indexed(JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: { '/a': { get: { 'x-amazon-apigateway-integration': { uri: '${fn}', requestTemplates: { 'application/json': '${input.body}' } } } } }, 'x-amazon-apigateway-x': { $ref: '#/y' } }), 'file:///a.json');
    assert.ok(result.noted);
    assert.equal(result.index.firstUnprocessed?.what, '${fn}');
    assertSameAsWalk(result);
  });
});
