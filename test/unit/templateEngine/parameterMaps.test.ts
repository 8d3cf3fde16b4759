import assert from 'node:assert/strict';
import { headerValue, lastValues } from '../../../server/src/template/parameterMaps';

describe('parameter maps', () => {
  it('headerValue matches the name case-insensitively, taking the first such entry', () => {
    assert.equal(headerValue({ 'Content-Type': 'a', 'content-type': 'b' }, 'CONTENT-TYPE'), 'a');
    assert.deepEqual(headerValue({ 'X-A': ['1', '2'] }, 'x-a'), ['1', '2']);
    assert.equal(headerValue({ 'X-A': '' }, 'x-a'), '');
    assert.equal(headerValue({ 'X-A': '1' }, 'x-b'), undefined);
    assert.equal(headerValue(undefined, 'x-a'), undefined);
  });

  it('lastValues keeps the last value of each name and leaves out names without one', () => {
    assert.deepEqual(lastValues({ a: ['1', '2'], b: [], c: ['3'] }), { a: '2', c: '3' });
    assert.deepEqual(lastValues(undefined), {});
    assert.deepEqual(lastValues(null), {});
    assert.deepEqual(lastValues({ n: [1, 2] as unknown as string[], x: 'not a list' as unknown as string[] }), { n: '2' });
  });
});
