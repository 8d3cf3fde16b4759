import assert from 'node:assert/strict';
import { JsonSmartParseException, jsonSmartText, parseJavaJson } from '../../../server/src/template/javaJson';
import { JavaDouble } from '../../../server/src/template/javaValues';

/** Objects read as ordered Maps; these tests only look at their members. */
const map = (members: Record<string, unknown>) => new Map(Object.entries(members));

const parseError = (text: string): string => {
  try {
    parseJavaJson(text);
  } catch (error) {
    assert.ok(error instanceof JsonSmartParseException, `${text}: ${String(error)}`);
    return error.message;
  }
  assert.fail(`${text} parsed`);
};

describe('parseJavaJson (json-smart MODE_PERMISSIVE, as Jayway uses it)', () => {
  it('strict JSON reads as before', () => {
    assert.deepEqual(parseJavaJson('{"a": [1, "x", true, null]}'), map({ a: [1, 'x', true, null] }));
    assert.ok((parseJavaJson('{"v": 1.0}') as Map<string, unknown>).get('v') instanceof JavaDouble);
  });
  it('unquoted and single-quoted keys and values', () => {
    assert.deepEqual(parseJavaJson('{a:1}'), map({ a: 1 }));
    assert.deepEqual(parseJavaJson("{'a': 'x y', b: hello world}"), map({ a: 'x y', b: 'hello world' }));
    assert.deepEqual(parseJavaJson('[a, b c]'), ['a', 'b c']);
  });
  it('useless commas, leading zeros, NaN, and text after the first value', () => {
    assert.deepEqual(parseJavaJson('[1,,2,]'), [1, 2]);
    assert.deepEqual(parseJavaJson('{"a": 1,}'), map({ a: 1 }));
    assert.equal(parseJavaJson('007'), 7);
    assert.ok(Number.isNaN(parseJavaJson('NaN')));
    assert.deepEqual(parseJavaJson('{"a": 1} and more'), map({ a: 1 }));
  });
  it('a number followed by more text is an unquoted string', () => {
    assert.equal(parseJavaJson('12 34'), '12 34');
    assert.equal(parseJavaJson('123abc'), '123abc');
    assert.deepEqual(parseJavaJson('{a: 1.5.3}'), map({ a: '1.5.3' }));
  });
  it('any other text is an unquoted string, trimmed (a=b, a{b, null{ as recorded on AWS)', () => {
    for (const text of ['a=b', 'a{b', 'null{', 'true{', 'undefined{', 'a[']) assert.equal(parseJavaJson(text), text);
    assert.equal(parseJavaJson(' a=b \n'), 'a=b');
    assert.equal(parseJavaJson(''), '');
  });
  it('unquoted text is trimmed as String.trim() does: control characters go, Unicode spaces stay', () => {
    assert.equal(parseJavaJson('\u0001\btext\u000b\u001f'), 'text');
    assert.equal(parseJavaJson('\b\f'), '');
    assert.equal(parseJavaJson('\u00a0text\u3000'), '\u00a0text\u3000');
    assert.equal(parseJavaJson('false\u2028'), 'false\u2028');
  });
  it('escapes: an unknown one drops both characters; \\x is a two-digit escape', () => {
    assert.equal(parseJavaJson('"a\\qb"'), 'ab');
    assert.equal(parseJavaJson('"\\x41\\u0042"'), 'AB');
    assert.equal(parseJavaJson("'it\\'s'"), "it's");
  });
  it('ParseException messages and positions as json-smart words them', () => {
    // The first two are recorded against AWS (ToQoz/api-gateway-mapping-template test/_.md).
    assert.equal(parseError('{a'), 'Unexpected End Of File position 1: null');
    assert.equal(parseError('[a'), 'Unexpected End Of File position 1: EOF');
    assert.equal(parseError('{"a": 1,'), 'Unexpected End Of File position 7: null');
    assert.equal(parseError('"abc'), 'Unexpected End Of File position 4: null');
    assert.equal(parseError('{{}}'), 'Unexpected character ({) at position 1.');
    assert.equal(parseError('[1, :]'), 'Unexpected character (:) at position 4.');
    assert.deepEqual(parseJavaJson('[1:2]'), ['1:2']);
    assert.equal(parseError('{"a" 1}'), 'Unexpected character (1) at position 4.');
    assert.equal(parseError('{"a": "x" "b": 2}'), 'Unexpected token " at position 9.');
    assert.deepEqual(parseJavaJson('{"a": 1 "b": 2}'), map({ a: '1 "b": 2' }));
    assert.equal(parseError('1e+'), 'Unexpected token 1e+ at position 3.');
    assert.equal(parseError('"\\u00zz"'), 'Unexpected unicode escape sequence z at position 5.');
  });
  it('the end of the input is an empty value inside an object, so the object fails for want of its }', () => {
    assert.equal(parseError('{"a": '), 'Unexpected End Of File position 5: null');
    assert.equal(parseError('{"a":'), 'Unexpected End Of File position 4: EOF');
    assert.equal(parseError('{"a":\u001a'), 'Unexpected End Of File position 4: null');
  });
});

describe('jsonSmartText (json-smart JSONValue.toJSONString)', () => {
  it('writes control characters in upper-case hex and escapes U+007F..U+009F and U+2000..U+20FF', () => {
    assert.equal(jsonSmartText('\u0001\u001f\u007f\u0080\u00a0\u20ac\u2028\u4e2d'), '"\\u0001\\u001F\\u007F\\u0080\u00a0\\u20AC\\u2028\u4e2d"');
    assert.equal(jsonSmartText(map({ '\u20ac': ['\t', '"'] })), '{"\\u20AC":["\\t","\\""]}');
  });
  it('leaves surrogates as they are, paired or not', () => {
    assert.equal(jsonSmartText('\ud83d\ude00 \ud800'), '"\ud83d\ude00 \ud800"');
  });
  it('escapes / only when protecting for the web, as JSONArray.toString() does', () => {
    assert.equal(jsonSmartText('a/b'), '"a/b"');
    assert.equal(jsonSmartText(['a/b', '\\/'], true), '["a\\/b","\\\\\\/"]');
  });
});
