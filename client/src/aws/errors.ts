import { describeConnection, type Connection } from './connection';

/** What the user can do about a failure; the tree and notifications turn these into buttons. */
export type Remedy = 'retry' | 'chooseProfile' | 'chooseRegion' | 'configureEndpoint' | 'ssoLogin';

export interface ExplainedError {
  /** One sentence naming the connection and what went wrong, then what to do. */
  message: string;
  remedies: Remedy[];
  /** The SDK's error name, kept for logs. */
  code: string;
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  cause?: unknown;
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as ErrorLike;
    if (e.name) codes.push(e.name);
    if (e.code) codes.push(e.code);
    current = e.cause;
  }
  return codes;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Turns an SDK or network failure into a message naming the profile, region and endpoint, and the fix. */
export function explainAwsError(error: unknown, connection: Connection): ExplainedError {
  const codes = errorCodes(error);
  const text = messageOf(error);
  const where = describeConnection(connection);
  const has = (...names: string[]) => names.some((n) => codes.includes(n));
  const attempts = (error as ErrorLike | undefined)?.$metadata?.attempts;
  const profileHint = connection.profile ? `profile "${connection.profile}"` : 'the default profile';

  if (/sso/i.test(text) && /(expired|refresh|token)/i.test(text)) {
    return {
      code: codes[0] ?? 'SsoSessionExpired',
      message: `The SSO session for ${profileHint} has expired or is missing (${where}). Run "aws sso login${connection.profile ? ` --profile ${connection.profile}` : ''}" in a terminal, then retry.`,
      remedies: ['ssoLogin', 'retry', 'chooseProfile'],
    };
  }
  if (has('CredentialsProviderError') || /could not load credentials/i.test(text)) {
    return {
      code: codes[0] ?? 'CredentialsProviderError',
      message: `No AWS credentials found for ${where}. Choose a profile from ~/.aws/config or ~/.aws/credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. (${text})`,
      remedies: ['chooseProfile', 'retry'],
    };
  }
  if (has('UnrecognizedClientException', 'InvalidSignatureException', 'InvalidClientTokenId', 'SignatureDoesNotMatch')) {
    return {
      code: codes[0],
      message: `AWS did not accept the credentials of ${where}: the access key is unknown or the secret is wrong. Check the keys of ${profileHint} or choose another profile.`,
      remedies: ['chooseProfile', 'retry'],
    };
  }
  if (has('ExpiredTokenException', 'ExpiredToken', 'RequestExpired')) {
    return {
      code: codes[0],
      message: `The session credentials of ${where} have expired. Refresh them (for SSO: "aws sso login"), then retry.`,
      remedies: ['ssoLogin', 'retry', 'chooseProfile'],
    };
  }
  if (has('AccessDeniedException', 'AccessDenied')) {
    return {
      code: codes[0],
      message: `Access denied for ${where}: the identity lacks an API Gateway permission (apigateway:GET, POST, PUT, PATCH or DELETE). ${text}`,
      remedies: ['chooseProfile', 'retry'],
    };
  }
  if (has('TooManyRequestsException', 'ThrottlingException', 'Throttling', 'LimitExceededException')) {
    return {
      code: codes[0],
      message: `API Gateway is throttling requests from ${where}${attempts ? ` (still throttled after ${attempts} attempts)` : ''}. Wait a moment and retry.`,
      remedies: ['retry'],
    };
  }
  if (has('ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'TimeoutError', 'EHOSTUNREACH')) {
    const target = connection.endpoint ?? `the API Gateway endpoint of ${connection.region}`;
    return {
      code: codes.find((c) => /^E[A-Z_]+$/.test(c)) ?? codes[0],
      message: `Cannot reach ${target} (${where}): ${text}. ${connection.endpoint ? 'Is the local endpoint running? Check the setting apigateway.aws.endpoint.' : 'Check the network connection and the region.'}`,
      remedies: connection.endpoint ? ['retry', 'configureEndpoint'] : ['retry', 'chooseRegion'],
    };
  }
  if (has('UnknownEndpoint') || /getaddrinfo|unknown endpoint/i.test(text)) {
    return { code: codes[0] ?? 'UnknownEndpoint', message: `Cannot resolve the endpoint for ${where}: ${text}`, remedies: ['chooseRegion', 'configureEndpoint', 'retry'] };
  }
  return {
    code: codes[0] ?? 'Error',
    message: `API Gateway call failed for ${where}: ${codes[0] && codes[0] !== 'Error' ? `${codes[0]}: ` : ''}${text}`,
    remedies: ['retry'],
  };
}
