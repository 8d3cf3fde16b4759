import type { ApiDocument } from '../../model/apiDocument';
import { getValue } from '../../model/navigate';
import type { ObjectNode, PropertyNode, ValueNode } from '../../model/nodes';
import { forEachOperation, refOf, resolveLocalRef, type OperationRef } from '../../model/openapiWalk';
import { isUnprocessed } from './unprocessedValues';
import { INTEGRATION_TYPES } from '../../facts/extensions/integration';

export interface IntegrationSite {
  integration: ObjectNode;
  fields: IntegrationFields;
  /** The operation using it; absent for reusable HTTP API integrations under `components`. */
  op?: OperationSite;
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
const operationsCache = new WeakMap<ApiDocument, OperationSite[]>();

/**
 * An operation with the properties that several rules read, found in one pass over its keys: a search per rule would
 * read all of an operation's property nodes again, scattered as they are among the nodes of their values. As with
 * `getProperty`, the first of duplicate keys wins.
 */
export interface OperationSite extends OperationRef {
  integrationProperty: PropertyNode | undefined;
  responsesProperty: PropertyNode | undefined;
  securityProperty: PropertyNode | undefined;
  requestValidatorProperty: PropertyNode | undefined;
}

/** The document's operations, listed once per document and shared by the rules. */
export function listOperations(document: ApiDocument): OperationSite[] {
  let ops = operationsCache.get(document);
  if (!ops) {
    ops = findOperations(document);
    operationsCache.set(document, ops);
  }
  return ops;
}

/** The operations, each made whole at once rather than grown by the properties `withProperties` reads. */
function findOperations(document: ApiDocument): OperationSite[] {
  const list: OperationSite[] = [];
  // A literal of every field, not a spread of `op` with the extra ones: sites made by the spread slowed every rule that
  // reads them, by about 10 ms on a definition of 4,000 operations.
  forEachOperation(document, ({ path, method, pathItem, operation, pathProperty, methodProperty }) =>
    list.push(withProperties({ path, method, pathItem, operation, pathProperty, methodProperty, integrationProperty: undefined, responsesProperty: undefined, securityProperty: undefined, requestValidatorProperty: undefined })),
  );
  return list;
}

function withProperties(site: OperationSite): OperationSite {
  const props = site.operation.properties;
  for (let i = 0; i < props.length; i++) {
    // Only string keys can equal these names (other scalars read as numbers, `true`, `false` or `null`).
    switch (props[i].keyValue) {
      case 'x-amazon-apigateway-integration':
        site.integrationProperty ??= props[i];
        break;
      case 'responses':
        site.responsesProperty ??= props[i];
        break;
      case 'security':
        site.securityProperty ??= props[i];
        break;
      case 'x-amazon-apigateway-request-validator':
        site.requestValidatorProperty ??= props[i];
        break;
    }
  }
  return site;
}

function findIntegrations(document: ApiDocument): IntegrationSite[] {
  const sites: IntegrationSite[] = [];
  const ops = listOperations(document);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const written = op.integrationProperty?.value;
    if (written?.type !== 'object') continue;
    // A reference to a reusable integration is checked where that one is declared.
    const fields = fieldsOf(written, true);
    if (fields) sites.push(siteWith(written, fields, op));
  }
  const reusable = getValue(getValue(document.root, 'components'), 'x-amazon-apigateway-integrations');
  if (reusable?.type === 'object') {
    for (const p of reusable.properties) if (p.value?.type === 'object') sites.push(siteOf(p.value, undefined));
  }
  return sites;
}

/** The integration's fields that the rules read. */
const READ_FIELDS = [
  'type', 'uri', 'httpMethod', 'connectionType', 'connectionId', 'integrationSubtype', 'tlsConfig', 'timeoutInMillis',
  'responseTransferMode', 'payloadFormatVersion', 'requestParameters', 'requestTemplates', 'responses',
  'responseParameters', 'cacheKeyParameters',
] as const;
const READ_FIELD_NAMES: ReadonlySet<string> = new Set(READ_FIELDS);

/**
 * The entries of an integration that the rules read, found in one pass over its keys rather than a search per rule
 * and check. As with `getProperty`, the first of duplicate keys wins.
 */
export type IntegrationFields = Partial<Record<(typeof READ_FIELDS)[number], PropertyNode>>;

/** With `unlessReference`, undefined for an integration whose (first) `$ref` has a value, as `getValue` would find it. */
function fieldsOf(integration: ObjectNode, unlessReference: boolean): IntegrationFields | undefined {
  const fields: Record<string, PropertyNode> = {};
  const props = integration.properties;
  let refSeen = false;
  for (let i = 0; i < props.length; i++) {
    const key = props[i].keyValue;
    if (typeof key !== 'string') continue;
    if (READ_FIELD_NAMES.has(key)) fields[key] ??= props[i];
    else if (key === '$ref' && unlessReference && !refSeen) {
      if (props[i].value !== undefined) return undefined;
      refSeen = true;
    }
  }
  return fields;
}

/** One integration as the rules read it, for an editor feature that offers what they accept. */
export function integrationSiteOf(integration: ObjectNode): IntegrationSite {
  return siteOf(integration, undefined);
}

function siteOf(integration: ObjectNode, op: OperationSite | undefined): IntegrationSite {
  return siteWith(integration, fieldsOf(integration, false)!, op);
}

function siteWith(integration: ObjectNode, fields: IntegrationFields, op: OperationSite | undefined): IntegrationSite {
  return { integration, fields, op, type: typeOf(fields.type?.value) };
}

/** The integration's type in lower case; undefined when it is not one of the types, whose own error is enough. */
function typeOf(type: ValueNode | undefined): string | undefined {
  const name = type?.type === 'string' && !isUnprocessed(type) ? (type.value as string).toLowerCase() : undefined;
  return name !== undefined && INTEGRATION_TYPES.includes(name) ? name : undefined;
}

export const isProxyType = (type: string | undefined): boolean => type === 'aws_proxy' || type === 'http_proxy';

/** A plain string value of a field, unless it is an intrinsic or holds a foreign placeholder. */
export function checkableString(node: ValueNode | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const value = node.value as string;
  // Nearly every string is untagged and holds no `${`: only the others need the whole question.
  return (node.tag === undefined && !value.includes('${')) || !isUnprocessed(node) ? value : undefined;
}

const targetsCache = new WeakMap<ApiDocument, Map<string, ValueNode | undefined>>();

/**
 * `deref` of the document model, with each local reference followed once per document: definitions repeat the same
 * few `$ref`s thousands of times, and each walk splits the pointer and searches every map on its way.
 */
export function derefOnce(document: ApiDocument, node: ValueNode | undefined): ValueNode | undefined {
  const ref = refOf(node);
  return ref === undefined ? node : targetOnce(document, ref);
}

/** `derefOnce` for a node whose `$ref` the caller has read already. */
export function targetOnce(document: ApiDocument, ref: string): ValueNode | undefined {
  if (!ref.startsWith('#')) return undefined;
  let targets = targetsCache.get(document);
  if (!targets) targetsCache.set(document, (targets = new Map()));
  if (targets.has(ref)) return targets.get(ref);
  const target = resolveLocalRef(document, ref);
  targets.set(ref, target);
  return target;
}
