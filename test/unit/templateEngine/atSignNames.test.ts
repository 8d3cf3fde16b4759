import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { nameAsWritten, readAtSignNames } from '../../../server/src/template/atSignNames';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render, renderFull } from './render';

describe('directive names with an @', () => {
  it('writes the @ of a macro header, a call and a bare call of a macro defined as a digit, as long', () => {
    assert.equal(readAtSignNames('#macro(m@x)M#end#m@x()#m@x|#n@x', false), '#macro(m0x)M#end#m0x()#m0x|#n@x');
    assert.equal(readAtSignNames('#n@x', true), '#n0x');
    assert.equal(readAtSignNames("#set($s = '#macro(m@x)')", false), undefined);
    assert.equal(readAtSignNames('a@b.c #m', false), undefined);
  });

  it('reads names back from the source, where only the stand-ins of an @ differ', () => {
    assert.equal(nameAsWritten('#m@x0()', 1, 'm0x0'), 'm@x0');
    assert.equal(nameAsWritten('#m0x()', 1, 'm0x'), 'm0x');
  });

  it('defines and calls macros named with an @, keywords first too', () => {
    assert.equal(render('#macro(break@x $a)B$a#end#foreach($i in [1, 2])#break@x($i)$i#end'), 'B11B22');
    assert.equal(render('#macro(m@x)M#end#m@x|#{m@x}()|#m@x()|#macro(m)N#end#m@x@()'), 'M|M|M|#m@x@()');
    assert.equal(render('#macro(end@x)E#end#end@x'), 'E');
  });

  it('leaves a name after a $ as written, whose call is then no macro call', () => {
    assert.equal(readAtSignNames('#macro(m@x)M#end$#m@x|$!#m@x|#m@x', false), '#macro(m0x)M#end$#m@x|$!#m@x|#m0x');
    assert.equal(readAtSignNames('#macro(m@x)M#end$#m@x', false, '#macro(m@x)M#end$#m@x'), '#macro(m0x)M#end$#m@x');
    assert.equal(render('#macro(m@x)A#end$#m@x|$!#m@x|$#{m@x}|\\$#m@x|#m@x'), '$#m@x|$!#m@x|$#{m@x}|\\$#m@x|A');
    assert.equal(render("#macro(m@x)A#end#evaluate('$#m@x #m@x')"), '$#m@x A');
  });

  it('takes no shorter part of a header name before a -, which Velocity refuses', () => {
    assert.equal(readAtSignNames('#macro(m@x-y)A#end#m@x-y()', false), undefined);
    assert.equal(checkTemplateSyntax('#macro(m@x-y)A#end#m@x-y()')[0]?.code, 'syntax');
  });

  it('prints directive words before an @ as text, and refuses an #end@x meant to close a block', () => {
    assert.equal(render('#if(true)a#else@x b#end|a#foreach@x|#end@x'), 'a#else@x b|a#foreach@x|#end@x');
    const [problem] = checkTemplateSyntax('#if(true)a#end@x');
    assert.equal(problem.code, 'missing-end');
  });
});

describe('a line comment right inside a method call', () => {
  it('ends the reference before the (, which prints with the $ before the comment', () => {
    assert.equal(render("#set($a = 'a')$a.concat($##'x')\nmore"), '($more');
    assert.equal(render("#set($a = 'a')$a.concat($!##x)\r\n$a"), '($!a');
  });

  it('refuses a blank after the comment, where Velocity still reads the arguments', () => {
    const result = renderFull("#set($a = 'a')$a.concat($##x\nx y");
    assert.deepEqual(
      result.errors.map((e) => [e.line, e.column]),
      [[2, 2]],
    );
    assert.match(result.errors[0].message, /`\.concat\(`/);
  });

  it('reads a later ## as text, and as a comment only after a ##name or another such comment', () => {
    const set = "#set($a = 'a')";
    assert.equal(render(`${set}$a.concat($##c\n##x`), '($##x');
    assert.equal(render(`${set}$a.concat($##c\n##x##y\n##z\nw`), '($##xw');
    assert.equal(render(`${set}$a.concat($##c\n##if(true)Y#end`), '($Y');
    assert.equal(render(`${set}$a.concat($##c\n###x\n## y`), '($');
  });

  it('refuses a later ## before a blank, a line end or the end of the template', () => {
    const set = "#set($a = 'a')";
    for (const rest of ['## another\n', '##\n', '## x', '##', '##x\nz', "'y'##x\n", '#**###x\n']) {
      const result = renderFull(`${set}$a.concat($##c\n${rest}`);
      assert.equal(result.errors[0]?.code, 'syntax', JSON.stringify(rest));
    }
  });
});

describe('the syntax pre-check and names with an @', () => {
  it('leaves a directive word before an @ to the parser', () => {
    assert.equal(isCertainlyValidTemplate('#if(true)a#end@x'), false);
    assert.equal(isCertainlyValidTemplate('#if(true)a#end x'), true);
  });
});
