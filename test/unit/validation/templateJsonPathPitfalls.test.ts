import assert from 'node:assert/strict';
import { rangeOf, validate, withCode, withRequestTemplate } from './validate';

describe('JSONPath that parses but reads nothing in Jayway JsonPath 2.0', () => {
  it('warns at a function, a negative index and a double-quoted filter value, saying what to write instead', async () => {
    const text = withRequestTemplate([
      '{"statusCode": 200,',
      ` "count": $input.json('$.items.length()'),`,
      ` "last": $input.json('$.items[-1]'),`,
      ` "red": $input.json("$.items[?(@.color == 'red')]"),`,
      ` "blue": $input.json('$.items[?(@.color == "blue")]')}`,
    ]);
    const found = withCode(await validate(text), 'template-jsonpath-reads-nothing');
    assert.equal(found.length, 3, JSON.stringify(found));
    assert.deepEqual(found[0].range, rangeOf(text, 'length()'));
    assert.match(found[0].message, /call \.size\(\) on the result instead, as in \$input\.path\('\$\.items'\)\.size\(\)/);
    assert.deepEqual(found[1].range, rangeOf(text, '[-1]'));
    assert.match(found[1].message, /\[-1:\] gives a list holding the last element/);
    assert.deepEqual(found[2].range, rangeOf(text, '"blue"', 2));
    assert.match(found[2].message, /write the text in single quotes \('blue'\)/);
  });

  it('leaves slices, (@.length-1) and single-quoted filter values alone', async () => {
    const text = withRequestTemplate(['{"statusCode": 200,', ` "a": $input.json('$.items[-1:]'), "b": $input.json('$.items[(@.length-1)]'),`, ` "c": $input.json("$.items[?(@.color == 'red')]")}`]);
    assert.deepEqual(withCode(await validate(text), 'template-jsonpath-reads-nothing'), []);
  });
});
