/**
 * Random Java regular expressions and texts, from a fixed seed so that every run checks the same cases: patterns built
 * from Java's constructs (classes and their intersections, properties, quantifiers of all three kinds, groups,
 * look-around, back references, anchors, quoting, escapes, inline flags) and some that Java refuses, texts from an
 * alphabet with case pairs, line terminators and a character outside the Basic Multilingual Plane.
 */
export interface RegexCase {
  op: 'compile' | 'matches' | 'replaceAll' | 'replaceFirst' | 'split';
  pattern: string;
  text: string;
  replacement: string;
  limit: number;
}

const ATOMS = [
  'a', 'b', 'c', '.', '\\d', '\\w', '\\s', '\\D', '\\W', '\\S', '[a-c]', '[^a]', '[a-z&&[^b]]', '\\p{Lu}', '\\p{Alpha}',
  '\\p{L}', '\\P{L}', '\\p{javaLowerCase}', '\\p{IsAlphabetic}', '\\x41', '\\u00e9', '\\x{1D11E}', '\\t', '\\n',
  '\\Qa.b\\E', '\\.', '\\-', '\\\\', 'é', '𝄞', ' ', '-', '[\\w-]', '[.]', '[]a]', '[^]a]', '[a-]', '\\0101', '\\cA', '\\h',
  '\\v', '\\R', '\\p{Punct}', '[\\p{L}&&[^a]]', '[a[bc]]', '\\b', '\\B', '^', '$', '\\A', '\\z', '\\Z', '\\y', '\\k<n>',
  '\\1', '[z-a]', '{', '}', ']', ')', '(', '*', '\\p{Foo}', '[a-\\d]', '\\e', '\\a', '\\f',
];
const QUANTIFIERS = ['', '', '', '?', '*', '+', '{2}', '{1,}', '{1,2}', '??', '*?', '+?', '*+', '++', '{0,1}+', '{,2}', '{2,1}'];
const GROUPS = ['(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?i)(?:', '(?<n>', '(?>', '(?i:', '(?s:', '(?m:', '(?x:', '(?d:'];
const ALPHABET = ['a', 'b', 'c', 'A', 'B', '1', '2', ' ', '\n', '\r', 'é', 'É', '𝄞', '.', '-', '_', 'ß', 'Σ', 'σ', 'ς', '\t', '\u2028', 'K'];
const REPLACEMENTS = ['<$0>', '[$1]', '\\$', 'x', '${n}', '$2', '\\\\'];
const OPS: RegexCase['op'][] = ['compile', 'matches', 'replaceAll', 'replaceAll', 'split', 'split', 'replaceFirst'];

/** mulberry32: small, fast and good enough to spread the cases. */
function random(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function regexCases(seed: number, count: number): RegexCase[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const expression = (depth: number): string => {
    let out = '';
    for (let i = 1 + Math.floor(next() * 3); i > 0; i--) {
      const atom = depth < 3 && next() < 0.25 ? `${pick(GROUPS)}${expression(depth + 1)}${next() < 0.2 ? `|${expression(depth + 1)}` : ''})` : pick(ATOMS);
      out += atom + pick(QUANTIFIERS);
    }
    return out;
  };
  const cases: RegexCase[] = [];
  for (let i = 0; i < count; i++) {
    const pattern = expression(0);
    const op = pick(OPS);
    const text = Array.from({ length: Math.floor(next() * 8) }, () => pick(ALPHABET)).join('');
    cases.push({ op, pattern, text, replacement: pick(REPLACEMENTS), limit: pick([0, 0, -1, 1, 2]) });
  }
  return cases;
}
