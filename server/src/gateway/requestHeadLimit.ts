import type { IntegrationResult } from './integrations/types';

/**
 * The quota on the request line and header values together: 10,240 bytes, not adjustable, for REST APIs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html) and
 * HTTP APIs alike (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
 */
export const MAX_REQUEST_HEAD_BYTES = 10_240;

/**
 * What the quota counts: the request line (`GET /path?query HTTP/1.1`) and the value of every header, names left
 * out, as the quota words it. A value read off the wire holds one character per byte; one typed into the editor
 * counts as the UTF-8 it is sent in.
 */
export function requestHeadBytes(method: string, target: string, headers: Record<string, string[]>): number {
  let bytes = byteLength(`${method} ${target} HTTP/1.1`);
  for (const values of Object.values(headers)) for (const value of values) bytes += byteLength(value);
  return bytes;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, /[^\x00-\xff]/.test(text) ? 'utf8' : 'latin1');
}

/** The execution log's account of a refused head, also what the local server prints for it. */
export function headLimitReason(bytes: number): string {
  return `Request line and header values total ${bytes} bytes, over API Gateway's limit of ${MAX_REQUEST_HEAD_BYTES} bytes: the request is refused before routing`;
}

/**
 * API Gateway's JSON answer to a request over a quota: an HTTP API's to a body over the payload limit, and, since AWS
 * documents the head quota but not the answer to a request over it, the closest documented one for that too (the
 * REQUEST_TOO_LARGE gateway response, 413, "request too large"), from either kind of API and without a request id.
 */
export function tooLargeResponse(): IntegrationResult {
  return { status: 413, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: 'Request Entity Too Large' }) };
}
