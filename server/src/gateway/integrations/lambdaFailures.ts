import { configurationFault } from '../configurationFaults';
import { logBody, type ExecutionLog } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import type { CallResult, InvokedCall } from '../lambda/callFunction';

/** Throws API Gateway's answer to a call that never reached the function: no local handler, or an event over Lambda's limit. */
export function assertInvoked(call: CallResult, httpApi: boolean, log: ExecutionLog): asserts call is InvokedCall {
  if ('notConfigured' in call) throw configurationFault(call.notConfigured, httpApi, log);
  if ('rejected' in call) {
    // REST APIs pass Lambda's 413 on as their own "Request Too Long"; HTTP APIs fail the integration.
    if (!httpApi) throw new GatewayError('REQUEST_TOO_LARGE', 'Request Too Long');
    log.add(`Execution failed: ${call.rejected.errorMessage}`);
    throw lambdaFailure(httpApi);
  }
}

/** Logs a function error as API Gateway does and returns the gateway's answer to it. */
export function functionFailure(call: InvokedCall, httpApi: boolean, log: ExecutionLog): GatewayError {
  const { outcome } = call;
  if (!outcome.ok) {
    // The error payload as Lambda returns it: the error's type and message, and the stack as `trace`.
    if (log.enabled) log.add(`Endpoint response body before transformations: ${logBody(JSON.stringify(outcome.error))}`);
    log.add(`Lambda execution failed with status 200 due to customer function error: ${outcome.error.errorMessage}. Lambda request id: ${call.requestId}`);
  }
  return lambdaFailure(httpApi);
}

/** REST answers a failed or malformed Lambda proxy call with 502; HTTP APIs with 500. */
export function lambdaFailure(httpApi: boolean): GatewayError {
  return httpApi ? new GatewayError('INTEGRATION_FAILURE', 'Internal Server Error', { status: 500 }) : new GatewayError('DEFAULT_5XX', 'Internal server error', { status: 502 });
}
