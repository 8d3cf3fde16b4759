import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from './languageService';
import { bundleDefinition } from './services/bundle';
import type { DocumentResolver, LanguageSettings } from './services/validationTypes';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

/** The document a deploy sends: the definition itself, or one made of it and the files its `$ref`s name. */
export const DEFINITION_TO_IMPORT_REQUEST = 'apigateway/definitionToImport';

export interface DefinitionToImportParams {
  uri: string;
}

/** Mirrored in the client's deploy (definitionToImport.ts). */
export type DefinitionToImportResult =
  /**
   * `text` absent: the definition references no other file and is sent as written. `findings`: what this definition
   * finds in each of `files`, which the editor shows merged with what other definitions using them find there.
   */
  | { text?: string; files: string[]; moved: string[]; findings: FileFindings[] }
  | { error: string };

export interface FileFindings {
  uri: string;
  findings: { severity: 'error' | 'warning'; line: number; message: string }[];
}

export function createImportHandler(documents: { get(uri: string): TextDocument | undefined }, service: Pick<LanguageService, 'parse' | 'doValidationByFile'>, resolver: DocumentResolver, settings: () => LanguageSettings) {
  return async (params: DefinitionToImportParams): Promise<DefinitionToImportResult> => {
    const document = documents.get(params.uri);
    if (!document) return { error: 'The document is not open.' };
    const bundle = await bundleDefinition(service.parse(document), resolver);
    if (!bundle) return { files: [], moved: [], findings: [] };
    if ('problem' in bundle) return { error: `The definition cannot be made one document for API Gateway, which reads no other file: ${bundle.problem}.` };
    const { elsewhere } = await service.doValidationByFile(document, settings());
    const findings = elsewhere.filter((found) => bundle.files.includes(found.uri)).map(({ uri, diagnostics }) => ({ uri, findings: diagnostics.flatMap(gateFinding) }));
    // Indented, a key per line: the deploy reads the kind of API from the text it sends, line by line.
    return { text: `${JSON.stringify(bundle.value, null, 2)}\n`, files: bundle.files, moved: bundle.moved, findings };
  };
}

/** Errors and warnings, which the deploy weighs; information and hints it does not. */
function gateFinding(diagnostic: Diagnostic): FileFindings['findings'] {
  const severity = diagnostic.severity === DiagnosticSeverity.Error ? 'error' : diagnostic.severity === DiagnosticSeverity.Warning ? 'warning' : undefined;
  return severity ? [{ severity, line: diagnostic.range.start.line, message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value }] : [];
}

export function registerImportRequests(connection: Connection, documents: TextDocuments<TextDocument>, service: Pick<LanguageService, 'parse' | 'doValidationByFile'>, resolver: DocumentResolver, settings: () => LanguageSettings): void {
  const handler = createImportHandler(documents, service, resolver, settings);
  connection.onRequest<DefinitionToImportResult, unknown>(DEFINITION_TO_IMPORT_REQUEST, (params: DefinitionToImportParams) => handler(params));
}
