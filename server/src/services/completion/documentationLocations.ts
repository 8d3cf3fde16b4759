import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { asString, findNodeAtPath, getValue, keyName } from '../../model/navigate';
import type { NodePath, ObjectNode, ValueNode } from '../../model/nodes';
import { ANY_METHOD_KEY, HTTP_METHODS, modelDefinitions, operationParameters, responseHeaderNames, securitySchemes } from '../../model/openapiWalk';
import type { CompletionSite } from '../editing/completionSite';
import { valueItem } from './completionItems';

export const DOCUMENTATION_KEY = 'x-amazon-apigateway-documentation';

/** `x-amazon-apigateway-documentation.documentationParts[i].location.FIELD`. */
export function isDocumentationLocationField(path: NodePath): boolean {
  return path.length === 5 && path[0] === DOCUMENTATION_KEY && path[1] === 'documentationParts' && typeof path[2] === 'number' && path[3] === 'location';
}

/** The parameter location each parameter part documents (DocumentationPartLocation). */
const PARAMETER_IN: Record<string, string> = { PATH_PARAMETER: 'path', QUERY_PARAMETER: 'query', REQUEST_HEADER: 'header' };

/**
 * What the location of a documentation part can name in this document: its paths, then the methods of the path
 * given, the status codes of that method, and the name of a model, an authorizer, a parameter or a response header
 * as the location's `type` asks. `*` stands for every method or status code. Undefined for a field the document
 * cannot tell (the `type`, whose values the catalog lists).
 */
export function documentationLocationItems(site: CompletionSite): CompletionItem[] | undefined {
  const { document } = site;
  const field = site.path[4];
  const location = findNodeAtPath(document.root, site.path.slice(0, 4));
  const type = asString(getValue(location, 'type'))?.toUpperCase();
  const paths = getValue(document.root, 'paths');
  const pathKey = asString(getValue(location, 'path'));
  const pathItem = pathKey === undefined ? undefined : getValue(paths, pathKey);
  const method = asString(getValue(location, 'method'));
  const operation = pathItem?.type === 'object' && method ? operationOf(pathItem, method) : undefined;
  const item = (value: string, detail: string) => valueItem(site, value, CompletionItemKind.Value, detail);
  // `*` (every method or status code) comes after what the document names.
  const every = (detail: string) => ({ ...item('*', detail), sortText: '~' });
  switch (field) {
    case 'path':
      return paths?.type === 'object' ? paths.properties.map((p) => item(keyName(p), 'Path')) : [];
    case 'method': {
      if (pathItem?.type !== 'object') return [every('Every method')];
      const methods = pathItem.properties.map(keyName).filter((k) => HTTP_METHODS.includes(k) || k === ANY_METHOD_KEY);
      return [...methods.map((m) => item(m === ANY_METHOD_KEY ? 'ANY' : m.toUpperCase(), 'Method')), every('Every method')];
    }
    case 'statusCode': {
      const responses = getValue(operation, 'responses');
      const codes = responses?.type === 'object' ? responses.properties.map(keyName).filter((code) => code !== 'default') : [];
      return [...codes.map((code) => item(code, 'Method response')), every('Every status code')];
    }
    case 'name':
      return nameItems(site, type, pathItem, operation, item);
    default:
      return undefined;
  }
}

function nameItems(site: CompletionSite, type: string | undefined, pathItem: ValueNode | undefined, operation: ObjectNode | undefined, item: (value: string, detail: string) => CompletionItem): CompletionItem[] {
  const { document } = site;
  if (type === 'MODEL') return (modelDefinitions(document)?.properties ?? []).map((p) => item(keyName(p), 'Model'));
  if (type === 'AUTHORIZER') {
    // API Gateway names an imported authorizer after the security scheme that defines it.
    return (securitySchemes(document)?.properties ?? []).filter((p) => getValue(p.value, 'x-amazon-apigateway-authorizer') !== undefined).map((p) => item(keyName(p), 'Authorizer'));
  }
  const wanted = type === undefined ? undefined : PARAMETER_IN[type];
  if (wanted && operation && pathItem?.type === 'object') {
    return operationParameters(document, { pathItem, operation })
      .filter((p) => p.in === wanted)
      .map((p) => item(p.name, `${p.in} parameter`));
  }
  const statusCode = asString(getValue(findNodeAtPath(document.root, site.path.slice(0, 4)), 'statusCode'));
  if (type === 'RESPONSE_HEADER' && operation && statusCode !== undefined) {
    return (responseHeaderNames(document, { operation }, statusCode) ?? []).map((name) => item(name, `${statusCode} response header`));
  }
  return [];
}

/** The operation a part's method names: written in any letter case, `ANY` for the catch-all method. */
function operationOf(pathItem: ObjectNode, method: string): ObjectNode | undefined {
  const key = method.toUpperCase() === 'ANY' ? ANY_METHOD_KEY : method.toLowerCase();
  const operation = getValue(pathItem, key);
  return operation?.type === 'object' ? operation : undefined;
}
