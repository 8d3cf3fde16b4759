import type { ApiDocument } from '../model/apiDocument';
import { blockingProblem } from '../gateway/workspaceFiles';

/**
 * Why a definition cannot be run, as `file:line:col: message` like `apigw lint` prints it, so the mistake can be
 * found; undefined when it can run. Which problems stop a run is the gateway's call (`blockingProblem`).
 */
export function definitionProblem(document: ApiDocument, shownAs: string): string | undefined {
  const problem = blockingProblem(document);
  if (problem === undefined) return undefined;
  if (!problem.at) return `${shownAs}: ${problem.message}`;
  const { line, character } = document.textDocument.positionAt(problem.at.offset);
  return `${shownAs}:${line + 1}:${character + 1}: ${problem.at.message}`;
}
