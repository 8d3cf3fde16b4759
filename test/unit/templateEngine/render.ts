import assert from 'node:assert/strict';
import { renderTemplate, type RenderResult, type TemplateRequest } from '../../../server/src/template/engine';

/** Renders and asserts that the evaluation raised no error; returns the output. */
export function render(template: string, request: TemplateRequest = {}): string {
  const result = renderTemplate(template, request);
  assert.deepEqual(result.errors, [], `errors for ${JSON.stringify(template)}`);
  assert.equal(result.gatewayError, undefined);
  return result.output;
}

/** Renders and returns the whole result, errors included. */
export function renderFull(template: string, request: TemplateRequest = {}, timeoutMs?: number): RenderResult {
  return renderTemplate(template, request, { timeoutMs });
}

export const withBody = (body: unknown): TemplateRequest => ({ body: typeof body === 'string' ? body : JSON.stringify(body) });
