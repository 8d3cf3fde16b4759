import { describeConnection, displayEndpoint, ENDPOINT_SETTING, type Connection } from './connection';
import { connectTimeoutOf, errorChain, errorCodes, isForeignAnswer, isNetworkFailure, isThrottling, notProvided, statusOf, type ErrorLike, type NotProvided, type RawResponse } from './errorFacts';
import { cleanSdkText } from './redact';
import { counted } from '../sentences';

/** What the user can do about a failure; the tree and notifications turn these into buttons. */
export type Remedy = 'retry' | 'chooseProfile' | 'chooseRegion' | 'configureEndpoint' | 'ssoLogin';

export interface ExplainedError {
  /** One sentence naming the connection and what went wrong, then what to do. */
  message: string;
  remedies: Remedy[];
  /** The SDK's error name, kept for logs. */
  code: string;
}

/** What every rule gets to look at; built once per error. */
interface Failure {
  error: ErrorLike | undefined;
  codes: string[];
  /** The most specific code of the error and its causes (`primaryCode`). */
  primary: string | undefined;
  /** The raw message with secrets removed: it is quoted to the user. */
  text: string;
  where: string;
  /** The endpoint called, as the user may see it. */
  target: string;
  connection: Connection;
  attempts?: number;
  status?: number;
  profileHint: string;
  has(...names: string[]): boolean;
}

type Rule = (f: Failure) => ExplainedError | undefined;

/** The most specific code: Node's system and TLS codes are more telling than the generic "Error" name. */
function primaryCode(chain: ErrorLike[]): string | undefined {
  for (const e of chain) {
    if (e.code) return e.code;
    if (e.name && e.name !== 'Error') return e.name;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return cleanSdkText(error instanceof Error ? error.message : String(error));
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function endpointRemedies(f: Failure): Remedy[] {
  return f.connection.endpoint ? ['retry', 'configureEndpoint'] : ['retry', 'chooseRegion'];
}

const endpointSetting: Rule = (f) => f.has('EndpointSettingError')
  ? { code: 'EndpointSettingError', message: f.text, remedies: ['configureEndpoint'] }
  : undefined;

const ssoSession: Rule = (f) => {
  if (!(/sso/i.test(f.text) && /(expired|refresh|token)/i.test(f.text))) return undefined;
  const profile = f.connection.profile;
  return {
    code: f.primary ?? 'SsoSessionExpired',
    message: `The SSO session for ${f.profileHint} has expired or is missing (${f.where}). Run "aws sso login${profile ? ` --profile ${profile}` : ''}" in a terminal, then retry.`,
    remedies: ['ssoLogin', 'retry', 'chooseProfile'],
  };
};

const noCredentials: Rule = (f) => f.has('CredentialsProviderError') || /could not load credentials/i.test(f.text)
  ? {
    code: 'CredentialsProviderError',
    message: `No AWS credentials found for ${f.where}. Choose a profile from ~/.aws/config or ~/.aws/credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. (${f.text})`,
    remedies: ['chooseProfile', 'retry'],
  }
  : undefined;

/** AWS rejects a signature dated more than five minutes from its own clock; new keys would not help. */
const clockSkew: Rule = (f) => {
  const skewed = f.has('RequestTimeTooSkewed', 'RequestInTheFuture', 'RequestExpired')
    || (f.has('InvalidSignatureException', 'SignatureDoesNotMatch', 'AuthFailure') && /signature expired|is now (earlier|later) than|not yet current/i.test(f.text));
  if (!skewed) return undefined;
  return {
    code: f.primary ?? 'RequestTimeTooSkewed',
    message: `AWS rejected the request time for ${f.where}: the system clock of this computer is probably wrong (${f.text}). Check the system clock and time zone, turn on automatic time synchronisation, then retry.`,
    remedies: ['retry'],
  };
};

/** Temporary credentials (SSO, assumed roles, MFA sessions) expire; the keys themselves are fine. */
const expiredSession: Rule = (f) => {
  const expired = f.has('ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired')
    || (f.has('UnrecognizedClientException', 'InvalidClientTokenId') && /token[^.]*expired/i.test(f.text));
  if (!expired) return undefined;
  const profile = f.connection.profile;
  return {
    code: f.primary ?? 'ExpiredToken',
    message: `The session credentials of ${f.where} have expired. Refresh them, e.g. "aws sso login${profile ? ` --profile ${profile}` : ''}" for an SSO profile or new temporary keys for ${f.profileHint}, then retry.`,
    remedies: ['ssoLogin', 'retry', 'chooseProfile'],
  };
};

const badCredentials: Rule = (f) => f.has('UnrecognizedClientException', 'InvalidSignatureException', 'InvalidClientTokenId', 'SignatureDoesNotMatch')
  ? {
    code: f.primary ?? 'UnrecognizedClientException',
    message: `AWS did not accept the credentials of ${f.where}: the access key is unknown or the secret is wrong. Check the keys of ${f.profileHint} or choose another profile.`,
    remedies: ['chooseProfile', 'retry'],
  }
  : undefined;

const accessDenied: Rule = (f) => f.has('AccessDeniedException', 'AccessDenied')
  ? {
    code: f.primary ?? 'AccessDenied',
    message: `Access denied for ${f.where}: the identity lacks an API Gateway permission (apigateway:GET, POST, PUT, PATCH or DELETE). ${f.text}`,
    remedies: ['chooseProfile', 'retry'],
  }
  : undefined;

/** A 429 is throttling whoever sent it; the SDK already retried it as such. */
const throttled: Rule = (f) => isThrottling(f.error)
  ? {
    code: f.has('SyntaxError', 'Unknown') ? 'HTTP 429' : f.primary ?? 'TooManyRequestsException',
    message: `API Gateway is throttling requests from ${f.where}${f.attempts ? ` (still throttled after ${counted(f.attempts, 'attempt')})` : ''}. Wait a moment and retry.`,
    remedies: ['retry'],
  }
  : undefined;

const proxyAuthentication: Rule = (f) => f.status === 407
  ? {
    code: 'HTTP 407',
    message: `A proxy between this computer and ${f.target} requires authentication (HTTP 407 Proxy Authentication Required; ${f.where}). Configure the proxy credentials (HTTPS_PROXY or VS Code's http.proxy setting) or ask for the endpoint to be reachable without the proxy.`,
    remedies: endpointRemedies(f),
  }
  : undefined;

/** The services by their signing names, as the user knows them. */
const SERVICE_NAMES: Record<string, string> = {
  apigateway: 'API Gateway v1 (REST APIs)',
  apigatewayv2: 'API Gateway v2 (HTTP and WebSocket APIs)',
};

/** The service a custom endpoint answered it does not provide; AWS itself provides both in every region. */
export function endpointLacksService(error: unknown, connection: Connection): NotProvided | undefined {
  return connection.endpoint ? notProvided(error) : undefined;
}

/** An endpoint that does not provide a whole service: asking again cannot help, another endpoint can. */
const serviceNotProvided: Rule = (f) => {
  const missing = endpointLacksService(f.error, f.connection);
  if (!missing) return undefined;
  const service = SERVICE_NAMES[missing.service] ?? `the ${missing.service} service`;
  const other = missing.service === 'apigatewayv2' ? ' REST APIs still work there.' : '';
  const why = missing.localStack
    ? ` The answer is LocalStack's: its community edition does not include ${service}, which only its paid editions (or AWS) provide.${other}`
    : ` Use an endpoint that provides it, or AWS.${other}`;
  return {
    code: 'HTTP 501',
    message: `The endpoint ${f.target} does not provide ${service}: it answered HTTP 501 Not Implemented (${f.where}).${why}`,
    remedies: ['configureEndpoint'],
  };
};

function bodyKind(response: RawResponse | undefined, empty: boolean): string {
  if (empty) return 'an empty body';
  const type = response?.headers?.['content-type'] ?? '';
  if (/html/i.test(type)) return 'an HTML page';
  if (/json/i.test(type)) return 'JSON that is not an API Gateway answer';
  if (/^text\//i.test(type)) return 'plain text';
  return 'a body that is not JSON';
}

function foreignAnswerAdvice(status: number, hasEndpoint: boolean): string {
  const setting = hasEndpoint ? `is the setting ${ENDPOINT_SETTING} wrong` : 'is the network redirecting AWS traffic';
  if (status >= 200 && status < 300) return `Is a captive portal or proxy login page in the way (sign in through a browser), or ${setting}?`;
  if (status === 404) return `Is it another web server, or ${setting}?`;
  return `Is a proxy in the way, or ${setting}?`;
}

/**
 * API Gateway always answers JSON and names its errors in x-amzn-errortype. Anything else came from something
 * else: a proxy, a captive portal, another web server; the SDK's parse error would only confuse.
 */
const foreignAnswer: Rule = (f) => {
  if (f.status === undefined || !isForeignAnswer(f.error)) return undefined;
  const empty = !f.has('SyntaxError');
  return {
    code: `HTTP ${f.status}`,
    message: `The endpoint ${f.target} answered HTTP ${f.status} with ${bodyKind(f.error?.$response, empty)}, not an API Gateway response (${f.where}). ${foreignAnswerAdvice(f.status, !!f.connection.endpoint)}`,
    remedies: endpointRemedies(f),
  };
};

const UNTRUSTED_CERTIFICATE = ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE'];
const CERTIFICATE_DATES = ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'];
const CERTIFICATE_NAME = ['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH'];

function certificateAdvice(code: string, f: Failure): string {
  if (CERTIFICATE_DATES.includes(code)) return 'Check the system clock; if it is right, the server must renew its certificate.';
  if (CERTIFICATE_NAME.includes(code)) return `Check the host name in ${f.connection.endpoint ? `the setting ${ENDPOINT_SETTING}` : 'the region'}: the certificate is for another name.`;
  const local = f.connection.endpoint?.startsWith('https:') ? ` For a local endpoint, http:// in ${ENDPOINT_SETTING} avoids TLS altogether.` : '';
  return `If a corporate proxy or the endpoint uses its own certificate authority, start VS Code with NODE_EXTRA_CA_CERTS set to that CA's PEM file.${local}`;
}

const certificate: Rule = (f) => {
  const code = [...UNTRUSTED_CERTIFICATE, ...CERTIFICATE_DATES, ...CERTIFICATE_NAME].find((c) => f.has(c));
  if (!code) return undefined;
  return {
    code,
    message: `The TLS certificate of ${f.target} was not accepted (${code}: ${f.text}; ${f.where}). ${certificateAdvice(code, f)}`,
    remedies: endpointRemedies(f),
  };
};

/** OpenSSL's "wrong version number": the client spoke TLS and the server answered in plain HTTP. */
const notTls: Rule = (f) => {
  if (!(f.has('EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER') || /wrong version number/i.test(f.text))) return undefined;
  const advice = f.connection.endpoint?.startsWith('https:')
    ? `The server probably speaks plain HTTP: use ${f.connection.endpoint.replace(/^https:/, 'http:')} in ${ENDPOINT_SETTING}.`
    : 'Something between this computer and AWS (a proxy?) does not speak TLS.';
  return { code: f.primary ?? 'EPROTO', message: `The TLS handshake with ${f.target} failed (${f.where}). ${advice}`, remedies: endpointRemedies(f) };
};

/** Our own request timeout: the endpoint accepted the connection and then said nothing. */
const noAnswer: Rule = (f) => {
  const limit = /exceeded the configured (\d+) ms requestTimeout|timed out after (\d+) ms of inactivity/.exec(f.text);
  if (!f.has('TimeoutError') || !limit) return undefined;
  const tries = f.attempts && f.attempts > 1 ? ` on each of ${f.attempts} attempts` : '';
  return {
    code: 'RequestTimeout',
    message: `${f.target} accepted the connection but did not answer; the request timed out after ${seconds(Number(limit[1] ?? limit[2]))}${tries} (${f.where}). ${f.connection.endpoint ? `Is the endpoint overloaded or stuck, or is ${ENDPOINT_SETTING} pointing at the wrong port?` : 'Check the network connection, a proxy, or the AWS Health Dashboard.'}`,
    remedies: endpointRemedies(f),
  };
};

const unreachable: Rule = (f) => {
  if (!isNetworkFailure(f.error)) return undefined;
  const connectLimit = connectTimeoutOf(f.error);
  const why = connectLimit !== undefined ? `no connection within ${seconds(connectLimit)}` : f.text;
  const plainToTls = f.has('ECONNRESET') && f.connection.endpoint?.startsWith('http:') ? ' If the server expects TLS, use https://.' : '';
  return {
    code: f.codes.find((c) => /^E[A-Z_]+$/.test(c)) ?? f.primary ?? 'TimeoutError',
    message: `Cannot reach ${f.target} (${f.where}): ${why}. ${f.connection.endpoint ? `Is the local endpoint running? Check the setting ${ENDPOINT_SETTING}.${plainToTls}` : 'Check the network connection and the region.'}`,
    remedies: endpointRemedies(f),
  };
};

const unknownEndpoint: Rule = (f) => f.has('UnknownEndpoint') || /getaddrinfo|unknown endpoint/i.test(f.text)
  ? { code: f.primary ?? 'UnknownEndpoint', message: `Cannot resolve the endpoint for ${f.where}: ${f.text}`, remedies: ['chooseRegion', 'configureEndpoint', 'retry'] }
  : undefined;

function fallback(f: Failure): ExplainedError {
  const code = f.primary ?? 'Error';
  const status = f.status !== undefined && f.has('Unknown') ? `HTTP ${f.status}: ` : '';
  return { code, message: `API Gateway call failed for ${f.where}: ${status}${code !== 'Error' && code !== 'Unknown' ? `${code}: ` : ''}${f.text}`, remedies: ['retry'] };
}

/** Order matters: specific causes first, e.g. an expired token before "the access key is unknown". */
const RULES: Rule[] = [
  endpointSetting, ssoSession, noCredentials, clockSkew, expiredSession, badCredentials, accessDenied, throttled,
  proxyAuthentication, serviceNotProvided, foreignAnswer, certificate, notTls, noAnswer, unreachable, unknownEndpoint,
];

function failureOf(error: unknown, connection: Connection): Failure {
  const chain = errorChain(error);
  const codes = errorCodes(error);
  const first = chain[0];
  return {
    error: first,
    codes,
    primary: primaryCode(chain),
    text: messageOf(error),
    where: describeConnection(connection),
    target: connection.endpoint ? displayEndpoint(connection.endpoint) : `the API Gateway endpoint of ${connection.region}`,
    connection,
    attempts: first?.$metadata?.attempts,
    status: statusOf(first),
    profileHint: connection.profile ? `profile "${connection.profile}"` : 'the default profile',
    has: (...names) => names.some((n) => codes.includes(n)),
  };
}

/** Turns an SDK or network failure into a message naming the profile, region and endpoint, and the fix. */
export function explainAwsError(error: unknown, connection: Connection): ExplainedError {
  const failure = failureOf(error, connection);
  for (const rule of RULES) {
    const explained = rule(failure);
    if (explained) return explained;
  }
  return fallback(failure);
}
