/**
 * How the local gateway renders its mapping templates. The engine is synchronous and a template may run for its whole
 * time budget: a host that must go on answering meanwhile (the language server) passes a renderer that runs them in a
 * thread of their own (templateThread.ts). Without one they render where the gateway runs, which is all the command
 * line needs.
 */
import type { RunCancellation } from '../services/templates/evaluationThread';
import { renderTemplate, type RenderOptions, type RenderResult, type TemplateRequest } from '../template/engine';
import {
  simulateIntegrationResponse,
  type ResponseSimulationInput,
  type SimulatedResponse,
} from '../template/responseSelection';

export interface TemplateRenderer {
  /** An integration request template, as `renderTemplate` renders it. */
  render(
    template: string,
    request: TemplateRequest,
    options: RenderOptions,
    cancellation?: RunCancellation,
  ): Promise<RenderResult>;
  /** The integration response to a backend result, its template rendered, as `simulateIntegrationResponse` makes it. */
  respond(input: ResponseSimulationInput, cancellation?: RunCancellation): Promise<SimulatedResponse>;
}

export const RENDER_IN_THIS_THREAD: TemplateRenderer = {
  render: async (template, request, options) => renderTemplate(template, request, options),
  respond: async (input) => simulateIntegrationResponse(input),
};

/**
 * The invocation was cancelled while a template of it rendered, or before: it goes no further (its backend is not
 * called after a cancelled request template), and the gateway passes this on rather than answering with a response.
 */
export class TemplateRunCancelled extends Error {
  constructor() {
    super('The invocation was cancelled.');
  }
}
