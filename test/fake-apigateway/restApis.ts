import { badRequest, notFound } from './errors';
import { documentTitle, isObject, parseOpenApiText } from './openapiDocument';
import { MAX_REST_IMPORT_BYTES } from '../../server/src/facts/importQuotas';
import { paginate } from './pagination';
import { importRestDefinition } from './restImport';
import {
  jsonBody,
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalStringList,
  optionalStringMap,
  queryBoolean,
  requiredString,
  type HandlerResult,
  type RequestContext,
  type Router,
} from './router';
import { FAKE_ACCOUNT_ID, freshId, type ModelRecord, type RestApiRecord, type FakeState } from './state';

/** v1 timestamps travel as epoch seconds (the REST-JSON protocol's default timestamp format). */
export const epochSeconds = (ms: number) => Math.floor(ms / 1000);

export function findRestApi(state: FakeState, id: string): RestApiRecord {
  const api = state.restApis.get(id);
  if (!api) throw notFound(`Invalid API identifier specified ${FAKE_ACCOUNT_ID}:${id}`);
  return api;
}

export function restApiView(api: RestApiRecord, warnings?: string[]): Record<string, unknown> {
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    createdDate: epochSeconds(api.createdDate),
    version: api.version,
    warnings: warnings && warnings.length > 0 ? warnings : undefined,
    binaryMediaTypes: api.binaryMediaTypes,
    minimumCompressionSize: api.minimumCompressionSize,
    apiKeySource: api.apiKeySource,
    endpointConfiguration: api.endpointConfiguration,
    policy: api.policy,
    tags: api.tags,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    rootResourceId: api.rootResourceId,
  };
}

const ENDPOINT_TYPES = new Set(['EDGE', 'REGIONAL', 'PRIVATE']);

function endpointTypes(requested: string[] | undefined): string[] {
  const types = requested && requested.length > 0 ? requested.map((t) => t.toUpperCase()) : ['EDGE'];
  const bad = types.find((t) => !ENDPOINT_TYPES.has(t));
  if (bad) throw badRequest(`Invalid endpoint configuration type '${bad}': use EDGE, REGIONAL or PRIVATE`);
  return types;
}

/** A new API holds only its root resource `/`, like the one CreateRestApi makes. */
export function newRestApi(state: FakeState, name: string): RestApiRecord {
  const id = freshId(state.restApis);
  const rootResourceId = freshId({ has: (candidate) => candidate === id });
  const api: RestApiRecord = {
    id,
    name,
    createdDate: Date.now(),
    apiKeySource: 'HEADER',
    endpointConfiguration: { types: ['EDGE'] },
    disableExecuteApiEndpoint: false,
    rootResourceId,
    resources: new Map([[rootResourceId, { id: rootResourceId, path: '/', resourceMethods: {} }]]),
    models: new Map(),
    authorizers: new Map(),
    requestValidators: new Map(),
    gatewayResponses: new Map(),
    deployments: new Map(),
    stages: new Map(),
  };
  return api;
}

/** CreateRestApi adds the `Empty` and `Error` models to every new API (REST API console/CLI behaviour). */
function defaultModels(): Map<string, ModelRecord> {
  const models = new Map<string, ModelRecord>();
  const empty: ModelRecord = {
    id: freshId(models, 6),
    name: 'Empty',
    description: 'This is a default empty schema model',
    contentType: 'application/json',
    schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#', title: 'Empty Schema', type: 'object' }),
  };
  models.set(empty.id, empty);
  const error: ModelRecord = {
    id: freshId(models, 6),
    name: 'Error',
    description: 'This is a default error schema model',
    contentType: 'application/json',
    schema: JSON.stringify({
      $schema: 'http://json-schema.org/draft-04/schema#',
      title: 'Error Schema',
      type: 'object',
      properties: { message: { type: 'string' } },
    }),
  };
  models.set(error.id, error);
  return models;
}

function createRestApi(ctx: RequestContext): HandlerResult {
  const body = jsonBody(ctx);
  const api = newRestApi(ctx.state, requiredString(body, 'name'));
  api.description = optionalString(body, 'description');
  api.version = optionalString(body, 'version');
  api.binaryMediaTypes = optionalStringList(body, 'binaryMediaTypes');
  api.minimumCompressionSize = optionalNumber(body, 'minimumCompressionSize');
  api.apiKeySource = optionalString(body, 'apiKeySource') ?? 'HEADER';
  api.policy = optionalString(body, 'policy');
  api.tags = optionalStringMap(body, 'tags');
  api.disableExecuteApiEndpoint = optionalBoolean(body, 'disableExecuteApiEndpoint') ?? false;
  const endpoint = body.endpointConfiguration;
  const types = endpoint && typeof endpoint === 'object' ? optionalStringList(endpoint as Record<string, unknown>, 'types') : undefined;
  api.endpointConfiguration = { types: endpointTypes(types) };
  const cloneFrom = optionalString(body, 'cloneFrom');
  if (cloneFrom) {
    const source = findRestApi(ctx.state, cloneFrom);
    api.rootResourceId = source.rootResourceId;
    api.resources = new Map([...source.resources].map(([id, r]) => [id, structuredClone(r)]));
    api.models = new Map([...source.models].map(([id, m]) => [id, { ...m }]));
    api.authorizers = new Map([...source.authorizers].map(([id, a]) => [id, { ...a }]));
    api.requestValidators = new Map([...source.requestValidators].map(([id, v]) => [id, { ...v }]));
    api.gatewayResponses = new Map([...source.gatewayResponses].map(([type, r]) => [type, structuredClone(r)]));
  } else {
    api.models = defaultModels();
  }
  ctx.state.restApis.set(api.id, api);
  return { status: 201, json: restApiView(api) };
}

function importRestApi(ctx: RequestContext): HandlerResult {
  const doc = parseOpenApiText(ctx.body.toString('utf8'), MAX_REST_IMPORT_BYTES);
  const api = newRestApi(ctx.state, documentTitle(doc));
  const types = ctx.query.get('endpointConfigurationTypes');
  api.endpointConfiguration = { types: endpointTypes(types ? types.split(',') : undefined) };
  const warnings = importRestDefinition(api, doc, {
    mode: 'overwrite',
    basePathMode: basePathMode(ctx),
    failOnWarnings: queryBoolean(ctx, 'failonwarnings'),
  });
  ctx.state.restApis.set(api.id, api);
  return { status: 201, json: restApiView(api, warnings) };
}

function putRestApi(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const mode = ctx.query.get('mode') ?? 'merge';
  if (mode !== 'merge' && mode !== 'overwrite') throw badRequest(`Invalid mode '${mode}': use merge or overwrite`);
  const doc = parseOpenApiText(ctx.body.toString('utf8'), MAX_REST_IMPORT_BYTES);
  const warnings = importRestDefinition(api, doc, {
    mode,
    basePathMode: basePathMode(ctx),
    failOnWarnings: queryBoolean(ctx, 'failonwarnings'),
  });
  return { status: 200, json: restApiView(api, warnings) };
}

function basePathMode(ctx: RequestContext): string {
  const mode = (ctx.query.get('basepath') ?? 'ignore').toLowerCase();
  if (!['ignore', 'prepend', 'split'].includes(mode)) throw badRequest(`Invalid basepath '${mode}': use ignore, prepend or split`);
  return mode;
}

function getRestApis(ctx: RequestContext): HandlerResult {
  const all = [...ctx.state.restApis.values()];
  const { page, next } = paginate(all, ctx.query.get('position'), ctx.query.get('limit'), { limit: 25, max: 500 });
  return { status: 200, json: { item: page.map((api) => restApiView(api)), position: next } };
}

/**
 * UpdateRestApi. The endpoint type changes with `replace /endpointConfiguration/types/{CURRENT}` and the new type as
 * value; API Gateway supports edge↔regional, either to private and private to regional, never private to edge.
 */
function updateRestApi(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const operations = jsonBody(ctx).patchOperations ?? [];
  if (!Array.isArray(operations)) throw badRequest("Invalid value for 'patchOperations': expected a list");
  // Worked out on a copy first so that a bad operation leaves the API untouched: a patch applies whole or not at all.
  const draft = { name: api.name, description: api.description, endpointConfiguration: structuredClone(api.endpointConfiguration), policy: api.policy };
  for (const operation of operations) {
    if (!isObject(operation)) throw badRequest('Invalid patch operation: expected an object');
    const op = requiredString(operation, 'op');
    const path = requiredString(operation, 'path');
    const value = optionalString(operation, 'value');
    const endpointType = /^\/endpointConfiguration\/types\/([^/]+)$/.exec(path);
    if (op === 'replace' && endpointType) {
      const from = endpointType[1].toUpperCase();
      const to = (value ?? '').toUpperCase();
      if (!draft.endpointConfiguration.types.includes(from)) {
        throw badRequest(`Invalid patch path '${path}': the API's endpoint type is ${draft.endpointConfiguration.types.join(', ')}, not ${from}`);
      }
      endpointTypes([to]);
      if (from === 'PRIVATE' && to === 'EDGE') throw badRequest('A private API cannot become edge-optimized: change it to REGIONAL');
      draft.endpointConfiguration.types = draft.endpointConfiguration.types.map((t) => (t === from ? to : t));
      if (to !== 'PRIVATE') delete draft.endpointConfiguration.vpcEndpointIds;
    } else if (op === 'replace' && path === '/name') {
      if (!value) throw badRequest('The name of an API cannot be empty');
      draft.name = value;
    } else if (op === 'replace' && path === '/description') {
      draft.description = value;
    } else if ((op === 'replace' || op === 'remove') && path === '/policy') {
      draft.policy = op === 'remove' ? undefined : value;
    } else {
      throw badRequest(`Invalid patch path '${path}' specified for op '${op}'. Supported here: replace /name, /description, /policy, /endpointConfiguration/types/{type}; remove /policy`);
    }
  }
  Object.assign(api, draft);
  return { status: 200, json: restApiView(api) };
}

function deleteRestApi(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  ctx.state.restApis.delete(api.id);
  return { status: 202 };
}

export function addRestApiRoutes(router: Router): void {
  router
    .add('POST', '/restapis', (ctx) => (ctx.query.get('mode') === 'import' ? importRestApi(ctx) : createRestApi(ctx)))
    .add('GET', '/restapis', getRestApis)
    .add('GET', '/restapis/{restApiId}', (ctx) => ({ status: 200, json: restApiView(findRestApi(ctx.state, ctx.params.restApiId)) }))
    .add('PUT', '/restapis/{restApiId}', putRestApi)
    .add('PATCH', '/restapis/{restApiId}', updateRestApi)
    .add('DELETE', '/restapis/{restApiId}', deleteRestApi);
}
