import assert from 'node:assert/strict';
import { groupHeaders, joinHeaderLists, requestHeaderLists } from '../../../server/src/gateway/requestHeaders';
import { substituteUriVariables } from '../../../server/src/gateway/stageVariables';

describe('gateway request headers', () => {
  it('uses lists grouped already as they are', () => {
    const grouped = groupHeaders([
      ['X-A', '1'],
      ['x-a', '2'],
      ['Accept', '*/*'],
    ]);
    assert.equal(requestHeaderLists({}, grouped), grouped);
    assert.equal(requestHeaderLists({ 'x-A': 'ignored' }, grouped), grouped);
    assert.deepEqual(grouped, { 'X-A': ['1', '2'], Accept: ['*/*'] });
  });

  it('groups lists that name a header twice or hold no value, and adds the single values they lack', () => {
    assert.deepEqual(requestHeaderLists({}, { 'X-A': ['1'], 'x-a': ['2'] }), { 'X-A': ['1', '2'] });
    assert.deepEqual(requestHeaderLists({}, { 'X-A': [], B: ['1'] }), { B: ['1'] });
    assert.deepEqual(requestHeaderLists({ 'x-a': 'no', C: '3' }, { 'X-A': ['1'] }), { 'X-A': ['1'], C: ['3'] });
    assert.deepEqual(requestHeaderLists({ A: '1', a: '2' }), { A: ['1', '2'] });
  });

  it('joins repeated values with commas, and cookies with semicolons so that each stays a cookie of its own', () => {
    assert.deepEqual(joinHeaderLists({ Accept: ['a/b', 'c/d'], Cookie: ['a=1', 'b=2'], cookie2: ['x', 'y'] }), { Accept: 'a/b,c/d', Cookie: 'a=1; b=2', cookie2: 'x,y' });
    assert.deepEqual(joinHeaderLists({ COOKIE: ['a=1'] }), { COOKIE: 'a=1' });
  });
});

describe('gateway stage variables in URIs', () => {
  it('substitutes undefined stage variables as empty text and names each once, in order', () => {
    const missing: string[] = [];
    const uri = substituteUriVariables('https://${stageVariables.b}.${stageVariables.host}/${stageVariables.a}/${stageVariables.b}/${AWS::Region}', { host: 'h' }, 'eu-west-1', '1', missing);
    assert.equal(uri, 'https://.h///eu-west-1');
    assert.deepEqual(missing, ['b', 'a']);
    assert.equal(substituteUriVariables('${stageVariables.x}', {}, 'r', '1'), '');
  });
});
