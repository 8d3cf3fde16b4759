import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import type { LocalConfig } from '../../../server/src/gateway/localConfig';
import { fn, gatewayFor, json, lambdaUri } from './gatewayFixture';
import { declaring, httpApiDoc, own, PROTO, restDoc, send, useGatewayScratch, valuesOf, type Json } from './prototypeNames';

/**
 * Header names that are also properties every JavaScript object has. `__proto__` written with `map[name] = value`
 * replaces the map's prototype instead of adding an entry; the others read as inherited functions when absent.
 */

function hasEntry(map: unknown, name: string, value: unknown): boolean {
  return typeof map === 'object' && map !== null && Object.hasOwn(map, name) && JSON.stringify((map as Json)[name]) === JSON.stringify(value);
}

/**
 * Functions that answer with such names. Each result is parsed from JSON text, as a function's result reaches API
 * Gateway, so that the names are entries of the maps.
 */
const HANDLERS = `'use strict';
const result = (text) => async () => JSON.parse(text);
exports.restHeaders = result('{"statusCode":200,"headers":{"__proto__":"p","constructor":"c","toString":"t","Content-Type":"text/plain"},"multiValueHeaders":{"hasOwnProperty":["h1","h2"],"valueOf":["v"]},"body":"rest"}');
exports.protoList = result('{"statusCode":200,"headers":{"X-Other":"o"},"multiValueHeaders":{"__proto__":["m1","m2"]},"body":"list"}');
exports.protoInBoth = result('{"statusCode":200,"headers":{"__proto__":"s"},"multiValueHeaders":{"__proto__":["m1","m2"]},"body":"both"}');
exports.v2Headers = result('{"statusCode":200,"headers":{"__proto__":"p","constructor":"c"},"cookies":["a=1"],"body":"v2"}');
exports.streamed = awslambda.streamifyResponse(async (event, stream) => {
  stream = awslambda.HttpResponseStream.from(stream, JSON.parse('{"statusCode":200,"headers":{"__proto__":"p","Content-Type":"text/plain"},"multiValueHeaders":{"constructor":["c1","c2"]}}'));
  stream.write('streamed');
  stream.end();
});
exports.identity = async (event) => ({
  principalId: 'user',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
  context: { seen: JSON.stringify(event.headers) },
});
`;

/** The headers the client sends: one of each name, `__proto__` twice. */
const SENT = own<string | string[]>([
  [PROTO, ['p1', 'p2']],
  ['constructor', 'c'],
  ['toString', 't'],
  ['hasOwnProperty', 'h'],
]);

describe('gateway header names every JavaScript object has', function () {
  this.timeout(20000);
  const { handler, serve, recorder } = useGatewayScratch('proto-headers-', 'headers.js', HANDLERS);

  describe('request headers', () => {
    it('REST and payload 1.0 Lambda proxy events hold them as entries of headers and multiValueHeaders', async () => {
      for (const [doc, name] of [
        [restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') }), 'rest.json'],
        [httpApiDoc({ type: 'aws_proxy', uri: lambdaUri('Echo'), payloadFormatVersion: '1.0' }), 'v1.json'],
      ]) {
        const port = await serve(gatewayFor(doc, { functions: { Echo: fn('echoEvent') } }, name));
        const r = await send(port, 'GET', '/r', { ...SENT, 'X-Plain': 'x' });
        assert.equal(r.status, 200, r.body);
        const { event } = json(r.body) as { event: Json };
        for (const [k, v] of [[PROTO, 'p2'], ['constructor', 'c'], ['toString', 't'], ['hasOwnProperty', 'h'], ['X-Plain', 'x']]) {
          assert.ok(hasEntry(event.headers, k, v), `${name}: headers.${k} in ${JSON.stringify(event.headers)}`);
        }
        assert.ok(hasEntry(event.multiValueHeaders, PROTO, ['p1', 'p2']), JSON.stringify(event.multiValueHeaders));
        assert.ok(hasEntry(event.multiValueHeaders, 'constructor', ['c']));
      }
    });

    it('a payload 2.0 event holds them as lower-case entries of headers, repeated values joined', async () => {
      const port = await serve(gatewayFor(httpApiDoc({ type: 'aws_proxy', uri: lambdaUri('Echo'), payloadFormatVersion: '2.0' }), { functions: { Echo: fn('echoEvent') } }, 'v2.json'));
      const r = await send(port, 'GET', '/r', { ...SENT, 'X-Plain': 'x' });
      assert.equal(r.status, 200, r.body);
      const { event } = json(r.body) as { event: Json };
      for (const [k, v] of [[PROTO, 'p1,p2'], ['constructor', 'c'], ['tostring', 't'], ['hasownproperty', 'h'], ['x-plain', 'x']]) {
        assert.ok(hasEntry(event.headers, k, v), `headers.${k} in ${JSON.stringify(event.headers)}`);
      }
    });

    it('REST HTTP_PROXY forwards them to the backend as they came', async () => {
      const b = await recorder();
      const port = await serve(gatewayFor(restDoc({ type: 'http_proxy', httpMethod: 'GET', uri: `${b.url}/in` }), {}, 'proxy.json'));
      const r = await send(port, 'GET', '/r', { ...SENT, 'X-Plain': 'x' });
      assert.equal(r.status, 200, r.body);
      const got = b.hits[0];
      assert.deepEqual(valuesOf(got, PROTO), ['p1,p2']);
      assert.deepEqual([valuesOf(got, 'constructor'), valuesOf(got, 'toString'), valuesOf(got, 'hasOwnProperty'), valuesOf(got, 'X-Plain')], [['c'], ['t'], ['h'], ['x']]);
    });

    it('an HTTP API HTTP_PROXY forwards them, and its parameter mappings read and write them as other headers', async () => {
      const b = await recorder();
      const requestParameters = {
        'overwrite:header.X-From-Proto': '$request.header.__proto__',
        'append:header.constructor': 'more',
        'overwrite:header.X-From-Constructor': '${request.header.constructor}',
      };
      const port = await serve(gatewayFor(httpApiDoc({ type: 'http_proxy', httpMethod: 'GET', uri: `${b.url}/in`, payloadFormatVersion: '1.0', requestParameters }), {}, 'httpproxy.json'));
      const r = await send(port, 'GET', '/r', { ...SENT, 'X-Plain': 'x' });
      assert.equal(r.status, 200, r.body);
      const got = b.hits[0];
      assert.deepEqual(valuesOf(got, PROTO), ['p1,p2']);
      assert.deepEqual(valuesOf(got, 'X-From-Proto'), ['p1,p2']);
      assert.deepEqual(valuesOf(got, 'constructor'), ['c,more']);
      assert.deepEqual([valuesOf(got, 'toString'), valuesOf(got, 'hasOwnProperty'), valuesOf(got, 'X-Plain')], [['t'], ['h'], ['x']]);
      assert.deepEqual(valuesOf(got, 'X-From-Constructor'), ['c']);
      // Headers the client did not send: nothing to read, so the mappings are left out.
      assert.equal((await send(port, 'GET', '/r', {})).status, 200);
      assert.deepEqual([valuesOf(b.hits[1], 'X-From-Proto'), valuesOf(b.hits[1], 'X-From-Constructor'), valuesOf(b.hits[1], 'constructor')], [[], [], ['more']], JSON.stringify(b.hits[1].headers));
    });

    it('an HTTP API mapping can overwrite or remove such a header', async () => {
      const b = await recorder();
      const requestParameters = { 'overwrite:header.__proto__': 'set', 'remove:header.constructor': "''", 'overwrite:header.toString': '$request.header.hasOwnProperty' };
      const port = await serve(gatewayFor(httpApiDoc({ type: 'http_proxy', httpMethod: 'GET', uri: `${b.url}/in`, payloadFormatVersion: '1.0', requestParameters }), {}, 'httpproxy.json'));
      const r = await send(port, 'GET', '/r', SENT);
      assert.equal(r.status, 200, r.body);
      const got = b.hits[0];
      assert.deepEqual([valuesOf(got, PROTO), valuesOf(got, 'constructor'), valuesOf(got, 'toString')], [['set'], [], ['h']]);
    });

    it('REST request parameters read them, and map into headers so named', async () => {
      const b = await recorder();
      const integration = {
        type: 'http',
        httpMethod: 'POST',
        uri: `${b.url}/in`,
        requestParameters: {
          'integration.request.header.X-From-Proto': 'method.request.header.__proto__',
          'integration.request.header.__proto__': 'method.request.header.constructor',
          'integration.request.header.toString': "'literal'",
          'integration.request.header.X-Absent': 'method.request.header.valueOf',
        },
        responses: { default: { statusCode: '200' } },
      };
      const port = await serve(gatewayFor(restDoc(integration), {}, 'mapped.json'));
      const r = await send(port, 'GET', '/r', SENT);
      assert.equal(r.status, 200, r.body);
      const got = b.hits[0];
      const seen = JSON.stringify(got.headers);
      // One value of a repeated header, the last, as for any other name.
      assert.deepEqual(valuesOf(got, 'X-From-Proto'), ['p2'], seen);
      assert.deepEqual(valuesOf(got, PROTO), ['c'], seen);
      assert.deepEqual(valuesOf(got, 'toString'), ['literal'], seen);
      assert.deepEqual(valuesOf(got, 'X-Absent'), [], seen);
      assert.deepEqual(valuesOf(got, 'Content-Type'), ['application/json'], seen);
    });

    it('mapping templates see them in $input.params()', async () => {
      const integration = {
        type: 'mock',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        responses: {
          default: {
            statusCode: '200',
            responseTemplates: {
              'application/json': '{"proto": "$input.params(\'__proto__\')", "ctor": "$input.params().header.get(\'constructor\')", "absent": "$input.params(\'valueOf\')", "names": "#foreach($n in $input.params().header.keySet())$n,#end"}',
            },
          },
        },
      };
      const port = await serve(gatewayFor(restDoc(integration), {}, 'mock.json'));
      const r = await send(port, 'GET', '/r', own([[PROTO, 'p'], ['constructor', 'c'], ['toString', 't'], ['Content-Type', 'application/json']]));
      assert.equal(r.status, 200, r.body);
      const body = json(r.body) as Json;
      assert.deepEqual([body.proto, body.ctor, body.absent], ['p', 'c', '']);
      const names = String(body.names).split(',');
      for (const name of [PROTO, 'constructor', 'toString']) assert.ok(names.includes(name), String(body.names));
    });

    it('a gateway response maps them from the request and writes headers so named', async () => {
      const extra = {
        'x-amazon-apigateway-gateway-responses': {
          MISSING_AUTHENTICATION_TOKEN: {
            responseParameters: {
              'gatewayresponse.header.X-From-Proto': 'method.request.header.__proto__',
              'gatewayresponse.header.__proto__': 'method.request.header.constructor',
              'gatewayresponse.header.toString': "'literal'",
              'gatewayresponse.header.X-Absent': 'method.request.header.valueOf',
            },
          },
        },
      };
      const port = await serve(gatewayFor(restDoc({ type: 'mock' }, extra), {}, 'responses.json'));
      const r = await send(port, 'GET', '/elsewhere', SENT);
      assert.equal(r.status, 403, r.body);
      assert.deepEqual(valuesOf(r, 'X-From-Proto'), ['p1,p2']);
      assert.deepEqual(valuesOf(r, PROTO), ['c']);
      assert.deepEqual(valuesOf(r, 'toString'), ['literal']);
      assert.deepEqual(valuesOf(r, 'X-Absent'), []);
      assert.deepEqual(valuesOf(r, 'x-amzn-ErrorType'), ['MissingAuthenticationTokenException']);
    });

    it('request validation: a required header so named must be sent, and passes when it is', async () => {
      const extra = { 'x-amazon-apigateway-request-validators': { params: { validateRequestParameters: true, validateRequestBody: false } } };
      const operation = {
        'x-amazon-apigateway-request-validator': 'params',
        parameters: [
          { name: 'constructor', in: 'header', required: true, schema: { type: 'string' } },
          { name: PROTO, in: 'header', required: true, schema: { type: 'string' } },
        ],
      };
      const port = await serve(gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') }, extra, operation), { functions: { Echo: fn('echoEvent') } }, 'validated.json'));
      const missing = await send(port, 'GET', '/r', {});
      assert.equal(missing.status, 400, missing.body);
      assert.deepEqual(json(missing.body), { message: `Missing required request parameters: [constructor, ${PROTO}]` });
      const sent = await send(port, 'GET', '/r', own([[PROTO, 'p'], ['constructor', 'c']]));
      assert.equal(sent.status, 200, sent.body);
    });

    it('a Lambda authorizer takes them as identity sources, and one not sent is missing', async () => {
      const extra = {
        components: {
          securitySchemes: {
            byHeader: {
              type: 'apiKey',
              name: 'Unused',
              in: 'header',
              'x-amazon-apigateway-authtype': 'custom',
              'x-amazon-apigateway-authorizer': { type: 'request', identitySource: 'method.request.header.__proto__, method.request.header.constructor', authorizerUri: lambdaUri('Auth'), authorizerResultTtlInSeconds: 0 },
            },
          },
        },
      };
      const config: LocalConfig = { functions: { Auth: handler('identity'), Echo: fn('echoEvent') } };
      const port = await serve(gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') }, extra, { security: [{ byHeader: [] }] }), config, 'authorized.json'));
      const missing = await send(port, 'GET', '/r', own([[PROTO, 'p']]));
      assert.equal(missing.status, 401, missing.body);
      const both = await send(port, 'GET', '/r', own([[PROTO, 'p'], ['constructor', 'c']]));
      assert.equal(both.status, 200, both.body);
      const { event } = json(both.body) as { event: { requestContext: { authorizer: { seen: string } } } };
      const seen = JSON.parse(event.requestContext.authorizer.seen) as Json;
      assert.ok(hasEntry(seen, PROTO, 'p') && hasEntry(seen, 'constructor', 'c'), event.requestContext.authorizer.seen);
    });

    it('a Cognito authorizer whose token header is named constructor finds no token when none is sent', async () => {
      const extra = {
        components: {
          securitySchemes: {
            pool: {
              type: 'apiKey',
              name: 'constructor',
              in: 'header',
              'x-amazon-apigateway-authtype': 'cognito_user_pools',
              'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Pool1'] },
            },
          },
        },
      };
      const gw = gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') }, extra, { security: [{ pool: [] }] }), { functions: { Echo: fn('echoEvent') } }, 'cognito.json');
      const r = await gw.invoke({ method: 'GET', path: '/r' });
      assert.equal(r.status, 401, r.body);
      assert.ok(r.log.some((e) => e.message === 'Authorizer pool: no token in the identity source'), r.log.map((e) => e.message).join('\n'));
    });

    it('SigV4: a signed header so named is verified; one signed but not sent fails the signature, not the gateway', async () => {
      const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
      const config: LocalConfig = { functions: { Echo: fn('echoEvent') }, credentials: [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey }] };
      const gw = gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') }, {}, { 'x-amazon-apigateway-auth': { type: 'AWS_IAM' } }), config, 'iam.json');
      const port = await serve(gw);
      const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey }, region: 'us-east-1', service: 'execute-api', sha256: Sha256, applyChecksum: false });
      const host = `127.0.0.1:${port}`;
      const sign = async (headers: Record<string, string>) =>
        (await signer.sign({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/r', headers: { host, ...headers } })).headers as Record<string, string>;
      const signed = await sign(own([[PROTO, 'p'], ['constructor', 'c']]));
      assert.match(signed.authorization, /SignedHeaders=__proto__;constructor;host;x-amz-date/);
      const ok = await send(port, 'GET', '/r', signed);
      assert.equal(ok.status, 200, ok.body);
      const withoutConstructor = own(Object.entries(signed).filter(([k]) => k !== 'constructor'));
      const refused = await send(port, 'GET', '/r', withoutConstructor);
      assert.equal(refused.status, 403, refused.body);
      assert.match(refused.body, /signature we calculated does not match/);
    });

    it('the execution log lists them among the method request headers', async () => {
      const gw = gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') }), { functions: { Echo: fn('echoEvent') } }, 'log.json');
      const r = await gw.invoke({ method: 'GET', path: '/r', headers: own([[PROTO, 'p'], ['constructor', 'c']]) });
      assert.equal(r.status, 200, r.body);
      assert.ok(r.log.some((e) => e.message === `Method request headers: {${PROTO}=p, constructor=c}`), r.log.map((e) => e.message).join('\n'));
    });
  });

  describe('parameters read and mapped beside headers', () => {
    it('REST request parameters from a query string, path or stage variable the request lacks map nothing', async () => {
      const b = await recorder();
      const integration = {
        type: 'http',
        httpMethod: 'GET',
        uri: `${b.url}/in`,
        requestParameters: {
          'integration.request.header.X-Q': 'method.request.querystring.constructor',
          'integration.request.header.X-MQ': 'method.request.multivaluequerystring.toString',
          'integration.request.header.X-P': 'method.request.path.constructor',
          'integration.request.header.X-S': 'stageVariables.valueOf',
          'integration.request.querystring.__proto__': "'mapped'",
        },
        responses: { default: { statusCode: '200' } },
      };
      const port = await serve(gatewayFor(restDoc(integration), {}, 'params.json'));
      const absent = await send(port, 'GET', '/r', {});
      assert.equal(absent.status, 200, absent.body);
      const got = b.hits[0];
      assert.deepEqual([valuesOf(got, 'X-Q'), valuesOf(got, 'X-MQ'), valuesOf(got, 'X-P'), valuesOf(got, 'X-S')], [[], [], [], []], JSON.stringify(got.headers));
      assert.equal(got.url, '/in?__proto__=mapped');
      const sent = await send(port, 'GET', '/r?constructor=1&constructor=2&toString=3', {});
      assert.equal(sent.status, 200, sent.body);
      assert.deepEqual([valuesOf(b.hits[1], 'X-Q'), valuesOf(b.hits[1], 'X-MQ')], [['2'], ['3']]);
    });

    it('a URI placeholder named constructor is filled only by a mapping', async () => {
      const gw = gatewayFor(restDoc({ type: 'http', httpMethod: 'GET', uri: 'http://127.0.0.1:9/in/{constructor}', responses: { default: { statusCode: '200' } } }), {}, 'placeholder.json');
      const r = await gw.invoke({ method: 'GET', path: '/r' });
      assert.equal(r.status, 500, r.body);
      assert.ok(r.log.some((e) => e.message.startsWith('Execution failed due to configuration error: Illegal character in path')), r.log.map((e) => e.message).join('\n'));
    });

    it('request validation: a required query string parameter named constructor must be sent', async () => {
      const extra = { 'x-amazon-apigateway-request-validators': { params: { validateRequestParameters: true, validateRequestBody: false } } };
      const operation = { 'x-amazon-apigateway-request-validator': 'params', parameters: [{ name: 'constructor', in: 'query', required: true, schema: { type: 'string' } }] };
      const port = await serve(gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') }, extra, operation), { functions: { Echo: fn('echoEvent') } }, 'validated.json'));
      const missing = await send(port, 'GET', '/r', {});
      assert.equal(missing.status, 400, missing.body);
      assert.deepEqual(json(missing.body), { message: 'Missing required request parameters: [constructor]' });
      assert.equal((await send(port, 'GET', '/r?constructor=1', {})).status, 200);
    });

    it('a Lambda authorizer\'s query string, path and stage variable sources so named are missing unless given', async () => {
      for (const [source, given] of [
        ['method.request.querystring.constructor', '/r?constructor=1'],
        ['method.request.path.constructor', undefined],
        ['stageVariables.toString', undefined],
      ] as const) {
        const extra = {
          components: {
            securitySchemes: {
              byQuery: {
                type: 'apiKey',
                name: 'Unused',
                in: 'header',
                'x-amazon-apigateway-authtype': 'custom',
                'x-amazon-apigateway-authorizer': { type: 'request', identitySource: source, authorizerUri: lambdaUri('Auth'), authorizerResultTtlInSeconds: 0 },
              },
            },
          },
        };
        const config: LocalConfig = { functions: { Auth: handler('identity'), Echo: fn('echoEvent') } };
        const port = await serve(gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo') }, extra, { security: [{ byQuery: [] }] }), config, 'authorized.json'));
        const missing = await send(port, 'GET', '/r', {});
        assert.equal(missing.status, 401, `${source}: ${missing.body}`);
        if (given) assert.equal((await send(port, 'GET', given, {})).status, 200);
      }
    });

    it('HTTP API mappings read and write query string parameters so named', async () => {
      const b = await recorder();
      const requestParameters = {
        'append:querystring.constructor': 'x',
        'append:querystring.toString': 'z',
        'overwrite:querystring.__proto__': 'y',
        'overwrite:header.X-Q': '$request.querystring.toString',
        'overwrite:header.X-P': '$request.path.constructor',
        'overwrite:header.X-S': '$stageVariables.valueOf',
      };
      const port = await serve(gatewayFor(httpApiDoc({ type: 'http_proxy', httpMethod: 'GET', uri: `${b.url}/in`, payloadFormatVersion: '1.0', requestParameters }), {}, 'httpquery.json'));
      const r = await send(port, 'GET', '/r?constructor=1', {});
      assert.equal(r.status, 200, r.body);
      const got = b.hits[0];
      assert.equal(got.url, '/in?constructor=1&constructor=x&toString=z&__proto__=y');
      assert.deepEqual([valuesOf(got, 'X-Q'), valuesOf(got, 'X-P'), valuesOf(got, 'X-S')], [[], [], []], JSON.stringify(got.headers));
    });
  });

  describe('response headers', () => {
    it('a REST Lambda proxy result sends them from headers and multiValueHeaders', async () => {
      const gw = gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Fn') }), { functions: { Fn: handler('restHeaders') } }, 'result.json');
      const port = await serve(gw);
      const r = await send(port, 'GET', '/r', {});
      assert.equal(r.status, 200, r.body);
      assert.equal(r.body, 'rest');
      assert.deepEqual([valuesOf(r, PROTO), valuesOf(r, 'constructor'), valuesOf(r, 'toString')], [['p'], ['c'], ['t']]);
      assert.deepEqual([valuesOf(r, 'hasOwnProperty'), valuesOf(r, 'valueOf')], [['h1', 'h2'], ['v']]);
      assert.deepEqual(valuesOf(r, 'Content-Type'), ['text/plain']);
      assert.equal(valuesOf(r, 'x-amzn-RequestId').length, 1);
      // What the invoke panel receives: the same headers, in maps that are still plain objects.
      const invoked = await gw.invoke({ method: 'GET', path: '/r' });
      assert.equal(Object.getPrototypeOf(invoked.headers), Object.prototype);
      assert.equal(Object.getPrototypeOf(invoked.multiValueHeaders), Object.prototype);
      assert.ok(hasEntry(invoked.headers, PROTO, 'p') && hasEntry(invoked.headers, 'constructor', 'c') && hasEntry(invoked.headers, 'toString', 't'), JSON.stringify(invoked.headers));
      assert.ok(hasEntry(invoked.multiValueHeaders, 'hasOwnProperty', ['h1', 'h2']) && hasEntry(invoked.multiValueHeaders, 'valueOf', ['v']), JSON.stringify(invoked.multiValueHeaders));
    });

    it('a list under __proto__ is sent as one header line per value, and a value in both maps once', async () => {
      for (const [exportName, expected] of [
        ['protoList', ['m1', 'm2']],
        ['protoInBoth', ['s', 'm1', 'm2']],
      ] as const) {
        const gw = gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Fn') }), { functions: { Fn: handler(exportName) } }, 'result.json');
        const port = await serve(gw);
        const r = await send(port, 'GET', '/r', {});
        assert.equal(r.status, 200, r.body);
        assert.deepEqual(valuesOf(r, PROTO), expected, exportName);
        const invoked = await gw.invoke({ method: 'GET', path: '/r' });
        assert.equal(Object.getPrototypeOf(invoked.multiValueHeaders), Object.prototype);
        assert.ok(hasEntry(invoked.multiValueHeaders, PROTO, expected), JSON.stringify(invoked.multiValueHeaders));
        assert.equal(Object.hasOwn(invoked.headers, PROTO), false);
      }
    });

    it('a payload 2.0 result sends them', async () => {
      const port = await serve(gatewayFor(httpApiDoc({ type: 'aws_proxy', uri: lambdaUri('Fn'), payloadFormatVersion: '2.0' }), { functions: { Fn: handler('v2Headers') } }, 'v2result.json'));
      const r = await send(port, 'GET', '/r', {});
      assert.equal(r.status, 200, r.body);
      assert.deepEqual([valuesOf(r, PROTO), valuesOf(r, 'constructor'), valuesOf(r, 'Set-Cookie')], [['p'], ['c'], ['a=1']]);
      assert.deepEqual(valuesOf(r, 'Content-Type'), ['text/plain; charset=utf-8']);
    });

    it('a streamed Lambda proxy response sends them from its metadata', async () => {
      const uri = 'arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-east-1:123456789012:function:Fn/response-streaming-invocations';
      const port = await serve(gatewayFor(restDoc({ type: 'aws_proxy', httpMethod: 'POST', uri, responseTransferMode: 'STREAM' }), { functions: { Fn: handler('streamed') } }, 'stream.json'));
      const r = await send(port, 'GET', '/r', {});
      assert.equal(r.status, 200, r.body);
      assert.equal(r.body, 'streamed');
      assert.deepEqual([valuesOf(r, PROTO), valuesOf(r, 'constructor'), valuesOf(r, 'Content-Type')], [['p'], ['c1', 'c2'], ['text/plain']]);
    });

    it('HTTP_PROXY passes them back from the backend, once or repeated', async () => {
      const b = await recorder([
        [PROTO, 'p'],
        ['constructor', ['c1', 'c2']],
        ['Content-Type', 'application/json'],
      ]);
      const port = await serve(gatewayFor(restDoc({ type: 'http_proxy', httpMethod: 'GET', uri: `${b.url}/in` }), {}, 'proxy.json'));
      const r = await send(port, 'GET', '/r', {});
      assert.equal(r.status, 200, r.body);
      assert.deepEqual([valuesOf(r, PROTO), valuesOf(r, 'constructor'), valuesOf(r, 'Content-Type')], [['p'], ['c1', 'c2'], ['application/json']]);
    });

    it('integration response parameters map such backend headers, and an absent one maps nothing', async () => {
      const b = await recorder([
        [PROTO, 'p'],
        ['constructor', 'c'],
        ['Content-Type', 'application/json'],
      ]);
      const integration = {
        type: 'http',
        httpMethod: 'GET',
        uri: `${b.url}/in`,
        responses: {
          default: {
            statusCode: '200',
            responseParameters: {
              'method.response.header.X-From-Proto': 'integration.response.header.__proto__',
              'method.response.header.constructor': 'integration.response.header.constructor',
              'method.response.header.X-Absent': 'integration.response.header.toString',
            },
          },
        },
      };
      const port = await serve(gatewayFor(restDoc(integration, {}, declaring('X-From-Proto', 'constructor', 'X-Absent')), {}, 'mapped.json'));
      const r = await send(port, 'GET', '/r', {});
      assert.equal(r.status, 200, r.body);
      assert.deepEqual([valuesOf(r, 'X-From-Proto'), valuesOf(r, 'constructor'), valuesOf(r, 'X-Absent'), valuesOf(r, PROTO)], [['p'], ['c'], [], []]);
    });

    it('HTTP API response parameters read and write such headers', async () => {
      const b = await recorder([
        [PROTO, 'p'],
        ['constructor', ['c1', 'c2']],
        ['Content-Type', 'application/json'],
      ]);
      const responseParameters = {
        '200': {
          'overwrite:header.X-From-Proto': '$response.header.__proto__',
          'overwrite:header.X-From-Constructor': '$response.header.constructor',
          'append:header.__proto__': 'more',
          'overwrite:header.toString': 'set',
          'overwrite:header.X-Absent': '$response.header.valueOf',
        },
      };
      const port = await serve(gatewayFor(httpApiDoc({ type: 'http_proxy', httpMethod: 'GET', uri: `${b.url}/in`, payloadFormatVersion: '1.0', responseParameters }), {}, 'httpresponse.json'));
      const r = await send(port, 'GET', '/r', {});
      assert.equal(r.status, 200, r.body);
      assert.deepEqual(valuesOf(r, 'X-From-Proto'), ['p']);
      assert.deepEqual(valuesOf(r, 'X-From-Constructor'), ['c1,c2']);
      assert.deepEqual(valuesOf(r, PROTO), ['p,more']);
      assert.deepEqual(valuesOf(r, 'toString'), ['set']);
      assert.deepEqual(valuesOf(r, 'constructor'), ['c1', 'c2']);
      assert.deepEqual(valuesOf(r, 'X-Absent'), ['']);
    });

    it('CORS: a preflight may ask for such headers, and an actual response keeps the function\'s', async () => {
      const extra = { 'x-amazon-apigateway-cors': { allowOrigins: ['https://shop.example.com'], allowMethods: ['GET'], allowHeaders: ['__proto__', 'constructor'], exposeHeaders: ['__proto__'] } };
      const port = await serve(gatewayFor(httpApiDoc({ type: 'aws_proxy', uri: lambdaUri('Fn'), payloadFormatVersion: '1.0' }, extra), { functions: { Fn: handler('restHeaders') } }, 'cors.json'));
      const preflight = await send(port, 'OPTIONS', '/r', { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': '__proto__, constructor' });
      assert.equal(preflight.status, 204);
      assert.deepEqual(valuesOf(preflight, 'Access-Control-Allow-Headers'), ['__proto__,constructor']);
      const refused = await send(port, 'OPTIONS', '/r', { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'toString' });
      assert.deepEqual(valuesOf(refused, 'Access-Control-Allow-Headers'), []);
      const r = await send(port, 'GET', '/r', own([['Origin', 'https://shop.example.com'], [PROTO, 'p']]));
      assert.equal(r.status, 200, r.body);
      assert.deepEqual([valuesOf(r, PROTO), valuesOf(r, 'constructor'), valuesOf(r, 'hasOwnProperty')], [['p'], ['c'], ['h1', 'h2']]);
      assert.deepEqual([valuesOf(r, 'Access-Control-Allow-Origin'), valuesOf(r, 'Access-Control-Expose-Headers')], [['https://shop.example.com'], ['__proto__']]);
    });
  });
});
