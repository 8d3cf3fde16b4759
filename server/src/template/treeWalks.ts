/**
 * Walks over the tree velocityjs parses, without recursion: an operator chain nests as deep as it is long until the
 * parse makes it flat, and a long one would overflow the stack.
 */
import type { VelocityNode } from './syntax';

/** A node's place as velocityjs writes it: 1-based lines, 0-based columns. */
export interface TreeLocation {
  first_line?: number;
  first_column?: number;
  last_line?: number;
  last_column?: number;
}

/** Every `pos` of the tree, each once; `seen` may be shared by walks over trees that share nodes. */
export function forEachLocation(root: unknown, visit: (location: TreeLocation) => void, seen = new Set<object>()): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) pending.push(item);
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'pos' || typeof value !== 'object' || value === null) pending.push(value);
      else if (!seen.has(value)) {
        seen.add(value);
        visit(value as TreeLocation);
      }
    }
  }
}

/** The nodes of the tree's lists, in text order, nested lists included (not the nodes inside a node's own fields). */
export function* nodesInOrder(tree: unknown): Generator<VelocityNode> {
  const pending: unknown[] = [tree];
  while (pending.length > 0) {
    const item = pending.pop();
    if (Array.isArray(item)) {
      for (let k = item.length - 1; k >= 0; k--) pending.push(item[k]);
      continue;
    }
    if (typeof item === 'object' && item !== null) yield item as VelocityNode;
  }
}
