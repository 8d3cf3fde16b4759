import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApiDocument } from './apiDocument';

/**
 * The files of a bundle (a definition with the files its `$ref`s name spliced in), where each one's text starts in
 * the bundle's: a message that names a line names it in the file the reader has open.
 */
const bundleFiles = new WeakMap<ApiDocument, { start: number; textDocument: TextDocument }[]>();

export function noteBundleFiles(bundle: ApiDocument, files: { start: number; textDocument: TextDocument }[]): void {
  bundleFiles.set(bundle, files);
}

/** The 0-based line of an offset in the file it stands in. */
export function lineInFile(document: ApiDocument, offset: number): number {
  const files = bundleFiles.get(document);
  if (files) {
    for (let i = files.length - 1; i >= 0; i--) {
      if (offset >= files[i].start) return files[i].textDocument.positionAt(offset - files[i].start).line;
    }
  }
  return document.textDocument.positionAt(offset).line;
}

/** Whether a document is a bundle of several files. */
export function isBundle(document: ApiDocument): boolean {
  return bundleFiles.has(document);
}
