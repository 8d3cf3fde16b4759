import { headerValue } from '../../template/parameterMaps';
import { payloadFormatVersion } from '../apiModel';
import { logBody, logMap, maskCredential } from '../executionLog';
import { GatewayError } from '../gatewayResponses';
import { callFunction } from '../lambda/callFunction';
import { parseProxyResultV1, parseProxyResultV2, proxyEventV1, proxyEventV2 } from '../lambda/proxyEvents';
import { proxyInfo, requestTraceId } from '../methodRequest';
import { decodeBase64, firstAcceptType, isBinaryMediaType } from '../payloadEncoding';
import { gatewayOwnedHeaders, mergeHeaders } from '../responseHeaders';
import { substituteUriVariables } from '../stageVariables';
import { assertInvoked, functionFailure, lambdaFailure } from './lambdaFailures';
import { logLambdaRequest } from './lambdaLog';
import { runLambdaStreaming, streamsFromLambda } from './lambdaStreaming';
import { deadline, withDeadline } from './timeout';
import { integrationTimeoutMs, type IntegrationContext, type IntegrationResult } from './types';

/** AWS_PROXY to Lambda: the proxy event in, the proxy result out. */
export async function runLambdaProxy(ctx: IntegrationContext): Promise<IntegrationResult> {
  const { model, integration, request, log, operation } = ctx;
  const httpApi = model.dialect === 'http';
  const format = httpApi ? payloadFormatVersion(integration.payloadFormatVersion, '2.0') : '1.0';
  const uri = substituteUriVariables(String(integration.uri ?? ''), request.stageVariables, ctx.functions.region, ctx.functions.accountId);
  const routeKey = operation.isDefaultRoute ? '$default' : `${operation.method} ${operation.resourcePath}`;
  const event = format === '2.0' ? proxyEventV2(proxyInfo(request), routeKey) : proxyEventV1(proxyInfo(request), httpApi);
  // Written once, for Lambda's size check; the log's copy has its credentials masked.
  const eventText = JSON.stringify(event);
  const traceId = requestTraceId(request);
  const streaming = !httpApi && streamsFromLambda(ctx, uri);
  logLambdaRequest(ctx, uri, traceId);
  if (log.enabled) log.add(`Endpoint request body after transformations: ${logBody(JSON.stringify(event, maskCredential))}`);
  if (streaming) return runLambdaStreaming(ctx, { uri, event, eventText, traceId });
  const clock = deadline(integrationTimeoutMs(ctx));
  const call = await withDeadline(callFunction(ctx.functions, uri, event, log, { eventText, traceId, onStart: clock.start }), clock);
  if (call === 'timeout') {
    log.add(`Execution failed due to a timeout error (${integrationTimeoutMs(ctx)} ms)`);
    throw httpApi ? new GatewayError('INTEGRATION_TIMEOUT', 'Service Unavailable', { status: 503 }) : new GatewayError('INTEGRATION_TIMEOUT', 'Endpoint request timed out');
  }
  assertInvoked(call, httpApi, log);
  const { outcome } = call;
  if (!outcome.ok) throw functionFailure(call, httpApi, log);
  if (log.enabled) log.add(`Endpoint response body before transformations: ${logBody(JSON.stringify(outcome.result))}`);
  const parsed = format === '2.0' ? parseProxyResultV2(outcome.result) : parseProxyResultV1(outcome.result);
  if ('malformed' in parsed) {
    log.add(`Execution failed due to configuration error: Malformed Lambda proxy response (${parsed.malformed})`);
    if (outcome.streamed) {
      log.add('The function streams its response (awslambda.streamifyResponse), which a buffered integration reads as one JSON document: stream it with responseTransferMode: STREAM and the 2021-11-15/functions/{functionArn}/response-streaming-invocations uri');
    }
    throw lambdaFailure(httpApi);
  }
  for (const warning of parsed.warnings ?? []) log.add(warning);
  let body: string | Buffer = parsed.body;
  if (parsed.isBase64Encoded) {
    // REST APIs decode only for a client whose first Accept type is a binary media type; others get the base64 text.
    const accept = firstAcceptType(request.lowerHeaders.accept);
    if (httpApi || isBinaryMediaType(accept, model.binaryMediaTypes)) {
      const bytes = decodeBase64(parsed.body);
      if (!bytes) {
        log.add('Execution failed due to configuration error: the Lambda proxy response says isBase64Encoded but its body is not base64');
        throw lambdaFailure(httpApi);
      }
      body = bytes;
    } else {
      log.add(`The base64-encoded body is returned as text: Accept ${accept || '(none)'} is not a binary media type`);
    }
  }
  const headers = gatewayOwnedHeaders(parsed.headers, httpApi);
  const multiValueHeaders = gatewayOwnedHeaders(parsed.multiValueHeaders, httpApi);
  // Observed on REST APIs: a proxy result that names no type is sent as JSON.
  if (!httpApi && headerValue(headers, 'content-type') === undefined && headerValue(multiValueHeaders, 'content-type') === undefined) headers['Content-Type'] = 'application/json';
  if (log.enabled) {
    log.add(`Method response body after transformations: ${logBody(body)}`);
    // What the client gets: `headers` and `multiValueHeaders` merged, as the method response sends them.
    const sent = mergeHeaders(headers, multiValueHeaders);
    log.add(`Method response headers: ${logMap({ ...sent.headers, ...sent.multiValueHeaders })}`);
  }
  return { status: parsed.status, headers, multiValueHeaders, body };
}
