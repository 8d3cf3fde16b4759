import * as assert from 'node:assert/strict';
import { namesManyTemplates } from '../../../server/src/services/templates/templateValidation';

describe('starting the template worker before the parse', () => {
  const integration = (i: number) => `      x-amazon-apigateway-integration:\n        requestTemplates:\n          application/json: '{"n": ${i}}'\n`;

  it('is wanted for a definition naming at least 50 template maps', () => {
    assert.equal(namesManyTemplates(Array.from({ length: 50 }, (_, i) => integration(i)).join('')), true);
  });

  it('is not wanted for fewer, nor for a short text', () => {
    assert.equal(namesManyTemplates(Array.from({ length: 49 }, (_, i) => integration(i)).join('')), false);
    assert.equal(namesManyTemplates('Templates'.repeat(60)), false);
    assert.equal(namesManyTemplates(''), false);
  });
});
