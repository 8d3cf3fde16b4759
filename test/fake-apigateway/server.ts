import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDomainNameRoutes } from './domainNames';
import { GatewayError, notInEdition } from './errors';
import { addHttpApiRoutes } from './httpApis';
import { addRestApiRoutes } from './restApis';
import { addRestGatewayResponseRoutes } from './restGatewayResponses';
import { addRestResourceRoutes } from './restResources';
import { addRestStageRoutes } from './restStages';
import { Router, type HandlerResult, type RequestContext } from './router';
import { createFakeState, type FakeState } from './state';

export type { FakeState } from './state';

export interface FakeApiGateway {
  url: string;
  port: number;
  state: FakeState;
  close(): Promise<void>;
  /** Every request received, in order, including rejected ones. */
  calls: { method: string; path: string }[];
  /** Answers the next `n` requests with 429 TooManyRequestsException, as API Gateway does when throttling. */
  throttleNext(n: number): void;
}

/** Larger than the 6 MB definition limit so that limit, not the transport, decides and explains the refusal. */
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

function buildRouter(): Router {
  const router = new Router();
  addRestApiRoutes(router);
  addRestResourceRoutes(router);
  addRestStageRoutes(router);
  addRestGatewayResponseRoutes(router);
  addHttpApiRoutes(router);
  addDomainNameRoutes(router);
  return router;
}

/**
 * Starts an in-memory stand-in for Amazon API Gateway's control plane on 127.0.0.1 that speaks the REST-JSON wire
 * protocol of the `apigateway` (v1) and `apigatewayv2` services, so the unmodified AWS SDK clients can be pointed at
 * it with a custom `endpoint`.
 */
export interface FakeOptions {
  port?: number;
  /**
   * Services (by model name) answered as an endpoint without them answers: LocalStack's community edition lacks
   * `apigatewayv2` and refuses each of its calls with HTTP 501.
   */
  unavailableServices?: Iterable<ServiceName>;
  /**
   * Answers without a `Date` header, which HTTP lets a server leave out when it has no reliable clock, so a client
   * has no server time to go by.
   */
  omitDateHeader?: boolean;
}

export type ServiceName = 'apigateway' | 'apigatewayv2';

export async function startFakeApiGateway(options: FakeOptions = {}): Promise<FakeApiGateway> {
  const unavailable = new Set(options.unavailableServices ?? []);
  const state = createFakeState();
  const router = buildRouter();
  const calls: { method: string; path: string }[] = [];
  let throttled = 0;

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.omitDateHeader) res.sendDate = false;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    calls.push({ method, path: url.pathname });
    try {
      const body = await readBody(req);
      if (throttled > 0) {
        throttled--;
        throw new GatewayError(429, 'TooManyRequestsException', 'Too Many Requests');
      }
      checkCredentials(req.headers.authorization);
      // Both services sign as `apigateway`; the path tells them apart, as LocalStack's service router does.
      const service: ServiceName = url.pathname.startsWith('/v2/') ? 'apigatewayv2' : 'apigateway';
      if (unavailable.has(service)) throw notInEdition(service);
      const found = router.match(method, url.pathname);
      if (found === undefined) throw new GatewayError(404, 'UnknownOperationException', `No operation matches ${method} ${url.pathname}`);
      if (found === 'wrong-method') throw new GatewayError(405, 'MethodNotAllowedException', `Method ${method} is not allowed on ${url.pathname}`);
      const ctx: RequestContext = {
        state,
        method,
        path: url.pathname,
        params: found.params,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      send(res, await found.handler(ctx));
    } catch (error) {
      sendError(res, error);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    calls,
    throttleNext(n: number) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`throttleNext needs a whole number of calls, got ${n}`);
      throttled = n;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Any SigV4 signature is accepted. Two access key ids stand for the two credential failures callers must explain:
 * `INVALID` (an unknown key) and `DENIED` (a key without permission).
 */
function checkCredentials(authorization: string | undefined): void {
  if (!authorization) throw new GatewayError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const accessKeyId = /Credential=([^/,\s]+)\//.exec(authorization)?.[1];
  if (!accessKeyId) {
    throw new GatewayError(403, 'IncompleteSignatureException', 'Authorization header requires a Credential parameter of the form Credential=KEY/DATE/REGION/SERVICE/aws4_request.');
  }
  if (accessKeyId === 'INVALID') {
    throw new GatewayError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (accessKeyId === 'DENIED') {
    throw new GatewayError(403, 'AccessDeniedException', `User: arn:aws:iam::123456789012:user/denied is not authorized to perform this action`);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new GatewayError(413, 'RequestEntityTooLargeException', `Request body is larger than ${MAX_REQUEST_BYTES} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: HandlerResult): void {
  const headers: Record<string, string> = { 'x-amzn-requestid': crypto.randomUUID(), ...result.headers };
  let payload: string | undefined;
  if (result.raw !== undefined) payload = result.raw;
  else if (result.json !== undefined) {
    payload = JSON.stringify(result.json);
    headers['Content-Type'] = 'application/json';
  }
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(result.status, headers);
  res.end(payload);
}

function sendError(res: ServerResponse, error: unknown): void {
  const known = error instanceof GatewayError ? error : undefined;
  const status = known?.status ?? 500;
  const errorType = known?.errorType ?? 'InternalFailure';
  const message = known ? known.message : `Internal error in the fake API Gateway: ${error instanceof Error ? error.message : String(error)}`;
  const payload = JSON.stringify({ message });
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
    'x-amzn-errortype': errorType,
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(payload);
}
