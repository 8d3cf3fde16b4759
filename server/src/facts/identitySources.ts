import type { Dialect } from '../model/dialect';
import { httpMappingSource } from './httpApiMappings';

/**
 * The forms of a Lambda authorizer's identity sources (the comma-separated `identitySource`), in REST and HTTP APIs.
 * Validation accepts by them and hover describes by them, so that the two give one answer about a source.
 */

/** REST: request headers and query string parameters (single or multi-valued), stage and context variables. */
export const REST_IDENTITY_SOURCE = /^(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.[^\s,]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;
/** HTTP APIs: the same values as `$` variables. */
export const HTTP_IDENTITY_SOURCE = /^\$(request\.(header|querystring)\.[^\s,]+|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/;

/** What an identity source reads. */
export type IdentitySourceKind = 'header' | 'querystring' | 'stageVariable' | 'context';

export interface IdentitySourceForm {
  /** The start every source of the form has; the name follows it. */
  prefix: string;
  reads: IdentitySourceKind;
  /**
   * Where an authorizer that reads one token may take it from: the one header holding it for REST token and Cognito
   * authorizers (Authorizer in the API reference), a header or query string parameter for HTTP API JWT authorizers.
   */
  token?: true;
  /** Every value of a header or parameter sent more than once, as one source: rare, so messages leave it out. */
  multiValued?: true;
}

/** The authorizer types that read one token from one source. */
export const TOKEN_AUTHORIZER_TYPES = ['token', 'cognito_user_pools', 'jwt'];

/** The forms each dialect's sources are written in, the usual ones first. */
export const IDENTITY_SOURCE_PREFIXES: Record<Dialect, IdentitySourceForm[]> = {
  rest: [
    { prefix: 'method.request.header.', reads: 'header', token: true },
    { prefix: 'method.request.querystring.', reads: 'querystring' },
    { prefix: 'stageVariables.', reads: 'stageVariable' },
    { prefix: 'context.', reads: 'context' },
    { prefix: 'method.request.multivalueheader.', reads: 'header', multiValued: true },
    { prefix: 'method.request.multivaluequerystring.', reads: 'querystring', multiValued: true },
  ],
  http: [
    { prefix: '$request.header.', reads: 'header', token: true },
    { prefix: '$request.querystring.', reads: 'querystring', token: true },
    { prefix: '$context.', reads: 'context' },
    { prefix: '$stageVariables.', reads: 'stageVariable' },
  ],
};

/** The forms as messages list them: `` `a.NAME`, `b.NAME` or `c.NAME` ``. */
function formList(dialect: Dialect): string {
  const forms = IDENTITY_SOURCE_PREFIXES[dialect].filter((form) => !form.multiValued).map((form) => `\`${form.prefix}NAME\``);
  return `${forms.slice(0, -1).join(', ')} or ${forms[forms.length - 1]}`;
}

export const IDENTITY_SOURCE_FORMS: Record<Dialect, string> = { rest: formList('rest'), http: formList('http') };

/**
 * Whether an authorizer that reads one token (`TOKEN_AUTHORIZER_TYPES`) may take it from `source`, written in the
 * dialect's form: a REST token authorizer from one header, an HTTP API JWT authorizer from a header or query string.
 */
export function isTokenSource(source: string, dialect: Dialect): boolean {
  return IDENTITY_SOURCE_PREFIXES[dialect].some((form) => form.token && source.startsWith(form.prefix));
}

/** A REST source a request carries in a header, single or multi-valued: what a browser's CORS preflight leaves out. */
export function isRestHeaderSource(source: string): boolean {
  return IDENTITY_SOURCE_PREFIXES.rest.some((form) => form.reads === 'header' && source.startsWith(form.prefix));
}

/** The sources of an `identitySource` value, which separates them with commas. */
export function identitySourceList(value: string): string[] {
  return value.split(',').map((source) => source.trim()).filter(Boolean);
}

/**
 * Whether a dialect reads `source` as an identity source; with no dialect, whether either does. HTTP API definitions
 * written with the REST spelling are taken as they are (LocalStack's HTTP API fixture uses it).
 */
export function isIdentitySource(source: string, dialect?: Dialect): boolean {
  return (dialect !== 'rest' && HTTP_IDENTITY_SOURCE.test(source)) || REST_IDENTITY_SOURCE.test(source);
}

/**
 * A REST identity source as HTTP APIs write it: `method.request.header.X` is `$request.header.X`, as in a request
 * parameter mapping.
 */
export function httpIdentitySource(source: string): string {
  if (HTTP_IDENTITY_SOURCE.test(source)) return source;
  return httpMappingSource(source, 'request') ?? `$${source}`;
}

/** An HTTP API identity source as REST APIs write it: `$request.header.X` is `method.request.header.X`. */
export function restIdentitySource(source: string): string | undefined {
  if (REST_IDENTITY_SOURCE.test(source)) return source;
  if (!HTTP_IDENTITY_SOURCE.test(source)) return undefined;
  const request = /^\$request\.(header|querystring)\.(.+)$/.exec(source);
  return request ? `method.request.${request[1]}.${request[2]}` : source.slice(1);
}

/** An `identitySource` value with each source rewritten, its commas and spaces kept; undefined if one cannot be. */
export function rewriteIdentitySources(value: string, rewrite: (source: string) => string | undefined): string | undefined {
  const parts = value.split(',').map((part) => {
    const source = part.trim();
    const rewritten = source ? rewrite(source) : source;
    return rewritten === undefined ? undefined : part.replace(source, rewritten);
  });
  return parts.includes(undefined) ? undefined : parts.join(',');
}
