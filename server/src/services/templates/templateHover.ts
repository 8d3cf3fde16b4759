/**
 * Hover inside mapping templates: the catalog entry of a `$input`/`$util`/`$context` member, and the payload schema
 * property under a JSONPath segment.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import { asString, getValue } from '../../model/navigate';
import type { TemplateMember } from '../../facts/templateVariableTypes';
import { templateAtOffset, type LocatedTemplate } from './locate';
import { resolveReference } from './memberLookup';
import { scanTemplate, type StringLiteral } from './templateScanner';
import { elementSchema, jsonPathSteps, payloadSchema, rawPropertySchema, schemaAtSteps, schemaTypeLabel } from './templateSchemas';

interface TemplateHover {
  markdown: string;
  start: number;
  end: number;
}

export function hoverInTemplate(document: ApiDocument, offset: number): Hover | undefined {
  const template = templateAtOffset(document, offset);
  if (!template) return undefined;
  const found = hoverAt(template.text, template.toTemplateOffset(offset), (expression) => schemaHover(document, template, expression));
  if (!found) return undefined;
  const positionOf = (at: number) => document.textDocument.positionAt(template.toDocumentOffset(at));
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: { start: positionOf(found.start), end: positionOf(found.end) } };
}

export function hoverInStandaloneTemplate(text: string, offset: number): Hover | undefined {
  const found = hoverAt(text, offset);
  if (!found) return undefined;
  const textDocument = TextDocument.create('untitled:template.vtl', 'vtl', 0, text);
  return {
    contents: { kind: MarkupKind.Markdown, value: found.markdown },
    range: { start: textDocument.positionAt(found.start), end: textDocument.positionAt(found.end) },
  };
}

type SchemaHover = (expression: string) => string | undefined;

function hoverAt(text: string, offset: number, schemaHover?: SchemaHover): TemplateHover | undefined {
  const scanned = scanTemplate(text);
  // Innermost first: a reference inside another's arguments wins.
  const references = scanned.references.filter((r) => offset >= r.start && offset < r.end).reverse();
  for (const reference of references) {
    const resolution = resolveReference(reference);
    if (!resolution) continue;
    if (offset >= reference.start && offset < reference.rootEnd) {
      return { markdown: memberMarkdown(resolution.root, [reference.root]), start: reference.start, end: reference.rootEnd };
    }
    for (const { segment, member, path } of resolution.resolved) {
      if (offset >= segment.start && offset < segment.start + segment.name.length) {
        return { markdown: memberMarkdown(member, path), start: segment.start, end: segment.start + segment.name.length };
      }
      const literal = segment.call?.args[0]?.literal;
      if (schemaHover && literal && path[0] === 'input' && (member.name === 'path' || member.name === 'json') && offset > literal.start && offset < literal.end - 1) {
        return jsonPathHover(literal, offset, schemaHover);
      }
    }
  }
  return undefined;
}

function memberMarkdown(member: TemplateMember, path: string[]): string {
  const name = `$${path.join('.')}`;
  const signature = member.kind === 'method' ? `${name}(${(member.params ?? []).map((p) => `${p.type} ${p.name}`).join(', ')}): ${member.returns ?? 'Object'}` : `${name}: ${member.returns ?? 'Object'}`;
  const notes = member.writable ? '\n\nWritable with `#set`.' : '';
  return `\`\`\`\n${signature}\n\`\`\`\n\n${member.doc}${notes}\n\n[Documentation](${member.docsUrl})`;
}

/** The hovered JSONPath segment: the expression up to the end of the segment under the cursor. */
function jsonPathHover(literal: StringLiteral, offset: number, schemaHover: SchemaHover): TemplateHover | undefined {
  const contentStart = literal.start + 1;
  const expression = literal.value;
  const at = offset - contentStart;
  let segmentStart = at;
  while (segmentStart > 0 && /[A-Za-z0-9_-]/.test(expression[segmentStart - 1])) segmentStart--;
  let segmentEnd = at;
  while (segmentEnd < expression.length && /[A-Za-z0-9_-]/.test(expression[segmentEnd])) segmentEnd++;
  if (segmentEnd === segmentStart) return undefined;
  const markdown = schemaHover(expression.slice(0, segmentEnd));
  return markdown ? { markdown, start: contentStart + segmentStart, end: contentStart + segmentEnd } : undefined;
}

function schemaHover(document: ApiDocument, template: LocatedTemplate, expression: string): string | undefined {
  const steps = jsonPathSteps(expression);
  const last = steps?.[steps.length - 1];
  if (!steps || last?.kind !== 'property') return undefined;
  const root = payloadSchema(document, template);
  const parent = schemaAtSteps(document, root, steps.slice(0, -1));
  const holder = elementSchema(document, parent) ?? parent;
  const schema = schemaAtSteps(document, root, steps);
  if (!schema) return undefined;
  const type = schemaTypeLabel(document, rawPropertySchema(holder, last.name) ?? schema);
  const description = asString(getValue(schema, 'description'));
  const where = template.kind === 'request' ? 'request body' : `response ${template.statusCode ?? ''}`.trim();
  return `\`\`\`\n${last.name}: ${type}\n\`\`\`${description ? `\n\n${description}` : ''}\n\n_From the ${where} schema._`;
}
