import type { TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import { findNodeAtPath, getValue } from '../../model/navigate';
import type { NodePath } from '../../model/nodes';
import { insertAtPath } from './edits';
import { describeStatus, headerDefinition } from './operationFacts';

/**
 * A header declared on an operation's method response, which is added when the operation lacks it. None on a shared
 * (`$ref`) response: its headers belong to every operation that uses it.
 */
export function declareResponseHeader(document: ApiDocument, operation: NodePath, statusCode: string, header: string): TextEdit | undefined {
  const definition = headerDefinition(document);
  const response = findNodeAtPath(document.root, [...operation, 'responses', statusCode]);
  if (response?.type === 'object' && getValue(response, '$ref')) return undefined;
  if (!response || response.type === 'null') {
    return insertAtPath(document, [...operation, 'responses'], statusCode, { description: describeStatus(statusCode), headers: { [header]: definition } });
  }
  return insertAtPath(document, [...operation, 'responses', statusCode, 'headers'], header, definition);
}
