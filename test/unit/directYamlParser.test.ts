// The direct YAML parser must build exactly the tree js-yaml's events build, or give up: it is compared node by node
// (types, values, styles, offsets, content offsets, block indentation, tags) on real documents, on hand-picked corner
// cases, on documents the `yaml` package writes in every style, and on mutated documents, most of them malformed.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { buildTree, buildTreeFast, buildTreeFromEvents, type TreeResult } from '../../server/src/model/yamlTree';
import type { ValueNode } from '../../server/src/model/nodes';
import { keyOf } from '../../server/src/model/property';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus/openapi');

function difference(a: ValueNode | undefined, b: ValueNode | undefined, where: string): string | undefined {
  if (a === b) return undefined;
  if (!a || !b) return `${where}: ${a?.type} vs ${b?.type}`;
  const fields = ['type', 'offset', 'end', 'tag', 'style', 'contentOffset', 'contentEnd', 'blockIndent', 'flow'] as const;
  for (const field of fields) {
    const x = (a as unknown as Record<string, unknown>)[field];
    const y = (b as unknown as Record<string, unknown>)[field];
    if (x !== y) return `${where}.${field}: ${String(x)} vs ${String(y)}`;
  }
  if (a.type === 'object' && b.type === 'object') {
    if (a.properties.length !== b.properties.length) return `${where}: ${a.properties.length} vs ${b.properties.length} properties`;
    for (let i = 0; i < a.properties.length; i++) {
      const p = a.properties[i];
      const q = b.properties[i];
      if (p.offset !== q.offset || p.end !== q.end) return `${where}.${String(keyOf(p).value)}: property range`;
      const found = difference(keyOf(p), keyOf(q), `${where}.${String(keyOf(p).value)}(key)`) ?? difference(p.value, q.value, `${where}.${String(keyOf(p).value)}`);
      if (found) return found;
    }
  } else if (a.type === 'array' && b.type === 'array') {
    if (a.items.length !== b.items.length) return `${where}: ${a.items.length} vs ${b.items.length} items`;
    for (let i = 0; i < a.items.length; i++) {
      const found = difference(a.items[i], b.items[i], `${where}[${i}]`);
      if (found) return found;
    }
  } else if (a.type !== 'object' && a.type !== 'array' && b.type !== 'object' && b.type !== 'array' && !Object.is(a.value, b.value)) {
    return `${where}.value: ${JSON.stringify(a.value)} vs ${JSON.stringify(b.value)}`;
  }
  return undefined;
}

/** Undefined when the direct parser gave up or agrees with js-yaml; otherwise what differs. */
function disagreement(text: string): string | undefined {
  const fast = buildTreeFast(text);
  if (!fast) return undefined;
  const full = buildTreeFromEvents(text);
  return difference(fast.root, full.root, '$')
    ?? (JSON.stringify(fast.problems) === JSON.stringify(full.problems) ? undefined : `problems: ${JSON.stringify(fast.problems)} vs ${JSON.stringify(full.problems)}`)
    ?? (fast.aliasNodes === full.aliasNodes ? undefined : 'alias nodes');
}

function assertAgrees(text: string): void {
  const found = disagreement(text);
  assert.equal(found, undefined, `${found} in ${JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text)}`);
}

function files(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full, pattern));
    else if (pattern.test(name)) out.push(full);
  }
  return out;
}

/** A small deterministic generator, so that a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('direct YAML parser', () => {
  const documents = [...files(CORPUS, /\.(ya?ml|json)$/), ...files(path.join(ROOT, 'examples'), /\.(ya?ml|json)$/), ...files(path.join(ROOT, 'test/unit'), /\.(ya?ml|json)$/)];

  it('builds the same tree as js-yaml for every corpus, example and fixture document, and takes every one of them', () => {
    assert.ok(documents.length > 30);
    for (const file of documents) {
      const text = readFileSync(file, 'utf8');
      if (!buildTreeFromEvents(text).root) continue;
      // Windows line ends too: the same documents as an editor on Windows saves them.
      for (const variant of [text, text.replace(/\r?\n/g, '\r\n')]) {
        assert.ok(buildTreeFast(variant), `${path.basename(file)} should stay in the direct parser's subset`);
        assertAgrees(variant);
      }
    }
  });

  const CASES: [string, 'fast' | 'either'][] = [
    ['- |\n  x\n- >-\n  y\n  z\n', 'fast'],
    ['- - a\n  - b\n- c\n', 'fast'],
    ['key   : v\n', 'fast'],
    ['a: b #c\nd: e#f\n', 'fast'],
    ['- &x\n  a: 1\n- *x\n', 'fast'],
    ['base: &b\n  x: 1\n  y: 2\nd:\n  <<: *b\n  y: 3\n', 'fast'],
    ['a: "a" # c\nb: \'q\' #d\nc:   # x\n  - 1\n', 'fast'],
    ['n: [-1, .5, 0o7, 0x1F, 1e3, +1, ~, null, true, False, .inf, -.Inf, .nan]\n', 'fast'],
    ['u: héllo wörld ✓\nv: "日本"\nw: "\\u00e9\\x41\\t\\"\\\\"\n', 'fast'],
    ['f: ["a", \'b\', c d, {x: y}]\ng: {a: 1, b: [1, 2], "c": {}}\n', 'fast'],
    ['- # comment\n  a: 1\n', 'fast'],
    ['a:\n  - b\n  -\n  - c: d\n    e: f\n', 'fast'],
    ['x: |\n  a\n\n  b\n\n\ny: 1\n', 'fast'],
    ['x: >\n\n  a\nz: |+\n  k\n\n', 'fast'],
    ['a: |\n  t\n # c\nb: 1\n', 'fast'],
    ['a: |\n  text\n\n   \n# c\nb: >-\n    x\n    y\n  \n', 'fast'],
    ['{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ],\n  "c": {"d": -1.5e3, "e": "x\\"y"}\n}', 'fast'],
    ['a: &anc\nb: *anc\nc:\nd: 12:30\ne: http://x.y/z\nf: a:b\n', 'fast'],
    ['a:\n- b\n- c\nd: e\n', 'fast'],
    ['uri:\n  arn:aws:apigateway:${AWS::Region}:lambda:path/x\nnext: 1\n', 'fast'],
    ['---\nk: v\n', 'fast'],
    ['# c\n--- # x\nk: v\n', 'fast'],
    ['  /x:\n    get:\n      a: 1\n', 'fast'],
    ['a: \'\'\nb: ""\nc: [ ]\nd: { }\ne: \'it\'\'s\'\n', 'fast'],
    ['a: 1\na: 2\n', 'fast'],
    // Outside the subset or malformed: whatever path is taken, the result must be js-yaml's.
    ['x: |2\n   a\n', 'either'],
    ['a: x\n  y\n', 'either'],
    ['a: [1,\n  2]\n', 'either'],
    ['a: "x"y\n', 'either'],
    ['a: - b\n', 'either'],
    ['a: b: c\n', 'either'],
    ['a: |\n    t\n  u\n', 'either'],
    ['a: {b: c\n', 'either'],
    ['a: [b, c]]\n', 'either'],
    ['a: [a: b]\n', 'either'],
    ['k: v\n...\n', 'either'],
    ['k: v\n---\nj: w\n', 'either'],
    ['a: -\n', 'either'],
    ['? a\n: b\n', 'either'],
    ['a: !!str 1\nb: !Ref x\n', 'either'],
    ['a: `x`\n', 'either'],
    ['a: [1, 2, ]\n', 'either'],
    ['  a: 1\nb: 2\n', 'either'],
    ['- a\n -b\n', 'either'],
    ['a:\n    - x\n  b: 1\n', 'either'],
    ['a: "\\q"\n', 'either'],
    ['a: "x\\\n  y"\n', 'either'],
    ['{\n  "a": 1,\n---\n  "b": 2\n}\n', 'either'],
    ['a:\tb\n', 'either'],
    ['a: b\r\nc: d\r\n', 'fast'],
    ['a: |\r\n  x\r\n\r\n  y\r\nb: [1, 2]\r\nc: "q" # c\r\n', 'fast'],
    ['{\r\n  "a": [\r\n    1\r\n  ]\r\n}\r\n', 'fast'],
    ['a: b\rc: d\n', 'either'],
    ['a: "x\r\ny"\r\n', 'either'],
    ['\uFEFFa: b\n', 'either'],
    // Found by review: a lone indicator in a flow collection, trailing spaces closing a block scalar at the end of the
    // text, an indented root scalar, empty last items, and duplicate keys around nested ones.
    ['a: [-]\n', 'either'],
    ['a: [1, -]\n', 'either'],
    ['a: {b: -}\n', 'either'],
    ['a: [?]\n', 'either'],
    ['{"a": -}', 'either'],
    ['a: [-1, -x]\n', 'fast'],
    ['a: |+\n  x\n  ', 'fast'],
    ['a: |\n  x\n ', 'fast'],
    ['a: |\n  x\n    ', 'fast'],
    ['- |+\n  x\n  ', 'fast'],
    ['\n  >\n x\n', 'either'],
    ['#c\n  |\n x\n', 'either'],
    ['a:\n  - x\n  -\nb: 1\n', 'fast'],
    ['a:\n  -\n  -\n', 'fast'],
    ['k:\n   - &x', 'fast'],
    ['a: 1\na:\n  b: 1\n  b: 2\n', 'fast'],
    ['{a: 1, a: {b: 1, b: 2}}\n', 'fast'],
    ['', 'either'],
    ['# only a comment\n', 'either'],
    // Aliases naming no anchor before them: a syntax error at the alias, whichever path reads it.
    ['a: 1\nb: *missing\n', 'either'],
    ['a: *later\nb: &later 1\n', 'either'],
    ['a: &x\n  b: *x\n', 'either'],
    ['a: [*missing]\n', 'either'],
    ['a:\n  <<: *missing\n  b: 1\n', 'either'],
    ['a: *missing\nb: [1,\n', 'either'],
  ];
  for (const [text, expected] of CASES) {
    it(`${expected === 'fast' ? 'parses' : 'agrees or gives up on'} ${JSON.stringify(text).slice(0, 60)}`, () => {
      if (expected === 'fast') assert.ok(buildTreeFast(text), 'should stay in the subset');
      assertAgrees(text);
      // Whatever path is taken, the public entry gives js-yaml's answer.
      const full = buildTreeFromEvents(text);
      const chosen: TreeResult = buildTree(text);
      assert.equal(difference(chosen.root, full.root, '$'), undefined);
      assert.deepEqual(chosen.problems, full.problems);
    });
  }

  it('leaves documents near the nesting limit to js-yaml, block and flow alike', () => {
    for (let n = 185; n <= 205; n++) {
      let block = '';
      for (let i = 0; i < n; i++) block += `${' '.repeat(i)}k${i}:\n`;
      block += `${' '.repeat(n)}v: 1\n`;
      const flow = `${'['.repeat(n)}1${']'.repeat(n)}`;
      for (const text of [block, flow]) {
        assertAgrees(text);
        assert.deepEqual(buildTree(text).problems, buildTreeFromEvents(text).problems, `depth ${n}`);
      }
    }
  });

  it('agrees with js-yaml on documents the yaml package writes in every style', () => {
    const next = random(7);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
    const words = ['a', 'type', '$ref', '#/components/schemas/X', "it's", 'say "hi"', 'a: b', 'a #b', '- x', '', ' lead', 'trail ', 'multi\nline', 'multi\nline\n', '200', '4\\d{2}', 'true', 'null', '1.5', '0x10', 'é✓', '{x}', '[y]', 'a,b', '*star', '&amp', '!bang', '%p', '@at', '?q', ':c', 'k:', '~', '#h', '-', '--- x', '#set($a = 1)\n{"x": $a}'];
    const value = (depth: number): unknown => {
      const r = next();
      if (depth > 3 || r < 0.45) return pick([pick(words), Math.floor(next() * 1000) - 100, next() < 0.5, null]);
      if (r < 0.75) return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, (_, i) => [pick(words) + i, value(depth + 1)]));
      return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    };
    let taken = 0;
    for (let i = 0; i < 1500; i++) {
      const root = Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 4) }, (_, k) => [pick(words) + k, value(0)]));
      const written = next() < 0.2
        ? JSON.stringify(root, null, pick([0, 2, 4]))
        : YAML.stringify(root, {
          indent: pick([2, 3, 4]),
          indentSeq: next() < 0.5,
          defaultStringType: pick(['PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const),
          defaultKeyType: pick([null, 'PLAIN', 'QUOTE_DOUBLE'] as const),
          lineWidth: pick([0, 40, 80]),
          collectionStyle: pick(['any', 'block', 'flow'] as const),
        });
      const text = next() < 0.25 ? written.replace(/\n/g, '\r\n') : written;
      if (buildTreeFast(text)) taken++;
      assertAgrees(text);
    }
    // Most generated documents are in the subset, so the comparison means something.
    assert.ok(taken > 1000, `only ${taken} documents took the direct path`);
  });

  it('agrees with js-yaml on mutated documents, gives up on the malformed ones', () => {
    const next = random(23);
    const seeds = documents.slice(0, 40).map((f) => readFileSync(f, 'utf8')).filter((t) => t.length < 100_000);
    for (const f of documents.filter((d) => d.endsWith('.json')).slice(0, 20)) {
      try {
        seeds.push(YAML.stringify(JSON.parse(readFileSync(f, 'utf8')), { lineWidth: 0 }));
      } catch {
        // not JSON after all
      }
    }
    const pieces = [' ', ':', '-', '#', "'", '"', '|', '>', '&a', '*a', '[', ']', '{', '}', ',', '\n', '  ', '- ', ': ', ' #', '\\', "''", '?', '!', '%', '---', '...', '|-', '>+', '\n  ', ': |\n  ', '<<: *a\n', '"\\u0041"', '\\\n', '\r\n', '\r', '\r\n  '];
    let malformed = 0;
    for (let i = 0; i < 1500; i++) {
      let text = seeds[Math.floor(next() * seeds.length)];
      if (next() < 0.3) text = text.replace(/\n/g, '\r\n');
      for (let m = next() < 0.7 ? 1 : 2; m > 0; m--) {
        const at = Math.floor(next() * (text.length + 1));
        text = next() < 0.4 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3)) : text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
      }
      if (buildTreeFromEvents(text).problems.some((p) => p.code === 'yaml-syntax')) {
        malformed++;
        assert.equal(buildTreeFast(text), undefined, 'a malformed document must be left to js-yaml');
      }
      assertAgrees(text);
    }
    assert.ok(malformed > 100);
  });
});
