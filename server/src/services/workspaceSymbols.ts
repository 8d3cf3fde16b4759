import { SymbolKind, type DocumentSymbol, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import { looksLikeApiDefinition, type ApiDocument } from '../model/apiDocument';
import { asString, getValue, keyName } from '../model/navigate';
import type { ValueNode } from '../model/nodes';
import { methodLabel, type OperationRef } from '../model/openapiWalk';
import { findDocumentSymbols, followRefs, operationEntries, readPathItemsElsewhere, refReader } from './symbols';
import type { DocumentResolver, WorkspaceDocuments } from './validationTypes';
import { keyOf } from '../model/property';

const SHARED_COMPONENTS = /^components:/m;

/** Enough to find anything by typing a few more letters; more would only slow the editor's list down. */
const MAX_RESULTS = 1000;

/** How closely a name matches the query, best first: the list is cut after ranking, so close matches are never lost. */
const enum Match {
  Exact,
  Prefix,
  Substring,
  Scattered,
}

/**
 * Go to symbol in workspace: every operation (`GET /pets (listPets)`) and every schema, security scheme, validator,
 * gateway response and reusable integration of the workspace's API definitions. The operationId is part of an
 * operation's name, so either finds it; the API's title tells same-named symbols of different files apart. Names that
 * equal the query come first, then those starting with it, holding it, and holding its letters in order; each group
 * in document order.
 */
export async function findWorkspaceSymbols(query: string, workspace: WorkspaceDocuments | undefined, isCancelled: () => boolean = () => false, resolver?: DocumentResolver): Promise<SymbolInformation[]> {
  if (!workspace) return [];
  const wanted = compact(query);
  const found: SymbolInformation[][] = [[], [], [], []];
  /** Adds a symbol that matches the query; true once nothing found later could enter the list. */
  const add = (document: ApiDocument, names: string[], name: string, kind: SymbolKind, range: Range, containerName: string | undefined, placed = { uri: document.uri, range }): boolean => {
    const match = bestMatch(names, wanted);
    if (match === undefined) return false;
    const list = found[match];
    // No group is ever shown past the cap: a later symbol of a full group is as far down as the cut.
    if (list.length >= MAX_RESULTS) return match === Match.Exact;
    const symbol: SymbolInformation = { name, kind, location: placed };
    if (containerName) symbol.containerName = containerName;
    list.push(symbol);
    return match === Match.Exact && list.length >= MAX_RESULTS;
  };
  // Shared files of components (`components:` at the root, no `openapi` key) hold symbols too.
  search: for (const document of await workspace.documents((text) => looksLikeApiDefinition(text) || SHARED_COMPONENTS.test(text))) {
    if (isCancelled()) break;
    const title = asString(getValue(getValue(document.root, 'info'), 'title'));
    let full = false;
    // The operations of path items kept in other files are found there.
    for (const op of document.kind !== 'unknown' ? await operationsWhereTheyStand(document, resolver, isCancelled).catch(() => []) : []) {
      const operationId = asString(getValue(op.operation, 'operationId'));
      const name = operationId ? `${op.method} ${op.path} (${operationId})` : `${op.method} ${op.path}`;
      const range = op.holder.rangeOf(keyOf(op.methodProperty));
      if ((full = add(document, operationId ? [name, operationId] : [name], name, SymbolKind.Method, range, title, { uri: op.holder.uri, range }))) break;
    }
    if (full) break;
    // The outline's groups after its paths: schemas, security schemes, validators, gateway responses, integrations.
    for (const group of findDocumentSymbols(document)) {
      if (isPath(group)) continue;
      for (const child of group.children ?? []) {
        if (add(document, [child.name], child.name, child.kind, child.selectionRange, title ? `${group.name} · ${title}` : group.name)) break search;
      }
    }
  }
  return found.flat().slice(0, MAX_RESULTS);
}

/** An operation at its method's key, in the document that key stands in; the operation read where a `$ref` leads. */
interface PlacedOperation extends Pick<OperationRef, 'method' | 'path' | 'methodProperty'> {
  holder: ApiDocument;
  operation: ValueNode;
}

/**
 * Each operation of the definition in path order, at its method's key: in the definition, or in the file (or under
 * the other key) a path's `$ref` leads to. An operation that is a `$ref` itself is read where it leads, for its
 * operationId.
 */
async function operationsWhereTheyStand(document: ApiDocument, resolver: DocumentResolver | undefined, isCancelled: () => boolean): Promise<PlacedOperation[]> {
  const fileOf = refReader(document, resolver);
  const elsewhere = await readPathItemsElsewhere(document, resolver, Infinity, isCancelled, fileOf);
  const paths = getValue(document.root, 'paths');
  const operations: PlacedOperation[] = [];
  if (paths?.type !== 'object') return operations;
  for (const pathProperty of paths.properties) {
    if (isCancelled()) break;
    const item = elsewhere.get(pathProperty) ?? { document, node: pathProperty.value };
    for (const methodProperty of operationEntries(item.node)) {
      if (methodProperty.value?.type !== 'object') continue;
      const operation = (await followRefs(item.document, methodProperty.value, fileOf))?.node ?? methodProperty.value;
      operations.push({ method: methodLabel(keyName(methodProperty)), path: keyName(pathProperty), operation, methodProperty, holder: item.document });
    }
  }
  return operations;
}

/** Paths open the outline, named by their template; the groups after them are named in words. */
function isPath(symbol: DocumentSymbol): boolean {
  return symbol.kind === SymbolKind.Namespace && symbol.name.startsWith('/');
}

/** Lower case without spaces: `g /ord` finds `GET /orders`. */
function compact(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

/** The closest match of any of a symbol's names (an operation is also found by its operationId alone); undefined for none. */
function bestMatch(names: string[], wanted: string): Match | undefined {
  let best: Match | undefined;
  for (const name of names) {
    const match = matchOf(compact(name), wanted);
    if (match !== undefined && (best === undefined || match < best)) best = match;
  }
  return best;
}

/**
 * The query's characters in order, ignoring case: `gpets` finds `GET /pets`. An empty query matches every name alike,
 * as the best there is, so that the list stops at the cap in document order.
 */
function matchOf(name: string, wanted: string): Match | undefined {
  if (!wanted) return Match.Exact;
  if (name === wanted) return Match.Exact;
  const at = name.indexOf(wanted);
  if (at === 0) return Match.Prefix;
  if (at > 0) return Match.Substring;
  let from = 0;
  for (const c of wanted) {
    from = name.indexOf(c, from) + 1;
    if (from === 0) return undefined;
  }
  return Match.Scattered;
}
