/**
 * Diagnostics for mapping templates: those embedded in an API definition (reported at the exact position inside the
 * YAML or JSON string) and standalone `.vtl` files.
 */
import { lineInFile } from '../../model/fileLines';
import type { TemplateKind } from '../../facts/templateVariableTypes';
import type { Problem, Rule, ValidationContext } from '../validationTypes';
import { pause } from '../rules/eventLoop';
import { locateTemplates, type LocatedTemplate } from './locate';
import { checkTemplateText, type TemplateFacts } from './templateChecks';
import { TemplateContentCache, type Variant } from './templateContentCache';
import { checkInWorker, startTemplateWorker, templateWorkerToStart } from './templateCheckThread';
import type { TemplateCheckJob } from './templateCheckMessages';
import { relativeFindings, textFindings, type TemplateFinding } from './templateFindings';
import type { ApiDocument } from '../../model/apiDocument';
import type { ValidationCaches } from '../validationCaches';
import { availableParallelism, cpus } from 'node:os';
import { keyOf } from '../../model/property';
import { lineStartOffset } from '../../model/textPositions';

const PROXY_TYPES = new Set(['aws_proxy', 'http_proxy']);

export const templateRule: Rule = async (context) => {
  const templates = templatesOf(context.document);
  // The decoded templates of a large definition weigh megabytes; the document outlives this validation.
  located.delete(context.document);
  const ahead = checkedAhead.get(context.document);
  if (ahead) await ahead;
  // The worker's answers by template, for the templates it was given; the others are found in the cache.
  const answers = workerAnswers.get(context.document);
  workerAnswers.delete(context.document);
  const answered = answers?.results && answers.templates === templates ? answers : undefined;
  for (let i = 0; i < templates.length; i++) {
    if ((i & 63) === 63 && (await pause(context))) return;
    const job = answered ? answered.jobOf[i] : -1;
    checkLocatedTemplate(context, templates[i], job >= 0 ? answered!.results![job] : undefined);
  }
};

/** A validation's templates, found once for the checks started ahead and the rule, which forgets them. */
const located = new WeakMap<ApiDocument, LocatedTemplate[]>();

function templatesOf(document: ApiDocument): LocatedTemplate[] {
  let templates = located.get(document);
  if (!templates) {
    templates = locateTemplates(document);
    located.set(document, templates);
  }
  return templates;
}

/** Settled once the worker's findings are in the cache, or it failed and the rule checks in this thread. */
const checkedAhead = new WeakMap<ApiDocument, Promise<void>>();

/** What the worker answered for a validation, by template; the rule takes it, as it takes the templates. */
interface WorkerAnswers {
  /** The templates as located for the validation, and for each the index of the job checking its text (or -1). */
  templates: LocatedTemplate[];
  jobOf: Int32Array;
  /** Each job's findings, once the worker answered. */
  results?: TemplateFinding[][];
}

const workerAnswers = new WeakMap<ApiDocument, WorkerAnswers>();

/** Fewer templates to check than this are checked in the validation's own thread: the worker would save little. */
const MIN_TEMPLATES_AHEAD = 50;

/**
 * Starts the checks of the document's templates that the cache does not hold in a worker thread, when there are many
 * and a second processor to run them on. Their findings go into the cache, where a later version finds them even if
 * this validation was cancelled meanwhile, and to the rule by template, which spares it looking each one up again.
 */
export function startTemplateChecks(document: ApiDocument, caches: ValidationCaches): void {
  if (checkedAhead.has(document) || processors() < 2) return;
  const source = document.text;
  const templates = templatesOf(document);
  const jobOf = new Int32Array(templates.length).fill(-1);
  const batch = new TemplateContentCache<number>(false);
  const firsts: LocatedTemplate[] = [];
  const jobs: TemplateCheckJob[] = [];
  for (let i = 0; i < templates.length; i++) {
    const template = templates[i];
    if (!isChecked(template)) continue;
    // The facts themselves are made only for the templates sent: most are copies of one another.
    const variant = variantOf(template.kind, producesJson(template), template.integration?.type);
    if (caches.templates.peek(source, template.node, variant)) continue;
    jobOf[i] = batch.get(source, template.node, variant, () => {
      firsts.push(template);
      const node = template.node;
      jobs.push({ facts: checkedFacts(template)!, scalar: { raw: source.slice(node.contentOffset, node.contentEnd), style: node.style, blockIndent: node.blockIndent } });
      return jobs.length - 1;
    });
  }
  if (jobs.length < MIN_TEMPLATES_AHEAD) return;
  const answers: WorkerAnswers = { templates, jobOf };
  workerAnswers.set(document, answers);
  const done = checkInWorker(jobs).then((results) => {
    if (!results) return;
    for (let i = 0; i < firsts.length; i++) caches.templates.get(source, firsts[i].node, variantOfFacts(jobs[i].facts), () => results[i]);
    answers.results = results;
  });
  checkedAhead.set(document, done.catch(() => undefined));
}

/**
 * Starts the worker thread before a definition with many templates is parsed, when its text names at least as many
 * template maps as the worker is used for: starting a thread and loading its checks takes about as long as a cold
 * parse of a large definition, and would otherwise come after it, holding up the end of a first validation (the
 * command line's only one). Counting stops at that number, so a large text costs a few searches.
 */
export function startTemplateChecksAhead(text: string): void {
  if (templateWorkerToStart() && namesManyTemplates(text) && processors() >= 2) startTemplateWorker();
}

/** Whether `text` holds at least as many `…Templates` keys as the worker is used for. */
export function namesManyTemplates(text: string): boolean {
  if (text.length < MIN_AHEAD_TEXT) return false;
  let at = 0;
  for (let found = 0; found < MIN_TEMPLATES_AHEAD; found++) {
    at = text.indexOf('Templates', at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** The shortest text that can hold the template maps the worker is started for: a key and a template per line. */
const MIN_AHEAD_TEXT = MIN_TEMPLATES_AHEAD * 40;

/**
 * What a template's findings depend on besides its text: the cache's variant. There are few of them, each made once
 * rather than for each of the thousands of templates of a large definition.
 */
function variantOf(kind: TemplateKind, json: boolean, integrationType: string | undefined): Variant {
  const byType = variants[kind][json ? 1 : 0];
  let variant = byType.get(integrationType);
  if (variant === undefined) {
    variant = [kind, json, integrationType];
    if (byType.size < MAX_VARIANTS) byType.set(integrationType, variant);
  }
  return variant;
}

function variantOfFacts(facts: TemplateFacts): Variant {
  return variantOf(facts.kind, facts.producesJson, facts.integrationType);
}

/** By kind, by whether the template produces JSON, by integration type. */
const variants: Record<TemplateKind, Map<string | undefined, Variant>[]> = {
  request: [new Map(), new Map()],
  response: [new Map(), new Map()],
  gatewayResponse: [new Map(), new Map()],
};

/** Integration types are the user's text: a bound on those kept. */
const MAX_VARIANTS = 32;

function processors(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/** What the checks of a template's text need to know; undefined for templates the rule does not check. */
export function checkedFacts(template: LocatedTemplate): TemplateFacts | undefined {
  if (!isChecked(template)) return undefined;
  return { text: template.text, kind: template.kind, producesJson: producesJson(template), integrationType: template.integration?.type };
}

/** Whether the rule checks the template's text: proxy integrations ignore their templates. */
function isChecked(template: LocatedTemplate): boolean {
  const integrationType = template.integration?.type;
  return !(integrationType && PROXY_TYPES.has(integrationType));
}

function producesJson(template: LocatedTemplate): boolean {
  return /json/i.test(template.mimeType);
}

/** `answered`: the template's findings from the worker, when it checked this template's text. */
function checkLocatedTemplate(context: ValidationContext, template: LocatedTemplate, answered: TemplateFinding[] | undefined): void {
  const integrationType = template.integration?.type;
  if (integrationType && PROXY_TYPES.has(integrationType)) {
    // In a REST API the whole `responses` of a proxy integration is already marked ignored, at its key; in an HTTP API
    // `requestTemplates` is, by the dialect check.
    if (template.kind === 'response' && context.dialect === 'rest') return;
    if (template.kind === 'request' && context.dialect === 'http') return;
    const what = template.kind === 'request' ? 'request templates' : 'integration responses and their templates';
    const passes = template.kind === 'request' ? 'the backend receives the request as it is' : "the client receives the backend's response as it is";
    context.report({ offset: template.property.offset, end: template.node.end }, 'template-ignored-on-proxy',
      `API Gateway ignores ${what} on ${integrationType.toUpperCase()} integrations; ${passes}.`,
      { unnecessary: true });
    return;
  }
  if (template.kind === 'response' && template.integration?.responseTransferMode?.toUpperCase() === 'STREAM') {
    context.report(keyOf(template.property), 'template-with-streaming',
      'A streaming integration (responseTransferMode: STREAM) cannot transform its response; remove the response template or use BUFFERED.');
  }
  const findings = answered ?? cachedFindings(context, template);
  const base = template.node.contentOffset;
  for (let i = 0; i < findings.length; i++) {
    const { start, end, code, message, extra } = findings[i];
    const range = start === undefined ? keyOf(template.property) : { offset: base + start, end: base + end! };
    context.report(range, code, code === 'template-syntax' ? withDocumentLines(context, template, message) : message, extra);
  }
}

/**
 * Syntax messages name lines of the template (`#if( opened at line 3`); inside a definition the reader sees the file's
 * lines, so they are renamed here. The cached findings keep the template's own numbers, since the same template text
 * serves every place it stands.
 */
function withDocumentLines(context: ValidationContext, template: LocatedTemplate, message: string): string {
  if (!message.includes(' line ')) return message;
  return message.replace(TEMPLATE_LINE, (whole, before: string, line: string) => {
    const start = lineStartOffset(template.text, Number(line));
    if (start === undefined) return whole;
    const offset = template.toDocumentRange(start, start).offset;
    return `${before} line ${lineInFile(context.document, offset) + 1}`;
  });
}

/** How the template engine's messages name a line: "opened at line 3", "runs on to line 4". */
const TEMPLATE_LINE = /\b(at|to) line (\d+)\b/g;

/** A syntax finding's message (see `withDocumentLines`) after an edit above its template added `lines` lines. */
export function withLinesMoved(message: string, lines: number): string {
  return message.replace(TEMPLATE_LINE, (_, before: string, line: string) => `${before} line ${Number(line) + lines}`);
}

function cachedFindings(context: ValidationContext, template: LocatedTemplate): TemplateFinding[] {
  const facts = checkedFacts(template)!;
  return context.caches.templates.get(context.document.text, template.node, variantOfFacts(facts), () => checkedFindings(template, facts));
}

function checkedFindings(template: LocatedTemplate, facts: TemplateFacts): TemplateFinding[] {
  const found = textFindings(facts);
  return found.length ? relativeFindings(found, template.toDocumentRange, template.node.contentOffset) : [];
}

/** Diagnostics for a template file; its name decides the kind (`*response*` files are response templates). */
export function validateStandaloneTemplate(text: string, fileName = ''): Problem[] {
  const problems: Problem[] = [];
  checkTemplateText({ text, kind: standaloneTemplateKind(fileName), producesJson: !/\.(xml|html|txt)\.vtl$/i.test(fileName) }, (start, end, code, message, extra) =>
    problems.push({ offset: Math.max(0, start), end: Math.max(0, end), code, message, ...extra }),
  );
  return problems;
}

export function standaloneTemplateKind(fileName: string): TemplateKind {
  const base = fileName.replace(/^.*[\\/]/, '');
  if (/gateway[-_.]?response/i.test(base)) return 'gatewayResponse';
  if (/response/i.test(base)) return 'response';
  return 'request';
}
