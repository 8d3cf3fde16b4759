import assert from 'node:assert/strict';
import { render, renderFull, withBody } from './render';

const L = '#set($l = ["a", "b", "c"])';

describe('`$value[index]` as Velocity 1.7 ASTIndex reads it', () => {
  it('counts a negative Integer from the end of a list (size() + index)', () => {
    assert.equal(render(`${L}$l[-1] $l[-3] $l[0]`), 'c a a');
    assert.equal(render('#set($i = -2)#set($l = [1, 2, 3])$l[$i]'), '2');
  });

  it('counts from the end of a JSON array too', () => {
    assert.equal(render('$input.path("$.l")[-1] $input.path("$.l")[-2]', withBody({ l: [1, 2, 3] })), '3 2');
  });

  it('fails the template on an index out of range, as ArrayList.get does, at the reference', () => {
    const result = renderFull(`${L}\n  $l[3]`);
    assert.equal(result.output, '');
    assert.deepEqual(result.errors, [
      {
        code: 'method-error',
        message: 'get(3) on a list of 3 elements failed: java.lang.IndexOutOfBoundsException: Index 3 out of bounds for length 3 (in $l[...])',
        line: 2,
        column: 3,
      },
    ]);
    const fromEnd = renderFull(`${L}$l[-4]`);
    assert.equal(fromEnd.errors[0].code, 'method-error');
    assert.match(fromEnd.errors[0].message, /^get\(-1\), for the index -4 counted from the end, on a list of 3 elements failed: java\.lang\.IndexOutOfBoundsException/);
  });

  it('finds nothing in a list for a key that is not an Integer (List has no get(String))', () => {
    assert.equal(render(`${L}[$!l["1"]][$!l[true]]`), '[][]');
    assert.equal(render(`${L}#set($x = [$l[true]])$x`), '[null]');
  });

  it('gives null for an index on a string, which has no get method, and fails a negative one, which needs size()', () => {
    assert.equal(render('#set($s = "abc")[$!s[0]]'), '[]');
    const result = renderFull('#set($s = "abc")\n$s[-1]');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['method-error', 2, 1]]);
    assert.match(result.errors[0].message, /^the index -1 counts from the end, which needs a size\(\) method, and String has none/);
  });

  it('reads a map by its key, and a negative Integer as the key size() + index', () => {
    assert.equal(render('#set($m = {"a": 1, 0: "zero", 1: "one"})$m["a"] $m[0] $m[-2]'), '1 zero one');
    assert.equal(render('#set($m = {"x": 1})[$!m[-1]]'), '[]');
  });

  it('writes `#set($list[index] = value)` with the same reading: from the end, and failing out of range', () => {
    assert.equal(render(`${L}#set($l[-1] = "z")#set($l[0] = "y")$l`), '[y, b, z]');
    const result = renderFull(`${L}\n#set($l[5] = "z")`);
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['method-error', 2, 1]]);
    assert.match(result.errors[0].message, /^set\(5, …\) on a list of 3 elements failed/);
  });

  it('indexes inside lists and maps read the same way', () => {
    assert.equal(render(`${L}#set($x = [$l[-1], {"k": $l[-2]}])$x`), '[c, {k=b}]');
  });
});
