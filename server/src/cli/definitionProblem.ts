import type { ApiDocument } from '../model/apiDocument';
import type { SyntaxProblem } from '../model/nodes';
import { blockingProblem } from '../gateway/workspaceFiles';

/**
 * Why a definition cannot be run, as `file:line:col: message` like `apigw lint` prints it, so the mistake can be
 * found; undefined when it can run. Which problems stop a run is the gateway's call (`blockingProblem`).
 */
export function definitionProblem(document: ApiDocument, shownAs: string): string | undefined {
  const problem = hiddenKey(document) ?? blockingProblem(document);
  if (problem === undefined) return undefined;
  if (!problem.at) return `${shownAs}: ${problem.message}`;
  const { line, character } = document.textDocument.positionAt(problem.at.offset);
  return `${shownAs}:${line + 1}:${character + 1}: ${problem.at.message}`;
}

/**
 * A syntax error where the tree has no `openapi` or `swagger` key: the mistake may be what hides it. JSON with a `//`
 * comment still reads as YAML, the comment and the key after it making one key, and "no openapi key" would name the
 * wrong mistake.
 */
function hiddenKey(document: ApiDocument): { message: string; at: SyntaxProblem } | undefined {
  if (!document.root || document.kind !== 'unknown') return undefined;
  const syntax = document.problems.find((p) => p.code === 'json-syntax' || p.code === 'yaml-syntax');
  return syntax && { message: syntax.message, at: syntax };
}
