import type { Hover } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { asString, findNodeAtPath, getValue, isScalar, keyName, nodeAtOffset, pathOf, shallowValue } from '../model/navigate';
import type { ScalarNode, ValueNode } from '../model/nodes';
import { ANY_METHOD_KEY, deref, findOperationResponse, requestValidators, securitySchemes } from '../model/openapiWalk';
import type { ExtensionSpec, ValueSpec } from '../facts/extensionTypes';
import { fieldOf, findValueSpec, getExtension } from '../facts/extensions';
import { guidePage } from '../facts/extensions/docsUrls';
import { INTEGRATION_SUBTYPE_PARAMETERS } from '../facts/extensions/integration';
import { extensionIndexOf, isMappingTemplateValue, isOperationResponses, isSecurityRequirement } from './editing/documentPaths';
import { accessLogOnlyContext, contextVariableDialects, findContextVariable } from '../facts/templateVariables';
import { availableInWords, type TemplateKind } from '../facts/templateVariableTypes';
import { HTTP_PARAMETER_MAPPING_URL, REMOVE_MAPPING_VALUE, REMOVE_MAPPING_VALUE_DOC } from '../facts/httpApiMappings';
import { IDENTITY_SOURCE_FORMS, isIdentitySource } from '../facts/identitySources';
import { integrationResponsesOf, integrationResponseStatus, declaredParameterAt, openApiLocation, operationContaining, REQUEST_PARAMETER_EXPRESSION, responseHeadersAt, routeParametersAt, statusText } from './editing/operationFacts';
import { enumEntry, markdown, openApiFieldMarkdown, specMarkdown } from './editing/specDocs';
import { openApiFieldsAt } from '../facts/openapiFields';
import { versionOf } from './rules/openapiSchemas';
import type { DocumentResolver } from './validationTypes';
import type { Dialect } from '../model/dialect';
import { inferDialect } from '../model/dialectInference';
import { keyOf } from '../model/property';
import { refSummary } from './editing/refTargetSummary';
import { mappedResponseHeader } from '../model/methodResponseHeaders';

/**
 * Hover: catalog documentation of extension keys, fields and enum values; summaries of what references point to and
 * of what mapping expressions read. With a resolver, a `$ref` into another file is summarised from that file, and only
 * that answer is a Promise. A context variable both kinds of API have is described as the document's kind has it:
 * the dialect setting, or else the kind inferred from the document.
 */
export function doHover(document: ApiDocument, offset: number): Hover | null;
export function doHover(document: ApiDocument, offset: number, resolver: DocumentResolver | undefined, dialectSetting?: Dialect | 'auto'): Hover | null | Promise<Hover | null>;
export function doHover(document: ApiDocument, offset: number, resolver?: DocumentResolver, dialectSetting: Dialect | 'auto' = 'auto'): Hover | null | Promise<Hover | null> {
  const node = nodeAtOffset(document.root, offset);
  if (!isScalar(node) || node.parent?.type !== 'property') return null;
  const property = node.parent;
  const path = pathOf(node);
  // Inferred only when a hover describes a mapping source: most hovers do not need it.
  const dialect = (): Dialect => (dialectSetting === 'auto' ? inferDialect(document) : dialectSetting);
  const answer = (contents: string | undefined): Hover | null =>
    contents ? { contents: markdown(contents), range: document.rangeOf(node) } : null;
  const value = node.value;
  if (keyOf(property) !== node && path[path.length - 1] === '$ref' && typeof value === 'string' && !value.startsWith('#') && resolver) {
    return externalRefSummary(document, value, resolver).then(answer);
  }
  if (keyOf(property) !== node && isIdentitySourceValue(path) && typeof value === 'string') {
    const source = identitySourceHover(document, node, offset, dialect);
    if (source) return source;
  }
  return answer(keyOf(property) === node ? keyHover(document, path) : valueHover(document, path, node, dialect));
}

function keyHover(document: ApiDocument, path: (string | number)[]): string | undefined {
  const name = String(path[path.length - 1]);
  if (isSecurityRequirement(path.slice(0, -1)) || isSchemeDefinition(document, path)) return securitySchemeSummary(document, name);
  if (isOperationResponses(path.slice(0, -1))) return responseCodeSummary(document, path, name);
  const header = mappedResponseHeader(name);
  if (header !== undefined && path[path.length - 2] === 'responseParameters' && path[path.length - 4] === 'responses' && isIntegration(path)) return responseHeaderSummary(document, path, header);
  const named = getExtension(name);
  // The catch-all method stands where operations do, so the extension index passes over its key: it is named here.
  const anyMethodKey = name === ANY_METHOD_KEY && path.length === 3 && path[0] === 'paths';
  if (named && (anyMethodKey || extensionIndexOf(path) === path.length - 1)) return specMarkdown(name, named, named.docsUrl).value;
  if (path.length === 4 && path[0] === 'paths' && path[2] === ANY_METHOD_KEY) {
    const anyMethod = getExtension(ANY_METHOD_KEY)!;
    const field = fieldOf(anyMethod, name);
    return field ? specMarkdown(name, field, docsUrlOf(anyMethod, [name])).value : undefined;
  }
  const index = extensionIndexOf(path);
  if (index < 0) return openApiFieldHover(document, path);
  const extension = getExtension(String(path[index]));
  const owner = extension && findValueSpec(extension, path.slice(index + 1, -1));
  if (!owner) return undefined;
  const field = fieldOf(owner, name);
  if (field) return specMarkdown(name, field, docsUrlOf(extension, path.slice(index + 1))).value;
  const url = docsUrlOf(extension, path.slice(index + 1, -1));
  if (isIntegration(path) && path[path.length - 2] === 'requestParameters') {
    const described = requestMappingKey(document, path, name, url);
    if (described) return described;
  }
  if (isHttpResponseMapping(path)) {
    const described = httpMappingKey(name, 'response');
    if (described) return described;
  }
  if (owner.values && owner.keyDoc) return [`**${name}**`, owner.keyDoc, url ? `[AWS documentation](${url})` : ''].filter(Boolean).join('\n\n');
  return undefined;
}

/** OpenAPI's own keys: the object they belong to, from the official schema of the document's version. */
function openApiFieldHover(document: ApiDocument, path: (string | number)[]): string | undefined {
  const version = versionOf(document.kind, document.specVersion);
  const name = String(path[path.length - 1]);
  const field = version && openApiFieldsAt(version, path.slice(0, -1), shallowValue(findNodeAtPath(document.root, path.slice(0, -1)))).find((f) => f.name === name);
  return field ? openApiFieldMarkdown(field, version) : undefined;
}

function valueHover(document: ApiDocument, path: (string | number)[], node: ScalarNode, dialect: () => Dialect): string | undefined {
  if (isMappingTemplateValue(path)) return undefined;
  const value = node.value;
  if (path[path.length - 1] === '$ref' && typeof value === 'string') return refSummary(document, value);
  if (typeof value === 'string') {
    const container = path[path.length - 2];
    const key = String(path[path.length - 1]);
    const httpMapping = (container === 'requestParameters' && isIntegration(path)) || isHttpResponseMapping(path);
    // Only HTTP API keys start so; their value is not a source.
    if (httpMapping && key.startsWith('remove:')) return removeValueHover(key, value);
    const parameter = REQUEST_PARAMETER_EXPRESSION.exec(value);
    if (parameter) return parameterSummary(document, path, parameter[1], parameter[2], value.startsWith('$'));
    const kind: TemplateKind = container === 'requestParameters' ? 'request' : 'response';
    if ((container === 'requestParameters' || container === 'responseParameters') && isIntegration(path)) {
      const reads = container === 'requestParameters' && value.includes('$') ? httpSources(value, dialect(), kind) : mappingSource(value, dialect(), kind);
      if (reads) return reads;
    }
    if (isHttpResponseMapping(path) && value.includes('$')) {
      const reads = httpSources(value, dialect(), 'response');
      if (reads) return reads;
    }
  }
  const index = extensionIndexOf(path);
  if (index < 0) return undefined;
  const extension = getExtension(String(path[index]));
  const spec = extension && findValueSpec(extension, path.slice(index + 1));
  if (!spec) return undefined;
  if (path[index] === VALIDATOR_KEY && index === path.length - 1) return validatorSummary(document, String(value), specMarkdown(VALIDATOR_KEY, spec).value);
  const url = docsUrlOf(extension, path.slice(index + 1));
  if (isIntegrationResponseStatus(path, index) && (typeof value === 'string' || typeof value === 'number')) {
    const selected = selectedMethodResponse(document, path, String(value));
    if (selected) return `${selected}\n\n${specMarkdown('statusCode', spec, url).value}`;
  }
  return enumHover(spec, String(value), url) ?? specMarkdown(String(path[path.length - 1]), spec, url).value;
}

/**
 * The AWS page of a catalog entry: its own, else that of the nearest object or map it sits in, up to the extension's.
 * Most fields are described on their extension's page rather than one of their own.
 */
function docsUrlOf(extension: ExtensionSpec, pathBelow: (string | number)[]): string | undefined {
  for (let n = pathBelow.length; n > 0; n--) {
    const url = findValueSpec(extension, pathBelow.slice(0, n))?.docsUrl;
    if (url) return url;
  }
  return extension.docsUrl;
}

const VALIDATOR_KEY = 'x-amazon-apigateway-request-validator';

function isIdentitySourceValue(path: (string | number)[]): boolean {
  const index = extensionIndexOf(path);
  return index >= 0 && path[index] === 'x-amazon-apigateway-authorizer' && index === path.length - 2 && path[index + 1] === 'identitySource';
}

/**
 * The one source under the cursor of an authorizer's comma-separated `identitySource`. Sources are values of the
 * caller's request (or its context and stage), not parameters an operation declares: the authorizer stands apart from
 * every operation it protects.
 */
function identitySourceHover(document: ApiDocument, node: ScalarNode, offset: number, dialect: () => Dialect): Hover | null {
  const text = document.text;
  let start = node.contentOffset;
  for (const part of text.slice(node.contentOffset, node.contentEnd).split(',')) {
    const from = start + (part.length - part.trimStart().length);
    const to = start + part.trimEnd().length;
    start += part.length + 1;
    if (offset < from || offset > to || from === to) continue;
    const source = text.slice(from, to);
    const what = describeIdentitySource(source, dialect);
    const note = !what
      ? `Not an identity source API Gateway reads. REST: ${IDENTITY_SOURCE_FORMS.rest}; HTTP APIs: ${IDENTITY_SOURCE_FORMS.http}.`
      : isUnknownContextVariable(source)
        ? ''
        : 'An identity source of this authorizer: a request without it is refused with 401 before the authorizer is called.';
    return { contents: markdown([`**${source}**`, what, note].filter(Boolean).join('\n\n')), range: document.rangeOf({ offset: from, end: to }) };
  }
  return null;
}

/**
 * A REST (`method.request.header.A`) or HTTP API (`$request.header.A`) identity source, described; undefined for what
 * validation refuses in either dialect (the inferred dialect can be wrong, and the source's own form tells which
 * kind of API it is written for).
 */
function describeIdentitySource(source: string, dialect: () => Dialect): string | undefined {
  if (!isIdentitySource(source)) return undefined;
  const request = /^(?:method\.|\$)(request\..+)$/.exec(source);
  return request ? describeRequestParameter(request[1]) : describeSource(source, dialect());
}

function isUnknownContextVariable(source: string): boolean {
  const name = /^\$?context\.(.+)$/.exec(source)?.[1];
  return name !== undefined && contextVariableDialects(name.split('.')).length === 0;
}

/** What the named request validator checks, as the root's validators define it, before the extension's own docs. */
function validatorSummary(document: ApiDocument, name: string, extensionDoc: string): string {
  const validator = getValue(requestValidators(document), name);
  if (validator?.type !== 'object') return `**${name}**: no request validator of this name is defined in \`x-amazon-apigateway-request-validators\`.\n\n${extensionDoc}`;
  const checks = [
    asBoolean(getValue(validator, 'validateRequestBody')) ? 'the request body against its model' : undefined,
    asBoolean(getValue(validator, 'validateRequestParameters')) ? 'the required parameters (path, query string, headers)' : undefined,
  ].filter(Boolean);
  const what = checks.length ? `validates ${checks.join(' and ')}` : 'validates nothing (both of its flags are off)';
  return `**${name}**: request validator; ${what}.\n\n${extensionDoc}`;
}

/** The key that defines a security scheme, as requirements name it. */
function isSchemeDefinition(document: ApiDocument, path: (string | number)[]): boolean {
  return document.kind === 'swagger'
    ? path.length === 2 && path[0] === 'securityDefinitions'
    : path.length === 3 && path[0] === 'components' && path[1] === 'securitySchemes';
}

/** The security scheme a requirement names: its type, where its credential travels and its authorizer. */
function securitySchemeSummary(document: ApiDocument, name: string): string {
  const where = document.kind === 'swagger' ? 'securityDefinitions' : 'components/securitySchemes';
  const scheme = deref(document, getValue(securitySchemes(document), name));
  if (scheme?.type !== 'object') return `**${name}**: no security scheme of this name is defined in \`${where}\`.`;
  const lines = [`**${name}**: security scheme${describeScheme(scheme)}`];
  const authorizer = getValue(scheme, 'x-amazon-apigateway-authorizer');
  const authorizerType = asString(getValue(authorizer, 'type'));
  const authType = asString(getValue(scheme, 'x-amazon-apigateway-authtype'));
  if (authorizerType) lines.push(`API Gateway authorizer: \`${authorizerType}\``);
  else if (authType) lines.push(`API Gateway authorization: \`${authType}\``);
  const description = asString(getValue(scheme, 'description'));
  if (description) lines.push(description);
  return lines.join('\n\n');
}

function describeScheme(scheme: ValueNode): string {
  const type = asString(getValue(scheme, 'type'));
  const location = asString(getValue(scheme, 'in'));
  const name = asString(getValue(scheme, 'name'));
  const carried = location && name ? `, the ${location} \`${name}\`` : '';
  return type ? ` (\`${type}\`${carried})` : '';
}

/** The status, the response's description, and the integration responses that answer with it. */
function responseCodeSummary(document: ApiDocument, path: (string | number)[], code: string): string {
  const reason = code === 'default' ? 'every status the operation does not list' : statusText(code);
  const lines = [`**${code}**${reason ? ` (${reason})` : ''}: method response`];
  const description = asString(getValue(deref(document, findNodeAtPath(document.root, path)), 'description'));
  if (description) lines.push(description);
  const selecting = integrationResponsesOf(document, path).filter((r) => r.status === code);
  if (selecting.length) lines.push(`Integration responses answering with it: ${selecting.map((r) => `\`${r.pattern}\``).join(', ')}`);
  return lines.join('\n\n');
}

function enumHover(spec: ValueSpec, value: string, docsUrl: string | undefined): string | undefined {
  const entry = enumEntry(spec, value);
  if (entry === undefined) return undefined;
  const doc = spec.enumDocs?.[entry];
  return [`**${entry}**`, doc ?? spec.doc, docsUrl ? `[AWS documentation](${docsUrl})` : ''].filter(Boolean).join('\n\n');
}

/**
 * The parameter a mapping reads, as the operation declares it. An HTTP API (`$request.path.NAME`) reads a path
 * parameter from the route whether it is declared or not, as the path parameter check says; a REST API reads only
 * declared ones.
 */
function parameterSummary(document: ApiDocument, path: (string | number)[], location: string, name: string, httpForm: boolean): string {
  const declared = declaredParameterAt(document, path, location, name);
  if (!declared && httpForm && location === 'path' && routeParametersAt(path).includes(name)) {
    return `**${name}**: path parameter of the route \`${path[1]}\`; HTTP APIs take path parameters from the route, so it need not be declared.`;
  }
  if (!declared) return `**${name}**: no ${openApiLocation(location) ?? location} parameter of this name is declared on the operation.`;
  const lines = [`**${declared.name}**: ${declared.in} parameter${asBoolean(getValue(declared.node, 'required')) ? ', required' : ''}`];
  const type = asString(getValue(declared.node, 'type')) ?? asString(getValue(deref(document, getValue(declared.node, 'schema')), 'type'));
  if (type) lines.push(`Type: \`${type}\``);
  const description = asString(getValue(declared.node, 'description'));
  if (description) lines.push(description);
  return lines.join('\n\n');
}

function asBoolean(node: ValueNode | undefined): boolean {
  return node?.type === 'boolean' && node.value === true;
}

function isIntegration(path: (string | number)[]): boolean {
  const name = path[extensionIndexOf(path)];
  return name === 'x-amazon-apigateway-integration' || name === 'x-amazon-apigateway-integrations';
}

/**
 * A value of an HTTP API's `responseParameters`, which groups its mappings by the status code of the backend's
 * response: the map sits on the integration itself, an operation's or a reusable one under its name.
 */
function isHttpResponseMapping(path: (string | number)[]): boolean {
  const index = extensionIndexOf(path);
  if (path[path.length - 3] !== 'responseParameters') return false;
  if (path[index] === 'x-amazon-apigateway-integration') return index === path.length - 4;
  return path[index] === 'x-amazon-apigateway-integrations' && index === path.length - 5;
}

/** The method response header a `method.response.header.NAME` mapping writes, as the operation declares it. */
function responseHeaderSummary(document: ApiDocument, path: (string | number)[], name: string): string {
  const status = integrationResponseStatus(document, path);
  if (status === undefined) return `**${name}**: method response header. This integration response has no \`statusCode\` yet, so the header cannot be looked up.`;
  const headers = responseHeadersAt(document, path, status);
  if (!headers) return `**${name}**: the operation declares no ${status} response.`;
  const declared = headers.find((h) => keyName(h).toLowerCase() === name.toLowerCase());
  if (!declared) return `**${name}**: the ${status} response declares no header of this name; AWS rejects mappings to undeclared method response headers.`;
  const header = deref(document, declared.value);
  const lines = [`**${keyName(declared)}**: header of the ${status} method response`];
  const type = asString(getValue(header, 'type')) ?? asString(getValue(deref(document, getValue(header, 'schema')), 'type'));
  if (type) lines.push(`Type: \`${type}\``);
  const description = asString(getValue(header, 'description'));
  if (description) lines.push(description);
  return lines.join('\n\n');
}

const AWS_SERVICE_PARAMETERS_URL = guidePage('http-api-develop-integrations-aws-services-reference');

/**
 * What a key of an integration's `requestParameters` sets: a parameter of the request sent to the backend (REST), what
 * an HTTP API does to one (`append:header.x`), or a parameter of the AWS service action an HTTP API integration calls.
 */
function requestMappingKey(document: ApiDocument, path: (string | number)[], key: string, url: string | undefined): string | undefined {
  const link = (page: string | undefined) => (page ? `\n\n[AWS documentation](${page})` : '');
  const subtype = asString(getValue(findNodeAtPath(document.root, path.slice(0, -2)), 'integrationSubtype'));
  const action = subtype === undefined ? undefined : INTEGRATION_SUBTYPE_PARAMETERS[subtype];
  if (action && (action.required.includes(key) || action.optional.includes(key))) {
    return `**${key}**\n\nThe ${action.required.includes(key) ? 'required' : 'optional'} \`${key}\` parameter of the ${subtype} action this integration calls.${link(AWS_SERVICE_PARAMETERS_URL)}`;
  }
  const rest = /^integration\.request\.(path|querystring|header)\.(.+)$/.exec(key);
  if (rest) {
    const what = rest[1] === 'path' ? 'path parameter' : rest[1] === 'header' ? 'header' : 'query string parameter';
    const fills = rest[1] === 'path' ? `: it fills \`{${rest[2]}}\` in the integration URI` : '';
    return `**${key}**\n\nSets the ${what} \`${rest[2]}\` of the request API Gateway sends to the backend${fills}.${link(url)}`;
  }
  return httpMappingKey(key, 'request');
}

/**
 * What an HTTP API mapping key does to the request sent to the integration, or to the response returned to the client
 * (the mappings of one status code).
 */
function httpMappingKey(key: string, kind: 'request' | 'response'): string | undefined {
  const link = `\n\n[AWS documentation](${HTTP_PARAMETER_MAPPING_URL})`;
  if (kind === 'request' && key === 'overwrite:path') return `**${key}**\n\nReplaces the path of the request sent to the integration.${link}`;
  if (kind === 'response' && key === 'overwrite:statuscode') return `**${key}**\n\nReplaces the status code of the response returned to the client.${link}`;
  const http = (kind === 'request' ? /^(append|overwrite|remove):(header|querystring)\.(.+)$/ : /^(append|overwrite|remove):(header)\.(.+)$/).exec(key);
  if (!http) return undefined;
  const target = httpMappingTarget(http[2], http[3], kind);
  const does = http[1] === 'append' ? `Appends the value to ${target}.` : http[1] === 'overwrite' ? `Replaces ${target} with the value.` : `Removes ${target}.\n\n${REMOVE_MAPPING_VALUE_DOC}`;
  return `**${key}**\n\n${does}${link}`;
}

function httpMappingTarget(location: string, name: string, kind: 'request' | 'response'): string {
  const what = location === 'header' ? 'header' : 'query string parameter';
  return `the ${what} \`${name}\` of the ${kind === 'request' ? 'request sent to the integration' : 'response returned to the client'}`;
}

/** The value of an HTTP API `remove:` mapping, which API Gateway does not read, said of the one value it takes. */
function removeValueHover(key: string, value: string): string {
  const target = /^remove:(header|querystring)\.(.+)$/.exec(key);
  const removes = target ? `\`${key}\` removes the ${target[1] === 'header' ? 'header' : 'query string parameter'} \`${target[2]}\`` : `\`${key}\` removes what it names`;
  const note = value === REMOVE_MAPPING_VALUE ? `${removes}; \`${REMOVE_MAPPING_VALUE}\` is the value such a mapping takes, from which API Gateway reads nothing.` : `${removes}. ${REMOVE_MAPPING_VALUE_DOC}`;
  return `**${value === '' ? '(empty)' : value}**\n\n${note}\n\n[AWS documentation](${HTTP_PARAMETER_MAPPING_URL})`;
}

function isIntegrationResponseStatus(path: (string | number)[], index: number): boolean {
  return path[index] === 'x-amazon-apigateway-integration' && path.length === index + 4 && path[index + 1] === 'responses' && path[index + 3] === 'statusCode';
}

/**
 * The method response an integration response's `statusCode` selects, as the operation declares it; undefined outside
 * an operation (a reusable integration), where there is nothing to look up.
 */
function selectedMethodResponse(document: ApiDocument, path: (string | number)[], code: string): string | undefined {
  const operation = operationContaining(document, path);
  if (!operation) return undefined;
  const reason = statusText(code);
  const declared = findOperationResponse(operation, code);
  if (!declared) return `**${code}**${reason ? ` (${reason})` : ''}: the operation declares no ${code} response, so API Gateway answers 500 whenever this integration response is selected.`;
  const description = asString(getValue(deref(document, declared.value), 'description'));
  return [`**${code}**${reason ? ` (${reason})` : ''}: the method response this integration response answers with`, description].filter(Boolean).join('\n\n');
}

/** What a REST mapping source (`integration.response.body.x`, `context.requestId`, `'*'`) reads. */
function mappingSource(value: string, dialect: Dialect, kind: TemplateKind): string | undefined {
  const literal = /^'(.*)'$/s.exec(value);
  if (literal) return `**${value}**\n\nThe static value \`${literal[1]}\`.`;
  const reads = describeSource(value, dialect, kind);
  return reads && `**${value}**\n\n${reads}`;
}

/**
 * What a mapping source reads, REST (`integration.response.header.x`) or HTTP API (`response.header.x`, the `$` of
 * `$response` left out or kept); `kind`, the mapping it stands in, tells whether a context variable has a value there.
 */
function describeSource(expression: string, dialect: Dialect, kind?: TemplateKind): string | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(?:integration\.|\$?)response\.header\.(.+)$/.exec(expression))) return `The \`${m[1]}\` header of the backend response.`;
  if ((m = /^integration\.response\.multivalueheader\.(.+)$/.exec(expression))) return `Every value of the \`${m[1]}\` header of the backend response, comma-separated.`;
  if ((m = /^(integration\.response|\$?response|method\.request|\$?request)\.body(?:\.(.+))?$/.exec(expression))) {
    const body = m[1].endsWith('response') ? 'the backend response body' : 'the request body';
    return m[2] === undefined ? `The whole of ${body}.` : `The value at JSONPath \`$.${m[2]}\` of ${body} (JSON).`;
  }
  if (/^\$?request\.path$/.test(expression)) return 'The whole request path.';
  if ((m = /^\$?stageVariables\.(.+)$/.exec(expression))) return `The stage variable \`${m[1]}\` of the stage that serves the request.`;
  if ((m = /^\$?context\.(.+)$/.exec(expression))) {
    const path = m[1].split('.');
    const logged = accessLogOnlyContext(path, dialect);
    if (logged) {
      // Below `authorizer` the name is also a key a Lambda authorizer's context may have.
      const reads = findContextVariable(path, dialect) ? `A mapping reads from it only the key \`${path.slice(1).join('.')}\` of a Lambda authorizer's context, empty unless the authorizer returns one.` : 'A mapping reads nothing from it.';
      return `\`${m[1]}\` is only available in access-log formats: ${logged.doc} ${reads}`;
    }
    const defined = contextVariableDialects(path);
    // What validation reports as no context variable is not described as one.
    if (!defined.length) return `\`${m[1]}\` is not a context variable API Gateway defines, so it reads nothing.`;
    // A variable only the other kind of API has is still described, as that kind has it, and marked as its own.
    const described = defined.includes(dialect) ? dialect : defined[0];
    const member = findContextVariable(path, described)!;
    const doc = member.doc;
    const only = defined.length === 1 ? `, of ${defined[0] === 'http' ? 'HTTP' : 'REST'} APIs only` : '';
    const said = !doc || doc.startsWith('A key of') ? `The context variable \`${m[1]}\`${only}.` : `The context variable \`${m[1]}\`${only}: ${doc}`;
    return `${said}${kind && described === dialect ? unsetIn(member.availableIn, kind, dialect) : ''}`;
  }
  return undefined;
}

/** Where a context variable the catalog marks as set only in some mappings reads nothing, said of the one at hand. */
function unsetIn(availableIn: TemplateKind[] | undefined, kind: TemplateKind, dialect: Dialect): string {
  if (!availableIn || availableIn.includes(kind)) return '';
  if (dialect === 'http') return ' It is not set yet when API Gateway maps the request, before it calls the integration: response mappings and access logs read it, this mapping reads nothing.';
  return ` It is set only in ${availableInWords(availableIn)}: this mapping reads nothing.`;
}

/** What an HTTP API mapping value reads: each `$variable` or `${variable}` in it, the rest being static text. */
function httpSources(value: string, dialect: Dialect, kind: TemplateKind): string | undefined {
  const variables = [...value.matchAll(/\$\{([^}]+)\}|\$((?:request|response|context|stageVariables)(?:\.[^\s.$]+)*)/g)].map((m) => m[1] ?? m[2]);
  const reads = variables.map((v) => `- \`$${v}\`: ${describeSource(v, dialect, kind) ?? describeRequestParameter(v) ?? 'not a variable HTTP APIs define.'}`);
  if (!reads.length) return undefined;
  const whole = variables.length === 1 && (value === `$${variables[0]}` || value === `\${${variables[0]}}`);
  return [`**${value}**`, whole ? reads[0].replace(/^- `[^`]*`: /, '') : `${reads.join('\n')}\n\nThe rest is static text.`].join('\n\n');
}

function describeRequestParameter(expression: string): string | undefined {
  const m = /^request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(expression);
  if (!m) return undefined;
  const what = m[1] === 'path' ? 'path parameter' : m[1].endsWith('header') ? 'request header' : 'query string parameter';
  return `The \`${m[2]}\` ${what}${m[1].startsWith('multivalue') ? ', every value comma-separated' : ''}.`;
}

/** What a `$ref` into another file points to, read through the resolver. */
async function externalRefSummary(document: ApiDocument, ref: string, resolver: DocumentResolver): Promise<string | undefined> {
  const hash = ref.indexOf('#');
  const file = hash < 0 ? ref : ref.slice(0, hash);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file) && !/^file:/i.test(file)) return `Remote reference: \`${ref}\`. Remote references are not followed, so what it points to is not shown.`;
  const other = await resolver.resolve(document.uri, file).catch(() => undefined);
  if (!other) {
    const reason = resolver.whyUnreadable?.(document.uri, file);
    return `External reference: \`${ref}\` (the file could not be read${reason ? `: ${reason}` : ''}).`;
  }
  const summary = refSummary(other, hash < 0 ? '#' : ref.slice(hash));
  return summary && `${summary}\n\nIn \`${file}\`.`;
}

