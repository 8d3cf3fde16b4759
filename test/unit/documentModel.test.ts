import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument, withRecoveredTree } from '../../server/src/model/apiDocument';
import { findNodeAtPath, getProperty, getValue, nodeAtOffset, pathOf, toValue } from '../../server/src/model/navigate';
import { reparsePathItem } from '../../server/src/model/incrementalParse';
import type { ScalarNode } from '../../server/src/model/nodes';

function parse(text: string, uri = 'file:///api.yaml') {
  return parseApiDocument(TextDocument.create(uri, uri.endsWith('.json') ? 'json' : 'yaml', 1, text));
}

describe('document model', () => {
  it('builds a tree with exact offsets for keys and values', () => {
    const text = 'openapi: 3.0.1\npaths:\n  /pets:\n    get:\n      x-amazon-apigateway-integration:\n        type: MOCK\n';
    const doc = parse(text);
    assert.equal(doc.kind, 'openapi');
    assert.equal(doc.specVersion, '3.0.1');
    const type = findNodeAtPath(doc.root, ['paths', '/pets', 'get', 'x-amazon-apigateway-integration', 'type']) as ScalarNode;
    assert.equal(text.slice(type.offset, type.end), 'MOCK');
    assert.deepEqual(pathOf(type), ['paths', '/pets', 'get', 'x-amazon-apigateway-integration', 'type']);
    const onKey = nodeAtOffset(doc.root, text.indexOf('get:') + 1);
    assert.equal(onKey?.type, 'string');
    assert.deepEqual(pathOf(onKey!), ['paths', '/pets', 'get']);
  });

  it('resolves YAML 1.2 core scalars and keeps dates as strings', () => {
    const doc = parse('openapi: 3.0.1\na: 200\nb: true\nc: ~\nd: 2015-03-31\ne: "200"\nf: 1.5\n');
    assert.deepEqual(toValue(doc.root), { openapi: '3.0.1', a: 200, b: true, c: null, d: '2015-03-31', e: '200', f: 1.5 });
  });

  it('gives quoted scalars a range including the quotes and a content range without', () => {
    const text = 'openapi: "3.0.1"\nx: \'it\'\'s\'\n';
    const doc = parse(text);
    const x = findNodeAtPath(doc.root, ['x']) as ScalarNode;
    assert.equal(text.slice(x.offset, x.end), "'it''s'");
    assert.equal(text.slice(x.contentOffset, x.contentEnd), "it''s");
    assert.equal(x.value, "it's");
  });

  it('keeps block scalar content and trims the range to the text', () => {
    const text = 'openapi: 3.0.1\nt: |\n  #set($a = 1)\n  $a\nnext: 1\n';
    const doc = parse(text);
    const t = findNodeAtPath(doc.root, ['t']) as ScalarNode;
    assert.equal(t.value, '#set($a = 1)\n$a\n');
    assert.equal(t.style, 'literal');
    assert.equal(text.slice(t.offset, t.end), '  #set($a = 1)\n  $a');
  });

  it('parses JSON through the same model with exact offsets', () => {
    const text = '{\n  "swagger": "2.0",\n  "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}\n}';
    const doc = parse(text, 'file:///api.json');
    assert.equal(doc.kind, 'swagger');
    const d = findNodeAtPath(doc.root, ['paths', '/a', 'get', 'responses', '200', 'description'])!;
    assert.equal(text.slice(d.offset, d.end), '"ok"');
    const responses = findNodeAtPath(doc.root, ['paths', '/a', 'get', 'responses'])!;
    assert.equal(text.slice(responses.offset, responses.end), '{"200": {"description": "ok"}}');
  });

  it('reports duplicate keys on the second key and keeps the first value', () => {
    const text = 'openapi: 3.0.1\npaths: {}\npaths: {a: 1}\n';
    const doc = parse(text);
    const dup = doc.problems.find((p) => p.code === 'duplicate-key')!;
    assert.equal(dup.offset, text.lastIndexOf('paths'));
  });

  it('reports YAML syntax errors with a position, and keeps what a forgiving parse makes of the rest', () => {
    const plain = parse('openapi: 3.0.1\npaths:\n  /a: [1, 2\n');
    assert.equal(plain.root, undefined);
    assert.equal(plain.problems[0].code, 'yaml-syntax');
    const doc = withRecoveredTree(plain);
    assert.ok(doc.recovered);
    assert.equal(doc.kind, 'openapi');
  });

  it('keeps the tree around a broken line, with exact positions, for the editing features', () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {$ref: '#/components/responses/Ok'}}\n  /b:\n    get:\n      summary: x: y\ncomponents:\n  responses:\n    Ok: {description: ok}\n";
    const doc = withRecoveredTree(parse(text));
    assert.ok(doc.recovered);
    assert.deepEqual(doc.problems.map((p) => p.code), ['yaml-syntax']);
    const ref = findNodeAtPath(doc.root, ['paths', '/a', 'get', 'responses', '200', '$ref'])!;
    assert.equal(text.slice(ref.offset, ref.end), "'#/components/responses/Ok'");
    const ok = findNodeAtPath(doc.root, ['components', 'responses', 'Ok', 'description'])!;
    assert.equal(text.slice(ok.offset, ok.end), 'ok');
  });

  it('recovers broken JSON the same way', () => {
    const text = '{"openapi": "3.0.1", "info": {"title": "t" "version": "1"}, "paths": {"/a": {"get": {"responses": {}}}}}';
    const doc = withRecoveredTree(parse(text, 'file:///api.json'));
    assert.ok(doc.recovered);
    const get = findNodeAtPath(doc.root, ['paths', '/a', 'get'])!;
    assert.equal(text.slice(get.offset, get.end), '{"responses": {}}');
  });

  it('reports JSON-only syntax errors that YAML would accept', () => {
    const doc = parse('{"openapi": "3.0.1", "paths": {"/a": {},}}', 'file:///api.json');
    assert.ok(doc.root);
    assert.ok(doc.problems.some((p) => p.code === 'json-syntax'));
  });

  it('reports one JSON mistake once, though the JSON parser raises two errors at its place', () => {
    const text = '{"openapi": "3.0.1", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok",}}}}}}';
    const doc = parse(text, 'file:///api.json');
    assert.deepEqual(doc.problems.map((p) => [p.code, p.message, p.offset]), [['json-syntax', 'JSON: Property name expected.', text.indexOf(',}') + 1]]);
  });

  it('says that valid JSON nested past the parser\'s depth limit was not checked, instead of calling it a YAML error', () => {
    const text = `{"openapi": "3.0.1", "x-deep": ${'['.repeat(250)}${']'.repeat(250)}}`;
    const doc = parse(text, 'file:///api.json');
    assert.equal(doc.root, undefined);
    assert.deepEqual(doc.problems.map((p) => [p.code, p.message]), [['json-syntax', 'JSON: nesting deeper than 200 levels, the most the checker reads; the document is valid JSON, but it was not checked.']]);
    // The same text read as YAML keeps the YAML parser's finding: there it may be a mistake.
    assert.equal(parse(text).problems[0].code, 'yaml-syntax');
  });

  it('reports a broken JSON document with the JSON parser\'s problems only', () => {
    const text = '{"openapi": "3.0.1", "paths": ["a" "b"]}';
    const doc = parse(text, 'file:///api.json');
    assert.ok(doc.problems.length > 0);
    assert.deepEqual([...new Set(doc.problems.map((p) => p.code))], ['json-syntax']);
    assert.deepEqual(parse(text).problems.map((p) => p.code), ['yaml-syntax']);
  });

  it('keeps CloudFormation tags on nodes', () => {
    const doc = parse('openapi: 3.0.1\nuri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path"\nref: !Ref Fn\n');
    assert.equal(findNodeAtPath(doc.root, ['uri'])?.tag, '!Sub');
    assert.equal(findNodeAtPath(doc.root, ['ref'])?.tag, '!Ref');
  });

  it('expands aliases and merge keys', () => {
    const doc = parse('openapi: 3.0.1\nbase: &b {type: MOCK, timeoutInMillis: 100}\nuse:\n  <<: *b\n  type: HTTP\ncopy: *b\n');
    assert.deepEqual(toValue(findNodeAtPath(doc.root, ['use'])), { timeoutInMillis: 100, type: 'HTTP' });
    assert.deepEqual(toValue(findNodeAtPath(doc.root, ['copy'])), { type: 'MOCK', timeoutInMillis: 100 });
  });

  it('refuses aliases that expand exponentially with a syntax problem at the alias', () => {
    let text = 'openapi: 3.0.1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    assert.ok(text.length < 700);
    const doc = parse(text);
    assert.equal(doc.root, undefined);
    assert.equal(doc.problems.length, 1);
    assert.equal(doc.problems[0].code, 'yaml-syntax');
    assert.match(doc.problems[0].message, /^Aliases expand to too many nodes/);
    assert.match(text.slice(doc.problems[0].offset, doc.problems[0].end), /^\*a\d$/);
  });

  it('refuses merge keys that expand exponentially', () => {
    let text = 'openapi: 3.0.1\nm0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}\n';
    for (let i = 1; i < 10; i++) text += `m${i}: &m${i} {${Array.from({ length: 10 }, (_, k) => `k${k}: *m${i - 1}`).join(', ')}, <<: *m${i - 1}}\n`;
    const doc = parse(text);
    assert.equal(doc.problems[0]?.code, 'yaml-syntax');
    assert.match(doc.problems[0].message, /^Aliases expand to too many nodes/);
  });

  it('refuses an alias that names no anchor before it with a syntax problem at the alias', () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration: *missingAnchor\n";
    const doc = parse(text);
    assert.equal(doc.root, undefined);
    assert.deepEqual(doc.problems.map((p) => [p.code, p.message, text.slice(p.offset, p.end)]), [
      ['yaml-syntax', 'Unknown alias *missingAnchor: no anchor &missingAnchor is defined before it.', '*missingAnchor'],
    ]);
    // An anchor written after its alias does not count, as in YAML.
    const later = parse('openapi: 3.0.1\na: *x\nb: &x 1\n');
    assert.match(later.problems[0].message, /^Unknown alias \*x: no anchor &x is defined before it/);
    const enclosing = parse('openapi: 3.0.1\na: &x\n  b: *x\n');
    assert.match(enclosing.problems[0].message, /^Alias \*x stands inside the node anchored &x/);
  });

  it('leaves a syntax error js-yaml finds before an unknown alias to js-yaml, wherever it stands', () => {
    const doc = parse('openapi: 3.0.1\na: *missing\nb: [1,\n');
    assert.equal(doc.problems.length, 1);
    assert.doesNotMatch(doc.problems[0].message, /alias/i);
  });

  it('keeps many ordinary aliases', () => {
    const text = `openapi: 3.0.1\nbase: &b {type: MOCK, requestTemplates: {application/json: '{}'}, responses: {default: {statusCode: '200'}}}\n${Array.from({ length: 2000 }, (_, i) => `i${i}: *b\n`).join('')}`;
    const doc = parse(text);
    assert.deepEqual(doc.problems, []);
    assert.deepEqual(toValue(findNodeAtPath(doc.root, ['i1999'])), toValue(findNodeAtPath(doc.root, ['base'])));
  });

  it('refuses binary content and overly deep nesting with a problem, not an exception', () => {
    assert.equal(parse('openapi: 3\u0000').problems[0].code, 'binary-content');
    const deep = `openapi: 3.0.1\nx: ${'['.repeat(500)}${']'.repeat(500)}\n`;
    assert.equal(parse(deep).problems[0].code, 'yaml-syntax');
  });
});

describe('the forgiving parse of a broken document', () => {
  it('places copies for aliases at the alias, as the parsed tree does', () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: \"1\"\npaths:\n  /a: &item\n    get:\n      operationId: getA\n  /b: *item\n";
    const doc = withRecoveredTree(parse(text));
    assert.ok(doc.recovered);
    const copy = findNodeAtPath(doc.root, ['paths', '/b', 'get', 'operationId'])!;
    assert.equal(text.slice(copy.offset, copy.end), '*item');
  });

  it('keeps the tree around an unknown alias, with the alias read as empty', () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      x-amazon-apigateway-integration: *missingAnchor\n";
    const doc = withRecoveredTree(parse(text));
    assert.ok(doc.recovered);
    assert.equal(doc.problems[0].code, 'yaml-syntax');
    assert.equal(toValue(findNodeAtPath(doc.root, ['paths', '/a', 'get', 'operationId'])), 'getA');
  });

  it('gives up on aliases that expand past the budget of a parsed document, quickly', () => {
    const lines = ['openapi: 3.0.1', 'info: {title: t', 'x-a0: &a0 {' + Array.from({ length: 1000 }, (_, i) => `k${i}: v`).join(', ') + '}'];
    for (let level = 1; level <= 4; level++) lines.push(`x-a${level}: &a${level} {` + Array.from({ length: 9 }, (_, i) => `k${i}: *a${level - 1}`).join(', ') + '}');
    const started = Date.now();
    const doc = withRecoveredTree(parse(lines.join('\n') + '\n'));
    assert.equal(doc.root, undefined);
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
  });

  it('keeps the last character of an unterminated JSON string', () => {
    const text = '{"openapi": "3.0.1", "paths": {},\n "components": {"schemas": {"A": {"$ref": "#/components/schemas/Pet\n}, "Pet": {"type": "object"}}}}';
    const doc = withRecoveredTree(parse(text, 'file:///api.json'));
    const ref = findNodeAtPath(doc.root, ['components', 'schemas', 'A', '$ref']);
    assert.ok(ref && ref.type === 'string');
    assert.equal(text.slice(ref.contentOffset, ref.contentEnd).trimEnd(), '#/components/schemas/Pet');
  });

  it('reports JSON nested too deep to check instead of overflowing the stack', () => {
    const doc = parse('{"openapi":"3.0.1","x":' + '['.repeat(6000), 'file:///api.json');
    assert.deepEqual(doc.problems.map((p) => p.code), ['json-syntax']);
  });
});

describe('looking up keys of large objects', () => {
  const items = (count: number, name: (i: number) => string) => Array.from({ length: count }, (_, i) => `  ${name(i)}:\n    get:\n      responses: {}\n`).join('');

  it('finds every key of an object with many entries, the first of a repeated key, and numeric keys by their digits', () => {
    const text = `openapi: 3.0.1\nx-codes:\n${Array.from({ length: 60 }, (_, i) => `  ${200 + i}: c${i}\n`).join('')}  "200": again\npaths:\n${items(50, (i) => `/r${i}`)}`;
    const doc = parse(text);
    const paths = findNodeAtPath(doc.root, ['paths']);
    for (let i = 0; i < 50; i++) assert.ok(getProperty(paths, `/r${i}`), `/r${i}`);
    assert.equal(getProperty(paths, '/r50'), undefined);
    assert.equal(getProperty(paths, 'constructor'), undefined);
    const codes = findNodeAtPath(doc.root, ['x-codes']);
    assert.equal((getValue(codes, '200') as ScalarNode).value, 'c0');
    assert.equal((getValue(codes, '259') as ScalarNode).value, 'c59');
  });

  it('finds the new entry of a path item that was parsed again on its own', () => {
    const text = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${items(40, (i) => `/r${i}`)}`;
    const base = parse(text);
    assert.ok(getValue(findNodeAtPath(base.root, ['paths']), '/r7'));
    const at = text.indexOf('get:', text.indexOf('/r7:'));
    const edited = `${text.slice(0, at)}post${text.slice(at + 3)}`;
    const next = reparsePathItem(base, TextDocument.create('file:///api.yaml', 'yaml', 2, edited));
    assert.ok(next, 'the edit stays inside one path item');
    const item = getValue(findNodeAtPath(next.root, ['paths']), '/r7');
    assert.ok(getValue(item, 'post'));
    assert.equal(getValue(item, 'get'), undefined);
  });
});
