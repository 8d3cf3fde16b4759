import assert from 'node:assert/strict';
import { compile } from '../../../server/src/template/javaRegex/compile';
import { SteppedPattern, StepsExhausted } from '../../../server/src/template/javaRegex/steppedMatch';
import { seededRandom } from '../../support/seededRandom';

const UNLIMITED = { maxSteps: Number.MAX_SAFE_INTEGER };

/** Where V8 ends the first match from `from`, or -1; undefined when it matches inside a surrogate pair (see below). */
function v8MatchEnd(source: string, text: string, from: number, sticky: boolean): number | undefined {
  const regex = new RegExp(source, sticky ? 'uy' : 'ug');
  regex.lastIndex = from;
  const match = regex.exec(text);
  if (!match) return -1;
  // V8's search also starts between the halves of a surrogate pair, which ECMAScript's AdvanceStringIndex skips: an
  // empty match there is V8's own, and no concern of a matcher that only has to end when V8 does.
  const c = text.charCodeAt(match.index);
  if (match.index > 0 && (c & 0xfc00) === 0xdc00 && (text.charCodeAt(match.index - 1) & 0xfc00) === 0xd800) return undefined;
  return match.index + match[0].length;
}

/** Java patterns over a small alphabet, with every construct the compiler rebuilds for V8. */
function patterns(count: number, next: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const ATOMS = ['a', 'b', 'c', '.', '\\d', '\\w', '[ab]', '[^a]', '\\s', '-', '\\.', '[a-c&&[^b]]', '\\p{L}', '😀', '\\b', '^', '$', '\\B', '\\R', '(?m:^a$)', '(?s:.)', '(?d:.$)', '\\Qa.b\\E', '\\z', '\\Z', '\\h', '(?-i:A)'];
  let groups = 0;
  const atom = (depth: number): string => {
    const r = next();
    if (depth > 3 || r < 0.35) return pick(ATOMS);
    if (r < 0.5) return `(${(groups++, alternatives(depth + 1))})`;
    if (r < 0.6) return `(?:${alternatives(depth + 1)})`;
    if (r < 0.67) return `(?=${alternatives(depth + 1)})`;
    if (r < 0.72) return `(?!${alternatives(depth + 1)})`;
    if (r < 0.76) return `(?<=${pick(['a', 'ab', 'a|bc', '[ab]', '(a)', '(?:a|b)', 'a{2}'])})`;
    if (r < 0.79) return `(?<!${pick(['a', 'ab', '(b)', '\\d'])})`;
    if (r < 0.83) return `(?>${alternatives(depth + 1)})`;
    if (r < 0.87 && groups > 0) return `\\${1 + Math.floor(next() * groups)}`;
    if (r < 0.9) return `(?i:${alternatives(depth + 1)})`;
    return `(?<n${groups + 1}>${(groups++, alternatives(depth + 1))})`;
  };
  const sequence = (depth: number): string => {
    let out = '';
    for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
      const a = atom(depth);
      const quantifiable = !/^[\^$]$|^\\[bBzZ]$|^\(\?[=!<]/.test(a);
      out += a + (quantifiable ? pick(['', '', '', '*', '+', '?', '{2}', '{1,3}', '{2,}']) + pick(['', '', '?', '+']) : '');
    }
    return out;
  };
  const alternatives = (depth: number): string => (next() < 0.25 ? `${sequence(depth)}|${sequence(depth)}` : sequence(depth));
  const out: string[] = [];
  while (out.length < count) {
    groups = 0;
    out.push(alternatives(0));
  }
  return out;
}

const TEXTS = ['', 'a', 'ab', 'aab', 'abc', 'ba', 'aaaa', 'abab', 'a-b', 'x.y', '12a', 'a b', 'AbA', 'ca😀b', 'aa\nbb', 'abcabc', 'a1b2', 'cab\r\n'];

describe('stepped matcher', function () {
  this.timeout(60_000);

  it('ends every match where V8 ends it, sticky or searching, for the patterns the compiler emits', () => {
    const next = seededRandom(20_250_101);
    let compared = 0;
    const wrong: string[] = [];
    for (const pattern of patterns(400, next)) {
      let source: string;
      try {
        source = compile(pattern, next() < 0.3 ? 'i' : '').source;
      } catch {
        continue;
      }
      const stepped = new SteppedPattern(source);
      for (const text of TEXTS) {
        for (const sticky of [false, true]) {
          for (const from of [0, 1]) {
            if (from > text.length) continue;
            const expected = v8MatchEnd(source, text, from, sticky);
            if (expected === undefined) continue;
            compared++;
            const actual = stepped.matchEnd(text, from, sticky, UNLIMITED);
            if (actual !== expected) wrong.push(`${pattern} → ${source} on ${JSON.stringify(text)} from ${from}${sticky ? ' (sticky)' : ''}: V8 ${expected}, stepped ${actual}`);
          }
        }
      }
    }
    assert.ok(compared > 15_000, `only ${compared} comparisons`);
    assert.deepEqual(wrong.slice(0, 5), []);
  });

  it('follows ECMAScript where engines differ: captures cleared per iteration, empty iterations, lookbehind read backwards', () => {
    for (const [source, text] of [
      ['(?:(a)|b)+\\1c', 'abc'],
      ['(?:(a)|b)+\\1c', 'abac'],
      ['(a*)+b', 'b'],
      ['(?:a?)*?b', 'aab'],
      ['(?:(?=(a))a)*\\1', 'aa'],
      ['(?<=(\\w)(\\w))x\\1\\2', 'abxab'],
      ['(?<=\\1(a))b', 'aab'],
      ['(?!(a))\\1b', 'b'],
      ['(a)|\\1b', 'b'],
      ['(?:(a)|(b))+', 'ab'],
      ['(?:a|()){2,3}c', 'ac'],
    ]) {
      assert.equal(new SteppedPattern(source).matchEnd(text, 0, false, UNLIMITED), v8MatchEnd(source, text, 0, false), `${source} on ${text}`);
    }
  });

  it('stops when its steps run out, or when the clock it is given says so', () => {
    const stepped = new SteppedPattern('^(?:([a-z0-9]+-?)+)$');
    const text = `${'a'.repeat(40)}!`;
    assert.throws(() => stepped.matchEnd(text, 0, true, { maxSteps: 50_000 }), (error: unknown) => error instanceof StepsExhausted && error.steps <= 50_000 + 4096);
    let asked = 0;
    assert.throws(() => stepped.matchEnd(text, 0, true, { maxSteps: Infinity, expired: () => ++asked > 3 }), StepsExhausted);
    assert.equal(asked, 4);
    // The same pattern on a text it matches ends at once.
    assert.equal(stepped.matchEnd('abc-def-ghi-jkl-mno', 0, true, { maxSteps: 10_000 }), 19);
  });

  it('backtracks on its own stack, so a long text does not exhaust the call stack', () => {
    const long = 'a'.repeat(200_000);
    assert.equal(new SteppedPattern('^(?:(a+)+)$').matchEnd(long, 0, true, UNLIMITED), long.length);
    assert.equal(new SteppedPattern('(?:a|b)*?c').matchEnd(`${long}c`, 0, true, UNLIMITED), long.length + 1);
  });
});
