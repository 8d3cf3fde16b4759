import { ANY_METHOD_KEY, isMethodKey } from '../../model/openapiWalk';
import type { NodePath } from '../../model/nodes';

export const EXTENSION_PREFIX = 'x-amazon-apigateway-';

export function isOperationKey(segment: string | number | undefined): boolean {
  return typeof segment === 'string' && isMethodKey(segment);
}

/** The path of the operation containing a path (`paths./pets.get`), if any. */
export function operationPathOf(path: NodePath): NodePath | undefined {
  if (path[0] !== 'paths' || path.length < 3 || !isOperationKey(path[2])) return undefined;
  return path.slice(0, 3);
}

/** The first `x-amazon-apigateway-*` key on a path, skipping the ANY method (an operation whose keys are checked as such). */
export function extensionIndexOf(path: NodePath): number {
  return path.findIndex((s, i) => typeof s === 'string' && s.startsWith(EXTENSION_PREFIX) && !(s === ANY_METHOD_KEY && i === 2 && path[0] === 'paths'));
}

/** Mapping templates are Velocity, with their own completion and hover; the OpenAPI features stay out of them. */
export function isMappingTemplateValue(path: NodePath): boolean {
  const container = path[path.length - 2];
  return path.length >= 2 && (container === 'requestTemplates' || container === 'responseTemplates');
}

/** `security: [{name: []}]` at the root or on an operation: the path of a requirement object, whose keys are scheme names. */
export function isSecurityRequirement(path: NodePath): boolean {
  const n = path.length;
  if (n < 2 || path[n - 2] !== 'security' || typeof path[n - 1] !== 'number') return false;
  return n === 2 || (n === 5 && path[0] === 'paths');
}

/** The `responses` object of an operation (2.0 and 3.x alike), whose keys are status codes. */
export function isOperationResponses(path: NodePath): boolean {
  return path.length === 4 && path[3] === 'responses' && operationPathOf(path) !== undefined;
}
