import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { argumentLists, insideLists } from '../../../server/src/template/argumentLists';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { validateStandaloneTemplate } from '../../../server/src/services/templates/templateValidation';
import { render, renderFull } from './render';

const M = '#macro(m $a)[$a]#end';

describe('macro calls at the edges of Velocity 1.7', () => {
  describe('a word among the arguments of a macro that exists', () => {
    it('fails when the call is reached, at the call, after what was printed before it', () => {
      const result = renderFull(`abc${M}\n#foreach($i in [1, 2])$i#if($i == 2) #m(1 #x)#end#end`);
      assert.deepEqual(
        result.errors.map((e) => [e.code, e.line, e.column]),
        [['macro-argument', 2, 38]],
      );
      assert.match(result.errors[0].message, /^`#x` is not a value Velocity can pass to the macro #m: .*fails the template when it reaches/);
      for (const template of [`${M}#m(x)`, `${M}#m(#x x)`, `#m($#foreach)${M}`, `${M}#{m}(#x)`, `${M}#@m(#x)b#end`, '#macro(_m $a)$a#end#_m(#x)', `${M}#m(1 #stop)`]) {
        assert.equal(renderFull(template).errors[0]?.code, 'macro-argument', template);
      }
    });

    it('names the last word, as Velocity does', () => {
      assert.match(renderFull(`${M}#m(#x x)`).errors[0].message, /^`x` /);
      assert.match(renderFull(`${M}#m(x #y)`).errors[0].message, /^`#y` /);
      assert.match(renderFull(`${M}#m(null)`).errors[0].message, /^`null` .*`\$null`/);
    });

    it('is taken where it is never reached, and a call of no macro prints as written', () => {
      assert.equal(render(`${M}#if(false)#m(#x)#m(x)#{m}(#y)#@m(#z)b#end#end|#define($d)#m(#x)#end|#macro(n)#m(x)#end|#stop#m(#x)`), '|||');
      assert.equal(render('#m(#x)|#m(x)|#m(1 #stop)|#{m}(#x)|#@m(#x)b#end|#macro(M $a)$a#end#m(#x)'), '#m(#x)|#m(x)|#m(1 #stop)|#{m}(#x)|#@m(#x)b#end|#m(#x)');
    });

    it('is reported by the diagnostics at the word, as a syntax error of the template', () => {
      const template = `${M}\n#if($a)#m(1 #foreach)#end`;
      const problems = checkTemplateSyntax(template);
      assert.deepEqual(
        problems.map((p) => [p.code, p.line, p.column]),
        [['macro-argument', 2, 13]],
      );
      const findings = validateStandaloneTemplate(template).filter((p) => p.code === 'template-syntax');
      assert.deepEqual(findings.map((p) => template.slice(p.offset, p.end)), ['#foreach']);
      assert.deepEqual(checkTemplateSyntax('#m(#x)|#m(x)'), []);
      // The pre-check leaves every macro call to the parser.
      assert.equal(isCertainlyValidTemplate(template), false);
    });

    it('fails #evaluate when a macro of the name exists as it parses its text, unless the call is a block call', () => {
      for (const template of [`${M}#evaluate('#if(false)#m(#x)#end')`, "#evaluate('#m(#x)')#macro(m $a)$a#end", "#evaluate('#macro(m $a)$a#end')#evaluate('#if(false)#m(x)#end')"]) {
        const result = renderFull(template);
        assert.equal(result.errors[0]?.code, 'evaluate-syntax', template);
        assert.match(result.errors[0].message, /#m exists when #evaluate parses the text/);
      }
      assert.equal(render(`${M}#evaluate('#if(false)#@m(#x)b#end#end')|#evaluate('#macro(n $a)$a#end#if(false)#n(#x)#end')`), '|');
      assert.equal(renderFull("#evaluate('#macro(m $a)$a#end#m(#x)')").errors[0]?.code, 'macro-argument');
    });

    it('fails a double-quoted string as the template loads once a #macro before it defined the name', () => {
      const problems = checkTemplateSyntax(`${M}#if(false)#set($s = "a #m(#x)")#end`);
      assert.deepEqual(
        problems.map((p) => [p.code, p.column]),
        [['syntax', 47]],
      );
      assert.match(problems[0].message, /^Velocity parses a double-quoted string .*`#x` .*defines #m before this string/);
      assert.equal(checkTemplateSyntax('#set($s = "#macro(m $a)$a#end")#set($t = "#m(#x)")')[0]?.code, 'syntax');
      // Before the `#macro`, in its own body, or in a single-quoted string, the string parses; reached, the call fails.
      assert.equal(render(`#if(false)#set($s = "#m(#x)")#end#macro(m $a)$a#end#macro(n)#set($s = "#n(#x)")#end${M.replace('m $a', 'k $a')}#set($t = '#k(#x)')`), '');
      assert.equal(renderFull('#set($s = "#m(#x)")#macro(m $a)$a#end').errors[0]?.code, 'macro-argument');
      assert.equal(render(`${M}#set($s = "#if(false)#@m(#x)b#end#end")ok`), 'ok');
    });
  });

  describe('#stop among the arguments of a call', () => {
    it('is a word, as any other `#name`, and a string literal\'s #stop is text', () => {
      assert.equal(render("a#m(1 #stop)b|#m(1,#stop)|#m('a'#stop)|#m($x #stop 2)|#{m}(1 #stop)|#@m(1 #stop)x#end|$#m(1 #stop)"), "a#m(1 #stop)b|#m(1,#stop)|#m('a'#stop)|#m($x #stop 2)|#{m}(1 #stop)|#@m(1 #stop)x#end|$#m(1 #stop)");
      assert.equal(render("#set($s = 'a #stop b')$s|#set($t = 'a #{stop} b')$t|#m('#stop')|#m(\"#stop\")"), "a #stop b|a #{stop} b|#m('#stop')|#m(\"#stop\")");
      assert.equal(render("#set($s = 'x')$s.replace('x', '#stop')|$s.concat('a').concat(' #stop')|#if('#stop' == '#stop')y#end"), '#stop|xa #stop|y');
      assert.equal(render('#m(1 #stop) #stop x'), '#m(1 #stop) ');
      assert.equal(render('\\#m(1 #stop) x|## #m(1\n#stop x'), '\\#m(1 ');
    });

    it('may not be braced, nor may any name among arguments, a comment or unparsed text', () => {
      for (const template of ['#m(#{x})', '#m( #{stop})', '#m(1 #{stop})', '#m(#{break})', '#m(1 #{break} 2)', '#m(##x)\n)', '#m(#*c*#)', '#m(#[[x]]#)']) {
        assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
      }
    });
  });

  describe('a braced call', () => {
    it('prints the references among its arguments without the backslashes and `$`s before them', () => {
      assert.equal(render('#{m}(\\$x)|#{m}(\\\\$x)|#{m}(\\$x $$y)|#{m} ([\\$x])|#{_m}(\\$x)|#{m}(\'\\$x\')'), "#{m}($x)|#{m}($x)|#{m}($x $y)|#{m} ([$x])|#{_m}($x)|#{m}('\\$x')");
      assert.equal(render("#set($x = 'X')#macro(m $a)[$a]#end#{m}(\\$x)|#{m}($$x)|#{m}(\\$nope)"), '[X]|[X]|[]');
    });
  });

  describe('a braced #stop', () => {
    it('stops before any character, a letter too, after two backslashes too', () => {
      assert.equal(render('a#{stop}b'), 'a');
      assert.equal(render('#foreach($i in [1, 2])$i#{stop}x#end'), '1');
      assert.equal(render('#macro(m)a\\\\#{stop}b#end#m()c'), 'a\\\\');
      assert.equal(render("#evaluate('a#{stop}b')c"), 'ac');
      assert.equal(render('a\\#{stop}b|#{stopx}|#{Stop}b'), 'a#{stop}b|#{stopx}|#{Stop}b');
    });
  });

  describe('argument lists', () => {
    it('run from each call\'s `(` to its `)`, over strings, brackets and nested parentheses', () => {
      const text = "#m(1 ')' [2, (3)] \"(\")x #set($a = 1) \\#n(2) ## #k(\n#{b} ($c.d(1))";
      const lists = argumentLists(text);
      assert.deepEqual(
        lists.map(([open, close]) => text.slice(open, close + 1)),
        ["(1 ')' [2, (3)] \"(\")", '($a = 1)', '($c.d(1))'],
      );
      assert.equal(insideLists(lists, text.indexOf('[2')), true);
      assert.equal(insideLists(lists, text.indexOf('x #set')), false);
      assert.equal(insideLists(lists, text.indexOf('#n')), false);
      assert.deepEqual(argumentLists('#m(1 #stop'), [[2, 10]]);
      assert.deepEqual(argumentLists('#end(1) #else(2)'), []);
      const chained = "$a.b('(').c(1)[0].d(2) $e (3)";
      assert.deepEqual(
        argumentLists(chained).map(([open, close]) => chained.slice(open, close + 1)),
        ["('(')", '(1)', '(2)'],
      );
    });
  });

  describe('a call among the arguments of a macro call', () => {
    it('fails to parse at the `(` after the word, whatever the macro and wherever the call stands', () => {
      for (const [template, column] of [['#m(#break(1))', 10], [`${M}#m(#x(1))`, 26], ['#if(false)#m(#stop())#end', 19], ['#m(1, #x (1))', 10], ['#m($#x(1))', 7]] as const) {
        const problems = checkTemplateSyntax(template);
        assert.deepEqual(problems.map((p) => [p.code, p.column]), [['syntax', column]], template);
        assert.match(problems[0].message, /among the arguments of a macro call is a word there/);
        assert.equal(isCertainlyValidTemplate(template), false, template);
      }
      assert.equal(render("#m('#x(1)')|#m(#x)(1)"), "#m('#x(1)')|#m(#x)(1)");
    });
  });

  describe('a block call of no macro', () => {
    it('prints its body without the runs of `$` that start no reference, which are special tokens', () => {
      assert.equal(render("#@m()b$ c$1 d\\$ e$! f$# g$#end|#@m()$.c $[1] $} a$$b $#x#end|#@m('$ ' $)$ #end"), "#@m()b c1 d e f g$#end|#@m()$.c $[1] $} a$b $#x#end|#@m('$ ' ) #end");
    });
  });
});
