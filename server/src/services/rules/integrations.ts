import type { ApiDocument } from '../../model/apiDocument';
import { getValue } from '../../model/navigate';
import type { ObjectNode, ValueNode } from '../../model/nodes';
import { forEachOperation, type OperationRef } from '../../model/openapiWalk';
import { isUnprocessed } from './unprocessedValues';

export interface IntegrationSite {
  integration: ObjectNode;
  /** The operation using it; absent for reusable HTTP API integrations under `components`. */
  op?: OperationRef;
  /** Lower-case integration type, when it is a plain string. */
  type?: string;
}

/**
 * Every integration of the document once: those of operations (following a `$ref` to a reusable integration only for
 * checks that need the operation) and the reusable ones declared under `components`.
 */
export function collectIntegrations(document: ApiDocument): IntegrationSite[] {
  let sites = integrationsCache.get(document);
  if (!sites) {
    sites = findIntegrations(document);
    integrationsCache.set(document, sites);
  }
  return sites;
}

const integrationsCache = new WeakMap<ApiDocument, IntegrationSite[]>();
const operationsCache = new WeakMap<ApiDocument, OperationRef[]>();

/** The document's operations, listed once per document and shared by the rules. */
export function listOperations(document: ApiDocument): OperationRef[] {
  let ops = operationsCache.get(document);
  if (!ops) {
    const list: OperationRef[] = [];
    forEachOperation(document, (op) => list.push(op));
    operationsCache.set(document, (ops = list));
  }
  return ops;
}

function findIntegrations(document: ApiDocument): IntegrationSite[] {
  const sites: IntegrationSite[] = [];
  for (const op of listOperations(document)) {
    const written = getValue(op.operation, 'x-amazon-apigateway-integration');
    if (written?.type !== 'object' || getValue(written, '$ref') !== undefined) continue;
    sites.push({ integration: written, op, type: typeOf(written) });
  }
  const reusable = getValue(getValue(document.root, 'components'), 'x-amazon-apigateway-integrations');
  if (reusable?.type === 'object') {
    for (const p of reusable.properties) if (p.value?.type === 'object') sites.push({ integration: p.value, type: typeOf(p.value) });
  }
  return sites;
}

function typeOf(integration: ObjectNode): string | undefined {
  const type = getValue(integration, 'type');
  return type?.type === 'string' && !isUnprocessed(type) ? (type.value as string).toLowerCase() : undefined;
}

export const isProxyType = (type: string | undefined): boolean => type === 'aws_proxy' || type === 'http_proxy';

/** A plain string value of a field, unless it is an intrinsic or holds a foreign placeholder. */
export function checkableString(node: ValueNode | undefined): string | undefined {
  return node?.type === 'string' && !isUnprocessed(node) ? (node.value as string) : undefined;
}
