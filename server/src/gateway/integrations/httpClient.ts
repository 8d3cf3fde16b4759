import { appendOwn, getOwn, setOwn } from '../../model/jsonObjects';
import * as http from 'node:http';
import * as https from 'node:https';
import { HOP_BY_HOP } from '../responseHeaders';
import { PayloadStream } from './payloadStream';

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
  return new Promise((resolve, reject) => {
    const req = openRequest(endpoint, method, headers, body, insecure, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ ...responseHead(res), body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => {
      req.destroy(new Error('timeout'));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export interface StreamingBackendResponse extends Omit<BackendResponse, 'body'> {
  /** The body, chunk by chunk as it arrives. */
  payload: PayloadStream;
}

/**
 * The same call for a streamed response: resolves once the response's headers have arrived, its body following in
 * `payload`. The timeout covers the whole exchange: before the headers it rejects with 'timeout', after them it cuts
 * the payload, as does a connection that fails midway.
 */
export function streamHttp(endpoint: Endpoint, method: string, headers: Record<string, string>, body: Buffer | string | undefined, timeoutMs: number, insecure = false): Promise<StreamingBackendResponse> {
  return new Promise((resolve, reject) => {
    const payload = new PayloadStream();
    let answered = false;
    const req = openRequest(endpoint, method, headers, body, insecure, (res) => {
      answered = true;
      res.on('data', (c: Buffer) => payload.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        payload.end();
      });
      res.on('error', (error) => payload.end(`the backend connection failed: ${error.message}`));
      res.on('close', () => {
        clearTimeout(timer);
        if (!res.complete) payload.end('the backend closed the connection before the end of its body');
      });
      resolve({ ...responseHead(res), payload });
    });
    const timer = setTimeout(() => {
      if (answered) payload.end(`the integration timed out after ${timeoutMs} ms`);
      req.destroy(new Error('timeout'));
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      if (answered) payload.end(`the backend connection failed: ${error.message}`);
      else reject(error);
    });
  });
}

function openRequest(endpoint: Endpoint, method: string, headers: Record<string, string>, body: Buffer | string | undefined, insecure: boolean, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
  const { url } = endpoint;
  const payload = body === undefined || body.length === 0 ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  if (payload) headers = { ...withoutHeader(headers, 'content-length'), 'Content-Length': String(payload.length) };
  const client = url.protocol === 'https:' ? https : http;
  const req = client.request(
    url,
    {
      method,
      path: endpoint.path,
      headers,
      agent: url.protocol === 'https:' ? (insecure ? new https.Agent({ rejectUnauthorized: false }) : httpsAgent) : httpAgent,
    },
    onResponse,
  );
  req.end(payload);
  return req;
}

/** Status and headers of a backend response: each repeated header as its list, and joined with commas. */
function responseHead(res: http.IncomingMessage): Omit<BackendResponse, 'body'> {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i];
    const value = res.rawHeaders[i + 1];
    appendOwn(multi, name, value);
    const earlier = getOwn(single, name);
    setOwn(single, name, earlier !== undefined ? `${earlier},${value}` : value);
  }
  return { status: res.statusCode ?? 502, headers: single, multiValueHeaders: multi };
}

function withoutHeader(headers: Record<string, string>, lowerName: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== lowerName));
}

/** Hop-by-hop headers and those Node.js sets itself are not forwarded. */
export const NOT_FORWARDED: ReadonlySet<string> = new Set([...HOP_BY_HOP, 'host']);
