import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { isCertainlyValidTemplate } from '../../../server/src/template/syntaxPrecheck';
import { render, renderFull } from './render';

describe('#foreach headers read as Velocity 1.7 reads them, the block its last child', () => {
  it('takes any second argument, run together with the list or not', () => {
    assert.equal(render('#foreach($k x[1, 2])$k#end|#foreach($k x{"a": 1})$k#end|#foreach($k 1[3])$k#end|#foreach($k [1][2])$k#end'), '12|1|3|2');
    assert.equal(render('#foreach($k x 5)[$k]#end|#foreach($k x\n5)[$k]#end|#foreach($k x .5)[$k]#end|#foreach($k x@y [1])$k#end'), '|||1');
    assert.equal(render('#foreach($a, in, [1, 2])$a#end|#foreach(,$a in [3])$a#end'), '12|3');
  });

  it('names the loop variable by the root of its first argument', () => {
    assert.equal(render('#foreach($k.a in [1])$k#end|#foreach($k[0] in [2])$k#end|#foreach($k.b($x) in [3])$k#end'), '1|2|3');
    assert.equal(render('#foreach($true in [1])x#set($y = $true)#end[$y]'), 'x[true]');
  });

  it('loops over nothing with two arguments, the variable untouched', () => {
    assert.equal(render("#set($a = 'A')#set($b = [1, 2])#foreach($a $b)x#end$a|#foreach($k in)x#end|#foreach($k x5)x#end|"), 'A|||');
    assert.equal(render('#foreach($a $b)\nx\n#end\nafter'), 'after');
  });

  it('renders the fourth argument for each item with four or more, the block never', () => {
    assert.equal(render("#set($c = 'C')#foreach($a in [1, 2] $a)x#end|#foreach($a in [1, 2] $c $a)x#end|#foreach($a in [1, 2] $nope)x#end"), '12|CC|');
    assert.equal(render("#set($c = 'C')#foreach($a in [1, 2] [$c, {$a: 'v'}, [1..$a]])x#end|#foreach($a in [1, 2] 'q')x#end"), 'C11C22|');
    assert.equal(render('#foreach($a in [1..3] $foreach.hasNext)#break#end|#foreach($a in [1, 2] $a)#macro(m)M#end#end#m()'), 'truetruefalse|12M');
  });

  it('fails as Velocity does where a word stands elsewhere than second, or a list is changed as it loops', () => {
    for (const template of ['#foreach(x in [1])#end', '#foreach($k in x)#end', '#foreach($a,,in [1])#end', '#foreach(${true} in [1])#end']) {
      assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
    }
    assert.equal(renderFull('#set($l = [1, 2])#foreach($a in $l $l.add(3))#end').errors[0]?.code, 'concurrent-modification');
  });

  it('fails a header of fewer than two arguments where the loop runs, with the code, words and place of the diagnostic', () => {
    for (const template of ['#foreach($k)x#end', 'a\n  #foreach()x#end', '#foreach( $k )\n#end']) {
      const [note] = checkTemplateSyntax(template);
      const [error] = renderFull(template).errors;
      assert.equal(error.code, note.code, template);
      assert.deepEqual([error.line, error.column], [note.line, note.column], template);
      assert.ok(error.message.startsWith(note.message), error.message);
      assert.match(error.message, /where the loop runs \(java\.lang\.ArrayIndexOutOfBoundsException\)/);
    }
    assert.equal(render('#if(false)#foreach($k)x#end#end|'), '|');
  });

  it('parses the strings among its arguments when the template loads, and keeps their #end', () => {
    assert.equal(checkTemplateSyntax('#foreach($a in [1] "#end")x#end')[0]?.code, 'syntax');
    assert.equal(render("#foreach($a in [1, 2] '#end')x#end|"), '|');
  });

  it('stays text in comments, strings and escapes, and is left to the parser by the pre-check', () => {
    assert.equal(render("## #foreach($a $b)\n#set($s = '#foreach($a $b)')$s|#[[#foreach($a $b)]]#"), '#foreach($a $b)|#foreach($a $b)');
    assert.equal(isCertainlyValidTemplate('#foreach($a $b)x#end'), false);
  });

  it('loops over nothing for a value of one character on the line after `in`, the lines after it kept', () => {
    assert.equal(render('#foreach($i in\n5)[$i]#end|#foreach($i in\r\n5)[$i]#end|#foreach(\n$i\nin\n5\n)x#end|'), '|||');
    assert.deepEqual(checkTemplateSyntax('#foreach($i in\n5)x#end\nab\n$a.b(%)').map((p) => [p.line, p.column]), [[4, 6]]);
    assert.equal(renderFull("#foreach($i in\n5)x#end\n\n$util.base64Decode('%')").errors[0]?.line, 4);
  });

  it('takes a `#name` as the second argument, the name of a directive too, but for those with tokens of their own', () => {
    assert.equal(render('#foreach($i #in [1, 2])$i#end|#foreach($i #stop[3])$i#end|#foreach($i,#set,[4])$i#end|#foreach($i #@ [5])$i#end|#foreach($i #in [1] 2)$i#end'), '12|3|4|5|');
    for (const template of ['#foreach($i #if [1])#end', '#foreach($i #end [1])#end', '#foreach($i #{in} [1])#end', '#foreach($i #in#in [1])#end', '#foreach(#in $i [1])#end', '#foreach($i #in-x [1])#end']) {
      assert.notDeepEqual(checkTemplateSyntax(template), [], template);
    }
  });
});
