import { RESERVED_HTTP_HEADERS } from '../../facts/httpApiHeaders';
import { headerValue } from '../../template/parameterMaps';
import { isJson } from '../apiModel';
import { joinHeaderLists } from '../requestHeaders';
import { applyHeaderAction, emptyMappingNote, interpolate, stageOrContextValue } from './httpApiMapping';
import { bodyValue } from './mappingSources';
import type { IntegrationContext, IntegrationResult } from './types';

const KEY = /^(append|overwrite|remove):header\.(.+)$/;

/**
 * HTTP APIs: the integration's `responseParameters` for the backend's status code change the response before it
 * reaches the client — `append|overwrite|remove:header.X` and `overwrite:statuscode`, with values `$response.header.X`,
 * `$response.body.JSONPath`, `$context.X`, `$stageVariables.X`, literal text, or several of them in `${...}`. Every
 * value is read from the backend's response as it arrived, before any mapping applies.
 */
export function applyHttpApiResponseParameters(ctx: IntegrationContext, result: IntegrationResult): IntegrationResult {
  const groups = isJson(ctx.integration.responseParameters) ? ctx.integration.responseParameters : undefined;
  const mappings = groups?.[String(result.status)];
  if (!isJson(mappings)) return result;
  // `$response.header.X` of a header the backend repeated reads its values joined, as for any other header.
  const original = { status: result.status, headers: { ...result.headers, ...joinHeaderLists(result.multiValueHeaders ?? {}) }, body: typeof result.body === 'string' ? result.body : result.body.toString('utf8') };
  const headers = result.headers;
  let status = result.status;
  for (const [key, raw] of Object.entries(mappings)) {
    if (raw === '') {
      ctx.log.add(emptyMappingNote(key));
      continue;
    }
    const value = interpolate(String(raw), 'response', (expression) => lookup(expression, ctx, original));
    if (key === 'overwrite:statuscode') {
      const code = Number(value);
      if (Number.isInteger(code) && code >= 100 && code <= 599) status = code;
      else ctx.log.add(`Response parameter overwrite:statuscode ignored: "${value}" is not a status code`);
      continue;
    }
    const m = KEY.exec(key);
    if (!m) continue;
    const [, action, name] = m;
    if (RESERVED_HTTP_HEADERS.test(name)) {
      ctx.log.add(`Response parameter ${key} ignored: API Gateway does not let mappings change the ${name} header`);
      continue;
    }
    const multi = result.multiValueHeaders && Object.keys(result.multiValueHeaders).find((h) => h.toLowerCase() === name.toLowerCase());
    if (multi !== undefined && result.multiValueHeaders) {
      // A header the backend sent several times (Set-Cookie) gains one more value, or is replaced or removed whole.
      if (action === 'append') {
        result.multiValueHeaders[multi].push(value);
        continue;
      }
      delete result.multiValueHeaders[multi];
    }
    applyHeaderAction(headers, action, name, value);
  }
  if (ctx.log.enabled) ctx.log.add(`Response parameters for status ${original.status} applied: status ${status}, headers ${JSON.stringify(headers)}`);
  return { ...result, status, headers };
}

interface BackendResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function lookup(expression: string, ctx: IntegrationContext, response: BackendResponse): string | undefined {
  if (expression.startsWith('response.header.')) return headerValue(response.headers, expression.slice('response.header.'.length));
  if (expression === 'response.body') return response.body;
  if (expression.startsWith('response.body.')) return bodyValue(response.body, expression.slice('response.body.'.length));
  return stageOrContextValue(expression, ctx.request);
}
