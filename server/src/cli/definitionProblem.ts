import type { ApiDocument } from '../model/apiDocument';
import { documentProblem } from '../gateway/workspaceFiles';

/**
 * Why a definition cannot be run, as `file:line:col: message` like `apigw lint` prints it, so the mistake can be
 * found; undefined when it can run. Which problems stop a run is the gateway's call (`documentProblem`).
 */
export function definitionProblem(document: ApiDocument, shownAs: string): string | undefined {
  const problem = documentProblem(document);
  if (problem === undefined) return undefined;
  const located = document.kind === 'unknown' && document.root ? undefined : document.problems.find((p) => p.code !== 'duplicate-key');
  if (!located) return `${shownAs}: ${problem}`;
  const { line, character } = document.textDocument.positionAt(located.offset);
  return `${shownAs}:${line + 1}:${character + 1}: ${located.message}`;
}
