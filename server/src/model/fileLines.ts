import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApiDocument } from './apiDocument';

/**
 * The files of a bundle (a definition with the files its `$ref`s name spliced in), where each one's text starts in
 * the bundle's: a message that names a line names it in the file the reader has open.
 */
const bundleFiles = new WeakMap<ApiDocument, BundledFile[]>();

/** A file of a bundle, and where its text starts in the bundle's. */
export interface BundledFile {
  start: number;
  document: { textDocument: TextDocument };
}

export function noteBundleFiles(bundle: ApiDocument, files: BundledFile[]): void {
  bundleFiles.set(bundle, files);
}

/** The last of the files, in the order their texts follow one another, that starts at or before an offset. */
export function fileHolding<T extends { start: number }>(files: T[], offset: number): T | undefined {
  let found: T | undefined;
  for (let i = 0; i < files.length && files[i].start <= offset; i++) found = files[i];
  return found;
}

/** The 0-based line of an offset in the file it stands in. */
export function lineInFile(document: ApiDocument, offset: number): number {
  const file = fileHolding(bundleFiles.get(document) ?? [], offset);
  return file ? file.document.textDocument.positionAt(offset - file.start).line : document.textDocument.positionAt(offset).line;
}

/** Whether a document is a bundle of several files. */
export function isBundle(document: ApiDocument): boolean {
  return bundleFiles.has(document);
}
