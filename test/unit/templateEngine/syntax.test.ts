import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { renderFull } from './render';

describe('checkTemplateSyntax', () => {
  it('accepts a valid template', () => {
    assert.deepEqual(checkTemplateSyntax('#set($a = 1)\n#if($a == 1)\n  ok\n#else\n  no\n#end\n$a'), []);
  });
  it('reports a parse error with a 1-based line and column', () => {
    const [error] = checkTemplateSyntax('line one\n#if($a');
    assert.equal(error.code, 'syntax');
    assert.equal(error.line, 2);
    assert.equal(error.column, 6);
    assert.match(error.message, /^Template syntax error: found the end of the template; expected one of/);
  });
  it('reports a block without #end at the block', () => {
    assert.deepEqual(checkTemplateSyntax('a\n  #foreach($x in $list)\n$x'), [
      { code: 'missing-end', message: '#foreach is not closed: add #end', line: 2, column: 3 },
    ]);
  });
  it('reports an #end without a block', () => {
    assert.deepEqual(checkTemplateSyntax('#if($a)x#end\n#end'), [
      { code: 'unmatched-end', message: '#end without a matching #if, #foreach, #macro or #define', line: 2, column: 1 },
    ]);
  });
  it('ignores directives inside comments', () => {
    assert.deepEqual(checkTemplateSyntax('## #if(\n#* #foreach( *#x'), []);
  });
  it('renderTemplate reports the same errors and renders nothing', () => {
    const result = renderFull('#if($a)');
    assert.equal(result.output, '');
    assert.equal(result.errors[0].code, 'missing-end');
  });
});
