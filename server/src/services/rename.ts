import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { ScalarNode } from '../model/nodes';
import { keyOf } from '../model/property';
import { scalarInStyle } from './editing/serialize';
import { definitionsOf, findSymbolUses, isKnownMissing, isModel, symbolAt, type NamedSymbol, type SymbolSite } from './symbolReferences';
import type { DocumentResolver, WorkspaceDocuments } from './validationTypes';

/** A rename the editor must refuse, with the reason shown to the user. */
export class RenameError extends Error {}

/** Component names as OpenAPI 3 allows them; `$ref`s carry them without escaping. */
const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;
/** Model names as API Gateway accepts them. */
const MODEL_NAME = /^[A-Za-z0-9]+$/;

/** The name under the cursor and its range, when it is something that can be renamed. */
export function prepareRename(document: ApiDocument, offset: number): { range: Range; placeholder: string } | undefined {
  const at = symbolAt(document, offset);
  if (!at || isKnownMissing(document, at.symbol)) return undefined;
  const segment = at.node.parent?.type === 'property' && keyOf(at.node.parent) !== at.node ? segmentOf(at.node, at.symbol) : undefined;
  const span = (segment !== undefined && segmentSpan(document, at.node, segment)) || { offset: at.node.contentOffset, end: at.node.contentEnd };
  return { range: document.rangeOf(span), placeholder: at.symbol.name };
}

/**
 * Renames a component, request validator or security scheme: its defining key and every use, in every workspace
 * file for components. Refused when the new name is not allowed or already taken, or when a file that may use it
 * cannot be read, so a rename never merges two definitions or leaves a `$ref` dangling.
 */
export async function rename(document: ApiDocument, offset: number, newName: string, resolver?: DocumentResolver, workspace?: WorkspaceDocuments): Promise<WorkspaceEdit> {
  const at = symbolAt(document, offset);
  if (!at) throw new RenameError('Only components, request validators and security schemes can be renamed.');
  const { symbol } = at;
  if (document.recovered) {
    const line = document.problems[0] ? document.textDocument.positionAt(document.problems[0].offset).line + 1 : undefined;
    throw new RenameError(`This document has a syntax error${line ? ` on line ${line}` : ''}; fix it first, so that every use of '${symbol.name}' can be found.`);
  }
  checkName(symbol, newName, document);
  const { declaration, uses, unreadable } = await findSymbolUses(document, symbol, resolver, workspace);
  if (!declaration) throw new RenameError(`The definition of '${symbol.name}' was not found, so its uses cannot be renamed safely.`);
  const blocked = unreadable.find((d) => d.text.includes(symbol.name));
  if (blocked) throw new RenameError(`${blocked.uri.split('/').pop()} has a syntax error and may use '${symbol.name}'; fix it first, or its uses would be left behind.`);
  if (newName === symbol.name) return { changes: {} };
  const definitions = definitionsOf(document, symbol, declaration.document);
  if (definitions?.properties.some((p) => String(p.keyValue) === newName)) {
    throw new RenameError(`'${newName}' is already defined next to '${symbol.name}'.`);
  }
  const changes: Record<string, TextEdit[]> = {};
  const add = (site: SymbolSite, edit: TextEdit) => (changes[site.document.uri] ??= []).push(edit);
  add(declaration, replaceScalar(declaration, newName, true));
  for (const use of uses) {
    if (use.segment !== undefined) add(use, renameInPointer(use, use.segment, newName));
    else add(use, replaceScalar(use, newName, symbol.kind === 'securityScheme'));
  }
  return { changes };
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

/** Which pointer segment of a `$ref` under the cursor is the symbol's name. */
function segmentOf(node: ScalarNode, symbol: NamedSymbol): number | undefined {
  if (symbol.kind === 'validator') return undefined;
  const fragment = rawSegments(String(node.value));
  if (!fragment) return undefined;
  if (symbol.kind === 'securityScheme') return 2;
  return symbol.path.length - 1;
}

/** The fragment's segments as written (escaped), and where the fragment starts in the value. */
function rawSegments(value: string): { start: number; segments: string[] } | undefined {
  const hash = value.indexOf('#');
  if (hash < 0 || value[hash + 1] !== '/') return undefined;
  return { start: hash + 2, segments: value.slice(hash + 2).split('/') };
}

/**
 * Source offsets of a pointer segment, when the source spells the value as it is: a plain or quoted scalar without
 * escapes, or a block scalar whose one line holds it.
 */
function segmentSpan(document: ApiDocument, node: ScalarNode, segment: number): { offset: number; end: number } | undefined {
  const value = String(node.value);
  const parts = rawSegments(value);
  if (!parts || segment >= parts.segments.length) return undefined;
  let base: number;
  if (node.style === 'literal' || node.style === 'folded') {
    const at = value.includes('\n') ? -1 : document.text.indexOf(value, node.contentOffset);
    if (at < 0 || at + value.length > node.contentEnd) return undefined;
    base = at;
  } else {
    if (node.contentEnd - node.contentOffset !== value.length) return undefined;
    base = node.contentOffset;
  }
  let start = parts.start;
  for (let i = 0; i < segment; i++) start += parts.segments[i].length + 1;
  return { offset: base + start, end: base + start + parts.segments[segment].length };
}

/** A pointer with one segment renamed, keeping its file part, the rest of the pointer and how it is written. */
function renameInPointer(site: SymbolSite, segment: number, newName: string): TextEdit {
  // New names are plain letters, digits and `._-`: they need no escaping in any pointer or scalar style.
  const span = segmentSpan(site.document, site.node, segment);
  if (span) return { range: site.document.rangeOf(span), newText: newName };
  if (site.node.style === 'literal' || site.node.style === 'folded') {
    const line = site.document.textDocument.positionAt(site.node.offset).line + 1;
    throw new RenameError(`The $ref on line ${line} of ${site.document.uri.split('/').pop()} is a block scalar over several lines; write it on one line first.`);
  }
  const value = String(site.node.value);
  const parts = rawSegments(value)!;
  const segments = [...parts.segments];
  segments[segment] = newName;
  return replaceScalar(site, `${value.slice(0, parts.start)}${segments.join('/')}`, false);
}

/** Replaces a whole scalar, keeping its quoting where the new text allows it. */
function replaceScalar(site: SymbolSite, text: string, isKey: boolean): TextEdit {
  const { document, node } = site;
  if (node.style === 'literal' || node.style === 'folded') {
    const line = document.textDocument.positionAt(node.offset).line + 1;
    throw new RenameError(`The name on line ${line} of ${document.uri.split('/').pop()} is a block scalar; write it on one line first.`);
  }
  return { range: document.rangeOf(node), newText: scalarInStyle(text, node.style, document.format === 'json', isKey) };
}

