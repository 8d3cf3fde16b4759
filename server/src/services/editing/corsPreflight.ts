import type { ApiDocument } from '../../model/apiDocument';
import { asString, getProperty, getValue, toValue } from '../../model/navigate';
import type { ObjectNode } from '../../model/nodes';
import { deref, pathTemplateParameters, requiredSchemes } from '../../model/openapiWalk';
import { declaredRequestHeaders, withDeclaredHeaders } from './corsRequestHeaders';
import { headerDefinition, parameterDefinition } from './operationFacts';

/** The headers API Gateway's console allows when it enables CORS. */
const USUAL_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token'];
export const PREFLIGHT_HEADERS = ['Access-Control-Allow-Headers', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Origin'];

/**
 * The OPTIONS method that answers a REST API's CORS preflight: a mock integration whose one response sets the
 * Access-Control-Allow-* headers its method response declares (how-to-cors.html, "Enabling CORS for non-proxy
 * integrations"). OpenAPI wants every template expression of the path declared on each operation, so the ones the
 * path item does not declare for all its operations are declared here. Browsers send the preflight without
 * credentials, so an OPTIONS method under a root-level `security` is left open with a `security` of its own. The
 * headers the path's operations declare are allowed besides the usual ones: a browser asks before sending each.
 */
export function preflightOperation(document: ApiDocument, template: string, pathItem: ObjectNode, allowMethods: string): Record<string, unknown> {
  const header = headerDefinition(document);
  const values: Record<string, string> = {
    'Access-Control-Allow-Headers': `'${withDeclaredHeaders(USUAL_HEADERS, declaredRequestHeaders(document, [pathItem])).join(',')}'`,
    'Access-Control-Allow-Methods': `'${allowMethods}'`,
    'Access-Control-Allow-Origin': "'*'",
  };
  const shared = sharedPathParameters(document, pathItem);
  const parameters = pathTemplateParameters(template)
    .filter((name, i, all) => !shared.has(name) && all.indexOf(name) === i)
    .map((name) => parameterDefinition(document, name, 'path'))
    .concat(relaxedParameters(document, pathItem));
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

/** Where a browser's preflight carries a request's values: it goes to the request's URL, path and query string. */
const PREFLIGHT_CARRIES = new Set(['path', 'query']);
/** What a parameter declares its value to be, in OpenAPI 3 (`schema`, `content`) and 2.0 (`type`, `items`, …). */
const TYPE_FIELDS = ['schema', 'content', 'type', 'items', 'collectionFormat'];

/**
 * The required parameters the OPTIONS method would inherit from the path item and a preflight never carries
 * (headers, cookies, a body), declared again as optional: OpenAPI lets an operation override a path item's parameter
 * of the same name and location. A browser sends none of the request's headers with the preflight, so where a
 * request validator that checks parameters applies to the OPTIONS method (the root's applies to every method), a
 * required one answers it with 400 and the browser blocks the request. Relaxing them is what keeps every validator
 * as written: an operation could only opt out by naming another validator the root declares, one that checks nothing,
 * and the preflight's mock integration reads no parameter anyway.
 */
function relaxedParameters(document: ApiDocument, pathItem: ObjectNode): Record<string, unknown>[] {
  const list = getValue(pathItem, 'parameters');
  if (list?.type !== 'array') return [];
  const relaxed: Record<string, unknown>[] = [];
  for (const item of list.items) {
    const parameter = deref(document, item);
    const name = asString(getValue(parameter, 'name'));
    const location = asString(getValue(parameter, 'in'));
    const required = getValue(parameter, 'required');
    if (name === undefined || location === undefined || PREFLIGHT_CARRIES.has(location) || required?.type !== 'boolean' || required.value !== true) continue;
    if (relaxed.some((p) => p.name === name && p.in === location)) continue;
    const type = TYPE_FIELDS.flatMap((field) => {
      const value = getValue(parameter, field);
      return value ? [[field, toValue(value)] as const] : [];
    });
    relaxed.push({ name, in: location, required: false, ...Object.fromEntries(type) });
  }
  return relaxed;
}
