import { isAliasCopy, type ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, getProperty, isPathPrefix, isScalar, keyName, nodeAtOffset, pathOf, visitProperties } from '../model/navigate';
import type { AnyNode, NodePath, ObjectNode, PropertyNode, ScalarNode } from '../model/nodes';
import { forEachOperation, isMethodKey, modelDefinitions, pointerToPath, requestValidators, securitySchemes } from '../model/openapiWalk';
import { refFragment, resolveUri, sameUri } from '../model/refUri';
import { ANY_VERSION_CONTAINERS, isDefinitionsFile, refContainersOf } from './editing/references';
import { integrationResponseStatus, responseHeadersAt } from './editing/operationFacts';
import type { DocumentResolver, WorkspaceDocuments } from './validationTypes';
import { keyOf } from '../model/property';
import { mappedResponseHeader } from '../model/methodResponseHeaders';

export const VALIDATOR_KEY = 'x-amazon-apigateway-request-validator';
const VALIDATORS_KEY = 'x-amazon-apigateway-request-validators';
const OPENAPI3_SCHEMES: NodePath = ['components', 'securitySchemes'];
const DOCUMENTATION_KEY = 'x-amazon-apigateway-documentation';
const AUTHORIZER_KEY = 'x-amazon-apigateway-authorizer';
const INTEGRATION_KEY = 'x-amazon-apigateway-integration';

/**
 * A named thing that other places refer to by name. Components are referred to by `$ref` (and discriminator
 * mappings), possibly from other files; request validators only by name; security schemes by name from security
 * requirements, and by `$ref` inside their own document.
 */
export type NamedSymbol =
  | { kind: 'component'; uri: string; path: NodePath; name: string }
  /** Something inside a component (a property, a nested schema), named by a pointer segment past the component's name. */
  | { kind: 'member'; uri: string; path: NodePath; name: string; component: string }
  | { kind: 'validator'; name: string }
  | { kind: 'securityScheme'; name: string }
  /**
   * A header a method response declares (`path` leads to its key), named by the `method.response.header.NAME` keys of
   * the integration responses that answer with that response.
   */
  | { kind: 'responseHeader'; path: NodePath; name: string };

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

/** A symbol, the scalar under the cursor that names it, and for a pointer where it leads. */
export interface SymbolAtCursor {
  symbol: NamedSymbol;
  node: ScalarNode;
  /**
   * False when the cursor is on a pointer but not on the segment that names the symbol: on its file part or on a
   * container segment such as `components`. The pointer still names the symbol, but its name is elsewhere.
   */
  onName: boolean;
  /** For a pointer: the file it leads to and every step within it. */
  pointer?: { uri: string; segments: NodePath };
}

/** The symbol named by the scalar under the cursor. */
export function symbolAt(document: ApiDocument, offset: number): SymbolAtCursor | undefined {
  const at = scalarAt(document, offset);
  if (!at) return undefined;
  const { node, path, isKey } = at;
  const key = String(path[path.length - 1]);
  const named = (symbol: NamedSymbol): SymbolAtCursor => ({ symbol, node, onName: true });
  const schemesPath = document.isOpenApi3 ? OPENAPI3_SCHEMES : ['securityDefinitions'];
  if (isKey && (isRequirementKey(path) || isEntryOf(path, schemesPath))) return named({ kind: 'securityScheme', name: key });
  if (isKey && isEntryOf(path, [VALIDATORS_KEY])) return named({ kind: 'validator', name: key });
  if (isKey) {
    const header = responseHeaderSymbol(document, path, key);
    if (header) return named(header);
  }
  if (!isKey && key === VALIDATOR_KEY && typeof node.value === 'string') return named({ kind: 'validator', name: node.value });
  if (!isKey && key === '$ref' && typeof node.value === 'string') return pointerSymbolAt(document, node, offset);
  if (!isKey && typeof node.value === 'string') {
    const documented = documentedEntity(document, path);
    if (documented === 'MODEL') return named({ kind: 'component', uri: document.uri, path: [...modelsPathOf(document), node.value], name: node.value });
    if (documented === 'AUTHORIZER' && isAuthorizer(getProperty(securitySchemes(document), node.value))) return named({ kind: 'securityScheme', name: node.value });
  }
  if (isKey && (refContainersOf(document).some((c) => isEntryOf(path, c)) || (path.length === 1 && isDefinitionsFile(document) && (node.parent as PropertyNode).value?.type === 'object'))) {
    return named({ kind: 'component', uri: document.uri, path, name: key });
  }
  return undefined;
}

/**
 * What the segment under the cursor names in a `$ref`: the component for its name segment, something inside the
 * component for a later segment. Where the source does not spell the pointer as its value, the cursor cannot be placed
 * on a segment, and the pointer names what it leads to.
 */
function pointerSymbolAt(document: ApiDocument, node: ScalarNode, offset: number): SymbolAtCursor | undefined {
  const ref = String(node.value);
  const symbol = refSymbol(document, ref);
  const pointer = pointerTarget(document.uri, ref);
  if (!symbol || !pointer || symbol.kind === 'validator') return undefined;
  const nameIndex = symbol.kind === 'securityScheme' ? OPENAPI3_SCHEMES.length : symbol.path.length - 1;
  const cursor = segmentUnder(document, node, offset);
  const index = cursor ?? pointer.segments.length - 1;
  if (index <= nameIndex) return { symbol, node, onName: index === nameIndex, pointer };
  const component = String(pointer.segments[nameIndex]);
  const member: NamedSymbol = { kind: 'member', uri: pointer.uri, path: pointer.segments.slice(0, index + 1), name: String(pointer.segments[index]), component };
  return { symbol: member, node, onName: cursor !== undefined, pointer };
}

/** The index of the pointer segment under the cursor, -1 before the fragment, undefined when it cannot be told. */
export function segmentUnder(document: ApiDocument, node: ScalarNode, offset: number): number | undefined {
  const count = rawSegments(String(node.value))?.segments.length ?? 0;
  for (let i = 0; i < count; i++) {
    const span = pointerSegmentSpan(document, node, i);
    if (!span) return undefined;
    // The end counts as well: a cursor just after a name is still on it.
    if (offset >= span.offset && offset <= span.end) return i;
  }
  return -1;
}

/** A pointer fragment's segments as written (escaped), and where they start in the value. */
function rawSegments(value: string): { start: number; segments: string[] } | undefined {
  const hash = value.indexOf('#');
  if (hash < 0 || value[hash + 1] !== '/') return undefined;
  return { start: hash + 2, segments: value.slice(hash + 2).split('/') };
}

/**
 * Source offsets of a pointer segment, when the source spells the value as it is: a plain or quoted scalar without
 * escapes, or a block scalar whose one line holds it.
 */
export function pointerSegmentSpan(document: ApiDocument, node: ScalarNode, segment: number): { offset: number; end: number } | undefined {
  const value = String(node.value);
  const parts = rawSegments(value);
  if (!parts || segment < 0 || segment >= parts.segments.length) return undefined;
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

/** A pointer with one segment replaced, keeping its file part and the rest as written. */
export function withPointerSegment(value: string, segment: number, text: string): string | undefined {
  const parts = rawSegments(value);
  if (!parts || segment >= parts.segments.length) return undefined;
  const segments = [...parts.segments];
  segments[segment] = text;
  return `${value.slice(0, parts.start)}${segments.join('/')}`;
}

/**
 * Which kind of entity a documentation part's `location.name` at `path` names, when it names one by the name it has
 * in the definition: a model (a schema's key) or an authorizer (its security scheme's key). Parameter, header and
 * path locations name things that have no renamable definition.
 */
function documentedEntity(document: ApiDocument, path: NodePath): 'MODEL' | 'AUTHORIZER' | undefined {
  if (path.length !== 5 || path[0] !== DOCUMENTATION_KEY || path[1] !== 'documentationParts' || path[3] !== 'location' || path[4] !== 'name') return undefined;
  const type = getProperty(findNodeAtPath(document.root, path.slice(0, 4)), 'type')?.value;
  return type?.type === 'string' && (type.value === 'MODEL' || type.value === 'AUTHORIZER') ? type.value : undefined;
}

/** The `location.name` scalars of a document's documentation parts of one type. */
function documentationNames(document: ApiDocument, type: 'MODEL' | 'AUTHORIZER', name: string): SymbolSite[] {
  const parts = getProperty(getProperty(document.root, DOCUMENTATION_KEY)?.value, 'documentationParts')?.value;
  if (parts?.type !== 'array') return [];
  const sites: SymbolSite[] = [];
  for (const part of parts.items) {
    const location = getProperty(part, 'location')?.value;
    const typeNode = getProperty(location, 'type')?.value;
    const nameNode = getProperty(location, 'name')?.value;
    if (typeNode?.type === 'string' && typeNode.value === type && nameNode?.type === 'string' && nameNode.value === name) sites.push({ document, node: nameNode });
  }
  return sites;
}

/** Where a document keeps its models, as `modelDefinitions` reads them. */
function modelsPathOf(document: ApiDocument): NodePath {
  return document.kind === 'swagger' ? ['definitions'] : ['components', 'schemas'];
}

/** Whether a security scheme defines an authorizer: API Gateway names the authorizer it imports by the scheme's key. */
function isAuthorizer(scheme: PropertyNode | undefined): boolean {
  return !!getProperty(scheme?.value, AUTHORIZER_KEY);
}

/** Go to definition from a documentation part's `location.name`: the model's or the authorizer's key. */
export function documentedDefinition(document: ApiDocument, path: NodePath, name: string): ScalarNode | undefined {
  const documented = documentedEntity(document, path);
  if (documented === 'MODEL') {
    const model = getProperty(modelDefinitions(document), name);
    return model && keyOf(model);
  }
  const scheme = documented === 'AUTHORIZER' ? getProperty(securitySchemes(document), name) : undefined;
  return scheme && isAuthorizer(scheme) ? keyOf(scheme) : undefined;
}

/**
 * The response header a key declares (in an operation's response, or in a shared response operations refer to), or the
 * declared header a `method.response.header.NAME` key of an integration response maps to.
 */
function responseHeaderSymbol(document: ApiDocument, path: NodePath, key: string): NamedSymbol | undefined {
  const n = path.length;
  const shared = document.kind === 'swagger' ? ['responses'] : ['components', 'responses'];
  const inOperation = n === 7 && path[0] === 'paths' && isMethodKey(String(path[2])) && path[3] === 'responses' && path[5] === 'headers';
  const inShared = n === shared.length + 3 && isPathPrefix(path, shared) && path[n - 2] === 'headers';
  if (inOperation || inShared) return { kind: 'responseHeader', path, name: key };
  const mapped = mappedResponseHeader(key);
  if (mapped === undefined || path[n - 2] !== 'responseParameters' || path[n - 4] !== 'responses' || path[n - 5] !== INTEGRATION_KEY) return undefined;
  const declared = mappedHeaderDeclaration(document, path, mapped);
  return declared && { kind: 'responseHeader', path: pathOf(keyOf(declared)), name: keyName(declared) };
}

/**
 * The header an integration response's mapping key at `path` writes: the one its status code's method response
 * declares, letter case aside, as HTTP compares header names.
 */
export function mappedHeaderDeclaration(document: ApiDocument, path: NodePath, name: string): PropertyNode | undefined {
  const status = integrationResponseStatus(document, path);
  const wanted = name.toLowerCase();
  return status === undefined ? undefined : responseHeadersAt(document, path, status)?.find((header) => keyName(header).toLowerCase() === wanted);
}

/**
 * The mapping keys that write a declared response header: those of every integration response whose status code
 * selects a method response declaring it, found the way Go to Definition goes back from each key, so the two agree.
 */
function responseHeaderUses(document: ApiDocument, symbol: { path: NodePath; name: string }): Omit<SymbolUses, 'unreadable'> {
  const declared = getProperty(findNodeAtPath(document.root, symbol.path.slice(0, -1)), String(symbol.path[symbol.path.length - 1]));
  if (!declared) return { uses: [] };
  const wanted = symbol.name.toLowerCase();
  const uses: SymbolSite[] = [];
  forEachOperation(document, (op) => {
    const responses = getProperty(getProperty(op.operation, INTEGRATION_KEY)?.value, 'responses')?.value;
    if (responses?.type !== 'object') return;
    for (const response of responses.properties) {
      const parameters = getProperty(response.value, 'responseParameters')?.value;
      if (parameters?.type !== 'object') continue;
      for (const parameter of parameters.properties) {
        const name = mappedResponseHeader(keyName(parameter));
        if (name === undefined || name.toLowerCase() !== wanted) continue;
        const node = keyOf(parameter);
        if (mappedHeaderDeclaration(document, pathOf(node), name) === declared) uses.push({ document, node });
      }
    }
  });
  return { declaration: { document, node: keyOf(declared) }, uses };
}

/** The file a pointer (`other.yaml#/a/b`, `#/a/b`) written in `baseUri` leads to, and the steps within it. */
function pointerTarget(baseUri: string, ref: string): { uri: string; segments: NodePath } | undefined {
  const uri = resolveUri(baseUri, ref);
  const fragment = refFragment(ref);
  if (!uri || fragment === undefined || !fragment.startsWith('#/')) return undefined;
  return { uri, segments: pointerToPath(fragment.slice(1)) };
}

/** What a `$ref` names: a component here or in another file, or a security scheme of this document. */
export function refSymbol(document: ApiDocument, ref: string): NamedSymbol | undefined {
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
  if (symbol.kind === 'validator' || symbol.kind === 'securityScheme' || symbol.kind === 'responseHeader') {
    const found = symbol.kind === 'validator' ? validatorUses(document, symbol.name) : symbol.kind === 'securityScheme' ? schemeUses(document, symbol.name) : responseHeaderUses(document, symbol);
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
        if (sameUri(d.uri, symbol.uri) && symbol.kind === 'component' && symbol.path.length === 3 && isPathPrefix(symbol.path, ['components', 'schemas']) && site.node.value === symbol.name) uses.push(site);
        continue;
      }
      const target = targetOf(String(site.node.value));
      if (target && sameUri(target.uri, symbol.uri) && isPathPrefix(target.segments, symbol.path)) uses.push({ ...site, segment: symbol.path.length - 1 });
    }
  }
  // A documentation part names a model of its own API by the model's name; API Gateway does not import other files' schemas as models.
  if (target && isModelOf(target, symbol)) uses.push(...documentationNames(target, 'MODEL', symbol.name).filter((site) => !isAliasCopy(target, site.node)));
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
  if (isAuthorizer(declaration)) uses.push(...documentationNames(document, 'AUTHORIZER', name));
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
  if (symbol.kind === 'responseHeader') return false;
  if (symbol.kind === 'validator') return !getProperty(requestValidators(document), symbol.name);
  if (symbol.kind === 'securityScheme') return !getProperty(securitySchemes(document), symbol.name);
  return sameUri(symbol.uri, document.uri) && !findNodeAtPath(document.root, symbol.path);
}

/** Whether a pointer of `document` leads to nothing, which can be told without reading other files. */
export function isKnownDangling(document: ApiDocument, pointer: { uri: string; segments: NodePath }): boolean {
  return sameUri(pointer.uri, document.uri) && !findNodeAtPath(document.root, pointer.segments);
}

/** The map that holds the symbol's definitions, where a new name must not already be taken. */
export function definitionsOf(document: ApiDocument, symbol: NamedSymbol, target: ApiDocument | undefined): ObjectNode | undefined {
  if (symbol.kind === 'validator') return requestValidators(document);
  if (symbol.kind === 'securityScheme') return securitySchemes(document);
  if (symbol.kind === 'responseHeader') {
    const headers = findNodeAtPath(document.root, symbol.path.slice(0, -1));
    return headers?.type === 'object' ? headers : undefined;
  }
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

/** Whether the symbol is one of the models of `document`, the one that defines it. */
function isModelOf(document: ApiDocument, symbol: NamedSymbol): boolean {
  if (symbol.kind !== 'component' || !sameUri(symbol.uri, document.uri)) return false;
  const models = modelsPathOf(document);
  return symbol.path.length === models.length + 1 && isPathPrefix(symbol.path, models);
}

