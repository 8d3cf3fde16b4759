import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeActionContext, CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, Position, Range, SemanticTokens, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import { ApiDocument, parseApiDocument, withRecoveredTree } from './model/apiDocument';
import { getCodeActions } from './services/codeActions';
import { doComplete } from './services/completion';
import { doHover } from './services/hover';
import { findDefinition, findReferences } from './services/navigation';
import { prepareRename, rename } from './services/rename';
import { findWorkspaceSymbols } from './services/workspaceSymbols';
import { findDocumentSymbols } from './services/symbols';
import { findCodeLenses, EVALUATE_TEMPLATE_COMMAND } from './services/codeLenses';
import { completeInStandaloneTemplate, completeInTemplate } from './services/templates/templateCompletion';
import { hoverInStandaloneTemplate, hoverInTemplate } from './services/templates/templateHover';
import { validateStandaloneTemplate } from './services/templates/templateValidation';
import { standaloneTemplateSemanticTokens, templateSemanticTokens, type TemplateRuns } from './services/templates/templateSemanticTokens';
import { TemplateContentCache } from './services/templates/templateContentCache';
import { lastParsedView, type LastParsedView } from './lastParsedView';
import { recoversCheaply } from './model/recoveryTree';
import { allProblems, dialectOf, toDiagnostics } from './services/validation';
import { validateWithRecord, type ValidationRecord } from './services/incrementalValidation';
import { createValidationCaches } from './services/validationCaches';
import { isReparseBase, isRetired, reparsePathItem } from './model/incrementalParse';
import type { DocumentResolver, LanguageSettings, WorkspaceDocuments } from './services/validationTypes';

export interface LanguageServiceOptions {
  /** Resolves `$ref`s to other files; without it external references are not followed. */
  resolver?: DocumentResolver;
  /** The workspace's files; without it references and renames stay within one document and the files it names. */
  workspace?: WorkspaceDocuments;
}

/**
 * The protocol-free language service: plain functions over parsed documents. The LSP server, the CLI and the tests all
 * call this facade; each feature lives in its own file under `services/`.
 */
export interface LanguageService {
  parse(document: TextDocument): ApiDocument;
  doValidation(document: TextDocument, settings?: LanguageSettings, isCancelled?: () => boolean): Promise<Diagnostic[]>;
  /** A Promise only when a `$ref` into another file is completed from that file. */
  doComplete(document: TextDocument, position: Position, settings?: LanguageSettings): CompletionList | Promise<CompletionList>;
  /** A Promise only when a `$ref` into another file is summarised from that file. */
  doHover(document: TextDocument, position: Position): Hover | null | Promise<Hover | null>;
  findDefinition(document: TextDocument, position: Position): Promise<Location[]>;
  findReferences(document: TextDocument, position: Position, context?: { includeDeclaration: boolean }): Promise<Location[]>;
  /** The name under the cursor when it can be renamed, else undefined. */
  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | undefined;
  /** Throws `RenameError` with the reason when the rename is refused. */
  rename(document: TextDocument, position: Position, newName: string): Promise<WorkspaceEdit>;
  findDocumentSymbols(document: TextDocument): DocumentSymbol[];
  /** Operations and components of every API definition in the workspace whose name holds the query's letters in order. */
  findWorkspaceSymbols(query: string, isCancelled?: () => boolean): Promise<SymbolInformation[]>;
  getCodeActions(document: TextDocument, range: Range, context: CodeActionContext, settings?: LanguageSettings): CodeAction[];
  /** "Evaluate" above templates, "Invoke" above operations. */
  getCodeLenses(document: TextDocument, options?: { invoke: boolean }): CodeLens[];
  /** Colours of mapping templates, embedded or standalone, encoded against `TEMPLATE_SEMANTIC_TOKENS_LEGEND`. */
  getSemanticTokens(document: TextDocument): SemanticTokens;
  /** The document was closed: what is kept to answer its next version faster is dropped. */
  forget(uri: string): void;
}

/** A standalone mapping template (`.vtl` file) rather than an API definition. */
export function isTemplateDocument(document: TextDocument): boolean {
  return document.languageId === 'vtl' || /\.vtl$/i.test(document.uri);
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new ParseCache();
  const caches = createValidationCaches();
  const records = new Map<string, ValidationRecord>();
  const templateColours = new TemplateContentCache<TemplateRuns>();
  return {
    parse: (document) => cache.get(document),
    forget: (uri) => {
      cache.forget(uri);
      records.delete(uri);
    },
    doValidation: async (document, settings, isCancelled) => {
      if (isTemplateDocument(document)) {
        const problems = validateStandaloneTemplate(document.getText(), document.uri);
        return toDiagnostics(new ApiDocument(document, 'yaml', undefined, []), problems, settings ?? {});
      }
      const parsed = cache.get(document);
      const previous = records.get(document.uri);
      const { results, record } = await validateWithRecord(parsed, { settings, resolver: options.resolver, isCancelled, caches }, previous);
      // A record is only as good as the tree it came from: a version whose tree a later one took over is stale.
      if (record && !isRetired(parsed)) {
        records.delete(document.uri);
        records.set(document.uri, record);
        if (records.size > MAX_RECORDS) records.delete(records.keys().next().value as string);
      }
      return toDiagnostics(parsed, allProblems(results), settings ?? {});
    },
    // Mapping templates embedded in the definition have their own completion and hover; the OpenAPI ones stay out of them.
    doComplete: (document, position, settings) => {
      if (isTemplateDocument(document)) return completeInStandaloneTemplate(document.getText(), document.offsetAt(position), document.uri);
      const parsed = cache.get(document);
      const offset = document.offsetAt(position);
      // A half-typed line often leaves no tree, from which inference would say REST; completion then infers from its own parsable copy.
      const dialect = parsed.root ? dialectOf(parsed, settings ?? {}) : (settings?.dialect ?? 'auto');
      return completeInTemplate(parsed, offset) ?? doComplete(parsed, offset, dialect, options.resolver, cache.lastParsed(document));
    },
    doHover: (document, position) => {
      if (isTemplateDocument(document)) return hoverInStandaloneTemplate(document.getText(), document.offsetAt(position)) ?? null;
      const { parsed, offsetThere, rangesHere } = cache.readable(document);
      const offset = offsetThere(document.offsetAt(position));
      if (offset === undefined) return null;
      const hover = hoverInTemplate(parsed, offset) ?? doHover(parsed, offset, options.resolver);
      return hover instanceof Promise ? hover.then(rangesHere) : rangesHere(hover);
    },
    findDefinition: async (document, position) => {
      const { parsed, offsetThere, rangesHere } = cache.readable(document);
      const offset = offsetThere(document.offsetAt(position));
      return offset === undefined ? [] : rangesHere(await findDefinition(parsed, offset, options.resolver));
    },
    findReferences: async (document, position, context) => {
      const { parsed, offsetThere, rangesHere } = cache.readable(document);
      const offset = offsetThere(document.offsetAt(position));
      return offset === undefined ? [] : rangesHere(await findReferences(parsed, offset, context?.includeDeclaration ?? true, options.resolver, options.workspace));
    },
    prepareRename: (document, position) => prepareRename(cache.getRecovered(document), document.offsetAt(position)),
    rename: (document, position, newName) => rename(cache.getRecovered(document), document.offsetAt(position), newName, options.resolver, options.workspace),
    findDocumentSymbols: (document) => {
      const { parsed, rangesHere } = cache.readable(document);
      return rangesHere(findDocumentSymbols(parsed));
    },
    findWorkspaceSymbols: (query, isCancelled) => findWorkspaceSymbols(query, options.workspace, isCancelled),
    getCodeActions: (document, range, context, settings) => {
      const parsed = cache.get(document);
      return getCodeActions(parsed, range, context, dialectOf(parsed, settings ?? {}));
    },
    getCodeLenses: (document, lensOptions = { invoke: true }) => {
      if (isTemplateDocument(document)) {
        const start = { line: 0, character: 0 };
        return [{ range: { start, end: start }, command: { title: '$(play) Evaluate template', command: EVALUATE_TEMPLATE_COMMAND, arguments: [document.uri, 0] } }];
      }
      const parsed = cache.get(document);
      return parsed.root ? findCodeLenses(parsed, lensOptions) : [];
    },
    getSemanticTokens: (document) => (isTemplateDocument(document) ? standaloneTemplateSemanticTokens(document) : templateSemanticTokens(cache.get(document), templateColours)),
  };
}

/** The previous validations kept for re-validating by parts: a few open documents, each one text in memory. */
const MAX_RECORDS = 8;

type Readable = Omit<LastParsedView, 'document'> & { parsed: ApiDocument };

/**
 * Keeps the last parse of each document version, so every feature asked about one edit shares one parse. A new version
 * is re-parsed by parts from the previous one when the edit allows it.
 */
class ParseCache {
  private readonly entries = new Map<string, { version: number; parsed: ApiDocument; base: ApiDocument | undefined; recovered?: ApiDocument; readable?: Readable }>();

  get(document: TextDocument): ApiDocument {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.parsed.textDocument === document) return entry.parsed;
    // While the text does not parse (as while a line is typed), the last version that did stays the base to re-parse from.
    const base = entry && entry.version < document.version && entry.base && isReparseBase(entry.base) ? entry.base : undefined;
    const parsed = (base && reparsePathItem(base, document)) || parseApiDocument(document);
    this.entries.set(document.uri, { version: document.version, parsed, base: isReparseBase(parsed) ? parsed : base });
    if (this.entries.size > 200) this.entries.delete(this.entries.keys().next().value as string);
    return parsed;
  }

  /**
   * For a version that does not parse cleanly: the latest earlier version that did, which completion patches instead
   * of parsing a patched copy of the whole text, and from which large documents are read (`lastParsedView`).
   */
  lastParsed(document: TextDocument): ApiDocument | undefined {
    const parsed = this.get(document);
    const base = this.entries.get(document.uri)!.base;
    return base !== parsed && base && isReparseBase(base) ? base : undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  /**
   * The parse for hover, navigation, renames, symbols and lenses: when the text does not parse, the tree a forgiving
   * parser makes of it, made once per version and only when one of them asks.
   */
  getRecovered(document: TextDocument): ApiDocument {
    const parsed = this.get(document);
    const entry = this.entries.get(document.uri)!;
    return (entry.recovered ??= withRecoveredTree(parsed));
  }

  /**
   * What hover, navigation and the outline read, made once per version: the document's tree or a forgiving parse of
   * it. A large document that does not parse is read from the last version that did, in this version's positions,
   * while there is one: recovering it by parts for every version typed would cost more. Rename refuses instead.
   */
  readable(document: TextDocument): Readable {
    const current = this.get(document);
    const entry = this.entries.get(document.uri)!;
    if (entry.readable) return entry.readable;
    const base = current.root ? undefined : this.lastParsed(document);
    const parsed = base && !recoversCheaply(current.text) ? undefined : this.getRecovered(document);
    if (parsed && (parsed.root || !base)) return (entry.readable = { parsed, offsetThere: (offset) => offset, rangesHere: (result) => result });
    const view = lastParsedView(base!, document);
    return (entry.readable = { parsed: view.document, offsetThere: view.offsetThere, rangesHere: view.rangesHere });
  }
}
