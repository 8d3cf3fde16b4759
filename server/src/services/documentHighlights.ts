/**
 * Document highlights: every place of one document that names what the cursor is on, the definition as a write and
 * the uses as reads. Named things are found as Find References finds them, kept to this document; inside a mapping
 * template, a template variable is followed through that template alone.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentHighlight, DocumentHighlightKind } from 'vscode-languageserver-types';
import { isAliasCopy, type ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, getProperty, isScalar, nodeAtOffset, pathOf } from '../model/navigate';
import { isMethodKey } from '../model/openapiWalk';
import type { AnyNode, NodePath, ObjectNode, ScalarNode } from '../model/nodes';
import { declaredParameterAt, operationContaining, REQUEST_PARAMETER_EXPRESSION } from './editing/operationFacts';
import { findSymbolUses, pointerSegmentSpan, symbolAt, type NamedSymbol, type SymbolSite } from './symbolReferences';
import { templateAtOffset } from './templates/locate';
import { templateVariableAt, variableEnd } from './templates/variableReferences';
import { MAPPED_HEADER_PREFIX, mappedResponseHeader } from '../model/methodResponseHeaders';

/** A highlighted span of the text searched, in its own offsets. */
export interface Span {
  offset: number;
  end: number;
  kind: DocumentHighlightKind;
}


/**
 * The highlights for the cursor at `offset`: a template variable inside a mapping template; else the component,
 * member, request validator, security scheme or response header named there; else a method request parameter read
 * by a mapping expression, or the `name` of its declaration.
 */
export async function findDocumentHighlights(document: ApiDocument, offset: number): Promise<DocumentHighlight[]> {
  const template = templateAtOffset(document, offset);
  if (template) {
    // A template whose source could not be replayed has approximate positions: a highlight there would mark other text.
    if (!template.exactOffsets) return [];
    const spans = variableSpans(template.text, template.toTemplateOffset(offset));
    return toHighlights(document.textDocument, spans.map((s) => ({ ...template.toDocumentRange(s.offset, s.end), kind: s.kind })));
  }
  // A cursor just after a name is still on it, as editors place it after a double click or while typing.
  for (const at of offset > 0 ? [offset, offset - 1] : [offset]) {
    const symbol = symbolAt(document, at);
    if (symbol) return toHighlights(document.textDocument, await symbolSpans(document, symbol.symbol));
    const parameter = parameterSpans(document, at);
    if (parameter.length > 0) return toHighlights(document.textDocument, parameter);
  }
  return [];
}

/** Highlights in a mapping template edited as a file of its own. */
export function findTemplateHighlights(text: string, offset: number): DocumentHighlight[] {
  return toHighlights(TextDocument.create('untitled:template.vtl', 'vtl', 0, text), variableSpans(text, offset));
}

function toHighlights(textDocument: TextDocument, spans: Span[]): DocumentHighlight[] {
  const seen = new Set<string>();
  const highlights: DocumentHighlight[] = [];
  for (const span of [...spans].sort((a, b) => a.offset - b.offset)) {
    const key = `${span.offset}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    highlights.push(DocumentHighlight.create({ start: textDocument.positionAt(span.offset), end: textDocument.positionAt(span.end) }, span.kind));
  }
  return highlights;
}

/**
 * The definition and uses of a symbol in this document alone: Find References without the workspace, so a component of
 * another file highlights the `$ref`s of this one that lead into it.
 */
async function symbolSpans(document: ApiDocument, symbol: NamedSymbol): Promise<Span[]> {
  const { declaration, uses } = await findSymbolUses(document, symbol);
  const spans: Span[] = [];
  const add = (site: SymbolSite, kind: DocumentHighlightKind) => {
    if (site.document !== document || isAliasCopy(document, site.node)) return;
    spans.push({ ...siteSpan(document, site, symbol), kind });
  };
  if (declaration) add(declaration, DocumentHighlightKind.Write);
  for (const use of uses) add(use, DocumentHighlightKind.Read);
  return spans;
}

/**
 * The name itself where the source spells it: a pointer's segment, a response header's name at the end of its
 * mapping key, else the scalar's content.
 */
function siteSpan(document: ApiDocument, site: SymbolSite, symbol: NamedSymbol): { offset: number; end: number } {
  const { node } = site;
  if (site.segment !== undefined) {
    const span = pointerSegmentSpan(document, node, site.segment);
    if (span) return span;
  }
  const whole = contentSpan(node);
  const value = String(node.value);
  if (symbol.kind === 'responseHeader' && mappedResponseHeader(value) !== undefined && whole.end - whole.offset === value.length && isSingleLine(node)) {
    return { offset: whole.offset + MAPPED_HEADER_PREFIX.length, end: whole.end };
  }
  return whole;
}

function isSingleLine(node: ScalarNode): boolean {
  return node.style !== 'literal' && node.style !== 'folded';
}

/** Inside the quotes of a one-line scalar; a block scalar whole. */
function contentSpan(node: ScalarNode): { offset: number; end: number } {
  return isSingleLine(node) ? { offset: node.contentOffset, end: node.contentEnd } : node;
}

/**
 * A method request parameter: from a mapping expression that reads it, or from the `name` of its declaration, every
 * expression of the operations that can read it which leads to the same declaration (as Go to Definition follows
 * them), and that `name`.
 */
export function parameterSpans(document: ApiDocument, offset: number): Span[] {
  const node = nodeAtOffset(document.root, offset);
  if (!isScalar(node) || typeof node.value !== 'string' || (node.parent?.type === 'property' && node.parent.value !== node)) return [];
  const path = pathOf(node);
  let declared: ObjectNode | undefined;
  let operations: ObjectNode[];
  const expression = REQUEST_PARAMETER_EXPRESSION.exec(node.value);
  if (expression) {
    const operation = operationContaining(document, path)?.operation;
    if (!operation) return [];
    declared = declaredParameterAt(document, path, expression[1], expression[2])?.node;
    operations = [operation];
  } else {
    const scope = declarationScope(document, path);
    if (!scope) return [];
    declared = scope.parameter;
    operations = scope.operations;
  }
  const spans: Span[] = [];
  const nameNode = declared && getProperty(declared, 'name')?.value;
  if (isScalar(nameNode) && !isAliasCopy(document, nameNode)) spans.push({ ...contentSpan(nameNode), kind: DocumentHighlightKind.Write });
  for (const operation of operations) {
    forEachStringValue(operation, (candidate) => {
      const match = REQUEST_PARAMETER_EXPRESSION.exec(String(candidate.value));
      if (!match || isAliasCopy(document, candidate)) return;
      // Without a declaration, the same expression is all that can be told to read the same parameter.
      const same = declared ? declaredParameterAt(document, pathOf(candidate), match[1], match[2])?.node === declared : candidate.value === node.value;
      if (same) spans.push({ ...contentSpan(candidate), kind: DocumentHighlightKind.Read });
    });
  }
  // The declaration's `name` alone, with nothing reading it, is not worth marking.
  return spans.some((s) => s.kind === DocumentHighlightKind.Read) ? spans : [];
}

/**
 * For the `name` of a parameter declared on an operation or a path item (`paths./p.get.parameters.0.name`,
 * `paths./p.parameters.0.name`): the parameter and the operations that may read it.
 */
function declarationScope(document: ApiDocument, path: NodePath): { parameter: ObjectNode; operations: ObjectNode[] } | undefined {
  const n = path.length;
  if (path[0] !== 'paths' || path[n - 1] !== 'name' || typeof path[n - 2] !== 'number' || path[n - 3] !== 'parameters') return undefined;
  if (n !== 5 && !(n === 6 && isMethodKey(String(path[2])))) return undefined;
  const parameter = findNodeAtPath(document.root, path.slice(0, -1));
  const pathItem = findNodeAtPath(document.root, path.slice(0, 2));
  if (parameter?.type !== 'object' || pathItem?.type !== 'object') return undefined;
  const operations: ObjectNode[] = [];
  for (const entry of pathItem.properties) {
    const key = String(entry.keyValue);
    if (entry.value?.type === 'object' && isMethodKey(key) && (n === 5 || key === path[2])) operations.push(entry.value);
  }
  return { parameter, operations };
}

/** Every string value (not key) below a node, array items included. */
function forEachStringValue(node: AnyNode | undefined, visit: (scalar: ScalarNode) => void): void {
  if (!node) return;
  if (node.type === 'object') for (const property of node.properties) forEachStringValue(property.value, visit);
  else if (node.type === 'array') for (const item of node.items) forEachStringValue(item, visit);
  else if (node.type === 'string') visit(node);
}

/** The references to the variable under the cursor: those that assign it are writes, the others reads. */
function variableSpans(text: string, offset: number): Span[] {
  const variable = templateVariableAt(text, offset);
  if (!variable) return [];
  const { references, definitions } = variable;
  return references.map((r) => ({ offset: r.start, end: variableEnd(r), kind: definitions.has(r) ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
