/**
 * What the editing features do with a document over the validation size limit (`apigateway.validation.maxFileSizeMB`).
 * Parsing one takes seconds and blocks every other request, so such a document is parsed again only once typing
 * pauses (`QUIET_MS`); meanwhile requests read the last version that was parsed, in the current positions. Features
 * whose answer grows with the document are left out (code lenses, template colours) or cut short (the outline), each
 * said once in the log.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** How long a document over the limit must stay unchanged before it is parsed again. */
export const QUIET_MS = 1000;

/** Entries of one list in the outline of a document over the limit: paths, or the entries of one group. */
export const MAX_OUTLINE_ENTRIES = 1000;

/** Uses found by Find References in a document over the limit: a schema every operation uses has tens of thousands. */
export const MAX_REFERENCES = 1000;

export function isOverLimit(document: TextDocument, limit: number): boolean {
  return document.getText().length > limit;
}

/** `58.8 MB`, `20 MB`; below a megabyte (a limit set for tests), in kilobytes. */
export function sizeText(size: number): string {
  if (size < 1048576) return `${Math.round(size / 1024)} KB`;
  return `${(size / 1048576).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** `big.yaml (58.8 MB, over the 20 MB limit …)`: why a feature does less for this document. */
export function overLimit(document: TextDocument, limit: number): string {
  const name = decodeURIComponent(document.uri.split('/').pop() ?? document.uri);
  return `${name} (${sizeText(document.getText().length)}, over the ${sizeText(limit)} limit of apigateway.validation.maxFileSizeMB)`;
}

/** Says each note once per document while it stays open: the features ask again after every change. */
export class OnceNotes {
  private readonly said = new Map<string, Set<string>>();

  constructor(private readonly log: (message: string) => void) {}

  note(uri: string, feature: string, message: string): void {
    let features = this.said.get(uri);
    if (!features) this.said.set(uri, (features = new Set()));
    if (features.has(feature)) return;
    features.add(feature);
    this.log(message);
  }

  forget(uri: string): void {
    this.said.delete(uri);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
