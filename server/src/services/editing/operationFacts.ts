import type { ApiDocument } from '../../model/apiDocument';
import { findNodeAtPath, keyName } from '../../model/navigate';
import type { NodePath } from '../../model/nodes';
import { operationParameters, operationResponses, type DeclaredParameter, type OperationRef } from '../../model/openapiWalk';
import { operationPathOf } from './documentPaths';

export type OperationNodes = Pick<OperationRef, 'pathItem' | 'operation'>;

/** The operation (and its Path Item) that contains a path, if any. */
export function operationContaining(document: ApiDocument, path: NodePath): OperationNodes | undefined {
  const operationPath = operationPathOf(path);
  if (!operationPath) return undefined;
  const operation = findNodeAtPath(document.root, operationPath);
  const pathItem = findNodeAtPath(document.root, operationPath.slice(0, 2));
  return operation?.type === 'object' && pathItem?.type === 'object' ? { operation, pathItem } : undefined;
}

export function parametersAt(document: ApiDocument, path: NodePath): DeclaredParameter[] {
  const op = operationContaining(document, path);
  return op ? operationParameters(document, op) : [];
}

export function responseCodesAt(document: ApiDocument, path: NodePath): string[] {
  const op = operationContaining(document, path);
  return op ? operationResponses(op).map(keyName) : [];
}

/** Location names of REST mapping expressions (`method.request.querystring.q`) for OpenAPI parameter locations. */
export const MAPPING_LOCATION: Record<string, string> = { path: 'path', query: 'querystring', header: 'header' };

/** The OpenAPI parameter location behind a mapping expression's location name. */
export function openApiLocation(mappingLocation: string): string | undefined {
  switch (mappingLocation) {
    case 'path':
      return 'path';
    case 'querystring':
    case 'multivaluequerystring':
    case 'query':
      return 'query';
    case 'header':
    case 'multivalueheader':
      return 'header';
    default:
      return undefined;
  }
}
