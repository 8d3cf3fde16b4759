/**
 * Chains of binary operators (`1 + 2 * $a && $b`), kept flat. velocityjs gives a chain as a tree one level deeper per
 * operator, and every walk of the tree recursed through it, so a chain of some thousands of operators (a 30 KB `#set`)
 * ran out of call stack. A chain is read once, without recursion, into one node that holds its operands and operators
 * in the order written; the grouping by precedence is applied where the chain is evaluated, again with recursion no
 * deeper than the number of precedence levels.
 *
 * Velocity 1.7 evaluates a chain by recursion one level per operator, and a long one can end in a StackOverflowError:
 * this engine does not copy that failure. Where it comes is no property of the template: run in one JVM by the
 * oracle, a chain of 5,000 `* 1` failed while the JVM was cold and passed once it had compiled the code, `+ 1` failed
 * from about 4,250 operands, `&&` passed at 8,000 and failed at 12,000, and the thread's stack size, which API
 * Gateway does not document, moves every one of those bounds. Any cut-off chosen here would fail templates that API
 * Gateway may well run; the chain is evaluated instead, up to the engine's limit on the length of one statement.
 */
import type { VelocityNode } from './syntax';

/** The operator of a chain node: `expression` holds the operands, `operators` the operators between them. */
export const CHAIN = 'chain';

/**
 * Binding strength of the binary operators in Velocity 1.7 (Parser.jjt): `||` below `&&` below `==` and `!=` below
 * `<`, `>`, `<=`, `>=` below `+`, `-` below `*`, `/`, `%`, all binding left to right. velocityjs ranks `||` with `&&`
 * and `==` with `<`, so that `true || false && false` and `true == 1 < 2` came out false.
 */
const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };
export const OR_PRECEDENCE = PRECEDENCE['||'];
export const AND_PRECEDENCE = PRECEDENCE['&&'];
/** `==`, `!=`, `<`, `>`, `<=`, `>=` bind at this strength or looser (and tighter than `&&`). */
export const COMPARISON_PRECEDENCE = PRECEDENCE['<'];

function isBinary(node: unknown): node is VelocityNode {
  const math = node as VelocityNode | null;
  return typeof math === 'object' && math !== null && math.type === 'math' && PRECEDENCE[math.operator] !== undefined;
}

/** Every chain of binary operators in the tree made a chain node; the tree's other nesting is walked without recursion too. */
export function flattenOperatorChains(root: object): void {
  const pending: object[] = [root];
  while (pending.length > 0) {
    const container = pending.pop() as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const value = container[key];
      if (typeof value !== 'object' || value === null || key === 'pos') continue;
      pending.push(isBinary(value) ? (container[key] = chainOf(value)) : value);
    }
  }
}

function chainOf(root: VelocityNode): VelocityNode {
  const operands: VelocityNode[] = [];
  const operators: string[] = [];
  // In the order written, which any grouping keeps: left operand, operator, right operand.
  const pending: Array<VelocityNode | string> = [root];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item === 'string') {
      operators.push(item);
    } else if (isBinary(item)) {
      const [left, right] = item.expression as VelocityNode[];
      pending.push(right, item.operator, left);
    } else {
      operands.push(item);
    }
  }
  return { type: 'math', operator: CHAIN, expression: operands, operators, ...(root.pos ? { pos: root.pos } : {}) };
}

/** Whether the chain node holds the operator. */
export function chainHolds(node: VelocityNode, operator: string): boolean {
  return node.operator === CHAIN && (node.operators as string[]).includes(operator);
}

/**
 * Operands `from`..`to` (inclusive) of a chain cut at their loosest operator, which binds last: the parts in order,
 * each an inclusive range of operands whose operators all bind tighter, and the operators between the parts.
 */
export interface ChainSplit {
  precedence: number;
  parts: Array<[number, number]>;
  operators: string[];
}

export function splitChain(chain: VelocityNode, from: number, to: number): ChainSplit {
  const operators = chain.operators as string[];
  let precedence = Infinity;
  for (let k = from; k < to; k++) precedence = Math.min(precedence, PRECEDENCE[operators[k]]);
  const split: ChainSplit = { precedence, parts: [], operators: [] };
  let start = from;
  for (let k = from; k < to; k++) {
    if (PRECEDENCE[operators[k]] !== precedence) continue;
    split.parts.push([start, k]);
    split.operators.push(operators[k]);
    start = k + 1;
  }
  split.parts.push([start, to]);
  return split;
}
