import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
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

    it('stays a syntax error for a directive, or a word Velocity cannot read', () => {
      for (const template of ['#evaluate(intro)', '#section(a-b)']) assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
    });

    it('fails when reached once the macro is defined, above or below', () => {
      for (const template of ['#macro(m $a)$a#end#m(intro)', '#m(intro)#macro(m $a)$a#end']) {
        assert.equal(checkTemplateSyntax(template)[0]?.code, 'macro-argument', template);
        assert.equal(renderFull(template).errors[0]?.code, 'macro-argument', template);
      }
      assert.equal(render('#macro(m $a)$a#end#if(false)#m(intro)#end ok'), ' ok');
    });
  });

  describe('a macro whose name starts with _', () => {
    it('is called with or without parentheses, and prints as written when there is none', () => {
      assert.equal(render("#macro(_m $a)[$a]#end#_m('a')|#_m|#{_m}|x#_m y|#_m (1)"), '[a]|[]|[]|x[] y|[1]');
      assert.equal(render('#_m()|#_m(1)|#_(x)|\\#_m()|$#_m()'), '#_m()|#_m(1)|#_(x)|\\#_m()|$#_m()');
      assert.equal(render('#macro(_m)M#end#set($s = "a#_m() b#_m c")$s|\\#_m()|$#_m()'), 'aM bM c|#_m()|$#_m()');
    });

    it('is named as written in syntax errors, and left to the parser by the pre-check', () => {
      assert.match(checkTemplateSyntax('#macro(_m $a)$a#end#_m($a %)')[0].message, /`#_m\(`/);
      assert.equal(isCertainlyValidTemplate('#_m($a %)'), false);
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

    it('is called inside a double-quoted string, by any name a macro has as the template runs', () => {
      assert.equal(render('#macro(m)X#end#set($s = "a#m b#{m}#m.x")$s|#set($t = "#n")#macro(n)N#end$t'), 'aX bXX.x|N');
      assert.equal(render('#set($s = "a#m b #fff")$s'), 'a#m b #fff');
      assert.equal(render("#macro(m)X#end#evaluate('#m')"), 'X');
    });

    it('is placed where it is written', () => {
      const result = renderFull('#macro(m)#m#end\n #m');
      assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['recursion', 1, 10]]);
    });
  });
});
