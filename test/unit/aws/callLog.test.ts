import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetStageCommand, ImportRestApiCommand } from '@aws-sdk/client-api-gateway';
import { destroyClients, summariseInput, type CallLogEntry } from '../../../client/src/aws/connection';
import { explainAwsError } from '../../../client/src/aws/errors';
import { listRestApis } from '../../../client/src/aws/listing';
import { clientsAt, closedPort, failure, SESSION_TOKEN, startTinyServer } from './connectionServers';
import { deploy } from '../../../client/src/deploy/deployer';
import { documentTitle, formatStageVariables, guessApiKind, parseStageVariables } from '../../../client/src/deploy/documentKind';
import { httpDocument, restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

describe('the call log', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  before(async () => (fixture = await startGatewayFixture()));
  after(() => fixture.close());

  it('records each call with its input, bodies as sizes, and never the credentials', async () => {
    const entries: CallLogEntry[] = [];
    const clients = await fixture.clients('good', { onCall: (e) => entries.push(e) });
    await clients.v1.send(new ImportRestApiCommand({ body: new TextEncoder().encode(restDocument('logged')) }));
    fixture.fake.throttleNext(1);
    await listRestApis(clients);
    assert.deepEqual(entries.map((e) => `${e.service}.${e.command}`), ['apigateway.ImportRestApiCommand', 'apigateway.GetRestApisCommand']);
    assert.match(String(entries[0].input.body), /^<\d+ bytes>$/);
    assert.equal(entries[1].attempts, 2, 'the throttled attempt was retried');
    const text = JSON.stringify(entries);
    assert.ok(!text.includes('AKIDGOOD') && !text.includes('secret'), 'no credentials in the log');
  });
});

describe('stage variables in the call log', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  before(async () => (fixture = await startGatewayFixture()));
  after(() => fixture.close());

  it('are named without their values, in every input that sets them', () => {
    const secret = { dbPassword: 'hunter2', apiKey: 'sk-live-123' };
    const hidden = { dbPassword: '<hidden>', apiKey: '<hidden>' };
    assert.deepEqual(summariseInput({ restApiId: 'a1', stageName: 'dev', variables: secret, canarySettings: { percentTraffic: 10, stageVariableOverrides: secret } }), {
      restApiId: 'a1', stageName: 'dev', variables: hidden, canarySettings: { percentTraffic: 10, stageVariableOverrides: hidden },
    });
    assert.deepEqual(summariseInput({ ApiId: 'h1', StageName: 'dev', StageVariables: secret }), { ApiId: 'h1', StageName: 'dev', StageVariables: hidden });
    assert.deepEqual(summariseInput({
      restApiId: 'a1',
      stageName: 'dev',
      patchOperations: [
        { op: 'replace', path: '/variables/dbPassword', value: 'hunter2' },
        { op: 'replace', path: '/canarySettings/stageVariableOverrides/apiKey', value: 'sk-live-123' },
        { op: 'remove', path: '/variables/old' },
        { op: 'replace', path: '/deploymentId', value: 'd1' },
      ],
    }).patchOperations, [
      { op: 'replace', path: '/variables/dbPassword', value: '<hidden>' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/apiKey', value: '<hidden>' },
      { op: 'remove', path: '/variables/old' },
      { op: 'replace', path: '/deploymentId', value: 'd1' },
    ]);
  });

  it('never reach the log of a deploy', async () => {
    const entries: CallLogEntry[] = [];
    const clients = await fixture.clients('good', { onCall: (e) => entries.push(e) });
    const backupDir = mkdtempSync(path.join(tmpdir(), 'apigw-calllog-'));
    try {
      const rest = await deploy(clients, { kind: 'REST', body: restDocument('logged-variables'), target: { mode: 'new' }, stage: { name: 'dev', variables: { dbPassword: 'hunter2' } }, backupDir }, undefined, { onCall: (e) => entries.push(e) });
      await deploy(clients, { kind: 'HTTP', body: httpDocument('logged-variables'), target: { mode: 'new' }, stage: { name: 'dev', variables: { dbPassword: 'hunter2' } }, backupDir }, undefined, { onCall: (e) => entries.push(e) });
      const withVariables = entries.filter((e) => JSON.stringify(e.input).includes('dbPassword'));
      assert.deepEqual(withVariables.map((e) => `${e.service}.${e.command}`), ['apigateway.CreateDeploymentCommand', 'apigatewayv2.CreateStageCommand']);
      assert.ok(!JSON.stringify(entries).includes('hunter2'), 'no variable value in the log');
      assert.deepEqual((await clients.v1.send(new GetStageCommand({ restApiId: rest.apiId, stageName: 'dev' }))).variables, { dbPassword: 'hunter2' }, 'the value itself was sent');
    } finally {
      rmSync(backupDir, { recursive: true, force: true });
    }
  });
});

describe('secrets echoed by a server', function () {
  this.timeout(20_000);

  // What AWS answers to a bad signature: the canonical request it expected, with the signed headers' values.
  const canonicalEcho = (token: string) => [
    'The request signature we calculated does not match the signature you provided.',
    '',
    'The Canonical String for this request should have been',
    `'GET\n/restapis\nlimit=500\nhost:apigateway.us-east-1.amazonaws.com\nx-amz-date:20260101T000000Z\nx-amz-security-token:${token}\n\nhost;x-amz-date;x-amz-security-token\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'`,
    '',
    "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/apigateway/aws4_request\n0123abcd'",
    'Authorization: AWS4-HMAC-SHA256 Credential=AKIDTINY/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef',
  ].join('\n');

  it('never reach the call log or the explanation', async () => {
    const server = await startTinyServer(() => ({
      status: 403,
      headers: { 'x-amzn-errortype': 'InvalidSignatureException', 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: canonicalEcho(SESSION_TOKEN) }),
    }));
    const entries: CallLogEntry[] = [];
    const clients = await clientsAt(server.url, { maxAttempts: 1, onCall: (e) => entries.push(e) });
    try {
      const error = await failure(listRestApis(clients));
      assert.ok((error as Error).message.includes(SESSION_TOKEN), 'the SDK error itself carries the token');
      const logged = entries[0].error ?? '';
      const explained = explainAwsError(error, clients.connection);
      for (const text of [logged, explained.message]) {
        for (const secret of [SESSION_TOKEN, 'AKIDTINY', '0123456789abcdef0123', 'x-amz-date:20260101T000000Z', '0123abcd']) {
          assert.ok(!text.includes(secret), `${secret} in ${text}`);
        }
      }
      assert.match(logged, /^InvalidSignatureException: The request signature we calculated does not match/);
      assert.match(logged, /The Canonical String for this request should have been <redacted>/);
      assert.match(logged, /The String-to-Sign should have been <redacted>\nAuthorization: <redacted>$/);
    } finally {
      destroyClients(clients);
      await server.close();
    }
  });
});

describe('document kind and stage variables', () => {
  it('tells HTTP API documents from REST ones by their extensions', () => {
    assert.equal(guessApiKind(restDocument('x')), 'REST');
    assert.equal(guessApiKind('openapi: 3.0.1\nx-amazon-apigateway-cors:\n  allowOrigins: ["*"]\n'), 'HTTP');
    assert.equal(guessApiKind('{"openapi":"3.0.1","paths":{"/a":{"get":{"x-amazon-apigateway-integration":{"payloadFormatVersion":"2.0"}}}}}'), 'HTTP');
    assert.equal(guessApiKind('swagger: "2.0"\n'), 'REST');
    assert.equal(guessApiKind('x-amazon-apigateway-cors: {}', 'rest'), 'REST');
  });
  it('reads titles from YAML and JSON', () => {
    assert.equal(documentTitle(restDocument('Pet Store')), 'Pet Store');
    assert.equal(documentTitle('{"openapi":"3.0.1","info":{"title":"Orders","version":"1"}}'), 'Orders');
  });
  it('reads the title of the info object, not of a schema, with escapes, quotes, comments and flow style read', () => {
    const sortedKeys = '{"components":{"schemas":{"Pet":{"title":"Pet","type":"object"}}},"info":{"title":"Orders API","version":"1"},"openapi":"3.0.1","paths":{}}';
    assert.equal(documentTitle(sortedKeys), 'Orders API');
    assert.equal(documentTitle('{"openapi":"3.0.1","info":{"title":"Caf\\u00e9 \\"API\\"","version":"1"}}'), 'Café "API"');
    assert.equal(documentTitle('openapi: 3.0.1\ninfo:\n  title: Pets # the main API\n  version: "1"\n'), 'Pets');
    assert.equal(documentTitle("openapi: 3.0.1\ninfo: {title: 'Pets ''v2''', version: '1'}\n"), "Pets 'v2'");
    assert.equal(documentTitle('openapi: 3.0.1\ninfo:\n  version: "1"\n'), undefined);
  });
  it('parses typed stage variables and rejects malformed ones', () => {
    assert.deepEqual(parseStageVariables('alias=blue, table = orders-dev\nurl=https://x/y?a=b'), { alias: 'blue', table: 'orders-dev', url: 'https://x/y?a=b' });
    assert.throws(() => parseStageVariables('novalue'), /key=value/);
    assert.throws(() => parseStageVariables('bad-name=1'), /letters, digits/);
  });
  it('keeps commas inside stage variable values, as written back from an existing stage', () => {
    const current = { hosts: 'a.example.com,b.example.com', url: 'https://x/y?a=b,c', alias: 'blue' };
    assert.deepEqual(parseStageVariables(formatStageVariables(current)), current);
  });
});

describe('calls that did not get through', function () {
  this.timeout(20_000);

  it('are marked in the call log, as an answer of API Gateway is not', async () => {
    const entries: CallLogEntry[] = [];
    const refused = await clientsAt(`http://127.0.0.1:${await closedPort()}`, { maxAttempts: 1, onCall: (e) => entries.push(e) });
    const denied = await startTinyServer(() => ({ status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException', 'Content-Type': 'application/json' }, body: '{"message":"no"}' }));
    const proxy = await startTinyServer(() => ({ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>Bad gateway</html>' }));
    const deniedClients = await clientsAt(denied.url, { maxAttempts: 1, onCall: (e) => entries.push(e) });
    const proxyClients = await clientsAt(proxy.url, { maxAttempts: 1, onCall: (e) => entries.push(e) });
    try {
      await failure(listRestApis(refused));
      await failure(listRestApis(deniedClients));
      await failure(listRestApis(proxyClients));
      assert.deepEqual(entries.map((e) => e.unreachable), [true, false, true]);
    } finally {
      for (const c of [refused, deniedClients, proxyClients]) destroyClients(c);
      await denied.close();
      await proxy.close();
    }
  });
});
