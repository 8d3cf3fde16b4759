import { joinHeaderLists } from '../../../server/src/gateway/requestHeaders';
import type { InvokeDraft, MultiValueMap } from './invokeMessages';

/** One HTTP request as it goes on the wire. */
export interface HttpRequestSpec {
  method: string;
  url: string;
  /** Each header name once; multiple values are joined with commas, as HTTP allows. */
  headers: Record<string, string>;
  body?: string;
}

/**
 * The request path with the path parameters filled in. Ordinary parameters are percent-encoded whole; a greedy
 * `{name+}` keeps its slashes, each segment encoded on its own.
 */
export function concretePath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, raw: string) => {
    const greedy = raw.endsWith('+');
    const name = greedy ? raw.slice(0, -1) : raw;
    const value = params[name];
    if (value === undefined || value === '') return whole;
    return greedy ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
}

/** Path parameters the draft leaves empty; a request with one would hit a different resource or none. */
export function missingPathParams(template: string, params: Record<string, string>): string[] {
  const missing: string[] = [];
  for (const m of template.matchAll(/\{([^{}]+?)\+?\}/g)) if (!params[m[1]]) missing.push(m[1]);
  return missing;
}

export const NEEDS_REST_API_ID = 'Test invoke needs the REST API id: deploy the document, open the panel from the API tree, or type the id.';

/**
 * Why the draft cannot go to its target as it stands, or undefined. Checked before anything is sent: such a draft is
 * a form to complete, not a request that failed, and stays out of the history.
 */
export function draftProblem(draft: InvokeDraft, hasDocument: boolean): string | undefined {
  const missing = missingPathParams(draft.pathTemplate, draft.pathParams);
  if (missing.length) return `Fill in the path parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`;
  if (draft.target === 'local' && !hasDocument) return 'The local gateway runs an API definition: open the panel from a document to use it.';
  if (draft.target === 'testInvoke' && !draft.restApiId?.trim()) return NEEDS_REST_API_ID;
  if (draft.target === 'url') {
    const stageUrl = draft.stageUrl?.trim();
    if (!stageUrl) return 'Give the stage URL to call, e.g. https://abc123.execute-api.us-east-1.amazonaws.com/prod.';
    try {
      stageRequestUrl(stageUrl, draft);
    } catch {
      return `${stageUrl} is not a valid URL.`;
    }
  }
  return undefined;
}

export function multiValues(map: MultiValueMap | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(map ?? {})) out[name] = (Array.isArray(value) ? value : [value]).map(String);
  return out;
}

/**
 * The query as sent. The panel lists every declared query parameter, most of them empty; a name whose value is an
 * empty string is left out, so the list does not add `?type=&page=` to each request. A list keeps its empty values:
 * `{"tenant": [""]}` sends `tenant=`.
 */
export function sentQuery(query: MultiValueMap | undefined): MultiValueMap {
  return Object.fromEntries(Object.entries(query ?? {}).filter(([, value]) => value !== ''));
}

/** `a=1&a=2&b=x%20y`, in the order the names were written. */
export function queryString(query: MultiValueMap | undefined): string {
  return Object.entries(multiValues(sentQuery(query)))
    .flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`))
    .join('&');
}

/**
 * Each name once, its values joined as the local gateway joins them for single-valued lookups (fetch cannot send a
 * name on several lines), so a deployed stage and the local run see the same header.
 */
export function singleValueHeaders(headers: MultiValueMap | undefined): Record<string, string> {
  return joinHeaderLists(multiValues(headers));
}

/** The path and query string after the stage URL, e.g. `/pets/7?type=dog`. */
export function pathWithQuery(draft: Pick<InvokeDraft, 'pathTemplate' | 'pathParams' | 'query'>): string {
  const query = queryString(draft.query);
  return `${concretePath(draft.pathTemplate, draft.pathParams)}${query ? `?${query}` : ''}`;
}

/** The full URL of the request on a deployed stage; the stage URL may or may not end in a slash. */
export function stageRequestUrl(stageUrl: string, draft: Pick<InvokeDraft, 'pathTemplate' | 'pathParams' | 'query'>): string {
  const base = stageUrl.trim().replace(/\/+$/, '');
  const url = new URL(`${base}${pathWithQuery(draft)}`);
  return url.toString();
}

/** Methods whose requests go out without the body; the panel also folds their body box. */
export function sendsNoBody(method: string): boolean {
  return ['GET', 'HEAD'].includes(method.toUpperCase());
}

/** The HTTP request the draft describes against a base URL: headers with the API key, and the body when one is sent. */
export function httpRequestFor(draft: InvokeDraft, baseUrl: string): HttpRequestSpec {
  const headers = singleValueHeaders(draft.headers);
  if (draft.apiKey && !Object.keys(headers).some((h) => h.toLowerCase() === 'x-api-key')) headers['x-api-key'] = draft.apiKey;
  const sendsBody = draft.body !== '' && !sendsNoBody(draft.method);
  return { method: draft.method.toUpperCase() === 'ANY' ? 'GET' : draft.method.toUpperCase(), url: stageRequestUrl(baseUrl, draft), headers, body: sendsBody ? draft.body : undefined };
}

/** The local gateway's request for the draft; the server mirrors this shape as `InvokeLocalParams`. */
export function localInvokeParams(draft: InvokeDraft, uri: string, workspaceFolder: string | undefined) {
  const method = draft.method.toUpperCase() === 'ANY' ? 'GET' : draft.method.toUpperCase();
  return {
    uri,
    operation: { path: draft.pathTemplate, method: draft.method.toUpperCase() },
    method,
    path: concretePath(draft.pathTemplate, draft.pathParams),
    query: multiValues(sentQuery(draft.query)),
    // Every value, as API Gateway keeps them for multi-value mappings and Lambda events. No joined `headers` beside
    // them: the gateway joins these lists itself and reads `headers` only for names the lists lack, and there are none.
    multiValueHeaders: multiValues(draft.headers),
    body: draft.body,
    stage: draft.stage,
    stageVariables: draft.stageVariables,
    workspaceFolder,
  };
}
