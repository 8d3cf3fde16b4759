import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { asString, getProperty, getValue, keyName } from '../model/navigate';
import type { PropertyNode, ValueNode } from '../model/nodes';
import { deref, isMethodKey, methodLabel, modelDefinitions, requestValidators, securitySchemes } from '../model/openapiWalk';
import { keyOf } from '../model/property';
import type { DocumentResolver } from './validationTypes';
import { resolveUri } from '../model/refUri';
import { referenceTarget } from './splitDefinitions';

/** A path item that stands where a path's `$ref` leads, in the document it stands in. */
export interface PathItemElsewhere {
  document: ApiDocument;
  node: ValueNode;
}

/** Path items found where `$ref`s lead, by the path's property. */
export type PathItemsElsewhere = Map<PropertyNode, PathItemElsewhere>;

/** A chain of `$ref`s to a path item or operation is followed this far; a longer one is most likely a cycle. */
const MAX_PATH_ITEM_HOPS = 8;
/**
 * Files read from disk for one outline, beyond those the resolver holds (which validation has read): the outline is
 * asked after every edit, and a definition of hundreds of path item files must not read them all each time.
 */
const MAX_FILES_READ = 64;

/**
 * The outline: each path with its operations (and what they call), then models, security schemes, validators, gateway
 * responses. The operations of a path item kept elsewhere (`$ref: paths/pets.yaml`) are listed under its path when
 * `elsewhere` has them, at the `$ref`.
 */
export function findDocumentSymbols(document: ApiDocument, elsewhere?: PathItemsElsewhere): DocumentSymbol[] {
  return findOutline(document, Infinity, elsewhere).symbols;
}

/**
 * The path items of the document's paths that are `$ref`s, read where they lead: in the document itself, or in the
 * files the resolver holds or reads, each file once. A reference that leads nowhere is left out (validation says why).
 */
export async function readPathItemsElsewhere(document: ApiDocument, resolver: DocumentResolver | undefined, maxEntries = Infinity, isCancelled: () => boolean = () => false, fileOf = refReader(document, resolver)): Promise<PathItemsElsewhere> {
  const found: PathItemsElsewhere = new Map();
  const paths = getValue(document.root, 'paths');
  if (paths?.type !== 'object') return found;
  for (let i = 0; i < paths.properties.length && i < maxEntries && !isCancelled(); i++) {
    const path = paths.properties[i];
    if (asString(getValue(path.value, '$ref')) === undefined) continue;
    const item = await followRefs(document, path.value!, fileOf);
    if (item) found.set(path, item);
  }
  return found;
}

/** The document a `$ref` written in `from` names. */
export type RefReader = (from: ApiDocument, ref: string) => Promise<ApiDocument | undefined>;

/**
 * Reads the files `$ref`s of a definition name, each once: what the resolver holds without reading it, and at most
 * `MAX_FILES_READ` more.
 */
export function refReader(document: ApiDocument, resolver: DocumentResolver | undefined): RefReader {
  const files = new Map<string, Promise<ApiDocument | undefined>>();
  let read = 0;
  return (from, ref) => {
    if (ref.startsWith('#')) return Promise.resolve(from);
    const uri = resolveUri(from.uri, ref);
    if (uri === undefined || !resolver) return Promise.resolve(undefined);
    let file = files.get(uri);
    if (!file) {
      const held = resolver.loaded?.(from.uri, ref);
      file = held ? Promise.resolve(held) : read++ < MAX_FILES_READ ? resolver.resolve(from.uri, ref, document.uri).catch(() => undefined) : Promise.resolve(undefined);
      files.set(uri, file);
    }
    return file;
  };
}

/** An object where a chain of `$ref`s from `value` ends, in the document it stands in; `value` itself when it is none. */
export async function followRefs(from: ApiDocument, value: ValueNode, fileOf: RefReader): Promise<PathItemElsewhere | undefined> {
  let document = from;
  let node = value;
  for (let hop = 0; hop < MAX_PATH_ITEM_HOPS; hop++) {
    const ref = asString(getValue(node, '$ref'));
    if (ref === undefined) return node.type === 'object' ? { document, node } : undefined;
    const target = await fileOf(document, ref);
    const next = target && referenceTarget(document, ref, document, () => target)?.node;
    if (!target || !next) return undefined;
    document = target;
    node = next;
  }
  return undefined;
}

/**
 * The outline with at most `maxEntries` paths and entries of each group, and the lists cut short (`20000 paths`), so that the outline of a huge document takes a bounded time to make and to send.
 */
export function findOutline(document: ApiDocument, maxEntries: number, elsewhere?: PathItemsElsewhere): { symbols: DocumentSymbol[]; cut: string[] } {
  const symbols: DocumentSymbol[] = [];
  const cut: string[] = [];
  const paths = getProperty(document.root, 'paths');
  if (paths?.value?.type === 'object') {
    const items = paths.value.properties;
    if (items.length > maxEntries) cut.push(`${items.length} paths`);
    for (let i = 0; i < items.length && i < maxEntries; i++) symbols.push(pathSymbol(document, items[i], elsewhere?.get(items[i])));
  }
  const groups: [string, PropertyNode | undefined, SymbolKind][] = [
    [document.kind === 'swagger' ? 'Definitions' : 'Schemas', containerProperty(modelDefinitions(document)), SymbolKind.Class],
    ['Security schemes', containerProperty(securitySchemes(document)), SymbolKind.Key],
    ['Request validators', containerProperty(requestValidators(document)), SymbolKind.Constant],
    ['Gateway responses', getProperty(document.root, 'x-amazon-apigateway-gateway-responses'), SymbolKind.Event],
    ['Integrations', getProperty(getValue(document.root, 'components'), 'x-amazon-apigateway-integrations'), SymbolKind.Function],
  ];
  for (const [name, container, kind] of groups) {
    if (container?.value?.type !== 'object') continue;
    const describe = kind === SymbolKind.Function ? (v: ValueNode | undefined) => integrationSummary(deref(document, v)) : (v: ValueNode | undefined) => describeEntry(document, v);
    const entries = container.value.properties;
    if (entries.length > maxEntries) cut.push(`${entries.length} ${name.toLowerCase()}`);
    const children = entries.slice(0, maxEntries).map((p) => symbol(document, keyName(p), kind, p, describe(p.value)));
    symbols.push({ ...symbol(document, name, SymbolKind.Namespace, container), children });
  }
  return { symbols, cut };
}

function containerProperty(node: ValueNode | undefined): PropertyNode | undefined {
  return node?.parent?.type === 'property' ? node.parent : undefined;
}

/**
 * A path and its operations. Those of a path item kept elsewhere stand at the path's `$ref` here, where the outline
 * can take the editor: an outline's entries are places in its own document.
 */
function pathSymbol(document: ApiDocument, path: PropertyNode, elsewhere: PathItemElsewhere | undefined): DocumentSymbol {
  const children: DocumentSymbol[] = [];
  const own = new Set<string>();
  // Operations written beside a `$ref` are the document's own; those of the item it leads to follow them.
  for (const entry of operationEntries(path.value)) {
    own.add(keyName(entry));
    children.push(symbol(document, methodLabel(keyName(entry)), SymbolKind.Method, entry, operationDetail(document, entry.value)));
  }
  const ref = elsewhere && getProperty(path.value, '$ref');
  if (elsewhere && ref?.value) {
    const at = document.rangeOf(ref.value);
    for (const entry of operationEntries(elsewhere.node)) {
      if (own.has(keyName(entry))) continue;
      const detail = operationDetail(elsewhere.document, entry.value);
      children.push({ name: methodLabel(keyName(entry)), kind: SymbolKind.Method, range: document.rangeOf(path), selectionRange: at, ...(detail ? { detail } : {}) });
    }
  }
  return { ...symbol(document, keyName(path), SymbolKind.Namespace, path, ref?.value ? asString(ref.value) : undefined), children };
}

/** The operations of a path item, by their method keys. */
export function operationEntries(item: ValueNode | undefined): PropertyNode[] {
  return item?.type === 'object' ? item.properties.filter((entry) => isMethodKey(keyName(entry))) : [];
}

/** `getPet · AWS_PROXY → GetPetFunction`: the operationId, the integration type and its target. */
function operationDetail(document: ApiDocument, operation: ValueNode | undefined): string | undefined {
  const operationId = asString(getValue(operation, 'operationId'));
  const integration = deref(document, getValue(operation, 'x-amazon-apigateway-integration'));
  const parts = [operationId, integrationSummary(integration)].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : undefined;
}

function integrationSummary(integration: ValueNode | undefined): string | undefined {
  const type = asString(getValue(integration, 'type'))?.toUpperCase();
  if (!type) return undefined;
  const subtype = asString(getValue(integration, 'integrationSubtype'));
  const uri = asString(getValue(integration, 'uri'));
  const target = subtype ?? (uri ? lambdaFunctionName(uri) ?? (type.startsWith('HTTP') ? uri : undefined) : undefined);
  return target ? `${type} → ${target}` : type;
}

/** The function name inside a Lambda ARN or invocation URI (`...:function:GetPet:live/invocations` → GetPet). */
function lambdaFunctionName(uri: string): string | undefined {
  return /:function:([^:/]+)/.exec(uri)?.[1];
}

function describeEntry(document: ApiDocument, value: ValueNode | undefined): string | undefined {
  const resolved = deref(document, value);
  const type = asString(getValue(resolved, 'type'));
  const authorizer = asString(getValue(getValue(resolved, 'x-amazon-apigateway-authorizer'), 'type'));
  if (authorizer) return `${type ?? ''} authorizer: ${authorizer}`.trim();
  const statusCode = getValue(resolved, 'statusCode');
  if (statusCode && statusCode.type !== 'object' && statusCode.type !== 'array') return String(statusCode.value);
  const checks = ['validateRequestBody', 'validateRequestParameters'].filter((k) => getValue(resolved, k)?.type === 'boolean' && (getValue(resolved, k) as { value: unknown }).value === true);
  if (checks.length) return checks.map((c) => (c === 'validateRequestBody' ? 'body' : 'parameters')).join(' + ');
  return type;
}

function symbol(document: ApiDocument, name: string, kind: SymbolKind, property: PropertyNode, detail?: string): DocumentSymbol {
  const result: DocumentSymbol = { name: name || '""', kind, range: document.rangeOf(property), selectionRange: document.rangeOf(keyOf(property)) };
  if (detail) result.detail = detail;
  return result;
}

