/**
 * Diagnostics for mapping templates: those embedded in an API definition (reported at the exact position inside the
 * YAML or JSON string) and standalone `.vtl` files.
 */
import type { TemplateKind } from '../../facts/templateVariableTypes';
import type { Problem, Rule, ValidationContext } from '../validationTypes';
import { pause } from '../rules/eventLoop';
import { locateTemplates, type LocatedTemplate } from './locate';
import { checkTemplateText, WHOLE_TEMPLATE, type TemplateReport } from './templateChecks';
import { keyOf } from '../../model/property';
import { lineStartOffset } from '../../model/textPositions';

const PROXY_TYPES = new Set(['aws_proxy', 'http_proxy']);

export const templateRule: Rule = async (context) => {
  const templates = locateTemplates(context.document);
  for (let i = 0; i < templates.length; i++) {
    if ((i & 63) === 63 && (await pause(context))) return;
    checkLocatedTemplate(context, templates[i]);
  }
};

function checkLocatedTemplate(context: ValidationContext, template: LocatedTemplate): void {
  const integrationType = template.integration?.type;
  if (integrationType && PROXY_TYPES.has(integrationType)) {
    // In a REST API the whole `responses` of a proxy integration is already marked ignored, at its key.
    if (template.kind === 'response' && context.dialect === 'rest') return;
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
  const producesJson = /json/i.test(template.mimeType);
  const findings = context.caches.templates.get(context.document.text, template.node, [template.kind, producesJson, integrationType], () => relativeFindings(template, producesJson, integrationType));
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
    return `${before} line ${context.document.textDocument.positionAt(offset).line + 1}`;
  });
}

/** How the template engine's messages name a line: "opened at line 3", "runs on to line 4". */
const TEMPLATE_LINE = /\b(at|to) line (\d+)\b/g;


/** A finding with offsets relative to the scalar's content start, or about the template as a whole. */
export interface TemplateFinding {
  /** Undefined for problems about the whole template (reported on its MIME type key). */
  start?: number;
  end?: number;
  code: string;
  message: string;
  extra?: Partial<Problem>;
}

function relativeFindings(template: LocatedTemplate, producesJson: boolean, integrationType: string | undefined): TemplateFinding[] {
  const findings: TemplateFinding[] = [];
  const base = template.node.contentOffset;
  const report: TemplateReport = (start, end, code, message, extra) => {
    if (start === WHOLE_TEMPLATE) {
      findings.push({ code, message, extra });
      return;
    }
    const range = template.toDocumentRange(start, end);
    findings.push({ start: range.offset - base, end: range.end - base, code, message, extra });
  };
  checkTemplateText({ text: template.text, kind: template.kind, producesJson, integrationType }, report);
  return findings;
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
