import { getOwn, setOwn } from '../../model/jsonObjects';
import { headerValue } from '../../template/parameterMaps';
import { isJson } from '../apiModel';
import { logBody, logMap } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { describeBinary, isBinaryMediaType, mediaTypeOf, textOrBytes } from '../payloadEncoding';
import { substituteUriVariables } from '../stageVariables';
import { uriPlaceholders } from '../../model/uriPlaceholders';
import { endpointHref, NOT_FORWARDED, sendHttp, streamHttp, type BackendResponse, type Endpoint, type StreamingBackendResponse } from './httpClient';
import { withForwardedHeader, withRestBackendHeaders } from './backendHeaders';
import { mapHttpApiParameters } from './httpApiParameters';
import { integrationResponse, mapRequestParameters, transformRequest } from './nonProxy';
import { integrationTimeoutMs, streamsResponse, type IntegrationContext, type IntegrationResult } from './types';

/** Connection errors of Node.js that mean the backend was found but could not be talked to. */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT']);
/** Those that mean the endpoint's host name does not resolve. */
const ADDRESS_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/**
 * What a failed call says: a connection to `localhost` tries each of its addresses, and when all fail Node.js gives an
 * AggregateError whose own message is empty and whose errors say what happened.
 */
function failureMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const each = error instanceof AggregateError ? error.errors.map((e) => (e instanceof Error ? e.message : String(e))).filter(Boolean) : [];
  return each.length ? each.join('; ') : ((error as NodeJS.ErrnoException).code ?? error.name);
}

/** Whether a failed call to the backend failed on the network, on the endpoint's address, or otherwise (TLS, say). */
export function connectionFailure(error: unknown): 'network' | 'address' | 'other' {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && NETWORK_ERRORS.has(code)) return 'network';
  return code !== undefined && ADDRESS_ERRORS.has(code) ? 'address' : 'other';
}

/**
 * HTTP and HTTP_PROXY integrations: a real call to the URI after stage-variable substitution and parameter
 * mapping. HTTP_PROXY passes the method request through (method, headers, query string, body) and the backend's
 * answer back; HTTP maps both ways through templates and the `responses`. A streaming HTTP_PROXY integration
 * (`responseTransferMode: STREAM`) passes the same bytes on as they arrive, once the backend's headers are complete.
 */
export async function runHttp(ctx: IntegrationContext, proxy: boolean): Promise<IntegrationResult> {
  const { integration, request, log, model } = ctx;
  const httpApi = model.dialect === 'http';
  const missing: string[] = [];
  const rawUri = substituteUriVariables(String(integration.uri ?? ''), request.stageVariables, ctx.functions.region, ctx.functions.accountId, missing);
  if (missing.length) log.add(`Stage '${request.stage}' does not define ${describeMissing(missing)} that the integration URI uses; substituted as empty text`);
  let method = String(integration.httpMethod ?? 'ANY').toUpperCase();
  if (method === 'ANY') method = request.method;

  let headers: Record<string, string> = {};
  let body: string | Buffer;
  let endpoint: Endpoint;
  let render;
  if (httpApi) {
    const mapped = mapHttpApiParameters(ctx);
    const path = mapped.pathOverride === undefined && ctx.operation.isDefaultRoute ? { suffix: request.path } : { override: mapped.pathOverride };
    endpoint = endpointUrl(ctx, missing, fillPath(rawUri, mapped.pathParameters, greedyParameters(ctx.operation.resourcePath)), mapped.query, path);
    // No X-Amzn-Trace-Id is added: AWS documents the trace header API Gateway adds for REST APIs, X-Ray's only kind.
    headers = withForwardedHeader(mapped.headers, request);
    body = request.bodyBytes;
  } else {
    let contentType: string | undefined;
    if (proxy) {
      body = request.bodyBytes;
    } else {
      const transformed = await transformRequest(ctx);
      render = transformed.render;
      body = transformed.body;
      contentType = transformed.contentType;
    }
    const mapped = mapRequestParameters(ctx, render);
    const query: Record<string, string[]> = proxy ? { ...request.query } : {};
    for (const [k, values] of Object.entries(mapped.querystring)) setOwn(query, k, values);
    // A REST API fills the URI's placeholders only from `integration.request.path.*` mappings, even for a proxy
    // integration: an unmapped `{proxy}` reaches the URI parser as written and fails the call.
    const filled = fillPath(rawUri, mapped.path, greedyTargets(ctx, proxy, render?.requestOverride.path));
    refuseUnfilledPlaceholder(ctx, filled);
    endpoint = endpointUrl(ctx, missing, filled, query);
    if (proxy) {
      for (const [k, v] of Object.entries(request.headers)) if (!NOT_FORWARDED.has(k.toLowerCase())) setOwn(headers, k, v);
    } else if (contentType) {
      headers['Content-Type'] = contentType;
    }
    for (const [k, v] of Object.entries(mapped.header)) setOwn(headers, k, v);
    headers = withRestBackendHeaders(headers, request, proxy);
  }
  if (!proxy || httpApi) headers = withoutHopByHop(headers);
  log.add(`Endpoint request URI: ${endpointHref(endpoint)}`);
  log.add(`Endpoint request headers: ${logMap(headers)}`);
  // Raw request bytes are binary when the method request said so; a transformed body is bytes only after CONVERT_TO_BINARY.
  const binaryRequest = Buffer.isBuffer(body) && (request.isBase64Encoded || (!proxy && !httpApi));
  log.add(`Endpoint request body after transformations: ${logBody(binaryRequest ? body : body.toString())}`);
  log.add(`Sending request to ${endpointHref(endpoint)}`);
  const started = performance.now();
  const insecure = isJson(integration.tlsConfig) && integration.tlsConfig.insecureSkipVerification === true;
  let response: BackendResponse | StreamingBackendResponse;
  try {
    response = proxy && streamsResponse(ctx) ? await streamHttp(endpoint, method, headers, body, integrationTimeoutMs(ctx), insecure) : await sendHttp(endpoint, method, headers, body, integrationTimeoutMs(ctx), insecure);
  } catch (error) {
    const message = failureMessage(error);
    if (message === 'timeout') {
      log.add(`Execution failed due to a timeout error (${integrationTimeoutMs(ctx)} ms)`);
      throw httpApi ? new GatewayError('INTEGRATION_TIMEOUT', 'Service Unavailable', { status: 503 }) : new GatewayError('INTEGRATION_TIMEOUT', 'Endpoint request timed out');
    }
    const failure = connectionFailure(error);
    if (failure === 'network' && !httpApi) {
      // What a REST API answers when the connection to the backend is refused or breaks: INTEGRATION_FAILURE at its
      // own status, 504, not the configuration error's 500.
      log.add(`Execution failed due to a network error communicating with the endpoint: ${message}`);
      throw new GatewayError('INTEGRATION_FAILURE', 'Network error communicating with endpoint');
    }
    log.add(`Execution failed due to configuration error: ${failure === 'address' ? `Invalid endpoint address (${message})` : message}`);
    throw httpApi ? new GatewayError('INTEGRATION_FAILURE', 'Internal Server Error', { status: 500 }) : new GatewayError('INTEGRATION_FAILURE', 'Internal server error', { status: 500 });
  }
  const contentType = headerValue(response.headers, 'content-type');
  log.add(`Received response. Status: ${response.status}, Integration latency: ${Math.round(performance.now() - started)} ms`);
  log.add(`Endpoint response headers: ${logMap(response.headers)}`);
  if (proxy) {
    // A header the backend repeated travels only as its list of values: joined with commas it would be sent twice,
    // and Set-Cookie values cannot be joined at all.
    const outHeaders: Record<string, string> = {};
    const outMulti: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(response.multiValueHeaders)) {
      if (NOT_FORWARDED.has(k.toLowerCase())) continue;
      if (v.length > 1) setOwn(outMulti, k, v);
      else setOwn(outHeaders, k, v[0]);
    }
    // A REST proxy integration answers a payload whose type is not given (an HTTP/1.0 backend often names none) as
    // application/json, per the note on proxy integrations in
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html.
    if (!httpApi && contentType === undefined) outHeaders['Content-Type'] = 'application/json';
    if ('payload' in response) {
      const { payload, status } = response;
      log.add(`Method response headers: ${logMap({ ...outHeaders, ...outMulti })}`);
      void payload.ended.then((interruption) =>
        log.add(
          interruption
            ? `Execution failed after the response started: ${interruption}. The client received status ${status}, the headers and ${payload.bytes} bytes of the payload; the connection is closed without the rest`
            : `Endpoint response stream complete: ${payload.bytes} bytes of payload in ${payload.chunks} chunk(s)`,
        ),
      );
      return { status, headers: outHeaders, multiValueHeaders: outMulti, body: '', stream: payload };
    }
    // Proxy integrations hand the backend's bytes to the client untouched.
    const passed = textOrBytes(response.body, contentType);
    const shown = logBody(passed);
    log.add(`Endpoint response body before transformations: ${shown}`);
    log.add(`Method response body after transformations: ${shown}`);
    log.add(`Method response headers: ${logMap({ ...outHeaders, ...outMulti })}`);
    return { status: response.status, headers: outHeaders, multiValueHeaders: outMulti, body: passed };
  }
  if ('payload' in response) throw new Error('a streamed response reached a non-proxy integration');
  // A binary integration response (by its Content-Type) reaches templates and contentHandling as base64 text.
  const binary = isBinaryMediaType(mediaTypeOf(contentType), model.binaryMediaTypes);
  log.add(`Endpoint response body before transformations: ${binary ? describeBinary(response.body) : logBody(response.body.toString('utf8'))}`);
  const text = response.body.toString(binary ? 'base64' : 'utf8');
  return integrationResponse(ctx, { type: 'http', statusCode: response.status, body: text, headers: response.headers, multiValueHeaders: response.multiValueHeaders }, render);
}

/**
 * `{name}` and `{name+}` placeholders in the URI's path are filled from the mapped path parameters. Only a value
 * taken from a greedy `{proxy+}` parameter spans segments; any other value stays within its segment, its slashes
 * encoded, so that `a%2F..%2F..` in a request cannot walk up the backend's path.
 */
function fillPath(uri: string, values: Record<string, string>, greedy: ReadonlySet<string>): string {
  let filled = '';
  let from = 0;
  for (const { name, offset, end } of uriPlaceholders(uri)) {
    const value = getOwn(values, name);
    if (value === undefined) continue;
    filled += uri.slice(from, offset) + (greedy.has(name) ? value.split('/').map(encodeSegment).join('/') : encodeSegment(value));
    from = end;
  }
  return filled + uri.slice(from);
}

/**
 * A value as one path segment. A value of `.` or `..` (however the client encoded it) goes out as `%2E` or
 * `%2E%2E`: the value names a segment, so a backend that resolves dot segments must not take it as "up one level".
 */
function encodeSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}

/**
 * API Gateway reports a placeholder no mapping filled as the URI parser's complaint about its brace
 * (https://repost.aws/knowledge-center/api-gateway-proxy-path-character-error).
 */
function refuseUnfilledPlaceholder(ctx: IntegrationContext, uri: string): void {
  const placeholder = uriPlaceholders(uri).find((p) => p.inPath);
  if (!placeholder) return;
  const { name, offset, end } = placeholder;
  ctx.log.add(`Execution failed due to configuration error: Illegal character in path at index ${offset}: ${uri}`);
  ctx.log.add(`The URI placeholder ${uri.slice(offset, end)} has no mapping: add integration.request.path.${name}: method.request.path.${name} to requestParameters`);
  throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
}

/** The names of a resource path's greedy parameters, e.g. `proxy` of `/files/{proxy+}`. */
function greedyParameters(resourcePath: string): Set<string> {
  return new Set([...resourcePath.matchAll(/\{([^}]+)\+\}/g)].map((m) => m[1]));
}

/**
 * REST: the integration path parameters that carry a greedy method parameter, passed through by a proxy or
 * mapped from `method.request.path.<greedy>`; a template's requestOverride of one replaces it with plain text.
 */
function greedyTargets(ctx: IntegrationContext, proxy: boolean, overridden: Record<string, string> | undefined): Set<string> {
  const greedy = greedyParameters(ctx.operation.resourcePath);
  const targets = new Set(proxy ? greedy : []);
  const parameters = isJson(ctx.integration.requestParameters) ? ctx.integration.requestParameters : {};
  for (const [target, source] of Object.entries(parameters)) {
    const m = /^integration\.request\.path\.(.+)$/.exec(target);
    if (!m || typeof source !== 'string') continue;
    const from = /^method\.request\.path\.(.+)$/.exec(source);
    if (from && greedy.has(from[1])) targets.add(m[1]);
    else targets.delete(m[1]);
  }
  for (const name of Object.keys(overridden ?? {})) targets.delete(name);
  return targets;
}

/**
 * How the backend path differs from the URI's: replaced by an HTTP API's `overwrite:path` mapping, or extended by
 * the request path, which an HTTP API's `$default` route sends in full ("/store/checkout" to `https://backend`
 * calls `https://backend/store/checkout`).
 */
interface PathChange {
  override?: string;
  suffix?: string;
}

/** The endpoint; a URI that does not parse (often for want of a stage variable) fails the request with the reason. */
function endpointUrl(ctx: IntegrationContext, missing: string[], uri: string, query: Record<string, string[]>, path: PathChange = {}): Endpoint {
  try {
    return buildEndpoint(uri, query, path);
  } catch {
    // Not the parser's stack: what the user needs is the URI as substituted and what it lacked.
    const cause = missing.length ? `: stage '${ctx.request.stage}' does not define ${describeMissing(missing)}` : '';
    ctx.log.add(`Execution failed due to configuration error: Invalid endpoint address: ${uri} is not a valid URL${cause}`);
    throw new GatewayError('API_CONFIGURATION_ERROR', ctx.model.dialect === 'http' ? 'Internal Server Error' : 'Internal server error');
  }
}

function describeMissing(names: string[]): string {
  return `the stage variable${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/**
 * Throws for anything but an http(s) URL with a host. The check comes before parsing because the URL parser
 * reads `https:///x`, what an empty host variable leaves, as the host `x`. The URL class parses the host and the
 * query string; the path is taken from the text as built, since parsing would resolve its dot segments.
 */
function buildEndpoint(uri: string, query: Record<string, string[]>, change: PathChange): Endpoint {
  const written = /^https?:\/\/[^/?#]+([^?#]*)/i.exec(uri);
  if (!written) throw new TypeError('Invalid URL');
  const url = new URL(uri);
  for (const [k, values] of Object.entries(query)) for (const v of values) url.searchParams.append(k, v);
  const path = change.override ?? (change.suffix === undefined ? written[1] : joinPaths(written[1], change.suffix));
  return { url, path: `${escapePath(path.startsWith('/') ? path : `/${path}`)}${url.search}` };
}

/** `/api` and `/store/checkout` make `/api/store/checkout`: one slash between them, whichever side wrote it. */
function joinPaths(base: string, suffix: string): string {
  return `${base.replace(/\/+$/, '')}/${suffix.replace(/^\/+/, '')}`;
}

/**
 * Percent-encodes what may not travel in a request line (spaces, controls, non-ASCII), as the URL parser would, and
 * `?` and `#`: a path override built from request values must not start a query string or fragment of its own.
 */
function escapePath(path: string): string {
  return path.replace(/[^\x21-\x7e]|["<>`{}?#]/gu, (c) => encodeURIComponent(c));
}

function withoutHopByHop(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !NOT_FORWARDED.has(k.toLowerCase())));
}
