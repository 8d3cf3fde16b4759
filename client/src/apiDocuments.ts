import * as vscode from 'vscode';
import { looksLikeApiDefinition } from '../../server/src/model/definitionKeys';

/** The context key the manifest's menus read: open YAML and JSON documents that are not API definitions. */
export const NOT_API_DEFINITIONS = 'apigateway.notApiDefinitions';
/**
 * The context key of open documents a definition's check reads (a path item or schema file its `$ref`s name), as the
 * language server finds them: the evaluator and invoke work there, deploy does not.
 */
export const DEFINITION_PARTS = 'apigateway.definitionParts';

const LANGUAGES = new Set(['yaml', 'json']);

/** The languages an API definition is open in. */
export function isDefinitionLanguage(document: vscode.TextDocument): boolean {
  return LANGUAGES.has(document.languageId);
}

/** An open document that holds an API definition, judged by its text as the language server judges it. */
export function holdsApiDefinition(document: vscode.TextDocument): boolean {
  return isDefinitionLanguage(document) && looksLikeApiDefinition(document.getText());
}

/** Typing rarely turns a document into an API definition or back, so a change is looked at once typing pauses. */
const RECHECK_MS = 300;

/**
 * Keeps the context key that lets deploy, invoke and the evaluator stay off package.json, docker-compose.yml and
 * every other YAML or JSON file. It lists what was examined and found not to be a definition rather than what is one:
 * a document not examined yet (the window is still starting) keeps the commands instead of losing them.
 *
 * Each document is listed by the path the workbench gives `resourcePath`: `fsPath` for a local file, the URI's path
 * otherwise. The workbench of a remote window (Remote SSH, WSL, code-server) sees `vscode-remote:` URIs whose path
 * is the `file:` URI's path here, so both forms are listed.
 */
export class ApiDocuments implements vscode.Disposable {
  private readonly others = new Map<string, vscode.Uri>();
  /** Each open part's URI, and the definitions (as URI strings) whose last check read it. */
  private parts = new Map<string, { uri: vscode.Uri; definitions: string[] }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a document joins or leaves the definitions, and when one closes. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.examine(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.examineLater(event.document)),
      // A change of language mode closes the document and opens it again with the new language.
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    ];
    for (const document of vscode.workspace.textDocuments) this.classify(document);
    this.publish();
  }

  /** A YAML or JSON document whose top level has `openapi` or `swagger`, as the language server judges it. */
  isApiDefinition(document: vscode.TextDocument): boolean {
    return isDefinitionLanguage(document) && !this.others.has(document.uri.toString());
  }

  /** An open document a definition's `$ref`s name, as the language server last said. */
  isPartOfDefinition(document: vscode.TextDocument): boolean {
    return this.parts.has(document.uri.toString());
  }

  /** The definitions (URI strings) that use an open part, as the language server last said. */
  definitionsUsing(document: vscode.TextDocument): string[] {
    return this.parts.get(document.uri.toString())?.definitions ?? [];
  }

  /** What the language server says the open parts of definitions are now. */
  setParts(parts: { uri: string; definitions: string[] }[]): void {
    this.parts = new Map(parts.map((part) => {
      const uri = vscode.Uri.parse(part.uri);
      return [uri.toString(), { uri, definitions: part.definitions.map((d) => vscode.Uri.parse(d).toString()) }];
    }));
    void vscode.commands.executeCommand('setContext', DEFINITION_PARTS, this.partPaths());
  }

  /**
   * Whether two documents belong to one definition: one is the definition the other is part of, or both are parts of
   * one definition, as the language server last said.
   */
  sameDefinition(a: vscode.Uri, b: vscode.Uri): boolean {
    const definitionsOf = (uri: vscode.Uri) => [uri.toString(), ...(this.parts.get(uri.toString())?.definitions ?? [])];
    const ofA = new Set(definitionsOf(a));
    return definitionsOf(b).some((d) => ofA.has(d));
  }

  /** What the context key holds. */
  paths(): string[] {
    return contextPaths(this.others.values());
  }

  /** What the parts' context key holds. */
  partPaths(): string[] {
    return contextPaths([...this.parts.values()].map((part) => part.uri));
  }

  private examine(document: vscode.TextDocument): void {
    if (this.classify(document)) this.publish();
  }

  private examineLater(document: vscode.TextDocument): void {
    if (!LANGUAGES.has(document.languageId)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.examine(document);
    }, RECHECK_MS));
  }

  /** True when the document's standing changed. */
  private classify(document: vscode.TextDocument): boolean {
    const key = document.uri.toString();
    const other = LANGUAGES.has(document.languageId) && !looksLikeApiDefinition(document.getText());
    if (other === this.others.has(key)) return false;
    if (other) this.others.set(key, document.uri);
    else this.others.delete(key);
    return true;
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (this.others.delete(key)) this.publish();
    else this.changed.fire();
  }

  private publish(): void {
    void vscode.commands.executeCommand('setContext', NOT_API_DEFINITIONS, this.paths());
    this.changed.fire();
  }

  dispose(): void {
    this.parts.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

function contextPaths(uris: Iterable<vscode.Uri>): string[] {
  return [...new Set([...uris].flatMap((uri) => (uri.scheme === 'file' ? [uri.fsPath, uri.path] : [uri.path])))];
}
