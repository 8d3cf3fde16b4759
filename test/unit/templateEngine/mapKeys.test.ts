import assert from 'node:assert/strict';
import { render, withBody } from './render';

describe('map keys are Java objects: the Integer 1 and the String "1" are different keys', () => {
  it('keeps both in one map literal, each found by its own type', () => {
    assert.equal(render('#set($m = {"1": "s", 1: "i"})$m.get(1) $m.get("1") $m.size() $m'), 'i s 2 {1=s, 1=i}');
  });

  it('puts, finds and removes by the key as given', () => {
    const template = '#set($m = {})$m.put(1, "i")$m.put("1", "s")$m.containsKey(1) $m.containsKey("2") $m.remove(1) $m';
    assert.equal(render(template), 'true false i {1=s}');
    assert.equal(render('#set($m = {1: "a"})$m.getOrDefault("1", "none") $m.getOrDefault(1, "none")'), 'none a');
  });

  it('tells a Double key from an Integer one, and finds a list key by its elements', () => {
    assert.equal(render('#set($m = {1: "i", 1.0: "d", [1, 2]: "l"})$m.get(1) $m.get(1.0) $m.get([1, 2]) $m.size()'), 'i d l 3');
  });

  it('writes `#set($map[key] = value)` under the key as given', () => {
    assert.equal(render('#set($m = {})#set($m[1] = "i")#set($m["1"] = "s")#set($m.a = "p")$m $m.size()'), '{1=i, 1=s, a=p} 3');
  });

  it('keeps JSON objects as they were: string keys, found by name, by string and by property', () => {
    const body = withBody('{"a": 1, "1": "one", "list": [{"2": "two"}]}');
    assert.equal(render('#set($o = $input.path("$"))$o.a $o["a"] $o.get("1") $o["1"] $o.list[0].get("2") $o.keySet()', body), '1 1 one one two [a, 1, list]');
    assert.equal(render("#set($o = $util.parseJson('{\"1\": \"x\"}'))$o.get('1') $o.containsKey('1')"), 'x true');
  });

  it('finds nothing in a JSON object with an Integer key, as json-smart\'s HashMap<String, Object> would', () => {
    const body = withBody({ '1': 'one' });
    assert.equal(render('#set($o = $input.path("$"))[$!o.get(1)] [$!o[1]] $o.containsKey(1)', body), '[] [] false');
  });

  it('compares maps by their keys and values, key types included', () => {
    assert.equal(render('#if({1: "a"} == {1: "a"})same#end #if({1: "a"} != {"1": "a"})differ#end'), 'same differ');
  });

  it('writes non-string keys into JSON as their string form, as json-smart does', () => {
    const body = withBody('{"l": []}');
    assert.equal(render('#set($j = $input.path("$.l"))#set($ok = $j.add({1: true, 2.5: [1]}))$j', body), '[{"1":true,"2.5":[1]}]');
  });

  it('gives entries their typed key', () => {
    assert.equal(render('#set($m = {1: "a", "1": "b"})#foreach($e in $m.entrySet())$e.key=$e.value $m.get($e.key) #end'), '1=a a 1=b b ');
  });
});
