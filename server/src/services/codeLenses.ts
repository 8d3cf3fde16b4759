import type { CodeLens } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { forEachOperation } from '../model/openapiWalk';
import { locateTemplates } from './templates/locate';
import { keyOf } from '../model/property';

/** Command ids the client registers; the lenses only name them. */
export const EVALUATE_TEMPLATE_COMMAND = 'apigateway.evaluateTemplate';
export const INVOKE_OPERATION_COMMAND = 'apigateway.invoke.open';

/** "Evaluate" above every mapping template and "Invoke" above every operation. */
export function findCodeLenses(document: ApiDocument, options: { invoke: boolean }): CodeLens[] {
  const text = document.textDocument;
  const lenses: CodeLens[] = [];
  for (const template of locateTemplates(document)) {
    const start = text.positionAt(keyOf(template.property).offset);
    lenses.push({
      range: { start, end: start },
      command: {
        title: template.kind === 'gatewayResponse' ? '$(play) Preview gateway response' : '$(play) Evaluate template',
        command: EVALUATE_TEMPLATE_COMMAND,
        arguments: [document.uri, template.node.offset],
      },
    });
  }
  if (options.invoke) {
    forEachOperation(document, (op) => {
      const start = text.positionAt(keyOf(op.methodProperty).offset);
      lenses.push({
        range: { start, end: start },
        command: { title: `$(debug-start) Invoke ${op.method} ${op.path}`, command: INVOKE_OPERATION_COMMAND, arguments: [{ uri: document.uri, path: op.path, method: op.method }] },
      });
    });
  }
  return lenses;
}
