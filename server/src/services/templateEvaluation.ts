import type { ApiDocument } from '../model/apiDocument';
import { toValue } from '../model/navigate';
import { forEachOperation, type OperationRef } from '../model/openapiWalk';
import { buildDefaultContext, renderTemplate, type TemplateError } from '../template/engine';
import { simulateIntegrationResponse, type BackendResult, type IntegrationResponse } from '../template/responseSelection';
import { locateTemplates, type LocatedTemplate } from './templates/locate';
import { sampleRequestFor } from './sampleRequest';
import type { TemplateKind } from '../facts/templateVariableTypes';

/** What the evaluator runs a template on; every part is optional and has a realistic default. */
export interface TemplateSample {
  body?: string;
  params?: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
  stageVariables?: Record<string, string>;
  context?: Record<string, unknown>;
  /** For response templates: what the backend answered. */
  backend?: { type: 'lambda' | 'http' | 'mock'; statusCode?: number; errorMessage?: string | null; body?: string };
}

export interface EvaluatedError extends TemplateError {
  /** Offsets of the error in the document, when it maps back to the template's source. */
  offset?: number;
}

export interface TemplateEvaluation {
  kind: TemplateKind;
  /** Where the template stands, e.g. `POST /pets › requestTemplates › application/json`. */
  label: string;
  mimeType: string;
  output: string;
  /** Whether the output parses as JSON; undefined when the template's media type is not JSON. */
  jsonValid?: boolean;
  jsonError?: string;
  requestOverride: Record<string, unknown>;
  responseOverride: Record<string, unknown>;
  errors: EvaluatedError[];
  gatewayError?: { status: number; body: string };
  durationMs: number;
  /** For response templates: which integration response the backend result selects, with its status and headers. */
  selection?: { key?: string; status: number; headers: Record<string, string>; matchesThisTemplate: boolean };
}

/** A template of the document, found by any offset inside its string. */
export function findTemplate(document: ApiDocument, offset: number): LocatedTemplate | undefined {
  return locateTemplates(document, offset).find((t) => offset >= t.node.offset && offset <= t.node.end);
}

export function templateLabel(template: LocatedTemplate): string {
  const where = template.operation ? `${template.operation.method === 'x-amazon-apigateway-any-method' ? 'ANY' : template.operation.method.toUpperCase()} ${template.operation.path}` : template.gatewayResponseType ? `gateway response ${template.gatewayResponseType}` : 'shared integration';
  const part = template.kind === 'request' ? 'request template' : template.kind === 'response' ? `response ${template.responsePattern ?? ''} → ${template.statusCode ?? '?'}` : 'template';
  return `${where} › ${part} › ${template.mimeType}`;
}

/** The sample a template starts with: the operation's declared parameters and a body from its schema or example. */
export function defaultSample(document: ApiDocument, template: LocatedTemplate): TemplateSample {
  const op = template.operation && findOperation(document, template.operation.path, template.operation.method);
  const sample: TemplateSample = { body: '', params: { path: {}, querystring: {}, header: {} }, stageVariables: {}, context: {} };
  if (op) {
    const request = sampleRequestFor(document, op);
    sample.params = request.params;
    sample.body = template.kind === 'request' ? request.body : '';
    if (request.contentType) sample.params.header = { 'Content-Type': request.contentType, ...request.params.header };
  }
  if (template.kind === 'response') {
    const type = template.integration?.type;
    sample.backend = type === 'aws' ? { type: 'lambda', errorMessage: null, body: '{"message": "ok"}' } : { type: type === 'mock' ? 'mock' : 'http', statusCode: 200, body: '{"message": "ok"}' };
    sample.body = sample.backend.body;
  }
  return sample;
}

function findOperation(document: ApiDocument, path: string, method: string): OperationRef | undefined {
  let found: OperationRef | undefined;
  const wanted = method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase();
  forEachOperation(document, (op) => {
    if (!found && op.path === path && op.method === wanted) found = op;
  });
  return found;
}

/** Runs one template of a document on a sample, as API Gateway would run it for that request. */
export function evaluateTemplate(document: ApiDocument, template: LocatedTemplate, sample: TemplateSample, timeoutMs?: number): TemplateEvaluation {
  const operation = template.operation;
  const context = {
    ...(operation ? { httpMethod: operation.method === 'x-amazon-apigateway-any-method' ? 'GET' : operation.method.toUpperCase(), resourcePath: operation.path } : {}),
    ...(sample.context ?? {}),
  };
  const base = { label: templateLabel(template), mimeType: template.mimeType, kind: template.kind };
  if (template.kind === 'gatewayResponse') return evaluateGatewayResponse(template.text, base, context, sample);
  const request = { body: sample.body ?? '', params: sample.params, stageVariables: sample.stageVariables, context };
  const result = renderTemplate(template.text, request, { kind: template.kind, timeoutMs });
  const evaluation: TemplateEvaluation = {
    ...base,
    output: result.output,
    ...jsonCheck(template.mimeType, result.output),
    requestOverride: result.requestOverride,
    responseOverride: result.responseOverride,
    errors: result.errors.map((e) => ({ ...e, offset: errorOffset(template, e) })),
    gatewayError: result.gatewayError,
    durationMs: result.durationMs,
  };
  if (template.kind === 'response' && sample.backend) {
    const responses = toValue(template.integration?.node && (template.integration.node.properties.find((p) => p.keyValue === 'responses')?.value)) as Record<string, IntegrationResponse> | undefined;
    const backend: BackendResult = sample.backend.type === 'lambda' ? { type: 'lambda', errorMessage: sample.backend.errorMessage ?? null, body: sample.body } : { type: sample.backend.type, statusCode: sample.backend.statusCode ?? 200, body: sample.body };
    const simulated = simulateIntegrationResponse({ responses, backend, request: { ...request, context: result.context }, timeoutMs });
    evaluation.selection = { key: simulated.selectedKey, status: simulated.status, headers: simulated.headers, matchesThisTemplate: simulated.selectedKey === template.responsePattern };
  }
  return evaluation;
}

function evaluateGatewayResponse(text: string, base: Pick<TemplateEvaluation, 'kind' | 'label' | 'mimeType'>, context: Record<string, unknown>, sample: TemplateSample): TemplateEvaluation {
  const started = performance.now();
  const output = substituteGatewayResponseTemplate(text, buildDefaultContext(context), sample.stageVariables ?? {});
  return { ...base, output, ...jsonCheck(base.mimeType, output), requestOverride: {}, responseOverride: {}, errors: [], durationMs: performance.now() - started };
}

/** A standalone `.vtl` file: the whole text is the template. */
export function evaluateStandaloneTemplate(text: string, kind: TemplateKind, sample: TemplateSample, timeoutMs?: number): TemplateEvaluation {
  if (kind === 'gatewayResponse') return evaluateGatewayResponse(text, { kind, label: 'gateway response template', mimeType: 'application/json' }, sample.context ?? {}, sample);
  const result = renderTemplate(text, { body: sample.body ?? '', params: sample.params, stageVariables: sample.stageVariables, context: sample.context }, { kind, timeoutMs });
  return {
    kind,
    label: `${kind} template`,
    mimeType: 'application/json',
    output: result.output,
    ...jsonCheck('application/json', result.output),
    requestOverride: result.requestOverride,
    responseOverride: result.responseOverride,
    errors: result.errors,
    gatewayError: result.gatewayError,
    durationMs: result.durationMs,
  };
}

function errorOffset(template: LocatedTemplate, error: TemplateError): number | undefined {
  if (error.line === undefined) return undefined;
  const lines = template.text.split('\n');
  let offset = 0;
  for (let i = 0; i < error.line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  return template.toDocumentOffset(offset + Math.max((error.column ?? 1) - 1, 0));
}

function jsonCheck(mimeType: string, output: string): { jsonValid?: boolean; jsonError?: string } {
  if (!/json/i.test(mimeType)) return {};
  if (output.trim() === '') return { jsonValid: false, jsonError: 'The output is empty.' };
  try {
    JSON.parse(output);
    return { jsonValid: true };
  } catch (error) {
    return { jsonValid: false, jsonError: (error as Error).message };
  }
}

/**
 * Gateway response templates are not Velocity: API Gateway only substitutes `$context.*` and `$stageVariables.*`
 * references (with or without braces); directives stay as written.
 */
export function substituteGatewayResponseTemplate(template: string, context: Record<string, unknown>, stageVariables: Record<string, string>): string {
  return template.replace(/\$(!?)\{?(context|stageVariables)((?:\.[A-Za-z_][\w-]*)+)\}?/g, (match, _silent, root: string, members: string) => {
    const path = members.slice(1).split('.');
    let value: unknown = root === 'context' ? context : stageVariables;
    for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
  });
}
