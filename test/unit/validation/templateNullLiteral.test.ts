import assert from 'node:assert/strict';
import { rangeOf, validate, withCode, withRequestTemplate } from './validate';

describe('null written as a value in a mapping template', () => {
  it('is a template syntax error on the word, which says what to write instead, while null among call arguments is not', async () => {
    const text = withRequestTemplate(['{"statusCode": 200}', "#set($list = [])#set($added = $list.add(null))", "#if($input.path('$.name') == null)", '  {"name": "none"}', '#end']);
    const found = withCode(await validate(text), 'template-syntax');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.deepEqual(found[0].range, rangeOf(text, 'null', 2));
    assert.match(found[0].message, /^`null` is not a value in Velocity 1\.7, so API Gateway cannot run this template/);
    assert.match(found[0].message, /`#if\(\$a == \$null\)`/);
    assert.match(found[0].message, /`#if\(!\$a\)` or `#if\("\$!a" == ""\)`/);
  });

  it('leaves a comparison with $null alone', async () => {
    const text = withRequestTemplate(['{"statusCode": 200}', "#if($input.path('$.name') == $null)", '  {"name": "none"}', '#end']);
    assert.deepEqual(withCode(await validate(text), 'template-syntax'), []);
  });
});
