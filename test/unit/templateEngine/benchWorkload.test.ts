import assert from 'node:assert/strict';
import { renderTemplate } from '../../../server/src/template/engine';
import { bodyOf, renderRaw, TEMPLATE } from '../../bench/fixtures/templateWorkload';

// Speed is measured by `npm run bench`; here only that both paths of the benchmark agree.
describe('benchmark workload', () => {
  for (const [label, bytes] of [['10 KB', 10 * 1024], ['1 MB', 1024 * 1024]] as const) {
    it(`renders the same output as raw velocityjs on a ${label} body`, () => {
      const body = bodyOf(bytes);
      const full = renderTemplate(TEMPLATE, { body });
      assert.deepEqual(full.errors, []);
      assert.deepEqual(JSON.parse(full.output), JSON.parse(renderRaw(body)));
    });
  }
});
