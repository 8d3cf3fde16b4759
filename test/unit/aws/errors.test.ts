import * as assert from 'node:assert/strict';
import { createClients, destroyClients, resolveConnection } from '../../../client/src/aws/connection';
import { explainAwsError } from '../../../client/src/aws/errors';
import { listRestApis } from '../../../client/src/aws/listing';
import { ApiTreeModel } from '../../../client/src/tree/treeModel';
import { clientsAt, closedPort, failure, startTinyServer, type Answer, type TinyServer } from './connectionServers';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

describe('AWS failures explained', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  before(async () => (fixture = await startGatewayFixture()));
  after(() => fixture.close());

  it('names the profile and suggests another for an unknown access key', async () => {
    const clients = await fixture.clients('invalid');
    const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
    assert.equal(explained.code, 'UnrecognizedClientException');
    assert.match(explained.message, /profile "invalid"/);
    assert.match(explained.message, /region us-east-1/);
    assert.match(explained.message, new RegExp(`endpoint ${fixture.fake.url.replace(/[.]/g, '\\.')}`));
    assert.ok(explained.remedies.includes('chooseProfile'));
  });

  it('explains access denied with the permission needed', async () => {
    const clients = await fixture.clients('denied');
    const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
    assert.equal(explained.code, 'AccessDeniedException');
    assert.match(explained.message, /Access denied for profile "denied"/);
    assert.match(explained.message, /apigateway:GET/);
  });

  it('explains a profile without credentials', async () => {
    const clients = await fixture.clients('nokeys');
    const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
    assert.match(explained.message, /No AWS credentials found for profile "nokeys"/);
    assert.deepEqual(explained.remedies, ['chooseProfile', 'retry']);
  });

  it('tells an SSO profile without a valid session to sign in again', async () => {
    const home = process.env.HOME;
    // The SSO token cache lives under the home directory; an empty one stands for an expired session.
    process.env.HOME = fixture.dir;
    try {
      const clients = await fixture.clients('sso');
      const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
      assert.match(explained.message, /SSO session for profile "sso"/);
      assert.match(explained.message, /aws sso login --profile sso/);
      assert.equal(explained.remedies[0], 'ssoLogin');
    } finally {
      process.env.HOME = home;
    }
  });

  it('explains an unreachable endpoint after the retries', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const clients = await createClients({ profile: 'good', region: 'us-east-1', endpoint }, { maxAttempts: 2 });
    try {
      const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
      assert.equal(explained.code, 'ECONNREFUSED');
      assert.match(explained.message, new RegExp(`Cannot reach ${endpoint.replace(/[.]/g, '\\.')}`));
      assert.match(explained.message, /apigateway\.aws\.endpoint/);
    } finally {
      clients.v1.destroy();
      clients.v2.destroy();
    }
  });

  it('retries throttled calls with the SDK policy, and explains when throttling persists', async () => {
    const clients = await fixture.clients('good', { maxAttempts: 3 });
    fixture.fake.throttleNext(2);
    const before = fixture.fake.calls.length;
    await listRestApis(clients);
    assert.equal(fixture.fake.calls.length - before, 3, 'two throttled attempts, then success');
    fixture.fake.throttleNext(3);
    const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
    assert.equal(explained.code, 'TooManyRequestsException');
    assert.match(explained.message, /throttling/);
    assert.match(explained.message, /after 3 attempts/);
  });

  it('shows an error row with remedies instead of an empty tree', async () => {
    const clients = await fixture.clients('invalid');
    const model = new ApiTreeModel(async () => clients);
    const roots = await model.children(undefined);
    assert.equal(roots.length, 1);
    assert.equal(roots[0].kind, 'error');
    const children = await model.children(roots[0]);
    // The message's further sentences come first, as rows of their own; the remedies follow.
    assert.match(roots[0].label, /^AWS did not accept the credentials of .*\.$/);
    assert.deepEqual(children.map((c) => c.kind), ['empty', 'action', 'action']);
    assert.match(children[0].label, /^Check the keys of .* or choose another profile\.$/);
    assert.deepEqual(children.filter((c) => c.kind === 'action').map((a) => a.command?.id), ['apigateway.aws.chooseProfile', 'apigateway.aws.refresh']);
  });

  it("takes the region from the profile's config when no setting or variable gives one", async () => {
    const connection = await resolveConnection({ profile: 'nokeys' });
    assert.equal(connection.region, 'eu-west-1');
    assert.equal((await resolveConnection({ profile: 'nokeys', region: 'ap-south-1', endpoint: 'http://x:1/' })).endpoint, 'http://x:1');
  });
});

describe('credential failures that new keys would not fix', function () {
  this.timeout(20_000);
  let answer: Answer;
  let server: TinyServer;
  before(async () => (server = await startTinyServer(() => answer)));
  after(() => server.close());

  async function explainedAnswer(status: number, type: string, message: string) {
    answer = { status, headers: { 'x-amzn-errortype': type, 'Content-Type': 'application/json' }, body: JSON.stringify({ message }) };
    const clients = await clientsAt(server.url, { maxAttempts: 1 });
    try {
      const connection = { ...clients.connection, profile: 'dev' };
      return explainAwsError(await failure(listRestApis(clients)), connection);
    } finally {
      destroyClients(clients);
    }
  }

  it('points at the system clock when the signature time is rejected', async () => {
    for (const [type, message] of [
      ['InvalidSignatureException', 'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)'],
      ['RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'],
    ]) {
      const explained = await explainedAnswer(403, type, message);
      assert.equal(explained.code, type);
      assert.match(explained.message, /system clock/);
      assert.doesNotMatch(explained.message, /access key is unknown|secret is wrong/);
      assert.deepEqual(explained.remedies, ['retry']);
    }
  });

  it('asks to refresh an expired session rather than blaming the access key', async () => {
    for (const type of ['UnrecognizedClientException', 'ExpiredTokenException']) {
      const explained = await explainedAnswer(403, type, 'The security token included in the request is expired');
      assert.equal(explained.code, type);
      assert.match(explained.message, /session credentials of profile "dev".* have expired/);
      assert.match(explained.message, /aws sso login --profile dev/);
      assert.doesNotMatch(explained.message, /access key is unknown/);
      assert.equal(explained.remedies[0], 'ssoLogin');
    }
  });

  it('still blames the keys when the token is merely invalid', async () => {
    const explained = await explainedAnswer(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    assert.match(explained.message, /access key is unknown or the secret is wrong/);
  });
});
