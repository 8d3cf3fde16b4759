import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, complete, parse } from './documents';

const RESPONSES = 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths: {}\nx-amazon-apigateway-gateway-responses:\n';

/** Labels in the order the editor shows them. */
const ordered = (items: CompletionItem[]) =>
  [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);

function itemOf(items: CompletionItem[], label: string): CompletionItem {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return item;
}

describe('gateway response completion', () => {
  describe('statusCode', () => {
    it("offers the type's default status first, then the other codes of its class", () => {
      const { items } = complete(`${RESPONSES}  UNAUTHORIZED:\n    statusCode: |\n`);
      assert.deepEqual(ordered(items), ['401', '400', '403', '404', '409', '413', '415', '429']);
      assert.deepEqual(items.filter((i) => i.preselect).map((i) => i.label), ['401']);
      assert.equal(items.find((i) => i.label === '401')!.detail, 'Unauthorized (the default of UNAUTHORIZED)');
      const timeout = complete(`${RESPONSES}  INTEGRATION_TIMEOUT:\n    statusCode: |\n`);
      assert.deepEqual(ordered(timeout.items), ['504', '500', '502', '503']);
    });

    it('offers the codes of the class a catch-all response stands for', () => {
      const fours = ordered(complete(`${RESPONSES}  DEFAULT_4XX:\n    statusCode: |\n`).items);
      assert.deepEqual(fours, ['400', '401', '403', '404', '409', '413', '415', '429']);
      const fives = ordered(complete(`${RESPONSES}  DEFAULT_5XX:\n    statusCode: |\n`).items);
      assert.deepEqual(fives, ['500', '502', '503', '504']);
    });

    it('writes the code as a string in YAML and in JSON', () => {
      const yaml = complete(`${RESPONSES}  ACCESS_DENIED:\n    statusCode: |\n`);
      const accepted = applyEdits(yaml.document, [itemOf(yaml.items, '403').textEdit as TextEdit]);
      assert.match(accepted, /statusCode: '403'\n/);
      const responses = (parse(accepted).value as any)['x-amazon-apigateway-gateway-responses'];
      assert.equal(responses.ACCESS_DENIED.statusCode, '403');
      const marked = '{"openapi": "3.0.1", "paths": {}, "x-amazon-apigateway-gateway-responses": '
        + '{"THROTTLED": {"statusCode": |, "responseTemplates": {}}}}';
      const json = complete(marked, 'json');
      const text = applyEdits(json.document, [itemOf(json.items, '429').textEdit as TextEdit]);
      assert.equal(JSON.parse(text)['x-amazon-apigateway-gateway-responses'].THROTTLED.statusCode, '429');
      const quoted = complete(marked.replace('|', '"4|"'), 'json');
      const inQuotes = applyEdits(quoted.document, [itemOf(quoted.items, '403').textEdit as TextEdit]);
      assert.equal(JSON.parse(inQuotes)['x-amazon-apigateway-gateway-responses'].THROTTLED.statusCode, '403');
    });
  });
});
