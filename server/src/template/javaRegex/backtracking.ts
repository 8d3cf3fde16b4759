/**
 * A static check for patterns whose backtracking can take exponential time. JavaScript runs a regex to the end
 * without yielding, so the evaluation budget cannot interrupt one: `(a+)+` against thirty `a`s and a `c` would hang
 * the simulator. Java's engine backtracks the same way, Java 8's through every try (Java 9 and later remember where
 * a greedy loop failed, without back-references in the pattern, and so cut many such searches short). The patterns
 * found here are run with a step budget first (steppedMatch) and warned about in the editor.
 *
 * A repetition is exponential when some text can go once around it in two different ways: then n times around can go
 * 2^n ways, and a failing match tries them all. That happens with nested repetition (`(a+)+`, `(\w+\s*)*`), with
 * alternatives that can match the same characters (`(\w|\d)+`, `(a|aa)*`, `(\d+|\w+)*`), and with a body that can end
 * where the next iteration begins (`(.*,)*`). The check runs on the pattern's position automaton: two runs that read
 * the same characters, start together at one state and come back together to it after having parted (a cycle through
 * the diagonal of the automaton's square) are exactly such a pair of ways. Which characters two atoms share is decided
 * on a sample of characters (see `sampleSets.ts`).
 *
 * Not flagged: a mandatory piece that no other part of the body can match, like the comma in `([a-z]+,)*`, fixes where
 * an iteration ends; possessive quantifiers and atomic groups never give back what they matched. Repetitions side by
 * side (`.*a.*b`, `\w*\w*x`) cost a polynomial, not exponential, amount of time; `.*Error.*` is of that kind on a
 * failing search, so refusing them would refuse ordinary patterns.
 */

import { JavaRegexError } from './errors';
import { positionAutomaton, TooLarge, type Loop, type PositionAutomaton } from './positionAutomaton';
import { overlap } from './sampleSets';

/** Pairs of edges looked at per repetition before giving up on it, so that a huge pattern is not slow to check. */
const PAIR_BUDGET = 200_000;

/**
 * Refuses a pattern that could keep the evaluation busy far beyond its time budget: `fragment` is its `exponential`.
 * For JSONPath filters, whose evaluation has no budget to run a match under.
 */
export function refuseExponentialPattern(pattern: string, fragment: string | undefined): void {
  if (fragment === undefined) return;
  throw new JavaRegexError(`Regular expression ${pattern} is refused: ${describeBacktracking(fragment)}`, `exponential repetition ${fragment}`, true);
}

const REWRITE_ADVICE =
  'Rewrite it so that each character can be matched in only one way (for example (a+)+ as a+, (\\w|\\d)+ as \\w+), or make the repetition possessive (a++)';

/**
 * Why a repetition is refused, and how to rewrite it: one wording for the evaluator, the local gateway and the editor.
 * Nested repetitions (`(a+)+`) and overlapping alternatives (`(\w|\d)+`) alike match a text in many ways.
 */
export function describeBacktracking(fragment: string): string {
  return `in ${fragment} the repetition can match the same text in exponentially many ways, so an input that does not match can keep the matcher busy for minutes, and a running match cannot be interrupted. ${REWRITE_ADVICE}`;
}

/** Why a match of such a pattern was stopped, and how to rewrite the pattern: for the evaluator and the local gateway. */
export function describeRunawayMatch(fragment: string): string {
  // Java 9 and later remember where a greedy loop failed, which cuts many such searches short; Java 8 does not.
  return `In ${fragment} the repetition can match the same text in exponentially many ways, and on this text the matcher has to try a great many of them (each further character can double them). Java's matcher backtracks the same way (Java 8 through every try; later versions cut some such searches short), so on API Gateway the request may run out of time as well. ${REWRITE_ADVICE}`;
}

/**
 * The part of `pattern` that can backtrack exponentially, e.g. `(a+)+`; undefined for a safe pattern. Uncached: the
 * compiler keeps it with each compiled pattern (`exponentialRepetition` in compile.ts).
 */
export function findExponentialRepetition(pattern: string): string | undefined {
  try {
    const automaton = positionAutomaton(pattern);
    const loop = automaton.loops.find((l) => ambiguous(automaton, l));
    return loop && pattern.slice(loop.start, loop.end);
  } catch {
    // An invalid pattern is the compiler's to report; one too large to check in good time (TooLarge) is let through.
    return undefined;
  }
}

type Successors = Map<number, Array<{ edge: number; to: number }>>;

/**
 * Whether two different runs through the loop's own edges can leave a state and return to it on the same text: some
 * strongly connected component of the product automaton holds a diagonal pair (p, p) and either a pair of different
 * states or a step on two different edges between the same states (`(a*)*` has two loops on `a`).
 */
function ambiguous(automaton: PositionAutomaton, loop: Loop): boolean {
  const successors: Successors = new Map();
  for (let i = loop.edgeLo; i < loop.edgeHi; i++) {
    const e = automaton.edges[i];
    if (e.scope !== loop.scope) continue;
    const list = successors.get(e.from) ?? [];
    list.push({ edge: i, to: e.to });
    successors.set(e.from, list);
  }
  try {
    return new ProductSearch(automaton, successors).ambiguous();
  } catch (error) {
    if (error instanceof TooLarge) return false;
    throw error;
  }
}

/** Tarjan's strongly connected components over pairs of states, numbered p * n + q, explored from the diagonal. */
class ProductSearch {
  private readonly n: number;
  private readonly index = new Map<number, number>();
  private readonly low = new Map<number, number>();
  private readonly component = new Map<number, number>();
  private readonly stack: number[] = [];
  private readonly onStack = new Set<number>();
  /** Steps from (p, p) to (q, q) on two different edges. */
  private readonly parallel: Array<[number, number]> = [];
  private readonly diagonalIn = new Set<number>();
  private readonly offDiagonalIn = new Set<number>();
  private counter = 0;
  private components = 0;
  private pairs = 0;

  constructor(
    private readonly automaton: PositionAutomaton,
    private readonly successors: Successors,
  ) {
    this.n = automaton.sets.length;
  }

  ambiguous(): boolean {
    for (const state of this.successors.keys()) {
      const root = state * this.n + state;
      if (!this.index.has(root)) this.connect(root);
    }
    for (let c = 0; c < this.components; c++) if (this.diagonalIn.has(c) && this.offDiagonalIn.has(c)) return true;
    return this.parallel.some(([from, to]) => this.component.get(from) === this.component.get(to));
  }

  private next(node: number): number[] {
    const p = Math.floor(node / this.n);
    const q = node % this.n;
    const out: number[] = [];
    const sets = this.automaton.sets;
    for (const a of this.successors.get(p) ?? []) {
      for (const b of this.successors.get(q) ?? []) {
        if (++this.pairs > PAIR_BUDGET) throw new TooLarge();
        if (!overlap(sets[a.to], sets[b.to])) continue;
        const target = a.to * this.n + b.to;
        if (p === q && a.to === b.to && a.edge !== b.edge) this.parallel.push([node, target]);
        out.push(target);
      }
    }
    return out;
  }

  private visit(node: number): { node: number; next: number[]; i: number } {
    this.index.set(node, this.counter);
    this.low.set(node, this.counter++);
    this.stack.push(node);
    this.onStack.add(node);
    return { node, next: this.next(node), i: 0 };
  }

  private connect(root: number): void {
    const frames = [this.visit(root)];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++];
        if (!this.index.has(w)) frames.push(this.visit(w));
        else if (this.onStack.has(w)) this.low.set(frame.node, Math.min(this.low.get(frame.node)!, this.index.get(w)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) this.low.set(parent.node, Math.min(this.low.get(parent.node)!, this.low.get(frame.node)!));
      if (this.low.get(frame.node) === this.index.get(frame.node)) this.closeComponent(frame.node);
    }
  }

  private closeComponent(root: number): void {
    const id = this.components++;
    for (;;) {
      const w = this.stack.pop()!;
      this.onStack.delete(w);
      this.component.set(w, id);
      const diagonal = Math.floor(w / this.n) === w % this.n;
      (diagonal ? this.diagonalIn : this.offDiagonalIn).add(id);
      if (w === root) return;
    }
  }
}
