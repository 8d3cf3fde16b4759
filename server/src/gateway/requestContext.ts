import { randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface ContextInput {
  method: string;
  /** The request path relative to the base path, with the stage in front unless it is an HTTP API's `$default`. */
  stagePath: string;
  resourcePath: string;
  stage: string;
  sourceIp: string;
  userAgent?: string;
  apiId: string;
  accountId: string;
  region: string;
}

/** `$context` for one request, with the names API Gateway uses (see the mapping-template variable list). */
export function buildRequestContext(input: ContextInput): Json {
  const now = Date.now();
  const requestId = randomUUID();
  return {
    accountId: input.accountId,
    apiId: input.apiId,
    domainName: `${input.apiId}.execute-api.${input.region}.amazonaws.com`,
    domainPrefix: input.apiId,
    // The first 16 hex digits of the id: 8-4-4 of its 8-4-4-4-12 groups.
    extendedRequestId: requestId.slice(0, 8) + requestId.slice(9, 13) + requestId.slice(14, 18),
    httpMethod: input.method,
    path: input.stagePath,
    protocol: 'HTTP/1.1',
    requestId,
    requestTime: clfTime(now),
    requestTimeEpoch: now,
    resourceId: resourceId(input.resourcePath),
    resourcePath: input.resourcePath,
    stage: input.stage,
    identity: {
      sourceIp: input.sourceIp,
      userAgent: input.userAgent ?? null,
    },
  };
}

let clfSecond = NaN;
let clfText = '';

/** Common Log Format time, as `$context.requestTime`: `21/Nov/2026:15:37:30 +0000`. */
export function clfTime(epochMs: number): string {
  // Requests come many to the second: the text is formatted once per second.
  const second = Math.floor(epochMs / 1000);
  if (second !== clfSecond) {
    clfText = formatClfTime(epochMs);
    clfSecond = second;
  }
  return clfText;
}

function formatClfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A stable, resource-id-like token for a resource path (API Gateway's ids are 6 to 10 lower-case characters). */
function resourceId(resourcePath: string): string {
  let hash = 5381;
  for (let i = 0; i < resourcePath.length; i++) hash = ((hash << 5) + hash + resourcePath.charCodeAt(i)) >>> 0;
  return hash.toString(36).padStart(6, '0').slice(0, 6);
}

/** Flattens `$context` into dotted names (`identity.sourceIp`) for gateway responses and parameter mappings. */
export function flattenContext(context: Json, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(context)) {
    if (key === 'authorizerV2') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) flattenContext(value as Json, name, out);
    else out[name] = value;
  }
  return out;
}
