import * as path from 'node:path';
import { holdsApiDefinition, isDefinitionLanguage, type ApiDocuments } from '../apiDocuments';
import { editorInUse } from '../editorInUse';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EvaluationResult, EvaluatorToPanel, PanelToEvaluator, TemplateSample } from './evaluatorMessages';
import { panelIcon } from './panelIcons';
import { keptCopyNotice, SampleStore } from './sampleStore';
import { LatestRequest } from './latestRequest';
import { webviewHtml } from './webviewHtml';
import type { TemplateAtParams, TemplateAtResult } from '../../../server/src/customRequests';
import { chooseDefinitionOfPart } from './definitionOfPart';

const EVALUATE_DELAY_MS = 40;

/** One panel per template: the sample on the left, the rendered output, overrides and errors on the right. */
export class EvaluatorPanel {
  private static readonly open = new Map<string, EvaluatorPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private sample: TemplateSample = {};
  private timer: NodeJS.Timeout | undefined;
  private readonly evaluation = new LatestRequest(() => new vscode.CancellationTokenSource());
  private saveFailureShown = false;
  /** What the panel shows now: tests read it, as the webview's content is out of their reach. */
  private shown: { output?: string; problem?: string } = {};

  static async show(context: vscode.ExtensionContext, client: LanguageClient, documents: ApiDocuments, uri: vscode.Uri, offset: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const templateAt = async (definition?: string): Promise<TemplateAtResult | undefined> => {
      const params: TemplateAtParams = { uri: uri.toString(), offset, definition };
      const found = await client.sendRequest<TemplateAtResult>('apigateway/templateAt', params);
      if (found.found && found.templateOffset !== undefined) return found;
      void vscode.window.showWarningMessage(found.message ?? 'No mapping template at the cursor: place it on a value under requestTemplates or responseTemplates.');
      return undefined;
    };
    // Asked before the definition is chosen: a cursor on no template is said at once, with nothing to choose first.
    const first = await templateAt();
    if (!first) return;
    // A file two APIs share is evaluated in the one chosen, where Invoke would run it.
    const chosen = documents.isPartOfDefinition(document) ? await chooseDefinitionOfPart(documents, document, 'Evaluate') : {};
    if (!chosen) return;
    const { definition } = chosen;
    const found = definition === undefined ? first : await templateAt(definition);
    if (!found) return;
    const key = `${uri.toString()}#${definition ?? ''}#${found.label}`;
    const existing = EvaluatorPanel.open.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel('apigateway.evaluator', `Evaluate: ${found.label}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')],
    });
    panel.iconPath = panelIcon(context.extensionUri, 'evaluator');
    const name = path.basename(document.uri.fsPath);
    const source = definition && documents.definitionsUsing(document).length > 1 ? `${name} in ${path.basename(vscode.Uri.parse(definition).path)}` : name;
    const instance = new EvaluatorPanel(context, client, documents, panel, document, definition, source, found, key);
    EvaluatorPanel.open.set(key, instance);
  }

  private constructor(
    context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    /** Which open files belong to one definition: edits of those re-run the evaluation. */
    private readonly documents: ApiDocuments,
    readonly panel: vscode.WebviewPanel,
    private readonly document: vscode.TextDocument,
    /** For a file definitions' `$ref`s name: the definition its template is evaluated in. */
    private readonly definition: string | undefined,
    /** The file as the panel names it, with the definition when several use it. */
    private readonly source: string,
    private found: TemplateAtResult,
    private readonly key: string,
  ) {
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, 'evaluator', 'Evaluate Mapping Template');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: PanelToEvaluator) => void this.onMessage(message)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onDocumentChange(event)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private get store(): SampleStore<TemplateSample> | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(this.document.uri) ?? vscode.workspace.workspaceFolders?.[0];
    return folder ? SampleStore.for<TemplateSample>(path.join(folder.uri.fsPath, '.apigateway', 'samples.json')) : undefined;
  }

  private get storeKey(): string {
    const folder = vscode.workspace.getWorkspaceFolder(this.document.uri);
    const file = folder ? path.relative(folder.uri.fsPath, this.document.uri.fsPath).split(path.sep).join('/') : this.document.uri.toString();
    return `${file}#${this.found.label}`;
  }

  private async onMessage(message: PanelToEvaluator): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const saved = await this.store?.get(this.storeKey);
        this.sample = saved ?? this.found.defaultSample ?? {};
        this.post({ type: 'init', label: this.found.label ?? '', kind: this.found.kind ?? 'request', sample: this.sample, source: this.source });
        this.schedule();
        break;
      }
      case 'sampleChanged':
        this.sample = message.sample;
        this.schedule();
        await this.saveSample(message.sample);
        break;
      case 'resetSample':
        this.sample = this.found.defaultSample ?? {};
        await this.saveSample(undefined);
        this.post({ type: 'init', label: this.found.label ?? '', kind: this.found.kind ?? 'request', sample: this.sample, source: this.source });
        this.schedule();
        break;
      case 'revealLine': {
        const position = new vscode.Position(Math.max(message.line - 1, 0), Math.max((message.column ?? 1) - 1, 0));
        const editor = await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        break;
      }
    }
  }

  /** Samples are saved on every keystroke: a failure is shown once per panel, and never stops the evaluation. */
  private async saveSample(sample: TemplateSample | undefined): Promise<void> {
    const store = this.store;
    if (!store) return;
    try {
      const copy = await store.set(this.storeKey, sample);
      if (copy) void vscode.window.showWarningMessage(keptCopyNotice(store.file, copy));
    } catch (error) {
      if (this.saveFailureShown) return;
      this.saveFailureShown = true;
      void vscode.window.showWarningMessage(`Cannot save the sample to ${store.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Keeps the template's offset right while the user edits around it, and re-evaluates on every edit. */
  private onDocumentChange(event: vscode.TextDocumentChangeEvent): void {
    if (this.found.templateOffset === undefined || event.contentChanges.length === 0) return;
    if (event.document !== this.document) {
      // The template's operation may stand in another file of a split definition (or the template in a path item
      // file the definition places): what the other files of that definition say is read again.
      if (isDefinitionLanguage(event.document) && this.documents.sameDefinition(event.document.uri, this.document.uri)) this.schedule();
      return;
    }
    let offset = this.found.templateOffset;
    for (const change of event.contentChanges) {
      if (change.rangeOffset < offset) offset += change.text.length - change.rangeLength;
    }
    this.found = { ...this.found, templateOffset: Math.max(offset, 0) };
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.evaluate(), EVALUATE_DELAY_MS);
  }

  /** Each edit supersedes the evaluation of the last one, which is cancelled: a slow template would run for every key. */
  private async evaluate(): Promise<void> {
    try {
      const params = { uri: this.document.uri.toString(), offset: this.found.templateOffset, sample: this.sample, kind: this.found.kind, definition: this.definition };
      const answer = await this.evaluation.send((token) => this.client.sendRequest<EvaluationResult | { error: string }>('apigateway/evaluateTemplate', params, token));
      if (!answer) return;
      const result = answer.value;
      if ('error' in result) this.post({ type: 'problem', message: result.error });
      else this.post({ type: 'result', result });
    } catch (error) {
      this.post({ type: 'problem', message: `Evaluation failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private post(message: EvaluatorToPanel): void {
    if (message.type === 'result') this.shown = { output: message.result.output };
    else if (message.type === 'problem') this.shown = { problem: message.message };
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.evaluation.cancel();
    EvaluatorPanel.open.delete(this.key);
    for (const d of this.disposables) d.dispose();
  }

  /** Each open panel's title and what it shows. */
  static shownInPanels(): { title: string; output?: string; problem?: string }[] {
    return [...EvaluatorPanel.open.values()].map((instance) => ({ title: instance.panel.title, ...instance.shown }));
  }
}

/** "Evaluate Mapping Template": from a code lens (uri, offset) or the cursor in the active editor. */
export function registerEvaluator(context: vscode.ExtensionContext, client: LanguageClient, documents: ApiDocuments): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('apigateway.evaluateTemplate', async (uri?: string | vscode.Uri, offset?: number) => {
      const editor = editorInUse((d) => holdsApiDefinition(d) || d.languageId === 'vtl' || documents.isPartOfDefinition(d));
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? editor?.document.uri);
      if (!target) {
        void vscode.window.showInformationMessage('Open an API definition or a .vtl file and place the cursor on a mapping template.');
        return;
      }
      const at = offset ?? (editor && editor.document.uri.toString() === target.toString() ? editor.document.offsetAt(editor.selection.active) : 0);
      await EvaluatorPanel.show(context, client, documents, target, at);
    }),
    // Not in the manifest: tests read what the panels show.
    vscode.commands.registerCommand('apigateway.evaluatorOutputs', () => EvaluatorPanel.shownInPanels()),
  );
}
