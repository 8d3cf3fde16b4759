import type { TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import { findNodeAtPath, getValue, keyName, nodeAtOffset, pathOf } from '../../model/navigate';
import type { NodePath } from '../../model/nodes';
import { isMethodKey, operationParameters, pathTemplateParameters } from '../../model/openapiWalk';
import { appendItem, insertAtPath } from './edits';
import { parameterDefinition } from './operationFacts';

/** Declares a parameter on an operation, appended to its `parameters` or in a new list. */
export function declareParameter(document: ApiDocument, operation: NodePath, name: string, location: string, multiValue = false): TextEdit | undefined {
  const parameter = parameterDefinition(document, name, location, multiValue);
  const list = getValue(findNodeAtPath(document.root, operation), 'parameters');
  if (list?.type === 'array') return appendItem(document, list, parameter);
  return insertAtPath(document, operation, 'parameters', [parameter]);
}

/**
 * Whether a path template has a `{name}` (or a greedy `{name+}`). A path parameter it lacks never receives a value,
 * and declaring one trades the finding for `path-parameter-not-in-path`.
 */
export function templateHas(path: string, name: string): boolean {
  return pathTemplateParameters(path).includes(name.endsWith('+') ? name.slice(0, -1) : name);
}

/**
 * The template expressions of the path or operation whose key starts at `offset` that an operation leaves undeclared,
 * with the operations to declare each on: the one whose key it is, or every operation of the path that lacks it. Each
 * goes on the operation, where the other fixes declare parameters, so that no operation's list changes but its own.
 */
export function undeclaredTemplateParameters(document: ApiDocument, offset: number): Map<string, NodePath[]> {
  const missing = new Map<string, NodePath[]>();
  const key = nodeAtOffset(document.root, offset);
  const at = key ? pathOf(key) : [];
  if (at[0] !== 'paths' || (at.length !== 2 && !(at.length === 3 && isMethodKey(String(at[2]))))) return missing;
  const pathItem = findNodeAtPath(document.root, at.slice(0, 2));
  if (pathItem?.type !== 'object') return missing;
  const template = pathTemplateParameters(String(at[1]));
  for (const property of pathItem.properties) {
    const method = keyName(property);
    const operation = property.value;
    if (!isMethodKey(method) || operation?.type !== 'object' || (at.length === 3 && method !== at[2])) continue;
    const declared = new Set(operationParameters(document, { pathItem, operation }).filter((p) => p.in === 'path').map((p) => (p.name.endsWith('+') ? p.name.slice(0, -1) : p.name)));
    for (const name of template) {
      if (declared.has(name)) continue;
      const operations = missing.get(name) ?? [];
      if (!operations.some((o) => o[2] === method)) operations.push([...at.slice(0, 2), method]);
      missing.set(name, operations);
    }
  }
  return missing;
}
