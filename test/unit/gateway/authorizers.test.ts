import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { closeHost, exampleGateway, fn, gatewayFor, json, lambdaUri } from './gatewayFixture';

const echoContext = `
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses:
          default:
            statusCode: '200'
            responseTemplates:
              application/json: '{"principal": "$context.authorizer.principalId", "role": "$context.authorizer.role", "calls": "$context.authorizer.calls", "tenant": "$context.authorizer.tenant", "sub": "$context.authorizer.claims.sub", "key": "$context.identity.accessKey"}'
      responses: { '200': { description: ok } }`;

const REST = `openapi: 3.0.1
info: { title: auth, version: '1' }
paths:
  /token/{id}:
    get:
      security: [{ tokenAuth: [] }]${echoContext}
  /request:
    get:
      security: [{ requestAuth: [] }]${echoContext}
  /cognito:
    get:
      security: [{ pool: [] }]${echoContext}
  /iam:
    post:
      x-amazon-apigateway-auth: { type: AWS_IAM }${echoContext}
  /sigv4:
    get:
      security: [{ sigv4: [] }]${echoContext}
components:
  securitySchemes:
    tokenAuth:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: ${lambdaUri('TokenAuth')}
        authorizerResultTtlInSeconds: 60
        identityValidationExpression: '[a-z-]+'
    requestAuth:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        identitySource: method.request.header.X-User, method.request.querystring.tenant
        authorizerUri: ${lambdaUri('RequestAuth')}
        authorizerResultTtlInSeconds: 0
    pool:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Pool1]
    sigv4:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: awsSigv4
`;

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwt(claims: Record<string, unknown>, key = privateKey, kid = 'k1'): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'RS256', typ: 'JWT', kid })}.${enc(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

const now = () => Math.floor(Date.now() / 1000);

describe('gateway authorizers', function () {
  this.timeout(20000);
  after(closeHost);
  const config = {
    functions: { TokenAuth: fn('tokenAuthorizer'), RequestAuth: fn('requestAuthorizer'), SimpleAuth: fn('simpleAuthorizer') },
    jwks: { keys: [jwk] },
    credentials: [{ accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' }],
  };

  it('TOKEN: allows with the policy and passes its context as strings', async () => {
    const gw = gatewayFor(REST, config);
    const r = await gw.invoke({ method: 'GET', path: '/token/1', headers: { Authorization: 'allow' } });
    assert.equal(r.status, 200, r.body);
    const body = json(r.body) as Record<string, string>;
    assert.equal(body.principal, 'user-1');
    assert.equal(body.role, 'admin');
    assert.match(body.calls, /^\d+$/);
  });

  it('TOKEN: caches the result per token for the TTL and re-evaluates the policy on each method ARN', async () => {
    const gw = gatewayFor(REST, config);
    const first = json((await gw.invoke({ method: 'GET', path: '/token/1', headers: { Authorization: 'allow' } })).body) as Record<string, string>;
    const second = await gw.invoke({ method: 'GET', path: '/token/1', headers: { Authorization: 'allow' } });
    assert.equal((json(second.body) as Record<string, string>).calls, first.calls);
    assert.ok(second.log.some((e) => e.message.includes('using the cached result')));
    // The cached policy names /token/1 only: another path under the same token is denied, as in API Gateway.
    const otherPath = await gw.invoke({ method: 'GET', path: '/token/2', headers: { Authorization: 'allow' } });
    assert.equal(otherPath.status, 403);
    assert.deepEqual(json(otherPath.body), { message: 'User is not authorized to access this resource' });
    const wildcard = await gw.invoke({ method: 'GET', path: '/token/3', headers: { Authorization: 'allow-wildcard' } });
    assert.equal(wildcard.status, 200);
  });

  it('TOKEN: explicit deny, implicit deny, Unauthorized, missing token, bad token format, bad context', async () => {
    const gw = gatewayFor(REST, config);
    const deny = await gw.invoke({ method: 'GET', path: '/token/1', headers: { Authorization: 'deny' } });
    assert.equal(deny.status, 403);
    assert.deepEqual(json(deny.body), { message: 'User is not authorized to access this resource with an explicit deny' });
    const implicit = await gw.invoke({ method: 'GET', path: '/token/1', headers: { Authorization: 'allow-other' } });
    assert.equal(implicit.status, 403);
    const unauthorized = await gw.invoke({ method: 'GET', path: '/token/1', headers: { Authorization: 'who' } });
    assert.equal(unauthorized.status, 401);
    assert.deepEqual(json(unauthorized.body), { message: 'Unauthorized' });
    const missing = await gw.invoke({ method: 'GET', path: '/token/1' });
    assert.equal(missing.status, 401);
    assert.ok(!missing.log.some((e) => e.message.includes('calling the TOKEN authorizer')));
    const badFormat = await gw.invoke({ method: 'GET', path: '/token/1', headers: { Authorization: 'UPPER' } });
    assert.equal(badFormat.status, 401);
    const nested = await gw.invoke({ method: 'GET', path: '/token/1', headers: { Authorization: 'nested' } });
    assert.equal(nested.status, 500);
    assert.deepEqual(json(nested.body), { message: null });
  });

  it('REQUEST: gets headers and query string, and needs every identity source', async () => {
    const gw = gatewayFor(REST, config);
    const ok = await gw.invoke({ method: 'GET', path: '/request', query: { tenant: ['t1'] }, headers: { 'X-User': 'alice' } });
    assert.equal(ok.status, 200, ok.body);
    assert.equal((json(ok.body) as Record<string, string>).tenant, 't1');
    const denied = await gw.invoke({ method: 'GET', path: '/request', query: { tenant: ['t2'] }, headers: { 'X-User': 'alice' } });
    assert.equal(denied.status, 403);
    const missing = await gw.invoke({ method: 'GET', path: '/request', headers: { 'X-User': 'alice' } });
    assert.equal(missing.status, 401);
    // TTL 0: no caching, the authorizer runs every time.
    const again = await gw.invoke({ method: 'GET', path: '/request', query: { tenant: ['t1'] }, headers: { 'X-User': 'alice' } });
    assert.notEqual((json(again.body) as Record<string, string>).calls, (json(ok.body) as Record<string, string>).calls);
  });

  it('Cognito: checks issuer and expiry, verifies RS256 with the configured JWKS, and exposes the claims', async () => {
    const gw = gatewayFor(REST, config);
    const iss = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1';
    const good = await gw.invoke({ method: 'GET', path: '/cognito', headers: { Authorization: jwt({ iss, sub: 'u-1', exp: now() + 60, token_use: 'id' }) } });
    assert.equal(good.status, 200, good.body);
    assert.equal((json(good.body) as Record<string, string>).sub, 'u-1');
    const expired = await gw.invoke({ method: 'GET', path: '/cognito', headers: { Authorization: jwt({ iss, sub: 'u-1', exp: now() - 5 }) } });
    assert.equal(expired.status, 401);
    assert.deepEqual(json(expired.body), { message: 'The incoming token has expired' });
    const wrongIssuer = await gw.invoke({ method: 'GET', path: '/cognito', headers: { Authorization: jwt({ iss: 'https://evil.example.com', exp: now() + 60 }) } });
    assert.equal(wrongIssuer.status, 401);
    const forged = await gw.invoke({ method: 'GET', path: '/cognito', headers: { Authorization: jwt({ iss, exp: now() + 60 }, other.privateKey) } });
    assert.equal(forged.status, 401);
    assert.ok(forged.log.some((e) => e.message.includes('signature does not match')));
  });

  it('HTTP API JWT: audience or client_id, scopes of the route, 401 versus 403', async () => {
    const gw = exampleGateway('orders-http-api.json', { jwks: { keys: [jwk] }, functions: { Orders: fn('echoEvent') } });
    const iss = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1';
    const token = (claims: Record<string, unknown>) => `Bearer ${jwt({ iss, exp: now() + 60, sub: 'buyer', ...claims })}`;
    const ok = await gw.invoke({ method: 'GET', path: '/orders', headers: { Authorization: token({ client_id: '3n4b5urk1ft4fl3mg5e62d9ado', scope: 'orders/read' }) } });
    assert.equal(ok.status, 200, ok.body);
    const event = (json(ok.body) as { event: { requestContext: { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } } } }).event;
    assert.equal(event.requestContext.authorizer.jwt.claims.sub, 'buyer');
    assert.deepEqual(event.requestContext.authorizer.jwt.scopes, ['orders/read']);
    const noScope = await gw.invoke({ method: 'GET', path: '/orders', headers: { Authorization: token({ aud: '3n4b5urk1ft4fl3mg5e62d9ado', scope: 'orders/write' }) } });
    assert.equal(noScope.status, 403);
    assert.deepEqual(json(noScope.body), { message: 'Forbidden' });
    const wrongAudience = await gw.invoke({ method: 'GET', path: '/orders', headers: { Authorization: token({ aud: 'someone-else', scope: 'orders/read' }) } });
    assert.equal(wrongAudience.status, 401);
    assert.match(wrongAudience.headers['www-authenticate'], /invalid_token/);
  });

  it('HTTP API JWT: client_id counts only without aud, and a token issued in the future (iat) is refused', async () => {
    const gw = exampleGateway('orders-http-api.json', { jwks: { keys: [jwk] }, functions: { Orders: fn('echoEvent') } });
    const iss = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example1';
    const client = '3n4b5urk1ft4fl3mg5e62d9ado';
    const call = (claims: Record<string, unknown>) =>
      gw.invoke({ method: 'GET', path: '/orders', headers: { Authorization: `Bearer ${jwt({ iss, exp: now() + 60, scope: 'orders/read', ...claims })}` } });
    const otherAudience = await call({ aud: 'another-app', client_id: client });
    assert.equal(otherAudience.status, 401);
    assert.ok(otherAudience.log.some((e) => e.message.includes('audience another-app is not accepted')));
    assert.equal((await call({ client_id: client, iat: now() - 10 })).status, 200);
    const future = await call({ aud: client, iat: now() + 600 });
    assert.equal(future.status, 401);
    assert.ok(future.log.some((e) => e.message.includes('(iat)')));
  });

  it('HTTP API Lambda authorizer with simple responses', async () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'simple', version: '1' },
      'x-amazon-apigateway-importexport-version': '1.0',
      paths: {
        '/me': {
          get: {
            security: [{ simple: [] }],
            'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: '2.0' },
          },
        },
      },
      components: {
        securitySchemes: {
          simple: {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authorizer': {
              type: 'request',
              identitySource: '$request.header.Authorization',
              authorizerUri: lambdaUri('SimpleAuth'),
              authorizerPayloadFormatVersion: '2.0',
              enableSimpleResponses: true,
            },
          },
        },
      },
    };
    const gw = gatewayFor(JSON.stringify(doc), { ...config, functions: { ...config.functions, Echo: fn('echoEvent') } }, 'simple.json');
    const ok = await gw.invoke({ method: 'GET', path: '/me', headers: { Authorization: 'secret' } });
    assert.equal(ok.status, 200, ok.body);
    const rc = (json(ok.body) as { event: { requestContext: { authorizer: unknown } } }).event.requestContext;
    assert.deepEqual(rc.authorizer, { lambda: { user: 'bob', level: 3 } });
    const no = await gw.invoke({ method: 'GET', path: '/me', headers: { Authorization: 'guess' } });
    assert.equal(no.status, 403);
    assert.deepEqual(json(no.body), { message: 'Forbidden' });
  });

  it('HTTP API: payload format versions written as the number 2.0 mean "2.0", for the authorizer and the integration', async () => {
    const doc = `openapi: 3.0.1
info: { title: numeric, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /me:
    get:
      security: [{ simple: [] }]
      x-amazon-apigateway-integration: { type: aws_proxy, uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: 2.0 }
components:
  securitySchemes:
    simple:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        identitySource: $request.header.Authorization
        authorizerUri: ${lambdaUri('SimpleAuth')}
        authorizerPayloadFormatVersion: 2.0
        enableSimpleResponses: true
`;
    const gw = gatewayFor(doc, { ...config, functions: { ...config.functions, Echo: fn('echoEvent') } });
    const ok = await gw.invoke({ method: 'GET', path: '/me', headers: { Authorization: 'secret' } });
    assert.equal(ok.status, 200, ok.body);
    const event = (json(ok.body) as { event: { version: string; requestContext: { authorizer: unknown } } }).event;
    assert.equal(event.version, '2.0');
    assert.deepEqual(event.requestContext.authorizer, { lambda: { user: 'bob', level: 3 } });
  });

  it('IAM: refuses unsigned requests and wrong signatures, accepts a valid SigV4 signature', async () => {
    const gw = gatewayFor(REST, config);
    const unsigned = await gw.invoke({ method: 'POST', path: '/iam', body: '{"a":1}' });
    assert.equal(unsigned.status, 403);
    assert.deepEqual(json(unsigned.body), { message: 'Missing Authentication Token' });

    const sign = async (secret: string, body: string) => {
      const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: secret }, region: 'us-east-1', service: 'execute-api', sha256: Sha256 });
      const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 3000, path: '/iam', query: { q: 'v' }, headers: { host: '127.0.0.1:3000', 'content-type': 'application/json' }, body });
      return signed.headers as Record<string, string>;
    };
    const headers = await sign('local-secret', '{"a":1}');
    const ok = await gw.invoke({ method: 'POST', path: '/iam', query: { q: ['v'] }, headers, body: '{"a":1}' });
    assert.equal(ok.status, 200, ok.body);
    assert.equal((json(ok.body) as Record<string, string>).key, 'AKIDLOCAL');
    const tampered = await gw.invoke({ method: 'POST', path: '/iam', query: { q: ['v'] }, headers, body: '{"a":2}' });
    assert.equal(tampered.status, 403);
    assert.match((json(tampered.body) as { message: string }).message, /does not match/);
    const { 'x-amz-content-sha256': _hash, ...withoutHash } = headers;
    const tamperedUnhashed = await gw.invoke({ method: 'POST', path: '/iam', query: { q: ['v'] }, headers: withoutHash, body: '{"a":2}' });
    assert.equal(tamperedUnhashed.status, 403);
    assert.match((json(tamperedUnhashed.body) as { message: string }).message, /signature we calculated does not match/);
    const wrongKey = await gw.invoke({ method: 'POST', path: '/iam', query: { q: ['v'] }, headers: await sign('other-secret', '{"a":1}'), body: '{"a":1}' });
    assert.equal(wrongKey.status, 403);
    const malformed = await gw.invoke({ method: 'GET', path: '/sigv4', headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=x' } });
    assert.equal(malformed.status, 403);
    assert.match((json(malformed.body) as { message: string }).message, /requires 'Signature' parameter/);
  });
});
