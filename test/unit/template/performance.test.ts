import assert from 'node:assert/strict';
import velocity from 'velocityjs';
import { renderTemplate } from '../../../server/src/template/engine';
import { escapeJavaScript } from '../../../server/src/template/utilVariable';

const TEMPLATE = `#set($root = $input.path('$'))
{
  "count": $root.count,
  "source": "$util.escapeJavaScript($root.source)",
  "items": [
#foreach($item in $input.path('$.items'))
    {
      "id": "$item.id",
      "name": "$util.escapeJavaScript($item.name)",
      "price": $item.price,
      "tags": $input.json("$.items[$foreach.index].tags"),
      "owner": "$util.escapeJavaScript($item.owner.name)",
      "active": #if($item.active)true#{else}false#end

    }#if($foreach.hasNext),#end

#end
  ],
  "stage": "$context.stage"
}
`;

function bodyOf(targetBytes: number): string {
  const items: unknown[] = [];
  const doc = { count: 0, source: 'unit "test"', items };
  const itemCount = targetBytes > 100_000 ? 1000 : 20;
  const filler = 'x'.repeat(Math.max(0, Math.floor(targetBytes / itemCount) - 160));
  for (let i = 0; i < itemCount; i++) {
    items.push({ id: `id-${i}`, name: `Item "${i}" <b>`, price: i * 1.5, tags: ['a', 'b'], owner: { name: `Owner ${i}`, note: filler }, active: i % 2 === 0 });
  }
  doc.count = items.length;
  return JSON.stringify(doc);
}

/**
 * The raw baseline: velocityjs itself, given a context that does the same work in the simplest way
 * (the body parsed once per evaluation, JSONPath reduced to the three paths the template uses).
 */
function renderRaw(body: string): string {
  let parsed: Record<string, unknown> | undefined;
  const doc = () => (parsed ??= JSON.parse(body) as Record<string, unknown>);
  const input = {
    path: (p: string) => (p === '$' ? doc() : doc().items),
    json: (p: string) => JSON.stringify((doc().items as Array<{ tags: unknown }>)[Number(/\[(\d+)\]/.exec(p)![1])].tags),
  };
  return velocity.render(TEMPLATE, { input, util: { escapeJavaScript }, context: { stage: 'prod' } });
}

function fastest(run: () => void, rounds: number): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

describe('performance against raw velocityjs', function () {
  this.timeout(60_000);
  for (const [label, bytes, rounds] of [['10 KB', 10 * 1024, 200], ['1 MB', 1024 * 1024, 15]] as const) {
    it(`full semantics take at most 1.3x raw velocityjs time on a ${label} body`, () => {
      const body = bodyOf(bytes);
      const request = { body };
      const full = renderTemplate(TEMPLATE, request);
      assert.deepEqual(full.errors, []);
      assert.deepEqual(JSON.parse(full.output), JSON.parse(renderRaw(body)));
      // Warm both paths, then compare the fastest of several runs of each (least disturbed by other processes).
      fastest(() => renderRaw(body), 3);
      fastest(() => renderTemplate(TEMPLATE, request), 3);
      const raw = fastest(() => renderRaw(body), rounds);
      const engine = fastest(() => renderTemplate(TEMPLATE, request), rounds);
      assert.ok(engine <= raw * 1.3, `engine ${engine.toFixed(2)} ms vs raw velocityjs ${raw.toFixed(2)} ms (${(engine / raw).toFixed(2)}x)`);
    });
  }
});
