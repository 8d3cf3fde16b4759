import assert from 'node:assert/strict';
import { AssignedPayloadCheck, MAX_PAYLOAD_BYTES, PayloadMeter } from '../../../server/src/template/limits';
import { renderFull } from './render';

/** `#set($s = …)` to `unit` repeated 2^doublings times, on line 1. */
const doubled = (unit: string, doublings: number) => `#set($s = "${unit}")#foreach($i in [1..${doublings}])#set($s = "$s$s")#end`;

describe('payload limit in UTF-8 bytes', () => {
  it('stops output whose UTF-8 bytes pass 10 MB while its UTF-16 length does not', () => {
    // 6,000,000 characters, 12,000,000 bytes.
    const template = `#set($s = "${'é'.repeat(100)}")#foreach($i in [1..1000])#foreach($j in [1..60])$s#end#end`;
    const result = renderFull(template, {}, 20000);
    assert.deepEqual(result.errors.map((e) => e.code), ['output-too-large']);
    assert.equal(result.output, '');
  });

  it('lets output of up to 10 MB of multi-byte characters through', () => {
    // 5,000,000 characters, 10,000,000 bytes.
    const result = renderFull(`#set($s = "${'é'.repeat(100)}")#foreach($i in [1..1000])#foreach($j in [1..50])$s#end#end`, {}, 20000);
    assert.deepEqual(result.errors, []);
    assert.equal(Buffer.byteLength(result.output, 'utf8'), 10_000_000);
  });

  it('reports the reference that takes the output past the limit', () => {
    // $s: 4,194,304 characters, 8,388,608 bytes; printed twice, 16 MB.
    const once = renderFull(`${doubled('éééé', 20)}\n$s`, {}, 20000);
    assert.deepEqual(once.errors, []);
    const twice = renderFull(`${doubled('éééé', 20)}\n$s $s`, {}, 20000);
    assert.deepEqual(twice.errors.map((e) => [e.code, e.line, e.column]), [['output-too-large', 2, 4]]);
  });

  it('stops a #set of a string over 10 MB in UTF-8', () => {
    const result = renderFull(`${doubled('éééé', 20)}\n#set($t = "$s$s")`, {}, 20000);
    assert.deepEqual(result.errors.map((e) => [e.code, e.line]), [['output-too-large', 2]]);
    assert.match(result.errors[0].message, /^The value set to \$t grew beyond 10 MB/);
  });

  it('counts the bytes of an output that grows in pieces, a surrogate pair split between two of them included', () => {
    const emoji = '\u{1F600}'; // 2 code units, 4 bytes
    const meter = new PayloadMeter();
    let text = emoji.repeat(MAX_PAYLOAD_BYTES / 4 - 1);
    assert.equal(meter.exceeds(text), false);
    text += emoji[0];
    assert.equal(meter.exceeds(text), false);
    text += emoji[1];
    assert.equal(meter.exceeds(text), false, 'exactly 10 MB');
    text += 'x';
    assert.equal(meter.exceeds(text), true);
  });

  it('counts a string grown by #set again once its length has changed by a step', () => {
    const check = new AssignedPayloadCheck();
    const fits = 'é'.repeat(MAX_PAYLOAD_BYTES / 2);
    assert.equal(check.exceeds(fits), false);
    assert.equal(check.exceeds(fits + 'é'.repeat(1024 * 1024)), true);
    assert.equal(check.exceeds('x'.repeat(MAX_PAYLOAD_BYTES + 1)), true, 'longer than the limit in any encoding');
  });

  it('keeps a string grown by #set in a loop quick to check', () => {
    // 1,000 #sets of a 5-million-character string: counting the bytes of each would copy 5 GB.
    const started = performance.now();
    const result = renderFull(`${doubled('0123456789', 19)}#foreach($i in [1..1000])#set($s = $s + "x")#end$s.length()`, {}, 20000);
    assert.deepEqual(result.errors, []);
    assert.equal(result.output, String(10 * 2 ** 19 + 1000));
    assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
  });
});
