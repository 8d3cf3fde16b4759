import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApiDocument } from './apiDocument';

/**
 * The files of a bundle (a definition with the files its `$ref`s name spliced in), where each one's text starts in
 * the bundle's: a message that names a line names it in the file the reader has open.
 */
const bundleFiles = new WeakMap<ApiDocument, { files: BundledFile[]; hostFormat: ApiDocument['format'] }>();

/** A file of a bundle, and where its text starts in the bundle's. */
export interface BundledFile {
  start: number;
  document: { textDocument: TextDocument; format: ApiDocument['format'] };
}

/** `hostFormat` is the definition's own: a bundle made for a part takes the part's format, for what is typed there. */
export function noteBundleFiles(bundle: ApiDocument, files: BundledFile[], hostFormat: ApiDocument['format']): void {
  bundleFiles.set(bundle, { files, hostFormat });
}

/** Whether the text at an offset is JSON or YAML: in a bundle, that of the file it stands in. */
export function formatAt(document: ApiDocument, offset: number): ApiDocument['format'] {
  const bundled = bundleFiles.get(document);
  if (!bundled) return document.format;
  return fileHolding(bundled.files, offset)?.document.format ?? bundled.hostFormat;
}

/** The last of the files, in the order their texts follow one another, that starts at or before an offset. */
export function fileHolding<T extends { start: number }>(files: T[], offset: number): T | undefined {
  let found: T | undefined;
  for (let i = 0; i < files.length && files[i].start <= offset; i++) found = files[i];
  return found;
}

/** The 0-based line of an offset in the file it stands in. */
export function lineInFile(document: ApiDocument, offset: number): number {
  const file = fileHolding(bundleFiles.get(document)?.files ?? [], offset);
  return file ? file.document.textDocument.positionAt(offset - file.start).line : document.textDocument.positionAt(offset).line;
}

/** Whether a document is a bundle of several files. */
export function isBundle(document: ApiDocument): boolean {
  return bundleFiles.has(document);
}
