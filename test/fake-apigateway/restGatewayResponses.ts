import { badRequest, notFound } from './errors';
import { DEFAULT_STATUS, DEFAULT_TEMPLATES, problemOf } from './gatewayResponseCatalog';
import { isObject, type JsonObject } from './openapiDocument';
import { paginate } from './pagination';
import { findRestApi } from './restApis';
import { decodePatchKey } from './restStages';
import {
  jsonBody,
  optionalString,
  optionalStringMap,
  requiredString,
  type HandlerResult,
  type RequestContext,
  type Router,
} from './router';
import type { GatewayResponseRecord, RestApiRecord } from './state';

function checkedType(type: string): string {
  if (!DEFAULT_STATUS.has(type)) {
    throw badRequest(
      `1 validation error detected: Value '${type}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [${[...DEFAULT_STATUS.keys()].join(', ')}]`,
    );
  }
  return type;
}

/**
 * The status a type answers with while it is not customised. A customised DEFAULT_4XX or DEFAULT_5XX status code
 * replaces the defaults of its whole family, as the gateway response types page says.
 */
function defaultStatus(api: RestApiRecord, type: string): string | undefined {
  const own = DEFAULT_STATUS.get(type);
  if (own === undefined) return undefined;
  const family = api.gatewayResponses.get(own.startsWith('4') ? 'DEFAULT_4XX' : 'DEFAULT_5XX');
  return family?.statusCode ?? own;
}

function defaultRecord(api: RestApiRecord, type: string): GatewayResponseRecord {
  return withoutUndefined({
    responseType: type,
    statusCode: defaultStatus(api, type),
    responseParameters: {},
    responseTemplates: { ...DEFAULT_TEMPLATES },
  });
}

function gatewayResponseView(api: RestApiRecord, type: string): JsonObject {
  const custom = api.gatewayResponses.get(type);
  if (custom) return { ...structuredClone(custom), defaultResponse: false };
  return { ...defaultRecord(api, type), defaultResponse: true };
}

function checked(record: GatewayResponseRecord): GatewayResponseRecord {
  const problem = problemOf(record);
  if (problem) throw badRequest(problem);
  return record;
}

function listGatewayResponses(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const all = [...DEFAULT_STATUS.keys()].map((type) => gatewayResponseView(api, type));
  const { page, next } = paginate(all, ctx.query.get('position'), ctx.query.get('limit'), { limit: 25, max: 500 });
  return { status: 200, json: { item: page, position: next } };
}

function getGatewayResponse(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  return { status: 200, json: gatewayResponseView(api, checkedType(ctx.params.responseType)) };
}

/** PUT replaces the whole customisation: members left out fall back to nothing, not to what was there before. */
function putGatewayResponse(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const responseType = checkedType(ctx.params.responseType);
  const body = jsonBody(ctx);
  const record = checked(withoutUndefined({
    responseType,
    statusCode: optionalString(body, 'statusCode'),
    responseParameters: optionalStringMap(body, 'responseParameters'),
    responseTemplates: optionalStringMap(body, 'responseTemplates'),
  }));
  api.gatewayResponses.set(responseType, record);
  return { status: 201, json: gatewayResponseView(api, responseType) };
}

function deleteGatewayResponse(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const responseType = checkedType(ctx.params.responseType);
  if (!api.gatewayResponses.delete(responseType)) throw notFound('Gateway response type not defined on api');
  return { status: 202 };
}

/** Updating a type still at its default customises it, starting from the default's values. */
function updateGatewayResponse(ctx: RequestContext): HandlerResult {
  const api = findRestApi(ctx.state, ctx.params.restApiId);
  const responseType = checkedType(ctx.params.responseType);
  const operations = jsonBody(ctx).patchOperations ?? [];
  if (!Array.isArray(operations)) throw badRequest("Invalid value for 'patchOperations': expected a list");
  const current = api.gatewayResponses.get(responseType);
  // Worked on a copy so that a bad operation leaves the response untouched: a patch applies whole or not at all.
  const draft: GatewayResponseRecord = current ? structuredClone(current) : defaultRecord(api, responseType);
  for (const operation of operations) {
    if (!isObject(operation)) throw badRequest('Invalid patch operation: expected an object');
    applyPatch(draft, operation);
  }
  api.gatewayResponses.set(responseType, checked(draft));
  return { status: 200, json: gatewayResponseView(api, responseType) };
}

/** The patch paths UpdateGatewayResponse supports: replace /statusCode; add, replace, remove of one map entry. */
function applyPatch(draft: GatewayResponseRecord, operation: JsonObject): void {
  const op = requiredString(operation, 'op');
  const path = requiredString(operation, 'path');
  const value = optionalString(operation, 'value');
  if (op === 'replace' && path === '/statusCode') {
    if (!value) throw badRequest(`Invalid patch operation: '${op}' on '${path}' needs a value`);
    draft.statusCode = value;
    return;
  }
  const entry = /^\/(responseParameters|responseTemplates)\/(.+)$/.exec(path);
  if (!entry || !['add', 'replace', 'remove'].includes(op)) {
    throw badRequest(`Invalid patch path '${path}' specified for op '${op}'. Supported: replace /statusCode; add, replace or remove /responseParameters/{key} and /responseTemplates/{contentType}`);
  }
  const member = entry[1] as 'responseParameters' | 'responseTemplates';
  const key = decodePatchKey(entry[2]);
  const map = { ...draft[member] };
  if (op === 'remove') {
    delete map[key];
  } else {
    if (op === 'replace' && !(key in map)) throw notFound('Invalid parameter name specified');
    if (value === undefined) throw badRequest(`Invalid null or empty value in ${member}`);
    map[key] = value;
  }
  draft[member] = map;
}

function withoutUndefined(record: GatewayResponseRecord): GatewayResponseRecord {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as unknown as GatewayResponseRecord;
}

export function addRestGatewayResponseRoutes(router: Router): void {
  const one = '/restapis/{restApiId}/gatewayresponses/{responseType}';
  router
    .add('GET', '/restapis/{restApiId}/gatewayresponses', listGatewayResponses)
    .add('GET', one, getGatewayResponse)
    .add('PUT', one, putGatewayResponse)
    .add('PATCH', one, updateGatewayResponse)
    .add('DELETE', one, deleteGatewayResponse);
}
