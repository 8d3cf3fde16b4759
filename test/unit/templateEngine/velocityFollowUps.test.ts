import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render, renderFull, withBody } from './render';

/** The one syntax problem of a template, as [line, column, message]. */
function syntaxProblem(template: string): [number | undefined, number | undefined, string] {
  const problems = checkTemplateSyntax(template);
  assert.equal(problems.length, 1, `${JSON.stringify(template)}: ${JSON.stringify(problems)}`);
  assert.equal(problems[0].code, 'syntax');
  return [problems[0].line, problems[0].column, problems[0].message];
}

describe('templates read as Velocity 1.7 reads them', () => {
  describe('null as a value', () => {
    it('is a syntax error in a directive, and a word among the arguments of a macro call, at the word, saying what to write instead', () => {
      for (const [template, column] of [
        ['#set($x = null)', 11],
        ['#if(null)a#end', 5],
        ['#if($a == null)a#end', 11],
        ['#if(false)#elseif(!null)a#end', 20],
      ] as const) {
        const [line, at, message] = syntaxProblem(template);
        assert.deepEqual([line, at], [1, column], template);
        assert.match(message, /^`null` is not a value in Velocity 1\.7/);
        assert.match(message, /`#if\(\$a == \$null\)`/);
        assert.match(message, /`#if\(!\$a\)`/);
        assert.equal(isCertainlyValidTemplate(template), false, template);
      }
      // Among a macro call's arguments it is a word, which fails the call once it is reached.
      const [problem] = checkTemplateSyntax('#macro(m $a)$a#end#m(null)');
      assert.deepEqual([problem.code, problem.line, problem.column], ['macro-argument', 1, 22]);
      assert.match(problem.message, /^`null` is not a value Velocity can pass to the macro #m: .*`\$null`/);
    });

    it('is null among a method call\'s arguments, as any bare word is there, and $null stays a reference', () => {
      assert.equal(render('#set($l = [])$l.add(null)$l.add([foo, null])$l'), 'truetrue[null, [null, null]]');
      assert.equal(render('#set($m = {})$m.put(1, null)#if($m.get(1) == $null)null#end#if($a.b(null) == $!null)too#end'), 'nulltoo');
      assert.equal(isCertainlyValidTemplate('#if($a == $null)x#end'), true);
    });
  });

  describe('number literals', () => {
    it('reads the floating-point forms velocityjs has no spelling for as Doubles', () => {
      assert.equal(render('#set($a = 1e3)#set($b = .5)#set($c = 1.)#set($d = -.5)#set($e = 1e400)#set($f = 1.5E-3)$a $b $c $d $e $f'), '1000.0 0.5 1.0 -0.5 Infinity 0.0015');
      assert.equal(render('#set($l = [])$l.add(1e3)$l.add(.5)#if(.5 < 1e3)$l#end'), 'truetrue[1000.0, 0.5]');
      assert.equal(render('#foreach($i in [1])$x.format("%.2f", 1e20)#end'), '');
    });

    it('keeps every digit of a negative integer beyond 2^53', () => {
      assert.equal(render('#set($a = -9223372036854775809)#set($b = -9007199254740993)$a $b'), '-9223372036854775809 -9007199254740993');
      assert.equal(render('#set($l = [])$l.add(-9007199254740993)$l'), 'true[-9007199254740993]');
    });
  });

  describe('indexes', () => {
    it('takes true and false as Boolean keys', () => {
      assert.equal(render('#set($l = [1, 2])#set($m = {true: "t", "false": "f"})[$l[true]][$m[true]][$m[ false ]]#set($x = $m[true])$x'), '[][t][]t');
    });

    it('refuses in text what no index is, where velocityjs read the bracket as text', () => {
      for (const [template, column] of [['$a[x]', 4], ['x$a[', 2], ['$a[]', 4], ['$a.b()[1.5]', 8], ['$a[null]', 4]] as const) {
        assert.equal(syntaxProblem(template)[1], column, template);
        assert.equal(isCertainlyValidTemplate(template), false, template);
      }
      assert.equal(render('$a [x] $!a[0]'), ' [x] ');
    });
  });

  it('lets #set inside #evaluate set the template\'s variable', () => {
    assert.equal(render('#set($v = "out")#evaluate(\'[$v]#set($v = "in")[$v]\')$v#evaluate(\'#set($w = 1)\')$w'), '[out][in]in1');
  });

  describe('#foreach and #if', () => {
    it('loops over nothing for a string, a number or a Boolean', () => {
      assert.equal(render('#foreach($i in "abc")[$i]#end#foreach($i in 5)[$i]#end#foreach($i in -1.5)[$i]#end#foreach($i in true)[$i]#end|'), '|');
    });

    it('takes tabs and line breaks between a directive and its parenthesis, keeping the lines of what follows', () => {
      assert.equal(render('#if\n(true)a#end#if\t(true)b#end#foreach\r\n($i in [1])$i#end#{if}\n(true)c#end'), 'ab1c');
      const result = renderFull('#if\n(true)\n  #set($a = )\n#end');
      assert.deepEqual([result.errors[0].line, result.errors[0].column], [3, 13]);
      assert.equal(render("#set($s = '#if\n(x')$s"), '#if\n(x');
    });
  });

  describe('values printed as Java prints them', () => {
    it('escapes a JSON list as json-smart does, and writes NaN', () => {
      assert.equal(render("$input.path('$.l')", withBody('{"l":["a/b","€"]}')), '["a\\/b","\\u20AC"]');
      assert.equal(render("$input.json('$.v') $input.json('$.w')", withBody('{"v": NaN, "w": 1e400}')), 'NaN null');
    });

    it('gives null for $input.path and $input.json of anything but a string', () => {
      assert.equal(render('[$input.path(1)][$input.json(1)][$input.json([1])]', withBody({})), '[][][]');
    });

    it('prints $foreach as the map it is, and answers Map\'s methods', () => {
      assert.equal(render("#foreach($i in [1])$foreach.put('a', 1)$foreach $foreach.keySet() $foreach.hashCode() $foreach.equals($foreach)#end"), '{a=1} [a] 96 true');
      assert.equal(render('#foreach($i in [1])$foreach.class#set($foreach.b = 2) $foreach#end'), 'class org.apache.velocity.runtime.directive.ForeachScope {b=2}');
    });
  });

  describe('string literals', () => {
    it('prints a $! that starts no reference as $, or nothing before .name', () => {
      assert.equal(render('#set($a = "$!.a")#set($b = "$!..abc")[$a][$b][$!][$! x][$!}]'), '[.a][$..abc][$][$ x][$!}]');
    });

    it('refuses a double-quoted string whose text does not parse, whether it runs or not, at the problem', () => {
      const [line, column, message] = syntaxProblem('#if(false)\n#set($x = "$b[}&&")#end');
      assert.deepEqual([line, column], [2, 15]);
      assert.match(message, /^Velocity parses a double-quoted string as template text when the template loads, and this one does not parse: .*`\$b\[` opened at line 1 of the string/);
      assert.equal(isCertainlyValidTemplate('#set($x = "#end")'), false);
      assert.equal(render("#set($x = '$b[}&&')$x"), '$b[}&&');
    });
  });
});
