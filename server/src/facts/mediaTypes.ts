/**
 * Media types as API Gateway reads them in mapping template keys and binary media types.
 *
 * - Mapping templates (request-response-data-mappings, the requestTemplates and responseTemplates extension pages):
 *   each key is a MIME type such as `application/json`. A request template is picked by the request's Content-Type
 *   (`application/json` when it has none), a response template by its Accept header; only the media type counts, so
 *   parameters (`; charset=utf-8`) and letter case are ignored. The PutIntegration and PutIntegrationResponse models
 *   take any string as a key (a map of string to string), so nothing refuses a key that is no media type, which no
 *   header ever names.
 *   The guide names concrete types only and says nothing of wildcards in template keys; `*\/*` or `application/*` have
 *   the form of a media range and are taken as written.
 * - Binary media types (binary-media-types extension page): MIME types, `*` wildcards allowed (`image/*`, `*\/*`).
 *   The binaryMediaTypes of the API are addressed with `/` escaped as `~1` (JSON Pointer) in PATCH operations, and
 *   CloudFormation's BinaryMediaTypes is written that way (`image~1png`); definitions carry that spelling too, which
 *   the local gateway reads as `/`, so it is taken as a media type here. SAM turns it back into `/` when it writes the
 *   extension, the usual spelling.
 *
 * A type and a subtype are RFC 6838 names (letters, digits and `!#$&^_.+-`), or `*`.
 */
import type { ValueSpec } from './extensionTypes';

const NAME = '[A-Za-z0-9*][\\w!#$&^.+*-]*';

/** `type/subtype`, parameters after a `;` allowed. */
export const MEDIA_TYPE_PATTERN = `^${NAME}/${NAME}\\s*(;.*)?$`;

/** As `MEDIA_TYPE_PATTERN`, with `/` also written `~1`. */
export const BINARY_MEDIA_TYPE_PATTERN = `^${NAME}(/|~1)${NAME}\\s*(;.*)?$`;

export const MEDIA_TYPE_FORM = 'a media type of the form `type/subtype` (such as `application/json`)';

/** What becomes of a request template under a key no Content-Type names. */
export const REQUEST_TEMPLATE_UNMATCHED =
  "API Gateway picks a request template by the media type of the request's Content-Type (`application/json` when there is none), which never names this key, so the template is never used.";

/** What becomes of a response template under a key no Accept header names: it is only ever the last resort. */
export const RESPONSE_TEMPLATE_UNMATCHED =
  "API Gateway picks a response template by the media type of the request's Accept header, which never names this key; the template is used only as the fallback, when it comes first and no template matches the Accept header or is for `application/json`.";

/** The keys of a map of mapping templates: media types, described for hover and completion, checked for their form. */
export function templateKeys(unmatched: string): Pick<ValueSpec, 'keyDoc' | 'keyPattern' | 'keyPatternMessage' | 'keyPatternCode' | 'keyPatternConsequence' | 'examples'> {
  return {
    keyDoc:
      'A MIME type such as `application/json`, matched against the media type of the request header that picks the template; parameters such as `; charset=utf-8` and letter case are ignored. AWS stores any key, but one that is not `type/subtype` is never matched. The developer guide documents no wildcard matching of template keys: `*/*` or `application/*` are taken as written.',
    keyPattern: MEDIA_TYPE_PATTERN,
    keyPatternMessage: MEDIA_TYPE_FORM,
    keyPatternCode: 'invalid-media-type',
    keyPatternConsequence: unmatched,
    examples: ['application/json', 'application/xml', 'text/plain'],
  };
}
