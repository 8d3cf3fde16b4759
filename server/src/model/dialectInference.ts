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

/**
 * HTTP APIs are recognised by what only they use: the import/export version, `x-amazon-apigateway-cors`, reusable
 * `components/x-amazon-apigateway-integrations`, JWT authorizers (or Lambda authorizers with an HTTP API payload
 * version), and the `$default` route. Next, anything only REST APIs accept (non-proxy integration types,
 * token or Cognito authorizers, validators, gateway responses, ...) makes it REST. Only then does a
 * `payloadFormatVersion` or an `integrationSubtype` tip the balance to HTTP: REST imports ignore the first, and one
 * stray subtype (a copied integration) must not outvote a document built of REST-only features. Swagger 2.0 documents
 * are always REST (HTTP APIs import only OpenAPI 3).
 */
export function inferDialect(document: ApiDocument): Dialect {
  const root = document.root;
  if (!root || document.kind === 'swagger') return 'rest';
  if (HTTP_ONLY_ROOT_KEYS.some((k) => getValue(root, k) !== undefined)) return 'http';
  if (getValue(getValue(root, 'components'), 'x-amazon-apigateway-integrations')) return 'http';
  if (hasHttpOnlyAuthorizer(getValue(getValue(root, 'components'), 'securitySchemes')) || hasDefaultRoute(getValue(root, 'paths'))) return 'http';
  // Anything REST-only decides, whatever hints follow: the operations need not be read.
  if (REST_ONLY_ROOT_KEYS.some((k) => getValue(root, k) !== undefined) || hasRestOnlyAuthorizer(getValue(getValue(root, 'components'), 'securitySchemes'))) return 'rest';
  let httpHintSeen = false;
  const paths = getValue(root, 'paths');
  if (paths?.type === 'object') {
    for (const path of paths.properties) {
      if (path.value?.type !== 'object') continue;
      for (const op of path.value.properties) {
        const integration = getValue(op.value, 'x-amazon-apigateway-integration');
        if (integration?.type !== 'object') continue;
        if (isRestOnlyIntegration(integration)) return 'rest';
        if (getValue(integration, 'integrationSubtype') !== undefined || getValue(integration, 'payloadFormatVersion') !== undefined) httpHintSeen = true;
      }
    }
  }
  return httpHintSeen ? 'http' : 'rest';
}

function isRestOnlyIntegration(integration: ObjectNode): boolean {
  const type = getValue(integration, 'type');
  if (type?.type === 'string' && REST_ONLY_INTEGRATION_TYPES.has((type.value as string).toLowerCase())) return true;
  return getValue(integration, 'requestTemplates') !== undefined || getValue(integration, 'responses') !== undefined;
}

/** JWT authorizers, and Lambda authorizers with an HTTP API payload version or simple responses. */
function hasHttpOnlyAuthorizer(schemes: ValueNode | undefined): boolean {
  if (schemes?.type !== 'object') return false;
  return schemes.properties.some((s) => {
    const authorizer = getValue(s.value, 'x-amazon-apigateway-authorizer');
    const type = getValue(authorizer, 'type');
    if (type?.type === 'string' && (type.value as string).toLowerCase() === 'jwt') return true;
    return getValue(authorizer, 'authorizerPayloadFormatVersion') !== undefined || getValue(authorizer, 'enableSimpleResponses') !== undefined;
  });
}

/** The `$default` route: its path, or an operation marked `isDefaultRoute`. */
function hasDefaultRoute(paths: ValueNode | undefined): boolean {
  if (paths?.type !== 'object') return false;
  return paths.properties.some((path) => path.keyValue === '/$default' || (path.value?.type === 'object' && path.value.properties.some((op) => getValue(op.value, 'isDefaultRoute') !== undefined)));
}

function hasRestOnlyAuthorizer(schemes: ValueNode | undefined): boolean {
  if (schemes?.type !== 'object') return false;
  return schemes.properties.some((s) => {
    const type = getValue(getValue(s.value, 'x-amazon-apigateway-authorizer'), 'type');
    return type?.type === 'string' && REST_ONLY_AUTHORIZER_TYPES.has((type.value as string).toLowerCase());
  });
}
