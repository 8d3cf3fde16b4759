/**
 * Hover inside mapping templates: the catalog entry of a `$input`/`$util`/`$context` member, the payload schema
 * property under a JSONPath segment or a member of a variable holding the payload, and the Java method called on such a
 * variable.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import { asString, getValue } from '../../model/navigate';
import type { TemplateMember } from '../../facts/templateVariableTypes';
import { templateAtOffset, type LocatedTemplate } from './locate';
import { resolveReference, type ReferenceResolution } from './memberLookup';
import { scanTemplate, type StringLiteral, type TemplateReference } from './templateScanner';
import { elementSchema, jsonPathSteps, payloadFacts, payloadSchema, rawPropertySchema, schemaAtSteps, schemaTypeLabel } from './templateSchemas';
import { JAVA_VALUE_METHODS, JAVA_VALUE_TYPES, javaMethodSignature } from './javaValueMethods';
import { factsOf, TemplateBindings, type PayloadLookup } from './variableValues';

interface TemplateHover {
  markdown: string;
  start: number;
  end: number;
}

export function hoverInTemplate(document: ApiDocument, offset: number): Hover | undefined {
  const template = templateAtOffset(document, offset);
  if (!template) return undefined;
  const found = hoverAt(template.text, template.toTemplateOffset(offset), {
    jsonPath: (expression) => schemaHover(document, template, expression),
    payload: (steps) => payloadFacts(document, template, steps),
    source: schemaSource(template),
  }, template.kind !== 'gatewayResponse');
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

/** What the template's payload schema says, where one is known. */
interface PayloadSchema {
  jsonPath: SchemaHover;
  payload: PayloadLookup;
  /** Which schema it is, in words: `request body`, `response 201`. */
  source: string;
}

function hoverAt(text: string, offset: number, schema?: PayloadSchema, followValues = true): TemplateHover | undefined {
  const scanned = scanTemplate(text);
  // Innermost first: a reference inside another's arguments wins.
  const references = scanned.references.filter((r) => offset >= r.start && offset < r.end).reverse();
  let bindings: TemplateBindings | undefined;
  for (const reference of references) {
    const resolution = resolveReference(reference);
    const found = resolution && catalogHover(reference, resolution, offset, schema);
    if (found) return found;
    if (!followValues) continue;
    // Past the catalog, `$input.path('$.pet').name` and `$pet.name` are members of the payload.
    bindings ??= TemplateBindings.of(text, scanned);
    const member = valueMemberHover(reference, offset, bindings, schema);
    if (member) return member;
  }
  return undefined;
}

function catalogHover(reference: TemplateReference, resolution: ReferenceResolution, offset: number, schema: PayloadSchema | undefined): TemplateHover | undefined {
  if (offset >= reference.start && offset < reference.rootEnd) {
    return { markdown: memberMarkdown(resolution.root, [reference.root]), start: reference.start, end: reference.rootEnd };
  }
  for (const { segment, member, path } of resolution.resolved) {
    if (offset >= segment.start && offset < segment.start + segment.name.length) {
      return { markdown: memberMarkdown(member, path), start: segment.start, end: segment.start + segment.name.length };
    }
    const literal = segment.call?.args[0]?.literal;
    if (schema && literal && path[0] === 'input' && (member.name === 'path' || member.name === 'json') && offset > literal.start && offset < literal.end - 1) {
      return jsonPathHover(literal, offset, schema.jsonPath);
    }
  }
  return undefined;
}

/** The payload property or Java method named by the segment under the cursor, from what its receiver holds. */
function valueMemberHover(reference: TemplateReference, offset: number, bindings: TemplateBindings, schema: PayloadSchema | undefined): TemplateHover | undefined {
  const at = reference.segments.findIndex((s) => !s.bracket && offset >= s.start && offset < s.start + s.name.length);
  if (at < 0) return undefined;
  const segment = reference.segments[at];
  const facts = factsOf(bindings.valueOf(reference, at), schema?.payload);
  if (!facts?.shape) return undefined;
  const range = { start: segment.start, end: segment.start + segment.name.length };
  if (segment.call) {
    const method = JAVA_VALUE_METHODS[facts.shape].find((m) => m.name === segment.name);
    return method && { markdown: `\`\`\`\n${JAVA_VALUE_TYPES[facts.shape]}.${javaMethodSignature(method)}\n\`\`\`\n\n${method.doc}`, ...range };
  }
  const property = facts.properties.find((p) => p.name === segment.name);
  return property && schema && { markdown: propertyMarkdown(property.name, property.type, property.description, schema.source), ...range };
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
  return propertyMarkdown(last.name, type, asString(getValue(schema, 'description')), schemaSource(template));
}

function schemaSource(template: LocatedTemplate): string {
  return template.kind === 'request' ? 'request body' : `response ${template.statusCode ?? ''}`.trim();
}

function propertyMarkdown(name: string, type: string, description: string | undefined, source: string): string {
  return `\`\`\`\n${name}: ${type}\n\`\`\`${description ? `\n\n${description}` : ''}\n\n_From the ${source} schema._`;
}
