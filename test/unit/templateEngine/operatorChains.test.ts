import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { checkTemplateSyntax, renderTemplate } from '../../../server/src/template/engine';
import { render } from './render';

/** `count` operands joined by the operator, each `operand(i)`. */
function chain(count: number, operator: string, operand: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => operand(i)).join(operator);
}

/** Operands in a 30 KB statement of single-character operands and operators, under the 32,000-token statement limit. */
const LONG = 15_000;

describe('long chains of operators', () => {
  it('adds, subtracts and multiplies 15,000 operands (30 KB) as a short chain does', () => {
    const plus = `#set($x = ${chain(LONG, '+', () => '1')})$x`;
    assert.ok(plus.length >= 30_000);
    assert.equal(render(plus), String(LONG));
    // `-1` would be a negative number (two values in a row): the minus takes a blank after it.
    assert.equal(render(`#set($x = 100000${'- 1'.repeat(7_000)})$x`), String(100_000 - 7_000));
    assert.equal(render(`#set($x = ${chain(LONG, '*', () => '1')})$x`), '1');
    assert.equal(render(`#set($n = 3)#set($x = ${chain(5_000, ' + ', () => '$n')})$x`), '15000');
  });

  it('binds * before + and - across the whole chain, left to right', () => {
    // Each `+ 2 * 3 - 1` adds 5; a chain grouped by velocityjs's order would not.
    const repeats = 1_500;
    assert.equal(render(`#set($x = 0${' + 2 * 3 - 1'.repeat(repeats)})$x`), String(5 * repeats));
    // `%` and `*` bind alike, left to right: each `+ 10 % 4 * 2` adds 4.
    assert.equal(render(`#set($x = 1${' + 10 % 4 * 2'.repeat(repeats)})$x`), String(1 + 4 * repeats));
    assert.equal(render(`#set($x = 100${' - 2 * 3 + 5'.repeat(repeats)})$x`), String(100 - repeats));
  });

  it('joins strings from where the first string stands, as a short chain does', () => {
    assert.equal(render(`#set($x = ${chain(5_000, '+', () => '1')} + "a" + 1 + 1)$x`), '5000a11');
    assert.equal(render(`#set($x = "a"${'+1'.repeat(5_000)})$x`), `a${'1'.repeat(5_000)}`);
    assert.equal(render(`#set($x = "a"${' + $nope'.repeat(3)})$x`), 'a$nope$nope$nope');
  });

  it('takes && and || of 15,000 operands, skipping what it need not read', () => {
    assert.equal(render(`#if(${chain(LONG, '&&', () => 'true')})y#{else}n#end`), 'y');
    assert.equal(render(`#if(${chain(LONG, '&&', (i) => (i === LONG / 2 ? 'false' : 'true'))})y#{else}n#end`), 'n');
    assert.equal(render(`#if(${chain(LONG, '||', () => 'false')})y#{else}n#end`), 'n');
    assert.equal(render(`#if(${chain(LONG, '||', (i) => (i === LONG - 1 ? 'true' : 'false'))})y#{else}n#end`), 'y');
    // Short-circuit: the calls after the operand that decides are never made.
    assert.equal(render(`#set($l = [])#if(false${' && $l.add(1)'.repeat(3_000)})#end$l.size()`), '0');
    assert.equal(render(`#set($l = [])#if(true${' || $l.add(1)'.repeat(3_000)})#end$l.size()`), '0');
    assert.equal(render(`#set($l = [])#if(${chain(3_000, ' && ', () => '$l.add(1)')})#end$l.size()`), '3000');
  });

  it('binds && before || across the whole chain', () => {
    // `true || false && false` is true in Velocity: && first.
    assert.equal(render(`#set($x = ${chain(3_000, ' || ', () => 'false && false')} || true && true)$x`), 'true');
    assert.equal(render(`#set($x = ${chain(3_000, ' || ', () => 'true && false')})$x`), 'false');
    assert.equal(render(`#set($x = true${' || false && false'.repeat(3_000)})$x`), 'true');
  });

  it('compares along a chain of comparisons, == below <', () => {
    assert.equal(render(`#set($x = 1 < 2${' == true'.repeat(5_000)})$x`), 'true');
    assert.equal(render(`#set($x = 1 > 2${' == true'.repeat(5_000)})$x`), 'false');
    // Each `!= true` negates: 4,999 of them leave false.
    assert.equal(render(`#set($x = true${' != true'.repeat(4_999)})$x`), 'false');
    // A comparison of sums in a chain of && (each `1 + 1 == 2` true).
    assert.equal(render(`#if(${chain(2_000, ' && ', () => '1 + 1 == 2')})y#{else}n#end`), 'y');
    assert.equal(render(`#if(${chain(2_000, ' && ', () => '2 * 2 >= 4')} && 1 + 2 * 3 == 7)y#{else}n#end`), 'y');
  });

  it('keeps a long arithmetic chain false as a condition, as a short one is', () => {
    assert.equal(render(`#if(${chain(5_000, '+', () => '1')})y#{else}n#end`), 'n');
    assert.equal(render('#if(1 + 1)y#{else}n#end'), 'n');
  });

  it('finds no problem in a long chain when checking syntax', () => {
    assert.deepEqual(checkTemplateSyntax(`#set($x = ${chain(LONG, '+', () => '1')})$x`), []);
    assert.deepEqual(checkTemplateSyntax(`#if(${chain(LONG / 3, ' || ', () => '$a')})#end`), []);
  });

  it('keeps chains inside parentheses, loops and interpolated strings', () => {
    assert.equal(render(`#set($x = (${chain(5_000, '+', () => '1')}) * 2)$x`), '10000');
    assert.equal(render(`#foreach($i in [1..3])#set($x = $i${' + 1'.repeat(2_000)})$x #end`), '2001 2002 2003 ');
    assert.equal(render(`#set($x = "#set($y = ${chain(2_000, '+', () => '1')})$y")$x`), '2000');
  });
});

describe('running out of call stack ends as a result', () => {
  it('reports a parse or an evaluation that runs out of stack as an error, never an exception', function () {
    this.timeout(60_000);
    // A small stack makes nesting within the engine's own limits run out of it: in the parse for blocks, in the
    // evaluation for lists.
    const script = `
      const { renderTemplate, checkTemplateSyntax } = require(${JSON.stringify(path.resolve(__dirname, '../../../server/src/template/engine'))});
      const blocks = '#if(true)'.repeat(900) + 'x' + '#end'.repeat(900);
      const lists = '#set($x = ' + '['.repeat(250) + '1' + ']'.repeat(250) + ')$x';
      const out = {};
      for (const [name, template] of [['blocks', blocks], ['lists', lists]]) {
        try {
          out[name] = { render: renderTemplate(template, {}).errors, check: checkTemplateSyntax(template) };
        } catch (error) {
          out[name] = { thrown: String(error) };
        }
      }
      process.stdout.write(JSON.stringify(out));
    `;
    const run = (stackKb: number) =>
      JSON.parse(execFileSync(process.execPath, [`--stack-size=${stackKb}`, '--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' })) as Record<
        string,
        { thrown?: string; render?: Array<{ code: string; message: string }>; check?: Array<{ code: string; message: string }> }
      >;
    const small = run(200);
    assert.equal(small.blocks.thrown, undefined);
    assert.equal(small.blocks.render?.[0]?.code, 'recursion');
    assert.match(small.blocks.render![0].message, /parsing ran out of call stack/);
    assert.equal(small.blocks.check?.[0]?.code, 'recursion');
    assert.equal(small.lists.thrown, undefined);
    assert.equal(small.lists.render?.[0]?.code, 'recursion');
    assert.match(small.lists.render![0].message, /ran out of call stack/);
  });

  it('renders the same templates in full on the usual stack', () => {
    const result = renderTemplate('#set($x = ' + '['.repeat(250) + '1' + ']'.repeat(250) + ')$x.size()', {});
    assert.deepEqual(result.errors, []);
    assert.equal(result.output, '1');
  });
});
