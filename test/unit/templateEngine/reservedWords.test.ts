import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render } from './render';

/** The one syntax problem of a template, as [line, column, message]. */
function syntaxProblem(template: string): [number | undefined, number | undefined, string] {
  const problems = checkTemplateSyntax(template);
  assert.equal(problems.length, 1, `${JSON.stringify(template)}: ${JSON.stringify(problems)}`);
  assert.equal(problems[0].code, 'syntax');
  return [problems[0].line, problems[0].column, problems[0].message];
}

describe('Velocity 1.7 keywords where velocityjs reads them otherwise', () => {
  describe('true and false', () => {
    it('cannot name a variable or property: a syntax error at the word', () => {
      for (const [template, column] of [
        ['$true', 2],
        ['a $!false b', 5],
        ['a ${true} b', 5],
        ['$a.false', 4],
        ['#set($x = $true.x)', 12],
        ['#set($s = "$true")', 13],
      ] as const) {
        const [line, at, message] = syntaxProblem(template);
        assert.deepEqual([line, at], [1, column], template);
        assert.match(message, /cannot name a variable or property in Velocity 1\.7/, template);
        assert.equal(isCertainlyValidTemplate(template), false, template);
      }
      assert.equal(render('$truex|$true_|$true-x|$falsey'), '|||');
    });

    it('are the values true and false after $ or $! inside parentheses', () => {
      assert.equal(render('#if($true)y#end#if($!false)n#end#set($x = $true)$x'), 'ytrue');
      assert.equal(render('#set($l = [])$l.add($true)$l.add($!false)$l|#set($m = {"a": $true})$m'), 'truetrue[true, false]|{a=true}');
      assert.equal(render('#if($false || $true == true)y#end'), 'y');
      assert.equal(render('#macro(m $a)[$a]#end#m($true)'), '[true]');
    });
  });

  describe('in, null and the word operators', () => {
    it('name a variable or property after $ or . inside parentheses', () => {
      assert.equal(render('#set($m = {"null": [5], "in": 1, "eq": 2, "and": {"or": 3}})#set($a = $m.null[0])#set($b = $m.in)#set($c = $m.and.or)#if($m.eq == 2)$a $b $c#end'), '5 1 3');
      assert.equal(render('#set($in = 1)#set($le = 2)#set($x = $in + $le)$x|#set($y = ${in})$y'), '3|1');
      assert.equal(render('#foreach($in in [1, 2])$in#end'), '12');
      assert.equal(render('#set($m = {"null": [5]})#set($x = $m.null.size())$x'), '1');
    });

    it('keep their names when the template already uses the names they are read as', () => {
      assert.equal(render('#set($IN = 2)#set($QN = 3)#set($in = 1)#set($x = $in)$x $IN $QN'), '1 2 3');
    });
  });

  describe('a word operator right after a reference', () => {
    it('is a syntax error after the ) of a call or the ] of an index, in a directive', () => {
      for (const [template, word, column] of [
        ['#if($s.length()le 2)y#end', 'le', 16],
        ['#set($l = [1])#if($l[0]eq 1)y#end', 'eq', 24],
        ['#set($x = $a.b()and true)', 'and', 17],
      ] as const) {
        const [line, at, message] = syntaxProblem(template);
        assert.deepEqual([line, at], [1, column], template);
        assert.match(message, new RegExp(`put a blank before \`${word}\``), template);
        assert.equal(isCertainlyValidTemplate(template), false, template);
      }
    });

    it('is an operator after a blank, a group or a ${reference}, and text outside directives', () => {
      assert.equal(render('#set($s = "a")#if($s.length() le 2)y#end#if((1)le 2)y#end#if(${s}eq "a")y#end'), 'yyy');
      assert.equal(render('#set($s = "a")$s.length()le 2'), '1le 2');
    });
  });
});
