import { headerValue } from '../template/parameterMaps';
import { logBody, type ExecutionLog } from './executionLog';
import type { PayloadStream } from './integrations/payloadStream';
import type { IntegrationResult } from './integrations/types';
import { textOrBytes } from './payloadEncoding';
import { mergeHeaders } from './responseHeaders';
import type { BodyWriter, ResponseHead } from './types';

export interface DeliveredStream {
  /** The response, its body collected, or empty when it went to the writer. */
  result: IntegrationResult;
  streamed: boolean;
  interruption?: string;
}

/**
 * Sends a streamed integration response on. A caller with a writer gets the status and headers at once and each chunk
 * as it arrives; any other gets the whole body in the response, as API Gateway's test invoke buffers a streamed
 * response. The response is final when the payload ended.
 */
export async function deliverStream(result: IntegrationResult, payload: PayloadStream, log: ExecutionLog, open?: (head: ResponseHead) => BodyWriter): Promise<DeliveredStream> {
  const done = { ...result, stream: undefined };
  if (open) {
    const writer = open({ status: result.status, ...mergeHeaders(result.headers, result.multiValueHeaders ?? {}) });
    const interruption = await payload.pipe((chunk) => writer.write(chunk));
    writer.end(interruption);
    return { result: { ...done, body: '' }, streamed: true, interruption };
  }
  const chunks: Buffer[] = [];
  const interruption = await payload.pipe((chunk) => chunks.push(chunk));
  const contentType = headerValue(result.headers, 'content-type') ?? headerValue(result.multiValueHeaders, 'content-type')?.[0];
  // Streamed payloads skip the binary media types: text stays text, anything else is carried as bytes.
  const body = textOrBytes(Buffer.concat(chunks), contentType);
  if (log.enabled) log.add(`Method response body after transformations: ${logBody(body)}`);
  return { result: { ...done, body }, streamed: false, interruption };
}
