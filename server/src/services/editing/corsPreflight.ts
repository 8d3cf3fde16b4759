import type { ApiDocument } from '../../model/apiDocument';
import { asString, getProperty, getValue } from '../../model/navigate';
import type { ObjectNode } from '../../model/nodes';
import { deref, pathTemplateParameters, requiredSchemes } from '../../model/openapiWalk';
import { headerDefinition, parameterDefinition } from './operationFacts';

const ALLOWED_HEADERS = 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token';
export const PREFLIGHT_HEADERS = ['Access-Control-Allow-Headers', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Origin'];

/**
 * The OPTIONS method that answers a REST API's CORS preflight: a mock integration whose one response sets the
 * Access-Control-Allow-* headers its method response declares (how-to-cors.html, "Enabling CORS for non-proxy
 * integrations"). OpenAPI wants every template expression of the path declared on each operation, so the ones the
 * path item does not declare for all its operations are declared here. Browsers send the preflight without
 * credentials, so an OPTIONS method under a root-level `security` is left open with a `security` of its own.
 */
export function preflightOperation(document: ApiDocument, template: string, pathItem: ObjectNode, allowMethods: string): Record<string, unknown> {
  const header = headerDefinition(document);
  const values: Record<string, string> = {
    'Access-Control-Allow-Headers': `'${ALLOWED_HEADERS}'`,
    'Access-Control-Allow-Methods': `'${allowMethods}'`,
    'Access-Control-Allow-Origin': "'*'",
  };
  const shared = sharedPathParameters(document, pathItem);
  const parameters = pathTemplateParameters(template)
    .filter((name, i, all) => !shared.has(name) && all.indexOf(name) === i)
    .map((name) => parameterDefinition(document, name, 'path'));
  return {
    summary: 'CORS preflight',
    ...(parameters.length ? { parameters } : {}),
    ...(requiredSchemes(getProperty(document.root, 'security')?.value).length ? { security: [] } : {}),
    responses: {
      '200': { description: 'CORS preflight response', headers: Object.fromEntries(PREFLIGHT_HEADERS.map((h) => [h, header])) },
    },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      responses: {
        default: {
          statusCode: '200',
          responseParameters: Object.fromEntries(PREFLIGHT_HEADERS.map((h) => [`method.response.header.${h}`, values[h]])),
        },
      },
    },
  };
}

/** The path parameters the path item's own `parameters` declare, which every operation of it shares (`proxy+` as `proxy`). */
function sharedPathParameters(document: ApiDocument, pathItem: ObjectNode): Set<string> {
  const names = new Set<string>();
  const list = getValue(pathItem, 'parameters');
  if (list?.type !== 'array') return names;
  for (const item of list.items) {
    const parameter = deref(document, item);
    const name = asString(getValue(parameter, 'name'));
    if (name !== undefined && asString(getValue(parameter, 'in')) === 'path') names.add(name.endsWith('+') ? name.slice(0, -1) : name);
  }
  return names;
}
