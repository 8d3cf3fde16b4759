import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { parse as parseYaml } from 'yaml';
import { REMOVE_MAPPING_VALUE } from '../../../server/src/facts/httpApiMappings';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { validateDocument } from '../../../server/src/services/validation';
import { applyEdits, parse } from '../editing/documents';
import { HTTP_PROXY_OPERATION, validate, withCode } from './validate';


/** An HTTP API integration with one request mapping and one response mapping (for status 200), written as given. */
function mappings(request: string, response = "overwrite:header.x-b: 'b'"): string {
  return `${HTTP_PROXY_OPERATION}        requestParameters:\n          ${request}\n        responseParameters:\n          '200':\n            ${response}\n`;
}

const mappingValues = async (text: string, json = false) => withCode(await validate(text, { json }), 'invalid-mapping-value');

describe('HTTP API remove mappings', () => {
  it("accepts `''`, the value AWS writes for a remove mapping, in requests and responses", async () => {
    assert.equal(REMOVE_MAPPING_VALUE, "''");
    assert.deepEqual(await mappingValues(mappings(`remove:header.x-a: "''"`, `remove:header.x-b: "''"`)), []);
    assert.deepEqual(await mappingValues(mappings(`remove:querystring.debug: "''"`)), []);
    const json = `{"openapi": "3.0.1", "x-amazon-apigateway-importexport-version": "1.0", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "HTTP_PROXY", "uri": "https://example.com", "payloadFormatVersion": "1.0", "requestParameters": {"remove:header.x-a": "''"}}}}}}`;
    assert.deepEqual(await mappingValues(json, true), []);
  });

  it('warns that an empty value removes nothing, as API Gateway takes it for no mapping at all', async () => {
    // In YAML `''` is the empty string, not the two quotes AWS wants.
    const text = mappings(`remove:header.x-a: ''`, `remove:header.x-b: ""`);
    const [request, response, ...others] = await mappingValues(text);
    assert.deepEqual(others, []);
    assert.equal(request.message, "An empty value is no mapping to API Gateway: `remove:header.x-a` is left out, so nothing is removed. Write `''` (two single quotes inside the string).");
    assert.equal(request.severity, 2);
    assert.deepEqual(request.data, { expected: "''" });
    assert.match(response.message, /`remove:header\.x-b` is left out, so nothing is removed/);
    assert.equal(response.range.start.line, text.split('\n').findIndex((l) => l.includes('remove:header.x-b')));
  });

  it('warns of an empty value in any other mapping, which API Gateway leaves out too', async () => {
    const [found, ...others] = await mappingValues(mappings(`append:header.x-a: ''`));
    assert.deepEqual(others, []);
    assert.equal(found.message, 'An empty value is no mapping to API Gateway: `append:header.x-a` is left out and does nothing.');
    assert.equal(found.severity, 2);
    assert.equal(found.data, undefined);
  });

  it('says AWS refuses `""` as the value of a remove mapping', async () => {
    const [found, ...others] = await mappingValues(mappings(`remove:querystring.debug: '""'`));
    assert.deepEqual(others, []);
    assert.equal(found.message, "AWS refuses `\"\"` as the value of `remove:querystring.debug`; write `''` (two single quotes).");
    assert.equal(found.severity, 1);
  });

  it('warns of any other value, from which API Gateway reads nothing, and checks no variable in it', async () => {
    const text = mappings('remove:header.x-a: $request.header.nosuch.$context.routKey', 'remove:header.x-b: gone');
    const [request, response, ...others] = await mappingValues(text);
    assert.deepEqual(others, []);
    assert.equal(request.message, "API Gateway reads nothing from the value of `remove:header.x-a`, and takes only some values there; write `''` (two single quotes), as the AWS examples do.");
    assert.equal(request.severity, 2);
    assert.match(response.message, /`remove:header\.x-b`/);
    assert.deepEqual(withCode(await validate(text), 'unknown-context-variable'), []);
  });

  it("still refuses a reserved header, whatever the value", async () => {
    const found = withCode(await validate(mappings(`remove:header.Authorization: "''"`)), 'reserved-header-mapping');
    assert.equal(found.length, 1);
  });

  it("leaves the values of REST mappings to the REST checks", async () => {
    const rest = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com\n        requestParameters:\n          integration.request.header.x: "''"\n        responses:\n          default: {statusCode: '200'}\n`;
    assert.deepEqual(await mappingValues(rest), []);
  });

  it("fixes an empty or wrong value to `''`", async () => {
    for (const written of [`''`, `'""'`, 'gone']) {
      const document = parse(mappings(`remove:header.x-a: ${written}`));
      const diagnostic = (await validateDocument(document)).find((d) => d.code === 'invalid-mapping-value');
      assert.ok(diagnostic, written);
      const actions = getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, 'http');
      assert.equal(actions.length, 1, written);
      const fixed = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
      // The scalar keeps its own quoting: `''''''` in single quotes is the same two quotes.
      assert.equal(parseYaml(fixed).paths['/pets'].get['x-amazon-apigateway-integration'].requestParameters['remove:header.x-a'], "''", fixed);
      assert.deepEqual(await mappingValues(fixed), [], written);
    }
  });
});
