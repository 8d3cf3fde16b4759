import * as assert from 'node:assert/strict';
import { ImportRestApiCommand } from '@aws-sdk/client-api-gateway';
import { ImportApiCommand } from '@aws-sdk/client-apigatewayv2';
import type { GatewayClients } from '../../../client/src/aws/connection';
import { listCustomDomainMappings, listDeployments, listResources, listRestApis, listV2Apis, listV2Deployments } from '../../../client/src/aws/listing';
import { rollbackStage } from '../../../client/src/deploy/stageActions';
import type { TreeNode } from '../../../client/src/tree/nodes';
import { ApiTreeModel } from '../../../client/src/tree/treeModel';
import { httpDocument, restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

async function importRest(clients: GatewayClients, title: string): Promise<string> {
  const out = await clients.v1.send(new ImportRestApiCommand({ body: new TextEncoder().encode(restDocument(title)) }));
  return out.id!;
}

async function child(model: ApiTreeModel, parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const children = await model.children(parent);
  const found = children.find((c) => c.label === label);
  assert.ok(found, `no child "${label}" under ${parent?.label ?? 'the root'}; children: ${children.map((c) => c.label).join(', ')}`);
  return found;
}

describe('listing deployed APIs through the real SDK', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  let clients: GatewayClients;

  before(async () => {
    fixture = await startGatewayFixture();
    clients = await fixture.clients();
  });
  after(() => fixture.close());

  it('collects every page of REST and HTTP APIs', async () => {
    for (let i = 0; i < 7; i++) await importRest(clients, `rest-${i}`);
    for (let i = 0; i < 5; i++) await clients.v2.send(new ImportApiCommand({ Body: httpDocument(`http-${i}`) }));
    const before = fixture.fake.calls.length;
    const rest = await listRestApis(clients, { pageSize: 3 });
    assert.equal(rest.length, 7);
    assert.equal(new Set(rest.map((a) => a.id)).size, 7);
    assert.equal(fixture.fake.calls.slice(before).filter((c) => c.path === '/restapis').length, 3, 'three pages of three');
    const v2 = await listV2Apis(clients, { pageSize: 2 });
    assert.equal(v2.length, 5);
    const resources = await listResources(clients, rest[0].id!, { pageSize: 1 });
    assert.deepEqual(resources.map((r) => r.path).sort(), ['/', '/pets', '/pets/{petId}']);
  });

  it('builds the tree down to methods with auth, integration and Lambda name', async () => {
    const apiId = await importRest(clients, 'tree-api');
    const model = new ApiTreeModel(async () => clients);
    const group = await child(model, undefined, 'REST APIs');
    assert.equal(group.description, '8');
    const api = await child(model, group, 'tree-api');
    assert.match(api.tooltip ?? '', new RegExp(`arn:aws:apigateway:us-east-1::/restapis/${apiId}`));
    assert.deepEqual((await model.children(api)).map((c) => c.label), ['Resources', 'Stages', 'Authorizers', 'Models', 'Request validators']);
    const root = await child(model, await child(model, api, 'Resources'), '/');
    const pets = await child(model, root, '/pets');
    const get = await child(model, pets, 'GET');
    assert.equal(get.description, 'NONE · AWS_PROXY → λ listPets');
    assert.deepEqual(get.operation, { path: '/pets', method: 'GET', resourceId: get.id.split('/')[3] });
    const post = await child(model, pets, 'POST');
    assert.equal(post.description, 'AWS_IAM · HTTP_PROXY → backend.example.com/pets');
    const byId = await child(model, pets, '/{petId}');
    assert.equal((await child(model, byId, 'GET')).description, 'NONE · MOCK');
    const stages = await model.children(await child(model, api, 'Stages'));
    assert.equal(stages.length, 1);
    assert.equal(stages[0].kind, 'empty');
  });

  it('shows stages with invoke URL, variables, canary and deployment history', async () => {
    const { CreateDeploymentCommand } = await import('@aws-sdk/client-api-gateway');
    const apiId = await importRest(clients, 'staged-api');
    const first = await clients.v1.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', variables: { lambdaAlias: 'blue' } }));
    const second = await clients.v1.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev', canarySettings: { percentTraffic: 10 } }));
    const model = new ApiTreeModel(async () => clients);
    const api = await child(model, await child(model, undefined, 'REST APIs'), 'staged-api');
    const dev = await child(model, await child(model, api, 'Stages'), 'dev');
    assert.match(dev.description ?? '', new RegExp(`deployment ${first.id}`));
    const rows = await model.children(dev);
    assert.equal(rows[0].url, `${fixture.fake.url}/restapis/${apiId}/dev/_user_request_`);
    const variables = await model.children(await child(model, dev, 'Stage variables'));
    assert.deepEqual(variables.map((v) => [v.label, v.description]), [['lambdaAlias', 'blue']]);
    assert.match((await child(model, dev, 'Canary')).description ?? '', new RegExp(`10% → deployment ${second.id}`));
    const history = await model.children(await child(model, dev, 'Deployment history'));
    assert.deepEqual(new Set(history.map((h) => h.deploymentId)), new Set([first.id, second.id]));
    assert.equal(history.find((h) => h.deploymentId === first.id)?.contextValue, 'deployment.current');
    assert.equal(history.find((h) => h.deploymentId === second.id)?.contextValue, 'deployment.rollback');
  });

  it('shows HTTP API routes with their integration, and integrations and stages', async () => {
    const out = await clients.v2.send(new ImportApiCommand({ Body: httpDocument('orders-tree') }));
    const model = new ApiTreeModel(async () => clients);
    const api = await child(model, await child(model, undefined, 'HTTP APIs'), 'orders-tree');
    assert.equal(api.api?.apiId, out.ApiId);
    assert.deepEqual((await model.children(api)).map((c) => c.label), ['Routes', 'Integrations', 'Stages']);
    const route = await child(model, await child(model, api, 'Routes'), 'GET /orders');
    assert.equal(route.description, 'AWS_PROXY → λ listOrders');
    assert.deepEqual(route.operation, { method: 'GET', path: '/orders' });
    const integrations = await model.children(await child(model, api, 'Integrations'));
    assert.equal(integrations[0].label, 'λ listOrders');
    assert.match(integrations[0].description ?? '', /payload 2\.0/);
    const websocket = await model.children(await child(model, undefined, 'WebSocket APIs'));
    assert.equal(websocket[0].kind, 'empty');
  });

  it('lists custom-domain mappings, none on an account without custom domains', async () => {
    assert.deepEqual(await listCustomDomainMappings(clients), []);
  });

  describe('deployments made in the same second', () => {
    /** Dates the deployments, in the order given, at growing moments of one second, which API Gateway shows cut to it. */
    function sameSecond(deployments: Iterable<{ createdDate: number }>): void {
      const second = Math.floor(Date.now() / 1000) * 1000 - 60_000;
      let ms = 100;
      for (const deployment of deployments) deployment.createdDate = second + (ms += 300);
    }

    async function history(apiGroup: string, apiName: string, stage: string): Promise<(string | undefined)[]> {
      const model = new ApiTreeModel(async () => clients);
      const api = await child(model, await child(model, undefined, apiGroup), apiName);
      const rows = await model.children(await child(model, await child(model, await child(model, api, 'Stages'), stage), 'Deployment history'));
      return rows.map((r) => r.deploymentId);
    }

    it('put the one a REST stage serves first in its history, and otherwise keep the order API Gateway lists them in', async () => {
      const { CreateDeploymentCommand } = await import('@aws-sdk/client-api-gateway');
      const apiId = await importRest(clients, 'same-second-rest');
      const first = (await clients.v1.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev' }))).id!;
      const second = (await clients.v1.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev' }))).id!;
      sameSecond(fixture.fake.state.restApis.get(apiId)!.deployments.values());
      const listed = await listDeployments(clients, apiId);
      assert.equal(listed[0].createdDate?.getTime(), listed[1].createdDate?.getTime(), 'API Gateway dates them alike');
      assert.deepEqual(listed.map((d) => d.id), [first, second], "as the stand-in lists them, its creation order");
      assert.deepEqual(await history('REST APIs', 'same-second-rest', 'dev'), [second, first], 'the later deploy serves the stage');
      await rollbackStage(clients, 'REST', apiId, 'dev', first);
      assert.deepEqual(await history('REST APIs', 'same-second-rest', 'dev'), [first, second]);
    });

    it('put the one an HTTP stage serves first in its history too', async () => {
      const { CreateDeploymentCommand, CreateStageCommand } = await import('@aws-sdk/client-apigatewayv2');
      const apiId = (await clients.v2.send(new ImportApiCommand({ Body: httpDocument('same-second-http') }))).ApiId!;
      await clients.v2.send(new CreateStageCommand({ ApiId: apiId, StageName: 'dev' }));
      const first = (await clients.v2.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'dev' }))).DeploymentId!;
      const second = (await clients.v2.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'dev' }))).DeploymentId!;
      sameSecond(fixture.fake.state.httpApis.get(apiId)!.deployments.values());
      const listed = await listV2Deployments(clients, apiId);
      assert.equal(listed[0].CreatedDate?.getTime(), listed[1].CreatedDate?.getTime(), 'API Gateway dates them alike');
      assert.equal(listed[0].CreatedDate?.getMilliseconds(), 0, 'in whole seconds');
      assert.deepEqual(listed.map((d) => d.DeploymentId), [first, second]);
      assert.deepEqual(await history('HTTP APIs', 'same-second-http', 'dev'), [second, first]);
      await rollbackStage(clients, 'HTTP', apiId, 'dev', first);
      assert.deepEqual(await history('HTTP APIs', 'same-second-http', 'dev'), [first, second]);
    });
  });
});
