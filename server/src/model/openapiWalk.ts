import type { Placement } from '../facts/extensionTypes';
import type { ApiDocument } from './apiDocument';
import { findNodeAtPath, getProperty, getValue, keyName } from './navigate';
import type { NodePath, ObjectNode, PropertyNode, ValueNode } from './nodes';

/** Operation keys of a Path Item; API Gateway's catch-all method stands beside them. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
export const ANY_METHOD_KEY = 'x-amazon-apigateway-any-method';

export interface OperationRef {
  /** The path template, e.g. `/pets/{petId}`. */
  path: string;
  /** Upper-case HTTP method; `ANY` for `x-amazon-apigateway-any-method`. */
  method: string;
  pathItem: ObjectNode;
  operation: ObjectNode;
  pathProperty: PropertyNode;
  methodProperty: PropertyNode;
}

/** A Path Item key that holds an operation: lower-case, as OpenAPI writes them (`GET` is an unknown field). */
export function isMethodKey(key: string): boolean {
  return key === ANY_METHOD_KEY || HTTP_METHODS.includes(key);
}

/** An operation key as messages name the method: upper case, `ANY` for API Gateway's catch-all. */
export function methodLabel(key: string): string {
  return key === ANY_METHOD_KEY ? 'ANY' : key.toUpperCase();
}

/** Where an object at a path stands in an OpenAPI document, for the placement of extensions. */
export function placementOf(document: ApiDocument, path: NodePath): Placement | undefined {
  const n = path.length;
  if (n === 0) return 'root';
  const [first, second] = path;
  if (n === 1) {
    if (first === 'info') return 'info';
    if (first === 'components' && document.kind === 'openapi') return 'components';
    return undefined;
  }
  if (first === 'servers' && n === 2 && typeof second === 'number') return 'server';
  if (first === 'tags' && n === 2 && typeof second === 'number') return 'tag';
  if (first === 'securityDefinitions' && n === 2 && document.kind === 'swagger') return 'securityScheme';
  if (first === 'components' && second === 'securitySchemes' && n === 3 && document.kind === 'openapi') return 'securityScheme';
  if (first === 'paths') {
    if (n === 2) return 'pathItem';
    if (n === 3 && isMethodKey(String(path[2]))) return 'operation';
    if (n === 4 && path[2] === 'servers' && typeof path[3] === 'number') return 'server';
    if (n === 5 && isMethodKey(String(path[2])) && path[3] === 'servers' && typeof path[4] === 'number') return 'server';
  }
  return undefined;
}

/** Calls `fn` for every operation of every path, in document order. */
export function forEachOperation(document: ApiDocument, fn: (op: OperationRef) => void): void {
  const paths = getValue(document.root, 'paths');
  if (paths?.type !== 'object') return;
  for (const pathProperty of paths.properties) {
    const pathItem = pathProperty.value;
    if (pathItem?.type !== 'object') continue;
    const path = keyName(pathProperty);
    for (const methodProperty of pathItem.properties) {
      const key = keyName(methodProperty);
      if (!isMethodKey(key) || methodProperty.value?.type !== 'object') continue;
      fn({
        path,
        method: methodLabel(key),
        pathItem,
        operation: methodProperty.value,
        pathProperty,
        methodProperty,
      });
    }
  }
}

/** Names of the `{param}` segments of a path template (`{proxy+}` gives `proxy`). */
export function pathTemplateParameters(path: string): string[] {
  const names: string[] = [];
  // A `{` opens an expression that the next brace closes, if that brace is a `}` with a name before it.
  for (let open = path.indexOf('{'); open >= 0; ) {
    let close = open + 1;
    while (close < path.length && path.charCodeAt(close) !== OPEN_BRACE && path.charCodeAt(close) !== CLOSE_BRACE) close++;
    if (close >= path.length) break;
    if (path.charCodeAt(close) === OPEN_BRACE) {
      open = close;
      continue;
    }
    if (close > open + 1) {
      const name = path.slice(open + 1, close);
      names.push(name.endsWith('+') ? name.slice(0, -1) : name);
    }
    open = path.indexOf('{', close + 1);
  }
  return names;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Follows a local `$ref` (`#/...`) to its target, through chains of references; undefined when the pointer does not
 * resolve or the chain loops.
 */
export function resolveLocalRef(document: ApiDocument, ref: string): ValueNode | undefined {
  const seen = new Set<string>();
  let current = ref;
  for (;;) {
    if (!current.startsWith('#') || seen.has(current)) return undefined;
    seen.add(current);
    const target = findNodeAtPath(document.root, pointerToPath(current.slice(1)));
    const next = refOf(target);
    if (next === undefined) return target;
    current = next;
  }
}

/** A JSON pointer (without the leading `#`) as a node path; `~1` and `~0` and percent-escapes decoded. */
export function pointerToPath(pointer: string): NodePath {
  if (pointer === '' || pointer === '/') return pointer === '' ? [] : [''];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      let decoded = s;
      if (s.includes('%')) {
        try {
          decoded = decodeURIComponent(s);
        } catch {
          decoded = s;
        }
      }
      return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** The `$ref` string of an object, if it is a reference object. */
export function refOf(node: ValueNode | undefined): string | undefined {
  if (node?.type !== 'object') return undefined;
  const ref = getValue(node, '$ref');
  return ref?.type === 'string' ? (ref.value as string) : undefined;
}

/** A node, or the local target it refers to. */
export function deref(document: ApiDocument, node: ValueNode | undefined): ValueNode | undefined {
  const ref = refOf(node);
  return ref === undefined ? node : ref.startsWith('#') ? resolveLocalRef(document, ref) : undefined;
}

export interface DeclaredParameter {
  name: string;
  in: string;
  /** The parameter object (after following its `$ref`). */
  node: ObjectNode;
}

/** The parameters of an operation: its own, then those of its path item that it does not override. */
export function operationParameters(document: ApiDocument, op: Pick<OperationRef, 'pathItem' | 'operation'>): DeclaredParameter[] {
  const result: DeclaredParameter[] = [];
  addParameters(document, getValue(op.operation, 'parameters'), result);
  addParameters(document, getValue(op.pathItem, 'parameters'), result);
  return result;
}

function addParameters(document: ApiDocument, list: ValueNode | undefined, result: DeclaredParameter[]): void {
  if (list?.type !== 'array') return;
  const items = list.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.type !== 'object') continue;
    // One pass over the entries finds the reference, the name and the location, as `deref` and `getValue` would.
    let entries = parameterEntries(item);
    let parameter: ObjectNode = item;
    if (entries.ref?.type === 'string') {
      const ref = entries.ref.value as string;
      const target = ref.startsWith('#') ? resolveLocalRef(document, ref) : undefined;
      if (target?.type !== 'object') continue;
      parameter = target;
      entries = parameterEntries(target);
    }
    const name = entries.name;
    const location = entries.in;
    if (name?.type !== 'string' || location?.type !== 'string') continue;
    if (declaresAlready(result, location.value as string, name.value as string)) continue;
    result.push({ name: name.value as string, in: location.value as string, node: parameter });
  }
}

interface ParameterEntries {
  ref: ValueNode | undefined;
  name: ValueNode | undefined;
  in: ValueNode | undefined;
}

/** The values of a parameter's first `$ref`, `name` and `in` entries. */
function parameterEntries(node: ObjectNode): ParameterEntries {
  const props = node.properties;
  const found: ParameterEntries = { ref: undefined, name: undefined, in: undefined };
  let ref = false;
  let name = false;
  let location = false;
  for (let i = 0; i < props.length; i++) {
    // Only string keys can equal these names (other scalars read as numbers, `true`, `false` or `null`).
    switch (props[i].keyValue) {
      case '$ref':
        if (!ref) (ref = true), (found.ref = props[i].value);
        break;
      case 'name':
        if (!name) (name = true), (found.name = props[i].value);
        break;
      case 'in':
        if (!location) (location = true), (found.in = props[i].value);
        break;
    }
  }
  return found;
}

/** Whether a parameter of this location and name is listed: the same `in:name` key, as a set of such keys would tell. */
function declaresAlready(result: DeclaredParameter[], location: string, name: string): boolean {
  for (let i = 0; i < result.length; i++) {
    const other = result[i];
    if (other.in === location && other.name === name) return true;
    // Keys of other parts can still spell the same text (`a:b` and `c` against `a` and `b:c`).
    if (other.in !== location && other.in.length + other.name.length === location.length + name.length && `${other.in}:${other.name}` === `${location}:${name}`) return true;
  }
  return false;
}

/** The operation's `responses` entries; status codes written as YAML numbers come back as strings. */
export function operationResponses(op: Pick<OperationRef, 'operation'>): PropertyNode[] {
  const responses = getValue(op.operation, 'responses');
  return responses?.type === 'object' ? responses.properties : [];
}

export function findOperationResponse(op: Pick<OperationRef, 'operation'>, statusCode: string): PropertyNode | undefined {
  return getProperty(getValue(op.operation, 'responses'), statusCode);
}

/** Header names declared on one response of an operation (after following the response's `$ref`). */
export function responseHeaderNames(document: ApiDocument, op: Pick<OperationRef, 'operation'>, statusCode: string): string[] | undefined {
  const response = deref(document, findOperationResponse(op, statusCode)?.value);
  if (!response) return undefined;
  const headers = getValue(response, 'headers');
  return headers?.type === 'object' ? headers.properties.map(keyName) : [];
}

/** The schemes a list of security requirements asks for; none when the list is empty or offers `{}` (no security). */
export function requiredSchemes(list: ValueNode | undefined): string[] {
  if (list?.type !== 'array' || list.items.length === 0) return [];
  if (list.items.some((r) => r.type === 'object' && r.properties.length === 0)) return [];
  const names = new Set<string>();
  for (const requirement of list.items) if (requirement.type === 'object') for (const p of requirement.properties) names.add(keyName(p));
  return [...names];
}

/** The security scheme definitions: `securityDefinitions` (2.0) or `components/securitySchemes` (3.x). */
export function securitySchemes(document: ApiDocument): ObjectNode | undefined {
  const node = document.kind === 'swagger' ? getValue(document.root, 'securityDefinitions') : getValue(getValue(document.root, 'components'), 'securitySchemes');
  return node?.type === 'object' ? node : undefined;
}

/** The root-level map of request validators. */
export function requestValidators(document: ApiDocument): ObjectNode | undefined {
  const node = getValue(document.root, 'x-amazon-apigateway-request-validators');
  return node?.type === 'object' ? node : undefined;
}

/** Models: `definitions` (2.0) or `components/schemas` (3.x). */
export function modelDefinitions(document: ApiDocument): ObjectNode | undefined {
  const node = document.kind === 'swagger' ? getValue(document.root, 'definitions') : getValue(getValue(document.root, 'components'), 'schemas');
  return node?.type === 'object' ? node : undefined;
}
