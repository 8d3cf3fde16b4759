import type { ApiDocument } from '../../model/apiDocument';
import { findNodeAtPath, getProperty, keyName } from '../../model/navigate';
import type { NodePath, ObjectNode } from '../../model/nodes';

export function pointerOf(path: NodePath): string {
  return '#/' + path.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

const SWAGGER_CONTAINERS: NodePath[] = [['definitions'], ['parameters'], ['responses']];
const OPENAPI3_CONTAINERS: NodePath[] = [
  ['components', 'schemas'],
  ['components', 'parameters'],
  ['components', 'responses'],
  ['components', 'requestBodies'],
  ['components', 'headers'],
  ['components', 'securitySchemes'],
  ['components', 'x-amazon-apigateway-integrations'],
];

/** The maps whose entries `$ref`s name, per OpenAPI version. */
export function refContainers(document: ApiDocument): NodePath[] {
  return document.isOpenApi3 ? OPENAPI3_CONTAINERS : SWAGGER_CONTAINERS;
}

/** The containers of both versions: another file's, or a shared file without a version key, may hold either. */
export const ANY_VERSION_CONTAINERS: NodePath[] = [...OPENAPI3_CONTAINERS, ...SWAGGER_CONTAINERS];

/** The maps whose entries `$ref`s may name. */
export function refContainersOf(document: ApiDocument): NodePath[] {
  return document.kind === 'unknown' ? ANY_VERSION_CONTAINERS : refContainers(document);
}

/** Which container a `$ref` key site points into: integrations are only referenced from integration objects. */
export function refContainersFor(document: ApiDocument, path: NodePath, containers = refContainers(document)): NodePath[] {
  const inIntegration = path.includes('x-amazon-apigateway-integration');
  const all = containers.filter((c) => c[c.length - 1] !== 'securitySchemes');
  if (inIntegration) return all.filter((c) => c[1] === 'x-amazon-apigateway-integrations');
  const preferred = preferredContainers(String(path[path.length - 2]), String(path[path.length - 3]));
  const matching = all.filter((c) => preferred.includes(String(c[c.length - 1])));
  return (matching.length ? matching : all).filter((c) => c[1] !== 'x-amazon-apigateway-integrations');
}

/** Keywords whose value is a schema. */
const SCHEMA_VALUES = new Set(['schema', 'items', 'not', 'additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else']);
/** Keywords whose value is a list or a map of schemas. */
const SCHEMA_COLLECTIONS = new Set(['allOf', 'oneOf', 'anyOf', 'prefixItems', 'properties', 'patternProperties', 'dependentSchemas', 'schemas', 'definitions', '$defs']);

/** The kind of object a `$ref` stands for, told by the key holding it (`parent`) and the one above (`grand`). */
function preferredContainers(parent: string, grand: string): string[] {
  if (SCHEMA_VALUES.has(parent) || SCHEMA_COLLECTIONS.has(grand)) return ['schemas', 'definitions'];
  if (grand === 'parameters') return ['parameters'];
  if (grand === 'responses') return ['responses'];
  if (grand === 'headers') return ['headers'];
  if (parent === 'requestBody') return ['requestBodies'];
  return [];
}

/** A file of bare definitions (`Pet: {...}` at its root, no `openapi`, `swagger` or `paths`), which `$ref`s name by root key. */
export function isDefinitionsFile(document: ApiDocument): boolean {
  const root = document.root;
  return root?.type === 'object' && !['openapi', 'swagger', 'paths'].some((k) => getProperty(root, k));
}

/**
 * What a `$ref` at `path` may point to in another file, as JSON pointers. Shared files often carry no version key, so
 * the containers of both versions count; a file of bare definitions (`Pet: {...}` at its root) offers its root keys.
 */
export function externalRefPointers(other: ApiDocument, path: NodePath): { pointer: string; container: string }[] {
  const pointers: { pointer: string; container: string }[] = [];
  for (const container of refContainersFor(other, path, [...OPENAPI3_CONTAINERS, ...SWAGGER_CONTAINERS])) {
    const node = findNodeAtPath(other.root, container);
    if (node?.type !== 'object') continue;
    for (const property of node.properties) pointers.push({ pointer: pointerOf([...container, keyName(property)]), container: String(container[container.length - 1]) });
  }
  if (pointers.length || !isDefinitionsFile(other)) return pointers;
  return (other.root as ObjectNode).properties.filter((p) => p.value?.type === 'object').map((p) => ({ pointer: pointerOf([keyName(p)]), container: 'definition' }));
}
