/** Moving parsed nodes by a number of characters: a part parsed alone, placed where it stands in the whole text. */
import type { ObjectNode, PropertyNode, ValueNode } from './nodes';

/** -1 marks a node js-yaml gives no position (an empty value); it stays unplaced wherever its item moves or is copied. */
export const shift = (offset: number, delta: number): number => (offset < 0 ? offset : offset + delta);

export function shiftProperty(property: PropertyNode, delta: number): void {
  if (delta === 0) return;
  property.offset = shift(property.offset, delta);
  property.end = shift(property.end, delta);
  // Only a key node already made needs moving; the others are made from the entry's offsets when asked for.
  property.keyEnd = shift(property.keyEnd, delta);
  if (property.keyNode) shiftNode(property.keyNode, delta);
  if (property.value) shiftNode(property.value, delta);
}

export function shiftNode(node: ValueNode, delta: number): void {
  node.offset = shift(node.offset, delta);
  node.end = shift(node.end, delta);
  if (node.type === 'object') {
    const properties = (node as ObjectNode).properties;
    for (let i = 0; i < properties.length; i++) shiftProperty(properties[i], delta);
  } else if (node.type === 'array') {
    const items = node.items;
    for (let i = 0; i < items.length; i++) shiftNode(items[i], delta);
  } else {
    node.contentOffset = shift(node.contentOffset, delta);
    node.contentEnd = shift(node.contentEnd, delta);
  }
}
