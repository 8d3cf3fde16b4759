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

  it('keeps a __proto__ key as an entry of its object, not as the object\'s prototype', () => {
    const value = toValue(parse('openapi: 3.0.1\nheaders:\n  __proto__: { schema: { type: string } }\n  X-Plain: {}\n').root) as { headers: Record<string, unknown> };
    assert.deepEqual(Object.keys(value.headers), ['__proto__', 'X-Plain']);
    assert.equal(Object.getPrototypeOf(value.headers), Object.prototype);
    assert.equal((value.headers as { schema?: unknown }).schema, undefined);
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
    assert.deepEqual(doc.problems.map((p) => [p.code, p.message, p.offset]), [['json-syntax', 'A trailing comma: JSON allows no comma after the last property of an object; remove the comma before this `}`.', text.indexOf(',}') + 1]]);
  });

  it('tells JSON syntax mistakes as what the writer did and how to put it right', () => {
    const problems = (text: string) => parse(text, 'file:///api.json').problems.map((p) => [p.offset, p.message]);
    assert.deepEqual(problems('{\n  // pets\n  "openapi": "3.0.1"\n}'), [[4, 'JSON has no comments: remove this one, or write the definition in YAML, where `#` starts a comment (API Gateway imports both).']]);
    assert.deepEqual(problems('{"openapi": "3.0.1", "tags": [\n  "a",\n]}'), [[38, 'A trailing comma: JSON allows no comma after the last item of an array; remove the comma before this `]`.']]);
    assert.deepEqual(problems('{"openapi": "3.0.1",\n}'), [[21, 'A trailing comma: JSON allows no comma after the last property of an object; remove the comma before this `}`.']]);
    // A token JSON does not know is the mistake; what the parser then expects is not repeated.
    const quotes = 'JSON takes double quotes around names and strings, not single quotes.';
    assert.deepEqual(problems("{'openapi': '3.0.1'}"), [[1, quotes], [12, quotes]]);
    assert.deepEqual(problems('{"openapi": "3.0.1", "x-n": 007}').map(([offset]) => offset), [29]);
    assert.match(String(problems('{"openapi": "3.0.1", "x-n": 007}')[0][1]), /^Not a JSON number: JSON numbers have no leading zeros/);
    assert.deepEqual(problems('{"openapi": "3.0.1", "x-b": True}'), [[28, 'JSON writes `true`, `false` and `null` in lower case, not `True`.']]);
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

/**
 * The one YAML syntax problem of a text: its message, its range as 1-based `line:column-line:column`, and the text the
 * range covers.
 */
function syntaxError(text: string): { message: string; range: string; covers: string } {
  const doc = parse(text);
  const problems = doc.problems.filter((p) => p.code === 'yaml-syntax');
  assert.equal(problems.length, 1, JSON.stringify(doc.problems));
  const [problem] = problems;
  const { start, end } = doc.rangeOf(problem);
  return { message: problem.message, range: `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`, covers: text.slice(problem.offset, problem.end) };
}

describe('YAML syntax errors, told where the mistake is', () => {
  it('places an unclosed double quote at the quote, naming the line where the parser gave up', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  version: "1\n  title: t\npaths: {}\n'), {
      message: 'This double-quoted string is not closed: the parser reads on to line 4 without finding its closing `"`.',
      range: '3:12-3:14',
      covers: '"1',
    });
  });

  it('says an unclosed double quote on the last line runs to the end of the file', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: t\n  version: "1\n'), {
      message: 'This double-quoted string is not closed: the parser reads on to the end of the file without finding its closing `"`.',
      range: '4:12-4:14',
      covers: '"1',
    });
  });

  it('places an unclosed double quote spanning lines at its first line', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  description: "The first line\n    and the second\n  title: t\n'), {
      message: 'This double-quoted string is not closed: the parser reads on to line 5 without finding its closing `"`.',
      range: '3:16-3:31',
      covers: '"The first line',
    });
  });

  it('places an unclosed single quote at the quote', () => {
    assert.deepEqual(syntaxError("openapi: 3.0.1\ninfo:\n  version: '1\n  title: t\npaths: {}\n"), {
      message: "This single-quoted string is not closed: the parser reads on to line 4 without finding its closing `'`.",
      range: '3:12-3:14',
      covers: "'1",
    });
  });

  it('tells a quoted string closed on a line indented too little from one never closed', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  description: "The first line\n  and the second"\n'), {
      message: 'This line continues the double-quoted string from line 3, but is indented too little: the lines of a value must be indented more than "description".',
      range: '4:3-4:18',
      covers: 'and the second"',
    });
  });

  it('places an unclosed [ at the bracket', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ntags: [a, b\npaths: {}\n'), {
      message: 'This `[` is not closed: the parser reads on to line 3 without finding its closing `]`.',
      range: '2:7-2:12',
      covers: '[a, b',
    });
  });

  it('places an unclosed { at the brace', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo: {title: t, version: 1\npaths: {}\n'), {
      message: 'This `{` is not closed: the parser reads on to line 3 without finding its closing `}`.',
      range: '2:7-2:28',
      covers: '{title: t, version: 1',
    });
  });

  it('names the # whose comment hides the closing bracket', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\nx-colors: [red, #fff, blue]\npaths: {}\n'), {
      message: 'This `[` is not closed: the parser reads on to line 3 without finding its closing `]`. The `#` on line 2 starts a comment, which hides the rest of that line, `]` included; put a value holding `#` in quotes.',
      range: '2:11-2:28',
      covers: '[red, #fff, blue]',
    });
  });

  it('places a flow collection continued on a line indented too little at that line', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  x-tags: [a,\n  b]\n'), {
      message: 'This line continues the `[` from line 3, but is indented too little: the lines of a value must be indented more than "x-tags".',
      range: '4:3-4:5',
      covers: 'b]',
    });
  });

  it('says a closing bracket too many closes nothing', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ntags: [a, b]]\n'), {
      message: 'This `]` closes nothing: there is no open `[` before it.',
      range: '2:13-2:14',
      covers: ']',
    });
  });

  it('places a missing comma at the entry after it, not at its colon', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo: {title: t version: 1}\n'), {
      message: 'A comma is missing before this entry: entries in `[ ]` and `{ }` are separated by commas.',
      range: '2:17-2:24',
      covers: 'version',
    });
  });

  it('says two commas in a row leave an entry out', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ntags: [a,, b]\n'), {
      message: 'An entry is missing before this comma: two commas in a row, or a comma right after `[` or `{`.',
      range: '2:10-2:11',
      covers: ',',
    });
  });

  it('places a tab used for indentation at the tab', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n\ttitle: t\n'), {
      message: 'A tab indents this line; YAML indentation must be spaces.',
      range: '3:1-3:2',
      covers: '\t',
    });
  });

  it('places a tab after indenting spaces at the tab, not at the colon after it', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  \ttitle: t\n'), {
      message: 'A tab indents this line; YAML indentation must be spaces.',
      range: '3:3-3:4',
      covers: '\t',
    });
  });

  it('says a key indented less than its siblings matches no level, naming the levels around it', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n    title: t\n  version: 1\n'), {
      message: '"version" is indented 2 spaces, which matches no level above it: "title" above it is indented 4 and "info" 0. Indent it like the entries it belongs with.',
      range: '4:3-4:10',
      covers: 'version',
    });
  });

  it('says a key indented more than the key above continues its plain value', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: t\n    version: 1\n'), {
      message: '"version" is indented more than "title" above it, so this line continues the value of "title", and a plain value cannot contain `: `. If "version" is a key, indent it as far as "title"; if the line is part of the value, put the value in quotes.',
      range: '4:5-4:12',
      covers: 'version',
    });
  });

  it('says a key indented more than a key with a quoted value cannot nest under it', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: "t"\n    version: 1\n'), {
      message: '"version" is indented more than "title" above it (4 spaces, not 2), but "title" already has a value on its line, so nothing can be nested under it. Indent it as far as "title".',
      range: '4:5-4:12',
      covers: 'version',
    });
  });

  it('names the # that ended a value meant to run on to the next line', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  description: Issue #12\n    continued here\n'), {
      message: 'The `#` on line 3 starts a comment, which ends the value of "description" before it, so this line cannot continue that value: put a value holding `#` in quotes.',
      range: '4:5-4:19',
      covers: 'continued here',
    });
  });

  it('places a missing space after a colon at the key, when the next line shows it was meant as one', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title:t\n  version: 1\n'), {
      message: '"title:t" is read as one piece of text, not as a key and its value: put a space after the colon (`title: t`).',
      range: '3:3-3:10',
      covers: 'title:t',
    });
  });

  it('places a missing space after a colon on the last key of a mapping', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: t\n  version:1\n'), {
      message: '"version:1" is read as one piece of text, not as a key and its value: put a space after the colon (`version: 1`).',
      range: '4:3-4:12',
      covers: 'version:1',
    });
  });

  it('accepts colons not followed by a space inside a plain value', () => {
    const doc = parse('openapi: 3.0.1\nx-uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations\nx-time: 12:30\n');
    assert.deepEqual(doc.problems, []);
  });

  it('places a missing colon at the line without one', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: t\n  version\n  description: d\n'), {
      message: 'A `:` is missing after "version": each entry of a mapping is a key, `: ` and its value.',
      range: '4:3-4:10',
      covers: 'version',
    });
  });

  it('says a key at the column of list items lacks its `- `', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\nservers:\n  - url: https://a.example.com\n  url: https://b.example.com\n'), {
      message: '"url" is at the column of the list items above it but does not start with `- `: begin a new item with `- `, or indent it 2 spaces more to add it to the item above. A list cannot also hold keys.',
      range: '4:3-4:6',
      covers: 'url',
    });
  });

  it('says a dash without a space after it is no list item', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ntags:\n  - a\n  -b\n'), {
      message: '"-b" has no space after its `-`, so it is text, not a list item: write `- b`.',
      range: '4:3-4:5',
      covers: '-b',
    });
  });

  it('says a list item among the keys of a mapping does not belong there', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: t\n  - version: 1\n'), {
      message: 'This list item stands at the column of the keys above it ("title"), and a mapping cannot also hold list items: remove the `- `, or put the list under a key of its own.',
      range: '4:3-4:4',
      covers: '-',
    });
  });

  it('places a colon and space inside a plain value on the value', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: Pets: the API\n'), {
      message: 'A plain value cannot contain `: ` (a colon and a space): "Pets:" is read as a second key on this line. Put the value in quotes, or move a nested key to a line of its own.',
      range: '3:10-3:23',
      covers: 'Pets: the API',
    });
  });

  it('says a nested key on its parent\'s line is a second key there', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo: title: t\n'), {
      message: 'A plain value cannot contain `: ` (a colon and a space): "title:" is read as a second key on this line. Put the value in quotes, or move a nested key to a line of its own.',
      range: '2:7-2:15',
      covers: 'title: t',
    });
  });

  it('says a quoted key on its parent\'s line is a second key there', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ncomponents:\n  schemas:\n    Pets:\n      items: "$ref": "#/components/schemas/Pet"\n'), {
      message: '"$ref" is read as a second key on this line, and a mapping cannot start on the line of its parent\'s key: move it to a line of its own, indented under the key.',
      range: '5:14-5:48',
      covers: '"$ref": "#/components/schemas/Pet"',
    });
  });

  it('places text after the closing double quote on that text, saying how to write a quote inside', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: "The "best" API"\n'), {
      message: 'Text follows the closing quote of this double-quoted value, which ends there: write a `"` inside it as `\\"`, or put the whole value in single quotes.',
      range: '3:16-3:26',
      covers: 'best" API"',
    });
  });

  it('places text after the closing single quote on that text, saying how to write an apostrophe inside', () => {
    assert.deepEqual(syntaxError("openapi: 3.0.1\ninfo:\n  title: 'Pat's API'\n"), {
      message: "Text follows the closing quote of this single-quoted value, which ends there: write a `'` inside it as `''`, or put the whole value in double quotes.",
      range: '3:15-3:21',
      covers: "s API'",
    });
  });

  it('places a second document at the --- that starts it, and keeps the first', () => {
    const text = 'openapi: 3.0.1\ninfo:\n  title: t\n---\npaths: {}\n';
    assert.ok(parse(text).root);
    assert.deepEqual(syntaxError(text), {
      message: 'This `---` starts a second YAML document; only the first document of a file is an API definition, and the rest is ignored.',
      range: '4:1-4:4',
      covers: '---',
    });
  });

  it('places a document end marker followed by more text at the ...', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: t\n...\npaths: {}\n'), {
      message: 'This `...` ends the YAML document, so what follows is a second one; only the first document of a file is an API definition, and the rest is ignored.',
      range: '4:1-4:4',
      covers: '...',
    });
    assert.deepEqual(parse('---\nopenapi: 3.0.1\n...\n').problems, []);
  });

  it('says an indented --- is no document marker', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  title: t\n  ---\n'), {
      message: '`---` separates documents only at the very start of a line; indented, it is read as text with no `:` after it.',
      range: '4:3-4:6',
      covers: '---',
    });
  });

  it('places an unknown escape in a double-quoted string on the escape', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ncomponents:\n  schemas:\n    Id:\n      pattern: "^\\d+$"\n'), {
      message: 'Unknown escape `\\d` in a double-quoted string: write `\\\\` for a backslash, or put the value in single quotes, where a backslash is plain text.',
      range: '5:18-5:20',
      covers: '\\d',
    });
  });

  it('places text after a block scalar indicator on that text', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  description: | The API\n'), {
      message: '`|` starts a block scalar, whose text begins on the next line: only a comment may follow it on its line. Put the value in quotes if it starts with `|`.',
      range: '3:18-3:25',
      covers: 'The API',
    });
  });

  it('says a plain value cannot start with a reserved character', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  x-owner: @team\n'), {
      message: 'A plain key or value cannot start with `@`, which YAML reserves; put it in quotes.',
      range: '3:12-3:17',
      covers: '@team',
    });
  });

  it('says a list cannot start on the line of its key', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ntags: - a\n'), {
      message: 'A list cannot start on the line of its key: put each `- ` item on a line of its own, indented under the key.',
      range: '2:7-2:8',
      covers: '-',
    });
  });

  it('says a lone * is an alias without a name', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\ninfo:\n  description: * bullet\n'), {
      message: 'An alias `*` needs a name right after it (`*name`); put the value in quotes if it starts with `*`.',
      range: '3:16-3:17',
      covers: '*',
    });
  });

  it('counts lines and places the quote alike in a file with CRLF line breaks', () => {
    assert.deepEqual(syntaxError('openapi: 3.0.1\r\ninfo:\r\n  version: "1\r\n  title: t\r\n'), {
      message: 'This double-quoted string is not closed: the parser reads on to line 4 without finding its closing `"`.',
      range: '3:12-3:14',
      covers: '"1',
    });
  });

  it('finds what was open from the lines just above a mistake deep in a large definition', () => {
    const items = Array.from({ length: 1000 }, (_, i) => `  /r${i}:\n    get:\n      description: |\n        Text with "quotes" and [brackets\n      responses: {"200": {description: ok}}\n`).join('');
    const text = `openapi: 3.0.1\npaths:\n${items}`.replace('  /r999:\n    get:\n', '  /r999:\n    get:\n      summary: "Get\n');
    const line = text.slice(0, text.indexOf('summary: "Get')).split('\n').length;
    assert.deepEqual(syntaxError(text), {
      message: `This double-quoted string is not closed: the parser reads on to line ${line + 1} without finding its closing \`"\`.`,
      range: `${line}:16-${line}:20`,
      covers: '"Get',
    });
  });

  it('tells a mistake in one path item alike when only that item is parsed again', () => {
    const items = Array.from({ length: 5 }, (_, i) => `  /r${i}:\n    get:\n      summary: Get ${i}\n      operationId: get${i}\n      responses: {"200": {description: ok}}\n`).join('');
    const text = `openapi: 3.0.1\ninfo:\n  title: t\npaths:\n${items}`;
    const previous = parse(text);
    for (const edited of [
      text.replace('      summary: Get 3\n', '      summary: Get 3\n        description: d\n'),
      text.replace('      summary: Get 3\n', '      summary: "Get 3\n'),
      text.replace('      summary: Get 3\n', '      summary: Get: 3\n'),
    ]) {
      const next = TextDocument.create('file:///api.yaml', 'yaml', 2, edited);
      const reparsed = reparsePathItem(previous, next);
      assert.ok(reparsed, 'parsed by the item');
      assert.deepEqual(reparsed.problems, parse(edited).problems);
    }
    assert.match(parse(text.replace('      summary: Get 3\n', '      summary: Get 3\n        description: d\n')).problems[0].message, /^"description" is indented more than "summary" above it/);
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
