import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CreateStageCommand, GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import { DEFAULT_AUTO_DEPLOY_POLL, deploy, type AutoDeployPoll, type DeployRequest } from '../../../client/src/deploy/deployer';
import { deployAnnouncement } from '../../../client/src/deploy/wording';
import { freshId } from '../../fake-apigateway/state';
import { httpDocument } from './fixtures/documents';
import { useDeployScratch } from './fixtures/gateway';

describe('deploying to an HTTP API stage that deploys automatically', function () {
  this.timeout(30_000);

  const scratch = useDeployScratch('apigw-autodeploy-');

  /** An HTTP API with an auto-deploy stage `auto` serving the API's first deployment. */
  async function autoDeployed(title: string): Promise<{ apiId: string; before: string }> {
    const first = await deploy(scratch.clients, { kind: 'HTTP', body: httpDocument(title), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir: scratch.backupDir });
    await scratch.clients.v2.send(new CreateStageCommand({ ApiId: first.apiId, StageName: 'auto', AutoDeploy: true, DeploymentId: first.deploymentId }));
    return { apiId: first.apiId, before: first.deploymentId! };
  }

  /** What API Gateway does on its own some time after a reimport: a new deployment, served by the stage. */
  function landAutoDeployment(apiId: string, stageName: string): string {
    const api = scratch.fixture.fake.state.httpApis.get(apiId)!;
    const deploymentId = freshId(api.deployments, 6);
    api.deployments.set(deploymentId, { deploymentId, createdDate: Date.now(), autoDeployed: true, deploymentStatus: 'DEPLOYED' });
    const stage = api.stages.get(stageName)!;
    stage.deploymentId = deploymentId;
    stage.lastUpdatedDate = Date.now();
    return deploymentId;
  }

  const reimport = (title: string, apiId: string): DeployRequest => ({
    kind: 'HTTP', body: httpDocument(title), target: { mode: 'existing', apiId, putMode: 'overwrite' }, stage: { name: 'auto' }, backupDir: scratch.backupDir,
  });
  const stageReads = (apiId: string) => scratch.fixture.fake.calls.filter((c) => c.method === 'GET' && c.path === `/v2/apis/${apiId}/stages/auto`).length;

  it('waits until the stage serves a deployment other than the one from before the import', async () => {
    const { apiId, before } = await autoDeployed('auto-late');
    const pauses: number[] = [];
    let landed: string | undefined;
    const poll: AutoDeployPoll = {
      attempts: 5,
      async pause(attempt) {
        pauses.push(attempt);
        if (attempt === 2) landed = landAutoDeployment(apiId, 'auto');
      },
    };
    const readsBefore = stageReads(apiId);
    const result = await deploy(scratch.clients, reimport('auto-late', apiId), undefined, { autoDeployPoll: poll });
    assert.ok(landed && landed !== before);
    assert.equal(result.deploymentId, landed);
    assert.deepEqual(pauses, [1, 2], 'it stops polling once the deployment has changed');
    assert.equal(stageReads(apiId) - readsBefore, 1 + 3, 'the read before the import, then one at once and one after each pause');
    assert.equal(result.unfinished, undefined);
    assert.ok(result.notes.includes(`Stage auto has auto-deploy on: API Gateway deployed the change itself as deployment ${landed}.`), result.notes.join('\n'));
    assert.equal((await scratch.clients.v2.send(new GetStageCommand({ ApiId: apiId, StageName: 'auto' }))).DeploymentId, result.deploymentId);
  });

  it('takes a deployment that has already landed without waiting', async () => {
    const { apiId } = await autoDeployed('auto-prompt');
    const pauses: number[] = [];
    let landed: string | undefined;
    const progress = {
      step: (message: string) => {
        if (message === 'Waiting for stage auto to deploy automatically') landed = landAutoDeployment(apiId, 'auto');
      },
      log() {},
      isCancelled: () => false,
    };
    const result = await deploy(scratch.clients, reimport('auto-prompt', apiId), progress, { autoDeployPoll: { attempts: 5, pause: async (attempt) => void pauses.push(attempt) } });
    assert.equal(result.deploymentId, landed);
    assert.deepEqual(pauses, []);
  });

  it('says the change may not be live when the stage still serves the old deployment after the last try', async () => {
    const { apiId, before } = await autoDeployed('auto-stuck');
    const pauses: number[] = [];
    const result = await deploy(scratch.clients, reimport('auto-stuck', apiId), undefined, { autoDeployPoll: { attempts: 3, pause: async (attempt) => void pauses.push(attempt) } });
    assert.deepEqual(pauses, [1, 2, 3], 'a bounded number of tries');
    assert.equal(result.deploymentId, undefined, 'the old deployment is not passed off as the new one');
    const unfinished = `Stage auto deploys automatically, but moments later it still served deployment ${before} from before the import; API Gateway may still be deploying it, so check the stage before relying on the change.`;
    assert.equal(result.unfinished, unfinished);
    assert.ok(result.notes.includes(unfinished));
    const announced = deployAnnouncement(result, (file) => path.basename(file));
    assert.ok(announced.startsWith(`Updated HTTP API auto-stuck (${apiId}), stage auto. ${unfinished} Backup: `), announced);
  });

  it('passes on what API Gateway says of a failed automatic deployment', async () => {
    const { apiId, before } = await autoDeployed('auto-failed');
    // API Gateway reports why the stage did not deploy in its lastDeploymentStatusMessage.
    Object.assign(scratch.fixture.fake.state.httpApis.get(apiId)!.stages.get('auto')!, { lastDeploymentStatusMessage: 'Deployment attempt failed: Unable to deploy API because no routes exist in this API' });
    const result = await deploy(scratch.clients, reimport('auto-failed', apiId), undefined, { autoDeployPoll: { attempts: 1, pause: async () => undefined } });
    assert.equal(result.unfinished, `Stage auto deploys automatically, but moments later it still served deployment ${before} from before the import; API Gateway may still be deploying it, so check the stage before relying on the change. API Gateway says: Deployment attempt failed: Unable to deploy API because no routes exist in this API.`);
  });

  it('waits a few seconds at most by default', () => {
    assert.ok(DEFAULT_AUTO_DEPLOY_POLL.attempts >= 2 && DEFAULT_AUTO_DEPLOY_POLL.attempts <= 10, String(DEFAULT_AUTO_DEPLOY_POLL.attempts));
  });
});
