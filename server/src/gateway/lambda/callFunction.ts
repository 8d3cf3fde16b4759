import { randomUUID } from 'node:crypto';
import type { ExecutionLog } from '../executionLog';
import type { LocalConfig } from '../localConfig';
import { findLocalFunction, lambdaTarget } from './functions';
import type { LambdaHost, LambdaOutcome } from './lambdaHost';

export interface FunctionCaller {
  config: LocalConfig;
  host: LambdaHost;
  region: string;
  accountId: string;
}

export type CallResult = { outcome: LambdaOutcome; functionName: string; requestId: string } | { notConfigured: string };

/** Invokes the local handler configured for a Lambda invocation URI, logging the call as the execution log does. */
export async function callFunction(caller: FunctionCaller, uri: string, event: unknown, log: ExecutionLog): Promise<CallResult> {
  const target = lambdaTarget(uri);
  if (!target) return { notConfigured: `${uri} is not a Lambda function ARN or invocation URI` };
  const fn = findLocalFunction(caller.config, target);
  if (!fn) {
    return { notConfigured: `no local handler for Lambda function ${target.name}: add it under "functions" in .apigateway/local.json` };
  }
  const region = target.region ?? caller.region;
  const arn = target.arn.startsWith('arn:') ? target.arn : `arn:aws:lambda:${region}:${caller.accountId}:function:${target.arn}`;
  const requestId = randomUUID();
  log.add(`Sending request to local handler ${fn.handler}#${fn.export ?? 'handler'} for ${arn}`);
  const outcome = await caller.host.invoke(fn, { functionName: target.name, invokedFunctionArn: arn, requestId, event, region });
  const logs = outcome.logs.trimEnd();
  if (logs) for (const line of logs.split('\n').slice(0, 200)) log.add(`Lambda log: ${line}`);
  log.add(`Lambda ${outcome.coldStart ? 'cold start, ' : ''}duration ${outcome.durationMs.toFixed(2)} ms, RequestId: ${requestId}`);
  return { outcome, functionName: target.name, requestId };
}
