/**
 * `#break` with an argument (`#break($foreach)`, `#break($foreach.parent)`, `#{break} ($foreach)`). Velocity 1.7 reads
 * a `(` after `#break`, blanks between, as the start of its arguments. It refuses more than one when it loads the
 * template, and a word (`#break(x)`) as it parses; the one argument is evaluated when the `#break` is reached, and
 * must then be a scope: the loop that `$foreach` (or its `parent`, `topmost`) stands for ends, through the macros,
 * `#define`s and `#evaluate`s between, and anything else fails the template. velocityjs knows `#break` without
 * arguments only, and reads the parenthesis as text: for it the name is written with a capital (`#Break(`, as long),
 * which it reads as a macro call, and the tree's call is made a `break` node again here.
 */
import { argumentLists, insideLists } from './argumentLists';
import type { ArgumentWord } from './wordArguments';
import type { VelocityNode, VelocityTree } from './syntax';
import { nodesInOrder } from './treeWalks';

/**
 * `#break` before its `(`, after any backslashes (an odd number makes it text) and not right after a `$` (which names
 * it `#break`, printed as written: dollarSigns). Unparsed text, which prints, is matched only to be left alone; in a
 * comment the capital is never seen.
 */
const BREAK_CALL = /#\[\[[\s\S]*?\]\]#|(?<!\$(?:\\*!)?)(\\*)#break(?=[ ]*\()/g;
const BREAK_AT = /#break/y;

/** The text with each `#break(` velocityjs is to read as a call written `#Break(`, or undefined when it has none. */
export function readBreakCalls(source: string): string | undefined {
  if (!source.includes('#break')) return undefined;
  let lists: Array<[number, number]> | undefined;
  let found = false;
  const text = source.replace(BREAK_CALL, (match, backslashes: string | undefined, offset: number) => {
    if (backslashes === undefined || backslashes.length % 2 === 1) return match;
    // Among a directive's or call's arguments `#break` is a word (wordArguments), a string's text too.
    if (insideLists((lists ??= argumentLists(source)), offset)) return match;
    found = true;
    return `${backslashes}#Break`;
  });
  return found ? text : undefined;
}

export interface BreakProblem {
  message: string;
  offset: number;
}

/**
 * Makes each call that `readBreakCalls` wrote a `break` node with its arguments and their text (`argument`), and gives
 * the first one Velocity refuses to load. `words` are the words among calls' arguments, by the offset of the call's
 * `#`; `offsetOf` places a node's position in `source`. A `#break` whose argument is a value written out, never a
 * scope, fails whenever it is reached: it goes to `notes`.
 */
export function placeBreakScopes(
  tree: VelocityTree,
  source: string,
  words: ReadonlyMap<number, ArgumentWord> | undefined,
  offsetOf: (pos: { first_line: number; first_column: number }) => number,
  endOf: (pos: { last_line: number; last_column: number }) => number,
  notes: BreakProblem[],
): BreakProblem | undefined {
  let problem: BreakProblem | undefined;
  for (const node of nodesInOrder(tree)) {
    if (node.type !== 'macro_call' || node.id !== 'Break' || !node.pos) continue;
    const start = offsetOf(node.pos);
    BREAK_AT.lastIndex = start;
    if (!BREAK_AT.test(source)) continue;
    const args = (node.args ?? []) as VelocityNode[];
    const open = source.indexOf('(', start);
    const argument = source.slice(open + 1, Math.max(open + 1, endOf(node.pos) - 1)).trim();
    const word = words?.get(start);
    if (!problem && word) {
      problem = { offset: word.offset, message: `\`#break\` cannot take \`${word.word}\`: its one argument is the scope of the loop to end, such as \`$foreach\` or \`$foreach.parent\`, and Velocity 1.7 cannot parse a word there` };
    } else if (!problem && args.length > 1) {
      problem = { offset: start, message: `\`#break(${argument})\` has ${args.length} arguments: it takes one at most, the scope of the loop to end (\`#break($foreach)\`, \`#break($foreach.parent)\`), and Velocity 1.7 refuses the template when it loads it` };
    } else if (args.length === 1 && args[0].type !== 'references') {
      notes.push({ offset: start, message: breakArgumentError(argument) });
    }
    node.type = 'break';
    node.argument = argument;
    delete node.id;
    delete node.literal;
  }
  return problem;
}

/** The evaluation's error at a `#break` whose argument is no scope: `argument` as written. */
export function breakArgumentError(argument: string): string {
  return `\`#break(${argument})\`: \`${argument}\` is not the scope of a loop around it (\`$foreach\`, \`$foreach.parent\`, \`$foreach.topmost\`), and Velocity 1.7 fails the template when it reaches a #break whose argument is no scope`;
}

/** The evaluation's error when a `#break` names a loop that is not running around it. */
export function breakOutsideLoopError(argument: string): string {
  return `\`#break(${argument})\` names a #foreach that is not running around it: nothing ends, and Velocity 1.7 fails the template`;
}

/** The evaluation's code for both. */
export const BREAK_ARGUMENT_CODE = 'break-argument';
