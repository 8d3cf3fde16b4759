import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { AwsCredentialIdentityProvider, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { FAILED_SERVICE, isForeignAnswer, isNetworkFailure, type ErrorLike } from './errorFacts';
import { listProfiles } from './profiles';
import { cleanSdkText, replaceEndpointUserInfo } from './redact';
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

/**
 * The profile and the region, decided the way the CLI does: explicit setting, then the environment, then the
 * profile's own region. What signs a request needs, whatever the endpoint setting says.
 */
export async function resolveProfileRegion(settings: Pick<ConnectionSettings, 'profile' | 'region'>, env: NodeJS.ProcessEnv = process.env): Promise<Omit<Connection, 'endpoint'>> {
  const profile = blankToUndefined(settings.profile) ?? blankToUndefined(env.AWS_PROFILE);
  let region = blankToUndefined(settings.region) ?? blankToUndefined(env.AWS_REGION) ?? blankToUndefined(env.AWS_DEFAULT_REGION);
  if (!region) {
    const profiles = await listProfiles(env);
    region = profiles.find((p) => p.name === (profile ?? 'default'))?.region;
  }
  return { profile, region: region ?? FALLBACK_REGION };
}

/** The whole connection: profile and region (`resolveProfileRegion`) and the endpoint setting, refused when unusable. */
export async function resolveConnection(settings: ConnectionSettings, env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  const endpoint = checkedEndpoint(blankToUndefined(settings.endpoint)?.replace(/\/+$/, ''));
  return { ...(await resolveProfileRegion(settings, env)), endpoint };
}

export const ENDPOINT_SETTING = 'apigateway.aws.endpoint';

/** The endpoint setting cannot be used as it is; the message names the setting and a working example. */
export class EndpointSettingError extends Error {
  override readonly name = 'EndpointSettingError';
}

/**
 * Without a scheme the SDK misreads the value ("localhost:4566" becomes scheme "localhost:" and the calls go to
 * some other host) or fails deep inside with "Invalid URL", so only absolute http(s) URLs are accepted.
 */
function checkedEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  const problem = endpointProblem(endpoint);
  if (problem) {
    throw new EndpointSettingError(`The setting ${ENDPOINT_SETTING} is "${displayEndpoint(endpoint)}", ${problem}. Use a full URL such as http://localhost:4566, or leave the setting empty to use AWS.`);
  }
  return endpoint;
}

function endpointProblem(endpoint: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)) return 'which does not start with http:// or https://';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'which is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `whose scheme ${url.protocol}// is neither http:// nor https://`;
  if (!url.hostname) return 'which names no host';
  return undefined;
}

/** The endpoint as shown to the user: credentials in its user-info part stay hidden. */
export function displayEndpoint(endpoint: string): string {
  return replaceEndpointUserInfo(endpoint, '***@');
}

export function describeConnection(connection: Connection): string {
  const who = connection.profile ? `profile "${connection.profile}"` : 'default credentials';
  const where = connection.endpoint ? `endpoint ${displayEndpoint(connection.endpoint)}` : 'AWS';
  return `${who}, region ${connection.region}, ${where}`;
}

export interface ClientOptions {
  /** Attempts per call including the first; the SDK's standard retry policy decides what is retried. */
  maxAttempts?: number;
  /** Milliseconds to wait for a TCP connection before the attempt fails. */
  connectionTimeoutMs?: number;
  /** Milliseconds to wait for the response to start once connected before the attempt fails. */
  requestTimeoutMs?: number;
  /** Told about every call once it ends; sees the command's input, never the credentials, signature or session token. */
  onCall?: (entry: CallLogEntry) => void;
  /**
   * Credentials of clients already made for the connection. A new chain would resolve them again: another AssumeRole,
   * credential_process run or SSO cache read.
   */
  credentials?: AwsCredentialIdentityProvider;
}

export interface CallLogEntry {
  service: 'apigateway' | 'apigatewayv2';
  command: string;
  /** The input with document bodies replaced by their size and stage-variable values hidden. */
  input: Record<string, unknown>;
  ms: number;
  attempts?: number;
  error?: string;
  /** The call failed on the way (no connection, a broken one, an answer that was not API Gateway's). */
  unreachable?: boolean;
}

/**
 * Bodies are whole API definitions: the log names their size rather than repeating them. Stage variables often hold
 * back-end keys and passwords: the log names them, never their values.
 */
export function summariseInput(input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    if (value instanceof Uint8Array) out[key] = `<${value.byteLength} bytes>`;
    else if ((key === 'Body' || key === 'body') && typeof value === 'string') out[key] = `<${value.length} characters>`;
    else out[key] = withoutVariableValues(key, value);
  }
  return out;
}

const HIDDEN = '<hidden>';

/** The maps of stage variables in v1 and v2 inputs: a stage's, a deployment's, and a canary's overrides. */
const VARIABLE_MAPS = new Set(['variables', 'StageVariables', 'stageVariableOverrides']);

/** Patch paths that set one stage variable, on the stage or on its canary. */
const VARIABLE_PATH = /^\/(variables|canarySettings\/stageVariableOverrides)\//;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function withoutVariableValues(key: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutVariableValues('', item));
  // Dates and other class instances are left to JSON.stringify, which shows them as it always did.
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value);
  if (VARIABLE_MAPS.has(key)) return Object.fromEntries(entries.map(([name]) => [name, HIDDEN]));
  const patch = value as { path?: unknown; value?: unknown };
  if (typeof patch.path === 'string' && VARIABLE_PATH.test(patch.path) && patch.value !== undefined) return { ...patch, value: HIDDEN };
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutVariableValues(k, v)]));
}

/** Long enough for API Gateway to import a large definition, short enough that a stuck endpoint is reported. */
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * Builds both API Gateway clients for a connection. The SDK is loaded here, on first use, so activation stays fast.
 */
export async function createClients(connection: Connection, options: ClientOptions = {}): Promise<GatewayClients> {
  checkedEndpoint(connection.endpoint);
  const [{ APIGatewayClient }, { ApiGatewayV2Client }, { fromNodeProviderChain }] = await Promise.all([
    import('@aws-sdk/client-api-gateway'),
    import('@aws-sdk/client-apigatewayv2'),
    import('@aws-sdk/credential-providers'),
  ]);
  const credentials = options.credentials ?? fromNodeProviderChain(connection.profile ? { profile: connection.profile } : {});
  const config = {
    region: connection.region,
    credentials,
    endpoint: connection.endpoint,
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'standard',
    // Without throwOnRequestTimeout, @smithy/node-http-handler 4.x only logs a warning when requestTimeout passes and
    // waits forever for an endpoint that accepted the connection but never answers.
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5000,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  };
  const v1 = new APIGatewayClient(config);
  const v2 = new ApiGatewayV2Client(config);
  v1.middlewareStack.add(serviceOfFailure('apigateway'), { step: 'initialize', name: 'apigatewayStudioServiceOfFailure' });
  v2.middlewareStack.add(serviceOfFailure('apigatewayv2'), { step: 'initialize', name: 'apigatewayStudioServiceOfFailure' });
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

/** SDK errors do not say which service answered; an endpoint that lacks one service is explained by its name. */
function serviceOfFailure(service: CallLogEntry['service']): InitializeMiddleware<object, MetadataBearer> {
  return (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      if (error && typeof error === 'object' && !Object.isFrozen(error)) Object.defineProperty(error, FAILED_SERVICE, { value: service, configurable: true });
      throw error;
    }
  };
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
      onCall({ ...entry, ms: Date.now() - started, attempts: meta?.attempts, error: describeFailure(error), unreachable: isNetworkFailure(error) || isForeignAnswer(error) });
      throw error;
    }
  };
}

/** One log line for a failed call: secrets removed, and the HTTP answer named when its body was not understood. */
export function describeFailure(error: unknown): string {
  const e = error as ErrorLike | undefined;
  const code = e?.code && e.code !== e.name ? ` [${e.code}]` : '';
  const type = e?.$response?.headers?.['content-type'];
  const answer = isForeignAnswer(error) ? ` [HTTP ${e?.$response?.statusCode}${type ? `, ${type}` : ''}]` : '';
  return `${e?.name ?? 'Error'}${code}: ${cleanSdkText(String(e?.message ?? error))}${answer}`;
}
