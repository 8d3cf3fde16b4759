import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createLocalGateway, type LocalGateway } from '../../../server/src/gateway/gateway';
import { startGatewayServer, type GatewayServer, type GatewayServerOptions } from '../../../server/src/gateway/httpServer';
import { LambdaHost } from '../../../server/src/gateway/lambda/lambdaHost';
import type { LocalConfig } from '../../../server/src/gateway/localConfig';
import { documentFromText } from '../../../server/src/gateway/workspaceFiles';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

/** One Lambda host for the test files; `closeHost` in `after` stops its workers, which start again on demand. */
export const host = new LambdaHost(FIXTURES);

export function closeHost(): void {
  host.dispose();
}

/** A gateway for an inline document; `.json` names parse as JSON, anything else as YAML. */
export function gatewayFor(text: string, config: LocalConfig = {}, name = 'api.yaml'): LocalGateway {
  return createLocalGateway(documentFromText(path.join(FIXTURES, name), text), config, { lambdaHost: host, baseDir: FIXTURES });
}

export function exampleGateway(file: string, config: LocalConfig = {}): LocalGateway {
  const absolute = path.join(EXAMPLES, file);
  return createLocalGateway(documentFromText(absolute, readFileSync(absolute, 'utf8')), config, { lambdaHost: host, baseDir: FIXTURES });
}

/** A `functions` entry for an export of fixtures/handlers.js. */
export function fn(exportName: string, extra: Partial<NonNullable<LocalConfig['functions']>[string]> = {}) {
  return { handler: 'handlers.js', export: exportName, ...extra };
}

export function lambdaUri(name: string): string {
  return `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;
}

/** The messages of a response's execution log, in order. */
export function logMessages(response: { log: Array<{ message: string }> }): string[] {
  return response.log.map((entry) => entry.message);
}

export function json(body: string): unknown {
  return JSON.parse(body);
}

/** A request as an HTTP backend received it, its body read whole as UTF-8. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Backend {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  close(): void;
}

/**
 * A plain Node.js server on 127.0.0.1 standing for an integration's backend: it records each request once its body
 * has arrived, then lets `respond` answer it.
 */
export async function startBackend(respond: (request: RecordedRequest, res: http.ServerResponse) => void): Promise<Backend> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      respond(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => server.close() };
}

/**
 * The calling suite's backend (see `startBackend`): started before its tests and closed after them. Its `url` and
 * `requests` are read inside the tests, once the backend runs.
 */
export function useBackend(respond: (request: RecordedRequest, res: http.ServerResponse) => void): Backend {
  let backend: Backend | undefined;
  before(async () => {
    backend = await startBackend(respond);
  });
  after(() => backend?.close());
  const running = (): Backend => {
    if (!backend) throw new Error('the backend runs only inside the tests of the suite that asked for it');
    return backend;
  };
  return {
    get url() {
      return running().url;
    },
    get requests() {
      return running().requests;
    },
    close: () => backend?.close(),
  };
}

/**
 * Serves gateways on 127.0.0.1 for the calling suite's tests: each call closes the server the test started before,
 * and the last one is closed after the test.
 */
export function useGatewayServer(): (gateway: LocalGateway, options?: Omit<GatewayServerOptions, 'port'>) => Promise<GatewayServer> {
  let served: GatewayServer | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });
  return async (gateway, options = {}) => {
    await served?.close();
    served = await startGatewayServer(() => gateway, { ...options, port: 0 });
    return served;
  };
}
