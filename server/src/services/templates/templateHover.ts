/**
 * Hover inside mapping templates: the catalog entry of a `$input`/`$util`/`$context` member, the payload schema
 * property under a JSONPath segment or a member of a variable holding the payload, the Java method called on such a
 * variable, the template's own variables, `$foreach` and the directives.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import { asString, getValue } from '../../model/navigate';
import type { TemplateMember } from '../../facts/templateVariableTypes';
import { templateAtOffset, type LocatedTemplate } from './locate';
import { jsonPathLiteralAt, jsonPathPropertyAt } from './jsonPathProperty';
import { CATALOG_ROOTS, resolveReference, type ReferenceResolution } from './memberLookup';
import { directiveAssignments } from './variableChecks';
import { DIRECTIVE_DOCS, FOREACH_DOC, FOREACH_MEMBERS } from '../../facts/velocityDirectives';
import { scanTemplate, type ScannedTemplate, type StringLiteral, type TemplateReference } from './templateScanner';
import { payloadFacts, propertyTypeLabel, SchemaReader, type LoadedFile } from './templateSchemas';
import { loadedFiles } from './schemaFiles';
import type { DocumentResolver } from '../validationTypes';
import { JAVA_VALUE_METHODS, JAVA_VALUE_TYPES, javaMethodSignature } from './javaValueMethods';
import { factsOf, TemplateBindings, type PayloadLookup } from './variableValues';

interface TemplateHover {
  markdown: string;
  start: number;
  end: number;
}

/**
 * Hover at document `offset`. A schema `$ref` into another file is followed where `resolver` has that file loaded
 * already: hover answers without waiting for files.
 */
export function hoverInTemplate(document: ApiDocument, offset: number, resolver?: DocumentResolver): Hover | undefined {
  const template = templateAtOffset(document, offset);
  if (!template) return undefined;
  const loaded = loadedFiles(resolver);
  const found = hoverAt(template.text, template.toTemplateOffset(offset), {
    jsonPath: (literal, at) => jsonPathHover(document, template, literal, at, loaded),
    payload: (steps) => payloadFacts(document, template, steps, loaded),
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

/** What the template's payload schema says, where one is known. */
interface PayloadSchema {
  /** The hover of the JSONPath name at template offset `at` in `literal`. */
  jsonPath: (literal: StringLiteral, at: number) => TemplateHover | undefined;
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
    // Gateway response templates only substitute `$context` and `$stageVariables`: no directives, no variables.
    if (!followValues) continue;
    const loop = foreachHover(reference, offset);
    if (loop) return loop;
    // Past the catalog, `$input.path('$.pet').name` and `$pet.name` are members of the payload.
    bindings ??= TemplateBindings.of(text, scanned);
    const member = valueMemberHover(reference, offset, bindings, schema);
    if (member) return member;
    const variable = !resolution && variableHover(text, scanned, reference, offset);
    if (variable) return variable;
  }
  return followValues ? directiveHover(scanned, offset) : undefined;
}

/** `#foreach`, `#if` and the other directives, on their name. */
function directiveHover(scanned: ScannedTemplate, offset: number): TemplateHover | undefined {
  const directive = scanned.directives.find((d) => offset >= d.start && offset < d.nameEnd);
  const doc = directive && DIRECTIVE_DOCS[directive.name];
  return doc ? { markdown: `\`\`\`\n#${directive.name}\n\`\`\`\n\n${doc}`, start: directive.start, end: directive.nameEnd } : undefined;
}

/** `$foreach` and its members (`hasNext`, `index`...), which only exist inside a loop's body. */
function foreachHover(reference: TemplateReference, offset: number): TemplateHover | undefined {
  if (reference.root !== 'foreach') return undefined;
  if (offset < reference.rootEnd) return { markdown: `\`\`\`\n$foreach\n\`\`\`\n\n${FOREACH_DOC}`, start: reference.start, end: reference.rootEnd };
  const segment = reference.segments[0];
  const member = segment && offset >= segment.start && offset < segment.start + segment.name.length ? FOREACH_MEMBERS.find((m) => m.name === segment.name) : undefined;
  return member && { markdown: `\`\`\`\n$foreach.${member.name}\n\`\`\`\n\n${member.doc}`, start: segment.start, end: segment.start + segment.name.length };
}

/**
 * A variable of the template's own, on its name: the `#foreach` whose items it walks, or the first `#set` that assigns
 * it, as written.
 */
function variableHover(text: string, scanned: ScannedTemplate, reference: TemplateReference, offset: number): TemplateHover | undefined {
  if (offset >= reference.rootEnd || CATALOG_ROOTS.has(reference.root)) return undefined;
  const name = reference.root;
  const range = { start: reference.start, end: reference.rootEnd };
  for (const directive of scanned.directives) {
    if (directive.name !== 'foreach' || directive.open === undefined || directive.close === undefined) continue;
    const loopVariable = scanned.references.find((r) => r.start > directive.open! && r.start < directive.close!);
    if (loopVariable?.root === name && loopVariable.segments.length === 0 && offset >= directive.start) {
      return { markdown: `\`\`\`\n$${name}\n\`\`\`\n\nThe item of the loop \`${oneLine(text.slice(directive.start, directive.close + 1))}\`.`, ...range };
    }
  }
  const assignments = directiveAssignments(text, scanned);
  for (let i = 0; i < assignments.length; i++) {
    const assignment = assignments[i];
    const directive = scanned.directives[i];
    if (!assignment?.bareTarget || assignment.target.root !== name || directive.close === undefined) continue;
    const line = text.slice(0, directive.start).split('\n').length;
    return { markdown: `\`\`\`\n$${name}\n\`\`\`\n\nA variable of this template, set on line ${line}: \`${oneLine(text.slice(directive.start, directive.close + 1))}\`.`, ...range };
  }
  return undefined;
}

/** Directive text for a hover's one line of code, cut where it runs long. */
function oneLine(code: string): string {
  const flat = code.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

function catalogHover(reference: TemplateReference, resolution: ReferenceResolution, offset: number, schema: PayloadSchema | undefined): TemplateHover | undefined {
  if (offset >= reference.start && offset < reference.rootEnd) {
    return { markdown: memberMarkdown(resolution.root, [reference.root]), start: reference.start, end: reference.rootEnd };
  }
  for (const { segment, member, path } of resolution.resolved) {
    if (offset >= segment.start && offset < segment.start + segment.name.length) {
      return { markdown: memberMarkdown(member, path), start: segment.start, end: segment.start + segment.name.length };
    }
  }
  const literal = schema && jsonPathLiteralAt(resolution, offset);
  // A pointer over the closing quote is on no name.
  return literal && offset < literal.end - 1 ? schema.jsonPath(literal, offset) : undefined;
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

/** The payload property a JSONPath names under the cursor, where the schema describes it. */
function jsonPathHover(document: ApiDocument, template: LocatedTemplate, literal: StringLiteral, at: number, loaded: LoadedFile | undefined): TemplateHover | undefined {
  const found = jsonPathPropertyAt(new SchemaReader(loaded), document, template, literal, at);
  const schema = found?.property.schema;
  if (!found || !schema) return undefined;
  const type = propertyTypeLabel(found.holder, found.property);
  return { markdown: propertyMarkdown(found.property.name, type, asString(getValue(schema.node, 'description')), schemaSource(template)), start: found.start, end: found.end };
}

function schemaSource(template: LocatedTemplate): string {
  return template.kind === 'request' ? 'request body' : `response ${template.statusCode ?? ''}`.trim();
}

function propertyMarkdown(name: string, type: string, description: string | undefined, source: string): string {
  return `\`\`\`\n${name}: ${type}\n\`\`\`${description ? `\n\n${description}` : ''}\n\n_From the ${source} schema._`;
}
