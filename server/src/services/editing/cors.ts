import type { TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import type { Dialect } from '../../model/dialect';
import { findNodeAtPath, getProperty, keyName, nodeAtOffset, pathOf } from '../../model/navigate';
import type { NodePath, ObjectNode } from '../../model/nodes';
import { keyOf } from '../../model/property';
import { lineStart } from '../../model/textChange';
import { ANY_METHOD_KEY, forEachOperation, HTTP_METHODS, isMethodKey, methodLabel } from '../../model/openapiWalk';
import { insertProperty } from './edits';
import { allowOriginEdits } from './corsAllowOrigin';
import { preflightOperation } from './corsPreflight';
import { declaredRequestHeaders, withDeclaredHeaders } from './corsRequestHeaders';
import { gatewayResponseCorsEdits } from './corsGatewayResponses';

/**
 * "Add CORS" on a path. REST APIs answer the browser's preflight with an OPTIONS method backed by a mock integration
 * that sets the Access-Control-Allow-* headers (declared on the method response, as API Gateway requires); the path's
 * non-proxy methods also send `Access-Control-Allow-Origin` on their own responses, and so do the default 4XX and 5XX
 * gateway responses, once for the whole API. HTTP APIs configure CORS once, with `x-amazon-apigateway-cors` at the
 * root.
 */
export function corsEdit(document: ApiDocument, offset: number, dialect: Dialect): { title: string; edits: TextEdit[] } | undefined {
  const path = keyLinePath(document, offset);
  if (!path || document.root?.type !== 'object') return undefined;
  if (dialect === 'http') {
    if (getProperty(document.root, 'x-amazon-apigateway-cors')) return undefined;
    return { title: 'Add CORS (x-amazon-apigateway-cors)', edits: [insertProperty(document, document.root, 'x-amazon-apigateway-cors', httpApiCors(document))] };
  }
  const template = String(path[1]);
  const pathItem = findNodeAtPath(document.root, path.slice(0, 2));
  if (pathItem?.type !== 'object' || getProperty(pathItem, 'options')) return undefined;
  const preflight = insertProperty(document, pathItem, 'options', preflightOperation(document, template, pathItem, allowedMethods(pathItem)));
  const { edits, methods } = allowOriginEdits(document, pathItem);
  const errors = gatewayResponseCorsEdits(document);
  const gatewayResponses = errors.types.length ? `gateway response${errors.types.length > 1 ? 's' : ''} ${errors.types.join(', ')}` : '';
  const on = [methods.map(methodLabel).join(', '), gatewayResponses].filter(Boolean).join(' and on ');
  const title = `Add CORS to ${template} (OPTIONS method${on ? `; Access-Control-Allow-Origin on ${on}` : ''})`;
  // The preflight comes after the methods' edits: where it shares its offset with one (both at the end of the path
  // item), the editor writes the edits in the order given, and the method's lines belong before the new `options`
  // key. The gateway responses, at the root, come after both, for the same reason when `paths` ends the document.
  return { title, edits: [...edits, preflight, ...errors.edits] };
}

const INDENT = /[ \t]*/y;

/**
 * The path of the path item or operation whose key line holds the offset, wherever on that line: on the key, after its
 * colon, or in the indentation before it. On those lines only: offered on every line beneath, its lightbulb showed
 * everywhere. A flow line may hold deeper entries too; its first key is then the one the line is about.
 */
function keyLinePath(document: ApiDocument, offset: number): NodePath | undefined {
  const text = document.text;
  const start = lineStart(text, offset);
  INDENT.lastIndex = start;
  const firstKey = start + (INDENT.exec(text)?.[0].length ?? 0);
  for (const at of [offset, firstKey]) {
    const node = nodeAtOffset(document.root, at);
    // Past the key, the offset falls on the entry itself, whose path is its parent's.
    const entry = node?.type === 'property' ? node : node?.parent?.type === 'property' && keyOf(node.parent) === node ? node.parent : undefined;
    if (!entry || lineStart(text, entry.offset) !== start) continue;
    const path = [...pathOf(entry), keyName(entry)];
    if (path[0] === 'paths' && (path.length === 2 || (path.length === 3 && isMethodKey(String(path[2]))))) return path;
  }
  return undefined;
}

function allowedMethods(pathItem: ObjectNode): string {
  const keys = pathItem.properties.map(keyName);
  const methods = keys.includes(ANY_METHOD_KEY) ? HTTP_METHODS.filter((m) => m !== 'trace') : keys.filter((k) => HTTP_METHODS.includes(k));
  return [...new Set([...methods, 'options'])].map((m) => m.toUpperCase()).sort().join(',');
}

/** The CORS of an HTTP API covers all its routes: it allows their methods, and the headers any of them declares. */
function httpApiCors(document: ApiDocument): Record<string, unknown> {
  const methods = new Set<string>();
  const pathItems = new Set<ObjectNode>();
  forEachOperation(document, (op) => {
    methods.add(op.method);
    pathItems.add(op.pathItem);
  });
  const allowMethods = methods.has('ANY') ? ['*'] : [...methods, 'OPTIONS'].filter((m, i, all) => all.indexOf(m) === i).sort();
  // In lower case, as the usual ones: header names are the same in any letter case.
  const allowHeaders = withDeclaredHeaders(['authorization', 'content-type'], declaredRequestHeaders(document, pathItems).map((h) => h.toLowerCase()));
  return { allowOrigins: ['*'], allowMethods, allowHeaders, maxAge: 300 };
}
