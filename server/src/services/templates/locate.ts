/**
 * Finds the mapping templates embedded in an API definition: integration request and response templates and gateway
 * response templates, each with what the checks need to know about where it runs.
 */
import type { ApiDocument } from '../../model/apiDocument';
import type { ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import { asObject, asString, getValue, keyName } from '../../model/navigate';
import { ANY_METHOD_KEY, HTTP_METHODS } from '../../model/openapiWalk';
import type { TemplateKind } from '../../facts/templateVariableTypes';
import { decodeScalar } from './scalarDecoding';
import { createOffsetMapping, type OffsetMapping } from './offsetMapping';

const INTEGRATION = 'x-amazon-apigateway-integration';

export interface TemplateOperation {
  path: string;
  /** Lower-case HTTP method, or `x-amazon-apigateway-any-method`. */
  method: string;
  node: ObjectNode;
}

export interface TemplateIntegration {
  node: ObjectNode;
  /** Lower-cased integration type (`aws`, `aws_proxy`, `http`, `http_proxy`, `mock`). */
  type?: string;
  passthroughBehavior?: string;
  responseTransferMode?: string;
}

export interface LocatedTemplate extends OffsetMapping {
  kind: TemplateKind;
  /** The decoded template, as API Gateway receives it. */
  text: string;
  /** The string node holding the template and the property whose key is the MIME type. */
  node: ScalarNode;
  property: PropertyNode;
  mimeType: string;
  /** False when the scalar could not be replayed and positions inside it are approximate. */
  exactOffsets: boolean;
  operation?: TemplateOperation;
  integration?: TemplateIntegration;
  /** Integration response key (status regex or `default`) for response templates. */
  responsePattern?: string;
  /** The method response status the template serves: the integration response's `statusCode`, or the gateway response's. */
  statusCode?: string;
  /** The gateway response type (`DEFAULT_4XX`, ...) for gateway response templates. */
  gatewayResponseType?: string;
}

/** Every template of the document, in source order. */
export function locateTemplates(document: ApiDocument): LocatedTemplate[] {
  const root = asObject(document.root);
  if (!root) return [];
  const found: LocatedTemplate[] = [];
  const paths = asObject(getValue(root, 'paths'));
  for (const pathProperty of paths?.properties ?? []) {
    const pathItem = asObject(pathProperty.value);
    for (const methodProperty of pathItem?.properties ?? []) {
      const method = keyName(methodProperty).toLowerCase();
      if (!HTTP_METHODS.includes(method) && method !== ANY_METHOD_KEY) continue;
      const operationNode = asObject(methodProperty.value);
      if (!operationNode) continue;
      const operation: TemplateOperation = { path: keyName(pathProperty), method, node: operationNode };
      collectIntegration(document, asObject(getValue(operationNode, INTEGRATION)), operation, found);
    }
  }
  const shared = asObject(getValue(asObject(getValue(root, 'components')), 'x-amazon-apigateway-integrations'));
  for (const entry of shared?.properties ?? []) collectIntegration(document, asObject(entry.value), undefined, found);
  const gatewayResponses = asObject(getValue(root, 'x-amazon-apigateway-gateway-responses'));
  for (const entry of gatewayResponses?.properties ?? []) {
    const response = asObject(entry.value);
    const statusCode = scalarString(getValue(response, 'statusCode'));
    forEachTemplate(document, getValue(response, 'responseTemplates'), (t) => {
      found.push(withFacts(t, { kind: 'gatewayResponse', gatewayResponseType: keyName(entry), statusCode }));
    });
  }
  return found.sort((a, b) => a.node.offset - b.node.offset);
}

/** The template whose string contains the document offset (its end included, as completion needs). */
export function templateAtOffset(document: ApiDocument, offset: number): LocatedTemplate | undefined {
  return locateTemplates(document).find((t) => offset >= t.node.contentOffset && offset <= t.node.contentEnd);
}

function collectIntegration(document: ApiDocument, node: ObjectNode | undefined, operation: TemplateOperation | undefined, found: LocatedTemplate[]): void {
  if (!node) return;
  const integration: TemplateIntegration = {
    node,
    type: asString(getValue(node, 'type'))?.toLowerCase(),
    passthroughBehavior: asString(getValue(node, 'passthroughBehavior')),
    responseTransferMode: asString(getValue(node, 'responseTransferMode')),
  };
  forEachTemplate(document, getValue(node, 'requestTemplates'), (t) => found.push(withFacts(t, { kind: 'request', operation, integration })));
  for (const responseProperty of asObject(getValue(node, 'responses'))?.properties ?? []) {
    const response = asObject(responseProperty.value);
    const statusCode = scalarString(getValue(response, 'statusCode'));
    forEachTemplate(document, getValue(response, 'responseTemplates'), (t) =>
      found.push(withFacts(t, { kind: 'response', operation, integration, responsePattern: keyName(responseProperty), statusCode })),
    );
  }
}

type TemplateCore = Omit<LocatedTemplate, 'kind'>;

function forEachTemplate(document: ApiDocument, templates: ValueNode | undefined, visit: (template: TemplateCore) => void): void {
  for (const property of asObject(templates)?.properties ?? []) {
    const value = property.value;
    if (!value || value.type !== 'string') continue;
    visit(lazyTemplate(document.text, value, property));
  }
}

/**
 * The decoded text of a string scalar is its value; only positions need the source replayed, and most templates of a
 * large definition never need a position (their checks are cached by content), so decoding waits for the first use.
 */
function lazyTemplate(source: string, node: ScalarNode, property: PropertyNode): TemplateCore {
  let mapping: (OffsetMapping & { exact: boolean }) | undefined;
  const mapped = () => {
    if (!mapping) {
      const decoded = decodeScalar(source, node);
      mapping = { ...createOffsetMapping(decoded), exact: decoded.exact };
    }
    return mapping;
  };
  return {
    text: String(node.value ?? ''),
    node,
    property,
    mimeType: keyName(property),
    get exactOffsets() {
      return mapped().exact;
    },
    toDocumentOffset: (offset) => mapped().toDocumentOffset(offset),
    toTemplateOffset: (offset) => mapped().toTemplateOffset(offset),
    toDocumentRange: (start, end) => mapped().toDocumentRange(start, end),
  };
}

/** Adds facts in place: spreading would evaluate the lazy `exactOffsets` and decode every template. */
function withFacts(core: TemplateCore, facts: Partial<LocatedTemplate> & { kind: TemplateKind }): LocatedTemplate {
  return Object.assign(core, facts);
}

function scalarString(node: ValueNode | undefined): string | undefined {
  if (!node || node.type === 'object' || node.type === 'array' || node.value === null) return undefined;
  return String(node.value);
}
