import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getOwn } from '../../model/jsonObjects';
import type { LocalCredentials } from '../localConfig';

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261121/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex`. */
export function parseAuthorization(header: string): ParsedAuthorization | { error: string } {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
  if (!m) return { error: `Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header}` };
  const fields: Record<string, string> = {};
  for (const part of m[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((f) => !fields[f]);
  if (missing.length) return { error: missing.map((f) => `Authorization header requires '${f}' parameter.`).join(' ') };
  const scope = fields.Credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') return { error: `Credential should be scoped to a valid region. Credential=${fields.Credential}` };
  return {
    accessKeyId: scope[0],
    date: scope[1],
    region: scope[2],
    service: scope[3],
    signedHeaders: fields.SignedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature: fields.Signature,
  };
}

export interface SignedRequest {
  method: string;
  /** The path the client signed, as sent (base path and stage included). */
  path: string;
  query: Record<string, string[]>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string | Buffer;
}

export type SignatureCheck = { ok: true; credentials?: LocalCredentials } | { ok: false; type: 'MISSING_AUTHENTICATION_TOKEN' | 'INVALID_SIGNATURE' | 'UNAUTHORIZED'; message: string };

/**
 * IAM authorization: the request must carry a SigV4 Authorization header. With local credentials configured, the
 * signature is recomputed over the headers the client signed and compared; otherwise only its form is checked.
 */
export async function checkSignature(request: SignedRequest, credentials: LocalCredentials[] | undefined): Promise<SignatureCheck> {
  const header = request.headers.authorization;
  if (!header) return { ok: false, type: 'MISSING_AUTHENTICATION_TOKEN', message: 'Missing Authentication Token' };
  const parsed = parseAuthorization(header);
  if ('error' in parsed) return { ok: false, type: 'INVALID_SIGNATURE', message: parsed.error };
  const amzDate = request.headers['x-amz-date'];
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return { ok: false, type: 'INVALID_SIGNATURE', message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." };
  }
  const declaredHash = request.headers['x-amz-content-sha256'];
  if (declaredHash && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== sha256Hex(request.body)) {
    return { ok: false, type: 'INVALID_SIGNATURE', message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
  }
  if (!credentials || credentials.length === 0) return { ok: true };
  const known = credentials.find((c) => c.accessKeyId === parsed.accessKeyId);
  if (!known) return { ok: false, type: 'INVALID_SIGNATURE', message: 'The security token included in the request is invalid.' };
  // Temporary credentials sign with their session token, which the request carries in X-Amz-Security-Token; a
  // missing or other token is refused as an unknown key is, and so is a token sent with long-term credentials.
  if ((request.headers['x-amz-security-token'] ?? '') !== (known.sessionToken ?? '')) {
    return { ok: false, type: 'INVALID_SIGNATURE', message: 'The security token included in the request is invalid.' };
  }
  const expected = signatureFor(request, parsed, amzDate, known.secretAccessKey);
  if (!sameSignature(expected, parsed.signature)) {
    return {
      ok: false,
      type: 'INVALID_SIGNATURE',
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return { ok: true, credentials: known };
}

/**
 * The signature the client should have sent, computed as AWS's "Create a signed AWS API request" describes it, over
 * exactly the headers its SignedHeaders names. Signers differ in what they sign: botocore, awscurl and
 * requests-aws4auth sign `host;x-amz-date` for execute-api, the JavaScript SDK adds `x-amz-content-sha256`.
 */
function signatureFor(request: SignedRequest, auth: ParsedAuthorization, amzDate: string, secretAccessKey: string): string {
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    canonicalQuery(request.query),
    auth.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(getOwn(request.headers, name) ?? '')}\n`).join(''),
    auth.signedHeaders.join(';'),
    payloadHash(request),
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, auth.date);
  for (const part of [auth.region, auth.service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, stringToSign).toString('hex');
}

/**
 * The hash that ends the canonical request: the client's `x-amz-content-sha256` when it sent one (signed or not, as
 * the AWS signers put it there), else the hash of the body as received.
 */
function payloadHash(request: SignedRequest): string {
  return request.headers['x-amz-content-sha256'] ?? sha256Hex(request.body);
}

/**
 * The path without empty, `.` and `..` segments, each byte URI-encoded again: services other than S3 sign the
 * already encoded path encoded a second time (`%20` is signed as `%2520`).
 */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailing}`;
}

/** Names and values URI-encoded, sorted by name and then by value. */
function canonicalQuery(query: Record<string, string[]>): string {
  const pairs: Array<[string, string]> = [];
  for (const [name, values] of Object.entries(query)) for (const value of values) pairs.push([uriEncode(name), uriEncode(value)]);
  pairs.sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Leading and trailing spaces removed, runs of spaces made one. */
function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** RFC 3986 encoding: everything but letters, digits and `-._~`. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}
