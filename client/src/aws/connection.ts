import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { listProfiles } from './profiles';
import { FALLBACK_REGION } from './regions';

/** What the user chose in settings; empty values mean "as the SDK would decide". */
export interface ConnectionSettings {
  profile?: string;
  region?: string;
  endpoint?: string;
}

/** The connection actually used: region decided, endpoint normalised, profile named for messages. */
export interface Connection {
  /** The profile given to the credential chain; undefined means the chain's default order (env first). */
  profile?: string;
  region: string;
  endpoint?: string;
}

export interface GatewayClients {
  connection: Connection;
  v1: APIGatewayClient;
  v2: ApiGatewayV2Client;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Decides the region the way the CLI does: explicit setting, then the environment, then the profile's own region. */
export async function resolveConnection(settings: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  const profile = blankToUndefined(settings.profile) ?? blankToUndefined(env.AWS_PROFILE);
  let region = blankToUndefined(settings.region) ?? blankToUndefined(env.AWS_REGION) ?? blankToUndefined(env.AWS_DEFAULT_REGION);
  if (!region) {
    const profiles = await listProfiles(env);
    region = profiles.find((p) => p.name === (profile ?? 'default'))?.region;
  }
  const endpoint = blankToUndefined(settings.endpoint)?.replace(/\/+$/, '');
  return { profile, region: region ?? FALLBACK_REGION, endpoint };
}

export function describeConnection(connection: Connection): string {
  const who = connection.profile ? `profile "${connection.profile}"` : 'default credentials';
  const where = connection.endpoint ? `endpoint ${connection.endpoint}` : 'AWS';
  return `${who}, region ${connection.region}, ${where}`;
}

export interface ClientOptions {
  /** Attempts per call including the first; the SDK's standard retry policy decides what is retried. */
  maxAttempts?: number;
  /** Milliseconds to wait for a TCP connection before the attempt fails. */
  connectionTimeoutMs?: number;
  /** Told about every call once it ends; sees the command's input, never the credentials or request signature. */
  onCall?: (entry: CallLogEntry) => void;
}

export interface CallLogEntry {
  service: 'apigateway' | 'apigatewayv2';
  command: string;
  /** The input with document bodies replaced by their size. */
  input: Record<string, unknown>;
  ms: number;
  attempts?: number;
  error?: string;
}

/** Bodies are whole API definitions: the log names their size rather than repeating them. */
export function summariseInput(input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    if (value instanceof Uint8Array) out[key] = `<${value.byteLength} bytes>`;
    else if ((key === 'Body' || key === 'body') && typeof value === 'string') out[key] = `<${value.length} characters>`;
    else out[key] = value;
  }
  return out;
}

/**
 * Builds both API Gateway clients for a connection. The SDK is loaded here, on first use, so activation stays fast.
 */
export async function createClients(connection: Connection, options: ClientOptions = {}): Promise<GatewayClients> {
  const [{ APIGatewayClient }, { ApiGatewayV2Client }, { fromNodeProviderChain }] = await Promise.all([
    import('@aws-sdk/client-api-gateway'),
    import('@aws-sdk/client-apigatewayv2'),
    import('@aws-sdk/credential-providers'),
  ]);
  const credentials = fromNodeProviderChain(connection.profile ? { profile: connection.profile } : {});
  const config = {
    region: connection.region,
    credentials,
    endpoint: connection.endpoint,
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: options.connectionTimeoutMs ?? 5000, requestTimeout: 60_000 },
  };
  const v1 = new APIGatewayClient(config);
  const v2 = new ApiGatewayV2Client(config);
  if (options.onCall) {
    v1.middlewareStack.add(callLog('apigateway', options.onCall), { step: 'initialize', name: 'apigatewayStudioCallLog' });
    v2.middlewareStack.add(callLog('apigatewayv2', options.onCall), { step: 'initialize', name: 'apigatewayStudioCallLog' });
  }
  return { connection, v1, v2 };
}

export function destroyClients(clients: GatewayClients): void {
  clients.v1.destroy();
  clients.v2.destroy();
}

function callLog(service: CallLogEntry['service'], onCall: (entry: CallLogEntry) => void): InitializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    const started = Date.now();
    const entry = { service, command: String(context.commandName ?? 'call'), input: summariseInput(args.input) };
    try {
      const output = await next(args);
      onCall({ ...entry, ms: Date.now() - started, attempts: output.output.$metadata?.attempts });
      return output;
    } catch (error) {
      const meta = (error as { $metadata?: { attempts?: number } }).$metadata;
      onCall({ ...entry, ms: Date.now() - started, attempts: meta?.attempts, error: `${(error as Error).name}: ${(error as Error).message}` });
      throw error;
    }
  };
}
