import assert from 'node:assert/strict';
import { buildDefaultContext, checkTemplateSyntax, renderTemplate } from '../../../server/src/template/engine';
import { mergeParameters } from '../../../server/src/template/inputVariable';
import { simulateIntegrationResponse } from '../../../server/src/template/responseSelection';
import { render } from './render';

/**
 * Names every JavaScript object has, as map keys of the template engine: `__proto__` written with
 * `map[name] = value` replaces the prototype instead of adding an entry, and `constructor` or `toString` read with
 * `map[name]` is an inherited function.
 */
const PROTO = '__proto__';

/** An object whose entries are all own properties: an object literal would make `__proto__` its prototype. */
function own<T>(entries: Array<[string, T]>): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>;
}

/** Whether `map` is still a plain object and holds `name` as its own entry with `value`. */
function holds(map: object, name: string, value: unknown): boolean {
  return Object.getPrototypeOf(map) === Object.prototype && Object.hasOwn(map, name) && JSON.stringify((map as Record<string, unknown>)[name]) === JSON.stringify(value);
}

describe('template engine names every JavaScript object has', () => {
  describe('overrides', () => {
    it('a list under requestOverride.header.__proto__ is an entry of both header maps, whose prototype stays', () => {
      const template = [
        `#set($h = $context.requestOverride.header)#set($q = $context.requestOverride.querystring)`,
        `#set($x = $h.put('${PROTO}', ['a', 'b']))#set($x = $h.put('constructor', 'c'))`,
        `#set($x = $q.put('${PROTO}', ['q']))#set($x = $context.requestOverride.path.put('${PROTO}', 'p'))`,
      ].join('');
      const result = renderTemplate(template, {});
      assert.deepEqual(result.errors, []);
      const { header, multiValueHeader, querystring, multiValueQuerystring, path } = result.requestOverride;
      assert.ok(holds(multiValueHeader, PROTO, ['a', 'b']), JSON.stringify(multiValueHeader));
      assert.ok(holds(header, PROTO, 'a,b') && holds(header, 'constructor', 'c'), JSON.stringify(header));
      assert.ok(holds(multiValueQuerystring, PROTO, ['q']) && holds(querystring, PROTO, 'q'), JSON.stringify(querystring));
      assert.ok(holds(path, PROTO, 'p'), JSON.stringify(path));
    });

    it('responseOverride.header.__proto__ is an entry of the result', () => {
      const result = renderTemplate(`#set($x = $context.responseOverride.header.put('${PROTO}', 'r'))`, {}, { kind: 'response' });
      assert.deepEqual(result.errors, []);
      assert.ok(holds(result.responseOverride.header, PROTO, 'r'), JSON.stringify(result.responseOverride.header));
    });

    it('setting __proto__ twice is a repeated override, as for any other name', () => {
      const result = renderTemplate(`#set($h = $context.requestOverride.header)#set($x = $h.put('${PROTO}', 'a'))#set($x = $h.put('${PROTO}', 'b'))`, {});
      assert.deepEqual(
        result.errors.map((e) => [e.code, e.parameter]),
        [['repeated-override', `requestOverride.header.${PROTO}`]],
      );
    });
  });

  describe('#set and references', () => {
    it('#set writes such names into the override maps as entries, by property or by index', () => {
      const result = renderTemplate(
        [
          `#set($context.requestOverride.header.constructor = 'c')#set($context.requestOverride.header['${PROTO}'] = 'p')`,
          `#set($context.requestOverride.querystring.prototype = 'q')#set($context.responseOverride.header.constructor = 'r')`,
        ].join(''),
        {},
      );
      assert.deepEqual(result.errors, []);
      const { header, querystring } = result.requestOverride;
      assert.ok(holds(header, 'constructor', 'c') && holds(header, PROTO, 'p'), JSON.stringify(header));
      assert.ok(holds(querystring, 'prototype', 'q'), JSON.stringify(querystring));
      assert.ok(holds(result.responseOverride.header, 'constructor', 'r'), JSON.stringify(result.responseOverride.header));
    });

    it('#set writes such names into $context and the maps a template makes, and reads them back', () => {
      assert.equal(render(`#set($context.constructor = 'x')#set($context.identity.prototype = 'y')$context.constructor $context.identity.prototype`), 'x y');
      assert.equal(render(`#set($m = {})#set($m.constructor = 1)#set($m['${PROTO}'] = 2)#set($m.prototype = 3)$m $m.constructor $m.get('${PROTO}')`), `{constructor=1, ${PROTO}=2, prototype=3} 1 2`);
    });

    it('reads such a name a map lacks as any missing key, never as a function', () => {
      const missing = render('#set($m = {})$m.noSuchKey');
      assert.equal(render('#set($m = {})$m.constructor|$m.prototype|$m.toString|$m.valueOf'), [missing, missing, missing, missing].join('|'));
      assert.equal(render('#set($m = {})#if($m.constructor)set#{else}unset#end'), 'unset');
      assert.equal(render('$util.constructor|$util.toString|$input.constructor'), '||');
    });

    it('reads no property whose name starts with an underscore, `__proto__` included: the `.` is text, as in Velocity', () => {
      assert.equal(render(`#set($m = {'_x': 1})$m.${PROTO}|$m._x|$!m._x()`), `{_x=1}.${PROTO}|{_x=1}._x|{_x=1}._x()`);
      assert.equal(render(`#set($m = {})#set($s = "$m.${PROTO}")$s`), `{}.${PROTO}`);
      for (const template of [`#if($m.${PROTO})#end`, `#set($m.${PROTO} = 1)`, `\${m.${PROTO}}`]) {
        assert.equal(checkTemplateSyntax(template)[0]?.code, 'syntax', template);
      }
    });

    it('takes such names as variables, loop variables and macro parameters', () => {
      assert.equal(render(`$constructor|$toString|$valueOf|$hasOwnProperty`), '|||');
      assert.equal(render(`#set($constructor = 1)#set($${PROTO} = 2)#set($prototype = 3)$constructor $${PROTO} $prototype`), '1 2 3');
      assert.equal(render(`#foreach($${PROTO} in [1, 2])$${PROTO}#end`), '12');
      assert.equal(render(`#macro(m $${PROTO} $constructor)[$${PROTO} $constructor]#end#m(5 6)`), '[5 6]');
    });

    it('calls macros named so', () => {
      assert.equal(render('#macro(constructor)C#end#macro(toString $a)T$a#end#constructor()#toString(1)'), 'CT1');
    });

    it('leaves every object\'s prototype as it was', () => {
      const shared = Object.prototype as Record<string, unknown>;
      try {
        render(`#set($${PROTO} = {'polluted': 1})#set($m = {})#set($m['${PROTO}'] = {'polluted': 2})#set($context['${PROTO}'] = {'polluted': 3})#set($context.identity['${PROTO}'] = {'polluted': 4})`);
        render(`#foreach($${PROTO} in [{'polluted': 5}])#end#macro(m $${PROTO})$${PROTO}#end#m({'polluted': 6})`);
        assert.equal(shared.polluted, undefined);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      } finally {
        delete shared.polluted;
      }
    });
  });

  describe('integration responses', () => {
    it('maps into method.response.header.__proto__ and applies the template\'s overrides of that name, not the request template\'s', () => {
      const mapped = simulateIntegrationResponse({
        responses: { default: { statusCode: '200', responseParameters: { [`method.response.header.${PROTO}`]: "'m'", 'method.response.header.X-Ctor': 'stageVariables.constructor' } } },
        backend: { type: 'http', statusCode: 200, body: '{}' },
        request: { stageVariables: {} },
      });
      assert.deepEqual(mapped.errors, []);
      assert.ok(holds(mapped.headers, PROTO, 'm'), JSON.stringify(mapped.headers));
      assert.equal(Object.hasOwn(mapped.headers, 'X-Ctor'), false);

      const templated = simulateIntegrationResponse({
        responses: { default: { statusCode: '200', responseTemplates: { 'application/json': `#set($x = $context.responseOverride.header.put('${PROTO}', 't'))` } } },
        backend: { type: 'http', statusCode: 200, body: '{}' },
      });
      assert.ok(holds(templated.headers, PROTO, 't'), JSON.stringify(templated.headers));

      const requestRender = renderTemplate(`#set($x = $context.responseOverride.header.put('${PROTO}', 'carried'))`, {});
      const carried = simulateIntegrationResponse({
        responses: { default: { statusCode: '200' } },
        backend: { type: 'http', statusCode: 200, body: '{}' },
        request: { context: requestRender.context },
      });
      assert.ok(!Object.hasOwn(carried.headers, PROTO), JSON.stringify(carried.headers));
    });
  });

  describe('$input.params', () => {
    it('the single value given under __proto__ wins over the last of its values, as for any other name', () => {
      const params = mergeParameters(
        { header: own([[PROTO, 'p1,p2'], ['X', 'x1,x2']]), querystring: own([[PROTO, 'q']]), path: own([[PROTO, 'path']]) },
        { header: own([[PROTO, ['p1', 'p2']], ['X', ['x1', 'x2']]]) },
      );
      assert.ok(holds(params.header, PROTO, 'p1,p2') && holds(params.header, 'X', 'x1,x2'), JSON.stringify(params.header));
      assert.ok(holds(params.querystring, PROTO, 'q') && holds(params.path, PROTO, 'path'));
      const request = { params: { header: own([[PROTO, 'p1,p2']]) }, multiValueParams: { header: own([[PROTO, ['p1', 'p2']]]) } };
      assert.equal(render(`$input.params('${PROTO}')|$input.params().header.get('${PROTO}')`, request), 'p1,p2|p1,p2');
    });
  });

  describe('$context', () => {
    it('$context.constructor and $context.toString render as an unknown variable does, not as a function', () => {
      const unknown = render('$context.noSuchVariable');
      assert.equal(render('$context.constructor'), unknown);
      assert.equal(render('$context.toString'), unknown);
      assert.equal(render('$context.identity.constructor'), unknown);
      assert.equal(render('$context.hasOwnProperty|$context.valueOf'), `${unknown}|${unknown}`);
      assert.equal(render('#if($context.constructor)set#{else}unset#end'), 'unset');
    });

    it('entries the caller gives under such names are read like any other', () => {
      const authorizer = own<unknown>([
        ['constructor', 'c'],
        [PROTO, 'p'],
        ['toString', 't'],
      ]);
      const context = buildDefaultContext({ authorizer });
      assert.ok(holds(context.authorizer as object, 'constructor', 'c') && holds(context.authorizer as object, PROTO, 'p'), JSON.stringify(context.authorizer));
      assert.equal(render(`$context.authorizer.constructor|$context.authorizer.get('${PROTO}')|$context.authorizer.toString`, { context: { authorizer } }), 'c|p|t');
    });

    it('a map the caller gives under __proto__ is an entry, merged into nothing every object has', () => {
      const shared = Object.prototype as Record<string, unknown>;
      // JSON.parse makes `__proto__` an own entry, as a context the caller sends holds it.
      const given = () => JSON.parse('{"__proto__": {"leaked": "top"}, "identity": {"__proto__": {"leaked": "yes"}}}') as Record<string, unknown>;
      try {
        const merged = buildDefaultContext(given());
        assert.equal(shared.leaked, undefined);
        assert.ok(holds(merged, PROTO, { leaked: 'top' }), JSON.stringify(merged[PROTO]));
        assert.ok(holds(merged.identity as object, PROTO, { leaked: 'yes' }), JSON.stringify(merged.identity));
        assert.equal(render(`$context.identity.get('${PROTO}').leaked|$context.get('${PROTO}').leaked|$context.leaked`, { context: given() }), 'yes|top|');
      } finally {
        delete shared.leaked;
      }
    });

    it('keeps such entries as entries at the top and inside the maps it merges into, and carries them to the next template', () => {
      const entries = () => own<unknown>([
        ['constructor', { b: 2 }],
        [PROTO, { c: 3 }],
      ]);
      const merged = buildDefaultContext({ ...entries(), identity: entries() });
      for (const map of [merged, merged.identity as object]) {
        assert.ok(holds(map, 'constructor', { b: 2 }) && holds(map, PROTO, { c: 3 }), JSON.stringify(map));
      }
      // The sample values of the map merged into stay.
      assert.equal(typeof (merged.identity as Record<string, unknown>).sourceIp, 'string');
      const request = renderTemplate(`#set($context.identity.prototype = 'p')`, { context: merged });
      const carried = buildDefaultContext(request.context);
      assert.ok(holds(carried.identity as object, 'prototype', 'p') && holds(carried.identity as object, PROTO, { c: 3 }), JSON.stringify(carried.identity));
    });
  });
});
