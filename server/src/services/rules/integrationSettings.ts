import { getProperty } from '../../model/navigate';
import type { ValueNode } from '../../model/nodes';
import type { Dialect } from '../../model/dialect';
import type { Rule, ValidationContext } from '../validationTypes';
import { checkableString, collectIntegrations, isProxyType, type IntegrationFields, type IntegrationSite } from './integrations';
import { pause } from './eventLoop';
import { keyOf } from '../../model/property';
import { scalarText } from './valueChecks';
import { nearMiss } from './nearMiss';
import { isUnprocessed } from './unprocessedValues';
import { INTEGRATION_OBJECT, INTEGRATION_SUBTYPE_PARAMETERS } from '../../facts/extensions/integration';
import { invokesLambda, lambdaInvocationUri } from '../../model/integrationUris';

/** What proxy integrations do not read, from the catalog: they pass requests and responses through unmapped. */
const PROXY_IGNORED_FIELDS = (INTEGRATION_OBJECT.fields ?? []).filter((f) => f.forTypes && !f.forTypes.some(isProxyType)).map((f) => f.name);

/** Timeout quotas (limits: REST 50 ms to 29 s by default, 15 min when streaming; HTTP APIs at most 30 s). */
const REST_DEFAULT_TIMEOUT = 29_000;
const REST_RAISED_TIMEOUT = 300_000;
const REST_STREAM_TIMEOUT = 900_000;
const HTTP_TIMEOUT = 30_000;

/** `${stageVariables.x}` and `${AWS::Region}`-style variables stand for one URI component each. */
const VARIABLE = /\$\{[^}]*\}/g;
const V = '\u0000';
const SEG = `(?:[^:/\\s]+|${V})`;
const LAMBDA_ARN = `arn:(?:aws[a-z-]*|${V}):lambda:${SEG}:${SEG}:function:${SEG}(?::${SEG})?`;
const LAMBDA_FUNCTION = `(?:${LAMBDA_ARN}|${V}[^/\\s]*)`;
/** InvokeWithResponseStream, which response streaming (`responseTransferMode: STREAM`) calls instead of Invoke. */
const STREAMING_PATH = `2021-11-15/functions/${LAMBDA_FUNCTION}/response-streaming-invocations`;
const LAMBDA_INVOCATION = new RegExp(`^arn:(?:aws[a-z-]*|${V}):apigateway:${SEG}:lambda:path/(?:2015-03-31/functions/${LAMBDA_FUNCTION}/invocations|${STREAMING_PATH})$`);
const STREAMING_INVOCATION = new RegExp(`:lambda:path/${STREAMING_PATH}$`);
const AWS_SERVICE = `^arn:(?:aws[a-z-]*|${V}):apigateway:${SEG}:[a-z0-9.-]+:`;
const AWS_SERVICE_URI = new RegExp(`${AWS_SERVICE}(?:path|action)/\\S+$`);
/** The stage-variables reference's `arn:aws:apigateway:REGION:SERVICE:${stageVariables.NAME}`: the action or path in a variable. */
const AWS_SERVICE_VARIABLE_URI = new RegExp(`${AWS_SERVICE}${V}\\S*$`);
const PLAIN_LAMBDA_ARN = new RegExp(`^${LAMBDA_ARN}$`);
/** A fully formed URL: nothing after the host may be left unencoded either. */
const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/i;
const ANY_ARN = /^arn:/;

/** AWS, AWS_PROXY and HTTP are read letter by letter ("an AWS"); MOCK is a word ("a MOCK"). */
const article = (type: string): string => (type === 'mock' ? 'a' : 'an');
const capitalised = (word: string): string => word[0].toUpperCase() + word.slice(1);

function withoutVariables(uri: string): string {
  return uri.includes('${') ? uri.replace(VARIABLE, V) : uri;
}

/** Settings of each integration that depend on its type: URI form, HTTP method, connection, proxy, timeout, streaming. */
export const integrationSettingsRule: Rule = async (context) => {
  const sites = collectIntegrations(context.document);
  for (let i = 0; i < sites.length; i++) {
    if ((i & 127) === 127 && (await pause(context))) return;
    checkIntegration(context, sites[i]);
  }
};

function checkIntegration(context: ValidationContext, site: IntegrationSite): void {
  const { integration, fields, type } = site;
  if (!type) return;
  const rest = context.dialect === 'rest';
  const subtype = fields.integrationSubtype?.value;
  const uriNode = fields.uri?.value;
  const connection = checkableString(fields.connectionType?.value)?.toUpperCase();
  checkUri(context, fields, type, uriNode, subtype !== undefined, connection === 'VPC_LINK');
  checkHttpMethod(context, fields, type, uriNode, subtype !== undefined);
  if (connection === 'VPC_LINK' && fields.connectionId?.value === undefined) {
    context.report(fields.connectionType!.value!, 'missing-connection-id', 'An integration through a VPC link needs `connectionId` (the VPC link id, or `${stageVariables.vpcLinkId}`).');
  }
  checkTlsConfig(context, fields, type, connection === 'VPC_LINK');
  if (rest && isProxyType(type)) {
    for (const key of PROXY_IGNORED_FIELDS) {
      const p = getProperty(integration, key);
      // The template check marks each request template on a proxy integration, at the template itself.
      if (key === 'requestTemplates' && holdsTemplates(p?.value)) continue;
      // Responses holding status codes alone are what AWS's own exports write for proxy integrations: harmless.
      if (p) context.report(keyOf(p), 'ignored-for-proxy', `\`${key}\` is ignored by ${type.toUpperCase()} integrations: the request and response pass through unmapped.`, key === 'responses' && onlyStatusCodes(p.value) ? { unnecessary: true, severity: 'hint' } : { unnecessary: true });
    }
  }
  checkTimeout(context, fields, type);
  checkTransferMode(context, fields, type);
  if (!rest) checkHttpApiFields(context, fields, type, subtype, uriNode);
}

function onlyStatusCodes(responses: ValueNode | undefined): boolean {
  return responses?.type === 'object' && responses.properties.every((r) => r.value?.type === 'object' && r.value.properties.every((p) => p.keyValue === 'statusCode'));
}

/**
 * A Lambda API path meant to invoke a function but not of the invocation form: `/invocations` written wrong, or a
 * function named with nothing after it (a common slip; `GET` of that path is GetFunction, an AWS service call of
 * its own). Other paths of the Lambda API (`.../functions` lists functions) are service calls like any other.
 */
function looksLikeInvocation(uri: string, method: string | undefined): boolean {
  const path = /^[^:]*:[^:]*:apigateway:[^:]*:lambda:path\/(.*)$/.exec(uri)?.[1];
  if (path === undefined) return false;
  if (path.includes('invocation')) return true;
  return (method === undefined || method.toUpperCase() === 'POST') && /^[^/]+\/functions\/[^/]+\/?$/.test(path);
}

function holdsTemplates(node: ValueNode | undefined): boolean {
  return node?.type === 'object' && node.properties.some((p) => p.value?.type === 'string');
}

function checkUri(context: ValidationContext, fields: IntegrationFields, type: string, uriNode: ValueNode | undefined, hasSubtype: boolean, vpcLink: boolean): void {
  if (type === 'mock') return;
  if (!uriNode) {
    if (hasSubtype) return;
    const anchor = keyOf(fields.type!);
    context.report(anchor, 'missing-integration-uri', `${capitalised(article(type))} ${type.toUpperCase()} integration needs a \`uri\`: ${expectedUri(context, type)}.`);
    return;
  }
  const raw = checkableString(uriNode);
  if (raw === undefined) return;
  const uri = withoutVariables(raw);
  if (uri === V) return;
  let ok: boolean;
  // Variables where the Lambda API's path would be leave the form open: what the stage fills in decides.
  const invocation = LAMBDA_INVOCATION.test(uri) || invokesLambda(raw) === undefined;
  if (type === 'http' || type === 'http_proxy') ok = HTTP_URL.test(uri) || (vpcLink && (ANY_ARN.test(uri) || uri.startsWith(V)));
  else if (context.dialect === 'http' && type === 'aws_proxy') ok = invocation || PLAIN_LAMBDA_ARN.test(uri);
  else if (type === 'aws_proxy') ok = invocation;
  else ok = AWS_SERVICE_VARIABLE_URI.test(uri) || (AWS_SERVICE_URI.test(uri) && (invocation || !looksLikeInvocation(uri, checkableString(fields.httpMethod?.value))));
  if (ok) return;
  const unencoded = /\s/.test(raw.trim()) ? ' (spaces and other blanks must be percent-encoded, as `%20`)' : '';
  // A bare function ARN names the function the invocation URI calls, which only wraps it.
  const invocationUri = type.startsWith('aws') ? lambdaInvocationUri(raw) : undefined;
  context.report(uriNode, 'invalid-integration-uri', `"${raw}" is not a valid uri for ${article(type)} ${type.toUpperCase()} integration; expected ${expectedUri(context, type)}${unencoded}.`, invocationUri ? { data: { expected: invocationUri } } : undefined);
}

/**
 * Which integrations read which TLS setting: skipping verification applies to HTTP backends (REST), the server name
 * to verify to private integrations of HTTP APIs. Elsewhere API Gateway ignores them. Dialects are the catalog's.
 */
function checkTlsConfig(context: ValidationContext, fields: IntegrationFields, type: string, vpcLink: boolean): void {
  const tls = fields.tlsConfig?.value;
  if (tls?.type !== 'object') return;
  const skip = getProperty(tls, 'insecureSkipVerification');
  if (skip && context.dialect === 'rest' && type !== 'http' && type !== 'http_proxy') {
    context.report(keyOf(skip), 'tls-setting-not-applicable', `\`insecureSkipVerification\` applies only to HTTP and HTTP_PROXY integrations; ${article(type)} ${type.toUpperCase()} integration ignores it.`, { unnecessary: true });
  }
  const serverName = getProperty(tls, 'serverNameToVerify');
  if (serverName && context.dialect === 'http' && !vpcLink) {
    context.report(keyOf(serverName), 'tls-setting-not-applicable', '`serverNameToVerify` applies only to private integrations (`connectionType: VPC_LINK`); API Gateway ignores it here.', { unnecessary: true });
  }
}

function expectedUri(context: ValidationContext, type: string): string {
  if (type === 'http' || type === 'http_proxy') return 'an http(s) URL such as `https://example.com/path`';
  const invocation = 'a Lambda invocation URI `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`';
  if (type === 'aws_proxy') return context.dialect === 'http' ? `${invocation} or a Lambda function ARN` : invocation;
  return '`arn:aws:apigateway:{region}:{service}:path|action/{api}` (for Lambda, ' + invocation + ')';
}

/**
 * Whether a URI names a Lambda function: the invocation URI, or the bare function ARN that HTTP APIs' AWS_PROXY
 * integrations take as well. undefined when the definition cannot say (no string, or variables that decide).
 */
function namesLambda(uri: string | undefined): boolean | undefined {
  return (uri !== undefined && PLAIN_LAMBDA_ARN.test(withoutVariables(uri))) || invokesLambda(uri);
}

/**
 * Whether an HTTP API integration may use payload format 2.0: Lambda proxy integrations only (AWS_PROXY, no subtype).
 * Only a URI known to call something else rules it out.
 */
export function takesPayloadFormat2(type: string, hasSubtype: boolean, uri: string | undefined): boolean {
  return type === 'aws_proxy' && !hasSubtype && namesLambda(uri) !== false;
}

/** Whether an integration invokes a Lambda function, which is called with POST whatever method the client used. */
export function invokesFunction(type: string, uri: string | undefined): boolean {
  return type.startsWith('aws') && namesLambda(uri) === true;
}

function checkHttpMethod(context: ValidationContext, fields: IntegrationFields, type: string, uriNode: ValueNode | undefined, hasSubtype: boolean): void {
  const methodNode = fields.httpMethod?.value;
  const needed = context.dialect === 'rest' ? type !== 'mock' : type === 'http_proxy';
  if (!methodNode) {
    if (needed && !hasSubtype) {
      context.report(keyOf(fields.type!), 'missing-integration-http-method', `${capitalised(article(type))} ${type.toUpperCase()} integration needs \`httpMethod\`, the method used to call the backend${type.startsWith('aws') ? ' (`POST` for Lambda)' : ''}.`);
    }
    return;
  }
  if (type === 'mock' && context.dialect === 'rest') {
    // AWS's recorded import of a MOCK integration with `httpMethod: POST` stores the integration without it.
    context.report(keyOf(fields.httpMethod!), 'ignored-for-mock', 'A MOCK integration calls no backend: API Gateway does not keep its `httpMethod`.', { unnecessary: true });
    return;
  }
  const method = checkableString(methodNode);
  if (method && invokesFunction(type, checkableString(uriNode)) && method.toUpperCase() !== 'POST') {
    context.report(methodNode, 'lambda-http-method-not-post', `Lambda functions are invoked with POST; \`httpMethod\` is "${method}".`, { data: { expected: 'POST' } });
  }
}

function checkTimeout(context: ValidationContext, fields: IntegrationFields, type: string): void {
  const node = fields.timeoutInMillis?.value;
  if (node?.type !== 'number') return;
  const ms = node.value as number;
  if (context.dialect === 'http') {
    if (ms > HTTP_TIMEOUT) context.report(node, 'timeout-out-of-range', `\`timeoutInMillis\` is ${ms}; HTTP API integrations time out after at most ${HTTP_TIMEOUT} ms.`);
    return;
  }
  const streaming = checkableString(fields.responseTransferMode?.value)?.toUpperCase() === 'STREAM' && isProxyType(type);
  if (streaming) {
    if (ms > REST_STREAM_TIMEOUT) context.report(node, 'timeout-out-of-range', `\`timeoutInMillis\` is ${ms}; streamed responses allow at most ${REST_STREAM_TIMEOUT} ms (15 minutes).`);
  } else if (ms > REST_RAISED_TIMEOUT) {
    context.report(node, 'timeout-out-of-range', `\`timeoutInMillis\` is ${ms}; REST API integrations allow at most ${REST_DEFAULT_TIMEOUT} ms, or up to ${REST_RAISED_TIMEOUT} ms for Regional and private APIs after a quota increase.`);
  } else if (ms > REST_DEFAULT_TIMEOUT) {
    context.report(node, 'timeout-out-of-range', `\`timeoutInMillis\` is ${ms}; above ${REST_DEFAULT_TIMEOUT} ms needs a quota increase, available only for Regional and private REST APIs.`, { severity: 'warning' });
  }
}

function checkTransferMode(context: ValidationContext, fields: IntegrationFields, type: string): void {
  const node = fields.responseTransferMode?.value;
  const streams = checkableString(node)?.toUpperCase() === 'STREAM';
  if (context.dialect === 'rest' && type === 'aws_proxy') checkStreamingUri(context, fields, node, streams);
  if (streams && !takesStreaming(type, context.dialect)) {
    context.report(node!, 'invalid-transfer-mode', `Response streaming works only with HTTP_PROXY and AWS_PROXY integrations, not ${type.toUpperCase()}.`);
  }
}

/** Whether an integration may stream its response: REST proxy integrations; HTTP APIs do not read the mode. */
export function takesStreaming(type: string, dialect: Dialect): boolean {
  return dialect !== 'rest' || isProxyType(type);
}

/**
 * A streaming Lambda proxy integration calls InvokeWithResponseStream, whose URI differs from Invoke's in its API
 * version and action; either URI with the other transfer mode leaves API Gateway calling the function the wrong way.
 */
function checkStreamingUri(context: ValidationContext, fields: IntegrationFields, modeNode: ValueNode | undefined, streams: boolean): void {
  const uriNode = fields.uri?.value;
  const raw = checkableString(uriNode);
  if (raw === undefined || invokesLambda(raw) !== true) return;
  const streamingUri = STREAMING_INVOCATION.test(withoutVariables(raw));
  if (streams && !streamingUri) {
    context.report(uriNode!, 'lambda-streaming-uri', 'Response streaming (`responseTransferMode: STREAM`) calls Lambda\'s InvokeWithResponseStream: the uri must be `arn:aws:apigateway:{region}:lambda:path/2021-11-15/functions/{functionArn}/response-streaming-invocations`.');
  } else if (!streams && streamingUri) {
    context.report(uriNode!, 'lambda-streaming-uri', `This uri calls InvokeWithResponseStream, which only a streaming integration reads; add \`responseTransferMode: STREAM\`${modeNode ? ' in place of the buffered mode' : ''}, or use the \`2015-03-31/functions/{functionArn}/invocations\` uri.`);
  }
}

function checkHttpApiFields(context: ValidationContext, fields: IntegrationFields, type: string, subtype: ValueNode | undefined, uriNode: ValueNode | undefined): void {
  if (subtype && type !== 'aws_proxy') {
    context.report(subtype, 'invalid-integration-subtype', `\`integrationSubtype\` calls an AWS service directly and needs \`type: AWS_PROXY\`, not ${type.toUpperCase()}.`);
  }
  if (subtype) checkSubtypeParameters(context, fields, subtype);
  const version = fields.payloadFormatVersion?.value;
  if (!version || (version.type !== 'string' && version.type !== 'number')) return;
  const text = scalarText(context, version);
  if (text === '2.0' && !takesPayloadFormat2(type, subtype !== undefined, checkableString(uriNode))) {
    context.report(version, 'invalid-payload-format-version', `Payload format 2.0 is only for Lambda proxy integrations; ${subtype ? 'AWS service integrations' : `${type.toUpperCase()} integrations`} use "1.0".`, { data: { expected: '1.0' } });
  }
}

/**
 * An AWS service integration passes its `requestParameters` to the service action as its parameters: the action's
 * required ones must be there, and a name the action does not have is a misspelling API Gateway will not pass on.
 */
function checkSubtypeParameters(context: ValidationContext, fields: IntegrationFields, subtypeNode: ValueNode): void {
  const subtype = checkableString(subtypeNode);
  const spec = subtype === undefined ? undefined : INTEGRATION_SUBTYPE_PARAMETERS[subtype];
  if (!spec) return;
  const property = fields.requestParameters;
  const parameters = property?.value;
  if (!property) {
    context.report(subtypeNode, 'missing-required-field', `${subtype} needs \`requestParameters\` with ${listOf(spec.required)}.`, { data: { field: 'requestParameters' } });
    return;
  }
  if (parameters?.type !== 'object' || isUnprocessed(parameters)) return;
  const known = [...spec.required, ...spec.optional];
  const written = new Set<string>();
  const misspelt = new Map<string, string>();
  for (const p of parameters.properties) {
    const name = String(p.keyValue);
    if (known.includes(name)) {
      written.add(name);
      continue;
    }
    // A name in another letter case (`QueueURL`) is a misspelling like any other: the reference documents the
    // parameters as it writes them and nowhere says they are matched regardless of case, so the one meant is missing.
    const expected = nearMiss(name, known);
    if (expected && !misspelt.has(expected)) misspelt.set(expected, name);
    const hint = expected ? ` Did you mean \`${expected}\`?` : ` Its parameters: ${listOf(known)}.`;
    context.report(keyOf(p), 'unknown-extension-field', `${subtype} has no request parameter \`${name}\`; API Gateway does not pass it to the action.${hint}`, expected ? { data: { expected } } : undefined);
  }
  const missing = spec.required.filter((name) => !written.has(name));
  if (missing.length) {
    const noun = missing.length === 1 ? 'parameter' : 'parameters';
    const near = missing.filter((name) => misspelt.has(name)).map((name) => ` \`${misspelt.get(name)}\` does not stand for \`${name}\`.`);
    context.report(keyOf(property), 'missing-required-field', `${subtype} needs the request ${noun} ${listOf(missing)}.${near.join('')}`, { data: { field: missing[0] } });
  }
}

function listOf(names: string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
}
