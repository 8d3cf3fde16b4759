import type { TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import type { Dialect } from '../../model/dialect';
import { findNodeAtPath, getProperty, keyName, nodeAtOffset, pathOf } from '../../model/navigate';
import { ANY_METHOD_KEY, forEachOperation, HTTP_METHODS, isMethodKey } from '../../model/openapiWalk';
import { insertProperty } from './edits';
import { headerDefinition } from './operationFacts';

const ALLOWED_HEADERS = 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token';
const HEADER_NAMES = ['Access-Control-Allow-Headers', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Origin'];

/**
 * "Add CORS" on a path. REST APIs answer the browser's preflight with an OPTIONS method backed by a mock integration
 * that sets the Access-Control-Allow-* headers (declared on the method response, as API Gateway requires); HTTP APIs
 * configure CORS once, with `x-amazon-apigateway-cors` at the root.
 */
export function corsEdit(document: ApiDocument, offset: number, dialect: Dialect): { title: string; edit: TextEdit } | undefined {
  const node = nodeAtOffset(document.root, offset);
  const path = node ? pathOf(node) : [];
  // On the path's line or an operation's key line only: offered on every line beneath, its lightbulb showed everywhere.
  const onOperationKey = path.length === 3 && isMethodKey(String(path[2]));
  if (path[0] !== 'paths' || (path.length !== 2 && !onOperationKey) || document.root?.type !== 'object') return undefined;
  if (dialect === 'http') {
    if (getProperty(document.root, 'x-amazon-apigateway-cors')) return undefined;
    return { title: 'Add CORS (x-amazon-apigateway-cors)', edit: insertProperty(document, document.root, 'x-amazon-apigateway-cors', httpApiCors(document)) };
  }
  const pathItem = findNodeAtPath(document.root, path.slice(0, 2));
  if (pathItem?.type !== 'object' || getProperty(pathItem, 'options')) return undefined;
  const keys = pathItem.properties.map(keyName);
  const methods = keys.includes(ANY_METHOD_KEY) ? HTTP_METHODS.filter((m) => m !== 'trace') : keys.filter((k) => HTTP_METHODS.includes(k));
  const allowMethods = [...new Set([...methods, 'options'])].map((m) => m.toUpperCase()).sort().join(',');
  return { title: `Add CORS to ${String(path[1])} (OPTIONS method)`, edit: insertProperty(document, pathItem, 'options', preflightOperation(document, allowMethods)) };
}

function preflightOperation(document: ApiDocument, allowMethods: string): Record<string, unknown> {
  const header = headerDefinition(document);
  const values: Record<string, string> = {
    'Access-Control-Allow-Headers': `'${ALLOWED_HEADERS}'`,
    'Access-Control-Allow-Methods': `'${allowMethods}'`,
    'Access-Control-Allow-Origin': "'*'",
  };
  return {
    summary: 'CORS preflight',
    responses: {
      '200': { description: 'CORS preflight response', headers: Object.fromEntries(HEADER_NAMES.map((h) => [h, header])) },
    },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      responses: {
        default: {
          statusCode: '200',
          responseParameters: Object.fromEntries(HEADER_NAMES.map((h) => [`method.response.header.${h}`, values[h]])),
        },
      },
    },
  };
}

function httpApiCors(document: ApiDocument): Record<string, unknown> {
  const methods = new Set<string>();
  forEachOperation(document, (op) => methods.add(op.method));
  const allowMethods = methods.has('ANY') ? ['*'] : [...methods, 'OPTIONS'].filter((m, i, all) => all.indexOf(m) === i).sort();
  return { allowOrigins: ['*'], allowMethods, allowHeaders: ['authorization', 'content-type'], maxAge: 300 };
}
