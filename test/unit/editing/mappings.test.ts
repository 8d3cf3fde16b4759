import assert from 'node:assert/strict';
import { InsertTextFormat, type CompletionItem, type CompletionList, type Hover, type TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../../server/src/services/completion';
import { doHover } from '../../../server/src/services/hover';
import type { Dialect } from '../../../server/src/model/dialect';
import type { DocumentResolver } from '../../../server/src/services/validationTypes';
import { applyEdits, parse, withCursor } from './documents';

type Format = 'yaml' | 'json';

function complete(marked: string, format: Format = 'yaml', dialect: Dialect | 'auto' = 'rest') {
  const { document, offset } = withCursor(marked, format);
  const items = doComplete(document, offset, dialect).items;
  return { document, items, labels: items.map((i) => i.label), texts: items.map((i) => (i.textEdit as TextEdit).newText) };
}

function accept(marked: string, label: string, format: Format = 'yaml', dialect: Dialect | 'auto' = 'rest'): string {
  const { document, items } = complete(marked, format, dialect);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return applyEdits(document, [item.textEdit as TextEdit]).replace('$0', '');
}

function hover(marked: string, format: Format = 'yaml'): string | undefined {
  const { document, offset } = withCursor(marked, format);
  const result = doHover(document, offset);
  return result ? (result.contents as { value: string }).value : undefined;
}

const OP = 'openapi: 3.0.1\npaths:\n  /pets/{id}:\n    get:\n';
const PARAMS = `${OP}      parameters:\n        - {name: id, in: path, required: true}\n        - {name: q, in: query}\n        - {name: X-Trace, in: header}\n        - {name: Authorization, in: header}\n`;
const HTTP_INTEGRATION = `${PARAMS}      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n        requestParameters:\n`;
const JSON_PARAMS = '"parameters": [{"name": "id", "in": "path", "required": true}, {"name": "q", "in": "query"}, {"name": "Origin", "in": "header"}, {"name": "X-A", "in": "header"}]';
const jsonOp = (operation: string) => `{"openapi": "3.0.1", "paths": {"/p/{id}": {"get": {${JSON_PARAMS}, ${operation}}}}}`;

const HTTP_KEY_STEMS = ['append:header.', 'overwrite:header.', 'remove:header.', 'append:querystring.', 'overwrite:querystring.', 'remove:querystring.', 'overwrite:path'];
const REST_KEY_STEMS = ['integration.request.header.', 'integration.request.querystring.', 'integration.request.path.'];
const HTTP_STEM_VALUES = ['$request.path', '$request.header.', '$request.querystring.', '$request.body.', '$context.', '$stageVariables.'];

describe('mapping completion and hover', () => {
  describe('HTTP API requestParameters', () => {
    it('offers the actions and locations as keys, in YAML', () => {
      const { labels, texts, items } = complete(`${HTTP_INTEGRATION}          |\n`, 'yaml', 'http');
      assert.deepEqual(labels, HTTP_KEY_STEMS);
      assert.deepEqual(texts, ['append:header.$0', 'overwrite:header.$0', 'remove:header.$0', 'append:querystring.$0', 'overwrite:querystring.$0', 'remove:querystring.$0', 'overwrite:path: $0']);
      assert.deepEqual(items[0].command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
    });

    it('offers the actions and locations as keys, in JSON, keeping the cursor inside the string', () => {
      const { labels, texts } = complete(jsonOp('"x-amazon-apigateway-integration": {"type": "HTTP_PROXY", "requestParameters": {"|"}}'), 'json', 'http');
      assert.deepEqual(labels, HTTP_KEY_STEMS);
      assert.deepEqual(texts.slice(0, 1), ['"append:header.$0"']);
      assert.equal(texts[6], '"overwrite:path": "$0"');
    });

    it('offers declared headers after `header.`, never a reserved one, in YAML and JSON', () => {
      const yaml = complete(`${HTTP_INTEGRATION}          append:header.|\n`, 'yaml', 'http');
      assert.deepEqual(yaml.labels, ['append:header.X-Trace']);
      assert.equal(accept(`${HTTP_INTEGRATION}          append:header.|\n`, 'append:header.X-Trace', 'yaml', 'http'), `${HTTP_INTEGRATION}          append:header.X-Trace: \n`);
      const json = complete(jsonOp('"x-amazon-apigateway-integration": {"requestParameters": {"remove:header.|"}}'), 'json', 'http');
      assert.deepEqual(json.labels, ['remove:header.X-A']);
      assert.deepEqual(json.texts, ['"remove:header.X-A": "\'\'"']);
    });

    it('offers declared query parameters after `querystring.`, leaving out those already mapped', () => {
      assert.deepEqual(complete(`${HTTP_INTEGRATION}          overwrite:querystring.|\n`, 'yaml', 'http').labels, ['overwrite:querystring.q']);
      assert.deepEqual(complete(`${HTTP_INTEGRATION}          overwrite:querystring.q: x\n          overwrite:querystring.|\n`, 'yaml', 'http').labels, []);
    });

    it('leaves out overwrite:path once written', () => {
      const { labels } = complete(`${HTTP_INTEGRATION}          overwrite:path: /x\n          |\n`, 'yaml', 'http');
      assert.deepEqual(labels, HTTP_KEY_STEMS.slice(0, 6));
    });

    it('offers HTTP keys only in HTTP APIs, inferring the dialect when asked to', () => {
      const rest = complete(`${HTTP_INTEGRATION}          |\n`, 'yaml', 'rest');
      assert.deepEqual(rest.labels, ['integration.request.path.id', 'integration.request.querystring.q', 'integration.request.header.X-Trace', 'integration.request.header.Authorization', ...REST_KEY_STEMS]);
      const inferred = complete(`x-amazon-apigateway-importexport-version: '1.0'\n${HTTP_INTEGRATION}          |\n`, 'yaml', 'auto');
      assert.deepEqual(inferred.labels, HTTP_KEY_STEMS);
    });

    it('offers the action\'s own parameters as the keys of a service integration, required ones first', () => {
      const { labels, items } = complete(`${OP}      x-amazon-apigateway-integration:\n        type: AWS_PROXY\n        integrationSubtype: SQS-SendMessage\n        requestParameters:\n          QueueUrl: $request.header.queue\n          |\n`, 'yaml', 'http');
      assert.deepEqual(labels, ['MessageBody', 'DelaySeconds', 'MessageAttributes', 'MessageDeduplicationId', 'MessageGroupId', 'MessageSystemAttributes', 'Region']);
      assert.equal(items[0].detail, 'Required SQS-SendMessage parameter');
      assert.ok(items[0].sortText! < items[1].sortText!);
      assert.equal((items[0].textEdit as { newText: string }).newText, 'MessageBody: $0');
      const unknown = complete(`${OP}      x-amazon-apigateway-integration:\n        type: AWS_PROXY\n        integrationSubtype: SQS-Nothing\n        requestParameters:\n          |\n`, 'yaml', 'http');
      assert.deepEqual(unknown.labels, []);
    });

    it('offers the declared parameters and the request variables as values, in YAML', () => {
      const { labels, texts } = complete(`${HTTP_INTEGRATION}          overwrite:header.h: |\n`, 'yaml', 'http');
      assert.deepEqual(labels, ['$request.path.id', '$request.querystring.q', '$request.header.X-Trace', '$request.header.Authorization', ...HTTP_STEM_VALUES]);
      assert.deepEqual(texts.slice(4), ['$request.path', '\\$request.header.$0', '\\$request.querystring.$0', '\\$request.body.$0', '\\$context.$0', '\\$stageVariables.$0']);
    });

    it('narrows the values to the declared path parameters after `$request.path.`', () => {
      assert.deepEqual(complete(`${HTTP_INTEGRATION}          overwrite:path: $request.path.|\n`, 'yaml', 'http').labels, ['$request.path.id']);
    });

    it("offers the route's path parameters, declared or not, as an HTTP API reads them from the route", () => {
      const route = `openapi: 3.0.1\nx-amazon-apigateway-importexport-version: '1.0'\ninfo: {title: t, version: '1'}\npaths:\n  /items/{id}/{rest+}:\n    get:\n      responses: {default: {description: ok}}\n      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n        httpMethod: GET\n        uri: https://e.com/items\n        payloadFormatVersion: '1.0'\n        requestParameters:\n          overwrite:header.x-id: `;
      const after = complete(`${route}$request.path.|\n`, 'yaml', 'auto');
      assert.deepEqual(after.labels, ['$request.path.id', '$request.path.rest']);
      assert.equal(after.items[0].detail, 'path parameter of the route');
      assert.deepEqual(complete(`${route}|\n`, 'yaml', 'auto').labels.slice(0, 3), ['$request.path.id', '$request.path.rest', '$request.path']);
      const subtype = `${OP}      x-amazon-apigateway-integration:\n        type: AWS_PROXY\n        integrationSubtype: SQS-SendMessage\n        requestParameters:\n          MessageBody: $request.path.|\n`;
      assert.deepEqual(complete(subtype, 'yaml', 'http').labels, ['$request.path.id']);
      assert.deepEqual(complete(`${HTTP_INTEGRATION}          overwrite:path: $request.path.|\n`, 'yaml', 'http').labels, ['$request.path.id'], 'a declared one once');
    });

    it('offers the request variables as values in JSON', () => {
      const { labels, texts } = complete(jsonOp('"x-amazon-apigateway-integration": {"requestParameters": {"overwrite:path": "$|", "append:header.a": "b"}}'), 'json', 'http');
      assert.deepEqual(labels, ['$request.path.id', '$request.querystring.q', '$request.header.Origin', '$request.header.X-A', ...HTTP_STEM_VALUES]);
      assert.deepEqual(texts.slice(3, 6), ['"$request.header.X-A"', '"$request.path"', '"\\$request.header.$0"']);
    });
  });

  describe('REST integration requestParameters', () => {
    const REST_INTEGRATION = `${PARAMS}      x-amazon-apigateway-integration:\n        type: http\n        requestParameters:\n`;

    it('offers the declared parameters, the body, the variables and a static value as values', () => {
      const { labels, texts } = complete(`${REST_INTEGRATION}          integration.request.header.h: |\n`);
      assert.deepEqual(labels.slice(4), ['method.request.body', 'method.request.body.', 'method.request.multivalueheader.', 'method.request.multivaluequerystring.', "'static'", 'stageVariables.', 'context.']);
      assert.deepEqual(texts.slice(8), [`"'\${1:value}'"`, 'stageVariables.$0', 'context.$0']);
    });

    it('offers keys for the declared parameters, then for the unmapped placeholders of the URI, then each location open for a name', () => {
      const uri = (value: string, mapped = '') => `${PARAMS}      x-amazon-apigateway-integration:\n        type: http\n        uri: ${value}\n        requestParameters:\n${mapped}          |\n`;
      const { labels, items } = complete(uri("'https://example.com/{id}/{kind}/{rest+}?page={page}#{frag}'", '          integration.request.path.kind: "\'cats\'"\n'));
      const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
      assert.deepEqual(sorted, ['integration.request.header.Authorization', 'integration.request.header.X-Trace', 'integration.request.path.id', 'integration.request.querystring.q', 'integration.request.path.rest', ...REST_KEY_STEMS]);
      assert.equal(labels.filter((l) => l === 'integration.request.path.id').length, 1);
      const rest = items.find((i) => i.label === 'integration.request.path.rest')!;
      assert.equal(rest.detail, 'URI placeholder');
      assert.equal(rest.command?.command, 'editor.action.triggerSuggest');
      assert.match(accept(uri("'https://example.com/{rest+}'"), 'integration.request.path.rest'), /\n {10}integration\.request\.path\.rest: \n$/);
      // A stage variable or an import-time variable is no placeholder to fill.
      assert.deepEqual(complete(uri("'https://${stageVariables.host}/${AWS::Region}'")).labels.filter((l) => !l.endsWith('.') && !PARAMS.includes(`name: ${l.split('.').pop()}`)), []);
      // A location is opened for the name, and the name stays to be typed, in JSON inside the quotes.
      const json = complete(jsonOp('"x-amazon-apigateway-integration": {"type": "http", "requestParameters": {"integration.request.path.id": "method.request.path.id", "|"}}'), 'json');
      const stem = json.items.find((i) => i.label === 'integration.request.header.')!;
      assert.equal((stem.textEdit as TextEdit).newText, '"integration.request.header.$0"');
      assert.ok(!json.labels.includes('integration.request.path.id'));
    });

    it('offers the declared headers and query parameters with every value after their multivalue location', () => {
      assert.deepEqual(complete(`${REST_INTEGRATION}          integration.request.header.h: method.request.multivalueheader.|\n`).labels, ['method.request.multivalueheader.X-Trace', 'method.request.multivalueheader.Authorization']);
      assert.deepEqual(complete(`${REST_INTEGRATION}          integration.request.querystring.q: method.request.multivaluequerystring.|\n`).labels, ['method.request.multivaluequerystring.q']);
    });
  });

  describe('HTTP API responseParameters', () => {
    it('offers the backend response and the variables as values under a status code', () => {
      const yaml = complete(`${OP}      x-amazon-apigateway-integration:\n        type: http_proxy\n        responseParameters:\n          "200":\n            overwrite:header.x: |\n`, 'yaml', 'http');
      assert.deepEqual(yaml.labels, ['$response.header.', '$response.body.', '$context.', '$stageVariables.']);
      const json = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "http_proxy", "responseParameters": {"404": {"overwrite:statuscode": "|"}}}}}}}', 'json', 'http');
      assert.deepEqual(json.texts, ['"\\$response.header.$0"', '"\\$response.body.$0"', '"\\$context.$0"', '"\\$stageVariables.$0"']);
    });
  });

  describe('gateway response responseParameters', () => {
    it('offers the request values by location, the variables and a static value', () => {
      const { labels } = complete('openapi: 3.0.1\npaths: {}\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters:\n      gatewayresponse.header.x: |\n');
      assert.deepEqual(labels, ['method.request.header.', 'method.request.path.', 'method.request.querystring.', 'method.request.multivalueheader.', 'method.request.multivaluequerystring.', "'static'", 'stageVariables.', 'context.']);
      assert.deepEqual(complete('openapi: 3.0.1\npaths: {}\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters:\n      gatewayresponse.header.x: method.request.h|\n').labels, ['method.request.header.', 'method.request.path.', 'method.request.querystring.', 'method.request.multivalueheader.', 'method.request.multivaluequerystring.']);
    });

    it('offers first the request parameters the operations declare, each once', () => {
      const operations = 'openapi: 3.0.1\npaths:\n'
        + '  /a/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true}\n        - {name: Origin, in: header}\n'
        + '  /b:\n    parameters:\n      - {name: q, in: query}\n'
        + '    post:\n      parameters:\n        - {name: origin, in: header}\n        - {name: session, in: cookie}\n';
      const responses = `${operations}x-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters:\n`;
      const { labels } = complete(`${responses}      gatewayresponse.header.Access-Control-Allow-Origin: |\n`);
      const declared = ['method.request.path.id', 'method.request.header.Origin', 'method.request.querystring.q'];
      assert.deepEqual(labels.slice(0, 4), [...declared, 'method.request.header.']);
      const typed = complete(`${responses}      gatewayresponse.header.Access-Control-Allow-Origin: "method.request.header.|"\n`);
      assert.deepEqual(typed.texts, ['"method.request.header.Origin"']);
    });
  });

  describe('REST integration responseParameters', () => {
    const RESPONSES = `${OP}      responses:\n        '200':\n          description: ok\n          headers:\n            Access-Control-Allow-Origin: {schema: {type: string}}\n            X-Id: {description: The pet id., schema: {type: string}}\n        '404': {description: missing, headers: {X-Missing: {schema: {type: string}}}}\n      x-amazon-apigateway-integration:\n        type: http\n        responses:\n          default:\n            statusCode: '200'\n            responseParameters:\n`;

    it('offers the headers of the method response the integration response maps to', () => {
      const { labels, items } = complete(`${RESPONSES}              |\n`);
      assert.deepEqual(labels, ['method.response.header.Access-Control-Allow-Origin', 'method.response.header.X-Id', 'method.response.header.']);
      assert.equal(items[1].detail, '200 response header');
      assert.equal(accept(`${RESPONSES}              |\n`, 'method.response.header.X-Id'), `${RESPONSES}              method.response.header.X-Id: \n`);
    });

    it('leaves out headers already mapped, whatever their letter case', () => {
      const { labels } = complete(`${RESPONSES}              method.response.header.x-id: "'1'"\n              |\n`);
      assert.deepEqual(labels, ['method.response.header.Access-Control-Allow-Origin', 'method.response.header.']);
    });

    it('follows the status code of the integration response, in JSON', () => {
      const text = '{"swagger": "2.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}, "404": {"description": "no", "headers": {"X-Missing": {"type": "string"}}}}, "x-amazon-apigateway-integration": {"responses": {"default": {"statusCode": 404, "responseParameters": {"|"}}}}}}}}';
      const { labels, texts } = complete(text, 'json');
      assert.deepEqual(labels, ['method.response.header.X-Missing', 'method.response.header.']);
      assert.deepEqual(texts, ['"method.response.header.X-Missing": "$0"', '"method.response.header.$0"']);
    });

    it('offers only the key open for a name while the integration response has no status code', () => {
      const noStatus = `${OP}      x-amazon-apigateway-integration:\n        responses:\n          default:\n            responseParameters:\n              |\n`;
      assert.deepEqual(complete(noStatus).labels, ['method.response.header.']);
    });

    it('offers the key open for the header name when the method response declares no headers', () => {
      const bare = RESPONSES.replace(/ {10}headers:\n( {12}.*\n)+/, '');
      const { items, texts } = complete(`${bare}              |\n`);
      assert.deepEqual(texts, ['method.response.header.$0']);
      assert.equal(items[0].insertTextFormat, InsertTextFormat.Snippet);
      assert.equal(items[0].command?.command, 'editor.action.triggerSuggest');
      assert.equal(accept(`${bare}              |\n`, 'method.response.header.'), `${bare}              method.response.header.\n`);
      const json = '{"openapi": "3.0.1", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}, '
        + '"x-amazon-apigateway-integration": {"type": "http", "responses": {"default": {"statusCode": "200", "responseParameters": {|}}}}}}}}';
      assert.deepEqual(complete(json, 'json').texts, ['"method.response.header.$0"']);
      assert.deepEqual(complete(json.replace('|', '"method.response.header.|"'), 'json').labels, [], 'the start is typed already');
    });

    it('offers the response mapping sources as values, in YAML', () => {
      const { labels, texts } = complete(`${RESPONSES}              method.response.header.X-Id: |\n`);
      assert.deepEqual(labels, ['integration.response.header.', 'integration.response.multivalueheader.', 'integration.response.body', 'integration.response.body.', "'static'", 'stageVariables.', 'context.']);
      assert.deepEqual(texts, ['integration.response.header.$0', 'integration.response.multivalueheader.$0', 'integration.response.body', 'integration.response.body.$0', `"'\${1:value}'"`, 'stageVariables.$0', 'context.$0']);
    });

    it('narrows the sources to what is typed', () => {
      assert.deepEqual(complete(`${RESPONSES}              method.response.header.X-Id: integration.response.b|\n`).labels, ['integration.response.header.', 'integration.response.multivalueheader.', 'integration.response.body', 'integration.response.body.']);
      assert.deepEqual(complete(`${RESPONSES}              method.response.header.X-Id: integration.response.body.|\n`).labels, []);
    });

    it('writes a static value as a quoted literal, in YAML and JSON', () => {
      const yaml = accept(`${RESPONSES}              method.response.header.X-Id: |\n`, "'static'").replace('${1:value}', '*');
      assert.equal((parse(yaml).value as any).paths['/pets/{id}'].get['x-amazon-apigateway-integration'].responses.default.responseParameters['method.response.header.X-Id'], "'*'");
      const json = '{"swagger": "2.0", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"responses": {"default": {"statusCode": "200", "responseParameters": {"method.response.header.A": "|", "method.response.header.B": "x"}}}}}}}}';
      const { texts } = complete(json, 'json');
      assert.deepEqual(texts, ['"integration.response.header.$0"', '"integration.response.multivalueheader.$0"', '"integration.response.body"', '"integration.response.body.$0"', `"'\${1:value}'"`, '"stageVariables.$0"', '"context.$0"']);
    });
  });

  describe('cacheKeyParameters', () => {
    it('offers the declared request parameters not yet listed, in YAML', () => {
      const { labels, texts } = complete(`${PARAMS}      x-amazon-apigateway-integration:\n        cacheKeyParameters:\n          - method.request.path.id\n          - |\n`);
      assert.deepEqual(labels, ['method.request.querystring.q', 'method.request.header.X-Trace', 'method.request.header.Authorization']);
      assert.deepEqual(texts, labels);
    });

    it('offers them in JSON, at the start of the array and after a comma', () => {
      const first = complete(jsonOp('"x-amazon-apigateway-integration": {"cacheKeyParameters": [|]}'), 'json');
      assert.deepEqual(first.texts, ['"method.request.path.id"', '"method.request.querystring.q"', '"method.request.header.Origin"', '"method.request.header.X-A"']);
      const next = complete(jsonOp('"x-amazon-apigateway-integration": {"cacheKeyParameters": ["method.request.path.id", "method.request.h|"]}'), 'json');
      assert.deepEqual(next.texts, ['"method.request.querystring.q"', '"method.request.header.Origin"', '"method.request.header.X-A"']);
    });

    it('offers nothing in HTTP APIs, which have no cache', () => {
      assert.deepEqual(complete(`${PARAMS}      x-amazon-apigateway-integration:\n        cacheKeyParameters:\n          - |\n`, 'yaml', 'http').labels, []);
    });
  });

  describe('hover', () => {
    const DECLARED = `${OP}      responses:\n        '200':\n          description: ok\n          headers:\n            X-Id: {description: The pet id., schema: {type: string}}\n      x-amazon-apigateway-integration:\n        responses:\n          default:\n            statusCode: 200\n            responseParameters:\n`;

    it('shows the declared method response header of a mapping key, in YAML', () => {
      assert.equal(hover(`${DECLARED}              method.response.header.x-i|d: integration.response.header.id\n`), '**X-Id**: header of the 200 method response\n\nType: `string`\n\nThe pet id.');
    });

    it('says when the header is not declared, in JSON', () => {
      const text = '{"swagger": "2.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "headers": {"X-Id": {"type": "integer"}}}}, "x-amazon-apigateway-integration": {"responses": {"default": {"statusCode": "200", "responseParameters": {"method.response.header.X-|Id": "\'1\'", "method.response.header.X-Other": "\'2\'"}}}}}}}}';
      assert.equal(hover(text, 'json'), '**X-Id**: header of the 200 method response\n\nType: `integer`');
      assert.equal(hover(text.replace('X-|Id', 'X-Id').replace('X-Other', 'X-Ot|her'), 'json'), '**X-Other**: the 200 response declares no header of this name; AWS rejects mappings to undeclared method response headers.');
    });

    it('says what REST response mapping values read', () => {
      const at = (value: string) => hover(`${DECLARED}              method.response.header.X-Id: ${value}\n`);
      assert.equal(at('integration.response.he|ader.x-id'), '**integration.response.header.x-id**\n\nThe `x-id` header of the backend response.');
      assert.equal(at('integration.response.bo|dy'), '**integration.response.body**\n\nThe whole of the backend response body.');
      assert.equal(at('integration.response.bo|dy.pet.id'), '**integration.response.body.pet.id**\n\nThe value at JSONPath `$.pet.id` of the backend response body (JSON).');
      assert.equal(at(`"'*|'"`), "**'*'**\n\nThe static value `*`.");
      assert.equal(at('stageVariables.en|v'), '**stageVariables.env**\n\nThe stage variable `env` of the stage that serves the request.');
      assert.match(at('context.request|Id')!, /^\*\*context\.requestId\*\*\n\nThe context variable `requestId`: The id of the request/);
    });

    it('says what REST request mapping values read, in JSON', () => {
      const text = '{"swagger": "2.0", "paths": {"/a": {"post": {"x-amazon-apigateway-integration": {"requestParameters": {"integration.request.header.a": "method.request.bo|dy.user", "integration.request.header.b": "method.request.body"}}}}}}';
      assert.equal(hover(text, 'json'), '**method.request.body.user**\n\nThe value at JSONPath `$.user` of the request body (JSON).');
      assert.equal(hover(text.replace('bo|dy', 'body').replace('request.body"', 'request.bo|dy"'), 'json'), '**method.request.body**\n\nThe whole of the request body.');
    });

    it('says what HTTP API mapping values read, variable by variable', () => {
      const integration = `${OP}      x-amazon-apigateway-integration:\n        requestParameters:\n`;
      assert.equal(hover(`${integration}          overwrite:path: $request.pa|th\n`), '**$request.path**\n\nThe whole request path.');
      assert.equal(hover(`${integration}          append:header.a: $context.request|Id\n`)!.split('\n\n')[0], '**$context.requestId**');
      assert.equal(
        hover(`${integration}          append:header.a: 'v-\${request.querystring.q}-$stageVariables.e|nv'\n`),
        '**v-${request.querystring.q}-$stageVariables.env**\n\n- `$request.querystring.q`: The `q` query string parameter.\n- `$stageVariables.env`: The stage variable `env` of the stage that serves the request.\n\nThe rest is static text.',
      );
    });

    it("describes an HTTP API's undeclared route parameter as validation does, and a REST one as unread", () => {
      const integration = `openapi: 3.0.1\npaths:\n  /items/{id}:\n    get:\n      x-amazon-apigateway-integration:\n        requestParameters:\n`;
      assert.equal(hover(`${integration}          overwrite:header.x-id: $request.path.i|d\n`), '**id**: path parameter of the route `/items/{id}`; HTTP APIs take path parameters from the route, so it need not be declared.');
      assert.equal(hover(`${integration}          overwrite:header.x-id: $request.path.ot|her\n`), '**other**: no path parameter of this name is declared on the operation.');
      assert.equal(hover(`${integration}          integration.request.header.x-id: method.request.path.i|d\n`), '**id**: no path parameter of this name is declared on the operation.');
    });

    it('says what a request mapping key sets, in the form of its dialect or of the service action called', () => {
      const GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/';
      const key = (integration: string, line: string, format: Format = 'yaml') =>
        hover(format === 'json' ? line : `${OP}      x-amazon-apigateway-integration:\n${integration}        requestParameters:\n          ${line}\n`, format);
      assert.equal(
        key('', 'integration.request.he|ader.X-Stage: stageVariables.env'),
        `**integration.request.header.X-Stage**\n\nSets the header \`X-Stage\` of the request API Gateway sends to the backend.\n\n[AWS documentation](${GUIDE}api-gateway-swagger-extensions-integration-requestParameters.html)`,
      );
      assert.match(key('', jsonOp('"x-amazon-apigateway-integration": {"requestParameters": {"integration.request.path.i|d": "method.request.path.id"}}'), 'json') ?? '', /^\*\*integration\.request\.path\.id\*\*\n\nSets the path parameter `id` of the request API Gateway sends to the backend: it fills `\{id\}` in the integration URI\./);
      assert.equal(key('', 'append:header.X-|Trace: $request.header.t'), `**append:header.X-Trace**\n\nAppends the value to the header \`X-Trace\` of the request sent to the integration.\n\n[AWS documentation](${GUIDE}http-api-parameter-mapping.html)`);
      assert.match(key('', 'remove:querystring.|q: "\'\'"')!, /^\*\*remove:querystring\.q\*\*\n\nRemoves the query string parameter `q` of the request sent to the integration\./);
      assert.match(key('', 'overwrite:pa|th: $request.path.p')!, /Replaces the path of the request sent to the integration\./);
      assert.equal(
        key('        type: AWS_PROXY\n        integrationSubtype: SQS-SendMessage\n', 'Queue|Url: $request.header.queue'),
        `**QueueUrl**\n\nThe required \`QueueUrl\` parameter of the SQS-SendMessage action this integration calls.\n\n[AWS documentation](${GUIDE}http-api-develop-integrations-aws-services-reference.html)`,
      );
    });
  });

  describe('references into other files', () => {
    const other = parse('components:\n  schemas:\n    Owner:\n      type: object\n      description: Who owns a pet.\n      properties:\n        name: {type: string}\n    Pet: {type: object}\n  parameters:\n    limit: {name: limit, in: query}\n', 'yaml', 'file:///common.yaml');
    const bare = parse('Owner: {type: object}\nTag: {type: string}\n', 'yaml', 'file:///bare.yaml');
    const swagger = parse('{"definitions": {"Error": {"type": "object"}}}', 'json', 'file:///defs.json');
    const files: Record<string, typeof other> = { './common.yaml': other, 'bare.yaml': bare, 'defs.json': swagger };
    const resolver: DocumentResolver = { resolve: async (base, ref) => (base.startsWith('file:///api.') ? files[ref] : undefined) };

    async function completeRef(marked: string, format: Format = 'yaml'): Promise<CompletionItem[]> {
      const { document, offset } = withCursor(marked, format);
      const result: CompletionList = await doComplete(document, offset, 'rest', resolver);
      return result.items;
    }

    const SCHEMA_REF = "openapi: 3.0.1\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: ";

    it('offers the schemas of the other file after its name and `#/`, in YAML', async () => {
      const items = await completeRef(`${SCHEMA_REF}./common.yaml#/|\n`);
      assert.deepEqual(items.map((i) => i.label), ['./common.yaml#/components/schemas/Owner', './common.yaml#/components/schemas/Pet']);
      assert.deepEqual(items.map((i) => (i.textEdit as TextEdit).newText), ["'./common.yaml#/components/schemas/Owner'", "'./common.yaml#/components/schemas/Pet'"]);
      assert.equal(items[0].detail, 'schemas in ./common.yaml');
    });

    it('offers the parameters of the other file for a parameter $ref, in JSON', async () => {
      const items = await completeRef('{"openapi": "3.0.1", "paths": {"/a": {"get": {"parameters": [{"$ref": "./common.yaml#/|"}]}}}}', 'json');
      assert.deepEqual(items.map((i) => (i.textEdit as TextEdit).newText), ['"./common.yaml#/components/parameters/limit"']);
    });

    it('offers 2.0 definitions, and the root entries of a file of bare definitions', async () => {
      assert.deepEqual((await completeRef(`${SCHEMA_REF}defs.json#|\n`)).map((i) => i.label), ['defs.json#/definitions/Error']);
      assert.deepEqual((await completeRef(`${SCHEMA_REF}'bare.yaml#/|'\n`)).map((i) => (i.textEdit as TextEdit).newText), ["'bare.yaml#/Owner'", "'bare.yaml#/Tag'"]);
    });

    it('offers nothing for a file that cannot be read, or without a resolver', async () => {
      assert.deepEqual(await completeRef(`${SCHEMA_REF}missing.yaml#/|\n`), []);
      const { document, offset } = withCursor(`${SCHEMA_REF}./common.yaml#/|\n`);
      assert.deepEqual(doComplete(document, offset).items, []);
    });

    it('still answers local references at once', () => {
      const { document, offset } = withCursor("openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet: {type: object}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: |\n");
      const result = doComplete(document, offset, 'rest', resolver) as CompletionList;
      assert.deepEqual(result.items.map((i) => i.label), ['#/components/schemas/Pet']);
    });

    it('summarises the target in the other file on hover, in YAML and JSON', async () => {
      const yaml = withCursor(`${SCHEMA_REF}'./common.yaml#/components/schemas/Ow|ner'\n`);
      const hovered = (await doHover(yaml.document, yaml.offset, resolver)) as Hover;
      assert.equal((hovered.contents as { value: string }).value, '**Owner**: `object`\n\nWho owns a pet.\n\n- `name`: string\n\nIn `./common.yaml`.');
      const json = withCursor('{"openapi": "3.0.1", "paths": {"/a": {"get": {"parameters": [{"$ref": "defs.json#/definitions/Er|ror"}]}}}}', 'json');
      assert.equal((((await doHover(json.document, json.offset, resolver)) as Hover).contents as { value: string }).value, '**Error**: `object`\n\nIn `defs.json`.');
      const missing = withCursor(`${SCHEMA_REF}'./gone.yaml#/components/schemas/Ow|ner'\n`);
      assert.equal((((await doHover(missing.document, missing.offset, resolver)) as Hover).contents as { value: string }).value, 'External reference: `./gone.yaml#/components/schemas/Owner` (the file could not be read).');
    });

    it('says on hover why the file cannot be read, and that a remote reference is not followed', async () => {
      const explaining: DocumentResolver = { ...resolver, whyUnreadable: () => 'it is a directory' };
      const hover = async (marked: string) => {
        const { document, offset } = withCursor(marked);
        return (((await doHover(document, offset, explaining)) as Hover).contents as { value: string }).value;
      };
      assert.equal(await hover(`${SCHEMA_REF}'./schem|as#/Pet'\n`), 'External reference: `./schemas#/Pet` (the file could not be read: it is a directory).');
      assert.equal(await hover(`${SCHEMA_REF}'https://example.com/pe|t.yaml#/Pet'\n`), 'Remote reference: `https://example.com/pet.yaml#/Pet`. Remote references are not followed, so what it points to is not shown.');
    });
  });
});
