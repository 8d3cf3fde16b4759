/**
 * The local gateway's IAM authorization (SigV4) against botocore's own signer, the one the AWS CLI, boto3 and most
 * Python tools sign execute-api calls with (Debian's python3-botocore): requests with query strings that need
 * encoding, repeated parameters, path characters, bodies and a session token must pass, and a wrong secret or a
 * request changed after signing must not.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { startGatewayServer, type GatewayServer } from '../../server/src/gateway/httpServer';
import { closeHost, fn, gatewayFor, lambdaUri } from '../unit/gateway/gatewayFixture';

const IAM = `openapi: 3.0.1
info: { title: iam, version: '1' }
paths:
  /secure/{item}:
    x-amazon-apigateway-any-method:
      x-amazon-apigateway-auth: { type: AWS_IAM }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri('Echo')} }
`;

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const config = {
  functions: { Echo: fn('echoEvent') },
  credentials: [
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, userArn: 'arn:aws:iam::123456789012:user/alice' },
    { accessKeyId: 'ASIATEMPORARY', secretAccessKey: SECRET, sessionToken: 'session-token-value', userArn: 'arn:aws:sts::123456789012:assumed-role/r/s' },
  ],
};

interface BotoRequest {
  method: string;
  path: string;
  secret: string;
  body?: string;
  headers?: Record<string, string>;
  accessKey?: string;
  token?: string;
}

/** Sends the requests with botocore and returns each [status, body]; asynchronously, as the gateway serves them from this process. */
function sendWithBotocore(base: string, requests: BotoRequest[]): Promise<[number, string][]> {
  return new Promise((resolve, reject) => {
    const child = execFile('/usr/bin/python3', [path.join(__dirname, 'botocoreClient.py'), base], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`botocore client failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as [number, string][]);
    });
    child.stdin!.end(JSON.stringify(requests));
  });
}

describe('IAM authorization against botocore\'s signer', function () {
  this.timeout(60_000);
  let served: GatewayServer;

  before(async () => {
    const gateway = gatewayFor(IAM, config);
    served = await startGatewayServer(() => gateway, { port: 0 });
  });

  after(async () => {
    await served.close();
    closeHost();
  });

  const accepted: [string, BotoRequest][] = [
    ['a plain GET', { method: 'GET', path: '/secure/one', secret: SECRET }],
    ['a query string that needs encoding', { method: 'GET', path: '/secure/one?q=a%20b&plus=1%2B1&tilde=~x&star=%2A&empty=', secret: SECRET }],
    ['repeated and unsorted parameters', { method: 'GET', path: '/secure/one?z=2&a=1&a=0&list=b&list=a', secret: SECRET }],
    ['a non-ASCII query value', { method: 'GET', path: '/secure/one?name=%C3%A9t%C3%A9', secret: SECRET }],
    ['an encoded path segment', { method: 'GET', path: '/secure/a%20b', secret: SECRET }],
    ['a POST with a JSON body', { method: 'POST', path: '/secure/one', secret: SECRET, body: '{"a": 1, "b": "é"}', headers: { 'Content-Type': 'application/json' } }],
    ['a PUT with an empty body', { method: 'PUT', path: '/secure/one', secret: SECRET, body: '' }],
    ['a DELETE with extra signed headers', { method: 'DELETE', path: '/secure/one', secret: SECRET, headers: { 'X-Custom': '  spaced   value ', 'X-Other': 'b' } }],
    ['temporary credentials with a session token', { method: 'GET', path: '/secure/one', secret: SECRET, accessKey: 'ASIATEMPORARY', token: 'session-token-value' }],
  ];

  it('lets through every request botocore signs with the right secret', async () => {
    const results = await sendWithBotocore(served.url, accepted.map(([, r]) => r));
    const refused = results.flatMap(([status, body], i) => (status === 200 ? [] : [`${accepted[i][0]}: ${status} ${body}`]));
    assert.deepEqual(refused, []);
  });

  it('refuses a wrong secret, an unknown key and a missing session token with 403', async () => {
    const results = await sendWithBotocore(served.url, [
      { method: 'GET', path: '/secure/one', secret: 'not-the-secret' },
      { method: 'GET', path: '/secure/one', secret: SECRET, accessKey: 'AKIDUNKNOWN' },
      { method: 'GET', path: '/secure/one', secret: SECRET, accessKey: 'ASIATEMPORARY' },
    ]);
    assert.deepEqual(results.map(([status]) => status), [403, 403, 403], JSON.stringify(results));
  });
});
