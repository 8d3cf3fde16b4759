import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { HTTP_PARAMETER_MAPPING_URL, REMOVE_MAPPING_VALUE, REMOVE_MAPPING_VALUE_DOC } from '../../facts/httpApiMappings';
import { markdown } from '../editing/specDocs';
import type { CompletionSite } from '../editing/completionSite';
import { MAPPING_LOCATION, operationContaining, parametersAt, routeParametersAt } from '../editing/operationFacts';
import { jsonPathProperties, SchemaReader } from '../templates/templateSchemas';
import { forEachOperation, operationParameters } from '../../model/openapiWalk';
import { literalItem, stemItem, valueItem } from './completionItems';
import { mappingContextVariables, usedStageVariables, variableNameItems, type VariableName } from './mappingVariables';

/**
 * REST request mapping sources: the operation's declared parameters, read whole or (headers and query strings) with
 * every value, then the body and the variables; narrowed to what is already typed.
 */
export function parameterExpressionItems(site: CompletionSite): CompletionItem[] {
  const expressions: Expression[] = parametersAt(site.document, site.path).flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    if (!location) return [];
    const single = { text: `method.request.${location}.${p.name}`, detail: `${p.in} parameter` };
    const multi = MULTIVALUE_LOCATION[location];
    return multi ? [single, { text: `method.request.${multi}.${p.name}`, detail: `${p.in} parameter, every value`, under: `method.request.${multi}.` }] : [single];
  });
  return expressionItems(site, [...expressions, ...REST_REQUEST_SOURCES]);
}

/** The locations that read every value of a repeated header or query string parameter. */
const MULTIVALUE_LOCATION: Record<string, string> = { header: 'multivalueheader', querystring: 'multivaluequerystring' };

/**
 * HTTP API mapping sources: the declared parameters and the route's path parameters first, then the open-ended
 * variables. A route's `{name}` needs no declaration: HTTP APIs read path parameters from the route.
 */
export function httpExpressionItems(site: CompletionSite): CompletionItem[] {
  const removal = removeValueItems(site);
  if (removal) return removal;
  const parameters = parametersAt(site.document, site.path);
  const declared: Expression[] = parameters.flatMap((p) => {
    const location = MAPPING_LOCATION[p.in];
    return location ? [{ text: `$request.${location}.${p.name}`, detail: `${p.in} parameter` }] : [];
  });
  const route: Expression[] = routeParametersAt(site.path)
    .filter((name) => !parameters.some((p) => p.in === 'path' && p.name.replace(/\+$/, '') === name))
    .map((name) => ({ text: `$request.path.${name}`, detail: 'path parameter of the route' }));
  return expressionItems(site, [...declared, ...route, ...HTTP_SOURCES]);
}

interface Expression {
  text: string;
  detail: string;
  /** The start of an expression: the name that completes it comes after. */
  stem?: boolean;
  /** A single-quoted literal, inserted with its text selected. */
  literal?: boolean;
  /** Offered only once this start is typed: a form that would double a list already long. */
  under?: string;
  /**
   * The names that complete a variable once this start, its root and dot, is typed; `typedName` is what follows the
   * dot so far.
   */
  names?: (site: CompletionSite, typedName: string) => VariableName[];
  /** The names form a JSONPath, which may also index into a list (`items[0].name`). */
  jsonPath?: true;
}

const contextNames = () => mappingContextVariables('rest', 'request');
const responseContextNames = () => mappingContextVariables('rest', 'response');
// An HTTP API's mappings may read every variable of its access-log list, `error` among them.
const httpContextNames = () => mappingContextVariables('http', 'request');
const httpResponseContextNames = () => mappingContextVariables('http', 'response');
const gatewayContextNames = () => mappingContextVariables('rest', 'gatewayResponse');

// The sources each kind of mapping reads (request-response-data-mappings, http-api-parameter-mapping,
// gateway responses): a fact of API Gateway's, kept here beside the only code that offers them.

const REST_REQUEST_SOURCES: Expression[] = [
  { text: 'method.request.body', detail: 'The whole request body' },
  { text: 'method.request.body.', detail: 'A JSONPath (without `$.`) into the request body', stem: true, names: requestBodyProperties, jsonPath: true },
  { text: 'method.request.multivalueheader.', detail: 'Every value of a request header, joined by commas', stem: true },
  { text: 'method.request.multivaluequerystring.', detail: 'Every value of a query string parameter: one query parameter each, else joined by commas', stem: true },
  { text: "'static'", detail: 'A static value', literal: true },
  { text: 'stageVariables.', detail: 'A stage variable', stem: true, names: usedStageVariables },
  { text: 'context.', detail: 'A context variable', stem: true, names: contextNames },
];

const HTTP_SOURCES: Expression[] = [
  { text: '$request.path', detail: 'The whole request path' },
  { text: '$request.header.', detail: 'A request header', stem: true },
  { text: '$request.querystring.', detail: 'A query string parameter', stem: true },
  { text: '$request.body.', detail: 'A JSONPath into the request body', stem: true, names: requestBodyProperties, jsonPath: true },
  { text: '$context.', detail: 'A context variable', stem: true, names: httpContextNames },
  { text: '$stageVariables.', detail: 'A stage variable', stem: true, names: usedStageVariables },
];

export const RESPONSE_SOURCES: Expression[] = [
  { text: 'integration.response.header.', detail: 'A header of the backend response', stem: true },
  { text: 'integration.response.multivalueheader.', detail: 'Every value of a backend response header', stem: true },
  { text: 'integration.response.body', detail: 'The whole backend response body' },
  { text: 'integration.response.body.', detail: 'A JSONPath into the backend response body', stem: true },
  { text: "'static'", detail: 'A static value', literal: true },
  { text: 'stageVariables.', detail: 'A stage variable', stem: true, names: usedStageVariables },
  { text: 'context.', detail: 'A context variable', stem: true, names: responseContextNames },
];

/** HTTP API response mappings read the backend's response (the status code's group they sit in), never the request. */
const HTTP_RESPONSE_SOURCES: Expression[] = [
  { text: '$response.header.', detail: 'A header of the backend response', stem: true },
  { text: '$response.body.', detail: 'A JSONPath into the backend response body', stem: true },
  { text: '$context.', detail: 'A context variable', stem: true, names: httpResponseContextNames },
  { text: '$stageVariables.', detail: 'A stage variable', stem: true, names: usedStageVariables },
];

/** What an HTTP API response mapping of one status code may be set to. */
export function httpResponseExpressionItems(site: CompletionSite): CompletionItem[] {
  return removeValueItems(site) ?? expressionItems(site, HTTP_RESPONSE_SOURCES);
}

/** The one value of an HTTP API `remove:` mapping, which reads nothing: no source is offered there. */
function removeValueItems(site: CompletionSite): CompletionItem[] | undefined {
  if (!String(site.path[site.path.length - 1]).startsWith('remove:')) return undefined;
  return [{
    label: REMOVE_MAPPING_VALUE,
    kind: CompletionItemKind.Value,
    detail: 'The value of a remove mapping',
    documentation: markdown(`${REMOVE_MAPPING_VALUE_DOC}\n\n[AWS documentation](${HTTP_PARAMETER_MAPPING_URL})`),
    filterText: `${site.quote === '"' ? '"' : ''}${REMOVE_MAPPING_VALUE}`,
    // Double quotes keep the single ones as text in both syntaxes, as static values of REST mappings are written.
    textEdit: { range: site.range, newText: `"${REMOVE_MAPPING_VALUE}"${site.document.format === 'json' && site.needsComma ? ',' : ''}` },
  }];
}

/** Gateway responses are not tied to an operation: the request's values are offered by location, open for the name. */
const GATEWAY_RESPONSE_SOURCES: Expression[] = [
  { text: 'method.request.header.', detail: 'A request header', stem: true },
  { text: 'method.request.path.', detail: 'A path parameter', stem: true },
  { text: 'method.request.querystring.', detail: 'A query string parameter', stem: true },
  { text: 'method.request.multivalueheader.', detail: 'Every value of a request header, joined by commas', stem: true },
  { text: 'method.request.multivaluequerystring.', detail: 'Every value of a query string parameter, joined by commas', stem: true },
  { text: "'static'", detail: 'A static value', literal: true },
  { text: 'stageVariables.', detail: 'A stage variable', stem: true, names: usedStageVariables },
  { text: 'context.', detail: 'A context variable', stem: true, names: gatewayContextNames },
];

/**
 * What a gateway response mapping may be set to. A gateway response answers requests to every method, so the request
 * parameters any operation declares come first, each once (a header whatever its letter case), then the locations.
 */
export function gatewayResponseExpressionItems(site: CompletionSite): CompletionItem[] {
  const declared = new Map<string, Expression>();
  forEachOperation(site.document, (op) => {
    for (const p of operationParameters(site.document, op)) {
      const location = MAPPING_LOCATION[p.in];
      if (!location) continue;
      const text = `method.request.${location}.${p.name}`;
      const id = location === 'header' ? text.toLowerCase() : text;
      if (!declared.has(id)) declared.set(id, { text, detail: `${p.in} parameter` });
    }
  });
  return expressionItems(site, [...declared.values(), ...GATEWAY_RESPONSE_SOURCES]);
}

/** Once a dot is typed, only expressions continuing what is typed are offered; after a variable's root, its names. */
export function expressionItems(site: CompletionSite, expressions: Expression[]): CompletionItem[] {
  const typed = site.prefix;
  const variable = variableBeingNamed(typed, expressions);
  if (variable) return variableNameItems(site, variable.typedName, variable.names(site, variable.typedName));
  const narrowed = typed.slice(0, typed.lastIndexOf('.') + 1);
  return expressions
    .filter((e) => e.text.startsWith(narrowed) && !(e.stem && e.text === typed) && (!e.under || narrowed.startsWith(e.under)))
    .map((e) => (e.literal ? literalItem(site, e.detail) : e.stem ? stemItem(site, e.text, e.detail) : valueItem(site, e.text, CompletionItemKind.Variable, e.detail)));
}

/**
 * The variable whose name is being typed, when the start of one the list offers is written before the cursor. A REST
 * mapping is one expression, so its variable starts the value; an HTTP API value may have static text or other
 * variables before one, which it writes `$context.x` or, to run on into text, `${context.x}`.
 */
function variableBeingNamed(typed: string, expressions: Expression[]): { typedName: string; names: NonNullable<Expression['names']> } | undefined {
  for (const e of expressions) {
    if (!e.names) continue;
    const root = e.text.replace(/^\$/, '').replace(/\./g, '\\.');
    const name = e.jsonPath ? '[\\w.[\\]-]*' : '[\\w.]*';
    const pattern = e.text.startsWith('$') ? new RegExp(`\\$\\{?${root}(${name})$`) : new RegExp(`^${root}(${name})$`);
    const match = pattern.exec(typed);
    if (match) return { typedName: match[1], names: e.names };
  }
  return undefined;
}

/**
 * The properties of the operation's request body schema at the JSONPath typed after the body and its dot, each
 * written out whole (`pet.name`) as the context variables are; the schema is the one request templates complete from.
 * Names a JSONPath could only hold in brackets are left out: these paths are written with dots.
 */
function requestBodyProperties(site: CompletionSite, typedName: string): VariableName[] {
  const operation = operationContaining(site.document, site.path)?.operation;
  if (!operation) return [];
  const parent = typedName.slice(0, typedName.lastIndexOf('.') + 1);
  const schemas = new SchemaReader(site.loaded);
  return jsonPathProperties(schemas.requestBody(site.document, operation), `$.${parent}`.replace(/\.$/, ''), schemas)
    .filter((p) => DOT_NAME.test(p.name))
    .map((p) => ({ name: `${parent}${p.name}`, detail: p.type, documentation: p.description }));
}

const DOT_NAME = /^[\w-]+$/;
