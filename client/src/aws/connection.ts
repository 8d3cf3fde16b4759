import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
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
  return { connection, v1: new APIGatewayClient(config), v2: new ApiGatewayV2Client(config) };
}

export function destroyClients(clients: GatewayClients): void {
  clients.v1.destroy();
  clients.v2.destroy();
}
