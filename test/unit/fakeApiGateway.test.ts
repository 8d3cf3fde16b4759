import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetAuthorizersCommand,
  GetDeploymentsCommand,
  GetDomainNamesCommand,
  GetExportCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  ImportRestApiCommand,
  NotFoundException,
  BadRequestException,
  ConflictException,
  CreateStageCommand,
  DeleteStageCommand,
  PutRestApiCommand,
  TestInvokeMethodCommand,
  TooManyRequestsException,
  UpdateRestApiCommand,
  UpdateStageCommand,
  paginateGetRestApis,
  type Resource,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand as CreateV2DeploymentCommand,
  CreateRouteCommand,
  CreateStageCommand as CreateV2StageCommand,
  DeleteApiCommand,
  ExportApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentsCommand as GetV2DeploymentsCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand as GetV2StagesCommand,
  ImportApiCommand,
  NotFoundException as V2NotFoundException,
  ReimportApiCommand,
  UpdateStageCommand as UpdateV2StageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parse as parseYaml } from 'yaml';
import { isHttpApiDocument, seedFromFolder } from '../fake-apigateway/seed';
import { startFakeApiGateway, type FakeApiGateway } from '../fake-apigateway/server';

const CORPUS = '/work/shared/corpus/openapi';
const corpusFile = (name: string) => readFileSync(join(CORPUS, name));
const credentials = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: 'x' });

/** A MOCK-only REST API whose templates hold no Velocity, so the fake's test invoke can answer in full. */
const MOCK_API_YAML = `
openapi: 3.0.1
info: {title: mock-orders, version: '1'}
paths:
  /orders:
    get:
      responses:
        '200': {description: ok, headers: {X-Source: {schema: {type: string}}}}
        '404': {description: missing}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default:
            statusCode: '200'
            responseParameters: {method.response.header.X-Source: "'mock'"}
            responseTemplates: {application/json: '{"orders": []}'}
          '404':
            statusCode: '404'
`;

function pathsOf(resources: Resource[] | undefined): string[] {
  return (resources ?? []).map((r) => r.path ?? '').sort();
}

async function exportedPaths(v1: APIGatewayClient, restApiId: string, stageName: string): Promise<string[]> {
  const exported = await v1.send(
    new GetExportCommand({ restApiId, stageName, exportType: 'oas30', accepts: 'application/json', parameters: { extensions: 'apigateway' } }),
  );
  return Object.keys(JSON.parse(Buffer.from(exported.body ?? []).toString('utf8')).paths).sort();
}

describe('fake API Gateway driven by the real AWS SDK clients', function () {
  this.timeout(20000);
  let fake: FakeApiGateway;
  let v1: APIGatewayClient;
  let v2: ApiGatewayV2Client;

  before(async () => {
    fake = await startFakeApiGateway();
    const config = { endpoint: fake.url, region: 'us-east-1', credentials: credentials('AKIDTEST') };
    v1 = new APIGatewayClient(config);
    v2 = new ApiGatewayV2Client(config);
  });

  after(async () => {
    v1.destroy();
    v2.destroy();
    await fake.close();
  });

  describe('REST APIs (apigateway)', () => {
    it('imports a Swagger 2.0 document into resources, methods, integrations, authorizers and models', async () => {
      const api = await v1.send(new ImportRestApiCommand({ body: corpusFile('17_petstore-authorizer.swagger.json') }));
      assert.equal(api.name, 'PetStore');
      assert.match(api.id ?? '', /^[a-z0-9]{10}$/);
      assert.ok(api.createdDate instanceof Date && Math.abs(api.createdDate.getTime() - Date.now()) < 60000);

      const { items } = await v1.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'] }));
      assert.deepEqual(pathsOf(items), ['/', '/pets', '/pets/{petId}']);
      const byPath = new Map((items ?? []).map((r) => [r.path, r]));
      const root = byPath.get('/');
      assert.equal(root?.id, api.rootResourceId);
      assert.equal(byPath.get('/pets')?.parentId, root?.id);
      assert.equal(byPath.get('/pets/{petId}')?.parentId, byPath.get('/pets')?.id);
      assert.equal(byPath.get('/pets/{petId}')?.pathPart, '{petId}');

      const { items: authorizers } = await v1.send(new GetAuthorizersCommand({ restApiId: api.id }));
      const used = authorizers?.find((a) => a.name === 'test-authorizer');
      assert.equal(used?.type, 'TOKEN');
      assert.equal(used?.identitySource, 'method.request.header.Authorization');
      assert.equal(used?.authorizerResultTtlInSeconds, 60);

      const listPets = byPath.get('/pets')?.resourceMethods?.GET;
      assert.equal(listPets?.authorizationType, 'CUSTOM');
      assert.equal(listPets?.authorizerId, used?.id);
      assert.equal(listPets?.methodIntegration?.type, 'HTTP');
      assert.equal(listPets?.methodIntegration?.httpMethod, 'GET');
      assert.equal(byPath.get('/pets')?.resourceMethods?.POST?.authorizationType, 'NONE');

      const getPet = await v1.send(new GetMethodCommand({ restApiId: api.id, resourceId: byPath.get('/pets/{petId}')?.id, httpMethod: 'GET' }));
      assert.equal(getPet.requestParameters?.['method.request.path.petId'], true);
      assert.deepEqual(Object.keys(getPet.methodResponses ?? {}), ['200']);

      const options = await v1.send(new GetIntegrationCommand({ restApiId: api.id, resourceId: byPath.get('/pets')?.id, httpMethod: 'OPTIONS' }));
      assert.equal(options.type, 'MOCK');
      assert.equal(options.integrationResponses?.['200']?.statusCode, '200');
      assert.equal(options.passthroughBehavior, 'WHEN_NO_MATCH');

      const { items: models } = await v1.send(new GetModelsCommand({ restApiId: api.id }));
      const names = (models ?? []).map((m) => m.name).sort();
      assert.deepEqual(names, ['Empty', 'NewPet', 'NewPetResponse', 'Pet', 'PetType', 'Pets']);
      const pets = models?.find((m) => m.name === 'Pets');
      assert.match(pets?.schema ?? '', new RegExp(`https://apigateway.amazonaws.com/restapis/${api.id}/models/Pet`));
    });

    it('lists resources without embedded methods as method names only', async () => {
      const api = await v1.send(new ImportRestApiCommand({ body: corpusFile('07_openapi-mock.json') }));
      const { items } = await v1.send(new GetResourcesCommand({ restApiId: api.id }));
      const echo = items?.find((r) => r.path === '/echo/{data}');
      assert.deepEqual(echo?.resourceMethods, { ANY: {} });
    });

    it('imports YAML, reports unsupported model keywords as warnings, and fails on them when asked', async () => {
      const doc = `${MOCK_API_YAML}components:\n  schemas:\n    Order:\n      type: object\n      example: {id: 1}\n`;
      const api = await v1.send(new ImportRestApiCommand({ body: Buffer.from(doc) }));
      assert.equal(api.name, 'mock-orders');
      assert.equal(api.warnings?.length, 1);
      assert.match(api.warnings?.[0] ?? '', /Order.*"example"/);
      await assert.rejects(v1.send(new ImportRestApiCommand({ body: Buffer.from(doc), failOnWarnings: true })), (error) => {
        assert.ok(error instanceof BadRequestException);
        assert.match(error.message, /^Warnings found during import/);
        return true;
      });
    });

    it('refuses unreadable documents and documents without paths with BadRequestException', async () => {
      for (const body of ['{ not json', 'openapi: 3.0.1\ninfo: {title: x, version: "1"}\n', '[1, 2]']) {
        await assert.rejects(v1.send(new ImportRestApiCommand({ body: Buffer.from(body) })), (error) => {
          assert.ok(error instanceof BadRequestException, String(error));
          assert.match(error.message, /^Invalid OpenAPI input/);
          return true;
        });
      }
    });

    it('pages GetRestApis with limit and position, also through the SDK paginator', async () => {
      const created = new Set<string>();
      for (let i = 0; i < 30; i++) {
        const api = await v1.send(new CreateRestApiCommand({ name: `paged-${i}`, endpointConfiguration: { types: ['REGIONAL'] } }));
        created.add(api.id as string);
      }
      const seen: string[] = [];
      let position: string | undefined;
      let pages = 0;
      do {
        const page = await v1.send(new GetRestApisCommand({ limit: 10, position }));
        assert.ok((page.items?.length ?? 0) <= 10);
        seen.push(...(page.items ?? []).map((a) => a.id as string));
        position = page.position;
        pages++;
      } while (position);
      assert.equal(new Set(seen).size, seen.length, 'no API is listed twice');
      for (const id of created) assert.ok(seen.includes(id));
      assert.ok(pages >= 3);

      let viaPaginator = 0;
      for await (const page of paginateGetRestApis({ client: v1, pageSize: 10 }, {})) viaPaginator += page.items?.length ?? 0;
      assert.equal(viaPaginator, seen.length);

      const one = await v1.send(new GetRestApiCommand({ restApiId: [...created][0] }));
      assert.deepEqual(one.endpointConfiguration?.types, ['REGIONAL']);
      assert.equal(one.name, 'paged-0');
    });

    it('deploys to a stage, redeploys, rolls back with UpdateStage and patches variables and canary settings', async () => {
      const api = await v1.send(new ImportRestApiCommand({ body: Buffer.from(MOCK_API_YAML) }));
      const restApiId = api.id as string;
      const first = await v1.send(
        new CreateDeploymentCommand({ restApiId, stageName: 'dev', stageDescription: 'development', description: 'first', variables: { color: 'blue' } }),
      );
      let stage = await v1.send(new GetStageCommand({ restApiId, stageName: 'dev' }));
      assert.equal(stage.deploymentId, first.id);
      assert.equal(stage.description, 'development');
      assert.deepEqual(stage.variables, { color: 'blue' });

      const extended = MOCK_API_YAML.replace('paths:\n', "paths:\n  /health:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{\"statusCode\": 200}'}, responses: {default: {statusCode: '200'}}}\n");
      await v1.send(new PutRestApiCommand({ restApiId, mode: 'overwrite', body: Buffer.from(extended) }));
      const second = await v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev', description: 'second' }));
      assert.deepEqual(await exportedPaths(v1, restApiId, 'dev'), ['/health', '/orders']);

      stage = await v1.send(
        new UpdateStageCommand({
          restApiId,
          stageName: 'dev',
          patchOperations: [
            { op: 'replace', path: '/deploymentId', value: first.id },
            { op: 'replace', path: '/description', value: 'rolled back' },
            { op: 'replace', path: '/variables/color', value: 'green' },
            { op: 'replace', path: '/canarySettings/percentTraffic', value: '10' },
            { op: 'replace', path: '/canarySettings/deploymentId', value: second.id },
          ],
        }),
      );
      assert.equal(stage.deploymentId, first.id);
      assert.equal(stage.description, 'rolled back');
      assert.deepEqual(stage.variables, { color: 'green' });
      assert.equal(stage.canarySettings?.percentTraffic, 10);
      assert.equal(stage.canarySettings?.deploymentId, second.id);
      assert.deepEqual(await exportedPaths(v1, restApiId, 'dev'), ['/orders'], 'the export follows the deployment the stage points at');

      await assert.rejects(
        v1.send(new UpdateStageCommand({ restApiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'nope00' }] })),
        NotFoundException,
      );
      await assert.rejects(
        v1.send(new UpdateStageCommand({ restApiId, stageName: 'dev', patchOperations: [{ op: 'replace', path: '/bogus', value: 'x' }] })),
        (error) => error instanceof BadRequestException && /Invalid patch path '\/bogus'/.test(error.message),
      );

      const { items: deployments } = await v1.send(new GetDeploymentsCommand({ restApiId }));
      assert.deepEqual((deployments ?? []).map((d) => d.description).sort(), ['first', 'second']);
      await v1.send(new CreateStageCommand({ restApiId, stageName: 'prod', deploymentId: second.id }));
      await assert.rejects(v1.send(new CreateStageCommand({ restApiId, stageName: 'prod', deploymentId: second.id })), ConflictException);
      const { item: stages } = await v1.send(new GetStagesCommand({ restApiId }));
      assert.deepEqual((stages ?? []).map((s) => s.stageName).sort(), ['dev', 'prod']);
      await v1.send(new DeleteStageCommand({ restApiId, stageName: 'prod' }));
      await assert.rejects(v1.send(new GetStageCommand({ restApiId, stageName: 'prod' })), NotFoundException);
    });

    it('exports OAS 3.0 as JSON and YAML with integrations, and the export imports back to the same API shape', async () => {
      const original = await v1.send(new ImportRestApiCommand({ body: corpusFile('17_petstore-authorizer.swagger.json') }));
      await v1.send(new CreateDeploymentCommand({ restApiId: original.id, stageName: 'dev' }));
      const exportOf = (accepts: string) =>
        v1.send(new GetExportCommand({ restApiId: original.id, stageName: 'dev', exportType: 'oas30', accepts, parameters: { extensions: 'apigateway' } }));

      const asJson = await exportOf('application/json');
      assert.equal(asJson.contentType, 'application/json');
      const doc = JSON.parse(Buffer.from(asJson.body ?? []).toString('utf8'));
      assert.equal(doc.openapi, '3.0.1');
      assert.equal(doc.paths['/pets'].get['x-amazon-apigateway-integration'].type, 'http');
      assert.deepEqual(doc.paths['/pets'].get.security, [{ 'test-authorizer': [] }]);
      assert.ok(doc.components.securitySchemes['test-authorizer']['x-amazon-apigateway-authorizer']);

      const asYaml = await exportOf('application/yaml');
      assert.equal(asYaml.contentType, 'application/yaml');
      const yamlText = Buffer.from(asYaml.body ?? []).toString('utf8');
      assert.deepEqual(parseYaml(yamlText), doc);

      const copy = await v1.send(new ImportRestApiCommand({ body: Buffer.from(yamlText) }));
      const before = await v1.send(new GetResourcesCommand({ restApiId: original.id, embed: ['methods'] }));
      const after = await v1.send(new GetResourcesCommand({ restApiId: copy.id, embed: ['methods'] }));
      assert.deepEqual(pathsOf(after.items), pathsOf(before.items));
      const shape = (items: Resource[] | undefined) =>
        (items ?? []).flatMap((r) =>
          Object.values(r.resourceMethods ?? {}).map((m) => ({
            path: r.path,
            method: m.httpMethod,
            auth: m.authorizationType,
            type: m.methodIntegration?.type,
            uri: m.methodIntegration?.uri,
            templates: m.methodIntegration?.requestTemplates,
            responses: m.methodIntegration?.integrationResponses,
          })),
        ).sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
      assert.deepEqual(shape(after.items), shape(before.items));
    });

    it('answers TestInvokeMethod for MOCK integrations and explains that other backends are not called', async () => {
      const api = await v1.send(new ImportRestApiCommand({ body: Buffer.from(MOCK_API_YAML) }));
      const { items } = await v1.send(new GetResourcesCommand({ restApiId: api.id }));
      const orders = items?.find((r) => r.path === '/orders');
      const result = await v1.send(new TestInvokeMethodCommand({ restApiId: api.id, resourceId: orders?.id, httpMethod: 'GET', pathWithQueryString: '/orders' }));
      assert.equal(result.status, 200);
      assert.equal(result.body, '{"orders": []}');
      assert.equal(result.headers?.['X-Source'], 'mock');
      assert.match(result.log ?? '', /Method completed with status: 200/);

      const pets = await v1.send(new ImportRestApiCommand({ body: corpusFile('16_pets.json') }));
      const petResources = await v1.send(new GetResourcesCommand({ restApiId: pets.id, embed: ['methods'] }));
      const withHttp = petResources.items?.find((r) => Object.values(r.resourceMethods ?? {}).some((m) => m.methodIntegration?.type === 'HTTP'));
      const method = Object.values(withHttp?.resourceMethods ?? {}).find((m) => m.methodIntegration?.type === 'HTTP');
      const proxied = await v1.send(new TestInvokeMethodCommand({ restApiId: pets.id, resourceId: withHttp?.id, httpMethod: method?.httpMethod }));
      assert.equal(proxied.status, 200);
      assert.match(proxied.log ?? '', /does not call backends/);
    });

    it('lists request validators and returns empty domain names in their real shapes', async () => {
      const api = await v1.send(new ImportRestApiCommand({ body: corpusFile('62_api-gateway-request-validation-sample-api-swagger_block0.json') }));
      const { items: validators } = await v1.send(new GetRequestValidatorsCommand({ restApiId: api.id }));
      assert.ok((validators ?? []).length > 0);
      const { items } = await v1.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'] }));
      const validated = (items ?? []).flatMap((r) => Object.values(r.resourceMethods ?? {})).filter((m) => m.requestValidatorId);
      assert.ok(validated.every((m) => validators?.some((v) => v.id === m.requestValidatorId)));
      const domains = await v1.send(new GetDomainNamesCommand({}));
      assert.deepEqual(domains.items, []);
    });

    it('merges a PutRestApi document into the existing resources and overwrites them on request', async () => {
      const api = await v1.send(new ImportRestApiCommand({ body: Buffer.from(MOCK_API_YAML) }));
      const other = MOCK_API_YAML.replace('/orders:', '/customers:');
      await v1.send(new PutRestApiCommand({ restApiId: api.id, mode: 'merge', body: Buffer.from(other) }));
      let listed = await v1.send(new GetResourcesCommand({ restApiId: api.id }));
      assert.deepEqual(pathsOf(listed.items), ['/', '/customers', '/orders']);
      await v1.send(new PutRestApiCommand({ restApiId: api.id, mode: 'overwrite', body: Buffer.from(other) }));
      listed = await v1.send(new GetResourcesCommand({ restApiId: api.id }));
      assert.deepEqual(pathsOf(listed.items), ['/', '/customers']);
      assert.equal(listed.items?.find((r) => r.path === '/')?.id, api.rootResourceId, 'the root resource keeps its id');
    });

    it('changes the endpoint type with UpdateRestApi, except private to edge, and applies a patch whole or not at all', async () => {
      const api = await v1.send(new CreateRestApiCommand({ name: 'movable', endpointConfiguration: { types: ['EDGE'] } }));
      const replace = (from: string, to: string) => ({ op: 'replace' as const, path: `/endpointConfiguration/types/${from}`, value: to });
      const regional = await v1.send(new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [replace('EDGE', 'REGIONAL'), { op: 'replace', path: '/description', value: 'moved' }] }));
      assert.deepEqual(regional.endpointConfiguration?.types, ['REGIONAL']);
      assert.equal(regional.description, 'moved');
      await assert.rejects(v1.send(new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [replace('EDGE', 'PRIVATE')] })), BadRequestException);
      await v1.send(new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [replace('REGIONAL', 'PRIVATE')] }));
      await assert.rejects(v1.send(new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [replace('PRIVATE', 'EDGE')] })), /cannot become edge-optimized/);
      await assert.rejects(
        v1.send(new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [{ op: 'replace', path: '/name', value: 'renamed' }, { op: 'add', path: '/binaryMediaTypes/x', value: '' }] })),
        BadRequestException,
      );
      const after = await v1.send(new GetRestApiCommand({ restApiId: api.id }));
      assert.equal(after.name, 'movable', 'a refused patch changes nothing');
      assert.deepEqual(after.endpointConfiguration?.types, ['PRIVATE']);
    });

    it('deletes an API, after which it is NotFound', async () => {
      const api = await v1.send(new CreateRestApiCommand({ name: 'short-lived' }));
      await v1.send(new DeleteRestApiCommand({ restApiId: api.id }));
      await assert.rejects(v1.send(new GetRestApiCommand({ restApiId: api.id })), (error) => {
        assert.ok(error instanceof NotFoundException);
        assert.equal(error.$metadata.httpStatusCode, 404);
        assert.match(error.message, /Invalid API identifier specified/);
        return true;
      });
    });
  });

  describe('HTTP and WebSocket APIs (apigatewayv2)', () => {
    it('imports an HTTP API into routes, integrations and CORS, and deploys it to a stage', async () => {
      const api = await v2.send(new ImportApiCommand({ Body: corpusFile('64_http-api-open-api_block4.json').toString('utf8') }));
      assert.equal(api.Name, 'Example Pet Store');
      assert.equal(api.ProtocolType, 'HTTP');
      assert.ok(api.CreatedDate instanceof Date);
      assert.ok(api.CorsConfiguration?.AllowOrigins?.length);

      const { Items: routes } = await v2.send(new GetRoutesCommand({ ApiId: api.ApiId }));
      const keys = (routes ?? []).map((r) => r.RouteKey).sort();
      assert.ok(keys.includes('GET /pets'));
      assert.ok(keys.includes('POST /pets'));
      const { Items: integrations } = await v2.send(new GetIntegrationsCommand({ ApiId: api.ApiId }));
      assert.ok((integrations ?? []).every((i) => i.IntegrationType === 'HTTP_PROXY' && i.PayloadFormatVersion === '1.0'));
      for (const route of routes ?? []) {
        assert.ok(integrations?.some((i) => route.Target === `integrations/${i.IntegrationId}`));
      }

      await v2.send(new CreateV2StageCommand({ ApiId: api.ApiId, StageName: 'dev', StageVariables: { tier: 'dev' } }));
      const deployment = await v2.send(new CreateV2DeploymentCommand({ ApiId: api.ApiId, StageName: 'dev', Description: 'first' }));
      assert.equal(deployment.DeploymentStatus, 'DEPLOYED');
      const { Items: stages } = await v2.send(new GetV2StagesCommand({ ApiId: api.ApiId }));
      assert.equal(stages?.[0]?.DeploymentId, deployment.DeploymentId);
      assert.deepEqual(stages?.[0]?.StageVariables, { tier: 'dev' });
      const updated = await v2.send(new UpdateV2StageCommand({ ApiId: api.ApiId, StageName: 'dev', Description: 'updated' }));
      assert.equal(updated.Description, 'updated');
      const { Items: deployments } = await v2.send(new GetV2DeploymentsCommand({ ApiId: api.ApiId }));
      assert.equal(deployments?.length, 1);
    });

    it('shares one integration among routes that $ref the same x-amazon-apigateway-integrations entry', async () => {
      const api = await v2.send(new ImportApiCommand({ Body: corpusFile('65_api-gateway-extensions-integrations_block0.json').toString('utf8') }));
      const { Items: routes } = await v2.send(new GetRoutesCommand({ ApiId: api.ApiId }));
      const { Items: integrations } = await v2.send(new GetIntegrationsCommand({ ApiId: api.ApiId }));
      assert.ok((routes ?? []).length > (integrations ?? []).length);
      assert.ok((integrations ?? []).every((i) => i.IntegrationType === 'AWS_PROXY'));
    });

    it('exports OAS 3.0 as JSON and YAML, and reimports the export', async () => {
      const api = await v2.send(new ImportApiCommand({ Body: corpusFile('64_http-api-open-api_block4.json').toString('utf8') }));
      const json = await v2.send(new ExportApiCommand({ ApiId: api.ApiId, Specification: 'OAS30', OutputType: 'JSON' }));
      const doc = JSON.parse(Buffer.from(json.body ?? []).toString('utf8'));
      assert.equal(doc['x-amazon-apigateway-importexport-version'], '1.0');
      assert.equal(doc.paths['/pets'].get['x-amazon-apigateway-integration'].type, 'http_proxy');
      const yaml = await v2.send(new ExportApiCommand({ ApiId: api.ApiId, Specification: 'OAS30', OutputType: 'YAML' }));
      const yamlText = Buffer.from(yaml.body ?? []).toString('utf8');
      assert.deepEqual(parseYaml(yamlText), doc);

      const before = await v2.send(new GetRoutesCommand({ ApiId: api.ApiId }));
      await v2.send(new ReimportApiCommand({ ApiId: api.ApiId, Body: yamlText }));
      const after = await v2.send(new GetRoutesCommand({ ApiId: api.ApiId }));
      assert.deepEqual((after.Items ?? []).map((r) => r.RouteKey).sort(), (before.Items ?? []).map((r) => r.RouteKey).sort());
    });

    it('pages GetApis with MaxResults and NextToken, and deletes an API', async () => {
      for (let i = 0; i < 5; i++) await v2.send(new CreateApiCommand({ Name: `v2-paged-${i}`, ProtocolType: 'HTTP' }));
      const seen: string[] = [];
      let token: string | undefined;
      do {
        const page = await v2.send(new GetApisCommand({ MaxResults: '2', NextToken: token }));
        assert.ok((page.Items?.length ?? 0) <= 2);
        seen.push(...(page.Items ?? []).map((a) => a.ApiId as string));
        token = page.NextToken;
      } while (token);
      assert.equal(seen.length, fake.state.httpApis.size);

      await v2.send(new DeleteApiCommand({ ApiId: seen[0] }));
      await assert.rejects(v2.send(new GetApiCommand({ ApiId: seen[0] })), V2NotFoundException);
    });

    it('creates a WebSocket API with its routes', async () => {
      const api = await v2.send(
        new CreateApiCommand({ Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }),
      );
      assert.equal(api.RouteSelectionExpression, '$request.body.action');
      assert.match(api.ApiEndpoint ?? '', /^wss:\/\//);
      for (const RouteKey of ['$connect', '$disconnect', 'sendMessage']) await v2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey }));
      const { Items } = await v2.send(new GetRoutesCommand({ ApiId: api.ApiId }));
      assert.deepEqual((Items ?? []).map((r) => r.RouteKey).sort(), ['$connect', '$disconnect', 'sendMessage']);
      await assert.rejects(v2.send(new CreateApiCommand({ Name: 'no-selection', ProtocolType: 'WEBSOCKET' })), /RouteSelectionExpression is required/);
    });

    it('refuses Swagger 2.0 for HTTP APIs', async () => {
      await assert.rejects(
        v2.send(new ImportApiCommand({ Body: corpusFile('16_pets.json').toString('utf8') })),
        /only from OpenAPI 3\.0/,
      );
    });
  });

  describe('seeding from a folder of definitions', () => {
    it('imports each corpus document as a REST or HTTP API and deploys it to dev', async () => {
      const seeded = await startFakeApiGateway();
      try {
        const report = await seedFromFolder(seeded.url, CORPUS);
        assert.ok(report.some((line) => /^64_http-api-open-api_block4\.json: HTTP API \w+ 'Example Pet Store' deployed to dev$/.test(line)));
        assert.ok(report.some((line) => /^17_petstore-authorizer\.swagger\.json: REST API \w+ 'PetStore' deployed to dev$/.test(line)));
        assert.ok(report.some((line) => /^02_oas30_documentation_parts\.json: .*not deployed \(BadRequestException: No integration defined for method\)/.test(line)));
        assert.ok([...seeded.state.httpApis.values()].every((api) => api.stages.get('dev')?.deploymentId));
        assert.ok(seeded.state.restApis.size > 20);
      } finally {
        await seeded.close();
      }
    });

    it('tells HTTP API documents from REST API documents', () => {
      const paths = (integration: object) => ({ '/x': { get: { 'x-amazon-apigateway-integration': integration } } });
      assert.equal(isHttpApiDocument({ openapi: '3.0.1', 'x-amazon-apigateway-importexport-version': '1.0', paths: {} }), true);
      assert.equal(isHttpApiDocument({ openapi: '3.0.1', paths: paths({ type: 'aws_proxy', payloadFormatVersion: '2.0' }) }), true);
      assert.equal(isHttpApiDocument({ openapi: '3.0.1', paths: paths({ type: 'aws_proxy' }) }), false);
      assert.equal(isHttpApiDocument({ openapi: '3.0.1', paths: paths({ type: 'mock', payloadFormatVersion: '1.0' }) }), false);
    });
  });

  describe('credentials, throttling and missing resources', () => {
    it('rejects an unknown access key with UnrecognizedClientException', async () => {
      const client = new APIGatewayClient({ endpoint: fake.url, region: 'us-east-1', credentials: credentials('INVALID') });
      await assert.rejects(client.send(new GetRestApisCommand({})), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, 'UnrecognizedClientException');
        assert.equal(error.message, 'The security token included in the request is invalid.');
        assert.equal(error.$metadata?.httpStatusCode, 403);
        return true;
      });
      client.destroy();
    });

    it('rejects a key without permission with AccessDeniedException', async () => {
      const client = new ApiGatewayV2Client({ endpoint: fake.url, region: 'us-east-1', credentials: credentials('DENIED') });
      await assert.rejects(client.send(new GetApisCommand({})), (error: Error) => {
        assert.equal(error.name, 'AccessDeniedException');
        assert.match(error.message, /is not authorized to perform/);
        return true;
      });
      client.destroy();
    });

    it('throttles the next calls with 429 so the SDK retries, and gives up after maxAttempts', async () => {
      const client = new APIGatewayClient({ endpoint: fake.url, region: 'us-east-1', credentials: credentials('AKIDTEST'), maxAttempts: 3 });
      const before = fake.calls.length;
      fake.throttleNext(1);
      const listed = await client.send(new GetRestApisCommand({ limit: 1 }));
      assert.equal(listed.$metadata.attempts, 2);
      assert.equal(fake.calls.length - before, 2);

      const once = new APIGatewayClient({ endpoint: fake.url, region: 'us-east-1', credentials: credentials('AKIDTEST'), maxAttempts: 1 });
      fake.throttleNext(1);
      await assert.rejects(once.send(new GetRestApisCommand({})), (error) => {
        assert.ok(error instanceof TooManyRequestsException);
        assert.equal(error.$metadata.httpStatusCode, 429);
        return true;
      });
      client.destroy();
      once.destroy();
    });

    it('answers NotFoundException for missing APIs, resources and stages', async () => {
      await assert.rejects(v1.send(new GetRestApiCommand({ restApiId: 'missing000' })), NotFoundException);
      await assert.rejects(v1.send(new GetResourcesCommand({ restApiId: 'missing000' })), NotFoundException);
      const api = await v1.send(new CreateRestApiCommand({ name: 'empty' }));
      await assert.rejects(v1.send(new GetStageCommand({ restApiId: api.id, stageName: 'dev' })), NotFoundException);
      await assert.rejects(
        v1.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' })),
        (error) => error instanceof BadRequestException && /doesn't contain any methods/.test(error.message),
      );
      await assert.rejects(v2.send(new GetApiCommand({ ApiId: 'missing000' })), V2NotFoundException);
    });
  });
});
