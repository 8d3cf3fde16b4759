import assert from 'node:assert/strict';
import { render, withBody } from './render';

describe('Java number types', () => {
  describe('arithmetic is floating point as soon as one operand is a Double', () => {
    const cases: Array<[string, string]> = [
      ["#set($h = $input.path('$.total') / 4)$h", '2.5'],
      ['#set($a = 10 / 4.0)$a', '2.5'],
      ['#set($b = 7.0 / 2)$b', '3.5'],
      ['#set($c = 1.0 + 1)$c', '2.0'],
      ['#set($d = 2.5 * 2)$d', '5.0'],
      ['#set($e = 7 / 2)$e', '3'],
      ['#set($f = -7 / 2)$f', '-3'],
      ['#set($g = 7 % 3)$g', '1'],
      ['#set($x = 1.0)$x', '1.0'],
      ['#set($n = 0 - $input.path(\'$.total\'))$n', '-10.0'],
    ];
    for (const [template, expected] of cases) {
      it(`${template} = ${expected}`, () => assert.equal(render(template, withBody('{"total":10.0}')), expected));
    }
  });

  it('integers widen instead of overflowing, as Velocity does', () => {
    assert.equal(render('#set($x = 9007199254740991 + 2)$x'), '9007199254740993');
  });

  it('compares Doubles and integers by value', () => {
    const body = withBody('{"a":1.0,"big":12345678901234567890}');
    assert.equal(render("#if($input.path('$.a') == 1)eq#end|#if($input.path('$.a') < 2)lt#end", body), 'eq|lt');
    assert.equal(render("#if($input.path('$.big') > 9007199254740991)big#end", body), 'big');
    assert.equal(render("$input.path('$.a').equals(1)|$input.path('$.a').intValue()|$input.path('$.a').toString()", body), 'false|1|1.0');
  });

  describe('JSON numbers keep their json-smart type', () => {
    const body = withBody('{"a":1.0,"big":12345678901234567890,"d":0.00001,"e":1E2,"i":42,"list":[1.0,2]}');
    const cases: Array<[string, string]> = [
      ["$input.json('$.a')", '1.0'],
      ["$input.path('$.a')", '1.0'],
      ["$input.json('$.big')", '12345678901234567890'],
      ["$input.path('$.big')", '12345678901234567890'],
      ["$input.json('$.d')", '1.0E-5'],
      ["$input.path('$.d')", '1.0E-5'],
      ["$input.json('$.e')", '100.0'],
      ["$input.json('$.i')", '42'],
      ["$input.json('$.list')", '[1.0,2]'],
      ["$input.path('$.list[?(@ == 1)]').size()", '1'],
      ["$util.parseJson('{\"v\":2.0}').v", '2.0'],
    ];
    for (const [template, expected] of cases) {
      it(`${template} = ${expected}`, () => assert.equal(render(template, body), expected));
    }
  });

  it('keeps strings that look like numbers, escapes and __proto__ keys as JSON.parse does', () => {
    const body = withBody('{"s":"1.0\\n","__proto__":{"x":1.5}}');
    assert.equal(render("$input.json('$')", body), '{"s":"1.0\\n","__proto__":{"x":1.5}}');
  });
});
