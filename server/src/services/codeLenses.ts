import type { CodeLens } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { forEachOperation } from '../model/openapiWalk';
import { locateTemplates } from './templates/locate';
import { keyOf } from '../model/property';
import { inPlace, type Placement } from '../model/placement';

/** Command ids the client registers; the lenses only name them. */
export const EVALUATE_TEMPLATE_COMMAND = 'apigateway.evaluateTemplate';
export const INVOKE_OPERATION_COMMAND = 'apigateway.invoke.open';

export interface LensOptions {
  invoke: boolean;
  /**
   * The path keys stand in another file than the one placed in, as they were read: a path item file a definition's
   * `$ref` names shows the lenses of its operations, whose paths the definition names.
   */
  pathsElsewhere?: boolean;
}

/**
 * "Evaluate" above every mapping template and "Invoke" above every operation, placed in `placement` (by default the
 * document itself); those whose entry an edit since the version read has changed are left out.
 */
export function findCodeLenses(document: ApiDocument, options: LensOptions, placement: Placement = inPlace(document.textDocument)): CodeLens[] {
  const text = placement.textDocument;
  const lenses: CodeLens[] = [];
  for (const template of locateTemplates(document)) {
    const key = keyOf(template.property).offset;
    const shift = placement.shiftOf(key, template.node.end);
    if (shift === undefined) continue;
    const start = text.positionAt(key + shift);
    lenses.push({
      range: { start, end: start },
      command: {
        title: template.kind === 'gatewayResponse' ? '$(play) Preview gateway response' : '$(play) Evaluate template',
        command: EVALUATE_TEMPLATE_COMMAND,
        arguments: [document.uri, template.node.offset + shift],
      },
    });
  }
  if (options.invoke) {
    forEachOperation(document, (op) => {
      const key = keyOf(op.methodProperty);
      // The lens names the operation by its path and method: both keys must stand as they were. The path's key is read
      // from its entry, which spans it, rather than made as a node of its own for every path item.
      const shift = placement.shiftOf(key.offset, key.end);
      if (shift === undefined || (!options.pathsElsewhere && placement.shiftOf(op.pathProperty.offset, op.pathProperty.keyEnd) === undefined)) return;
      const start = text.positionAt(key.offset + shift);
      lenses.push({
        range: { start, end: start },
        command: { title: `$(debug-start) Invoke ${op.method} ${op.path}`, command: INVOKE_OPERATION_COMMAND, arguments: [{ uri: document.uri, path: op.path, method: op.method }] },
      });
    });
  }
  return lenses;
}
