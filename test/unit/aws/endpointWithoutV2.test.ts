import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { GatewayClients } from '../../../client/src/aws/connection';
import { explainAwsError } from '../../../client/src/aws/errors';
import { listCustomDomainMappings } from '../../../client/src/aws/listing';
import { deploy } from '../../../client/src/deploy/deployer';
import { ImportOutcomeUnknown, outcomeUnknown } from '../../../client/src/deploy/deployFailures';
import { ApiTreeModel } from '../../../client/src/tree/treeModel';
import { httpDocument, restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

/** LocalStack's community edition: the REST API service, and HTTP 501 for every API Gateway v2 call. */
describe('an endpoint without API Gateway v2', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  let clients: GatewayClients;
  let workspace: string;

  before(async () => {
    fixture = await startGatewayFixture({ unavailableServices: ['apigatewayv2'] });
    clients = await fixture.clients();
    workspace = mkdtempSync(path.join(tmpdir(), 'apigw-nov2-'));
  });
  after(async () => {
    await fixture.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  const v2Calls = (from: number) => fixture.fake.calls.slice(from).filter((c) => c.path.startsWith('/v2/'));

  it('says so when an HTTP API is deployed, offers no retry, and looks for no API the import may have made', async () => {
    const before = fixture.fake.calls.length;
    const error = await deploy(clients, { kind: 'HTTP', body: httpDocument('no-v2'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir: workspace }).then(
      () => assert.fail('the deploy was expected to fail'),
      (e: unknown) => e,
    );
    assert.ok(!(error instanceof ImportOutcomeUnknown), String(error));
    assert.equal(outcomeUnknown(error), false, 'a 501 means nothing was created');
    assert.deepEqual(v2Calls(before).map((c) => `${c.method} ${c.path}`), ['PUT /v2/apis'], 'the import only: no search for what it may have created');
    const explained = explainAwsError(error, clients.connection);
    assert.equal(explained.message, `The endpoint ${fixture.fake.url} does not provide API Gateway v2 (HTTP and WebSocket APIs): it answered HTTP 501 Not Implemented (profile "good", region us-east-1, endpoint ${fixture.fake.url}). The answer is LocalStack's: its community edition does not include API Gateway v2 (HTTP and WebSocket APIs), which only its paid editions (or AWS) provide. REST APIs still work there.`);
    assert.deepEqual(explained.remedies, ['configureEndpoint']);
  });

  it('still deploys REST APIs', async () => {
    const result = await deploy(clients, { kind: 'REST', body: restDocument('rest-without-v2'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir: workspace });
    assert.equal(result.apiName, 'rest-without-v2');
  });

  it('lists the REST APIs in the tree and shows the v2 groups as unavailable, with the reason', async () => {
    const model = new ApiTreeModel(async () => clients);
    const roots = await model.children(undefined);
    assert.deepEqual(roots.map((r) => [r.label, r.description]), [['REST APIs', '1'], ['HTTP APIs', 'unavailable'], ['WebSocket APIs', 'unavailable']]);
    assert.deepEqual((await model.children(roots[0])).map((n) => n.label), ['rest-without-v2']);
    for (const group of roots.slice(1)) {
      const [row] = await model.children(group);
      assert.equal(row.contextValue, 'unavailable');
      assert.notEqual(row.kind, 'error');
      assert.equal(row.label, `The endpoint ${fixture.fake.url} does not provide API Gateway v2 (HTTP and WebSocket APIs): it answered HTTP 501 Not Implemented (profile "good", region us-east-1, endpoint ${fixture.fake.url}).`);
      const details = await model.children(row);
      assert.ok(details.some((d) => /LocalStack's: its community edition/.test(d.label)), details.map((d) => d.label).join('\n'));
      assert.ok(!details.some((d) => d.label === 'Retry'), 'no retry that cannot succeed');
    }
  });

  it('lists custom-domain mappings from the v1 API alone', async () => {
    assert.deepEqual(await listCustomDomainMappings(clients), []);
  });

  it('is not said of AWS itself, which provides both services', () => {
    const answer = Object.assign(new Error("API for service 'apigatewayv2' not yet implemented or pro feature"), {
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 501 },
      $response: { statusCode: 501, headers: { 'x-amzn-errortype': 'InternalFailure' } },
    });
    assert.doesNotMatch(explainAwsError(answer, { region: 'us-east-1' }).message, /does not provide/);
    const newer = Object.assign(new Error("The API for service 'apigatewayv2' is either not included in your current license plan or has not yet been emulated by LocalStack."), {
      name: 'InternalFailure', $metadata: { httpStatusCode: 501 }, $response: answer.$response,
    });
    assert.match(explainAwsError(newer, { region: 'us-east-1', endpoint: 'http://localhost:4566' }).message, /^The endpoint http:\/\/localhost:4566 does not provide API Gateway v2 .*LocalStack's/);
  });
});
