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

/** The forms each dialect's sources are written in, as messages list them (the multi-valued REST forms are rare). */
export const IDENTITY_SOURCE_FORMS: Record<Dialect, string> = {
  rest: '`method.request.header.NAME`, `method.request.querystring.NAME`, `stageVariables.NAME` or `context.NAME`',
  http: '`$request.header.NAME`, `$request.querystring.NAME`, `$context.NAME` or `$stageVariables.NAME`',
};

/** A REST source a request carries in a header, single or multi-valued: what a browser's CORS preflight leaves out. */
export function isRestHeaderSource(source: string): boolean {
  return /^method\.request\.(?:multivalue)?header\./.test(source);
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
