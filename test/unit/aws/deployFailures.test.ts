import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetDeploymentsCommand, GetResourcesCommand, GetRestApisCommand, GetStageCommand, DeleteRestApiCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { createClients, destroyClients, type CallLogEntry, type GatewayClients } from '../../../client/src/aws/connection';
import { deploy, type DeployOptions, type DeployRequest } from '../../../client/src/deploy/deployer';
import {
  ApiNoLongerExists,
  backupSentence,
  DefinitionTooLarge,
  ImportOutcomeUnknown,
  InvalidStageName,
  isNotFound,
  isRefusedRequest,
  MAX_DEFINITION_BYTES,
  outcomeUnknown,
  PartialDeploy,
  reasonOf,
} from '../../../client/src/deploy/deployFailures';
import { planDeploy, type DeployFlowInput, type Prompter } from '../../../client/src/deploy/deployFlow';
import { forgetApi, readLinks, rememberLink } from '../../../client/src/deploy/links';
import { closedPort } from './connectionServers';
import { answers, startFaultProxy, type Fault, type FaultProxy } from './deployFaultProxy';
import { httpDocument, ORDERS_PATH, restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

const IMPORT_REST = /^\/restapis\?/;
const IMPORT_HTTP = /^\/v2\/apis\?/;
const deployments = (apiId: string) => new RegExp(`^/restapis/${apiId}/deployments`);
const ANY_DEPLOYMENTS = /^\/restapis\/[^/]+\/deployments/;

describe('deploys that fail part way, through a failure-injecting proxy', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  let direct: GatewayClients;
  let proxy: FaultProxy;
  let clients: GatewayClients;
  let calls: CallLogEntry[];
  let workspace: string;
  let backupDir: string;
  /** Throttled creating calls are repeated at once, so the tests do not wait. */
  const options = (): DeployOptions => ({ onCall: (entry) => calls.push(entry), throttleRetry: { attempts: 3, delay: () => 1 } });

  before(async () => {
    fixture = await startGatewayFixture();
    direct = await fixture.clients();
    proxy = await startFaultProxy(fixture.fake.port);
    clients = await createClients({ profile: 'good', region: 'us-east-1', endpoint: proxy.url }, { onCall: (entry) => calls.push(entry) });
  });
  after(async () => {
    destroyClients(clients);
    await proxy.close();
    await fixture.close();
  });
  beforeEach(() => {
    calls = [];
    proxy.rules.length = 0;
    workspace = mkdtempSync(path.join(tmpdir(), 'apigw-faults-'));
    backupDir = path.join(workspace, '.apigateway', 'backups');
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  const fail = (method: string, pathPattern: RegExp, fault: Fault, times?: number) => proxy.rules.push({ method, path: pathPattern, fault, times });
  const sent = (method: string, pathPattern: RegExp) => proxy.seen.filter((r) => r.method === method && pathPattern.test(r.url)).length;
  const restApisNamed = async (name: string) => ((await direct.v1.send(new GetRestApisCommand({ limit: 500 }))).items ?? []).filter((a) => a.name === name);
  const httpApisNamed = async (name: string) => ((await direct.v2.send(new GetApisCommand({}))).Items ?? []).filter((a) => a.Name === name);
  const deploymentCount = async (apiId: string) => (await direct.v1.send(new GetDeploymentsCommand({ restApiId: apiId, limit: 500 }))).items?.length ?? 0;
  const paths = async (apiId: string) => ((await direct.v1.send(new GetResourcesCommand({ restApiId: apiId, limit: 500 }))).items ?? []).map((r) => r.path).sort();

  async function existing(title: string, stage = 'dev'): Promise<string> {
    return (await deploy(direct, { kind: 'REST', body: restDocument(title, ORDERS_PATH), target: { mode: 'new' }, stage: { name: stage }, backupDir })).apiId;
  }

  async function failure(request: DeployRequest): Promise<unknown> {
    try {
      await deploy(clients, request, undefined, options());
    } catch (error) {
      return error;
    }
    assert.fail('the deploy was expected to fail');
  }

  describe('an import whose answer is lost', () => {
    const lost: [string, Fault, RegExp][] = [
      ['a 502 page from a proxy', { afterForward: answers.badGatewayPage }, /no clear answer \(an HTTP 502 answer that did not come from API Gateway\)/],
      ['a 500 InternalFailure', { afterForward: answers.internalFailure }, /no clear answer \(InternalFailure: Internal server error\)/],
      ['a dropped connection', { afterForward: 'drop' }, /no clear answer \(TimeoutError: socket hang up\)/],
    ];
    for (const [label, fault, reason] of lost) {
      it(`is not sent again after ${label}, and names the API it created`, async () => {
        const title = `lost-${label.replace(/\W+/g, '-')}`;
        fail('POST', IMPORT_REST, fault, 1);
        const importsBefore = sent('POST', IMPORT_REST);
        const error = await failure({ kind: 'REST', body: restDocument(title), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
        assert.ok(error instanceof ImportOutcomeUnknown, String(error));
        assert.equal(sent('POST', IMPORT_REST) - importsBefore, 1, 'the import is sent once');
        const created = await restApisNamed(title);
        assert.equal(created.length, 1, 'one deploy, one API');
        assert.deepEqual(error.candidates.map((c) => [c.id, c.name]), [[created[0].id, title]]);
        assert.match(error.message, new RegExp(`may have created it anyway: REST API ${title} \\(${created[0].id}\\)`));
        assert.match(error.message, reason);
        assert.ok(!calls.some((c) => c.command === 'CreateDeploymentCommand'), 'nothing is deployed onto an API the deploy is unsure of');
      });
    }

    it('is not sent again for an HTTP API either', async () => {
      fail('PUT', IMPORT_HTTP, { afterForward: 'drop' }, 1);
      const importsBefore = sent('PUT', IMPORT_HTTP);
      const error = await failure({ kind: 'HTTP', body: httpDocument('lost-http'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
      assert.ok(error instanceof ImportOutcomeUnknown, String(error));
      assert.equal(sent('PUT', IMPORT_HTTP) - importsBefore, 1);
      const created = await httpApisNamed('lost-http');
      assert.equal(created.length, 1);
      assert.deepEqual(error.candidates.map((c) => c.id), [created[0].ApiId]);
      assert.match(error.message, /HTTP API lost-http \(\w+\)/);
    });

    it('says nothing seems created when no API with the title appeared', async () => {
      fail('POST', IMPORT_REST, { answer: answers.internalFailure }, 1);
      const error = await failure({ kind: 'REST', body: restDocument('never-made'), target: { mode: 'new' }, backupDir });
      assert.ok(error instanceof ImportOutcomeUnknown, String(error));
      assert.deepEqual(error.candidates, []);
      assert.match(error.message, /No REST API with that title appeared since the import was sent/);
      assert.deepEqual(await restApisNamed('never-made'), []);
    });

    it("names only the API created since the import was sent by API Gateway's clock, and calls an older namesake older", async () => {
      const older = await existing('same-title');
      // Thirty seconds old: within the minute a comparison with this computer's clock would have to allow.
      fixture.fake.state.restApis.get(older)!.createdDate = Date.now() - 30_000;
      fail('POST', IMPORT_REST, { afterForward: answers.internalFailure }, 1);
      const error = await failure({ kind: 'REST', body: restDocument('same-title'), target: { mode: 'new' }, backupDir });
      assert.ok(error instanceof ImportOutcomeUnknown, String(error));
      const [created] = (await restApisNamed('same-title')).filter((a) => a.id !== older);
      assert.deepEqual(error.candidates.map((c) => c.id), [created.id]);
      assert.deepEqual(error.older.map((c) => c.id), [older]);
      assert.deepEqual(calls.map((c) => c.command), ['ImportRestApiCommand', 'GetRestApisCommand'], "API Gateway's clock is read from the listing, not a call of its own");
      assert.match(error.message, new RegExp(`may have created it anyway: REST API same-title \\(${created.id}\\) appeared since the import was sent\\. Check it .* REST API same-title \\(${older}\\) with that title is older than the import\\.$`));
    });

    it('says nothing seems created when the only namesake is older than the import', async () => {
      const older = await existing('only-older');
      fixture.fake.state.restApis.get(older)!.createdDate = Date.now() - 30_000;
      fail('POST', IMPORT_REST, { answer: answers.internalFailure }, 1);
      const error = await failure({ kind: 'REST', body: restDocument('only-older'), target: { mode: 'new' }, backupDir });
      assert.ok(error instanceof ImportOutcomeUnknown, String(error));
      assert.deepEqual(error.candidates, []);
      assert.match(error.message, new RegExp(`No REST API with that title appeared since the import was sent, so nothing seems to have been created\\. REST API only-older \\(${older}\\) with that title is older than the import\\.$`));
    });

    it("is repeated after a proxy's 429 page, a refusal before anything was forwarded", async () => {
      fail('POST', IMPORT_REST, { answer: { status: 429, headers: { 'Content-Type': 'text/html' }, body: '<html>Too Many Requests</html>' } }, 1);
      const importsBefore = sent('POST', IMPORT_REST);
      const result = await deploy(clients, { kind: 'REST', body: restDocument('proxy-throttled-import'), target: { mode: 'new' }, backupDir }, undefined, options());
      assert.equal(sent('POST', IMPORT_REST) - importsBefore, 2);
      assert.deepEqual((await restApisNamed('proxy-throttled-import')).map((a) => a.id), [result.apiId]);
    });

    it('is repeated after a throttling answer, which API Gateway sends before doing anything', async () => {
      fail('POST', IMPORT_REST, { answer: answers.throttled }, 2);
      const importsBefore = sent('POST', IMPORT_REST);
      const result = await deploy(clients, { kind: 'REST', body: restDocument('throttled-import'), target: { mode: 'new' }, backupDir }, undefined, options());
      assert.equal(sent('POST', IMPORT_REST) - importsBefore, 3);
      assert.deepEqual((await restApisNamed('throttled-import')).map((a) => a.id), [result.apiId]);
    });
  });

  it('classifies failures by whether API Gateway may have acted', () => {
    const sentWith = (status?: number, name = 'Error', message = 'x') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, attempts: 1 } });
    assert.equal(outcomeUnknown(sentWith(502, 'SyntaxError')), true);
    // The SDK's two timeouts: the request went out and no answer came, or no connection was ever made.
    const requestTimeout = Object.assign(sentWith(undefined, 'TimeoutError', '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 60000 ms requestTimeout.'), { code: 'ETIMEDOUT' });
    const connectTimeout = sentWith(undefined, 'TimeoutError', '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 5000 ms.');
    assert.equal(outcomeUnknown(requestTimeout), true);
    assert.equal(outcomeUnknown(connectTimeout), false, 'a request without a connection was never sent');
    assert.equal(outcomeUnknown(Object.assign(sentWith(undefined, 'TimeoutError', 'socket hang up'), { code: 'ECONNRESET' })), true);
    assert.equal(outcomeUnknown(sentWith(400, 'BadRequestException')), false);
    assert.equal(outcomeUnknown(Object.assign(sentWith(), { code: 'ECONNREFUSED' })), false);
    assert.equal(outcomeUnknown(Object.assign(new Error('no keys'), { name: 'CredentialsProviderError' })), false);
  });

  it('sends a deployment once when its answer is lost, and says the definition changed but the stage may not have', async () => {
    const apiId = await existing('lost-deployment');
    const before = await deploymentCount(apiId);
    fail('POST', deployments(apiId), { afterForward: 'drop' });
    const deploysBefore = sent('POST', deployments(apiId));
    const error = await failure({ kind: 'REST', body: restDocument('lost-deployment'), target: { mode: 'existing', apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir });
    assert.ok(error instanceof PartialDeploy, String(error));
    assert.equal(sent('POST', deployments(apiId)) - deploysBefore, 1);
    assert.equal(await deploymentCount(apiId), before + 1, 'one deployment, not one per retry');
    assert.match(error.message, /was updated, but it was not deployed to stage dev: TimeoutError: socket hang up\. The answer was lost, so it may have happened after all/);
  });

  it("names an import's findings, not only its heading, and leaves out the warnings listed after them", async () => {
    const bad = restDocument('bad-models').replace('components:\n', 'components:\n  schemas:\n    Bad-Name: {type: object}\n    Also_Bad: {type: object}\n');
    assert.notEqual(bad, restDocument('bad-models'), 'the fixture has a components section');
    const error = await failure({ kind: 'REST', body: bad, target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    assert.match(reasonOf(error), /^BadRequestException: Errors found during import: Unable to create model for 'Bad-Name': Model name must be alphanumeric; Unable to create model for 'Also_Bad': [^;]+$/);
    // Text that is no list of findings keeps to its first line: the rest may echo the signed request.
    const signed = Object.assign(new Error("The request signature we calculated does not match.\n\nThe Canonical String for this request should have been\n  'POST\n/restapis'"), { name: 'InvalidSignatureException' });
    assert.equal(reasonOf(signed), 'InvalidSignatureException: The request signature we calculated does not match.');
  });

  it('says that a definition update whose answer was lost may have been made, naming the API and the backup', async () => {
    const apiId = await existing('lost-update');
    fail('PUT', new RegExp(`^/restapis/${apiId}\\?`), { afterForward: 'drop' });
    const error = await failure({ kind: 'REST', body: restDocument('lost-update'), target: { mode: 'existing', apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir });
    assert.ok(error instanceof PartialDeploy, String(error));
    assert.match(error.message, new RegExp(`^lost-update \\(${apiId}\\): its definition was not updated nor deployed to stage dev: TimeoutError: socket hang up\\. The answer was lost, so it may have happened after all; check before deploying again\\. Backup: `));
    assert.deepEqual(await paths(apiId), ['/', '/pets', '/pets/{petId}'], 'the update was made after all');
  });

  it('says what an overwrite changed when the deployment is then denied', async () => {
    const apiId = await existing('deploy-denied');
    const served = (await direct.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }))).deploymentId;
    const denied = answers.denied(`apigateway:POST on resource: arn:aws:apigateway:us-east-1::/restapis/${apiId}/deployments`);
    fail('POST', deployments(apiId), { answer: denied });
    const error = await failure({ kind: 'REST', body: restDocument('deploy-denied'), target: { mode: 'existing', apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir });
    assert.ok(error instanceof PartialDeploy, String(error));
    assert.equal(error.result.apiId, apiId);
    assert.ok(error.result.backupFiles.length > 0);
    assert.equal(error.message, `The definition of deploy-denied (${apiId}) was updated, but it was not deployed to stage dev: AccessDeniedException: ${JSON.parse(denied.body!).message}. Backup: ${error.result.backupFiles[0]}.`);
    assert.equal(error.summary((file) => path.basename(file)).endsWith(`Backup: ${path.basename(error.result.backupFiles[0])}.`), true);
    assert.deepEqual(await paths(apiId), ['/', '/pets', '/pets/{petId}'], 'the definition was replaced');
    assert.equal((await direct.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }))).deploymentId, served, 'the stage still serves the old deployment');
  });

  it('keeps the id and warnings of a new API whose deployment is denied', async () => {
    fail('POST', ANY_DEPLOYMENTS, { answer: answers.denied('apigateway:POST') });
    const withWarning = restDocument('new-denied').replace("      responses:\n        '201'", "      x-amazon-apigateway-request-validator: missing\n      responses:\n        '201'");
    const error = await failure({ kind: 'REST', body: withWarning, target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    assert.ok(error instanceof PartialDeploy, String(error));
    const [created] = await restApisNamed('new-denied');
    assert.equal(error.result.apiId, created.id);
    assert.equal(error.result.created, true);
    assert.ok(error.result.warnings.some((w) => /validator/i.test(w)), error.result.warnings.join('\n'));
    assert.match(error.message, new RegExp(`^REST API new-denied \\(${created.id}\\) was created, but it was not deployed to stage dev: AccessDeniedException`));
  });

  it('says what a new HTTP API lacks when its stage cannot be created', async () => {
    fail('POST', /^\/v2\/apis\/[^/]+\/stages/, { answer: answers.denied('apigateway:POST') });
    const error = await failure({ kind: 'HTTP', body: httpDocument('http-no-stage'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    assert.ok(error instanceof PartialDeploy, String(error));
    assert.match(error.message, /^HTTP API http-no-stage \(\w+\) was created, but stage dev was not created, so nothing was deployed: AccessDeniedException/);
  });

  it('reports a failure of the first write as it is, since nothing changed', async () => {
    const apiId = await existing('put-fails');
    fail('PUT', new RegExp(`^/restapis/${apiId}`), { answer: answers.denied('apigateway:PUT') });
    const error = await failure({ kind: 'REST', body: restDocument('put-fails'), target: { mode: 'existing', apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir });
    assert.ok(!(error instanceof PartialDeploy));
    assert.equal((error as Error).name, 'AccessDeniedException');
    assert.deepEqual(await paths(apiId), ['/', '/orders', '/pets', '/pets/{petId}']);
  });

  it('repeats a throttled deployment, and says so when throttling outlasts the attempts', async () => {
    const apiId = await existing('throttled');
    fail('POST', deployments(apiId), { answer: answers.throttled }, 2);
    const result = await deploy(clients, { kind: 'REST', body: restDocument('throttled'), target: { mode: 'existing', apiId, putMode: 'merge' }, stage: { name: 'dev' }, backupDir }, undefined, options());
    assert.equal((await direct.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }))).deploymentId, result.deploymentId);

    fail('POST', deployments(apiId), { answer: answers.throttled });
    const error = await failure({ kind: 'REST', body: restDocument('throttled'), target: { mode: 'existing', apiId, putMode: 'merge' }, stage: { name: 'dev' }, backupDir });
    assert.ok(error instanceof PartialDeploy, String(error));
    assert.match(error.message, /was merged, but it was not deployed to stage dev: TooManyRequestsException/);
    // The sends this deploy made are counted, not the one attempt of each single-attempt send.
    assert.equal((error.cause as { $metadata?: { attempts?: number } }).$metadata?.attempts, 3);
  });

  describe('a stage with a canary', () => {
    it('gives a canary the typed stage variables as its overrides, leaving those of the main traffic alone', async () => {
      const apiId = await existing('canary-variables', 'live');
      const request = { kind: 'REST' as const, body: restDocument('canary-variables'), target: { mode: 'existing' as const, apiId, putMode: 'merge' as const }, backupDir, productionConfirmed: true };
      await deploy(clients, { ...request, stage: { name: 'live', variables: { backend: 'v1' } } }, undefined, options());
      await deploy(clients, { ...request, stage: { name: 'live', variables: { backend: 'v2' }, canaryPercent: 10 } }, undefined, options());
      const stage = await direct.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'live' }));
      assert.deepEqual(stage.variables, { backend: 'v1' });
      assert.deepEqual(stage.canarySettings?.stageVariableOverrides, { backend: 'v2' });
    });

    it('switches all traffic when deployed without a canary percentage, removing the canary', async () => {
      const apiId = await existing('canary', 'live');
      const request = { kind: 'REST' as const, body: restDocument('canary'), target: { mode: 'existing' as const, apiId, putMode: 'merge' as const }, backupDir, productionConfirmed: true };
      const canary = await deploy(clients, { ...request, stage: { name: 'live', canaryPercent: 10 } }, undefined, options());
      const withCanary = await direct.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'live' }));
      assert.equal(withCanary.canarySettings?.deploymentId, canary.deploymentId);

      const full = await deploy(clients, { ...request, stage: { name: 'live' } }, undefined, options());
      const stage = await direct.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'live' }));
      assert.equal(stage.deploymentId, full.deploymentId);
      assert.equal(stage.canarySettings, undefined, 'no share of the traffic is left on the old canary');
      assert.ok(full.notes.some((n) => n.includes(`canary sending 10% of its traffic to deployment ${canary.deploymentId}; it was removed`)), full.notes.join('\n'));
    });

    it('leaves a stage without a canary alone', async () => {
      const apiId = await existing('no-canary');
      const result = await deploy(clients, { kind: 'REST', body: restDocument('no-canary'), target: { mode: 'existing', apiId, putMode: 'merge' }, stage: { name: 'dev' }, backupDir }, undefined, options());
      assert.ok(!calls.some((c) => c.command === 'UpdateStageCommand'));
      assert.deepEqual(result.notes, []);
    });

    it('says the canary still gets its share when removing it fails', async () => {
      const apiId = await existing('canary-stuck', 'live');
      const request = { kind: 'REST' as const, body: restDocument('canary-stuck'), target: { mode: 'existing' as const, apiId, putMode: 'merge' as const }, backupDir, productionConfirmed: true };
      const canary = await deploy(direct, { ...request, stage: { name: 'live', canaryPercent: 25 } });
      fail('PATCH', new RegExp(`^/restapis/${apiId}/stages/live`), { answer: answers.denied('apigateway:PATCH') });
      const error = await failure({ ...request, stage: { name: 'live' } });
      assert.ok(error instanceof PartialDeploy, String(error));
      assert.match(error.message, new RegExp(`^The definition of canary-stuck \\(${apiId}\\) was merged and it was deployed to stage live, but the canary of stage live was not removed and still sends 25% of its traffic to deployment ${canary.deploymentId}: AccessDeniedException`));
    });
  });

  describe('a 404 that did not come from API Gateway', () => {
    const htmlNotFound: Fault = { answer: { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<html><body>404 Not Found</body></html>' } };
    const unasked: Prompter = { pick: () => assert.fail('asked'), input: () => assert.fail('asked'), confirm: () => assert.fail('asked') };
    const document = () => path.join(workspace, 'api.yaml');
    const linkedIds = async () => (await readLinks(workspace, document())).map((l) => l.apiId);

    /** A document linked to a new API, its link forgotten when the API is gone, as the deploy command does. */
    async function linkedFlow(title: string): Promise<DeployFlowInput & { answers: { target: string } }> {
      const apiId = await existing(title);
      await rememberLink(workspace, document(), { apiId, kind: 'REST', region: 'us-east-1', endpoint: proxy.url, lastStage: 'dev' });
      return {
        clients, answers: { target: apiId, putMode: 'overwrite', stage: 'dev' }, documentText: restDocument(title), documentName: 'api.yaml', documentTitle: title,
        links: await readLinks(workspace, document()), guessedKind: 'REST', backupDir, onApiGone: (gone) => forgetApi(workspace, gone.apiId, { region: gone.region, endpoint: proxy.url }),
      };
    }

    it('leaves the link alone when it answers the deploy questions\' check of the API', async () => {
      const flow = await linkedFlow('foreign-404-flow');
      const apiId = flow.answers.target;
      fail('GET', new RegExp(`^/restapis/${apiId}$`), htmlNotFound);
      await assert.rejects(planDeploy(flow, unasked), (error) => !(error instanceof ApiNoLongerExists) && (error as Error).name === 'SyntaxError');
      assert.deepEqual(await linkedIds(), [apiId], 'the link stays');
    });

    it('leaves the link alone when it answers the deploy\'s own reading of the API', async () => {
      const flow = await linkedFlow('foreign-404');
      const apiId = flow.answers.target;
      fail('GET', new RegExp(`^/restapis/${apiId}$`), htmlNotFound);
      const error = await failure({ kind: 'REST', body: flow.documentText, target: { mode: 'existing', apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir });
      assert.ok(!(error instanceof ApiNoLongerExists), String(error));
      assert.equal(isNotFound(error), false);
      assert.equal(reasonOf(error), 'an HTTP 404 answer that did not come from API Gateway');
      assert.deepEqual(await linkedIds(), [apiId], 'the link stays');
    });

    it("unlike API Gateway's own 404, which drops the link", async () => {
      const flow = await linkedFlow('really-gone');
      await direct.v1.send(new DeleteRestApiCommand({ restApiId: flow.answers.target }));
      await assert.rejects(planDeploy(flow, unasked), ApiNoLongerExists);
      assert.deepEqual(await linkedIds(), []);
    });
  });

  it('fails the call, not the test run, when the proxy cannot reach the fake', async () => {
    const stranded = await startFaultProxy(await closedPort());
    const lost = await createClients({ profile: 'good', region: 'us-east-1', endpoint: stranded.url }, { maxAttempts: 1 });
    try {
      await assert.rejects(lost.v1.send(new GetRestApisCommand({})));
    } finally {
      destroyClients(lost);
      await stranded.close();
    }
  });

  it('names an API deleted meanwhile instead of failing on an invalid identifier', async () => {
    const apiId = await existing('deleted-meanwhile');
    await direct.v1.send(new DeleteRestApiCommand({ restApiId: apiId }));
    const error = await failure({ kind: 'REST', body: restDocument('deleted-meanwhile'), target: { mode: 'existing', apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir });
    assert.ok(error instanceof ApiNoLongerExists, String(error));
    assert.equal(error.message, `API ${apiId} no longer exists in us-east-1.`);
    assert.equal(new ApiNoLongerExists('REST', apiId, 'us-east-1', 'orders').message, `API orders (${apiId}) no longer exists in us-east-1.`);
  });

  it('names an API deleted after the deploy read it and before its first write, REST and HTTP alike', async () => {
    const apiId = await existing('deleted-before-write');
    // Taken out of the stand-in's state at once, so that the write that follows finds it gone.
    const deleteOnWrite = (kind: 'REST' | 'HTTP', id: string) => ({
      step: (message: string) => {
        if (/^(Overwriting|Merging|Updating|Reimporting)/.test(message)) (kind === 'REST' ? fixture.fake.state.restApis : fixture.fake.state.httpApis).delete(id);
      },
      log: () => undefined,
      isCancelled: () => false,
    });
    const attempt = async (request: DeployRequest, kind: 'REST' | 'HTTP', id: string) => {
      try {
        await deploy(direct, request, deleteOnWrite(kind, id), options());
      } catch (error) {
        return error;
      }
      assert.fail('the deploy was expected to fail');
    };
    const rest = await attempt({ kind: 'REST', body: restDocument('deleted-before-write'), target: { mode: 'existing', apiId, putMode: 'overwrite' }, stage: { name: 'dev' }, backupDir }, 'REST', apiId);
    assert.ok(rest instanceof ApiNoLongerExists, String(rest));
    assert.equal(rest.apiId, apiId);
    const http = (await deploy(direct, { kind: 'HTTP', body: httpDocument('deleted-before-reimport'), target: { mode: 'new' }, stage: { name: '$default' }, backupDir })).apiId;
    const gone = await attempt({ kind: 'HTTP', body: httpDocument('deleted-before-reimport'), target: { mode: 'existing', apiId: http, putMode: 'overwrite' }, stage: { name: '$default' }, backupDir }, 'HTTP', http);
    assert.ok(gone instanceof ApiNoLongerExists, String(gone));
  });

  it('refuses a REST definition over 6 MB before sending anything', async () => {
    const base = restDocument('huge');
    const body = base.replace("  version: '1'\n", `  version: '1'\n  description: ${'x'.repeat(MAX_DEFINITION_BYTES.REST! - base.length)}\n`);
    const callsBefore = fixture.fake.calls.length;
    const seenBefore = proxy.seen.length;
    const error = await failure({ kind: 'REST', body, target: { mode: 'new' }, backupDir });
    assert.ok(error instanceof DefinitionTooLarge, String(error));
    assert.match(error.message, /at most 6 MB/);
    assert.equal(fixture.fake.calls.length, callsBefore);
    assert.equal(proxy.seen.length, seenBefore);
    assert.equal(isRefusedRequest(error), true);
  });

  it('refuses a stage name API Gateway would refuse before writing anything', async () => {
    const apiId = await existing('bad-stage');
    for (const name of ['v1.2', 'prod stage', '', '$default']) {
      const callsBefore = fixture.fake.calls.length;
      const error = await failure({ kind: 'REST', body: restDocument('bad-stage'), target: { mode: 'existing', apiId, putMode: 'merge' }, stage: { name }, backupDir });
      assert.ok(error instanceof InvalidStageName, `${name}: ${String(error)}`);
      assert.equal(fixture.fake.calls.length, callsBefore, `${name}: nothing sent`);
      assert.equal(isRefusedRequest(error), true);
    }
    assert.equal(isRefusedRequest(Object.assign(new Error('bad'), { name: 'BadRequestException', $metadata: { httpStatusCode: 400 } })), true);
    assert.equal(isRefusedRequest(Object.assign(new Error('slow down'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } })), false);
  });

  it("accepts an HTTP API's $default stage", async () => {
    const result = await deploy(clients, { kind: 'HTTP', body: httpDocument('http-default'), target: { mode: 'new' }, stage: { name: '$default' }, backupDir }, undefined, options());
    assert.equal(result.stage, '$default');
  });
});

describe('the backup sentence of a deploy message', () => {
  it('names the backup, and says what it lacks when the API could not be read whole', () => {
    const show = (file: string) => path.basename(file);
    assert.equal(backupSentence([], show), '');
    assert.equal(backupSentence([{ file: '/b/a.yaml', kind: 'export' }, { file: '/b/a.current.yaml', kind: 'rebuilt', notes: [] }], show), ' Backup: a.yaml.');
    assert.equal(
      backupSentence([{ file: '/b/a.yaml', kind: 'rebuilt', notes: ['Gateway responses could not be read, so customised ones are not in this document.'] }], show),
      ' Backup: a.yaml (Gateway responses could not be read, so customised ones are not in this document).',
    );
    assert.match(backupSentence([{ file: '/b/a.yaml', kind: 'rebuilt', notes: ['One.', 'Two.'] }], show), /^ Backup: a\.yaml \(with 2 notes on what it could not carry/);
  });
});
