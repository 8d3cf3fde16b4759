import assert from 'node:assert/strict';
import { uriPlaceholders } from '../../../server/src/model/uriPlaceholders';

describe('placeholders of an integration URI', () => {
  it('names a greedy placeholder without its +, and says where each stands', () => {
    const uri = 'https://backend.example.com/{a}/{proxy+}?q={b}#{c}';
    assert.deepEqual(
      uriPlaceholders(uri).map(({ name, greedy, inPath, offset, end }) => [name, greedy, inPath, uri.slice(offset, end)]),
      [
        ['a', false, true, '{a}'],
        ['proxy', true, true, '{proxy+}'],
        ['b', false, false, '{b}'],
        ['c', false, false, '{c}'],
      ],
    );
  });

  it('skips stage variables and the import-time AWS variables, even with a ? inside', () => {
    assert.deepEqual(uriPlaceholders('https://${stageVariables.host}/${AWS::Region}/x'), []);
    assert.deepEqual(uriPlaceholders('https://${stageVariables.a?b}/{id}').map((p) => [p.name, p.inPath]), [['id', true]]);
  });

  it('lists a placeholder written twice each time, and an empty one with an empty name', () => {
    assert.deepEqual(uriPlaceholders('https://x/{id}/{id}/{}').map((p) => p.name), ['id', 'id', '']);
  });
});
