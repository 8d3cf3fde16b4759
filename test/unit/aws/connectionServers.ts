import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createClients, type ClientOptions, type GatewayClients } from '../../../client/src/aws/connection';

/**
 * Tiny servers standing in for whatever may sit at the endpoint instead of API Gateway: a proxy, a captive portal,
 * a stuck server. The SDK clients talk to them for real.
 */
export interface TinyServer {
  url: string;
  /** Requests received, so tests can count the SDK's attempts. */
  requests: number;
  close(): Promise<void>;
}

export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/**
 * A self-signed certificate for CN=localhost, valid from 2020 until 2126 so a clock running a little behind still
 * accepts its dates; nothing trusts it.
 */
const SELF_SIGNED = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgeyFKEybiuCBKccd3
We/9frjxtvpuCDsyNSqardsUwXahRANCAARydGcTbzATayw1qkn/I8Lmb+TBhjX8
Bk7b606zXcXU2wf8dgRAvvi7I7gA9hfii60tj2JWtRQwOvdfc3cOxtdm
-----END PRIVATE KEY-----
`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBfjCCASWgAwIBAgIUbAX5AtA2U9aqF6vrpSTO73SsYRwwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTIwMDEwMTAwMDAwMFoYDzIxMjYwMTAx
MDAwMDAwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARydGcTbzATayw1qkn/I8Lmb+TBhjX8Bk7b606zXcXU2wf8dgRAvvi7
I7gA9hfii60tj2JWtRQwOvdfc3cOxtdmo1MwUTAdBgNVHQ4EFgQUBC/b10PBhh6+
+bGTWvTGv8outUkwHwYDVR0jBBgwFoAUBC/b10PBhh6++bGTWvTGv8outUkwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiBmVGLs6Cxo1EiNAt372inj
B7gmnWIKC15mpf9j8QaVBQIgGjLCRtfuejALnaASYaVyfzYW+G0yW+uVwTtWncUk
0Fs=
-----END CERTIFICATE-----
`,
};

function respond(answer: () => Answer, server: TinyServer) {
  return (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      server.requests++;
      const a = answer();
      if (a === 'hang') return;
      res.writeHead(a.status, { 'Content-Length': String(Buffer.byteLength(a.body ?? '')), ...a.headers });
      res.end(a.body ?? '');
    });
  };
}

async function listen(server: ReturnType<typeof createServer>, scheme: 'http' | 'https', tiny: TinyServer): Promise<TinyServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tiny.url = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tiny.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return tiny;
}

/** Answers every request the same way; the answer is read per request so a test can change it. */
export async function startTinyServer(answer: () => Answer): Promise<TinyServer> {
  const tiny: TinyServer = { url: '', requests: 0, close: async () => undefined };
  return listen(createServer(respond(answer, tiny)), 'http', tiny);
}

export async function startSelfSignedServer(answer: () => Answer): Promise<TinyServer> {
  const tiny: TinyServer = { url: '', requests: 0, close: async () => undefined };
  return listen(createTlsServer(SELF_SIGNED, respond(answer, tiny)) as unknown as ReturnType<typeof createServer>, 'https', tiny);
}

/** Clients with static keys, so no shared AWS files are needed; the SDK still signs, retries and parses. */
export async function clientsAt(endpoint: string, options: ClientOptions = {}): Promise<GatewayClients> {
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTINY';
  process.env.AWS_SECRET_ACCESS_KEY = 'tiny-secret';
  process.env.AWS_SESSION_TOKEN = SESSION_TOKEN;
  try {
    const clients = await createClients({ region: 'us-east-1', endpoint }, options);
    // The environment provider reads the variables on first use, so resolve them while they are set.
    await clients.v1.config.credentials();
    await clients.v2.config.credentials();
    return clients;
  } finally {
    restore('AWS_ACCESS_KEY_ID', saved.id);
    restore('AWS_SECRET_ACCESS_KEY', saved.secret);
    restore('AWS_SESSION_TOKEN', saved.token);
  }
}

export const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN';

function restore(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** A port nothing listens on: one just released by a server of this process. */
export async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
