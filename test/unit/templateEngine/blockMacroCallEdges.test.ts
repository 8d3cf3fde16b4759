/**
 * Block macro calls where velocityjs reads otherwise than Velocity 1.7: right after a reference, and behind
 * backslashes. The outputs are Velocity's own (test/oracle/cases/blockMacroCalls.ts).
 */
import assert from 'node:assert/strict';
import { parseInPieces } from '../../../server/src/template/piecewiseParse';
import { lexTemplate } from '../../../server/src/template/velocityLexer';
import { render, renderFull } from './render';

const Q = '#macro(m)M$!bodyContent#end';

describe('block macro calls at the edges of Velocity 1.7', () => {
  describe('right after a reference', () => {
    it('runs a call after a reference that ends a macro body, and after the #end or #else of a block', () => {
      assert.equal(render('#macro(m)$bodyContent#end#@m()x#end'), 'x');
      assert.equal(render('#macro(m $a)$a#end#@m(1)x#end'), '1');
      assert.equal(render(`${Q}$a#@m()x#end`), 'Mx');
      assert.equal(render(`${Q}#if(true)$a#end#@m()x#end#@m()y#end`), 'MxMy');
      assert.equal(render(`${Q}#if(true)$a#end#@m()#@m()y#end#end`), 'MMy');
      assert.equal(render(`${Q}#foreach($i in [1])$a#{end}#@m('a')x#end`), 'Mx');
      assert.equal(render(`${Q}#if(true)$a#else#@m()x#end#end`), '');
    });

    it('reads `#@` without a call there as text', () => {
      assert.equal(render(`${Q}#if(true)$a#end#@m`), '#@m');
    });

    it('places errors after the call at their lines and columns', () => {
      const [error] = renderFull('#macro(m)#end$a#@m()x\n#set($b = )#end').errors;
      assert.deepEqual([error.code, error.line, error.column], ['syntax', 2, 11]);
      const [extra] = renderFull('#macro(m)#end$a#end#@m()x#end\n#end').errors;
      assert.deepEqual([extra.code, extra.line, extra.column], ['unmatched-end', 1, 16]);
    });

    it('starts the parse afresh at the call, which velocityjs reads in one with the reference before it only as an error', () => {
      const fresh: number[] = [];
      lexTemplate('$a#end#@m()x#end', () => {}, (offset, at) => at && fresh.push(offset));
      assert.deepEqual(fresh, [6]);
      for (const size of [1, 64]) {
        const tree = parseInPieces('$a#@m()x#end', '$a#@m()x#end', size);
        assert.deepEqual(tree.map((item) => (Array.isArray(item) ? (item[0] as { type: string }).type : typeof item === 'string' ? item : item.type)), ['references', 'macro_body']);
      }
    });
  });

  describe('behind backslashes', () => {
    it('prints every one of an even number and runs the call', () => {
      assert.equal(render(`${Q}\\\\#@m()x#end`), '\\\\Mx');
      assert.equal(render(`${Q}\\\\\\\\#@m('a')x#end`), '\\\\\\\\Mx');
      assert.equal(render('#macro(m)M#end\\\\#@m()x#end'), '\\\\M');
      assert.equal(render(`${Q}$a\\\\#@m()x#end`), '\\\\Mx');
      assert.equal(render(`\\\\#@m()x#end${Q}`), '\\\\Mx');
    });

    it('prints them all before a call of no macro, which prints as written, and before `#@` without a call', () => {
      assert.equal(render('\\\\#@nope()x#end'), '\\\\#@nope()x#end');
      assert.equal(render(`${Q}\\\\#@m x`), '\\\\#@m x');
    });

    it('reads them so in strings and #evaluate too', () => {
      assert.equal(render(`${Q}#set($s = "\\\\#@m()x#end")$s`), '\\\\Mx');
      assert.equal(render(`${Q}#evaluate('\\\\#@m()x#end')`), '\\\\Mx');
    });

    it('escapes the call after an odd number, whose #end then closes nothing', () => {
      assert.equal(render(`${Q}\\\\\\#@m()x`), '\\\\\\#@m()x');
      assert.equal(renderFull(`${Q}\\#@m()x#end`).errors[0]?.code, 'unmatched-end');
    });
  });
});
