import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isTemplateDocument, type LanguageService } from './languageService';
import type { RequestRoute } from './largeDocumentMessages';
import { unlessCancelled } from './requestCancellation';
import type { ApiDocument } from './model/apiDocument';
import type { PartPlace } from './services/partContext';
import type { TemplateKind } from './facts/templateVariableTypes';
import { standaloneTemplateKind } from './services/templates/templateValidation';
import { isTemplateOverLimit, templateOverLimitMessage } from './services/templates/largeTemplates';
import { defaultSample, evaluateStandaloneTemplate, evaluateTemplate, findTemplate, templateLabel, type TemplateEvaluation, type TemplateSample } from './services/templateEvaluation';

/** Requests beyond LSP that the extension's panels send; their shapes are mirrored in the client's panel messages. */
export const TEMPLATE_AT_REQUEST = 'apigateway/templateAt';
export const EVALUATE_TEMPLATE_REQUEST = 'apigateway/evaluateTemplate';

/**
 * Sent by the server: the open files that are no definition but part of one (a path item a definition's `$ref` names),
 * with the definitions whose last check read each, every time that changes.
 */
export const OPEN_PARTS_NOTIFICATION = 'apigateway/openParts';

export interface OpenPartsParams {
  parts: { uri: string; definitions: string[] }[];
}

export interface TemplateAtParams {
  uri: string;
  offset: number;
}

export interface TemplateAtResult {
  found: boolean;
  label?: string;
  kind?: string;
  /** Offset of the template's string node: a stable handle while the document is edited around it. */
  templateOffset?: number;
  /** 1-based line of the template's first character, for error links. */
  line?: number;
  defaultSample?: TemplateSample;
  message?: string;
}

export type EvaluateTemplateResult = TemplateEvaluation | { error: string };

export interface EvaluateTemplateParams {
  uri: string;
  offset: number;
  sample: TemplateSample;
  /** For standalone `.vtl` files. */
  kind?: TemplateKind;
}

export interface TemplateHandlerOptions {
  getDocument(uri: string): TextDocument | undefined;
  parse(document: TextDocument): ApiDocument;
  /** Where a file that holds part of a definition stands in the definition's bundle, whose templates it holds. */
  partPlace?(document: TextDocument): Promise<PartPlace | undefined>;
}

export interface TemplateHandlers {
  templateAt(params: TemplateAtParams): Promise<TemplateAtResult>;
  evaluateTemplate(params: EvaluateTemplateParams): Promise<EvaluateTemplateResult>;
}

/** The tree a document's templates are read in, and where the document's text starts in it. */
interface TemplateSource {
  parsed: ApiDocument;
  start: number;
}

/**
 * The handlers behind the evaluator's requests, free of the connection: the server's thread runs them, and so does the
 * thread that serves documents over the size limit (largeDocumentWorker.ts), on its own copy of the document. A file
 * that holds part of a definition (a path item in `paths/pets.yaml`) has its templates evaluated where the definition
 * puts them: their operation, its parameters and its responses are the definition's.
 */
export function createTemplateHandlers(options: TemplateHandlerOptions): TemplateHandlers {
  const sourceOf = async (document: TextDocument, parsed: ApiDocument): Promise<TemplateSource> => {
    const place = parsed.kind === 'unknown' ? await options.partPlace?.(document) : undefined;
    return place ? { parsed: place.bundle, start: place.start } : { parsed, start: 0 };
  };
  return {
    async templateAt(params) {
      const document = options.getDocument(params.uri);
      if (!document) return { found: false, message: 'The document is not open.' };
      if (isTemplateOverLimit(document)) return { found: false, message: templateOverLimitMessage(document) };
      if (isTemplateDocument(document)) return { found: true, label: 'mapping template', kind: standaloneTemplateKind(params.uri), templateOffset: 0, defaultSample: {} };
      const own = options.parse(document);
      if (!own.root) return { found: false, message: 'The document has syntax errors; fix them to evaluate its templates.' };
      const { parsed, start } = await sourceOf(document, own);
      const template = findTemplate(parsed, start + params.offset);
      if (!template) return { found: false, message: 'Place the cursor on a mapping template (a value under requestTemplates or responseTemplates).' };
      return {
        found: true,
        label: templateLabel(template),
        kind: template.kind,
        templateOffset: template.node.offset - start,
        line: document.positionAt(template.toDocumentOffset(0) - start).line + 1,
        defaultSample: defaultSample(parsed, template),
      };
    },

    async evaluateTemplate(params) {
      const document = options.getDocument(params.uri);
      if (!document) return { error: 'The document is not open.' };
      if (isTemplateOverLimit(document)) return { error: templateOverLimitMessage(document) };
      if (isTemplateDocument(document)) return evaluateStandaloneTemplate(document.getText(), params.kind ?? standaloneTemplateKind(params.uri), params.sample);
      const own = options.parse(document);
      if (!own.root) return { error: 'The document has syntax errors; fix them to evaluate its templates.' };
      const { parsed, start } = await sourceOf(document, own);
      const template = findTemplate(parsed, start + params.offset);
      if (!template) return { error: 'The template is no longer at this place in the document.' };
      const evaluation = evaluateTemplate(parsed, template, params.sample);
      for (const error of evaluation.errors) {
        if (error.offset !== undefined) {
          const position = document.positionAt(error.offset - start);
          error.line = position.line + 1;
          error.column = position.character + 1;
        }
      }
      return evaluation;
    },
  };
}

/** `route` runs a handler where its document is served: for a document over the size limit, in the thread that serves it. */
export function registerCustomRequests(connection: Connection, documents: TextDocuments<TextDocument>, service: Pick<LanguageService, 'parse' | 'partPlace'>, route: RequestRoute): void {
  const handlers = createTemplateHandlers({ getDocument: (uri) => documents.get(uri), parse: (document) => service.parse(document), partPlace: (document) => service.partPlace(document) });
  connection.onRequest<TemplateAtResult, unknown>(TEMPLATE_AT_REQUEST, (params: TemplateAtParams) => route('templateAt', params, () => handlers.templateAt(params)));
  connection.onRequest<EvaluateTemplateResult, unknown>(EVALUATE_TEMPLATE_REQUEST, (params: EvaluateTemplateParams, token) =>
    unlessCancelled(token, () => route('evaluateTemplate', params, () => handlers.evaluateTemplate(params))),
  );
}
