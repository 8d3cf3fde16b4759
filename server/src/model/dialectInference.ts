import type { ApiDocument } from './apiDocument';
import type { Dialect } from './dialect';
import { getValue } from './navigate';
import type { ValueNode } from './nodes';

const HTTP_ONLY_ROOT_KEYS = ['x-amazon-apigateway-importexport-version', 'x-amazon-apigateway-cors'];

/**
 * HTTP APIs are recognised by what only they use: the import/export version, `x-amazon-apigateway-cors`, reusable
 * `components/x-amazon-apigateway-integrations`, or a `payloadFormatVersion` on an integration. Anything else, and
 * every Swagger 2.0 document (HTTP APIs import only OpenAPI 3), is a REST API.
 */
export function inferDialect(document: ApiDocument): Dialect {
  const root = document.root;
  if (!root || document.kind === 'swagger') return 'rest';
  if (HTTP_ONLY_ROOT_KEYS.some((k) => getValue(root, k) !== undefined)) return 'http';
  if (getValue(getValue(root, 'components'), 'x-amazon-apigateway-integrations')) return 'http';
  const paths = getValue(root, 'paths');
  if (paths?.type === 'object') {
    for (const path of paths.properties) {
      if (path.value?.type !== 'object') continue;
      for (const op of path.value.properties) {
        const integration = getValue(op.value, 'x-amazon-apigateway-integration');
        if (hasHttpOnlyIntegrationField(integration)) return 'http';
      }
    }
  }
  return 'rest';
}

function hasHttpOnlyIntegrationField(integration: ValueNode | undefined): boolean {
  return getValue(integration, 'payloadFormatVersion') !== undefined || getValue(integration, 'integrationSubtype') !== undefined;
}
