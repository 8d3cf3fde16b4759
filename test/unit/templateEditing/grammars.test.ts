import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTemplate } from '../../../server/src/template/engine';
import { validateStandaloneTemplate } from '../../../server/src/services/templates/templateValidation';

const ROOT = join(__dirname, '../../..');

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
}

/** Every `match`, `begin` and `end` regex of a grammar, with the scope names it assigns. */
function walk(node: unknown, regexes: string[], scopes: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, regexes, scopes);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') regexes.push(value);
    else if ((key === 'name' || key === 'contentName') && typeof value === 'string') value.split(' ').forEach((s) => scopes.add(s));
    else walk(value, regexes, scopes);
  }
}

function firstMatchScope(grammar: Record<string, unknown>, rule: string, text: string): RegExpExecArray | null {
  const repository = grammar.repository as Record<string, { match?: string; begin?: string }>;
  const source = repository[rule].match ?? repository[rule].begin;
  return new RegExp(source!).exec(text);
}

/** Expands a snippet body the way the editor does with default placeholder values. */
function expandSnippet(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/\$\{\d+:((?:\\.|[^}])*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

describe('grammars, snippets and language configuration', () => {
  it('gives the template grammar its scopes and valid regexes', () => {
    const grammar = readJson('syntaxes/vtl.tmLanguage.json');
    assert.equal(grammar.scopeName, 'source.vtl');
    const regexes: string[] = [];
    const scopes = new Set<string>();
    walk(grammar, regexes, scopes);
    for (const regex of regexes) assert.doesNotThrow(() => new RegExp(regex), regex);
    for (const scope of ['comment.line.number-sign.vtl', 'comment.block.vtl', 'keyword.control.directive.vtl', 'variable.language.vtl',
      'variable.other.vtl', 'entity.name.function.member.vtl', 'string.quoted.double.vtl', 'string.quoted.single.vtl', 'constant.numeric.vtl',
      'string.quoted.double.json.vtl']) {
      assert.ok(scopes.has(scope), scope);
    }
    const reference = firstMatchScope(grammar, 'reference', "$!{input.json('$')}");
    assert.deepEqual([reference?.[1], reference?.[2], reference?.[3]], ['$!', '{', 'input']);
  });

  it('injects template highlighting into YAML and JSON strings', () => {
    const grammar = readJson('syntaxes/vtl-injection.tmLanguage.json');
    assert.equal(grammar.scopeName, 'vtl.injection');
    assert.match(String(grammar.injectionSelector), /L:source\.yaml string/);
    assert.match(String(grammar.injectionSelector), /L:source\.json string/);
    const regexes: string[] = [];
    walk(grammar, regexes, new Set());
    for (const regex of regexes) assert.doesNotThrow(() => new RegExp(regex), regex);
    const call = firstMatchScope(grammar, 'method-call', "$input.params('id')");
    assert.deepEqual([call?.[3], call?.[6]], ['input', 'params']);
    assert.equal(firstMatchScope(grammar, 'reference', '"$ref"'), null, '$ref keys are not template references');
    assert.equal(firstMatchScope(grammar, 'directive', '#foreach(')?.[3], 'foreach');
  });

  it('declares comments and brackets for template files', () => {
    const configuration = readJson('language-configuration-vtl.json');
    assert.deepEqual(configuration.comments, { lineComment: '##', blockComment: ['#*', '*#'] });
    assert.ok(Array.isArray(configuration.autoClosingPairs));
  });

  it('ships snippets that expand to templates without problems', () => {
    const snippets = readJson('snippets/vtl.json') as Record<string, { prefix: string[]; body: string[]; description: string }>;
    assert.ok(Object.keys(snippets).length >= 4);
    for (const [name, snippet] of Object.entries(snippets)) {
      const kind = /error/i.test(name) ? 'response.vtl' : 'request.vtl';
      const expanded = expandSnippet(snippet.body);
      assert.deepEqual(validateStandaloneTemplate(expanded, kind), [], `${name}:\n${expanded}`);
    }
  });

  it('renders the JSON snippets to valid JSON, quotes in parameters included', () => {
    const snippets = readJson('snippets/vtl.json') as Record<string, { body: string[] }>;
    const request = {
      body: '{"name": "O\'Brien", "items": [{"id": 1}, {"id": 2}], "errorMessage": "{\\"errorType\\": \\"NotFound\\", \\"message\\": \\"it\'s gone\\"}"}',
      params: { path: { id: "a'b" }, querystring: { q: 'x"y' }, header: { 'User-Agent': "it's me" } },
      stageVariables: { env: "o'clock" },
    };
    for (const name of ['Pass the whole request through', 'DynamoDB PutItem from the body', 'Map a Lambda error', 'Loop over an array']) {
      const result = renderTemplate(expandSnippet(snippets[name].body), request, { kind: /error/i.test(name) ? 'response' : 'request' });
      assert.deepEqual(result.errors, [], name);
      assert.doesNotThrow(() => JSON.parse(result.output), `${name}:\n${result.output}`);
    }
  });
});
