import * as assert from 'node:assert/strict';
import { DeleteRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { deploy, type DeployRequest } from '../../../client/src/deploy/deployer';
import { ApiNoLongerExists } from '../../../client/src/deploy/deployFailures';
import { apiClaim, DeployAlreadyRunning, DeploysInFlight, documentClaim } from '../../../client/src/deploy/deploysInFlight';
import { restDocument } from './fixtures/documents';
import { useDeployScratch } from './fixtures/gateway';

describe('one deploy at a time per document and per API', function () {
  this.timeout(30_000);

  const scratch = useDeployScratch('apigw-inflight-');

  const restApisNamed = async (name: string) => ((await scratch.clients.v1.send(new GetRestApisCommand({ limit: 500 }))).items ?? []).filter((a) => a.name === name);
  const puts = (apiId: string) => scratch.fixture.fake.calls.filter((c) => c.method === 'PUT' && c.path === `/restapis/${apiId}`).length;
  const newApi = (title: string): DeployRequest => ({ kind: 'REST', body: restDocument(title), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir: scratch.backupDir });
  const update = (title: string, apiId: string): DeployRequest => ({ ...newApi(title), target: { mode: 'existing', apiId, putMode: 'overwrite' } });
  const api = (apiId: string, name: string) => apiClaim(scratch.clients.connection, { kind: 'REST', apiId, name }, `${name}.yaml`);

  it('refuses a second deploy of the same document while the first runs, saying so, and takes it once the first has ended', async () => {
    const inFlight = new DeploysInFlight();
    const document = documentClaim('file:///work/orders.yaml', 'orders.yaml');
    const first = inFlight.run([document], () => deploy(scratch.clients, newApi('inflight-orders')));
    await assert.rejects(
      inFlight.run([document], () => deploy(scratch.clients, newApi('inflight-orders'))),
      (error: unknown) => error instanceof DeployAlreadyRunning && error.message === 'A deploy of orders.yaml is already running. Wait for it to finish, then deploy again.',
    );
    const created = await first;
    assert.equal((await restApisNamed('inflight-orders')).length, 1, 'only the first deploy imported the document');
    const again = await inFlight.run([document], () => deploy(scratch.clients, update('inflight-orders', created.apiId)));
    assert.equal(again.apiId, created.apiId);
  });

  it('refuses a deploy of another document to the API being deployed, and lets a deploy to another API run alongside', async () => {
    const inFlight = new DeploysInFlight();
    const shared = (await deploy(scratch.clients, newApi('inflight-shared'))).apiId;
    const other = (await deploy(scratch.clients, newApi('inflight-other'))).apiId;
    const putsBefore = puts(shared);
    const first = inFlight.run([documentClaim('file:///work/a.yaml', 'a.yaml'), api(shared, 'inflight-shared')], () => deploy(scratch.clients, update('inflight-shared', shared)));
    await assert.rejects(
      inFlight.run([documentClaim('file:///work/b.yaml', 'b.yaml'), api(shared, 'inflight-shared')], () => deploy(scratch.clients, update('inflight-shared', shared))),
      (error: unknown) => error instanceof DeployAlreadyRunning && error.message === `A deploy to REST API inflight-shared (${shared}) is already running, from inflight-shared.yaml. Wait for it to finish, then deploy again.`,
    );
    const alongside = inFlight.run([documentClaim('file:///work/c.yaml', 'c.yaml'), api(other, 'inflight-other')], () => deploy(scratch.clients, update('inflight-other', other)));
    await Promise.all([first, alongside]);
    assert.equal(puts(shared) - putsBefore, 1, 'the refused deploy wrote nothing');
  });

  it('claims all or nothing: a refused deploy leaves its document free', async () => {
    const inFlight = new DeploysInFlight();
    const release = inFlight.claim([api('abc123', 'busy')]);
    const document = documentClaim('file:///work/d.yaml', 'd.yaml');
    assert.throws(() => inFlight.claim([document, api('abc123', 'busy')]), DeployAlreadyRunning);
    inFlight.claim([document])();
    release();
    release();
    inFlight.claim([api('abc123', 'busy')])();
  });

  it('frees the document and the API when a deploy fails', async () => {
    const inFlight = new DeploysInFlight();
    const apiId = (await deploy(scratch.clients, newApi('inflight-gone'))).apiId;
    await scratch.clients.v1.send(new DeleteRestApiCommand({ restApiId: apiId }));
    const claims = [documentClaim('file:///work/gone.yaml', 'gone.yaml'), api(apiId, 'inflight-gone')];
    await assert.rejects(inFlight.run(claims, () => deploy(scratch.clients, update('inflight-gone', apiId))), ApiNoLongerExists);
    inFlight.claim(claims)();
  });

  it('tells the same API id on another endpoint or region apart', () => {
    const inFlight = new DeploysInFlight();
    const here = apiClaim({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1' }, { kind: 'REST', apiId: 'same' }, 'a.yaml');
    const elsewhere = apiClaim({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' }, { kind: 'REST', apiId: 'same' }, 'b.yaml');
    const aws = apiClaim({ region: 'us-east-1' }, { kind: 'REST', apiId: 'same' }, 'c.yaml');
    inFlight.claim([here]);
    inFlight.claim([elsewhere]);
    inFlight.claim([aws]);
    assert.throws(() => inFlight.claim([here]), /A deploy to REST API same is already running, from a\.yaml\./);
  });
});
