/**
 * The local gateway's template steps as jobs of the evaluation thread (templateThread.ts): what they read is packed
 * into plain data on the way in, and what they answer on the way out (packedValues.ts).
 */
import { renderTemplate, type RenderOptions, type TemplateRequest } from '../template/engine';
import { DEFAULT_TIMEOUT_MS } from '../template/limits';
import { packValue, unpackValue, UnpackableValue, type Packed } from '../template/packedValues';
import { simulateIntegrationResponse, type ResponseSimulationInput } from '../template/responseSelection';

export type GatewayTemplateJob =
  | { gateway: 'request'; template: string; request: Packed; options: RenderOptions; timeoutMs?: number }
  | { gateway: 'response'; input: Packed; timeoutMs?: number };

/** The job's result, packed; or why it cannot leave the thread that ran it (it holds an `UnpackableValue`). */
export type GatewayJobResult = { packed: Packed } | { unpackable: string };

export function requestJob(template: string, request: TemplateRequest, options: RenderOptions): GatewayTemplateJob {
  return { gateway: 'request', template, request: packValue(request), options, timeoutMs: options.timeoutMs };
}

export function responseJob(input: ResponseSimulationInput): GatewayTemplateJob {
  // The selection's patterns and the template each have the whole budget.
  const timeoutMs = 2 * (input.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return { gateway: 'response', input: packValue(input), timeoutMs };
}

export function isGatewayJob(job: object): job is GatewayTemplateJob {
  return 'gateway' in job;
}

export function runGatewayJob(job: GatewayTemplateJob): GatewayJobResult {
  const result =
    job.gateway === 'request'
      ? renderTemplate(job.template, unpackValue(job.request) as TemplateRequest, job.options)
      : simulateIntegrationResponse(unpackValue(job.input) as ResponseSimulationInput);
  try {
    return { packed: packValue(result) };
  } catch (error) {
    if (error instanceof UnpackableValue) return { unpackable: error.message };
    throw error;
  }
}

/** `runGatewayJob`, with an engine failure (a bug, the thread's memory running out) as the answer, not thrown. */
export function runGatewayJobSafely(job: GatewayTemplateJob): { evaluation: GatewayJobResult } | { error: string } {
  try {
    return { evaluation: runGatewayJob(job) };
  } catch (error) {
    return { error: `The template failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
