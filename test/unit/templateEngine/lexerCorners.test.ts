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
