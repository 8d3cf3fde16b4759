import type * as V1 from '@aws-sdk/client-api-gateway';
import { dnsSuffix, FALLBACK_REGION } from '../aws/regions';

/**
 * A REST API's current configuration turned into the OpenAPI 3.0 document with x-amazon-apigateway-* extensions that
 * GetExport would give for a stage deployed from it. GetExport needs a stage; this needs only the read calls, so an
 * API that was never deployed still gets a backup that ImportRestApi / PutRestApi accept.
 */

/** Everything the read calls return about a REST API, without a stage. */
export interface RestApiState {
  restApi: V1.RestApi;
  resources: V1.Resource[];
  models: V1.Model[];
  authorizers: V1.Authorizer[];
  requestValidators: V1.RequestValidator[];
  /** Undefined when the service could not list them; the document then keeps the defaults. */
  gatewayResponses?: V1.GatewayResponse[];
}

export interface RebuiltDefinition {
  document: Record<string, unknown>;
  /** What OpenAPI cannot carry or what looked inconsistent; the raw snapshot kept beside the backup has it all. */
  notes: string[];
}

type Json = Record<string, unknown>;

const MODEL_URL = /^https:\/\/apigateway\.[^/]*amazonaws\.com[^/]*\/restapis\/[^/]+\/models\/([^/#?]+)$/;
const PARAMETER = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/;
const LOCATIONS: Record<string, string> = { path: 'path', querystring: 'query', multivaluequerystring: 'query', header: 'header', multivalueheader: 'header' };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty<T extends object>(value: T | undefined): value is T {
  return value !== undefined && Object.keys(value).length > 0;
}

function byKey<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

/** A scheme name no authorizer already uses, since authorizers share `securitySchemes` with the built-in ones. */
function freeName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name); i++) name = `${wanted}${i}`;
  taken.add(name);
  return name;
}

/**
 * GetRestApi returns the policy with its quotes escaped, and with the API's own ARN; `execute-api:/` is what import
 * expands to the ARN of whichever API the document lands in, so the policy survives a re-import as a new API too.
 */
export function policyObject(policy: string | undefined, apiId: string | undefined): Json | undefined {
  if (!policy) return undefined;
  for (const candidate of [policy, policy.replace(/\\"/g, '"').replace(/\\\\/g, '\\')]) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (!isObject(parsed)) continue;
      if (!apiId) return parsed;
      const own = new RegExp(`arn:aws[\\w-]*:execute-api:[^:"]*:[^:"]*:${apiId.replace(/[^\w]/g, '')}/`, 'g');
      return JSON.parse(JSON.stringify(parsed).replace(own, 'execute-api:/')) as Json;
    } catch {
      // Tried again unescaped, then given up on below.
    }
  }
  return undefined;
}

function modelSchema(model: V1.Model, notes: string[]): unknown {
  let schema: unknown;
  try {
    schema = JSON.parse(model.schema ?? '{}');
  } catch {
    notes.push(`Model ${model.name}: its schema is not JSON and was left empty; see the snapshot.`);
    return {};
  }
  if (isObject(schema)) {
    delete schema.$schema;
    if (model.description && schema.description === undefined) schema.description = model.description;
  }
  return localRefs(schema);
}

function localRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(localRefs);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    const model = key === '$ref' && typeof value === 'string' ? MODEL_URL.exec(value) : null;
    out[key] = model ? `#/components/schemas/${decodeURIComponent(model[1])}` : localRefs(value);
  }
  return out;
}

function integrationExtension(integration: V1.Integration, resourceId: string | undefined, where: string, notes: string[]): Json {
  const out: Json = {};
  if (integration.type) out.type = integration.type.toLowerCase();
  if (integration.httpMethod) out.httpMethod = integration.httpMethod;
  if (integration.uri) out.uri = integration.uri;
  if (integration.credentials) out.credentials = integration.credentials;
  if (integration.connectionType && integration.connectionType !== 'INTERNET') out.connectionType = integration.connectionType;
  if (integration.connectionId) out.connectionId = integration.connectionId;
  if (integration.integrationTarget) out.integrationTarget = integration.integrationTarget;
  const responses: Json = {};
  for (const [statusCode, response] of byKey(integration.integrationResponses ?? {})) {
    const key = response.selectionPattern ? response.selectionPattern : 'default';
    if (responses[key]) notes.push(`${where}: more than one integration response selects "${key}"; only status ${String((responses[key] as Json).statusCode)} was kept.`);
    else {
      const out: Json = { statusCode: response.statusCode ?? statusCode };
      if (nonEmpty(response.responseParameters)) out.responseParameters = response.responseParameters;
      if (nonEmpty(response.responseTemplates)) out.responseTemplates = response.responseTemplates;
      if (response.contentHandling) out.contentHandling = response.contentHandling;
      responses[key] = out;
    }
  }
  if (nonEmpty(responses)) out.responses = responses;
  if (nonEmpty(integration.requestParameters)) out.requestParameters = integration.requestParameters;
  if (nonEmpty(integration.requestTemplates)) out.requestTemplates = integration.requestTemplates;
  if (integration.passthroughBehavior) out.passthroughBehavior = integration.passthroughBehavior.toLowerCase();
  if (integration.contentHandling) out.contentHandling = integration.contentHandling;
  if (integration.timeoutInMillis !== undefined) out.timeoutInMillis = integration.timeoutInMillis;
  // API Gateway defaults the namespace to the resource's id; copying that id would tie a re-imported resource to an
  // id it no longer has, while leaving it out gives it its own id again.
  if (integration.cacheNamespace && integration.cacheNamespace !== resourceId) out.cacheNamespace = integration.cacheNamespace;
  if (integration.cacheKeyParameters?.length) out.cacheKeyParameters = integration.cacheKeyParameters;
  if (integration.tlsConfig && integration.tlsConfig.insecureSkipVerification !== undefined) {
    out.tlsConfig = { insecureSkipVerification: integration.tlsConfig.insecureSkipVerification };
  }
  if (integration.responseTransferMode) out.responseTransferMode = integration.responseTransferMode;
  return out;
}

function authorizerScheme(authorizer: V1.Authorizer): Json {
  const type = (authorizer.type ?? 'TOKEN').toUpperCase();
  const extension: Json = { type: type.toLowerCase() };
  if (authorizer.authorizerUri) extension.authorizerUri = authorizer.authorizerUri;
  if (authorizer.authorizerCredentials) extension.authorizerCredentials = authorizer.authorizerCredentials;
  // A TOKEN or Cognito authorizer reads the one header the scheme names; a REQUEST one lists its sources itself.
  const header = /^method\.request\.header\.([^,\s]+)$/.exec(authorizer.identitySource ?? '')?.[1];
  if (authorizer.identitySource && (type === 'REQUEST' || !header)) extension.identitySource = authorizer.identitySource;
  if (authorizer.identityValidationExpression) extension.identityValidationExpression = authorizer.identityValidationExpression;
  if (authorizer.providerARNs?.length) extension.providerARNs = authorizer.providerARNs;
  if (authorizer.authorizerResultTtlInSeconds !== undefined) extension.authorizerResultTtlInSeconds = authorizer.authorizerResultTtlInSeconds;
  return {
    type: 'apiKey',
    name: type === 'REQUEST' ? 'Unused' : header ?? 'Unused',
    in: 'header',
    'x-amazon-apigateway-authtype': authorizer.authType ?? (type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom'),
    'x-amazon-apigateway-authorizer': extension,
  };
}

export interface RebuildOptions {
  /** For the informational server URL. */
  region?: string;
}

/** Builds the document; pure, so every mapping rule is tested without a service. */
export function rebuildRestDefinition(state: RestApiState, options: RebuildOptions = {}): RebuiltDefinition {
  const notes: string[] = [];
  const api = state.restApi;
  const schemeNames = new Set<string>();
  const authorizerSchemes = new Map<string, string>();
  const securitySchemes: Json = {};
  for (const authorizer of [...state.authorizers].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))) {
    if (!authorizer.id || !authorizer.name) continue;
    const name = freeName(authorizer.name, schemeNames);
    authorizerSchemes.set(authorizer.id, name);
    securitySchemes[name] = authorizerScheme(authorizer);
  }
  const validators = new Map(state.requestValidators.filter((v) => v.id && v.name).map((v) => [v.id as string, v.name as string]));
  const modelNames = new Set(state.models.map((m) => m.name).filter((n): n is string => Boolean(n)));
  let sigv4: string | undefined;
  let apiKey: string | undefined;

  const schemaRef = (name: string, where: string) => {
    if (!modelNames.has(name)) notes.push(`${where}: model ${name} does not exist; the reference was kept.`);
    return { $ref: `#/components/schemas/${name}` };
  };

  const operation = (method: V1.Method, resource: V1.Resource): Json => {
    const where = `${method.httpMethod ?? '?'} ${resource.path ?? '?'}`;
    const op: Json = {};
    if (method.operationName) op.operationId = method.operationName;
    const parameters: Json[] = [];
    for (const [key, required] of byKey(method.requestParameters ?? {})) {
      const found = PARAMETER.exec(key);
      if (!found) {
        notes.push(`${where}: request parameter ${key} has no OpenAPI form and was left out.`);
        continue;
      }
      const location = LOCATIONS[found[1]];
      const multi = found[1].startsWith('multivalue');
      if (multi) notes.push(`${where}: ${key} is imported back as a single-value ${location} parameter.`);
      parameters.push({
        name: found[2],
        in: location,
        required: location === 'path' ? true : Boolean(required),
        schema: multi ? { type: 'array', items: { type: 'string' } } : { type: 'string' },
      });
    }
    if (parameters.length) op.parameters = parameters;
    if (nonEmpty(method.requestModels)) {
      op.requestBody = {
        content: Object.fromEntries(byKey(method.requestModels).map(([type, name]) => [type, { schema: schemaRef(name, where) }])),
        required: true,
      };
    }
    const responses: Json = {};
    for (const [statusCode, response] of byKey(method.methodResponses ?? {})) {
      const out: Json = { description: `${statusCode} response` };
      const headers = Object.keys(response.responseParameters ?? {})
        .map((key) => /^method\.response\.header\.(.+)$/.exec(key)?.[1])
        .filter((h): h is string => h !== undefined);
      if (headers.length) out.headers = Object.fromEntries(headers.map((h) => [h, { schema: { type: 'string' } }]));
      if (nonEmpty(response.responseModels)) {
        out.content = Object.fromEntries(byKey(response.responseModels).map(([type, name]) => [type, { schema: schemaRef(name, where) }]));
      }
      responses[statusCode] = out;
    }
    op.responses = responses;

    const security: Json[] = [];
    const authorization = (method.authorizationType ?? 'NONE').toUpperCase();
    if (authorization === 'CUSTOM' || authorization === 'COGNITO_USER_POOLS') {
      const scheme = method.authorizerId ? authorizerSchemes.get(method.authorizerId) : undefined;
      if (scheme) security.push({ [scheme]: method.authorizationScopes ?? [] });
      else notes.push(`${where}: authorizer ${method.authorizerId ?? '(none)'} does not exist, so the method was written without it.`);
    } else if (authorization === 'AWS_IAM') {
      sigv4 ??= freeName('sigv4', schemeNames);
      security.push({ [sigv4]: [] });
    }
    if (method.apiKeyRequired) {
      apiKey ??= freeName('api_key', schemeNames);
      security.push({ [apiKey]: [] });
    }
    if (security.length) op.security = security;
    if (method.requestValidatorId) {
      const name = validators.get(method.requestValidatorId);
      if (name) op['x-amazon-apigateway-request-validator'] = name;
      else notes.push(`${where}: request validator ${method.requestValidatorId} does not exist and was left out.`);
    }
    if (method.methodIntegration) op['x-amazon-apigateway-integration'] = integrationExtension(method.methodIntegration, resource.id, where, notes);
    return op;
  };

  const paths: Json = {};
  const resources = [...state.resources].sort((a, b) => (a.path ?? '').localeCompare(b.path ?? ''));
  const allPaths = resources.map((r) => r.path ?? '');
  for (const resource of resources) {
    const path = resource.path;
    if (!path) continue;
    const methods = byKey(resource.resourceMethods ?? {});
    if (!methods.length) {
      // Parents come back from their children's paths; a childless resource without methods only from its own.
      const hasChildren = allPaths.some((p) => p.startsWith(path === '/' ? '/' : `${path}/`) && p !== path);
      if (!hasChildren && path !== '/') paths[path] = {};
      continue;
    }
    const item: Json = {};
    for (const [name, method] of methods) {
      const httpMethod = (method.httpMethod ?? name).toUpperCase();
      item[httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : httpMethod.toLowerCase()] = operation(method, resource);
    }
    paths[path] = item;
  }
  if (sigv4) securitySchemes[sigv4] = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  if (apiKey) securitySchemes[apiKey] = { type: 'apiKey', name: 'x-api-key', in: 'header' };

  const schemas: Json = {};
  for (const model of [...state.models].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))) {
    if (model.name) schemas[model.name] = modelSchema(model, notes);
  }

  const info: Json = { title: api.name ?? api.id ?? 'API', version: api.version ?? api.createdDate?.toISOString() ?? '1' };
  if (api.description) info.description = api.description;
  const region = options.region ?? FALLBACK_REGION;
  const server: Json = { url: `https://${api.id ?? 'api'}.execute-api.${region}.${dnsSuffix(region)}/{basePath}`, variables: { basePath: { default: '' } } };
  const endpoint: Json = {};
  if (api.disableExecuteApiEndpoint) endpoint.disableExecuteApiEndpoint = true;
  if (api.endpointConfiguration?.vpcEndpointIds?.length) endpoint.vpcEndpointIds = api.endpointConfiguration.vpcEndpointIds;
  if (nonEmpty(endpoint)) server['x-amazon-apigateway-endpoint-configuration'] = endpoint;

  const document: Json = { openapi: '3.0.1', info, servers: [server], paths };
  const components: Json = {};
  if (nonEmpty(schemas)) components.schemas = schemas;
  if (nonEmpty(securitySchemes)) components.securitySchemes = securitySchemes;
  if (nonEmpty(components)) document.components = components;
  if (state.requestValidators.length) {
    document['x-amazon-apigateway-request-validators'] = Object.fromEntries(
      [...state.requestValidators]
        .filter((v) => v.name)
        .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
        .map((v) => [v.name, { validateRequestBody: v.validateRequestBody ?? false, validateRequestParameters: v.validateRequestParameters ?? false }]),
    );
  }
  const gatewayResponses: Json = {};
  for (const response of state.gatewayResponses ?? []) {
    // Unchanged defaults are recreated by API Gateway itself; only customised ones carry information.
    if (response.defaultResponse !== false || !response.responseType) continue;
    const out: Json = {};
    if (response.statusCode) out.statusCode = response.statusCode;
    if (nonEmpty(response.responseParameters)) out.responseParameters = response.responseParameters;
    if (nonEmpty(response.responseTemplates)) out.responseTemplates = response.responseTemplates;
    gatewayResponses[response.responseType] = out;
  }
  if (state.gatewayResponses === undefined) notes.push('Gateway responses could not be read, so customised ones are not in this document.');
  if (nonEmpty(gatewayResponses)) document['x-amazon-apigateway-gateway-responses'] = gatewayResponses;
  if (api.binaryMediaTypes?.length) document['x-amazon-apigateway-binary-media-types'] = api.binaryMediaTypes;
  if (api.minimumCompressionSize !== undefined) document['x-amazon-apigateway-minimum-compression-size'] = api.minimumCompressionSize;
  if (api.apiKeySource) document['x-amazon-apigateway-api-key-source'] = api.apiKeySource;
  const policy = policyObject(api.policy, api.id);
  if (policy) document['x-amazon-apigateway-policy'] = policy;
  else if (api.policy) notes.push('The resource policy could not be read as JSON and was left out; see the snapshot.');
  return { document, notes };
}
