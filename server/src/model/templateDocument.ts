import type { TextDocument } from 'vscode-languageserver-textdocument';

/** A standalone mapping template (`.vtl` file) rather than an API definition. */
export function isTemplateDocument(document: TextDocument): boolean {
  return document.languageId === 'vtl' || /\.vtl$/i.test(document.uri);
}
