import assert from 'node:assert/strict';
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from '../../../server/src/template/utilVariable';
import { render, renderFull } from './render';

describe('$util', () => {
  it('escapeJavaScript escapes quotes (single ones too, per the AWS docs), backslash, slash and control characters', () => {
    assert.equal(escapeJavaScript(`it's "x" \\ a/b\n\t`), `it\\'s \\"x\\" \\\\ a\\/b\\n\\t`);
  });
  it('escapeJavaScript writes non-ASCII characters as \\uXXXX, as commons-lang does', () => {
    assert.equal(escapeJavaScript('é€\u0001'), '\\u00E9\\u20AC\\u0001');
  });
  it('urlEncode is form encoding: space as +, Java URLEncoder safe set', () => {
    assert.equal(urlEncode("a b&c=d/é~*._-!'()"), 'a+b%26c%3Dd%2F%C3%A9%7E*._-%21%27%28%29');
  });
  it('urlDecode reads + as a space and UTF-8 escapes', () => {
    assert.equal(urlDecode('a+b%26c%C3%A9'), 'a b&cé');
  });
  it('urlDecode refuses a broken escape with a clear message', () => {
    const result = renderFull("$util.urlDecode('%zz')");
    assert.equal(result.errors[0].code, 'method-error');
    assert.match(result.errors[0].message, /URLDecoder: Illegal hex characters/);
  });
  it('base64 round-trips UTF-8', () => {
    assert.equal(base64Encode('héllo'), 'aMOpbGxv');
    assert.equal(base64Decode('aMOpbGxv'), 'héllo');
  });
  it('base64Decode refuses characters outside the alphabet', () => {
    assert.match(renderFull("$util.base64Decode('a*b')").errors[0].message, /Illegal base64 character 2a/);
  });
  it('base64Decode checks padding and length as java.util.Base64 does', () => {
    assert.equal(base64Decode('YQ'), 'a');
    assert.equal(base64Decode(''), '');
    const refusal = (text: string) => {
      try {
        base64Decode(text);
      } catch (error) {
        return (error as Error).message;
      }
      return 'decoded';
    };
    assert.equal(refusal('===='), 'Input byte array has wrong 4-byte ending unit');
    assert.equal(refusal('YQ='), 'Input byte array has wrong 4-byte ending unit');
    assert.equal(refusal('YQ==YQ=='), 'Input byte array has incorrect ending byte at 4');
    assert.equal(refusal('Y'), 'Input byte[] should at least have 2 bytes for base64 bytes');
    assert.equal(refusal('YWJjZ'), 'Last unit does not have enough valid bits');
    assert.equal(refusal('\u00e9A'), 'Illegal base64 character -17');
  });
  it('decoded bytes that are not UTF-8 become U+FFFD as new String(bytes, UTF_8) makes them', () => {
    assert.equal(base64Decode('7aCA'), '\ufffd');
    assert.equal(urlDecode('%ED%A0%80|%E2%82|%C0%AF|%F0%9F%98|%F4%90%80%80'), '\ufffd|\ufffd|\ufffd\ufffd|\ufffd|\ufffd\ufffd\ufffd\ufffd');
  });
  it('urlDecode reads a signed escape as Integer.parseInt does, and refuses a negative one', () => {
    assert.equal(urlDecode('a%+4b'), 'a\u0004b');
    assert.match(renderFull("$util.urlDecode('%-1')").errors[0].message, /negative value/);
  });
  it('urlEncode and base64Encode write a lone surrogate as ?', () => {
    assert.equal(urlEncode('a\ud800b'), 'a%3Fb');
    assert.equal(base64Encode('\udc00'), 'Pw==');
  });
  it('parseJson reads text as json-smart does: plain text is a string, lenient JSON is an object', () => {
    assert.equal(render(`#set($s = $util.parseJson('hello'))$s $s.length()`), 'hello 5');
    assert.equal(render(`#set($s = $util.parseJson(''))[$s] $s.isEmpty()`), '[] true');
    assert.equal(render(`$util.parseJson('{a: 1}').a`), '1');
    assert.equal(render(`$util.parseJson('"quoted"')`), 'quoted');
  });
  it('parseJson gives navigable objects; invalid JSON is a template error', () => {
    assert.equal(render(`#set($o = $util.parseJson('{"a": {"b": [5]}}'))$o.a.b[0] $o.a`), '5 {b=[5]}');
    assert.match(renderFull(`$util.parseJson('{oops')`).errors[0].message, /parseJson: the text is not valid JSON/);
  });
  it('$util functions return null for a null argument and ignore calls with the wrong number of arguments', () => {
    assert.equal(render('[$util.urlEncode($missing)][$util.urlEncode("a", "b")]'), '[][]');
  });
  it('$util functions take a String: Velocity finds no method for a number, a list or a map, which reads as null', () => {
    assert.equal(render('[$util.escapeJavaScript(1)][$util.urlEncode([1])][$util.base64Encode({"a": 1})][$util.parseJson(2)]'), '[][][][]');
    assert.equal(render("[$util.urlEncode($input.path('$.n'))][$util.urlEncode($input.path('$.s'))]", { body: '{"n": 1, "s": "a b"}' }), '[][a+b]');
  });
  it('bare $util and uncalled members render {} as on AWS', () => {
    assert.equal(render('$util $util.urlEncode'), '{} {}');
  });
});
