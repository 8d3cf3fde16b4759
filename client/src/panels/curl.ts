import type { HttpRequestSpec } from './invokeRequest';

/** Characters a POSIX shell passes through unquoted. */
const SAFE = /^[A-Za-z0-9_\-.,/:=@%+]+$/;

/**
 * Quotes one argument for a POSIX shell (sh, bash, zsh): single quotes keep everything literal except the single
 * quote itself, which closes the quoted run, is escaped, and reopens it.
 */
export function shellQuote(argument: string): string {
  if (argument !== '' && SAFE.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

export interface CurlOptions {
  /** Sign with curl's own SigV4 support, the keys taken from the environment when the command runs. */
  sigv4?: { region: string; service?: string };
}

/** A curl command line that sends the same request, one option per line. */
export function toCurl(request: HttpRequestSpec, options: CurlOptions = {}): string {
  const method = request.method.toUpperCase();
  const first = ['curl', '-i'];
  if (method === 'HEAD') first.push('--head');
  else if (method !== 'GET' || request.body !== undefined) first.push('-X', shellQuote(method));
  first.push(shellQuote(request.url));
  const lines = [first.join(' ')];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (options.sigv4) {
    lines.push(`--aws-sigv4 ${shellQuote(`aws:amz:${options.sigv4.region}:${options.sigv4.service ?? 'execute-api'}`)}`);
    // Double quotes on purpose: the shell expands the variables, so no secret is ever written into the command.
    lines.push('--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
    lines.push('-H "x-amz-security-token: $AWS_SESSION_TOKEN"');
  }
  if (request.body !== undefined) lines.push(`--data-raw ${shellQuote(request.body)}`);
  return lines.join(' \\\n  ');
}
