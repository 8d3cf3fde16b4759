import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { parseApiDocument, type ApiDocument } from '../../../server/src/model/apiDocument';
import type { Dialect } from '../../../server/src/model/dialect';
import { doComplete } from '../../../server/src/services/completion';

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

export function complete(marked: string, format: 'yaml' | 'json' = 'yaml', dialect: Dialect | 'auto' = 'rest', marker = '|') {
  const { document, offset } = withCursor(marked, format, marker);
  const items = doComplete(document, offset, dialect).items;
  return { document, items, labels: items.map((i) => i.label) };
}

/** The text after applying edits, as an editor would. */
export function applyEdits(document: ApiDocument, edits: TextEdit[]): string {
  return TextDocument.applyEdits(document.textDocument, edits);
}

export function textAt(document: TextDocument, range: Range): string {
  return document.getText().slice(document.offsetAt(range.start), document.offsetAt(range.end));
}

/**
 * With the default 700 paths, larger than the forgiving parser takes whole (256 KB), so a version that does not parse
 * has no tree of its own. `top` is the text between `openapi` and `paths`.
 */
export function largeDefinition({ items = 700, top = 'info: { title: t, version: "1" }\n' }: { items?: number; top?: string } = {}): string {
  const paths: string[] = [];
  for (let i = 0; i < items; i++) {
    paths.push(`  /r${i}:\n    get:\n      operationId: get${i}\n      summary: ${'Get one item by its identifier. '.repeat(6)}\n      responses:\n        "200":\n          description: OK\n          content:\n            application/json:\n              schema: { $ref: "#/components/schemas/Item" }\n`);
  }
  return `openapi: 3.0.1\n${top}paths:\n${paths.join('')}components:\n  schemas:\n    Item:\n      type: object\n`;
}
