import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setOwn } from '../model/jsonObjects';
import { formatFunctionOutput } from './executionLog';
import { MAX_REQUEST_BYTES, type LocalGateway } from './gateway';
import { wireValue } from './headerSyntax';
import { groupHeaders, rawHeaderPairs } from './requestHeaders';
import { MAX_REQUEST_HEAD_BYTES, tooLargeResponse } from './requestHeadLimit';
import { HOP_BY_HOP } from './responseHeaders';
import type { GatewayResponse } from './types';

export interface GatewayServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface GatewayServerOptions {
  port: number;
  stage?: string;
  /**
   * One line per request (method, path, status, latency), followed by one line for each line its Lambda functions
   * printed and for the error of each that failed.
   */
  onRequest?: (line: string) => void;
}

/**
 * Headers that frame the message or manage the connection: this server writes its own, whatever the integration's
 * answer said, so that a body is never cut short or sent with both a length and chunked encoding.
 */
const FRAMING = HOP_BY_HOP;

/**
 * Serves a local gateway on 127.0.0.1. The gateway is looked up per request, so a reloaded document takes
 * effect for the next request without restarting the server.
 */
export function startGatewayServer(current: () => LocalGateway, options: GatewayServerOptions): Promise<GatewayServer> {
  let port = options.port;
  // One request's failure is that request's: whatever a log line or a response throws, the server goes on.
  const report = (line: string) => {
    try {
      options.onRequest?.(line);
    } catch {
      // The caller's logging failed; the request is answered all the same.
    }
  };
  const handle = (req: http.IncomingMessage, res: http.ServerResponse, head?: RequestHead) => {
    const started = performance.now();
    const { multiValueHeaders, hasBody, declared } = head ?? readHead(req);
    const url = req.url ?? '/';
    // A connection reset, or a write after the end, is reported here instead of as an uncaught 'error' event.
    req.on('error', () => undefined);
    res.on('error', (error) => report(`${req.method} ${url} response failed: ${error.message}`));
    const fail = (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      if (res.headersSent) {
        res.destroy();
        report(`${req.method} ${url} local gateway failure after the response started: ${reason}`);
        return;
      }
      sendSafely(res, req.method, 500, { 'Content-Type': 'application/json' }, JSON.stringify({ message: 'Internal server error' }));
      report(`${req.method} ${url} 500 local gateway failure: ${reason}`);
    };
    const deliver = (response: GatewayResponse) => {
      const line = `${req.method} ${url} ${response.status} ${(performance.now() - started).toFixed(2)} ms`;
      if (response.streamed) {
        report(`${line}, streamed${response.interruption ? `, cut short: ${response.interruption}` : ''}`);
      } else {
        const body = response.isBase64Encoded ? Buffer.from(response.body, 'base64') : response.body;
        const problem = sendSafely(res, req.method, response.status, outgoingHeaders(response.headers, response.multiValueHeaders ?? {}), body);
        report(problem ? `${req.method} ${url} 502 ${(performance.now() - started).toFixed(2)} ms, the response could not be sent: ${problem}` : line);
      }
      if (response.refusal) report(`  ${response.refusal}`);
      if (response.functionOutput) for (const output of formatFunctionOutput(response.functionOutput)) report(output);
    };
    let answered = false;
    const respond = (body: Buffer | undefined, bodyLength?: number) => {
      if (answered) return;
      answered = true;
      const remote = req.socket.remoteAddress;
      let running: Promise<GatewayResponse>;
      try {
        running = current().invoke({
          method: req.method ?? 'GET',
          path: url,
          multiValueHeaders,
          body,
          bodyLength,
          stage: options.stage,
          sourceIp: remote?.startsWith('::ffff:') ? remote.slice(7) : remote,
          forwarded: { proto: 'http', port },
          // Nobody reads the test-invoke log of a served request; its lines would cost more than the request.
          executionLog: false,
          functionOutput: true,
          // A streamed response goes out as it arrives, in chunked encoding: the status and headers first, then each
          // chunk as the integration receives it, so that server-sent events reach the client one by one.
          streamResponse: (head) => {
            // A head Node.js refuses throws before anything is sent: the gateway then answers the request instead.
            res.writeHead(head.status, outgoingHeaders(head.headers, head.multiValueHeaders));
            res.flushHeaders();
            return {
              write: (chunk) => {
                if (req.method !== 'HEAD' && !res.destroyed && !res.writableEnded) res.write(chunk);
              },
              // A stream cut short must not look complete: the connection closes without the final chunk, as API
              // Gateway's does (curl reports "transfer closed with outstanding read data remaining").
              end: (interruption) => (interruption ? res.destroy() : res.end()),
            };
          },
        });
      } catch (error) {
        fail(error);
        return;
      }
      running.then(deliver).catch(fail);
    };
    // Without Content-Length or Transfer-Encoding a request has no body (RFC 9112 §6.3): it is answered at once,
    // instead of a few stream ticks later when its empty body has been read.
    if (!hasBody) {
      respond(undefined);
      return;
    }
    if (declared !== undefined && declared > MAX_REQUEST_BYTES) {
      respond(undefined, declared);
      return;
    }
    // Bodies are read into memory only up to API Gateway's payload limit.
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (c: Buffer) => {
      received += c.length;
      if (received <= MAX_REQUEST_BYTES) chunks.push(c);
      else if (!answered) {
        chunks.length = 0;
        respond(undefined, received);
      }
    });
    req.on('end', () => respond(chunks.length ? Buffer.concat(chunks) : undefined));
  };
  const server = http.createServer({ maxHeaderSize: MAX_HEAD_READ_BYTES }, handle);
  // A head past even that is refused by Node.js before any handler runs; it gets API Gateway's answer all the same.
  const refusedUnread = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // The parser fails again on each further chunk of a refused head: the connection has had its answer.
    if (refusedUnread.has(socket)) return;
    if (error.code !== 'HPE_HEADER_OVERFLOW' || !mayAnswer(socket)) {
      answerClientError(error, socket);
      return;
    }
    refusedUnread.add(socket);
    const refusal = tooLargeResponse();
    // Ending instead of destroying lets the rest of the head arrive and be dropped: closing on unread bytes would
    // reset the connection, and the client could lose the answer.
    socket.end(rawResponse(refusal.status, refusal.headers, String(refusal.body)));
    const grace = setTimeout(() => socket.destroy(), UNREAD_HEAD_GRACE_MS).unref();
    socket.once('close', () => clearTimeout(grace));
    // The failing chunk starts with the request line only when the head overflowed in its first chunk.
    const requestLine = /^([A-Z]+ \S{1,200}) HTTP\/\d/.exec(error.rawPacket?.toString('latin1', 0, 256) ?? '')?.[1] ?? 'A request';
    report(`${requestLine} 413, not read: its head is over ${MAX_HEAD_READ_BYTES} bytes`);
    report(`  Request line and headers over ${MAX_HEAD_READ_BYTES} bytes are over API Gateway's limit of ${MAX_REQUEST_HEAD_BYTES} bytes for the request line and header values`);
  });
  // A client that asks before sending a large body hears the 413 instead of "100 Continue".
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const head = readHead(req);
    if ((head.declared ?? 0) <= MAX_REQUEST_BYTES) res.writeContinue();
    handle(req, res, head);
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      server.off('error', reject);
      // Once listening, a failure to accept a connection (too many open files, say) is reported, not fatal.
      server.on('error', (error) => report(`server error: ${error.message}`));
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * How much of a request's head the server reads. Node.js's default (16 KiB) would answer a larger head with its own
 * 431 before the gateway could measure it; what API Gateway counts (the request line and header values, names left
 * out) stays under this for any head a client sends in earnest.
 */
const MAX_HEAD_READ_BYTES = 65_536;

/** How long a connection whose head was refused unread may go on sending before it is closed. */
const UNREAD_HEAD_GRACE_MS = 5_000;

/** Node.js's own answers to a request it cannot parse, which a `clientError` listener takes over. */
const CLIENT_ERROR_STATUS: Record<string, string> = {
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (mayAnswer(socket)) socket.write(`HTTP/1.1 ${CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
  socket.destroy();
}

/**
 * Whether an answer can go out on the connection: not while a response to an earlier request on it has started,
 * which it would corrupt (Node.js's own check, on the response it keeps on the socket).
 */
function mayAnswer(socket: Duplex): boolean {
  const inFlight = (socket as Duplex & { _httpMessage?: http.ServerResponse | null })._httpMessage;
  return socket.writable && !inFlight?.headersSent;
}

function rawResponse(status: number, headers: Record<string, string>, body: string): string {
  const lines = [`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close');
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** The gateway's two header maps name distinct headers; a list goes out as one header line per value. */
function outgoingHeaders(headers: Record<string, string>, multiValueHeaders: Record<string, string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of Object.keys(headers)) if (!FRAMING.has(name.toLowerCase())) setOwn(out, name, wireValue(headers[name]));
  for (const name of Object.keys(multiValueHeaders)) if (!FRAMING.has(name.toLowerCase())) setOwn(out, name, multiValueHeaders[name].map(wireValue));
  return out;
}

/**
 * Node.js writes a head sent alone as Latin-1, which `wireValue` expects, but a head sent with a text body in that
 * body's encoding (UTF-8): a body goes as bytes whenever a header has text past ASCII, so that every header is
 * written byte for byte, whatever the body.
 */
function bodyForHead(body: string | Buffer, headers: Record<string, string | string[]>): string | Buffer {
  if (typeof body !== 'string') return body;
  for (const name in headers) {
    const value = headers[name];
    if (typeof value === 'string' ? !isAscii(value) : value.some((v) => !isAscii(v))) return Buffer.from(body, 'utf8');
  }
  return body;
}

function isAscii(text: string): boolean {
  return !/[^\x00-\x7f]/.test(text);
}

/**
 * Sends a whole response. A known length avoids chunked encoding: head and body go out in one write. The rest of a
 * body too large to read is discarded as it arrives (Node.js does so for a request answered before its end), so the
 * client reads the answer instead of a reset connection. A head Node.js refuses (the gateway lets none through) is
 * answered with a 502 instead; the reason is returned.
 */
function sendSafely(res: http.ServerResponse, method: string | undefined, status: number, headers: Record<string, string | string[]>, body: string | Buffer): string | undefined {
  body = bodyForHead(body, headers);
  try {
    res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (res.headersSent) {
      res.destroy();
      return reason;
    }
    const fallback = JSON.stringify({ message: 'Internal server error' });
    res.writeHead(502, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(fallback)) });
    res.end(method === 'HEAD' ? undefined : fallback);
    return reason;
  }
  res.end(method === 'HEAD' ? undefined : body);
  return undefined;
}

interface RequestHead {
  multiValueHeaders: Record<string, string[]>;
  /** Whether a Content-Length other than 0 or a Transfer-Encoding announces a body. */
  hasBody: boolean;
  /** The Content-Length the request declares, when it declares one. */
  declared: number | undefined;
}

/**
 * What the server needs of a request's headers, from its raw headers, not `req.headers`: Node.js joins or drops
 * repeated values there and lower-cases the names, and builds that object on first read, per request.
 */
function readHead(req: http.IncomingMessage): RequestHead {
  const pairs = rawHeaderPairs(req.rawHeaders);
  let hasBody = false;
  let length: string | undefined;
  for (const [name, value] of pairs) {
    if ((name.length !== 14 && name.length !== 17) || !/^(content-length|transfer-encoding)$/i.test(name)) continue;
    if (value !== '0') hasBody = true;
    // One at most: Node.js refuses a request with two Content-Length headers before it gets here.
    if (name.length === 14) length = value;
  }
  return { multiValueHeaders: groupHeaders(pairs), hasBody, declared: length === undefined || !/^\d+$/.test(length) ? undefined : Number(length) };
}
