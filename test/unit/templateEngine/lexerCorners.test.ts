import assert from 'node:assert/strict';
import { checkTemplateSyntax, renderTemplate } from '../../../server/src/template/engine';
import { readBracedCalls } from '../../../server/src/template/bracedMacroCalls';
import { printedSpecialText } from '../../../server/src/template/dollarSigns';
import { normalizeDirectives } from '../../../server/src/template/syntax';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';

const output = (template: string) => {
  const result = renderTemplate(template, {});
  assert.deepEqual(result.errors, [], template);
  return result.output;
};

describe("corners of Velocity 1.7's lexer", () => {
  it('prints the special text of a token the way NodeUtils.specialText does, skipping the character after `\\$`', () => {
    const printed = (image: string) => [...image].filter((_, k) => printedSpecialText(image)[k]).join('');
    assert.equal(printed('$\\!'), '$');
    assert.equal(printed('\\$\\!'), '\\$');
    assert.equal(printed('$\\!$'), '$$');
    assert.equal(printed('\\$\\$'), '\\$$');
    assert.equal(printed('\\$$'), '\\$');
  });

  it('gives a reference written with `\\!` no value, whatever is set under its name', () => {
    assert.equal(output("#set($x = 'X')[$\\!$x][$\\!x]#set($a = $\\!$x)[$!a]#set($\\!$x = 'v')[$x]"), '[][][][X]');
  });

  it('writes braced macro names plain for velocityjs, as long, leaving escaped and commented ones', () => {
    assert.equal(readBracedCalls('#{m}(1) #{m} (2)'), '#m  (1) #m   (2)');
    assert.equal(readBracedCalls('\\#{m}() ## #{m}()'), undefined);
    assert.equal(readBracedCalls('#{noescape}()'), undefined);
  });

  it('moves the `(` of any call over a line break, keeping the length, and prints the call as written', () => {
    assert.equal(normalizeDirectives('#m\n(1)|#{n}\t(2)|#else\n(3)'), '#m(\n1)|#{n}(\t2)|#else\n(3)');
    assert.equal(output('a$#foreach\r\n\t($i)b'), 'a$#foreach\r\n\t($i)b');
  });

  it('reports a `#foreach` of fewer than three arguments where its `)` is, and fails only where it runs', () => {
    assert.deepEqual(checkTemplateSyntax('#if(false)\n#foreach($k)x#end#end'), [
      { code: 'syntax', message: 'Unexpected `)` in `#foreach(` opened at line 2: expected `in`; write `#foreach($item in $list)`', line: 2, column: 12 },
    ]);
    assert.equal(output('#if(false)#foreach($k)x#end#foreach()y#end#end|ok'), '|ok');
    const reached = renderTemplate('a\n#foreach($k)x#end', {});
    assert.equal(reached.errors[0].code, 'syntax');
    assert.equal(reached.errors[0].line, 2);
  });

  it('reads `$#name` among the arguments of a call of no macro as a word, braced names too', () => {
    assert.equal(output('#{m}($#macro)|#m($\\!#foreach, 1)|#{m}( $#x $#y )'), '#{m}($#macro)|#m($\\!#foreach, 1)|#{m}( $#x $#y )');
    for (const template of ['#m($#if)', '#evaluate($#x)']) assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
    // A macro of the name fails the call when it is reached.
    assert.equal(checkTemplateSyntax('#macro(m $a)$a#end#{m}($#macro)')[0]?.code, 'macro-argument');
  });

  it('refuses a `(` after a name before what starts no argument, where velocityjs would print text', () => {
    const problems = checkTemplateSyntax('a\n$\\!#foreach(%)b');
    assert.deepEqual(problems.map((p) => [p.code, p.line, p.column]), [['syntax', 2, 13]]);
    assert.match(problems[0].message, /^The arguments of `#foreach\(` opened at line 2 are not valid: .* cannot read `%` there/);
    for (const template of ['#m(,)', '#{m} (]', '\\\\#m(=)', '#break(%)', '#m($\\\\x)']) assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
    assert.equal(output('#m(,x)|#m(@)|#m(.5)|\\#m(%)|#if(true)#end(%)'), '#m(,x)|#m(@)|#m(.5)|\\#m(%)|(%)');
  });

  it('prints a run of `$` as special text: the character after a `$` led by backslashes dropped, a `#` after it joined', () => {
    assert.equal(output('\\$\\$5|\\$$5|\\$\\\\5|$\\\\x'), '\\$$5|\\$5|\\\\5|\\\\x');
    assert.equal(output('$\\!#||$!# x|\\$#||$!#-1|$!#a'), '$#||$# x|\\$||$!#-1|$!#a');
    assert.equal(output("#set($x = 'X')\\$$x|\\$$y"), '$x|\\$y');
  });

  it('reads 100,000 backslashes, `#` and `\\$\\#` in time linear in their length', () => {
    // A pattern read from every backslash or `#` to the end of its run would take seconds here, and minutes at 300 KB.
    const backslashes = '\\'.repeat(100_000);
    assert.deepEqual(checkTemplateSyntax(backslashes), []);
    assert.equal(output(backslashes), backslashes);
    assert.equal(output(`${'\\'.repeat(99_999)}$x`), `${'\\'.repeat(50_000)}$x`);
    assert.deepEqual(
      checkTemplateSyntax('#'.repeat(100_000)).map((p) => [p.code, p.line, p.column]),
      [['syntax', 1, 100_000]],
    );
    assert.equal(output(`${'#'.repeat(100_000)} `), '');
    const escapes = `${'\\$\\#'.repeat(25_000)} `;
    assert.equal(output(escapes), escapes);
  });

  it('never calls a template valid that ends with a `(` after a name, a line break before it included', () => {
    for (const template of ['a#m(', 'a#m( \n', '#m\n(', '#{m}(', 'x #evaluate(']) {
      assert.equal(isCertainlyValidTemplate(template), false, template);
      assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
    }
    assert.equal(checkTemplateSyntax('## a#m(').length, 0);
    assert.equal(checkTemplateSyntax("#set($s = '##')#m(")[0]?.code, 'syntax');
    assert.equal(checkTemplateSyntax('#* x *##m(')[0]?.code, 'syntax');
  });
});
