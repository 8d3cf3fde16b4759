import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { parseApiDocument, type ApiDocument } from '../../../server/src/model/apiDocument';

/** A parsed document from text whose cursor is marked (by `|` unless told otherwise), and the cursor's offset. */
export function withCursor(marked: string, format: 'yaml' | 'json' = 'yaml', marker = '|'): { document: ApiDocument; offset: number } {
  const offset = marked.indexOf(marker);
  if (offset < 0) throw new Error('no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  return { document: parse(text, format), offset };
}

export function parse(text: string, format: 'yaml' | 'json' = 'yaml', uri = `file:///api.${format}`): ApiDocument {
  return parseApiDocument(TextDocument.create(uri, format, 1, text));
}

/** The text after applying edits, as an editor would. */
export function applyEdits(document: ApiDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(document.textDocument, edits);
}
