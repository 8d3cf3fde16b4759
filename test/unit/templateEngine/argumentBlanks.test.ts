import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { argumentBlanks } from '../../../server/src/template/argumentBlanks';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render, renderFull } from './render';

const M2 = '#macro(m $a $b)[$a|$b]#end';

describe('tabs and line breaks between macro arguments', () => {
  it('part the arguments of a call, and a call of no macro prints as written', () => {
    assert.equal(render(`${M2}#m(1\t2)|#m(1\n2)|#m(1\r\n2)|#m(1\r2)|#m(\n1\n\n2\n)|#m(1\n-2)`), '[1|2]|[1|2]|[1|2]|[1|2]|[1|2]|[1|-2]');
    assert.equal(render('#m(1\n2)|#m(1\t2)|#m(1\n#stop)|#{m}(1\n2)'), '#m(1\n2)|#m(1\t2)|#m(1\n#stop)|#{m}(1\n2)');
    assert.equal(render(`#set($x = 1)${M2}#m([1,\n2] $x)|#m({"a":\n1} $x)|#m('a)'\n2)|#m($x.toString()\n2)`), '[[1, 2]|1]|[{a=1}|1]|[a)|2]|[1|2]');
  });

  it('keeps the lines and columns of what follows, for the evaluation and the diagnostics', () => {
    const positions = (template: string) => renderFull(template).errors.map((e) => [e.code, e.line, e.column]);
    assert.deepEqual(positions(`${M2}#m(1\n2)\n  $util.parseJson('{')`), [['method-error', 3, 3]]);
    assert.deepEqual(positions(`${M2}#m(1\n\n2)\n  $util.parseJson('{')`), [['method-error', 4, 3]]);
    assert.deepEqual(positions(`${M2}#m(1\r2)\r  $util.parseJson('{')`), [['method-error', 3, 3]]);
    assert.deepEqual(positions(`${M2}#m([1,\n2]\n$x)\n  $util.parseJson('{')`), [['method-error', 4, 3]]);
    assert.deepEqual(positions(`${M2}\n#m(1\n\n  [1,\n $util.parseJson('{')])`), [['method-error', 5, 2]]);
    assert.deepEqual(
      checkTemplateSyntax('#m(1\n2)\n  #set($y = )').map((p) => [p.code, p.line, p.column]),
      [['syntax', 3, 13]],
    );
    assert.deepEqual(
      checkTemplateSyntax('#m(1\n2)\n  #if(\n$a.foo(%)').map((p) => [p.code, p.line, p.column]),
      [['syntax', 4, 8]],
    );
  });

  it('are rewritten one for one, joining lines only for a lone line break', () => {
    const tab = argumentBlanks('#m(1\t2)');
    assert.deepEqual(tab, { splices: [{ start: 4, end: 5, replacement: ' ' }], joinsLines: false });
    assert.equal(argumentBlanks('#m(1\r\n2)')?.joinsLines, false);
    assert.equal(argumentBlanks('#m(1\n2)')?.joinsLines, true);
    assert.equal(argumentBlanks('#m(1\r2)')?.joinsLines, true);
  });

  it('leave alone what velocityjs reads as Velocity does already', () => {
    for (const template of ['#set($a = 1)\n#if($a &&\n$b)\n$a\n#end', '#foreach($x\nin\n$l)$x#end', '#macro(m\n$a\n$b)#end', '#m(1 2)', '#m(1 \n2)', '#m(1,\n2)', '#m(1\n,2)', '#m(1\n)', '$a.b(1,\n2)']) {
      assert.equal(argumentBlanks(template), undefined, template);
    }
  });

  it('make templates valid that the pre-check leaves to the parser', () => {
    for (const template of ['#m(1\n2)', '#m(1\t2)', `${M2}#m([1,\n2] $x)`]) {
      assert.deepEqual(checkTemplateSyntax(template), [], template);
      assert.equal(isCertainlyValidTemplate(template), false, template);
    }
  });

  it('read spaces and more blanks before a comma as one separator with it, as tabs velocityjs skips', () => {
    assert.equal(render("#macro(m $v $w)[$v|$w]#end#m('a'  , 'b')|#m('a'   ,'b')|#m(1  ,\n2)|#m(1 , 2)"), '[a|b]|[a|b]|[1|2]|[1|2]');
    assert.deepEqual(argumentBlanks("#m('a'  , 'b')")?.splices, [{ start: 6, end: 7, replacement: '\t' }]);
  });
});
