import type { ApiDocument } from '../../model/apiDocument';
import { visitProperties } from '../../model/navigate';
import type { NodePath, ScalarNode } from '../../model/nodes';

export function pointerOf(path: NodePath): string {
  return '#/' + path.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** Every `$ref` value in the document. */
export function allRefs(document: ApiDocument): { node: ScalarNode; ref: string }[] {
  const refs: { node: ScalarNode; ref: string }[] = [];
  visitProperties(document.root, (p) => {
    if (p.key.value === '$ref' && p.value?.type === 'string') refs.push({ node: p.value, ref: p.value.value as string });
  });
  return refs;
}

/** The maps whose entries `$ref`s name, per OpenAPI version. */
export function refContainers(document: ApiDocument): NodePath[] {
  if (!document.isOpenApi3) return [['definitions'], ['parameters'], ['responses']];
  return [
    ['components', 'schemas'],
    ['components', 'parameters'],
    ['components', 'responses'],
    ['components', 'requestBodies'],
    ['components', 'headers'],
    ['components', 'securitySchemes'],
    ['components', 'x-amazon-apigateway-integrations'],
  ];
}

/** Which container a `$ref` key site points into: integrations are only referenced from integration objects. */
export function refContainersFor(document: ApiDocument, path: NodePath): NodePath[] {
  const inIntegration = path.includes('x-amazon-apigateway-integration');
  const all = refContainers(document).filter((c) => c[c.length - 1] !== 'securitySchemes');
  if (inIntegration) return all.filter((c) => c[1] === 'x-amazon-apigateway-integrations');
  const parent = path[path.length - 2];
  const grand = path[path.length - 3];
  const preferred = parent === 'schema' || parent === 'items' || grand === 'properties' || grand === 'schemas' || grand === 'definitions' ? ['schemas', 'definitions'] : grand === 'parameters' ? ['parameters'] : grand === 'responses' ? ['responses'] : parent === 'requestBody' ? ['requestBodies'] : [];
  const matching = all.filter((c) => preferred.includes(String(c[c.length - 1])));
  return (matching.length ? matching : all).filter((c) => c[1] !== 'x-amazon-apigateway-integrations');
}
