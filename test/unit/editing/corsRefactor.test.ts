import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { validateDocument } from '../../../server/src/services/validation';
import { applyEdits, parse } from './documents';

/** "Add CORS" on a line, applied; the result must parse and add no finding the document did not have. */
async function addCors(text: string, line: number, format: 'yaml' | 'json' = 'yaml'): Promise<{ title: string; result: string; value: any }> {
  const document = parse(text, format);
  // Just inside the path's key, past its indentation.
  const at = { line, character: text.split('\n')[line].search(/\S/) + 1 };
  const actions = getCodeActions(document, { start: at, end: at }, { diagnostics: [], only: ['refactor'] }, 'rest');
  assert.equal(actions.length, 1, actions.map((a) => a.title).join(', '));
  const result = applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
  const fixed = parse(result, format);
  assert.deepEqual(fixed.problems, [], result);
  const findings = (diagnostics: Awaited<ReturnType<typeof validateDocument>>) => diagnostics.map((d) => `${d.code}: ${String(d.message)}`);
  const before = new Set(findings(await validateDocument(document)));
  assert.deepEqual(findings(await validateDocument(fixed)).filter((f) => !before.has(f)), [], result);
  return { title: actions[0].title, result, value: format === 'json' ? JSON.parse(result) : parseYaml(result) };
}

const HTTP_GET = 'x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com/{petId}\n        requestParameters:\n          integration.request.path.petId: method.request.path.petId\n        responses:\n          default:\n            statusCode: \'200\'\n';

describe('Add CORS', () => {
  describe('on a templated path', () => {
    it('declares on the OPTIONS method the path parameter its methods declare for themselves', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{petId}:\n    get:\n      parameters:\n        - {name: petId, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n      ${HTTP_GET}`;
      const { value } = await addCors(text, 3);
      assert.deepEqual(value.paths['/pets/{petId}'].options.parameters, [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }]);
    });

    it('declares a greedy {proxy+} by its name, on the ANY method path of a 2.0 JSON definition', async () => {
      const text = '{\n  "swagger": "2.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/any/{proxy+}": {\n      "x-amazon-apigateway-any-method": {\n        "parameters": [{"name": "proxy", "in": "path", "required": true, "type": "string"}],\n        "responses": {},\n        "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "ANY", "uri": "https://example.com/{proxy}", "requestParameters": {"integration.request.path.proxy": "method.request.path.proxy"}}\n      }\n    }\n  }\n}\n';
      const { title, value } = await addCors(text, 4, 'json');
      assert.equal(title, 'Add CORS to /any/{proxy+} (OPTIONS method; Access-Control-Allow-Origin on gateway responses DEFAULT_4XX, DEFAULT_5XX)', 'a proxy integration sends its own headers');
      const options = value.paths['/any/{proxy+}'].options;
      assert.deepEqual(options.parameters, [{ name: 'proxy', in: 'path', required: true, type: 'string' }]);
      assert.equal(options['x-amazon-apigateway-integration'].responses.default.responseParameters['method.response.header.Access-Control-Allow-Methods'], "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'");
    });

    it('leaves out what the path item declares for every method, through a reference too', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}/b/{key}:\n    parameters:\n      - $ref: '#/components/parameters/Id'\n    get:\n      parameters:\n        - {name: key, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://example.com/{id}/{key}', requestParameters: {integration.request.path.id: method.request.path.id, integration.request.path.key: method.request.path.key}}\ncomponents:\n  parameters:\n    Id: {name: id, in: path, required: true, schema: {type: string}}\n`;
      const { value } = await addCors(text, 3);
      assert.deepEqual(value.paths['/a/{id}/b/{key}'].options.parameters.map((p: { name: string }) => p.name), ['key']);
      const shared = text.replace('    get:\n      parameters:\n        - {name: key, in: path, required: true, schema: {type: string}}\n', "      - {name: key, in: path, required: true, schema: {type: string}}\n    get:\n");
      assert.equal((await addCors(shared, 3)).value.paths['/a/{id}/b/{key}'].options.parameters, undefined);
    });
  });

  describe('on a path whose parameters a preflight does not carry', () => {
    const TENANT = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-request-validator: all\nx-amazon-apigateway-request-validators:\n  all: {validateRequestBody: true, validateRequestParameters: true}\npaths:\n  /p:\n    parameters:\n      - {name: X-Tenant, in: header, required: true, schema: {type: string}}\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://e.com', requestParameters: {integration.request.header.t: method.request.header.X-Tenant}}\n`;
    const allowHeaders = (options: any) => options['x-amazon-apigateway-integration'].responses.default.responseParameters['method.response.header.Access-Control-Allow-Headers'];

    it('declares a required header the OPTIONS method inherits optional again, and allows it', async () => {
      const { result, value } = await addCors(TENANT, 6);
      const options = value.paths['/p'].options;
      assert.deepEqual(options.parameters, [{ name: 'X-Tenant', in: 'header', required: false, schema: { type: 'string' } }]);
      assert.equal(allowHeaders(options), "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Tenant'");
      assert.match(result, /\n {4}options:\n {6}summary: CORS preflight\n {6}parameters:\n {8}- name: X-Tenant\n {10}in: header\n {10}required: false\n {10}schema:\n {12}type: string\n {6}responses:\n/);
    });

    it('writes the override in the indentation of a document indented by four, and in flow style where the path item is', async () => {
      const four = TENANT.replace(/\n( +)/g, (_, spaces: string) => `\n${' '.repeat(spaces.length * 2)}`);
      assert.match((await addCors(four, 6)).result, /\n {8}options:\n {12}summary: CORS preflight\n {12}parameters:\n {16}- name: X-Tenant\n {18}in: header\n {18}required: false\n/);
      const flow = TENANT.replace(/  \/p:\n[^]*$/, "  /p: {parameters: [{name: X-Tenant, in: header, required: true, schema: {type: string}}], get: {responses: {'200': {description: ok}}, x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://e.com'}}}\n");
      const { result, value } = await addCors(flow, 6);
      assert.deepEqual(value.paths['/p'].options.parameters, [{ name: 'X-Tenant', in: 'header', required: false, schema: { type: 'string' } }]);
      assert.match(result, /, options: \{summary: CORS preflight, parameters: \[\{name: X-Tenant, in: header, required: false, schema: \{type: string\}\}\], /);
    });

    it('relaxes a required header of a JSON 2.0 path item through a reference, and leaves path and query parameters as they are', async () => {
      const text = JSON.stringify({
        swagger: '2.0',
        info: { title: 't', version: '1' },
        'x-amazon-apigateway-request-validator': 'all',
        'x-amazon-apigateway-request-validators': { all: { validateRequestBody: true, validateRequestParameters: true } },
        paths: {
          '/p/{id}': {
            parameters: [{ $ref: '#/parameters/Tenant' }, { name: 'id', in: 'path', required: true, type: 'string' }, { name: 'q', in: 'query', required: true, type: 'string' }, { name: 'X-Trace', in: 'header', type: 'string' }],
            post: { responses: { '200': { description: 'ok' } }, parameters: [{ name: 'x-client', in: 'header', type: 'string' }, { name: 'x-tenant', in: 'header', type: 'string' }], 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'POST', uri: 'https://e.com/{id}', requestParameters: { 'integration.request.path.id': 'method.request.path.id' } } },
          },
        },
        parameters: { Tenant: { name: 'X-Tenant', in: 'header', required: true, type: 'integer' } },
      }, null, 2) + '\n';
      const { result, value } = await addCors(text, text.split('\n').findIndex((line) => line.includes('"/p/{id}"')), 'json');
      const options = value.paths['/p/{id}'].options;
      assert.deepEqual(options.parameters, [{ name: 'X-Tenant', in: 'header', required: false, type: 'integer' }]);
      assert.equal(allowHeaders(options), "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,x-client,x-tenant,X-Trace'");
      assert.match(result, /\n {6}"options": \{\n {8}"summary": "CORS preflight",\n {8}"parameters": \[\n {10}\{\n {12}"name": "X-Tenant",\n {12}"in": "header",\n {12}"required": false,\n {12}"type": "integer"\n {10}\}\n {8}\],\n/);
    });
  });

  describe('under a root-level security', () => {
    const secured = (root: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\n${root}paths:\n  /pets:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://example.com/'}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, name: x-api-key, in: header}\n`;

    it('leaves the OPTIONS method open, since browsers send the preflight without credentials', async () => {
      const { value } = await addCors(secured('security:\n  - key: []\n'), 5);
      assert.deepEqual(value.paths['/pets'].options.security, []);
    });

    it('adds no security of its own when the root asks for none', async () => {
      assert.equal((await addCors(secured(''), 4)).value.paths['/pets'].options.security, undefined);
      assert.equal((await addCors(secured('security:\n  - {}\n  - key: []\n'), 6)).value.paths['/pets'].options.security, undefined);
    });
  });

  describe('on the methods of a non-proxy integration', () => {
    it('declares Access-Control-Allow-Origin on the method response and maps it to * in the integration response', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200': {description: ok}\n      ${HTTP_GET.replace('/{petId}', '').replace(/ {8}requestParameters:\n.*\n/, '')}    post:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: 'https://example.com/'}\n`;
      const { title, result, value } = await addCors(text, 3);
      assert.equal(title, 'Add CORS to /pets (OPTIONS method; Access-Control-Allow-Origin on GET and on gateway responses DEFAULT_4XX, DEFAULT_5XX)');
      const get = value.paths['/pets'].get;
      assert.deepEqual(get.responses['200'].headers, { 'Access-Control-Allow-Origin': { schema: { type: 'string' } } });
      assert.deepEqual(get['x-amazon-apigateway-integration'].responses.default.responseParameters, { 'method.response.header.Access-Control-Allow-Origin': "'*'" });
      assert.match(result, /\n {14}method\.response\.header\.Access-Control-Allow-Origin: "'\*'"\n {4}post:\n/);
      assert.deepEqual(value.paths['/pets'].post, parseYaml(text).paths['/pets'].post, 'the proxy method is left to its backend');
    });

    it('writes the method edits before the OPTIONS method where both go at the end of the path', async () => {
      const text = `swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: AWS\n        httpMethod: POST\n        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations\n        responses:\n          default:\n            statusCode: '200'\n          'Error.*':\n            statusCode: '400'\n            responseParameters:\n              method.response.header.X: "'y'"\n      responses:\n        '400':\n          description: bad\n          headers:\n            X: {type: string}\n        '200':\n          description: ok\n`;
      const { value } = await addCors(text, 3);
      const get = value.paths['/a'].get;
      assert.deepEqual(Object.keys(get.responses['200'].headers), ['Access-Control-Allow-Origin']);
      assert.deepEqual(Object.keys(get.responses['400'].headers), ['X', 'Access-Control-Allow-Origin']);
      assert.deepEqual(get.responses['200'].headers['Access-Control-Allow-Origin'], { type: 'string' });
      assert.deepEqual(get['x-amazon-apigateway-integration'].responses['Error.*'].responseParameters, { 'method.response.header.X': "'y'", 'method.response.header.Access-Control-Allow-Origin': "'*'" });
      assert.deepEqual(Object.keys(value.paths['/a']), ['get', 'options']);
    });

    it('maps a header a shared response already declares, and leaves a shared response without it alone', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Cors'}\n        '404': {$ref: '#/components/responses/Plain'}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates: {application/json: '{"statusCode": 200}'}\n        responses:\n          default: {statusCode: '200'}\n          'Missing.*': {statusCode: '404'}\ncomponents:\n  responses:\n    Cors:\n      description: ok\n      headers:\n        access-control-allow-origin: {schema: {type: string}}\n    Plain: {description: missing}\n`;
      const { value } = await addCors(text, 3);
      const integration = value.paths['/a'].get['x-amazon-apigateway-integration'];
      assert.deepEqual(integration.responses.default.responseParameters, { 'method.response.header.Access-Control-Allow-Origin': "'*'" });
      assert.equal(integration.responses['Missing.*'].responseParameters, undefined);
      assert.deepEqual(value.components, parseYaml(text).components);
    });

    it('leaves integration responses shared through a YAML anchor alone, where a mapping would reach other operations', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates: {application/json: '{"statusCode": 200}'}\n        responses: &shared\n          default:\n            statusCode: '200'\n    post:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates: {application/json: '{"statusCode": 200}'}\n        responses: *shared\n`;
      const { title, value } = await addCors(text, 3);
      assert.equal(title, 'Add CORS to /a (OPTIONS method; Access-Control-Allow-Origin on gateway responses DEFAULT_4XX, DEFAULT_5XX)');
      assert.deepEqual(value.paths['/a'].post, parseYaml(text).paths['/a'].post);
    });

    it('leaves an integration response alone when it already sends the header, or answers with a status the method lacks', async () => {
      const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, headers: {Access-Control-Allow-Origin: {schema: {type: string}}}}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates: {application/json: '{"statusCode": 200}'}\n        responses:\n          default: {statusCode: '200', responseParameters: {method.response.header.Access-Control-Allow-Origin: "'https://example.com'"}}\n          'Error.*': {statusCode: '500'}\n`;
      const { title, value } = await addCors(text, 3);
      assert.equal(title, 'Add CORS to /a (OPTIONS method; Access-Control-Allow-Origin on gateway responses DEFAULT_4XX, DEFAULT_5XX)');
      assert.deepEqual(value.paths['/a'].get, parseYaml(text).paths['/a'].get);
    });
  });

  describe('on the errors API Gateway answers itself', () => {
    const PATH = `paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://example.com/'}\n`;
    const START = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\n`;
    const ORIGIN = 'gatewayresponse.header.Access-Control-Allow-Origin';

    it('makes the default 4XX and 5XX gateway responses send Access-Control-Allow-Origin, after the paths', async () => {
      const { title, result, value } = await addCors(START + PATH, 3);
      assert.equal(title, 'Add CORS to /a (OPTIONS method; Access-Control-Allow-Origin on gateway responses DEFAULT_4XX, DEFAULT_5XX)');
      assert.deepEqual(value['x-amazon-apigateway-gateway-responses'], {
        DEFAULT_4XX: { responseParameters: { [ORIGIN]: "'*'" } },
        DEFAULT_5XX: { responseParameters: { [ORIGIN]: "'*'" } },
      });
      assert.ok(result.indexOf('x-amazon-apigateway-gateway-responses') > result.indexOf('    options:'), result);
    });

    it('adds the header to a default response that sends others, and the response that is missing', async () => {
      const text = `${START}x-amazon-apigateway-gateway-responses:\n  UNAUTHORIZED:\n    statusCode: '401'\n  DEFAULT_5XX:\n    responseParameters:\n      gatewayresponse.header.X-Trace: method.request.header.X-Trace\n${PATH}`;
      const { title, value } = await addCors(text, text.split('\n').indexOf('  /a:'));
      assert.equal(title, 'Add CORS to /a (OPTIONS method; Access-Control-Allow-Origin on gateway responses DEFAULT_4XX, DEFAULT_5XX)');
      const responses = value['x-amazon-apigateway-gateway-responses'];
      assert.deepEqual(responses.DEFAULT_5XX.responseParameters, { 'gatewayresponse.header.X-Trace': 'method.request.header.X-Trace', [ORIGIN]: "'*'" });
      assert.deepEqual(responses.DEFAULT_4XX, { responseParameters: { [ORIGIN]: "'*'" } });
      assert.deepEqual(responses.UNAUTHORIZED, { statusCode: '401' });
    });

    it('leaves a default response that already sends the header, in any letter case, as it is', async () => {
      const text = `${START}x-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters: {gatewayresponse.header.access-control-allow-origin: "'https://example.com'"}\n  DEFAULT_5XX:\n    responseParameters: {gatewayresponse.header.Access-Control-Allow-Origin: "'https://example.com'"}\n${PATH}`;
      const { title, value } = await addCors(text, text.split('\n').indexOf('  /a:'));
      assert.equal(title, 'Add CORS to /a (OPTIONS method)');
      assert.deepEqual(value['x-amazon-apigateway-gateway-responses'], parseYaml(text)['x-amazon-apigateway-gateway-responses']);
    });

    it('sets them once for the whole API: Add CORS on a second path leaves them alone', async () => {
      const first = await addCors(`${START}${PATH}  /b:\n    get:\n      responses:\n        '200': {description: ok}\n      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: 'https://example.com/b'}\n`, 3);
      const lines = first.result.split('\n');
      const second = await addCors(first.result, lines.indexOf('  /b:'));
      assert.equal(second.title, 'Add CORS to /b (OPTIONS method)');
      assert.deepEqual(second.value['x-amazon-apigateway-gateway-responses'], first.value['x-amazon-apigateway-gateway-responses']);
    });

    it('writes them in a JSON definition', async () => {
      const text = '{\n  "swagger": "2.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/a": {\n      "get": {\n        "responses": {"200": {"description": "ok"}},\n        "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET", "uri": "https://example.com/"}\n      }\n    }\n  }\n}\n';
      const { value } = await addCors(text, 4, 'json');
      assert.deepEqual(value['x-amazon-apigateway-gateway-responses'].DEFAULT_4XX, { responseParameters: { [ORIGIN]: "'*'" } });
    });
  });
});
