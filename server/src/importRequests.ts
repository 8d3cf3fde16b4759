import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from './languageService';
import { bundleDefinition } from './services/bundle';
import type { DocumentResolver } from './services/validationTypes';

/** The document a deploy sends: the definition itself, or one made of it and the files its `$ref`s name. */
export const DEFINITION_TO_IMPORT_REQUEST = 'apigateway/definitionToImport';

export interface DefinitionToImportParams {
  uri: string;
}

/** Mirrored in the client's deploy (definitionToImport.ts). */
export type DefinitionToImportResult =
  /** `text` absent: the definition references no other file and is sent as written. */
  | { text?: string; files: string[]; moved: string[] }
  | { error: string };

export function createImportHandler(documents: { get(uri: string): TextDocument | undefined }, service: Pick<LanguageService, 'parse'>, resolver: DocumentResolver) {
  return async (params: DefinitionToImportParams): Promise<DefinitionToImportResult> => {
    const document = documents.get(params.uri);
    if (!document) return { error: 'The document is not open.' };
    const bundle = await bundleDefinition(service.parse(document), resolver);
    if (!bundle) return { files: [], moved: [] };
    if ('problem' in bundle) return { error: `The definition cannot be made one document for API Gateway, which reads no other file: ${bundle.problem}.` };
    // Indented, a key per line: the deploy reads the kind of API from the text it sends, line by line.
    return { text: `${JSON.stringify(bundle.value, null, 2)}\n`, files: bundle.files, moved: bundle.moved };
  };
}

export function registerImportRequests(connection: Connection, documents: TextDocuments<TextDocument>, service: Pick<LanguageService, 'parse'>, resolver: DocumentResolver): void {
  const handler = createImportHandler(documents, service, resolver);
  connection.onRequest<DefinitionToImportResult, unknown>(DEFINITION_TO_IMPORT_REQUEST, (params: DefinitionToImportParams) => handler(params));
}
