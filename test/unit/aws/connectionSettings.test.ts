import * as assert from 'node:assert/strict';
import { createClients, describeConnection, destroyClients, EndpointSettingError, resolveConnection } from '../../../client/src/aws/connection';
import { explainAwsError } from '../../../client/src/aws/errors';
import { listRestApis } from '../../../client/src/aws/listing';
import { clientsAt, closedPort, failure } from './connectionServers';

const settings = (endpoint: string) => ({ profile: 'p', region: 'us-east-1', endpoint });

describe('the endpoint setting', () => {
  for (const value of ['localhost:4566', '127.0.0.1:4566', 'localhost', 'ftp://localhost:4566', 'http://', 'http://exa mple:1']) {
    it(`rejects ${JSON.stringify(value)} naming the setting and an example`, async () => {
      await assert.rejects(resolveConnection(settings(value), {}), (error: Error) => {
        assert.ok(error instanceof EndpointSettingError);
        assert.match(error.message, /apigateway\.aws\.endpoint/);
        assert.match(error.message, /http:\/\/localhost:4566/);
        return true;
      });
    });
  }

  it('accepts http and https URLs, without the trailing slash', async () => {
    assert.equal((await resolveConnection(settings('http://localhost:4566/'), {})).endpoint, 'http://localhost:4566');
    assert.equal((await resolveConnection(settings('  https://gw.example.com  '), {})).endpoint, 'https://gw.example.com');
    assert.equal((await resolveConnection(settings(''), {})).endpoint, undefined);
  });

  it('is checked again when clients are built from a connection made elsewhere', async () => {
    await assert.rejects(createClients({ region: 'us-east-1', endpoint: 'localhost:4566' }), EndpointSettingError);
  });

  it('turns the rejection into a message asking to fix the setting', async () => {
    const error = await failure(resolveConnection(settings('localhost:4566'), {}));
    const explained = explainAwsError(error, { region: 'us-east-1' });
    assert.deepEqual(explained.remedies, ['configureEndpoint']);
    assert.match(explained.message, /"localhost:4566", which does not start with http:\/\/ or https:\/\//);
  });
});

describe('endpoint credentials', function () {
  this.timeout(20_000);

  it('are hidden where the connection is described', () => {
    const text = describeConnection({ region: 'us-east-1', endpoint: 'http://alice:s3cret@localhost:4566' });
    assert.equal(text, 'default credentials, region us-east-1, endpoint http://***@localhost:4566');
  });

  it('are hidden in a rejected setting', async () => {
    const error = await failure(resolveConnection(settings('alice:s3cret@localhost:4566'), {}));
    assert.doesNotMatch((error as Error).message, /s3cret/);
  });

  it('are hidden in the explanation of a failed call and in the call log', async () => {
    const endpoint = `http://alice:s3cret@127.0.0.1:${await closedPort()}`;
    const entries: string[] = [];
    const clients = await clientsAt(endpoint, { maxAttempts: 1, onCall: (e) => entries.push(JSON.stringify(e)) });
    try {
      const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
      assert.equal(explained.code, 'ECONNREFUSED');
      assert.match(explained.message, /Cannot reach http:\/\/\*\*\*@127\.0\.0\.1:\d+/);
      assert.doesNotMatch(explained.message + entries.join('\n'), /s3cret/);
    } finally {
      destroyClients(clients);
    }
  });
});
