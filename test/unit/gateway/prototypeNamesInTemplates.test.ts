import assert from 'node:assert/strict';
import type { LocalConfig } from '../../../server/src/gateway/localConfig';
import { fn, gatewayFor, json, lambdaUri } from './gatewayFixture';
import { declaring, httpApiDoc, own, PROTO, restDoc, send, useGatewayScratch, valuesOf, type Json } from './prototypeNames';

/**
 * Names that are also properties every JavaScript object has, as mapping templates, overrides and mapping
 * expressions use them: `__proto__` written with `map[name] = value` replaces the map's prototype instead of adding an
 * entry, and `constructor` or `toString` read with `map[name]` is Object's inherited function, not an absent value.
 */

/**
 * An authorizer that allows every request and hands such names on in its context, parsed from JSON text as a
 * function's result reaches API Gateway, so that they are entries of the context map.
 */
const HANDLERS = `'use strict';
exports.allow = async (event) => ({
  principalId: 'user',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
  context: JSON.parse('{"constructor":"c","__proto__":"p","plain":"x"}'),
});
`;

/** A REST mock integration whose default response renders `template` (none when undefined) after `request`. */
function mock(responseTemplate: string | undefined, requestTemplate = '{"statusCode": 200}', responseParameters?: Json): Json {
  return {
    type: 'mock',
    requestTemplates: { 'application/json': requestTemplate },
    responses: {
      default: {
        statusCode: '200',
        ...(responseParameters ? { responseParameters } : {}),
        ...(responseTemplate === undefined ? {} : { responseTemplates: { 'application/json': responseTemplate } }),
      },
    },
  };
}

/** Stage variables of the stage a REST request names when it names none. */
const STAGE: LocalConfig = { stages: { local: { variables: { real: 'stage-value' } } } };

describe('gateway names every JavaScript object has, in templates and mapping expressions', function () {
  this.timeout(20000);
  const { handler, serve, recorder } = useGatewayScratch('proto-templates-', 'authorizers.js', HANDLERS);

  describe('integration responses', () => {
    it('a response parameter maps into a method response header named __proto__', async () => {
      const port = await serve(gatewayFor(restDoc(mock('body', undefined, { [`method.response.header.${PROTO}`]: "'mapped'", 'method.response.header.X-Plain': "'plain'" }), {}, declaring(PROTO, 'X-Plain')), {}, 'mapped.json'));
      const r = await send(port, 'GET', '/r');
      assert.equal(r.status, 200, r.body);
      assert.deepEqual([valuesOf(r, PROTO), valuesOf(r, 'X-Plain')], [['mapped'], ['plain']]);
    });

    it('a response parameter from a stage variable named constructor maps nothing; a real one maps its value', async () => {
      const responseParameters = { 'method.response.header.X-Ctor': 'stageVariables.constructor', 'method.response.header.X-Real': 'stageVariables.real' };
      const port = await serve(gatewayFor(restDoc(mock('body', undefined, responseParameters), {}, declaring('X-Ctor', 'X-Real')), STAGE, 'stagevars.json'));
      const r = await send(port, 'GET', '/r');
      assert.equal(r.status, 200, r.body);
      assert.deepEqual([valuesOf(r, 'X-Ctor'), valuesOf(r, 'X-Real')], [[], ['stage-value']], JSON.stringify(r.headers));
    });

    it("the response template's $context.responseOverride.header sets headers named __proto__ and constructor", async () => {
      const template = `#set($h = $context.responseOverride.header)#set($x = $h.put('${PROTO}', 'p'))#set($x = $h.put('constructor', ['c1', 'c2']))done`;
      const port = await serve(gatewayFor(restDoc(mock(template)), {}, 'override.json'));
      const r = await send(port, 'GET', '/r');
      assert.equal(r.status, 200, r.body);
      assert.equal(r.body, 'done');
      assert.deepEqual([valuesOf(r, PROTO), valuesOf(r, 'constructor')], [['p'], ['c1,c2']]);
    });

    it("a request template's $context.responseOverride.header.__proto__ is not sent: response overrides belong to response templates", async () => {
      const request = `#set($x = $context.responseOverride.header.put('${PROTO}', 'from-request'))#set($x = $context.responseOverride.header.put('X-Plain', 'plain')){"statusCode": 200}`;
      const port = await serve(gatewayFor(restDoc(mock(undefined, request)), {}, 'carried.json'));
      const r = await send(port, 'GET', '/r');
      assert.equal(r.status, 200, r.body);
      assert.deepEqual([valuesOf(r, PROTO), valuesOf(r, 'X-Plain')], [[], []]);
    });

    it('overriding a __proto__ response header twice fails the response, as for any other name', async () => {
      const template = `#set($h = $context.responseOverride.header)#set($x = $h.put('${PROTO}', 'a'))#set($x = $h.put('${PROTO}', 'b'))twice`;
      const gw = gatewayFor(restDoc(mock(template)), {}, 'twice.json');
      const r = await send(await serve(gw), 'GET', '/r');
      assert.equal(r.status, 500, r.body);
      const invoked = await gw.invoke({ method: 'GET', path: '/r' });
      assert.ok(invoked.log.some((e) => e.message.includes(`$context.responseOverride.header.${PROTO} more than once`)), invoked.log.map((e) => e.message).join('\n'));
    });
  });

  describe('request templates', () => {
    it('$context.requestOverride sends headers and query string parameters named __proto__ or constructor, lists joined', async () => {
      const b = await recorder();
      const template = [
        `#set($h = $context.requestOverride.header)#set($q = $context.requestOverride.querystring)`,
        `#set($x = $h.put('${PROTO}', 'p'))#set($x = $h.put('constructor', ['c1', 'c2']))`,
        `#set($x = $q.put('${PROTO}', ['q1', 'q2']))#set($x = $q.put('toString', 't'))`,
        '{}',
      ].join('');
      const integration = { type: 'http', httpMethod: 'GET', uri: `${b.url}/in`, requestTemplates: { 'application/json': template }, responses: { default: { statusCode: '200' } } };
      const port = await serve(gatewayFor(restDoc(integration), {}, 'request.json'));
      const r = await send(port, 'GET', '/r');
      assert.equal(r.status, 200, r.body);
      const got = b.hits[0];
      assert.deepEqual([valuesOf(got, PROTO), valuesOf(got, 'constructor')], [['p'], ['c1,c2']], JSON.stringify(got.headers));
      const query = new URL(got.url, 'http://x').searchParams;
      assert.deepEqual([query.getAll(PROTO), query.getAll('toString')], [['q1,q2'], ['t']], got.url);
    });

    it('overriding a __proto__ request header twice fails the request, as for any other name', async () => {
      const b = await recorder();
      const template = `#set($h = $context.requestOverride.header)#set($x = $h.put('${PROTO}', 'a'))#set($x = $h.put('${PROTO}', 'b')){}`;
      const integration = { type: 'http', httpMethod: 'GET', uri: `${b.url}/in`, requestTemplates: { 'application/json': template }, responses: { default: { statusCode: '200' } } };
      const r = await send(await serve(gatewayFor(restDoc(integration), {}, 'twice.json')), 'GET', '/r');
      assert.equal(r.status, 500, r.body);
      assert.equal(b.hits.length, 0);
    });

    it("$input.params('__proto__') of a repeated header is its values joined, as for any other name", async () => {
      const port = await serve(gatewayFor(restDoc(mock("$input.params('__proto__')|$input.params('X-Other')|$input.params().header.get('__proto__')")), {}, 'params.json'));
      const r = await send(port, 'GET', '/r', own<string | string[]>([[PROTO, ['p1', 'p2']], ['X-Other', ['o1', 'o2']]]));
      assert.equal(r.status, 200, r.body);
      assert.equal(r.body, 'p1,p2|o1,o2|p1,p2');
    });

    it("a Lambda authorizer's context entries named constructor and __proto__ are read as $context.authorizer entries", async () => {
      const extra = {
        components: {
          securitySchemes: {
            allow: {
              type: 'apiKey',
              name: 'X-Key',
              in: 'header',
              'x-amazon-apigateway-authtype': 'custom',
              'x-amazon-apigateway-authorizer': { type: 'request', identitySource: 'method.request.header.X-Key', authorizerUri: lambdaUri('Auth'), authorizerResultTtlInSeconds: 0 },
            },
          },
        },
      };
      const template = `$context.authorizer.constructor|$context.authorizer.get('${PROTO}')|$context.authorizer.plain|$context.authorizer.toString`;
      const config: LocalConfig = { functions: { Auth: handler('allow') } };
      const port = await serve(gatewayFor(restDoc(mock(template), extra, { security: [{ allow: [] }] }), config, 'authorized.json'));
      const r = await send(port, 'GET', '/r', { 'X-Key': 'k' });
      assert.equal(r.status, 200, r.body);
      assert.equal(r.body, 'c|p|x|');
    });

    it('$context.constructor and $context.toString render as an unknown $context variable does', async () => {
      const port = await serve(gatewayFor(restDoc(mock('[$context.constructor][$context.toString][$context.identity.constructor][$context.noSuchVariable][$context.stage]')), {}, 'context.json'));
      const r = await send(port, 'GET', '/r');
      assert.equal(r.status, 200, r.body);
      assert.equal(r.body, '[][][][][local]');
    });
  });

  describe('mapping expressions naming $context variables', () => {
    it('REST request parameters from context.constructor or context.identity.toString map nothing; real ones map', async () => {
      const b = await recorder();
      const integration = {
        type: 'http',
        httpMethod: 'GET',
        uri: `${b.url}/in`,
        requestParameters: {
          'integration.request.header.X-Ctor': 'context.constructor',
          'integration.request.header.X-Nested': 'context.identity.toString',
          'integration.request.header.X-Stage': 'context.stage',
          'integration.request.header.X-Method': 'context.httpMethod',
        },
        responses: { default: { statusCode: '200' } },
      };
      const r = await send(await serve(gatewayFor(restDoc(integration), {}, 'rest.json')), 'GET', '/r');
      assert.equal(r.status, 200, r.body);
      const got = b.hits[0];
      const seen = JSON.stringify(got.headers);
      assert.deepEqual([valuesOf(got, 'X-Ctor'), valuesOf(got, 'X-Nested')], [[], []], seen);
      assert.deepEqual([valuesOf(got, 'X-Stage'), valuesOf(got, 'X-Method')], [['local'], ['GET']], seen);
    });

    it('HTTP API parameter mappings from $context.toString or $context.constructor map nothing; real ones map', async () => {
      const b = await recorder();
      const requestParameters = {
        'overwrite:header.X-ToString': '$context.toString',
        'overwrite:header.X-Ctor': '${context.constructor}',
        'overwrite:header.X-Method': '$context.httpMethod',
      };
      const port = await serve(gatewayFor(httpApiDoc({ type: 'http_proxy', httpMethod: 'GET', uri: `${b.url}/in`, payloadFormatVersion: '1.0', requestParameters }), {}, 'httpapi.json'));
      const r = await send(port, 'GET', '/r');
      assert.equal(r.status, 200, r.body);
      const got = b.hits[0];
      const seen = JSON.stringify(got.headers);
      assert.deepEqual([valuesOf(got, 'X-ToString'), valuesOf(got, 'X-Ctor')], [[], []], seen);
      assert.deepEqual(valuesOf(got, 'X-Method'), ['GET'], seen);
    });

    it('a Lambda authorizer whose identity source is context.constructor finds it missing', async () => {
      const scheme = (identitySource: string) => ({
        components: {
          securitySchemes: {
            allow: {
              type: 'apiKey',
              name: 'Unused',
              in: 'header',
              'x-amazon-apigateway-authtype': 'custom',
              'x-amazon-apigateway-authorizer': { type: 'request', identitySource, authorizerUri: lambdaUri('Auth'), authorizerResultTtlInSeconds: 0 },
            },
          },
        },
      });
      const config: LocalConfig = { functions: { Auth: handler('allow'), Echo: fn('echoEvent') } };
      const integration = { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') };
      for (const [source, status] of [
        ['context.constructor', 401],
        ['context.identity.toString', 401],
        ['context.httpMethod', 200],
      ] as const) {
        const gw = gatewayFor(restDoc(integration, scheme(source), { security: [{ allow: [] }] }), config, 'authorized.json');
        const r = await send(await serve(gw), 'GET', '/r');
        assert.equal(r.status, status, `${source}: ${r.body}`);
        if (status === 401) {
          const invoked = await gw.invoke({ method: 'GET', path: '/r' });
          assert.ok(invoked.log.some((e) => e.message === `Authorizer allow: identity source ${source} is missing; the authorizer is not called`), invoked.log.map((e) => e.message).join('\n'));
        }
      }
    });
  });

  describe('gateway responses', () => {
    const responses = (template: string, responseParameters: Json = {}) => ({
      'x-amazon-apigateway-gateway-responses': {
        MISSING_AUTHENTICATION_TOKEN: { responseParameters, responseTemplates: { 'application/json': template } },
      },
    });

    it('a template renders $stageVariables.constructor and $context.toString as nothing, real ones as their values', async () => {
      const template = [
        '{"sv":"$stageVariables.constructor","svb":"${stageVariables.toString}","ctx":"$context.toString","ctxb":"${context.constructor}",',
        '"real":"$stageVariables.real","type":"$context.error.responseType","stage":"$context.stage"}',
      ].join('');
      const port = await serve(gatewayFor(restDoc({ type: 'mock' }, responses(template)), STAGE, 'responses.json'));
      const r = await send(port, 'GET', '/elsewhere');
      assert.equal(r.status, 403, r.body);
      assert.deepEqual(json(r.body), { sv: '', svb: '', ctx: '', ctxb: '', real: 'stage-value', type: 'MISSING_AUTHENTICATION_TOKEN', stage: 'local' });
    });

    it('a header mapped from context.constructor is left out; one from a real variable is sent', async () => {
      const parameters = { 'gatewayresponse.header.X-Ctor': 'context.constructor', 'gatewayresponse.header.X-ToString': 'context.toString', 'gatewayresponse.header.X-Stage': 'context.stage' };
      const port = await serve(gatewayFor(restDoc({ type: 'mock' }, responses('{}', parameters)), {}, 'responses.json'));
      const r = await send(port, 'GET', '/elsewhere');
      assert.equal(r.status, 403, r.body);
      assert.deepEqual([valuesOf(r, 'X-Ctor'), valuesOf(r, 'X-ToString'), valuesOf(r, 'X-Stage')], [[], [], ['local']], JSON.stringify(r.headers));
    });
  });

  describe('AWS service integrations', () => {
    it('a URI placeholder named constructor is filled only by a mapping, as any other', async () => {
      const request = async (requestParameters: Json) => {
        const uri = 'arn:aws:apigateway:us-east-1:s3:path/bucket/{constructor}/{other}';
        const integration = { type: 'aws', httpMethod: 'GET', uri, requestParameters, responses: { default: { statusCode: '200' } } };
        const r = await send(await serve(gatewayFor(restDoc(integration), {}, 'service.json')), 'GET', '/r');
        assert.equal(r.status, 501, r.body);
        return (json(r.body) as { request: { uri: string } }).request.uri;
      };
      assert.equal(await request({}), 'https://s3.us-east-1.amazonaws.com/bucket/%7Bconstructor%7D/%7Bother%7D');
      assert.equal(await request({ 'integration.request.path.constructor': "'c v'", 'integration.request.path.other': "'o'" }), 'https://s3.us-east-1.amazonaws.com/bucket/c%20v/o');
    });
  });
});
