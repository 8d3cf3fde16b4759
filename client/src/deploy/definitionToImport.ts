import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** The language server's request for the document a deploy sends (server/src/importRequests.ts). */
export const DEFINITION_TO_IMPORT_REQUEST = 'apigateway/definitionToImport';

/** Mirrors the server's types, which the client bundle does not import. */
export interface DefinitionToImportParams {
  uri: string;
}

export type DefinitionToImportResult =
  /**
   * `text` absent: the definition references no other file and is sent as written. Otherwise `text` is the definition
   * made one document (JSON), `files` the URIs of the other files it was made of, and `moved` the models added for
   * schemas that contain themselves through other files. `findings`: what this definition finds in each of those
   * files, where the editor shows what every definition using them finds.
   */
  | { text?: string; files: string[]; moved: string[]; findings: FileFindings[] }
  | { error: string };

export interface FileFindings {
  uri: string;
  findings: { severity: 'error' | 'warning'; line: number; message: string }[];
}

/** What a deploy sends, as the server answered with the files as the editor names them. */
export interface ImportBody {
  /** Absent: the definition as written. */
  text?: string;
  /** The other files the body was made of. */
  files: vscode.Uri[];
  moved: string[];
  /** This definition's errors and warnings in each of `files`. */
  findings: { uri: vscode.Uri; findings: FileFindings['findings'] }[];
}

export type DefinitionToImport = ImportBody | { error: string };

/**
 * Asks the language server for the body to import; undefined when no server can answer for the document: none is
 * running yet (a deploy during startup), or the document is of a kind the client does not hand it, so the server
 * never saw it.
 */
export async function definitionToImport(client: LanguageClient | undefined, document: vscode.TextDocument): Promise<DefinitionToImport | undefined> {
  if (!client?.isRunning()) return undefined;
  const selector = client.clientOptions.documentSelector as vscode.DocumentSelector | undefined;
  if (selector && vscode.languages.match(selector, document) === 0) return undefined;
  const params: DefinitionToImportParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
  const answer = await client.sendRequest<DefinitionToImportResult>(DEFINITION_TO_IMPORT_REQUEST, params);
  if ('error' in answer) return answer;
  return {
    ...answer,
    files: answer.files.map((file) => client.protocol2CodeConverter.asUri(file)),
    findings: answer.findings.map((found) => ({ uri: client.protocol2CodeConverter.asUri(found.uri), findings: found.findings })),
  };
}
