import { GATEWAY_RESPONSE_VARIABLE } from '../gateway/gatewayResponses';
import { joinHeaderLists } from '../gateway/requestHeaders';
import type { ApiDocument } from '../model/apiDocument';
import { getValue, toValue } from '../model/navigate';
import { forEachOperation, type OperationRef } from '../model/openapiWalk';
import { invokesLambda } from '../model/integrationUris';
import { buildDefaultContext, renderTemplate, type RenderResult, type TemplateError, type TemplateRequest } from '../template/engine';
import { headerValue } from '../template/parameterMaps';
import { DEFAULT_CONTENT_TYPE, mediaTypeOf, selectResponseTemplate } from '../template/templateSelection';
import { selectIntegrationResponseKey, simulateIntegrationResponse, type BackendResult, type IntegrationResponse } from '../template/responseSelection';
import { locateTemplates, type LocatedTemplate } from './templates/locate';
import { sampleRequestFor, sampleResponseBody } from './sampleRequest';
import type { TemplateKind } from '../facts/templateVariableTypes';

/** What the evaluator runs a template on; every part is optional and has a realistic default. */
export interface TemplateSample {
  body?: string;
  /** A list stands for a name sent more than once (`?tag=a&tag=b`). */
  params?: { path?: Record<string, string>; querystring?: Record<string, string | string[]>; header?: Record<string, string | string[]> };
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
  /** What API Gateway does silently that was likely not meant (a call finding no method, an array printed whole). */
  notes: EvaluatedError[];
  gatewayError?: { status: number; body: string };
  durationMs: number;
  /** The body `$input` read when it is not the sample's body: the Lambda error payload of a failed function. */
  input?: string;
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
    const request = sampleRequestFor(document, op, template.kind === 'request' ? template.mimeType : undefined);
    sample.params = request.params;
    sample.body = template.kind === 'request' ? request.body : '';
    const contentType = request.contentType || (template.kind === 'request' ? selectingContentType(template.mimeType) : '');
    if (contentType) sample.params.header = { 'Content-Type': contentType, ...request.params.header };
  }
  if (template.kind === 'response') {
    const body = (op && template.statusCode !== undefined ? sampleResponseBody(document, op, template.statusCode) : undefined) ?? '{"message": "ok"}';
    sample.backend = { ...backendSelecting(template), body };
    sample.body = body;
  }
  if (template.kind === 'gatewayResponse') sample.context = { error: gatewayErrorSample(template.gatewayResponseType) };
  return sample;
}

/**
 * The Content-Type a request without a body still needs for API Gateway to run a request template of this type: none
 * for JSON, which a request without one gets.
 */
function selectingContentType(mimeType: string): string {
  return mediaTypeOf(mimeType) === DEFAULT_CONTENT_TYPE ? '' : mimeType;
}

/**
 * A backend result that selects the template's own integration response, so the evaluator opens on the case the
 * template is written for: the status code a status pattern matches, or an errorMessage a Lambda error pattern
 * matches. Falls back to a success when no tried value does.
 */
function backendSelecting(template: LocatedTemplate): Omit<NonNullable<TemplateSample['backend']>, 'body'> {
  const responses = integrationResponses(template);
  const key = template.responsePattern ?? 'default';
  const selects = (backend: BackendResult) => selectIntegrationResponseKey(responses, backend).key === key;
  if (isLambdaIntegration(template)) {
    if (key !== 'default') {
      const message = errorMessagesMatching(key).find((candidate) => selects({ type: 'lambda', errorMessage: candidate }));
      if (message !== undefined) return { type: 'lambda', errorMessage: message };
    }
    return { type: 'lambda', errorMessage: null };
  }
  const type = template.integration?.type === 'mock' ? 'mock' : 'http';
  const declared = Number(template.statusCode);
  const candidates = [...(Number.isInteger(declared) ? [declared] : []), ...COMMON_STATUSES, ...Array.from({ length: 500 }, (_, i) => 100 + i)];
  const statusCode = candidates.find((status) => selects({ type, statusCode: status })) ?? 200;
  return { type, statusCode };
}

const COMMON_STATUSES = [200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504];

function integrationResponses(template: LocatedTemplate): Record<string, IntegrationResponse> | undefined {
  const node = template.integration?.node.properties.find((p) => p.keyValue === 'responses')?.value;
  return toValue(node) as Record<string, IntegrationResponse> | undefined;
}

/**
 * Lambda custom integrations match their response keys against the function's errorMessage; other AWS services and
 * HTTP, against the status. A URI the definition leaves open (not a string, or variables where the service would be)
 * is taken for Lambda: the preview has to pick one, and custom AWS integrations mostly call Lambda.
 */
function isLambdaIntegration(template: LocatedTemplate): boolean {
  if (template.integration?.type !== 'aws') return false;
  return invokesLambda(toValue(getValue(template.integration.node, 'uri'))) ?? true;
}

const EXAMPLE_ERROR_MESSAGE = 'Example error message';

/**
 * errorMessage values for a Java selection pattern, most telling first: error messages are often JSON that the
 * template parses, so a pattern naming `"type":"InvalidPet"` gets a JSON object holding that member and a message.
 * Each candidate still has to be checked against the pattern: the generator reads only the common constructs.
 */
export function errorMessagesMatching(pattern: string): string[] {
  const candidates: string[] = [];
  for (const repeat of [0, 1]) {
    const plain = exampleOfPattern(pattern, repeat);
    if (plain === undefined) continue;
    const json = jsonAround(plain);
    if (json !== undefined) candidates.push(json);
    candidates.push(plain);
  }
  return [...new Set(candidates)].filter((c) => c !== '');
}

/** `"type":"InvalidPet"` (with whatever the pattern put around it) as a JSON object holding it and a message. */
function jsonAround(text: string): string | undefined {
  const start = text.indexOf('"');
  const end = text.lastIndexOf('"');
  if (start < 0 || end <= start) return undefined;
  const members = text.slice(start, end + 1);
  try {
    const value = JSON.parse(`{${members}}`) as Record<string, unknown>;
    if (!Object.keys(value).length) return undefined;
    const rest = 'message' in value ? '' : `,"message":${JSON.stringify(EXAMPLE_ERROR_MESSAGE)}`;
    return `${text.slice(0, start)}{${members}${rest}}${text.slice(end + 1)}`;
  } catch {
    return undefined;
  }
}

/**
 * One string the pattern matches, built from literals, escapes, classes, groups (first alternative) and quantifiers
 * (their minimum, or at least `repeat` for `*`); undefined for constructs it does not read, such as back-references.
 */
export function exampleOfPattern(pattern: string, repeat = 0): string | undefined {
  let i = 0;
  const fail = Symbol('fail');
  const classChar = (): string | typeof fail => {
    // i is just past '['
    let negated = false;
    if (pattern[i] === '^') {
      negated = true;
      i++;
    }
    const members: string[] = [];
    const ranges: [string, string][] = [];
    let first = true;
    while (i < pattern.length && (pattern[i] !== ']' || first)) {
      first = false;
      let c = pattern[i++];
      if (c === '[') return fail;
      if (c === '\\') {
        const e = pattern[i++];
        const cls = classEscape(e);
        if (cls !== undefined) {
          members.push(cls);
          continue;
        }
        c = literalEscape(e);
      }
      if (pattern[i] === '-' && pattern[i + 1] !== undefined && pattern[i + 1] !== ']') {
        let to = pattern[i + 1];
        i += 2;
        if (to === '\\') to = literalEscape(pattern[i++]);
        ranges.push([c, to]);
      } else {
        members.push(c);
      }
    }
    if (pattern[i] !== ']') return fail;
    i++;
    const inSet = (ch: string) => members.includes(ch) || ranges.some(([a, b]) => ch >= a && ch <= b);
    if (!negated) return members[0] ?? ranges[0]?.[0] ?? fail;
    for (const ch of 'xyzabc0123456789-_ ') if (!inSet(ch)) return ch;
    return fail;
  };
  const quantifier = (): [number, number] | typeof fail | undefined => {
    const c = pattern[i];
    let bounds: [number, number] | undefined;
    if (c === '*') bounds = [0, Infinity];
    else if (c === '+') bounds = [1, Infinity];
    else if (c === '?') bounds = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (!m) return undefined;
      i += m[0].length - 1;
      bounds = [Number(m[1]), m[2] ? (m[3] ? Number(m[3]) : Infinity) : Number(m[1])];
    }
    if (!bounds) return undefined;
    i++;
    if (pattern[i] === '?' || pattern[i] === '+') i++;
    return bounds;
  };
  const times = ([min, max]: [number, number]) => Math.min(Math.max(min, repeat), max);
  const sequence = (): string | typeof fail => {
    let out = '';
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const c = pattern[i++];
      let atom: string | typeof fail;
      if (c === '^' || c === '$') continue;
      if (c === '(') {
        if (pattern[i] === '?') {
          const flags = /^\?[a-zA-Z-]*\)/.exec(pattern.slice(i));
          if (flags) {
            i += flags[0].length;
            continue;
          }
          if (pattern[i + 1] !== ':') return fail;
          i += 2;
        }
        atom = alternatives();
        if (atom === fail || pattern[i] !== ')') return fail;
        i++;
      } else if (c === '[') {
        atom = classChar();
      } else if (c === '.') {
        atom = 'x';
      } else if (c === '\\') {
        const e = pattern[i++];
        if (e === undefined || /[1-9bBAGZzk]/.test(e)) return fail;
        if (e === 'Q') {
          const end = pattern.indexOf('\\E', i);
          atom = pattern.slice(i, end < 0 ? undefined : end);
          i = end < 0 ? pattern.length : end + 2;
          out += atom;
          continue;
        }
        atom = classEscape(e) ?? literalEscape(e);
      } else {
        atom = c;
      }
      if (atom === fail) return fail;
      const bounds = quantifier();
      if (bounds === fail) return fail;
      out += bounds ? atom.repeat(times(bounds)) : atom;
    }
    return out;
  };
  const alternatives = (): string | typeof fail => {
    const first = sequence();
    while (pattern[i] === '|') {
      i++;
      if (sequence() === fail) return fail;
    }
    return first;
  };
  const result = alternatives();
  return result === fail || i < pattern.length ? undefined : result;
}

function classEscape(e: string): string | undefined {
  return ({ d: '4', D: 'x', w: 'x', W: '-', s: ' ', S: 'x' } as Record<string, string>)[e];
}

function literalEscape(e: string): string {
  return ({ n: '\n', t: '\t', r: '\r', f: '\f' } as Record<string, string>)[e] ?? e;
}

/**
 * `$context.error.*` as API Gateway fills it for a gateway response of the type: a preview with these empty would
 * hide what the template makes of AWS's real messages, e.g. the quotes inside `validationErrorString`.
 */
export function gatewayErrorSample(responseType: string | undefined): { message: string; messageString: string; responseType: string; validationErrorString: string } {
  const type = responseType === 'DEFAULT_4XX' ? 'BAD_REQUEST_BODY' : responseType === 'DEFAULT_5XX' ? 'API_CONFIGURATION_ERROR' : (responseType ?? 'DEFAULT_4XX');
  const message = GATEWAY_ERROR_MESSAGES[type] ?? 'Forbidden';
  const validationErrorString = type === 'BAD_REQUEST_BODY'
    ? '[object has missing required properties (["name"]), instance value ("lizard") not found in enum (possible values: ["dog","cat"])]'
    : type === 'BAD_REQUEST_PARAMETERS' ? message : '';
  return { message, messageString: JSON.stringify(message), responseType: type, validationErrorString };
}

const GATEWAY_ERROR_MESSAGES: Record<string, string> = {
  ACCESS_DENIED: 'User is not authorized to access this resource with an explicit deny',
  API_CONFIGURATION_ERROR: 'Internal server error',
  AUTHORIZER_CONFIGURATION_ERROR: 'Internal server error',
  AUTHORIZER_FAILURE: 'Internal server error',
  BAD_REQUEST_BODY: 'Invalid request body',
  BAD_REQUEST_PARAMETERS: 'Missing required request parameters: [petId]',
  EXPIRED_TOKEN: 'The security token included in the request is expired',
  INTEGRATION_FAILURE: 'Internal server error',
  INTEGRATION_TIMEOUT: 'Endpoint request timed out',
  INVALID_API_KEY: 'Forbidden',
  INVALID_SIGNATURE: 'The request signature we calculated does not match the signature you provided.',
  MISSING_AUTHENTICATION_TOKEN: 'Missing Authentication Token',
  QUOTA_EXCEEDED: 'Limit Exceeded',
  REQUEST_TOO_LARGE: 'Request Too Long',
  RESOURCE_NOT_FOUND: 'Not Found',
  THROTTLED: 'Too Many Requests',
  UNAUTHORIZED: 'Unauthorized',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported Media Type',
  WAF_FILTERED: 'Forbidden',
};

/**
 * What a Lambda custom integration's response template reads as `$input` when the function failed: Lambda's error
 * payload, whose `errorMessage` is the text the response keys were matched against.
 */
export function lambdaErrorPayload(errorMessage: string): string {
  const firstLine = errorMessage.split('\n')[0];
  return JSON.stringify({ errorMessage, errorType: 'Error', stackTrace: [`Error: ${firstLine}`, '    at Runtime.handler (/var/task/index.js:1:7)'] });
}

function findOperation(document: ApiDocument, path: string, method: string): OperationRef | undefined {
  let found: OperationRef | undefined;
  const wanted = method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase();
  forEachOperation(document, (op) => {
    if (!found && op.path === path && op.method === wanted) found = op;
  });
  return found;
}

/**
 * What an evaluation runs, as plain data: the thread that runs evaluations apart (evaluationThread.ts) gets it as it
 * is, and places what it reports in the document afterwards (`placeEvaluation`).
 */
export interface EvaluationJob {
  text: string;
  kind: TemplateKind;
  label: string;
  mimeType: string;
  /** The operation the template belongs to, which `$context` reads; the method as its key is written. */
  operation?: { method: string; path: string };
  sample: TemplateSample;
  /** For response templates: the integration's responses, and the key of the one holding the template. */
  responses?: Record<string, IntegrationResponse>;
  responsePattern?: string;
  /** A standalone `.vtl` file: no operation, no backend result, no integration response to select. */
  standalone?: boolean;
  timeoutMs?: number;
}

export function evaluationJob(template: LocatedTemplate, sample: TemplateSample, timeoutMs?: number): EvaluationJob {
  const operation = template.operation;
  return {
    text: template.text,
    kind: template.kind,
    label: templateLabel(template),
    mimeType: template.mimeType,
    operation: operation && { method: operation.method, path: operation.path },
    sample,
    responses: template.kind === 'response' && sample.backend ? integrationResponses(template) : undefined,
    responsePattern: template.responsePattern,
    timeoutMs,
  };
}

/** The job of a standalone `.vtl` file, whose whole text is the template. */
export function standaloneJob(text: string, kind: TemplateKind, sample: TemplateSample, timeoutMs?: number): EvaluationJob {
  return { text, kind, label: kind === 'gatewayResponse' ? 'gateway response template' : `${kind} template`, mimeType: 'application/json', sample, standalone: true, timeoutMs };
}

/** Runs one template of a document on a sample, as API Gateway would run it for that request, in this thread. */
export function evaluateTemplate(_document: ApiDocument, template: LocatedTemplate, sample: TemplateSample, timeoutMs?: number): TemplateEvaluation {
  return placeEvaluation(runEvaluation(evaluationJob(template, sample, timeoutMs)), template);
}

/** What the template reports, at its offsets in the document. */
export function placeEvaluation(evaluation: TemplateEvaluation, template: LocatedTemplate): TemplateEvaluation {
  return {
    ...evaluation,
    errors: evaluation.errors.map((e) => ({ ...e, offset: errorOffset(template, e) })),
    notes: evaluation.notes.map((e) => ({ ...e, offset: errorOffset(template, e) })),
  };
}

/**
 * `runEvaluation`, with an engine failure (a bug, or the thread's memory running out) as the answer rather than
 * thrown: both threads that run jobs answer it so.
 */
export function runEvaluationSafely(job: EvaluationJob): { evaluation: TemplateEvaluation } | { error: string } {
  try {
    return { evaluation: runEvaluation(job) };
  } catch (error) {
    return { error: `The evaluation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Runs a job; what it reports has lines and columns of the template's text, no offsets in the document. */
export function runEvaluation(job: EvaluationJob): TemplateEvaluation {
  const { sample, operation } = job;
  const context = job.standalone
    ? (sample.context ?? {})
    : { ...(operation ? { httpMethod: operation.method === 'x-amazon-apigateway-any-method' ? 'GET' : operation.method.toUpperCase(), resourcePath: operation.path } : {}), ...(sample.context ?? {}) };
  const base = { label: job.label, mimeType: job.mimeType, kind: job.kind };
  if (job.kind === 'gatewayResponse') return evaluateGatewayResponse(job.text, base, context, sample);
  const errorMessage = !job.standalone && job.kind === 'response' && sample.backend?.type === 'lambda' ? sample.backend.errorMessage : undefined;
  const input = typeof errorMessage === 'string' ? lambdaErrorPayload(errorMessage) : undefined;
  const request = { ...templateRequest(sample), body: input ?? sample.body ?? '', context };
  const result = renderTemplate(job.text, request, { kind: job.kind, timeoutMs: job.timeoutMs });
  const evaluation: TemplateEvaluation = {
    ...base,
    output: result.output,
    ...outputCheck(job.mimeType, result),
    requestOverride: result.requestOverride,
    responseOverride: result.responseOverride,
    errors: result.errors,
    notes: result.notes,
    gatewayError: result.gatewayError,
    durationMs: result.durationMs,
    ...(input !== undefined ? { input } : {}),
  };
  if (!job.standalone && job.kind === 'response' && sample.backend) {
    const backend: BackendResult = sample.backend.type === 'lambda' ? { type: 'lambda', errorMessage: errorMessage ?? null, body: request.body } : { type: sample.backend.type, statusCode: sample.backend.statusCode ?? 200, body: request.body };
    evaluation.selection = selectionOf(job, backend, { ...request, context: result.context }, result, job.timeoutMs);
  }
  return evaluation;
}

/**
 * The method response a backend result gets. When it selects this very template, the render already done stands for
 * the simulation's own: rendering the template again would only double the wait on a template that runs out of time.
 */
function selectionOf(job: EvaluationJob, backend: BackendResult, request: TemplateRequest, rendered: RenderResult, timeoutMs: number | undefined): NonNullable<TemplateEvaluation['selection']> {
  const responses = job.responses;
  const reusable = rendersThisTemplate(job, responses, request);
  const simulated = simulateIntegrationResponse({ responses: reusable ? withoutTemplates(responses, job.responsePattern!) : responses, backend, request, timeoutMs });
  const key = simulated.selectedKey;
  const matchesThisTemplate = key === job.responsePattern;
  const reused = reusable && matchesThisTemplate;
  const render = reused ? rendered : simulated.render;
  const failed = { 'content-type': 'application/json' };
  if (render?.gatewayError) return { key, status: render.gatewayError.status, headers: failed, matchesThisTemplate };
  if (render && failsTheResponse(render)) return { key, status: 500, headers: failed, matchesThisTemplate };
  if (!reused) return { key, status: simulated.status, headers: simulated.headers, matchesThisTemplate };
  // What the simulation does after a render of its own: the template's overrides go over the mapped parameters.
  const headers = { ...simulated.headers, ...rendered.responseOverride.header };
  headers['content-type'] ??= job.mimeType;
  return { key, status: rendered.responseOverride.status ?? simulated.status, headers, matchesThisTemplate };
}

/** Whether the template is the one its integration response applies for the request's Accept header. */
function rendersThisTemplate(job: EvaluationJob, responses: Record<string, IntegrationResponse> | undefined, request: TemplateRequest): boolean {
  const key = job.responsePattern;
  const entry = key === undefined ? undefined : responses?.[key];
  if (!entry) return false;
  return selectResponseTemplate(entry.responseTemplates, headerValue(request.params?.header, 'Accept'))?.contentType === job.mimeType;
}

/** The responses with one entry's templates left out, so that the simulation maps its parameters but renders nothing. */
function withoutTemplates(responses: Record<string, IntegrationResponse> | undefined, key: string): Record<string, IntegrationResponse> {
  const { responseTemplates: _rendered, ...entry } = responses![key];
  return { ...responses, [key]: entry };
}

/**
 * A template error the local gateway answers with 500 {"message":"Internal server error"}: any but the #foreach limit,
 * after which API Gateway sends what the loop rendered.
 */
function failsTheResponse(render: RenderResult): boolean {
  return render.errors.some((e) => e.code !== 'foreach-limit');
}

/**
 * The sample's parameters as the engine takes them: a list of values is a name sent more than once. A repeated
 * header reads as the local gateway gives it to templates, its values joined (see joinHeaderLists), where the engine
 * would otherwise keep the last one, as it does for query strings.
 */
function templateRequest(sample: TemplateSample): Omit<TemplateRequest, 'context'> {
  const split = (values: Record<string, string | string[]> | undefined) => {
    const single: Record<string, string> = {};
    const multi: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(values ?? {})) {
      if (Array.isArray(value)) multi[name] = value.map(String);
      else single[name] = value;
    }
    return { single, multi };
  };
  const query = split(sample.params?.querystring);
  const header = split(sample.params?.header);
  // An empty list names a header that was not sent: it stays out of the single-valued map.
  const sent = Object.fromEntries(Object.entries(header.multi).filter(([, values]) => values.length > 0));
  return {
    body: sample.body ?? '',
    params: { path: sample.params?.path, querystring: query.single, header: { ...joinHeaderLists(sent), ...header.single } },
    multiValueParams: { querystring: query.multi, header: header.multi },
    stageVariables: sample.stageVariables,
  };
}

/**
 * The JSON check of a rendered output. When API Gateway answered itself, or the template did not run at all, there
 * is no output to check: an "invalid JSON, the output is empty" verdict there only hides the real error.
 */
function outputCheck(mimeType: string, result: { output: string; errors: TemplateError[]; gatewayError?: unknown }): { jsonValid?: boolean; jsonError?: string } {
  if (result.gatewayError || (result.errors.length > 0 && result.output.trim() === '')) return {};
  return jsonCheck(mimeType, result.output);
}

function evaluateGatewayResponse(text: string, base: Pick<TemplateEvaluation, 'kind' | 'label' | 'mimeType'>, context: Record<string, unknown>, sample: TemplateSample): TemplateEvaluation {
  const started = performance.now();
  const output = substituteGatewayResponseTemplate(text, buildDefaultContext(context, {}, sample.params?.path), sample.stageVariables ?? {});
  return { ...base, output, ...jsonCheck(base.mimeType, output), requestOverride: {}, responseOverride: {}, errors: [], notes: [], durationMs: performance.now() - started };
}

/** A standalone `.vtl` file: the whole text is the template. */
export function evaluateStandaloneTemplate(text: string, kind: TemplateKind, sample: TemplateSample, timeoutMs?: number): TemplateEvaluation {
  return runEvaluation(standaloneJob(text, kind, sample, timeoutMs));
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
  return template.replace(GATEWAY_RESPONSE_VARIABLE, (_match, braced: string | undefined, bracedPath: string | undefined, plain: string | undefined, plainPath: string | undefined) => {
    const root = braced ?? plain;
    const path = (bracedPath ?? plainPath ?? '').slice(1).split('.');
    let value: unknown = root === 'context' ? context : stageVariables;
    for (const key of path) value = value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
  });
}
