import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { closeHost, fn, gatewayFor, json, lambdaUri, useBackend } from './gatewayFixture';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
const ISSUER = 'https://issuer.example';

function token(claims: Record<string, unknown>): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${enc(claims)}`;
  return `Bearer ${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
}

function httpApi(integration: Record<string, unknown>): string {
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'jwt', version: '1' },
    paths: { '/r': { get: { security: [{ jw: [] }], 'x-amazon-apigateway-integration': integration } } },
    components: {
      securitySchemes: {
        jw: {
          type: 'oauth2',
          flows: {},
          'x-amazon-apigateway-authorizer': { type: 'jwt', identitySource: '$request.header.Authorization', jwtConfiguration: { issuer: ISSUER, audience: ['myaud'] } },
        },
      },
    },
  });
}

const CLAIMS = {
  iss: ISSUER,
  aud: ['other', 'myaud'],
  sub: 'u1',
  exp: Math.floor(Date.now() / 1000) + 3600,
  'cognito:groups': ['admin', 'ops'],
  nested: [['a', 'b'], 'c'],
  empty: [],
  verified: true,
  address: { city: 'Paris' },
};

describe('HTTP API JWT authorizer claims', function () {
  this.timeout(20000);
  const backend = useBackend((_, res) => res.end('ok'));
  after(closeHost);

  it('hands the function a list claim as its items in brackets, separated by spaces, in payload 2.0 and 1.0 events', async () => {
    for (const payloadFormatVersion of ['2.0', '1.0']) {
      const gw = gatewayFor(httpApi({ type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Echo'), payloadFormatVersion }), { jwks: { keys: [jwk] }, functions: { Echo: fn('echoEvent') } }, 'jwt.json');
      const r = await gw.invoke({ method: 'GET', path: '/r', headers: { Authorization: token(CLAIMS) } });
      assert.equal(r.status, 200, r.body);
      const authorizer = (json(r.body) as { event: { requestContext: { authorizer: Record<string, { claims: Record<string, unknown> }> & { claims?: Record<string, unknown> } } } }).event.requestContext.authorizer;
      const claims = payloadFormatVersion === '2.0' ? authorizer.jwt.claims : authorizer.claims!;
      assert.equal(claims['cognito:groups'], '[admin ops]', payloadFormatVersion);
      assert.equal(claims.aud, '[other myaud]');
      assert.equal(claims.nested, '[[a b] c]');
      assert.equal(claims.empty, '[]');
      assert.equal(claims.verified, 'true');
      assert.equal(claims.exp, String(CLAIMS.exp));
      assert.equal(claims.sub, 'u1');
    }
  });

  it('maps a list claim the same way through $context.authorizer.claims', async () => {
    const gw = gatewayFor(
      httpApi({
        type: 'http_proxy',
        httpMethod: 'GET',
        uri: `${backend.url}/claims`,
        payloadFormatVersion: '1.0',
        requestParameters: { 'overwrite:header.x-groups': '$context.authorizer.claims.cognito:groups', 'overwrite:header.x-sub': 'user $context.authorizer.claims.sub' },
      }),
      { jwks: { keys: [jwk] } },
      'jwt-mapping.json',
    );
    const r = await gw.invoke({ method: 'GET', path: '/r', headers: { Authorization: token(CLAIMS) } });
    assert.equal(r.status, 200, r.body);
    const call = backend.requests.at(-1)!;
    assert.equal(call.headers['x-groups'], '[admin ops]');
    assert.equal(call.headers['x-sub'], 'user u1');
  });
});
