import type { JsonObject } from './openapiDocument';
import { FAKE_REGION, type HttpApiRecord, type HttpIntegrationRecord, type RouteRecord } from './state';

/**
 * The OpenAPI 3.0 document of an HTTP API, in the shape ExportApi gives: one operation per route, the
 * `$default` route as an `x-amazon-apigateway-any-method` under `/$default`, and the API Gateway extensions when
 * `includeExtensions` is on.
 */
export function exportHttpDefinition(api: HttpApiRecord, options: { stageName?: string; includeExtensions: boolean }): JsonObject {
  const paths: Record<string, JsonObject> = {};
  const usedAuthorizers = new Set<string>();
  const routes = [...api.routes.values()].sort((a, b) => a.routeKey.localeCompare(b.routeKey));
  for (const route of routes) {
    const isDefault = route.routeKey === '$default';
    const [method, path] = isDefault ? ['ANY', '/$default'] : route.routeKey.split(' ', 2);
    if (!path) continue;
    const op = exportRoute(api, route, path, options.includeExtensions);
    if (isDefault && options.includeExtensions) op.isDefaultRoute = true;
    if (route.authorizerId) usedAuthorizers.add(route.authorizerId);
    const item = (paths[path] ??= {});
    item[method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()] = op;
  }

  const info: JsonObject = { title: api.name, version: api.version ?? new Date(api.createdDate).toISOString() };
  if (api.description) info.description = api.description;
  const serverUrl = `https://${api.apiId}.execute-api.${FAKE_REGION}.amazonaws.com/${options.stageName && options.stageName !== '$default' ? options.stageName : ''}`;
  const doc: JsonObject = { openapi: '3.0.1', info, servers: [{ url: serverUrl }], paths };

  const securitySchemes: JsonObject = {};
  for (const authorizer of api.authorizers.values()) {
    if (!usedAuthorizers.has(authorizer.authorizerId)) continue;
    const extension: JsonObject = { type: authorizer.authorizerType.toLowerCase() };
    if (authorizer.identitySource) extension.identitySource = authorizer.identitySource.join(', ');
    if (authorizer.jwtConfiguration) extension.jwtConfiguration = authorizer.jwtConfiguration;
    if (authorizer.authorizerUri) extension.authorizerUri = authorizer.authorizerUri;
    if (authorizer.authorizerCredentialsArn) extension.authorizerCredentials = authorizer.authorizerCredentialsArn;
    if (authorizer.authorizerPayloadFormatVersion) extension.authorizerPayloadFormatVersion = authorizer.authorizerPayloadFormatVersion;
    if (authorizer.authorizerResultTtlInSeconds !== undefined) extension.authorizerResultTtlInSeconds = authorizer.authorizerResultTtlInSeconds;
    if (authorizer.enableSimpleResponses !== undefined) extension.enableSimpleResponses = authorizer.enableSimpleResponses;
    const scheme: JsonObject =
      authorizer.authorizerType === 'JWT' ? { type: 'oauth2', flows: {} } : { type: 'apiKey', name: 'Unused', in: 'header' };
    if (options.includeExtensions) scheme['x-amazon-apigateway-authorizer'] = extension;
    securitySchemes[authorizer.name] = scheme;
  }
  if (Object.keys(securitySchemes).length > 0) doc.components = { securitySchemes };
  if (options.includeExtensions) {
    if (api.corsConfiguration) doc['x-amazon-apigateway-cors'] = api.corsConfiguration;
    doc['x-amazon-apigateway-importexport-version'] = '1.0';
  }
  return doc;
}

function exportRoute(api: HttpApiRecord, route: RouteRecord, path: string, includeExtensions: boolean): JsonObject {
  const op: JsonObject = { responses: { default: { description: `Default response for ${route.routeKey}` } } };
  if (route.operationName) op.operationId = route.operationName;
  const pathParameters = [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]);
  if (pathParameters.length > 0) {
    op.parameters = pathParameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  }
  const authorizer = route.authorizerId ? api.authorizers.get(route.authorizerId) : undefined;
  if (authorizer) op.security = [{ [authorizer.name]: route.authorizationScopes ?? [] }];
  const integrationId = route.target?.startsWith('integrations/') ? route.target.slice('integrations/'.length) : undefined;
  const integration = integrationId ? api.integrations.get(integrationId) : undefined;
  if (integration && includeExtensions) op['x-amazon-apigateway-integration'] = exportIntegration(integration);
  return op;
}

function exportIntegration(integration: HttpIntegrationRecord): JsonObject {
  const out: JsonObject = { type: integration.integrationType.toLowerCase() };
  if (integration.integrationSubtype) out.integrationSubtype = integration.integrationSubtype;
  if (integration.integrationMethod) out.httpMethod = integration.integrationMethod;
  if (integration.integrationUri) out.uri = integration.integrationUri;
  if (integration.credentialsArn) out.credentials = integration.credentialsArn;
  if (integration.requestParameters) out.requestParameters = integration.requestParameters;
  if (integration.payloadFormatVersion) out.payloadFormatVersion = integration.payloadFormatVersion;
  out.connectionType = integration.connectionType;
  if (integration.connectionId) out.connectionId = integration.connectionId;
  if (integration.timeoutInMillis !== undefined) out.timeoutInMillis = integration.timeoutInMillis;
  if (integration.tlsConfig) out.tlsConfig = integration.tlsConfig;
  return out;
}
