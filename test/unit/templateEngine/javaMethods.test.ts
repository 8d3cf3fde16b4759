import assert from 'node:assert/strict';
import { render, renderFull } from './render';

const S = '#set($s = " Hello, World ")';

describe('Java String methods', () => {
  const cases: Array<[string, string]> = [
    ['$s.length()', '14'],
    ['$s.trim()', 'Hello, World'],
    ['$s.trim().substring(7)', 'World'],
    ['$s.trim().substring(0, 5)', 'Hello'],
    ['$s.indexOf("o")', '5'],
    ['$s.indexOf("o", 6)', '9'],
    ['$s.lastIndexOf("o")', '9'],
    ['$s.replace("l", "L")', ' HeLLo, WorLd '],
    ['$s.replaceAll("[aeiou]", "*")', ' H*ll*, W*rld '],
    ['$s.replaceAll("(\\w+), (\\w+)", "$2 $1")', ' World Hello '],
    ['$s.replaceFirst("l+", "_")', ' He_o, World '],
    ['$s.trim().matches("Hello.*")', 'true'],
    ['$s.trim().matches("Hello")', 'false'],
    ['$s.toLowerCase()', ' hello, world '],
    ['$s.toUpperCase()', ' HELLO, WORLD '],
    ['$s.contains("World")', 'true'],
    ['$s.trim().startsWith("Hell")', 'true'],
    ['$s.trim().endsWith("ld")', 'true'],
    ['$s.equals(" Hello, World ")', 'true'],
    ['$s.trim().equalsIgnoreCase("HELLO, WORLD")', 'true'],
    ['$s.isEmpty()', 'false'],
    ['$s.charAt(1)', 'H'],
    ['$s.trim().concat("!")', 'Hello, World!'],
    ['$s.trim().split(", ")[1]', 'World'],
    ['$s.trim().split(", ").size()', '2'],
    ['#foreach($c in $s.trim().split(""))$c|#end', 'H|e|l|l|o|,| |W|o|r|l|d|'],
    ['$s.hashCode()', String(hash(' Hello, World '))],
  ];
  for (const [expression, expected] of cases) {
    it(`${expression} = ${expected}`, () => assert.equal(render(`${S}${expression}`), expected));
  }

  it('split drops trailing empty strings as Java does, and keeps them with a negative limit', () => {
    assert.equal(render('#set($s = "a,b,,c,,")#foreach($p in $s.split(","))[$p]#end|$s.split(",").size()|$s.split(",", -1).size()|$s.split(",", 2)[1]'), '[a][b][][c]|4|6|b,,c,,');
  });

  it('split returns a Java array, which prints as its class and identity hash, as API Gateway prints it', () => {
    assert.match(render('#set($s = "a,b")$s.split(",")'), /^\[Ljava\.lang\.String;@[0-9a-f]{1,8}$/);
  });

  it('replaceAll reads Java replacement syntax: \\$ is a literal dollar sign', () => {
    assert.equal(render("#set($s = 'cost 5')$s.replaceAll('(\\d)', '\\$$1')"), 'cost $5');
  });

  it('the documented escapeJavaScript workaround .replaceAll("\\\\\'", "\'") removes the quote escapes', () => {
    assert.equal(render(`#set($v = "it's")$util.escapeJavaScript($v).replaceAll("\\\\'","'")`), "it's");
  });

  it('an index out of range is a template error with its position', () => {
    const result = renderFull('#set($s = "abc")\n  $s.substring(5)');
    assert.equal(result.errors[0].code, 'method-error');
    assert.match(result.errors[0].message, /StringIndexOutOfBoundsException: begin 5, end 3, length 3/);
    assert.equal(result.errors[0].line, 2);
    assert.equal(result.errors[0].column, 3);
  });

  it('an invalid regular expression is a template error, not a crash', () => {
    const result = renderFull('#set($s = "abc")$s.replaceAll("(", "")');
    assert.equal(result.errors[0].code, 'method-error');
    assert.match(result.errors[0].message, /replaceAll\(\): Invalid regular expression \(/);
  });

  it('an unknown method renders nothing, as a null reference does', () => {
    assert.equal(render('#set($s = "abc")[$s.noSuchMethod()]'), '[]');
  });
});

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

describe('Java Map methods', () => {
  const M = '#set($m = $input.path("$"))';
  const body = { body: '{"a": 1, "b": [1, 2], "c": {"d": "e"}}' };
  const cases: Array<[string, string]> = [
    ['$m', '{a=1, b=[1,2], c={d=e}}'],
    ['$m.get("a")', '1'],
    ['$m.a', '1'],
    ['$m["c"].d', 'e'],
    ['$m.containsKey("b")', 'true'],
    ['$m.containsKey("z")', 'false'],
    ['$m.keySet()', '[a, b, c]'],
    ['$m.values().size()', '3'],
    ['$m.size()', '3'],
    ['$m.isEmpty()', 'false'],
    ['#foreach($e in $m.entrySet())$e.key:$e.getValue();#end', 'a:1;b:[1,2];c:{d=e};'],
    ['#set($old = $m.put("a", 5))$old $m.a', '1 5'],
    ['#set($gone = $m.remove("b"))$gone $m', '[1,2] {a=1, c={d=e}}'],
    ['$m.toString()', '{a=1, b=[1,2], c={d=e}}'],
  ];
  for (const [expression, expected] of cases) {
    it(`${expression} = ${expected}`, () => assert.equal(render(`${M}${expression}`, body), expected));
  }

  it('a map literal is a Java map too', () => {
    assert.equal(render('#set($m = {"x": "1", "y": [1, 2]})$m $m.y'), '{x=1, y=[1, 2]} [1, 2]');
  });
});

describe('Java List methods', () => {
  const L = '#set($l = $input.path("$.items"))';
  const body = { body: '{"items": ["a", "b", "c"]}' };
  const cases: Array<[string, string]> = [
    ['$l', '["a","b","c"]'],
    ['$l.size()', '3'],
    ['$l.get(1)', 'b'],
    ['$l[2]', 'c'],
    ['$l.contains("b")', 'true'],
    ['$l.contains("z")', 'false'],
    ['$l.isEmpty()', 'false'],
    ['$l.add("d") $l.size()', 'true 4'],
    ['$l.indexOf("c")', '2'],
  ];
  for (const [expression, expected] of cases) {
    it(`${expression} = ${expected}`, () => assert.equal(render(`${L}${expression}`, body), expected));
  }

  it('lists made in the template print Java-style, JSON lists print as JSON (AWS-recorded)', () => {
    assert.equal(render('#set($l = ["a", 1])$l|#set($e = [])$e.isEmpty()'), '[a, 1]|true');
  });

  it('get() outside the list is a template error', () => {
    const result = renderFull('#set($l = [1])$l.get(3)');
    assert.match(result.errors[0].message, /IndexOutOfBoundsException: Index 3 out of bounds for length 1/);
  });
});

describe('Velocity semantics', () => {
  it('$velocityHasNext tells inside #foreach whether another item follows, as in Velocity 1.7', () => {
    assert.equal(render('#foreach($x in [1, 2, 3])$x#if($velocityHasNext),#end#end'), '1,2,3');
  });

  it('$foreach exposes index, count, hasNext, first and last; $velocityCount is kept', () => {
    assert.equal(
      render('#foreach($x in ["a", "b", "c"])$foreach.index/$foreach.count/$velocityCount/$foreach.hasNext/$foreach.first/$foreach.last #end'),
      '0/1/1/true/true/false 1/2/2/true/false/false 2/3/3/false/false/true ',
    );
  });

  it('#foreach over a map iterates its values', () => {
    assert.equal(render('#foreach($v in $input.path("$"))$v#end', { body: '{"a": 1, "b": 2}' }), '12');
  });

  it('#break leaves the loop at once', () => {
    assert.equal(render('#foreach($i in [1..5])$i#if($i == 2)#break#end-#end!'), '1-2!');
  });

  it('#stop ends the template', () => {
    assert.equal(render('a\n#stop\nb'), 'a\n');
  });

  it('macros take arguments', () => {
    assert.equal(render('#macro(greet $who)Hello $who!#end#greet("you") #greet("me")'), 'Hello you! Hello me!');
  });

  it('a macro called with fewer arguments than it declares renders with the missing ones unset', () => {
    assert.equal(render('#macro(greet $who)Hi $who!#end#greet()|#greet("you")'), 'Hi !|Hi you!');
    assert.equal(render('#macro(pair $a $b)[$a,$b]#end#pair(1)'), '[1,]');
  });

  it('a missing macro argument reads the variable of that name around the call, as Velocity 1.7 does', () => {
    assert.equal(render('#set($who = "World")#macro(greet $who)Hi $who!#end#greet()'), 'Hi World!');
  });

  it('a macro called with more arguments than it declares ignores the extra ones', () => {
    assert.equal(render('#macro(one $a)[$a]#end#one(1, 2)'), '[1]');
  });

  it('a call to a macro that does not exist renders as written', () => {
    assert.equal(render('a #nosuch("a") b #nosuch c #eval("x")'), 'a #nosuch("a") b #nosuch c #eval("x")');
    assert.equal(render('#nosuch( 1 , $x )\nnext'), '#nosuch( 1 , $x )\nnext');
  });

  it('a block call to a macro that does not exist renders the whole block as written, body and #end included', () => {
    assert.equal(render('a #@nosuch($x, "q") body $y #end b'), 'a #@nosuch($x, "q") body $y #end b');
    assert.equal(render('a\n#@nosuch()\n  line\n#end\nb'), 'a\n#@nosuch()\n  line\n#end\nb');
    assert.equal(render('#@outer()#if(true)t#else f#end #@inner(1)z#end#end!'), '#@outer()#if(true)t#else f#end #@inner(1)z#end#end!');
  });

  it('the body of an undefined block macro call is never run', () => {
    assert.equal(render('#set($a = 1)#@nosuch()#set($a = 2)#end $a'), '#@nosuch()#set($a = 2)#end 1');
  });

  it('an undefined macro call prints without its comments, as Velocity prints the tokens of the call', () => {
    assert.equal(render('#@nosuch() a ## note\n b #* block *# c #[[raw $x]]# #end'), '#@nosuch() a  b  c #[[raw $x]]# #end');
    assert.equal(render('#nosuch("a##b")'), '#nosuch("a##b")');
  });

  it('a block call to a defined macro still renders the macro with its body', () => {
    assert.equal(render('#macro(wrap)[$bodyContent]#end#@wrap()in#end'), '[in]');
  });

  it('#evaluate renders its argument as template text', () => {
    assert.equal(render(`#evaluate('#set($a = 1)$a')|#set($t = '#foreach($i in [1..3])$i#end')#evaluate($t)`), '1|123');
    assert.equal(render('#evaluate($input.path("$.t"))', { body: '{"t": "#if(true)yes#end"}' }), 'yes');
  });

  it('#evaluate reads the variables of the template, and its #set changes them, as in Velocity 1.7', () => {
    assert.equal(render(`#set($v = "out")#evaluate('[$v]#set($v = "in")[$v]')$v`), '[out][in]in');
  });

  it('#evaluate reports text it cannot parse and a wrong argument as template errors', () => {
    const unparsable = renderFull(`#evaluate('#set($a')`);
    assert.equal(unparsable.errors[0].code, 'evaluate-syntax');
    assert.match(unparsable.errors[0].message, /^#evaluate could not parse its text: /);
    assert.equal(renderFull('#evaluate()').errors[0].code, 'evaluate-argument');
    assert.equal(renderFull('#evaluate(1)').errors[0].code, 'evaluate-argument');
  });

  it('#include and #parse fail the evaluation when reached: API Gateway has no template files', () => {
    for (const name of ['include', 'parse']) {
      const result = renderFull(`a\n#${name}("file.vtl")`);
      assert.equal(result.output, '');
      assert.deepEqual(result.errors.map((e) => [e.code, e.line, e.column]), [['unsupported-directive', 2, 1]]);
      assert.match(result.errors[0].message, new RegExp(`^#${name} needs a template file`));
    }
    assert.equal(render('#if(false)#include("file.vtl")#end ok'), ' ok');
  });

  it('undefined references render empty (silent), including method calls on them', () => {
    assert.equal(render('[$nothing][$nothing.at.all][$!nothing][${nothing}][$nothing.size()]'), '[][][][][]');
  });

  it('#set with a null value leaves the variable unchanged (Velocity 1.7)', () => {
    assert.equal(render('#set($a = "kept")#set($a = $input.path("$.missing"))$a', { body: '{}' }), 'kept');
  });

  it('only null and false are false in #if; the empty string and 0 are true', () => {
    assert.equal(render('#set($e = "")#set($z = 0)#if($e)1#end#if($z)2#end#if($missing)3#end#if(false)4#end'), '12');
  });

  it('== compares numbers by value and different types by their text', () => {
    assert.equal(render('#if(1 == 1.0)a#end#if("1" == 1)b#end#if("x" != "y")c#end#if($input.path("$.n") == 2)d#end', { body: '{"n": 2}' }), 'abcd');
  });

  it('<, >, <= and >= compare numbers only: any other operand makes them false, strings included', () => {
    assert.equal(render('#if("a" < "b")LT#else NOTLT#end|#if("10" > "9")GT#else NOTGT#end'), ' NOTLT| NOTGT');
    assert.equal(render('#if("b" >= "a")1#end#if("a" <= "a")2#end#if(1 < "2")3#end#if($missing < 1)4#end#if(true > false)5#end'), '');
    assert.equal(render('#if(1 < 2)a#end#if(2.5 >= 2)b#end#if($input.path("$.n") > 1)c#end', { body: '{"n": 2}' }), 'abc');
  });

  it('== between a number, a boolean and a string compares their text, as Velocity 1.7 does', () => {
    assert.equal(render('#if(1 == "1")a#end#if(true == "true")b#end#if(1 != "1.0")c#end#if(1 == true)d#end'), 'abc');
  });

  it('adding to a list inside a #foreach over it fails as Java does (ConcurrentModificationException)', () => {
    const result = renderFull('#set($l = [1])#foreach($i in $l)#set($d = $l.add($i))#end$l.size()');
    assert.equal(result.output, '');
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0].code, 'concurrent-modification');
    assert.match(result.errors[0].message, /^#foreach over \$l failed: .*java\.util\.ConcurrentModificationException/);
    assert.equal(result.errors[0].column, 15);
  });

  it('removing from a list inside a #foreach over it fails too, except where Java\'s iterator misses it', () => {
    const json = { body: '{"items": [1, 2, 3]}' };
    assert.equal(renderFull('#set($l = $input.path("$.items"))#foreach($i in $l)#set($d = $l.remove(0))#end', json).errors[0].code, 'concurrent-modification');
    // Java's hasNext() compares positions only: removing in the next-to-last round ends the loop quietly.
    assert.equal(render('#set($l = [1, 2])#foreach($i in $l)$i#set($d = $l.remove(0))#end|$l'), '1|[2]');
  });

  it('replacing list elements inside a #foreach is allowed, and the loop sees the new values', () => {
    assert.equal(render('#set($l = [1, 2, 3])#foreach($i in $l)$i#set($d = $l.set(2, "x"))#end'), '12x');
  });

  it('integer division truncates, decimal division does not', () => {
    assert.equal(render('#set($a = 7 / 2)#set($b = 7.0 / 2.5)$a $b'), '3 2.8');
  });

  it('+ concatenates when either side is a string', () => {
    assert.equal(render('#set($a = "n=" + 5)$a'), 'n=5');
  });

  it('numbers print as Java does: integers plain, large doubles in E notation', () => {
    assert.equal(render('$input.path("$.a") $input.path("$.b") $input.path("$.c")', { body: '{"a": 10, "b": 0.25, "c": 12345678.5}' }), '10 0.25 1.23456785E7');
  });

  it('an escaped reference prints as written, after a backslash when its value is null', () => {
    assert.equal(render('\\$notAVariable'), '\\$notAVariable');
    assert.equal(render('#set($a = "x")\\$a \\$a.length() \\$a.nope'), '$a $a.length() \\$a.nope');
  });
});
