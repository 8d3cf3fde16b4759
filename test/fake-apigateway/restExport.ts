import { exportGatewayResponses } from './gatewayResponseCatalog';
import { isObject, type JsonObject } from './openapiDocument';
import { FAKE_REGION, type IntegrationRecord, type MethodRecord, type RestApiDefinition, type RestApiRecord } from './state';

export interface RestExportOptions {
  format: 'oas30' | 'swagger';
  stageName: string;
  /** From the `extensions` export parameter: integrations, authorizers, apigateway (both), postman (ignored). */
  withIntegrations: boolean;
  withAuthorizers: boolean;
}

const MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/(.+)$/;

/** Builds the OpenAPI 3.0 or Swagger 2.0 document of a deployed REST API definition. */
export function exportRestDefinition(api: RestApiRecord, definition: RestApiDefinition, options: RestExportOptions): JsonObject {
  const oas3 = options.format === 'oas30';
  const modelRef = (name: string) => (oas3 ? `#/components/schemas/${name}` : `#/definitions/${name}`);
  const authorizerNames = new Map(definition.authorizers.map((a) => [a.id, a.name]));
  const validatorNames = new Map(definition.requestValidators.map((v) => [v.id, v.name]));
  let usesApiKey = false;
  let usesIam = false;

  const paths: JsonObject = {};
  const resources = [...definition.resources].sort((a, b) => a.path.localeCompare(b.path));
  for (const resource of resources) {
    const methods = Object.values(resource.resourceMethods);
    if (methods.length === 0) continue;
    const item: JsonObject = {};
    for (const method of methods) {
      const op = exportOperation(method);
      if (method.apiKeyRequired) usesApiKey = true;
      if (method.authorizationType === 'AWS_IAM') usesIam = true;
      item[method.httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : method.httpMethod.toLowerCase()] = op;
    }
    paths[resource.path] = item;
  }

  function exportOperation(method: MethodRecord): JsonObject {
    const op: JsonObject = {};
    if (method.operationName) op.operationId = method.operationName;
    const parameters: JsonObject[] = [];
    for (const [key, required] of Object.entries(method.requestParameters ?? {})) {
      const found = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key);
      if (!found) continue;
      const location = found[1] === 'querystring' ? 'query' : found[1];
      const parameter: JsonObject = { name: found[2], in: location, required: location === 'path' ? true : required };
      if (oas3) parameter.schema = { type: 'string' };
      else parameter.type = 'string';
      parameters.push(parameter);
    }
    const requestModels = Object.entries(method.requestModels ?? {});
    if (requestModels.length > 0) {
      if (oas3) {
        op.requestBody = { content: Object.fromEntries(requestModels.map(([type, name]) => [type, { schema: { $ref: modelRef(name) } }])), required: true };
      } else {
        op.consumes = requestModels.map(([type]) => type);
        parameters.push({ in: 'body', name: requestModels[0][1], required: true, schema: { $ref: modelRef(requestModels[0][1]) } });
      }
    }
    if (parameters.length > 0) op.parameters = parameters;

    const responses: JsonObject = {};
    for (const response of Object.values(method.methodResponses ?? {})) {
      const out: JsonObject = { description: `${response.statusCode} response` };
      const headers = Object.keys(response.responseParameters ?? {})
        .map((key) => /^method\.response\.header\.(.+)$/.exec(key)?.[1])
        .filter((name): name is string => name !== undefined);
      if (headers.length > 0) out.headers = Object.fromEntries(headers.map((h) => [h, oas3 ? { schema: { type: 'string' } } : { type: 'string' }]));
      const models = Object.entries(response.responseModels ?? {});
      if (models.length > 0) {
        if (oas3) out.content = Object.fromEntries(models.map(([type, name]) => [type, { schema: { $ref: modelRef(name) } }]));
        else {
          op.produces = models.map(([type]) => type);
          out.schema = { $ref: modelRef(models[0][1]) };
        }
      }
      responses[response.statusCode] = out;
    }
    op.responses = responses;

    const security: JsonObject[] = [];
    if (method.authorizerId && authorizerNames.has(method.authorizerId) && options.withAuthorizers) {
      security.push({ [authorizerNames.get(method.authorizerId) as string]: method.authorizationScopes ?? [] });
    }
    if (method.authorizationType === 'AWS_IAM') security.push({ sigv4: [] });
    if (method.apiKeyRequired) security.push({ api_key: [] });
    if (security.length > 0) op.security = security;
    if (options.withIntegrations) {
      if (method.requestValidatorId && validatorNames.has(method.requestValidatorId)) {
        op['x-amazon-apigateway-request-validator'] = validatorNames.get(method.requestValidatorId);
      }
      if (method.methodIntegration) op['x-amazon-apigateway-integration'] = exportIntegration(method.methodIntegration);
    }
    return op;
  }

  const schemas: JsonObject = {};
  for (const model of definition.models) {
    let schema: unknown = {};
    try {
      schema = JSON.parse(model.schema ?? '{}');
    } catch {
      schema = {};
    }
    if (isObject(schema)) delete schema.$schema;
    schemas[model.name] = rewriteModelRefs(schema, modelRef);
  }

  const securitySchemes: JsonObject = {};
  if (usesApiKey) securitySchemes.api_key = { type: 'apiKey', name: 'x-api-key', in: 'header' };
  if (usesIam) securitySchemes.sigv4 = { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };
  if (options.withAuthorizers) {
    for (const authorizer of definition.authorizers) {
      const headerName = /^method\.request\.header\.([^,]+)$/.exec(authorizer.identitySource ?? '')?.[1];
      const extension: JsonObject = { type: authorizer.type.toLowerCase() };
      if (authorizer.authorizerUri) extension.authorizerUri = authorizer.authorizerUri;
      if (authorizer.authorizerCredentials) extension.authorizerCredentials = authorizer.authorizerCredentials;
      if (authorizer.identitySource && authorizer.type === 'REQUEST') extension.identitySource = authorizer.identitySource;
      if (authorizer.identityValidationExpression) extension.identityValidationExpression = authorizer.identityValidationExpression;
      if (authorizer.providerARNs) extension.providerARNs = authorizer.providerARNs;
      if (authorizer.authorizerResultTtlInSeconds !== undefined) extension.authorizerResultTtlInSeconds = authorizer.authorizerResultTtlInSeconds;
      securitySchemes[authorizer.name] = {
        type: 'apiKey',
        name: headerName ?? 'Unused',
        in: 'header',
        'x-amazon-apigateway-authtype': authorizer.authType ?? (authorizer.type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom'),
        'x-amazon-apigateway-authorizer': extension,
      };
    }
  }

  const info: JsonObject = { title: api.name, version: api.version ?? new Date(api.createdDate).toISOString() };
  if (api.description) info.description = api.description;
  const host = `${api.id}.execute-api.${FAKE_REGION}.amazonaws.com`;
  const doc: JsonObject = oas3
    ? {
        openapi: '3.0.1',
        info,
        servers: [{ url: `https://${host}/{basePath}`, variables: { basePath: { default: options.stageName } } }],
        paths,
      }
    : { swagger: '2.0', info, host, basePath: `/${options.stageName}`, schemes: ['https'], paths };
  const components: JsonObject = {};
  if (Object.keys(schemas).length > 0) {
    if (oas3) components.schemas = schemas;
    else doc.definitions = schemas;
  }
  if (Object.keys(securitySchemes).length > 0) {
    if (oas3) components.securitySchemes = securitySchemes;
    else doc.securityDefinitions = securitySchemes;
  }
  if (oas3 && Object.keys(components).length > 0) doc.components = components;
  if (options.withIntegrations) {
    if (definition.requestValidators.length > 0) {
      doc['x-amazon-apigateway-request-validators'] = Object.fromEntries(
        definition.requestValidators.map((v) => [v.name, { validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters }]),
      );
    }
    const gatewayResponses = exportGatewayResponses(definition.gatewayResponses);
    if (gatewayResponses) doc['x-amazon-apigateway-gateway-responses'] = gatewayResponses;
    if (api.binaryMediaTypes && api.binaryMediaTypes.length > 0) doc['x-amazon-apigateway-binary-media-types'] = api.binaryMediaTypes;
    if (api.minimumCompressionSize !== undefined) doc['x-amazon-apigateway-minimum-compression-size'] = api.minimumCompressionSize;
    if (api.policy) {
      try {
        doc['x-amazon-apigateway-policy'] = JSON.parse(api.policy);
      } catch {
        // A policy that is not JSON cannot be shown as an object; leaving it out keeps the export valid.
      }
    }
  }
  return doc;
}

function exportIntegration(integration: IntegrationRecord): JsonObject {
  const out: JsonObject = { type: integration.type.toLowerCase() };
  if (integration.httpMethod) out.httpMethod = integration.httpMethod;
  if (integration.uri) out.uri = integration.uri;
  if (integration.credentials) out.credentials = integration.credentials;
  if (integration.connectionType && integration.connectionType !== 'INTERNET') out.connectionType = integration.connectionType;
  if (integration.connectionId) out.connectionId = integration.connectionId;
  const responses = Object.values(integration.integrationResponses ?? {});
  if (responses.length > 0) {
    out.responses = Object.fromEntries(
      responses.map((r) => {
        const response: JsonObject = { statusCode: r.statusCode };
        if (r.responseParameters) response.responseParameters = r.responseParameters;
        if (r.responseTemplates) response.responseTemplates = r.responseTemplates;
        if (r.contentHandling) response.contentHandling = r.contentHandling;
        return [r.selectionPattern === undefined || r.selectionPattern === '' ? 'default' : r.selectionPattern, response];
      }),
    );
  }
  if (integration.requestParameters) out.requestParameters = integration.requestParameters;
  if (integration.requestTemplates) out.requestTemplates = integration.requestTemplates;
  if (integration.passthroughBehavior) out.passthroughBehavior = integration.passthroughBehavior.toLowerCase();
  if (integration.contentHandling) out.contentHandling = integration.contentHandling;
  if (integration.timeoutInMillis !== undefined) out.timeoutInMillis = integration.timeoutInMillis;
  if (integration.cacheNamespace) out.cacheNamespace = integration.cacheNamespace;
  if (integration.cacheKeyParameters && integration.cacheKeyParameters.length > 0) out.cacheKeyParameters = integration.cacheKeyParameters;
  if (integration.tlsConfig) out.tlsConfig = integration.tlsConfig;
  if (integration.responseTransferMode) out.responseTransferMode = integration.responseTransferMode;
  return out;
}

function rewriteModelRefs(node: unknown, modelRef: (name: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteModelRefs(item, modelRef));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    const url = key === '$ref' && typeof value === 'string' ? MODEL_URL.exec(value) : null;
    out[key] = url ? modelRef(url[1]) : rewriteModelRefs(value, modelRef);
  }
  return out;
}
