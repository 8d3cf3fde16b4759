import type { ApiDocument } from '../../model/apiDocument';
import type { ObjectNode } from '../../model/nodes';
import { isMethodKey, operationParameters } from '../../model/openapiWalk';
import { keyName } from '../../model/navigate';

/**
 * A header name that can stand in an Access-Control-Allow-Headers list: an HTTP token, less the single quote that
 * would end a REST API's static mapping value (`'Content-Type,X-Tenant'`).
 */
const HEADER_NAME = /^[!#$%&*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The request headers the operations of some path items declare as parameters, their own or their path item's, each
 * once whatever its letter case (as in HTTP). A browser asks in its preflight whether it may send each header a script
 * sets, so the headers an API reads must be among those CORS allows.
 */
export function declaredRequestHeaders(document: ApiDocument, pathItems: Iterable<ObjectNode>): string[] {
  const headers = new Map<string, string>();
  for (const pathItem of pathItems) {
    const operations = pathItem.properties.filter((p) => isMethodKey(keyName(p)) && p.value?.type === 'object').map((p) => p.value as ObjectNode);
    // A path item without operations still declares its own: read as its own operation, they count once.
    for (const operation of operations.length ? operations : [pathItem]) {
      for (const parameter of operationParameters(document, { pathItem, operation })) {
        if (parameter.in !== 'header' || !HEADER_NAME.test(parameter.name)) continue;
        if (!headers.has(parameter.name.toLowerCase())) headers.set(parameter.name.toLowerCase(), parameter.name);
      }
    }
  }
  return [...headers.values()];
}

/** The usual headers, then the declared ones not among them. */
export function withDeclaredHeaders(usual: readonly string[], declared: readonly string[]): string[] {
  const known = new Set(usual.map((h) => h.toLowerCase()));
  return [...usual, ...declared.filter((h) => !known.has(h.toLowerCase()))];
}
