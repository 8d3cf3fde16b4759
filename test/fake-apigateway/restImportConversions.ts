import { isObject, refName, stringList, stringRecord, substituteAwsVariables, type JsonObject } from './openapiDocument';
import type { IntegrationRecord, IntegrationResponseRecord, ResourceRecord } from './state';

const INTEGRATION_TYPES = new Set(['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK']);

/** Rewrites local schema references to model URLs, as API Gateway stores them, and drops unsupported keywords. */
export function convertModelSchema(node: unknown, apiId: string, unsupported: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => convertModelSchema(item, apiId, unsupported));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      out.$ref = `https://apigateway.amazonaws.com/restapis/${apiId}/models/${refName(value)}`;
    } else if (key === 'example' || key === 'examples' || key === 'discriminator' || key === 'readOnly' || key === 'deprecated') {
      // Listed as unsupported model keywords in the API Gateway "known issues" page.
      unsupported.add(key);
    } else if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const [prop, schema] of Object.entries(value)) props[prop] = convertModelSchema(schema, apiId, unsupported);
      out.properties = props;
    } else {
      out[key] = convertModelSchema(value, apiId, unsupported);
    }
  }
  return out;
}

/** A REST integration from `x-amazon-apigateway-integration`, with the defaults API Gateway fills in. */
export function buildRestIntegration(
  spec: JsonObject,
  resource: ResourceRecord,
  httpMethod: string,
  report: { errors: string[]; warnings: string[] },
): IntegrationRecord | undefined {
  const where = `'${httpMethod}' for resource at path '${resource.path}'`;
  if (typeof spec.$ref === 'string') {
    report.errors.push(`Unable to put integration on ${where}: '$ref' integrations (x-amazon-apigateway-integrations) are supported only by HTTP APIs`);
    return undefined;
  }
  const type = typeof spec.type === 'string' ? spec.type.toUpperCase() : '';
  if (!INTEGRATION_TYPES.has(type)) {
    report.errors.push(`Unable to put integration on ${where}: Invalid integration type '${String(spec.type ?? '')}'`);
    return undefined;
  }
  const integration: IntegrationRecord = {
    type,
    passthroughBehavior: typeof spec.passthroughBehavior === 'string' ? spec.passthroughBehavior.toUpperCase() : 'WHEN_NO_MATCH',
    timeoutInMillis: typeof spec.timeoutInMillis === 'number' ? spec.timeoutInMillis : 29000,
    cacheNamespace: typeof spec.cacheNamespace === 'string' ? spec.cacheNamespace : resource.id,
    cacheKeyParameters: stringList(spec.cacheKeyParameters) ?? [],
    connectionType: typeof spec.connectionType === 'string' ? spec.connectionType.toUpperCase() : 'INTERNET',
  };
  if (typeof spec.uri === 'string') integration.uri = substituteAwsVariables(spec.uri);
  else if (type !== 'MOCK') {
    report.errors.push(`Unable to put integration on ${where}: Enumeration value for uri must be non-empty`);
    return undefined;
  }
  if (typeof spec.httpMethod === 'string') integration.httpMethod = spec.httpMethod.toUpperCase();
  else if (type !== 'MOCK') {
    report.errors.push(`Unable to put integration on ${where}: Enumeration value for HttpMethod must be non-empty`);
    return undefined;
  }
  if (typeof spec.connectionId === 'string') integration.connectionId = spec.connectionId;
  if (typeof spec.credentials === 'string') integration.credentials = substituteAwsVariables(spec.credentials);
  if (typeof spec.contentHandling === 'string') integration.contentHandling = spec.contentHandling.toUpperCase();
  if (typeof spec.responseTransferMode === 'string') integration.responseTransferMode = spec.responseTransferMode.toUpperCase();
  const requestParameters = stringRecord(spec.requestParameters);
  if (requestParameters) integration.requestParameters = requestParameters;
  const requestTemplates = stringRecord(spec.requestTemplates);
  if (requestTemplates) integration.requestTemplates = requestTemplates;
  if (isObject(spec.tlsConfig) && typeof spec.tlsConfig.insecureSkipVerification === 'boolean') {
    integration.tlsConfig = { insecureSkipVerification: spec.tlsConfig.insecureSkipVerification };
  }
  if (isObject(spec.responses)) {
    const responses: Record<string, IntegrationResponseRecord> = {};
    for (const [pattern, raw] of Object.entries(spec.responses)) {
      if (!isObject(raw) || raw.statusCode === undefined) {
        report.errors.push(`Unable to put integration response on ${where}: response '${pattern}' has no statusCode`);
        continue;
      }
      const statusCode = String(raw.statusCode);
      const response: IntegrationResponseRecord = { statusCode };
      if (pattern !== 'default') response.selectionPattern = pattern;
      const responseParameters = stringRecord(raw.responseParameters);
      if (responseParameters) response.responseParameters = responseParameters;
      const responseTemplates = stringRecord(raw.responseTemplates);
      if (responseTemplates) response.responseTemplates = responseTemplates;
      if (typeof raw.contentHandling === 'string') response.contentHandling = raw.contentHandling.toUpperCase();
      if (responses[statusCode]) {
        report.warnings.push(`Integration response for status ${statusCode} on ${where} is defined more than once; the last one wins.`);
      }
      responses[statusCode] = response;
    }
    if (Object.keys(responses).length > 0) integration.integrationResponses = responses;
  }
  return integration;
}
