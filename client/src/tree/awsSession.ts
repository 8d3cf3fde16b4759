import * as vscode from 'vscode';
import { createClients, describeConnection, resolveConnection, type CallLogEntry, type ConnectionSettings, type GatewayClients } from '../aws/connection';

export const SETTINGS_SECTION = 'apigateway.aws';

export function readSettings(): ConnectionSettings & { maxAttempts: number } {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    profile: config.get<string>('profile') ?? '',
    region: config.get<string>('region') ?? '',
    endpoint: config.get<string>('endpoint') ?? '',
    maxAttempts: config.get<number>('maxAttempts') ?? 3,
  };
}

/**
 * The clients for the current settings, rebuilt when an `apigateway.aws.*` setting changes, and the "API Gateway"
 * output channel every call is logged to.
 */
export class AwsSession implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('API Gateway');
  private clients: Promise<GatewayClients> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Why the last call could not reach the endpoint, until a call gets through; for the status bar. */
  private unreachableBecause: string | undefined;
  private readonly reachability = new vscode.EventEmitter<void>();
  readonly onDidChangeReachability = this.reachability.event;

  get unreachable(): string | undefined {
    return this.unreachableBecause;
  }
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) this.reset();
    });
  }

  /** Forgets the clients so the next call re-reads settings and credentials (e.g. after `aws sso login`). */
  reset(): void {
    const old = this.clients;
    this.clients = undefined;
    this.unreachableBecause = undefined;
    void old?.then((c) => {
      c.v1.destroy();
      c.v2.destroy();
    }, () => undefined);
    this.changed.fire();
  }

  getClients(): Promise<GatewayClients> {
    if (!this.clients) {
      const settings = readSettings();
      this.clients = resolveConnection(settings).then((connection) => {
        this.log(`connecting with ${describeConnection(connection)}`);
        return createClients(connection, { maxAttempts: settings.maxAttempts, onCall: (entry) => this.logCall(entry) });
      });
      this.clients.catch(() => (this.clients = undefined));
    }
    return this.clients;
  }

  log(message: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] ${message}`);
  }

  /** One line per call; `note` says how the call was sent when it is not the usual way (`not retried`). */
  logCall(entry: CallLogEntry, note?: string): void {
    const retries = entry.attempts && entry.attempts > 1 ? `, ${entry.attempts} attempts` : '';
    this.log(`${entry.service}.${entry.command} ${JSON.stringify(entry.input)} → ${entry.error ?? 'ok'} (${entry.ms} ms${retries}${note ? `, ${note}` : ''})`);
    // Only the way there counts: a refused permission or a missing API says nothing about the endpoint.
    const because = entry.unreachable ? entry.error : entry.error === undefined ? undefined : this.unreachableBecause;
    if (because !== this.unreachableBecause) {
      this.unreachableBecause = because;
      this.reachability.fire();
    }
  }

  dispose(): void {
    this.reset();
    this.subscription.dispose();
    this.changed.dispose();
    this.reachability.dispose();
    this.output.dispose();
  }
}
