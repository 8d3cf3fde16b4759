/**
 * Go to Definition inside mapping templates. A template variable leads to the `#set`, `#foreach`, `#macro` or
 * `#define` that assigns it; a JSONPath segment of `$input.path`/`$input.json`, or a member of a variable holding a
 * part of the payload, leads to the property's declaration in the payload schema (the request body's for request
 * templates, the method response's the integration response answers with for response templates), in the file a
 * `$ref` leads to when that is another one. A macro parameter is the macro's up to its `#end` only. `$input`, `$util`,
 * `$context` and their members have no definition in the document: hover documents them.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../model/apiDocument';
import { keyOf } from '../../model/property';
import { firstIndexNotBefore } from '../../util/sortedSearch';
import { templateVariableAt, variableEnd, type TemplateVariable } from './variableReferences';
import type { LocatedTemplate } from './locate';
import { jsonPathLiteralAt, jsonPathPropertyAt } from './jsonPathProperty';
import { CATALOG_ROOTS, resolveReference } from './memberLookup';
import { scanTemplate, type ScannedTemplate, type TemplateDirective, type TemplateReference } from './templateScanner';
import { walkReadingFiles } from './schemaFiles';
import { payloadMember, SchemaReader, type SchemaProperty } from './templateSchemas';
import { TemplateBindings } from './variableValues';
import type { DocumentResolver } from '../validationTypes';
import { loopBodies, type LoopBody } from './variableChecks';

/**
 * Definitions for the cursor at document `offset`, inside `template`. With a resolver, a schema property declared in
 * another file that a `$ref` leads to is found there: the files on the way are read first, then walked as hover does.
 */
export async function findDefinitionInTemplate(document: ApiDocument, template: LocatedTemplate, offset: number, resolver?: DocumentResolver): Promise<Location[]> {
  const at = template.toTemplateOffset(offset);
  const variable = templateVariableAt(template.text, at);
  if (variable) {
    // A template whose source could not be replayed has approximate positions: a location there would name other text.
    if (!template.exactOffsets) return [];
    return definingReferences(template.text, variable).map((r) => ({ uri: document.uri, range: document.rangeOf(template.toDocumentRange(r.start, variableEnd(r))) }));
  }
  const scanned = scanTemplate(template.text);
  let bindings: TemplateBindings | undefined;
  const bindingsOf = () => (bindings ??= TemplateBindings.of(template.text, scanned));
  const declaration = await walkReadingFiles(resolver, (loaded) => payloadDeclarationAt(new SchemaReader(loaded), document, template, at, scanned, bindingsOf));
  return declaration ? [{ uri: declaration.document.uri, range: declaration.document.rangeOf(keyOf(declaration.declaration)) }] : [];
}

/** Definitions in a mapping template edited as a file of its own, which has no payload schema. */
export function findDefinitionInStandaloneTemplate(text: string, offset: number, uri: string): Location[] {
  const variable = templateVariableAt(text, offset);
  if (!variable) return [];
  const textDocument = TextDocument.create(uri, 'vtl', 0, text);
  return definingReferences(text, variable).map((r) => ({ uri, range: { start: textDocument.positionAt(r.start), end: textDocument.positionAt(variableEnd(r)) } }));
}

/**
 * Where the variable under the cursor gets the value it has there: the assignment in force, as a reader follows the
 * text (the last `#set` before the use, or the `#foreach` whose body holds it, whichever comes later, as template
 * completion and hover read values). Where none is, as in a loop body reading what a later `#set` assigns on the next
 * pass, every assignment may be the one. On an assignment itself, that assignment: editors then offer its uses.
 */
function definingReferences(text: string, variable: TemplateVariable): TemplateReference[] {
  const { name, under, references, definitions, scanned } = variable;
  if (CATALOG_ROOTS.has(name)) return [];
  if (definitions.has(under)) return [under];
  const defining = references.filter((r) => definitions.has(r));
  let loops: LoopBody[] | undefined;
  let inForce: { reference: TemplateReference; from: number } | undefined;
  for (const reference of defining) {
    const directive = directiveHolding(scanned.directives, reference.start);
    // An assignment takes effect once its directive closes: `#set($n = $n + 1)` reads the previous `$n`. One whose
    // `)` is still missing is being written and in force nowhere yet.
    if (directive?.close === undefined || directive.close >= under.start) continue;
    if (directive.name === 'foreach') {
      loops ??= loopBodies(text, scanned);
      // Velocity 1.7 puts back the value a loop variable had before the loop once the loop ends.
      const body = loops.find((b) => b.directive === directive);
      if (body && under.start >= body.end) continue;
    }
    if (!inForce || directive.close > inForce.from) inForce = { reference, from: directive.close };
  }
  return inForce ? [inForce.reference] : defining;
}

/** The last directive starting before `offset`: the one whose parentheses hold a reference there that it assigns. */
function directiveHolding(directives: TemplateDirective[], offset: number): TemplateDirective | undefined {
  return directives[firstIndexNotBefore(directives.length, (i) => directives[i].start < offset) - 1];
}

/**
 * The schema property named under the cursor (template offset `at`): a JSONPath segment, else a member of a value
 * taken from the payload. The innermost reference holding the cursor is asked first, as hover does.
 */
function payloadDeclarationAt(schemas: SchemaReader, document: ApiDocument, template: LocatedTemplate, at: number, scanned: ScannedTemplate, bindings: () => TemplateBindings): SchemaProperty | undefined {
  const holding = scanned.references.filter((r) => at >= r.start && at <= r.end).reverse();
  for (const reference of holding) {
    const resolution = resolveReference(reference);
    if (resolution) {
      const literal = jsonPathLiteralAt(resolution, at);
      if (literal) return jsonPathPropertyAt(schemas, document, template, literal, at)?.property;
      if (resolution.resolved.some(({ segment }) => at >= segment.start && at <= segment.start + segment.name.length)) return undefined;
    }
    // Gateway responses have no payload of their own to read, as their hover knows.
    if (template.kind === 'gatewayResponse') continue;
    const member = memberDeclaration(schemas, document, template, reference, at, bindings());
    if (member) return member;
  }
  return undefined;
}

/** The property a member (`.name`, `['name']`) under the cursor reads from the payload part its receiver holds. */
function memberDeclaration(schemas: SchemaReader, document: ApiDocument, template: LocatedTemplate, reference: TemplateReference, at: number, bindings: TemplateBindings): SchemaProperty | undefined {
  const index = reference.segments.findIndex((s) => !s.call && s.name !== '' && at >= s.start && (s.bracket ? at < s.end : at <= s.start + s.name.length));
  if (index < 0) return undefined;
  const receiver = bindings.valueOf(reference, index);
  if (receiver?.kind !== 'payload') return undefined;
  return payloadMember(schemas, document, template, receiver.steps, reference.segments[index].name);
}
