import { methodArn } from '../auth/policy';
import { logBody, logMap } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { callFunction, lambdaRequestHeaders } from '../lambda/callFunction';
import { lambdaInvokeUrl } from '../lambda/functions';
import { substituteUriVariables } from '../stageVariables';
import { integrationResponse, transformRequest } from './nonProxy';
import { withTimeout } from './timeout';
import { integrationTimeoutMs, type IntegrationContext, type IntegrationResult } from './types';

/**
 * AWS (custom) integration with Lambda: the request template's output is the event; a function error is
 * matched by its `errorMessage` against the `responses` patterns, a success takes `default`.
 */
export async function runLambdaCustom(ctx: IntegrationContext): Promise<IntegrationResult> {
  const { request, log, integration } = ctx;
  const transformed = transformRequest(ctx);
  const uri = substituteUriVariables(String(integration.uri ?? ''), request.stageVariables, ctx.functions.region, ctx.functions.accountId);
  log.add(`Endpoint request URI: ${lambdaInvokeUrl(uri, ctx.functions.region)}`);
  if (log.enabled) {
    const apiId = String(request.context.apiId);
    const sourceArn = methodArn(ctx.functions.region, ctx.functions.accountId, apiId, request.stage, request.method, request.path);
    log.add(`Endpoint request headers: ${logMap(lambdaRequestHeaders({ requestId: String(request.context.requestId), apiId, sourceArn }))}`);
  }
  log.add(`Endpoint request body after transformations: ${logBody(transformed.body)}`);
  let event: unknown;
  const payload = transformed.body.toString();
  try {
    event = payload.trim() === '' ? {} : JSON.parse(payload);
  } catch (error) {
    log.add(`Execution failed: the Lambda payload is not JSON (${error instanceof Error ? error.message : String(error)})`);
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  const call = await withTimeout(callFunction(ctx.functions, uri, event, log, { eventText: payload }), integrationTimeoutMs(ctx));
  if (call === 'timeout') {
    log.add(`Execution failed due to a timeout error (${integrationTimeoutMs(ctx)} ms)`);
    throw new GatewayError('INTEGRATION_TIMEOUT', 'Endpoint request timed out');
  }
  if ('notConfigured' in call) {
    log.add(`Execution failed due to configuration error: ${call.notConfigured}`);
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error', { headers: { 'x-local-gateway-error': call.notConfigured } });
  }
  if ('rejected' in call) throw new GatewayError('REQUEST_TOO_LARGE', 'Request Too Long', { status: 413, headers: { 'x-amzn-ErrorType': 'BadRequestException' } });
  const { outcome } = call;
  if (outcome.ok) {
    const body = JSON.stringify(outcome.result);
    log.add(`Endpoint response body before transformations: ${logBody(body)}`);
    return integrationResponse(ctx, { type: 'lambda', body }, transformed.render);
  }
  const body = JSON.stringify(outcome.error);
  log.add(`Endpoint response body before transformations: ${logBody(body)}`);
  log.add(`Lambda function error: ${outcome.error.errorMessage}`);
  return integrationResponse(ctx, { type: 'lambda', errorMessage: outcome.error.errorMessage, body }, transformed.render);
}
