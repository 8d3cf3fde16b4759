import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalGateway } from './gateway';
import { groupHeaders, rawHeaderPairs } from './requestHeaders';

export interface GatewayServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface GatewayServerOptions {
  port: number;
  stage?: string;
  /** One line per request: method, path, status, latency. */
  onRequest?: (line: string) => void;
}

/**
 * Serves a local gateway on 127.0.0.1. The gateway is looked up per request, so a reloaded document takes
 * effect for the next request without restarting the server.
 */
export function startGatewayServer(current: () => LocalGateway, options: GatewayServerOptions): Promise<GatewayServer> {
  const server = http.createServer((req, res) => {
    const started = performance.now();
    // Raw headers, not `req.headers`: Node.js joins or drops repeated values there and lower-cases the names.
    const pairs = rawHeaderPairs(req.rawHeaders);
    const multiValueHeaders = groupHeaders(pairs);
    const hasBody = pairs.some(([name, value]) => (name.length === 14 || name.length === 17) && /^(content-length|transfer-encoding)$/i.test(name) && value !== '0');
    const respond = (body: Buffer | undefined) => {
      const url = req.url ?? '/';
      const remote = req.socket.remoteAddress;
      current()
        .invoke({
          method: req.method ?? 'GET',
          path: url,
          multiValueHeaders,
          body,
          stage: options.stage,
          sourceIp: remote?.startsWith('::ffff:') ? remote.slice(7) : remote,
          // Nobody reads the test-invoke log of a served request; its lines would cost more than the request.
          executionLog: false,
        })
        .then(
          (response) => {
            // The gateway's two header maps name distinct headers; a list goes out as one header line per value.
            const out: Record<string, string | string[]> = { ...response.headers, ...response.multiValueHeaders };
            const body = response.isBase64Encoded ? Buffer.from(response.body, 'base64') : response.body;
            // A known length avoids chunked encoding: head and body go out in one write.
            if (!Object.keys(out).some((h) => h.length === 14 && h.toLowerCase() === 'content-length')) out['Content-Length'] = String(Buffer.byteLength(body));
            res.writeHead(response.status, out);
            res.end(req.method === 'HEAD' ? undefined : body);
            options.onRequest?.(`${req.method} ${url} ${response.status} ${(performance.now() - started).toFixed(2)} ms`);
          },
          (error: unknown) => {
            res.writeHead(500, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ message: 'Internal server error' }));
            options.onRequest?.(`${req.method} ${url} 500 local gateway failure: ${error instanceof Error ? error.message : String(error)}`);
          },
        );
    };
    // Without Content-Length or Transfer-Encoding a request has no body (RFC 9112 §6.3): it is answered at once,
    // instead of a few stream ticks later when its empty body has been read.
    if (!hasBody) {
      respond(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => respond(chunks.length ? Buffer.concat(chunks) : undefined));
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
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
