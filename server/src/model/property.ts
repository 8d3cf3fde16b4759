import type { ObjectNode, PropertyNode, ScalarNode, ScalarStyle, ValueNode } from './nodes';

/**
 * Mapping entries whose key node is made only when something asks for it (`keyOf`). Keys are a third of a
 * definition's nodes, yet validation reads little more than their values (`keyValue`); a node is made for the few that
 * a diagnostic, hover or edit needs. Entries are object literals made in one place, not class instances: V8 can learn
 * from a literal's allocation site that the tree outlives young-generation collections and allocate it in the old
 * generation directly, which it does not do for `new`. It learns that only after several large parses in one process,
 * and forgets it when a full collection finds old trees dead, so the tree is mostly copied out of the young
 * generation all the same: what it costs there grows with its bytes, which is why entries stay this small.
 */
export function newProperty(parent: ObjectNode, keyValue: ScalarNode['value'], keyStyle: ScalarStyle, offset: number, keyEnd: number, value: ValueNode | undefined, end: number, keyNode: ScalarNode | undefined): PropertyNode {
  const property: PropertyNode = { type: 'property', keyValue, keyStyle, keyEnd, keyNode, value, offset, end, parent };
  if (keyNode) keyNode.parent = property;
  return property;
}

/** An entry holding a key node made elsewhere (tagged keys, the js-yaml path, copies for aliases and merge keys). */
export function propertyWithKey(parent: ObjectNode, key: ScalarNode, value: ValueNode | undefined, end: number): PropertyNode {
  return newProperty(parent, key.value, key.style, key.offset, key.end, value, end, key);
}

/** The entry's key node, made on first use. */
export function keyOf(property: PropertyNode): ScalarNode {
  return (property.keyNode ??= makeKey(property));
}

/**
 * The key of a copy of `property` that stands at `offset`..`end` (where an alias stands), all of its offsets there.
 * Undefined when the copy's `keyOf` would make that same key: the key of an unquoted key has no quotes to step over.
 */
export function keyCopyAt(property: PropertyNode, offset: number, end: number): ScalarNode | undefined {
  const key = property.keyNode;
  if (key) return { ...key, offset, end, contentOffset: offset, contentEnd: end, parent: undefined };
  const style = property.keyStyle;
  if (style !== 'single' && style !== 'double') return undefined;
  return { type: keyType(property.keyValue), value: property.keyValue, style, offset, end, contentOffset: offset, contentEnd: end, parent: undefined };
}

function makeKey(property: PropertyNode): ScalarNode {
  const quoted = property.keyStyle === 'single' || property.keyStyle === 'double';
  const value = property.keyValue;
  const type = keyType(value);
  const offset = property.offset;
  const end = property.keyEnd;
  return { type, value, style: property.keyStyle, offset, end, contentOffset: quoted ? offset + 1 : offset, contentEnd: quoted ? end - 1 : end, parent: property };
}

function keyType(value: PropertyNode['keyValue']): ScalarNode['type'] {
  return value === null ? 'null' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
}
