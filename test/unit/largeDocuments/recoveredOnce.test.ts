import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { countForgivingParses } from '../../support/forgivingParses';


const TEMPLATE = '"{\\"statusCode\\": 200}"';

/** A JSON definition of `items` operations with a mapping template each, over the limit below. */
function definition(items: number): string {
  const paths: string[] = [];
  for (let i = 0; i < items; i++) {
    paths.push(`"/r${i}": {"get": {"operationId": "get${i}", "responses": {"200": {"description": "OK"}}, "x-amazon-apigateway-integration": {"type": "mock", "requestTemplates": {"application/json": ${TEMPLATE}}}}}`);
  }
  return `{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {${paths.join(',\n')}}}`;
}

/** The text with `$input.` typed into the template of one operation, which leaves its string unclosed. */
function typedInTemplate(text: string, route: string): string {
  const at = text.indexOf(TEMPLATE, text.indexOf(`"${route}"`));
  return `${text.slice(0, at)}"{\\"a\\": $input.${text.slice(at + TEMPLATE.length)}`;
}

describe('completion in a large JSON definition that does not parse', () => {
  const forgiving = countForgivingParses();

  it('parses each version forgivingly once, however often completion is asked in it', async () => {
    const settings = { maxValidationSize: 4096 };
    const service = createLanguageService({ log: () => undefined });
    const text = typedInTemplate(definition(3000), '/r100');
    const document = TextDocument.create('file:///large-broken.json', 'json', 1, text);
    assert.equal(service.parse(document).root, undefined, 'the text does not parse');
    const labels = async () => ((await service.doComplete(document, document.positionAt(document.getText().indexOf('$input.') + 7), settings)) as CompletionList).items.map((i) => i.label);
    for (let i = 0; i < 3; i++) await labels();
    assert.deepEqual((await labels()).filter((l) => ['json', 'path', 'params'].includes(l)).sort(), ['json', 'params', 'path']);
    assert.equal(forgiving.count, 1);
    // The next version typed is parsed forgivingly again, once.
    const next = typedInTemplate(definition(3000), '/r200');
    TextDocument.update(document, [{ text: next }], 2);
    for (let i = 0; i < 3; i++) await labels();
    assert.deepEqual((await labels()).filter((l) => ['json', 'path', 'params'].includes(l)).sort(), ['json', 'params', 'path']);
    assert.equal(forgiving.count, 2);
  });
});
