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

  it('says once, with how often, what an inner loop over too many items warns on every pass of the outer loop', () => {
    const result = renderFull("#foreach($o in [1..3])#foreach($i in $input.path('$.items'))#end#end", items(1001));
    assert.deepEqual(result.errors.map((e) => [e.code, e.column]), [['foreach-limit', 23]]);
    assert.match(result.errors[0].message, /1 of 1001 items were not rendered \(3 times\)$/);
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

  it('a variable that grows past 10 MB is reported at its #set, as a value rather than output', () => {
    const doubling = (set: string) => `#set($s = "x")\n#foreach($i in [1..30])\n  ${set}\n#end\n$s.length()`;
    for (const [set, message] of [
      ['#set($s = "$s$s")', /^The value set to \$s grew beyond 10 MB, API Gateway's payload limit: the string "\$s\$s" builds more than that$/],
      ['#set($s = $s + $s)', /^The value set to \$s grew beyond 10 MB, API Gateway's payload limit$/],
    ] as Array<[string, RegExp]>) {
      const result = renderFull(doubling(set));
      assert.equal(result.output, '');
      assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['output-too-large', 3, 3]], set);
      assert.match(result.errors[0].message, message);
    }
  });

  it('output that grows past 10 MB is reported at the reference or the block that produced it', () => {
    const reference = renderFull('#set($s = "x")\n#foreach($i in [1..23])#set($s = "$s$s")#end\nbig: $s$s');
    assert.deepEqual(reference.errors.map((e) => [e.code, e.line, e.column, e.message]), [
      ['output-too-large', 3, 8, "The template output grew beyond 10 MB, API Gateway's payload limit"],
    ]);
    const loop = renderFull('#set($s = "x")\n#foreach($i in [1..23])#set($s = "$s$s")#end\n#foreach($i in [1..3])$s#end');
    assert.deepEqual(loop.errors.map((e) => [e.code, e.line, e.column]), [['output-too-large', 3, 1]]);
  });

  it('a string built inside a call argument is named, at the reference that holds it', () => {
    const result = renderFull('#set($s = "x")\n#foreach($i in [1..23])#set($s = "$s$s")#end\n\n  $s.concat("$s$s").length()');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['output-too-large', 4, 3]]);
    assert.match(result.errors[0].message, /^The string "\$s\$s" grew beyond 10 MB/);
  });

  it('an error inside an interpolated string is placed at the directive that holds the string', () => {
    const result = renderFull('#set($s = "abc")\n\n  #set($x = "a $s.substring(99) b")');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['method-error', 3, 3]]);
  });

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

  it('counts the parse against the time: a template slow to read ends with the timeout error too', () => {
    // Text of its own, so that no earlier parse of it is cached.
    const template = `## ${Date.now()} ${Math.random()}\n` + '$a.b($c, "d") #if($e)f#end\n'.repeat(8_000);
    const result = renderTemplate(template, {}, { timeoutMs: 1 });
    assert.deepEqual(result.errors.map((e) => e.code), ['timeout']);
    assert.match(result.errors[0].message, /stopped after 1 ms while parsing the template/);
    assert.equal(result.output, '');
    // A parse stopped by the clock is not kept: with the usual time the same template renders.
    const again = renderTemplate(template, {});
    assert.deepEqual(again.errors, []);
    assert.equal(again.output.length > 0, true);
  });

  it('the default budget is 2000 ms and a normal template renders in full within it', () => {
    assert.equal(DEFAULT_TIMEOUT_MS, 2000);
    const result = renderTemplate('#foreach($i in [1..1000])$i#end', {});
    assert.deepEqual(result.errors, []);
    assert.equal(result.output, Array.from({ length: 1000 }, (_, i) => i + 1).join(''));
  });
});
