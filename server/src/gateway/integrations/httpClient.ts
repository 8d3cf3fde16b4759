import { appendOwn, getOwn, setOwn } from '../../model/jsonObjects';
import * as http from 'node:http';
import * as https from 'node:https';
import { HOP_BY_HOP } from '../responseHeaders';

export interface BackendResponse {
  status: number;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  body: Buffer;
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Where a request goes: `url` gives the scheme, host and port; `path` (with its query string) is sent as written,
 * because the URL class would resolve `.`/`..` segments, including encoded ones such as `%2E%2E`.
 */
export interface Endpoint {
  url: URL;
  path: string;
}

/** The endpoint as one address, for logs. */
export function endpointHref(endpoint: Endpoint): string {
  return `${endpoint.url.origin}${endpoint.path}`;
}

/**
 * One HTTP call to the integration endpoint; rejects with 'timeout' after `timeoutMs`. A body goes out with its
 * exact Content-Length whatever the method: Node.js frames a GET or DELETE body with neither that nor chunked
 * encoding, which the backend cannot tell from the next request on the connection.
 */
export function sendHttp(endpoint: Endpoint, method: string, headers: Record<string, string>, body: Buffer | string | undefined, timeoutMs: number, insecure = false): Promise<BackendResponse> {
  const { url } = endpoint;
  const payload = body === undefined || body.length === 0 ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  if (payload) headers = { ...withoutHeader(headers, 'content-length'), 'Content-Length': String(payload.length) };
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method,
        path: endpoint.path,
        headers,
        agent: url.protocol === 'https:' ? (insecure ? new https.Agent({ rejectUnauthorized: false }) : httpsAgent) : httpAgent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const single: Record<string, string> = {};
          const multi: Record<string, string[]> = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i];
            const value = res.rawHeaders[i + 1];
            appendOwn(multi, name, value);
            const earlier = getOwn(single, name);
            setOwn(single, name, earlier !== undefined ? `${earlier},${value}` : value);
          }
          resolve({ status: res.statusCode ?? 502, headers: single, multiValueHeaders: multi, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error('timeout'));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(payload);
  });
}

function withoutHeader(headers: Record<string, string>, lowerName: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== lowerName));
}

/** Hop-by-hop headers and those Node.js sets itself are not forwarded. */
export const NOT_FORWARDED: ReadonlySet<string> = new Set([...HOP_BY_HOP, 'host']);
