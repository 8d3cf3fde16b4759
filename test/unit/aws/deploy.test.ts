import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetRestApiCommand, GetStageCommand, GetResourcesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { CreateStageCommand as CreateV2StageCommand, GetStageCommand as GetV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import type { GatewayClients } from '../../../client/src/aws/connection';
import { DeployCancelled, deploy, EndpointChangeUnsupported, ProductionStageNotConfirmed } from '../../../client/src/deploy/deployer';
import { deployWithProgress, type OpenProgress } from '../../../client/src/deploy/deployFlow';
import { forgetApi, linkedConnection, madeWith, readLinks, rememberLink } from '../../../client/src/deploy/links';
import { rollbackStage } from '../../../client/src/deploy/stageActions';
import { httpDocument, ORDERS_PATH, restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

describe('deploying a document', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  let clients: GatewayClients;
  let workspace: string;
  let backupDir: string;

  before(async () => {
    fixture = await startGatewayFixture();
    clients = await fixture.clients();
  });
  after(() => fixture.close());
  beforeEach(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'apigw-ws-'));
    backupDir = path.join(workspace, '.apigateway', 'backups');
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  async function paths(apiId: string): Promise<string[]> {
    const out = await clients.v1.send(new GetResourcesCommand({ restApiId: apiId, limit: 500 }));
    return (out.items ?? []).map((r) => r.path ?? '').sort();
  }

  it('imports a new REST API and deploys it to a new stage', async () => {
    const steps: string[] = [];
    const result = await deploy(clients, { kind: 'REST', body: restDocument('fresh'), target: { mode: 'new' }, endpointType: 'REGIONAL', stage: { name: 'dev', description: 'first', variables: { alias: 'blue' } }, backupDir },
      { step: (s) => steps.push(s), log() {}, isCancelled: () => false });
    assert.equal(result.created, true);
    assert.equal(result.apiName, 'fresh');
    assert.deepEqual(await paths(result.apiId), ['/', '/pets', '/pets/{petId}']);
    const stage = await clients.v1.send(new GetStageCommand({ restApiId: result.apiId, stageName: 'dev' }));
    assert.equal(stage.deploymentId, result.deploymentId);
    assert.deepEqual(stage.variables, { alias: 'blue' });
    assert.equal(result.invokeUrl, `${fixture.fake.url}/restapis/${result.apiId}/dev/_user_request_`);
    assert.deepEqual(result.backupFiles, [], 'nothing to back up for a new API');
    assert.deepEqual(steps, ['Importing a new REST API', 'Deploying to stage dev']);
  });

  it('writes the backup before overwriting, and the backup holds the old definition', async () => {
    const first = await deploy(clients, { kind: 'REST', body: restDocument('overwritten', ORDERS_PATH), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    const callsBefore = fixture.fake.calls.length;
    const now = new Date('2026-03-04T05:06:07.089Z');
    const result = await deploy(clients, { kind: 'REST', body: restDocument('overwritten'), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir, now });
    const calls = fixture.fake.calls.slice(callsBefore);
    const exportAt = calls.findIndex((c) => c.method === 'GET' && c.path.includes('/exports/'));
    const putAt = calls.findIndex((c) => c.method === 'PUT' && c.path === `/restapis/${first.apiId}`);
    assert.ok(exportAt >= 0 && putAt > exportAt, `export (${exportAt}) must precede the put (${putAt})`);
    const stamp = '2026-03-04T05-06-07-089Z';
    assert.deepEqual(readdirSync(backupDir).sort(), [`${first.apiId}-${stamp}.current.yaml`, `${first.apiId}-${stamp}.snapshot.json`, `${first.apiId}-${stamp}.yaml`]);
    const backup = readFileSync(path.join(backupDir, `${first.apiId}-${stamp}.yaml`), 'utf8');
    assert.match(backup, /\/orders:/, 'the backup has the path the overwrite removed');
    assert.match(backup, /x-amazon-apigateway-integration/);
    assert.deepEqual(await paths(first.apiId), ['/', '/pets', '/pets/{petId}']);
    assert.notEqual(result.deploymentId, first.deploymentId);
  });

  it('merges into an existing API, keeping paths the document lacks', async () => {
    const first = await deploy(clients, { kind: 'REST', body: restDocument('merged'), target: { mode: 'new' }, backupDir });
    const onlyOrders = `openapi: 3.0.1\ninfo:\n  title: merged\n  version: '2'\npaths:\n${ORDERS_PATH}`;
    await deploy(clients, { kind: 'REST', body: onlyOrders, target: { mode: 'existing', apiId: first.apiId, putMode: 'merge' }, backupDir });
    assert.deepEqual(await paths(first.apiId), ['/', '/orders', '/pets', '/pets/{petId}']);
  });

  it('refuses an existing production-like stage until confirmed, without writing anything', async () => {
    const first = await deploy(clients, { kind: 'REST', body: restDocument('guarded'), target: { mode: 'new' }, stage: { name: 'prod' }, backupDir });
    const callsBefore = fixture.fake.calls.length;
    const request = { kind: 'REST' as const, body: restDocument('guarded', ORDERS_PATH), target: { mode: 'existing' as const, apiId: first.apiId, putMode: 'overwrite' as const }, stage: { name: 'prod' }, backupDir };
    await assert.rejects(deploy(clients, request), ProductionStageNotConfirmed);
    assert.ok(fixture.fake.calls.slice(callsBefore).every((c) => c.method === 'GET'), 'only reads before the refusal');
    const confirmed = await deploy(clients, { ...request, productionConfirmed: true });
    assert.equal(confirmed.stage, 'prod');
    assert.deepEqual(await paths(first.apiId), ['/', '/orders', '/pets', '/pets/{petId}']);
  });

  it('stops before the first write when cancelled', async () => {
    const countBefore = (await clients.v1.send(new GetRestApisCommand({ limit: 500 }))).items?.length;
    const callsBefore = fixture.fake.calls.length;
    await assert.rejects(deploy(clients, { kind: 'REST', body: restDocument('cancelled'), target: { mode: 'new' }, backupDir }, { step() {}, log() {}, isCancelled: () => true }), DeployCancelled);
    assert.equal(fixture.fake.calls.length, callsBefore);
    assert.equal((await clients.v1.send(new GetRestApisCommand({ limit: 500 }))).items?.length, countBefore);
  });

  const writesSince = (from: number) => fixture.fake.calls.slice(from).filter((c) => c.method !== 'GET');

  it('changes the endpoint type of an existing REST API with UpdateRestApi before the put', async () => {
    const first = await deploy(clients, { kind: 'REST', body: restDocument('moved'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    const endpoint = async () => (await clients.v1.send(new GetRestApiCommand({ restApiId: first.apiId }))).endpointConfiguration?.types;
    assert.deepEqual(await endpoint(), ['EDGE']);
    const callsBefore = fixture.fake.calls.length;
    const result = await deploy(clients, { kind: 'REST', body: restDocument('moved'), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, endpointType: 'REGIONAL', stage: { name: 'dev' }, backupDir });
    assert.deepEqual(await endpoint(), ['REGIONAL']);
    assert.deepEqual(writesSince(callsBefore).map((c) => `${c.method} ${c.path}`).slice(0, 2), [`PATCH /restapis/${first.apiId}`, `PUT /restapis/${first.apiId}`]);
    assert.ok(result.notes.some((n) => /from EDGE to REGIONAL/.test(n)), result.notes.join('\n'));

    const same = fixture.fake.calls.length;
    await deploy(clients, { kind: 'REST', body: restDocument('moved'), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, endpointType: 'REGIONAL', backupDir });
    assert.ok(!writesSince(same).some((c) => c.method === 'PATCH'), 'an unchanged type is not patched');

    await deploy(clients, { kind: 'REST', body: restDocument('moved'), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, endpointType: 'PRIVATE', backupDir });
    assert.deepEqual(await endpoint(), ['PRIVATE']);
    const refused = fixture.fake.calls.length;
    await assert.rejects(deploy(clients, { kind: 'REST', body: restDocument('moved'), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, endpointType: 'EDGE', backupDir }), EndpointChangeUnsupported);
    assert.deepEqual(writesSince(refused), [], 'private to edge is refused before any write');
    await deploy(clients, { kind: 'REST', body: restDocument('moved'), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, endpointType: 'REGIONAL', backupDir });
    assert.deepEqual(await endpoint(), ['REGIONAL']);
  });

  it('deploys under a cancellable notification until the first write, then under one without Cancel', async () => {
    const phases: { cancellable: boolean; writesAtOpen: number; writesAtEnd?: number; messages: string[] }[] = [];
    const writes = () => fixture.fake.calls.filter((c) => c.method !== 'GET').length;
    const open: OpenProgress = (cancellable) => {
      const phase: (typeof phases)[number] = { cancellable, writesAtOpen: writes(), messages: [] };
      phases.push(phase);
      return { report: (m) => phase.messages.push(m), cancelled: false, end: () => (phase.writesAtEnd ??= writes()) };
    };
    const first = await deploy(clients, { kind: 'REST', body: restDocument('phased'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    await deployWithProgress(clients, { kind: 'REST', body: restDocument('phased'), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir }, open, () => undefined);
    assert.deepEqual(phases.map((p) => p.cancellable), [true, false]);
    assert.equal(phases[0].writesAtEnd, phases[0].writesAtOpen, 'nothing is written while Cancel is offered');
    assert.equal(phases[1].writesAtOpen, phases[0].writesAtEnd, 'the second notification opens before the first write');
    assert.ok(phases[1].writesAtEnd! > phases[1].writesAtOpen);
    assert.deepEqual(phases[0].messages, ['Preparing', `Reading API ${first.apiId}`, `Backing up the deployed definition of ${first.apiId}`]);
    assert.equal(phases[1].messages[0], `Backing up the deployed definition of ${first.apiId}`, 'the last step is shown again without Cancel');
    assert.ok(phases[1].messages.includes('Deploying to stage dev'));
  });

  it('makes no write and never drops Cancel when cancelled before the first write', async () => {
    const first = await deploy(clients, { kind: 'REST', body: restDocument('halted'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    const opened: boolean[] = [];
    const open: OpenProgress = (cancellable) => {
      opened.push(cancellable);
      return { report() {}, cancelled: true, end() {} };
    };
    const callsBefore = fixture.fake.calls.length;
    await assert.rejects(deployWithProgress(clients, { kind: 'REST', body: restDocument('halted', ORDERS_PATH), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir }, open, () => undefined), DeployCancelled);
    assert.deepEqual(writesSince(callsBefore), []);
    assert.deepEqual(opened, [true]);
  });

  it('returns the warnings API Gateway reports', async () => {
    const withWarning = restDocument('warned').replace("      responses:\n        '201'", "      x-amazon-apigateway-request-validator: missing\n      responses:\n        '201'");
    const result = await deploy(clients, { kind: 'REST', body: withWarning, target: { mode: 'new' }, backupDir });
    assert.ok(result.warnings.some((w) => /validator/i.test(w) && /'\/pets'/.test(w)), result.warnings.join('\n'));
  });

  it('imports and reimports an HTTP API, with a stage, a backup and the invoke URL', async () => {
    const first = await deploy(clients, { kind: 'HTTP', body: httpDocument('orders'), target: { mode: 'new' }, stage: { name: 'dev', variables: { env: 'dev' } }, backupDir });
    assert.equal(first.invokeUrl, `${fixture.fake.url}/_aws/execute-api/${first.apiId}/dev`);
    const stage = await clients.v2.send(new GetV2StageCommand({ ApiId: first.apiId, StageName: 'dev' }));
    assert.equal(stage.DeploymentId, first.deploymentId);
    const second = await deploy(clients, { kind: 'HTTP', body: httpDocument('orders'), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir });
    assert.equal(second.backupFiles.length, 1);
    assert.match(readFileSync(second.backupFiles[0], 'utf8'), /\/orders/);
    assert.notEqual(second.deploymentId, first.deploymentId);
  });

  it('rolls a stage back to an earlier deployment', async () => {
    const first = await deploy(clients, { kind: 'REST', body: restDocument('rolled'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    const second = await deploy(clients, { kind: 'REST', body: restDocument('rolled', ORDERS_PATH), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir });
    await rollbackStage(clients, 'REST', first.apiId, 'dev', first.deploymentId!);
    const stage = await clients.v1.send(new GetStageCommand({ restApiId: first.apiId, stageName: 'dev' }));
    assert.equal(stage.deploymentId, first.deploymentId);
    assert.notEqual(stage.deploymentId, second.deploymentId);
  });

  it('removes the canary of a stage it rolls back, so the stage serves that deployment alone', async () => {
    const first = await deploy(clients, { kind: 'REST', body: restDocument('rolled-canary'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    const canary = await deploy(clients, { kind: 'REST', body: restDocument('rolled-canary', ORDERS_PATH), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, stage: { name: 'dev', canaryPercent: 20 }, backupDir });
    const note = await rollbackStage(clients, 'REST', first.apiId, 'dev', first.deploymentId!);
    const stage = await clients.v1.send(new GetStageCommand({ restApiId: first.apiId, stageName: 'dev' }));
    assert.equal(stage.deploymentId, first.deploymentId);
    assert.equal(stage.canarySettings, undefined);
    assert.equal(note, `Its canary, which sent 20% of the traffic to deployment ${canary.deploymentId}, was removed.`);
  });

  it('asks before a reimport reaches an auto-deploy stage that looks like production, whichever stage is deployed', async () => {
    const first = await deploy(clients, { kind: 'HTTP', body: httpDocument('auto'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    await clients.v2.send(new CreateV2StageCommand({ ApiId: first.apiId, StageName: 'prod', AutoDeploy: true }));
    const again = { kind: 'HTTP' as const, body: httpDocument('auto'), target: { mode: 'existing' as const, apiId: first.apiId, putMode: 'overwrite' as const }, backupDir };
    await assert.rejects(deploy(clients, again), (error: unknown) => error instanceof ProductionStageNotConfirmed && error.stage === 'prod');
    await assert.rejects(deploy(clients, { ...again, stage: { name: 'dev' } }), ProductionStageNotConfirmed);
    const confirmed = await deploy(clients, { ...again, productionConfirmed: true });
    assert.ok(confirmed.notes.includes('Stage prod deploys automatically: API Gateway releases the new definition to it itself.'), confirmed.notes.join('\n'));
  });

  it("signs its creating calls with the session's credentials instead of resolving new ones", async () => {
    let resolved = 0;
    const credentials = async () => {
      resolved++;
      return { accessKeyId: 'AKIDGOOD', secretAccessKey: 'secret' };
    };
    // The profile has no keys: a fresh credential chain for the creating calls would fail.
    const session = await fixture.clients('nokeys', { credentials });
    for (const title of ['signed-once', 'signed-once-again']) {
      const result = await deploy(session, { kind: 'REST', body: restDocument(title), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
      assert.ok(result.deploymentId);
    }
    assert.equal(resolved, 1, 'resolved once for both deploys');
  });

  it('remembers deployment links per document, most recent first', async () => {
    const doc = path.join(workspace, 'api', 'pets.yaml');
    assert.deepEqual(await readLinks(workspace, doc), []);
    await rememberLink(workspace, doc, { apiId: 'a1', kind: 'REST', region: 'us-east-1', lastStage: 'dev' });
    await rememberLink(workspace, doc, { apiId: 'b2', kind: 'REST', region: 'eu-west-1', profile: 'work' });
    await rememberLink(workspace, doc, { apiId: 'a1', kind: 'REST', region: 'us-east-1', lastStage: 'test' });
    const links = await readLinks(workspace, doc);
    assert.deepEqual(links.map((l) => [l.apiId, l.lastStage]), [['a1', 'test'], ['b2', undefined]]);
    const file = JSON.parse(readFileSync(path.join(workspace, '.apigateway', 'deployments.json'), 'utf8'));
    assert.deepEqual(Object.keys(file.links), ['api/pets.yaml']);
    await forgetApi(workspace, 'a1', { region: 'us-east-1' });
    assert.deepEqual((await readLinks(workspace, doc)).map((l) => l.apiId), ['b2']);
    assert.ok(existsSync(path.join(workspace, '.apigateway', 'deployments.json')));
  });

  it('keeps links apart by profile and endpoint, and never stores the user name and password of an endpoint', async () => {
    const doc = path.join(workspace, 'api', 'accounts.yaml');
    const dev = { profile: 'dev-account', region: 'us-east-1', endpoint: 'https://user:s3cret@gw.example.com:4566' };
    await rememberLink(workspace, doc, { apiId: 'd1', kind: 'REST', ...dev });
    const [link] = await readLinks(workspace, doc);
    assert.equal(link.endpoint, 'https://gw.example.com:4566');
    assert.ok(!readFileSync(path.join(workspace, '.apigateway', 'deployments.json'), 'utf8').includes('s3cret'));
    assert.ok(madeWith(link, dev), 'the connection that made it, its password aside');
    assert.ok(!madeWith(link, { ...dev, profile: 'prod-account' }));
    await forgetApi(workspace, 'd1', { ...dev, profile: 'prod-account' });
    assert.deepEqual((await readLinks(workspace, doc)).map((l) => l.apiId), ['d1'], 'not found under another profile is no reason to drop it');
    await forgetApi(workspace, 'd1', dev);
    assert.deepEqual(await readLinks(workspace, doc), []);
  });

  it("calls AWS about a linked API where the link says, but in Restricted Mode only on the user's own profile and endpoint", () => {
    const link = { apiId: 'r1', kind: 'REST' as const, profile: 'team', region: 'eu-west-1', endpoint: 'https://gw.example.net' };
    const mine = { profile: 'me', region: 'us-east-1', endpoint: '' };
    assert.deepEqual(linkedConnection(link, mine, true), { profile: 'team', region: 'eu-west-1', endpoint: 'https://gw.example.net' });
    assert.deepEqual(linkedConnection(link, mine, false), mine, 'a link file from an untrusted workspace chooses nothing');
    const sameAsMine = { ...link, profile: 'me', endpoint: undefined };
    assert.deepEqual(linkedConnection(sameAsMine, mine, false), { profile: 'me', region: 'eu-west-1', endpoint: undefined }, 'its region still counts');
    assert.deepEqual(linkedConnection(undefined, mine, false), mine);
  });
});
