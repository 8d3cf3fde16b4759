import type { ApiDocument } from './apiDocument';
import type { Dialect } from './dialect';
import { getValue } from './navigate';
import type { ObjectNode, ValueNode } from './nodes';

/** Root keys only HTTP APIs read. */
const HTTP_ONLY_ROOT_KEYS = ['x-amazon-apigateway-importexport-version', 'x-amazon-apigateway-cors'];
/** Root keys only REST APIs read. */
const REST_ONLY_ROOT_KEYS = [
  'x-amazon-apigateway-request-validators',
  'x-amazon-apigateway-gateway-responses',
  'x-amazon-apigateway-binary-media-types',
  'x-amazon-apigateway-api-key-source',
  'x-amazon-apigateway-documentation',
  'x-amazon-apigateway-policy',
  'x-amazon-apigateway-minimum-compression-size',
];
const REST_ONLY_INTEGRATION_TYPES = new Set(['aws', 'http', 'mock']);
const REST_ONLY_AUTHORIZER_TYPES = new Set(['token', 'cognito_user_pools']);

/** AWS writes it into every HTTP API export: the tie-breaker when both dialects have as much evidence. */
const HTTP_EXPORT_MARKER = 'x-amazon-apigateway-importexport-version';

/**
 * HTTP APIs are recognised by what only they use: the import/export version, `x-amazon-apigateway-cors`, reusable
 * `components/x-amazon-apigateway-integrations`, JWT authorizers (or Lambda authorizers with an HTTP API payload
 * version), and the `$default` route; REST APIs by what only REST accepts (non-proxy integration types, request
 * templates, token or Cognito authorizers, validators, gateway responses, ...). Each kind of evidence counts once, and
 * a definition holding both is judged by the side with more kinds: one stray key, such as CORS settings pasted into a
 * REST API or a JWT scheme beside token authorizers, must not move every other check to the wrong rules; that key
 * gets its own dialect-mismatch warning instead. Only without any such evidence does a `payloadFormatVersion` or an
 * `integrationSubtype` make it HTTP: REST imports ignore the first, and the second is one copied field. Swagger 2.0
 * documents are always REST (HTTP APIs import only OpenAPI 3).
 */
export function inferDialect(document: ApiDocument): Dialect {
  const root = document.root;
  if (!root || document.kind === 'swagger') return 'rest';
  const evidence = { http: new Set<string>(), rest: new Set<string>(), httpHint: false };
  for (const key of HTTP_ONLY_ROOT_KEYS) if (getValue(root, key) !== undefined) evidence.http.add(key);
  for (const key of REST_ONLY_ROOT_KEYS) if (getValue(root, key) !== undefined) evidence.rest.add(key);
  const components = getValue(root, 'components');
  if (getValue(components, 'x-amazon-apigateway-integrations')) evidence.http.add('x-amazon-apigateway-integrations');
  weighAuthorizers(getValue(components, 'securitySchemes'), evidence);
  weighOperations(getValue(root, 'paths'), evidence);
  const { http, rest } = evidence;
  if (http.size > rest.size) return 'http';
  if (http.size < rest.size) return 'rest';
  if (http.size) return http.has(HTTP_EXPORT_MARKER) ? 'http' : 'rest';
  return evidence.httpHint ? 'http' : 'rest';
}

interface Evidence {
  http: Set<string>;
  rest: Set<string>;
  /** `payloadFormatVersion` or `integrationSubtype`: HTTP only when nothing else says anything. */
  httpHint: boolean;
}

function weighAuthorizers(schemes: ValueNode | undefined, evidence: Evidence): void {
  if (schemes?.type !== 'object') return;
  for (const scheme of schemes.properties) {
    const authorizer = getValue(scheme.value, 'x-amazon-apigateway-authorizer');
    const type = getValue(authorizer, 'type');
    const name = type?.type === 'string' ? (type.value as string).toLowerCase() : undefined;
    if (name === 'jwt') evidence.http.add('jwt authorizer');
    else if (name && REST_ONLY_AUTHORIZER_TYPES.has(name)) evidence.rest.add(`${name} authorizer`);
    if (getValue(authorizer, 'authorizerPayloadFormatVersion') !== undefined || getValue(authorizer, 'enableSimpleResponses') !== undefined) evidence.http.add('HTTP API Lambda authorizer');
  }
}

/** The `$default` route (its path, or an operation marked `isDefaultRoute`) and what the integrations use. */
function weighOperations(paths: ValueNode | undefined, evidence: Evidence): void {
  if (paths?.type !== 'object') return;
  for (const path of paths.properties) {
    if (path.keyValue === '/$default') evidence.http.add('$default route');
    if (path.value?.type !== 'object') continue;
    for (const op of path.value.properties) {
      if (getValue(op.value, 'isDefaultRoute') !== undefined) evidence.http.add('$default route');
      if (getValue(op.value, 'x-amazon-apigateway-request-validator') !== undefined) evidence.rest.add('request validator');
      const integration = getValue(op.value, 'x-amazon-apigateway-integration');
      if (integration?.type !== 'object') continue;
      weighIntegration(integration, evidence);
    }
  }
}

function weighIntegration(integration: ObjectNode, evidence: Evidence): void {
  const type = getValue(integration, 'type');
  const name = type?.type === 'string' ? (type.value as string).toLowerCase() : undefined;
  if (name && REST_ONLY_INTEGRATION_TYPES.has(name)) evidence.rest.add(`${name} integration`);
  if (getValue(integration, 'requestTemplates') !== undefined) evidence.rest.add('requestTemplates');
  if (getValue(integration, 'responses') !== undefined) evidence.rest.add('integration responses');
  if (getValue(integration, 'integrationSubtype') !== undefined || getValue(integration, 'payloadFormatVersion') !== undefined) evidence.httpHint = true;
}
