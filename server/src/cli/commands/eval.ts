import { renderTemplate, type TemplateRequest } from '../../template/engine';
import { UsageError, type CliIO } from '../io';
import { parseOptions } from '../options';

export const EVAL_USAGE =
  'usage: apigw eval TEMPLATE_FILE [--request REQUEST_JSON_FILE] [--kind request|response] [--timeout MS] [--json]\n' +
  '  REQUEST_JSON: {"body": "<raw string>", "params": {"path": {}, "querystring": {}, "header": {}},\n' +
  '                 "stageVariables": {}, "context": {...}}';

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

/** Reads the sample request file, refusing shapes the engine would misread. */
function toTemplateRequest(text: string, file: string): TemplateRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(raw)) throw new UsageError(`${file}: the request must be a JSON object like {"body": "...", "params": {...}}`);
  const unknown = Object.keys(raw).filter((key) => !REQUEST_KEYS.has(key));
  if (unknown.length > 0) throw new UsageError(`${file}: unknown field ${unknown.map((k) => `"${k}"`).join(', ')} (expected ${[...REQUEST_KEYS].join(', ')})`);
  const { body, params, multiValueParams, stageVariables, context } = raw;
  if (body !== undefined && body !== null && typeof body !== 'string' && !isObject(body) && !Array.isArray(body)) {
    throw new UsageError(`${file}: body must be the raw request body as a string`);
  }
  if (params !== undefined && !isObject(params)) throw new UsageError(`${file}: params must be an object with path, querystring and header`);
  if (multiValueParams !== undefined && !isObject(multiValueParams)) throw new UsageError(`${file}: multiValueParams must be an object with querystring and header`);
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
  const options = parseOptions(args, { values: ['--request', '--kind', '--timeout'], flags: ['--json', '--help'] });
  if (options.flags.has('--help')) {
    io.out(`${EVAL_USAGE}\n`);
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
    const { output, requestOverride, responseOverride, errors, gatewayError } = result;
    io.out(`${JSON.stringify({ output, requestOverride, responseOverride, errors, ...(gatewayError ? { gatewayError } : {}) }, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  if (result.output !== '') io.out(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
  for (const error of result.errors) {
    const where = error.line === undefined ? templateFile : `${templateFile}:${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
    io.err(`${where}: ${error.message} [${error.code}]\n`);
  }
  if (result.gatewayError) {
    io.err(`${templateFile}: API Gateway would answer ${result.gatewayError.status} itself: ${result.gatewayError.body}\n`);
  }
  return failed ? 1 : 0;
}
