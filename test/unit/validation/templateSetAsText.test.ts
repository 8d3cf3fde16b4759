import assert from 'node:assert/strict';
import { validate, withCode, withRequestTemplate } from './validate';

describe('#set written as text', () => {
  it('is a warning when bare, as Velocity writes it out and the author most likely meant #set(...)', async () => {
    const found = await validate(withRequestTemplate('{"statusCode": 200} #set $a = 1'));
    assert.deepEqual(withCode(found, 'template-syntax'), []);
    const warnings = withCode(found, 'template-set-as-text');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /`#set` must be followed by `\(`/);
  });

  it('says nothing of an escaped \\#set(, which is text on purpose', async () => {
    const found = await validate(withRequestTemplate('{"statusCode": 200, "doc": "write \\#set($a = 1) to set"}'));
    assert.deepEqual([...withCode(found, 'template-syntax'), ...withCode(found, 'template-set-as-text')], []);
  });
});
