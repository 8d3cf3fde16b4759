import type { ApiDocument } from '../../model/apiDocument';
import { findNodeAtPath, getValue, keyName } from '../../model/navigate';
import type { NodePath, PropertyNode, ValueNode } from '../../model/nodes';
import { deref, findOperationResponse, operationParameters, operationResponses, pathTemplateParameters, type DeclaredParameter, type OperationRef } from '../../model/openapiWalk';
import { operationPathOf } from './documentPaths';
import { mappedResponseHeader } from '../../model/methodResponseHeaders';

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

/**
 * The parameter a mapping expression's location and name (`header`, `X-Token`) read on the operation holding `path`:
 * header names match whatever their letter case, as in HTTP.
 */
export function declaredParameterAt(document: ApiDocument, path: NodePath, mappingLocation: string, name: string): DeclaredParameter | undefined {
  const wanted = openApiLocation(mappingLocation);
  const sameName = wanted === 'header' ? (n: string) => n.toLowerCase() === name.toLowerCase() : (n: string) => n === name;
  return parametersAt(document, path).find((p) => p.in === wanted && sameName(p.name));
}

/**
 * The names of the `{…}` expressions of the route an operation answers on (`proxy` for `{proxy+}`): an HTTP API reads
 * them as path parameters (`$request.path.NAME`) whether the operation declares them or not. None outside `paths`.
 */
export function routeParametersAt(path: NodePath): string[] {
  const operationPath = operationPathOf(path);
  return operationPath ? pathTemplateParameters(String(operationPath[1])) : [];
}

export function responseCodesAt(document: ApiDocument, path: NodePath): string[] {
  const op = operationContaining(document, path);
  return op ? operationResponses(op).map(keyName) : [];
}

/**
 * A mapping expression that reads a method request parameter: REST's `method.request.path.id` or HTTP's
 * `$request.path.id`. Group 1 is the location name, group 2 the parameter's name.
 */
export const REQUEST_PARAMETER_EXPRESSION = /^(?:method\.request|\$request)\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/;

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

/**
 * The status code an integration response maps to, for a path inside `responses.<pattern>` of an integration; status
 * codes written as YAML numbers count as their text.
 */
export function integrationResponseStatus(document: ApiDocument, path: NodePath): string | undefined {
  const at = path.lastIndexOf('responses');
  if (at < 0 || path.length < at + 2) return undefined;
  return statusCodeOf(findNodeAtPath(document.root, path.slice(0, at + 2)));
}

/** An integration response's `statusCode` as text: written as a YAML number it counts as its digits. */
export function statusCodeOf(response: ValueNode | undefined): string | undefined {
  const status = getValue(response, 'statusCode');
  return status && (status.type === 'string' || status.type === 'number') && status.value !== '' ? String(status.value) : undefined;
}

/** Node's reason phrases, loaded on first use: loading `node:http` would cost every cold `apigw lint` milliseconds. */
let reasonPhrases: Record<number, string | undefined> | undefined;

/** The reason phrase of an HTTP status code, for descriptions and summaries (`404` → `Not Found`). */
export function statusText(code: string): string | undefined {
  reasonPhrases ??= (require('node:http') as typeof import('node:http')).STATUS_CODES;
  return reasonPhrases[Number(code)];
}

/** A method response's description: the status code's reason phrase, or the code itself for one Node does not name. */
export function describeStatus(statusCode: string): string {
  return statusText(statusCode) ?? `Status ${statusCode}`;
}

/** A declared method response header, a string in the form the document's OpenAPI version writes a header's type. */
export function headerDefinition(document: ApiDocument): Record<string, unknown> {
  return document.isOpenApi3 ? { schema: { type: 'string' } } : { type: 'string' };
}

/**
 * A parameter declared as a string, in the form the document's OpenAPI version writes a type: a path parameter is
 * required, as OpenAPI insists. A `multivalue…` mapping reads every value of its parameter: that one is a list.
 */
export function parameterDefinition(document: ApiDocument, name: string, location: string, multiValue = false): Record<string, unknown> {
  const parameter: Record<string, unknown> = { name, in: location };
  if (location === 'path') parameter.required = true;
  const type = multiValue ? { type: 'array', items: { type: 'string' } } : { type: 'string' };
  if (document.isOpenApi3) parameter.schema = type;
  else Object.assign(parameter, type, multiValue && location === 'query' ? { collectionFormat: 'multi' } : {});
  return parameter;
}

/** The entries of the `responses` of the integration of the operation that contains a path. */
function integrationResponseEntries(document: ApiDocument, path: NodePath): PropertyNode[] {
  const op = operationContaining(document, path);
  const responses = getValue(getValue(op?.operation, 'x-amazon-apigateway-integration'), 'responses');
  return responses?.type === 'object' ? responses.properties : [];
}

/** The operation's integration responses and the status code each maps to (text, as YAML numbers count). */
export function integrationResponsesOf(document: ApiDocument, path: NodePath): { pattern: string; status: string }[] {
  return integrationResponseEntries(document, path).flatMap((response) => {
    const status = statusCodeOf(response.value);
    return status === undefined ? [] : [{ pattern: keyName(response), status }];
  });
}

/** The headers the operation declares on one of its responses (after following the response's `$ref`). */
export function responseHeadersAt(document: ApiDocument, path: NodePath, statusCode: string): PropertyNode[] | undefined {
  const op = operationContaining(document, path);
  const response = op && deref(document, findOperationResponse(op, statusCode)?.value);
  if (!response) return undefined;
  const headers = getValue(response, 'headers');
  return headers?.type === 'object' ? headers.properties : [];
}

/**
 * The method response headers (`method.response.header.NAME`) the operation's integration responses answering with a
 * status code map, each once whatever its letter case (headers are case-insensitive).
 */
export function mappedResponseHeaders(document: ApiDocument, path: NodePath, statusCode: string): string[] {
  const headers = new Map<string, string>();
  for (const response of integrationResponseEntries(document, path)) {
    if (statusCodeOf(response.value) !== statusCode) continue;
    const parameters = getValue(response.value, 'responseParameters');
    if (parameters?.type !== 'object') continue;
    for (const parameter of parameters.properties) {
      const header = mappedResponseHeader(keyName(parameter));
      if (header && !headers.has(header.toLowerCase())) headers.set(header.toLowerCase(), header);
    }
  }
  return [...headers.values()];
}
