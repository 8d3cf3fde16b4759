import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { render, renderFull } from './render';

describe('directive arguments and macro calls Velocity 1.7 takes and velocityjs does not', () => {
  it('#foreach reads its second argument whatever it is', () => {
    assert.equal(render('#foreach($k i [1, 2])$k#end|#foreach($k foo [1, 2])$k#end|#foreach($k 1 [3])$k#end'), '12|12|3');
    assert.equal(render('#set($l = [1, 2])#foreach($k $j $l)$k#end|#foreach($k "in" $l)$k#end|#foreach($k true [1])$k#end'), '12|12|1');
    assert.equal(render('#foreach( $k\ti\t[1] )$k#end'), '1');
  });

  it('#macro takes values among its parameters, in their places', () => {
    assert.equal(render('#macro(m 0 $a "s" $b)[$a $b]#end#m(1 2 3 4)'), '[2 4]');
    assert.equal(render("#macro(m true $a, 1.5, -1 's' $b)[$a $b]#end#m(1 2 3 4 5 6)"), '[2 6]');
    assert.equal(render('#macro(m $a, 0)[$a]#end#m(1 2)|#macro(n 0)x#end#n()'), '[1]|x');
  });

  describe('a call of a macro the template does not define', () => {
    it('prints as written with bare words among its arguments, never evaluating them', () => {
      assert.equal(render('see #section(intro) x|#section(intro, more)|#m(a b)|#section(in)|#section(null)|#section(_a)'), 'see #section(intro) x|#section(intro, more)|#m(a b)|#section(in)|#section(null)|#section(_a)');
      assert.equal(render('#set($a = 1)#section($a intro)'), '#section($a intro)');
      assert.equal(render('{"msg": "see #section(intro)"}|#set($s = "#x(y)")$s'), '{"msg": "see #section(intro)"}|#x(y)');
    });

    it('stays a syntax error when the macro is defined, or for a directive', () => {
      for (const template of ['#macro(m $a)$a#end#m(intro)', '#m(intro)#macro(m $a)$a#end', '#evaluate(intro)', '#section(a-b)']) {
        assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
      }
    });
  });

  describe('a macro called without parentheses', () => {
    it('is called with no arguments, wherever the template defines it', () => {
      assert.equal(render('#macro(m $a)[$a]#end#m|#{m}|#m.x|#m-x|#m\n'), '[]|[]|[].x|[]-x|[]\n');
      assert.equal(render('#m#macro(m)M#end'), 'M');
      assert.equal(render('#macro(m)M#end#set($a = 1)$a#m#if(true)#m#end#foreach($i in [1, 2])#m#end'), '1MMMM');
    });

    it('stays text under another name, escaped, or in comments and literals', () => {
      assert.equal(render('#macro(m)M#end#mx|#m_x|\\#m|## #m\n#* #m *##[[#m]]#'), '#mx|#m_x|#m|#m');
      assert.equal(render("#macro(m)M#end#set($s = '#m')$s"), '#m');
    });

    it('is placed where it is written', () => {
      const result = renderFull('#macro(m)#m#end\n #m');
      assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['recursion', 1, 10]]);
    });
  });
});
