import { invokesLambda } from '../../model/integrationUris';
import { configurationFault } from '../configurationFaults';
import { logBody } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { callFunction } from '../lambda/callFunction';
import { requestTraceId } from '../methodRequest';
import { substituteUriVariables } from '../stageVariables';
import { logLambdaRequest } from './lambdaLog';
import { integrationResponse, transformRequest } from './nonProxy';
import { deadline, withDeadline } from './timeout';
import { integrationTimeoutMs, type IntegrationContext, type IntegrationResult } from './types';

/**
 * Whether an AWS integration calls a Lambda function: by its URI as written, so that a stage variable missing from
 * the function's ARN still fails as a Lambda call; when variables decide the form, by the URI as the stage fills it.
 */
export function callsLambda(ctx: IntegrationContext): boolean {
  return invokesLambda(String(ctx.integration.uri ?? '')) ?? (invokesLambda(calledUri(ctx)) === true);
}

function calledUri({ integration, request, functions }: IntegrationContext): string {
  return substituteUriVariables(String(integration.uri ?? ''), request.stageVariables, functions.region, functions.accountId);
}

/**
 * AWS (custom) integration with Lambda: the request template's output is the event; a function error is
 * matched by its `errorMessage` against the `responses` patterns, a success takes `default`.
 */
export async function runLambdaCustom(ctx: IntegrationContext): Promise<IntegrationResult> {
  const { request, log } = ctx;
  const transformed = await transformRequest(ctx);
  const uri = calledUri(ctx);
  // The event is the template's output, not the request: only the log's call to Lambda shows the trace id.
  const traceId = log.enabled ? requestTraceId(request) : undefined;
  logLambdaRequest(ctx, uri, traceId);
  log.add(`Endpoint request body after transformations: ${logBody(transformed.body)}`);
  let event: unknown;
  const payload = transformed.body.toString();
  try {
    event = payload.trim() === '' ? {} : JSON.parse(payload);
  } catch (error) {
    log.add(`Execution failed: the Lambda payload is not JSON (${error instanceof Error ? error.message : String(error)})`);
    throw new GatewayError('API_CONFIGURATION_ERROR', 'Internal server error');
  }
  const clock = deadline(integrationTimeoutMs(ctx));
  const call = await withDeadline(callFunction(ctx.functions, uri, event, log, { eventText: payload, traceId, onStart: clock.start }), clock);
  if (call === 'timeout') {
    log.add(`Execution failed due to a timeout error (${integrationTimeoutMs(ctx)} ms)`);
    throw new GatewayError('INTEGRATION_TIMEOUT', 'Endpoint request timed out');
  }
  if ('notConfigured' in call) throw configurationFault(call.notConfigured, ctx.model.dialect === 'http', log);
  if ('rejected' in call) {
    // REST answers take the error type header from the gateway's table, HTTP APIs' do not. HTTP APIs have no custom
    // integrations, but a definition that has one anyway keeps the header it has always had.
    const headers = ctx.model.dialect === 'http' ? { 'x-amzn-ErrorType': 'BadRequestException' } : undefined;
    throw new GatewayError('REQUEST_TOO_LARGE', 'Request Too Long', { headers });
  }
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
