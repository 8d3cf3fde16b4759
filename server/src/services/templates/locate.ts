/**
 * Finds the mapping templates embedded in an API definition: integration request and response templates and gateway
 * response templates, each with what the checks need to know about where it runs.
 */
import type { ApiDocument } from '../../model/apiDocument';
import type { ObjectNode, PropertyNode, ScalarNode, ValueNode } from '../../model/nodes';
import { asObject, asString, getValue, isInSplicedCopy, keyName } from '../../model/navigate';
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

/**
 * Every template of the document, in source order; with `at`, only those in the path item, shared integration or
 * gateway response that holds that offset (decoding every template of a large definition to find one takes tens of
 * milliseconds).
 */
export function locateTemplates(document: ApiDocument, at?: number): LocatedTemplate[] {
  const root = asObject(document.root);
  if (!root) return [];
  // What was spliced in from another file (splitDefinitions.ts) stands apart from the entries holding it.
  const spliced = at !== undefined && isInSplicedCopy(root, at);
  const holds = (entry: PropertyNode) => at === undefined || spliced || (at >= entry.offset && at <= entry.end);
  const source = document.text;
  const found: LocatedTemplate[] = [];
  const paths = asObject(getValue(root, 'paths'));
  collectOperations(source, paths, holds, found);
  const shared = asObject(getValue(asObject(getValue(root, 'components')), 'x-amazon-apigateway-integrations'));
  for (const entry of shared?.properties ?? []) {
    if (!holds(entry)) continue;
    const integration = asObject(entry.value);
    if (integration) collectIntegration(source, integration, SHARED, found);
  }
  const gatewayResponses = asObject(getValue(root, 'x-amazon-apigateway-gateway-responses'));
  for (const entry of gatewayResponses?.properties ?? []) {
    if (!holds(entry)) continue;
    const response = asObject(entry.value);
    const templates = asObject(getValue(response, 'responseTemplates'));
    if (!templates) continue;
    const statusCode = scalarString(getValue(response, 'statusCode'));
    const gatewayResponseType = keyName(entry);
    forEachTemplate(templates, (node, property) => {
      const template = new Template(source, node, property, 'gatewayResponse', undefined, undefined, undefined, statusCode);
      template.gatewayResponseType = gatewayResponseType;
      found.push(template);
    });
  }
  return found.sort((a, b) => a.node.offset - b.node.offset);
}

function collectOperations(source: string, paths: ObjectNode | undefined, holds: (entry: PropertyNode) => boolean, found: LocatedTemplate[]): void {
  // One site, filled in for each operation in turn.
  const site: IntegrationSite = {};
  for (const pathProperty of paths?.properties ?? []) {
    if (!holds(pathProperty)) continue;
    const pathItem = asObject(pathProperty.value);
    for (const methodProperty of pathItem?.properties ?? []) {
      const method = operationMethod(methodProperty);
      if (!method) continue;
      const operationNode = asObject(methodProperty.value);
      if (!operationNode) continue;
      const integration = asObject(getValue(operationNode, INTEGRATION));
      if (!integration) continue;
      site.pathProperty = pathProperty;
      site.method = method;
      site.operationNode = operationNode;
      collectIntegration(source, integration, site, found);
    }
  }
}

/** The lower-case method of a path item's entry, undefined for entries that are not operations. */
function operationMethod(methodProperty: PropertyNode): string | undefined {
  const method = keyName(methodProperty).toLowerCase();
  return HTTP_METHODS.includes(method) || method === ANY_METHOD_KEY ? method : undefined;
}

/** The template whose string contains the document offset (its end included, as completion needs). */
export function templateAtOffset(document: ApiDocument, offset: number): LocatedTemplate | undefined {
  return locateTemplates(document, offset).find((t) => scalarHolds(document.text, t.node, offset));
}

/**
 * A block scalar's content runs on through the indentation of the lines after its last one, where the user is
 * already typing the next key: past its last character, only a line indented as deep as its content belongs to it.
 */
function scalarHolds(source: string, node: ScalarNode, offset: number): boolean {
  if (offset < node.contentOffset || offset > node.contentEnd) return false;
  if ((node.style !== 'literal' && node.style !== 'folded') || offset <= node.end) return true;
  return offset - lineStart(source, offset) >= (node.blockIndent ?? 0);
}

function lineStart(source: string, offset: number): number {
  return Math.max(source.lastIndexOf('\n', offset - 1), source.lastIndexOf('\r', offset - 1)) + 1;
}

function collectIntegration(source: string, node: ObjectNode, site: IntegrationSite, found: LocatedTemplate[]): void {
  // One pass over the integration's keys rather than a search per key: a large definition has thousands of them.
  let type: ValueNode | undefined;
  let passthroughBehavior: ValueNode | undefined;
  let responseTransferMode: ValueNode | undefined;
  let requestTemplates: ValueNode | undefined;
  let responses: ValueNode | undefined;
  let seen = 0;
  for (const p of node.properties) {
    // Only string keys can equal these names; the first of duplicate keys counts, as with `getValue`.
    switch (p.keyValue) {
      case 'type':
        if (!(seen & 1)) type = p.value;
        seen |= 1;
        break;
      case 'passthroughBehavior':
        if (!(seen & 2)) passthroughBehavior = p.value;
        seen |= 2;
        break;
      case 'responseTransferMode':
        if (!(seen & 4)) responseTransferMode = p.value;
        seen |= 4;
        break;
      case 'requestTemplates':
        if (!(seen & 8)) requestTemplates = p.value;
        seen |= 8;
        break;
      case 'responses':
        if (!(seen & 16)) responses = p.value;
        seen |= 16;
        break;
    }
  }
  const requestTemplateMap = asObject(requestTemplates);
  const responseMap = asObject(responses);
  // Many integrations (proxies) have no templates: their descriptions are not made.
  if (!hasTemplates(requestTemplateMap, responseMap)) return;
  const integration: TemplateIntegration = {
    node,
    type: asString(type)?.toLowerCase(),
    passthroughBehavior: asString(passthroughBehavior),
    responseTransferMode: asString(responseTransferMode),
  };
  const operation = site.operationNode && { path: keyName(site.pathProperty!), method: site.method!, node: site.operationNode };
  if (requestTemplateMap) {
    for (const property of requestTemplateMap.properties) {
      const value = property.value;
      if (value && value.type === 'string') found.push(new Template(source, value, property, 'request', operation, integration, undefined, undefined));
    }
  }
  for (const responseProperty of responseMap?.properties ?? []) {
    const response = asObject(responseProperty.value);
    const templates = asObject(getValue(response, 'responseTemplates'));
    if (!templates) continue;
    const statusCode = scalarString(getValue(response, 'statusCode'));
    const responsePattern = keyName(responseProperty);
    for (const property of templates.properties) {
      const value = property.value;
      if (value && value.type === 'string') found.push(new Template(source, value, property, 'response', operation, integration, responsePattern, statusCode));
    }
  }
}

/** Where an integration stands: an operation's, or a shared one (no operation). */
interface IntegrationSite {
  pathProperty?: PropertyNode;
  method?: string;
  operationNode?: ObjectNode;
}

const SHARED: IntegrationSite = {};

function hasTemplates(requestTemplates: ObjectNode | undefined, responses: ObjectNode | undefined): boolean {
  if (requestTemplates && hasStringValue(requestTemplates)) return true;
  for (const responseProperty of responses?.properties ?? []) {
    const templates = asObject(getValue(asObject(responseProperty.value), 'responseTemplates'));
    if (templates && hasStringValue(templates)) return true;
  }
  return false;
}

function hasStringValue(object: ObjectNode): boolean {
  for (const property of object.properties) if (property.value?.type === 'string') return true;
  return false;
}

function forEachTemplate(templates: ObjectNode, visit: (node: ScalarNode, property: PropertyNode) => void): void {
  for (const property of templates.properties) {
    const value = property.value;
    if (value && value.type === 'string') visit(value, property);
  }
}

/**
 * The decoded text of a string scalar is its value; only positions need the source replayed, and most templates of a
 * large definition never need a position (their checks are cached by content), so decoding waits for the first use.
 * A class rather than closures: a large definition holds thousands of templates.
 */
class Template implements LocatedTemplate {
  readonly text: string;
  readonly mimeType: string;
  gatewayResponseType?: string;
  private mapping: OffsetMapping | undefined;
  private exact = false;

  constructor(
    private readonly source: string,
    readonly node: ScalarNode,
    readonly property: PropertyNode,
    readonly kind: TemplateKind,
    readonly operation: TemplateOperation | undefined,
    readonly integration: TemplateIntegration | undefined,
    readonly responsePattern: string | undefined,
    readonly statusCode: string | undefined,
  ) {
    this.text = String(node.value ?? '');
    this.mimeType = keyName(property);
  }

  get exactOffsets(): boolean {
    this.mapped();
    return this.exact;
  }

  // Getters handing out the mapping's own functions, which callers may also pass around detached from the template.
  get toDocumentOffset(): OffsetMapping['toDocumentOffset'] {
    return this.mapped().toDocumentOffset;
  }

  get toTemplateOffset(): OffsetMapping['toTemplateOffset'] {
    return this.mapped().toTemplateOffset;
  }

  get toDocumentRange(): OffsetMapping['toDocumentRange'] {
    return this.mapped().toDocumentRange;
  }

  private mapped(): OffsetMapping {
    if (!this.mapping) {
      const decoded = decodeScalar(this.source, this.node);
      this.mapping = createOffsetMapping(decoded);
      this.exact = decoded.exact;
    }
    return this.mapping;
  }
}

function scalarString(node: ValueNode | undefined): string | undefined {
  if (!node || node.type === 'object' || node.type === 'array' || node.value === null) return undefined;
  return String(node.value);
}
