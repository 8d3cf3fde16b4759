import { appendOwn, getOwn, setOwn } from '../../model/jsonObjects';
import { isJson } from '../apiModel';
import { NOT_FORWARDED } from './httpClient';
import { applyHeaderAction, emptyMappingNote, mappedValue, stageOrContextValue } from './httpApiMapping';
import { bodyValue } from './mappingSources';
import type { IntegrationContext } from './types';

export interface HttpApiMapped {
  pathParameters: Record<string, string>;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  pathOverride?: string;
}

/**
 * HTTP API parameter mapping for HTTP_PROXY: the request's headers and query string pass through, then
 * `append|overwrite|remove:header.X`, `...:querystring.X` and `overwrite:path` apply. Values are `$request.*`,
 * `$context.*`, `$stageVariables.*` or literal text, combinable with `${...}`. A value that is a single reference
 * to something the request lacks leaves its mapping out, as the REST mappings here do for an absent source.
 */
export function mapHttpApiParameters(ctx: IntegrationContext): HttpApiMapped {
  const { request, integration } = ctx;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) if (!NOT_FORWARDED.has(k.toLowerCase())) setOwn(headers, k, v);
  const query: Record<string, string[]> = Object.fromEntries(Object.entries(request.query).map(([k, v]) => [k, [...v]]));
  const result: HttpApiMapped = { pathParameters: { ...request.pathParameters }, query, headers };
  const parameters = isJson(integration.requestParameters) ? integration.requestParameters : {};
  for (const [key, raw] of Object.entries(parameters)) {
    const m = /^(append|overwrite|remove):(header|querystring|path)(?:\.(.+))?$/.exec(key);
    if (!m) continue;
    if (raw === '') {
      ctx.log.add(emptyMappingNote(key));
      continue;
    }
    const [, action, where, name] = m;
    const value = action === 'remove' ? '' : mappedValue(String(raw), 'request', (expression) => lookup(expression, ctx));
    if (value === undefined) {
      ctx.log.add(`Request parameter mapping ${key} skipped: the request has no value for ${String(raw)}`);
      continue;
    }
    if (where === 'path') {
      if (action === 'overwrite') result.pathOverride = value.startsWith('/') ? value : `/${value}`;
      continue;
    }
    if (!name) continue;
    if (where === 'header') {
      applyHeaderAction(headers, action, name, value);
    } else if (action === 'remove') {
      delete query[name];
    } else if (action === 'append') {
      appendOwn(query, name, value);
    } else {
      setOwn(query, name, [value]);
    }
  }
  return result;
}

function lookup(expression: string, ctx: IntegrationContext): string | undefined {
  const req = ctx.request;
  if (expression === 'request.path') return req.path;
  if (expression === 'request.body') return req.body;
  const m = /^request\.(header|querystring|path)\.(.+)$/.exec(expression);
  if (m) {
    if (m[1] === 'header') return getOwn(req.lowerHeaders, m[2].toLowerCase());
    if (m[1] === 'querystring') return getOwn(req.query, m[2])?.join(',');
    return getOwn(req.pathParameters, m[2]);
  }
  if (expression.startsWith('request.body.')) return bodyValue(req.body, expression.slice('request.body.'.length));
  return stageOrContextValue(expression, req);
}
