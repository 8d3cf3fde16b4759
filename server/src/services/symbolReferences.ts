import type { ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, getProperty, isScalar, keyName, nodeAtOffset, pathOf, visitProperties } from '../model/navigate';
import type { AnyNode, NodePath, ObjectNode, PropertyNode, ScalarNode } from '../model/nodes';
import { forEachOperation, pointerToPath, requestValidators, securitySchemes } from '../model/openapiWalk';
import { refFragment, resolveUri, sameUri } from '../model/refUri';
import { allRefs, pointerOf, refContainersOf } from './editing/references';
import type { DocumentResolver, WorkspaceDocuments } from './validationTypes';
import { keyOf } from '../model/property';

export const VALIDATOR_KEY = 'x-amazon-apigateway-request-validator';
const VALIDATORS_KEY = 'x-amazon-apigateway-request-validators';
const ALIAS = 42; // *

/**
 * A named thing that other places refer to by name. Components are referred to by `$ref`, possibly from other files;
 * request validators and security schemes only by name, from the document that defines them.
 */
export type NamedSymbol =
  | { kind: 'component'; uri: string; pointer: string; name: string }
  | { kind: 'validator'; name: string }
  | { kind: 'securityScheme'; name: string };

/** A scalar that names a symbol, in the document it stands in. */
export interface SymbolSite {
  document: ApiDocument;
  node: ScalarNode;
}

export interface SymbolUses {
  /** The key that defines the symbol, when the defining document could be read. */
  declaration?: SymbolSite;
  uses: SymbolSite[];
}

/** The scalar under the cursor and the path of its property, when the cursor is on a key or a scalar value. */
export function scalarAt(document: ApiDocument, offset: number): { node: ScalarNode; path: NodePath; isKey: boolean } | undefined {
  const node = nodeAtOffset(document.root, offset);
  if (!isScalar(node) || node.parent?.type !== 'property') return undefined;
  return { node, path: pathOf(node), isKey: keyOf(node.parent) === node };
}

/** A security requirement's key: `security[i].name` at the root or on an operation. */
export function isRequirementKey(path: NodePath): boolean {
  const n = path.length;
  return n >= 3 && path[n - 3] === 'security' && typeof path[n - 2] === 'number' && (n === 3 || (n === 6 && path[0] === 'paths'));
}

function isEntryOf(path: NodePath, container: NodePath): boolean {
  return path.length === container.length + 1 && container.every((segment, i) => path[i] === segment);
}

/** A file of bare definitions (`Pet: {...}` at its root, no `openapi`, `swagger` or `paths`), which `$ref`s name by root key. */
function isDefinitionsFile(document: ApiDocument): boolean {
  const root = document.root;
  return root?.type === 'object' && !['openapi', 'swagger', 'paths'].some((k) => getProperty(root, k));
}

/** The symbol named by the scalar under the cursor, and that scalar. */
export function symbolAt(document: ApiDocument, offset: number): { symbol: NamedSymbol; node: ScalarNode } | undefined {
  const at = scalarAt(document, offset);
  if (!at) return undefined;
  const { node, path, isKey } = at;
  const key = String(path[path.length - 1]);
  const schemesPath = document.isOpenApi3 ? ['components', 'securitySchemes'] : ['securityDefinitions'];
  if (isKey && (isRequirementKey(path) || isEntryOf(path, schemesPath))) return { symbol: { kind: 'securityScheme', name: key }, node };
  if (isKey && isEntryOf(path, [VALIDATORS_KEY])) return { symbol: { kind: 'validator', name: key }, node };
  if (!isKey && key === VALIDATOR_KEY && typeof node.value === 'string') return { symbol: { kind: 'validator', name: node.value }, node };
  if (!isKey && key === '$ref' && typeof node.value === 'string') {
    const uri = resolveUri(document.uri, node.value);
    const pointer = refFragment(node.value);
    if (!uri || !pointer || pointer === '#' || pointer === '#/') return undefined;
    const segments = pointerToPath(pointer.slice(1));
    return { symbol: { kind: 'component', uri, pointer, name: String(segments[segments.length - 1]) }, node };
  }
  if (isKey && (refContainersOf(document).some((c) => isEntryOf(path, c)) || (path.length === 1 && isDefinitionsFile(document) && (node.parent as PropertyNode).value?.type === 'object'))) {
    return { symbol: { kind: 'component', uri: document.uri, pointer: pointerOf(path), name: key }, node };
  }
  return undefined;
}

/** A copy made for a YAML alias stands where the alias is written; the original is found at its anchor. */
function isAliasCopy(site: SymbolSite): boolean {
  return site.document.text.charCodeAt(site.node.offset) === ALIAS;
}

/** Where a definition is named: the key of its entry. */
function definitionKey(node: AnyNode | undefined): ScalarNode | undefined {
  return node?.parent?.type === 'property' ? keyOf(node.parent) : undefined;
}

/**
 * The declaration and every use of a symbol. Components are looked for in `document` and every workspace file, since
 * a `$ref` in one file may name a definition in another; the others only in `document`.
 */
export async function findSymbolUses(document: ApiDocument, symbol: NamedSymbol, resolver?: DocumentResolver, workspace?: WorkspaceDocuments): Promise<SymbolUses> {
  if (symbol.kind !== 'component') {
    const found = symbol.kind === 'validator' ? validatorUses(document, symbol.name) : schemeUses(document, symbol.name);
    return { declaration: found.declaration, uses: found.uses.filter((use) => !isAliasCopy(use)) };
  }
  const documents = [document];
  for (const other of workspace ? await workspace.documents((text) => text.includes('$ref')) : []) {
    if (!documents.some((d) => sameUri(d.uri, other.uri))) documents.push(other);
  }
  const uses: SymbolSite[] = [];
  for (const d of documents) {
    for (const { node, ref } of allRefs(d)) {
      if (isAliasCopy({ document: d, node })) continue;
      const uri = resolveUri(d.uri, ref);
      if (uri && sameUri(uri, symbol.uri) && refFragment(ref) === symbol.pointer) uses.push({ document: d, node });
    }
  }
  const target = documents.find((d) => sameUri(d.uri, symbol.uri)) ?? (resolver ? await resolver.resolve(document.uri, symbol.uri) : undefined);
  const key = target ? definitionKey(findNodeAtPath(target.root, pointerToPath(symbol.pointer.slice(1)))) : undefined;
  return { declaration: target && key ? { document: target, node: key } : undefined, uses };
}

function schemeUses(document: ApiDocument, name: string): SymbolUses {
  const declaration = getProperty(securitySchemes(document), name);
  const uses: SymbolSite[] = [];
  const requirementKeys = (security: AnyNode | undefined) => {
    if (security?.type !== 'array') return;
    for (const requirement of security.items) {
      const use = getProperty(requirement, name);
      if (use) uses.push({ document, node: keyOf(use) });
    }
  };
  requirementKeys(getProperty(document.root, 'security')?.value);
  forEachOperation(document, (op) => requirementKeys(getProperty(op.operation, 'security')?.value));
  return { declaration: declaration ? { document, node: keyOf(declaration) } : undefined, uses };
}

function validatorUses(document: ApiDocument, name: string): SymbolUses {
  const declaration = getProperty(requestValidators(document), name);
  const uses: SymbolSite[] = [];
  visitProperties(document.root, (p) => {
    if (keyName(p) === VALIDATORS_KEY) return false;
    if (keyName(p) === VALIDATOR_KEY && p.value?.type === 'string' && p.value.value === name) uses.push({ document, node: p.value });
    return undefined;
  });
  return { declaration: declaration ? { document, node: keyOf(declaration) } : undefined, uses };
}

/** The map that holds the symbol's definitions, where a new name must not already be taken. */
export function definitionsOf(document: ApiDocument, symbol: NamedSymbol, target: ApiDocument | undefined): ObjectNode | undefined {
  if (symbol.kind === 'validator') return requestValidators(document);
  if (symbol.kind === 'securityScheme') return securitySchemes(document);
  if (!target) return undefined;
  const path = pointerToPath(symbol.pointer.slice(1));
  const container = findNodeAtPath(target.root, path.slice(0, -1));
  return container?.type === 'object' ? container : undefined;
}
