import * as assert from 'node:assert/strict';
import { GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { describeFailure, destroyClients } from '../../../client/src/aws/connection';
import { connectTimeoutOf, isForeignAnswer, isGatewayError, isNetworkFailure, isThrottling, neverSent, statusOf } from '../../../client/src/aws/errorFacts';
import { clientsAt, closedPort, failure, startTinyServer, type Answer } from './connectionServers';

/** The error the real SDK raises for one answer of the endpoint. */
async function errorFor(answer: Answer): Promise<unknown> {
  const server = await startTinyServer(() => answer);
  const clients = await clientsAt(server.url, { maxAttempts: 1, requestTimeoutMs: 300 });
  try {
    return await failure(clients.v1.send(new GetRestApiCommand({ restApiId: 'a1' })));
  } finally {
    destroyClients(clients);
    await server.close();
  }
}

const json = { 'Content-Type': 'application/json' };

describe('facts about a failed call', function () {
  this.timeout(20_000);

  it("tell API Gateway's own answers from a proxy's or another server's", async () => {
    const gatewayNotFound = await errorFor({ status: 404, headers: { ...json, 'x-amzn-errortype': 'NotFoundException' }, body: '{"message":"Invalid API identifier specified"}' });
    const htmlNotFound = await errorFor({ status: 404, headers: { 'Content-Type': 'text/html' }, body: '<html>Not Found</html>' });
    const emptyNotFound = await errorFor({ status: 404, body: '' });
    assert.equal(isGatewayError(gatewayNotFound, 'NotFoundException'), true);
    assert.equal(isForeignAnswer(gatewayNotFound), false);
    for (const foreign of [htmlNotFound, emptyNotFound]) {
      assert.equal(statusOf(foreign), 404);
      assert.equal(isGatewayError(foreign, 'NotFoundException'), false);
      assert.equal(isForeignAnswer(foreign), true);
    }
    assert.match(describeFailure(htmlNotFound), /^SyntaxError: .* \[HTTP 404, text\/html\]$/);
    assert.equal(describeFailure(emptyNotFound), 'Unknown: UnknownError [HTTP 404]');
  });

  it('count any 429 as throttling, and the throttling names whatever their status', async () => {
    assert.equal(isThrottling(await errorFor({ status: 429, headers: { ...json, 'x-amzn-errortype': 'TooManyRequestsException' }, body: '{"message":"Too Many Requests"}' })), true);
    assert.equal(isThrottling(await errorFor({ status: 429, headers: { 'Content-Type': 'text/html' }, body: '<html>slow down</html>' })), true);
    assert.equal(isThrottling(await errorFor({ status: 400, headers: { ...json, 'x-amzn-errortype': 'LimitExceededException' }, body: '{"message":"Rate exceeded"}' })), true);
    assert.equal(isThrottling(await errorFor({ status: 400, headers: { ...json, 'x-amzn-errortype': 'BadRequestException' }, body: '{"message":"Invalid"}' })), false);
  });

  it('tell a request that never went out from one whose answer was lost', async () => {
    const clients = await clientsAt(`http://127.0.0.1:${await closedPort()}`, { maxAttempts: 1 });
    const refused = await failure(clients.v1.send(new GetRestApiCommand({ restApiId: 'a1' })));
    destroyClients(clients);
    const requestTimeout = await errorFor('hang');
    // What @smithy/node-http-handler raises when the TCP connection is not made in time; a test cannot force one.
    const connectTimeout = Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 5000 ms.'), { name: 'TimeoutError' });
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });

    for (const error of [refused, connectTimeout, noCredentials]) assert.equal(neverSent(error), true, String(error));
    assert.equal(neverSent(requestTimeout), false, String(requestTimeout));
    assert.equal(connectTimeoutOf(connectTimeout), 5000);
    assert.equal(connectTimeoutOf(requestTimeout), undefined);
    for (const error of [refused, connectTimeout, requestTimeout]) assert.equal(isNetworkFailure(error), true, String(error));
    assert.equal(isNetworkFailure(noCredentials), false);
  });
});
