import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Starts the language server over IPC for YAML and JSON files; the server itself decides which are API definitions. */
export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('dist', 'server', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'file', language: 'vtl' },
      { scheme: 'untitled', language: 'vtl' },
    ],
    synchronize: {
      configurationSection: 'apigateway',
      // Referenced files that are not open still change on disk; the server re-validates the documents using them.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,vtl}'),
    },
    outputChannelName: 'API Gateway Language Server',
  };
  const client = new LanguageClient('apigateway', 'API Gateway Language Server', serverOptions, clientOptions);
  await client.start();
  return client;
}
