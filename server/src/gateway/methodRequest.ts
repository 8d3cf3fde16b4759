import { randomBytes } from 'node:crypto';
import type { TemplateRequest } from '../template/engine';
import { lastValues } from '../template/parameterMaps';
import { maskCredential } from './executionLog';
import type { ProxyRequestInfo } from './lambda/proxyEvents';
import { isBinaryMediaType, isHttpApiTextType, mediaTypeOf } from './payloadEncoding';
import type { Json } from './requestContext';

/** The method request after routing: everything integrations, templates and mappings read. */
export interface MethodRequest {
  method: string;
  /** The path as received, base path included. */
  rawPath: string;
  /** The path relative to the base path, without the stage. */
  path: string;
  /** The path as Lambda events show it (see ProxyRequestInfo.path). */
  eventPath: string;
  resourcePath: string;
  /** Header names as the client first wrote them, repeated values joined with commas. */
  headers: Record<string, string>;
  /** The same headers under lower-case names. */
  lowerHeaders: Record<string, string>;
  /** Every value of each header, in the order received, under the names of `headers`. */
  multiValueHeaders: Record<string, string[]>;
  query: Record<string, string[]>;
  rawQueryString: string;
  pathParameters: Record<string, string>;
  /** The body as text, or base64 when `isBase64Encoded`. */
  body: string;
  bodyBytes: string | Buffer;
  isBase64Encoded: boolean;
  stage: string;
  stageVariables: Record<string, string>;
  context: Json;
  /**
   * `X-Amzn-Trace-Id` of the request, made on first use by requestTraceId: only Lambda integrations read it, and a
   * request must show one id throughout.
   */
  traceId?: string;
  /** How the client reached the gateway: the `X-Forwarded-Proto` and `X-Forwarded-Port` API Gateway adds. */
  forwarded: { proto: string; port: number };
  /**
   * What templates see of the request, built on first use by templateRequest. It is kept here rather than in a
   * WeakMap because V8's young-generation collector keeps WeakMap values alive: each request's view would survive
   * into the old generation, lengthening every scavenge and bringing on full collections under load.
   */
  templateView?: TemplateRequest;
}

/**
 * What the template engine sees: `$input.params()`, `$stageVariables`, `$context`. Repeated query values: the
 * last one wins. Repeated header values: joined with commas, as the gateway always gave them; no AWS source says
 * which value `$input.params()` returns for a repeated header. Built once per request; `body` replaces the method request body (response templates).
 */
export function templateRequest(req: MethodRequest, body = req.body): TemplateRequest {
  const cached = (req.templateView ??= buildTemplateRequest(req));
  return body === cached.body ? cached : { ...cached, body };
}

function buildTemplateRequest(req: MethodRequest): TemplateRequest {
  const body = req.body;
  const querystring = lastValues(req.query);
  const { authorizerV2: _v2, ...context } = req.context;
  return {
    body,
    params: { path: req.pathParameters, querystring, header: req.headers },
    multiValueParams: { querystring: req.query, header: req.multiValueHeaders },
    stageVariables: req.stageVariables,
    context,
  };
}

export function proxyInfo(req: MethodRequest): ProxyRequestInfo {
  return {
    method: req.method,
    path: req.eventPath,
    resourcePath: req.resourcePath,
    multiValueHeaders: withForwardingHeaders(req),
    query: req.query,
    rawQueryString: req.rawQueryString,
    pathParameters: req.pathParameters,
    stageVariables: req.stageVariables,
    body: req.bodyBytes === '' || (Buffer.isBuffer(req.bodyBytes) && req.bodyBytes.length === 0) ? undefined : req.body,
    isBase64Encoded: req.isBase64Encoded,
    context: req.context,
  };
}

/**
 * An X-Ray trace id as API Gateway adds it: version 1, the request's time in seconds and 96 random bits, all
 * hexadecimal (`Root=1-<epoch seconds>-<24 hex digits>`,
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html). The bits come straight from the
 * random source: a UUID's would carry its fixed version and variant digits.
 */
export function requestTraceId(req: MethodRequest): string {
  if (req.traceId === undefined) {
    const seconds = Math.floor(Number(req.context.requestTimeEpoch) / 1000).toString(16).padStart(8, '0');
    req.traceId = `Root=1-${seconds}-${randomBytes(12).toString('hex')}`;
  }
  return req.traceId;
}

/** Headers API Gateway adds on the way to the function: the name, the same in lower case, and the value. */
const FORWARDING_HEADERS: ReadonlyArray<readonly [string, string, (req: MethodRequest) => string]> = [
  // A request always reaches API Gateway with a Host, the domain `$context.domainName` names; one sent without (an
  // invocation from the editor or `apigw invoke`) gets that one, so that a function building links from it works.
  ['Host', 'host', (req) => String(req.context.domainName ?? '')],
  ['X-Amzn-Trace-Id', 'x-amzn-trace-id', requestTraceId],
  ['X-Forwarded-For', 'x-forwarded-for', (req) => String((req.context.identity as Json | undefined)?.sourceIp ?? '')],
  ['X-Forwarded-Port', 'x-forwarded-port', (req) => String(req.forwarded.port)],
  ['X-Forwarded-Proto', 'x-forwarded-proto', (req) => req.forwarded.proto],
];

/**
 * The request's headers with those API Gateway adds on the way to the function, unless the client sent them: the
 * host, the client's address and how it connected (`X-Forwarded-*`), and the X-Ray trace id.
 */
function withForwardingHeaders(req: MethodRequest): Record<string, string[]> {
  const headers = { ...req.multiValueHeaders };
  for (const [name, value] of Object.entries(addedForwardingHeaders(req))) headers[name] = [value];
  return headers;
}

/** Of the headers API Gateway adds on the way to the integration, those the client did not send, by name. */
export function addedForwardingHeaders(req: MethodRequest): Record<string, string> {
  const added: Record<string, string> = {};
  for (const [name, lower, valueOf] of FORWARDING_HEADERS) {
    if (req.lowerHeaders[lower] !== undefined) continue;
    const value = valueOf(req);
    if (value) added[name] = value;
  }
  return added;
}

/**
 * A binary body reaches integrations base64-encoded: for REST APIs when its Content-Type is one of the API's
 * binary media types, for HTTP APIs when it is not one of the few text types (a missing Content-Type included).
 */
export function decodeBody(body: string | Buffer | undefined, contentType: string | undefined, binaryMediaTypes: string[], httpApi: boolean): { text: string; base64: boolean } {
  if (body === undefined) return { text: '', base64: false };
  if (typeof body === 'string') return { text: body, base64: false };
  const type = mediaTypeOf(contentType);
  const binary = httpApi ? body.length > 0 && !isHttpApiTextType(type) : isBinaryMediaType(type, binaryMediaTypes);
  return binary ? { text: body.toString('base64'), base64: true } : { text: body.toString('utf8'), base64: false };
}

export function logHeaders(headers: Record<string, string>): string {
  return `{${Object.entries(headers)
    .map(([k, v]) => `${k}=${maskCredential(k, v)}`)
    .join(', ')}}`;
}
