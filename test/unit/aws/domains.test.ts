import * as assert from 'node:assert/strict';
import {
  BadRequestException,
  ConflictException,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  ImportRestApiCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiMappingCommand,
  CreateDomainNameCommand as CreateV2DomainNameCommand,
  CreateStageCommand,
  GetApiMappingsCommand,
  GetDomainNamesCommand as GetV2DomainNamesCommand,
  ImportApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { GatewayClients } from '../../../client/src/aws/connection';
import { customDomainUrl, invokeUrlChoices } from '../../../client/src/aws/invokeUrl';
import { listCustomDomainMappings } from '../../../client/src/aws/listing';
import type { TreeNode } from '../../../client/src/tree/nodes';
import { ApiTreeModel } from '../../../client/src/tree/treeModel';
import { httpDocument, restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

async function child(model: ApiTreeModel, parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const children = await model.children(parent);
  const found = children.find((c) => c.label === label);
  assert.ok(found, `no child "${label}" under ${parent?.label ?? 'the root'}; children: ${children.map((c) => c.label).join(', ')}`);
  return found;
}

describe('custom domain names through the real SDK', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  let clients: GatewayClients;
  let restApiId: string;
  let httpApiId: string;

  before(async () => {
    fixture = await startGatewayFixture();
    clients = await fixture.clients();
    restApiId = (await clients.v1.send(new ImportRestApiCommand({ body: new TextEncoder().encode(restDocument('domain-rest')) }))).id!;
    await clients.v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
    await clients.v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
    httpApiId = (await clients.v2.send(new ImportApiCommand({ Body: httpDocument('domain-http') }))).ApiId!;
    await clients.v2.send(new CreateStageCommand({ ApiId: httpApiId, StageName: '$default' }));
  });
  after(() => fixture.close());

  it('lists no mappings on an account without custom domains', async () => {
    assert.deepEqual(await listCustomDomainMappings(clients), []);
  });

  it('creates v1 domain names in their edge and regional shapes and refuses duplicates', async () => {
    const edge = await clients.v1.send(new CreateDomainNameCommand({ domainName: 'api.example.com', certificateArn: CERT }));
    assert.equal(edge.domainName, 'api.example.com');
    assert.deepEqual(edge.endpointConfiguration?.types, ['EDGE']);
    assert.match(edge.distributionDomainName ?? '', /\.cloudfront\.net$/);
    assert.equal(edge.distributionHostedZoneId, 'Z2FDTNDATAQYW2');
    assert.equal(edge.regionalDomainName, undefined);
    assert.ok(edge.certificateUploadDate instanceof Date);
    assert.equal(edge.domainNameStatus, 'AVAILABLE');

    const regional = await clients.v1.send(new CreateDomainNameCommand({ domainName: 'regional.example.com', regionalCertificateArn: CERT, endpointConfiguration: { types: ['REGIONAL'] } }));
    assert.match(regional.regionalDomainName ?? '', /^d-[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com$/);
    assert.equal(regional.regionalCertificateArn, CERT);
    assert.equal(regional.certificateArn, undefined);

    await assert.rejects(clients.v1.send(new CreateDomainNameCommand({ domainName: 'api.example.com', certificateArn: CERT })), BadRequestException);
    await assert.rejects(clients.v1.send(new CreateDomainNameCommand({ domainName: 'nocert.example.com' })), BadRequestException);
    const listed = await clients.v1.send(new GetDomainNamesCommand({ limit: 1 }));
    assert.equal(listed.items?.length, 1);
    assert.ok(listed.position, 'a second page is announced');
  });

  it('maps base paths to REST API stages, (none) being the root, and validates the target', async () => {
    const root = await clients.v1.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, stage: 'prod' }));
    assert.deepEqual({ ...root, $metadata: undefined }, { basePath: '(none)', restApiId, stage: 'prod', $metadata: undefined });
    await clients.v1.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'pets-dev', restApiId, stage: 'dev' }));
    const { items } = await clients.v1.send(new GetBasePathMappingsCommand({ domainName: 'api.example.com' }));
    assert.deepEqual(items?.map((m) => [m.basePath, m.stage]), [['(none)', 'prod'], ['pets-dev', 'dev']]);

    await assert.rejects(clients.v1.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'pets-dev', restApiId, stage: 'dev' })), ConflictException);
    await assert.rejects(clients.v1.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'x', restApiId, stage: 'nope' })), BadRequestException);
    await assert.rejects(clients.v1.send(new CreateBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'y', restApiId: 'missing123' })), NotFoundException);
    await assert.rejects(clients.v1.send(new GetBasePathMappingsCommand({ domainName: 'unknown.example.com' })), NotFoundException);
  });

  it('creates v2 domain names and API mappings, to HTTP and REST APIs, visible through both APIs', async () => {
    const created = await clients.v2.send(new CreateV2DomainNameCommand({
      DomainName: 'http.example.com', DomainNameConfigurations: [{ CertificateArn: CERT, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    }));
    assert.equal(created.ApiMappingSelectionExpression, '$request.basepath');
    assert.equal(created.DomainNameConfigurations?.[0].EndpointType, 'REGIONAL');
    assert.match(created.DomainNameConfigurations?.[0].ApiGatewayDomainName ?? '', /\.execute-api\.us-east-1\.amazonaws\.com$/);
    assert.ok(created.DomainNameConfigurations?.[0].CertificateUploadDate instanceof Date);

    const root = await clients.v2.send(new CreateApiMappingCommand({ DomainName: 'http.example.com', ApiId: httpApiId, Stage: '$default' }));
    assert.ok(root.ApiMappingId);
    assert.equal(root.ApiMappingKey, '');
    await clients.v2.send(new CreateApiMappingCommand({ DomainName: 'http.example.com', ApiId: restApiId, Stage: 'dev', ApiMappingKey: 'legacy/v1' }));
    const mappings = await clients.v2.send(new GetApiMappingsCommand({ DomainName: 'http.example.com' }));
    assert.deepEqual(mappings.Items?.map((m) => [m.ApiId, m.ApiMappingKey, m.Stage]), [[httpApiId, '', '$default'], [restApiId, 'legacy/v1', 'dev']]);
    await assert.rejects(clients.v2.send(new CreateApiMappingCommand({ DomainName: 'http.example.com', ApiId: httpApiId, Stage: 'missing' })), { name: 'BadRequestException' });

    const v2Domains = await clients.v2.send(new GetV2DomainNamesCommand({}));
    assert.deepEqual(v2Domains.Items?.map((d) => d.DomainName).sort(), ['api.example.com', 'http.example.com', 'regional.example.com']);
    const v1Domains = await clients.v1.send(new GetDomainNamesCommand({}));
    assert.ok(v1Domains.items?.some((d) => d.domainName === 'http.example.com'));
  });

  it('lists every mapping once and builds the custom-domain URLs of a stage besides its default URL', async () => {
    const mappings = await listCustomDomainMappings(clients);
    const key = (m: { domainName: string; basePath?: string }) => `${m.domainName}/${m.basePath ?? ''}`;
    assert.deepEqual(mappings.map(key).sort(), ['api.example.com/', 'api.example.com/pets-dev', 'http.example.com/', 'http.example.com/legacy/v1']);
    assert.equal(new Set(mappings.map(key)).size, mappings.length, 'a mapping seen through both APIs is listed once');

    const rest = invokeUrlChoices(clients.connection, { kind: 'REST', apiId: restApiId }, ['dev', 'prod'], mappings);
    assert.deepEqual(rest.map((c) => [c.stage, c.url]), [
      ['dev', `${fixture.fake.url}/restapis/${restApiId}/dev/_user_request_`],
      ['dev', 'https://api.example.com/pets-dev'],
      ['dev', 'https://http.example.com/legacy/v1'],
      ['prod', `${fixture.fake.url}/restapis/${restApiId}/prod/_user_request_`],
      ['prod', 'https://api.example.com'],
    ]);
    const http = invokeUrlChoices(clients.connection, { kind: 'HTTP', apiId: httpApiId }, ['$default'], mappings);
    assert.deepEqual(http.map((c) => c.url), [`${fixture.fake.url}/_aws/execute-api/${httpApiId}`, 'https://http.example.com']);
  });

  it('shows the custom-domain URLs under the stage in the tree', async () => {
    const model = new ApiTreeModel(async () => clients);
    const api = await child(model, await child(model, undefined, 'REST APIs'), 'domain-rest');
    const dev = await child(model, await child(model, api, 'Stages'), 'dev');
    const urls = (await model.children(dev)).filter((n) => n.kind === 'invokeUrl');
    assert.deepEqual(urls.map((n) => [n.label, n.description]), [
      [`${fixture.fake.url}/restapis/${restApiId}/dev/_user_request_`, 'invoke URL'],
      ['https://api.example.com/pets-dev', 'custom domain'],
      ['https://http.example.com/legacy/v1', 'custom domain'],
    ]);
    assert.ok(urls.every((n) => n.url === n.label && n.stage === 'dev' && n.contextValue === 'invokeUrl'));
    const httpApi = await child(model, await child(model, undefined, 'HTTP APIs'), 'domain-http');
    const stage = await child(model, await child(model, httpApi, 'Stages'), '$default');
    assert.deepEqual((await model.children(stage)).filter((n) => n.kind === 'invokeUrl').map((n) => n.label), [`${fixture.fake.url}/_aws/execute-api/${httpApiId}`, 'https://http.example.com']);
  });

  it('lists a stage-less v1 mapping under every stage, the stage name leading the path', () => {
    const choices = invokeUrlChoices({ region: 'eu-west-1' }, { kind: 'REST', apiId: 'r1' }, ['dev', 'prod'], [{ domainName: 'all.example.com', basePath: 'shop', apiId: 'r1' }]);
    assert.deepEqual(choices.filter((c) => c.domainName).map((c) => c.url), ['https://all.example.com/shop/dev', 'https://all.example.com/shop/prod']);
    assert.equal(customDomainUrl('api.example.com', '/v2/'), 'https://api.example.com/v2');
  });
});
