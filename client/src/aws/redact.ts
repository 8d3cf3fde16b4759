/**
 * Hides secrets in text that came from the SDK or a server. A bad-signature answer echoes the canonical request,
 * which lists the signed headers with their values (the session token among them), and a proxy may echo the
 * Authorization header; none of that may reach the output channel or a notification.
 */

const REDACTED = '<redacted>';

/** Multi-line blocks AWS quotes in signature errors; everything from the label to the closing quote goes. */
const SIGNING_BLOCKS: RegExp[] = [
  /(The Canonical String for this request should have been)\s*'[^']*(?:'|$)/gi,
  /(The String-to-Sign should have been)\s*'[^']*(?:'|$)/gi,
  /(<(CanonicalRequest|CanonicalRequestBytes|StringToSign|StringToSignBytes)>)[\s\S]*?(?:<\/\2>|$)/g,
];

const SECRET_VALUES: [RegExp, string][] = [
  // Header form ("x-amz-security-token:abc") and query form ("X-Amz-Security-Token=abc").
  [/(x-amz-security-token\s*[:=]\s*)[^\s&'",]+/gi, `$1${REDACTED}`],
  // Header form ("Authorization: Bearer x") and JSON form ('"Authorization":"Bearer x"'); the value runs to the line end.
  [/(\bauthorization["']?\s*[:=]\s*["']?)[^\r\n'"]+/gi, `$1${REDACTED}`],
  [/(\bcookie["']?\s*[:=]\s*["']?)[^\r\n'"]+/gi, `$1${REDACTED}`],
  [/(\bx-api-key["']?\s*[:=]\s*["']?)[^\s&'",;}]+/gi, `$1${REDACTED}`],
  [/(\b(?:X-Amz-)?Signature\s*=\s*)[0-9a-f]{16,}/gi, `$1${REDACTED}`],
  // Keeps the scope (date/region/service) that helps diagnose, hides the access key id in front of it.
  [/(\b(?:X-Amz-)?Credential\s*=\s*)[^/\s,&%]+(\/|%2F)/gi, `$1${REDACTED}$2`],
  [/(\b(?:aws_secret_access_key|aws_session_token|aws_security_token|SecretAccessKey|SessionToken)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${REDACTED}`],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, REDACTED],
];

/**
 * Replaces the user-info of every URL ("http://user:pass@host") so credentials given in an endpoint stay hidden. It
 * runs to the last "@" before the path, as URL parsers read it: a password may hold an unescaped "@" itself.
 */
export function hideUrlUserInfo(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s'"]+@/gi, '$1***@');
}

/**
 * An endpoint with its user-info replaced by `shown`: everything before its last "@" goes, since a password may hold
 * a raw "/" or "@" that URL patterns would cut short, and a value missing its scheme ("user:pass@host") has one too.
 */
export function replaceEndpointUserInfo(endpoint: string, shown: string): string {
  const at = endpoint.lastIndexOf('@');
  if (at < 0) return endpoint;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(endpoint)?.[0] ?? '';
  return `${scheme}${shown}${endpoint.slice(at + 1)}`;
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const block of SIGNING_BLOCKS) out = out.replace(block, `$1 ${REDACTED}`);
  for (const [pattern, replacement] of SECRET_VALUES) out = out.replace(pattern, replacement);
  return hideUrlUserInfo(out);
}

/** SDK error text fit to show: secrets removed, and the hint about a hidden field, meant for a debugger, dropped. */
export function cleanSdkText(text: string): string {
  return redactSecrets(text.replace(/\n\s*Deserialization error: to see the raw response.*$/s, '').trim());
}
