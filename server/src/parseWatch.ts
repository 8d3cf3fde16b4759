/**
 * Whole parses of a document, as the parse cache makes them, told to whoever listens. A whole parse of a definition of
 * tens of megabytes runs for seconds without yielding: the thread that serves such documents says when it starts and
 * ends one, so that the server can stop it once the version it parses is stale (largeDocumentHost.ts). Each thread has
 * its own listener; the server's own thread has none.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument, type ApiDocument } from './model/apiDocument';

export interface ParseListener {
  started(document: TextDocument): void;
  ended(document: TextDocument, ms: number): void;
}

let listener: ParseListener | undefined;

export function watchWholeParses(next: ParseListener | undefined): void {
  listener = next;
}

export function parseWhole(document: TextDocument): ApiDocument {
  const heard = listener;
  if (!heard) return parseApiDocument(document);
  heard.started(document);
  const start = performance.now();
  try {
    return parseApiDocument(document);
  } finally {
    heard.ended(document, performance.now() - start);
  }
}
