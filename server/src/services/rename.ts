import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import type { ScalarNode } from '../model/nodes';
import { pointerToPath } from '../model/openapiWalk';
import { yamlKey, yamlScalar } from './editing/serialize';
import { definitionsOf, findSymbolUses, symbolAt, type NamedSymbol, type SymbolSite } from './symbolReferences';
import type { DocumentResolver, WorkspaceDocuments } from './validationTypes';
import { keyOf } from '../model/property';

/** A rename the editor must refuse, with the reason shown to the user. */
export class RenameError extends Error {}

/** Component names as OpenAPI 3 allows them; `$ref`s carry them without escaping. */
const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;

/** The name under the cursor and its range, when it is something that can be renamed. */
export function prepareRename(document: ApiDocument, offset: number): { range: Range; placeholder: string } | undefined {
  const at = symbolAt(document, offset);
  if (!at) return undefined;
  const span = nameSpan(at.node, at.symbol) ?? { offset: at.node.contentOffset, end: at.node.contentEnd };
  const text = document.textDocument;
  return { range: { start: text.positionAt(span.offset), end: text.positionAt(span.end) }, placeholder: at.symbol.name };
}

/**
 * Renames a component, request validator or security scheme: its defining key and every use, in every workspace
 * file for components. Refused when the new name is not allowed or already taken, so a rename never merges two
 * definitions or leaves a `$ref` dangling.
 */
export async function rename(document: ApiDocument, offset: number, newName: string, resolver?: DocumentResolver, workspace?: WorkspaceDocuments): Promise<WorkspaceEdit> {
  const at = symbolAt(document, offset);
  if (!at) throw new RenameError('Only components, request validators and security schemes can be renamed.');
  const { symbol } = at;
  checkName(symbol, newName, document);
  const { declaration, uses } = await findSymbolUses(document, symbol, resolver, workspace);
  if (!declaration) throw new RenameError(`The definition of '${symbol.name}' was not found, so its uses cannot be renamed safely.`);
  if (newName === symbol.name) return { changes: {} };
  const definitions = definitionsOf(document, symbol, declaration.document);
  if (definitions?.properties.some((p) => String(p.keyValue) === newName)) {
    throw new RenameError(`'${newName}' is already defined next to '${symbol.name}'.`);
  }
  const changes: Record<string, TextEdit[]> = {};
  const add = (site: SymbolSite, edit: TextEdit) => (changes[site.document.uri] ??= []).push(edit);
  add(declaration, replaceScalar(declaration, newName, true));
  for (const use of uses) {
    if (symbol.kind === 'component') add(use, renameInRef(use, symbol, newName));
    else if (symbol.kind === 'securityScheme') add(use, replaceScalar(use, newName, true));
    else add(use, replaceScalar(use, newName, false));
  }
  return { changes };
}

function checkName(symbol: NamedSymbol, newName: string, document: ApiDocument): void {
  if (!newName.trim() || /[\u0000-\u001f]/.test(newName)) throw new RenameError('The new name must not be empty or hold control characters.');
  const strict = symbol.kind === 'component' || (symbol.kind === 'securityScheme' && document.isOpenApi3);
  if (strict && !COMPONENT_NAME.test(newName)) {
    throw new RenameError(`'${newName}' is not a valid name here: use letters, digits, '.', '-' and '_' only.`);
  }
}

/** The range of the symbol's name inside a `$ref`'s source, when the source spells the value without escapes. */
function nameSpan(node: ScalarNode, symbol: NamedSymbol): { offset: number; end: number } | undefined {
  if (symbol.kind !== 'component' || node.parent?.type !== 'property' || keyOf(node.parent) === node) return undefined;
  const value = String(node.value);
  if (node.contentEnd - node.contentOffset !== value.length) return undefined;
  const last = value.lastIndexOf('/');
  if (last < 0 || value.slice(last + 1) !== symbol.name) return undefined;
  return { offset: node.contentOffset + last + 1, end: node.contentEnd };
}

/** The `$ref` with its last pointer segment renamed, keeping its file part and the way it is written. */
function renameInRef(site: SymbolSite, symbol: NamedSymbol & { kind: 'component' }, newName: string): TextEdit {
  const span = nameSpan(site.node, symbol);
  if (span) return { range: rangeOf(site.document, span), newText: newName };
  const value = String(site.node.value);
  const hash = value.indexOf('#');
  const segments = pointerToPath(symbol.pointer.slice(1)).slice(0, -1).map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1'));
  return replaceScalar(site, `${value.slice(0, hash)}#/${[...segments, newName].join('/')}`, false);
}

/** Replaces a whole scalar, keeping its quoting where the new text allows it. */
function replaceScalar(site: SymbolSite, text: string, isKey: boolean): TextEdit {
  const { document, node } = site;
  let newText: string;
  if (document.format === 'json' || node.style === 'double') newText = JSON.stringify(text);
  else if (node.style === 'single') newText = `'${text.replace(/'/g, "''")}'`;
  else newText = isKey ? yamlKey(text) : yamlScalar(text);
  return { range: rangeOf(document, node), newText };
}

function rangeOf(document: ApiDocument, span: { offset: number; end: number }): Range {
  const text = document.textDocument;
  return { start: text.positionAt(span.offset), end: text.positionAt(span.end) };
}
