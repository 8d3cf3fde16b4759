import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render } from './render';

describe('$ signs that start no reference, read as Velocity 1.7 reads them', () => {
  describe('right before a directive', () => {
    it('print nothing before #set, #if, #elseif, #else and #end, the braced forms included', () => {
      assert.equal(render('a$#set($a = 1)b'), 'ab');
      assert.equal(render('a$#if(true)x#end|a$#{if}(true)x#{end}'), 'ax|ax');
      assert.equal(render('#if(true)a$#elseif(true)b#end|#if(true)a$#else b#end|#if(false)a#else b$#end'), 'a|a| b');
      assert.equal(render('#foreach($x in [1, 2])$x$#end'), '12');
      assert.equal(render('#set($b = 2)a$b$#set($a = 1)c'), 'a2c');
      assert.equal(render('#set($s = "a$#if(true)x#end")$s'), 'ax');
    });

    it('take every $, $! and backslash before the directive with them, and the blanks before #set', () => {
      assert.equal(render('a$$$#if(true)x#end|a$!#set($a = 1)b|a$\\!#set($a = 1)b'), 'ax|ab|ab');
      assert.equal(render('a\\$#set($a = 1)b|a\\\\\\$#if(true)x#end'), 'ab|ax');
      assert.equal(render('a$  #set($a = 1)b|a$\t#set($a = 1)b'), 'ab|ab');
    });

    it('make any other directive or macro call one of a name no macro has, printed as written', () => {
      assert.equal(render('#set($x = 1)a$#evaluate("$x")b|a$!#evaluate("$x")b'), 'a$#evaluate("$x")b|a$!#evaluate("$x")b');
      assert.equal(render('#macro(m $a)M$a#end#set($x = 1)a$#m($x)b|a$#m|a$#{m}'), 'a$#m($x)b|a$#m|a$#{m}');
      assert.equal(render('#foreach($i in [1, 2])a$#break b#end|a$#stop b'), 'a$#break ba$#break b|a$#stop b');
      assert.equal(render('a$#{stop} b|a$#stop() b|a$#include("x")b'), 'a$#{stop} b|a$#stop() b|a$#include("x")b');
    });

    it('make a block directive a macro call that opens no block, printed as written, its #end closing the block around', () => {
      assert.equal(render('#if(true)a$#foreach($i in [1])x#end|#foreach($j in [1, 2])$!#foreach($i $j)x#end'), 'a$#foreach($i in [1])x|$!#foreach($i $j)x$!#foreach($i $j)x');
      assert.equal(render('#if(true)a$#{foreach}($i in [1])x#end|#if(true)$#macro(q)x#end|#if(true)$#@m()x#end|a$#foreach x|a$#foreach'), 'a$#{foreach}($i in [1])x|$#macro(q)x|$#@m()x|a$#foreach x|a$#foreach');
      assert.equal(render('#set($s = "$#foreach($i in [1])")$s'), '$#foreach($i in [1])');
    });

    it('make a block directive a syntax error when its #end then closes another block than the one around, or none', () => {
      for (const [template, column] of [
        ['a$#foreach($x in [1])$x#end', 2],
        ['$!#{define}($d)x#end', 1],
        ['#macro(m)M#end$#@m()x#end', 15],
      ] as const) {
        const problems = checkTemplateSyntax(template);
        assert.deepEqual(problems.map((p) => [p.code, p.line, p.column]), [['syntax', 1, column]], template);
        assert.match(problems[0].message, /opens no block/);
        assert.equal(isCertainlyValidTemplate(template), false, template);
      }
    });

    it('stay where a blank or line break comes between, and in comments and string literals', () => {
      assert.equal(render('a$ #if(true)x#end|a$\n#set($a = 1)b'), 'a$ x|a$\nb');
      assert.equal(render("#set($s = 'a$#set(')$s|#[[$#set(]]#"), 'a$#set(|$#set(');
    });
  });

  describe('right before a reference inside a directive or call', () => {
    it('leave the value of the reference, whatever came before its last $', () => {
      assert.equal(render("#set($x = 'X')#set($a = $\\$x)[$a]#set($a = \\$x)[$a]#set($a = $$x)[$a]#set($a = $!\\$x)[$a]#set($a = $\\${x})[$a]"), '[X][X][X][X][X]');
      assert.equal(render("#set($x = 'X')#if($\\$x == 'X')y#end|$x.concat($\\$x)|#set($l = [$\\$x])$l|#set($\\$n = 1)$n"), 'y|XX|[X]|1');
      assert.equal(render('#if($\\$nope)y#{else}n#end'), 'n');
    });
  });

  describe('right before a reference, with backslashes between', () => {
    it('print as written before the value, every backslash kept', () => {
      assert.equal(render('#set($x = 1)a$\\$x|$!\\$x|$\\\\$x|$$\\$x|$\\$\\$x'), 'a$\\1|$!\\1|$\\\\1|$$\\1|$\\$\\1');
      assert.equal(render('#set($x = {"y": 2})$\\$x.y|$\\${x.y}|$\\$x.z|$\\$nope'), '$\\2|$\\2|$\\|$\\');
      assert.equal(render('#set($x = 1)#set($s = "$\\$x")$s'), '$\\1');
    });

    it('drop when a backslash before the first $ escapes the reference, which then prints as written', () => {
      assert.equal(render('#set($x = 1)\\$\\$x|\\$$\\$x'), '$x|$x');
      assert.equal(render('\\$\\$nope'), '\\$nope');
      // Two backslashes escape nothing and print one.
      assert.equal(render('#set($x = 1)\\\\$\\$x|\\\\\\$\\$x'), '\\$\\1|\\$x');
    });
  });
});
