import { LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isTemplateDocument, type LanguageService } from './languageService';
import type { RequestRoute } from './largeDocumentMessages';
import { unlessCancelled } from './requestCancellation';
import type { ApiDocument } from './model/apiDocument';
import { uriFileName } from './model/refUri';
import type { PartPlace } from './services/partContext';
import type { TemplateKind } from './facts/templateVariableTypes';
import { standaloneTemplateKind } from './services/templates/templateValidation';
import { isTemplateOverLimit, templateOverLimitMessage } from './services/templates/largeTemplates';
import { defaultSample, evaluationJob, findTemplate, placeEvaluation, runEvaluation, standaloneJob, templateLabel, type EvaluationJob, type TemplateEvaluation, type TemplateSample } from './services/templateEvaluation';
import { evaluateApart, type RunCancellation, type ThreadAnswer } from './services/templates/evaluationThread';

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
  /** For a file several definitions use: the one its templates are read in; the first that uses it otherwise. */
  definition?: string;
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
  /** For a file several definitions use: the one its templates are evaluated in; the first that uses it otherwise. */
  definition?: string;
}

export interface TemplateHandlerOptions {
  getDocument(uri: string): TextDocument | undefined;
  parse(document: TextDocument): ApiDocument;
  /**
   * Where a file that holds part of a definition stands in the bundle of the definition named, or of the first that
   * uses it: the bundle holds its templates.
   */
  partPlace?(document: TextDocument, definition?: string): Promise<PartPlace | undefined>;
  /** Runs an evaluation where it can be stopped (evaluationThread.ts); without it, in this thread. */
  evaluate?(job: EvaluationJob, token?: RunCancellation): Promise<ThreadAnswer>;
}

export interface TemplateHandlers {
  templateAt(params: TemplateAtParams): Promise<TemplateAtResult>;
  evaluateTemplate(params: EvaluateTemplateParams, token?: RunCancellation): Promise<EvaluateTemplateResult>;
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
  const run = async (job: EvaluationJob, token: RunCancellation | undefined): Promise<EvaluateTemplateResult> => {
    if (!options.evaluate) return runEvaluation(job);
    const answer = await options.evaluate(job, token);
    // Nothing waits for a cancelled run's answer: the editor dropped the request.
    return 'cancelled' in answer ? { error: 'The evaluation was cancelled.' } : 'error' in answer ? answer : answer.evaluation;
  };
  const sourceOf = async (document: TextDocument, parsed: ApiDocument, definition: string | undefined): Promise<TemplateSource | { problem: string }> => {
    if (parsed.kind !== 'unknown' || !options.partPlace) return { parsed, start: 0 };
    const place = await options.partPlace(document, definition);
    if (place) return { parsed: place.bundle, start: place.start };
    // Read alone, the file would be evaluated in no API's operation, or in another API's than the one chosen.
    return definition === undefined ? { parsed, start: 0 } : { problem: noLongerUses(definition, document.uri) };
  };
  return {
    async templateAt(params) {
      const document = options.getDocument(params.uri);
      if (!document) return { found: false, message: 'The document is not open.' };
      if (isTemplateOverLimit(document)) return { found: false, message: templateOverLimitMessage(document) };
      if (isTemplateDocument(document)) return { found: true, label: 'mapping template', kind: standaloneTemplateKind(params.uri), templateOffset: 0, defaultSample: {} };
      const own = options.parse(document);
      if (!own.root) return { found: false, message: 'The document has syntax errors; fix them to evaluate its templates.' };
      const source = await sourceOf(document, own, params.definition);
      if ('problem' in source) return { found: false, message: source.problem };
      const { parsed, start } = source;
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

    async evaluateTemplate(params, token) {
      const document = options.getDocument(params.uri);
      if (!document) return { error: 'The document is not open.' };
      if (isTemplateOverLimit(document)) return { error: templateOverLimitMessage(document) };
      if (isTemplateDocument(document)) return run(standaloneJob(document.getText(), params.kind ?? standaloneTemplateKind(params.uri), params.sample), token);
      const own = options.parse(document);
      if (!own.root) return { error: 'The document has syntax errors; fix them to evaluate its templates.' };
      const source = await sourceOf(document, own, params.definition);
      if ('problem' in source) return { error: source.problem };
      const { parsed, start } = source;
      const template = findTemplate(parsed, start + params.offset);
      if (!template) return { error: 'The template is no longer at this place in the document.' };
      // The editor's document changes in place while the run goes on: lines are counted in the text that was run.
      const text = TextDocument.create(document.uri, document.languageId, document.version, own.text);
      const answer = await run(evaluationJob(template, params.sample), token);
      if ('error' in answer) return answer;
      const evaluation = placeEvaluation(answer, template);
      for (const error of evaluation.errors) {
        if (error.offset !== undefined) {
          const position = text.positionAt(error.offset - start);
          error.line = position.line + 1;
          error.column = position.character + 1;
        }
      }
      return evaluation;
    },
  };
}

function noLongerUses(definition: string, part: string): string {
  return `${uriFileName(definition)} no longer uses ${uriFileName(part)}, or cannot be read now: it may have syntax errors or have moved.`;
}

/** `route` runs a handler where its document is served: for a document over the size limit, in the thread that serves it. */
export function registerCustomRequests(connection: Connection, documents: TextDocuments<TextDocument>, service: Pick<LanguageService, 'parse' | 'partPlace'>, route: RequestRoute): void {
  const handlers = createTemplateHandlers({ getDocument: (uri) => documents.get(uri), parse: (document) => service.parse(document), partPlace: (document, definition) => service.partPlace(document, definition), evaluate: evaluateApart });
  connection.onRequest<TemplateAtResult, unknown>(TEMPLATE_AT_REQUEST, (params: TemplateAtParams) => route('templateAt', params, () => handlers.templateAt(params)));
  connection.onRequest<EvaluateTemplateResult, unknown>(EVALUATE_TEMPLATE_REQUEST, (params: EvaluateTemplateParams, token) =>
    unlessCancelled(token, async () => {
      const answer = await route('evaluateTemplate', params, () => handlers.evaluateTemplate(params, token), undefined, token);
      // Cancelled while it ran, the run was stopped (or its answer is one nothing waits for): said as LSP says it.
      return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'The evaluation was cancelled.') : answer;
    }),
  );
}
