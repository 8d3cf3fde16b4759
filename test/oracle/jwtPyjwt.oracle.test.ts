/**
 * The local HTTP API JWT authorizer against tokens and keys made by PyJWT and the cryptography package (Debian's
 * python3-jwt): a token PyJWT signs with the published key passes, with the audience as a string, a list or a
 * client_id; expired, not-yet-valid, other-issuer, other-audience, wrongly signed, unknown-kid, unsigned and
 * key-confusion tokens are refused with 401.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { closeHost, gatewayFor, startBackend, type Backend } from '../unit/gateway/gatewayFixture';

const ISSUER = 'https://issuer.example';

function issued(): Promise<{ jwks: { keys: Record<string, unknown>[] }; tokens: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', [path.join(__dirname, 'pyjwtTokens.py'), ISSUER], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`PyJWT failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

function httpApi(backend: string): string {
  return JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'jwt', version: '1' },
    paths: { '/r': { get: { security: [{ jw: [] }], 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `${backend}/r`, payloadFormatVersion: '1.0' } } } },
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

describe('HTTP API JWT authorizer against PyJWT', function () {
  this.timeout(90_000);
  let backend: Backend;
  before(async () => {
    backend = await startBackend((_, res) => res.end('ok'));
  });
  after(() => {
    backend.close();
    closeHost();
  });

  it('lets PyJWT\'s valid tokens through and refuses the others with 401', async () => {
    const { jwks, tokens } = await issued();
    const gateway = gatewayFor(httpApi(backend.url), { jwks }, 'jwt.json');
    const expected: Record<string, number> = { valid: 200, 'audience list': 200, 'client_id instead of aud': 200 };
    const wrong: string[] = [];
    for (const [name, token] of Object.entries(tokens)) {
      const r = await gateway.invoke({ method: 'GET', path: '/r', headers: { Authorization: `Bearer ${token}` } });
      const want = expected[name] ?? 401;
      if (r.status !== want) wrong.push(`${name}: ${r.status} ${r.body}`);
    }
    assert.deepEqual(wrong, []);
    assert.ok(Object.keys(tokens).length >= 10);
  });
});
