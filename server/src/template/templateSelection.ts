/**
 * Which mapping template API Gateway applies (REST APIs, non-proxy integrations).
 * Facts (request-response-data-mappings.md, integration-passthrough-behaviors.md):
 * - request templates are chosen by Content-Type, `application/json` when the request has none;
 * - response templates are chosen by Accept, else `application/json`, else the first one;
 * - only the media type counts (`; charset=...` is ignored), compared case-insensitively;
 * - with no template for the Content-Type: WHEN_NO_MATCH passes the body through, WHEN_NO_TEMPLATES passes it
 *   through only when no template is defined at all, NEVER never does; the refusals are 415 Unsupported Media Type.
 */

export type PassthroughBehavior = 'when_no_match' | 'when_no_templates' | 'never';

export type RequestTemplateChoice =
  | { action: 'template'; contentType: string; template: string }
  | { action: 'passthrough'; contentType: string }
  | { action: 'reject'; contentType: string; status: 415; body: string };

export const DEFAULT_CONTENT_TYPE = 'application/json';
const UNSUPPORTED_MEDIA_TYPE_BODY = JSON.stringify({ message: 'Unsupported Media Type' });

/** `Application/JSON; charset=utf-8` becomes `application/json`. */
export function mediaTypeOf(header: string | undefined): string {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  return type === '' ? DEFAULT_CONTENT_TYPE : type;
}

/** The behaviour named in the document (any case); absent means WHEN_NO_MATCH, API Gateway's default. */
export function normalizePassthroughBehavior(value: string | undefined): PassthroughBehavior | undefined {
  if (value === undefined || value === '') return 'when_no_match';
  const lower = value.toLowerCase();
  return lower === 'when_no_match' || lower === 'when_no_templates' || lower === 'never' ? lower : undefined;
}

function findTemplate(templates: Record<string, string>, mediaType: string): [string, string] | undefined {
  for (const [key, template] of Object.entries(templates)) if (mediaTypeOf(key) === mediaType) return [key, template];
  return undefined;
}

export function selectRequestTemplate(
  templates: Record<string, string> | undefined,
  contentTypeHeader: string | undefined,
  passthroughBehavior?: string,
): RequestTemplateChoice {
  const contentType = mediaTypeOf(contentTypeHeader);
  const behavior = normalizePassthroughBehavior(passthroughBehavior);
  if (behavior === undefined) {
    throw new Error(`Unknown passthroughBehavior '${passthroughBehavior}': use when_no_match, when_no_templates or never`);
  }
  const all = templates ?? {};
  const found = findTemplate(all, contentType);
  if (found) return { action: 'template', contentType: found[0], template: found[1] };
  const hasTemplates = Object.keys(all).length > 0;
  if (behavior === 'when_no_match' || (behavior === 'when_no_templates' && !hasTemplates)) return { action: 'passthrough', contentType };
  return { action: 'reject', contentType, status: 415, body: UNSUPPORTED_MEDIA_TYPE_BODY };
}

/** Media ranges of an Accept header, most preferred first (by q, then by order). */
function acceptedTypes(accept: string): string[] {
  return accept
    .split(',')
    .map((part, order) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      const q = params.map((p) => /^q=([0-9.]+)$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { type: type.toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.type !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((entry) => entry.type);
}

export function selectResponseTemplate(
  templates: Record<string, string> | undefined,
  acceptHeader: string | undefined,
): { contentType: string; template: string } | undefined {
  const entries = Object.entries(templates ?? {});
  if (entries.length === 0) return undefined;
  for (const type of acceptedTypes(acceptHeader ?? '')) {
    if (type === '*/*') break;
    const match = type.endsWith('/*')
      ? entries.find(([key]) => mediaTypeOf(key).startsWith(type.slice(0, -1)))
      : entries.find(([key]) => mediaTypeOf(key) === type);
    if (match) return { contentType: match[0], template: match[1] };
  }
  const [key, template] = findTemplate(templates ?? {}, DEFAULT_CONTENT_TYPE) ?? entries[0];
  return { contentType: key, template };
}
