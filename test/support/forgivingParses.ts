// The forgiving JSON parser, counted where the service calls it.
const jsonc = require('jsonc-parser') as { parseTree: (...args: unknown[]) => unknown };

/** Counts the forgiving parses of jsonc-parser during each test of the suite it is called in. */
export function countForgivingParses(): { readonly count: number } {
  const original = jsonc.parseTree;
  const counter = { count: 0 };
  beforeEach(() => {
    counter.count = 0;
    jsonc.parseTree = (...args) => {
      counter.count++;
      return original(...args);
    };
  });
  afterEach(() => {
    jsonc.parseTree = original;
  });
  return counter;
}
