import type { LocalConfig, LocalFunction } from '../localConfig';

export interface FunctionTarget {
  /** `arn:aws:lambda:region:account:function:name[:qualifier]`, or the bare name when the URI gave only that. */
  arn: string;
  name: string;
  qualifier?: string;
  region?: string;
}

/**
 * The Lambda function an integration or authorizer URI points at: the API Gateway invocation form
 * `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`, or (HTTP APIs) the
 * function ARN itself.
 */
export function lambdaTarget(uri: string): FunctionTarget | undefined {
  const invocation = /:lambda:path\/[^/]+\/functions\/(.+?)\/(?:response-streaming-)?invocations$/.exec(uri);
  const arn = invocation ? decodeURIComponent(invocation[1]) : uri;
  const parts = /^arn:[^:]+:lambda:([^:]*):([^:]*):function:([^:]+)(?::(.+))?$/.exec(arn);
  if (parts) return { arn, name: parts[3], qualifier: parts[4], region: parts[1] || undefined };
  if (/^[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(arn)) {
    const [name, qualifier] = arn.split(':');
    return { arn, name, qualifier };
  }
  return undefined;
}

/** Whether an invocation URI calls InvokeWithResponseStream (`2021-11-15/functions/{functionArn}/response-streaming-invocations`). */
export function isStreamingInvocation(uri: string): boolean {
  return /:lambda:path\/2021-11-15\/functions\/.+\/response-streaming-invocations$/.test(uri);
}

/** The configured local handler: by full ARN, then `name:qualifier`, then name. */
export function findLocalFunction(config: LocalConfig, target: FunctionTarget): LocalFunction | undefined {
  const functions = config.functions ?? {};
  const keys = [target.arn, target.qualifier ? `${target.name}:${target.qualifier}` : undefined, target.name];
  for (const key of keys) if (key && functions[key]) return functions[key];
  // A configured ARN without the qualifier matches a qualified call of the same function, and vice versa.
  for (const [key, fn] of Object.entries(functions)) {
    const configured = lambdaTarget(key);
    if (configured && configured.name === target.name && (!configured.qualifier || !target.qualifier || configured.qualifier === target.qualifier)) return fn;
  }
  return undefined;
}

/** The Lambda Invoke URL API Gateway calls for an integration or authorizer URI, as its execution log shows it. */
export function lambdaInvokeUrl(uri: string, region: string): string {
  const m = /:lambda:path(\/.+)$/.exec(uri);
  return m ? `https://lambda.${region}.amazonaws.com${m[1]}` : `https://lambda.${region}.amazonaws.com/2015-03-31/functions/${uri}/invocations`;
}
