import type { ApiDocument } from '../model/apiDocument';

/** A rename the editor must refuse, with the reason shown to the user. */
export class RenameError extends Error {}

/**
 * The refusal for a document read by the forgiving parser: what it made of the text around the error may have lost
 * uses of the name, which a rename would then leave behind.
 */
export function syntaxErrorRefusal(document: ApiDocument, uses: string): RenameError | undefined {
  if (!document.recovered) return undefined;
  const line = document.problems[0] ? document.textDocument.positionAt(document.problems[0].offset).line + 1 : undefined;
  return new RenameError(`This document has a syntax error${line ? ` on line ${line}` : ''}; fix it first, so that ${uses} can be found.`);
}
