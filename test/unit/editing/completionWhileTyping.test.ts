import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-types';
import { parse as parseYaml } from 'yaml';
import { createLanguageService } from '../../../server/src/languageService';
import { expandSnippet, insertedText } from './snippets';

interface Completed {
  document: TextDocument;
  offset: number;
  items: CompletionItem[];
}

/** Completion through the language service at the cursor marked `‸`, in a fresh service (no earlier version known). */
async function completeAt(marked: string, format: 'yaml' | 'json' = 'json'): Promise<Completed> {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'no cursor marker');
  const document = TextDocument.create(`file:///api.${format}`, format, 1, marked.slice(0, offset) + marked.slice(offset + 1));
  const list: CompletionList = await createLanguageService().doComplete(document, document.positionAt(offset));
  return { document, offset, items: list.items };
}

function itemOf(items: CompletionItem[], label: string): CompletionItem {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return item;
}

function editOf(item: CompletionItem): TextEdit {
  assert.ok(item.textEdit && 'range' in item.textEdit, `${item.label} has a text edit with a range`);
  return item.textEdit;
}

/** The document after accepting the item as an editor does: the snippet expanded, the additional edits made too. */
function accept({ document }: Completed, item: CompletionItem): string {
  return TextDocument.applyEdits(document, [{ range: editOf(item).range, newText: insertedText(item) }, ...(item.additionalTextEdits ?? [])]);
}

/** What the editor filters an item on: the text from the start of its range to the cursor. */
function typedInRange({ document, offset }: Completed, item: CompletionItem): string {
  return document.getText().slice(document.offsetAt(editOf(item).range.start), offset);
}

/**
 * Every item can pass the editor's filter for what is typed: its filter text starts with the quote the range starts
 * with, as the label alone does not.
 */
function assertQuoteKept(completed: Completed, quote = '"'): void {
  assert.ok(completed.items.length > 0, 'items are offered');
  for (const item of completed.items) {
    assert.ok(typedInRange(completed, item).startsWith(quote), `the range of ${item.label} starts at the quote`);
    assert.ok(item.filterText?.startsWith(quote), `${item.label} (filter text ${JSON.stringify(item.filterText)}) starts with the quote`);
  }
}

const OPERATION_JSON = (body: string) =>
  `{\n  "openapi": "3.0.1",\n  "info": { "title": "t", "version": "1" },\n  "paths": { "/a/{id}": { "get": {\n    "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],\n    "responses": { "200": { "description": "ok" } }${body}\n  } } }\n}`;

const OPERATION_YAML = (body: string) =>
  `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n      responses:\n        '200': { description: ok }\n${body}`;

describe('completion while a key or value is half typed', () => {
  describe('a key whose opening quote is typed', () => {
    it('keeps the quote in the filter text of every key, as the range reads', async () => {
      const field = await completeAt(OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "mock", "pass‸" }'));
      assertQuoteKept(field);
      assert.ok(itemOf(field.items, 'passthroughBehavior').filterText!.startsWith(typedInRange(field, itemOf(field.items, 'passthroughBehavior'))));
      assert.equal(itemOf(field.items, 'passthroughBehavior').filterText, '"passthroughBehavior');
      assert.equal(JSON.parse(accept(field, itemOf(field.items, 'passthroughBehavior'))).paths['/a/{id}'].get['x-amazon-apigateway-integration'].passthroughBehavior, '');
      for (const body of [
        ',\n    "x-‸"',
        ',\n    "x-amazon-apigateway-integration": { "type": "http", "requestParameters": { "‸" } }',
        ',\n    "x-amazon-apigateway-integration": { "type": "http", "responses": { "‸" } }',
      ]) {
        assertQuoteKept(await completeAt(OPERATION_JSON(body)));
      }
    });

    it('keeps the quote of a quoted YAML key too', async () => {
      const completed = await completeAt(OPERATION_YAML("      'x-amazon-apigateway-int‸\n"), 'yaml');
      assertQuoteKept(completed, "'");
      assert.equal(itemOf(completed.items, 'x-amazon-apigateway-integration').filterText, "'x-amazon-apigateway-integration");
    });

    it('leaves the filter text of an unquoted key alone', async () => {
      const completed = await completeAt(OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "mock", ‸ }'));
      assert.equal(itemOf(completed.items, 'passthroughBehavior').filterText, undefined);
    });
  });

  describe('snippet text', () => {
    it('writes the integration response patterns so that the expanded JSON is the pattern', async () => {
      const completed = await completeAt(OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "http", "responses": { ‸ } }'));
      for (const pattern of ['2\\d{2}', '4\\d{2}']) {
        const responses = JSON.parse(accept(completed, itemOf(completed.items, pattern))).paths['/a/{id}'].get['x-amazon-apigateway-integration'].responses;
        assert.deepEqual(Object.keys(responses), [pattern]);
      }
    });

    it('writes them so that the expanded YAML is the pattern', async () => {
      const completed = await completeAt(OPERATION_YAML('      x-amazon-apigateway-integration:\n        type: http\n        responses:\n          ‸\n'), 'yaml');
      for (const pattern of ['2\\d{2}', '4\\d{2}']) {
        const responses = parseYaml(accept(completed, itemOf(completed.items, pattern))).paths['/a/{id}'].get['x-amazon-apigateway-integration'].responses;
        assert.deepEqual(Object.keys(responses), [pattern]);
      }
    });

    it('escapes $, } and \\ in every snippet offered, in both syntaxes and in templates', async () => {
      const sites: [string, 'json' | 'yaml'][] = [
        ['‸', 'json'],
        ['{ ‸ }', 'json'],
        [OPERATION_JSON(',\n    ‸'), 'json'],
        [OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { ‸ }'), 'json'],
        [OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "http", "responses": { ‸ } }'), 'json'],
        [OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "http", "responses": { "default": { ‸ } } }'), 'json'],
        [OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "http", "requestParameters": { "‸" } }'), 'json'],
        [OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "http", "requestParameters": { "integration.request.header.x": "‸" } }'), 'json'],
        [OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "mock", "requestTemplates": { "application/json": "$util.‸" } }'), 'json'],
        [OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "mock", "requestTemplates": { "application/json": "#‸" } }'), 'json'],
        ['‸', 'yaml'],
        ['openapi: 3.0.1\n‸\n', 'yaml'],
        ['openapi: 3.0.1\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    ‸\n', 'yaml'],
        ['openapi: 3.0.1\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters:\n      ‸\n', 'yaml'],
        ['openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    k:\n      x-amazon-apigateway-authorizer:\n        ‸\n', 'yaml'],
        [OPERATION_YAML('      ‸\n'), 'yaml'],
        [OPERATION_YAML('      x-amazon-apigateway-integration:\n        ‸\n'), 'yaml'],
        [OPERATION_YAML('      x-amazon-apigateway-integration: { type: http, responses: { ‸ } }\n'), 'yaml'],
        [OPERATION_YAML('      x-amazon-apigateway-integration:\n        type: http\n        requestParameters:\n          integration.request.header.x: ‸\n'), 'yaml'],
        [OPERATION_YAML('      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: |\n            $input.‸\n'), 'yaml'],
        [OPERATION_YAML('      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: |\n            #‸\n'), 'yaml'],
        [OPERATION_YAML('      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: "#‸"\n'), 'yaml'],
      ];
      let snippets = 0;
      for (const [marked, format] of sites) {
        const { items } = await completeAt(marked, format);
        assert.ok(items.length > 0, `items at ${JSON.stringify(marked.slice(-60))}`);
        for (const item of items.filter((i) => i.insertTextFormat === InsertTextFormat.Snippet)) {
          snippets++;
          assert.doesNotThrow(() => expandSnippet(editOf(item).newText), `${item.label} in ${JSON.stringify(marked.slice(-60))}`);
        }
      }
      assert.ok(snippets > 100, `${snippets} snippets checked`);
    });
  });

  describe('in the middle of a template name', () => {
    const template = (line: string) => OPERATION_YAML(`      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: |\n            ${line}\n`);

    it('replaces the whole member name', async () => {
      const completed = await completeAt(template('{"ip": "$context.ident‸ity.sourceIp"}'), 'yaml');
      assert.match(accept(completed, itemOf(completed.items, 'identity')), /\{"ip": "\$context\.identity\.sourceIp"\}/);
      const inJson = await completeAt(OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "mock", "requestTemplates": { "application/json": "{\\"ip\\": \\"$context.ident‸ity.sourceIp\\"}" } }'));
      const integration = JSON.parse(accept(inJson, itemOf(inJson.items, 'identity'))).paths['/a/{id}'].get['x-amazon-apigateway-integration'];
      assert.equal(integration.requestTemplates['application/json'], '{"ip": "$context.identity.sourceIp"}');
    });

    it('keeps the arguments of a call already written', async () => {
      const completed = await completeAt(template('$util.escapeJava‸Script($input.body)'), 'yaml');
      assert.match(accept(completed, itemOf(completed.items, 'escapeJavaScript')), /\n {12}\$util\.escapeJavaScript\(\$input\.body\)\n/);
      const atEnd = await completeAt(template('$util.escapeJava‸'), 'yaml');
      assert.match(accept(atEnd, itemOf(atEnd.items, 'escapeJavaScript')), /\n {12}\$util\.escapeJavaScript\(text\)\n/);
    });

    it('offers a variable written elsewhere under the name at the cursor, and not the name only typed there', async () => {
      const elsewhere = await completeAt(template('#set($item = 1) $it‸em'), 'yaml');
      assert.ok(elsewhere.items.some((i) => i.label === 'item'));
      const onlyHere = await completeAt(template('$it‸em'), 'yaml');
      assert.ok(!onlyHere.items.some((i) => i.label === 'item'));
    });

    it('replaces the whole name of a request parameter', async () => {
      const completed = await completeAt(template("$input.params('i‸d')"), 'yaml');
      assert.match(accept(completed, itemOf(completed.items, 'id')), /\$input\.params\('id'\)\n/);
    });
  });

  describe('the key the cursor is on', () => {
    it('is offered, in block and flow YAML and in JSON, and accepting it leaves the document as it was', async () => {
      const cases: [string, 'json' | 'yaml'][] = [
        [OPERATION_YAML('      x-amazon-apigateway-integration:\n        type: http\n        passthr‸oughBehavior: when_no_match\n'), 'yaml'],
        [OPERATION_YAML('      x-amazon-apigateway-integration: { type: http, passthr‸oughBehavior: when_no_match }\n'), 'yaml'],
        [OPERATION_JSON(',\n    "x-amazon-apigateway-integration": { "type": "http", "passthr‸oughBehavior": "when_no_match" }'), 'json'],
        [OPERATION_YAML('      x-amazon-apigateway-inte‸gration:\n        type: http\n'), 'yaml'],
      ];
      for (const [marked, format] of cases) {
        const completed = await completeAt(marked, format);
        const label = marked.includes('passthr‸') ? 'passthroughBehavior' : 'x-amazon-apigateway-integration';
        assert.equal(accept(completed, itemOf(completed.items, label)), completed.document.getText(), marked);
      }
    });
  });

  describe('a JSON key after an entry without its comma', () => {
    const OPERATION = (body: string) => `{\n  "openapi": "3.0.1",\n  "info": { "title": "t", "version": "1" },\n  "paths": { "/a": { "get": {\n    "responses": { "200": { "description": "ok" } }\n${body}\n  } } }\n}`;

    it('brings the comma along, before the next entry too', async () => {
      for (const body of ['    ‸', '    ‸\n    "summary": "x"', '    "x-amazon-apigateway-int‸"']) {
        const completed = await completeAt(OPERATION(body));
        const operation = JSON.parse(accept(completed, itemOf(completed.items, 'x-amazon-apigateway-integration'))).paths['/a'].get;
        assert.deepEqual(operation['x-amazon-apigateway-integration'], {}, body);
      }
    });

    it('keeps the method responses an integration snippet declares', async () => {
      const completed = await completeAt(OPERATION('    ‸'));
      const operation = JSON.parse(accept(completed, itemOf(completed.items, 'x-amazon-apigateway-integration: Lambda custom (aws)'))).paths['/a'].get;
      assert.deepEqual(Object.keys(operation.responses), ['200', '500']);
      assert.equal(operation['x-amazon-apigateway-integration'].type, 'aws');
    });
  });

  describe('JSON still open at the cursor', () => {
    const OPEN = '{\n  "openapi": "3.0.1", "info": { "title": "t", "version": "1" },\n  "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } },\n    "x-amazon-apigateway-integration": { ';

    it('completes a value whose string is not closed, nor the object around it', async () => {
      const completed = await completeAt(`${OPEN}"type": "aw‸\n  } } }\n}`);
      assert.deepEqual(completed.items.map((i) => i.label).filter((l) => l.startsWith('aws')), ['aws', 'aws_proxy']);
      assert.equal(accept(completed, itemOf(completed.items, 'aws')), `${OPEN}"type": "aws"\n  } } }\n}`);
    });

    it('completes a key where the document ends', async () => {
      const completed = await completeAt(`${OPEN}"type": "mock", ‸`);
      assert.ok(completed.items.some((i) => i.label === 'passthroughBehavior'));
      assert.ok(!completed.items.some((i) => i.label === 'type'), 'a key already written is not offered');
      const quoted = await completeAt(`${OPEN}"type": "mock", "pass‸`);
      assertQuoteKept(quoted);
      assert.equal(accept(quoted, itemOf(quoted.items, 'passthroughBehavior')), `${OPEN}"type": "mock", "passthroughBehavior": ""`);
    });

    it('completes an enum value where the document ends', async () => {
      const completed = await completeAt(`${OPEN}"type": "mock", "passthroughBehavior": ‸`);
      assert.deepEqual(completed.items.map((i) => i.label), ['when_no_match', 'when_no_templates', 'never']);
    });

    it('places the edits an item makes before the cursor where they belong', async () => {
      const marked = '{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}, ‸';
      const completed = await completeAt(marked);
      const text = accept(completed, itemOf(completed.items, 'x-amazon-apigateway-integration: Lambda custom (aws)'));
      const operation = JSON.parse(`${text}}}}}`).paths['/a'].get;
      assert.deepEqual(Object.keys(operation.responses), ['200', '500']);
    });
  });
});
