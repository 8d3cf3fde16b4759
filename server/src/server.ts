import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { constants as osConstants } from 'node:os';
import { createLanguageService, isTemplateDocument, type FileDiagnostics } from './languageService';
import { TEMPLATE_SEMANTIC_TOKENS_LEGEND } from './services/templates/templateSemanticTokens';
import { DEFAULT_FOLDING_LIMIT } from './services/foldingRanges';
import { looksLikeApiDefinition, type ApiDocument } from './model/apiDocument';
import type { LanguageSettings } from './services/validationTypes';
import { readLanguageSettings } from './services/languageSettings';
import { WorkspaceResolver } from './workspaceResolver';
import { definitionsThatMayUse, MAX_DEFINITIONS_FOR_A_PART, WorkspaceFiles } from './workspaceFiles';
import { FindingsElsewhere } from './findingsElsewhere';
import { uriKey } from './model/refUri';
import { RenameError } from './services/rename';
import { OPEN_PARTS_NOTIFICATION, registerCustomRequests, type OpenPartsParams } from './customRequests';
import { registerInvokeRequests } from './invokeRequests';
import { registerImportRequests } from './importRequests';
import { LargeDocumentHost } from './largeDocumentHost';
import type { FeatureAnswer, FeatureArguments, HostedFeature, RequestRoute } from './largeDocumentMessages';
import { isOverLimit } from './services/largeDocuments';
import { maxValidationSize } from './services/validation';
import { asksForFixAll } from './services/fixAll';

const connection = createConnection(ProposedFeatures.all);
// Every edit is also heard by the thread that serves documents over the size limit (largeDocumentHost.ts).
const documents = new TextDocuments({
  create: TextDocument.create,
  update: (document, changes, version) => {
    largeDocuments.edited(document.uri, document.version, version, changes);
    return TextDocument.update(document, changes, version);
  },
});
/** Open documents by one spelling of their URI (`uriKey`): see `openDocument`. */
const openByKey = new Map<string, string>();
documents.onDidOpen((event) => openByKey.set(uriKey(event.document.uri), event.document.uri));
const resolver = new WorkspaceResolver((uri) => openDocument(uri));
const workspace = new WorkspaceFiles(resolver, () => documents.all(), (document) => (isApart(document) ? undefined : service.parse(document)));
const service = createLanguageService({ resolver, workspace, log: (message) => connection.console.info(message), definitionsUsing });
const largeDocuments = new LargeDocumentHost((message) => connection.console.info(message));
/** Documents over the size limit that their own thread serves. */
const servedApart = new Set<string>();

let settings: LanguageSettings = {};
let canPullConfiguration = false;
let hasWorkspaceFolders = false;
/** URIs of the workspace folders, which the files of `apigateway.validation.ignore` are named from. */
let workspaceFolders: string[] = [];
/** The most folds the editor takes; it drops the rest itself, but sending them costs every request. */
let foldingRangeLimit = DEFAULT_FOLDING_LIMIT;
/** Whether the client asks again for colours and code lenses when told they changed. */
let canRefreshTokens = false;
let canRefreshLenses = false;
/** Quiet time after a keystroke before validating; short enough to feel immediate, long enough to skip bursts. */
const VALIDATION_DELAY_MS = 60;
const pending = new Map<string, NodeJS.Timeout>();

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  hasWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  foldingRangeLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit ?? DEFAULT_FOLDING_LIMIT;
  canRefreshTokens = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
  canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspace.setFolders(workspaceFolders);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['.', '/', "'", '"', '$', ':', '#'], resolveProvider: false },
      hoverProvider: true,
      // `)` closes the call, after which the help goes away.
      signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [')'] },
      definitionProvider: true,
      documentHighlightProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.SourceFixAll] },
      codeLensProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      // Whole-document tokens only: templates are short, and ranges or deltas would have to track every template's mapping.
      semanticTokensProvider: { legend: TEMPLATE_SEMANTIC_TOKENS_LEGEND, full: true },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'API Gateway language server' },
  };
});

connection.onInitialized(async () => {
  // Folders added to or removed from the workspace change where references and renames look.
  if (hasWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      const folders = await connection.workspace.getWorkspaceFolders().catch(() => null);
      workspaceFolders = folders?.map((folder) => folder.uri) ?? [];
      workspace.setFolders(workspaceFolders);
      // Each folder's settings say what its files' findings to ignore.
      if (canPullConfiguration) await refreshSettings();
      for (const document of documents.all()) scheduleValidation(document);
    });
  }
  if (canPullConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'apigateway' }).catch(() => undefined);
    await refreshSettings();
  }
});

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) await refreshSettings();
  else {
    const section: unknown = change.settings?.apigateway;
    settings = withIgnores(toLanguageSettings(section), workspaceFolders.map(() => section));
  }
  for (const document of documents.all()) scheduleValidation(document);
});

async function refreshSettings(): Promise<void> {
  try {
    // A folder's own settings (a multi-root workspace's) are read with the folder as scope: the ignore entries there.
    const scoped = workspaceFolders.map((scopeUri) => ({ scopeUri, section: 'apigateway' }));
    const sections: unknown[] = await connection.workspace.getConfiguration([{ section: 'apigateway' }, ...scoped]);
    const [section, ...folderSections] = sections;
    settings = withIgnores(toLanguageSettings(section), folderSections);
  } catch {
    settings = {};
  }
}

/** The editor's settings UI already flags values outside the settings' schema; they are left out here. */
function toLanguageSettings(section: unknown): LanguageSettings {
  return readLanguageSettings(section).settings;
}

/** The ignore entries of each workspace folder, from its section of the settings; with none, no file can be named. */
function withIgnores(settings: LanguageSettings, folderSections: unknown[]): LanguageSettings {
  const read = (folder: string, i: number) => readLanguageSettings(folderSections[i], folder).settings.ignore ?? [];
  const ignore = workspaceFolders.flatMap(read);
  return ignore.length ? { ...settings, ignore } : settings;
}

/**
 * Whether a version of a document is an API definition, remembered per document: the test reads up to the whole text
 * of a large JSON file, and every request on the document asks it.
 */
const servedVersions = new WeakMap<TextDocument, { version: number; served: boolean }>();

function isServed(document: TextDocument): boolean {
  if (isTemplateDocument(document)) return true;
  const known = servedVersions.get(document);
  if (known?.version === document.version) return known.served;
  const served = looksLikeApiDefinition(document.getText());
  servedVersions.set(document, { version: document.version, served });
  return served;
}

/** The definitions whose validation read a file, as the editor has them (open) or as saved: a part answers in them. */
async function definitionsUsing(uri: string): Promise<ApiDocument[]> {
  const found: ApiDocument[] = [];
  // What hover or navigation in another file read, or a closed definition that stopped being one, uses nothing.
  for (const dependent of resolver.dependentsOf(uri).filter(isDefinitionUsing)) {
    // An open one is served here (isDefinitionUsing); a closed one is read again, as it may have changed on disk.
    const open = documents.get(dependent);
    const parsed = open ? service.parse(open) : await resolver.load(dependent);
    if (parsed?.root && parsed.kind !== 'unknown') found.push(parsed);
  }
  return found;
}

/** The open files a definition's last check read, other than definitions: their colours and lenses come from it. */
function openPartsOf(definition: string): string[] {
  return documents.all().filter((d) => !isServed(d) && resolver.dependentsOf(d.uri).includes(definition)).map((d) => d.uri);
}

/** Quiet time before the editor is told to ask again: a definition being typed in is checked after each pause. */
const REFRESH_DELAY_MS = 400;
let refreshTimer: NodeJS.Timeout | undefined;

/**
 * The colours and lenses of a part come from the definitions that use it: once one of them has been checked (it
 * changed, or was first found to use the file), the editor is told to ask again. `before` are the parts its previous
 * check read, which may have stopped being parts.
 */
function refreshPartsOf(definition: string, before: string[]): void {
  if (before.length === 0 && openPartsOf(definition).length === 0) return;
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    if (canRefreshTokens) void connection.languages.semanticTokens.refresh().catch(() => undefined);
    if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }, REFRESH_DELAY_MS);
}

/**
 * The open document of a file, whichever spelling of its URI names it: a closed definition found on disk names the
 * files it references as Node spells them (`file:///C:/…`), the editor as it does (`file:///c%3A/…`).
 */
function openDocument(uri: string): TextDocument | undefined {
  const open = documents.get(uri);
  if (open) return open;
  const spelt = openByKey.get(uriKey(uri));
  return spelt === undefined ? undefined : documents.get(spelt);
}

/** Findings in other files, those in open files under the URI the editor has them by. */
function asOpened(found: FileDiagnostics[]): FileDiagnostics[] {
  return found.map((f) => {
    const open = openDocument(f.uri);
    return open && open.uri !== f.uri ? { ...f, uri: open.uri } : f;
  });
}

/** The open parts the client was last told of. */
let partsTold = '[]';
/** Definitions not open in the editor that were checked for the open files they reference (`validateClosed`). */
const closedDefinitions = new Set<string>();

/**
 * A file that read another as a definition does: an open definition served here, or a closed one checked for its
 * parts. Hover and Go to Definition in any file read what its `$ref`s name too, which makes it no definition.
 */
function isDefinitionUsing(uri: string): boolean {
  const open = documents.get(uri);
  if (!open) return closedDefinitions.has(uri);
  return !isTemplateDocument(open) && isServed(open) && !isApart(open);
}

/**
 * Tells the client which open files are parts of definitions, with the definitions using each, when that changes:
 * its menus offer the evaluator and invoke there as in a definition, and the evaluator re-runs when another file of
 * its definition is edited. Called after each check, which is what learns which files a definition reads.
 */
function tellOpenParts(): void {
  const parts = documents.all()
    .map((d) => ({ uri: d.uri, definitions: resolver.dependentsOf(d.uri).filter((u) => u !== d.uri && isDefinitionUsing(u)).sort() }))
    .filter((part) => part.definitions.length > 0)
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const told = JSON.stringify(parts);
  if (told === partsTold) return;
  partsTold = told;
  void connection.sendNotification(OPEN_PARTS_NOTIFICATION, { parts } satisfies OpenPartsParams);
}

/** A file that is no definition but part of one a definition's `$ref`s name: hover and completion answer in it. */
function isPartOrServed(document: TextDocument): boolean {
  return isServed(document) || resolver.dependentsOf(document.uri).length > 0;
}

/**
 * Shared definition files often have no `openapi` key; navigation and renames serve them too when they hold
 * components or `$ref`s, or when a definition uses them.
 */
function isNavigable(document: TextDocument): boolean {
  if (isServed(document)) return true;
  const text = document.getText();
  return /^(?:components|definitions):/m.test(text) || text.includes('$ref') || resolver.dependentsOf(document.uri).length > 0;
}

function scheduleValidation(document: TextDocument): void {
  const previous = pending.get(document.uri);
  if (previous) clearTimeout(previous);
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      void validate(document.uri, document.version);
    }, VALIDATION_DELAY_MS),
  );
}

async function validate(uri: string, version: number): Promise<void> {
  const document = documents.get(uri);
  if (!document || document.version !== version) return;
  if (!isServed(document)) {
    // A part of a definition shows what the definitions using it find there; it is checked with them.
    findingsElsewhere.set(uri, []);
    if (!findingsElsewhere.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    // A definition typed into a part, or out of it, changes what the file is.
    tellOpenParts();
    void checkWithDefinitionsUsing(document);
    return;
  }
  // A newer edit makes this run pointless: rules check this between units of work.
  const isCancelled = () => documents.get(uri)?.version !== version;
  try {
    if (isApart(document)) {
      // Its thread checks it on its own: what it found in other files while it was smaller goes.
      findingsElsewhere.set(uri, []);
      const diagnostics = await largeDocuments.validate(document, settings, () => service.doValidation(document, settings, isCancelled));
      if (!isCancelled()) connection.sendDiagnostics({ uri, version, diagnostics });
      return;
    }
    // A check that reads what the definition references resolves every file: those it no longer does stop counting it.
    const partsBefore = openPartsOf(uri);
    const traced = resolver.traceDependencies(uri);
    const { diagnostics, elsewhere, readReferences } = await service.doValidationByFile(document, settings, isCancelled);
    if (isCancelled()) return;
    if (readReferences) traced();
    connection.sendDiagnostics({ uri, version, diagnostics });
    findingsElsewhere.set(uri, asOpened(elsewhere));
    refreshPartsOf(uri, partsBefore);
    tellOpenParts();
  } catch (error) {
    connection.console.error(`Validation of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

/**
 * Findings in the files definitions' `$ref`s name, published for those files: an open definition's in every file it
 * references. A file opened without the definition that uses it is checked with the workspace's definitions that
 * reference it, read from disk, whose findings are shown in open files only; those are checked again when it changes.
 */
const findingsElsewhere = new FindingsElsewhere((uri, diagnostics) => {
  // A definition of its own publishes its own findings.
  const open = documents.get(uri);
  if (!open || !isServed(open)) connection.sendDiagnostics({ uri, diagnostics });
});
/** Parts of definitions already searched for the closed definitions that use them, while they stay open. */
const searchedParts = new Set<string>();

async function checkWithDefinitionsUsing(part: TextDocument): Promise<void> {
  if (searchedParts.has(part.uri) || !/\.(ya?ml|json)$/i.test(part.uri)) return;
  searchedParts.add(part.uri);
  // The open definitions are validated anyway.
  const closed = await definitionsThatMayUse(workspace, part.uri, (uri) => documents.get(uri) !== undefined);
  let using = 0;
  for (const definition of closed) {
    if (!documents.get(part.uri)) return;
    await validateClosed(definition.uri);
    if (findingsElsewhere.uses(definition.uri, part.uri) && ++using >= MAX_DEFINITIONS_FOR_A_PART) break;
  }
}

/**
 * A definition not open in the editor, validated for its findings in the open files it references, not for its own.
 * Runs for one definition end in the order they started: a later edit's findings are not replaced by an earlier's.
 */
async function validateClosed(uri: string): Promise<void> {
  if (documents.get(uri)) return;
  const run = (closedRuns.get(uri) ?? 0) + 1;
  closedRuns.set(uri, run);
  const current = () => closedRuns.get(uri) === run && !documents.get(uri);
  try {
    const definition = await resolver.load(uri);
    if (!current()) return;
    if (!definition || definition.kind === 'unknown') {
      // Deleted, unreadable, or no longer a definition: what it found before no longer holds, nor what it read.
      findingsElsewhere.set(uri, []);
      closedDefinitions.delete(uri);
      resolver.traceDependencies(uri)();
      tellOpenParts();
      return;
    }
    closedDefinitions.add(uri);
    const partsBefore = openPartsOf(uri);
    const traced = resolver.traceDependencies(uri);
    const { elsewhere, readReferences } = await service.doValidationByFile(definition.textDocument, settings, () => !current());
    if (current() && readReferences) traced();
    service.forget(uri);
    if (current()) findingsElsewhere.set(uri, asOpened(elsewhere).filter((found) => documents.get(found.uri)));
    refreshPartsOf(uri, partsBefore);
    tellOpenParts();
  } catch (error) {
    connection.console.error(`Validation of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    if (closedRuns.get(uri) === run) closedRuns.delete(uri);
  }
}

/** The latest run of `validateClosed` for each definition. */
const closedRuns = new Map<string, number>();

const pendingClosed = new Map<string, NodeJS.Timeout>();

function scheduleClosedValidation(uri: string): void {
  const previous = pendingClosed.get(uri);
  if (previous) clearTimeout(previous);
  pendingClosed.set(
    uri,
    setTimeout(() => {
      pendingClosed.delete(uri);
      void validateClosed(uri);
    }, VALIDATION_DELAY_MS),
  );
}

/** A file changed: the definitions whose validation read it are validated again, open or not. */
function scheduleDependents(uri: string): void {
  for (const dependent of resolver.dependentsOf(uri)) {
    const document = documents.get(dependent);
    if (document) scheduleValidation(document);
    else if (findingsElsewhere.uses(dependent, uri)) scheduleClosedValidation(dependent);
  }
}

/**
 * Whether a document is served by the thread for documents over the size limit, which keeps its parse from holding up
 * every other document. A document that crosses the limit moves, leaving behind what was kept for it.
 */
function isApart(document: TextDocument): boolean {
  const apart = !isTemplateDocument(document) && isOverLimit(document, maxValidationSize(settings)) && largeDocuments.isAvailable();
  if (apart && !servedApart.has(document.uri)) {
    servedApart.add(document.uri);
    service.forget(document.uri);
  } else if (!apart && servedApart.delete(document.uri)) {
    largeDocuments.close(document.uri);
  }
  return apart;
}

/** A language service feature on a document, answered by the thread that serves it. */
function answer<F extends HostedFeature>(document: TextDocument, feature: F, ...args: FeatureArguments<F>): FeatureAnswer<F> | Promise<FeatureAnswer<F>> {
  const inThisThread = () => (service[feature] as (document: TextDocument, ...rest: unknown[]) => FeatureAnswer<F> | Promise<FeatureAnswer<F>>)(document, ...args);
  return isApart(document) ? largeDocuments.feature(document, feature, args, inThisThread) : inThisThread();
}

/** One of the extension's own requests on a document, answered by the thread that serves the document it names. */
const route: RequestRoute = (request, params, inThisThread, ifLost, token) => {
  const document = documents.get(params.uri);
  return document && isApart(document) ? largeDocuments.request(document, request, params, inThisThread, ifLost, token) : inThisThread();
};

/**
 * Runs a feature on a served document. A failing feature answers with the fallback and logs: an exception must never
 * reach the connection, or the editor shows an error for every keystroke.
 */
async function serve<T>(uri: string, feature: string, fallback: T, run: (document: TextDocument) => T | Promise<T>, served = isServed): Promise<T> {
  const document = documents.get(uri);
  if (!document || !served(document)) return fallback;
  try {
    return await run(document);
  } catch (error) {
    connection.console.error(`${feature} failed for ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

connection.onCompletion((params) => serve(params.textDocument.uri, 'Completion', null, (d) => answer(d, 'doComplete', params.position, settings), isPartOrServed));
connection.onHover((params) => serve(params.textDocument.uri, 'Hover', null, (d) => answer(d, 'doHover', params.position, settings), isPartOrServed));
connection.onSignatureHelp((params) =>
  serve(params.textDocument.uri, 'Signature help', null, (d) => answer(d, 'doSignatureHelp', params.position, params.context?.isRetrigger ? params.context.activeSignatureHelp : undefined), isPartOrServed),
);
connection.onDocumentHighlight((params) => serve(params.textDocument.uri, 'Highlights', null, (d) => answer(d, 'findDocumentHighlights', params.position), isPartOrServed));
connection.onDefinition((params) => serve(params.textDocument.uri, 'Go to definition', [], (d) => answer(d, 'findDefinition', params.position), isNavigable));
connection.onReferences((params) => serve(params.textDocument.uri, 'Find references', [], (d) => answer(d, 'findReferences', params.position, params.context), isNavigable));
connection.onPrepareRename((params) => renaming(params.textDocument.uri, 'Prepare rename', async (d) => (await answer(d, 'prepareRename', params.position)) ?? null));
connection.onRenameRequest((params) => renaming(params.textDocument.uri, 'Rename', (d) => answer(d, 'rename', params.position, params.newName)));

/** A refused rename answers with its reason, which the editor shows; any other failure is logged like every feature's. */
async function renaming<T>(uri: string, feature: string, run: (document: TextDocument) => T | Promise<T>): Promise<T | null | ResponseError<void>> {
  const document = documents.get(uri);
  if (!document || !isNavigable(document)) return null;
  try {
    return await run(document);
  } catch (error) {
    if (error instanceof RenameError) return new ResponseError(ErrorCodes.InvalidRequest, error.message);
    connection.console.error(`${feature} failed for ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return null;
  }
}
connection.onWorkspaceSymbol(async (params, token) => {
  try {
    return await service.findWorkspaceSymbols(params.query, () => token.isCancellationRequested);
  } catch (error) {
    connection.console.error(`Workspace symbols failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return [];
  }
});
connection.onDocumentSymbol((params) => serve(params.textDocument.uri, 'Document symbols', [], (d) => answer(d, 'findDocumentSymbols', settings)));
connection.onCodeLens((params) => serve(params.textDocument.uri, 'Code lenses', [], (d) => answer(d, 'getCodeLenses', undefined, settings), isPartOrServed));
connection.onFoldingRanges((params) => serve(params.textDocument.uri, 'Folding ranges', null, (d) => answer(d, 'getFoldingRanges', foldingRangeLimit, settings), isPartOrServed));
connection.languages.semanticTokens.on((params) => serve(params.textDocument.uri, 'Semantic tokens', { data: [] }, (d) => answer(d, 'getSemanticTokens', settings), isPartOrServed));
// Fix all is asked apart from the quick fixes: it validates the document again in passes, and a failure there must not
// take the quick fixes with it.
connection.onCodeAction(async (params) => {
  const actions = await serve(params.textDocument.uri, 'Code actions', [], (d) => answer(d, 'getCodeActions', params.range, params.context, settings), isPartOrServed);
  if (!asksForFixAll(params.context.only)) return actions;
  return [...actions, ...(await serve(params.textDocument.uri, 'Fix all', [], (d) => answer(d, 'getFixAll', params.context, settings)))];
});

documents.onDidChangeContent((change) => {
  scheduleValidation(change.document);
  scheduleDependents(change.document.uri);
});

documents.onDidClose((event) => {
  const uri = event.document.uri;
  if (openByKey.get(uriKey(uri)) === uri) openByKey.delete(uriKey(uri));
  service.forget(uri);
  resolver.closed(uri);
  servedApart.delete(uri);
  largeDocuments.close(uri);
  searchedParts.delete(uri);
  const timer = pending.get(uri);
  if (timer) clearTimeout(timer);
  pending.delete(uri);
  // A definition closed while a file it references stays open goes on checking that file, from its saved text.
  if (findingsElsewhere.filesOf(uri).some((file) => documents.get(file))) scheduleClosedValidation(uri);
  else findingsElsewhere.set(uri, []);
  // A part keeps what open definitions find there, checked now against its saved text; closed ones showed it only
  // while it was open.
  findingsElsewhere.dropFrom(uri, (definition) => !documents.get(definition));
  if (findingsElsewhere.has(uri)) scheduleDependents(uri);
  else connection.sendDiagnostics({ uri, diagnostics: [] });
  tellOpenParts();
});

connection.onDidChangeWatchedFiles((params) => {
  workspace.filesChanged();
  largeDocuments.filesChanged(params.changes.map((change) => change.uri));
  for (const change of params.changes) {
    resolver.forget(change.uri);
    // An open document is checked against its saved bytes too (their encoding), which a save can change with the text unchanged.
    const saved = documents.get(change.uri);
    if (saved) scheduleValidation(saved);
    // A closed definition changed or deleted on disk: what it showed in open files is checked again, and whether it
    // still uses the parts it was found to use, which it may show nothing in (they were closed since).
    else if (findingsElsewhere.hasDefinition(change.uri) || closedDefinitions.has(change.uri)) scheduleClosedValidation(change.uri);
    scheduleDependents(change.uri);
  }
});

// Ended by a signal (an editor that does not wait for the exit notification, a terminal closed), the process still runs
// its exit hooks: they end the Lambda worker processes it started, one of which may be busy in an endless loop and
// would otherwise outlive the server.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => process.exit(128 + osConstants.signals[signal]));

// The server must outlive any single bad document or failed request.
process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unexpected rejection: ${String(reason)}`));

registerCustomRequests(connection, documents, service, route);
registerInvokeRequests(connection, documents, service, route, resolver);
registerImportRequests(connection, documents, service, resolver, () => settings);

documents.listen(connection);
connection.listen();
