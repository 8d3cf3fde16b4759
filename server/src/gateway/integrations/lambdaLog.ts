import { methodArn } from '../auth/policy';
import { logMap } from '../executionLog';
import { lambdaRequestHeaders } from '../lambda/callFunction';
import { lambdaInvokeUrl } from '../lambda/functions';
import type { IntegrationContext } from './types';

/**
 * The "Endpoint request URI" and "Endpoint request headers" lines of an integration's call to Lambda's Invoke API
 * (the request body's line is the integration's own). `traceId` adds the request's `X-Amzn-Trace-Id`.
 */
export function logLambdaRequest({ request, log, functions }: IntegrationContext, uri: string, traceId?: string): void {
  if (!log.enabled) return;
  log.add(`Endpoint request URI: ${lambdaInvokeUrl(uri, functions.region)}`);
  const apiId = String(request.context.apiId);
  const sourceArn = methodArn(functions.region, functions.accountId, apiId, request.stage, request.method, request.path);
  log.add(`Endpoint request headers: ${logMap(lambdaRequestHeaders({ requestId: String(request.context.requestId), apiId, sourceArn, traceId }))}`);
}
