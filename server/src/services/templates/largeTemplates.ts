/**
 * What the editing features do with a mapping template file over `MAX_TEMPLATE_FILE_SIZE`. API Gateway accepts
 * templates of at most 300 KB, which validation reports; colouring, folding, hover and the rest read the whole text on
 * every request, and a file of tens of megabytes held up the server, and every other document with it, for seconds on
 * end. Above the limit the file gets one diagnostic saying so and the per-document features answer nothing, as code
 * lenses, colours and folding do for a definition over `apigateway.validation.maxFileSizeMB`.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../../languageService';
import { isTemplateDocument } from '../../model/templateDocument';
import { sizeText, type OnceNotes } from '../largeDocuments';
import { RenameError } from '../renameError';
import type { Problem } from '../validationTypes';
import { MAX_TEMPLATE_BYTES } from './templateChecks';

/**
 * Over three times what API Gateway accepts, so that a template being cut down to size keeps its colours and help
 * meanwhile (a file this size takes a fifth of a second to colour); the smallest `maxFileSizeMB` allows.
 */
export const MAX_TEMPLATE_FILE_SIZE = 1024 * 1024;

export function isTemplateOverLimit(document: TextDocument): boolean {
  return isTemplateDocument(document) && document.getText().length > MAX_TEMPLATE_FILE_SIZE;
}

/** Why a template file gets nothing but this; shared by the diagnostic, the log and the evaluator's refusal. */
export function templateOverLimitMessage(document: TextDocument): string {
  return (
    `This template file is ${sizeText(document.getText().length)}; API Gateway accepts mapping templates up to ${sizeText(MAX_TEMPLATE_BYTES)}. ` +
    `Over ${sizeText(MAX_TEMPLATE_FILE_SIZE)} it is not checked further, and colours, folding, hover, completion and evaluation are off for it.`
  );
}

/** The one problem reported for a template file over the limit, under the code of the 300 KB check it extends. */
export function templateOverLimitProblem(document: TextDocument): Problem {
  return { offset: 0, end: 0, code: 'template-too-large', message: templateOverLimitMessage(document) };
}

/** The service with every per-document feature answering nothing for a template file over the limit. */
export function leavingOutLargeTemplates(service: LanguageService, notes: OnceNotes): LanguageService {
  const over = (document: TextDocument): boolean => {
    if (!isTemplateOverLimit(document)) return false;
    const name = decodeURIComponent(document.uri.split('/').pop() ?? document.uri);
    notes.note(document.uri, 'template-size', `${name}: ${templateOverLimitMessage(document)}`);
    return true;
  };
  const refuseRename = (document: TextDocument): never => {
    throw new RenameError(templateOverLimitMessage(document));
  };
  return {
    ...service,
    doComplete: (document, ...rest) => (over(document) ? { isIncomplete: false, items: [] } : service.doComplete(document, ...rest)),
    doHover: (document, ...rest) => (over(document) ? null : service.doHover(document, ...rest)),
    doSignatureHelp: async (document, ...rest) => (over(document) ? null : service.doSignatureHelp(document, ...rest)),
    findDocumentHighlights: async (document, ...rest) => (over(document) ? null : service.findDocumentHighlights(document, ...rest)),
    findDefinition: async (document, ...rest) => (over(document) ? [] : service.findDefinition(document, ...rest)),
    findReferences: async (document, ...rest) => (over(document) ? [] : service.findReferences(document, ...rest)),
    prepareRename: async (document, ...rest) => (over(document) ? refuseRename(document) : service.prepareRename(document, ...rest)),
    rename: async (document, ...rest) => (over(document) ? refuseRename(document) : service.rename(document, ...rest)),
    findDocumentSymbols: async (document, ...rest) => (over(document) ? [] : service.findDocumentSymbols(document, ...rest)),
    getCodeActions: (document, ...rest) => (over(document) ? [] : service.getCodeActions(document, ...rest)),
    getFixAll: async (document, ...rest) => (over(document) ? [] : service.getFixAll(document, ...rest)),
    getCodeLenses: async (document, ...rest) => (over(document) ? [] : service.getCodeLenses(document, ...rest)),
    getSemanticTokens: async (document, ...rest) => (over(document) ? { data: [] } : service.getSemanticTokens(document, ...rest)),
    // No answer leaves the file to the editor's own indentation folding.
    getFoldingRanges: async (document, ...rest) => (over(document) ? null : service.getFoldingRanges(document, ...rest)),
  };
}
