import { stringify as toYaml } from 'yaml';
import { badRequest, conflict, notFound } from './errors';
import { exportHttpDefinition } from './httpExport';
import { importHttpDefinition } from './httpImport';
import { documentTitle, isObject, parseOpenApiText } from './openapiDocument';
import { paginate } from './pagination';
import {
  jsonBody,
  optionalBoolean,
  optionalString,
  optionalStringList,
  optionalStringMap,
  queryBoolean,
  requiredString,
  type HandlerResult,
  type RequestContext,
  type Router,
} from './router';
import {
  FAKE_REGION,
  freshId,
  type CorsRecord,
  type FakeState,
  type HttpApiRecord,
  type HttpDeploymentRecord,
  type HttpStageRecord,
  type RouteRecord,
} from './state';

/** v2 timestamps travel as ISO-8601 date-time strings, in whole seconds as API Gateway's do. */
export const isoDate = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const ROUTE_KEY = /^(\$default|(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|ANY) \/\S*)$/;

export function findHttpApi(state: FakeState, id: string): HttpApiRecord {
  const api = state.httpApis.get(id);
  if (!api) throw notFound(`Invalid API identifier specified ${id}`);
  return api;
}

function apiView(api: HttpApiRecord): Record<string, unknown> {
  const scheme = api.protocolType === 'WEBSOCKET' ? 'wss' : 'https';
  return {
    apiId: api.apiId,
    name: api.name,
    protocolType: api.protocolType,
    routeSelectionExpression: api.routeSelectionExpression,
    apiKeySelectionExpression: api.apiKeySelectionExpression,
    apiEndpoint: `${scheme}://${api.apiId}.execute-api.${FAKE_REGION}.amazonaws.com`,
    createdDate: isoDate(api.createdDate),
    description: api.description,
    version: api.version,
    corsConfiguration: api.corsConfiguration,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    disableSchemaValidation: api.disableSchemaValidation,
    tags: api.tags ?? {},
    warnings: api.warnings,
    importInfo: api.importInfo,
  };
}

function stageView(stage: HttpStageRecord): Record<string, unknown> {
  return {
    ...stage,
    createdDate: isoDate(stage.createdDate),
    lastUpdatedDate: isoDate(stage.lastUpdatedDate),
    defaultRouteSettings: stage.defaultRouteSettings ?? { detailedMetricsEnabled: false },
    routeSettings: stage.routeSettings ?? {},
    stageVariables: stage.stageVariables ?? {},
    tags: stage.tags ?? {},
  };
}

function deploymentView(deployment: HttpDeploymentRecord): Record<string, unknown> {
  return { ...deployment, createdDate: isoDate(deployment.createdDate) };
}

export function newHttpApi(state: FakeState, name: string, protocolType: 'HTTP' | 'WEBSOCKET'): HttpApiRecord {
  return {
    apiId: freshId(state.httpApis),
    name,
    protocolType,
    routeSelectionExpression: '${request.method} ${request.path}',
    apiKeySelectionExpression: '$request.header.x-api-key',
    createdDate: Date.now(),
    disableExecuteApiEndpoint: false,
    routes: new Map(),
    integrations: new Map(),
    authorizers: new Map(),
    deployments: new Map(),
    stages: new Map(),
  };
}

function readCors(body: Record<string, unknown>): CorsRecord | undefined {
  const cors = body.corsConfiguration;
  if (cors === undefined || cors === null) return undefined;
  if (!isObject(cors)) throw badRequest("Invalid value for 'corsConfiguration': expected an object");
  const out: CorsRecord = {};
  for (const key of ['allowHeaders', 'allowMethods', 'allowOrigins', 'exposeHeaders'] as const) {
    const list = optionalStringList(cors, key);
    if (list) out[key] = list;
  }
  const credentials = optionalBoolean(cors, 'allowCredentials');
  if (credentials !== undefined) out.allowCredentials = credentials;
  if (typeof cors.maxAge === 'number') out.maxAge = cors.maxAge;
  return out;
}

function createApi(ctx: RequestContext): HandlerResult {
  const body = jsonBody(ctx);
  const name = requiredString(body, 'name');
  const protocolType = requiredString(body, 'protocolType').toUpperCase();
  if (protocolType !== 'HTTP' && protocolType !== 'WEBSOCKET') throw badRequest(`Invalid protocolType '${protocolType}': use HTTP or WEBSOCKET`);
  const api = newHttpApi(ctx.state, name, protocolType);
  const selection = optionalString(body, 'routeSelectionExpression');
  if (protocolType === 'WEBSOCKET') {
    if (!selection) throw badRequest('RouteSelectionExpression is required for WEBSOCKET APIs');
    api.routeSelectionExpression = selection;
  } else if (selection && selection !== '${request.method} ${request.path}') {
    throw badRequest("HTTP APIs only support the route selection expression '${request.method} ${request.path}'");
  }
  api.apiKeySelectionExpression = optionalString(body, 'apiKeySelectionExpression') ?? api.apiKeySelectionExpression;
  api.description = optionalString(body, 'description');
  api.version = optionalString(body, 'version');
  api.tags = optionalStringMap(body, 'tags');
  api.disableExecuteApiEndpoint = optionalBoolean(body, 'disableExecuteApiEndpoint') ?? false;
  api.disableSchemaValidation = optionalBoolean(body, 'disableSchemaValidation');
  api.corsConfiguration = readCors(body);
  if (api.corsConfiguration && protocolType === 'WEBSOCKET') throw badRequest('CORS is supported only for HTTP APIs');
  const target = optionalString(body, 'target');
  if (target) {
    if (protocolType !== 'HTTP') throw badRequest('Quick create (target) is supported only for HTTP APIs');
    quickCreate(api, target, optionalString(body, 'routeKey') ?? '$default', optionalString(body, 'credentialsArn'));
  }
  ctx.state.httpApis.set(api.apiId, api);
  return { status: 201, json: apiView(api) };
}

/** Quick create: one integration to `target`, one route to it, and an auto-deployed `$default` stage. */
function quickCreate(api: HttpApiRecord, target: string, routeKey: string, credentialsArn?: string): void {
  if (!ROUTE_KEY.test(routeKey)) throw badRequest(`Invalid route key '${routeKey}'`);
  const lambda = target.startsWith('arn:aws:lambda:') || target.includes(':lambda:path/');
  const integrationId = freshId(api.integrations, 7);
  api.integrations.set(integrationId, {
    integrationId,
    integrationType: lambda ? 'AWS_PROXY' : 'HTTP_PROXY',
    integrationUri: target,
    integrationMethod: lambda ? 'POST' : 'ANY',
    payloadFormatVersion: lambda ? '2.0' : '1.0',
    connectionType: 'INTERNET',
    timeoutInMillis: 30000,
    credentialsArn,
  });
  const routeId = freshId(api.routes, 7);
  api.routes.set(routeId, { routeId, routeKey, apiKeyRequired: false, authorizationType: 'NONE', target: `integrations/${integrationId}` });
  const now = Date.now();
  api.stages.set('$default', { stageName: '$default', autoDeploy: true, createdDate: now, lastUpdatedDate: now });
}

function importApi(ctx: RequestContext): HandlerResult {
  const body = jsonBody(ctx);
  const doc = parseOpenApiText(requiredString(body, 'body'));
  const api = newHttpApi(ctx.state, documentTitle(doc), 'HTTP');
  importHttpDefinition(api, doc, importOptions(ctx));
  ctx.state.httpApis.set(api.apiId, api);
  return { status: 201, json: apiView(api) };
}

function reimportApi(ctx: RequestContext): HandlerResult {
  const api = findHttpApi(ctx.state, ctx.params.ApiId);
  if (api.protocolType !== 'HTTP') throw badRequest('Reimport is supported only for HTTP APIs');
  const doc = parseOpenApiText(requiredString(jsonBody(ctx), 'body'));
  importHttpDefinition(api, doc, importOptions(ctx));
  return { status: 201, json: apiView(api) };
}

function importOptions(ctx: RequestContext): { basePathMode: string; failOnWarnings: boolean } {
  const basePathMode = (ctx.query.get('basepath') ?? 'ignore').toLowerCase();
  if (!['ignore', 'prepend', 'split'].includes(basePathMode)) throw badRequest(`Invalid basepath '${basePathMode}': use ignore, prepend or split`);
  return { basePathMode, failOnWarnings: queryBoolean(ctx, 'failOnWarnings') };
}

function list<T>(ctx: RequestContext, items: T[]): HandlerResult {
  const { page, next } = paginate(items, ctx.query.get('nextToken'), ctx.query.get('maxResults'), { limit: 100, max: 500 });
  return { status: 200, json: { items: page, nextToken: next } };
}

function createRoute(ctx: RequestContext): HandlerResult {
  const api = findHttpApi(ctx.state, ctx.params.ApiId);
  const body = jsonBody(ctx);
  const routeKey = requiredString(body, 'routeKey');
  if (api.protocolType === 'HTTP' && !ROUTE_KEY.test(routeKey)) {
    throw badRequest(`Invalid route key '${routeKey}': use '$default' or 'METHOD /path'`);
  }
  if ([...api.routes.values()].some((r) => r.routeKey === routeKey)) throw conflict(`Route with key ${routeKey} already exists for this API`);
  const target = optionalString(body, 'target');
  if (target) {
    const integrationId = /^integrations\/(\w+)$/.exec(target)?.[1];
    if (!integrationId || !api.integrations.has(integrationId)) throw badRequest(`Invalid target '${target}': expected integrations/{integrationId} of this API`);
  }
  const route: RouteRecord = {
    routeId: freshId(api.routes, 7),
    routeKey,
    apiKeyRequired: optionalBoolean(body, 'apiKeyRequired') ?? false,
    authorizationType: optionalString(body, 'authorizationType') ?? 'NONE',
    authorizerId: optionalString(body, 'authorizerId'),
    authorizationScopes: optionalStringList(body, 'authorizationScopes'),
    operationName: optionalString(body, 'operationName'),
    target,
    routeResponseSelectionExpression: optionalString(body, 'routeResponseSelectionExpression'),
    modelSelectionExpression: optionalString(body, 'modelSelectionExpression'),
    requestModels: optionalStringMap(body, 'requestModels'),
  };
  api.routes.set(route.routeId, route);
  return { status: 201, json: route };
}

function createStage(ctx: RequestContext): HandlerResult {
  const api = findHttpApi(ctx.state, ctx.params.ApiId);
  const body = jsonBody(ctx);
  const stageName = requiredString(body, 'stageName');
  if (stageName !== '$default' && !/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
    throw badRequest('Stage name only allows a-zA-Z0-9_- (or $default) and must be at most 128 characters');
  }
  if (api.stages.has(stageName)) throw conflict(`Stage ${stageName} already exists`);
  const deploymentId = optionalString(body, 'deploymentId');
  if (deploymentId && !api.deployments.has(deploymentId)) throw notFound(`Invalid deployment identifier specified ${deploymentId}`);
  const now = Date.now();
  const stage: HttpStageRecord = {
    stageName,
    deploymentId,
    description: optionalString(body, 'description'),
    autoDeploy: optionalBoolean(body, 'autoDeploy') ?? false,
    stageVariables: optionalStringMap(body, 'stageVariables'),
    tags: optionalStringMap(body, 'tags'),
    createdDate: now,
    lastUpdatedDate: now,
  };
  if (isObject(body.defaultRouteSettings)) stage.defaultRouteSettings = body.defaultRouteSettings;
  if (isObject(body.routeSettings)) stage.routeSettings = body.routeSettings;
  if (isObject(body.accessLogSettings)) stage.accessLogSettings = body.accessLogSettings;
  api.stages.set(stageName, stage);
  return { status: 201, json: stageView(stage) };
}

function findStage(api: HttpApiRecord, name: string): HttpStageRecord {
  const stage = api.stages.get(name);
  if (!stage) throw notFound(`Invalid stage identifier specified ${name}`);
  return stage;
}

function updateStage(ctx: RequestContext): HandlerResult {
  const api = findHttpApi(ctx.state, ctx.params.ApiId);
  const stage = findStage(api, ctx.params.StageName);
  const body = jsonBody(ctx);
  const deploymentId = optionalString(body, 'deploymentId');
  if (deploymentId !== undefined) {
    if (!api.deployments.has(deploymentId)) throw notFound(`Invalid deployment identifier specified ${deploymentId}`);
    stage.deploymentId = deploymentId;
  }
  const description = optionalString(body, 'description');
  if (description !== undefined) stage.description = description;
  const autoDeploy = optionalBoolean(body, 'autoDeploy');
  if (autoDeploy !== undefined) stage.autoDeploy = autoDeploy;
  const variables = optionalStringMap(body, 'stageVariables');
  // Merged into the stage's, as API Gateway does; a variable sent with an empty value is deleted.
  if (variables) stage.stageVariables = Object.fromEntries(Object.entries({ ...stage.stageVariables, ...variables }).filter(([, value]) => value !== ''));
  if (isObject(body.defaultRouteSettings)) stage.defaultRouteSettings = body.defaultRouteSettings;
  if (isObject(body.routeSettings)) stage.routeSettings = body.routeSettings;
  if (isObject(body.accessLogSettings)) stage.accessLogSettings = body.accessLogSettings;
  stage.lastUpdatedDate = Date.now();
  return { status: 200, json: stageView(stage) };
}

function createDeployment(ctx: RequestContext): HandlerResult {
  const api = findHttpApi(ctx.state, ctx.params.ApiId);
  const body = jsonBody(ctx);
  if (api.routes.size === 0) throw badRequest('At least one route is required before deploying the Api.');
  const stageName = optionalString(body, 'stageName');
  const stage = stageName === undefined ? undefined : findStage(api, stageName);
  if (stage?.autoDeploy) throw badRequest(`Stage ${stage.stageName} has autoDeploy enabled; it deploys by itself.`);
  const deployment: HttpDeploymentRecord = {
    deploymentId: freshId(api.deployments, 6),
    description: optionalString(body, 'description'),
    createdDate: Date.now(),
    autoDeployed: false,
    deploymentStatus: 'DEPLOYED',
  };
  api.deployments.set(deployment.deploymentId, deployment);
  if (stage) {
    stage.deploymentId = deployment.deploymentId;
    stage.lastUpdatedDate = Date.now();
  }
  return { status: 201, json: deploymentView(deployment) };
}

function exportApi(ctx: RequestContext): HandlerResult {
  const api = findHttpApi(ctx.state, ctx.params.ApiId);
  if (api.protocolType !== 'HTTP') throw badRequest('Export is supported only for HTTP APIs');
  if (ctx.params.Specification !== 'OAS30') throw badRequest(`Invalid specification '${ctx.params.Specification}': the only supported value is OAS30`);
  const outputType = ctx.query.get('outputType');
  if (outputType !== 'JSON' && outputType !== 'YAML') throw badRequest("outputType is required and must be 'JSON' or 'YAML'");
  const stageName = ctx.query.get('stageName') ?? undefined;
  if (stageName !== undefined) findStage(api, stageName);
  const includeExtensions = ctx.query.get('includeExtensions') === null ? true : queryBoolean(ctx, 'includeExtensions');
  const doc = exportHttpDefinition(api, { stageName, includeExtensions });
  return {
    status: 200,
    raw: outputType === 'YAML' ? toYaml(doc) : JSON.stringify(doc, null, 2),
    headers: { 'Content-Type': outputType === 'YAML' ? 'application/yaml' : 'application/json' },
  };
}

export function addHttpApiRoutes(router: Router): void {
  router
    .add('POST', '/v2/apis', createApi)
    .add('PUT', '/v2/apis', importApi)
    .add('GET', '/v2/apis', (ctx) => list(ctx, [...ctx.state.httpApis.values()].map(apiView)))
    .add('GET', '/v2/apis/{ApiId}', (ctx) => ({ status: 200, json: apiView(findHttpApi(ctx.state, ctx.params.ApiId)) }))
    .add('PUT', '/v2/apis/{ApiId}', reimportApi)
    .add('DELETE', '/v2/apis/{ApiId}', (ctx) => {
      ctx.state.httpApis.delete(findHttpApi(ctx.state, ctx.params.ApiId).apiId);
      return { status: 204 };
    })
    .add('GET', '/v2/apis/{ApiId}/routes', (ctx) => list(ctx, [...findHttpApi(ctx.state, ctx.params.ApiId).routes.values()]))
    .add('POST', '/v2/apis/{ApiId}/routes', createRoute)
    .add('GET', '/v2/apis/{ApiId}/integrations', (ctx) => list(ctx, [...findHttpApi(ctx.state, ctx.params.ApiId).integrations.values()]))
    .add('GET', '/v2/apis/{ApiId}/authorizers', (ctx) => list(ctx, [...findHttpApi(ctx.state, ctx.params.ApiId).authorizers.values()]))
    .add('GET', '/v2/apis/{ApiId}/stages', (ctx) => list(ctx, [...findHttpApi(ctx.state, ctx.params.ApiId).stages.values()].map(stageView)))
    .add('POST', '/v2/apis/{ApiId}/stages', createStage)
    .add('GET', '/v2/apis/{ApiId}/stages/{StageName}', (ctx) => {
      return { status: 200, json: stageView(findStage(findHttpApi(ctx.state, ctx.params.ApiId), ctx.params.StageName)) };
    })
    .add('PATCH', '/v2/apis/{ApiId}/stages/{StageName}', updateStage)
    .add('DELETE', '/v2/apis/{ApiId}/stages/{StageName}', (ctx) => {
      const api = findHttpApi(ctx.state, ctx.params.ApiId);
      api.stages.delete(findStage(api, ctx.params.StageName).stageName);
      return { status: 204 };
    })
    .add('POST', '/v2/apis/{ApiId}/deployments', createDeployment)
    .add('GET', '/v2/apis/{ApiId}/deployments', (ctx) => list(ctx, [...findHttpApi(ctx.state, ctx.params.ApiId).deployments.values()].map(deploymentView)))
    .add('GET', '/v2/apis/{ApiId}/exports/{Specification}', exportApi);
}
