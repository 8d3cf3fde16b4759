import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import type { Dialect } from '../../../server/src/model/dialect';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { validateDocument } from '../../../server/src/services/validation';
import type { DocumentResolver } from '../../../server/src/services/validationTypes';
import { applyEdits, parse } from './documents';

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function diagnostic(code: string, data: Record<string, unknown>, range = ZERO): Diagnostic {
  return { range, code, message: code, source: 'apigateway', data };
}

/** The diagnostic validation reports, when its rule exists; else the one the rule is specified to report. */
async function reported(document: ApiDocument, code: string, fallback: Diagnostic): Promise<Diagnostic> {
  const found = (await validateDocument(document)).find((d) => d.code === code);
  return found ?? fallback;
}

function applyOnly(document: ApiDocument, actions: CodeAction[]): string {
  assert.equal(actions.length, 1, actions.map((a) => a.title).join(', '));
  return applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
}

async function assertGone(text: string, format: 'yaml' | 'json', code: string): Promise<void> {
  const fixed = parse(text, format);
  assert.deepEqual(fixed.problems, [], text);
  assert.deepEqual((await validateDocument(fixed)).filter((d) => d.code === code), [], text);
}

async function quickFix(text: string, code: string, data: Record<string, unknown>, format: 'yaml' | 'json' = 'yaml'): Promise<{ title: string; result: string }> {
  const document = parse(text, format);
  const diag = await reported(document, code, diagnostic(code, data));
  const actions = getCodeActions(document, diag.range, { diagnostics: [diag], only: ['quickfix'] }, 'rest');
  const result = applyOnly(document, actions);
  await assertGone(result, format, code);
  return { title: actions[0].title, result };
}

const LAMBDA = "uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:F/invocations'";

describe('code actions', () => {
  describe('declare a missing parameter', () => {
    it('creates the parameters list of a YAML operation', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /p/{id}:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com/{id}\n        requestParameters:\n          integration.request.path.id: method.request.path.id\n        responses:\n          default: {statusCode: '200'}\n`;
      const { title, result } = await quickFix(text, 'undeclared-parameter', { name: 'id', in: 'path', path: '/p/{id}', method: 'GET' });
      assert.equal(title, "Declare path parameter 'id'");
      assert.equal(result, text.replace("default: {statusCode: '200'}\n", "default: {statusCode: '200'}\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n"));
    });

    it('lines up the entries of a new list item after its dash in a document indented by four', async () => {
      const text = `openapi: 3.0.1\ninfo:\n    title: t\n    version: '1'\npaths:\n    /p:\n        get:\n            responses:\n                '200': {description: ok}\n            x-amazon-apigateway-integration:\n                type: http\n                httpMethod: GET\n                uri: https://example.com\n                requestParameters:\n                    integration.request.header.h: method.request.header.H\n                responses:\n                    default: {statusCode: '200'}\n`;
      const { result } = await quickFix(text, 'undeclared-parameter', { name: 'H', in: 'header', path: '/p', method: 'GET' });
      assert.match(result, /\n {12}parameters:\n {16}- name: H\n {18}in: header\n {18}schema:\n {22}type: string\n/);
      // Appended to a list whose items leave three spaces after the dash, the new item does the same.
      const wide = text.replace("            responses:\n", "            parameters:\n                -   name: other\n                    in: query\n            responses:\n");
      const appended = await quickFix(wide, 'undeclared-parameter', { name: 'H', in: 'header', path: '/p', method: 'GET' });
      assert.match(appended.result, /\n {16}-   name: H\n {20}in: header\n {20}schema:\n {24}type: string\n/);
      assert.deepEqual(parseYaml(appended.result).paths['/p'].get.parameters.map((p: { name: string }) => p.name), ['other', 'H']);
    });

    it('declares a parameter read by a multivalue mapping as a list of strings', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com\n        requestParameters:\n          integration.request.querystring.tag: method.request.multivaluequerystring.tag\n        responses:\n          default: {statusCode: '200'}\n`;
      const { result } = await quickFix(text, 'undeclared-parameter', { name: 'tag', in: 'query', path: '/p', method: 'GET', multiValue: true });
      assert.deepEqual(parseYaml(result).paths['/p'].get.parameters, [{ name: 'tag', in: 'query', schema: { type: 'array', items: { type: 'string' } } }]);
    });

    it('appends to an existing JSON parameter list, 2.0 style', async () => {
      const text = '{\n  "swagger": "2.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/p": {\n      "get": {\n        "parameters": [\n          {"name": "a", "in": "query", "type": "string"}\n        ],\n        "responses": {"200": {"description": "ok"}},\n        "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "GET", "uri": "https://example.com", "requestParameters": {"integration.request.header.q": "method.request.querystring.q"}, "responses": {"default": {"statusCode": "200"}}}\n      }\n    }\n  }\n}\n';
      const { result } = await quickFix(text, 'undeclared-parameter', { name: 'q', in: 'querystring', path: '/p', method: 'GET' }, 'json');
      assert.deepEqual(JSON.parse(result).paths['/p'].get.parameters, [
        { name: 'a', in: 'query', type: 'string' },
        { name: 'q', in: 'query', type: 'string' },
      ]);
      assert.match(result, /\{"name": "a", "in": "query", "type": "string"\},\n {10}\{\n {12}"name": "q",/);
    });
  });

  it('adds a missing method response', async () => {
    const text = `swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200':\n          description: ok\n      x-amazon-apigateway-integration:\n        type: aws\n        httpMethod: POST\n        ${LAMBDA}\n        responses:\n          default: {statusCode: '200'}\n          '.*NotFound.*': {statusCode: '404'}\n`;
    const { title, result } = await quickFix(text, 'undeclared-response-status', { statusCode: '404', path: '/p', method: 'get' });
    assert.equal(title, 'Add method response 404');
    assert.match(result, /\n {10}description: ok\n {8}'404':\n {10}description: Not Found\n/);
  });

  it('declares a missing response header, creating the headers map', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates: {application/json: '{"statusCode": 200}'}\n        responses:\n          default:\n            statusCode: '200'\n            responseParameters:\n              method.response.header.X-Id: "'1'"\n`;
    const { result } = await quickFix(text, 'undeclared-response-header', { header: 'X-Id', statusCode: '200', path: '/p', method: 'GET' });
    assert.match(result, /'200': \{description: ok, headers: \{X-Id: \{schema: \{type: string\}\}\}\}/);
  });

  it('maps a URI placeholder from the path parameter of the same name, creating requestParameters', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{petId}:\n    get:\n      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://backend.example.com/pets/{petId}\n        responses:\n          default: {statusCode: '200'}\n`;
    const { title, result } = await quickFix(text, 'unmapped-uri-path-parameter', {});
    assert.equal(title, 'Map {petId} from method.request.path.petId');
    assert.deepEqual(parseYaml(result).paths['/pets/{petId}'].get['x-amazon-apigateway-integration'].requestParameters, { 'integration.request.path.petId': 'method.request.path.petId' });
  });

  it('adds the mapping of a URI placeholder beside the existing ones (JSON)', async () => {
    const text = '{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/{proxy+}": {\n      "x-amazon-apigateway-any-method": {\n        "parameters": [{"name": "proxy", "in": "path", "required": true, "schema": {"type": "string"}}],\n        "responses": {"200": {"description": "ok"}},\n        "x-amazon-apigateway-integration": {\n          "type": "http_proxy",\n          "httpMethod": "ANY",\n          "uri": "https://backend.example.com/{proxy}",\n          "requestParameters": {"integration.request.header.x": "\'1\'"}\n        }\n      }\n    }\n  }\n}\n';
    const { result } = await quickFix(text, 'unmapped-uri-path-parameter', {}, 'json');
    assert.deepEqual(JSON.parse(result).paths['/{proxy+}']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'].requestParameters, {
      'integration.request.header.x': "'1'",
      'integration.request.path.proxy': 'method.request.path.proxy',
    });
  });

  it('maps a greedy {proxy+} in the URI by its name without the +, which fills it', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /files/{proxy+}:\n    x-amazon-apigateway-any-method:\n      parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: http_proxy\n        httpMethod: ANY\n        uri: https://backend.example.com/{proxy+}\n`;
    const { result } = await quickFix(text, 'unmapped-uri-path-parameter', {});
    assert.deepEqual(parseYaml(result).paths['/files/{proxy+}']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'].requestParameters, { 'integration.request.path.proxy': 'method.request.path.proxy' });
  });

  it('writes a template-style variable of a mapping without its $, and quotes what reads as a literal', async () => {
    const mapping = (value: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com\n        requestParameters:\n          integration.request.header.X-Stage: ${value}\n        responses:\n          default: {statusCode: '200'}\n`;
    const variable = await quickFix(mapping('$stageVariables.backendKey'), 'invalid-mapping-value', {});
    assert.equal(variable.title, "Change to 'stageVariables.backendKey'");
    assert.match(variable.result, /integration\.request\.header\.X-Stage: stageVariables\.backendKey\n/);
    const literal = await quickFix(mapping('application/json'), 'invalid-mapping-value', {});
    assert.equal(parseYaml(literal.result).paths['/p'].get['x-amazon-apigateway-integration'].requestParameters['integration.request.header.X-Stage'], "'application/json'");
    assert.equal(literal.title, "Change to the static value 'application/json'");
    // A misspelt source is offered as static text too, but not as the fix to apply without asking.
    const misspelt = parse(mapping('method.requset.header.X-Stage'));
    const found = (await validateDocument(misspelt)).find((d) => d.code === 'invalid-mapping-value')!;
    const [asText] = getCodeActions(misspelt, found.range, { diagnostics: [found], only: ['quickfix'] }, 'rest');
    assert.deepEqual([asText.title, asText.isPreferred], ["Change to the static value 'method.requset.header.X-Stage'", false]);
    const concatenated = parse(mapping(`"'v1-'stageVariables.env"`));
    const diagnostic = (await validateDocument(concatenated)).find((d) => d.code === 'invalid-mapping-value')!;
    assert.deepEqual(getCodeActions(concatenated, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, 'rest'), [], 'no certain value for a concatenation');
  });

  it('defines a missing request validator at the root', async () => {
    const text = `swagger: '2.0'\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-request-validator: strict\npaths: {}\n`;
    const { result } = await quickFix(text, 'unknown-request-validator', { name: 'strict' });
    assert.equal(result, `${text}x-amazon-apigateway-request-validators:\n  strict:\n    validateRequestBody: true\n    validateRequestParameters: true\n`);
  });

  it('replaces a misspelt enum value, keeping its quotes', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n        httpMethod: POST\n        ${LAMBDA}\n        passthroughBehavior: "when_no_macth"\n`;
    const range = { start: { line: 11, character: 29 }, end: { line: 11, character: 44 } };
    const { title, result } = await quickFix(text, 'invalid-enum-value', { expected: 'when_no_match' });
    assert.equal(title, "Change to 'when_no_match'");
    assert.equal(result, text.replace('"when_no_macth"', '"when_no_match"'));
    // Without a near miss, each of the few allowed values is offered, none preferred.
    const document = parse(text);
    const choices = getCodeActions(document, range, { diagnostics: [diagnostic('invalid-enum-value', {}, range)], only: ['quickfix'] }, 'rest');
    assert.deepEqual(choices.map((a) => [a.title, a.isPreferred]), [["Change to 'when_no_match'", false], ["Change to 'when_no_templates'", false], ["Change to 'never'", false]]);
  });

  it('renames a key that is not a media type or a gateway response type to the one meant, unless the map has it', async () => {
    const mock = (templates: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates: {${templates}}\n        responses: {default: {statusCode: '200'}}\n`;
    const text = mock(`json: '{"statusCode": 200}'`);
    const { title, result } = await quickFix(text, 'invalid-media-type', {});
    assert.equal(title, "Change to 'application/json'");
    assert.equal(result, text.replace('{json:', '{application/json:'));
    // With `application/json` already there, the rename would make a duplicate key.
    const taken = parse(mock(`json: a, application/json: b`));
    const diag = (await validateDocument(taken)).find((d) => d.code === 'invalid-media-type');
    assert.ok(diag);
    assert.deepEqual(getCodeActions(taken, diag.range, { diagnostics: [diag], only: ['quickfix'] }, 'rest'), []);
    const responses = `swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nx-amazon-apigateway-gateway-responses:\n  NOT_FOUND:\n    statusCode: 404\n`;
    const renamed = await quickFix(responses, 'invalid-map-key', {});
    assert.equal(renamed.result, responses.replace('NOT_FOUND', 'RESOURCE_NOT_FOUND'));
    // A binary media type is a list item: the value is changed.
    const binary = `swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nx-amazon-apigateway-binary-media-types: [image]\n`;
    assert.equal((await quickFix(binary, 'invalid-media-type', {})).result, binary.replace('[image]', '[image/*]'));
  });

  describe('an enum value with no near miss', () => {
    async function choices(text: string, format: 'yaml' | 'json', dialect: Dialect) {
      const document = parse(text, format);
      const diag = (await validateDocument(document, { settings: { dialect } })).find((d) => d.code === 'invalid-enum-value');
      assert.ok(diag, 'no invalid-enum-value');
      return { document, diag, actions: getCodeActions(document, diag.range, { diagnostics: [diag], only: ['quickfix'] }, dialect) };
    }

    it('offers each allowed value of a small enum, and each one fixes the finding', async () => {
      const text = '{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {"/a": {"get": {"responses": {"default": {"description": "ok"}},\n    "x-amazon-apigateway-integration": {"type": "AWS_PROXY", "httpMethod": "POST", "uri": "arn:aws:lambda:us-east-1:123456789012:function:f", "payloadFormatVersion": "3.0"}}}}\n}\n';
      const { document, actions } = await choices(text, 'json', 'http');
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Change to '1.0'", false], ["Change to '2.0'", false]]);
      for (const action of actions) {
        const fixed = applyEdits(document, action.edit!.changes![document.uri] as TextEdit[]);
        assert.ok(fixed.includes(`"payloadFormatVersion": "${action.title.slice(11, 14)}"`), fixed);
        await assertGone(fixed, 'json', 'invalid-enum-value');
      }
    });

    it('writes a case-insensitive value as the document does elsewhere, else as the dialect\'s AWS pages do', async () => {
      const op = (path: string, type: string) => `  ${path}:\n    get:\n      responses: {default: {description: ok}}\n      x-amazon-apigateway-integration:\n        type: ${type}\n        httpMethod: GET\n        uri: https://example.com\n        payloadFormatVersion: '1.0'\n`;
      const http = (paths: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n${paths}`;
      const titles = async (text: string) => (await choices(text, 'yaml', 'http')).actions.map((a) => a.title);
      assert.deepEqual(await titles(http(op('/a', 'xyz'))), ["Change to 'AWS_PROXY'", "Change to 'HTTP_PROXY'"]);
      assert.deepEqual(await titles(http(op('/a', 'xyz') + op('/b', 'http_proxy'))), ["Change to 'aws_proxy'", "Change to 'http_proxy'"]);
    });

    it('quotes a value YAML would read as a number, and offers nothing for a long enum', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {default: {description: ok}}\n      x-amazon-apigateway-integration:\n        type: AWS_PROXY\n        httpMethod: POST\n        uri: arn:aws:lambda:us-east-1:123456789012:function:f\n        payloadFormatVersion: 3.0\n`;
      const { document, actions } = await choices(text, 'yaml', 'http');
      assert.match(applyEdits(document, actions[1].edit!.changes![document.uri] as TextEdit[]), /payloadFormatVersion: '2\.0'\n$/);
      const subtype = text.replace('payloadFormatVersion: 3.0', "payloadFormatVersion: '2.0'\n        integrationSubtype: Lambda-Invoke");
      assert.deepEqual((await choices(subtype, 'yaml', 'http')).actions, [], 'ten subtypes are a menu for completion');
    });
  });

  describe('Add CORS', () => {
    function cors(text: string, format: 'yaml' | 'json', dialect: Dialect, line: number, character = 4) {
      const document = parse(text, format);
      const range = { start: { line, character }, end: { line, character } };
      const actions = getCodeActions(document, range, { diagnostics: [], only: ['refactor'] }, dialect);
      return { document, actions };
    }

    it('adds an OPTIONS method with a mock integration to a REST path', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200': {description: ok}\n    post:\n      responses:\n        '201': {description: created}\n`;
      const { document, actions } = cors(text, 'yaml', 'rest', 4);
      assert.equal(actions[0].title, 'Add CORS to /pets (OPTIONS method; Access-Control-Allow-Origin on gateway responses DEFAULT_4XX, DEFAULT_5XX)');
      const result = applyOnly(document, actions);
      const options = (parse(result).value as any).paths['/pets'].options;
      assert.deepEqual(options.responses['200'].headers['Access-Control-Allow-Origin'], { schema: { type: 'string' } });
      assert.deepEqual(options['x-amazon-apigateway-integration'].responses.default.responseParameters, {
        'method.response.header.Access-Control-Allow-Headers': "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
        'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,POST'",
        'method.response.header.Access-Control-Allow-Origin': "'*'",
      });
      // Written as AWS's examples write static values, not with doubled single quotes.
      assert.match(result, /method\.response\.header\.Access-Control-Allow-Origin: "'\*'"\n/);
      await assertGone(result, 'yaml', 'undeclared-response-header');
      assert.equal(cors(result, 'yaml', 'rest', 4).actions.length, 0, 'offered again once the path has OPTIONS');
      assert.equal(cors(text, 'yaml', 'rest', 3).actions.length, 1, 'on the path line');
      assert.equal(cors(text, 'yaml', 'rest', 5, 8).actions.length, 0, 'not inside an operation');
    });

    it('is offered anywhere on the key line of a path or an operation, and on no line beneath', () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:  # pets\n    get:\n      responses:\n        '200': {description: ok}\n  /a: {get: {responses: {'200': {description: ok}}}}\n`;
      const lines = text.split('\n');
      const offeredOn = (line: number) => [...Array(lines[line].length + 1).keys()].filter((c) => cors(text, 'yaml', 'rest', line, c).actions.length === 1);
      for (const line of [3, 4, 7]) assert.deepEqual(offeredOn(line), [...Array(lines[line].length + 1).keys()], lines[line]);
      for (const line of [2, 5, 6]) assert.deepEqual(offeredOn(line), [], lines[line]);
      const json = '{\n  "swagger": "2.0",\n  "paths": {\n    "/a": {\n      "get": {"responses": {"200": {"description": "ok"}}}\n    }\n  }\n}';
      const jsonLines = json.split('\n');
      for (const line of [3, 4]) assert.equal(jsonLines[line].length + 1, [...Array(jsonLines[line].length + 1).keys()].filter((c) => cors(json, 'json', 'rest', line, c).actions.length === 1).length, jsonLines[line]);
      assert.equal(cors(json, 'json', 'rest', 5, 4).actions.length, 0, 'not on the closing brace');
    });

    it('takes only the operation keys placement, completion and validation take: not an upper-case `GET:`', () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    GET:\n      responses:\n        '200': {description: ok}\n    x-amazon-apigateway-any-method:\n      responses:\n        '200': {description: ok}\n`;
      assert.equal(cors(text, 'yaml', 'rest', 4).actions.length, 0, 'GET is no operation key');
      assert.equal(cors(text, 'yaml', 'rest', 7).actions.length, 1, 'on the ANY method');
      assert.equal(cors(text, 'yaml', 'rest', 3).actions.length, 1, 'on the path line');
    });

    it('adds an OPTIONS method to a 2.0 JSON path', () => {
      const text = '{\n  "swagger": "2.0",\n  "paths": {\n    "/a": {\n      "get": {"responses": {"200": {"description": "ok"}}}\n    }\n  }\n}';
      const { document, actions } = cors(text, 'json', 'rest', 3);
      const result = JSON.parse(applyOnly(document, actions));
      assert.deepEqual(result.paths['/a'].options.responses['200'].headers['Access-Control-Allow-Methods'], { type: 'string' });
    });

    it('configures CORS at the root of an HTTP API', () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      x-amazon-apigateway-integration: {type: HTTP_PROXY, uri: 'https://example.com', payloadFormatVersion: '1.0'}\n`;
      const { document, actions } = cors(text, 'yaml', 'http', 3);
      assert.equal(applyOnly(document, actions), `${text}x-amazon-apigateway-cors:\n  allowOrigins:\n    - '*'\n  allowMethods:\n    - GET\n    - OPTIONS\n  allowHeaders:\n    - authorization\n    - content-type\n  maxAge: 300\n`);
    });
    it('allows in an HTTP API the header parameters its routes declare, besides the usual ones', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    parameters:\n      - {name: X-Tenant, in: header, required: true, schema: {type: string}}\n    get:\n      parameters:\n        - {name: Authorization, in: header, schema: {type: string}}\n        - {name: q, in: query, schema: {type: string}}\n      x-amazon-apigateway-integration: {type: HTTP_PROXY, httpMethod: GET, uri: 'https://example.com', payloadFormatVersion: '1.0'}\n  /shops:\n    post:\n      parameters:\n        - {$ref: '#/components/parameters/Trace'}\n      x-amazon-apigateway-integration: {type: HTTP_PROXY, httpMethod: POST, uri: 'https://example.com', payloadFormatVersion: '1.0'}\ncomponents:\n  parameters:\n    Trace: {name: x-trace-id, in: header, schema: {type: string}}\n`;
      const { document, actions } = cors(text, 'yaml', 'http', 3);
      const result = applyOnly(document, actions);
      assert.deepEqual(parseYaml(result)['x-amazon-apigateway-cors'].allowHeaders, ['authorization', 'content-type', 'x-tenant', 'x-trace-id']);
      const before = new Set((await validateDocument(document, { settings: { dialect: 'http' } })).map((d) => `${d.code}: ${d.message}`));
      assert.deepEqual((await validateDocument(parse(result), { settings: { dialect: 'http' } })).map((d) => `${d.code}: ${d.message}`).filter((f) => !before.has(f)), []);
    });
  });

  describe('corrections AWS leaves no doubt about', () => {
    function fixesFor(text: string, code: string) {
      const document = parse(text, 'yaml');
      return validateDocument(document).then((diagnostics) => {
        const diag = diagnostics.find((d) => d.code === code);
        assert.ok(diag, `no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
        return { document, actions: getCodeActions(document, diag.range, { diagnostics: [diag], only: ['quickfix'] }, 'rest') };
      });
    }

    it('corrects a misspelt validator name first, and still offers to define it', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-request-validators:\n  params-only: {validateRequestBody: false, validateRequestParameters: true}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: params-onyl\n      responses: {'200': {description: ok}}\n`;
      const { document, actions } = await fixesFor(text, 'unknown-request-validator');
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Change to 'params-only'", true], ["Define request validator 'params-onyl'", false]]);
      const fixed = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
      assert.match(fixed, /x-amazon-apigateway-request-validator: params-only\n/);
      await assertGone(fixed, 'yaml', 'unknown-request-validator');
    });

    it('corrects a misspelt security scheme name in a requirement, keeping its quotes, unless the requirement has that name', async () => {
      const json = '{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "components": {"securitySchemes": {"cognito": {"type": "apiKey", "name": "Authorization", "in": "header"}}}, "paths": {"/a": {"get": {"security": [{"cognitoo": []}], "responses": {"200": {"description": "ok"}}}}}}';
      const document = parse(json, 'json');
      const diag = (await validateDocument(document)).find((d) => d.code === 'unknown-security-scheme')!;
      const actions = getCodeActions(document, diag.range, { diagnostics: [diag], only: ['quickfix'] }, 'rest');
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Change to 'cognito'", true]]);
      const fixed = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
      assert.ok(fixed.includes('"security": [{"cognito": []}]'), fixed);
      await assertGone(fixed, 'json', 'unknown-security-scheme');
      const both = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\ncomponents:\n  securitySchemes:\n    cognito: {type: apiKey, name: Authorization, in: header}\npaths:\n  /a:\n    get:\n      security:\n        - {cognito: [], cognitoo: []}\n      responses: {'200': {description: ok}}\n`;
      assert.deepEqual((await fixesFor(both, 'unknown-security-scheme')).actions, []);
      assert.deepEqual((await fixesFor(both.replace(/cognito: \[\], cognitoo/, 'other'), 'unknown-security-scheme')).actions, []);
    });

    it('offers a boolean mapping value as a static value, not preferred: the import drops the mapping, so it was never sent', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com\n        requestParameters:\n          integration.request.header.nothing: true\n        responses: {default: {statusCode: '200'}}\n`;
      const { document, actions } = await fixesFor(text, 'mapping-value-not-string');
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Change to the static value 'true'", false]]);
      const fixed = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
      assert.match(fixed, /integration\.request\.header\.nothing: "'true'"\n/);
      await assertGone(fixed, 'yaml', 'mapping-value-not-string');
    });

    it('quotes a numeric statusCode', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: mock\n        responses:\n          default:\n            statusCode: 200\n`;
      const { document, actions } = await fixesFor(text, 'status-code-not-string');
      const fixed = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
      assert.match(fixed, /statusCode: '200'\n$/);
      await assertGone(fixed, 'yaml', 'status-code-not-string');
    });
  });
});

describe('quick fixes for a $ref that points to nothing', () => {
  const text = [
    'openapi: 3.0.1',
    'info: {title: t, version: "1"}',
    'paths:',
    '  /pets:',
    '    get:',
    '      responses:',
    "        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/pet'}}}}",
    '        default: {description: err, content: {application/json: {schema: {$ref: "#/components/schemas/Eror"}}}}',
    'components:',
    '  schemas:',
    '    Pet: {type: object}',
    '    Error: {type: object}',
    '',
  ].join('\n');

  async function actionsFor(document: ApiDocument, needle: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
    const line = document.text.split('\n').findIndex((l) => l.includes(needle));
    const diagnostic = (await validateDocument(document)).find((d) => d.code === 'unresolved-ref' && d.range.start.line === line);
    assert.ok(diagnostic, `no unresolved-ref on line ${line}`);
    return { diagnostic, actions: getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, 'rest') };
  }

  it('names the definition a misspelt or miscased pointer meant, and corrects it keeping the quotes', async () => {
    const document = parse(text);
    for (const [needle, meant] of [["schemas/pet'", '#/components/schemas/Pet'], ['schemas/Eror"', '#/components/schemas/Error']]) {
      const { diagnostic, actions } = await actionsFor(document, needle);
      assert.match(String(diagnostic.message), new RegExp(`Did you mean \`${meant}\`\\?`));
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[`Change to '${meant}'`, true], [`Create schema '${meant === '#/components/schemas/Pet' ? 'pet' : 'Eror'}'`, false]]);
      const fixed = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
      assert.ok(fixed.includes(needle.startsWith('schemas/pet') ? "'#/components/schemas/Pet'" : '"#/components/schemas/Error"'), fixed);
    }
    const fixedBoth = applyEdits(document, [(await actionsFor(document, "schemas/pet'")).actions[0], (await actionsFor(document, 'schemas/Eror"')).actions[0]].flatMap((a) => a.edit!.changes![document.uri] as TextEdit[]));
    await assertGone(fixedBoth, 'yaml', 'unresolved-ref');
  });

  it('creates a missing schema, and the components that hold it, when nothing is close', async () => {
    const document = parse("openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Order'\n");
    const { diagnostic, actions } = await actionsFor(document, 'schemas/Order');
    assert.doesNotMatch(String(diagnostic.message), /Did you mean/);
    const result = applyOnly(document, actions);
    assert.equal(actions[0].title, "Create schema 'Order'");
    assert.match(result, /^components:\n {2}schemas:\n {4}Order:\n {6}type: object$/m);
    await assertGone(result, 'yaml', 'unresolved-ref');
  });

  it('creates a schema after a last schema whose block scalar keeps its trailing blank lines, leaving them its own', async () => {
    const source = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}\ncomponents:\n  schemas:\n    Note:\n      description: >+\n        kept\n\n\n";
    const document = parse(source);
    const result = applyOnly(document, (await actionsFor(document, 'schemas/Order')).actions);
    assert.equal((parseYaml(result) as { components: { schemas: { Note: { description: string } } } }).components.schemas.Note.description, 'kept\n\n\n');
    assert.match(result, /kept\n\n\n {4}Order:\n {6}type: object\n$/);
  });

  it('names the definition a misspelt pointer into another file meant, and corrects it keeping the file', async () => {
    const shared = parse('components:\n  schemas:\n    Alpha: {type: object}\n    Beta: {type: string}\n', 'yaml', 'file:///w/shared2.yaml');
    const resolver: DocumentResolver = { resolve: async (_base, ref) => (ref.startsWith('shared2.yaml') ? shared : undefined) };
    const source = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: 'shared2.yaml#/components/schemas/Alpah'}}}}\n";
    const document = parse(source, 'yaml', 'file:///w/api.yaml');
    const found = (await validateDocument(document, { resolver })).find((d) => d.code === 'unresolved-ref');
    assert.ok(found);
    assert.match(String(found.message), /`shared2\.yaml` has nothing at `#\/components\/schemas\/Alpah`\. Did you mean `shared2\.yaml#\/components\/schemas\/Alpha`\?/);
    const actions = getCodeActions(document, found.range, { diagnostics: [found], only: ['quickfix'] }, 'rest');
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Change to 'shared2.yaml#/components/schemas/Alpha'", true]]);
    const fixed = parse(applyOnly(document, actions), 'yaml', 'file:///w/api.yaml');
    assert.ok(fixed.text.includes("{$ref: 'shared2.yaml#/components/schemas/Alpha'}"), fixed.text);
    assert.deepEqual((await validateDocument(fixed, { resolver })).filter((d) => d.code === 'unresolved-ref'), []);
    // Nothing close: no guess, and no schema created here for a pointer into another file.
    const far = parse(source.replace('Alpah', 'Gamma'), 'yaml', 'file:///w/api.yaml');
    const unrelated = (await validateDocument(far, { resolver })).find((d) => d.code === 'unresolved-ref')!;
    assert.doesNotMatch(String(unrelated.message), /Did you mean/);
    assert.deepEqual(getCodeActions(far, unrelated.range, { diagnostics: [unrelated], only: ['quickfix'] }, 'rest'), []);
  });

  it('offers nothing it cannot do for pointers outside schemas', async () => {
    const document = parse("openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Gone'}\n");
    const { actions } = await actionsFor(document, 'responses/Gone');
    assert.deepEqual(actions, []);
  });
});

describe('quick fixes on a half-typed operation', () => {
  const integration = (responseParameters: string) =>
    `      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com\n        requestParameters:\n          integration.request.header.h: method.request.header.H\n        responses:\n          default:\n            statusCode: "200"\n            responseParameters:\n              ${responseParameters}\n`;

  it('fills a parameters key written with no value instead of adding a second one', async () => {
    const text = `swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    get:\n      parameters:\n      responses:\n        "200": {description: ok, headers: {X-T: {type: string}}}\n${integration(`method.response.header.X-T: "'a'"`)}`;
    const { title, result } = await quickFix(text, 'undeclared-parameter', { name: 'H', in: 'header', path: '/p', method: 'GET' });
    assert.equal(title, "Declare header parameter 'H'");
    assert.ok(result.startsWith(text.replace('      parameters:\n', '      parameters:\n        - name: H\n          in: header\n          type: string\n')), result);
    assert.deepEqual((await validateDocument(parse(result))).map((d) => d.code), []);
  });

  it('fills a response written with no value when declaring a header on it', async () => {
    const text = `swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    get:\n      parameters: [{name: H, in: header, type: string}]\n      responses:\n        "200":\n${integration(`method.response.header.X-T: "'a'"`)}`;
    const { result } = await quickFix(text, 'undeclared-response-header', { header: 'X-T', statusCode: '200', path: '/p', method: 'GET' });
    assert.match(result, /\n {8}"200":\n {10}description: OK\n {10}headers:\n {12}X-T:\n {14}type: string\n {6}x-amazon-apigateway-integration:/);
    assert.deepEqual((await validateDocument(parse(result))).map((d) => d.code), []);
  });

  it('fills a JSON parameters key that is null', async () => {
    const text = '{\n  "swagger": "2.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/p": {\n      "get": {\n        "parameters": null,\n        "responses": {"200": {"description": "ok"}},\n        "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "GET", "uri": "https://example.com", "requestParameters": {"integration.request.header.q": "method.request.querystring.q"}, "responses": {"default": {"statusCode": "200"}}}\n      }\n    }\n  }\n}\n';
    const { result } = await quickFix(text, 'undeclared-parameter', { name: 'q', in: 'querystring', path: '/p', method: 'GET' }, 'json');
    assert.deepEqual(JSON.parse(result).paths['/p'].get.parameters, [{ name: 'q', in: 'query', type: 'string' }]);
  });

  it('adds a method response with the headers its integration response maps, so that one fix leaves nothing to fix', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    get:\n      responses:\n        "200": {description: ok}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com\n        responses:\n          default:\n            statusCode: "201"\n            responseParameters:\n              method.response.header.X-Trace: "'a'"\n              method.response.header.x-trace: "'b'"\n          .*Moved.*:\n            statusCode: "201"\n            responseParameters: {method.response.header.Location: integration.response.header.Location}\n`;
    const { title, result } = await quickFix(text, 'undeclared-response-status', { statusCode: '201', path: '/p', method: 'GET' });
    assert.equal(title, 'Add method response 201');
    assert.deepEqual(parseYaml(result).paths['/p'].get.responses['201'], { description: 'Created', headers: { 'X-Trace': { schema: { type: 'string' } }, Location: { schema: { type: 'string' } } } });
    assert.deepEqual((await validateDocument(parse(result))).map((d) => d.code), []);
  });
});

describe('quick fixes for a $ref into the other specification version', () => {
  const operation = (response: string) => `paths:\n  /p:\n    get:\n      responses:\n        "200": ${response}\n      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}, responses: {default: {statusCode: "200"}}}\n`;
  const cases = [
    { version: 'openapi: 3.0.1', ref: '#/definitions/Pet', meant: '#/components/schemas/Pet', response: (ref: string) => `{description: ok, content: {application/json: {schema: {$ref: "${ref}"}}}}`, container: 'components/schemas', existing: 'components:\n  schemas:\n    Pet: {type: object}\n' },
    { version: 'swagger: "2.0"', ref: '#/components/schemas/Pet', meant: '#/definitions/Pet', response: (ref: string) => `{description: ok, schema: {$ref: "${ref}"}}`, container: 'definitions', existing: 'definitions:\n  Pet: {type: object}\n' },
  ];

  for (const c of cases) {
    it(`creates the schema where ${c.version.split(':')[0]} keeps schemas and points the $ref to it`, async () => {
      const text = `${c.version}\ninfo: {title: t, version: "1"}\n${operation(c.response(c.ref))}`;
      const document = parse(text);
      const diag = (await validateDocument(document)).find((d) => d.code === 'unresolved-ref')!;
      assert.match(diag.message as string, new RegExp(`keeps schemas in \`${c.container}\``));
      const actions = getCodeActions(document, diag.range, { diagnostics: [diag], only: ['quickfix'] }, 'rest');
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[`Create schema 'Pet' in ${c.container} and point to it`, true]]);
      const result = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
      assert.ok(result.includes(`$ref: "${c.meant}"`), result);
      assert.deepEqual((await validateDocument(parse(result))).map((d) => d.code), []);
    });

    it(`changes the $ref to the schema ${c.version.split(':')[0]} already defines under that name`, async () => {
      const text = `${c.version}\ninfo: {title: t, version: "1"}\n${operation(c.response(c.ref))}${c.existing}`;
      const document = parse(text);
      const diag = (await validateDocument(document)).find((d) => d.code === 'unresolved-ref')!;
      const actions = getCodeActions(document, diag.range, { diagnostics: [diag], only: ['quickfix'] }, 'rest');
      assert.equal(actions[0].title, `Change to '${c.meant}'`);
      const result = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
      assert.deepEqual((await validateDocument(parse(result))).map((d) => d.code), []);
    });
  }
});

describe('inserted text in the layout of the document', () => {
  it('indents with tabs in a tab-indented JSON document', async () => {
    const text = '{\n\t"swagger": "2.0",\n\t"info": {"title": "t", "version": "1"},\n\t"paths": {\n\t\t"/p": {\n\t\t\t"get": {\n\t\t\t\t"responses": {\n\t\t\t\t\t"200": {"description": "ok"}\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}\n';
    const document = parse(text, 'json');
    const at = document.textDocument.positionAt(text.indexOf('/p'));
    const result = applyOnly(document, getCodeActions(document, { start: at, end: at }, { diagnostics: [], only: ['refactor'] }, 'rest'));
    assert.ok(JSON.parse(result).paths['/p'].options);
    const lines = result.split('\n');
    // The OPTIONS method, up to the closing of its path item; the gateway responses follow at the root.
    const gatewayResponses = lines.indexOf('\t"x-amazon-apigateway-gateway-responses": {');
    assert.ok(gatewayResponses > 0 && lines.slice(gatewayResponses + 1, -3).every((line) => /^\t{2,}\S/.test(line)), result);
    const added = lines.slice(10, gatewayResponses - 2);
    assert.ok(added.length > 10 && added.every((line) => /^\t{3,}"/.test(line) || /^\t{3,}[}\]],?$/.test(line)), added.join('\n'));
    assert.match(result, /\n\t\t\t\},\n\t\t\t"options": \{\n\t\t\t\t"summary": "CORS preflight",\n/);
  });

  it('keeps an insertion into a JSON object written on one line on that line', async () => {
    const text = '{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/p": {\n      "get": {\n        "responses": {\n          "200": {"description": "ok"}\n        },\n        "x-amazon-apigateway-integration": {"type": "http", "httpMethod": "GET", "uri": "https://e.com", "responses": {"default": {"statusCode": "200", "responseParameters": {"method.response.header.X-Trace": "\'a\'"}}}}\n      }\n    }\n  }\n}\n';
    const { result } = await quickFix(text, 'undeclared-response-header', { header: 'X-Trace', statusCode: '200', path: '/p', method: 'GET' }, 'json');
    assert.equal(result, text.replace('"200": {"description": "ok"}', '"200": {"description": "ok", "headers": {"X-Trace": {"schema": {"type": "string"}}}}'));
  });

  it('keeps a minified JSON document on one line', () => {
    const text = '{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/p": {"get": {"responses": {"200": {"description": "ok"}}}}}}';
    const document = parse(text, 'json');
    const at = document.textDocument.positionAt(text.indexOf('/p'));
    const result = applyOnly(document, getCodeActions(document, { start: at, end: at }, { diagnostics: [], only: ['refactor'] }, 'rest'));
    assert.ok(!result.includes('\n'), result);
    assert.equal(JSON.parse(result).paths['/p'].options.summary, 'CORS preflight');
  });

  it('writes the line breaks of a CRLF document', async () => {
    const text = 'openapi: 3.0.1\r\ninfo: {title: t, version: "1"}\r\npaths:\r\n  /p:\r\n    get:\r\n      responses:\r\n        "200": {description: ok}\r\n      x-amazon-apigateway-integration:\r\n        type: http\r\n        httpMethod: GET\r\n        uri: https://e.com\r\n        responses:\r\n          default: {statusCode: "201"}\r\n';
    const { result } = await quickFix(text, 'undeclared-response-status', { statusCode: '201', path: '/p', method: 'GET' });
    assert.equal(result.match(/(?<!\r)\n/g), null, JSON.stringify(result));
    const document = parse(text);
    const at = document.textDocument.positionAt(text.indexOf('/p'));
    const cors = applyOnly(document, getCodeActions(document, { start: at, end: at }, { diagnostics: [], only: ['refactor'] }, 'rest'));
    assert.equal(cors.match(/(?<!\r)\n/g), null, JSON.stringify(cors));
    assert.ok(parseYaml(cors).paths['/p'].options);
  });
});

describe('quick fixes on YAML aliases and merge keys', () => {
  const head = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\n";

  /** The quick fixes offered for each finding of the code, by the text the finding stands on. */
  async function fixesByPlace(text: string, code: string): Promise<Map<string, CodeAction[]>> {
    const document = parse(text);
    const found = new Map<string, CodeAction[]>();
    for (const d of (await validateDocument(document)).filter((x) => x.code === code)) {
      found.set(document.textDocument.getText(d.range), getCodeActions(document, d.range, { diagnostics: [d], only: ['quickfix'] }, 'rest'));
    }
    return found;
  }

  it('fixes the anchored original and does not write over the alias that repeats it', async () => {
    const text = `${head}paths:\n  /a:\n    get:\n      responses:\n        '200': &resp {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Itm'}}}}\n  /b:\n    get:\n      responses:\n        '200': *resp\ncomponents:\n  schemas:\n    Item: {type: object}\n`;
    const fixes = await fixesByPlace(text, 'unresolved-ref');
    assert.deepEqual([...fixes.keys()], ["'#/components/schemas/Itm'", '*resp']);
    assert.deepEqual(fixes.get("'#/components/schemas/Itm'")!.map((a) => a.title), ["Change to '#/components/schemas/Item'", "Create schema 'Itm'"]);
    // Defining the missing schema writes nowhere near the alias, and mends both.
    assert.deepEqual(fixes.get('*resp')!.map((a) => a.title), ["Create schema 'Itm'"]);
  });

  it('adds no mapping to an integration an alias repeats, nor values over a merged alias', async () => {
    const integration = `${head}paths:\n  /a/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: &integ\n        type: http\n        httpMethod: GET\n        uri: https://example.com/items/{id}\n        responses: {default: {statusCode: '200'}}\n  /b/{id}:\n    get:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: *integ\n`;
    const unmapped = await fixesByPlace(integration, 'unmapped-uri-path-parameter');
    assert.equal(unmapped.get('*integ')?.length, 0);
    const merged = `${head}x-common: &common\n  type: mock\n  passthroughBehavior: WHEN_NO_MATCHH\n  requestTemplates: {application/json: '{"statusCode": 200}'}\n  responses:\n    default:\n      statusCode: 200\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        <<: *common\n        timeoutInMillis: 29000\n`;
    assert.deepEqual((await fixesByPlace(merged, 'invalid-enum-value')).get('*common'), []);
    assert.deepEqual((await fixesByPlace(merged, 'status-code-not-string')).get('*common'), []);
  });

  it('places findings inside a mapping written after `<<:` on their own text, and fixes them there', async () => {
    const text = `${head}paths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        <<:\n          type: mock\n          requestTemplates: {application/json: '{"statusCode": 200}'}\n          responses:\n            default:\n              statusCode: 200\n`;
    const { result } = await quickFix(text, 'status-code-not-string', {});
    assert.equal(result, text.replace('statusCode: 200', "statusCode: '200'"));
  });
});

describe('payload format choices', () => {
  const api = (integration: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-importexport-version: '1.0'\npaths:\n  /a:\n    get:\n      responses:\n        default: {description: ok}\n      x-amazon-apigateway-integration:\n${integration}        payloadFormatVersion: 1\n`;

  it('offers only 1.0 to an integration other than a Lambda proxy', async () => {
    const text = api('        type: http_proxy\n        httpMethod: GET\n        uri: https://example.com/a\n');
    const document = parse(text);
    const found = (await validateDocument(document)).find((d) => d.code === 'invalid-enum-value')!;
    const actions = getCodeActions(document, found.range, { diagnostics: [found], only: ['quickfix'] }, 'http');
    assert.deepEqual(actions.map((a) => a.title), ["Change to '1.0'"]);
  });

  it('offers both to a Lambda proxy integration', async () => {
    const text = api('        type: aws_proxy\n        httpMethod: POST\n        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations\n');
    const document = parse(text);
    const found = (await validateDocument(document)).find((d) => d.code === 'invalid-enum-value')!;
    const actions = getCodeActions(document, found.range, { diagnostics: [found], only: ['quickfix'] }, 'http');
    assert.deepEqual(actions.map((a) => a.title), ["Change to '1.0'", "Change to '2.0'"]);
  });

  it('never prefers defining a misspelt validator name, even at an alias of it that cannot be corrected in place', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-request-validators:
  all: { validateRequestBody: true, validateRequestParameters: true }
paths:
  /a:
    get:
      x-amazon-apigateway-request-validator: &v al
      responses: { '200': { description: ok } }
  /b:
    get:
      x-amazon-apigateway-request-validator: *v
      responses: { '200': { description: ok } }
`;
    const document = parse(text, 'yaml');
    const found = (await validateDocument(document)).filter((d) => d.code === 'unknown-request-validator');
    assert.equal(found.length, 2);
    const preferred = found.map((d) => getCodeActions(document, d.range, { diagnostics: [d], only: ['quickfix'] }, 'rest').filter((a) => a.isPreferred).map((a) => a.title));
    assert.deepEqual(preferred, [["Change to 'all'"], []]);
  });
});
