import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render, renderFull } from './render';

/** Directives, text and operators as Velocity 1.7 reads them (the oracle cases compare them with Velocity itself). */
describe('Velocity 1.7 directive semantics', () => {
  describe('conditions', () => {
    it('takes a literal, a list, a map or arithmetic as false, and a reference by its value', () => {
      assert.equal(render('#if("x")T#{else}F#end #if(1)T#{else}F#end #if([1])T#{else}F#end #if({"a": 1})T#{else}F#end'), 'F F F F');
      assert.equal(render('#set($n = 2)#set($e = "")#if($n + 1)T#{else}F#end #if($n)T#{else}F#end #if($e)T#{else}F#end'), 'F T T');
      assert.equal(render('#set($r = !"x")$r|#set($r = "x" && true)$r|#set($r = 1 || false)$r'), 'true|false|false');
    });

    it('binds && tighter than || and < tighter than ==', () => {
      assert.equal(render('#set($r = true || false && false)$r|#set($r = true == 1 < 2)$r'), 'true|true');
    });
  });

  describe('#foreach', () => {
    it('gives $foreach the scope of the loop around it, and getters only as methods', () => {
      assert.equal(render('#foreach($i in [1,2])#foreach($j in [1,2])$foreach.parent.count$foreach.count,#end#end'), '11,12,21,22,');
      assert.equal(render('#foreach($i in [1])#foreach($j in [1])$foreach.topmost.first#end#end'), 'true');
      assert.equal(render('#foreach($i in [1,2])[$foreach.index()]$foreach.getIndex()#end'), '[]0[]1');
    });

    it('takes a range bound that is not a number as a null range, and a Long bound by its int value', () => {
      assert.equal(render('#set($n = "3")#set($r = "x")#set($r = [1..$n])$r'), 'x');
      assert.equal(render('#set($s = 3000000000)#set($r = [$s..$s])$r'), '[-1294967296]');
    });
  });

  describe('macros', () => {
    it('defines every macro before the template runs, and keeps the first of a name', () => {
      assert.equal(render('#m1(1)#macro(m1 $a)[$a]#end#m1(2)'), '[1][2]');
      assert.equal(render('#macro(m2)a#end#macro(m2)b#end#m2()'), 'a');
    });

    it('passes arguments by name and lets #set change a parameter', () => {
      assert.equal(render('#macro(m3 $a)$a$a#end#set($c = [])#m3($c.add(1))$c'), 'truetrue[1, 1]');
      assert.equal(render('#set($a = "outer")#macro(m4 $a)#set($a = "in")[$a]#end#m4(1)$a'), '[in]in');
      assert.equal(render('#macro(m5 $a)#set($x = 5)$a#end#set($x = 1)#m5($x)'), '5');
    });

    it('renders $bodyContent where it is used', () => {
      assert.equal(render('#macro(m6)$bodyContent$bodyContent#end#set($c = [])#@m6()$c.add(1)#end$c'), 'truetrue[1, 1]');
    });

    it('ends only the macro, #define or #evaluate at a #break', () => {
      assert.equal(render('#macro(m7)a#break b#end#m7() c'), 'a c');
      assert.equal(render('#define($d)a#break b#end$d c $d'), 'a c a');
      assert.equal(render("#evaluate('a#break b') c|#evaluate('x#stop y') z"), 'a c|x z');
    });

    it('takes commas between parameters', () => {
      assert.equal(render('#macro(m8, $a, $b)[$a$b]#end#m8(1, 2)'), '[12]');
    });

    it('lets #set replace a #define', () => {
      assert.equal(render('#define($d)x#end#set($d = "y")$d [$d.length()]'), 'y [1]');
    });

    it('gives a #define the members of the Block.Reference it sets: toString() renders it, and no getter but the class', () => {
      assert.equal(render('#define($d)[$v]#end#set($v = 1)$d.toString()#set($v = 2)$d.toString().length()|${d.toString()}'), '[1]3|[2]');
      assert.equal(render("#define($d)abc#end#if($d.toString() == 'abc')y#end|$d.class.name|$d.getClass().simpleName|$d.equals($d)|$d.equals('abc')"), 'y|org.apache.velocity.runtime.directive.Block$Reference|Reference|true|false');
      assert.equal(render('#define($d)abc#end[$d.length()][$d.foo][$d.toString][$d.hashCode().class.simpleName]'), '[][][][Integer]');
    });

    it('keeps a #define the object it is as a value, which renders where it prints, with the variables as they are then', () => {
      assert.equal(render('#define($d)$i#end#set($i = 1)#set($x = $d)#set($l = [$d])#set($i = 2)$x $l [$x.length()] $d.equals($x)'), '2 [2] [] true');
      assert.equal(render('#define($d)abc#end#macro(m10 $v)$v|[$v.length()]#end#m10($d)|#set($y = $d + "!")$y|#if($d == "abc")eq#end'), 'abc|[]|abc!|eq');
      assert.equal(renderFull('#define($d)abc#end$d.toString(1)').errors[0]?.code, 'method-error');
    });

    it('returns nothing from toString() of a #define that stops, and stops the template', () => {
      assert.equal(render('#define($d)a#stop b#end[$d.toString()]x|'), '[');
      assert.equal(render('#define($d)a#break b#end#foreach($i in [1, 2])$i$d.toString()#end'), '1a2a');
      assert.equal(render('#define($d)a#stop b#end#set($l = [$d])[$l]x'), '[');
      assert.equal(render('#define($d)a#stop b#end#set($x = $d)[$x]x'), '[a');
    });

    it('registers a macro defined inside another one first, as its #end comes first', () => {
      assert.equal(render('#macro(m9)A#macro(m9)B#end#end#m9()'), 'B');
    });
  });

  describe('operators', () => {
    it('joins a string with the text of a null reference', () => {
      assert.equal(render('#set($r = "a" + $n)$r|#set($r = $n.b("x") + "c")$r'), 'a$n|$n.b("x")c');
    });

    it('refuses a minus sign Velocity reads as a negative number or as a unary minus', () => {
      for (const template of ['#set($r = 3-1)', '#set($l = [])#set($r = $l.size()-1)', '#set($r = - 1)', '#set($r = -(1))']) {
        assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
        assert.equal(isCertainlyValidTemplate(template), false, template);
      }
      assert.equal(render('#set($r = 3 - -1)$r|#set($r = 3- 1)$r|#set($x = 3)$x-1'), '4|2|');
    });
  });

  describe('text', () => {
    it('reads the braced forms of every directive', () => {
      assert.equal(render('#{set}($a = 1)#{if}(false)x#{elseif}(true)$a#{end}#{foreach}($i in [1,2])$i#{break}#{end}'), '11');
    });

    it('escapes only directives, macros and references with a backslash', () => {
      assert.equal(render('\\#foo \\# x \\$5 \\#if \\#stop'), '\\#foo \\# x \\$5 #if #stop');
      assert.equal(render('\\\\#if(true)x#end|\\\\\\\\#if(true)y#end'), '\\x|\\\\y');
      assert.equal(render('\\## comment\nz'), '\\z');
    });

    it('prints ${ without a name, $name( and an empty comment as Velocity does', () => {
      assert.equal(render('${} $!{ } a#**#b a#[[]]#b'), '${} $!{ } ab ab');
      assert.equal(render('#set($a = "v")$a(1, $a) $nope(s)'), 'v(1, v) (s)');
    });

    it('reads text right after a reference as Velocity does', () => {
      assert.equal(render('$a{ $a#* c *#x $a#[[r]]#y'), '{ x ry');
      assert.equal(render('#set($a = {"b": "B"})$a.b## c\n|$a.b\\$a'), 'B## c\n|B$a');
    });

    it('prints #set without its parenthesis, and still points it out', () => {
      assert.equal(render('#set x'), '#set x');
      assert.equal(checkTemplateSyntax('#set $a = 1')[0]?.message, '`#set` must be followed by `(`: write `#set($name = value)`; found `$a`');
    });

    it('ends a line comment at a lone carriage return, and takes the rest of the template into a comment never closed', () => {
      assert.equal(render('#if(true)## c\rx#end|a #* b\nc'), 'x|a ');
    });

    it('refuses a $ or # that ends the template, even in a comment, but not in a string', () => {
      for (const template of ['$', 'a#', '\\$', '$!']) assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
      assert.deepEqual(checkTemplateSyntax('a ## comment'), []);
      assert.equal(checkTemplateSyntax('a ## comment #')[0]?.code, 'syntax');
      assert.equal(render('#set($s = "a$")[$s] #set($t = "x##")[$t]'), '[a$] [x]');
      assert.equal(renderFull("#evaluate('$')").errors[0]?.code, 'evaluate-syntax');
    });
  });
});
