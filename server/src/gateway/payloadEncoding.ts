/**
 * Text and binary payloads of REST APIs: which media types are binary (`x-amazon-apigateway-binary-media-types`) and
 * the conversions `contentHandling` asks for, as in AWS's "Content type conversions" tables. Throughout the gateway a
 * binary payload that has to pass through text (templates, events, logs) is carried base64-encoded; a Buffer is a
 * payload that leaves as bytes.
 */

export type ContentHandling = 'CONVERT_TO_TEXT' | 'CONVERT_TO_BINARY' | undefined;

export function contentHandlingOf(value: unknown): ContentHandling {
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  return upper === 'CONVERT_TO_TEXT' || upper === 'CONVERT_TO_BINARY' ? upper : undefined;
}

/** The media type of a Content-Type or Accept value, lower-case and without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[a-z0-9.+-]*\+(json|xml)))/i;

/** Media types whose bodies read as text, for showing a body passed on untouched. */
export function isTextMediaType(type: string): boolean {
  return TEXT_TYPES.test(type);
}

const HTTP_API_TEXT_TYPES = /^(text\/|application\/(json|xml|javascript)$)/i;

/**
 * The media types whose bodies an HTTP API hands a function as text. Every other body arrives base64-encoded, form
 * data and `+json` types included, as does a body without a Content-Type (`type` empty).
 */
export function isHttpApiTextType(type: string): boolean {
  return HTTP_API_TEXT_TYPES.test(type);
}

/** `*\/*` and `type/*` wildcards match; the OpenAPI export writes `/` as `~1`. */
export function isBinaryMediaType(type: string, binaryMediaTypes: string[]): boolean {
  if (!type) return false;
  return binaryMediaTypes.some((pattern) => {
    const p = pattern.toLowerCase().replace(/~1/g, '/');
    if (p === '*/*') return true;
    if (p.endsWith('/*')) return type.startsWith(p.slice(0, -1));
    return p === type;
  });
}

/** API Gateway looks only at the first media type an Accept header lists, whatever the q values say. */
export function firstAcceptType(accept: string | undefined): string {
  return mediaTypeOf((accept ?? '').split(',')[0]);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 decoding: Node.js would skip invalid characters, where API Gateway fails the conversion. */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}

export type Conversion = { payload: string | Buffer } | { failed: string };

/**
 * The integration request payload of a non-proxy integration. `text` is what a template rendered, or the method
 * request body (base64 when `binary`); `templated` says which. Without a template: a binary body stays binary unless
 * CONVERT_TO_TEXT asks for its base64 text, and a text body is base64-decoded for CONVERT_TO_BINARY. A template's
 * output is text, converted only by CONVERT_TO_BINARY.
 */
export function integrationRequestPayload(text: string, binary: boolean, templated: boolean, handling: ContentHandling): Conversion {
  const binaryIn = binary && !templated;
  if (handling === 'CONVERT_TO_TEXT') return { payload: text };
  if (handling === 'CONVERT_TO_BINARY' || binaryIn) return toBinary(text);
  return { payload: text };
}

/**
 * The method response payload of a non-proxy integration. `text` is the integration response body as the template
 * saw it (base64 when `binary`), or the template's output (`templated`, always text). CONVERT_TO_BINARY and
 * CONVERT_TO_TEXT name the outcome; without them the outcome is binary exactly when the first Accept type is a
 * binary media type. Binary to text is the base64 text; text to binary is base64-decoded.
 */
export function methodResponsePayload(text: string, handling: ContentHandling, acceptsBinary: boolean): Conversion {
  const wantBinary = handling === 'CONVERT_TO_BINARY' || (handling === undefined && acceptsBinary);
  return wantBinary ? toBinary(text) : { payload: text };
}

function toBinary(base64: string): Conversion {
  const bytes = decodeBase64(base64);
  return bytes ? { payload: bytes } : { failed: 'the payload is not valid base64 text, so it cannot be converted to binary' };
}

/**
 * A body to pass on untouched: text when it is of a text media type (or none) and valid UTF-8, so that it reads as
 * text in the invoke panel; otherwise the bytes themselves.
 */
export function textOrBytes(bytes: Buffer, contentType: string | undefined): string | Buffer {
  const type = mediaTypeOf(contentType);
  if (type && !isTextMediaType(type)) return bytes;
  const text = bytes.toString('utf8');
  return Buffer.byteLength(text) === bytes.length && Buffer.from(text, 'utf8').equals(bytes) ? text : bytes;
}

/** How a body reads in the execution log: text as is, bytes by their size. */
export function describeBinary(bytes: Buffer): string {
  return `[binary, ${bytes.length} bytes]`;
}
