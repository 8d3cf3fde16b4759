import { getOwn, setOwn } from '../model/jsonObjects';
import { headerValue } from '../template/parameterMaps';
import type { ApiModel } from './apiModel';
import { isJson } from './apiModel';

/** The response types of `x-amazon-apigateway-gateway-responses` with AWS's default status codes. */
export const DEFAULT_STATUS: Record<string, number> = {
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_PARAMETERS: 400,
  BAD_REQUEST_BODY: 400,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
};

/** The `x-amzn-ErrorType` header API Gateway adds to its own error responses. */
const ERROR_TYPE_HEADER: Record<string, string> = {
  ACCESS_DENIED: 'AccessDeniedException',
  MISSING_AUTHENTICATION_TOKEN: 'MissingAuthenticationTokenException',
  UNAUTHORIZED: 'UnauthorizedException',
  INVALID_API_KEY: 'ForbiddenException',
  INVALID_SIGNATURE: 'InvalidSignatureException',
  EXPIRED_TOKEN: 'ExpiredTokenException',
  BAD_REQUEST_PARAMETERS: 'BadRequestException',
  BAD_REQUEST_BODY: 'BadRequestException',
  REQUEST_TOO_LARGE: 'BadRequestException',
  UNSUPPORTED_MEDIA_TYPE: 'UnsupportedMediaTypeException',
  AUTHORIZER_CONFIGURATION_ERROR: 'AuthorizerConfigurationException',
  AUTHORIZER_FAILURE: 'AuthorizerFailureException',
  INTEGRATION_TIMEOUT: 'InternalServerErrorException',
  INTEGRATION_FAILURE: 'InternalServerErrorException',
  API_CONFIGURATION_ERROR: 'InternalServerErrorException',
  DEFAULT_5XX: 'InternalServerErrorException',
};

/** An error the gateway answers itself, before or instead of the integration's answer. */
export class GatewayError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly options: { status?: number; headers?: Record<string, string>; validationErrorString?: string; messageIsNull?: boolean } = {},
  ) {
    super(message);
  }

  get defaultStatus(): number {
    return this.options.status ?? DEFAULT_STATUS[this.type] ?? (this.type === 'DEFAULT_4XX' ? 400 : 500);
  }
}

export interface GatewayResponseContext {
  stageVariables: Record<string, string>;
  headers: Record<string, string>;
  query: Record<string, string>;
  pathParameters: Record<string, string>;
  /** `$context` values by dotted name, e.g. `requestId`, `identity.sourceIp`. */
  context: Record<string, unknown>;
  accept?: string;
}

export interface RenderedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Mapped headers left out because the request lacks what they map, as `header <- expression`. */
  unset?: string[];
}

/**
 * REST APIs answer through the document's gateway responses: the specific type, else DEFAULT_4XX / DEFAULT_5XX,
 * else AWS's default `{"message": ...}`. Templates here are not VTL: only `$context.*` and `$stageVariables.*`
 * are substituted.
 */
export function renderGatewayError(model: ApiModel, error: GatewayError, ctx: GatewayResponseContext): RenderedResponse {
  if (model.dialect === 'http') {
    return { status: error.defaultStatus, headers: { 'Content-Type': 'application/json', ...error.options.headers }, body: JSON.stringify({ message: error.message }) };
  }
  const status0 = error.defaultStatus;
  // AWS documents that the 413 REQUEST_TOO_LARGE response cannot be customized: DEFAULT_4XX does not reach it either.
  const customizable = error.type !== 'REQUEST_TOO_LARGE';
  const specific = customizable ? model.gatewayResponses[error.type] : undefined;
  const family = customizable ? model.gatewayResponses[status0 >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'] : undefined;
  const custom = isJson(specific) ? specific : isJson(family) ? family : undefined;
  const status = isJson(specific) && specific.statusCode !== undefined ? Number(specific.statusCode) : status0;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...error.options.headers };
  if (ERROR_TYPE_HEADER[error.type]) headers['x-amzn-ErrorType'] = ERROR_TYPE_HEADER[error.type];
  const values = errorValues(error, ctx);
  let body = `{"message":${values['error.messageString']}}`;
  const unset: string[] = [];
  if (custom) {
    const parameters = isJson(custom.responseParameters) ? custom.responseParameters : {};
    for (const [key, expression] of Object.entries(parameters)) {
      const header = /^gatewayresponse\.header\.(.+)$/i.exec(key);
      if (!header || typeof expression !== 'string') continue;
      const value = parameterValue(expression, ctx);
      // AWS documents nothing for a mapped parameter the request lacks: the header is left out, as an integration
      // request mapping here leaves out what it cannot fill, rather than sent empty, and the log names it.
      if (value !== undefined) setOwn(headers, header[1], value);
      else unset.push(`${header[1]} <- ${expression}`);
    }
    const templates = isJson(custom.responseTemplates) ? (custom.responseTemplates as Record<string, unknown>) : undefined;
    if (templates && Object.keys(templates).length > 0) {
      const [type, template] = pickTemplate(templates, ctx.accept);
      headers['Content-Type'] = type;
      body = substitute(String(template ?? ''), values, ctx);
    }
  }
  const rendered: RenderedResponse = { status: Number.isFinite(status) ? status : status0, headers, body };
  if (unset.length) rendered.unset = unset;
  return rendered;
}

function errorValues(error: GatewayError, ctx: GatewayResponseContext): Record<string, string> {
  const message = error.options.messageIsNull ? null : error.message;
  return {
    'error.message': message ?? '',
    'error.messageString': JSON.stringify(message),
    'error.responseType': error.type,
    'error.validationErrorString': error.options.validationErrorString ?? '',
    ...Object.fromEntries(Object.entries(ctx.context).map(([k, v]) => [k, v === undefined || v === null ? '' : String(v)])),
  };
}

function pickTemplate(templates: Record<string, unknown>, accept: string | undefined): [string, unknown] {
  const wanted = accept?.split(',').map((t) => t.split(';')[0].trim().toLowerCase()) ?? [];
  for (const type of wanted) {
    const hit = Object.keys(templates).find((k) => k.toLowerCase() === type);
    if (hit) return [hit, templates[hit]];
  }
  if ('application/json' in templates) return ['application/json', templates['application/json']];
  const first = Object.keys(templates)[0];
  return [first, templates[first]];
}

/**
 * `$context.x.y` or `${context.x.y}` (and the same of `stageVariables`), the only references a gateway response
 * template has: a brace closes only a reference it opened, so the `}` of `{"message":$context.error.messageString}`
 * stays the JSON's. The evaluator's preview reads them with this pattern too.
 */
export const GATEWAY_RESPONSE_VARIABLE = /\$\{(context|stageVariables)((?:\.[A-Za-z0-9_-]+)+)\}|\$(context|stageVariables)((?:\.[A-Za-z0-9_-]+)+)/g;

function substitute(template: string, values: Record<string, string>, ctx: GatewayResponseContext): string {
  return template.replace(GATEWAY_RESPONSE_VARIABLE, (_all, braced: string | undefined, bracedPath: string | undefined, plain: string | undefined, plainPath: string | undefined) => {
    const root = braced ?? plain;
    const name = (bracedPath ?? plainPath ?? '').slice(1);
    // A name the request has no value of (`constructor`, `toString` included) renders as nothing.
    return getOwn(root === 'stageVariables' ? ctx.stageVariables : values, name) ?? '';
  });
}

/** A gateway-response parameter value: a quoted literal or a `method.request.*` / `stageVariables.*` / `context.*` expression. */
function parameterValue(expression: string, ctx: GatewayResponseContext): string | undefined {
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) return literal[1];
  const match = /^method\.request\.(header|querystring|path)\.(.+)$/i.exec(expression);
  if (match) {
    const [, where, name] = match;
    if (where.toLowerCase() === 'header') return headerValue(ctx.headers, name);
    // Only the request's own: `constructor` or `toString` named in a mapping are no parameters of it.
    return getOwn(where.toLowerCase() === 'querystring' ? ctx.query : ctx.pathParameters, name);
  }
  if (expression.startsWith('stageVariables.')) return getOwn(ctx.stageVariables, expression.slice('stageVariables.'.length));
  if (expression.startsWith('context.')) {
    const value = getOwn(ctx.context, expression.slice('context.'.length));
    return value === undefined ? undefined : String(value);
  }
  return undefined;
}
