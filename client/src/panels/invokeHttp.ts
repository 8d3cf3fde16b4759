import type { HttpRequestSpec } from './invokeRequest';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  latencyMs: number;
}

/** A deployed stage answers within API Gateway's own 29 s limit; a little more covers the network. */
export const HTTP_TIMEOUT_MS = 35_000;

/**
 * Signs the request with SigV4 for `execute-api`, as IAM-authorized methods require. The signer and hash are loaded
 * on first use so activation stays fast.
 */
export async function signRequest(request: HttpRequestSpec, credentials: SigningCredentials, region: string, now?: Date): Promise<HttpRequestSpec> {
  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([import('@smithy/signature-v4'), import('@aws-crypto/sha256-js')]);
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const headers: Record<string, string> = { ...request.headers, host: url.host };
  const signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      // Already percent-encoded once; the signer encodes it again, as SigV4 asks of every service but S3.
      path: url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate: now },
  );
  return { ...request, headers: signed.headers as Record<string, string> };
}

/** Sends the request and reads the whole answer; failures come back as sentences naming the URL. */
export async function sendHttp(request: HttpRequestSpec, timeoutMs = HTTP_TIMEOUT_MS, stop?: AbortSignal): Promise<HttpAnswer> {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'host'));
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: 'manual',
      signal: stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]) : AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(describeFetchError(error, request.url, timeoutMs));
  }
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    throw new Error(describeFetchError(error, request.url, timeoutMs));
  }
  const latencyMs = performance.now() - started;
  const single: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') single[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  const answer: HttpAnswer = { status: response.status, headers: single, body, latencyMs };
  if (cookies.length) answer.multiValueHeaders = { 'set-cookie': cookies };
  return answer;
}

export function describeFetchError(error: unknown, url: string, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `${url} gave no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.`;
  const code = e?.cause?.code;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    return `${url} is not a valid URL.`;
  }
  if (code === 'ECONNREFUSED') return `Cannot reach ${url}: nothing accepts connections on ${host}. Is the stage URL right, and the server running?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Cannot reach ${url}: the host ${new URL(url).hostname} is unknown. Check the stage URL and the network.`;
  if (code === 'ECONNRESET') return `The connection to ${host} was reset before an answer came.`;
  if (code && /CERT|SSL|TLS/i.test(code)) return `The TLS certificate of ${host} is not trusted (${code}).`;
  return `Cannot reach ${url}: ${e?.cause?.message ?? e?.message ?? String(error)}`;
}
