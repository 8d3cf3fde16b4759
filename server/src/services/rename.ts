import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { ScalarNode } from '../model/nodes';
import { keyOf } from '../model/property';
import { scalarInStyle } from './editing/serialize';
import { findNodeAtPath } from '../model/navigate';
import { formatAt } from '../model/fileLines';
import {
  definitionsOf,
  findSymbolUses,
  isKnownDangling,
  isKnownMissing,
  isModel,
  pointerSegmentSpan,
  symbolAt,
  withPointerSegment,
  type NamedSymbol,
  type SymbolAtCursor,
  type SymbolSite,
} from './symbolReferences';
import { RenameError, syntaxErrorRefusal } from './renameError';
import { templateAtOffset } from './templates/locate';
import { prepareRenameInTemplate, renameInTemplate } from './templates/templateVariableRename';
import type { DocumentResolver, WorkspaceDocuments } from './validationTypes';

export { RenameError } from './renameError';

/** Component names as OpenAPI 3 allows them; `$ref`s carry them without escaping. */
const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;
/** Model names as API Gateway accepts them. */
const MODEL_NAME = /^[A-Za-z0-9]+$/;

/**
 * The name under the cursor and its range, when it is something that can be renamed; undefined where nothing is named.
 * Throws `RenameError` with the reason where a `$ref` or a template variable is under the cursor but what it names
 * there cannot be renamed.
 */
export function prepareRename(document: ApiDocument, offset: number): { range: Range; placeholder: string } | undefined {
  const template = templateAtOffset(document, offset);
  if (template) return prepareRenameInTemplate(document, template, offset);
  const at = symbolAt(document, offset);
  if (!at || !isRenameable(at.symbol)) return undefined;
  const refusal = refusalAt(document, at);
  if (refusal) throw new RenameError(refusal);
  if (isKnownMissing(document, at.symbol)) return undefined;
  const segment = at.pointer ? nameSegment(at.symbol) : undefined;
  const span = (segment !== undefined && pointerSegmentSpan(document, at.node, segment)) || { offset: at.node.contentOffset, end: at.node.contentEnd };
  return { range: document.rangeOf(span), placeholder: at.symbol.name };
}

/**
 * A response header is found and navigated like the others, but its uses spell its name inside a longer key
 * (`method.response.header.X`), which a rename replacing whole names would overwrite.
 */
function isRenameable(symbol: NamedSymbol): boolean {
  return symbol.kind !== 'responseHeader';
}

/**
 * Renames a component, request validator or security scheme: its defining key and every use, in every workspace
 * file for components. Refused when the new name is not allowed or already taken, or when a file that may use it
 * cannot be read, so a rename never merges two definitions or leaves a `$ref` dangling. Inside a mapping template,
 * renames the variable under the cursor in that template.
 */
export async function rename(document: ApiDocument, offset: number, newName: string, resolver?: DocumentResolver, workspace?: WorkspaceDocuments): Promise<WorkspaceEdit> {
  const template = templateAtOffset(document, offset);
  if (template) return renameInTemplate(document, template, offset, newName);
  const at = symbolAt(document, offset);
  if (!at || !isRenameable(at.symbol)) throw new RenameError('Only components, request validators and security schemes can be renamed.');
  const refusal = refusalAt(document, at);
  if (refusal) throw new RenameError(refusal);
  const { symbol } = at;
  const syntaxError = syntaxErrorRefusal(document, `every use of '${symbol.name}'`);
  if (syntaxError) throw syntaxError;
  checkName(symbol, newName, document);
  const { declaration, uses, unreadable } = await findSymbolUses(document, symbol, resolver, workspace);
  if (!declaration) throw new RenameError(`The definition of '${symbol.name}' was not found, so its uses cannot be renamed safely.`);
  if (at.pointer && !findNodeAtPath(declaration.document.root, at.pointer.segments)) throw new RenameError(danglingMessage(at.node));
  const blocked = unreadable.find((d) => d.text.includes(symbol.name));
  if (blocked) throw new RenameError(`${blocked.uri.split('/').pop()} has a syntax error and may use '${symbol.name}'; fix it first, or its uses would be left behind.`);
  if (newName === symbol.name) return { changes: {} };
  const definitions = definitionsOf(document, symbol, declaration.document);
  if (definitions?.properties.some((p) => String(p.keyValue) === newName)) {
    throw new RenameError(`'${newName}' is already defined next to '${symbol.name}'.`);
  }
  const changes: Record<string, TextEdit[]> = {};
  const add = (site: SymbolSite, edit: TextEdit) => (changes[site.document.uri] ??= []).push(edit);
  add(declaration, replaceScalar(declaration, newName));
  for (const use of uses) add(use, use.segment !== undefined ? renameInPointer(use, use.segment, newName) : replaceScalar(use, newName));
  return { changes };
}

/**
 * Why the thing under the cursor cannot be renamed from there, when it is a pointer: a rename acts on the segment
 * under the cursor, so it never changes a name the cursor is not on, nor starts from a pointer that leads nowhere.
 */
function refusalAt(document: ApiDocument, at: SymbolAtCursor): string | undefined {
  if (!at.pointer) return undefined;
  if (isKnownDangling(document, at.pointer)) return danglingMessage(at.node);
  const { symbol } = at;
  if (symbol.kind === 'member') {
    // A property or nested schema is also named outside pointers (`required` lists, examples, mapping templates,
    // payloads): no edit could be sure to reach them all.
    return `'${symbol.name}' is a part of '${symbol.component}' and cannot be renamed; put the cursor on '${symbol.component}' to rename that.`;
  }
  if (!at.onName) return `Put the cursor on '${symbol.name}' in this $ref to rename it.`;
  return undefined;
}

function danglingMessage(node: ScalarNode): string {
  return `'${String(node.value)}' was not found, so there is nothing to rename; fix the $ref first.`;
}

/** Which pointer segment of a `$ref` is the symbol's name. */
function nameSegment(symbol: NamedSymbol): number | undefined {
  if (symbol.kind === 'validator') return undefined;
  if (symbol.kind === 'securityScheme') return 2;
  return symbol.path.length - 1;
}

function checkName(symbol: NamedSymbol, newName: string, document: ApiDocument): void {
  if (!newName.trim() || /[\u0000-\u001f]/.test(newName)) throw new RenameError('The new name must not be empty or hold control characters.');
  if (isModel(symbol) && !MODEL_NAME.test(newName)) {
    throw new RenameError(`'${newName}' is not a valid model name: API Gateway accepts letters and digits only.`);
  }
  const strict = symbol.kind === 'component' || (symbol.kind === 'securityScheme' && document.isOpenApi3);
  if (strict && !COMPONENT_NAME.test(newName)) {
    throw new RenameError(`'${newName}' is not a valid name here: use letters, digits, '.', '-' and '_' only.`);
  }
}

/** A pointer with one segment renamed, keeping its file part, the rest of the pointer and how it is written. */
function renameInPointer(site: SymbolSite, segment: number, newName: string): TextEdit {
  // New names are plain letters, digits and `._-`: they need no escaping in any pointer or scalar style.
  const span = pointerSegmentSpan(site.document, site.node, segment);
  if (span) return { range: site.document.rangeOf(span), newText: newName };
  if (site.node.style === 'literal' || site.node.style === 'folded') {
    const line = site.document.textDocument.positionAt(site.node.offset).line + 1;
    throw new RenameError(`The $ref on line ${line} of ${site.document.uri.split('/').pop()} is a block scalar over several lines; write it on one line first.`);
  }
  return replaceScalar(site, withPointerSegment(String(site.node.value), segment, newName)!);
}

/** Replaces a whole scalar, keeping its quoting where the new text allows it. */
function replaceScalar(site: SymbolSite, text: string): TextEdit {
  const { document, node } = site;
  const isKey = node.parent?.type === 'property' && keyOf(node.parent) === node;
  if (node.style === 'literal' || node.style === 'folded') {
    const line = document.textDocument.positionAt(node.offset).line + 1;
    throw new RenameError(`The name on line ${line} of ${document.uri.split('/').pop()} is a block scalar; write it on one line first.`);
  }
  // In a bundle, each file's own syntax: a JSON part's names are JSON strings, a YAML definition's stay YAML.
  return { range: document.rangeOf(node), newText: scalarInStyle(text, node.style, formatAt(document, node.offset) === 'json', isKey) };
}

