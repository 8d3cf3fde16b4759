import assert from 'node:assert/strict';
import { renderTemplate } from '../../../server/src/template/engine';
import { DEFAULT_TIMEOUT_MS } from '../../../server/src/template/limits';
import { renderFull } from './render';

const items = (n: number) => ({ body: JSON.stringify({ items: Array.from({ length: n }, (_, i) => i) }) });

describe('evaluation limits', () => {
  it('#foreach runs 1,000 iterations without complaint', () => {
    const result = renderFull("#foreach($i in $input.path('$.items'))x#end", items(1000));
    assert.deepEqual(result.errors, []);
    assert.equal(result.output.length, 1000);
  });

  it('#foreach over more than 1,000 items stops at 1,000 and says so', () => {
    const result = renderFull("#foreach($i in $input.path('$.items'))x#end", items(1001));
    assert.equal(result.output.length, 1000);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0].code, 'foreach-limit');
    assert.match(result.errors[0].message, /stopped after 1000 iterations.*1 of 1001 items were not rendered/);
    assert.equal(result.errors[0].line, 1);
  });

  it('a template over 300 KB is refused before evaluation', () => {
    const result = renderFull('x'.repeat(300 * 1024 + 1));
    assert.equal(result.output, '');
    assert.equal(result.errors[0].code, 'template-too-large');
    assert.match(result.errors[0].message, /301 KB; API Gateway accepts mapping templates up to 300 KB/);
  });

  it('exactly 300 KB is accepted', () => {
    assert.deepEqual(renderFull('x'.repeat(300 * 1024)).errors, []);
  });

  const runaways: Array<[string, string, string]> = [
    ['nested #foreach over large ranges', '#foreach($i in [1..1000])#foreach($j in [1..1000])#foreach($k in [1..1000])$k#end#end#end', 'timeout'],
    ['a macro that calls itself', '#macro(loop $n)#loop($n)#end#loop(1)', 'recursion'],
    ['a #define that renders itself', '#define($d)$d#end$d', 'recursion'],
    ['a huge range', '#set($r = [1..100000000])$r.size()', 'range-too-large'],
    ['a string that doubles until it exceeds the payload limit', '#set($s = "xxxxxxxxxx")#foreach($i in [1..40])#set($s = "$s$s")#end', 'output-too-large'],
    ['an #evaluate that evaluates itself', "#set($t = '#evaluate($t)')#evaluate($t)", 'recursion'],
    ['nested loops inside #evaluate', "#evaluate('#foreach($i in [1..1000])#foreach($j in [1..1000])#foreach($k in [1..1000])$k#end#end#end')", 'timeout'],
    ['an #evaluate that outgrows the payload limit', '#set($s = "xxxxxxxxxx")#evaluate(\'#foreach($i in [1..40])#set($s = "$s$s")#end\')', 'output-too-large'],
  ];
  for (const [title, template, code] of runaways) {
    it(`stops ${title} with a message`, () => {
      const result = renderTemplate(template, {}, { timeoutMs: 300 });
      assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
      assert.equal(result.errors[0].code, code);
      assert.ok(result.errors[0].message.length > 20);
    });
  }

  it('#evaluate on more than 1,000 items stops the loop at 1,000 and says so, as the template itself does', () => {
    const result = renderFull("#evaluate('#foreach($i in $input.path(\"$.items\"))x#end')", items(1001));
    assert.equal(result.output, 'x'.repeat(1000));
    assert.deepEqual(result.errors.map((e) => e.code), ['foreach-limit']);
  });

  it('the timeout message names the budget', () => {
    const result = renderTemplate('#foreach($i in [1..1000])#foreach($j in [1..1000])$j#end#end', {}, { timeoutMs: 50 });
    assert.equal(result.errors[0].code, 'timeout');
    assert.match(result.errors[0].message, /stopped after 50 ms/);
  });

  it('the default budget is 2000 ms and a normal template renders in full within it', () => {
    assert.equal(DEFAULT_TIMEOUT_MS, 2000);
    const result = renderTemplate('#foreach($i in [1..1000])$i#end', {});
    assert.deepEqual(result.errors, []);
    assert.equal(result.output, Array.from({ length: 1000 }, (_, i) => i + 1).join(''));
  });
});
