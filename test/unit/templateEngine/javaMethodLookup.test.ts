import assert from 'node:assert/strict';
import { render, renderFull } from './render';

/** The message of the one error the template raised. */
function failure(template: string): string {
  const result = renderFull(template);
  assert.equal(result.errors.length, 1, `errors for ${template}`);
  return result.errors[0].message;
}

describe('Java methods found as Velocity 1.7 finds them', () => {
  it('an argument of another type finds no method, and the reference renders nothing', () => {
    assert.equal(render('#set($s = "abc")[$s.charAt("0")][$s.substring(1.5)][$s.contains(1)][$s.replace("b", 1)][$s.concat(1)]'), '[][][][][]');
    assert.equal(render('#set($l = [1, 2])[$l.get("0")][$l.get(1.0)][$l.addAll("x")]$l.add("0", "z")$l'), '[][][][1, 2]');
  });

  it('an Integer argument chooses the int overload: indexOf(int) by character code, remove(int) by index', () => {
    assert.equal(render('#set($s = "abc")$s.indexOf(98) $s.lastIndexOf(99)'), '1 2');
    assert.equal(render('#set($l = [5, 6, 1])$l.remove(1) $l $l.remove("x") $l.remove(1.0)'), '6 [5, 1] false false');
  });

  it('a method without parameters called with arguments fails the template, as Velocity 1.7 invokes it anyway', () => {
    assert.match(failure('#set($s = "abc")$s.length(1)'), /length\(\) takes no arguments.*wrong number of arguments/);
    assert.match(failure('#set($s = "abc")$s.toLowerCase("en")'), /wrong number of arguments/);
    assert.equal(render('#set($x = 5)$x.toString(10) $x.hashCode(7)'), '10 7');
  });

  it('compareTo casts its argument: another class or null fails the template', () => {
    assert.equal(render('#set($s = "abc")#set($x = 5)$s.compareTo("abd") $x.compareTo(3)'), '-1 1');
    assert.match(failure('#set($x = 5)$x.compareTo(3.0)'), /ClassCastException/);
    assert.match(failure('#set($s = "abc")$s.compareTo(1)'), /ClassCastException/);
    assert.match(failure('#set($s = "abc")$s.compareTo($nope)'), /NullPointerException/);
  });

  it('contains, indexOf and remove use Java equals: the Integer 1 is neither 1.0 nor "1"', () => {
    assert.equal(render('#set($l = [1, "a"])$l.contains(1) $l.contains(1.0) $l.contains("1") $l.indexOf("a")'), 'true false false 1');
    assert.equal(render('#set($m = {"a": 1})$m.containsValue(1) $m.containsValue(1.0)'), 'true false');
  });

  it('== uses equals() between values of one class and the string forms between others', () => {
    assert.equal(render('#set($a = [1])#set($b = [1.0])#if($a == $b)eq#{else}ne#end #if($a == "[1]")text#end'), 'ne text');
  });

  it('static methods are called on any value of the class', () => {
    assert.equal(render('#set($Integer = 0)$Integer.parseInt("42") $Integer.valueOf("-7") $Integer.toHexString(255)'), '42 -7 ff');
    assert.equal(render('#set($s = "")$s.valueOf(1.5) $s.join("-", ["a", "b"]) $s.join("-", "x", "y")'), '1.5 a-b x-y');
    assert.match(failure('#set($Integer = 0)$Integer.parseInt("4x")'), /NumberFormatException/);
  });

  it('sort without a comparator sorts naturally, and fails on elements of different classes', () => {
    assert.equal(render('#set($l = ["b", "c", "a"])$l.sort($nope)$l'), '[a, b, c]');
    assert.match(failure('#set($l = [1, "a"])$l.sort($nope)'), /ClassCastException/);
  });

  it('hashCode as Java computes it', () => {
    assert.equal(render('#set($x = [5, 5000000000, 1.5, true, 99999999999999999999])#foreach($v in $x)$v.hashCode() #end'), '5 705032705 1073217536 1231 1882487351 ');
    assert.equal(render('#set($m = {"a": {"b": [10, 20, {"c": "d"}]}, "k": "v", "n": 5})$m.hashCode()'), '40167');
  });
});

describe('Java arrays', () => {
  it('split returns a String[] that prints as its class and identity hash', () => {
    assert.match(render('#set($s = "a,b")$s.split(",")'), /^\[Ljava\.lang\.String;@[0-9a-f]{8}$/);
    assert.match(render('#set($s = "ab")$s.toCharArray()|$s.getBytes()'), /^\[C@[0-9a-f]{8}\|\[B@[0-9a-f]{8}$/);
  });

  it('indexes, sizes and loops like a list', () => {
    assert.equal(render('#set($s = "x,y,,z")#set($a = $s.split(","))$a.size() $a[0] $a[-1] $a.get(1) $a.contains("y") #foreach($p in $a)[$p]#end'), '4 x z y true [x][y][][z]');
  });

  it('sets its elements, but cannot grow or shrink', () => {
    assert.equal(render('#set($s = "x,y")#set($a = $s.split(","))$a.set(0, "q") $a[0]'), 'x q');
    assert.match(failure('#set($s = "x,y")#set($a = $s.split(","))$a.add("w")'), /UnsupportedOperationException/);
    assert.match(failure('#set($s = "x,y")#set($a = $s.split(","))$a.set(0, 1)'), /array element type mismatch/);
  });

  it('equals only itself and has no properties but its class', () => {
    assert.equal(render('#set($s = "x")#set($a = $s.split(","))#set($b = $s.split(","))#if($a == $a)same#end #if($a == $b)eq#{else}ne#end [$a.empty] $a.class.simpleName'), 'same ne [] String[]');
  });
});

describe('Map views, Characters and classes', () => {
  it('keySet, values and entrySet are collections without an index, backed by the map', () => {
    assert.equal(render('#set($m = {"a": 1, "b": 2})$m.keySet() [$m.keySet()[0]] [$m.keySet().get(0)] $m.keySet().remove("a") $m'), '[a, b] [] [] true {b=2}');
    assert.match(failure('#set($m = {"a": 1})$m.keySet().add("b")'), /UnsupportedOperationException/);
  });

  it('charAt returns a Character: it prints as its character but equals no String', () => {
    assert.equal(render('#set($s = "hello")#set($c = $s.charAt(1))$c $c.equals("e") #if($c == "e")eq#end [$s.indexOf($c)] $c.class.name'), 'e false eq [] java.lang.Character');
    assert.equal(render('#set($s = "hello")#set($m = {"e": 1})[$m.get($s.charAt(1))]'), '[]');
  });

  it('$value.class is a Class with a name, and a map reads `class` as its class rather than as a key', () => {
    assert.equal(render('#set($x = 2147483648)#set($s = "")$x.class $s.class.name $s.class.simpleName $s.getClass().getName()'), 'class java.lang.Long java.lang.String String java.lang.String');
    assert.equal(render('#set($m = {"class": 5, "empty": 6})$m.class $m.get("class") $m.empty'), 'class java.util.LinkedHashMap 5 6');
  });

  it('getters and boolean getters are properties, either case of the first letter', () => {
    assert.equal(render('#set($s = "abc")$s.empty $s.Empty $s.bytes.size() [$s.length]'), 'false false 3 []');
  });
});

describe('String.format', () => {
  it('formats the common conversions as java.util.Formatter does', () => {
    assert.equal(render('#set($f = "")$f.format("%s|%5s|%-3s|%05d|%,d|%x|%.2f|%e|%b|%%", "a", "b", "c", 42, 1234567, 255, 1.005, 12345.678, $nope)'), 'a|    b|c  |00042|1,234,567|ff|1.01|1.234568e+04|false|%');
  });

  it('fails the template where Java throws', () => {
    assert.match(failure('#set($f = "")$f.format("%d", 1.5)'), /IllegalFormatConversionException/);
    assert.match(failure('#set($f = "")$f.format("%s %s", "a")'), /MissingFormatArgumentException/);
  });
});

describe('bare words among call arguments', () => {
  it('are null, in lists and maps there too, as Velocity 1.7 reads them', () => {
    assert.equal(render('#set($foo = 5)#set($l = [])$l.add(foo)$l.add([foo, null])$l.add({"a": null})$l'), 'truetruetrue[null, [null, null], {a=null}]');
  });
});
