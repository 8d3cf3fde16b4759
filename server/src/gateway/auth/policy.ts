import type { Json } from '../requestContext';

export type PolicyDecision = 'allow' | 'deny' | 'implicit-deny' | 'invalid';

/**
 * Evaluates an authorizer's IAM policy for `execute-api:Invoke` on the method ARN: an explicit Deny wins, then an
 * Allow; nothing matching is an implicit deny. `*` and `?` are IAM wildcards.
 */
export function evaluatePolicy(policy: unknown, methodArn: string): PolicyDecision {
  if (typeof policy !== 'object' || policy === null) return 'invalid';
  const statements = (policy as Json).Statement;
  const list = Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : undefined;
  if (!list) return 'invalid';
  let allowed = false;
  for (const raw of list) {
    if (typeof raw !== 'object' || raw === null) return 'invalid';
    const s = raw as Json;
    const effect = String(s.Effect ?? '');
    if (effect !== 'Allow' && effect !== 'Deny') return 'invalid';
    const actions = toList(s.Action);
    const resources = toList(s.Resource);
    if (!actions.some((a) => wildcardMatch(a.toLowerCase(), 'execute-api:invoke'))) continue;
    if (!resources.some((r) => wildcardMatch(r, methodArn))) continue;
    if (effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}

function toList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}

const patternCache = new Map<string, RegExp>();

export function wildcardMatch(pattern: string, text: string): boolean {
  let regex = patternCache.get(pattern);
  if (!regex) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, 's');
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(pattern, regex);
  }
  return regex.test(text);
}

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`, the ARN an authorizer policy names. */
export function methodArn(region: string, accountId: string, apiId: string, stage: string, method: string, path: string): string {
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}/${path.replace(/^\//, '')}`;
}
