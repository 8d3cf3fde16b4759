import { headerValue } from '../../template/parameterMaps';
import { logBody, logMap } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { callFunction, type CallResult } from '../lambda/callFunction';
import { isStreamingInvocation } from '../lambda/functions';
import type { LambdaOutcome } from '../lambda/lambdaHost';
import { parseStreamMetadata } from '../lambda/proxyEvents';
import { gatewayOwnedHeaders, mergeHeaders } from '../responseHeaders';
import { assertInvoked, functionFailure, lambdaFailure } from './lambdaFailures';
import { LambdaStreamReader, METADATA_WINDOW_BYTES } from './lambdaStreamReader';
import { deadline } from './timeout';
import { integrationTimeoutMs, streamsResponse, type IntegrationContext, type IntegrationResult } from './types';

/** The call a Lambda proxy integration makes, as it built it. */
export interface LambdaRequest {
  uri: string;
  event: unknown;
  eventText: string;
  traceId?: string;
}

/**
 * Whether a REST Lambda proxy integration streams: `responseTransferMode: STREAM` with the InvokeWithResponseStream
 * URI. AWS does not document either half without the other (the editor warns of both); such an integration runs
 * buffered here, and the log says so.
 */
export function streamsFromLambda(ctx: IntegrationContext, uri: string): boolean {
  const mode = streamsResponse(ctx);
  const streamingUri = isStreamingInvocation(uri);
  if (mode && streamingUri) return true;
  if (mode) {
    ctx.log.add('responseTransferMode is STREAM, but the uri calls Invoke, not InvokeWithResponseStream (2021-11-15/functions/{functionArn}/response-streaming-invocations): the local gateway reads the response as a buffered Lambda proxy integration does');
  } else if (streamingUri) {
    ctx.log.add('The uri calls InvokeWithResponseStream, but responseTransferMode is not STREAM: the local gateway invokes the function and reads the response as a buffered Lambda proxy integration does');
  }
  return false;
}

/**
 * A streamed Lambda proxy integration (REST APIs): the function is invoked through InvokeWithResponseStream and its
 * output read as AWS's "Lambda proxy integration format for response streaming": metadata JSON (statusCode,
 * headers, multiValueHeaders, cookies), 8 NUL bytes, then the payload. Status and headers come from the metadata as
 * soon as the delimiter has arrived; the payload follows chunk by chunk, without mapping or binary media type rules.
 * The integration timeout (up to 15 minutes when streaming) covers the whole stream, from the moment the invocation has
 * its worker: a stream still running then is cut, as is one whose function fails after the response started.
 */
export async function runLambdaStreaming(ctx: IntegrationContext, lambda: LambdaRequest): Promise<IntegrationResult> {
  const { log } = ctx;
  const timeoutMs = integrationTimeoutMs(ctx);
  const reader = new LambdaStreamReader();
  const clock = deadline(timeoutMs);
  const calling = callFunction(ctx.functions, lambda.uri, lambda.event, log, { eventText: lambda.eventText, traceId: lambda.traceId, stream: reader, onStart: clock.start });
  const first = await Promise.race([reader.ready.then(() => 'metadata' as const), calling, clock.expired]);
  const prelude = reader.prelude;
  let metadata: ReturnType<typeof parseStreamMetadata> | undefined;
  if (prelude && 'metadata' in prelude) {
    if (log.enabled) log.add(`Endpoint response metadata: ${logBody(prelude.metadata)}`);
    metadata = parseStreamMetadata(prelude.metadata);
  }
  if (!metadata || 'malformed' in metadata) {
    // The response fails before it starts; whatever the function still writes goes nowhere.
    clock.cancel();
    reader.payload.end();
  }
  if (!prelude) {
    if (first === 'timeout') {
      log.add(`Execution failed due to a timeout error (${timeoutMs} ms)`);
      throw new GatewayError('INTEGRATION_TIMEOUT', 'Endpoint request timed out');
    }
    const call = first as CallResult;
    assertInvoked(call, false, log);
    if (!call.outcome.ok) throw functionFailure(call, false, log);
    log.add(`Execution failed due to configuration error: Malformed Lambda proxy response: ${missingMetadata(call.outcome, reader.bytesBeforeDelimiter)}`);
    throw lambdaFailure(false);
  }
  if (!metadata) {
    log.add(`Execution failed due to configuration error: Malformed Lambda proxy response: the stream has no delimiter (8 NUL bytes) after metadata within its first ${METADATA_WINDOW_BYTES} bytes${START_WITH_METADATA}`);
    throw lambdaFailure(false);
  }
  if ('malformed' in metadata) {
    log.add(`Execution failed due to configuration error: Malformed Lambda proxy response (${metadata.malformed})`);
    throw lambdaFailure(false);
  }
  if (metadata.ignored.length) log.add(`Metadata field(s) ${metadata.ignored.join(', ')} are not part of the streaming format (statusCode, headers, multiValueHeaders, cookies) and are ignored`);
  const headers = gatewayOwnedHeaders(metadata.headers, false);
  const multiValueHeaders = gatewayOwnedHeaders(metadata.multiValueHeaders, false);
  // As for a buffered proxy result that names no type.
  if (headerValue(headers, 'content-type') === undefined && headerValue(multiValueHeaders, 'content-type') === undefined) headers['Content-Type'] = 'application/json';
  if (log.enabled) {
    const sent = mergeHeaders(headers, multiValueHeaders);
    log.add(`Method response headers: ${logMap({ ...sent.headers, ...sent.multiValueHeaders })}`);
  }
  const payload = reader.payload;
  const interrupt = (reason: string) => {
    if (payload.isEnded) return;
    log.add(`Execution failed after the response started: ${reason}. The client received status ${metadata.status}, the headers and ${payload.bytes} bytes of the payload; the connection is closed without the rest`);
    payload.end(reason);
  };
  void calling.then(
    (call) => {
      clock.cancel();
      if ('outcome' in call && !call.outcome.ok) interrupt(`the function failed: ${call.outcome.error.errorType ?? 'Error'}: ${call.outcome.error.errorMessage}`);
      else if (!payload.isEnded) {
        log.add(`Endpoint response stream complete: ${payload.bytes} bytes of payload in ${payload.chunks} chunk(s)`);
        payload.end();
      }
    },
    (error: unknown) => interrupt(`the local invocation failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  void clock.expired.then(() => interrupt(`the integration timed out after ${timeoutMs} ms`));
  return { status: metadata.status, headers, multiValueHeaders, body: '', stream: payload };
}

const START_WITH_METADATA = '; start the stream with awslambda.HttpResponseStream.from(responseStream, { statusCode, headers }), which writes the metadata and the delimiter before the first write()';

/** Why a stream that ended without its delimiter has no metadata, in the terms of the function that wrote it. */
function missingMetadata(outcome: LambdaOutcome, bytes: number): string {
  if (!outcome.streamed) {
    return 'the function does not stream (its handler is not wrapped in awslambda.streamifyResponse), so Lambda returned its whole result as one chunk, which has no metadata and delimiter (8 NUL bytes)' + START_WITH_METADATA;
  }
  if (bytes === 0) return `the response stream ended empty, without the metadata and delimiter (8 NUL bytes) it must start with${START_WITH_METADATA}; a stream that is only ended, with end() or end(data), gets no metadata`;
  return `the response stream ended after ${bytes} bytes without the delimiter (8 NUL bytes) that ends the metadata${START_WITH_METADATA}; end(data) without a write() skips the metadata`;
}
