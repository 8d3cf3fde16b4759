/**
 * Words among the arguments of a macro call (`#m(#x)`, `#m(intro)`, `#m(1 #stop)`, `#m($#foreach)`). Velocity 1.7
 * parses them as words wherever the call stands; RuntimeMacro then prints a call of no macro as written, and refuses a
 * call of a macro that exists when the call is reached (a TemplateInitException thrown as it renders, naming the last
 * word). Text parsed while the template runs fails to parse instead when a macro of that name exists then, unless the
 * call is a block call: the text of `#evaluate`, and a double-quoted string, which Velocity parses as the template
 * loads, once the `#macro` blocks before it have registered their names. The passes that read the words
 * (looseArguments) give each call's last word by the offset of the call's `#`; the tree's calls are marked with it
 * here.
 */
import type { VelocityNode, VelocityTree } from './syntax';
import { nodesInOrder } from './treeWalks';

/** A word among a call's arguments: as written, and where it starts. */
export interface ArgumentWord {
  word: string;
  offset: number;
}

/** A call with a word among its arguments, as the tree has it. */
export interface WordCall {
  name: string;
  word: string;
  offset: number;
  /** A block call (`#@m(#x)…#end`), which Velocity's parser takes whatever macros exist. */
  block: boolean;
}

/** The first call that Velocity's parser refuses while macros of the names `exists` exist. */
export function refusedWhileParsing(calls: readonly WordCall[] | undefined, exists: (name: string) => boolean): WordCall | undefined {
  return calls?.find((call) => !call.block && exists(call.name));
}

/** The words of two passes, by call: Velocity names the last word of each call. */
export function lastWords(first: ReadonlyMap<number, ArgumentWord> | undefined, second: ReadonlyMap<number, ArgumentWord> | undefined): Map<number, ArgumentWord> | undefined {
  if (!first?.size) return second?.size ? new Map(second) : undefined;
  const merged = new Map(first);
  for (const [call, word] of second ?? []) {
    const other = merged.get(call);
    if (!other || other.offset < word.offset) merged.set(call, word);
  }
  return merged;
}

/**
 * Marks each macro call of the tree that has a word among its arguments with that word (`wordArgument`), and gives
 * them in text order. `offsetOf` places a node's position in the text the words were read in.
 */
export function placeWordArguments(tree: VelocityTree, words: ReadonlyMap<number, ArgumentWord>, offsetOf: (pos: { first_line: number; first_column: number }) => number): WordCall[] {
  const calls: WordCall[] = [];
  for (const node of nodesInOrder(tree)) {
    if ((node.type !== 'macro_call' && node.type !== 'macro_body') || !node.pos) continue;
    const word = words.get(offsetOf(node.pos));
    if (!word || typeof node.id !== 'string') continue;
    node.wordArgument = word.word;
    calls.push({ name: node.id, word: word.word, offset: word.offset, block: node.type === 'macro_body' });
  }
  return calls;
}

/** The names the `#macro` blocks of a tree define, at any depth. */
export function definedMacroNames(tree: VelocityTree): Set<string> {
  const names = new Set<string>();
  const pending: unknown[] = [tree];
  while (pending.length > 0) {
    const item = pending.pop();
    if (!Array.isArray(item)) continue;
    const head = item[0] as VelocityNode | undefined;
    if (typeof head === 'object' && head !== null && !Array.isArray(head) && head.type === 'macro' && typeof head.id === 'string') names.add(head.id);
    for (const inner of item) if (Array.isArray(inner)) pending.push(inner);
  }
  return names;
}

/** The code of the evaluation's error and of the diagnostics' note. */
export const WORD_ARGUMENT_CODE = 'macro-argument';

const VALUES = 'a macro takes references, strings, numbers, lists, maps, ranges, `true` and `false`';

/** Why Velocity refuses the call, whatever the moment it does. */
function refusal(call: { name: string; word: string }): string {
  // Velocity 1.7 has no null literal: `null` is a word like any other there.
  const instead = call.word === 'null' ? 'a reference that is never set, such as `$null`, for null' : `\`'${call.word}'\` for the text`;
  return `\`${call.word}\` is not a value Velocity can pass to the macro #${call.name}: ${VALUES} (write ${instead})`;
}

/** The evaluation's error at a call reached while its macro exists. */
export function wordArgumentError(call: { name: string; word: string }): string {
  return `${refusal(call)}; Velocity 1.7 fails the template when it reaches a call of an existing macro with a word among its arguments`;
}

/** The diagnostics' note at a call of a macro the template defines. */
export function wordArgumentNote(call: { name: string; word: string }): string {
  return `${refusal(call)}; the template defines #${call.name}, so Velocity 1.7 fails it when it reaches this call`;
}

/** Why a double-quoted string does not parse once a `#macro` before it has defined the name. */
export function wordArgumentInString(call: { name: string; word: string }): string {
  return `${refusal(call)}, and the template defines #${call.name} before this string`;
}

/** Why the text of `#evaluate` does not parse while a macro of the name exists. */
export function wordArgumentInEvaluate(call: { name: string; word: string }): string {
  return `${refusal(call)}, and #${call.name} exists when #evaluate parses the text`;
}
