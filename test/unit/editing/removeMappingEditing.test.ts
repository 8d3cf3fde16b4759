import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { CompletionItem, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { REMOVE_MAPPING_VALUE, REMOVE_MAPPING_VALUE_DOC } from '../../../server/src/facts/httpApiMappings';
import { doHover } from '../../../server/src/services/hover';
import { applyEdits, complete, withCursor } from './documents';

// The export marker makes these HTTP APIs whatever else they hold.
const HTTP_OP = `openapi: 3.0.1\nx-amazon-apigateway-importexport-version: '1.0'\npaths:\n  /pets:\n    get:\n      parameters:\n        - {name: X-Trace, in: header}\n        - {name: debug, in: query}\n      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n        payloadFormatVersion: '1.0'\n`;
const REQUEST = `${HTTP_OP}        requestParameters:\n`;
const RESPONSE = `${HTTP_OP}        responseParameters:\n          '200':\n`;
const jsonOp = (integration: string) => `{"openapi": "3.0.1", "x-amazon-apigateway-importexport-version": "1.0", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": ${integration}}}}}`;

function accepted(marked: string, label: string, format: 'yaml' | 'json' = 'yaml'): { text: string; item: CompletionItem; labels: string[] } {
  const { document, items, labels } = complete(marked, format, 'http');
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no ${label} among ${labels.join(', ')}`);
  return { text: applyEdits(document, [item.textEdit as TextEdit]).replace('$0', ''), item, labels: labels.map(String) };
}

function hover(marked: string, format: 'yaml' | 'json' = 'yaml'): string | undefined {
  const { document, offset } = withCursor(marked, format);
  const result = doHover(document, offset) as Hover | null;
  return result ? (result.contents as MarkupContent).value : undefined;
}

const integrationOf = (text: string) => parseYaml(text).paths['/pets'].get['x-amazon-apigateway-integration'];

describe('editing HTTP API remove mappings', () => {
  describe('completion of the value', () => {
    it("offers only `''` after a remove key of a request mapping, and writes it so that the quotes are its text", () => {
      const { text, item, labels } = accepted(`${REQUEST}          remove:header.x-a: |\n`, REMOVE_MAPPING_VALUE);
      assert.deepEqual(labels, ["''"]);
      assert.equal(integrationOf(text).requestParameters['remove:header.x-a'], "''");
      assert.ok((item.documentation as MarkupContent).value.startsWith(REMOVE_MAPPING_VALUE_DOC));
      assert.match((item.documentation as MarkupContent).value, /http-api-parameter-mapping\.html/);
    });

    it('offers it after a quote the user opened, and in a response mapping of a status code', () => {
      const quoted = accepted(`${REQUEST}          remove:querystring.debug: '|\n`, "''");
      assert.equal(integrationOf(quoted.text).requestParameters['remove:querystring.debug'], "''");
      const response = accepted(`${RESPONSE}            remove:header.x-b: |\n`, "''");
      assert.deepEqual(response.labels, ["''"]);
      assert.equal(integrationOf(response.text).responseParameters['200']['remove:header.x-b'], "''");
    });

    it('writes it as a JSON string, with the comma the next entry needs', () => {
      const marked = jsonOp('{"type": "http_proxy", "requestParameters": {"remove:header.x-a": "|", "append:header.y": "1"}}');
      const { text } = accepted(marked, "''", 'json');
      const integration = JSON.parse(text).paths['/a'].get['x-amazon-apigateway-integration'];
      assert.equal(integration.requestParameters['remove:header.x-a'], "''");
    });

    it('still offers the sources after an append or overwrite key', () => {
      const { labels } = complete(`${REQUEST}          append:header.x-a: |\n`, 'yaml', 'http');
      assert.ok(labels.includes('$request.header.X-Trace') && !labels.includes("''"), labels.join(', '));
    });
  });

  it("completes a remove key with the value it takes", () => {
    const { text } = accepted(`${REQUEST}          remove:querystring.|\n`, 'remove:querystring.debug');
    assert.equal(integrationOf(text).requestParameters['remove:querystring.debug'], "''");
  });

  describe('hover', () => {
    it('says of a remove key what it removes and which value it takes, in requests and responses', () => {
      const request = hover(`${REQUEST}          remove:header.x-|a: "''"\n`)!;
      assert.ok(request.startsWith('**remove:header.x-a**\n\nRemoves the header `x-a` of the request sent to the integration.\n\n'), request);
      assert.ok(request.includes(REMOVE_MAPPING_VALUE_DOC), request);
      const response = hover(`${RESPONSE}            remove:header.x-|b: "''"\n`)!;
      assert.ok(response.startsWith('**remove:header.x-b**\n\nRemoves the header `x-b` of the response returned to the client.'), response);
      assert.equal(hover(`${RESPONSE}            overwrite:status|code: '404'\n`), '**overwrite:statuscode**\n\nReplaces the status code of the response returned to the client.\n\n[AWS documentation](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html)');
    });

    it("says of `''` that API Gateway reads nothing from it, not that it is a static value", () => {
      const text = hover(`${REQUEST}          remove:header.x-a: "'|'"\n`)!;
      assert.ok(text.startsWith("**''**\n\n`remove:header.x-a` removes the header `x-a`; `''` is the value such a mapping takes, from which API Gateway reads nothing."), text);
      assert.doesNotMatch(text, /static value/);
    });

    it('says what an empty or other value does instead', () => {
      const empty = hover(`${RESPONSE}            remove:header.x-b: "|"\n`)!;
      assert.ok(empty.startsWith(`**(empty)**\n\n\`remove:header.x-b\` removes the header \`x-b\`. ${REMOVE_MAPPING_VALUE_DOC}`), empty);
      const other = hover(`${REQUEST}          remove:querystring.debug: $request.he|ader.X-Trace\n`)!;
      assert.ok(other.startsWith('**$request.header.X-Trace**\n\n`remove:querystring.debug` removes the query string parameter `debug`.'), other);
    });
  });
});
