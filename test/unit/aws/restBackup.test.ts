import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ImportRestApiCommand } from '@aws-sdk/client-api-gateway';
import { parse } from 'yaml';
import type { GatewayClients } from '../../../client/src/aws/connection';
import { deploy, writeBackups } from '../../../client/src/deploy/deployer';
import { readRestApiState } from '../../../client/src/deploy/exportDefinition';
import { policyObject, rebuildRestDefinition, type RestApiState } from '../../../client/src/deploy/restDefinition';
import { restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

const LAMBDA = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations';

/** Uses every part of a REST API the rebuilt backup has to carry. */
const RICH = `openapi: 3.0.1
info:
  title: rich
  description: every feature a backup must keep
  version: '7'
x-amazon-apigateway-binary-media-types: [image/png, application/octet-stream]
x-amazon-apigateway-minimum-compression-size: 1024
x-amazon-apigateway-api-key-source: AUTHORIZER
x-amazon-apigateway-policy:
  Version: '2012-10-17'
  Statement:
    - Effect: Allow
      Principal: '*'
      Action: execute-api:Invoke
      Resource: execute-api:/*
x-amazon-apigateway-request-validators:
  all: { validateRequestBody: true, validateRequestParameters: true }
  params: { validateRequestBody: false, validateRequestParameters: true }
paths:
  /orders:
    get:
      operationId: listOrders
      parameters:
        - { name: limit, in: query, required: false, schema: { type: string } }
        - { name: X-Trace, in: header, required: true, schema: { type: string } }
      security: [{ tokenAuth: [] }, { keys: [] }]
      x-amazon-apigateway-request-validator: params
      responses:
        '200':
          description: ok
          headers: { X-Count: { schema: { type: string } } }
          content: { application/json: { schema: { $ref: '#/components/schemas/Orders' } } }
        '404': { description: missing }
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: ${LAMBDA}
        credentials: arn:aws:iam::123456789012:role/invoker
        passthroughBehavior: when_no_templates
        timeoutInMillis: 12000
        cacheKeyParameters: [method.request.querystring.limit]
        requestParameters:
          integration.request.header.X-Trace: method.request.header.X-Trace
        requestTemplates:
          application/json: |
            #set($limit = $input.params('limit'))
            {"limit": "$util.escapeJavaScript($limit)",   
             "trace": "$input.params('X-Trace')"}
        responses:
          default:
            statusCode: '200'
            responseParameters: { method.response.header.X-Count: integration.response.header.X-Count }
            responseTemplates: { application/json: "$input.json('$.orders')" }
          '.*NotFound.*':
            statusCode: '404'
            responseTemplates: { application/json: '{"message": "no such order"}' }
            contentHandling: CONVERT_TO_TEXT
    post:
      security: [{ cognito: [orders/write, orders/admin] }]
      x-amazon-apigateway-request-validator: all
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } }
      responses:
        '201': { description: created }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: POST
        uri: https://backend.example.com/orders
        connectionType: VPC_LINK
        connectionId: vl1234
        tlsConfig: { insecureSkipVerification: true }
        requestTemplates: { application/json: "$input.body" }
        responses:
          '2\\d{2}': { statusCode: '201' }
  /orders/{orderId}:
    delete:
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: string } }
      security: [{ sigv4: [] }]
      responses:
        '204': { description: gone }
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: ${LAMBDA}
  /{proxy+}:
    x-amazon-apigateway-any-method:
      parameters:
        - { name: proxy, in: path, required: true, schema: { type: string } }
      security: [{ requestAuth: [] }]
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        uri: https://backend.example.com/{proxy}
        requestParameters: { integration.request.path.proxy: method.request.path.proxy }
  /health:
    get:
      responses:
        '200': { description: ok }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses:
          default: { statusCode: '200' }
  /reserved/later: {}
components:
  schemas:
    Order:
      type: object
      required: [id]
      properties:
        id: { type: string }
        lines: { type: array, items: { $ref: '#/components/schemas/Line' } }
    Line:
      type: object
      properties: { sku: { type: string }, quantity: { type: integer, minimum: 1 } }
    Orders:
      type: array
      items: { $ref: '#/components/schemas/Order' }
  securitySchemes:
    tokenAuth:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: ${LAMBDA}
        authorizerCredentials: arn:aws:iam::123456789012:role/authorizer
        identityValidationExpression: '^Bearer .+$'
        authorizerResultTtlInSeconds: 60
    requestAuth:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: request
        authorizerUri: ${LAMBDA}
        identitySource: method.request.header.X-Tenant, method.request.querystring.tenant
        authorizerResultTtlInSeconds: 0
    cognito:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: cognito_user_pools
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc]
    sigv4:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: awsSigv4
    keys:
      type: apiKey
      name: x-api-key
      in: header
`;

type Json = Record<string, unknown>;

/** A REST API as read, with every id replaced by what it names, so two imports of one definition compare equal. */
function comparable(state: RestApiState): Json {
  const apiId = state.restApi.id ?? '';
  const idFree = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null).split(apiId).join('<api>'));
  const authorizers = new Map(state.authorizers.map((a) => [a.id, a.name]));
  const validators = new Map(state.requestValidators.map((v) => [v.id, v.name]));
  const resourceIds = new Map(state.resources.map((r) => [r.id, r.path]));
  const resources = [...state.resources].sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '')).map((r) => ({
    path: r.path,
    parent: r.parentId ? resourceIds.get(r.parentId) : undefined,
    methods: Object.fromEntries(Object.entries(r.resourceMethods ?? {}).map(([name, m]) => {
      const { authorizerId, requestValidatorId, methodIntegration, ...rest } = m;
      const integration = methodIntegration ? { ...methodIntegration, cacheNamespace: resourceIds.get(methodIntegration.cacheNamespace) ?? methodIntegration.cacheNamespace } : undefined;
      return [name, { ...rest, authorizer: authorizerId ? authorizers.get(authorizerId) : undefined, validator: requestValidatorId ? validators.get(requestValidatorId) : undefined, integration }];
    })),
  }));
  const { id: _id, createdDate: _created, rootResourceId: _root, warnings: _warnings, ...api } = state.restApi;
  return idFree({
    api,
    resources,
    authorizers: state.authorizers.map(({ id: _a, ...a }) => a).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    validators: state.requestValidators.map(({ id: _v, ...v }) => v).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    models: state.models.map(({ id: _m, ...m }) => ({ ...m, schema: JSON.parse(m.schema ?? '{}') })).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
  }) as Json;
}

describe('backing up a REST API that has no stage', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  let clients: GatewayClients;
  let backupDir: string;

  before(async () => {
    fixture = await startGatewayFixture();
    clients = await fixture.clients();
  });
  after(() => fixture.close());
  beforeEach(() => {
    backupDir = mkdtempSync(path.join(tmpdir(), 'apigw-backup-'));
  });
  afterEach(() => rmSync(backupDir, { recursive: true, force: true }));

  async function importDocument(body: string): Promise<string> {
    const api = await clients.v1.send(new ImportRestApiCommand({ body: new TextEncoder().encode(body), failOnWarnings: true }));
    return api.id ?? '';
  }

  it('rebuilds an importable definition that round-trips every resource, method, integration, authorizer, validator and model', async () => {
    const original = await importDocument(RICH);
    const files = await writeBackups(clients, 'REST', original, backupDir, new Date('2026-01-02T03:04:05.006Z'));
    assert.deepEqual(files.map((f) => [path.basename(f.file), f.kind]), [
      [`${original}-2026-01-02T03-04-05-006Z.yaml`, 'rebuilt'],
      [`${original}-2026-01-02T03-04-05-006Z.snapshot.json`, 'snapshot'],
    ]);
    const yaml = readFileSync(files[0].file, 'utf8');
    assert.match(yaml, /^# Backup of REST API \w+, rebuilt 2026-01-02T03:04:05.006Z/);
    assert.match(yaml, /# Endpoint type: EDGE/);
    assert.match(yaml, /Version: "2012-10-17"/, 'YAML 1.1 readers would take an unquoted policy version for a date');
    const restored = await importDocument(yaml);
    assert.notEqual(restored, original);
    const [before, after] = await Promise.all([readRestApiState(clients, original), readRestApiState(clients, restored)]);
    assert.deepEqual(comparable(after), comparable(before));
    assert.deepEqual(before.resources.map((r) => r.path).sort(), ['/', '/health', '/orders', '/orders/{orderId}', '/reserved', '/reserved/later', '/{proxy+}']);
    const template = before.resources.find((r) => r.path === '/orders')?.resourceMethods?.GET?.methodIntegration?.requestTemplates?.['application/json'];
    assert.match(template ?? '', /"\$util\.escapeJavaScript\(\$limit\)", {3}\n/, 'the fixture keeps trailing spaces the YAML must carry');
    assert.deepEqual(JSON.parse(readFileSync(files[1].file, 'utf8')).restApi.name, 'rich');
  });

  it('is what an overwrite writes and logs when the API has no stage', async () => {
    const apiId = await importDocument(RICH);
    const logs: string[] = [];
    const result = await deploy(clients, { kind: 'REST', body: restDocument('rich'), target: { mode: 'existing', apiId, putMode: 'overwrite' }, backupDir },
      { step() {}, log: (m) => logs.push(m), isCancelled: () => false });
    assert.deepEqual(result.backups.map((b) => b.kind), ['rebuilt', 'snapshot']);
    assert.deepEqual(result.backupFiles, result.backups.map((b) => b.file));
    assert.deepEqual(readdirSync(backupDir).sort(), result.backupFiles.map((f) => path.basename(f)).sort());
    const written = logs.filter((l) => l.startsWith('backup written'));
    assert.deepEqual(written, [
      `backup written (OpenAPI rebuilt from the current resources, including changes not deployed to a stage, importable): ${result.backupFiles[0]}`,
      `backup written (raw JSON snapshot of resources, methods, models, authorizers and validators, for reference): ${result.backupFiles[1]}`,
    ]);
    assert.match(readFileSync(result.backupFiles[0], 'utf8'), /\/orders\/\{orderId\}:/, 'the backup holds what the overwrite removed');
  });

  it('backs up both the stage export and the current resources when the API has a stage', async () => {
    const first = await deploy(clients, { kind: 'REST', body: RICH, target: { mode: 'new' }, stage: { name: 'dev' }, backupDir });
    const logs: string[] = [];
    const result = await deploy(clients, { kind: 'REST', body: RICH, target: { mode: 'existing', apiId: first.apiId, putMode: 'merge' }, backupDir },
      { step() {}, log: (m) => logs.push(m), isCancelled: () => false });
    assert.deepEqual(result.backups.map((b) => [b.kind, b.stage]), [['export', 'dev'], ['rebuilt', undefined], ['snapshot', undefined]]);
    assert.ok(logs.includes(`backup written (API Gateway export of stage dev, importable): ${result.backupFiles[0]}`), logs.join('\n'));
    assert.match(result.backupFiles[1], /\.current\.yaml$/);
  });
});

describe('rebuilding a REST definition from what API Gateway returns', () => {
  const base = (over: Partial<RestApiState> = {}): RestApiState => ({
    restApi: { id: 'abc123', name: 'api', createdDate: new Date('2026-01-01T00:00:00Z') },
    resources: [], models: [], authorizers: [], requestValidators: [], gatewayResponses: [], ...over,
  });

  it('reads the escaped policy GetRestApi returns and points it at whichever API imports it', () => {
    const escaped = '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Resource\\":\\"arn:aws:execute-api:eu-west-1:123456789012:abc123/*\\"}]}';
    assert.deepEqual(policyObject(escaped, 'abc123'), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: 'execute-api:/*' }] });
    assert.deepEqual(policyObject('{"Resource":"arn:aws:execute-api:eu-west-1:1:other/*"}', 'abc123'), { Resource: 'arn:aws:execute-api:eu-west-1:1:other/*' });
    assert.equal(policyObject('not json', 'abc123'), undefined);
    const { notes } = rebuildRestDefinition(base({ restApi: { id: 'abc123', name: 'api', policy: 'not json' } }));
    assert.ok(notes.some((n) => /policy/.test(n)));
  });

  it('keeps only customised gateway responses and says when they could not be read', () => {
    const { document } = rebuildRestDefinition(base({
      gatewayResponses: [
        { responseType: 'DEFAULT_4XX', statusCode: '400', defaultResponse: true, responseTemplates: { 'application/json': '{"message":$context.error.messageString}' } },
        { responseType: 'UNAUTHORIZED', statusCode: '401', defaultResponse: false, responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" } },
      ],
    }));
    assert.deepEqual(document['x-amazon-apigateway-gateway-responses'], { UNAUTHORIZED: { statusCode: '401', responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" } } });
    assert.ok(rebuildRestDefinition(base({ gatewayResponses: undefined })).notes.some((n) => /Gateway responses/.test(n)));
  });

  it('gives built-in schemes names no authorizer uses, and notes what OpenAPI cannot carry', () => {
    const integration = {
      type: 'MOCK' as const, cacheNamespace: 'r1',
      integrationResponses: { '200': { statusCode: '200', selectionPattern: '' }, '201': { statusCode: '201' } },
    };
    const { document, notes } = rebuildRestDefinition(base({
      authorizers: [{ id: 'a1', name: 'sigv4', type: 'TOKEN', authorizerUri: LAMBDA, identitySource: 'method.request.header.Token' }],
      resources: [{
        id: 'r1', path: '/x', resourceMethods: {
          GET: { httpMethod: 'GET', authorizationType: 'AWS_IAM', requestParameters: { 'method.request.multivaluequerystring.tag': false }, methodIntegration: integration },
          PUT: { httpMethod: 'PUT', authorizationType: 'CUSTOM', authorizerId: 'a1', methodIntegration: { type: 'MOCK', cacheNamespace: 'shared' } },
        },
      }],
    }));
    const schemes = (document.components as Json).securitySchemes as Json;
    assert.deepEqual(Object.keys(schemes).sort(), ['sigv4', 'sigv42']);
    assert.equal((schemes.sigv4 as Json).name, 'Token');
    const item = (document.paths as Json)['/x'] as Record<string, Json>;
    assert.deepEqual(item.get.security, [{ sigv42: [] }]);
    assert.deepEqual(item.put.security, [{ sigv4: [] }]);
    assert.deepEqual(item.get.parameters, [{ name: 'tag', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } } }]);
    const getIntegration = item.get['x-amazon-apigateway-integration'] as Json;
    assert.equal(getIntegration.cacheNamespace, undefined, "the resource's own id is the default and is left to the importer");
    assert.equal((item.put['x-amazon-apigateway-integration'] as Json).cacheNamespace, 'shared');
    assert.deepEqual(Object.keys(getIntegration.responses as Json), ['default']);
    assert.ok(notes.some((n) => /multivaluequerystring\.tag/.test(n)));
    assert.ok(notes.some((n) => /more than one integration response selects "default"/.test(n)));
  });

  it('refers to models locally and keeps their descriptions', () => {
    const { document } = rebuildRestDefinition(base({
      models: [
        { name: 'Pet', description: 'a pet', schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', properties: { owner: { $ref: 'https://apigateway.amazonaws.com/restapis/abc123/models/Owner' } } }) },
        { name: 'Broken', schema: '{' },
      ],
    }));
    const schemas = (document.components as Json).schemas as Json;
    assert.deepEqual(schemas.Pet, { type: 'object', properties: { owner: { $ref: '#/components/schemas/Owner' } }, description: 'a pet' });
    assert.deepEqual(schemas.Broken, {});
    assert.equal(parse(JSON.stringify(document)).openapi, '3.0.1');
  });
});
