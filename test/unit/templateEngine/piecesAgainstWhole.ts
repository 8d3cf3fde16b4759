import assert from 'node:assert/strict';
import { parse as velocityParse } from 'velocityjs';
import { parseInPieces } from '../../../server/src/template/piecewiseParse';
import { lexTemplate } from '../../../server/src/template/velocityLexer';

/** The tree, or where and on what the parse failed. */
export function parseOutcome(parse: () => unknown): string {
  try {
    return JSON.stringify(parse());
  } catch (error) {
    const hash = (error as { hash?: { loc?: unknown; token?: unknown; expected?: unknown } }).hash;
    return `error ${JSON.stringify([hash?.loc, hash?.token, hash?.expected, String((error as Error).message).startsWith('Lexical')])}`;
  }
}

/** Whether velocityjs nests the blocks of the text (it repeats or drops text otherwise, and the tree is not used). */
function balanced(text: string): boolean {
  let depth = 0;
  for (const match of text.matchAll(/#\{?(if|foreach|macro|define|@bm|end)\b/g)) {
    depth += match[1] === 'end' ? -1 : 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Texts of up to `maxFragments` of `fragments`, drawn from a fixed seed, each parsed in pieces of every `sizes` and as
 * a whole by velocityjs: the two give the same tree, or the same error at the same place.
 */
export function assertPiecesParseAsWhole(options: { fragments: string[]; seed: number; iterations: number; maxFragments: number; sizes: number[] }): void {
  const { fragments, iterations, maxFragments, sizes } = options;
  let seed = options.seed;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let iteration = 0; iteration < iterations; iteration++) {
    let text = '';
    for (let count = 1 + next(maxFragments); count > 0; count--) text += fragments[next(fragments.length)];
    const whole = parseOutcome(() => velocityParse(text, undefined, false));
    if (!whole.startsWith('error') && !balanced(text)) continue;
    // Where the parse must start afresh (a block macro call right after a reference), the pieces read what the whole
    // text fails on.
    let fresh = false;
    lexTemplate(text, () => {}, (_offset, at) => (fresh ||= at));
    if (fresh) continue;
    for (const size of sizes) assert.equal(parseOutcome(() => parseInPieces(text, text, size)), whole, `${JSON.stringify(text)} in pieces of ${size}`);
  }
}
