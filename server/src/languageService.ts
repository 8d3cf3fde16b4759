import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ApiDocument, parseApiDocument } from './model/apiDocument';
import { validateDocument } from './services/validation';
import type { DocumentResolver, LanguageSettings } from './services/validationTypes';

export interface LanguageServiceOptions {
  /** Resolves `$ref`s to other files; without it external references are not followed. */
  resolver?: DocumentResolver;
}

/**
 * The protocol-free language service: plain functions over parsed documents. The LSP server, the CLI and the tests all
 * call this facade; each feature lives in its own file under `services/`.
 */
export interface LanguageService {
  parse(document: TextDocument): ApiDocument;
  doValidation(document: TextDocument, settings?: LanguageSettings, isCancelled?: () => boolean): Promise<Diagnostic[]>;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new ParseCache();
  return {
    parse: (document) => cache.get(document),
    doValidation: (document, settings, isCancelled) =>
      validateDocument(cache.get(document), { settings, resolver: options.resolver, isCancelled }),
  };
}

/** Keeps the last parse of each document version, so every feature asked about one edit shares one parse. */
class ParseCache {
  private readonly entries = new Map<string, { version: number; parsed: ApiDocument }>();

  get(document: TextDocument): ApiDocument {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.parsed.textDocument === document) return entry.parsed;
    const parsed = parseApiDocument(document);
    this.entries.set(document.uri, { version: document.version, parsed });
    if (this.entries.size > 200) this.entries.delete(this.entries.keys().next().value as string);
    return parsed;
  }
}
