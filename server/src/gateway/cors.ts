import type { Json } from './requestContext';

export interface CorsConfig {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge?: number;
  allowCredentials: boolean;
}

export function readCors(raw: Json | undefined): CorsConfig | undefined {
  if (!raw) return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return {
    allowOrigins: list(raw.allowOrigins),
    allowMethods: list(raw.allowMethods).map((m) => m.toUpperCase()),
    allowHeaders: list(raw.allowHeaders).map((h) => h.toLowerCase()),
    exposeHeaders: list(raw.exposeHeaders),
    maxAge: typeof raw.maxAge === 'number' ? raw.maxAge : undefined,
    allowCredentials: raw.allowCredentials === true,
  };
}

function allowedOrigin(cors: CorsConfig, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.find((o) => o.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/**
 * An HTTP API with `x-amazon-apigateway-cors` answers preflight requests itself, whatever routes exist:
 * 204 with the Access-Control-Allow-* headers when the origin, method and headers are allowed, and without
 * them otherwise.
 */
export function preflightResponse(cors: CorsConfig, headers: Record<string, string>): { status: number; headers: Record<string, string> } {
  const origin = allowedOrigin(cors, headers.origin);
  const method = (headers['access-control-request-method'] ?? '').toUpperCase();
  const requested = (headers['access-control-request-headers'] ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const methodOk = cors.allowMethods.includes('*') || cors.allowMethods.includes(method);
  const headersOk = cors.allowHeaders.includes('*') || requested.every((h) => cors.allowHeaders.includes(h));
  if (!origin || !methodOk || !headersOk) return { status: 204, headers: {} };
  const out: Record<string, string> = {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': cors.allowMethods.includes('*') ? method : cors.allowMethods.join(','),
  };
  if (requested.length) out['Access-Control-Allow-Headers'] = cors.allowHeaders.includes('*') ? requested.join(',') : cors.allowHeaders.join(',');
  if (cors.maxAge !== undefined) out['Access-Control-Max-Age'] = String(cors.maxAge);
  if (cors.allowCredentials) out['Access-Control-Allow-Credentials'] = 'true';
  return { status: 204, headers: out };
}

/**
 * On actual requests the configuration alone decides the CORS headers: "If you configure CORS for an API, API Gateway
 * ignores CORS headers returned from your backend integration"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html). Every Access-Control-* header
 * the integration returned goes, then the configured ones come for an allowed origin.
 */
export function applyCorsHeaders(cors: CorsConfig, requestHeaders: Record<string, string>, response: { headers: Record<string, string>; multiValueHeaders?: Record<string, string[]> }): void {
  for (const map of [response.headers, response.multiValueHeaders ?? {}]) {
    for (const name of Object.keys(map)) if (name.toLowerCase().startsWith('access-control-')) delete map[name];
  }
  const origin = allowedOrigin(cors, requestHeaders.origin);
  if (!origin) return;
  response.headers['Access-Control-Allow-Origin'] = origin;
  if (cors.allowCredentials) response.headers['Access-Control-Allow-Credentials'] = 'true';
  if (cors.exposeHeaders.length) response.headers['Access-Control-Expose-Headers'] = cors.exposeHeaders.join(',');
}
