import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, TextEdit } from 'vscode-languageserver-types';
import { findValueSpecIn, getExtension } from '../../../server/src/facts/extensions';
import { isRetired, reparsePathItem } from '../../../server/src/model/incrementalParse';
import { findNodeAtPath } from '../../../server/src/model/navigate';
import { doComplete } from '../../../server/src/services/completion';
import { documentEnumCase } from '../../../server/src/services/editing/enumChoices';
import { parse } from './documents';

const INTEGRATION_TYPE = findValueSpecIn(getExtension('x-amazon-apigateway-integration')!, ['type'])!;

/** A path item with one operation per integration type given; an empty type is left to complete. */
function pathItem(route: string, ...types: string[]): string {
  const methods = ['get', 'post', 'put', 'patch'];
  return `  ${route}:\n${types.map((type, i) => `    ${methods[i]}:\n      responses: { default: { description: ok } }\n      x-amazon-apigateway-integration:\n        type: ${type}\n        httpMethod: POST\n        uri: https://example.com\n`).join('')}`;
}

function definition(...items: string[]): string {
  return `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${items.join('')}components:\n  schemas:\n    Thing:\n      type: object\n`;
}

const typePath = (route: string, method = 'get') => ['paths', route, method, 'x-amazon-apigateway-integration', 'type'];

describe('the letter case of enum values, read from the document', () => {
  it('does not count the value being chosen, however often the same parse is asked', () => {
    // One upper-case type, two lower-case ones, and one still to be written; a schema's `type` is another field.
    const document = parse(definition(pathItem('/a', 'AWS'), pathItem('/b', 'mock'), pathItem('/c', 'http'), pathItem('/d', '')));
    const at = (route: string) => documentEnumCase(document, INTEGRATION_TYPE, 'type', findNodeAtPath(document.root, typePath(route)));
    for (let round = 0; round < 2; round++) {
      assert.equal(at('/a'), 'lower', 'the others are both lower case');
      assert.equal(at('/b'), undefined, 'one of each case elsewhere');
      assert.equal(at('/c'), undefined, 'one of each case elsewhere');
      assert.equal(at('/d'), 'lower');
      assert.equal(documentEnumCase(document, INTEGRATION_TYPE, 'type'), 'lower');
    }
  });

  it('completes a value with nothing typed in the case of the others, from the same parse each time', () => {
    const text = definition(pathItem('/a', 'AWS'), pathItem('/b', 'mock'), pathItem('/c', 'http'), pathItem('/d', ''));
    const document = parse(text);
    const before = (route: string) => text.indexOf('type: ', text.indexOf(`  ${route}:`)) + 'type: '.length;
    // An HTTP API, whose AWS pages write the types in upper case: what a tie falls back to.
    const written = (route: string) => (doComplete(document, before(route), 'http') as CompletionList).items.map((item) => (item.textEdit as TextEdit).newText);
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(written('/d'), ['aws_proxy', 'http_proxy']);
      assert.deepEqual(written('/a'), ['aws_proxy', 'http_proxy'], 'before `AWS`, only the two lower-case types count');
      assert.deepEqual(written('/b'), ['AWS_PROXY', 'HTTP_PROXY'], 'before `mock`, one of each case is a tie');
      assert.deepEqual(written('/c'), ['AWS_PROXY', 'HTTP_PROXY']);
    }
  });

  it('reads each parse once', () => {
    const document = parse(definition(pathItem('/a', 'mock'), pathItem('/b', 'http'), pathItem('/c', 'AWS')));
    assert.equal(documentEnumCase(document, INTEGRATION_TYPE, 'type'), 'lower');
    // Seen only through a change made behind the parse's back, which no editor change does: a new version is a new parse.
    const mock = findNodeAtPath(document.root, typePath('/a'));
    assert.ok(mock?.type === 'string');
    mock.value = 'MOCK';
    assert.equal(documentEnumCase(document, INTEGRATION_TYPE, 'type'), 'lower');
    assert.equal(documentEnumCase(parse(document.text.replace('type: mock', 'type: MOCK')), INTEGRATION_TYPE, 'type'), 'upper');
  });

  it('reads afresh a tree that a later version took over', () => {
    const first = parse(definition(pathItem('/a', 'mock'), pathItem('/b', 'http'), pathItem('/c', 'aws', 'mock', 'http')));
    assert.equal(documentEnumCase(first, INTEGRATION_TYPE, 'type'), 'lower');
    // An edit inside one path item: the new version takes the tree over, with three upper-case types against two.
    const next = TextDocument.create(first.uri, 'yaml', 2, definition(pathItem('/a', 'mock'), pathItem('/b', 'http'), pathItem('/c', 'AWS', 'MOCK', 'HTTP')));
    const second = reparsePathItem(first, next);
    assert.ok(second && isRetired(first), 'the edit is re-parsed by parts');
    assert.equal(documentEnumCase(second, INTEGRATION_TYPE, 'type'), 'upper');
    // The retired version's nodes are the new version's now, and are read as they are.
    assert.equal(documentEnumCase(first, INTEGRATION_TYPE, 'type'), 'upper');
  });
});
