import { setOwn } from '../../model/jsonObjects';
import { addedForwardingHeaders, requestTraceId, type MethodRequest } from '../methodRequest';

/**
 * The headers a REST API adds to its request to an HTTP or HTTP_PROXY backend, where neither the client (through a
 * proxy) nor a mapping set them. What the backend receives was recorded against AWS in LocalStack's parity snapshot
 * (https://github.com/localstack/localstack/blob/main/tests/aws/services/apigateway/test_apigateway_http.snapshot.json):
 * both types carry the API's id and an X-Ray trace header; HTTP names the gateway as the user agent and sends no
 * X-Forwarded-For, while HTTP_PROXY keeps the client's user agent and passes on the X-Forwarded-* headers that the
 * method request carries (a Lambda proxy event shows the same ones). AWS documents the trace header being added to
 * every request that lacks one (https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html).
 */
export function withRestBackendHeaders(headers: Record<string, string>, request: MethodRequest, proxy: boolean): Record<string, string> {
  const apiId = String(request.context.apiId ?? '');
  const added: Record<string, string> = proxy
    ? addedForwardingHeaders(request)
    : { 'User-Agent': `AmazonAPIGateway_${apiId}`, 'X-Amzn-Trace-Id': request.lowerHeaders['x-amzn-trace-id'] ?? requestTraceId(request) };
  // The Host of the backend request is the backend's own.
  delete added.Host;
  added['x-amzn-apigateway-api-id'] = apiId;
  const out = { ...headers };
  const present = new Set(Object.keys(out).map((k) => k.toLowerCase()));
  for (const [name, value] of Object.entries(added)) if (value && !present.has(name.toLowerCase())) setOwn(out, name, value);
  return out;
}

/**
 * HTTP APIs pass the client's address, host and protocol to an HTTP_PROXY backend in one standard `Forwarded` header
 * (RFC 7239), into which they fold the X-Forwarded-* headers the request came with
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-http-apis).
 * AWS does not document the order of the parameters within the element; RFC 7239 leaves it free.
 */
export function withForwardedHeader(headers: Record<string, string>, request: MethodRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const elements: string[] = [];
  const relayed: string[] = [];
  let relayedHost: string | undefined;
  let relayedProto: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'forwarded') elements.push(value);
    else if (lower === 'x-forwarded-for') relayed.push(...value.split(',').map((s) => s.trim()).filter(Boolean));
    else if (lower === 'x-forwarded-host') relayedHost = value.trim();
    else if (lower === 'x-forwarded-proto') relayedProto = value.trim();
    else if (!lower.startsWith('x-forwarded-')) setOwn(out, name, value);
  }
  relayed.forEach((address, i) => elements.push(forwardedElement(address, i === 0 ? relayedHost : undefined, i === 0 ? relayedProto : undefined)));
  const sourceIp = String((request.context.identity as { sourceIp?: unknown } | undefined)?.sourceIp ?? '');
  const host = request.lowerHeaders.host ?? String(request.context.domainName ?? '');
  elements.push(forwardedElement(sourceIp, host, request.forwarded.proto));
  setOwn(out, 'Forwarded', elements.join(', '));
  return out;
}

/** One `for=…;host=…;proto=…` element; an IPv6 address and any value with other than token characters are quoted. */
function forwardedElement(address: string, host: string | undefined, proto: string | undefined): string {
  const parts = [`for=${forwardedValue(address.includes(':') && !address.startsWith('[') ? `[${address}]` : address)}`];
  if (host) parts.push(`host=${forwardedValue(host)}`);
  if (proto) parts.push(`proto=${forwardedValue(proto)}`);
  return parts.join(';');
}

function forwardedValue(value: string): string {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}
