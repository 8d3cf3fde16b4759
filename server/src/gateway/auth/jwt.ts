import { createPublicKey, verify } from 'node:crypto';
import type { Jwks } from '../localConfig';
import type { Json } from '../requestContext';

export interface DecodedJwt {
  header: Json;
  claims: Json;
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

export interface JwtCheck {
  /** Accepted issuers; any when empty. */
  issuers: string[];
  /** Accepted audiences, compared with `aud` or, without one, (Cognito access tokens) `client_id`; any when empty. */
  audiences: string[];
  /** Scopes of the route: at least one must be in the token's `scope` / `scp`; none required when empty. */
  scopes: string[];
  jwks: Jwks | undefined;
  nowSeconds?: number;
}

export type JwtResult =
  | { ok: true; claims: Json; scopes: string[]; signatureChecked: boolean }
  | { ok: false; reason: string; /** Missing scope is a 403, everything else a 401. */ forbidden?: boolean; expired?: boolean };

/**
 * Checks the token as API Gateway's JWT and Cognito authorizers do: issuer, audience, time window (`exp` after now,
 * `nbf` and `iat` not after it), scopes, RS256 signature.
 */
export function checkJwt(token: string, check: JwtCheck): JwtResult {
  const decoded = decodeJwt(token);
  if (!decoded) return { ok: false, reason: 'the token is not a JWT' };
  const { header, claims } = decoded;
  const now = check.nowSeconds ?? Math.floor(Date.now() / 1000);
  let signatureChecked = false;
  if (check.jwks) {
    if (header.alg !== 'RS256') return { ok: false, reason: `unsupported signing algorithm ${String(header.alg)}; only RS256 is accepted` };
    const candidates = check.jwks.keys.filter((k) => header.kid === undefined || k.kid === header.kid);
    if (candidates.length === 0) return { ok: false, reason: `no key with kid ${String(header.kid)} in the configured JWKS` };
    const valid = candidates.some((jwk) => {
      try {
        const key = createPublicKey({ key: jwk as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
        return verify('RSA-SHA256', Buffer.from(decoded.signingInput), key, decoded.signature);
      } catch {
        return false;
      }
    });
    if (!valid) return { ok: false, reason: 'the signature does not match the configured keys' };
    signatureChecked = true;
  }
  if (check.issuers.length && !check.issuers.some((iss) => sameIssuer(iss, claims.iss))) {
    return { ok: false, reason: `issuer ${String(claims.iss)} is not accepted` };
  }
  if (check.audiences.length) {
    const aud = tokenAudiences(claims);
    if (!aud.some((a) => check.audiences.includes(a))) return { ok: false, reason: `audience ${aud.join(', ') || '(none)'} is not accepted` };
  }
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'the token has no exp claim' };
  if (claims.exp <= now) return { ok: false, reason: 'the token has expired', expired: true };
  if (typeof claims.nbf === 'number' && claims.nbf > now) return { ok: false, reason: 'the token is not valid yet (nbf)' };
  if (typeof claims.iat === 'number' && claims.iat > now) return { ok: false, reason: 'the token was issued in the future (iat)' };
  const scopes = tokenScopes(claims);
  if (check.scopes.length && !check.scopes.some((s) => scopes.includes(s))) {
    return { ok: false, reason: `the token lacks the scopes ${check.scopes.join(', ')}`, forbidden: true };
  }
  return { ok: true, claims, scopes, signatureChecked };
}

/**
 * What the token says its audience is: `aud`, or `client_id` (Cognito access tokens) only when there is no `aud`.
 * A token that has both is judged by `aud` alone.
 */
function tokenAudiences(claims: Json): string[] {
  if (Array.isArray(claims.aud)) return claims.aud.map(String);
  if (claims.aud !== undefined) return [String(claims.aud)];
  return claims.client_id !== undefined ? [String(claims.client_id)] : [];
}

function tokenScopes(claims: Json): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(' ').filter(Boolean);
  if (Array.isArray(claims.scp)) return claims.scp.map(String);
  if (typeof claims.scp === 'string') return claims.scp.split(' ').filter(Boolean);
  return [];
}

function sameIssuer(expected: string, actual: unknown): boolean {
  return typeof actual === 'string' && expected.replace(/\/$/, '') === actual.replace(/\/$/, '');
}

/** The issuer of a Cognito user pool ARN: `arn:aws:cognito-idp:{region}:{account}:userpool/{poolId}`. */
export function cognitoIssuer(providerArn: string): string | undefined {
  const m = /^arn:[^:]+:cognito-idp:([^:]+):[^:]*:userpool\/(.+)$/.exec(providerArn);
  return m ? `https://cognito-idp.${m[1]}.amazonaws.com/${m[2]}` : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
