import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeActionContext, CodeLens, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, SemanticTokens, SignatureHelp, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import { savedEncodingProblem } from './services/savedEncoding';
import { setRecent } from './util/recentMap';
import { ApiDocument, detectFormat, looksLikeApiDefinition, withRecoveredTree } from './model/apiDocument';
import { parseWhole } from './parseWatch';
import { getCodeActions } from './services/codeActions';
import { ignoreActions } from './services/ignoreActions';
import { suppressionActions } from './services/suppressionActions';
import { fixAllActions, type FixingService } from './services/fixAll';
import { isTemplateDocument } from './model/templateDocument';
import { completeAtSite, doComplete, isRefSite } from './services/completion';
import { doHover } from './services/hover';
import { findDefinition, findReferences, findReferencesUpTo } from './services/navigation';
import { findDocumentHighlights, findTemplateHighlights } from './services/documentHighlights';
import { prepareRename, rename } from './services/rename';
import { findWorkspaceSymbols } from './services/workspaceSymbols';
import { findDocumentSymbols, findOutline, readPathItemsElsewhere } from './services/symbols';
import { findCodeLenses, EVALUATE_TEMPLATE_COMMAND, INVOKE_OPERATION_COMMAND } from './services/codeLenses';
import { completeInStandaloneTemplate, completeInTemplate } from './services/templates/templateCompletion';
import { templateAtOffset } from './services/templates/locate';
import { hoverInStandaloneTemplate, hoverInTemplate } from './services/templates/templateHover';
import { signatureHelpInStandaloneTemplate, signatureHelpInTemplate } from './services/templates/templateSignatureHelp';
import { startTemplateChecksAhead, validateStandaloneTemplate } from './services/templates/templateValidation';
import { standaloneTemplateCodeActions } from './services/templates/templateFixes';
import { standaloneTemplateSemanticTokens, templateSemanticTokens, type TemplateRuns } from './services/templates/templateSemanticTokens';
import { TemplateContentCache } from './services/templates/templateContentCache';
import { isTemplateOverLimit, leavingOutLargeTemplates, templateOverLimitProblem } from './services/templates/largeTemplates';
import type { TemplateFold } from './services/templates/templateFolds';
import { findFoldingRanges, findTemplateFoldingRanges } from './services/foldingRanges';
import { prepareRenameInStandaloneTemplate, renameInStandaloneTemplate } from './services/templates/templateVariableRename';
import { findDefinitionInStandaloneTemplate } from './services/templates/templateDefinition';
import { lastParsedView, type LastParsedView } from './lastParsedView';
import { completionsInPart, fixesInPlace, partInContext, placeLocations, rangeInPart, siteInContext, type PartInContext, type PartPlace } from './services/partContext';
import { spliceReferencedFiles, type SplitDefinition } from './services/splitDefinitions';
import { prepareRenameAcrossFiles, renameAcrossFiles } from './services/renameAcrossFiles';
import { symbolAt } from './services/symbolReferences';
import { sameUri } from './model/refUri';
import { findCompletionSite } from './services/editing/completionSite';
import { UNMOVED, type Placement } from './model/placement';
import { recoversCheaply } from './model/recoveryTree';
import { allProblems, maxValidationSize, toDiagnostics, DEFAULT_MAX_VALIDATION_SIZE } from './services/validation';
import { delay, isOverLimit, MAX_OUTLINE_ENTRIES, MAX_REFERENCES, OnceNotes, overLimit, QUIET_MS } from './services/largeDocuments';
import { RenameError } from './services/rename';
import type { TextChange } from './model/textChange';
import type { Dialect } from './model/dialect';
import { dialectReading, type DialectReading } from './model/dialectInference';
import { validateWithRecord, type ValidationRecord } from './services/incrementalValidation';
import { createValidationCaches } from './services/validationCaches';
import { isReparseBase, isRetired, reparsePart, reparsePathItem } from './model/incrementalParse';
import type { DocumentResolver, LanguageSettings, WorkspaceDocuments } from './services/validationTypes';

export interface LanguageServiceOptions {
  /** Resolves `$ref`s to other files; without it external references are not followed. */
  resolver?: DocumentResolver;
  /** The workspace's files; without it references and renames stay within one document and the files it names. */
  workspace?: WorkspaceDocuments;
  /** Where notes about what is left out of large documents go; the console (the server's log) by default. */
  log?: (message: string) => void;
  /**
   * The definitions that reference a file, parsed: hover, completion and Go to Definition in a file that holds part of
   * a definition answer in that definition. Without it such a file is read on its own.
   */
  definitionsUsing?: (uri: string) => Promise<ApiDocument[]>;
}

/**
 * The protocol-free language service: plain functions over parsed documents. The LSP server, the CLI and the tests all
 * call this facade; each feature lives in its own file under `services/`. A template file over `MAX_TEMPLATE_FILE_SIZE`
 * gets one diagnostic and nothing from the other features (largeTemplates.ts).
 */
export interface LanguageService {
  parse(document: TextDocument): ApiDocument;
  doValidation(document: TextDocument, settings?: LanguageSettings, isCancelled?: () => boolean): Promise<Diagnostic[]>;
  /**
   * `doValidation`, with the findings in each other file the definition's `$ref`s name: the definition is checked with
   * those files spliced in, and what is found in one of them is shown there. A file that is a definition itself is
   * left to its own validation.
   */
  doValidationByFile(document: TextDocument, settings?: LanguageSettings, isCancelled?: () => boolean): Promise<ValidationByFile>;
  /** A Promise only when a `$ref` into another file is completed from that file. */
  doComplete(document: TextDocument, position: Position, settings?: LanguageSettings): CompletionList | Promise<CompletionList>;
  /** A Promise only when a `$ref` into another file is summarised from that file. */
  doHover(document: TextDocument, position: Position, settings?: LanguageSettings): Hover | null | Promise<Hover | null>;
  /**
   * The method called around the cursor in a mapping template. `previous` is the help the editor shows already when
   * it asks again as the cursor moves: the form chosen there stays chosen.
   */
  doSignatureHelp(document: TextDocument, position: Position, previous?: SignatureHelp): Promise<SignatureHelp | null>;
  findDefinition(document: TextDocument, position: Position): Promise<Location[]>;
  /**
   * Where this document names what the cursor is on: its definition written, its uses read. Null where nothing is
   * named, so that the editor falls back to highlighting the word.
   */
  findDocumentHighlights(document: TextDocument, position: Position): Promise<DocumentHighlight[] | null>;
  findReferences(document: TextDocument, position: Position, context?: { includeDeclaration: boolean }): Promise<Location[]>;
  /**
   * The name under the cursor when it can be renamed, else undefined. Rejects with `RenameError` and the reason when
   * the name under the cursor cannot be renamed.
   */
  prepareRename(document: TextDocument, position: Position): Promise<{ range: Range; placeholder: string } | undefined>;
  /** Throws `RenameError` with the reason when the rename is refused. */
  rename(document: TextDocument, position: Position, newName: string): Promise<WorkspaceEdit>;
  /** Over the size limit, each list of the outline stops at `MAX_OUTLINE_ENTRIES`. */
  findDocumentSymbols(document: TextDocument, settings?: LanguageSettings): Promise<DocumentSymbol[]>;
  /** Operations and components of every API definition in the workspace whose name holds the query's letters in order. */
  findWorkspaceSymbols(query: string, isCancelled?: () => boolean): Promise<SymbolInformation[]>;
  getCodeActions(document: TextDocument, range: Range, context: CodeActionContext, settings?: LanguageSettings): CodeAction[];
  /**
   * "Fix all" (`source.fixAll.apigateway`): the preferred quick fixes applied in passes, as `apigw lint --fix` applies
   * them, in one action. None unless `context.only` asks for it, and none over the size limit.
   */
  getFixAll(document: TextDocument, context: CodeActionContext, settings?: LanguageSettings): Promise<CodeAction[]>;
  /** "Evaluate" above templates, "Invoke" above operations; none over the size limit. */
  getCodeLenses(document: TextDocument, options?: { invoke: boolean }, settings?: LanguageSettings): Promise<CodeLens[]>;
  /**
   * Where a file that holds part of a definition stands in the bundle of the definition that splices it in (its
   * templates are evaluated there): the first that does, or `definition`; undefined for a definition, or a file no
   * definition uses.
   */
  partPlace(document: TextDocument, definition?: string): Promise<PartPlace | undefined>;
  /**
   * Colours of mapping templates, embedded or standalone, encoded against `TEMPLATE_SEMANTIC_TOKENS_LEGEND`; none over
   * the size limit.
   */
  getSemanticTokens(document: TextDocument, settings?: LanguageSettings): Promise<SemanticTokens>;
  /**
   * Folds of a YAML definition or standalone template, at most `limit`: the editor's indentation folds and the blocks
   * of mapping templates. Null for JSON definitions, whose own folding covers them, and over the size limit, where the
   * editor folds by indentation itself.
   */
  getFoldingRanges(document: TextDocument, limit?: number, settings?: LanguageSettings): Promise<FoldingRange[] | null>;
  /** The document was closed: what is kept to answer its next version faster is dropped. */
  forget(uri: string): void;
}

export { isTemplateDocument };

function locationKey(location: Location): string {
  const { start, end } = location.range;
  return `${location.uri} ${start.line}:${start.character}-${end.line}:${end.character}`;
}

export interface FileDiagnostics {
  uri: string;
  diagnostics: Diagnostic[];
}

export interface ValidationByFile extends FileDiagnostics {
  elsewhere: FileDiagnostics[];
  /**
   * Whether the check read every file the document references: not when it does not parse (only its syntax is
   * checked) or is over the size limit, when what it references is unknown rather than nothing.
   */
  readReferences: boolean;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const cache = new ParseCache();
  const caches = createValidationCaches();
  const records = new Map<string, ValidationRecord>();
  const templateColours = new TemplateContentCache<TemplateRuns>();
  const templateFolding = new TemplateContentCache<TemplateFold[]>();
  const notes = new OnceNotes(options.log ?? ((message) => console.info(message)));
  // Hover, navigation and the outline are asked without settings: the size limit is the one validation was last given.
  let sizeLimit = DEFAULT_MAX_VALIDATION_SIZE;
  const limitOf = (settings?: LanguageSettings) => (settings ? (sizeLimit = maxValidationSize(settings)) : sizeLimit);
  // Weighing every operation of a document over the limit takes a few hundred milliseconds: it is done once per document.
  // Completion also asks whether anything decided it (see `CompletionDialect`): the reading is kept, not the dialect.
  const dialects = new Map<string, DialectReading>();
  const readingFor = (document: TextDocument, parsed: ApiDocument, settings: LanguageSettings = {}): Dialect | DialectReading => {
    if (settings.dialect && settings.dialect !== 'auto') return settings.dialect;
    if (!isOverLimit(document, sizeLimit)) return dialectReading(parsed);
    let reading = dialects.get(document.uri);
    if (!reading) dialects.set(document.uri, (reading = dialectReading(parsed)));
    return reading;
  };
  const dialectFor = (document: TextDocument, parsed: ApiDocument, settings: LanguageSettings = {}): Dialect => {
    const reading = readingFor(document, parsed, settings);
    return typeof reading === 'string' ? reading : reading.dialect;
  };
  /**
   * Completion inside a template of a version that does not parse, read as hover reads it. Inside the edit since the
   * last version that parsed, only a forgiving parse of this version knows what stands there; for a large definition it
   * costs a few hundred milliseconds, too much for every key typed, so it is made only when the edit may be in a
   * template: it starts inside one, or holds a `$` or `#`.
   */
  const completeInReadableTemplate = (document: TextDocument, offset: number) => {
    const { parsed, offsetThere, rangesHere, change } = cache.readable(document, sizeLimit);
    // The cursor of a key just typed stands at the edit's end, which the last version reads as after the edit.
    const there = change && offset >= change.start && offset <= change.newEnd ? undefined : offsetThere(offset);
    if (there !== undefined) {
      const found = completeInTemplate(parsed, there, options.resolver);
      return found && rangesHere(found);
    }
    if (change && !/[$#]/.test(document.getText().slice(change.start, change.newEnd)) && !templateAtOffset(parsed, change.start)) return undefined;
    return completeInTemplate(cache.getRecovered(document), offset, options.resolver);
  };
  const completeOnItsOwn = (document: TextDocument, position: Position, settings: LanguageSettings | undefined): CompletionList | Promise<CompletionList> => {
    const offset = document.offsetAt(position);
    const deferred = cache.deferred(document, limitOf(settings));
    if (deferred) {
      // The site is read from a copy of the last parsed version patched by parts; the current text is not parsed.
      const { parsed: base, offsetThere, rangesHere, change } = deferred;
      const there = offsetThere(offset);
      const template = there === undefined ? undefined : completeInTemplate(base, there, options.resolver);
      if (template) return rangesHere(template);
      const unparsed = new ApiDocument(document, base.format, undefined, []);
      return doComplete(unparsed, offset, readingFor(document, base, settings), options.resolver, base, change);
    }
    const parsed = cache.get(document);
    const lastParsed = cache.lastParsed(document);
    // A half-typed line often leaves no tree, from which inference would say REST: the last version that parsed tells,
    // else completion infers from its own parsable copy.
    const source = parsed.root ? parsed : lastParsed;
    const dialect = source ? readingFor(document, source, settings) : (settings?.dialect ?? 'auto');
    // Inside a template the forgiving parse finds the template when another line does not parse; for a large document,
    // the last version that parsed does, in this version's positions, as for hover (`readable`).
    return (parsed.root ? completeInTemplate(parsed, offset, options.resolver) : completeInReadableTemplate(document, offset)) ?? doComplete(parsed, offset, dialect, options.resolver, lastParsed);
  };
  const hoverOnItsOwn = (document: TextDocument, position: Position, settings: LanguageSettings | undefined): Hover | null | Promise<Hover | null> => {
    const { parsed, offsetThere, rangesHere } = cache.readable(document, sizeLimit);
    const offset = offsetThere(document.offsetAt(position));
    if (offset === undefined) return null;
    // Hover infers the dialect itself, and only when it describes a mapping source; a large document's is kept here.
    const dialect = settings?.dialect && settings.dialect !== 'auto' ? settings.dialect : parsed.root && isOverLimit(document, sizeLimit) ? dialectFor(document, parsed, settings) : 'auto';
    const hover = hoverInTemplate(parsed, offset, options.resolver) ?? doHover(parsed, offset, options.resolver, dialect);
    return hover instanceof Promise ? hover.then(rangesHere) : rangesHere(hover);
  };
  /** A file that is no definition itself but part of one, when a definition referencing it splices it in. */
  // The size is weighed before the parse is asked for: a document over the limit is parsed only once typing pauses.
  const definitionLooks = new WeakMap<TextDocument, { version: number; looks: boolean }>();
  /** Whether a document's text has a root `openapi` or `swagger` key, read once per version. */
  const looksLikeDefinition = (document: TextDocument): boolean => {
    const known = definitionLooks.get(document);
    if (known?.version === document.version) return known.looks;
    const looks = looksLikeApiDefinition(document.getText());
    definitionLooks.set(document, { version: document.version, looks });
    return looks;
  };
  // A definition half-typed parses as no kind at all: its text still says what it is.
  const mayBePart = (document: TextDocument) =>
    options.definitionsUsing !== undefined && options.resolver !== undefined && !isTemplateDocument(document) && !isOverLimit(document, sizeLimit) && cache.get(document).kind === 'unknown' && !looksLikeDefinition(document);
  const partContext = async (document: TextDocument, definition?: string): Promise<PartInContext | undefined> => {
    // Asked first: a file no definition uses does not pay for the forgiving parse.
    const using = await options.definitionsUsing!(document.uri);
    // One of them when named: a path item file two APIs share runs in the one asked for.
    const definitions = definition === undefined ? using : using.filter((d) => sameUri(d.uri, definition));
    if (definitions.length === 0) return undefined;
    const parsed = cache.get(document);
    // Typing leaves a part unparsable more often than not: the forgiving parser's tree stands in.
    const part = parsed.root ? parsed : cache.getRecovered(document);
    return part.root ? partInContext(part, definitions, options.resolver!) : undefined;
  };
  const hoverInPart = async (document: TextDocument, position: Position, settings: LanguageSettings | undefined, own: () => Hover | null | Promise<Hover | null>): Promise<Hover | null> => {
    const context = await partContext(document);
    if (!context) return own();
    const bundle = context.split.document;
    const at = context.start + document.offsetAt(position);
    const hover = await (hoverInTemplate(bundle, at, options.resolver) ?? doHover(bundle, at, options.resolver, settings?.dialect ?? 'auto'));
    // A `$ref` of the part is replaced by its target in the bundle: the part's own reading summarises it.
    if (!hover) return own();
    const range = hover.range && rangeInPart(context, hover.range);
    return range ? { ...hover, range } : { contents: hover.contents };
  };
  const completeInPart = async (document: TextDocument, position: Position, settings: LanguageSettings | undefined): Promise<CompletionList | undefined> => {
    const offset = document.offsetAt(position);
    const context = await partContext(document);
    if (!context) return undefined;
    const template = completeInTemplate(context.split.document, context.start + offset, options.resolver);
    if (template) return completionsInPart(context, template);
    // The site is found in the part as typed, as in a definition; what belongs there is asked where the definition
    // puts it. A `$ref` names files from the part's folder: the part's own completion answers it.
    const site = findCompletionSite(cache.get(document), offset, cache.lastParsed(document));
    if (!site || isRefSite(site)) return undefined;
    const inContext = await partInContext(site.document, await options.definitionsUsing!(document.uri), options.resolver!);
    const moved = inContext && siteInContext(inContext, site);
    return moved ? completeAtSite(moved, document.getText(), settings?.dialect ?? 'auto', options.resolver) : undefined;
  };
  /**
   * The split definition an offset of the document stands in, and the offset there: a part's place in the definition
   * that splices it in, or a definition's own place in its bundle. Undefined when the definition names no other file.
   */
  const splitContextAt = async (document: TextDocument, parsed: ApiDocument, offset: number): Promise<{ split: SplitDefinition; at: number } | undefined> => {
    if (!options.resolver || !parsed.root) return undefined;
    if (mayBePart(document)) {
      const part = await partContext(document);
      return part && { split: part.split, at: part.start + offset };
    }
    if (parsed.kind === 'unknown') return undefined;
    const split = await spliceReferencedFiles(parsed, options.resolver, () => false).catch(() => undefined);
    return split && { split, at: offset };
  };
  /**
   * A validator's or security scheme's uses in the other files of a split definition (its path items): the search
   * of one document finds those of the definition or of the part alone. Run again on the bundle, only what it finds
   * in other files is added.
   */
  const withUsesInOtherFiles = async (document: TextDocument, parsed: ApiDocument, offset: number, includeDeclaration: boolean, own: Location[]): Promise<Location[]> => {
    const context = await splitContextAt(document, parsed, offset);
    if (!context) return own;
    const found = placeLocations(context, await findReferences(context.split.document, context.at, includeDeclaration));
    const known = new Set(own.map(locationKey));
    return [...own, ...found.filter((location) => !known.has(locationKey(location)) && !sameUri(location.uri, document.uri))];
  };
  /**
   * The lenses of the definition that splices the part in, on the part's operations and templates: Invoke runs the
   * operation in the definition, Evaluate opens the template in the part.
   */
  const lensesInPart = async (document: TextDocument, lensOptions: { invoke: boolean }): Promise<CodeLens[] | undefined> => {
    const context = await partContext(document);
    if (!context) return undefined;
    // Placed as they are found: only the part's own are given a position, out of the thousands a large definition has.
    const found = findCodeLenses(context.split.document, { ...lensOptions, pathsElsewhere: true }, placementInPart(context, document));
    for (const lens of found) {
      // Placed in the part, the template's offset is the part's: the evaluator opens the part's own template.
      if (lens.command?.command === EVALUATE_TEMPLATE_COMMAND) lens.command.arguments = [document.uri, lens.command.arguments![1]];
      // And the operation's place in the part: where other definitions use the file too, the client asks which to run.
      else if (lens.command?.command === INVOKE_OPERATION_COMMAND) lens.command.arguments![0].part = { uri: document.uri, offset: document.offsetAt(lens.range.start) };
    }
    return found;
  };
  /**
   * Where what is found in the bundle stands in the part: its templates, each once (a part two paths name is spliced
   * once, and its templates met once per path), and nothing of other files.
   */
  const placementInPart = (context: PartInContext, document: TextDocument): Placement => {
    const end = context.start + context.part.text.length;
    const seen = new Set<number>();
    return { textDocument: document, shiftOf: (offset, to) => (offset >= context.start && to <= end && !seen.has(offset) && seen.add(offset) ? -context.start : undefined) };
  };
  /** The colours of the part's templates, as the definition that splices it in reads them. */
  const tokensInPart = async (document: TextDocument): Promise<SemanticTokens | undefined> => {
    const context = await partContext(document);
    return context && templateSemanticTokens(context.split.document, templateColours, placementInPart(context, document));
  };
  /** The part's own folds, and those of its templates as the definition that splices it in reads them. */
  const foldsInPart = async (document: TextDocument, limit: number | undefined): Promise<FoldingRange[] | undefined> => {
    const context = await partContext(document);
    return context && findFoldingRanges(context.split.document, limit, templateFolding, placementInPart(context, document));
  };
  const prepareRenameInPart = async (document: TextDocument, offset: number): Promise<{ range: Range; placeholder: string } | undefined> => {
    const context = await partContext(document);
    const prepared = context && prepareRenameAcrossFiles(context.split, context.start + offset);
    const range = prepared && rangeInPart(context, prepared.range);
    return range && { range, placeholder: prepared.placeholder };
  };
  const service: LanguageService = {
    parse: (document) => cache.get(document),
    forget: (uri) => {
      cache.forget(uri);
      records.delete(uri);
      notes.forget(uri);
      dialects.delete(uri);
    },
    doValidation: async (document, settings, isCancelled) => (await service.doValidationByFile(document, settings, isCancelled)).diagnostics,
    doValidationByFile: async (document, settings, isCancelled) => {
      const uri = document.uri;
      if (isTemplateDocument(document)) {
        const template = new ApiDocument(document, 'yaml', undefined, []);
        if (isTemplateOverLimit(document)) return { uri, diagnostics: toDiagnostics(template, [templateOverLimitProblem(document)], settings ?? {}), elsewhere: [], readReferences: false };
        const problems = validateStandaloneTemplate(document.getText(), document.uri);
        const saved = await savedEncodingProblem(document.uri, document.getText(), options.resolver);
        return { uri, diagnostics: toDiagnostics(template, saved ? [saved, ...problems] : problems, settings ?? {}), elsewhere: [], readReferences: true };
      }
      const limit = limitOf(settings);
      // A document over the limit is parsed again only once typing pauses: a newer version cancels the wait.
      if (isCancelled && cache.isBehind(document) && isOverLimit(document, limit)) {
        await delay(QUIET_MS);
        if (isCancelled()) return { uri, diagnostics: [], elsewhere: [], readReferences: false };
      }
      // Over the limit only syntax is checked: no template is.
      if (!isOverLimit(document, limit)) startTemplateChecksAhead(document.getText());
      const parsed = cache.get(document);
      // Weighed while validation blocks anyway, not on the first completion.
      if (parsed.root && isOverLimit(document, limit)) dialectFor(document, parsed, settings);
      const previous = records.get(document.uri);
      const { results, record } = await validateWithRecord(parsed, { settings, resolver: options.resolver, isCancelled, caches }, previous);
      // A record is only as good as the tree it came from: a version whose tree a later one took over is stale.
      if (record && !isRetired(parsed)) {
        setRecent(records, document.uri, record, MAX_RECORDS);
      }
      // Not part of the record: it follows the file on disk, not the text.
      const saved = await savedEncodingProblem(document.uri, parsed.text, options.resolver);
      const problems = allProblems(results);
      const elsewhere: FileDiagnostics[] = [];
      for (const [other, found] of results.elsewhere ?? []) {
        // A definition of its own is validated as one; the findings of this check of it would repeat or contradict those.
        if (found.document.kind === 'unknown') elsewhere.push({ uri: other, diagnostics: toDiagnostics(found.document, found.problems, settings ?? {}) });
      }
      const readReferences = parsed.root !== undefined && !isOverLimit(document, limit) && !isCancelled?.();
      return { uri, diagnostics: toDiagnostics(parsed, saved ? [saved, ...problems] : problems, settings ?? {}), elsewhere, readReferences };
    },
    // Mapping templates embedded in the definition have their own completion and hover; the OpenAPI ones stay out of them.
    doComplete: (document, position, settings) => {
      if (isTemplateDocument(document)) return completeInStandaloneTemplate(document.getText(), document.offsetAt(position), document.uri);
      if (mayBePart(document)) return completeInPart(document, position, settings).then((list) => list ?? completeOnItsOwn(document, position, settings));
      return completeOnItsOwn(document, position, settings);
    },
    doHover: (document, position, settings) => {
      if (isTemplateDocument(document)) return hoverInStandaloneTemplate(document.getText(), document.offsetAt(position)) ?? null;
      if (mayBePart(document)) return hoverInPart(document, position, settings, () => hoverOnItsOwn(document, position, settings));
      return hoverOnItsOwn(document, position, settings);
    },
    doSignatureHelp: async (document, position, previous) => {
      if (isTemplateDocument(document)) return signatureHelpInStandaloneTemplate(document.getText(), document.offsetAt(position), document.uri, previous) ?? null;
      if (mayBePart(document)) {
        // A part's templates are read where the definition puts them; the help has no range to place.
        const context = await partContext(document);
        if (context) return signatureHelpInTemplate(context.split.document, context.start + document.offsetAt(position), previous, options.resolver) ?? null;
      }
      const { parsed, offsetThere, change } = cache.readable(document, sizeLimit);
      const offset = offsetThere(document.offsetAt(position));
      if (offset === undefined) return null;
      // The arguments are read from the template's text: from an earlier version's, only while the edit since has left
      // that template as it was.
      const template = change && templateAtOffset(parsed, offset);
      if (template && change.start <= template.node.end && change.oldEnd >= template.node.offset) return null;
      return signatureHelpInTemplate(parsed, offset, previous, options.resolver) ?? null;
    },
    findDocumentHighlights: async (document, position) => {
      // Nothing known is no answer rather than an empty one, which would keep the editor from highlighting the word.
      if (isTemplateDocument(document)) return orNull(findTemplateHighlights(document.getText(), document.offsetAt(position)));
      const { parsed, offsetThere, rangesHere } = cache.readable(document, sizeLimit);
      const offset = offsetThere(document.offsetAt(position));
      const own = offset === undefined ? null : orNull(rangesHere(await findDocumentHighlights(parsed, offset)));
      // A part's templates are templates only where the definition puts them.
      if (own || !mayBePart(document)) return own;
      const context = await partContext(document);
      if (!context) return own;
      const found = await findDocumentHighlights(context.split.document, context.start + document.offsetAt(position));
      return orNull(found.flatMap((highlight) => {
        const range = rangeInPart(context, highlight.range);
        return range ? [{ ...highlight, range }] : [];
      }));
    },
    findDefinition: async (document, position) => {
      if (isTemplateDocument(document)) return findDefinitionInStandaloneTemplate(document.getText(), document.offsetAt(position), document.uri);
      const { parsed, offsetThere, rangesHere } = cache.readable(document, sizeLimit);
      const offset = offsetThere(document.offsetAt(position));
      const own = offset === undefined ? [] : rangesHere(await findDefinition(parsed, offset, options.resolver));
      // In a part of a definition, a validator's or a scheme's name is defined in the definition.
      if (own.length || !mayBePart(document)) return own;
      const context = await partContext(document);
      return context ? placeLocations(context, await findDefinition(context.split.document, context.start + document.offsetAt(position), options.resolver)) : own;
    },
    findReferences: async (document, position, context) => {
      const { parsed, offsetThere, rangesHere } = cache.readable(document, sizeLimit);
      const offset = offsetThere(document.offsetAt(position));
      if (offset === undefined) return [];
      const includeDeclaration = context?.includeDeclaration ?? true;
      if (!isOverLimit(document, sizeLimit)) {
        const own = rangesHere(await findReferences(parsed, offset, includeDeclaration, options.resolver, options.workspace));
        return withUsesInOtherFiles(document, parsed, document.offsetAt(position), includeDeclaration, own);
      }
      const { locations, total } = await findReferencesUpTo(parsed, offset, MAX_REFERENCES, includeDeclaration, options.resolver, options.workspace);
      if (total > locations.length) notes.note(document.uri, 'references', `Find references lists only the first ${MAX_REFERENCES} uses of a name in ${overLimit(document, sizeLimit)}.`);
      return rangesHere(locations);
    },
    prepareRename: async (document, position) => {
      if (isTemplateDocument(document)) return prepareRenameInStandaloneTemplate(document, document.offsetAt(position));
      const deferred = cache.deferred(document, sizeLimit);
      if (!deferred) {
        const own = prepareRename(cache.getRecovered(document), document.offsetAt(position));
        // In a part, a validator or scheme is defined in the definition, and a requirement is one only where it is placed.
        return own || !mayBePart(document) ? own : prepareRenameInPart(document, document.offsetAt(position));
      }
      const offset = deferred.offsetThere(document.offsetAt(position));
      return offset === undefined ? undefined : deferred.rangesHere(prepareRename(deferred.parsed, offset));
    },
    rename: async (document, position, newName) => {
      if (isTemplateDocument(document)) return renameInStandaloneTemplate(document, document.offsetAt(position), newName);
      // Its edits must stand where the current text has the names, so it waits for this version's parse.
      if (cache.deferred(document, sizeLimit)) throw new RenameError(`${overLimit(document, sizeLimit)} is read again once typing pauses; try the rename again in a moment.`);
      const parsed = cache.getRecovered(document);
      const offset = document.offsetAt(position);
      // Validators and schemes are named in every file of a split definition; in a part, what a name is shows only
      // in the definition. A document that does not parse is refused by the rename of its own.
      const kind = symbolAt(parsed, offset)?.symbol.kind;
      const named = mayBePart(document) || kind === 'validator' || kind === 'securityScheme';
      const context = named && !parsed.recovered ? await splitContextAt(document, parsed, offset) : undefined;
      const across = context && (await renameAcrossFiles(context.split, context.at, newName, options.resolver));
      return across ?? rename(parsed, offset, newName, options.resolver, options.workspace);
    },
    findDocumentSymbols: async (document, settings) => {
      const limit = limitOf(settings);
      const { parsed, rangesHere } = cache.readable(document, limit);
      const over = isOverLimit(document, limit);
      // The operations of path items kept in other files are listed under their paths.
      const elsewhere = await readPathItemsElsewhere(parsed, options.resolver, over ? MAX_OUTLINE_ENTRIES : Infinity);
      if (!over) return rangesHere(findDocumentSymbols(parsed, elsewhere));
      const { symbols, cut } = findOutline(parsed, MAX_OUTLINE_ENTRIES, elsewhere);
      if (cut.length) notes.note(document.uri, 'outline', `The outline of ${overLimit(document, limit)} lists only the first ${MAX_OUTLINE_ENTRIES} of its ${cut.join(', ')}.`);
      return rangesHere(symbols);
    },
    findWorkspaceSymbols: (query, isCancelled) => findWorkspaceSymbols(query, options.workspace, isCancelled, options.resolver),
    getCodeActions: (document, range, context, settings) => {
      if (isTemplateDocument(document)) return standaloneTemplateCodeActions(document, context);
      // The quick fixes answer the diagnostics of the last validation, which parsed the version they were found in.
      if (cache.deferred(document, limitOf(settings))) return [];
      const parsed = cache.get(document);
      const fixes = getCodeActions(parsed, range, context, dialectFor(document, parsed, settings));
      const ignoring = [...suppressionActions(parsed, context), ...ignoreActions(parsed, context, settings)];
      return [...(mayBePart(document) ? fixesInPlace(fixes, document.uri) : fixes), ...ignoring];
    },
    getFixAll: async (document, context, settings) => {
      // Each pass validates the whole text again: over the limit that takes seconds a pass, and the text may be deferred.
      if (isOverLimit(document, limitOf(settings))) return [];
      // The passes' own versions go to a service of their own: here they would take the editor's version's place in
      // the parse and validation caches, and the editor's next version would be parsed whole instead of by parts.
      let scratch: LanguageService | undefined;
      const serviceFor = (version: TextDocument) => (version === document ? service : (scratch ??= createLanguageService(options)));
      const passes: FixingService = {
        doValidation: (version, ...rest) => serviceFor(version).doValidation(version, ...rest),
        getCodeActions: (version, ...rest) => serviceFor(version).getCodeActions(version, ...rest),
      };
      return fixAllActions(passes, document, context, settings);
    },
    getCodeLenses: async (document, lensOptions = { invoke: true }, settings) => {
      if (isTemplateDocument(document)) {
        const start = { line: 0, character: 0 };
        return [{ range: { start, end: start }, command: { title: '$(play) Evaluate template', command: EVALUATE_TEMPLATE_COMMAND, arguments: [document.uri, 0] } }];
      }
      // A lens per operation and template: over the limit that is a response of tens of megabytes.
      const limit = limitOf(settings);
      if (isOverLimit(document, limit)) {
        notes.note(document.uri, 'lenses', `Code lenses (Evaluate, Invoke) are off for ${overLimit(document, limit)}.`);
        return [];
      }
      const inPart = mayBePart(document) ? await lensesInPart(document, lensOptions) : undefined;
      if (inPart) return inPart;
      // While a line elsewhere is half-typed, the forgiving parse, or the last version that parsed when that parse is
      // too slow or finds nothing, keeps the lenses in place instead of dropping them all.
      const { parsed, shiftOf } = cache.readable(document, limit);
      return parsed.root ? findCodeLenses(parsed, lensOptions, { textDocument: document, shiftOf }) : [];
    },
    partPlace: async (document, definition) => {
      const context = mayBePart(document) ? await partContext(document, definition) : undefined;
      return context && { bundle: context.split.document, start: context.start };
    },
    getSemanticTokens: async (document, settings) => {
      if (isTemplateDocument(document)) return standaloneTemplateSemanticTokens(document);
      const limit = limitOf(settings);
      if (isOverLimit(document, limit)) {
        notes.note(document.uri, 'tokens', `Mapping templates are not coloured in ${overLimit(document, limit)}.`);
        return { data: [] };
      }
      const inPart = mayBePart(document) ? await tokensInPart(document) : undefined;
      if (inPart) return inPart;
      const { parsed, shiftOf } = cache.readable(document, limit);
      return templateSemanticTokens(parsed, templateColours, { textDocument: document, shiftOf });
    },
    getFoldingRanges: async (document, limit, settings) => {
      if (isTemplateDocument(document)) return findTemplateFoldingRanges(document.getText(), limit);
      if (detectFormat(document.uri, document.languageId, document.getText()) === 'json') return null;
      const sizeLimit = limitOf(settings);
      if (isOverLimit(document, sizeLimit)) {
        // No answer leaves the document to the editor's own indentation folding, the same folds computed natively; ours
        // took a third of a second per edit of a 20 MB definition.
        notes.note(document.uri, 'folding', `Mapping template blocks do not fold in ${overLimit(document, sizeLimit)}; the editor's indentation folding does.`);
        return null;
      }
      const inPart = mayBePart(document) ? await foldsInPart(document, limit) : undefined;
      if (inPart) return inPart;
      const { parsed, shiftOf } = cache.readable(document, sizeLimit);
      return findFoldingRanges(parsed, limit, templateFolding, { textDocument: document, shiftOf });
    },
  };
  return leavingOutLargeTemplates(service, notes);
}

/** The previous validations kept for re-validating by parts: a few open documents, each one text in memory. */
const MAX_RECORDS = 8;

type Readable = Omit<LastParsedView, 'document' | 'change'> & { parsed: ApiDocument; change?: TextChange };
/** The last parsed version of a document, read in the current version's positions. */
type Deferred = Readable & { change: TextChange };

interface Entry {
  version: number;
  parsed: ApiDocument;
  base: ApiDocument | undefined;
  recovered?: ApiDocument;
  readable?: Readable;
  /** A later version over the size limit, not parsed yet: when it was first asked about, and what reads it meanwhile. */
  pending?: { version: number; since: number; deferred: Deferred };
}

/**
 * Keeps the last parse of each document version, so every feature asked about one edit shares one parse. A new version
 * is re-parsed by parts from the previous one when the edit allows it: one path item, else one entry holding the edit.
 */
class ParseCache {
  private readonly entries = new Map<string, Entry>();

  get(document: TextDocument): ApiDocument {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.parsed.textDocument === document) return entry.parsed;
    // While the text does not parse (as while a line is typed), the last version that did stays the base to re-parse from.
    const base = entry && entry.version < document.version && entry.base && isReparseBase(entry.base) ? entry.base : undefined;
    const parsed = (base && (reparsePathItem(base, document) || reparsePart(base, document))) || parseWhole(document);
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

  /** A later version of the document than the one parsed last. */
  isBehind(document: TextDocument): boolean {
    const entry = this.entries.get(document.uri);
    return !!entry && entry.version < document.version;
  }

  /**
   * For a version over the size limit that is not parsed yet, while it is being typed: the last version that parsed,
   * in this version's positions. Undefined, so that the version is parsed, once it has stayed unchanged for
   * `QUIET_MS` (validation parses it then too), and when no earlier version parsed.
   */
  deferred(document: TextDocument, limit: number): Deferred | undefined {
    const entry = this.entries.get(document.uri);
    if (!entry || entry.version >= document.version || !isOverLimit(document, limit)) return undefined;
    const base = entry.base && isReparseBase(entry.base) ? entry.base : undefined;
    if (!base) return undefined;
    const now = Date.now();
    if (entry.pending?.version !== document.version) {
      const view = lastParsedView(base, document);
      entry.pending = { version: document.version, since: now, deferred: { parsed: view.document, offsetThere: view.offsetThere, rangesHere: view.rangesHere, change: view.change, shiftOf: view.shiftOf } };
    } else if (now - entry.pending.since >= QUIET_MS) return undefined;
    return entry.pending.deferred;
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
  readable(document: TextDocument, limit: number): Readable {
    const deferred = this.deferred(document, limit);
    if (deferred) return deferred;
    const current = this.get(document);
    const entry = this.entries.get(document.uri)!;
    if (entry.readable) return entry.readable;
    const base = current.root ? undefined : this.lastParsed(document);
    const parsed = base && !recoversCheaply(current.text) ? undefined : this.getRecovered(document);
    if (parsed && (parsed.root || !base)) return (entry.readable = { parsed, offsetThere: (offset) => offset, rangesHere: (result) => result, shiftOf: UNMOVED });
    const view = lastParsedView(base!, document);
    return (entry.readable = { parsed: view.document, offsetThere: view.offsetThere, rangesHere: view.rangesHere, change: view.change, shiftOf: view.shiftOf });
  }
}

function orNull<T>(list: T[]): T[] | null {
  return list.length > 0 ? list : null;
}
