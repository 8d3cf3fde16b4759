import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultStage } from '../../../server/src/gateway/localConfig';
import { localInvokeParams } from '../../../client/src/panels/invokeRequest';
import { createInvokeHandlers, type InvokeHandlers, type InvokeLocalResult } from '../../../server/src/invokeRequests';
import { parseApiDocument } from '../../../server/src/model/apiDocument';

const REPO = path.resolve(__dirname, '..', '..', '..');
const PETSTORE = path.join(REPO, 'examples', 'petstore.yaml');
const EXAMPLES_CONFIG = JSON.parse(readFileSync(path.join(REPO, 'examples', '.apigateway', 'local.json'), 'utf8')) as { defaultStage: string };

const MOCK_STAGE_API = (dialect: 'rest' | 'http') => [
  'openapi: 3.0.1', 'info: {title: t, version: "1"}', 'paths:', '  /v:', '    get:', '      responses: {"200": {description: ok}}',
  ...(dialect === 'http'
    ? // HTTP APIs have no mock integrations: a proxy to a closed port, whose failure still names the stage.
      ['      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, payloadFormatVersion: "1.0", uri: "http://127.0.0.1:9/v"}', 'x-amazon-apigateway-cors: {allowOrigins: ["*"]}']
    : [
        '      x-amazon-apigateway-integration:', '        type: mock', "        requestTemplates: {application/json: '{\"statusCode\": 200}'}",
        '        responses:', '          default:', "            statusCode: '200'", "            responseTemplates: {application/json: '$context.stage'}",
      ]),
].join('\n');

function handlersFor(documents: TextDocument[]): InvokeHandlers {
  const byUri = new Map(documents.map((d) => [d.uri, d]));
  return createInvokeHandlers({ getDocument: (uri) => byUri.get(uri), parse: parseApiDocument });
}

function response(result: InvokeLocalResult) {
  if ('error' in result) assert.fail(`expected a response, got the error: ${result.error}`);
  return result.response;
}

describe('invoke panel: server requests', () => {
  const petstore = TextDocument.create(pathToFileURL(PETSTORE).href, 'yaml', 1, readFileSync(PETSTORE, 'utf8'));
  let handlers: InvokeHandlers;
  beforeEach(() => (handlers = handlersFor([petstore])));
  afterEach(() => handlers.dispose());

  it('runs the MOCK GET /health of the petstore and returns its mapped response and log', async () => {
    const result = await handlers.invokeLocal({ uri: petstore.uri, operation: { path: '/health', method: 'GET' }, method: 'GET', path: '/health' });
    const r = response(result);
    assert.equal(r.status, 200);
    const body = JSON.parse(r.body) as Record<string, string>;
    assert.equal(body.status, 'ok');
    assert.equal(body.stage, EXAMPLES_CONFIG.defaultStage);
    assert.equal((result as { stage: string }).stage, EXAMPLES_CONFIG.defaultStage);
    assert.match(body.requestId, /^[0-9a-f-]{36}$/);
    assert.ok(r.log.some((e) => /Method completed with status: 200/.test(e.message)));
    assert.deepEqual(r.steps.map((s) => s.name), ['method request', 'authorization', 'validation', 'integration', 'method response']);
  });

  it('finds the nearest .apigateway/local.json from the document up to its workspace folder', async () => {
    const r = response(await handlers.invokeLocal({ uri: petstore.uri, method: 'GET', path: '/pets/1', workspaceFolder: REPO }));
    assert.equal(r.status, 200, r.body);
    assert.equal(JSON.parse(r.body).name, 'Rex');

    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-'));
    try {
      const workspace = path.join(dir, 'workspace');
      mkdirSync(path.join(workspace, 'apis', 'v1'), { recursive: true });
      mkdirSync(path.join(dir, '.apigateway'));
      writeFileSync(path.join(dir, '.apigateway', 'local.json'), JSON.stringify({ defaultStage: 'outside' }));
      const document = TextDocument.create(pathToFileURL(path.join(workspace, 'apis', 'v1', 'api.yaml')).href, 'yaml', 1, MOCK_STAGE_API('rest'));
      const h = handlersFor([document]);
      try {
        const stageOf = async (workspaceFolder?: string) => response(await h.invokeLocal({ uri: document.uri, method: 'GET', path: '/v', workspaceFolder })).body;
        assert.equal(await stageOf(workspace), 'local', 'a configuration above the workspace folder is not the workspace\'s');
        assert.equal(await stageOf(), 'outside', 'without a workspace folder the search goes on to the filesystem root');
        mkdirSync(path.join(workspace, '.apigateway'));
        writeFileSync(path.join(workspace, '.apigateway', 'local.json'), JSON.stringify({ defaultStage: 'root' }));
        assert.equal(await stageOf(workspace), 'root');
        mkdirSync(path.join(workspace, 'apis', '.apigateway'));
        writeFileSync(path.join(workspace, 'apis', '.apigateway', 'local.json'), JSON.stringify({ defaultStage: 'nearest' }));
        assert.equal(await stageOf(workspace), 'nearest');
      } finally {
        h.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses the same default stage as the gateway: $default for an HTTP API, local for a REST API', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-'));
    try {
      const rest = TextDocument.create(pathToFileURL(path.join(dir, 'rest.yaml')).href, 'yaml', 1, MOCK_STAGE_API('rest'));
      const http = TextDocument.create(pathToFileURL(path.join(dir, 'http.yaml')).href, 'yaml', 1, MOCK_STAGE_API('http'));
      const h = handlersFor([rest, http]);
      try {
        const restResult = await h.invokeLocal({ uri: rest.uri, method: 'GET', path: '/v', workspaceFolder: dir });
        assert.equal((restResult as { stage: string }).stage, defaultStage({}, 'rest'));
        assert.equal(response(restResult).body, 'local');
        const httpResult = await h.invokeLocal({ uri: http.uri, method: 'GET', path: '/v', workspaceFolder: dir });
        assert.equal((httpResult as { stage: string }).stage, defaultStage({}, 'http'));
        assert.equal(defaultStage({}, 'http'), '$default');
        assert.equal(defaultStage({ defaultStage: 'dev' }, 'http'), 'dev');
      } finally {
        h.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs and lists a trace operation like any other method', async () => {
    const text = MOCK_STAGE_API('rest').replace('    get:', '    trace:\n      operationId: traceV');
    const document = TextDocument.create('file:///tmp/trace.yaml', 'yaml', 1, text);
    const h = handlersFor([document]);
    try {
      assert.equal((await h.operationSample({ uri: document.uri, path: '/v', method: 'TRACE' })).operation?.operationId, 'traceV');
      assert.equal(response(await h.invokeLocal({ uri: document.uri, method: 'TRACE', path: '/v' })).status, 200);
    } finally {
      h.dispose();
    }
  });

  it('keeps each value of a header the panel sends twice, as the Lambda event shows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-'));
    try {
      mkdirSync(path.join(dir, '.apigateway'));
      writeFileSync(path.join(dir, 'echo.js'), 'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify([event.headers["X-A"], event.multiValueHeaders["X-A"]]) });\n');
      writeFileSync(path.join(dir, '.apigateway', 'local.json'), JSON.stringify({ functions: { GetPet: { handler: 'echo.js' } } }));
      const document = TextDocument.create(pathToFileURL(path.join(dir, 'api.yaml')).href, 'yaml', 1, petstore.getText());
      const h = handlersFor([document]);
      try {
        const r = response(await h.invokeLocal({ uri: document.uri, method: 'GET', path: '/pets/7', workspaceFolder: dir, headers: { 'X-A': 'one,two' }, multiValueHeaders: { 'X-A': ['one', 'two'] } }));
        assert.equal(r.status, 200, r.body);
        assert.deepEqual(JSON.parse(r.body), ['two', ['one', 'two']]);
        // What the panel sends: the lists alone.
        const params = localInvokeParams({ target: 'local', method: 'GET', pathTemplate: '/pets/{petId}', pathParams: { petId: '7' }, query: {}, headers: { 'X-A': ['one', 'two'] }, body: '', stageVariables: {} }, document.uri, dir);
        const fromPanel = response(await h.invokeLocal(params));
        assert.equal(fromPanel.status, 200, fromPanel.body);
        assert.deepEqual(JSON.parse(fromPanel.body), ['two', ['one', 'two']]);
      } finally {
        h.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the MOCK DELETE /pets/{petId} and answers its mapped 204 with an empty body', async () => {
    const r = response(await handlers.invokeLocal({ uri: petstore.uri, operation: { path: '/pets/{petId}', method: 'DELETE' }, method: 'DELETE', path: '/pets/42' }));
    assert.equal(r.status, 204);
    assert.equal(r.body, '');
    assert.ok(r.log.some((e) => e.message.includes('petId=42')));
  });

  it('runs on the stage the caller names, with stage-variable overrides', async () => {
    const result = await handlers.invokeLocal({ uri: petstore.uri, method: 'GET', path: '/health', stage: 'beta', stageVariables: { color: 'blue' } });
    assert.ok(!('error' in result));
    assert.equal(result.stage, 'beta');
    assert.equal(JSON.parse(result.response.body).stage, 'beta');
  });

  it('merges the stage-variable overrides over the local configuration', async () => {
    const text = [
      'openapi: 3.0.1', 'info: {title: t, version: "1"}', 'paths:', '  /v:', '    get:', '      responses: {"200": {description: ok}}',
      '      x-amazon-apigateway-integration:', '        type: mock', "        requestTemplates: {application/json: '{\"statusCode\": 200}'}",
      '        responses:', '          default:', "            statusCode: '200'",
      "            responseTemplates: {application/json: '$stageVariables.color $stageVariables.size'}",
    ].join('\n');
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-'));
    try {
      mkdirSync(path.join(dir, '.apigateway'));
      writeFileSync(path.join(dir, '.apigateway', 'local.json'), JSON.stringify({ stages: { beta: { variables: { color: 'red', size: 'L' } } } }));
      const document = TextDocument.create(pathToFileURL(path.join(dir, 'api.yaml')).href, 'yaml', 1, text);
      const h = handlersFor([document]);
      try {
        assert.equal(response(await h.invokeLocal({ uri: document.uri, method: 'GET', path: '/v', stage: 'beta' })).body, 'red L');
        assert.equal(response(await h.invokeLocal({ uri: document.uri, method: 'GET', path: '/v', stage: 'beta', stageVariables: { color: 'blue' } })).body, 'blue L');
      } finally {
        h.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the document is not open', async () => {
    const result = await handlers.invokeLocal({ uri: 'file:///nowhere/api.yaml', method: 'GET', path: '/health' });
    assert.deepEqual(Object.keys(result), ['error']);
    assert.match((result as { error: string }).error, /not open/);
  });

  it('says so when the operation is no longer in the document', async () => {
    const result = await handlers.invokeLocal({ uri: petstore.uri, operation: { path: '/gone', method: 'GET' }, method: 'GET', path: '/gone' });
    assert.match((result as { error: string }).error, /GET \/gone is no longer in the document/);
  });

  it('refuses a document with syntax errors with a clear message', async () => {
    const broken = TextDocument.create('file:///tmp/broken.yaml', 'yaml', 1, 'openapi: 3.0.1\npaths:\n  /x: [\n');
    const h = handlersFor([broken]);
    try {
      const result = await h.invokeLocal({ uri: broken.uri, method: 'GET', path: '/x' });
      assert.match((result as { error: string }).error, /cannot be run/);
    } finally {
      h.dispose();
    }
  });

  it('names the syntax error, with its line and column, where it hides the openapi key of a JSON definition', async () => {
    const text = '{\n  // my API\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {}\n}\n';
    const commented = TextDocument.create('file:///tmp/commented.json', 'json', 1, text);
    const h = handlersFor([commented]);
    try {
      const result = await h.invokeLocal({ uri: commented.uri, method: 'GET', path: '/x' });
      const error = (result as { error: string }).error;
      assert.doesNotMatch(error, /no openapi or swagger key/);
      assert.match(error, /comment/i);
      assert.match(error, /\(line 2, column 3\)/);
    } finally {
      h.dispose();
    }
  });

  it('reports an invalid .apigateway/local.json instead of running', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-'));
    try {
      mkdirSync(path.join(dir, '.apigateway'));
      writeFileSync(path.join(dir, '.apigateway', 'local.json'), '{"functions": {"F": {}}}');
      const file = path.join(dir, 'api.yaml');
      writeFileSync(file, petstore.getText());
      const document = TextDocument.create(pathToFileURL(file).href, 'yaml', 1, petstore.getText());
      const h = handlersFor([document]);
      try {
        const result = await h.invokeLocal({ uri: document.uri, method: 'GET', path: '/health' });
        assert.match((result as { error: string }).error, /local configuration.*functions\.F\.handler/);
      } finally {
        h.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a crashing Lambda handler as API Gateway would: a 502 with the error in the log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-'));
    try {
      mkdirSync(path.join(dir, '.apigateway'));
      writeFileSync(path.join(dir, 'crash.js'), "exports.handler = async () => { throw new Error('boom'); };\n");
      writeFileSync(path.join(dir, '.apigateway', 'local.json'), JSON.stringify({ functions: { GetPet: { handler: 'crash.js' } } }));
      const file = path.join(dir, 'api.yaml');
      const document = TextDocument.create(pathToFileURL(file).href, 'yaml', 1, petstore.getText());
      const h = handlersFor([document]);
      try {
        const r = response(await h.invokeLocal({ uri: document.uri, method: 'GET', path: '/pets/7', workspaceFolder: dir }));
        assert.equal(r.status, 502);
        assert.ok(r.log.some((e) => /boom/.test(e.message)), r.log.map((e) => e.message).join('\n'));
      } finally {
        h.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the operations with their auth and gives a sample request for one', async () => {
    const result = (await handlers.operationSample({ uri: petstore.uri, path: '/pets', method: 'POST' }));
    assert.equal(result.error, undefined);
    assert.equal(result.dialect, 'rest');
    assert.deepEqual(result.operations.map((o) => `${o.method} ${o.path}`), ['GET /pets', 'POST /pets', 'GET /pets/{petId}', 'DELETE /pets/{petId}', 'GET /health']);
    assert.equal(result.operation?.operationId, 'createPet');
    assert.equal(result.operation?.iam, false);
    assert.equal(result.sample?.contentType, 'application/json');
    const body = JSON.parse(result.sample!.body) as Record<string, unknown>;
    assert.equal(body.type, 'dog');
  });

  it('gives path parameters in the sample and says when the operation does not exist', async () => {
    assert.deepEqual((await handlers.operationSample({ uri: petstore.uri, path: '/pets/{petId}', method: 'get' })).sample?.params.path, { petId: '123' });
    assert.match((await handlers.operationSample({ uri: petstore.uri, path: '/nope', method: 'GET' })).error ?? '', /not an operation/);
  });

  it('marks AWS_IAM and API-key operations', async () => {
    const text = [
      'openapi: 3.0.1', 'info: {title: t, version: "1"}',
      'components:', '  securitySchemes:',
      '    sigv4: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4}',
      '    api_key: {type: apiKey, name: x-api-key, in: header}',
      'paths:', '  /a:', '    get:', '      security: [{sigv4: []}]', '      responses: {}',
      '  /b:', '    get:', '      security: [{api_key: []}]', '      responses: {}',
    ].join('\n');
    const document = TextDocument.create('file:///tmp/auth.yaml', 'yaml', 1, text);
    const h = handlersFor([document]);
    const ops = (await h.operationSample({ uri: document.uri })).operations;
    assert.deepEqual(ops.map((o) => [o.path, o.iam, o.apiKey]), [['/a', true, false], ['/b', false, true]]);
    h.dispose();
  });
});
