import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
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
 * signature is recomputed over the signed headers and compared; otherwise only its form is checked.
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
  if (declaredHash && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== createHash('sha256').update(request.body).digest('hex')) {
    return { ok: false, type: 'INVALID_SIGNATURE', message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
  }
  if (!credentials || credentials.length === 0) return { ok: true };
  const known = credentials.find((c) => c.accessKeyId === parsed.accessKeyId);
  if (!known) return { ok: false, type: 'INVALID_SIGNATURE', message: 'The security token included in the request is invalid.' };
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) if (request.headers[name] !== undefined) headers[name] = request.headers[name];
  const signer = new SignatureV4({
    credentials: { accessKeyId: known.accessKeyId, secretAccessKey: known.secretAccessKey },
    region: parsed.region,
    service: parsed.service,
    sha256: Sha256,
    uriEscapePath: true,
  });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(request.query)) query[k] = v.length === 1 ? v[0] : v;
  const [hostname, port] = (request.headers.host ?? 'localhost').split(':');
  const signed = await signer.sign(
    { method: request.method, protocol: 'https:', hostname, port: port ? Number(port) : undefined, path: request.path, query, headers, body: request.body },
    { signingDate, signableHeaders: new Set(parsed.signedHeaders), signingRegion: parsed.region, signingService: parsed.service },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? signed.headers.Authorization))?.[1];
  if (expected !== parsed.signature) {
    return {
      ok: false,
      type: 'INVALID_SIGNATURE',
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return { ok: true, credentials: known };
}
