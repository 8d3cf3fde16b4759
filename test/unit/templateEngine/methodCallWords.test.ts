import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render, renderFull } from './render';

describe('a # among the arguments of a method call', () => {
  it('is a syntax error at the `#` for a name, wherever the call stands', () => {
    const cases: Array<[string, number]> = [
      ['$a.b(#x)', 6],
      ['a $a.b(#stop) b', 8],
      ['$a.b( #x )', 7],
      ['$a.b(\n#x)', 1],
      ['\\$a.b(#x)', 7],
      ['#if(false)$a.b(#x)#end', 16],
      ['$a.b(#{x})|$a.b(#@x)', 6],
      ['$a.b(##x)\n)', 6],
    ];
    for (const [template, column] of cases) {
      const problems = checkTemplateSyntax(template);
      assert.equal(problems[0]?.code, 'syntax', template);
      assert.equal(problems[0].column, column, template);
      assert.equal(isCertainlyValidTemplate(template), false, template);
    }
    assert.match(checkTemplateSyntax('$a.b(#stop)')[0].message, /^The argument list of `\$a\.b\(` is not valid: Velocity cannot read `#stop`, the name of a directive or macro call/);
    assert.match(checkTemplateSyntax('$a.b(#1)')[0].message, /a number written after `#`/);
  });

  it('fails a double-quoted string as the template loads', () => {
    assert.equal(checkTemplateSyntax('#if(false)#set($s = "$a.b(#x)")#end')[0]?.code, 'syntax');
  });

  it('leaves text a name that runs into the end of the template, and what Velocity joins the `#` to', () => {
    assert.equal(render("#set($a = 's')a$a.concat(#x"), 'a(#x');
    assert.equal(render("#set($a = 's')a$a.concat(#x'y'$a.x-1"), "a(#x'y'");
    for (const template of ["$a.b(#'x')", '$a.b(#"x")', '$a.b(#$x)', '$a.b(#[1])', '$a.b(#)']) assert.deepEqual(checkTemplateSyntax(template), [], template);
  });
});

describe('#stop and #break in a double-quoted string among arguments', () => {
  it('end the statement that evaluates the string: nothing prints, no method runs, nothing is set', () => {
    assert.equal(render("#set($s = 'x')a$s.concat(\" #stop\")b"), 'a');
    assert.equal(render("#set($s = 'x')a$s.concat(\" #stop\").length()b"), 'a');
    assert.equal(render("#set($t = 'old')#evaluate('#set($t = \"x #stop\")')[$t]"), '[old]');
    assert.equal(render("#set($s = 'x')#foreach($i in [1, 2])$i$s.concat(\"#break\")y#end|"), '1|');
    const list = renderFull("#set($l = [])#evaluate('$l.add(\" #stop\")')$l.size()");
    assert.equal(list.output, '0');
  });

  it('end a macro argument where the macro reads it', () => {
    assert.equal(render('#macro(m $a)[$a]#end#m(" #stop")z'), '[');
    assert.equal(render('#macro(m $a)[$a]#end#foreach($i in [1, 2])$i#m("#break")y#end|'), '1[y2[y|');
  });
});

describe('a method call the template ends in, a name right after its `(`', () => {
  it('leaves the `(` text, and a #stop after it stops', () => {
    assert.equal(render("#set($a = 's')a$a.concat(#stop"), 'a(');
    assert.equal(render("#set($a = 's')a$a.concat(#{stop}x"), 'a(');
    assert.equal(render("#set($a = 's')a$a.concat(#x#stop$a"), 'a(#x');
    assert.equal(render("a$nope.concat(#stop'x'"), 'a(');
  });

  it('fails where a blank comes first, or Velocity cannot read what follows the name', () => {
    for (const template of ['$a.concat( #stop', '$a.concat(\n#x', '$a.concat(#x|', '$a.concat(#x-', '$a.concat(#x[1]', '$a.concat(#stop ', '$a.concat(#stop)']) {
      assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
    }
  });
});
