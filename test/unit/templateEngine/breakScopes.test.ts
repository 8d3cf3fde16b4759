import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { readBreakCalls } from '../../../server/src/template/breakScopes';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render, renderFull } from './render';

const NESTED = '#foreach($i in [1, 2])#foreach($j in [1, 2])';

describe('#break with a scope', () => {
  it('ends the loop of the scope: the innermost, an outer one, or one kept in a variable', () => {
    assert.equal(render('#foreach($i in [1, 2, 3])$i#break($foreach)x#end|'), '1|');
    assert.equal(render(`${NESTED}$i$j#break($foreach.parent)#end-#end|`), '11|');
    assert.equal(render(`${NESTED}$i$j#if($j == 2)#break($foreach.parent)#end#end-#end|`), '1112|');
    assert.equal(render('#foreach($i in [1, 2])#set($f = $foreach)#foreach($j in [1, 2])$i$j#break($f)#end#end|'), '11|');
    assert.equal(render(`${NESTED}$i$j#{break} ($foreach.parent)#end#end|${NESTED}$i$j#break\n($foreach.topmost)#end#end`), '11|11');
  });

  it('goes through macros, #define, $bodyContent and #evaluate, which a plain #break ends', () => {
    assert.equal(render('#macro(m)M#break($foreach)X#end#foreach($i in [1, 2])$i#m()y#end|#macro(n)N#break X#end#foreach($i in [1, 2])$i#n()y#end'), '1M|1Ny2Ny');
    assert.equal(render('#foreach($i in [1, 2])#define($d)D#break($foreach)X#end$i$d y#end|'), '1D|');
    assert.equal(render("#foreach($i in [1, 2])$i#evaluate('E#break($foreach)X')y#end|"), '1E|');
    assert.equal(render('#macro(m)[$bodyContent]#end#foreach($i in [1, 2])$i #@m()a#break($foreach)b#end y#end|'), '1 [a|');
    assert.equal(render('#macro(m)[$bodyContent]#end#foreach($i in [1, 2])$i #@m()a#break b#end y#end|'), '1 [a] y2 [a] y|');
  });

  it('is a plain #break without an argument', () => {
    assert.equal(render('#foreach($i in [1, 2])$i#break()x#end|#foreach($i in [1, 2])$i#break( )#end|'), '1|1|');
  });

  it('fails where it is reached with anything but a scope, naming the argument as written', () => {
    const result = renderFull('#foreach($i in [1, 2])\n  $i#break($x)\n#end');
    assert.deepEqual(
      result.errors.map((e) => [e.code, e.line, e.column]),
      [['break-argument', 2, 5]],
    );
    assert.match(result.errors[0].message, /^`#break\(\$x\)`: `\$x` is not the scope of a loop around it/);
    for (const template of ['a#break(1)b', 'a#{break}(1)b', 'a#break($foreach)b', "#foreach($i in [1])#break('a')#end", '#foreach($i in [1])#break($foreach.parent)#end', '#macro(m)#break($macro)#end#m()']) {
      assert.equal(renderFull(template).errors[0]?.code, 'break-argument', template);
    }
    assert.equal(render('#if(false)#break(1)#end ok'), ' ok');
  });

  it('fails when the loop of its scope is not running around it', () => {
    const result = renderFull('#foreach($i in [1])#set($f = $foreach)#end\n#foreach($j in [1])#break($f)#end');
    assert.deepEqual(
      result.errors.map((e) => [e.code, e.line, e.column]),
      [['break-argument', 2, 20]],
    );
    assert.match(result.errors[0].message, /names a #foreach that is not running around it/);
  });

  it('refuses two arguments or a word as the template loads, and the diagnostics note a value that is never a scope', () => {
    assert.deepEqual(
      checkTemplateSyntax('#if(false)\n  #break($a, $b)\n#end').map((p) => [p.code, p.line, p.column]),
      [['syntax', 2, 3]],
    );
    assert.deepEqual(
      checkTemplateSyntax('#if(false)\n  #break(x)\n#end').map((p) => [p.code, p.line, p.column]),
      [['syntax', 2, 10]],
    );
    assert.equal(checkTemplateSyntax('#foreach($i in [1])#break(#x)#end')[0]?.code, 'syntax');
    assert.equal(checkTemplateSyntax('#set($s = "#break(1, 2)")')[0]?.code, 'syntax');
    assert.deepEqual(
      checkTemplateSyntax('#if($a)\n #break(1)\n#end').map((p) => [p.code, p.line, p.column]),
      [['break-argument', 2, 2]],
    );
    assert.deepEqual(checkTemplateSyntax('#foreach($i in [1])#break($foreach)#break($foreach.parent)#end'), []);
    assert.equal(isCertainlyValidTemplate('#foreach($i in [1])#break($foreach)#end'), false);
  });

  it('prints as written after a $, and as text escaped or in unparsed text', () => {
    assert.equal(render("#set($x = 1)$#break($x)|$!#break($x)|$#{break}($x)|$#stop($x)"), '$#break($x)|$!#break($x)|$#{break}($x)|$#stop($x)');
    assert.equal(render('#foreach($i in [1, 2])$i\\#break($i)y#end|#foreach($i in [1, 2])$i\\\\#break($foreach)y#end|#[[#break(1)]]#'), '1#break(1)y2#break(2)y|1\\|#break(1)');
  });

  it('is read as a call only where Velocity reads its arguments', () => {
    assert.equal(readBreakCalls('#foreach($i in $l)#if($i)#break#end#end'), undefined);
    assert.equal(readBreakCalls('#break($foreach)'), '#Break($foreach)');
    assert.equal(readBreakCalls("#m(#break(1))|#set($s = '#break(1)')|\\#break(1)|$#break(1)|#[[#break(1)]]#"), undefined);
    // In a comment the call is never read; a `##` in a string starts none.
    assert.equal(render("a## #break(1)\nb#* #break(2) *#c|#set($s = '##')#foreach($i in [1, 2])$i#break($foreach)#end|"), 'abc|1|');
  });
});

describe('#break with an @ after its name', () => {
  it('is no directive: Velocity\'s name goes on through the @, and a call of no macro prints as written', () => {
    assert.equal(render('#foreach($i in [1, 2])$i#break@x b#end|a#break@(1)|\\#break@x|#foreach($i in [1, 2])$i#break-x#end'), '1#break@x b2#break@x b|a#break@(1)|\\#break@x|1');
  });
});
