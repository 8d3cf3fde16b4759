import * as assert from 'node:assert/strict';
import { GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { GetStageCommand as GetV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import { createClients, destroyClients } from '../../../client/src/aws/connection';
import { deploy, type DeployRequest } from '../../../client/src/deploy/deployer';
import { deployWithProgress, planDeploy, type DeployAnswers, type DeployFlowInput, type InputRequest, type PickItem, type Prompter } from '../../../client/src/deploy/deployFlow';
import { PartialDeploy } from '../../../client/src/deploy/deployFailures';
import { answers, startFaultProxy } from './deployFaultProxy';
import { httpDocument, restDocument } from './fixtures/documents';
import { useDeployScratch } from './fixtures/gateway';

/** Answers the deploy questions in order: a pick by label substring, an input by its text; records the inputs shown. */
class Answers implements Prompter {
  readonly inputs: InputRequest[] = [];

  constructor(private readonly script: string[]) {}

  async pick<T>(title: string, items: PickItem<T>[]): Promise<T | undefined> {
    const answer = this.next(title);
    const item = items.find((i) => i.label.includes(answer));
    if (!item) throw new Error(`no item "${answer}" in "${title}": ${items.map((i) => i.label).join(' | ')}`);
    return item.value;
  }

  async input(request: InputRequest): Promise<string | undefined> {
    this.inputs.push(request);
    return this.next(request.title);
  }

  async confirm(): Promise<boolean> {
    return true;
  }

  private next(title: string): string {
    const answer = this.script.shift();
    if (answer === undefined) throw new Error(`unscripted question: ${title}`);
    return answer;
  }
}

describe('stage variables deleted in the deploy form', function () {
  this.timeout(30_000);
  const quietly = { report() {}, cancelled: false, end() {} };
  const scratch = useDeployScratch('apigw-variables-');

  const flow = (kind: 'REST' | 'HTTP', title: string, answers: DeployAnswers = {}): DeployFlowInput => ({
    clients: scratch.clients, answers, documentText: kind === 'REST' ? restDocument(title) : httpDocument(title), documentName: `${title}.yaml`, documentTitle: title,
    links: [], guessedKind: kind, backupDir: scratch.backupDir,
  });
  const restVariables = async (apiId: string, stageName = 'dev') => (await scratch.clients.v1.send(new GetStageCommand({ restApiId: apiId, stageName }))).variables;
  const httpVariables = async (apiId: string, stageName = 'dev') => (await scratch.clients.v2.send(new GetV2StageCommand({ ApiId: apiId, StageName: stageName }))).StageVariables;

  async function restApi(title: string, variables: Record<string, string>): Promise<string> {
    return (await deploy(scratch.clients, { kind: 'REST', body: restDocument(title), target: { mode: 'new' }, stage: { name: 'dev', variables }, backupDir: scratch.backupDir })).apiId;
  }

  async function httpApi(title: string, variables: Record<string, string>): Promise<string> {
    return (await deploy(scratch.clients, { kind: 'HTTP', body: httpDocument(title), target: { mode: 'new' }, stage: { name: 'dev', variables }, backupDir: scratch.backupDir })).apiId;
  }

  async function deployPlanned(input: DeployFlowInput, script: string[]): Promise<{ request: DeployRequest; prompter: Answers }> {
    const prompter = new Answers(script);
    const plan = await planDeploy(input, prompter);
    assert.ok(plan, 'the script completes the plan');
    await deployWithProgress(scratch.clients, plan.request, () => quietly, () => undefined);
    return { request: plan.request, prompter };
  }

  it('removes from an existing REST stage the variables deleted from the box, keeping and changing the others', async () => {
    const apiId = await restApi('vars-rest', { alias: 'blue', legacy: 'old', keep: 'same' });
    const { request, prompter } = await deployPlanned(flow('REST', 'vars-rest'), ['vars-rest', 'Overwrite', 'EDGE', 'dev', '', 'alias=green, keep=same', '']);
    const box = prompter.inputs.find((i) => i.title.includes('Stage variables of dev'));
    assert.equal(box?.value, 'alias=blue, legacy=old, keep=same', 'the box shows the stage\'s variables');
    assert.match(box?.prompt ?? '', /a variable deleted here is removed from the stage/);
    assert.deepEqual(request.stage?.removedVariables, ['legacy']);
    assert.deepEqual(await restVariables(apiId), { alias: 'green', keep: 'same' });
    const patch = scratch.fixture.fake.calls.filter((c) => c.method === 'PATCH' && c.path === `/restapis/${apiId}/stages/dev`);
    assert.equal(patch.length, 1, 'one UpdateStage removes the variable');
  });

  it('removes every variable of a REST stage when the box is emptied', async () => {
    const apiId = await restApi('vars-rest-empty', { a: '1', b: '2' });
    const { request } = await deployPlanned(flow('REST', 'vars-rest-empty'), ['vars-rest-empty', 'Merge', 'EDGE', 'dev', '', '', '']);
    assert.deepEqual(request.stage?.removedVariables, ['a', 'b']);
    assert.deepEqual(await restVariables(apiId) ?? {}, {});
  });

  it('removes from an existing HTTP stage the variables deleted from the box, sent with empty values as API Gateway deletes them', async () => {
    const apiId = await httpApi('vars-http', { env: 'dev', legacy: 'old' });
    const { request } = await deployPlanned(flow('HTTP', 'vars-http'), ['vars-http', 'dev', '', 'env=test']);
    assert.deepEqual(request.stage?.removedVariables, ['legacy']);
    assert.deepEqual(await httpVariables(apiId), { env: 'test' });
  });

  it('removes every variable of an HTTP stage when the box is emptied', async () => {
    const apiId = await httpApi('vars-http-empty', { env: 'dev', legacy: 'old' });
    await deployPlanned(flow('HTTP', 'vars-http-empty'), ['vars-http-empty', 'dev', '', '']);
    assert.deepEqual(await httpVariables(apiId), {});
  });

  it('removes only what the box showed: a variable added to the stage meanwhile stays', async () => {
    const apiId = await restApi('vars-meanwhile', { alias: 'blue', legacy: 'old' });
    const plan = await planDeploy(flow('REST', 'vars-meanwhile'), new Answers(['vars-meanwhile', 'Merge', 'EDGE', 'dev', '', 'alias=blue', '']));
    await scratch.clients.v1.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/variables/added', value: 'by-someone' }] }));
    await deployWithProgress(scratch.clients, plan!.request, () => quietly, () => undefined);
    assert.deepEqual(await restVariables(apiId), { alias: 'blue', added: 'by-someone' });
  });

  it('leaves the stage\'s variables alone when the deploy is unattended, with or without variables of its own', async () => {
    const restId = await restApi('vars-unattended', { alias: 'blue', legacy: 'old' });
    const unattended = await planDeploy(flow('REST', 'vars-unattended', { target: restId, putMode: 'overwrite', stage: 'dev' }), new Answers([]));
    assert.equal(unattended?.request.stage?.removedVariables, undefined);
    await deployWithProgress(scratch.clients, unattended!.request, () => quietly, () => undefined);
    assert.deepEqual(await restVariables(restId), { alias: 'blue', legacy: 'old' });
    const withVariables = await planDeploy(flow('REST', 'vars-unattended', { target: restId, putMode: 'overwrite', stage: 'dev', variables: { alias: 'green' } }), new Answers([]));
    await deployWithProgress(scratch.clients, withVariables!.request, () => quietly, () => undefined);
    assert.deepEqual(await restVariables(restId), { alias: 'green', legacy: 'old' });

    const httpId = await httpApi('vars-unattended-http', { env: 'dev', legacy: 'old' });
    const http = await planDeploy(flow('HTTP', 'vars-unattended-http', { target: httpId, kind: 'HTTP', putMode: 'overwrite', stage: 'dev', variables: { env: 'test' } }), new Answers([]));
    await deployWithProgress(scratch.clients, http!.request, () => quietly, () => undefined);
    assert.deepEqual(await httpVariables(httpId), { env: 'test', legacy: 'old' });
  });

  it('keeps the variables of a stage taking a canary, and says when to remove them', async () => {
    const apiId = await restApi('vars-canary', { alias: 'blue', legacy: 'old' });
    const plan = await planDeploy(flow('REST', 'vars-canary'), new Answers(['vars-canary', 'Merge', 'EDGE', 'dev', '', 'alias=green', '10']));
    assert.deepEqual(plan?.request.stage?.removedVariables, ['legacy']);
    const result = await deployWithProgress(scratch.clients, plan!.request, () => quietly, () => undefined);
    assert.deepEqual(await restVariables(apiId), { alias: 'blue', legacy: 'old' }, 'the main traffic keeps its variables');
    assert.ok(result.notes.includes('Stage variable legacy kept on stage dev: a canary cannot remove stage variables, so remove it when the canary is promoted.'), result.notes.join('\n'));
  });

  it('says which variables were not removed when the removal fails after the deployment', async () => {
    const apiId = await httpApi('vars-refused', { env: 'dev', legacy: 'old', older: 'older' });
    const proxy = await startFaultProxy(scratch.fixture.fake.port);
    const proxied = await createClients({ profile: 'good', region: 'us-east-1', endpoint: proxy.url });
    try {
      proxy.rules.push({ method: 'PATCH', path: new RegExp(`^/v2/apis/${apiId}/stages/dev$`), fault: { answer: answers.denied('apigateway:PATCH') } });
      const request: DeployRequest = {
        kind: 'HTTP', body: httpDocument('vars-refused'), target: { mode: 'existing', apiId, putMode: 'overwrite' }, backupDir: scratch.backupDir,
        stage: { name: 'dev', removedVariables: ['legacy', 'older'] },
      };
      const error = await deploy(proxied, request).catch((e: unknown) => e);
      assert.ok(error instanceof PartialDeploy, String(error));
      assert.match(error.message, /it was deployed to stage dev, but stage variables legacy and older were not removed from stage dev: /);
      assert.deepEqual(await httpVariables(apiId), { env: 'dev', legacy: 'old', older: 'older' });
    } finally {
      destroyClients(proxied);
      await proxy.close();
    }
  });
});
