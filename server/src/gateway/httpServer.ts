import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalGateway } from './gateway';

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
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i];
        headers[name] = headers[name] !== undefined ? `${headers[name]},${req.rawHeaders[i + 1]}` : req.rawHeaders[i + 1];
      }
      const url = req.url ?? '/';
      current()
        .invoke({
          method: req.method ?? 'GET',
          path: url,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
          stage: options.stage,
          sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, ''),
        })
        .then(
          (response) => {
            const out: Record<string, string | string[]> = { ...response.headers };
            for (const [k, v] of Object.entries(response.multiValueHeaders ?? {})) {
              const existing = Object.keys(out).find((h) => h.toLowerCase() === k.toLowerCase());
              const merged = existing ? [String(out[existing]), ...v] : v;
              if (existing) delete out[existing];
              out[k] = merged;
            }
            const body = response.isBase64Encoded ? Buffer.from(response.body, 'base64') : response.body;
            // A known length avoids chunked encoding: one write per response instead of three.
            if (!Object.keys(out).some((h) => h.toLowerCase() === 'content-length')) out['Content-Length'] = String(Buffer.byteLength(body));
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
    });
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
