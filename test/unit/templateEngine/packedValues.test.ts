import assert from 'node:assert/strict';
import { renderTemplate } from '../../../server/src/template/engine';
import { isMapValue, mapGet } from '../../../server/src/template/javaMaps';
import {
  isEntriesOnly,
  isJavaList,
  javaArray,
  javaArrayClass,
  JavaChar,
  JavaClass,
  JavaDouble,
  javaList,
  MapEntry,
  mapView,
  mapViewOf,
  markEntriesOnly,
} from '../../../server/src/template/javaValues';
import { packValue, unpackValue, UnpackableValue } from '../../../server/src/template/packedValues';
import { simulateIntegrationResponse } from '../../../server/src/template/responseSelection';

/** What another thread receives of a value: packed, structured-cloned as postMessage does, and unpacked. */
function across<T>(value: T): T {
  return unpackValue(structuredClone(packValue(value))) as T;
}

describe('packed template values', () => {
  it('carry what a structured clone carries as it is', () => {
    const value = { text: 'a', n: 1.5, whole: 2, big: 12345678901234567890n, yes: true, none: null, gone: undefined };
    assert.deepStrictEqual(across(value), value);
    assert.ok(Object.is(across(-0), -0));
    assert.ok(Number.isNaN(across(NaN)));
    assert.deepStrictEqual(across([1, undefined, 'x']), [1, undefined, 'x']);
  });

  it("keep Java's boxed values of their classes", () => {
    const boxed = [new JavaDouble(10), new JavaChar('c'), new JavaClass('java.util.ArrayList')] as const;
    const [double, char, klass] = across(boxed);
    assert.ok(double instanceof JavaDouble && double.value === 10 && double.toString() === '10.0');
    assert.ok(char instanceof JavaChar && char.value === 'c');
    assert.ok(klass instanceof JavaClass && klass.simpleName === 'ArrayList');
  });

  it('keep maps in order, with keys of any kind, and records with odd names or no prototype', () => {
    const map = new Map<unknown, unknown>([
      ['b', 1],
      [new JavaDouble(1), 'double key'],
      [1, 'integer key'],
      ['a', 2],
    ]);
    const back = across(map);
    assert.ok(back instanceof Map);
    assert.deepStrictEqual([...back.keys()], ['b', new JavaDouble(1), 1, 'a']);
    assert.deepStrictEqual([...back.values()], [1, 'double key', 'integer key', 2]);
    const record = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "2": "two"}') as Record<string, unknown>;
    const recordBack = across(record);
    assert.deepStrictEqual(Object.keys(recordBack), Object.keys(record));
    assert.equal(Object.getPrototypeOf(recordBack), Object.prototype);
    assert.deepStrictEqual(Object.getOwnPropertyDescriptor(recordBack, '__proto__')?.value, { x: 1 });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: 'v' });
    assert.equal(Object.getPrototypeOf(across(bare)), null);
  });

  it('keep the marks the engine sets beside lists and maps', () => {
    const owner = new Map<unknown, unknown>([['k', 'v']]);
    const claims = { sub: 'me' };
    markEntriesOnly(claims);
    const back = across({
      list: javaList([1, 2]),
      json: [1, 2],
      array: javaArray(['a', 'b'], '[Ljava.lang.String;'),
      owner,
      keys: mapView(['k'], 'keySet', owner),
      claims,
    });
    assert.ok(isJavaList(back.list));
    assert.ok(!isJavaList(back.json));
    assert.equal(javaArrayClass(back.array), '[Ljava.lang.String;');
    assert.equal(mapViewOf(back.keys)?.kind, 'keySet');
    assert.equal(mapViewOf(back.keys)?.owner, back.owner, 'the view reads the map that came with it');
    assert.ok(isEntriesOnly(back.claims));
  });

  it('keep shared values shared and cycles whole', () => {
    const shared = { n: 1 };
    const map = new Map<unknown, unknown>();
    map.set('self', map);
    const back = across({ a: shared, b: shared, map });
    assert.equal(back.a, back.b);
    assert.equal(back.map.get('self'), back.map);
  });

  it("keep a map's entries tied to their map", () => {
    const owner = new Map<unknown, unknown>([['k', 1]]);
    const back = across({ owner, entry: new MapEntry('k', 1, owner) });
    assert.ok(back.entry instanceof MapEntry);
    back.entry.setValue(2);
    assert.equal(back.owner.get('k'), 2);
  });

  it("refuse what belongs to its own thread: functions, the engine's objects, an entry that holds itself", () => {
    assert.throws(() => packValue({ f: () => 1 }), UnpackableValue);
    assert.throws(() => packValue([Symbol('s')]), UnpackableValue);
    // A structured clone of a value nested some hundreds of levels deep overflows the receiving thread's stack.
    const nest = (depth: number) => JSON.parse(`${'{"a": ['.repeat(depth)}1${']}'.repeat(depth)}`) as unknown;
    assert.doesNotThrow(() => packValue(nest(90)));
    assert.throws(() => packValue(nest(120)), /nested more than 200 levels deep/);
    const render = renderTemplate('#set($context.kept = $input)', { body: '{}' });
    assert.deepStrictEqual(render.errors, []);
    assert.throws(() => packValue(render.context), UnpackableValue);
    const entry = new MapEntry('k', undefined);
    entry.setValue(entry);
    assert.throws(() => packValue(entry), UnpackableValue);
  });

  it("carry a request template's $context to the response template as the same thread would", () => {
    const request = renderTemplate(
      [
        '#set($s = "a,b")',
        '#set($context.arr = $s.split(","))',
        '#set($context.list = [1, 2.0, "a"])',
        '#set($context.m = {"k": 1.0, "n": {"deep": [true]}})',
        '#set($context.keys = $context.m.keySet())',
        '#set($context.nested = {"arr": $s.split(","), "list": [1, 2.0]})',
        '#set($context.requestOverride.header.X-A = "1")',
      ].join(''),
      { body: '{}', context: { authorizer: { claims: { sub: 'me' } } } },
    );
    assert.deepStrictEqual(request.errors, []);
    const template = '$context.arr.class $context.list $context.m $context.m.n.deep[0] $context.keys '
      + '$context.nested.arr.class $context.nested.list $context.authorizer.claims.sub $context.authorizer.claims';
    const respond = (context: Record<string, unknown>) =>
      simulateIntegrationResponse({
        responses: { default: { statusCode: '200', responseTemplates: { 'application/json': template } } },
        backend: { type: 'mock', statusCode: 200 },
        request: { context },
      });
    const here = respond(request.context);
    const apart = respond(across(request.context));
    assert.deepStrictEqual(apart.errors, here.errors);
    assert.equal(apart.body, here.body);
    // A list at the top of $context is copied for the next template, a JSON list; one inside a map stays as it was.
    const expected = 'class net.minidev.json.JSONArray [1,2.0,"a"] {k=1.0, n={deep=[true]}} true ["k","n"] '
      + 'class [Ljava.lang.String; [1, 2.0] me ';
    assert.equal(here.body, expected);
    assert.ok(isMapValue(mapGet(across(request.context), 'm')));
  });
});
