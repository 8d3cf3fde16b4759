import assert from 'node:assert/strict';
import { encodeQuery, parseQuery } from '../../../server/src/gateway/queryString';

describe('query strings', () => {
  it('reads every value of a repeated name in order, + as a space, a bare name as the empty value', () => {
    assert.deepEqual(parseQuery('a=1&a=&b&&c=x+y%2B&d%3D=%26'), { a: ['1', ''], b: [''], c: ['x y+'], 'd=': ['&'] });
    assert.deepEqual(parseQuery(undefined), {});
  });

  it('keeps a part that is not valid percent-encoding as written, after telling whoever asked', () => {
    const heard: string[] = [];
    assert.deepEqual(parseQuery('x=%zz&y=1', (part) => heard.push(part)), { x: ['%zz'], y: ['1'] });
    assert.deepEqual(heard, ['%zz']);
  });

  it('writes values that read back unchanged', () => {
    const query = { 'a b': ['1+1', ''], 'k=': ['&%'] };
    assert.deepEqual(parseQuery(encodeQuery(query)), query);
  });

  it('reads names every JavaScript object has as plain names', () => {
    const query = parseQuery('constructor=1&__proto__=2&toString=3&constructor=4');
    assert.deepEqual(Object.entries(query), [['constructor', ['1', '4']], ['__proto__', ['2']], ['toString', ['3']]]);
  });
});
