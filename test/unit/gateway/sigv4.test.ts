import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startGatewayServer, type GatewayServer } from '../../../server/src/gateway/httpServer';
import { closeHost, fn, gatewayFor, json, lambdaUri } from './gatewayFixture';

const IAM = `openapi: 3.0.1
info: { title: iam, version: '1' }
paths:
  /secure/{item}:
    get:
      x-amazon-apigateway-auth: { type: AWS_IAM }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri('Echo')} }
    post:
      x-amazon-apigateway-auth: { type: AWS_IAM }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri('Echo')} }
`;

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const config = {
  functions: { Echo: fn('echoEvent') },
  credentials: [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, userArn: 'arn:aws:iam::123456789012:user/alice' }],
};

interface Signing {
  /** Whether the signer adds and signs x-amz-content-sha256, as the JavaScript SDK does; botocore, awscurl and requests-aws4auth do not. */
  applyChecksum: boolean;
  method?: string;
  path?: string;
  query?: Record<string, string | string[]>;
  body?: string;
  secret?: string;
  host?: string;
}

async function sign(s: Signing): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: s.secret ?? SECRET }, region: 'us-east-1', service: 'execute-api', sha256: Sha256, applyChecksum: s.applyChecksum });
  const host = s.host ?? '127.0.0.1:3000';
  const headers: Record<string, string> = { host };
  if (s.body !== undefined) headers['content-type'] = 'application/json';
  const signed = await signer.sign({ method: s.method ?? 'GET', protocol: 'http:', hostname: host.split(':')[0], path: s.path ?? '/secure/one', query: s.query, headers, body: s.body });
  return signed.headers as Record<string, string>;
}

function signedHeadersOf(headers: Record<string, string>): string {
  return /SignedHeaders=([^,]+)/.exec(headers.authorization)![1];
}

describe('IAM authorization (SigV4)', function () {
  this.timeout(20000);
  let served: GatewayServer | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });
  after(closeHost);

  it('accepts requests signed over host;x-amz-date only, as botocore and awscurl sign them', async () => {
    const gw = gatewayFor(IAM, config);
    const headers = await sign({ applyChecksum: false, query: { q: 'v', list: ['b', 'a'] } });
    assert.equal(signedHeadersOf(headers), 'host;x-amz-date');
    const r = await gw.invoke({ method: 'GET', path: '/secure/one?q=v&list=b&list=a', headers });
    assert.equal(r.status, 200, r.body);
    const { event } = json(r.body) as { event: { requestContext: { identity: Record<string, string> } } };
    assert.equal(event.requestContext.identity.userArn, 'arn:aws:iam::123456789012:user/alice');
    assert.equal(event.requestContext.identity.accessKey, 'AKIDEXAMPLE');
  });

  it('accepts requests that also sign x-amz-content-sha256, as the JavaScript SDK signs them', async () => {
    const gw = gatewayFor(IAM, config);
    const headers = await sign({ applyChecksum: true });
    assert.equal(signedHeadersOf(headers), 'host;x-amz-content-sha256;x-amz-date');
    const r = await gw.invoke({ method: 'GET', path: '/secure/one', headers });
    assert.equal(r.status, 200, r.body);
  });

  it('checks a body against the signature either way: the signed hash header, or the hash of the body itself', async () => {
    const gw = gatewayFor(IAM, config);
    for (const applyChecksum of [false, true]) {
      const headers = await sign({ applyChecksum, method: 'POST', body: '{"a":1}' });
      const ok = await gw.invoke({ method: 'POST', path: '/secure/one', headers, body: '{"a":1}' });
      assert.equal(ok.status, 200, `${applyChecksum}: ${ok.body}`);
      const tampered = await gw.invoke({ method: 'POST', path: '/secure/one', headers, body: '{"a":2}' });
      assert.equal(tampered.status, 403, String(applyChecksum));
      assert.equal(tampered.headers['x-amzn-ErrorType'], 'InvalidSignatureException');
    }
  });

  it('takes the payload hash from an x-amz-content-sha256 header the client sent without signing it', async () => {
    const gw = gatewayFor(IAM, config);
    const headers = await sign({ applyChecksum: false, method: 'POST', body: '{"a":1}' });
    const hash = createHash('sha256').update('{"a":1}').digest('hex');
    const withHash = await gw.invoke({ method: 'POST', path: '/secure/one', headers: { ...headers, 'x-amz-content-sha256': hash }, body: '{"a":1}' });
    assert.equal(withHash.status, 200, withHash.body);
    // The signature covered the body's hash, not UNSIGNED-PAYLOAD: the header the client sent is what counts.
    const unsigned = await gw.invoke({ method: 'POST', path: '/secure/one', headers: { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: '{"a":1}' });
    assert.equal(unsigned.status, 403);
    assert.match((json(unsigned.body) as { message: string }).message, /signature we calculated does not match/);
  });

  it('refuses a wrong secret and a request changed after signing', async () => {
    const gw = gatewayFor(IAM, config);
    const wrong = await gw.invoke({ method: 'GET', path: '/secure/one', headers: await sign({ applyChecksum: false, secret: 'not-the-secret' }) });
    assert.equal(wrong.status, 403);
    const headers = await sign({ applyChecksum: false, query: { q: 'v' } });
    const otherQuery = await gw.invoke({ method: 'GET', path: '/secure/one?q=w', headers });
    assert.equal(otherQuery.status, 403);
    const otherPath = await gw.invoke({ method: 'GET', path: '/secure/two?q=v', headers });
    assert.equal(otherPath.status, 403);
  });

  it('requires the session token of temporary credentials, and no token with long-term ones', async () => {
    const temporary = { accessKeyId: 'ASIATEMP', secretAccessKey: SECRET, sessionToken: 'token-1' };
    const gw = gatewayFor(IAM, { ...config, credentials: [...config.credentials, temporary] });
    const signWith = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
      new SignatureV4({ credentials, region: 'us-east-1', service: 'execute-api', sha256: Sha256, applyChecksum: false })
        .sign({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', path: '/secure/one', headers: { host: '127.0.0.1:3000' } })
        .then((r) => r.headers as Record<string, string>);
    const withToken = await signWith(temporary);
    assert.equal(withToken['x-amz-security-token'], 'token-1');
    assert.equal((await gw.invoke({ method: 'GET', path: '/secure/one', headers: withToken })).status, 200);
    const withoutToken = await signWith({ accessKeyId: 'ASIATEMP', secretAccessKey: SECRET });
    const refused = await gw.invoke({ method: 'GET', path: '/secure/one', headers: withoutToken });
    assert.equal(refused.status, 403);
    assert.match(refused.body, /security token included in the request is invalid/);
    const otherToken = await signWith({ ...temporary, sessionToken: 'token-2' });
    assert.equal((await gw.invoke({ method: 'GET', path: '/secure/one', headers: otherToken })).status, 403);
    const tokenForLongTerm = await signWith({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: 'token-1' });
    assert.equal((await gw.invoke({ method: 'GET', path: '/secure/one', headers: tokenForLongTerm })).status, 403);
  });

  it('verifies what a served request sent: its Host, an encoded path and query values that need encoding', async () => {
    const gw = gatewayFor(IAM, config);
    const server = await startGatewayServer(() => gw, { port: 0 });
    served = server;
    const host = `127.0.0.1:${server.port}`;
    for (const applyChecksum of [false, true]) {
      const query = { name: 'a b&c', star: '*' };
      const headers = await sign({ applyChecksum, host, path: '/secure/a%20b', query });
      const res = await fetch(`${server.url}/secure/a%20b?name=a%20b%26c&star=%2A`, { headers });
      assert.equal(res.status, 200, `${applyChecksum}: ${await res.text()}`);
    }
  });
});
