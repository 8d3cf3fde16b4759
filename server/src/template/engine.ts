/**
 * The mapping-template engine: one entry point for diagnostics, the evaluator, the local gateway and the CLI.
 */
import { setOwn } from '../model/jsonObjects';
import { buildDefaultContext, repeatedOverrides, writtenOverrides } from './contextVariable';
import { InputVariable, mergeParameters, Payload } from './inputVariable';
import { TemplateInterpreter, type InterpreterIssues } from './interpreter';
import { isMapValue, isRecordMap, mapEntries, mapGet, orderedMapOf, type RecordMap } from './javaMaps';
import { javaToString } from './javaValues';
import { DEFAULT_TIMEOUT_MS, EvaluationBudget, GatewayAbort, isStackOverflow, RENDER_STACK_OVERFLOW_MESSAGE, STACK_OVERFLOW_CODE, TemplateAbort } from './limits';
import { parseTemplate } from './syntax';
import { UtilVariable } from './utilVariable';
import { withVelocityColumns } from './velocityColumns';

export { buildDefaultContext } from './contextVariable';

export interface TemplateRequest {
  /** Raw body, default ''. */
  body?: string;
  params?: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
  multiValueParams?: { querystring?: Record<string, string[]>; header?: Record<string, string[]> };
  stageVariables?: Record<string, string>;
  /** Deep-merged over the defaults. */
  context?: Record<string, unknown>;
}

export interface TemplateError {
  message: string;
  line?: number;
  /** Counts characters, a tab as one: where editors place the problem. */
  column?: number;
  /** The column Velocity itself states for the place, when a tab before it on its line makes it differ (velocityColumns). */
  velocityColumn?: number;
  code: string;
  /** Of a `repeated-override`: the parameter set twice, e.g. `responseOverride.status`. */
  parameter?: string;
}

export interface RenderResult {
  output: string;
  requestOverride: {
    header: Record<string, string>;
    path: Record<string, string>;
    querystring: Record<string, string>;
    /** Headers set to a list (`#set($context.requestOverride.header.X = ["a", "b"])`); `header` holds them comma-joined. */
    multiValueHeader: Record<string, string[]>;
    /** Query-string parameters set to a list; `querystring` holds them comma-joined. */
    multiValueQuerystring: Record<string, string[]>;
  };
  responseOverride: { status?: number; header: Record<string, string> };
  errors: TemplateError[];
  /**
   * What API Gateway does without a word and the author most likely did not mean, such as a call that finds no
   * method and renders nothing. Notes never fail a template.
   */
  notes: TemplateError[];
  /** Set when API Gateway itself answers instead of the integration (e.g. 400 for an unparsable JSON body). */
  gatewayError?: { status: number; body: string };
  durationMs: number;
  /**
   * `$context` as the template left it, overrides included. Pass it as the `context` of the next template of the
   * same request (the integration response) so that it sees the same ids and what the request template set.
   */
  context: Record<string, unknown>;
}

export interface RenderOptions {
  kind?: 'request' | 'response';
  /** Wall-clock budget for one evaluation; default 2000 ms. */
  timeoutMs?: number;
}

const UTIL = new UtilVariable();

export { checkTemplateSyntax } from './syntaxCheck';

export function renderTemplate(template: string, request: TemplateRequest, options: RenderOptions = {}): RenderResult {
  const started = performance.now();
  const context = buildDefaultContext(isRecordMap(request?.context) ? request.context : {}, {}, request?.params?.path);
  const result: RenderResult = {
    output: '',
    requestOverride: { header: {}, path: {}, querystring: {}, multiValueHeader: {}, multiValueQuerystring: {} },
    responseOverride: { header: {} },
    errors: [],
    notes: [],
    durationMs: 0,
    context,
  };
  const finish = () => {
    collectOverrides(context, result);
    if (typeof template === 'string') result.errors = withVelocityColumns(template, result.errors);
    result.durationMs = performance.now() - started;
    return result;
  };
  if (typeof template !== 'string') {
    result.errors.push({ code: 'invalid-template', message: 'The template must be a string' });
    return finish();
  }
  const kind = options.kind ?? 'request';
  const timeoutMs = options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
  // The clock starts before the parse, which counts against the evaluation's time as the rendering does.
  const budget = new EvaluationBudget(timeoutMs);
  const issues: InterpreterIssues = { warnings: [], notes: [] };
  let interpreter: TemplateInterpreter | undefined;
  try {
    const parsed = parseTemplate(template, () => budget.checkParse());
    if (!parsed.ok) {
      result.errors.push(...parsed.problems.map((p) => ({ ...p })));
      return finish();
    }
    budget.checkParse();
    const payload = new Payload(typeof request?.body === 'string' ? request.body : '', kind);
    const params = mergeParameters(request?.params, request?.multiValueParams);
    const stageVariables = orderedMapOf(isRecordMap(request?.stageVariables) ? request.stageVariables : {});
    interpreter = new TemplateInterpreter(parsed.tree, budget, issues);
    result.output = interpreter.render({ input: new InputVariable(payload, params), util: UTIL, context, stageVariables }, {}, true);
  } catch (error) {
    if (error instanceof GatewayAbort) {
      result.gatewayError = { status: error.status, body: error.body };
    } else if (error instanceof TemplateAbort) {
      result.errors.push({ code: error.code, message: error.message, ...error.position });
    } else if (error instanceof RangeError) {
      // Macros, #define and #evaluate that call themselves, and values or text nested too deeply, are stopped with
      // their own messages before the stack runs out; this is whatever slipped past those checks.
      const stack = isStackOverflow(error);
      result.errors.push({
        code: stack ? STACK_OVERFLOW_CODE : 'output-too-large',
        message: stack ? RENDER_STACK_OVERFLOW_MESSAGE : `Template evaluation ran out of room: ${error.message}`,
        ...interpreter?.currentPosition(),
      });
    } else {
      result.errors.push({ code: 'internal', message: `Template evaluation failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  result.errors.push(...onceEach(issues.warnings.map((warning) => ({ code: warning.code, message: warning.message, ...warning.position }))));
  for (const note of issues.notes ?? []) result.notes.push({ code: note.code, message: note.message, ...note.position });
  // API Gateway answers a template that overrides one parameter twice with a 5XX: the evaluator says so too.
  for (const parameter of repeatedOverrides(context)) {
    result.errors.push({ code: 'repeated-override', parameter, message: `$context.${parameter} is overridden more than once; each parameter may be overridden only once, and API Gateway answers 500` });
  }
  // Request overrides change the integration request, which is sent before a response template runs; response
  // overrides change the method response, which a request template comes too early to change.
  for (const parameter of writtenOverrides(context)) {
    if (kind === 'request' ? !parameter.startsWith('responseOverride') : !parameter.startsWith('requestOverride')) continue;
    const why = kind === 'request' ? 'set it in an integration response template' : 'the integration request was sent before this template runs';
    result.notes.push({ code: 'override-misplaced', message: `$context.${parameter} is set in a ${kind} template, where it has no effect: ${why}` });
  }
  return finish();
}

/**
 * Each warning once, with how often it came: an inner loop over too many items warns on every pass of the loop around
 * it, hundreds of identical lines before the time runs out.
 */
function onceEach(errors: TemplateError[]): TemplateError[] {
  const counts = new Map<string, { error: TemplateError; times: number }>();
  for (const error of errors) {
    const key = `${error.code}\u0000${error.line}\u0000${error.column}\u0000${error.message}`;
    const seen = counts.get(key);
    if (seen) seen.times++;
    else counts.set(key, { error, times: 1 });
  }
  return [...counts.values()].map(({ error, times }) => (times === 1 ? error : { ...error, message: `${error.message} (${times} times)` }));
}

/** `$context.requestOverride.*` and `$context.responseOverride.*` as the template left them. */
function collectOverrides(context: RecordMap, result: RenderResult): void {
  // A template may replace a map of overrides with a map literal of its own: either kind of map is read.
  const requestOverride = isMapValue(context.requestOverride) ? context.requestOverride : {};
  const flatten = (source: unknown, single: Record<string, string>, multi?: Record<string, string[]>) => {
    if (!isMapValue(source)) return;
    for (const [key, value] of mapEntries(source)) {
      if (value === undefined || value === null) continue;
      const name = javaToString(key, true);
      if (Array.isArray(value)) {
        const values = value.map((v) => javaToString(v, true));
        if (multi) setOwn(multi, name, values);
        setOwn(single, name, values.join(','));
      } else {
        setOwn(single, name, javaToString(value));
      }
    }
  };
  flatten(mapGet(requestOverride, 'header'), result.requestOverride.header, result.requestOverride.multiValueHeader);
  flatten(mapGet(requestOverride, 'path'), result.requestOverride.path);
  flatten(mapGet(requestOverride, 'querystring'), result.requestOverride.querystring, result.requestOverride.multiValueQuerystring);
  const responseOverride = isMapValue(context.responseOverride) ? context.responseOverride : {};
  flatten(mapGet(responseOverride, 'header'), result.responseOverride.header);
  const status = mapGet(responseOverride, 'status');
  if (status !== undefined && status !== null) {
    const code = typeof status === 'number' ? status : Number(javaToString(status).trim());
    if (Number.isInteger(code) && code >= 100 && code <= 599) result.responseOverride.status = code;
    else result.errors.push({ code: 'invalid-status', message: `$context.responseOverride.status must be an HTTP status code (100-599), got '${javaToString(status)}'` });
  }
}
