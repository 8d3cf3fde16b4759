import { assignOwn, getOwn, setOwn } from '../../model/jsonObjects';
import type { RenderResult, TemplateError } from '../../template/engine';
import { headerValue } from '../../template/parameterMaps';
import type { BackendResult, IntegrationResponse } from '../../template/responseSelection';
import { selectRequestTemplate } from '../../template/templateSelection';
import { isJson, methodResponseFor } from '../apiModel';
import { logBody, logMap } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { templateRequest } from '../methodRequest';
import { contentHandlingOf, firstAcceptType, integrationRequestPayload, isBinaryMediaType, methodResponsePayload, type Conversion } from '../payloadEncoding';
import { withDeclaredHeaderMappings } from './declaredHeaderMappings';
import { bodyValue, contextValue } from './mappingSources';
import { DirectResponse, type IntegrationContext, type IntegrationResult } from './types';

export interface TransformedRequest {
  /** Text, or bytes when the payload is binary after `contentHandling`. */
  body: string | Buffer;
  /** Media type of the template used (or of the request, when passed through). */
  contentType: string;
  render?: RenderResult;
}

/** The integration request body: the request template chosen by Content-Type, or passthrough, or 415. */
export async function transformRequest(ctx: IntegrationContext): Promise<TransformedRequest> {
  const { integration, request, log } = ctx;
  const templates = isJson(integration.requestTemplates) ? (integration.requestTemplates as Record<string, string>) : undefined;
  const choice = selectRequestTemplate(templates, request.lowerHeaders['content-type'], stringOrUndefined(integration.passthroughBehavior));
  if (choice.action === 'reject') {
    log.add(`Execution failed: no request template for Content-Type ${choice.contentType} (passthroughBehavior ${String(integration.passthroughBehavior ?? 'WHEN_NO_MATCH')})`);
    throw new GatewayError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type');
  }
  const handling = contentHandlingOf(integration.contentHandling);
  if (choice.action === 'passthrough') {
    log.add(`Request body passed through (no template for ${choice.contentType})`);
    const converted = requestPayloadOrFail(integrationRequestPayload(request.body, request.isBase64Encoded, false, handling), handling, ctx);
    return { body: converted, contentType: choice.contentType };
  }
  const template = String(choice.template);
  const render = await ctx.templates.render(template, templateRequest(request), { kind: 'request' }, ctx.cancellation);
  if (render.gatewayError) {
    log.add(`Request template rejected the body: ${render.gatewayError.body}`);
    throw new DirectResponse(render.gatewayError.status, render.gatewayError.body);
  }
  const fatal = render.errors.filter(isFatalTemplateError);
  for (const e of render.errors) if (!isRepeatedOverride(e)) log.add(`Request template ${fatal.includes(e) ? 'error' : 'warning'}${e.line ? ` at line ${e.line}` : ''}: ${e.message}`);
  logNotes('Request', render.notes, log);
  if (fatal.length) {
    log.add('Execution failed due to configuration error: Unable to transform request');
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  failOnRepeatedOverrides(render.errors.filter(isRepeatedOverride), 'request', log);
  const body = requestPayloadOrFail(integrationRequestPayload(render.output, request.isBase64Encoded, true, handling), handling, ctx);
  return { body, contentType: choice.contentType, render };
}

function requestPayloadOrFail(conversion: Conversion, handling: string | undefined, ctx: IntegrationContext): string | Buffer {
  if ('payload' in conversion) {
    if (handling) ctx.log.add(`Request payload converted with contentHandling ${handling}`);
    return conversion.payload;
  }
  ctx.log.add(`Execution failed due to configuration error: contentHandling ${handling ?? '(passthrough)'}: ${conversion.failed}`);
  throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
}

export interface MappedParameters {
  path: Record<string, string>;
  /** Each name's values: a name mapped from `method.request.multivaluequerystring.*` is sent once per value. */
  querystring: Record<string, string[]>;
  header: Record<string, string>;
}

/** REST `requestParameters` (`integration.request.{path|querystring|header}.X`), then the template's requestOverride. */
export function mapRequestParameters(ctx: IntegrationContext, render: RenderResult | undefined): MappedParameters {
  const { integration } = ctx;
  const mapped: MappedParameters = { path: {}, querystring: {}, header: {} };
  const parameters = isJson(integration.requestParameters) ? integration.requestParameters : {};
  for (const [target, source] of Object.entries(parameters)) {
    const m = /^integration\.request\.(path|querystring|header)\.(.+)$/.exec(target);
    if (!m || typeof source !== 'string') continue;
    const [, where, name] = m;
    if (where === 'querystring') {
      const values = queryStringValues(source, ctx);
      if (values !== undefined) setOwn(mapped.querystring, name, values);
      continue;
    }
    const value = methodRequestValue(source, ctx);
    if (value !== undefined) setOwn(mapped[where as 'path' | 'header'], name, value);
  }
  if (render) {
    assignOwn(mapped.header, render.requestOverride.header);
    assignOwn(mapped.path, render.requestOverride.path);
    for (const [name, value] of Object.entries(render.requestOverride.querystring)) setOwn(mapped.querystring, name, [value]);
  }
  return mapped;
}

/**
 * What an `integration.request.querystring.*` mapping sends. From `method.request.multivaluequerystring.*` that is
 * every value the client sent, each as a parameter of its own (`?y=1&y=2` mapped to `x` sends `?x=1&x=2`), as
 * LocalStack's parameter-mapping tests record it from the AWS console; anything else is one value.
 */
function queryStringValues(expression: string, ctx: IntegrationContext): string[] | undefined {
  const multi = /^method\.request\.multivaluequerystring\.(.+)$/.exec(expression);
  if (multi) {
    const values = getOwn(ctx.request.query, multi[1]);
    return values?.length ? [...values] : undefined;
  }
  const value = methodRequestValue(expression, ctx);
  return value === undefined ? undefined : [value];
}

/** A REST mapping expression's value: `method.request.*`, `stageVariables.*`, `context.*` or a quoted literal. */
export function methodRequestValue(expression: string, ctx: IntegrationContext): string | undefined {
  const req = ctx.request;
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) return literal[1];
  const m = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(expression);
  if (m) {
    const [, where, name] = m;
    if (where === 'path') return getOwn(req.pathParameters, name);
    // The single-value forms take the last of a repeated value, and a header mapped from `multivalueheader` is one
    // header of every value joined with commas: both as LocalStack's parameter-mapping tests record them from the
    // AWS console. A header or path parameter mapped from `multivaluequerystring` is one value too; no source says
    // how AWS joins it, so it is joined as `multivalueheader` is.
    if (where === 'querystring') return getOwn(req.query, name)?.at(-1);
    if (where === 'multivaluequerystring') return getOwn(req.query, name)?.join(',');
    if (where === 'multivalueheader') return headerValue(req.multiValueHeaders, name)?.join(',');
    return headerValue(req.multiValueHeaders, name)?.at(-1);
  }
  if (expression === 'method.request.body') return req.body;
  if (expression.startsWith('method.request.body.')) return bodyValue(req.body, expression.slice('method.request.body.'.length));
  if (expression.startsWith('stageVariables.')) return getOwn(req.stageVariables, expression.slice('stageVariables.'.length));
  if (expression.startsWith('context.')) return contextValue(req.context, expression.slice('context.'.length));
  return undefined;
}

/**
 * The method response of a non-proxy integration: the `responses` entry selected for the backend result, its
 * parameters, template and `contentHandling`. A status with no method response declared for it is a 500, as in
 * API Gateway. A binary backend body comes base64-encoded, which is also what templates see of it.
 */
export async function integrationResponse(
  ctx: IntegrationContext,
  backend: BackendResult,
  render: RenderResult | undefined,
): Promise<IntegrationResult> {
  const { integration, request, operation, log } = ctx;
  const written = isJson(integration.responses) ? (integration.responses as Record<string, IntegrationResponse>) : undefined;
  const declaredOnly = written ? withDeclaredHeaderMappings(written, operation) : undefined;
  const responses = declaredOnly?.responses;
  const base = templateRequest(request, backend.body ?? '');
  const simulated = await ctx.templates.respond(
    {
      responses,
      backend,
      request: { ...base, context: render ? render.context : base.context },
    },
    ctx.cancellation,
  );
  const rendered = simulated.render && !simulated.render.gatewayError ? simulated.render : undefined;
  const fatal = rendered?.errors.some(isFatalTemplateError);
  // Repeated overrides that fail the response are logged once, with the failure; otherwise with the other errors.
  const repeated = rendered && !fatal ? rendered.errors.filter(isRepeatedOverride) : [];
  for (const e of simulated.errors) if (!repeated.includes(e)) log.add(`Integration response: ${e.message}`);
  if (rendered) logNotes('Response', rendered.notes, log);
  if (simulated.selectedKey === undefined || simulated.selectedStatus === undefined) {
    log.add('Execution failed due to configuration error: No match for output mapping and no default output mapping configured');
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  if (fatal) {
    log.add('Execution failed due to configuration error: Unable to transform response');
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  failOnRepeatedOverrides(repeated, 'response', log);
  // The integration response's own status must name a method response; $context.responseOverride.status need not.
  const selectedStatus = simulated.selectedStatus;
  if (operation.methodResponses.size > 0 && methodResponseFor(operation, String(selectedStatus)) === undefined && !simulated.render?.gatewayError) {
    log.add(`Execution failed due to configuration error: Output mapping refers to an invalid method response: ${selectedStatus}`);
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  for (const reason of declaredOnly?.leftOut.get(simulated.selectedKey) ?? []) log.add(`Integration response: mapping ${reason}`);
  if (log.enabled) {
    log.add(`Integration response selected: '${simulated.selectedKey}' → ${selectedStatus}`);
    // Set by the response template: a request template's response overrides change nothing.
    if (simulated.status !== selectedStatus && !simulated.render?.gatewayError) log.add(`Method response status overridden by $context.responseOverride.status: ${simulated.status}`);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(simulated.headers)) setOwn(headers, k.toLowerCase() === 'content-type' ? 'Content-Type' : k, v);
  headers['Content-Type'] ??= 'application/json';
  let body: string | Buffer = simulated.body;
  if (!simulated.render?.gatewayError) {
    const handling = contentHandlingOf(responses?.[simulated.selectedKey]?.contentHandling);
    const acceptsBinary = isBinaryMediaType(firstAcceptType(request.lowerHeaders.accept), ctx.model.binaryMediaTypes);
    const conversion = methodResponsePayload(simulated.body, handling, acceptsBinary);
    if ('failed' in conversion) {
      log.add(`Execution failed due to configuration error: contentHandling ${handling ?? '(passthrough)'}: ${conversion.failed}`);
      throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
    }
    body = conversion.payload;
    if (handling || Buffer.isBuffer(body)) log.add(`Response payload sent as ${Buffer.isBuffer(body) ? 'binary' : 'text'} (contentHandling ${handling ?? 'passthrough'}, Accept ${firstAcceptType(request.lowerHeaders.accept) || 'none'})`);
  }
  if (log.enabled) {
    log.add(`Method response body after transformations: ${logBody(body)}`);
    log.add(`Method response headers: ${logMap(headers)}`);
  }
  return { status: simulated.status, headers, body };
}

/** What the template did silently that was likely not meant; API Gateway logs nothing of it, the emulator says so. */
function logNotes(kind: 'Request' | 'Response', notes: TemplateError[], log: IntegrationContext['log']): void {
  for (const note of notes) log.add(`${kind} template note${note.line ? ` at line ${note.line}` : ''}: ${note.message}`);
}

/** What stops a template's output from being used; a repeated override is answered on its own (`failOnRepeatedOverrides`). */
function isFatalTemplateError(e: TemplateError): boolean {
  return e.code !== 'foreach-limit' && !isRepeatedOverride(e);
}

function isRepeatedOverride(e: TemplateError): boolean {
  return e.code === 'repeated-override';
}

/** A template that overrode one parameter twice fails the request, as API Gateway answers it with a 5XX. */
function failOnRepeatedOverrides(repeated: TemplateError[], kind: 'request' | 'response', log: IntegrationContext['log']): void {
  if (repeated.length === 0) return;
  log.add(`Execution failed due to configuration error: the ${kind} template overrides ${repeated.map((e) => `$context.${e.parameter}`).join(', ')} more than once; each parameter may be overridden only once`);
  throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
