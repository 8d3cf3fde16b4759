import { isAliasCopy, type ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, getProperty, isPathPrefix, isScalar, keyName, nodeAtOffset, pathOf, visitProperties } from '../model/navigate';
import type { AnyNode, NodePath, ObjectNode, PropertyNode, ScalarNode } from '../model/nodes';
import { forEachOperation, pointerToPath, requestValidators, securitySchemes } from '../model/openapiWalk';
import { refFragment, resolveUri, sameUri } from '../model/refUri';
import { ANY_VERSION_CONTAINERS, isDefinitionsFile, refContainersOf } from './editing/references';
import type { DocumentResolver, WorkspaceDocuments } from './validationTypes';
import { keyOf } from '../model/property';

export const VALIDATOR_KEY = 'x-amazon-apigateway-request-validator';
const VALIDATORS_KEY = 'x-amazon-apigateway-request-validators';
const OPENAPI3_SCHEMES: NodePath = ['components', 'securitySchemes'];

/**
 * A named thing that other places refer to by name. Components are referred to by `$ref` (and discriminator
 * mappings), possibly from other files; request validators only by name; security schemes by name from security
 * requirements, and by `$ref` inside their own document.
 */
export type NamedSymbol =
  | { kind: 'component'; uri: string; path: NodePath; name: string }
  | { kind: 'validator'; name: string }
  | { kind: 'securityScheme'; name: string };

/**
 * A scalar that names a symbol, in the document it stands in: the name itself (a key, a validator name, a discriminator
 * mapping's schema name), or a pointer whose segment `segment` is the name (`$ref`s, mapping references).
 */
export interface SymbolSite {
  document: ApiDocument;
  node: ScalarNode;
  segment?: number;
}

export interface SymbolUses {
  /** The key that defines the symbol, when the defining document could be read. */
  declaration?: SymbolSite;
  uses: SymbolSite[];
  /** Workspace files that hold a `$ref` but could not be parsed: uses in them cannot be seen. */
  unreadable: ApiDocument[];
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
  return path.length === container.length + 1 && isPathPrefix(path, container);
}

/**
 * The component a pointer leads into: the entry of a container (`components/schemas/Pet`, `definitions/Pet`) it names
 * or points inside of (`.../Pet/properties/id`), or a root key of another file, which may be a bare definitions file.
 */
function componentOf(document: ApiDocument, segments: NodePath, external: boolean): NodePath | undefined {
  for (const container of external ? ANY_VERSION_CONTAINERS : refContainersOf(document)) {
    if (segments.length > container.length && isPathPrefix(segments, container)) return segments.slice(0, container.length + 1);
  }
  return external && segments.length > 0 ? segments.slice(0, 1) : undefined;
}

/** The symbol named by the scalar under the cursor, and that scalar. */
export function symbolAt(document: ApiDocument, offset: number): { symbol: NamedSymbol; node: ScalarNode } | undefined {
  const at = scalarAt(document, offset);
  if (!at) return undefined;
  const { node, path, isKey } = at;
  const key = String(path[path.length - 1]);
  const schemesPath = document.isOpenApi3 ? OPENAPI3_SCHEMES : ['securityDefinitions'];
  if (isKey && (isRequirementKey(path) || isEntryOf(path, schemesPath))) return { symbol: { kind: 'securityScheme', name: key }, node };
  if (isKey && isEntryOf(path, [VALIDATORS_KEY])) return { symbol: { kind: 'validator', name: key }, node };
  if (!isKey && key === VALIDATOR_KEY && typeof node.value === 'string') return { symbol: { kind: 'validator', name: node.value }, node };
  if (!isKey && key === '$ref' && typeof node.value === 'string') {
    const symbol = refSymbol(document, node.value);
    return symbol ? { symbol, node } : undefined;
  }
  if (isKey && (refContainersOf(document).some((c) => isEntryOf(path, c)) || (path.length === 1 && isDefinitionsFile(document) && (node.parent as PropertyNode).value?.type === 'object'))) {
    return { symbol: { kind: 'component', uri: document.uri, path, name: key }, node };
  }
  return undefined;
}

/** The file a pointer (`other.yaml#/a/b`, `#/a/b`) written in `baseUri` leads to, and the steps within it. */
function pointerTarget(baseUri: string, ref: string): { uri: string; segments: NodePath } | undefined {
  const uri = resolveUri(baseUri, ref);
  const fragment = refFragment(ref);
  if (!uri || fragment === undefined || !fragment.startsWith('#/')) return undefined;
  return { uri, segments: pointerToPath(fragment.slice(1)) };
}

/** What a `$ref` names: a component here or in another file, or a security scheme of this document. */
function refSymbol(document: ApiDocument, ref: string): NamedSymbol | undefined {
  const target = pointerTarget(document.uri, ref);
  if (!target) return undefined;
  const { uri } = target;
  const external = !sameUri(uri, document.uri);
  const component = componentOf(document, target.segments, external);
  if (!component) return undefined;
  const name = String(component[component.length - 1]);
  if (!external && document.isOpenApi3 && component.length === 3 && isPathPrefix(component, OPENAPI3_SCHEMES)) return { kind: 'securityScheme', name };
  return { kind: 'component', uri, path: component, name };
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
    return { declaration: found.declaration, uses: found.uses.filter((use) => !isAliasCopy(use.document, use.node)), unreadable: [] };
  }
  const documents = [document];
  for (const other of workspace ? await workspace.documents((text) => text.includes('$ref') || text.includes('mapping')) : []) {
    if (!documents.some((d) => sameUri(d.uri, other.uri))) documents.push(other);
  }
  const target = documents.find((d) => sameUri(d.uri, symbol.uri)) ?? (resolver ? await resolver.resolve(document.uri, symbol.uri) : undefined);
  const uses: SymbolSite[] = [];
  for (const d of documents) {
    // A large definition writes the same few pointers thousands of times: each is resolved once.
    const targets = new Map<string, ReturnType<typeof pointerTarget>>();
    const targetOf = (ref: string) => {
      if (!targets.has(ref)) targets.set(ref, pointerTarget(d.uri, ref));
      return targets.get(ref);
    };
    for (const site of pointerSites(d)) {
      if (isAliasCopy(site.document, site.node)) continue;
      if (site.segment === undefined) {
        // A discriminator mapping may name a schema of its own document by name alone.
        if (sameUri(d.uri, symbol.uri) && symbol.path[0] === 'components' && symbol.path[1] === 'schemas' && site.node.value === symbol.name) uses.push(site);
        continue;
      }
      const target = targetOf(String(site.node.value));
      if (target && sameUri(target.uri, symbol.uri) && isPathPrefix(target.segments, symbol.path)) uses.push({ ...site, segment: symbol.path.length - 1 });
    }
  }
  const key = target ? definitionKey(findNodeAtPath(target.root, symbol.path)) : undefined;
  const unreadable = documents.filter((d) => (!d.root || d.recovered) && d.text.includes('$ref'));
  return { declaration: target && key ? { document: target, node: key } : undefined, uses, unreadable };
}

/** The pointer sites of each document asked about: the walk over a large document takes longer than the search. */
const sitesOf = new WeakMap<ApiDocument, SymbolSite[]>();

/** Every `$ref` value and discriminator mapping value of a document; `segment` marks pointers (set once matched). */
function pointerSites(document: ApiDocument): SymbolSite[] {
  let sites = sitesOf.get(document);
  if (!sites) sitesOf.set(document, (sites = findPointerSites(document)));
  return sites;
}

function findPointerSites(document: ApiDocument): SymbolSite[] {
  const sites: SymbolSite[] = [];
  visitProperties(document.root, (p) => {
    if (p.keyValue === '$ref' && p.value?.type === 'string') sites.push({ document, node: p.value, segment: -1 });
    if (p.keyValue === 'mapping' && p.value?.type === 'object' && p.parent.parent?.type === 'property' && p.parent.parent.keyValue === 'discriminator') {
      for (const entry of p.value.properties) {
        if (entry.value?.type !== 'string') continue;
        const value = entry.value.value as string;
        sites.push(value.includes('#') ? { document, node: entry.value, segment: -1 } : { document, node: entry.value });
      }
    }
  });
  return sites;
}

function schemeUses(document: ApiDocument, name: string): Omit<SymbolUses, 'unreadable'> {
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
  if (document.isOpenApi3) {
    const path = [...OPENAPI3_SCHEMES, name];
    for (const site of pointerSites(document)) {
      const ref = String(site.node.value);
      // Local pointers only: a scheme belongs to the document whose requirements name it.
      const target = site.segment === undefined || !ref.startsWith('#/') ? undefined : pointerTarget(document.uri, ref);
      if (target && target.segments.length === path.length && isPathPrefix(target.segments, path)) uses.push({ ...site, segment: path.length - 1 });
    }
  }
  return { declaration: declaration ? { document, node: keyOf(declaration) } : undefined, uses };
}

function validatorUses(document: ApiDocument, name: string): Omit<SymbolUses, 'unreadable'> {
  const declaration = getProperty(requestValidators(document), name);
  const uses: SymbolSite[] = [];
  visitProperties(document.root, (p) => {
    if (keyName(p) === VALIDATORS_KEY) return false;
    if (keyName(p) === VALIDATOR_KEY && p.value?.type === 'string' && p.value.value === name) uses.push({ document, node: p.value });
    return undefined;
  });
  return { declaration: declaration ? { document, node: keyOf(declaration) } : undefined, uses };
}

/** Whether the symbol's definition is in `document` and missing, which can be told without reading other files. */
export function isKnownMissing(document: ApiDocument, symbol: NamedSymbol): boolean {
  if (symbol.kind === 'validator') return !getProperty(requestValidators(document), symbol.name);
  if (symbol.kind === 'securityScheme') return !getProperty(securitySchemes(document), symbol.name);
  return sameUri(symbol.uri, document.uri) && !findNodeAtPath(document.root, symbol.path);
}

/** The map that holds the symbol's definitions, where a new name must not already be taken. */
export function definitionsOf(document: ApiDocument, symbol: NamedSymbol, target: ApiDocument | undefined): ObjectNode | undefined {
  if (symbol.kind === 'validator') return requestValidators(document);
  if (symbol.kind === 'securityScheme') return securitySchemes(document);
  if (!target) return undefined;
  const container = symbol.path.length === 1 ? target.root : findNodeAtPath(target.root, symbol.path.slice(0, -1));
  return container?.type === 'object' ? container : undefined;
}

/** Whether the symbol is a model: a schema of 3.x, a definition of 2.0, or an entry of a bare definitions file. */
export function isModel(symbol: NamedSymbol): boolean {
  if (symbol.kind !== 'component') return false;
  const container = symbol.path.slice(0, -1).join('/');
  return container === 'components/schemas' || container === 'definitions' || container === '';
}

