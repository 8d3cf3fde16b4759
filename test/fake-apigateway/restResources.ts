import { badRequest, conflict, notFound } from './errors';
import { paginate } from './pagination';
import { findRestApi } from './restApis';
import { testInvokeMethod } from './testInvoke';
import {
  jsonBody,
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
  type HandlerResult,
  type RequestContext,
  type Router,
} from './router';
import { freshId, type IntegrationRecord, type MethodRecord, type ResourceRecord, type RestApiRecord } from './state';

const METHOD_NAMES = new Set(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'ANY']);

export function findResource(api: RestApiRecord, id: string): ResourceRecord {
  const resource = api.resources.get(id);
  if (!resource) throw notFound('Invalid Resource identifier specified');
  return resource;
}

export function findMethod(resource: ResourceRecord, httpMethod: string): MethodRecord {
  const method = resource.resourceMethods[httpMethod.toUpperCase()];
  if (!method) throw notFound('Invalid Method identifier specified');
  return method;
}

/** Without `embed=methods` a resource lists its method names with empty bodies, as API Gateway does. */
function resourceView(resource: ResourceRecord, embedMethods: boolean): Record<string, unknown> {
  const names = Object.keys(resource.resourceMethods);
  return {
    id: resource.id,
    parentId: resource.parentId,
    pathPart: resource.pathPart,
    path: resource.path,
    resourceMethods:
      names.length === 0
        ? undefined
        : Object.fromEntries(names.map((name) => [name, embedMethods ? resource.resourceMethods[name] : {}])),
  };
}

function wantsMethods(ctx: RequestContext): boolean {
  return ctx.query.getAll('embed').some((value) => value.split(',').includes('methods'));
}

function getResources(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const sorted = [...api.resources.values()].sort((a, b) => a.path.localeCompare(b.path));
  const { page, next } = paginate(sorted, ctx.query.get('position'), ctx.query.get('limit'), { limit: 25, max: 500 });
  const embed = wantsMethods(ctx);
  return { status: 200, json: { item: page.map((r) => resourceView(r, embed)), position: next } };
}

function createResource(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const parent = findResource(api, ctx.params.parentId);
  const pathPart = requiredString(jsonBody(ctx), 'pathPart');
  if (!/^(?:[A-Za-z0-9_\-.,:]+|\{[A-Za-z0-9_\-.]+\+?\})$/.test(pathPart)) {
    throw badRequest(`Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.`);
  }
  const path = parent.path === '/' ? `/${pathPart}` : `${parent.path}/${pathPart}`;
  if ([...api.resources.values()].some((r) => r.path === path)) throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
  const resource: ResourceRecord = { id: freshId(api.resources, 6), parentId: parent.id, pathPart, path, resourceMethods: {} };
  api.resources.set(resource.id, resource);
  return { status: 201, json: resourceView(resource, true) };
}

function deleteResource(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const resource = findResource(api, ctx.params.resourceId);
  if (resource.id === api.rootResourceId) throw badRequest('Cannot delete root resource');
  for (const other of [...api.resources.values()]) {
    if (other.path === resource.path || other.path.startsWith(`${resource.path}/`)) api.resources.delete(other.id);
  }
  return { status: 202 };
}

function putMethod(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const resource = findResource(api, ctx.params.resourceId);
  const httpMethod = ctx.params.httpMethod.toUpperCase();
  if (!METHOD_NAMES.has(httpMethod)) throw badRequest(`Invalid HttpMethod specified: ${ctx.params.httpMethod}`);
  if (resource.resourceMethods[httpMethod]) throw conflict('Method already exists for this resource');
  const body = jsonBody(ctx);
  const authorizationType = requiredString(body, 'authorizationType').toUpperCase();
  if (!['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'].includes(authorizationType)) {
    throw badRequest(`Invalid authorization type specified: ${authorizationType}`);
  }
  const authorizerId = optionalString(body, 'authorizerId');
  if ((authorizationType === 'CUSTOM' || authorizationType === 'COGNITO_USER_POOLS') && (!authorizerId || !api.authorizers.has(authorizerId))) {
    throw badRequest('Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.');
  }
  const requestParameters = body.requestParameters;
  if (requestParameters !== undefined && (typeof requestParameters !== 'object' || requestParameters === null || Object.values(requestParameters).some((v) => typeof v !== 'boolean'))) {
    throw badRequest("Invalid value for 'requestParameters': expected a map of booleans");
  }
  const method: MethodRecord = {
    httpMethod,
    authorizationType,
    authorizerId,
    apiKeyRequired: optionalBoolean(body, 'apiKeyRequired') ?? false,
    operationName: optionalString(body, 'operationName'),
    requestParameters: requestParameters as Record<string, boolean> | undefined,
    requestModels: optionalStringMap(body, 'requestModels'),
    requestValidatorId: optionalString(body, 'requestValidatorId'),
    authorizationScopes: optionalStringList(body, 'authorizationScopes'),
  };
  resource.resourceMethods[httpMethod] = method;
  return { status: 201, json: method };
}

function deleteMethod(ctx: RequestContext): HandlerResult {
  const resource = findResource(findRestApi(ctx.state, ctx.params.restApiId), ctx.params.resourceId);
  const method = findMethod(resource, ctx.params.httpMethod);
  delete resource.resourceMethods[method.httpMethod];
  return { status: 204 };
}

function getIntegration(ctx: RequestContext): HandlerResult {
  const resource = findResource(findRestApi(ctx.state, ctx.params.restApiId), ctx.params.resourceId);
  const integration = findMethod(resource, ctx.params.httpMethod).methodIntegration;
  if (!integration) throw notFound('No integration defined for method');
  return { status: 200, json: integration };
}

function putIntegration(ctx: RequestContext): HandlerResult {
  const resource = findResource(findRestApi(ctx.state, ctx.params.restApiId), ctx.params.resourceId);
  const method = findMethod(resource, ctx.params.httpMethod);
  const body = jsonBody(ctx);
  const type = requiredString(body, 'type').toUpperCase();
  if (!['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'].includes(type)) throw badRequest(`Invalid integration type specified: ${type}`);
  // The request's `httpMethod` JSON member is the integration's method; the method being integrated is in the path.
  const integrationHttpMethod = optionalString(body, 'httpMethod')?.toUpperCase();
  const uri = optionalString(body, 'uri');
  if (type !== 'MOCK' && !integrationHttpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
  if (type !== 'MOCK' && !uri) throw badRequest('Invalid HTTP endpoint specified for URI');
  const timeoutInMillis = optionalNumber(body, 'timeoutInMillis') ?? 29000;
  if (timeoutInMillis < 50) throw badRequest('Timeout should be between 50 ms and 29000 ms');
  const integration: IntegrationRecord = {
    type,
    httpMethod: integrationHttpMethod,
    uri,
    connectionType: optionalString(body, 'connectionType') ?? 'INTERNET',
    connectionId: optionalString(body, 'connectionId'),
    credentials: optionalString(body, 'credentials'),
    requestParameters: optionalStringMap(body, 'requestParameters'),
    requestTemplates: optionalStringMap(body, 'requestTemplates'),
    passthroughBehavior: optionalString(body, 'passthroughBehavior')?.toUpperCase() ?? 'WHEN_NO_MATCH',
    contentHandling: optionalString(body, 'contentHandling'),
    timeoutInMillis,
    cacheNamespace: optionalString(body, 'cacheNamespace') ?? resource.id,
    cacheKeyParameters: optionalStringList(body, 'cacheKeyParameters') ?? [],
    responseTransferMode: optionalString(body, 'responseTransferMode'),
  };
  method.methodIntegration = integration;
  return { status: 201, json: integration };
}

function listOf<T>(ctx: RequestContext, items: T[]): HandlerResult {
  const { page, next } = paginate(items, ctx.query.get('position'), ctx.query.get('limit'), { limit: 25, max: 500 });
  return { status: 200, json: { item: page, position: next } };
}

export function addRestResourceRoutes(router: Router): void {
  const methodPath = '/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}';
  router
    .add('GET', '/restapis/{restApiId}/resources', getResources)
    .add('GET', '/restapis/{restApiId}/resources/{resourceId}', (ctx) => {
      const resource = findResource(findRestApi(ctx.state, ctx.params.restApiId), ctx.params.resourceId);
      return { status: 200, json: resourceView(resource, wantsMethods(ctx)) };
    })
    .add('POST', '/restapis/{restApiId}/resources/{parentId}', createResource)
    .add('DELETE', '/restapis/{restApiId}/resources/{resourceId}', deleteResource)
    .add('GET', methodPath, (ctx) => {
      const resource = findResource(findRestApi(ctx.state, ctx.params.restApiId), ctx.params.resourceId);
      return { status: 200, json: findMethod(resource, ctx.params.httpMethod) };
    })
    .add('PUT', methodPath, putMethod)
    .add('DELETE', methodPath, deleteMethod)
    .add('POST', methodPath, testInvokeMethod)
    .add('GET', `${methodPath}/integration`, getIntegration)
    .add('PUT', `${methodPath}/integration`, putIntegration)
    .add('GET', '/restapis/{restApiId}/authorizers', (ctx) => listOf(ctx, [...findRestApi(ctx.state, ctx.params.restApiId).authorizers.values()]))
    .add('GET', '/restapis/{restApiId}/models', (ctx) => listOf(ctx, [...findRestApi(ctx.state, ctx.params.restApiId).models.values()]))
    .add('GET', '/restapis/{restApiId}/requestvalidators', (ctx) =>
      listOf(ctx, [...findRestApi(ctx.state, ctx.params.restApiId).requestValidators.values()]),
    );
}
