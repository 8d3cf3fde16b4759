import assert from 'node:assert/strict';
import { errorNode, sentences } from '../../../client/src/tree/nodes';

describe('tree error rows', () => {
  it('splits a message into sentences, keeping parentheses and abbreviations with their sentence', () => {
    assert.deepEqual(sentences('Cannot reach http://127.0.0.1:4566 (profile dev, eu-west-1): connection refused. Is the local endpoint running? Check the setting apigateway.aws.endpoint.'), [
      'Cannot reach http://127.0.0.1:4566 (profile dev, eu-west-1): connection refused.',
      'Is the local endpoint running?',
      'Check the setting apigateway.aws.endpoint.',
    ]);
    assert.deepEqual(sentences('Refresh them, e.g. "aws sso login" for SSO (a. B. c. D). Then retry.'), ['Refresh them, e.g. "aws sso login" for SSO (a. B. c. D).', 'Then retry.']);
    assert.deepEqual(sentences('one sentence without a stop'), ['one sentence without a stop']);
    assert.deepEqual(sentences(''), ['']);
  });

  it('shows the first sentence as the row, the others beneath it before the remedies, all with the whole message on hover', async () => {
    const node = errorNode('root', { code: 'ECONNREFUSED', message: 'Cannot reach X (Y). Is it running? Check Z.', remedies: ['retry'] });
    assert.equal(node.label, 'Cannot reach X (Y).');
    const children = await node.load!();
    assert.deepEqual(children.map((c) => [c.kind, c.label]), [['empty', 'Is it running?'], ['empty', 'Check Z.'], ['action', 'Retry']]);
    assert.ok(children.every((c) => c.tooltip === undefined || c.tooltip === node.tooltip));
    assert.equal(node.tooltip, 'Cannot reach X (Y). Is it running? Check Z.\n\n(ECONNREFUSED)');
  });
});
