import assert from 'node:assert/strict';
import { repeatedOverrides } from '../../../server/src/template/contextVariable';
import { buildDefaultContext, renderTemplate } from '../../../server/src/template/engine';
import { render, renderFull } from './render';

describe('$context', () => {
  it('has realistic defaults for every documented variable', () => {
    const context = buildDefaultContext();
    assert.match(String(context.requestId), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(String(context.requestTime), /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    assert.ok(Math.abs(Number(context.requestTimeEpoch) - Date.now()) < 5000);
    assert.equal(context.accountId, '123456789012');
    assert.equal(context.stage, 'prod');
    assert.equal(context.httpMethod, 'POST');
    assert.equal(context.isCanaryRequest, false);
    const identity = context.identity as Record<string, unknown>;
    assert.equal(identity.sourceIp, '203.0.113.10');
    assert.ok(String(identity.userAgent).length > 0);
    assert.equal(identity.cognitoIdentityId, null);
    for (const key of ['apiId', 'domainName', 'domainPrefix', 'extendedRequestId', 'protocol', 'resourceId', 'resourcePath', 'path', 'deploymentId']) {
      assert.ok(typeof context[key] === 'string' && (context[key] as string).length > 0, key);
    }
  });
  it('gives a new request id each time', () => {
    assert.notEqual(buildDefaultContext().requestId, buildDefaultContext().requestId);
  });
  it('takes httpMethod, resourcePath and stage from the operation, and derives path', () => {
    const context = buildDefaultContext({}, { httpMethod: 'get', resourcePath: '/pets/{id}', stage: 'dev' });
    assert.equal(context.httpMethod, 'GET');
    assert.equal(context.resourcePath, '/pets/{id}');
    assert.equal(context.path, '/dev/pets/{id}');
  });
  it('deep-merges the caller values over the defaults', () => {
    const context = buildDefaultContext({ identity: { sourceIp: '10.0.0.1' }, authorizer: { principalId: 'u1', tenant: 't' } });
    const identity = context.identity as Record<string, unknown>;
    assert.equal(identity.sourceIp, '10.0.0.1');
    assert.equal(identity.userAgent, (buildDefaultContext().identity as Record<string, unknown>).userAgent);
    assert.deepEqual(context.authorizer, { principalId: 'u1', tenant: 't' });
  });
  it('renders in templates, with overrides from the request', () => {
    assert.equal(render('$context.stage $context.identity.sourceIp $context.authorizer.claims.sub', { context: { stage: 'beta', authorizer: { claims: { sub: 'abc' } } } }), 'beta 203.0.113.10 abc');
  });
  it('captures requestOverride and responseOverride set by the template', () => {
    const result = renderFull(
      '#set($context.requestOverride.header.X-Id = "1")#set($context.requestOverride.path.id = 42)' +
        '#set($context.requestOverride.querystring.q = ["a", "b"])' +
        '#set($context.responseOverride.status = 400)#set($context.responseOverride.header.Retry-After = "5")',
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.requestOverride, {
      header: { 'X-Id': '1' },
      path: { id: '42' },
      querystring: { q: 'a,b' },
      multiValueHeader: {},
      multiValueQuerystring: { q: ['a', 'b'] },
    });
    assert.deepEqual(result.responseOverride, { status: 400, header: { 'Retry-After': '5' } });
  });
  it('refuses a status override that is not an HTTP status', () => {
    const result = renderFull('#set($context.responseOverride.status = "abc")');
    assert.equal(result.errors[0].code, 'invalid-status');
  });
  it('does not change the caller context object', () => {
    const given = { requestOverride: { header: {} as Record<string, string> } };
    renderFull('#set($context.requestOverride.header.a = "b")', { context: given });
    assert.deepEqual(given.requestOverride.header, {});
  });
  it('$stageVariables reads the stage variables in all three notations', () => {
    assert.equal(render("$stageVariables.env $stageVariables['env'] ${stageVariables['env']}", { stageVariables: { env: 'dev' } }), 'dev dev dev');
  });
  it('$context.authorizer.claims on its own is null, while single claims can be read', () => {
    const request = { context: { authorizer: { claims: { sub: 'user-1', email: 'a@example.com' } } } };
    assert.equal(
      render("[$context.authorizer.claims]|$context.authorizer.claims.sub|$context.authorizer.claims['email']", request),
      '[]|user-1|a@example.com',
    );
    assert.equal(render('[$context.authorizer.claims.keySet()]|#if($context.authorizer.claims)set#{else}null#end', request), '[]|null');
    assert.equal(render('#set($auth = $context.authorizer)[$auth.claims]|$auth.claims.sub', request), '[]|user-1');
  });

  it('hands templates a sample authorizer\'s numbers and booleans as strings, as a REST API passes them', () => {
    const request = { context: { authorizer: { principalId: 'u', userId: 42, admin: false, scopes: ['a'], claims: { level: 3, sub: 's' } } } };
    assert.equal(
      render('$util.escapeJavaScript($context.authorizer.userId)|$context.authorizer.userId.length()|#if($context.authorizer.admin)set#end|$context.authorizer.admin|$context.authorizer.scopes|$context.authorizer.claims.level.length()', request),
      '42|2|set|false|["a"]|1',
    );
    assert.deepEqual(request.context.authorizer.claims, { level: 3, sub: 's' }, 'the sample itself is left as it was');
  });
  it('makes requestTime and requestTimeEpoch one instant when the sample gives one of them', () => {
    assert.equal(render('$context.requestTime|$context.requestTimeEpoch', { context: { requestTimeEpoch: 1700000000000 } }), '14/Nov/2023:22:13:20 +0000|1700000000000');
    assert.equal(render('$context.requestTime|$context.requestTimeEpoch', { context: { requestTime: '14/Nov/2023:23:13:20 +0100' } }), '14/Nov/2023:23:13:20 +0100|1700000000000');
    for (const requestTime of ['31/Feb/2024:10:00:00 +0000', '14/Nov/2023:25:61:61 +0000']) {
      const rolled = buildDefaultContext({ requestTime });
      assert.ok(Math.abs(Number(rolled.requestTimeEpoch) - Date.now()) < 5000, `${requestTime} names no instant`);
    }
    const nanoseconds = buildDefaultContext({ requestTimeEpoch: 1.7e18 });
    assert.match(String(nanoseconds.requestTime), /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:/, 'an epoch no date holds leaves the time at the clock');
    const unreadable = buildDefaultContext({ requestTime: 'yesterday' });
    assert.equal(unreadable.requestTime, 'yesterday');
    assert.ok(Math.abs(Number(unreadable.requestTimeEpoch) - Date.now()) < 5000, 'a time in no known format leaves the epoch at the clock');
  });

  it('notes an override set in the kind of template where it has no effect, and only what this template set', () => {
    const response = renderTemplate('#set($context.requestOverride.header.Y = "2")#set($context.responseOverride.status = 201)x', {}, { kind: 'response' });
    assert.deepEqual(response.notes.map((n) => [n.code, n.message]), [
      ['override-misplaced', '$context.requestOverride.header.Y is set in a response template, where it has no effect: the integration request was sent before this template runs'],
    ]);
    const request = renderTemplate('#set($context.responseOverride.header.Z = "1")#set($context.requestOverride.path.id = "7")', {});
    assert.deepEqual(request.notes.map((n) => n.message), ['$context.responseOverride.header.Z is set in a request template, where it has no effect: set it in an integration response template']);
    // What the request template set, handed on to the response template, is no write of the response template.
    assert.deepEqual(renderTemplate('x', { context: request.context }, { kind: 'response' }).notes, []);
  });

  describe('overrides set more than once', () => {
    const repeatedIn = (template: string, context: Record<string, unknown> = {}) => {
      const result = renderTemplate(template, { context });
      return repeatedOverrides(result.context);
    };

    it('names each override parameter the template set twice, whichever way it was set', () => {
      assert.deepEqual(repeatedIn('#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 500)'), ['responseOverride.status']);
      assert.deepEqual(repeatedIn('#set($context.responseOverride.header.X = "a")#set($context.responseOverride.header.X = "b")'), ['responseOverride.header.X']);
      assert.deepEqual(repeatedIn('#set($context.requestOverride.header.X = "a")#set($dummy = $context.requestOverride.header.put("X", "b"))'), ['requestOverride.header.X']);
      assert.deepEqual(repeatedIn('#set($context.requestOverride.path.p = "a")#set($context.requestOverride.querystring.q = "a")#set($context.requestOverride.querystring.q = "b")'), ['requestOverride.querystring.q']);
    });

    it('takes header names that differ in case for one header, and other parameters as written', () => {
      assert.deepEqual(repeatedIn('#set($context.responseOverride.header.X-Id = "a")#set($context.responseOverride.header.x-id = "b")'), ['responseOverride.header.x-id']);
      assert.deepEqual(repeatedIn('#set($context.requestOverride.header.Accept = "a")#set($context.requestOverride.header.ACCEPT = "b")'), ['requestOverride.header.ACCEPT']);
      assert.deepEqual(repeatedIn('#set($context.requestOverride.querystring.q = "a")#set($context.requestOverride.querystring.Q = "b")'), []);
    });

    it('keeps the last value for the gateway to refuse, and says so in the evaluation errors', () => {
      const result = renderTemplate('#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 500)', {});
      assert.equal(result.responseOverride.status, 500);
      assert.deepEqual(result.errors.map((e) => e.code), ['repeated-override']);
      assert.match(result.errors[0].message, /^\$context\.responseOverride\.status is overridden more than once/);
    });

    it('names the parameter in each evaluation error, as repeatedOverrides does', () => {
      const result = renderTemplate('#set($context.requestOverride.header.X = "a")#set($context.requestOverride.header.X = "b")#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 500)', {});
      assert.deepEqual(result.errors.map((e) => e.parameter), repeatedOverrides(result.context));
      assert.deepEqual(result.errors.map((e) => e.parameter), ['requestOverride.header.X', 'responseOverride.status']);
    });

    it('counts neither distinct parameters, nor a null assignment, nor what an earlier template of the request set', () => {
      assert.deepEqual(repeatedIn('#set($context.responseOverride.header.X = "a")#set($context.responseOverride.header.Y = "b")#set($context.responseOverride.status = 201)'), []);
      assert.deepEqual(repeatedIn('#set($context.responseOverride.status = 201)#set($context.responseOverride.status = $nothing)'), []);
      const earlier = renderTemplate('#set($context.responseOverride.status = 201)#set($context.requestOverride.header.X = "a")', {});
      assert.deepEqual(repeatedIn('#set($context.responseOverride.status = 202)', earlier.context), []);
      assert.deepEqual(repeatedOverrides({}), []);
    });
  });
});
