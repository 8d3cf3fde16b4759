import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { validateDocument } from '../../../server/src/services/validation';
import { applyEdits, parse } from './documents';

async function fixesFor(document: ApiDocument, code: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }[]> {
  const found = (await validateDocument(document)).filter((d) => d.code === code);
  assert.ok(found.length, `no ${code}`);
  return found.map((diagnostic) => ({ diagnostic, actions: getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, 'rest') }));
}

/** Applies the one action, and checks the result parses, no longer has the finding and has no new one. */
async function applied(document: ApiDocument, diagnostic: Diagnostic, actions: CodeAction[]): Promise<string> {
  assert.equal(actions.length, 1, actions.map((a) => a.title).join(', '));
  const result = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
  const fixed = parse(result, document.format);
  assert.deepEqual(fixed.problems, [], result);
  const before = new Set((await validateDocument(document)).map((d) => String(d.message)));
  const after = (await validateDocument(fixed)).map((d) => String(d.message));
  assert.ok(!after.includes(String(diagnostic.message)), `still there: ${String(diagnostic.message)}`);
  assert.deepEqual(after.filter((m) => !before.has(m)), [], result);
  return result;
}

const INTEGRATION = (uri: string, mapping = '') =>
  `      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: ${uri}\n${mapping ? `        requestParameters:\n          ${mapping}\n` : ''}        responses:\n          default: {statusCode: '200'}\n`;

describe('quick fixes for path parameters', () => {
  it('does not offer to declare a path parameter the path template lacks', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n${INTEGRATION('https://e.com/{foo}', 'integration.request.path.foo: method.request.path.foo')}`;
    const [{ actions }] = await fixesFor(parse(text), 'undeclared-parameter');
    assert.deepEqual(actions, []);
    // With the template having it, declaring it is the fix, at the mapping (which AWS refuses until then) as at the path.
    const templated = parse(text.replace('  /a:', '  /a/{foo}:'));
    const [{ diagnostic: atMapping, actions: onMapping }] = await fixesFor(templated, 'undeclared-parameter');
    assert.deepEqual(onMapping.map((a) => a.title), ["Declare path parameter 'foo'"]);
    assert.equal(parseYaml(await applied(templated, atMapping, onMapping)).paths['/a/{foo}'].get.parameters[0].required, true);
    const [{ diagnostic, actions: declare }] = await fixesFor(templated, 'undeclared-path-template-parameter');
    assert.deepEqual(declare.map((a) => a.title), ["Declare path parameter 'foo'"]);
    await applied(templated, diagnostic, declare);
  });

  it('declares an undeclared template expression on the operation that lacks it (OpenAPI 3, YAML)', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{petId}:\n    get:\n      responses: {'200': {description: ok}}\n${INTEGRATION('https://e.com/{petId}', 'integration.request.path.petId: method.request.path.petId')}    delete:\n      parameters:\n        - {name: petId, in: path, required: true, schema: {type: string}}\n      responses: {'204': {description: gone}}\n${INTEGRATION('https://e.com/{petId}', 'integration.request.path.petId: method.request.path.petId').replace("'200'", "'204'")}`;
    const document = parse(text);
    const [{ diagnostic, actions }] = await fixesFor(document, 'undeclared-path-template-parameter');
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Declare path parameter 'petId'", true]]);
    const result = parseYaml(await applied(document, diagnostic, actions));
    assert.deepEqual(result.paths['/pets/{petId}'].get.parameters, [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  it('declares an expression no operation declares on each of them, as a 2.0 type (JSON)', async () => {
    const operation = (method: string) => `"${method}": {"responses": {"200": {"description": "ok"}}, "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "https://e.com/{proxy}", "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"}}}`;
    const text = `{\n  "swagger": "2.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/files/{proxy+}": {\n      ${operation('get')},\n      ${operation('put')}\n    }\n  }\n}\n`;
    const document = parse(text, 'json');
    const [{ diagnostic, actions }] = await fixesFor(document, 'undeclared-path-template-parameter');
    assert.equal(actions[0].title, "Declare path parameter 'proxy'");
    const result = JSON.parse(await applied(document, diagnostic, actions));
    for (const method of ['get', 'put']) assert.deepEqual(result.paths['/files/{proxy+}'][method].parameters, [{ name: 'proxy', in: 'path', required: true, type: 'string' }]);
  });

  it('offers, for each of two expressions undeclared at one key, only the one its finding names', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a/{x}/{y}:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}, responses: {default: {statusCode: '200'}}}\n`;
    const document = parse(text);
    const found = await fixesFor(document, 'undeclared-path-template-parameter');
    assert.deepEqual(found.map(({ actions }) => actions.map((a) => a.title)), [["Declare path parameter 'x'"], ["Declare path parameter 'y'"]]);
    for (const { diagnostic, actions } of found) await applied(document, diagnostic, actions);
  });
});
