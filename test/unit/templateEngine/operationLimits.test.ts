import assert from 'node:assert/strict';
import { renderTemplate } from '../../../server/src/template/engine';
import { render } from './render';

/** An 8 MB body: the size of the payloads the limits are about. */
const big = { body: 'a'.repeat(8 * 1024 * 1024) };

function timed(template: string, timeoutMs: number) {
  const started = performance.now();
  const result = renderTemplate(template, big, { timeoutMs });
  return { result, elapsed: performance.now() - started };
}

describe('one long Java string operation within the evaluation limits', function () {
  this.timeout(30_000);

  it('stops replaceAll that is still replacing when the time is up, naming the call, at its place', () => {
    const { result, elapsed } = timed('#set($s = $input.body)\n#set($t = $s.replaceAll("a", "b"))', 250);
    assert.ok(elapsed < 1000, `stopped after ${elapsed} ms`);
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['timeout', 2, 1]]);
    assert.match(result.errors[0].message, /^Template evaluation stopped after 250 ms: \$s\.replaceAll\(\.\.\.\) was still replacing, after \d+ matches of the pattern a in a text of 8388608 characters$/);
  });

  it('stops split that is still splitting when the time is up', () => {
    const { result, elapsed } = timed('#set($parts = $input.body.split("(?=a)", 900000))', 40);
    assert.ok(elapsed < 1000, `stopped after ${elapsed} ms`);
    assert.equal(result.errors[0].code, 'timeout');
    assert.match(result.errors[0].message, /\$input\.body\.split\(\.\.\.\) was still splitting/);
  });

  it('refuses a replaceAll whose result outgrows the payload limit before building it', () => {
    const { result, elapsed } = timed('#set($t = $input.body.replaceAll("a", "bb"))', 10_000);
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
    assert.deepEqual(result.errors.map((e) => e.code), ['output-too-large']);
    assert.match(result.errors[0].message, /^\$input\.body\.replaceAll\(\.\.\.\) would return a string of more than 10485760 characters, beyond API Gateway's 10 MB payload limit/);
  });

  it('refuses a split into more strings than a list may hold', () => {
    const { result, elapsed } = timed('$input.body.split("").size()', 10_000);
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
    assert.deepEqual(result.errors.map((e) => e.code), ['list-too-large']);
    assert.equal(result.errors[0].message, '$input.body.split(...) would split a text of 8388608 characters into more than 1000000 strings; the evaluator stops lists at 1000000 elements');
  });

  it('refuses replace, repeat and toCharArray up front when the result would be too large', () => {
    for (const [template, code, pattern] of [
      ['$input.body.replace("a", "bb").length()', 'output-too-large', /^\$input\.body\.replace\(\.\.\.\) would return a string of 16777216 characters/],
      ['$input.body.replace("", "b").length()', 'output-too-large', /would return a string of 16777217 characters/],
      ['$input.body.repeat(2).length()', 'output-too-large', /^\$input\.body\.repeat\(\.\.\.\) would return a string of 16777216 characters/],
      ['$input.body.toCharArray().size()', 'list-too-large', /^\$input\.body\.toCharArray\(\.\.\.\) would make a list of 8388608 characters/],
    ] as const) {
      const { result, elapsed } = timed(template, 10_000);
      assert.ok(elapsed < 1000, `${template}: ${elapsed} ms`);
      assert.deepEqual(result.errors.map((e) => e.code), [code], template);
      assert.match(result.errors[0].message, pattern);
    }
  });

  it('still runs the same operations on ordinary strings', () => {
    assert.equal(render('#set($s = "a-b-c")$s.replaceAll("-", "+") $s.split("-").size() $s.replace("-", "") $s.repeat(2) $s.toCharArray().size()'), 'a+b+c 3 abc a-b-ca-b-c 5');
  });

  it('replaces an empty target before every character and at the end, as String.replace does', () => {
    assert.equal(render('#set($s = "ab")$s.replace("", "-")'), '-a-b-');
  });
});
