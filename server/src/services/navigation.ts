import type { Location } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, getProperty, isScalar, nodeAtOffset, pathOf } from '../model/navigate';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { parameterSpans } from './documentHighlights';
import type { AnyNode, NodePath } from '../model/nodes';
import { findOperationResponse, pointerToPath, requestValidators, securitySchemes } from '../model/openapiWalk';
import type { DocumentResolver, WorkspaceDocuments } from './validationTypes';
import { declaredParameterAt, operationContaining, REQUEST_PARAMETER_EXPRESSION } from './editing/operationFacts';
import { extensionIndexOf } from './editing/documentPaths';
import { documentedDefinition, findSymbolUses, isRequirementKey, mappedHeaderDeclaration, refSymbol, scalarAt, segmentUnder, symbolAt, VALIDATOR_KEY } from './symbolReferences';
import { keyOf } from '../model/property';
import { templateAtOffset } from './templates/locate';
import { findDefinitionInTemplate } from './templates/templateDefinition';
import { mappedResponseHeader } from '../model/methodResponseHeaders';

function locationOf(document: ApiDocument, node: { offset: number; end: number }): Location {
  return { uri: document.uri, range: document.rangeOf(node) };
}

/** Where a definition is named: the key of its entry, or the node itself for array items and the root. */
function definitionNode(node: AnyNode): { offset: number; end: number } {
  return node.parent?.type === 'property' ? keyOf(node.parent) : node;
}

/**
 * Go to definition: `$ref` targets (here or in other files), validators, security schemes, declared parameters, the
 * method responses and response headers that integration responses map to, and the models and authorizers that
 * documentation parts name. Inside a mapping template: what assigns a template variable, and the payload schema
 * property a JSONPath segment or a member of a payload variable names.
 */
export async function findDefinition(document: ApiDocument, offset: number, resolver?: DocumentResolver): Promise<Location[]> {
  const template = templateAtOffset(document, offset);
  if (template) return findDefinitionInTemplate(document, template, offset, resolver);
  const at = scalarAt(document, offset);
  if (!at) return parameterInList(document, offset);
  const { node, path, isKey } = at;
  const key = String(path[path.length - 1]);
  if (isKey) {
    const header = mappedResponseHeader(key);
    if (header !== undefined && isIntegrationResponsePart(path, 'responseParameters')) return methodResponseHeader(document, path, header);
    if (!isRequirementKey(path)) return [];
    const scheme = getProperty(securitySchemes(document), key);
    return scheme ? [locationOf(document, keyOf(scheme))] : [];
  }
  // YAML writers often leave a status code unquoted: `statusCode: 200` still selects the method response `'200'`.
  if (key === 'statusCode' && (typeof node.value === 'string' || typeof node.value === 'number') && isIntegrationResponsePart(path, 'statusCode')) {
    const op = operationContaining(document, path);
    const response = op && findOperationResponse(op, String(node.value));
    return response ? [locationOf(document, keyOf(response))] : [];
  }
  if (typeof node.value !== 'string') return [];
  const value = node.value;
  if (key === '$ref') return refTarget(document, value, resolver, segmentUnder(document, node, offset), nameIndexOf(document, value));
  if (key === VALIDATOR_KEY) {
    const validator = getProperty(requestValidators(document), value);
    return validator ? [locationOf(document, keyOf(validator))] : [];
  }
  const parameter = REQUEST_PARAMETER_EXPRESSION.exec(value);
  if (parameter) {
    const declared = declaredParameterAt(document, path, parameter[1], parameter[2]);
    return declared ? [locationOf(document, declared.node)] : [];
  }
  const documented = documentedDefinition(document, path, value);
  return documented ? [locationOf(document, documented)] : [];
}

/** A mapping expression that is an item of a list (`cacheKeyParameters: [method.request.path.id]`): its declaration. */
function parameterInList(document: ApiDocument, offset: number): Location[] {
  const node = nodeAtOffset(document.root, offset);
  if (!isScalar(node) || typeof node.value !== 'string' || node.parent?.type !== 'array') return [];
  const parameter = REQUEST_PARAMETER_EXPRESSION.exec(node.value);
  const declared = parameter && declaredParameterAt(document, pathOf(node), parameter[1], parameter[2]);
  return declared ? [locationOf(document, declared.node)] : [];
}

/**
 * A field of an operation's integration response (`x-amazon-apigateway-integration.responses.PATTERN.field`), or an
 * entry of such a field's map: `field` is the segment right below the response.
 */
function isIntegrationResponsePart(path: NodePath, field: string): boolean {
  const index = extensionIndexOf(path);
  if (path[index] !== 'x-amazon-apigateway-integration' || path[index + 1] !== 'responses' || path[index + 3] !== field) return false;
  return path.length === index + 4 || path.length === index + 5;
}

/** The header the operation declares on the method response an integration response answers with. */
function methodResponseHeader(document: ApiDocument, path: NodePath, name: string): Location[] {
  const declared = mappedHeaderDeclaration(document, path, name);
  return declared ? [locationOf(document, keyOf(declared))] : [];
}

/**
 * What the pointer names; with the cursor on a segment from the name on, the node the segments up to it name (`Pet` in
 * `…/schemas/Pet/properties/id`).
 */
async function refTarget(document: ApiDocument, ref: string, resolver: DocumentResolver | undefined, segment: number | undefined, nameIndex: number): Promise<Location[]> {
  let target = document;
  if (!ref.startsWith('#')) {
    const other = resolver ? await resolver.resolve(document.uri, ref) : undefined;
    if (!other) return [];
    target = other;
  }
  const hash = ref.indexOf('#');
  const path = hash < 0 ? [] : pointerToPath(ref.slice(hash + 1));
  // On the sections before the name (`components`, `schemas`), the pointer as a whole is meant, as a link is followed.
  const named = segment !== undefined && segment >= nameIndex ? path.slice(0, segment + 1) : path;
  const node = hash < 0 ? target.root : findNodeAtPath(target.root, named);
  if (!node) return [];
  return [locationOf(target, hash < 0 ? { offset: 0, end: 0 } : definitionNode(node))];
}

/**
 * Which pointer segment holds the name of what it leads into: `Pet` in `#/components/schemas/Pet/…` and in
 * `#/definitions/Pet/…`, and the first segment of a pointer into a bare definitions file (`common.yaml#/Pet/…`).
 */
function nameIndexOf(document: ApiDocument, ref: string): number {
  const symbol = refSymbol(document, ref);
  if (symbol?.kind === 'component') return symbol.path.length - 1;
  return ref.includes('#/components/') ? 2 : 1;
}

/**
 * Find references: every use of the schema, parameter, response, integration, validator or security scheme under the
 * cursor, or of what a `$ref` segment under the cursor leads to. Components are also found where other workspace files
 * refer to them, from either side.
 */
export async function findReferences(document: ApiDocument, offset: number, includeDeclaration = true, resolver?: DocumentResolver, workspace?: WorkspaceDocuments): Promise<Location[]> {
  return (await findReferencesUpTo(document, offset, Infinity, includeDeclaration, resolver, workspace)).locations;
}

/** `findReferences`, placing at most `max` of them (each takes a line lookup), and how many there are. */
export async function findReferencesUpTo(document: ApiDocument, offset: number, max: number, includeDeclaration = true, resolver?: DocumentResolver, workspace?: WorkspaceDocuments): Promise<{ locations: Location[]; total: number }> {
  const at = symbolAt(document, offset);
  if (!at) {
    // A method request parameter is read within its operations, all in this document: the highlights find them.
    const spans = parameterSpans(document, offset).filter((span) => includeDeclaration || span.kind !== DocumentHighlightKind.Write);
    return { locations: spans.slice(0, max).map((span) => locationOf(document, span)), total: spans.length };
  }
  const { declaration, uses } = await findSymbolUses(document, at.symbol, resolver, workspace);
  const sites = includeDeclaration && declaration ? [declaration, ...uses] : uses;
  return { locations: sites.slice(0, max).map((site) => locationOf(site.document, site.node)), total: sites.length };
}
