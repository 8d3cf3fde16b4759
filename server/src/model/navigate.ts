import type { AnyNode, NodePath, ObjectNode, PropertyNode, ScalarNode, ValueNode } from './nodes';
import { setOwn } from './jsonObjects';
import { keyOf } from './property';

/**
 * Objects with at least this many entries are looked up through an index of their keys: `paths` and
 * `components/schemas` of a large definition have thousands, and every `$ref` and path lookup into them would
 * otherwise scan them all.
 */
const INDEXED_ENTRIES = 32;

interface KeyIndex {
  /** The entry count the index was built for: entries added or removed later make it rebuild. */
  length: number;
  byKey: Map<string, PropertyNode>;
}

/** Keyed by the entries array, so that a copy of an object with its own array never reads another's index. */
const keyIndexes = new WeakMap<PropertyNode[], KeyIndex>();

/** The value of a property of an object node, by key; the first entry when a key is repeated. */
export function getProperty(node: ValueNode | undefined, key: string): PropertyNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  const props = node.properties;
  if (props.length >= INDEXED_ENTRIES) return keyIndexOf(props).get(key);
  for (let i = 0; i < props.length; i++) {
    const value = props[i].keyValue;
    if (value === key || (typeof value !== 'string' && String(value) === key)) return props[i];
  }
  return undefined;
}

function keyIndexOf(props: PropertyNode[]): Map<string, PropertyNode> {
  const known = keyIndexes.get(props);
  if (known && known.length === props.length) return known.byKey;
  const byKey = new Map<string, PropertyNode>();
  for (let i = 0; i < props.length; i++) {
    const value = props[i].keyValue;
    const name = typeof value === 'string' ? value : String(value);
    if (!byKey.has(name)) byKey.set(name, props[i]);
  }
  keyIndexes.set(props, { length: props.length, byKey });
  return byKey;
}

/** To be called after an entry of `node` was replaced in place, which leaves the entry count as it was. */
export function forgetKeyIndex(node: ObjectNode): void {
  keyIndexes.delete(node.properties);
}

export function getValue(node: ValueNode | undefined, key: string): ValueNode | undefined {
  return getProperty(node, key)?.value;
}

export function asObject(node: ValueNode | undefined): ObjectNode | undefined {
  return node?.type === 'object' ? node : undefined;
}

export function asString(node: ValueNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function isScalar(node: AnyNode | undefined): node is ScalarNode {
  return !!node && node.type !== 'object' && node.type !== 'array' && node.type !== 'property';
}

/** Key of a property as a string, whatever the YAML scalar type of the key (e.g. `200:` is a number in YAML). */
export function keyName(property: PropertyNode): string {
  const value = property.keyValue;
  return typeof value === 'string' ? value : String(value);
}

/** Whether `path` starts with `prefix`; an index and its digits as a pointer segment (`0`, "0") are the same step. */
export function isPathPrefix(path: NodePath, prefix: NodePath): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (String(path[i]) !== String(prefix[i])) return false;
  return true;
}

/** The node at a JSON-pointer-like path of keys and indexes. */
export function findNodeAtPath(root: ValueNode | undefined, path: NodePath): ValueNode | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === 'object') node = getValue(node, String(segment));
    else if (node.type === 'array') node = typeof segment === 'number' || /^\d+$/.test(segment) ? node.items[Number(segment)] : undefined;
    else return undefined;
  }
  return node;
}

/** The path of keys and indexes from the root to a node; a key and its value share the path of their property. */
export function pathOf(node: AnyNode): NodePath {
  const path: NodePath = [];
  let current: AnyNode | undefined = node;
  while (current) {
    const parent: AnyNode | undefined = current.parent;
    if (!parent) break;
    if (parent.type === 'property') {
      path.push(keyName(parent));
      current = parent.parent;
      continue;
    }
    if (parent.type === 'array') path.push(parent.items.indexOf(current as ValueNode));
    current = parent;
  }
  return path.reverse();
}

/**
 * The innermost node whose range contains the offset: a property key's scalar when the offset is on a key.
 * `includeEnd` counts an offset right after a node as inside it, as completion needs.
 */
export function nodeAtOffset(root: ValueNode | undefined, offset: number, includeEnd = false): AnyNode | undefined {
  let node: AnyNode | undefined = root;
  const inside = (n: { offset: number; end: number }) => offset >= n.offset && (offset < n.end || (includeEnd && offset === n.end));
  const spliced = root && splicedCopies.get(root);
  // In a bundle, what was spliced in stands in its own file's text, outside the ranges of the nodes that hold it.
  if (spliced) node = innermost(spliced, inside) ?? root;
  if (!root || !inside(node!)) return undefined;
  for (;;) {
    if (!node) return undefined;
    if (node.type === 'object') {
      const child: PropertyNode | undefined = findContaining(node.properties, offset, includeEnd);
      if (!child) return node;
      node = child;
    } else if (node.type === 'array') {
      const child: ValueNode | undefined = findContaining(node.items, offset, includeEnd);
      if (!child) return node;
      node = child;
    } else if (node.type === 'property') {
      if (inside(keyOf(node))) return keyOf(node);
      if (node.value && inside(node.value)) {
        node = node.value;
        continue;
      }
      return node;
    } else {
      return node;
    }
  }
}

/** The nodes a bundle of several files splices in (splitDefinitions.ts), by the bundle's root. */
const splicedCopies = new WeakMap<ValueNode, ValueNode[]>();

export function noteSplicedCopies(root: ValueNode, copies: ValueNode[]): void {
  if (copies.length) splicedCopies.set(root, copies);
}

/** Whether an offset of a bundle stands in what was spliced in, outside the ranges of the nodes holding it. */
export function isInSplicedCopy(root: ValueNode | undefined, offset: number): boolean {
  const copies = root && splicedCopies.get(root);
  return copies !== undefined && copies.some((copy) => offset >= copy.offset && offset <= copy.end);
}

/** The smallest of the spliced nodes that holds the offset: one spliced inside another stands apart from it too. */
function innermost(copies: ValueNode[], inside: (n: ValueNode) => boolean): ValueNode | undefined {
  let found: ValueNode | undefined;
  for (const copy of copies) if (inside(copy) && (!found || copy.end - copy.offset < found.end - found.offset)) found = copy;
  return found;
}

/** Children are in source order (aliases and merge copies aside), so a binary search finds the candidate quickly. */
function findContaining<T extends { offset: number; end: number }>(children: T[], offset: number, includeEnd: boolean): T | undefined {
  let lo = 0;
  let hi = children.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = children[mid];
    if (offset < c.offset) hi = mid - 1;
    else if (offset > c.end || (offset === c.end && !includeEnd)) lo = mid + 1;
    else return c;
  }
  // Merge-key copies and aliases break the ordering; fall back to a scan.
  for (const c of children) {
    if (offset >= c.offset && (offset < c.end || (includeEnd && offset === c.end))) return c;
  }
  return undefined;
}

/** Converts a subtree to plain JavaScript values. */
export function toValue(node: ValueNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const p of node.properties) {
        const key = keyName(p);
        // Assigned, a `__proto__` key would become the object's prototype instead of one of its entries.
        if (key === '__proto__') setOwn(result, key, toValue(p.value));
        else result[key] = toValue(p.value);
      }
      return result;
    }
    case 'array':
      return node.items.map(toValue);
    default:
      return node.value;
  }
}

/** An object's keys with the values of its scalar entries; nested objects and lists stand as empty ones. */
export function shallowValue(node: ValueNode | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (node?.type !== 'object') return result;
  for (const p of node.properties) {
    const value = p.value;
    result[keyName(p)] = !value ? null : value.type === 'object' ? {} : value.type === 'array' ? [] : value.value;
  }
  return result;
}

/** Calls the visitor for every property in the subtree, depth first; returning false skips the property's value. */
export function visitProperties(node: ValueNode | undefined, visitor: (property: PropertyNode) => boolean | void): void {
  if (!node) return;
  if (node.type === 'object') {
    for (const p of node.properties) {
      if (visitor(p) !== false) visitProperties(p.value, visitor);
    }
  } else if (node.type === 'array') {
    for (const item of node.items) visitProperties(item, visitor);
  }
}
