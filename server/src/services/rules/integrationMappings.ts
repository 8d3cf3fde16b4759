import { getProperty, getValue, keyName } from '../../model/navigate';
import type { ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import { operationParameters, pathTemplateParameters, responseHeaderNames, type OperationRef } from '../../model/openapiWalk';
import type { Rule, ValidationContext } from '../validationTypes';
import { checkableString, collectIntegrations, isProxyType, type IntegrationSite } from './integrations';
import { javaPatternBacktracking, javaPatternError } from './javaRegex';
import { nearMiss } from './nearMiss';
import { RESERVED_HTTP_HEADERS } from '../../facts/httpApiHeaders';
import { pause } from './eventLoop';
import { isUnprocessed } from './unprocessedValues';
import { keyOf } from '../../model/property';
import { selectIntegrationResponseKey } from '../../template/responseSelection';
import { mediaTypeOf } from '../../template/templateSelection';
import { findTemplateMember } from '../../facts/templateVariables';

/** REST mapping targets (request-response-data-mappings); parameter names as the requestParameters page allows. */
const REST_REQUEST_KEY = /^integration\.request\.(path|querystring|header)\.[a-zA-Z0-9._$-]+$/;
const REST_REQUEST_SOURCE = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/;
const REST_OTHER_REQUEST_SOURCE = /^(method\.request\.body(\..+)?|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*'|"[^"]*")$/;
const REST_RESPONSE_KEY = /^method\.response\.header\.(.+)$/;
const REST_RESPONSE_SOURCE = /^(integration\.response\.(header|multivalueheader)\.\S+|integration\.response\.body(\..+)?|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*')$/;
/** Gateway responses map request values or single-quoted static values into their headers. */
const GATEWAY_RESPONSE_SOURCE = /^(method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.\S+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*')$/;
/** HTTP API parameter mapping (http-api-parameter-mapping). */
const HTTP_REQUEST_KEY = /^((append|overwrite|remove):(header|querystring)\.\S+|overwrite:path)$/;
const HTTP_BODY_VARIABLE = /\$\{?request\.body([^\s}]*)/g;
/** What an HTTP API response mapping may read: the backend's response, the context and stage variables. */
const HTTP_RESPONSE_VARIABLE = /\$(\{)?(response\.header\.[^\s}]+|response\.body(\.[^\s}]*)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)/g;
const HTTP_SOURCE_VARIABLE = /\$(\{)?(request\.(header|querystring|multivalueheader|multivaluequerystring)\.[^\s}]+|request\.body(\.[^\s}]*)?|request\.path(\.[^\s}]+)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)/g;

const LOCATION_IN: Record<string, 'path' | 'query' | 'header'> = {
  path: 'path',
  querystring: 'query',
  multivaluequerystring: 'query',
  header: 'header',
  multivalueheader: 'header',
};

/**
 * What an integration maps must exist: method parameters it reads, method responses and headers it writes. Also the
 * form of mapping keys and values, and integration response selection patterns.
 */
export const integrationMappingsRule: Rule = async (context) => {
  if (context.dialect === 'rest') checkGatewayResponses(context);
  const sites = collectIntegrations(context.document);
  for (let i = 0; i < sites.length; i++) {
    if ((i & 127) === 127 && (await pause(context))) return;
    const site = sites[i];
    if (context.dialect === 'rest') {
      checkRestRequestParameters(context, site);
      checkCacheKeyParameters(context, site);
      if (!isProxyType(site.type)) {
        checkTemplateMediaTypes(context, asObject(getValue(site.integration, 'requestTemplates')));
        for (const response of stringEntries(asObject(getValue(site.integration, 'responses')))) {
          checkTemplateMediaTypes(context, asObject(getValue(response.value, 'responseTemplates')));
        }
        checkResponses(context, site);
      }
    } else {
      checkHttpRequestParameters(context, site);
      checkHttpResponseParameters(context, site);
    }
  }
};

/** Values of gateway responses' `responseParameters`: an unquoted static value (`*` for CORS) is the usual slip. */
function checkGatewayResponses(context: ValidationContext): void {
  const responses = asObject(getValue(context.document.root, 'x-amazon-apigateway-gateway-responses'));
  for (const response of stringEntries(responses)) {
    for (const p of stringEntries(asObject(getValue(response.value, 'responseParameters')))) {
      const value = checkableString(p.value);
      if (value === undefined || !p.value || GATEWAY_RESPONSE_SOURCE.test(value)) continue;
      context.report(p.value, 'invalid-mapping-value', `"${value}" is not a gateway response parameter source; expected \`method.request.{path|querystring|header}.NAME\`, \`stageVariables.NAME\`, \`context.NAME\` or a single-quoted static value such as \`${asStaticValue(value)}\`.`);
    }
  }
}

/**
 * API Gateway picks a template by the media type alone (`; charset=...` ignored): two keys that differ only in their
 * parameters or letter case leave one template that is never used.
 */
function checkTemplateMediaTypes(context: ValidationContext, templates: ObjectNode | undefined): void {
  const seen = new Map<string, string>();
  for (const p of stringEntries(templates)) {
    const key = keyName(p);
    const mediaType = mediaTypeOf(key);
    const first = seen.get(mediaType);
    if (first === undefined) {
      seen.set(mediaType, key);
      continue;
    }
    context.report(keyOf(p), 'duplicate-template-media-type', `"${key}" and "${first}" are one media type to API Gateway, which ignores parameters and letter case when it picks a template; one of them is never used.`);
  }
}

function stringEntries(node: ObjectNode | undefined): PropertyNode[] {
  return node ? node.properties : [];
}

function asObject(property: ReturnType<typeof getValue>): ObjectNode | undefined {
  return property?.type === 'object' ? property : undefined;
}

function checkRestRequestParameters(context: ValidationContext, site: IntegrationSite): void {
  const mappings = asObject(getValue(site.integration, 'requestParameters'));
  if (!mappings) return;
  let declared: Map<string, Set<string>> | undefined;
  for (const p of stringEntries(mappings)) {
    const key = keyName(p);
    if (!REST_REQUEST_KEY.test(key)) {
      context.report(keyOf(p), 'invalid-mapping-key', `"${key}" is not a REST integration request parameter; expected \`integration.request.{path|querystring|header}.NAME\`.`);
    }
    const value = checkableString(p.value);
    if (value === undefined || !p.value) continue;
    const source = REST_REQUEST_SOURCE.exec(value);
    if (!source) {
      if (!REST_OTHER_REQUEST_SOURCE.test(value)) {
        context.report(p.value, 'invalid-mapping-value', `"${value}" is not a mapping source; expected \`method.request.{path|querystring|header}.NAME\`, \`method.request.body\`, \`stageVariables.NAME\`, \`context.NAME\` or a single-quoted static value such as \`${asStaticValue(value)}\`.`);
      } else {
        checkContextVariable(context, p.value, value);
      }
      continue;
    }
    if (!site.op) continue;
    declared ??= declaredParameters(context, site.op);
    checkDeclared(context, site.op, declared, p.value, value, source, 'AWS rejects mappings of undeclared parameters');
  }
}

/** The method parameter a `method.request.*` expression reads must be declared, with a near miss when one is close. */
function checkDeclared(context: ValidationContext, op: OperationRef, declared: Map<string, Set<string>>, node: ValueNode, value: string, source: RegExpExecArray, consequence: string): void {
  const location = LOCATION_IN[source[1]];
  const name = source[2];
  const known = declared.get(location);
  const found = location === 'header' ? known?.has(name.toLowerCase()) : known?.has(name);
  if (found) return;
  const meant = location === 'header' ? undefined : nearMiss(name, [...(known ?? [])]);
  const hint = meant ? ` Did you mean "${meant}"?` : '';
  context.report(node, 'undeclared-parameter', `\`${value}\` reads the ${location} parameter "${name}", which ${op.method} ${op.path} does not declare; ${consequence}.${hint}`, {
    data: { name, in: location, path: op.path, method: op.method, ...(source[1].startsWith('multivalue') ? { multiValue: true } : {}) },
  });
}

/**
 * Cache key parameters must be method request parameters the method declares: AWS refuses others ("Invalid cache
 * key parameter specified").
 */
function checkCacheKeyParameters(context: ValidationContext, site: IntegrationSite): void {
  const keys = getValue(site.integration, 'cacheKeyParameters');
  if (keys?.type !== 'array' || !site.op) return;
  let declared: Map<string, Set<string>> | undefined;
  for (const item of keys.items) {
    const value = checkableString(item);
    const source = value === undefined ? null : REST_REQUEST_SOURCE.exec(value);
    if (!source) continue;
    declared ??= declaredParameters(context, site.op);
    checkDeclared(context, site.op, declared, item, value!, source, 'AWS refuses cache key parameters the method does not declare');
  }
}

/** Declared method parameters by location; path template parameters count, header names compare case-insensitively. */
function declaredParameters(context: ValidationContext, op: OperationRef): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>([
    ['path', new Set(pathTemplateParameters(op.path))],
    ['query', new Set()],
    ['header', new Set()],
  ]);
  for (const parameter of operationParameters(context.document, op)) {
    const set = result.get(parameter.in);
    if (set) set.add(parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name);
  }
  return result;
}

function checkResponses(context: ValidationContext, site: IntegrationSite): void {
  const responses = asObject(getValue(site.integration, 'responses'));
  if (!responses || responses.properties.length === 0) {
    reportNoResponses(context, site);
    return;
  }
  checkLambdaSuccess(context, site, responses);
  for (const entry of responses.properties) {
    checkSelectionPattern(context, entry);
    const response = asObject(entry.value);
    if (!response || !site.op) continue;
    const statusNode = getValue(response, 'statusCode');
    if (!statusNode || (statusNode.type !== 'number' && checkableString(statusNode) === undefined)) continue;
    const statusCode = String((statusNode as ScalarNode).value);
    // A status code that is not three digits has its own error; that no response declares it says nothing more.
    if (!/^[1-5]\d\d$/.test(statusCode)) continue;
    if (!getProperty(site.op.responsesProperty?.value, statusCode)) {
      context.report(statusNode, 'undeclared-response-status', `${site.op.method} ${site.op.path} declares no "${statusCode}" response; API Gateway answers 500 when the integration response maps to an undeclared status.`, {
        data: { statusCode, path: site.op.path, method: site.op.method },
      });
      continue;
    }
    checkResponseParameters(context, site.op, response, statusCode);
  }
}

function checkSelectionPattern(context: ValidationContext, entry: PropertyNode): void {
  const pattern = keyName(entry);
  if (pattern === 'default') return;
  const problem = javaPatternError(pattern);
  if (problem) {
    context.report(keyOf(entry), 'invalid-selection-pattern', `The selection pattern "${pattern}" is not a valid Java regular expression: ${problem}.`);
    return;
  }
  // Valid, and AWS accepts it; but a long error message it does not fit can keep the matcher busy, and the local gateway skips it.
  const backtracking = javaPatternBacktracking(pattern);
  if (backtracking) context.report(keyOf(entry), 'selection-pattern-backtracking', `The selection pattern "${pattern}" is a valid Java regular expression, but ${backtracking}`);
}

/**
 * A non-proxy integration passes nothing back by itself: with no integration response to select, every call ends in a
 * 500 ("No match for output mapping and no default output mapping configured").
 */
function reportNoResponses(context: ValidationContext, site: IntegrationSite): void {
  if (!site.type || isProxyType(site.type) || isUnprocessed(getValue(site.integration, 'responses'))) return;
  const property = getProperty(site.integration, 'responses');
  const anchor = property ? keyOf(property) : site.op?.integrationProperty ? keyOf(site.op.integrationProperty) : getValue(site.integration, 'type')!;
  context.report(anchor, 'no-integration-responses', `This ${site.type.toUpperCase()} integration has no integration responses, so API Gateway has nothing to map the backend's answer to and every call ends in a 500. Add at least a \`default\` response with a \`statusCode\`.`);
}

/**
 * A custom Lambda integration matches its selection patterns against the error message, and a successful call has
 * none: without `default` or a pattern that matches nothing at all (`.*`), every successful call ends in a 500. The
 * simulator's own selection decides, so the editor and a local run agree.
 */
function checkLambdaSuccess(context: ValidationContext, site: IntegrationSite, responses: ObjectNode): void {
  if (site.type !== 'aws' || responses.properties.length === 0) return;
  const uri = checkableString(getValue(site.integration, 'uri'));
  if (!uri || !uri.includes(':lambda:path/')) return;
  const keys = Object.fromEntries(responses.properties.map((p) => [keyName(p), {}]));
  if (selectIntegrationResponseKey(keys, { type: 'lambda' }).key !== undefined) return;
  const anchor = getProperty(site.integration, 'responses')!;
  context.report(keyOf(anchor), 'no-lambda-success-response', 'No integration response catches a successful Lambda call: its selection patterns are matched against the error message, which a success does not have. Add a `default` response (or a `.*` pattern), or every successful call ends in a 500.');
}

function checkResponseParameters(context: ValidationContext, op: OperationRef, response: ObjectNode, statusCode: string): void {
  const mappings = asObject(getValue(response, 'responseParameters'));
  if (!mappings) return;
  let headers: Set<string> | undefined;
  for (const p of mappings.properties) {
    const key = keyName(p);
    const target = REST_RESPONSE_KEY.exec(key);
    const value = checkableString(p.value);
    if (value !== undefined && p.value && !REST_RESPONSE_SOURCE.test(value)) {
      context.report(p.value, 'invalid-mapping-value', `"${value}" is not a response mapping source; expected \`integration.response.header.NAME\`, \`integration.response.body[.JSONPath]\`, \`stageVariables.NAME\`, \`context.NAME\` or a single-quoted static value such as \`${asStaticValue(value)}\`.`);
    } else if (value !== undefined && p.value) {
      checkContextVariable(context, p.value, value);
    }
    if (!target) continue;
    headers ??= new Set((responseHeaderNames(context.document, op, statusCode) ?? []).map((h) => h.toLowerCase()));
    const header = target[1];
    if (!headers.has(header.toLowerCase())) {
      context.report(keyOf(p), 'undeclared-response-header', `The "${statusCode}" response of ${op.method} ${op.path} declares no header "${header}"; AWS rejects mappings to undeclared method response headers.`, {
        data: { header, statusCode, path: op.path, method: op.method },
      });
    }
  }
}

/** The first `$request.body` source whose JSONPath uses recursive descent or a filter, which HTTP APIs refuse. */
function unsupportedBodyPath(value: string): string | undefined {
  for (const match of value.matchAll(HTTP_BODY_VARIABLE)) {
    const path = match[1];
    if (path.includes('..') || /\?\s*\(/.test(path)) return `$request.body${path}`;
  }
  return undefined;
}

/** HTTP API response mappings, per backend status code: the catalog checks their keys' form; here reserved headers and variables. */
function checkHttpResponseParameters(context: ValidationContext, site: IntegrationSite): void {
  const byStatus = asObject(getValue(site.integration, 'responseParameters'));
  for (const status of stringEntries(byStatus)) {
    for (const p of stringEntries(asObject(status.value))) {
      checkReservedHeader(context, p);
      const value = checkableString(p.value);
      if (value === undefined || !p.value || !value.includes('$')) continue;
      if (/\$(\{)?[A-Za-z]/.test(value.replace(HTTP_RESPONSE_VARIABLE, ''))) {
        context.report(p.value, 'invalid-mapping-value', `"${value}" refers to a variable a response mapping cannot read; expected \`$response.header.NAME\`, \`$response.body.PATH\`, \`$context.NAME\`, \`$stageVariables.NAME\` or static text.`);
      }
    }
  }
}

/** HTTP API mappings may not touch the reserved headers, in requests and responses alike. */
function checkReservedHeader(context: ValidationContext, p: PropertyNode): void {
  const header = /^[a-z]+:header\.(.+)$/.exec(keyName(p));
  if (header && RESERVED_HTTP_HEADERS.test(header[1])) {
    context.report(keyOf(p), 'reserved-header-mapping', `HTTP APIs cannot map the reserved header "${header[1]}".`);
  }
}

function checkHttpRequestParameters(context: ValidationContext, site: IntegrationSite): void {
  const mappings = asObject(getValue(site.integration, 'requestParameters'));
  // Service integrations take the action's own parameters (QueueUrl, MessageBody, ...).
  if (!mappings || getValue(site.integration, 'integrationSubtype') !== undefined) return;
  for (const p of mappings.properties) {
    const key = keyName(p);
    if (!HTTP_REQUEST_KEY.test(key)) {
      context.report(keyOf(p), 'invalid-mapping-key', `"${key}" is not an HTTP API parameter mapping; expected \`{append|overwrite|remove}:{header|querystring}.NAME\` or \`overwrite:path\`.`);
      continue;
    }
    checkReservedHeader(context, p);
    const value = checkableString(p.value);
    if (value === undefined || !p.value || !value.includes('$')) continue;
    const stripped = value.replace(HTTP_SOURCE_VARIABLE, '');
    if (/\$(\{)?[A-Za-z]/.test(stripped)) {
      context.report(p.value, 'invalid-mapping-value', `"${value}" refers to an unknown variable; expected \`$request.header.NAME\`, \`$request.querystring.NAME\`, \`$request.body.PATH\`, \`$request.path[.NAME]\`, \`$context.NAME\`, \`$stageVariables.NAME\` or static text.`);
    }
    const body = unsupportedBodyPath(value);
    if (body) {
      context.report(p.value, 'invalid-mapping-value', `"${body}" uses ${body.includes('..') ? 'recursive descent (`..`)' : 'a filter expression (`?()`)'}; HTTP API body mappings accept only plain JSONPath steps such as \`$request.body.items[0].name\`.`);
    }
  }
}

/** The value as the static value it was probably meant to be: quotes left on one side only are not doubled. */
function asStaticValue(value: string): string {
  return `'${value.replace(/^['"]+|['"]+$/g, '')}'`;
}

/**
 * A `context.NAME` source must name a variable API Gateway defines, read from the same catalog as `$context` in
 * templates; a misspelt one (`identity.sourceIpp`) would map nothing.
 */
function checkContextVariable(context: ValidationContext, node: ValueNode, value: string): void {
  if (!value.startsWith('context.')) return;
  const path = value.slice('context.'.length).split('.');
  if (findTemplateMember(['context', ...path])) return;
  let known = path.length - 1;
  while (known > 0 && !findTemplateMember(['context', ...path.slice(0, known)])) known--;
  const parent = findTemplateMember(['context', ...path.slice(0, known)]);
  const meant = nearMiss(path[known], (parent?.members ?? []).map((m) => m.name));
  const hint = meant ? ` Did you mean \`context.${[...path.slice(0, known), meant].join('.')}\`?` : '';
  context.report(node, 'unknown-context-variable', `\`${value}\` is not a context variable API Gateway defines, so the mapping reads nothing.${hint}`);
}
