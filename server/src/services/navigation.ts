import type { Location } from 'vscode-languageserver-types';
import type { ApiDocument } from '../model/apiDocument';
import { findNodeAtPath, getProperty, isScalar, keyName, nodeAtOffset, pathOf, visitProperties } from '../model/navigate';
import type { AnyNode, NodePath, ScalarNode } from '../model/nodes';
import { forEachOperation, pointerToPath, requestValidators, securitySchemes } from '../model/openapiWalk';
import type { DocumentResolver } from './validationTypes';
import { openApiLocation, parametersAt } from './editing/operationFacts';
import { allRefs, pointerOf, refContainers } from './editing/references';

const VALIDATOR_KEY = 'x-amazon-apigateway-request-validator';
const VALIDATORS_KEY = 'x-amazon-apigateway-request-validators';

function locationOf(document: ApiDocument, node: { offset: number; end: number }): Location {
  const text = document.textDocument;
  return { uri: document.uri, range: { start: text.positionAt(node.offset), end: text.positionAt(node.end) } };
}

/** Where a definition is named: the key of its entry, or the node itself for array items and the root. */
function definitionNode(node: AnyNode): { offset: number; end: number } {
  return node.parent?.type === 'property' ? node.parent.key : node;
}

/** The scalar under the cursor and the path of its property, when the cursor is on a key or a scalar value. */
function scalarAt(document: ApiDocument, offset: number): { node: ScalarNode; path: NodePath; isKey: boolean } | undefined {
  const node = nodeAtOffset(document.root, offset);
  if (!isScalar(node) || node.parent?.type !== 'property') return undefined;
  return { node, path: pathOf(node), isKey: node.parent.key === node };
}

/** A security requirement's key: `security[i].name` at the root or on an operation. */
function isRequirementKey(path: NodePath): boolean {
  const n = path.length;
  return n >= 3 && path[n - 3] === 'security' && typeof path[n - 2] === 'number' && (n === 3 || (n === 6 && path[0] === 'paths'));
}

/** Go to definition: `$ref` targets (here or in other files), validators, security schemes, declared parameters. */
export async function findDefinition(document: ApiDocument, offset: number, resolver?: DocumentResolver): Promise<Location[]> {
  const at = scalarAt(document, offset);
  if (!at) return [];
  const { node, path, isKey } = at;
  const key = String(path[path.length - 1]);
  if (isKey) {
    if (!isRequirementKey(path)) return [];
    const scheme = getProperty(securitySchemes(document), key);
    return scheme ? [locationOf(document, scheme.key)] : [];
  }
  if (typeof node.value !== 'string') return [];
  const value = node.value;
  if (key === '$ref') return refTarget(document, value, resolver);
  if (key === VALIDATOR_KEY) {
    const validator = getProperty(requestValidators(document), value);
    return validator ? [locationOf(document, validator.key)] : [];
  }
  const parameter = /^(?:method\.request|\$request)\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(value);
  if (parameter) {
    const wanted = openApiLocation(parameter[1]);
    const declared = parametersAt(document, path).find((p) => p.in === wanted && p.name === parameter[2]);
    return declared ? [locationOf(document, declared.node)] : [];
  }
  return [];
}

async function refTarget(document: ApiDocument, ref: string, resolver: DocumentResolver | undefined): Promise<Location[]> {
  let target = document;
  if (!ref.startsWith('#')) {
    const other = resolver ? await resolver.resolve(document.uri, ref) : undefined;
    if (!other) return [];
    target = other;
  }
  const hash = ref.indexOf('#');
  const node = hash < 0 ? target.root : findNodeAtPath(target.root, pointerToPath(ref.slice(hash + 1)));
  if (!node) return [];
  return [locationOf(target, hash < 0 ? { offset: 0, end: 0 } : definitionNode(node))];
}

/** Find references: every use of the schema, parameter, response, integration, validator or security scheme under the cursor. */
export function findReferences(document: ApiDocument, offset: number, includeDeclaration = true): Location[] {
  const at = scalarAt(document, offset);
  if (!at) return [];
  const { node, path, isKey } = at;
  const key = String(path[path.length - 1]);
  const schemesPath = document.isOpenApi3 ? ['components', 'securitySchemes'] : ['securityDefinitions'];
  if ((isKey && isRequirementKey(path)) || (isKey && isEntryOf(path, schemesPath))) return schemeReferences(document, key, includeDeclaration);
  if ((isKey && isEntryOf(path, [VALIDATORS_KEY])) || (!isKey && key === VALIDATOR_KEY && typeof node.value === 'string')) {
    return validatorReferences(document, isKey ? key : String(node.value), includeDeclaration);
  }
  let pointer: string | undefined;
  if (!isKey && key === '$ref' && typeof node.value === 'string' && node.value.startsWith('#')) pointer = node.value;
  else if (isKey && refContainers(document).some((c) => isEntryOf(path, c))) pointer = pointerOf(path);
  if (!pointer) return [];
  const locations = allRefs(document)
    .filter((r) => r.ref === pointer)
    .map((r) => locationOf(document, r.node));
  const declaration = findNodeAtPath(document.root, pointerToPath(pointer.slice(1)));
  if (includeDeclaration && declaration) locations.unshift(locationOf(document, definitionNode(declaration)));
  return locations;
}

function isEntryOf(path: NodePath, container: NodePath): boolean {
  return path.length === container.length + 1 && container.every((segment, i) => path[i] === segment);
}

function schemeReferences(document: ApiDocument, name: string, includeDeclaration: boolean): Location[] {
  const locations: Location[] = [];
  const declaration = getProperty(securitySchemes(document), name);
  if (includeDeclaration && declaration) locations.push(locationOf(document, declaration.key));
  const requirementKeys = (security: AnyNode | undefined) => {
    if (security?.type !== 'array') return;
    for (const requirement of security.items) {
      const use = getProperty(requirement, name);
      if (use) locations.push(locationOf(document, use.key));
    }
  };
  requirementKeys(getProperty(document.root, 'security')?.value);
  forEachOperation(document, (op) => requirementKeys(getProperty(op.operation, 'security')?.value));
  return locations;
}

function validatorReferences(document: ApiDocument, name: string, includeDeclaration: boolean): Location[] {
  const locations: Location[] = [];
  const declaration = getProperty(requestValidators(document), name);
  if (includeDeclaration && declaration) locations.push(locationOf(document, declaration.key));
  visitProperties(document.root, (p) => {
    if (keyName(p) === VALIDATORS_KEY) return false;
    if (keyName(p) === VALIDATOR_KEY && p.value?.type === 'string' && p.value.value === name) locations.push(locationOf(document, p.value));
    return undefined;
  });
  return locations;
}
