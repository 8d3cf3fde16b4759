/**
 * A short name for what an integration calls, for tree descriptions: the Lambda function (with alias or version),
 * the HTTP host and path, or the AWS service action.
 */
export function integrationTarget(type: string | undefined, uri: string | undefined, subtype?: string): string {
  const kind = (type ?? '').toUpperCase();
  if (kind === 'MOCK') return 'mock';
  if (subtype) return subtype;
  if (!uri) return kind ? kind.toLowerCase() : '';
  const lambda = lambdaFunctionName(uri);
  if (lambda) return `λ ${lambda}`;
  const service = /^arn:aws[\w-]*:apigateway:[^:]*:([^:]+):(?:path|action)\/(.+)$/.exec(uri);
  if (service) return `${service[1]}: ${service[2]}`;
  if (/^https?:\/\//.test(uri)) {
    try {
      const url = new URL(uri.replace(/\{[^}]*\}/g, (m) => encodeURIComponent(m)));
      return `${url.host}${decodeURIComponent(url.pathname) === '/' ? '' : decodeURIComponent(url.pathname)}`;
    } catch {
      return uri;
    }
  }
  return uri;
}

/** The function name (plus `:alias`) inside a Lambda invocation URI or a plain Lambda ARN; undefined otherwise. */
export function lambdaFunctionName(uri: string): string | undefined {
  const match = /arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^/:]+(?::[^/:]+)?)/.exec(uri);
  return match?.[1];
}
