import * as assert from 'node:assert/strict';
import { StringTable } from '../../server/src/model/stringTable';

describe('string table', () => {
  it('gives each range its text, and one copy of a repeated short range', () => {
    const text = 'type: string\ntype: strung\nname: type\nx: ""\n';
    const table = new StringTable(40);
    const ranges: [number, number][] = [];
    for (const match of text.matchAll(/[a-z]+/g)) ranges.push([match.index!, match.index! + match[0].length]);
    const found = ranges.map(([start, end]) => table.fromRange(text, start, end));
    assert.deepEqual(found, ranges.map(([start, end]) => text.slice(start, end)));
    const types = found.filter((s) => s === 'type');
    assert.equal(types.length, 3);
    // The same string each time, whether recognised in place or found in the map.
    assert.ok(types.every((s) => Object.is(s, types[0])));
    assert.equal(table.fromRange(text, 0, 0), '');
  });

  it('tells apart ranges that hash alike', () => {
    // Same length and same first, middle and last characters: only the comparison in place tells them apart.
    const text = 'abXcd aqXcd abXcd azXcd';
    const table = new StringTable(40);
    const words = [0, 6, 12, 18].map((start) => table.fromRange(text, start, start + 5));
    assert.deepEqual(words, ['abXcd', 'aqXcd', 'abXcd', 'azXcd']);
  });

  it('leaves long ranges unshared', () => {
    const long = 'x'.repeat(50);
    const table = new StringTable(40);
    assert.equal(table.fromRange(`${long} ${long}`, 51, 101), long);
  });
});
