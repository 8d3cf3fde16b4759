/**
 * The `#macro` blocks of a parsed text in the order Velocity 1.7 registers them as it loads the text, the first
 * definition of a name being the one that stays. Its parser registers a macro when it reaches the block's `#end`, so
 * a macro defined inside another one comes before it; and it parses every double-quoted string with a `$` or `#` as
 * template text as it reaches it, registering the string's macros then, wherever the string stands (in an `#if`
 * never run, in a macro's body). The evaluator registers them all before the template runs.
 */
import type { VelocityNode, VelocityTree } from './syntax';

type Block = VelocityTree;

/** The order of texts whose strings define macros, worked out by the parse (syntax.ts). */
const withStrings = new WeakMap<VelocityTree, Block[]>();
/** The order of the others, read from the tree once. */
const ownOnly = new WeakMap<VelocityTree, Block[]>();

/** The `#macro` blocks of `tree`, at any depth and those of its strings, in the order Velocity registers them. */
export function macrosOnLoad(tree: VelocityTree): Block[] {
  const known = withStrings.get(tree) ?? ownOnly.get(tree);
  if (known) return known;
  const blocks = ownMacros(tree);
  ownOnly.set(tree, blocks);
  return blocks;
}

/** The `#macro` blocks of the tree itself, each after those inside it: the order their `#end`s come in. */
export function ownMacros(tree: VelocityTree): Block[] {
  const out: Block[] = [];
  collect(tree, out);
  return out;
}

function collect(list: VelocityTree, out: Block[]): void {
  for (const item of list) {
    if (!Array.isArray(item)) continue;
    collect(item, out);
    const head = item[0] as VelocityNode | undefined;
    if (typeof head === 'object' && !Array.isArray(head) && head?.type === 'macro') out.push(item);
  }
}

/** Records the order of a tree whose strings define macros. */
export function setMacrosOnLoad(tree: VelocityTree, blocks: Block[]): void {
  withStrings.set(tree, blocks);
}
