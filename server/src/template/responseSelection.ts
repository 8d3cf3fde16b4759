/**
 * Integration-response simulation for non-proxy REST integrations (reference §2.1.2 and §3.5):
 * 1. choose the `responses` entry: for Lambda, each key is a Java regex matched against the error's `errorMessage`
 *    (a success has no message and takes `default`); for HTTP and MOCK, against the status code; no match takes
 *    `default`, and without one API Gateway answers 500;
 * 2. map `responseParameters` into method response headers;
 * 3. render the response template chosen by Accept (no template: the body passes through);
 * 4. apply `$context.responseOverride.*` last.
 * AWS docs say only that the key "matches"; Java's selectionPattern semantics imply a full match, which is the
 * default here and can be switched to a search with `patternMatch: 'find'`. A key that can backtrack exponentially
 * is tried like any other, within a time budget, as the template is evaluated: a match that does not end in time
 * ends the selection, since API Gateway would still be matching.
 */
import { assignOwn, getOwn, setOwn } from '../model/jsonObjects';
import { renderTemplate, type RenderResult, type TemplateError, type TemplateRequest } from './engine';
import { BacktrackingLimit, compileJavaPattern, describeRunawayMatch, ensureMatchEnds, JavaRegexError, type MatchLimit } from './javaRegex';
import { DEFAULT_TIMEOUT_MS, EvaluationBudget } from './limits';
import { evaluateJsonPath, JsonPathSyntaxError } from './jsonPath';
import { isJavaMap, javaToString, toJsonText } from './javaValues';
import { isMapValue, mapGet } from './javaMaps';
import { headerValue } from './parameterMaps';
import { selectResponseTemplate } from './templateSelection';
import { mappedResponseHeader } from '../model/methodResponseHeaders';

export interface IntegrationResponse {
  statusCode?: string | number;
  responseTemplates?: Record<string, string>;
  responseParameters?: Record<string, string>;
  contentHandling?: string;
}

export type BackendResult =
  | { type: 'lambda'; errorMessage?: string | null; body?: string; headers?: Record<string, string>; multiValueHeaders?: Record<string, string[]> }
  | { type: 'http' | 'mock'; statusCode: number; body?: string; headers?: Record<string, string>; multiValueHeaders?: Record<string, string[]> };

export interface ResponseSimulationInput {
  responses: Record<string, IntegrationResponse> | undefined;
  backend: BackendResult;
  /** The method request as the request template saw it; pass its RenderResult `context` to keep ids and overrides. */
  request?: TemplateRequest;
  patternMatch?: 'full' | 'find';
  timeoutMs?: number;
}

export interface SimulatedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The `responses` key that was chosen, e.g. `default` or `.*Not Found.*`. */
  selectedKey?: string;
  /** The chosen entry's own status code, before any `$context.responseOverride.status`. */
  selectedStatus?: number;
  /** The response template's media type, when one was applied. */
  templateContentType?: string;
  render?: RenderResult;
  errors: TemplateError[];
}

const INTERNAL_ERROR_BODY = JSON.stringify({ message: 'Internal server error' });

/** How one `responses` key is matched against a backend result. */
export interface SelectionMatcher {
  key: string;
  /** `default` is taken when no other key matches; it matches nothing itself. */
  isDefault: boolean;
  /**
   * Whether the key matches: a Java regex, matched whole (or searched, with `find`) against a Lambda custom
   * integration's errorMessage, and against the status code otherwise. A Lambda success has no message; a key that
   * matches empty text, such as `.*`, "will match all error messages, including null". Throws BacktrackingLimit when
   * a key that can backtrack exponentially does not finish within `limit` (by default a fixed number of steps).
   */
  matches(backend: BackendResult, limit?: MatchLimit): boolean;
  /** Why the key is not tried on a message or status: it is not a Java regex. */
  error?: TemplateError;
}

/** What a key is matched against; undefined for a Lambda success, which has no error message. */
function selectionSubject(backend: BackendResult): string | undefined {
  return backend.type === 'lambda' ? (backend.errorMessage ?? undefined) : String(backend.statusCode);
}

/** One `responses` key, compiled once for trying on many backend results. */
export function selectionMatcher(key: string, patternMatch: 'full' | 'find' = 'full'): SelectionMatcher {
  if (key === 'default') return { key, isDefault: true, matches: () => false };
  let compiled: { regex: RegExp; exponential: string | undefined };
  try {
    compiled = compileJavaPattern(key);
  } catch (error) {
    if (!(error instanceof JavaRegexError)) throw error;
    const invalid = { code: 'invalid-selection-pattern', message: `Response key '${key}' is not a valid Java regular expression: ${error.message}` };
    return { key, isDefault: false, matches: () => false, error: invalid };
  }
  const { regex, exponential } = compiled;
  const wholeSource = `^(?:${regex.source})(?![\\s\\S])`;
  const whole = new RegExp(wholeSource, regex.flags);
  return {
    key,
    isDefault: false,
    matches: (backend, limit) => {
      const subject = selectionSubject(backend);
      if (subject === undefined || patternMatch === 'full') {
        const text = subject ?? '';
        ensureMatchEnds(key, exponential, wholeSource, text, 0, true, limit);
        return whole.test(text);
      }
      ensureMatchEnds(key, exponential, regex.source, subject, 0, false, limit);
      return regex.test(subject);
    },
  };
}

/**
 * The `responses` key that applies to a backend result, or undefined when none does and there is no `default`, or
 * when a key was still being matched when the budget ran out (`timedOut`, with a `timeout` error). A request gets
 * `timeoutMs`; without it (the editor trying sample results) a match gets a fixed number of steps, a fraction of that.
 */
export function selectIntegrationResponseKey(
  responses: Record<string, IntegrationResponse> | undefined,
  backend: BackendResult,
  patternMatch: 'full' | 'find' = 'full',
  timeoutMs?: number,
): { key?: string; errors: TemplateError[]; timedOut?: boolean } {
  const keys = Object.keys(responses ?? {});
  const errors: TemplateError[] = [];
  const success = selectionSubject(backend) === undefined;
  const budget: MatchLimit = timeoutMs !== undefined && timeoutMs > 0 ? new EvaluationBudget(timeoutMs) : {};
  try {
    if (!success) {
      for (const key of keys) {
        const matcher = selectionMatcher(key, patternMatch);
        if (matcher.isDefault) continue;
        if (matcher.error) errors.push(matcher.error);
        else if (matcher.matches(backend, budget)) return { key, errors };
      }
    }
    if (keys.includes('default')) return { key: 'default', errors };
    // A Lambda success without a default: the first key that matches a null message (`.*`) catches it.
    const catchAll = success ? keys.find((key) => selectionMatcher(key, patternMatch).matches(backend, budget)) : undefined;
    return catchAll === undefined ? { errors } : { key: catchAll, errors };
  } catch (error) {
    if (!(error instanceof BacktrackingLimit)) throw error;
    errors.push(selectionTimeout(error, backend, budget));
    return { errors, timedOut: true };
  }
}

/** API Gateway would still be matching the key: the selection, and so the request, runs out of time. */
function selectionTimeout(limit: BacktrackingLimit, backend: BackendResult, budget: MatchLimit): TemplateError {
  const subject = backend.type === 'lambda' ? 'the error message' : 'the status code';
  const after = budget instanceof EvaluationBudget ? `${budget.timeoutMs} ms` : `${limit.steps.toLocaleString('en-US')} backtracking steps`;
  return {
    code: 'timeout',
    message: `Integration response selection stopped after ${after}: the response key '${limit.pattern}' was still matching ${subject} (${limit.textLength} characters). ${describeRunawayMatch(limit.fragment)}`,
  };
}

function readPath(source: unknown, dotted: string): unknown {
  let value = source;
  // A template may have set part of `$context` to a map literal: an ordered map, read the same way.
  for (const part of dotted.split('.')) value = isMapValue(value) ? mapGet(value, part) : undefined;
  return value;
}

/** The value of one `responseParameters` expression, or undefined when the source has none. */
function mappedValue(expression: string, backend: BackendResult, request: TemplateRequest | undefined, context: Record<string, unknown>): string | undefined {
  const staticValue = /^'(.*)'$/s.exec(expression);
  if (staticValue) return staticValue[1];
  if (expression === 'integration.response.body') return backend.body ?? '';
  if (expression.startsWith('integration.response.body.')) {
    let document: unknown;
    try {
      document = JSON.parse(backend.body ?? '');
    } catch {
      return undefined;
    }
    const result = evaluateJsonPath(`$.${expression.slice('integration.response.body.'.length)}`, document);
    if (!result.found || result.value === null) return undefined;
    return typeof result.value === 'string' ? result.value : toJsonText(result.value);
  }
  const header = /^integration\.response\.header\.(.+)$/.exec(expression);
  if (header) return headerValue(backend.headers, header[1]);
  const multi = /^integration\.response\.multivalueheader\.(.+)$/.exec(expression);
  if (multi) return headerValue(backend.multiValueHeaders, multi[1])?.join(',') ?? headerValue(backend.headers, multi[1]);
  const stageVariable = /^stageVariables\.(.+)$/.exec(expression);
  if (stageVariable) return request?.stageVariables ? getOwn(request.stageVariables, stageVariable[1]) : undefined;
  const contextVariable = /^context\.(.+)$/.exec(expression);
  if (contextVariable) {
    const value = readPath(context, contextVariable[1]);
    return value === undefined || value === null ? undefined : javaToString(value);
  }
  throw new Error(`unsupported mapping expression '${expression}'`);
}

export function simulateIntegrationResponse(input: ResponseSimulationInput): SimulatedResponse {
  const { backend, request } = input;
  const selection = selectIntegrationResponseKey(input.responses, backend, input.patternMatch, input.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const errors = [...selection.errors];
  if (selection.key === undefined) {
    if (!selection.timedOut) {
      errors.push({
        code: 'no-integration-response',
        message: 'No integration response matches the backend result and none is the default: API Gateway answers 500',
      });
    }
    return { status: 500, headers: { 'content-type': 'application/json' }, body: INTERNAL_ERROR_BODY, errors };
  }
  const response = input.responses![selection.key];
  const status = Number(response.statusCode ?? 200);
  const headers: Record<string, string> = {};
  const backendBody = backend.body ?? (backend.type === 'lambda' && backend.errorMessage ? JSON.stringify({ errorMessage: backend.errorMessage }) : '');
  const baseContext = isJavaMap(request?.context) ? request.context : {};

  for (const [target, expression] of Object.entries(response.responseParameters ?? {})) {
    const name = mappedResponseHeader(target);
    if (!name) {
      errors.push({ code: 'invalid-response-parameter', message: `Response parameter '${target}' must be method.response.header.<name>` });
      continue;
    }
    try {
      const value = mappedValue(String(expression), { ...backend, body: backendBody }, request, baseContext);
      if (value !== undefined) setOwn(headers, name, value);
    } catch (error) {
      const reason = error instanceof JsonPathSyntaxError ? `invalid JSONPath (${error.message})` : (error as Error).message;
      errors.push({ code: 'invalid-response-parameter', message: `Response parameter '${target}': ${reason}` });
    }
  }

  const accept = headerValue(request?.params?.header, 'Accept');
  const chosen = selectResponseTemplate(response.responseTemplates, accept);
  let body = backendBody;
  let finalStatus = status;
  let render: RenderResult | undefined;
  if (chosen) {
    render = renderTemplate(chosen.template, { ...request, context: withoutResponseOverride(baseContext), body: backendBody }, { kind: 'response', timeoutMs: input.timeoutMs });
    errors.push(...render.errors);
    if (render.gatewayError) {
      return { status: render.gatewayError.status, headers, body: render.gatewayError.body, selectedKey: selection.key, selectedStatus: status, render, errors };
    }
    body = render.output;
    assignOwn(headers, render.responseOverride.header);
    if (render.responseOverride.status !== undefined) finalStatus = render.responseOverride.status;
    headers['content-type'] ??= chosen.contentType;
  }
  return { status: finalStatus, headers, body, selectedKey: selection.key, selectedStatus: status, templateContentType: chosen?.contentType, render, errors };
}

/**
 * The request's context for its response template, without the response overrides its request template wrote: those
 * change nothing (response overrides belong to integration response templates, as the editor's check and the
 * evaluator's note say), so they neither reach the method response nor count as the response template's own.
 */
function withoutResponseOverride(context: Record<string, unknown>): Record<string, unknown> {
  if (!('responseOverride' in context)) return context;
  const { responseOverride: _dropped, ...rest } = context;
  return rest;
}
