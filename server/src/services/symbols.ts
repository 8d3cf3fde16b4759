import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { asString, getProperty, getValue, keyName } from '../model/navigate';
import type { PropertyNode, ValueNode } from '../model/nodes';
import { ANY_METHOD_KEY, deref, HTTP_METHODS, modelDefinitions, requestValidators, securitySchemes } from '../model/openapiWalk';
import { keyOf } from '../model/property';

/** The outline: each path with its operations (and what they call), then models, security schemes, validators, gateway responses. */
export function findDocumentSymbols(document: ApiDocument): DocumentSymbol[] {
  return findOutline(document, Infinity).symbols;
}

/**
 * The outline with at most `maxEntries` paths and entries of each group, and the lists cut short (`20000 paths`), so that the outline of a huge document takes a bounded time to make and to send.
 */
export function findOutline(document: ApiDocument, maxEntries: number): { symbols: DocumentSymbol[]; cut: string[] } {
  const symbols: DocumentSymbol[] = [];
  const cut: string[] = [];
  const paths = getProperty(document.root, 'paths');
  if (paths?.value?.type === 'object') {
    const items = paths.value.properties;
    if (items.length > maxEntries) cut.push(`${items.length} paths`);
    for (let i = 0; i < items.length && i < maxEntries; i++) symbols.push(pathSymbol(document, items[i]));
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

function pathSymbol(document: ApiDocument, path: PropertyNode): DocumentSymbol {
  const children: DocumentSymbol[] = [];
  if (path.value?.type === 'object') {
    for (const entry of path.value.properties) {
      const key = keyName(entry);
      if (!HTTP_METHODS.includes(key) && key !== ANY_METHOD_KEY) continue;
      const name = key === ANY_METHOD_KEY ? 'ANY' : key.toUpperCase();
      children.push(symbol(document, name, SymbolKind.Method, entry, operationDetail(document, entry.value)));
    }
  }
  return { ...symbol(document, keyName(path), SymbolKind.Namespace, path), children };
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

