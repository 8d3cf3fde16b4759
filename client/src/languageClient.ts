import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { OpenPartsParams } from '../../server/src/customRequests';

/** Sent by the server each time the open files that are parts of definitions change. */
const OPEN_PARTS_NOTIFICATION = 'apigateway/openParts';

type OpenPart = OpenPartsParams['parts'][number];

/**
 * Starts the language server over IPC for YAML and JSON files; the server itself decides which are API definitions,
 * and tells `onOpenParts` which open files are parts of them.
 */
export async function startLanguageClient(context: vscode.ExtensionContext, onOpenParts: (parts: OpenPart[]) => void): Promise<LanguageClient> {
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
  // Listened for before the start: the first check of an open definition may already name its open parts.
  client.onNotification(OPEN_PARTS_NOTIFICATION, (params: OpenPartsParams) => onOpenParts(params.parts));
  // A server that stopped told nothing of what ended meanwhile; the one started after it tells again what it finds.
  client.onDidChangeState((change) => {
    if (change.newState !== State.Running) onOpenParts([]);
  });
  await client.start();
  return client;
}
