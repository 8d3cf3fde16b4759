import assert from 'node:assert/strict';
import { parseJavaJson } from '../../../server/src/template/javaJson';
import { evaluateJsonPath } from '../../../server/src/template/jsonPath';
import { toJsonText } from '../../../server/src/template/javaValues';
import { render, renderFull, withBody } from './render';

/** JavaScript would list `2`, `10` and `0` first; API Gateway keeps document order. */
const DOC = '{"b":1,"2":2,"a":{"z":true,"10":"ten","0":null},"list":[{"y":1,"1":2},{"3":[{"k":"v","7":7}],"x":0}]}';
const body = withBody(DOC);

describe('JSON objects keep document order, integer-like keys included', () => {
  describe('reading JSON', () => {
    it('parseJavaJson gives ordered maps, nested and inside lists', () => {
      const doc = parseJavaJson(DOC) as Map<string, unknown>;
      assert.ok(doc instanceof Map);
      assert.deepEqual([...doc.keys()], ['b', '2', 'a', 'list']);
      assert.deepEqual([...(doc.get('a') as Map<string, unknown>).keys()], ['z', '10', '0']);
      const list = doc.get('list') as Array<Map<string, unknown>>;
      assert.deepEqual([...list[0].keys()], ['y', '1']);
      assert.deepEqual([...((list[1].get('3') as Array<Map<string, unknown>>)[0]).keys()], ['k', '7']);
    });

    it('writes back the text it read, whichever reader took it', () => {
      assert.equal(toJsonText(parseJavaJson(DOC)), DOC);
      // Doubles and permissive JSON go through json-smart's own reading.
      assert.equal(toJsonText(parseJavaJson('{"b":1.0,"2":2}')), '{"b":1.0,"2":2}');
      assert.equal(toJsonText(parseJavaJson("{b: x, '2': y, 1: z}")), '{"b":"x","2":"y","1":"z"}');
      // Escaped digits are digits.
      assert.equal(toJsonText(parseJavaJson('{"b":1,"\\u0032":2}')), '{"b":1,"2":2}');
    });

    it('keys that only look numeric, a single key and descending integer keys', () => {
      assert.equal(toJsonText(parseJavaJson('{"b":1,"01":2,"-1":3,"1.5":4}')), '{"b":1,"01":2,"-1":3,"1.5":4}');
      assert.equal(toJsonText(parseJavaJson('{"5":{"b":1,"4":2}}')), '{"5":{"b":1,"4":2}}');
      assert.equal(toJsonText(parseJavaJson('{"3":1,"2":2,"1":3}')), '{"3":1,"2":2,"1":3}');
      assert.equal(toJsonText(parseJavaJson('{"4294967295":1,"4294967294":2}')), '{"4294967295":1,"4294967294":2}');
    });

    it('a repeated key keeps its first place and takes the last value, as LinkedHashMap.put does', () => {
      assert.equal(toJsonText(parseJavaJson('{"a":1,"2":2,"a":3}')), '{"a":3,"2":2}');
      assert.equal(toJsonText(parseJavaJson('{"a":1.0,"2":2,"a":3}')), '{"a":3,"2":2}');
    });

    it('deep nesting reads in order too', () => {
      const innermost = (text: string, depth: number) => {
        let node = parseJavaJson(text) as Map<string, unknown>;
        for (let i = 0; i < depth; i++) node = [...node.values()][1] as Map<string, unknown>;
        return [...node.keys()];
      };
      // Integer-like keys go to json-smart's reading, which recurses as json-smart does.
      assert.deepEqual(innermost(`${'{"b":0,"2":'.repeat(2000)}{"y":1,"1":2}${'}'.repeat(2000)}`, 2000), ['y', '1']);
      // Deeper than the call stack allows: JSON.parse, and a copy that keeps its own stack.
      assert.deepEqual(innermost(`${'{"b":0,"c":'.repeat(20000)}{"y":1,"x":2}${'}'.repeat(20000)}`, 20000), ['y', 'x']);
      let list = parseJavaJson(`${'['.repeat(20000)}{"b":1,"a":2}${']'.repeat(20000)}`);
      for (let i = 0; i < 20000; i++) list = (list as unknown[])[0];
      assert.deepEqual([...(list as Map<string, unknown>).keys()], ['b', 'a']);
    });

    it('$util.parseJson reads the same way', () => {
      assert.equal(render(`#set($p = $util.parseJson('${DOC}'))$p.keySet()|$p.a|$p.list[0]`), '[b, 2, a, list]|{z=true, 10=ten, 0=null}|{y=1, 1=2}');
    });
  });

  describe('$input.json and $input.path', () => {
    it('$input.json writes JSON in document order, whole or in part', () => {
      assert.equal(render("$input.json('$')", body), DOC);
      assert.equal(render("$input.json('$.a')", body), '{"z":true,"10":"ten","0":null}');
      assert.equal(render("$input.json('$.list[1]')", body), '{"3":[{"k":"v","7":7}],"x":0}');
    });

    it('$input.path prints maps Java-style, in document order', () => {
      assert.equal(render("$input.path('$.a')", body), '{z=true, 10=ten, 0=null}');
      // Lists of the payload print as JSON, their objects too.
      assert.equal(render("$input.path('$.list')", body), '[{"y":1,"1":2},{"3":[{"k":"v","7":7}],"x":0}]');
      assert.equal(render("$input.path('$')", body), '{b=1, 2=2, a={z=true, 10=ten, 0=null}, list=[{"y":1,"1":2},{"3":[{"k":"v","7":7}],"x":0}]}');
    });

    it('keySet, values, entrySet and #foreach walk the map in document order', () => {
      const t = "#set($o = $input.path('$'))";
      assert.equal(render(`${t}#foreach($k in $o.keySet())$k,#end`, body), 'b,2,a,list,');
      assert.equal(render(`${t}#foreach($k in $o.a.keySet())$k=$o.a.get($k),#end`, body), 'z=true,10=ten,0=,');
      assert.equal(render(`${t}$o.a.values()`, body), '[true, ten, null]');
      assert.equal(render(`${t}$o.a.entrySet()`, body), '[z=true, 10=ten, 0=null]');
      assert.equal(render(`${t}#foreach($e in $o.entrySet())$e.key:$e.getKey(),#end`, body), 'b:b,2:2,a:a,list:list,');
      assert.equal(render(`${t}#foreach($v in $o.a)$v|#end`, body), 'true|ten||');
      assert.equal(render(`${t}#foreach($item in $o.list)$item.keySet()#end`, body), '[y, 1][3, x]');
    });

    it('size, isEmpty, containsKey, get and index reads', () => {
      const t = "#set($o = $input.path('$'))";
      assert.equal(render(`${t}$o.size() $o.a.size() $o.isEmpty() $o.a.isEmpty()`, body), '4 3 false false');
      assert.equal(render(`${t}$o.containsKey("2") $o.containsKey("9") $o.a.containsValue("ten")`, body), 'true false true');
      assert.equal(render(`${t}$o.get("2") $o["2"] $o.a["10"] $o.getOrDefault("9", "d")`, body), '2 2 ten d');
      assert.equal(render("$input.path('$.a.10') $input.path(\"$['2']\")", body), 'ten 2');
    });

    it('put adds a new key last and keeps the place of an existing one; remove and clear', () => {
      const t = "#set($a = $input.path('$.a'))";
      assert.equal(render(`${t}#set($x = $a.put("1", "one"))#set($x = $a.put("z", false))$a`, body), '{z=false, 10=ten, 0=null, 1=one}');
      assert.equal(render(`${t}#set($x = $a.remove("z"))#set($x = $a.put("z", 1))$a|$a.size()`, body), '{10=ten, 0=null, z=1}|3');
      assert.equal(render(`${t}#set($a["5"] = 5)#set($a.b = 6)$a`, body), '{z=true, 10=ten, 0=null, 5=5, b=6}');
      assert.equal(render(`${t}$a.clear()$a.isEmpty() $a`, body), 'true {}');
      assert.equal(render(`${t}#set($x = $a.putAll({"9": 9, "z": 0}))$a`, body), '{z=0, 10=ten, 0=null, 9=9}');
    });

    it('changes to a map read from the payload show in later reads of it', () => {
      assert.equal(render("#set($x = $input.path('$.a').put('3', 3))$input.json('$.a')", body), '{"z":true,"10":"ten","0":null,"3":3}');
    });

    it('an entry set with setValue changes the map', () => {
      assert.equal(render("#set($a = $input.path('$.a'))#foreach($e in $a.entrySet())#set($x = $e.setValue(\"v$foreach.index\"))#end$a", body), '{z=v0, 10=v1, 0=v2}');
    });

    it('an empty body reads as an empty map', () => {
      assert.equal(render("$input.json('$')|$input.path('$').size()"), '{}|0');
    });
  });

  describe('JSONPath over ordered maps', () => {
    it('wildcards give the members in document order', () => {
      assert.equal(render("$input.json('$.*')", body), '[1,2,{"z":true,"10":"ten","0":null},[{"y":1,"1":2},{"3":[{"k":"v","7":7}],"x":0}]]');
      assert.equal(render("$input.json('$.a.*')", body), '[true,"ten",null]');
      assert.equal(render("$input.json('$.list[*].*')", body), '[1,2,[{"k":"v","7":7}],0]');
    });

    it('deep scan visits members in document order, parents before children', () => {
      const doc = withBody('{"x":0,"2":{"x":1,"1":{"x":2}},"a":{"x":3}}');
      assert.equal(render("$input.json('$..x')", doc), '[0,1,2,3]');
      assert.equal(render("$input.json(\"$..['1']\")", withBody('{"b":{"1":"a"},"1":"b"}')), '["b","a"]');
      assert.equal(render("$input.json('$..k')", body), '["v"]');
    });

    it('several names make one map in the order named; filters keep document order', () => {
      assert.equal(render("$input.json(\"$['a','2','b']\")", body), '{"a":{"z":true,"10":"ten","0":null},"2":2,"b":1}');
      assert.equal(render("$input.json(\"$.a['10','z']\")", body), '{"10":"ten","z":true}');
      assert.equal(render("$input.json('$.list[?(@.x == 0)]')", body), '[{"3":[{"k":"v","7":7}],"x":0}]');
      assert.equal(render("$input.json(\"$.list[?(@['1'])]\")", body), '[{"y":1,"1":2}]');
    });

    it('a filter cannot compare maps: what follows == is text to Jayway 2.0', () => {
      const doc = withBody('{"list":[{"m":{"b":1,"2":2}},{"m":{"b":2}}]}');
      assert.equal(render("$input.json('$.list[?(@.m == {\"2\": 2, \"b\": 1})]')", doc), '[]');
    });

    it('callers outside the engine may still pass JSON.parse results', () => {
      const doc = JSON.parse('{"b":{"x":1},"a":[{"x":2}]}') as unknown;
      assert.deepEqual(evaluateJsonPath('$..x', doc), { found: true, value: [1, 2] });
      assert.deepEqual(evaluateJsonPath("$['a','b']", doc), { found: true, value: { a: [{ x: 2 }], b: { x: 1 } } });
      assert.equal(toJsonText(evaluateJsonPath('$.*', doc).found ? (evaluateJsonPath('$.*', doc) as { value: unknown }).value : null), '[{"x":1},[{"x":2}]]');
    });
  });

  describe('map literals are LinkedHashMaps', () => {
    it('keep the order written, digit keys included', () => {
      assert.equal(render('#set($m = {"b": 1, "2": 2, "a": 3, \'10\' : 4})$m|$m.keySet()|$m.size()'), '{b=1, 2=2, a=3, 10=4}|[b, 2, a, 10]|4');
      assert.equal(render('#set($m = {"2": {"z": 1, "1": [{"9": 9, "c": 3}]}})$m'), '{2={z=1, 1=[{9=9, c=3}]}}');
      assert.equal(render('#set($m = {"b": "x", "0": "y"})#foreach($v in $m)$v#end'), 'xy');
    });

    it('with keys Velocity decodes (\\u escapes, doubled quotes) in their place too', () => {
      assert.equal(render('#set($m = {"z": 0, "\\u0031": 1, \'it\'\'s\': 2, "3": 3})$m'), "{z=0, 1=1, it's=2, 3=3}");
    });

    it('in interpolated strings and #evaluate', () => {
      assert.equal(render('#set($s = "#set($m = {\'b\': 1, \'2\': 2})$m")$s'), '{b=1, 2=2}');
      assert.equal(render('#evaluate(\'#set($m = {"b": 1, "2": 2})$m.keySet()\')'), '[b, 2]');
    });

    it('a repeated key keeps its first place and the last value', () => {
      assert.equal(render('#set($m = {"1": "a", "b": "c", "1": "d"})$m'), '{1=d, b=c}');
    });

    it('equal to a map with the same entries in another order, as Java maps are', () => {
      assert.equal(render('#set($a = {"b": 1, "2": 2})#set($b = {"2": 2, "b": 1})#if($a == $b)eq#end $a.equals($b)'), 'eq true');
      assert.equal(render("#set($m = {\"2\": 2, \"b\": 1})#if($m == $input.path('$'))eq#end", withBody('{"b":1,"2":2}')), 'eq');
      assert.equal(render('#set($a = {"b": 1})#set($b = {"b": 2})#if($a != $b)ne#end'), 'ne');
    });

    it('toString is Java\'s, $input.json-style JSON only where written as JSON', () => {
      assert.equal(render('#set($m = {"b": 1, "2": [1, 2]})$m.toString()|$m'), '{b=1, 2=[1, 2]}|{b=1, 2=[1, 2]}');
    });
  });

  describe('round trips', () => {
    it('$util.parseJson($input.json(...)) gives back the same JSON', () => {
      assert.equal(render("#set($p = $util.parseJson($input.json('$')))$input.json('$')", body), DOC);
      assert.equal(render("#set($p = $util.parseJson($input.json('$.list')))$p[1].keySet()", body), '[3, x]');
    });

    it('a template that writes JSON from the maps it walks keeps their order', () => {
      const template = "#set($o = $input.path('$.a')){#foreach($k in $o.keySet())\"$k\":\"$o.get($k)\"#if($foreach.hasNext),#end#end}";
      const output = render(template, body);
      assert.equal(output, '{"z":"true","10":"ten","0":""}');
      assert.equal(render("$input.json('$')", withBody(output)), output);
    });
  });

  describe('maps the engine hands out and reads back', () => {
    it('$stageVariables and $input.params() are maps that take new keys last', () => {
      const request = { stageVariables: { b: 'x' }, params: { querystring: { q: '1' }, header: { h: 'v' } } };
      assert.equal(render('#set($x = $stageVariables.put("1", "y"))$stageVariables', request), '{b=x, 1=y}');
      assert.equal(render('$input.params()|$input.params().querystring.q|$input.params().keySet()', request), '{path={}, querystring={q=1}, header={h=v}}|1|[path, querystring, header]');
    });

    it('override maps replaced by map literals are still read', () => {
      const result = renderFull('#set($context.requestOverride.header = {"X-B": "1", "X-2": ["a", "b"]})#set($context.responseOverride.header = {"3": "c"})');
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.requestOverride.header, { 'X-B': '1', 'X-2': 'a,b' });
      assert.deepEqual(result.requestOverride.multiValueHeader, { 'X-2': ['a', 'b'] });
      assert.deepEqual(result.responseOverride.header, { 3: 'c' });
    });

    it('$context stays a record for the evaluator and the gateway, and a map written into it is copied onward', () => {
      const first = renderFull("#set($context.requestOverride.header.X = $input.path('$.a'))#set($context.extra = {\"1\": 1})", body);
      assert.deepEqual(first.errors, []);
      assert.equal(first.requestOverride.header.X, '{z=true, 10=ten, 0=null}');
      assert.equal(Object.getPrototypeOf(first.context), Object.prototype);
      const second = renderFull('$context.extra|$context.extra.get("1")', { context: first.context });
      assert.equal(second.output, '{1=1}|1');
    });
  });
});
