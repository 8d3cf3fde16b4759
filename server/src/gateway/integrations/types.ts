import type { ApiModel, Operation } from '../apiModel';
import type { ExecutionLog } from '../executionLog';
import type { FunctionCaller } from '../lambda/callFunction';
import type { MethodRequest } from '../methodRequest';

export interface IntegrationContext {
  model: ApiModel;
  operation: Operation;
  integration: Record<string, unknown>;
  request: MethodRequest;
  log: ExecutionLog;
  functions: FunctionCaller;
}

export interface IntegrationResult {
  status: number;
  headers: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  /** Text, or the bytes of a binary payload. */
  body: string | Buffer;
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

/** Integration timeout: `timeoutInMillis`, default 29 s (REST) or 30 s (HTTP APIs). */
export function integrationTimeoutMs(ctx: IntegrationContext): number {
  const raw = Number(ctx.integration.timeoutInMillis);
  return Number.isFinite(raw) && raw > 0 ? raw : ctx.model.dialect === 'http' ? 30_000 : 29_000;
}
