import { renderTemplate, type TemplateRequest } from '../../template/engine';
import { NESTED_TOO_DEEP, nestsDeeperThan } from '../../model/jsonNesting';
import { UsageError, type CliIO } from '../io';
import { parseOptions } from '../options';
import { EVAL_HELP, EVAL_USAGE } from '../usage';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringMap(value: unknown, where: string, file: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new UsageError(`${file}: ${where} must be an object of names to strings`);
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string') out[name] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[name] = String(v);
    else throw new UsageError(`${file}: ${where}.${name} must be a string`);
  }
  return out;
}

function listMap(value: unknown, where: string, file: string): Record<string, string[]> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new UsageError(`${file}: ${where} must be an object of names to lists of strings`);
  const out: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!Array.isArray(v) || v.some((item) => typeof item !== 'string')) throw new UsageError(`${file}: ${where}.${name} must be a list of strings`);
    out[name] = v as string[];
  }
  return out;
}

const REQUEST_KEYS = new Set(['body', 'params', 'multiValueParams', 'stageVariables', 'context']);
const PARAMS_KEYS = new Set(['path', 'querystring', 'header']);
const MULTI_VALUE_PARAMS_KEYS = new Set(['querystring', 'header']);

/** A misspelt key (`query`, `headers`) would otherwise be dropped silently and the template see no parameters. */
function rejectUnknownKeys(value: Json, known: Set<string>, where: string, file: string): void {
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length === 0) return;
  const prefix = where ? `${where}.` : '';
  throw new UsageError(`${file}: unknown field ${unknown.map((k) => `"${prefix}${k}"`).join(', ')} (expected ${[...known].map((k) => `${prefix}${k}`).join(', ')})`);
}

/** Reads the sample request file, refusing shapes the engine would misread. */
function toTemplateRequest(text: string, file: string): TemplateRequest {
  if (nestsDeeperThan(text)) throw new UsageError(`${file}: ${NESTED_TOO_DEEP}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) throw new UsageError(`${file}: the request must be a JSON object like {"body": "...", "params": {...}}`);
  rejectUnknownKeys(raw, REQUEST_KEYS, '', file);
  const { body, params, multiValueParams, stageVariables, context } = raw;
  if (body !== undefined && body !== null && typeof body !== 'string' && !isObject(body) && !Array.isArray(body)) {
    throw new UsageError(`${file}: body must be the raw request body as a string`);
  }
  if (params !== undefined && !isObject(params)) throw new UsageError(`${file}: params must be an object with path, querystring and header`);
  if (multiValueParams !== undefined && !isObject(multiValueParams)) throw new UsageError(`${file}: multiValueParams must be an object with querystring and header`);
  if (params) rejectUnknownKeys(params, PARAMS_KEYS, 'params', file);
  if (multiValueParams) rejectUnknownKeys(multiValueParams, MULTI_VALUE_PARAMS_KEYS, 'multiValueParams', file);
  if (context !== undefined && !isObject(context)) throw new UsageError(`${file}: context must be an object`);
  return {
    // A JSON value given instead of a string is sent as its JSON text.
    body: typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body),
    params: params && {
      path: stringMap(params.path, 'params.path', file),
      querystring: stringMap(params.querystring, 'params.querystring', file),
      header: stringMap(params.header, 'params.header', file),
    },
    multiValueParams: multiValueParams && {
      querystring: listMap(multiValueParams.querystring, 'multiValueParams.querystring', file),
      header: listMap(multiValueParams.header, 'multiValueParams.header', file),
    },
    stageVariables: stringMap(stageVariables, 'stageVariables', file),
    context: context as Json | undefined,
  };
}

export async function runEval(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { values: ['--request', '--kind', '--timeout'], flags: ['--json'], files: ['--request'] });
  if (options.help) {
    io.out(`${EVAL_HELP}\n`);
    return 0;
  }
  if (options.positional.length !== 1) {
    throw new UsageError(options.positional.length === 0 ? `a template file is required\n${EVAL_USAGE}` : `expected one template file, got ${options.positional.length}`);
  }
  const kind = options.values.get('--kind') ?? 'request';
  if (kind !== 'request' && kind !== 'response') throw new UsageError(`--kind must be request or response, not '${kind}'`);
  const timeoutText = options.values.get('--timeout');
  const timeoutMs = timeoutText === undefined ? undefined : Number(timeoutText);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new UsageError(`--timeout must be a positive number of milliseconds, not '${timeoutText}'`);

  const templateFile = options.positional[0];
  const template = await io.readFile(templateFile);
  const requestFile = options.values.get('--request');
  const request = requestFile === undefined ? {} : toTemplateRequest(await io.readFile(requestFile), requestFile);

  const result = renderTemplate(template, request, { kind, timeoutMs });
  const failed = result.errors.length > 0 || result.gatewayError !== undefined;
  if (options.flags.has('--json')) {
    const { output, requestOverride, responseOverride, errors, notes, gatewayError } = result;
    io.out(`${JSON.stringify({ output, requestOverride, responseOverride, errors, notes, ...(gatewayError ? { gatewayError } : {}) }, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  if (result.output !== '') io.out(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
  const where = (line?: number, column?: number) => (line === undefined ? templateFile : `${templateFile}:${line}${column === undefined ? '' : `:${column}`}`);
  for (const error of result.errors) io.err(`${where(error.line, error.column)}: ${error.message} [${error.code}]\n`);
  // Notes never change the exit code: the template ran as API Gateway would run it.
  for (const note of result.notes) io.err(`${where(note.line, note.column)}: note: ${note.message} [${note.code}]\n`);
  if (result.gatewayError) {
    io.err(`${templateFile}: API Gateway would answer ${result.gatewayError.status} itself: ${result.gatewayError.body}\n`);
  }
  return failed ? 1 : 0;
}
