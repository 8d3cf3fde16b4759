import { randomUUID } from 'node:crypto';
import { logMap, type ExecutionLog } from '../executionLog';
import type { LocalConfig } from '../localConfig';
import { headAndTailLines } from './capturedOutput';
import { findLocalFunction, lambdaInvokeUrl, lambdaTarget } from './functions';
import { WORKERS_PER_FUNCTION, type LambdaErrorPayload, type LambdaHost, type LambdaOutcome, type ResponseSink } from './lambdaHost';

export interface FunctionCaller {
  config: LocalConfig;
  host: LambdaHost;
  region: string;
  accountId: string;
}

/** Lambda's limit on the request payload (the event) of a synchronous invocation, in bytes. */
export const MAX_EVENT_BYTES = 6_291_456;

/** How many lines of a function's output one execution log shows. */
const LOGGED_LINES = 200;

/** A call that reached the function, whatever its outcome. */
export interface InvokedCall {
  outcome: LambdaOutcome;
  functionName: string;
  requestId: string;
}

export type CallResult =
  | InvokedCall
  | { notConfigured: string }
  /** Lambda refused the invocation (the event is over its payload limit): the function did not run. */
  | { rejected: LambdaErrorPayload; status: number; requestId: string };

export interface CallOptions {
  /** The event as JSON, when the caller has written it already. */
  eventText?: string;
  /** The request's `X-Amzn-Trace-Id`, which Lambda's response headers echo. */
  traceId?: string;
  /** Invoke through InvokeWithResponseStream: the response's bytes go here as the function writes them. */
  stream?: ResponseSink;
  /** Called when the invocation has a worker, after any wait for one: where the integration timeout starts. */
  onStart?: () => void;
}

/**
 * Invokes the local handler configured for a Lambda invocation URI, logging the call as API Gateway's execution log
 * does (with the local handler, its output and its duration between AWS's lines), and keeping what the function
 * printed when the log collects it (`ExecutionLog.functionOutput`).
 */
export async function callFunction(caller: FunctionCaller, uri: string, event: unknown, log: ExecutionLog, options: CallOptions = {}): Promise<CallResult> {
  const target = lambdaTarget(uri);
  if (!target) return { notConfigured: `${uri} is not a Lambda function ARN or invocation URI` };
  const fn = findLocalFunction(caller.config, target);
  if (!fn) {
    return { notConfigured: `no local handler for Lambda function ${target.name}: add it under "functions" in .apigateway/local.json` };
  }
  const region = target.region ?? caller.region;
  const arn = target.arn.startsWith('arn:') ? target.arn : `arn:aws:lambda:${region}:${caller.accountId}:function:${target.arn}`;
  const requestId = randomUUID();
  if (log.enabled) {
    log.add(`Sending request to ${lambdaInvokeUrl(uri, caller.region)}`);
    log.add(`Sending request to local handler ${fn.handler}#${fn.export ?? 'handler'} for ${arn}`);
  }
  const eventBytes = Buffer.byteLength(options.eventText ?? JSON.stringify(event) ?? '');
  if (eventBytes > MAX_EVENT_BYTES) {
    const rejected = { errorType: 'RequestEntityTooLargeException', errorMessage: `Request must be smaller than ${MAX_EVENT_BYTES} bytes for the InvokeFunction operation` };
    log.add('Received response. Status: 413, Integration latency: 0 ms');
    if (log.enabled) log.add(`Endpoint response headers: ${logMap(lambdaResponseHeaders(requestId, JSON.stringify({ Type: 'User', message: rejected.errorMessage }), { 'x-amzn-ErrorType': rejected.errorType }))}`);
    log.add(`Lambda invocation failed with status: 413 (${rejected.errorType}: the event is ${eventBytes} bytes; ${rejected.errorMessage}). Lambda request id: ${requestId}`);
    return { rejected, status: 413, requestId };
  }
  const started = performance.now();
  // InvokeWithResponseStream answers with its status and headers as the first bytes arrive, before the function ends.
  let streamAnswered = false;
  const sink: ResponseSink | undefined = options.stream && {
    write: (chunk, contentType) => {
      if (!streamAnswered) {
        streamAnswered = true;
        log.add(`Received response. Status: 200, Integration latency: ${Math.round(performance.now() - started)} ms`);
        if (log.enabled) log.add(`Endpoint response headers: ${logMap(streamResponseHeaders(requestId, contentType, options.traceId))}`);
      }
      options.stream!.write(chunk, contentType);
    },
  };
  let queuedMs = 0;
  const onStart = (waited: number) => {
    queuedMs = waited;
    options.onStart?.();
  };
  const outcome = await caller.host.invoke(fn, { functionName: target.name, invokedFunctionArn: arn, requestId, event, region }, sink, onStart);
  if (queuedMs > 0) {
    log.add(`Waited ${Math.round(queuedMs)} ms for a free local worker: each function runs at most ${WORKERS_PER_FUNCTION} invocations at once here (Lambda would start more); the integration timeout counts from the end of the wait`);
  }
  const latency = Math.round(performance.now() - started);
  const logs = outcome.logs.trimEnd();
  const lines = logs ? logs.split(/\r?\n/) : [];
  // The end is where a crash leaves its reason: the log keeps it, as it keeps the start.
  for (const line of headAndTailLines(lines, LOGGED_LINES / 2, LOGGED_LINES / 2)) log.add(`Lambda log: ${line}`);
  log.add(`Lambda ${outcome.coldStart ? 'cold start, ' : ''}duration ${outcome.durationMs.toFixed(2)} ms, RequestId: ${requestId}`);
  if (streamAnswered) {
    if (!outcome.ok) log.add(`Lambda response stream ended with an error: ${outcome.error.errorType ?? 'Error'}: ${outcome.error.errorMessage}`);
  } else if (options.stream) {
    log.add(`Received response. Status: 200, Integration latency: ${latency} ms`);
    if (log.enabled) log.add(`Endpoint response headers: ${logMap(streamResponseHeaders(requestId, outcome.streamed?.contentType ?? 'application/octet-stream', options.traceId))}`);
  } else {
    // Lambda answers a function error with status 200 too; the error is in the payload and X-Amz-Function-Error.
    log.add(`Received response. Status: 200, Integration latency: ${latency} ms`);
  }
  if (log.enabled && !options.stream) {
    const payload = JSON.stringify(outcome.ok ? outcome.result : outcome.error) ?? 'null';
    const headers = lambdaResponseHeaders(requestId, payload, outcome.ok ? {} : { 'X-Amz-Function-Error': 'Unhandled' });
    headers['x-amzn-Remapped-Content-Length'] = '0';
    headers['X-Amz-Executed-Version'] = '$LATEST';
    if (options.traceId) headers['X-Amzn-Trace-Id'] = `${options.traceId.toLowerCase()};sampled=0`;
    log.add(`Endpoint response headers: ${logMap(headers)}`);
  }
  // A process that exited has its reason in the output already, as Lambda writes it to the function's log.
  const error = outcome.ok || outcome.kind === 'crash' ? undefined : outcome.error;
  if (log.functionOutput && (lines.length || error)) log.functionOutput.push(error ? { functionName: target.name, lines, error } : { functionName: target.name, lines });
  return { outcome, functionName: target.name, requestId };
}

export interface LambdaRequestSummary {
  /** The API Gateway request id, which Lambda receives as `x-amzn-lambda-integration-tag`. */
  requestId: string;
  apiId: string;
  /** The method ARN of the request. */
  sourceArn: string;
  traceId?: string;
}

/**
 * The headers of API Gateway's call to Lambda's Invoke API, as the execution log prints them: the SigV4 signature is
 * masked (there is none locally), the rest reads as on AWS.
 */
export function lambdaRequestHeaders(request: LambdaRequestSummary, now = new Date()): Record<string, string> {
  const headers: Record<string, string> = {
    'x-amzn-lambda-integration-tag': request.requestId,
    Authorization: '*'.repeat(100),
    'X-Amz-Date': now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, ''),
    'x-amzn-apigateway-api-id': request.apiId,
    'X-Amz-Source-Arn': request.sourceArn,
    Accept: 'application/json',
    'User-Agent': `AmazonAPIGateway_${request.apiId}`,
  };
  if (request.traceId) headers['X-Amzn-Trace-Id'] = request.traceId;
  return headers;
}

/**
 * The headers of Lambda's answer to an InvokeWithResponseStream call: the stream's content type (the function's, or
 * HttpResponseStream's `application/vnd.awslambda.http-integration-response`) and no length.
 */
function streamResponseHeaders(requestId: string, contentType: string, traceId: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    Date: new Date().toUTCString(),
    'Content-Type': contentType,
    'Transfer-Encoding': 'chunked',
    Connection: 'keep-alive',
    'x-amzn-RequestId': requestId,
    'X-Amz-Executed-Version': '$LATEST',
  };
  if (traceId) headers['X-Amzn-Trace-Id'] = `${traceId.toLowerCase()};sampled=0`;
  return headers;
}

/** The headers of Lambda's answer to an Invoke call, as the execution log prints them. */
function lambdaResponseHeaders(requestId: string, payload: string, extra: Record<string, string>): Record<string, string> {
  return {
    Date: new Date().toUTCString(),
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
    Connection: 'keep-alive',
    'x-amzn-RequestId': requestId,
    ...extra,
  };
}
