import { headerValue, lastValues } from '../../template/parameterMaps';
import { setOwn } from '../../model/jsonObjects';
import type { Json } from '../requestContext';

/** What both event builders need to know about the request. */
export interface ProxyRequestInfo {
  method: string;
  /**
   * The path the event shows: without the stage for REST APIs (the stage is in `requestContext.path`), with it for
   * HTTP APIs on a named stage, whose events carry the URL's path whole.
   */
  path: string;
  resourcePath: string;
  /** Every value of each header, under the names the client wrote, with those API Gateway adds (`X-Forwarded-For`, ...). */
  multiValueHeaders: Record<string, string[]>;
  query: Record<string, string[]>;
  rawQueryString: string;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  body: string | undefined;
  isBase64Encoded: boolean;
  /** `$context` as built for the request: requestId, identity, authorizer, and so on. */
  context: Json;
}

/** REST APIs and HTTP API payload format 1.0. Absent maps are `null`, not `{}`. */
export function proxyEventV1(info: ProxyRequestInfo, httpApi: boolean): Json {
  const c = info.context;
  const identity = (c.identity ?? {}) as Json;
  const headers = lastValues(info.multiValueHeaders);
  const single = lastValues(info.query);
  const requestContext: Json = {
    resourceId: c.resourceId,
    resourcePath: info.resourcePath,
    httpMethod: info.method,
    extendedRequestId: c.extendedRequestId,
    requestTime: c.requestTime,
    path: c.path,
    accountId: c.accountId,
    protocol: c.protocol,
    stage: c.stage,
    domainPrefix: c.domainPrefix,
    requestTimeEpoch: c.requestTimeEpoch,
    requestId: c.requestId,
    identity: {
      cognitoIdentityPoolId: identity.cognitoIdentityPoolId ?? null,
      accountId: identity.accountId ?? null,
      cognitoIdentityId: identity.cognitoIdentityId ?? null,
      caller: identity.caller ?? null,
      sourceIp: identity.sourceIp,
      principalOrgId: identity.principalOrgId ?? null,
      accessKey: identity.accessKey ?? null,
      cognitoAuthenticationType: identity.cognitoAuthenticationType ?? null,
      cognitoAuthenticationProvider: identity.cognitoAuthenticationProvider ?? null,
      userArn: identity.userArn ?? null,
      userAgent: identity.userAgent ?? null,
      user: identity.user ?? null,
      ...(identity.apiKey !== undefined ? { apiKey: identity.apiKey, apiKeyId: identity.apiKeyId } : {}),
    },
    domainName: c.domainName,
    apiId: c.apiId,
  };
  if (c.authorizer !== undefined) requestContext.authorizer = c.authorizer;
  const event: Json = {
    resource: info.resourcePath,
    path: info.path,
    httpMethod: info.method,
    headers: nonEmpty(headers),
    multiValueHeaders: nonEmpty(info.multiValueHeaders),
    queryStringParameters: nonEmpty(single),
    multiValueQueryStringParameters: nonEmpty(info.query),
    pathParameters: nonEmpty(info.pathParameters),
    stageVariables: nonEmpty(info.stageVariables),
    requestContext,
    body: info.body ?? null,
    isBase64Encoded: info.isBase64Encoded,
  };
  return httpApi ? { version: '1.0', ...event } : event;
}

/**
 * HTTP API payload format 2.0: lower-case headers with repeated values joined by commas, cookies taken out of the
 * headers into their own list, repeated query values joined by commas, and absent parts left out.
 */
export function proxyEventV2(info: ProxyRequestInfo, routeKey: string): Json {
  const c = info.context;
  const identity = (c.identity ?? {}) as Json;
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [k, values] of Object.entries(info.multiValueHeaders)) {
    const name = k.toLowerCase();
    if (name === 'cookie') {
      cookies = values.flatMap((v) => v.split(';')).map((s) => s.trim()).filter(Boolean);
      continue;
    }
    setOwn(headers, name, values.join(','));
  }
  // HTTP APIs tell the function the body's size even when the client streamed it without one.
  if (info.body !== undefined && info.body !== '' && headers['content-length'] === undefined) {
    headers['content-length'] = String(info.isBase64Encoded ? base64Length(info.body) : Buffer.byteLength(info.body));
  }
  const query: Record<string, string> = {};
  for (const [k, values] of Object.entries(info.query)) setOwn(query, k, values.join(','));
  const requestContext: Json = {
    accountId: c.accountId,
    apiId: c.apiId,
    ...(c.authorizerV2 !== undefined ? { authorizer: c.authorizerV2 } : {}),
    domainName: c.domainName,
    domainPrefix: c.domainPrefix,
    http: {
      method: info.method,
      path: info.path,
      protocol: c.protocol,
      sourceIp: identity.sourceIp,
      userAgent: identity.userAgent ?? '',
    },
    requestId: c.requestId,
    routeKey,
    stage: c.stage,
    time: c.requestTime,
    timeEpoch: c.requestTimeEpoch,
  };
  const event: Json = { version: '2.0', routeKey, rawPath: info.path, rawQueryString: info.rawQueryString };
  if (cookies) event.cookies = cookies;
  event.headers = headers;
  if (Object.keys(query).length) event.queryStringParameters = query;
  event.requestContext = requestContext;
  if (info.body !== undefined && info.body !== '') event.body = info.body;
  if (Object.keys(info.pathParameters).length) event.pathParameters = info.pathParameters;
  event.isBase64Encoded = info.isBase64Encoded;
  if (Object.keys(info.stageVariables).length) event.stageVariables = info.stageVariables;
  return event;
}

/** The number of bytes a padded base64 text stands for. */
function base64Length(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

function nonEmpty<T extends object>(map: T): T | null {
  return Object.keys(map).length ? map : null;
}

export interface ProxyResult {
  status: number;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
  /** What of the result was left unused, for the execution log. */
  warnings?: string[];
}

const V1_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/**
 * A Lambda proxy result in the 1.0 format. API Gateway rejects (502, "Malformed Lambda proxy response") anything
 * that is not an object of exactly these fields with a numeric status and a string body.
 */
export function parseProxyResultV1(result: unknown): ProxyResult | { malformed: string } {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return { malformed: 'the response is not a JSON object' };
  const r = result as Json;
  const extra = Object.keys(r).filter((k) => !V1_KEYS.has(k));
  if (extra.length) return { malformed: `unexpected field(s) ${extra.join(', ')}` };
  const status = statusOf(r.statusCode);
  if (status === undefined) return { malformed: 'statusCode must be an integer' };
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return { malformed: 'body must be a string' };
  const headers = headerMap(r.headers);
  const multi = multiHeaderMap(r.multiValueHeaders);
  if (!headers || !multi) return { malformed: 'headers must map names to strings' };
  return { status, headers, multiValueHeaders: multi, body: (r.body as string | undefined) ?? '', isBase64Encoded: r.isBase64Encoded === true };
}

/**
 * The 2.0 format: an object with a statusCode is read as a response; anything else is a 200 JSON body. A string is
 * that body as it is (AWS's table of 2.0 responses: `"Hello from Lambda!"` gives the body `Hello from Lambda!`).
 */
export function parseProxyResultV2(result: unknown): ProxyResult | { malformed: string } {
  if (typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result) {
    const r = result as Json;
    const status = statusOf(r.statusCode);
    if (status === undefined) return { malformed: 'statusCode must be an integer' };
    if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return { malformed: 'body must be a string' };
    const headers = headerMap(r.headers);
    if (!headers) return { malformed: 'headers must map names to strings' };
    // Observed on HTTP APIs (the response of a 2.0 result naming no type): a text type, not the inferred JSON one.
    if (headerValue(headers, 'content-type') === undefined) headers['Content-Type'] = 'text/plain; charset=utf-8';
    const multi: Record<string, string[]> = {};
    if (Array.isArray(r.cookies) && r.cookies.length) multi['Set-Cookie'] = r.cookies.map(String);
    const parsed: ProxyResult = { status, headers, multiValueHeaders: multi, body: (r.body as string | undefined) ?? '', isBase64Encoded: r.isBase64Encoded === true };
    const cookies = unlistedCookies(r.cookies);
    if (cookies) parsed.warnings = [cookies];
    return parsed;
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return { status: 200, headers: { 'Content-Type': 'application/json' }, multiValueHeaders: {}, body, isBase64Encoded: false };
}

/**
 * AWS documents the 2.0 response's `cookies` only as a list of strings, each becoming a Set-Cookie header
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html), and
 * nowhere what it makes of another value. Such a value is left unused, no Set-Cookie header sent, and the log says
 * so, since a single cookie given as a string is an easy slip that would otherwise vanish without a word.
 */
function unlistedCookies(cookies: unknown): string | undefined {
  if (cookies === undefined || cookies === null || Array.isArray(cookies)) return undefined;
  const given = typeof cookies === 'string' ? `a string (${JSON.stringify(cookies.length > 100 ? `${cookies.slice(0, 100)}…` : cookies)})` : `a value of type ${typeof cookies}`;
  return `The Lambda proxy response's cookies field is ${given}, not a list of strings: it is ignored and no Set-Cookie header is sent (AWS documents cookies only as a list of strings; write ["name=value"])`;
}

/** The metadata that starts a streamed Lambda proxy response: everything but the body, which follows it. */
export interface StreamMetadata {
  status: number;
  headers: Record<string, string>;
  /** `multiValueHeaders`, with the `cookies` as Set-Cookie values. */
  multiValueHeaders: Record<string, string[]>;
  /** Fields the format does not have, which nothing reads. */
  ignored: string[];
}

const STREAM_METADATA_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'cookies']);

/**
 * The metadata JSON of a streamed response (AWS's "Lambda proxy integration format for response streaming"):
 * `statusCode`, `headers`, `multiValueHeaders` and `cookies`. A status left out is 200, as for a function URL, whose
 * streamed responses start with the same metadata.
 */
export function parseStreamMetadata(text: string): StreamMetadata | { malformed: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { malformed: 'the metadata before the delimiter is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { malformed: 'the metadata is not a JSON object' };
  const r = value as Json;
  const status = r.statusCode === undefined || r.statusCode === null ? 200 : statusOf(r.statusCode);
  if (status === undefined) return { malformed: 'statusCode must be an integer' };
  const headers = headerMap(r.headers);
  const multi = multiHeaderMap(r.multiValueHeaders);
  if (!headers || !multi) return { malformed: 'headers must map names to strings' };
  if (r.cookies !== undefined && r.cookies !== null) {
    if (!Array.isArray(r.cookies)) return { malformed: 'cookies must be a list of strings' };
    if (r.cookies.length) {
      const name = Object.keys(multi).find((k) => k.toLowerCase() === 'set-cookie') ?? 'Set-Cookie';
      multi[name] = [...(multi[name] ?? []), ...r.cookies.map(String)];
    }
  }
  return { status, headers, multiValueHeaders: multi, ignored: Object.keys(r).filter((k) => !STREAM_METADATA_KEYS.has(k)) };
}

function statusOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

function headerMap(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') setOwn(out, k, String(v));
    else if (v !== null && v !== undefined) return undefined;
  }
  return out;
}

function multiHeaderMap(value: unknown): Record<string, string[]> | undefined {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (!Array.isArray(v)) return undefined;
    setOwn(out, k, v.map(String));
  }
  return out;
}
