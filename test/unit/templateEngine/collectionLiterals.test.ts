import assert from 'node:assert/strict';
import { checkTemplateSyntax } from '../../../server/src/template/engine';
import { findStringLiterals } from '../../../server/src/template/stringLiterals';
import { render, renderFull, withBody } from './render';

const syntaxError = (template: string) => {
  const problems = checkTemplateSyntax(template);
  assert.equal(problems.length, 1, `${template}: ${JSON.stringify(problems)}`);
  assert.equal(problems[0].code, 'syntax', template);
  return problems[0];
};

describe('map literal keys (Velocity 1.7 Map: Parameter `:` Parameter)', () => {
  it('interpolates a double-quoted key and keeps a single-quoted one as written', () => {
    assert.equal(render('#set($k = "a")#set($m = {"$k": 1})$m'), '{a=1}');
    assert.equal(render('#set($k = "a")#set($m = {"${k}-x": 1, "#if(true)y#end": 2})$m'), '{a-x=1, y=2}');
    assert.equal(render("#set($k = 'a')#set($m = {'$k': 1})$m"), '{$k=1}');
  });

  it('takes integers, decimals, booleans, references, lists and maps as keys', () => {
    assert.equal(render('#set($m = {1: "x"})$m'), '{1=x}');
    assert.equal(render('#set($k = "a")#set($m = {$k: 1})$m'), '{a=1}');
    assert.equal(render('#set($m = {true: 1, false: 0})$m'), '{true=1, false=0}');
    assert.equal(render('#set($m = {1.5: "a", 2.0: "b", -3: "c"})$m'), '{1.5=a, 2.0=b, -3=c}');
    assert.equal(render('#set($m = {[1, 2]: "l", {"a": 1}: "m"})$m'), '{[1, 2]=l, {a=1}=m}');
    assert.equal(render('#set($m = {[1..3]: "r"})$m'), '{[1, 2, 3]=r}');
  });

  it('keeps the entries in the order written, whatever the keys', () => {
    assert.equal(render('#set($m = {"b": 1, 2: 2, "a": 3, 1: 4})$m.keySet()'), '[b, 2, a, 1]');
  });

  it('takes a key and a value that are null (a reference that is not set)', () => {
    assert.equal(render('#set($m = {$nothing: 1, "a": $nothing})$m $m.get($nothing) $m.size()'), '{null=1, a=null} 1 2');
  });

  it('refuses `null`, which is not a value in Velocity 1.7, inside a list or map', () => {
    assert.match(syntaxError('#set($m = {"a": null})').message, /`null` is not a value in Velocity 1\.7/);
    assert.match(syntaxError('#set($l = [1, null])').message, /`null` is not a value/);
  });

  it('says what a map needs where it is written wrong', () => {
    assert.deepEqual(syntaxError('#set($m = {1 2})'), { code: 'syntax', message: 'Unexpected `2` in `{` opened at line 1: expected `:`', line: 1, column: 14 });
    assert.equal(syntaxError('#set($m = {"a": 1,})').message, 'Unexpected `}` in `{` opened at line 1: expected a value');
    assert.equal(syntaxError('#set($m = {"a": 1 "b": 2})').message, 'Unexpected `"b"` in `{` opened at line 1: expected `,` or `}`');
  });
});

describe('list, map and range literals inside expressions (Velocity 1.7 PrimaryExpression and DirectiveArg)', () => {
  it('compares lists and maps written out as operands', () => {
    assert.equal(render('#if([1, 2] == [1, 2])eq#end #if({} == {})empty#end #if({"a": 1} != {"a": 2})ne#end'), 'eq empty ne');
    assert.equal(render('#if([] == [])e#end#if({} != [])n#end'), 'en');
  });

  it('negates and groups them', () => {
    // Velocity 1.7 takes a list or map written out in place as false where it wants a condition (its node has no
    // truth value of its own), unlike a reference to one.
    assert.equal(render('#set($x = !{})$x, #set($y = !([1]))$y'), 'true, true');
    assert.equal(render('#if(([1, 2]) && true)yes#end#set($l = [1, 2])#if($l && true)ref#end'), 'ref');
  });

  it('gives null to arithmetic on a list, as Velocity does (so #set leaves the variable alone)', () => {
    assert.equal(render('#set($x = "before")#set($x = [1] + 1)$x'), 'before');
  });

  it('walks a map literal in #foreach, by its values', () => {
    assert.equal(render('#foreach($v in {"a": 1, "b": 2})$v#end'), '12');
    assert.equal(render('#foreach($i in [1..3])$i#end #foreach($i in [3..1])$i#end'), '123 321');
    assert.equal(render('#set($n = 2)#foreach($i in [-2..$n])$i,#end'), '-2,-1,0,1,2,');
    // A bound is an integer literal or a reference: `-$n` is neither.
    assert.equal(syntaxError('#foreach($i in [-$n..$n])$i#end').message, 'Unexpected `-` in `[` opened at line 1: expected a value');
  });

  it('passes them to methods and macros', () => {
    assert.equal(render('#macro(show $v)<$v>#end#show({1: [2, 3]})#show([1..2])'), '<{1=[2, 3]}><[1, 2]>');
    assert.equal(render('#set($l = [1])$l.addAll([2, {"k": [3]}])$l'), 'true[1, 2, {k=[3]}]');
  });

  it('reads nested lists and maps with references, calls and indexes inside', () => {
    const body = withBody({ a: { b: [1, 2, 3] } });
    assert.equal(render('#set($m = {"x": [$input.path("$.a.b")[-1], {"y": $input.path("$.a").b.size()}]})$m', body), '{x=[3, {y=3}]}');
  });

  it('reads the values Velocity 1.7 reads: whole and decimal numbers, booleans, both quotes', () => {
    assert.equal(render(`#set($l = [1, 2.5, -3, 1e3, .5, true, false, "s", 't', "a""b", 'c''d'])$l`), '[1, 2.5, -3, 1000.0, 0.5, true, false, s, t, a"b, c\'d]');
  });

  it('keeps line and column right after a list or map written over several lines', () => {
    const result = renderFull('#set($m = {\n  "a": [1,\n        2]\n})\n  $m.a.get(5)');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['method-error', 5, 3]]);
  });

  it('places a failing call inside a list at the call', () => {
    const result = renderFull('#set($l = [1])\n#set($x = [0, $l.get(5)])');
    assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['method-error', 2, 15]]);
  });

  it('refuses a method call, property or index on a list or map written out in place, as Velocity 1.7 does', () => {
    assert.deepEqual(syntaxError('#if([1,2].size() == 2)yes#end'), {
      code: 'syntax',
      message: 'Unexpected `.` after the list `[1,2]`: Velocity 1.7 calls no method and reads no property of a list written out in place; #set it to a variable first and call the method on the variable',
      line: 1,
      column: 10,
    });
    assert.match(syntaxError('#set($x = {"a":1}.get("a"))').message, /^Unexpected `\.` after the map `\{"a":1\}`/);
    assert.match(syntaxError('#set($x = [1, 2][0])').message, /^Unexpected `\[` after the list `\[1, 2\]`: Velocity 1\.7 takes no index/);
  });

  it('refuses a list or map as an index, which Velocity 1.7 IndexParameter does not take', () => {
    assert.match(syntaxError('#set($l = [1])#set($x = $l[[0]])').message, /An index takes a string, a whole number, `true`, `false` or a reference in Velocity 1\.7, not a list/);
    assert.match(syntaxError('#set($x = [$l[{"a": 1}]])').message, /not a map/);
    assert.match(syntaxError('#set($x = [$l[1.5]])').message, /not a decimal number/);
  });

  it('refuses a list with only blanks between its brackets, which Velocity 1.7 reads as an element to come', () => {
    assert.match(syntaxError('#set($x = [ ])').message, /blank after `\[` as the start of an element.*write `\[\]`/);
    assert.equal(render('#set($x = [])#set($y = { })$x$y'), '[]{}');
  });

  it('names an unclosed list, map or call inside a list as written', () => {
    assert.equal(syntaxError('#set($a = [1, {"k": 2)').message, '`{` opened at line 1 is not closed: expected `}` before `)`');
    assert.equal(syntaxError('#set($a = [$b.c(1, 2])').message, '`$b.c(` opened at line 1 is not closed: expected `)` before `]`');
    assert.equal(syntaxError('#set($a = [1,\n2').message, '`[` opened at line 1 is not closed: expected `,` or `]` before the end of the template');
  });

  it('finds the string literals inside lists and maps, and those after a list velocityjs cannot lex', () => {
    const text = '#set($a = [true, "x"])#set($b = "y""z")';
    assert.deepEqual(findStringLiterals(text).map((s) => text.slice(s.start, s.end)), ['"x"', '"y""z"']);
    assert.equal(render(`${text}$a $b`), '[true, x] y"z');
  });

  it('reports each string once when a list starts with a reference (read twice: range or list)', () => {
    const text = '#set($l = [$a.concat("x"), \'y\'])#set($r = [$b.get("k")..3])#set($s = "p""q")';
    assert.deepEqual(findStringLiterals(text).map((s) => text.slice(s.start, s.end)), ['"x"', "'y'", '"k"', '"p""q"']);
    assert.equal(render(`#set($a = "w")#set($b = {"k": 1})${text}$l $r $s`), '[wx, y] [1, 2, 3] p"q');
  });

  it('keeps a list literal whose text is an #end from closing a block', () => {
    assert.equal(render("#if(true)#set($l = ['#end', ['#if(']])$l#end"), '[#end, [#if(]]');
  });

  it('evaluates lists and maps inside interpolated strings and #evaluate alike', () => {
    assert.equal(render('#set($k = 1)#set($s = "#set($m = {$k: [$k]})$m")$s'), '{1=[1]}');
    assert.equal(render("#evaluate('#set($m = {1: \"a\"})$m.get(1)')"), 'a');
  });
});
