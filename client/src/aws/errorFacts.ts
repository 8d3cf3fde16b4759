/**
 * What a failed SDK call says about itself. The explanations, the call log and the deploy's decisions (repeat a
 * creating call? was the API deleted? may the change have happened?) read the same facts, so they cannot disagree.
 */

export interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
}

export interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: RawResponse;
  cause?: unknown;
}

/** The error and its causes, outermost first; Node and the SDK nest system errors only a few levels deep. */
export function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

/** Every name and code along the chain: the SDK's error names and Node's system and TLS codes. */
export function errorCodes(error: unknown): string[] {
  return errorChain(error).flatMap((e) => [e.name, e.code].filter((c): c is string => !!c));
}

function hasCode(error: unknown, codes: readonly string[]): boolean {
  return errorCodes(error).some((c) => codes.includes(c));
}

/** The HTTP status of the answer, if one arrived. */
export function statusOf(error: unknown): number | undefined {
  const e = error as ErrorLike | undefined;
  return e?.$metadata?.httpStatusCode ?? e?.$response?.statusCode;
}

const THROTTLING = ['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'LimitExceededException'];

/**
 * A request refused for its rate: whoever answers 429 refused it before doing any work, which is also how the SDK's
 * retry policy reads it, so sending it again cannot do the work twice.
 */
export function isThrottling(error: unknown): boolean {
  return statusOf(error) === 429 || hasCode(error, THROTTLING);
}

/** System errors of a connection that was never made: no name resolution, refused, no route. */
const NO_CONNECTION = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** The limit of the SDK's connect timeout, when that is what failed; its error has no system code, only this text. */
export function connectTimeoutOf(error: unknown): number | undefined {
  if (!hasCode(error, ['TimeoutError'])) return undefined;
  for (const e of errorChain(error)) {
    const limit = /did not establish a connection[^.]* within the configured timeout of (\d+) ms/.exec(e.message ?? '');
    if (limit) return Number(limit[1]);
  }
  return undefined;
}

/**
 * The request reached nobody: no connection was made, or no credentials were found to sign it. A request timeout
 * (ETIMEDOUT) or a broken connection is not among them: the request may have been carried out before it failed.
 */
export function neverSent(error: unknown): boolean {
  return hasCode(error, [...NO_CONNECTION, 'CredentialsProviderError']) || connectTimeoutOf(error) !== undefined;
}

/** The network path failed rather than an answer: no connection, or one that broke or went silent. */
export function isNetworkFailure(error: unknown): boolean {
  return hasCode(error, [...NO_CONNECTION, 'ETIMEDOUT', 'ECONNRESET', 'TimeoutError']);
}

/**
 * An HTTP answer that did not come from API Gateway, which always answers JSON and names its errors in
 * x-amzn-errortype: a body the SDK could not parse, or an empty one without that header.
 */
export function isForeignAnswer(error: unknown): boolean {
  const e = error as ErrorLike | undefined;
  if (statusOf(error) === undefined || !e?.$response) return false;
  if (hasCode(error, ['SyntaxError'])) return true;
  return hasCode(error, ['Unknown']) && e.message === 'UnknownError' && !e.$response.headers?.['x-amzn-errortype'];
}

/** An error API Gateway itself named in x-amzn-errortype; a proxy or another server does not send that header. */
export function isGatewayError(error: unknown, name: string): boolean {
  const e = error as ErrorLike | undefined;
  return e?.name === name && !!e.$response?.headers?.['x-amzn-errortype'];
}

/** The service a failed call went to (`apigateway` or `apigatewayv2`, both of which sign as `apigateway`), set by the clients. */
export const FAILED_SERVICE = Symbol('API Gateway service of a failed call');

/**
 * The answer of LocalStack for a service or action its edition lacks, in the wording of its versions before and
 * after 2025 (localstack/utils/coverage_docs.py): "API for service 'apigatewayv2' not yet implemented or pro
 * feature …", "The API for service 'apigatewayv2' is either not included in your current license plan or has not yet
 * been emulated by LocalStack …".
 */
const LOCALSTACK_LACKS = /not yet implemented or pro feature|not included in your current license plan|not yet been emulated by LocalStack/i;

export interface NotProvided {
  /** The service the endpoint does not provide, e.g. `apigatewayv2`. */
  service: string;
  /** The answer is LocalStack's own, which gives its edition as the reason. */
  localStack: boolean;
}

/**
 * An answer of HTTP 501 Not Implemented: the endpoint does not provide the service (or the operation) at all, as
 * LocalStack's community edition answers every API Gateway v2 call. Such a server did nothing with the request.
 */
export function notProvided(error: unknown): NotProvided | undefined {
  if (statusOf(error) !== 501 || isForeignAnswer(error)) return undefined;
  const text = (error as ErrorLike).message ?? '';
  const service = /for service '([\w-]+)'/.exec(text)?.[1] ?? (error as { [FAILED_SERVICE]?: string })[FAILED_SERVICE];
  return service ? { service, localStack: LOCALSTACK_LACKS.test(text) } : undefined;
}
