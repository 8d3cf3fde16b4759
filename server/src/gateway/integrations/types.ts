import type { RunCancellation } from '../../services/templates/evaluationThread';
import type { ApiModel, Operation } from '../apiModel';
import type { ExecutionLog } from '../executionLog';
import type { FunctionCaller } from '../lambda/callFunction';
import type { MethodRequest } from '../methodRequest';
import type { TemplateRenderer } from '../templateRenderer';
import type { PayloadStream } from './payloadStream';

export interface IntegrationContext {
  model: ApiModel;
  operation: Operation;
  integration: Record<string, unknown>;
  request: MethodRequest;
  log: ExecutionLog;
  functions: FunctionCaller;
  templates: TemplateRenderer;
  /** The editor's cancellation of the invocation: it stops a template under way, and the steps after it. */
  cancellation?: RunCancellation;
}

export interface IntegrationResult {
  status: number;
  headers: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  /** Text, or the bytes of a binary payload. */
  body: string | Buffer;
  /**
   * A streamed response (`responseTransferMode: STREAM`): the payload as it arrives, `body` being empty. Status and
   * headers are final; the gateway sends them before the payload.
   */
  stream?: PayloadStream;
}

/** An answer that bypasses gateway responses, e.g. the template engine's 400 for an unparsable JSON body. */
export class DirectResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string> = { 'Content-Type': 'application/json' },
  ) {
    super(body);
  }
}

/**
 * `responseTransferMode: STREAM`, which REST APIs honour for HTTP_PROXY and AWS_PROXY integrations. AWS documents the
 * value in upper case; like the editor's rules, any case is read as the same value.
 */
export function streamsResponse(ctx: IntegrationContext): boolean {
  return ctx.model.dialect !== 'http' && String(ctx.integration.responseTransferMode ?? '').toUpperCase() === 'STREAM';
}

/** Integration timeout: `timeoutInMillis`, default 29 s (REST) or 30 s (HTTP APIs). */
export function integrationTimeoutMs(ctx: IntegrationContext): number {
  const raw = Number(ctx.integration.timeoutInMillis);
  return Number.isFinite(raw) && raw > 0 ? raw : ctx.model.dialect === 'http' ? 30_000 : 29_000;
}
