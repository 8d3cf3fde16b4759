import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/** Writes a whole answer, with a Content-Length so the SDK reads a complete body rather than waiting for more. */
export function writeAnswer(res: ServerResponse, answer: Exclude<Answer, 'hang'>): void {
  res.writeHead(answer.status, { 'Content-Length': String(Buffer.byteLength(answer.body ?? '')), ...answer.headers });
  res.end(answer.body ?? '');
}

function respond(answer: () => Answer, server: TinyServer) {
  return (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      server.requests++;
      const a = answer();
      if (a === 'hang') return;
      writeAnswer(res, a);
    });
  };
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on a free loopback port. Closing drops open connections first: the SDK keeps them alive, and a hanging
 * answer holds its socket, so a plain close would wait for them.
 */
export async function listenLocally(server: Server, scheme: 'http' | 'https' = 'http'): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Answers every request the same way; the answer is read per request so a test can change it. */
export async function startTinyServer(answer: () => Answer): Promise<TinyServer> {
  const tiny: TinyServer = { url: '', requests: 0, close: async () => undefined };
  return Object.assign(tiny, await listenLocally(createServer(respond(answer, tiny))));
}

export async function startSelfSignedServer(answer: () => Answer): Promise<TinyServer> {
  const tiny: TinyServer = { url: '', requests: 0, close: async () => undefined };
  return Object.assign(tiny, await listenLocally(createTlsServer(SELF_SIGNED, respond(answer, tiny)) as unknown as Server, 'https'));
}

export const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN';

/** Clients with static keys, so no shared AWS files are needed; the SDK still signs, retries and parses. */
export async function clientsAt(endpoint: string, options: ClientOptions = {}): Promise<GatewayClients> {
  // With a session token, as temporary credentials have, it is signed into requests and AWS echoes it in signature errors.
  const credentials = async () => ({ accessKeyId: 'AKIDTINY', secretAccessKey: 'tiny-secret', sessionToken: SESSION_TOKEN });
  return createClients({ region: 'us-east-1', endpoint }, { ...options, credentials: options.credentials ?? credentials });
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
