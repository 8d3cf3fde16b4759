import assert from 'node:assert/strict';
import type { ScalarNode } from '../../../server/src/model/nodes';
import { TemplateContentCache } from '../../../server/src/services/templates/templateContentCache';
import { LONGEST_OWN_KEY, mapKeyOf } from '../../../server/src/util/longStringKeys';

/** A double-quoted scalar holding `value` at `offset` of `source`. */
function scalar(source: string, value: string): ScalarNode {
  const offset = source.indexOf(`"${value}"`);
  return { type: 'string', value, style: 'double', offset, end: offset + value.length + 2, contentOffset: offset + 1, contentEnd: offset + 1 + value.length, parent: undefined };
}

describe('template content cache', () => {
  it('answers by value, raw text, style and variant, wherever the scalar stands', () => {
    const cache = new TemplateContentCache<string>();
    let computed = 0;
    const get = (source: string, value: string, variant: (string | boolean | undefined)[] = []) =>
      cache.get(source, scalar(source, value), variant, () => `${value}#${++computed}`);
    assert.equal(get('a: "$x"', '$x'), '$x#1');
    assert.equal(get('other: 1\nb: "$x"', '$x'), '$x#1', 'same template elsewhere');
    assert.equal(get('a: "$x"', '$x', ['request']), '$x#2', 'another variant');
    assert.equal(get('a: "$y"', '$y'), '$y#3');
  });

  it('keeps the entries in use across a full generation instead of starting empty', () => {
    const cache = new TemplateContentCache<number>();
    let computed = 0;
    const source = (i: number) => `t: "${i}"`;
    const get = (i: number) => cache.get(source(i), scalar(source(i), String(i)), [], () => ++computed);
    for (let i = 0; i < 20_000; i++) get(i);
    // The first entry, used again, moves to the newer generation before the older one is dropped.
    get(0);
    for (let i = 20_000; i < 40_000; i++) get(i);
    const before = computed;
    get(0);
    get(39_999);
    assert.equal(computed, before, 'both still cached');
    get(1);
    assert.equal(computed, before + 1, 'an entry unused for two generations is gone');
  });

  it('keys templates too long for V8 to hash in full by their length and a digest, and still tells them apart', () => {
    // V8 hashes a string over 16,383 characters by its length alone: thousands of such templates of one length, each a
    // map key, took seconds to insert.
    const long = (i: number) => `${'#set($x = 1)'.repeat(2_000)}${String(100_000 + i)}`;
    assert.ok(long(0).length > LONGEST_OWN_KEY);
    assert.equal(mapKeyOf('$input.body'), '$input.body');
    assert.notEqual(mapKeyOf(long(1)), mapKeyOf(long(2)));
    assert.equal(mapKeyOf(long(1)), mapKeyOf(long(1).slice(0)));
    const cache = new TemplateContentCache<number>();
    let computed = 0;
    const get = (value: string) => {
      const source = `t: "${value}"`;
      return cache.get(source, scalar(source, value), [], () => ++computed);
    };
    for (let i = 0; i < 3_000; i++) get(long(i));
    assert.equal(computed, 3_000);
    assert.equal(get(long(42)), 43, 'found again');
    assert.equal(computed, 3_000);
  });

  it('keys one long string the same wherever it stands, and others apart, past the strings it remembers', () => {
    const long = (i: number) => `${'#set($x = 1)'.repeat(2_000)}${String(100_000 + i)}`;
    const shared = long(7);
    const first = mapKeyOf(shared);
    // Many strings of the same length in between, more than are remembered, and as much text as is remembered.
    const others = Array.from({ length: 40 }, (_, i) => mapKeyOf(long(100 + i)));
    assert.equal(new Set(others).size, 40);
    assert.ok(!others.includes(first));
    assert.equal(mapKeyOf(shared), first);
    assert.equal(mapKeyOf(`${shared}`.slice(0)), first, 'an equal string that is not the same one');
    const huge = 'x'.repeat(5_000_000);
    assert.equal(mapKeyOf(huge), mapKeyOf(huge.slice(0)));
    assert.equal(mapKeyOf(shared), first);
  });
});
