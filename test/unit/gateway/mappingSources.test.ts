import assert from 'node:assert/strict';
import { bodyValue, contextValue } from '../../../server/src/gateway/integrations/mappingSources';

describe('parameter mapping sources', () => {
  const body = JSON.stringify({ order: { id: 'o-1', items: [{ sku: 'A1', qty: 2 }] }, note: null });

  it('reads the body by JSONPath, strings as they are and the rest as JSON', () => {
    assert.equal(bodyValue(body, 'order.id'), 'o-1');
    assert.equal(bodyValue(body, 'order.items[0].sku'), 'A1');
    assert.equal(bodyValue(body, 'order.items[0]'), '{"sku":"A1","qty":2}');
    assert.equal(bodyValue(body, 'order.items[0].qty'), '2');
  });

  it('gives nothing for absent or null values and for bodies that are not JSON', () => {
    assert.equal(bodyValue(body, 'order.missing'), undefined);
    assert.equal(bodyValue(body, 'note'), undefined);
    assert.equal(bodyValue('a=b', 'a'), undefined);
  });

  it('reads nested $context variables as text', () => {
    const context = { identity: { sourceIp: '203.0.113.9' }, requestTimeEpoch: 1700000000000, authorizer: { admin: true } };
    assert.equal(contextValue(context, 'identity.sourceIp'), '203.0.113.9');
    assert.equal(contextValue(context, 'requestTimeEpoch'), '1700000000000');
    assert.equal(contextValue(context, 'authorizer.admin'), 'true');
    assert.equal(contextValue(context, 'identity.missing'), undefined);
  });
});
