import { getProperty, getValue, keyName, pathOf } from '../../model/navigate';
import type { ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import { operationParameters, responseHeaderNames, type OperationRef } from '../../model/openapiWalk';
import type { Rule, ValidationContext } from '../validationTypes';
import { checkableString, collectIntegrations, isProxyType, type IntegrationSite } from './integrations';
import { javaPatternBacktracking, javaPatternError } from './javaRegex';
import { nearMiss } from './nearMiss';
import { RESERVED_HTTP_HEADERS } from '../../facts/httpApiHeaders';
import { pause } from './eventLoop';
import { isUnprocessed } from './unprocessedValues';
import { keyOf } from '../../model/property';
import { selectIntegrationResponseKey, selectionMatcher } from '../../template/responseSelection';
import { mediaTypeOf } from '../../template/templateSelection';
import { accessLogOnlyContext, findContextVariable } from '../../facts/templateVariables';
import { HTTP_MAPPING_VARIABLES, httpMappingSource, isMultiValueSource, REMOVE_MAPPING_VALUE, type MappingSide } from '../../facts/httpApiMappings';
import { dialectReason } from './dialectReason';
import { availableInWords } from '../../facts/templateVariableTypes';
import { statusCodeOf } from '../editing/operationFacts';
import { uriPlaceholders } from '../../model/uriPlaceholders';
import { invokesLambda } from '../../model/integrationUris';
import { STATUS_CODE } from '../../facts/statusCodes';
import { quoted } from './messageText';
import { mappedResponseHeader, undeclaredResponseHeader, undeclaredResponseHeaderMessage } from '../../model/methodResponseHeaders';
import { undeclaredStatusFinding } from './undeclaredResponseStatus';

/** REST mapping targets (request-response-data-mappings); parameter names as the requestParameters page allows. */
const REST_REQUEST_KEY = /^integration\.request\.(path|querystring|header)\.[a-zA-Z0-9._$-]+$/;
const REST_REQUEST_SOURCE = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/;
const REST_OTHER_REQUEST_SOURCE = /^(method\.request\.body(\..+)?|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*')$/;
/** A static value in double quotes, which REST mappings refuse: only single quotes mark one. */
const DOUBLE_QUOTED_STATIC = /^"([^"']*)"$/;
const REST_RESPONSE_SOURCE = /^(integration\.response\.(header|multivalueheader)\.\S+|integration\.response\.body(\..+)?|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*')$/;
/** Mapping keys with the name they set: target prefix, location, name. */
const REST_REQUEST_TARGET = /^(integration\.request\.(path|querystring|header)\.)(.+)$/;
const GATEWAY_RESPONSE_KEY = /^(gatewayresponse\.(header|path|querystring)\.)(.+)$/;
/** The start of a mapping expression, found where a parameter name should begin. */
const MAPPING_PREFIX = /^(?:method\.(?:request|response)|integration\.(?:request|response)|gatewayresponse)\.(?:path|querystring|multivaluequerystring|header|multivalueheader)\./;
/** Gateway responses map request values or single-quoted static values into their headers. */
const GATEWAY_RESPONSE_SOURCE = /^(method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.\S+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+|'[^']*')$/;
/** HTTP API parameter mapping (http-api-parameter-mapping). */
const HTTP_REQUEST_KEY = /^((append|overwrite|remove):(header|querystring)\.\S+|overwrite:path)$/;
/** A `$request.body` source with its JSONPath, brackets whole: a filter such as `[?(@.price < 10)]` holds spaces. */
const HTTP_BODY_VARIABLE = /\$\{?request\.body((?:\[[^\]]*\]|[^\s}[])*)/g;
/** What an HTTP API response mapping may read: the backend's response, the context and stage variables. */
const HTTP_RESPONSE_VARIABLE = /\$(\{)?(response\.header\.[^\s}]+|response\.body(\.[^\s}]*)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)/g;
const HTTP_SOURCE_VARIABLE = /\$(\{)?(request\.(header|querystring)\.[^\s}]+|request\.body(\.[^\s}]*)?|request\.path(\.[^\s}]+)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)/g;

/** What a mapping key starts with, before the name it sets (`overwrite:path` stands alone). */
const REST_REQUEST_TARGETS = ['integration.request.path', 'integration.request.querystring', 'integration.request.header'];
const HTTP_REQUEST_TARGETS = ['append', 'overwrite', 'remove'].flatMap((action) => [`${action}:header`, `${action}:querystring`]).concat('overwrite:path');

/**
 * The key meant by one whose start is a near miss of a mapping target's (`integration.requset.header.x`), the name
 * kept; undefined when no target is that near, or the key's form is wrong elsewhere.
 */
function meantMappingKey(key: string, targets: readonly string[], form: RegExp): string | undefined {
  // The name follows the dot after the target's own dots: the third of a REST key, the first of an HTTP API key.
  const dots = targets[0].split('.').length;
  let end = -1;
  for (let i = 0; i < dots && (end = key.indexOf('.', end + 1)) >= 0; i++);
  const target = end < 0 ? key : key.slice(0, end);
  const meant = nearMiss(target, targets);
  const corrected = meant === undefined ? undefined : meant + key.slice(target.length);
  return corrected !== undefined && corrected !== key && form.test(corrected) ? corrected : undefined;
}

function didYouMean(meant: string | undefined): string {
  return meant ? ` Did you mean \`${meant}\`?` : '';
}

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
      const declared = site.op ? declaredOnce(context, site.op) : undefined;
      checkRestRequestParameters(context, site, declared);
      checkUriPathPlaceholders(context, site, declared);
      checkCacheKeyParameters(context, site, declared);
      if (!isProxyType(site.type)) {
        checkTemplateMediaTypes(context, asObject(site.fields.requestTemplates?.value));
        const responses = stringEntries(asObject(site.fields.responses?.value));
        for (let j = 0; j < responses.length; j++) checkTemplateMediaTypes(context, asObject(getValue(responses[j].value, 'responseTemplates')));
        checkResponses(context, site);
      }
    } else {
      checkHttpRequestParameters(context, site);
      checkHttpResponseParameters(context, site);
    }
  }
};

/**
 * Gateway responses' `responseParameters`: an unquoted static value (`*` for CORS) is the usual slip among values, a
 * whole mapping expression pasted after `gatewayresponse.header.` among keys.
 */
function checkGatewayResponses(context: ValidationContext): void {
  const responses = asObject(getValue(context.document.root, 'x-amazon-apigateway-gateway-responses'));
  for (const response of stringEntries(responses)) {
    for (const p of stringEntries(asObject(getValue(response.value, 'responseParameters')))) {
      checkMappingPrefixInName(context, p, GATEWAY_RESPONSE_KEY);
      const value = checkableString(p.value);
      if (value === undefined || !p.value || GATEWAY_RESPONSE_SOURCE.test(value)) continue;
      reportInvalidValue(context, p, value, 'gateway');
    }
  }
}

/**
 * A mapping key's name is taken as written: `gatewayresponse.header.method.response.header.X` sets a header literally
 * named `method.response.header.X`, so clients never see `X`.
 */
function checkMappingPrefixInName(context: ValidationContext, p: PropertyNode, keyForm: RegExp): void {
  const written = keyName(p);
  // The name follows the key's own prefix, so a prefix it starts with stands after the key's first character.
  if (written.indexOf('method.', 1) < 0 && written.indexOf('integration.', 1) < 0 && written.indexOf('gatewayresponse.', 1) < 0) return;
  const key = keyForm.exec(written);
  if (!key) return;
  const [, prefix, location, name] = key;
  const inner = MAPPING_PREFIX.exec(name);
  if (!inner) return;
  const meant = name.slice(inner[0].length);
  if (!meant) return;
  const what = location === 'header' ? 'header' : location === 'querystring' ? 'query string parameter' : 'path parameter';
  context.report(keyOf(p), 'mapping-prefix-in-name', `The ${what} name "${name}" contains a mapping prefix, so this sets a ${what} of that literal name, not "${meant}". Did you mean \`${prefix}${meant}\`?`);
}

/**
 * API Gateway picks a template by the media type alone (`; charset=...` ignored): two keys that differ only in their
 * parameters or letter case leave one template that is never used.
 */
function checkTemplateMediaTypes(context: ValidationContext, templates: ObjectNode | undefined): void {
  // One template cannot clash with another: most maps hold just one.
  if (!templates || templates.properties.length < 2) return;
  const seen = new Map<string, string>();
  const written = new Set<string>();
  for (const p of templates.properties) {
    const key = keyName(p);
    // The same key written twice is a duplicate key, which the parser reports already.
    if (written.has(key)) continue;
    written.add(key);
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

function checkRestRequestParameters(context: ValidationContext, site: IntegrationSite, declared: DeclaredParameters | undefined): void {
  const mappings = asObject(site.fields.requestParameters?.value);
  if (!mappings) return;
  const props = mappings.properties;
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    const key = keyName(p);
    if (!REST_REQUEST_KEY.test(key)) {
      const meant = meantMappingKey(key, REST_REQUEST_TARGETS, REST_REQUEST_KEY);
      context.report(keyOf(p), 'invalid-mapping-key', `"${key}" is not a REST integration request parameter; expected \`integration.request.{path|querystring|header}.NAME\`.${didYouMean(meant)}`, meant ? { data: { expected: meant } } : undefined);
    } else {
      checkMappingPrefixInName(context, p, REST_REQUEST_TARGET);
    }
    reportNonStringValue(context, p, 'requestParameters');
    const value = checkableString(p.value);
    if (value === undefined || !p.value) continue;
    const source = requestSourcePart(value);
    if (source === undefined) {
      if (!REST_OTHER_REQUEST_SOURCE.test(value)) {
        reportInvalidValue(context, p, value, 'request');
      } else {
        checkContextVariable(context, p.value, value, 'request');
      }
      continue;
    }
    if (!site.op || !declared) continue;
    checkDeclared(context, site.op, declared(), p.value, value, source, 'AWS rejects mappings of undeclared parameters');
  }
}

/**
 * A REST import leaves a mapping whose value is a boolean out, with the warning "Invalid format for
 * 'requestParameters'. Expected type string for property 'integration.request.header.nothing' … but got 'true'"
 * (recorded against AWS by LocalStack's import tests; PutIntegration says "class java.lang.Boolean can not be
 * converted to an String"). A bare `true` is nearly always a static value missing its single quotes. Numbers are left
 * alone: the same import turns numbers elsewhere into strings, and nothing records what it makes of one here.
 */
function reportNonStringValue(context: ValidationContext, p: PropertyNode, field: 'requestParameters' | 'responseParameters'): void {
  const node = p.value;
  if (node?.type !== 'boolean') return;
  const written = context.document.text.slice(node.offset, node.end);
  context.report(node, 'mapping-value-not-string',
    `The boolean ${written} is not a mapping expression: API Gateway expects a string and leaves "${keyName(p)}" out of \`${field}\` on import, with a warning. For a static value write '${written}' in single quotes inside the string.`,
    { data: { expected: `'${written}'` } });
}

/** The method parameter a `method.request.*` expression reads must be declared, with a near miss when one is close. */
function checkDeclared(context: ValidationContext, op: OperationRef, declared: DeclaredByLocation, node: ValueNode, value: string, source: SourcePart, consequence: string): void {
  const location = LOCATION_IN[source];
  const name = value.slice(METHOD_REQUEST.length + source.length + 1);
  const known = declared[location];
  const found = location === 'header' ? known.includes(name.toLowerCase()) : known.includes(name);
  if (found) return;
  const meant = location === 'header' ? undefined : nearMiss(name, known);
  const hint = meant ? ` Did you mean "${meant}"?` : '';
  context.report(node, 'undeclared-parameter', `\`${value}\` reads the ${location} parameter "${name}", which ${op.method} ${op.path} does not declare; ${consequence}.${hint}`, {
    data: { name, in: location, path: op.path, method: op.method, ...(source.startsWith('multivalue') ? { multiValue: true } : {}) },
  });
}

type SourcePart = 'path' | 'querystring' | 'multivaluequerystring' | 'header' | 'multivalueheader';

const SOURCE_PARTS: SourcePart[] = ['path', 'querystring', 'multivaluequerystring', 'header', 'multivalueheader'];
const METHOD_REQUEST = 'method.request.';
const DOT = 0x2e;

/**
 * The part of the request a `method.request.PART.NAME` source reads, as `REST_REQUEST_SOURCE` matches it, without the
 * match's strings: most mappings are such sources. The name is what follows the part and its dot.
 */
function requestSourcePart(value: string): SourcePart | undefined {
  if (!value.startsWith(METHOD_REQUEST)) return undefined;
  for (let i = 0; i < SOURCE_PARTS.length; i++) {
    const part = SOURCE_PARTS[i];
    const dot = METHOD_REQUEST.length + part.length;
    if (!value.startsWith(part, METHOD_REQUEST.length) || value.charCodeAt(dot) !== DOT) continue;
    // `(.+)$`: a name of at least one character, no line break among them.
    return value.length > dot + 1 && !LINE_BREAK.test(value) ? part : undefined;
  }
  return undefined;
}

/**
 * Cache key parameters must be method request parameters the method declares: AWS refuses others ("Invalid cache
 * key parameter specified").
 */
function checkCacheKeyParameters(context: ValidationContext, site: IntegrationSite, declared: DeclaredParameters | undefined): void {
  const keys = site.fields.cacheKeyParameters?.value;
  if (keys?.type !== 'array' || !site.op || !declared) return;
  for (const item of keys.items) {
    const value = checkableString(item);
    const source = value === undefined ? undefined : requestSourcePart(value);
    if (source === undefined) continue;
    checkDeclared(context, site.op, declared(), item, value!, source, 'AWS refuses cache key parameters the method does not declare');
  }
}

/** An integration's declared method parameters, worked out when a check first needs them and then kept for the others. */
type DeclaredParameters = () => DeclaredByLocation;

/** Names by location, each once, in the order declared: operations declare a few, which a list searches quickly. */
type DeclaredByLocation = Record<'path' | 'query' | 'header', string[]>;

function declaredOnce(context: ValidationContext, op: OperationRef): DeclaredParameters {
  let declared: DeclaredByLocation | undefined;
  return () => (declared ??= declaredParameters(context, op));
}

/**
 * Declared method parameters by location; header names compare case-insensitively. A name in the path template that no
 * parameter declares does not count: the import makes no method request parameter of it, and a mapping that reads it
 * fails with "Invalid mapping expression specified" (AWS's knowledge center article on `{proxy+}` mappings).
 */
function declaredParameters(context: ValidationContext, op: OperationRef): DeclaredByLocation {
  const result: DeclaredByLocation = { path: [], query: [], header: [] };
  const parameters = operationParameters(context.document, op);
  for (let i = 0; i < parameters.length; i++) {
    const parameter = parameters[i];
    const names = parameter.in === 'path' || parameter.in === 'query' || parameter.in === 'header' ? result[parameter.in] : undefined;
    const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
    if (names && !names.includes(name)) names.push(name);
  }
  return result;
}

function checkResponses(context: ValidationContext, site: IntegrationSite): void {
  const responses = asObject(site.fields.responses?.value);
  if (!responses || responses.properties.length === 0) {
    reportNoResponses(context, site);
    return;
  }
  if (isLambdaCustom(site)) {
    const success = lambdaSuccess(responses);
    checkLambdaSuccess(context, site, success);
    checkLambdaStatusPatterns(context, responses, success);
  }
  const entries = responses.properties;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    checkSelectionPattern(context, entry);
    const response = asObject(entry.value);
    if (!response || !site.op) continue;
    const statusNode = getValue(response, 'statusCode');
    if (!statusNode || (statusNode.type !== 'number' && checkableString(statusNode) === undefined)) continue;
    const statusCode = String((statusNode as ScalarNode).value);
    // A status code that is not three digits has its own error; that no response declares it says nothing more.
    if (!STATUS_CODE.test(statusCode)) continue;
    const declared = getProperty(site.op.responsesProperty?.value, statusCode) !== undefined;
    if (!declared) {
      const { message, severity } = undeclaredStatusFinding(site.op.method, site.op.path, statusCode, response);
      context.report(statusNode, 'undeclared-response-status', message, {
        data: { statusCode, path: site.op.path, method: site.op.method },
        severity,
      });
    }
    checkResponseParameters(context, site.op, response, statusCode, declared);
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
  if (!site.type || isProxyType(site.type) || isUnprocessed(site.fields.responses?.value)) return;
  const property = site.fields.responses;
  const anchor = property ? keyOf(property) : site.op?.integrationProperty ? keyOf(site.op.integrationProperty) : site.fields.type?.value!;
  context.report(anchor, 'no-integration-responses', `This ${site.type.toUpperCase()} integration has no integration responses, so API Gateway has nothing to map the backend's answer to and every call ends in a 500. Add at least a \`default\` response with a \`statusCode\`.`);
}

/**
 * A custom Lambda integration matches its selection patterns against the error message, and a successful call has
 * none: without `default` or a pattern that matches nothing at all (`.*`), every successful call ends in a 500. The
 * simulator's own selection decides, so the editor and a local run agree.
 */
function checkLambdaSuccess(context: ValidationContext, site: IntegrationSite, success: LambdaSuccess): void {
  if (success.key !== undefined) return;
  const anchor = site.fields.responses!;
  context.report(keyOf(anchor), 'no-lambda-success-response', 'No integration response catches a successful Lambda call: its selection patterns are matched against the error message, which a success does not have. Add a `default` response (or a `.*` pattern), or every successful call ends in a 500.');
}

/** A Lambda function behind a custom (AWS, non-proxy) integration, whose responses are selected by error message. */
function isLambdaCustom(site: IntegrationSite): boolean {
  if (site.type !== 'aws') return false;
  // A URI whose variables decide is not checked: the rules report what the definition says.
  return invokesLambda(checkableString(site.fields.uri?.value)) === true;
}

interface LambdaSuccess {
  /** The `responses` key a successful call selects, by the simulator's own selection. */
  key: string | undefined;
  /** That response's status code. */
  status: string | undefined;
}

function lambdaSuccess(responses: ObjectNode): LambdaSuccess {
  const keys = Object.fromEntries(responses.properties.map((p) => [keyName(p), {}]));
  const key = selectIntegrationResponseKey(keys, { type: 'lambda' }).key;
  return { key, status: key === undefined ? undefined : statusCodeOf(getValue(responses, key)) };
}

/** What patterns written for HTTP status codes are made of: digits, `\d`, `.`, classes, counts, groups, alternatives. */
const STATUS_PATTERN_CHARACTERS = /^(?:\\d|[0-9.[\]{}(),|^$-])+$/;

/**
 * The first status code a selection pattern matches whole when it reads like a pattern for status codes (`2\d{2}`,
 * `[1-5]\d\d`, `2..`, `200`) and matches no empty message; undefined for any other pattern.
 */
function statusCodeMatchedBy(pattern: string): string | undefined {
  // Large definitions repeat the same few patterns on every integration; trying 500 codes each time adds up.
  if (statusCodes.has(pattern)) return statusCodes.get(pattern);
  const found = firstStatusCodeMatchedBy(pattern);
  if (statusCodes.size >= STATUS_CODES_KEPT) statusCodes.clear();
  statusCodes.set(pattern, found);
  return found;
}

const STATUS_CODES_KEPT = 1000;
const statusCodes = new Map<string, string | undefined>();

function firstStatusCodeMatchedBy(pattern: string): string | undefined {
  if (!STATUS_PATTERN_CHARACTERS.test(pattern) || !/\d/.test(pattern.replace(/\\d/g, '0'))) return undefined;
  // The simulator's own matcher decides, so that its full-match rule is followed here too.
  const matcher = selectionMatcher(pattern);
  const matches = (errorMessage: string) => matcher.matches({ type: 'lambda', errorMessage });
  if (matcher.error || matches('')) return undefined;
  for (let status = 100; status < 600; status++) if (matches(String(status))) return String(status);
  return undefined;
}

/**
 * A custom Lambda integration matches its selection patterns against the function's errorMessage, so a pattern
 * written for status codes never sees one: a successful call has no message and takes what `default` (or `.*`) maps
 * it to, which is a 500 in AWS's own image example.
 */
function checkLambdaStatusPatterns(context: ValidationContext, responses: ObjectNode, success: LambdaSuccess): void {
  const entries = responses.properties;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const pattern = keyName(entry);
    if (pattern === 'default') continue;
    const example = statusCodeMatchedBy(pattern);
    if (example === undefined) continue;
    const rule = `In a Lambda (AWS) integration, selection patterns are matched against the function's errorMessage, not a status code: \`${pattern}\``;
    const message =
      success.key !== undefined && success.status !== undefined && !/^2\d\d$/.test(success.status)
        ? `${rule} never matches a successful call, so every success takes \`${success.key}\` and answers ${success.status}.`
        : `${rule} only catches an error whose message reads "${example}" or the like, never a successful call.`;
    context.report(keyOf(entry), 'lambda-status-code-pattern', message);
  }
}

/**
 * A REST HTTP integration fills `{name}` (and the greedy `{name+}`) in its URI only from an `integration.request.path.name`
 * mapping; without one API Gateway sends the braces as they are, and in the URI's path the call fails ("Illegal
 * character in path"). HTTP APIs fill them from the route's parameters. The placeholders are read as the local
 * gateway reads them, so that the editor and a local run agree.
 */
function checkUriPathPlaceholders(context: ValidationContext, site: IntegrationSite, declared: DeclaredParameters | undefined): void {
  if (site.type !== 'http' && site.type !== 'http_proxy') return;
  const uriNode = site.fields.uri?.value;
  const uri = checkableString(uriNode);
  if (uri === undefined || !uri.includes('{')) return;
  const mappings = site.fields.requestParameters?.value;
  if (mappings !== undefined && (mappings.type !== 'object' || isUnprocessed(mappings))) return;
  // Read when a placeholder asks for them, as most URIs with braces have them only in the query or none at all.
  let mapped: string[] | undefined;
  let reported: string[] | undefined;
  const placeholders = uriPlaceholders(uri);
  for (let i = 0; i < placeholders.length; i++) {
    const { name, greedy, inPath } = placeholders[i];
    // `{}` names nothing a mapping could fill.
    if (!inPath || !name) continue;
    mapped ??= mappedPathNames(asObject(mappings));
    if (mapped.includes(name) || reported?.includes(name)) continue;
    (reported ??= []).push(name);
    const source = declared?.().path.includes(name) ? `method.request.path.${name}` : undefined;
    const mapping = source ? `\`integration.request.path.${name}: ${source}\`` : `\`integration.request.path.${name}\``;
    context.report(uriNode!, 'unmapped-uri-path-parameter', `\`{${name}${greedy ? '+' : ''}}\` in the URI is not mapped by \`requestParameters\` (${mapping}); API Gateway sends it literally and the call fails with "Illegal character in path".`, source ? { data: { name, source, integration: pathOf(site.integration) } } : undefined);
  }
}

/** The path parameters a `requestParameters` map sets: the names of its `integration.request.path.NAME` keys. */
function mappedPathNames(mappings: ObjectNode | undefined): string[] {
  const names: string[] = [];
  const props = stringEntries(mappings);
  for (let i = 0; i < props.length; i++) {
    const key = keyName(props[i]);
    // As `REST_REQUEST_TARGET` reads it: a name of at least one character, none of them a line break.
    if (!key.startsWith(PATH_TARGET) || key.length === PATH_TARGET.length) continue;
    const name = key.slice(PATH_TARGET.length);
    if (!LINE_BREAK.test(name)) names.push(name);
  }
  return names;
}

const PATH_TARGET = 'integration.request.path.';
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * Each mapped header must be declared on the method response of the status: AWS refuses a mapping to any other
 * ("Invalid mapping expression specified ... No method response exists for method" when the status has none). An
 * undeclared status has one finding of its own, which names its header mappings (`undeclaredStatusFinding`).
 */
function checkResponseParameters(context: ValidationContext, op: OperationRef, response: ObjectNode, statusCode: string, declared: boolean): void {
  const mappings = asObject(getValue(response, 'responseParameters'));
  if (!mappings) return;
  // Worked out when a mapping first needs them: most responses map no header.
  let headers: string[] | undefined;
  const props = mappings.properties;
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    const key = keyName(p);
    const header = mappedResponseHeader(key);
    reportNonStringValue(context, p, 'responseParameters');
    const value = checkableString(p.value);
    if (value !== undefined && p.value && !REST_RESPONSE_SOURCE.test(value)) {
      reportInvalidValue(context, p, value, 'response');
    } else if (value !== undefined && p.value) {
      checkContextVariable(context, p.value, value, 'response');
    }
    if (header === undefined || !declared) continue;
    headers ??= responseHeaderNames(context.document, op, statusCode) ?? [];
    const problem = undeclaredResponseHeader(header, headers);
    if (!problem) continue;
    const data = { header, statusCode, path: op.path, method: op.method };
    context.report(keyOf(p), 'undeclared-response-header', undeclaredResponseHeaderMessage(problem, data), { data });
  }
}

/** What a `$request.body` source's JSONPath uses that HTTP APIs refuse: recursive descent or a filter, the first found. */
function unsupportedBodyPath(value: string): string | undefined {
  for (const match of value.matchAll(HTTP_BODY_VARIABLE)) {
    const path = match[1];
    if (path.includes('..')) return 'recursive descent (`..`)';
    if (/\?\s*\(/.test(path)) return 'a filter expression (`?()`)';
  }
  return undefined;
}

/** HTTP API response mappings, per backend status code: the catalog checks their keys' form; here reserved headers and variables. */
function checkHttpResponseParameters(context: ValidationContext, site: IntegrationSite): void {
  const byStatus = asObject(site.fields.responseParameters?.value);
  for (const status of stringEntries(byStatus)) {
    for (const p of stringEntries(asObject(status.value))) {
      checkReservedHeader(context, p);
      const value = checkableString(p.value);
      if (value === undefined || !p.value || checkHttpValueForm(context, p, value)) continue;
      if (!value.includes('$')) {
        checkRestStyleValue(context, p.value, value, 'response');
        continue;
      }
      checkContextVariable(context, p.value, value, 'response');
      if (/\$(\{)?[A-Za-z]/.test(value.replace(HTTP_RESPONSE_VARIABLE, ''))) {
        context.report(p.value, 'invalid-mapping-value', `${quoted(value)} refers to a variable a response mapping cannot read; expected \`$response.header.NAME\`, \`$response.body.PATH\`, \`$context.NAME\`, \`$stageVariables.NAME\` or static text.`);
      }
    }
  }
}

/**
 * What an HTTP API mapping's value is before any variable in it is read: an empty value is no mapping at all, and a
 * `remove:` mapping reads nothing from its value yet takes only `''` as AWS writes it (see `REMOVE_MAPPING_VALUE`).
 * True when the value needs no further check.
 */
function checkHttpValueForm(context: ValidationContext, p: PropertyNode, value: string): boolean {
  const key = keyName(p);
  const remove = key.startsWith('remove:');
  const expected = { expected: REMOVE_MAPPING_VALUE };
  if (value === '') {
    const consequence = remove ? `, so nothing is removed. Write \`${REMOVE_MAPPING_VALUE}\` (two single quotes inside the string).` : ' and does nothing.';
    context.report(p.value!, 'invalid-mapping-value', `An empty value is no mapping to API Gateway: \`${key}\` is left out${consequence}`, { severity: 'warning', ...(remove && { data: expected }) });
    return true;
  }
  if (!remove) return false;
  if (value === '""') {
    context.report(p.value!, 'invalid-mapping-value', `AWS refuses \`""\` as the value of \`${key}\`; write \`${REMOVE_MAPPING_VALUE}\` (two single quotes).`, { data: expected });
  } else if (value !== REMOVE_MAPPING_VALUE) {
    context.report(p.value!, 'invalid-mapping-value', `API Gateway reads nothing from the value of \`${key}\`, and takes only some values there; write \`${REMOVE_MAPPING_VALUE}\` (two single quotes), as the AWS examples do.`, { severity: 'warning', data: expected });
  }
  return true;
}

/** HTTP API mappings may not touch the reserved headers, in requests and responses alike. */
function checkReservedHeader(context: ValidationContext, p: PropertyNode): void {
  const header = /^[a-z]+:header\.(.+)$/.exec(keyName(p));
  if (header && RESERVED_HTTP_HEADERS.test(header[1])) {
    context.report(keyOf(p), 'reserved-header-mapping', `HTTP APIs cannot map the reserved header "${header[1]}".`);
  }
}

function checkHttpRequestParameters(context: ValidationContext, site: IntegrationSite): void {
  const mappings = asObject(site.fields.requestParameters?.value);
  if (!mappings) return;
  // Service integrations take the action's own parameters (QueueUrl, MessageBody, ...), their values mapped alike.
  if (site.fields.integrationSubtype?.value !== undefined) {
    for (const p of mappings.properties) {
      const value = checkableString(p.value);
      if (value !== undefined && p.value) checkRestStyleValue(context, p.value, value, 'request');
    }
    return;
  }
  for (const p of mappings.properties) {
    const key = keyName(p);
    if (!HTTP_REQUEST_KEY.test(key)) {
      const meant = meantMappingKey(key, HTTP_REQUEST_TARGETS, HTTP_REQUEST_KEY);
      context.report(keyOf(p), 'invalid-mapping-key', `"${key}" is not an HTTP API parameter mapping; expected \`{append|overwrite|remove}:{header|querystring}.NAME\` or \`overwrite:path\`.${didYouMean(meant)}`, meant ? { data: { expected: meant } } : undefined);
      continue;
    }
    checkReservedHeader(context, p);
    const value = checkableString(p.value);
    if (value === undefined || !p.value || checkHttpValueForm(context, p, value)) continue;
    if (!value.includes('$')) {
      checkRestStyleValue(context, p.value, value, 'request');
      continue;
    }
    checkContextVariable(context, p.value, value, 'request');
    const stripped = value.replace(HTTP_SOURCE_VARIABLE, '');
    if (/\$(\{)?[A-Za-z]/.test(stripped)) {
      // REST APIs' multi-value sources have no HTTP API form: the plain ones join repeated values with commas.
      const multi = /\$\{?request\.multivalue(header|querystring)\./.exec(stripped)?.[1];
      const hint = multi ? ` HTTP APIs have no multi-value sources: \`$request.${multi}.NAME\` gives every value, joined with commas.` : '';
      context.report(p.value, 'invalid-mapping-value', `${quoted(value)} refers to an unknown variable; expected \`$request.header.NAME\`, \`$request.querystring.NAME\`, \`$request.body.PATH\`, \`$request.path[.NAME]\`, \`$context.NAME\`, \`$stageVariables.NAME\` or static text.${hint}`);
    }
    const unsupported = unsupportedBodyPath(value);
    if (unsupported) {
      context.report(p.value, 'invalid-mapping-value', `${quoted(value)} uses ${unsupported}; HTTP API body mappings accept only plain JSONPath steps such as \`$request.body.items[0].name\`.`);
    }
  }
}

/**
 * An HTTP API mapping value written as a REST API source (`method.request.header.X`, `context.requestId`): HTTP APIs
 * read only their own `$` variables and take any other value as static text, so the mapping sends the expression's
 * own name.
 */
function checkRestStyleValue(context: ValidationContext, node: ValueNode, value: string, side: MappingSide): void {
  const expected = httpMappingSource(value, side);
  if (expected === undefined) {
    checkOtherSideSource(context, node, value, side);
    return;
  }
  const joined = isMultiValueSource(value) ? ` HTTP APIs have no multi-value sources: \`${expected}\` gives every value, joined with commas.` : '';
  const contextPath = /^\$context\.(.+)$/.exec(expected)?.[1].split('.');
  if (contextPath && !findContextVariable(contextPath, 'http')) {
    // A REST context variable HTTP APIs lack (`context.resourcePath`): its rewrite would read nothing.
    context.report(node, 'rest-style-mapping-value', `${sentAsText(value, side)}, and HTTP APIs have no \`${expected}\` to read instead.${dialectReason(context)}`);
    return;
  }
  context.report(node, 'rest-style-mapping-value', `${sentAsText(value, side)}. Write \`${expected}\`.${joined}${dialectReason(context)}`, { data: { expected } });
}

/**
 * A REST source of the other side of the integration (`method.request.header.X` in a response mapping): no HTTP API
 * variable of this side reads it, so there is no rewrite to offer, only the static text it sends.
 */
function checkOtherSideSource(context: ValidationContext, node: ValueNode, value: string, side: MappingSide): void {
  const other: MappingSide = side === 'request' ? 'response' : 'request';
  if (httpMappingSource(value, other) === undefined) return;
  const cannot = side === 'response' ? 'A response mapping cannot read the request' : 'A request mapping cannot read the integration\'s response';
  context.report(node, 'rest-style-mapping-value', `${sentAsText(value, side, other)}. ${cannot}.${dialectReason(context)}`);
}

/**
 * What HTTP APIs make of a REST source written as a mapping value on `side`: its own name, sent as static text. A
 * source of the `other` side is named as such, and the side that cannot read it said.
 */
function sentAsText(value: string, side: MappingSide, other?: MappingSide): string {
  const source = other ? `a ${other} mapping source` : 'a mapping source';
  const read = `${HTTP_MAPPING_VARIABLES[side]} variables${other ? ` in a ${side} mapping` : ''}`;
  return `\`${value}\` is how REST APIs write ${source}. HTTP APIs read only ${read} and take any other value as static text, so this sends the text "${value}" itself`;
}

type MappingKind = 'request' | 'response' | 'gateway';

/** What each kind of REST mapping reads, as its invalid-value message lists it, and the sources it accepts. */
const MAPPING_KINDS: Record<MappingKind, { what: string; expected: string; accepts: (value: string) => boolean; override?: (key: string) => string }> = {
  request: {
    what: 'mapping source',
    expected: '`method.request.{path|querystring|header}.NAME`, `method.request.body`, `stageVariables.NAME`, `context.NAME`',
    accepts: (value) => REST_REQUEST_SOURCE.test(value) || REST_OTHER_REQUEST_SOURCE.test(value),
    override: (key) => {
      const target = REST_REQUEST_TARGET.exec(key);
      return `the request template, with \`$context.requestOverride.${target ? `${target[2]}.${target[3]}` : '{header|querystring|path}.NAME'}\``;
    },
  },
  response: {
    what: 'response mapping source',
    expected: '`integration.response.header.NAME`, `integration.response.body[.JSONPath]`, `stageVariables.NAME`, `context.NAME`',
    accepts: (value) => REST_RESPONSE_SOURCE.test(value),
    override: (key) => `the response template, with \`$context.responseOverride.header.${mappedResponseHeader(key) ?? 'NAME'}\``,
  },
  gateway: {
    what: 'gateway response parameter source',
    expected: '`method.request.{path|querystring|header}.NAME`, `stageVariables.NAME`, `context.NAME`',
    accepts: (value) => GATEWAY_RESPONSE_SOURCE.test(value),
  },
};

/** A variable as templates write it (`$context.x`, `${stageVariables.x}`): mappings name the same without `$` and braces. */
const TEMPLATE_STYLE_REFERENCE = /^\$(?:\{([^{}]+)\}|([^{}]+))$/;
/** Where a mapping expression starts, wherever it stands in a value. */
const MAPPING_EXPRESSION = /\$?\{?\b(?:stageVariables|context|method\.(?:request|response)|integration\.(?:request|response))\.[A-Za-z0-9_.$-]*\}?/g;

/**
 * An invalid REST mapping value, with the one correction its form points to: a template-style variable without its
 * `$`; for a mapping expression run together with text, that mappings cannot concatenate; a quoted static value only for
 * what reads as a literal, since quoting an expression would send its name instead of its value.
 */
function reportInvalidValue(context: ValidationContext, p: PropertyNode, value: string, kind: MappingKind): void {
  const node = p.value!;
  const { what, expected, accepts, override } = MAPPING_KINDS[kind];
  const head = `"${value}" is not a ${what}; expected ${expected} or a single-quoted static value`;
  const reference = TEMPLATE_STYLE_REFERENCE.exec(value);
  const bare = reference ? (reference[1] ?? reference[2]) : undefined;
  if (bare !== undefined && accepts(bare)) {
    context.report(node, 'invalid-mapping-value', `${head}. Write \`${bare}\`: parameter mappings name variables without the \`$\` and braces of templates.`, { data: { expected: bare } });
    return;
  }
  const doubleQuoted = DOUBLE_QUOTED_STATIC.exec(value)?.[1];
  if (doubleQuoted !== undefined && accepts(doubleQuoted)) {
    context.report(node, 'invalid-mapping-value', `${head}. Write \`${doubleQuoted}\` without the double quotes: they make it neither a source nor a static value.`, { data: { expected: doubleQuoted } });
    return;
  }
  if (doubleQuoted !== undefined && !doubleQuoted.includes('$')) {
    // AWS answers such a value with "Invalid mapping expression specified" and takes the same text in single quotes.
    const expected = `'${doubleQuoted}'`;
    context.report(node, 'invalid-mapping-value', `${value} is in double quotes, which do not mark a static value: API Gateway refuses it with "Invalid mapping expression specified". Write the static value in single quotes inside the string: \`${expected}\`.`, { data: { expected } });
    return;
  }
  const expressions = value.match(MAPPING_EXPRESSION) ?? [];
  if (expressions.length && value.replace(MAPPING_EXPRESSION, '').trim() !== '') {
    const instead = override ? ` Build the value in ${override(keyName(p))} instead.` : '';
    context.report(node, 'invalid-mapping-value', `${head}. A mapping takes one source or one static value: REST parameter mappings cannot concatenate.${instead}`);
    return;
  }
  const literal = value.replace(/^['"]+|['"]+$/g, '');
  if (expressions.length === 0 && !value.includes('$') && !literal.includes("'")) {
    // Quotes left on one side only are not doubled.
    context.report(node, 'invalid-mapping-value', `${head} such as \`'${literal}'\`.`, { data: { expected: `'${literal}'` } });
    return;
  }
  context.report(node, 'invalid-mapping-value', `${head}.`);
}

/**
 * A `context.NAME` source must name a variable API Gateway defines for this kind of API, read from the same catalog as
 * `$context` in templates: a misspelt one (`identity.sourceIpp`), or one only the other kind has (`routeKey` in a REST
 * API, `resourcePath` in an HTTP API), maps nothing. An HTTP API value may hold several, as `$context.NAME` or
 * `${context.NAME}`. `kind`: the integration request's mappings, or an integration response's, where the catalog may
 * say a variable is not set.
 */
function checkContextVariable(context: ValidationContext, node: ValueNode, value: string, kind: 'request' | 'response'): void {
  const http = context.dialect === 'http';
  const names = http ? [...value.matchAll(/\$\{?context\.(\w+(?:\.\w+)*)/g)].map((m) => m[1]) : value.startsWith('context.') ? [value.slice('context.'.length)] : [];
  const root = http ? '$context.' : 'context.';
  for (const name of names) {
    const path = name.split('.');
    const written = `${root}${name}`;
    const member = findContextVariable(path, context.dialect);
    if (accessLogOnlyContext(path, context.dialect)) {
      // Below `authorizer` the name is also a key a Lambda authorizer's context may have.
      const reads = member ? `; a mapping reads from it only the key \`${path.slice(1).join('.')}\` of a Lambda authorizer's context, empty unless the authorizer returns one` : ', so the mapping reads nothing';
      context.report(node, 'unknown-context-variable', `\`${written}\` is only available in access-log formats${reads}.`);
      continue;
    }
    // The catalog says where a variable is set, as for templates (`$context.error.*`: gateway responses only).
    if (member?.availableIn && !member.availableIn.includes(kind)) {
      const where = http
        ? 'is not set yet when API Gateway maps the request, before it calls the integration: response mappings and access logs read it'
        : `is set only in ${availableInWords(member.availableIn)}`;
      context.report(node, 'unknown-context-variable', `\`${written}\` ${where}, so the mapping reads nothing.`);
      continue;
    }
    if (member) continue;
    if (findContextVariable(path, http ? 'rest' : 'http')) {
      context.report(node, 'unknown-context-variable', `\`${written}\` is a context variable of ${http ? 'REST' : 'HTTP'} APIs only, so in ${http ? 'an HTTP' : 'a REST'} API the mapping reads nothing.`);
      continue;
    }
    let known = path.length - 1;
    while (known > 0 && !findContextVariable(path.slice(0, known), context.dialect)) known--;
    const parent = findContextVariable(path.slice(0, known), context.dialect);
    const meant = nearMiss(path[known], (parent?.members ?? []).map((m) => m.name));
    const hint = meant ? ` Did you mean \`${root}${[...path.slice(0, known), meant].join('.')}\`?` : '';
    context.report(node, 'unknown-context-variable', `\`${written}\` is not a context variable ${http ? 'HTTP APIs have' : 'API Gateway defines'}, so the mapping reads nothing.${hint}`);
  }
}
