import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const SERVER = path.resolve(__dirname, '../../dist/server/server.js');

/** A real LSP client talking to the bundled server over stdio, as an editor would. */
export class TestLspClient {
  readonly connection: MessageConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  private version = 1;
  readonly stderr: string[] = [];
  /** The refresh requests the server sent, in order: it asks the editor to fetch colours or lenses again. */
  readonly refreshes: string[] = [];
  /** Each list of open parts of definitions the server told of (`apigateway/openParts`), in order. */
  readonly openParts: { uri: string; definitions: string[] }[][] = [];
  /** What the server answered to `initialize`: its capabilities. */
  initializeResult: { capabilities: Record<string, unknown> } | undefined;

  /** What the client answers `workspace/configuration` with, for every item; changed by `configurationChanged`. */
  workspaceSettings: unknown;

  private constructor(readonly process: ChildProcess, workspaceSettings: unknown) {
    this.workspaceSettings = workspaceSettings;
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    const configuration = (params: { items: unknown[] }) => params.items.map(() => this.workspaceSettings);
    this.connection.onRequest('workspace/configuration', configuration);
    this.connection.onRequest('client/registerCapability', () => null);
    for (const method of ['workspace/semanticTokens/refresh', 'workspace/codeLens/refresh']) {
      this.connection.onRequest(method, () => {
        this.refreshes.push(method);
        return null;
      });
    }
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('apigateway/openParts', (params: { parts: { uri: string; definitions: string[] }[] }) => void this.openParts.push(params.parts));
    this.connection.listen();
    process.stderr!.on('data', (chunk) => this.stderr.push(String(chunk)));
  }

  static async start(workspaceSettings: unknown = {}, rootUri: string | null = null): Promise<TestLspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new TestLspClient(child, workspaceSettings);
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, semanticTokens: { refreshSupport: true }, codeLens: { refreshSupport: true } }, textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } } },
    });
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** New settings, which the server pulls when told they changed, as VS Code's client tells it. */
  configurationChanged(workspaceSettings: unknown): void {
    this.workspaceSettings = workspaceSettings;
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  open(uri: string, languageId: string, text: string): void {
    this.diagnostics.delete(uri);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: this.version++, text } });
  }

  change(uri: string, text: string): void {
    this.diagnostics.delete(uri);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: this.version++ }, contentChanges: [{ text }] });
  }

  /** Forgets what was published for a document, so that the next wait sees only newer diagnostics. */
  clearDiagnostics(uri: string): void {
    this.diagnostics.delete(uri);
  }

  async waitForDiagnostics(uri: string, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    while (!this.diagnostics.has(uri)) {
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.diagnostics.get(uri)!.diagnostics;
  }

  /** What was last published for a document once it passes `test`: a document may be published several times. */
  async waitForDiagnosticsWhere(uri: string, test: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const published = this.diagnostics.get(uri)?.diagnostics;
      if (published && test(published)) return published;
      if (Date.now() > deadline) throw new Error(`diagnostics for ${uri} never passed the test within ${timeoutMs} ms (last: ${JSON.stringify(published)}); server stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      void this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.process.kill();
  }
}
