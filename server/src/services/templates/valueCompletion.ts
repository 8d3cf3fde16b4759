/**
 * Completion after the dot of a template variable that holds a part of the payload or a string (see variableValues):
 * the properties the schema gives a JSON object, and the Java methods of a Map, a List or a String.
 */
import { CompletionItemKind, MarkupKind } from 'vscode-languageserver-types';
import { isIdentifierPart, isIdentifierStart } from '../../template/identifierCharacters';
import type { TemplateCompletionItem } from './completionItems';
import { preferredQuote, type TemplateHost } from './hostEscaping';
import { JAVA_VALUE_METHODS, javaMethodSignature, type JavaValueMethod } from './javaValueMethods';
import { CATALOG_ROOTS, resolveReference } from './memberLookup';
import type { ReferenceSegment, ScannedTemplate, TemplateReference } from './templateScanner';
import { factsOf, type PayloadLookup, type PropertyFacts, type TemplateBindings } from './variableValues';

/** A member being typed: the reference before the dot, and how many of its segments make the value it is a member of. */
export interface MemberSite {
  reference: TemplateReference;
  segmentCount: number;
  /** Offset of the dot. */
  dot: number;
}

/** Roots whose plain member chains the variable catalog completes (`$context.identity.`, `$foreach.`). */
const CATALOG_COMPLETED = new Set([...CATALOG_ROOTS, 'foreach']);

/**
 * The member site at `offset`, unless the catalog completes it: a chain of plain names from a catalog root to one of
 * its objects (`$context.identity.`). A chain with a call or an index (`$input.path('$').`) is a value, which the
 * catalog does not follow, and so is a catalog property (`$input.body.`, `$context.requestId.`): it has no members of
 * its own in the catalog, only the Java methods of what it holds.
 */
export function memberSiteAt(text: string, scanned: ScannedTemplate, offset: number): MemberSite | undefined {
  let start = offset;
  while (start > 0 && isIdentifierPart(text.charCodeAt(start - 1))) start--;
  if (start < offset && !isIdentifierStart(text.charCodeAt(start))) return undefined;
  const dot = start - 1;
  if (text[dot] !== '.') return undefined;
  const site = referenceBeforeDot(text, scanned.references, dot);
  if (!site) return undefined;
  const receiver = site.reference.segments.slice(0, site.segmentCount);
  if (CATALOG_COMPLETED.has(site.reference.root) && receiver.every((s) => !s.call && !s.bracket) && !namesCatalogValue(site.reference, receiver)) return undefined;
  return site;
}

/** The receiver resolves, whole, to a catalog member that is not an object. */
function namesCatalogValue(reference: TemplateReference, receiver: ReferenceSegment[]): boolean {
  if (receiver.length === 0) return false;
  const resolution = resolveReference({ ...reference, segments: receiver });
  if (!resolution || resolution.unknown || resolution.resolved.length !== receiver.length) return false;
  return resolution.resolved[resolution.resolved.length - 1].member.kind !== 'object';
}

/**
 * References nest (`$util.parseJson($input.json('$.a')).`), so the one the dot follows is not always the last one
 * that starts before it; a template has few enough references that looking at each from the dot back costs nothing.
 */
function referenceBeforeDot(text: string, references: TemplateReference[], dot: number): MemberSite | undefined {
  for (let i = references.length - 1; i >= 0; i--) {
    const reference = references[i];
    if (reference.start >= dot) continue;
    if (reference.end === dot) {
      // `${pet}.` closes the reference: the dot is text.
      if (reference.braced && text[reference.end - 1] === '}') return undefined;
      return { reference, segmentCount: reference.segments.length, dot };
    }
    const at = reference.segments.findIndex((s) => !s.bracket && s.start === dot + 1);
    if (at >= 0) return { reference, segmentCount: at, dot };
  }
  return undefined;
}

export interface ValueCompletionContext {
  text: string;
  host: TemplateHost;
  bindings: TemplateBindings;
  payload: PayloadLookup | undefined;
  /** The range an item replaces: the name typed after the dot, whole. */
  start: number;
  end: number;
}

export function valueMemberItems(site: MemberSite, context: ValueCompletionContext): TemplateCompletionItem[] {
  const facts = factsOf(context.bindings.valueOf(site.reference, site.segmentCount), context.payload);
  if (!facts?.shape) return [];
  const properties = facts.properties.map((p) => propertyItem(p, context));
  const methods = JAVA_VALUE_METHODS[facts.shape].map((method) => methodItem(method, context));
  return [...properties, ...methods];
}

/**
 * Names Velocity reads after a dot: an identifier, without a trailing hyphen (`$a-` is `$a` and a hyphen). `class` after
 * a dot is the map's Java class, not its entry.
 */
function followsDot(name: string): boolean {
  return /^[A-Za-z_][\w-]*$/.test(name) && !name.endsWith('-') && name !== 'class' && name !== 'Class';
}

function propertyItem(property: PropertyFacts, context: ValueCompletionContext): TemplateCompletionItem {
  const item: TemplateCompletionItem = {
    label: property.name,
    kind: CompletionItemKind.Field,
    detail: property.type,
    documentation: property.description ? { kind: MarkupKind.Markdown, value: property.description } : undefined,
    start: context.start,
    end: context.end,
    newText: property.name,
    snippet: false,
    sortText: `0${property.name}`,
  };
  if (followsDot(property.name)) return item;
  // An index in place of the dot: `$pet['we ird']`. The range takes the dot in, so the editor filters with it too.
  const quote = preferredQuote(context.host);
  const escaped = property.name.split(quote).join(quote + quote);
  return { ...item, start: context.start - 1, newText: `[${quote}${escaped}${quote}]`, filterText: `.${property.name}` };
}

function methodItem(method: JavaValueMethod, context: ValueCompletionContext): TemplateCompletionItem {
  const item: TemplateCompletionItem = {
    label: method.name,
    kind: CompletionItemKind.Method,
    detail: javaMethodSignature(method),
    documentation: { kind: MarkupKind.Markdown, value: method.doc },
    start: context.start,
    end: context.end,
    newText: method.name,
    snippet: false,
    sortText: `1${method.name}`,
  };
  // A call already written after the name keeps its arguments.
  if (context.text[context.end] === '(') return item;
  if (method.params.length === 0) return { ...item, newText: `${method.name}()` };
  const args = method.params.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ');
  return { ...item, newText: `${method.name}(${args})`, snippet: true };
}
