import { SymbolKind, type DocumentSymbol, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import { looksLikeApiDefinition, type ApiDocument } from '../model/apiDocument';
import { asString, getValue } from '../model/navigate';
import { forEachOperation } from '../model/openapiWalk';
import { findDocumentSymbols } from './symbols';
import type { WorkspaceDocuments } from './validationTypes';
import { keyOf } from '../model/property';

const SHARED_COMPONENTS = /^components:/m;

/** Enough to find anything by typing a few more letters; more would only slow the editor's list down. */
const MAX_RESULTS = 1000;

/**
 * Go to symbol in workspace: every operation (`GET /pets (listPets)`) and every schema, security scheme, validator,
 * gateway response and reusable integration of the workspace's API definitions. The operationId is part of an
 * operation's name, so either finds it; the API's title tells same-named symbols of different files apart.
 */
export async function findWorkspaceSymbols(query: string, workspace: WorkspaceDocuments | undefined, isCancelled: () => boolean = () => false): Promise<SymbolInformation[]> {
  if (!workspace) return [];
  const results: SymbolInformation[] = [];
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  /** Adds a symbol that matches the query; true once the list is full. */
  const add = (document: ApiDocument, name: string, kind: SymbolKind, range: Range, containerName: string | undefined): boolean => {
    if (!matches(name, wanted)) return false;
    const symbol: SymbolInformation = { name, kind, location: { uri: document.uri, range } };
    if (containerName) symbol.containerName = containerName;
    results.push(symbol);
    return results.length >= MAX_RESULTS;
  };
  // Shared files of components (`components:` at the root, no `openapi` key) hold symbols too.
  for (const document of await workspace.documents((text) => looksLikeApiDefinition(text) || SHARED_COMPONENTS.test(text))) {
    if (isCancelled()) break;
    const title = asString(getValue(getValue(document.root, 'info'), 'title'));
    let full = false;
    forEachOperation(document, (op) => {
      if (full) return;
      const operationId = asString(getValue(op.operation, 'operationId'));
      const name = operationId ? `${op.method} ${op.path} (${operationId})` : `${op.method} ${op.path}`;
      full = add(document, name, SymbolKind.Method, document.rangeOf(keyOf(op.methodProperty)), title);
    });
    if (full) break;
    // The outline's groups after its paths: schemas, security schemes, validators, gateway responses, integrations.
    for (const group of findDocumentSymbols(document)) {
      if (isPath(group)) continue;
      for (const child of group.children ?? []) {
        if (add(document, child.name, child.kind, child.selectionRange, title ? `${group.name} · ${title}` : group.name)) return results;
      }
    }
  }
  return results;
}

/** Paths open the outline, named by their template; the groups after them are named in words. */
function isPath(symbol: DocumentSymbol): boolean {
  return symbol.kind === SymbolKind.Namespace && symbol.name.startsWith('/');
}

/** The query's characters in order, ignoring case: `gpets` finds `GET /pets`. */
function matches(name: string, wanted: string): boolean {
  if (!wanted) return true;
  const lower = name.toLowerCase();
  let at = 0;
  for (const c of wanted) {
    at = lower.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

