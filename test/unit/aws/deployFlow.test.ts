import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DeleteRestApiCommand, GetRestApiCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import type { GatewayClients } from '../../../client/src/aws/connection';
import { deploy } from '../../../client/src/deploy/deployer';
import { ApiNoLongerExists } from '../../../client/src/deploy/deployFailures';
import {
  canaryPercentError,
  stageNameError,
  deployWithProgress,
  planDeploy,
  type DeployAnswers,
  type DeployFlowInput,
  type InputRequest,
  type PickItem,
  type Prompter,
} from '../../../client/src/deploy/deployFlow';
import type { DeploymentLink } from '../../../client/src/deploy/links';
import { restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

/** `pick` matches an item label by substring; an input answer failing validation is followed by the next one, as a user retyping. */
type Answer = { pick: string } | { input: string } | { confirm: boolean } | 'dismiss';

interface Question {
  kind: 'pick' | 'input' | 'confirm';
  title: string;
  labels?: string[];
  details?: (string | undefined)[];
  errors?: string[];
}

class ScriptedPrompter implements Prompter {
  readonly asked: Question[] = [];

  constructor(private readonly script: Answer[]) {}

  get unused(): number {
    return this.script.length;
  }

  private next(question: Question): Answer {
    const answer = this.script.shift();
    if (answer === undefined) throw new Error(`unscripted ${question.kind}: ${question.title}`);
    return answer;
  }

  async pick<T>(title: string, items: PickItem<T>[]): Promise<T | undefined> {
    const question: Question = { kind: 'pick', title, labels: items.map((i) => i.label), details: items.map((i) => i.detail) };
    this.asked.push(question);
    const answer = this.next(question);
    if (answer === 'dismiss') return undefined;
    if (!('pick' in answer)) throw new Error(`expected a pick answer for "${title}", got ${JSON.stringify(answer)}`);
    const item = items.find((i) => i.label.includes(answer.pick));
    if (!item) throw new Error(`no item "${answer.pick}" in "${title}": ${question.labels!.join(' | ')}`);
    return item.value;
  }

  async input(request: InputRequest): Promise<string | undefined> {
    const question: Question = { kind: 'input', title: request.title, errors: [] };
    this.asked.push(question);
    for (;;) {
      const answer = this.next(question);
      if (answer === 'dismiss') return undefined;
      if (!('input' in answer)) throw new Error(`expected an input answer for "${request.title}", got ${JSON.stringify(answer)}`);
      const error = request.validate?.(answer.input);
      if (!error) return answer.input;
      question.errors!.push(error);
    }
  }

  async confirm(message: string): Promise<boolean> {
    const question: Question = { kind: 'confirm', title: message };
    this.asked.push(question);
    const answer = this.next(question);
    if (answer === 'dismiss') return false;
    if (!('confirm' in answer)) throw new Error(`expected a confirm answer for "${message}", got ${JSON.stringify(answer)}`);
    return answer.confirm;
  }
}

describe('the deploy questions, driven by scripted answers', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  let clients: GatewayClients;
  let workspace: string;

  before(async () => {
    fixture = await startGatewayFixture();
    clients = await fixture.clients();
    workspace = mkdtempSync(path.join(tmpdir(), 'apigw-flow-'));
  });
  after(async () => {
    await fixture.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  const writes = () => fixture.fake.calls.filter((c) => c.method !== 'GET').length;
  const input = (title: string, links: DeploymentLink[] = [], answers: DeployAnswers = {}): DeployFlowInput => ({
    clients, answers, documentText: restDocument(title), documentName: `${title}.yaml`, documentTitle: title, links, guessedKind: 'REST',
    backupDir: path.join(workspace, 'backups'), now: new Date('2026-05-06T07:08:00Z'),
  });
  const linkTo = (apiId: string, apiName: string, lastStage?: string): DeploymentLink => ({ apiId, kind: 'REST', apiName, region: 'us-east-1', endpoint: fixture.fake.url, lastStage });
  const quietly = { report() {}, cancelled: false, end() {} };

  async function existingApi(title: string, ...stages: string[]): Promise<string> {
    const first = await deploy(clients, { kind: 'REST', body: restDocument(title), target: { mode: 'new' }, stage: { name: stages[0] }, backupDir: path.join(workspace, 'backups') });
    for (const stage of stages.slice(1)) await deploy(clients, { kind: 'REST', body: restDocument(title), target: { mode: 'existing', apiId: first.apiId, putMode: 'overwrite' }, stage: { name: stage }, backupDir: path.join(workspace, 'backups'), productionConfirmed: true });
    return first.apiId;
  }

  it('deploys a new REST API: target, endpoint type, new stage name, description, variables', async () => {
    const prompter = new ScriptedPrompter([
      { pick: 'New REST API' },
      { pick: 'REGIONAL' },
      { pick: 'New stage' },
      { input: 'not a stage!' },
      { input: 'dev' },
      { input: 'first cut' },
      { input: 'alias=blue' },
    ]);
    const plan = await planDeploy(input('flow-new'), prompter);
    assert.equal(prompter.unused, 0);
    assert.ok(plan);
    assert.deepEqual(prompter.asked.map((q) => q.kind), ['pick', 'pick', 'pick', 'input', 'input', 'input']);
    assert.deepEqual(prompter.asked[1].labels, ['EDGE', 'REGIONAL', 'PRIVATE']);
    assert.deepEqual(prompter.asked[3].errors, ['Letters, digits, - and _ only, at most 128 characters']);
    assert.deepEqual(plan.request.target, { mode: 'new' });
    assert.deepEqual(plan.request.stage, { name: 'dev', description: 'first cut', variables: { alias: 'blue' }, canaryPercent: undefined });
    const result = await deployWithProgress(clients, plan.request, () => quietly, () => undefined);
    const api = await clients.v1.send(new GetRestApiCommand({ restApiId: result.apiId }));
    assert.deepEqual(api.endpointConfiguration?.types, ['REGIONAL']);
    const stage = await clients.v1.send(new GetStageCommand({ restApiId: result.apiId, stageName: 'dev' }));
    assert.deepEqual(stage.variables, { alias: 'blue' });
    assert.equal(stage.description, undefined, 'the description goes to the deployment');
  });

  it('offers the linked API first, its current endpoint type first and its last stage first', async () => {
    const apiId = await existingApi('flow-linked', 'dev', 'test');
    const prompter = new ScriptedPrompter([
      { pick: 'flow-linked' },
      { pick: 'Merge' },
      { pick: 'EDGE' },
      { pick: 'test' },
      { input: '' },
      { input: 'colour=green' },
      { input: '' },
    ]);
    const plan = await planDeploy(input('flow-linked', [linkTo(apiId, 'flow-linked', 'test')]), prompter);
    assert.ok(plan);
    assert.equal(prompter.unused, 0);
    const [target, , endpoint, stage] = prompter.asked;
    assert.match(target.labels![0], /\$\(link\) flow-linked/);
    assert.deepEqual(target.labels!.slice(1).map((l) => l.replace(/^\$\([^)]+\) /, '')), ['New REST API', 'Existing REST API…', 'New HTTP API', 'Existing HTTP API…']);
    assert.deepEqual(endpoint.labels, ['EDGE', 'REGIONAL', 'PRIVATE']);
    assert.deepEqual(stage.labels!.slice(0, 2), ['$(layers) test', '$(layers) dev']);
    assert.deepEqual(plan.request.target, { mode: 'existing', apiId, putMode: 'merge' });
    assert.equal(plan.request.endpointType, undefined, 'keeping the current type changes nothing');
    assert.deepEqual(plan.request.stage, { name: 'test', description: undefined, variables: { colour: 'green' }, canaryPercent: undefined });
    assert.equal(plan.link?.apiId, apiId);
  });

  it('refuses an overwrite of a production stage unless confirmed, asked as soon as the stage is picked, writing nothing', async () => {
    const apiId = await existingApi('flow-prod', 'prod');
    const answers = (confirm: boolean): Answer[] => [
      { pick: 'flow-prod' }, { pick: 'Overwrite' }, { pick: 'EDGE' }, { pick: 'prod' }, { confirm }, ...(confirm ? [{ input: 'hotfix' }, { input: '' }, { input: '' }] : []),
    ];
    const before = writes();
    const refused = new ScriptedPrompter(answers(false));
    assert.equal(await planDeploy(input('flow-prod', [linkTo(apiId, 'flow-prod')]), refused), undefined);
    assert.equal(refused.unused, 0);
    assert.equal(refused.asked.at(-1)?.kind, 'confirm');
    assert.match(refused.asked.at(-1)!.title, /"prod" looks like a production stage/);
    assert.equal(writes(), before);

    const confirmed = await planDeploy(input('flow-prod', [linkTo(apiId, 'flow-prod')]), new ScriptedPrompter(answers(true)));
    assert.ok(confirmed);
    assert.equal(confirmed.request.productionConfirmed, true);
    const result = await deployWithProgress(clients, confirmed.request, () => quietly, () => undefined);
    assert.equal(result.stage, 'prod');
    assert.ok(writes() > before);
  });

  it('accepts the $default stage name for HTTP APIs only', () => {
    assert.equal(stageNameError('HTTP', '$default'), undefined);
    assert.equal(stageNameError('HTTP', 'dev_2-a'), undefined);
    assert.match(stageNameError('REST', '$default') ?? '', /^Letters, digits, - and _ only, at most 128 characters$/);
    assert.match(stageNameError('HTTP', 'de v') ?? '', /or \$default$/);
  });

  it('validates the canary percentage until a share above 0 and at most 100 is typed', async () => {
    const apiId = await existingApi('flow-canary', 'dev');
    const prompter = new ScriptedPrompter([
      { pick: 'flow-canary' }, { pick: 'Overwrite' }, { pick: 'EDGE' }, { pick: 'dev' }, { input: '' }, { input: '' },
      { input: '0' }, { input: 'ten' }, { input: '150' }, { input: '-5' }, { input: '12.5' },
    ]);
    const plan = await planDeploy(input('flow-canary', [linkTo(apiId, 'flow-canary')]), prompter);
    assert.ok(plan);
    assert.equal(prompter.asked.at(-1)?.errors?.length, 4);
    assert.equal(plan.request.stage?.canaryPercent, 12.5);
    for (const ok of ['', ' ', '1', '100', '0.5']) assert.equal(canaryPercentError(ok), undefined, ok);
    for (const bad of ['0', '100.1', 'abc', '-1', 'NaN', 'Infinity']) assert.ok(canaryPercentError(bad), bad);
    const result = await deployWithProgress(clients, plan.request, () => quietly, () => undefined);
    const stage = await clients.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }));
    assert.equal(stage.canarySettings?.percentTraffic, 12.5);
    assert.equal(stage.canarySettings?.deploymentId, result.deploymentId);
  });

  it('switches all traffic off a canary when the canary prompt is left empty', async () => {
    const apiId = await existingApi('flow-uncanary', 'dev');
    const pickedCanary = await planDeploy(input('flow-uncanary', [linkTo(apiId, 'flow-uncanary')]), new ScriptedPrompter([
      { pick: 'flow-uncanary' }, { pick: 'Merge' }, { pick: 'EDGE' }, { pick: 'dev' }, { input: '' }, { input: '' }, { input: '20' },
    ]));
    await deployWithProgress(clients, pickedCanary!.request, () => quietly, () => undefined);
    assert.equal((await clients.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }))).canarySettings?.percentTraffic, 20);

    const full = await planDeploy(input('flow-uncanary', [linkTo(apiId, 'flow-uncanary')]), new ScriptedPrompter([
      { pick: 'flow-uncanary' }, { pick: 'Merge' }, { pick: 'EDGE' }, { pick: 'dev' }, { input: '' }, { input: '' }, { input: '' },
    ]));
    const result = await deployWithProgress(clients, full!.request, () => quietly, () => undefined);
    const stage = await clients.v1.send(new GetStageCommand({ restApiId: apiId, stageName: 'dev' }));
    assert.equal(stage.deploymentId, result.deploymentId);
    assert.equal(stage.canarySettings, undefined);
  });

  it('offers a new API instead of a linked one deleted meanwhile, and reports it gone', async () => {
    const apiId = await existingApi('flow-gone', 'dev');
    await clients.v1.send(new DeleteRestApiCommand({ restApiId: apiId }));
    const gone: ApiNoLongerExists[] = [];
    const prompter = new ScriptedPrompter([
      { pick: 'flow-gone' },
      { pick: 'New REST API' }, { pick: 'EDGE' }, { pick: 'New stage' }, { input: 'dev' }, { input: '' }, { input: '' },
    ]);
    const before = writes();
    const plan = await planDeploy({ ...input('flow-gone', [linkTo(apiId, 'flow-gone', 'dev')]), onApiGone: (g) => void gone.push(g) }, prompter);
    assert.equal(prompter.unused, 0);
    assert.deepEqual(gone.map((g) => g.message), [`API flow-gone (${apiId}) no longer exists in us-east-1.`]);
    const [first, again] = prompter.asked;
    assert.match(first.labels![0], /\$\(link\) flow-gone/);
    assert.match(again.title, new RegExp(`^Step 1 of 7: API flow-gone \\(${apiId}\\) no longer exists in us-east-1\\. Deploy flow-gone\\.yaml to`));
    assert.ok(!again.labels!.some((l) => l.includes('$(link)')), 'the gone link is not offered again');
    assert.deepEqual(plan?.target, { mode: 'new', kind: 'REST' });
    assert.equal(writes(), before);
  });

  it('fails an unattended deploy to an API deleted meanwhile rather than create a new one', async () => {
    const apiId = await existingApi('flow-gone-unattended', 'dev');
    await clients.v1.send(new DeleteRestApiCommand({ restApiId: apiId }));
    const gone: string[] = [];
    const flow = { ...input('flow-gone-unattended', [linkTo(apiId, 'flow-gone-unattended')], { target: apiId, putMode: 'overwrite' as const, stage: 'dev' }), onApiGone: (g: ApiNoLongerExists) => void gone.push(g.apiId) };
    await assert.rejects(planDeploy(flow, new ScriptedPrompter([])), (error) => error instanceof ApiNoLongerExists && error.message === `API flow-gone-unattended (${apiId}) no longer exists in us-east-1.`);
    assert.deepEqual(gone, [apiId]);
    await assert.rejects(planDeploy({ ...flow, links: [] }, new ScriptedPrompter([])), ApiNoLongerExists, 'also when the id was never linked');
  });

  it('writes nothing when any question is dismissed', async () => {
    const apiId = await existingApi('flow-dismiss', 'prod');
    const link = [linkTo(apiId, 'flow-dismiss')];
    const sequences: { name: string; flow: DeployFlowInput; answers: Answer[] }[] = [
      {
        name: 'existing API to a production stage',
        flow: input('flow-dismiss', link),
        answers: [{ pick: 'flow-dismiss' }, { pick: 'Overwrite' }, { pick: 'REGIONAL' }, { pick: 'prod' }, { confirm: true }, { input: 'd' }, { input: 'a=b' }, { input: '50' }],
      },
      {
        name: 'new API to a new stage',
        flow: input('flow-dismiss-new'),
        answers: [{ pick: 'New REST API' }, { pick: 'EDGE' }, { pick: 'New stage' }, { input: 'dev' }, { input: 'd' }, { input: '' }],
      },
      {
        name: 'existing API browsed by kind',
        flow: input('flow-dismiss', link),
        answers: [{ pick: 'Existing REST API' }, { pick: 'flow-dismiss' }, { pick: 'Merge' }, { pick: 'EDGE' }, { pick: 'Import only' }],
      },
    ];
    for (const { name, flow, answers } of sequences) {
      const complete = await planDeploy(flow, new ScriptedPrompter([...answers]));
      assert.ok(complete, `${name}: the full script completes the plan`);
      for (let step = 0; step < answers.length; step++) {
        const before = writes();
        const prompter = new ScriptedPrompter([...answers.slice(0, step), 'dismiss']);
        const plan = await planDeploy(flow, prompter);
        assert.equal(plan, undefined, `${name}: dismissing question ${step + 1} ends the deploy`);
        assert.equal(prompter.asked.length, step + 1, `${name}: nothing is asked after question ${step + 1} is dismissed`);
        assert.equal(writes(), before, `${name}: dismissing question ${step + 1} writes nothing`);
      }
    }
  });

  it('numbers the questions, the total shrinking as the choices rule steps out', async () => {
    const prompter = new ScriptedPrompter([
      { pick: 'New REST API' }, { pick: 'EDGE' }, { pick: 'New stage' }, { input: 'dev' }, { input: '' }, { input: '' },
    ]);
    assert.ok(await planDeploy(input('flow-steps'), prompter));
    assert.deepEqual(prompter.asked.map((q) => /^Step (\d+ of \d+): /.exec(q.title)?.[1]), ['1 of 7', '2 of 5', '3 of 5', '3 of 5', '4 of 5', '5 of 5']);
    assert.match(prompter.asked[0].title, /^Step 1 of 7: Deploy flow-steps\.yaml to \(/);
    assert.equal(prompter.asked[3].title, 'Step 3 of 5: New stage name');

    const apiId = await existingApi('flow-steps-existing', 'dev');
    const existing = new ScriptedPrompter([
      { pick: 'flow-steps-existing' }, { pick: 'Merge' }, { pick: 'EDGE' }, { pick: 'dev' }, { input: '' }, { input: '' }, { input: '' },
    ]);
    assert.ok(await planDeploy(input('flow-steps-existing', [linkTo(apiId, 'flow-steps-existing')]), existing));
    assert.deepEqual(existing.asked.map((q) => /^Step (\d+ of \d+): /.exec(q.title)?.[1]), ['1 of 7', '2 of 7', '3 of 7', '4 of 7', '5 of 7', '6 of 7', '7 of 7']);
  });

  it('offers an existing API with the document\'s title first, and the other kind last with the reason it will not fit', async () => {
    const apiId = await existingApi('flow-namesake', 'dev');
    const prompter = new ScriptedPrompter([{ pick: 'flow-namesake' }, { pick: 'Overwrite' }, { pick: 'EDGE' }, { pick: 'Import only' }]);
    const plan = await planDeploy({ ...input('flow-namesake'), kindEvidence: 'x-amazon-apigateway-request-validators' }, prompter);
    assert.deepEqual(plan?.target, { mode: 'existing', kind: 'REST', apiId, name: 'flow-namesake', endpointType: 'EDGE' });
    const [first] = prompter.asked;
    assert.deepEqual(first.labels, ['$(cloud) flow-namesake', '$(add) New REST API', '$(list-unordered) Existing REST API…', '$(add) New HTTP API', '$(list-unordered) Existing HTTP API…']);
    assert.deepEqual(first.details!.slice(3), Array(2).fill('the document uses x-amazon-apigateway-request-validators, which HTTP APIs do not support'));
    assert.equal(first.details![1], undefined, 'the indicated kind carries no warning');
  });

  it('rules nothing out on payloadFormatVersion alone, which REST imports ignore: the other kind\'s namesakes stay and carry no warning', async () => {
    await existingApi('flow-hint', 'dev');
    const prompter = new ScriptedPrompter(['dismiss']);
    assert.equal(await planDeploy({ ...input('flow-hint'), guessedKind: 'HTTP', kindEvidence: 'payloadFormatVersion' }, prompter), undefined);
    const [first] = prompter.asked;
    assert.deepEqual(first.labels, ['$(cloud) flow-hint', '$(add) New HTTP API', '$(list-unordered) Existing HTTP API…', '$(add) New REST API', '$(list-unordered) Existing REST API…']);
    assert.deepEqual(first.details!.slice(3), [undefined, undefined]);
  });

  it('asks nothing when every answer is given, and keeps the endpoint type of a named target', async () => {
    const apiId = await existingApi('flow-unattended', 'dev');
    const prompter = new ScriptedPrompter([]);
    const plan = await planDeploy(input('flow-unattended', [], { target: apiId, putMode: 'overwrite', stage: 'dev' }), prompter);
    assert.ok(plan);
    assert.deepEqual(prompter.asked, []);
    assert.equal(plan.request.endpointType, undefined);
    assert.equal(plan.target.kind, 'REST');
  });
});
