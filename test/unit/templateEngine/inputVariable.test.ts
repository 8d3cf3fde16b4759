import assert from 'node:assert/strict';
import { renderTemplate } from '../../../server/src/template/engine';
import { render, renderFull } from './render';

describe('$input', () => {
  it('body is the raw text; an empty body reads as {}', () => {
    assert.equal(render('$input.body', { body: ' {"a": 1} ' }), ' {"a": 1} ');
    assert.equal(render('$input.body'), '{}');
  });
  it('json() gives JSON text and path() gives objects', () => {
    const body = { body: '{"pets": [{"name": "Rex", "tags": {"a": 1}}]}' };
    assert.equal(render("$input.json('$.pets[0]')", body), '{"name":"Rex","tags":{"a":1}}');
    assert.equal(render("$input.path('$.pets[0]')", body), '{name=Rex, tags={a=1}}');
    assert.equal(render("$input.path('$.pets').size()", body), '1');
    assert.equal(render("$input.json('$.pets[0].name')", body), '"Rex"');
  });
  it('an empty body makes $input.json("$") render {}', () => {
    assert.equal(render("$input.json('$')"), '{}');
  });
  it('a body that is not JSON is a string: a=b (recorded on AWS)', () => {
    assert.equal(render("$input.path('$')|$input.json('$')", { body: 'a=b' }), 'a=b|"a=b"');
    for (const body of ['a{b', 'null{', 'true{']) assert.equal(render("$input.path('$')", { body }), body);
  });
  it('a body that starts like JSON but is not makes API Gateway answer 400 Could not process payload', () => {
    const result = renderFull("$input.path('$')", { body: '{"a": 1,' });
    assert.equal(result.gatewayError?.status, 400);
    const message = JSON.parse(result.gatewayError!.body).message as string;
    assert.match(message, /^Could not process payloadnet\.minidev\.json\.parser\.ParseException: /);
    assert.deepEqual(result.errors, []);
  });
  it('a body json-smart accepts in permissive mode is read as Jayway reads it: {a:1}, single quotes, useless commas', () => {
    assert.equal(render("$input.path('$.a')", { body: '{a:1}' }), '1');
    assert.equal(render("$input.json('$')", { body: "{'a': 'x', b: [1,2,],}" }), '{"a":"x","b":[1,2]}');
    assert.equal(render("$input.path('$.a.b')", { body: '{"a": {b: 1.0}} trailing text' }), '1.0');
  });
  it('the 400 carries json-smart ParseException text (recorded on AWS for {a and [a)', () => {
    const message = (body: string) => JSON.parse(renderFull("$input.path('$')", { body }).gatewayError!.body).message as string;
    const prefix = 'Could not process payloadnet.minidev.json.parser.ParseException: ';
    assert.equal(message('{a'), `${prefix}Unexpected End Of File position 1: null`);
    assert.equal(message('[a'), `${prefix}Unexpected End Of File position 1: EOF`);
    assert.equal(message('{"a": 1,'), `${prefix}Unexpected End Of File position 7: null`);
    assert.equal(message('{{}}'), `${prefix}Unexpected character ({) at position 1.`);
  });
  it('the 400 body is written as API Gateway writes it, with a space after the colon (recorded on AWS)', () => {
    assert.equal(
      renderFull("$input.path('$')", { body: '{a' }).gatewayError?.body,
      '{"message": "Could not process payloadnet.minidev.json.parser.ParseException: Unexpected End Of File position 1: null"}',
    );
  });
  it('a quoted string that never closes is a ParseException too, whatever the first character', () => {
    assert.equal(renderFull("$input.path('$')", { body: '"abc' }).gatewayError?.status, 400);
  });
  it('the invalid body is only a problem when the template reads it as JSON', () => {
    assert.equal(render('$input.body', { body: '[1,' }), '[1,');
  });
  it('in a response template an unparsable integration body is a 500', () => {
    const result = renderTemplate("$input.path('$')", { body: '[1,' }, { kind: 'response' });
    assert.equal(result.gatewayError?.status, 500);
    assert.deepEqual(JSON.parse(result.gatewayError!.body), { message: 'Internal server error' });
  });
  it('bare $input, $input.params and $input.json render {}', () => {
    assert.equal(render('$input|$input.params|$input.json'), '{}|{}|{}');
  });
  it('params(name) searches path, then query string, then header (headers case-insensitively)', () => {
    const request = {
      params: { path: { id: 'from-path' }, querystring: { id: 'from-query', q: 'query' }, header: { 'X-Trace': 'trace', q: 'header' } },
    };
    assert.equal(render("$input.params('id') $input.params('q') $input.params('x-trace') [$input.params('none')]", request), 'from-path query trace []');
  });
  it('params() is the map of all parameters', () => {
    assert.equal(render('$input.params()', { params: { path: { a: '1' } } }), '{path={a=1}, querystring={}, header={}}');
    assert.equal(render('$input.params().header.keySet()', { params: { header: { A: '1', B: '2' } } }), '[A, B]');
  });
  it('params(), params().path and an empty params().header.keySet() print as users report them from AWS', () => {
    // Renders quoted in the api-gateway-payload-parse README and in serverless/serverless#1014.
    const request = { params: { path: { path: 'users' }, querystring: { fields: 'id', anotherKey: 'aParam%2CanotherParam' } } };
    assert.equal(render('$input.params()', request), '{path={path=users}, querystring={fields=id, anotherKey=aParam%2CanotherParam}, header={}}');
    assert.equal(render('$input.params().header.keySet()', request), '[]');
    assert.equal(render('$input.params().path', { params: { path: { arg: 'value' } } }), '{arg=value}');
  });
  it('multi-valued parameters fill single values with their last value', () => {
    assert.equal(render("$input.params('tag')", { multiValueParams: { querystring: { tag: ['a', 'b'] } } }), 'b');
  });
  it('json() writes strings as json-smart does: \\uXXXX for U+2000..U+20FF, the slash as it is', () => {
    assert.equal(render("$input.json('$')", { body: '{"s": "5 \\u20ac a/b"}' }), '{"s":"5 \\u20AC a/b"}');
  });
  it('JSONPath is Jayway 2.0: a negative index reads nothing, an index out of range in a union ends the read', () => {
    assert.equal(render("[$input.path('$.l[-1]')][$input.json('$.l[0,5]')][$input.json('$.l[-1:]')]", { body: '{"l": [1, 2, 3]}' }), '[][[]][[3]]');
  });
  it('an invalid JSONPath is a clear template error', () => {
    const result = renderFull("$input.path('$.a[')", { body: '{}' });
    assert.equal(result.errors[0].code, 'method-error');
    assert.match(result.errors[0].message, /Invalid JSONPath '\$\.a\[' in \$input\.path\(\): missing '\]'/);
  });
});
