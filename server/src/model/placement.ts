/**
 * Results found in the tree of one version of a document, placed in a later one. A large definition that does not
 * parse while a line is typed is read from the last version that did; what stands outside the edit since then moved
 * by the edit's length, what stands inside it has no place in the current version.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * How far the text from `start` to `end` of the version read moved in the current one; undefined when an edit changed
 * it.
 */
export type ShiftOf = (start: number, end: number) => number | undefined;

/** The version read is the current one. */
export const UNMOVED: ShiftOf = () => 0;

/** The current version, and how far each range of the version read moved to stand in it. */
export interface Placement {
  textDocument: TextDocument;
  shiftOf: ShiftOf;
}

/** A document's own results, where they stand. */
export function inPlace(textDocument: TextDocument): Placement {
  return { textDocument, shiftOf: UNMOVED };
}
