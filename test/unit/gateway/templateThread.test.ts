import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { createLocalGateway, type GatewayRequest, type GatewayResponse } from '../../../server/src/gateway/gateway';
import type { LocalConfig } from '../../../server/src/gateway/localConfig';
import type { GatewayJobResult } from '../../../server/src/gateway/templateJobs';
import {
  gatewayTemplateThread,
  renderingApart,
  type GatewayTemplateThread,
} from '../../../server/src/gateway/templateThread';
import { TemplateRunCancelled, type TemplateRenderer } from '../../../server/src/gateway/templateRenderer';
import { documentFromText } from '../../../server/src/gateway/workspaceFiles';
import { closeHost, EXAMPLES, FIXTURES, fn, host, lambdaUri, useBackend } from './gatewayFixture';

const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * The evaluation thread's program from the sources (the server runs it bundled): the real engine, in a thread of its
 * own, as the language server's gateways use it.
 */
function sourceWorker(folder: string): string {
  const file = path.join(folder, 'templateEvaluations.js');
  const program = path.join(ROOT, 'server', 'src', 'services', 'templates', 'evaluationWorker.ts');
  const lines = [`require(${JSON.stringify(require.resolve('tsx/cjs'))});`, `require(${JSON.stringify(program)});`];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Mock integrations whose templates carry values of every kind from the request template to the response one. */
const MOCKS = `openapi: 3.0.1
info: { title: mocks, version: '1' }
paths:
  /carry:
    post:
      responses: { '200': { description: ok }, '404': { description: nf } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            #set($b = $input.path('$'))
            #set($s = "a,b")
            #set($context.list = [1, 2.0, "a"])
            #set($context.nested = {"arr": $s.split(","), "list": [1, 2.0], "n": $b.n})
            #set($context.requestOverride.header.X-Sent = "yes")
            {"statusCode": #if($b.found) 200 #else 404 #end}
        responses:
          '4\\d{2}':
            statusCode: '404'
            responseTemplates: { application/json: '{"error": "not found", "list": "$context.list"}' }
          default:
            statusCode: '200'
            responseParameters:
              method.response.header.X-Static: "'fixed'"
            responseTemplates:
              application/json: |
                #set($context.responseOverride.header.X-Override = "yes")
                #set($context.responseOverride.status = 202)
                #set($nested = $context.nested)
                {"list": "$context.list", "arr": "$nested.arr.class", "inner": "$nested.list", "n": $nested.n}
  /kept:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            #set($context.kept = $input)
            {"statusCode": 200}
        responses:
          default:
            statusCode: '200'
            responseTemplates: { application/json: '{"kept": $context.kept.json("$")}' }
  /failing:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            #set($context.responseOverride.status = 201)
            #set($context.requestOverride.path.p = "1")
            #set($context.requestOverride.path.p = "2")
            $input.json('$.missing').foo()
            {"statusCode": 200}
        responses:
          default: { statusCode: '200' }
  /deep:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            #set($context.deep = $input.path('$'))
            {"statusCode": 200}
        responses:
          default:
            statusCode: '200'
            responseTemplates: { application/json: '{"top": "$context.deep.a.a.keySet()"}' }
  /loops:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: '200'
            responseTemplates:
              application/json: '#foreach($i in [1..1001])$i #end'
`;

/** HTTP and Lambda custom integrations: templates both ways around a real backend. */
function backendApi(url: string): string {
  return `openapi: 3.0.1
info: { title: backends, version: '1' }
paths:
  /things/{id}:
    post:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok }, '404': { description: nf } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: POST
        uri: ${url}/things/{id}
        requestParameters:
          integration.request.path.id: method.request.path.id
        requestTemplates:
          application/json: |
            #set($context.requestOverride.querystring.q = $input.params('id'))
            {"id": "$input.params('id')", "body": $input.json('$')}
        responses:
          '4\\d{2}':
            statusCode: '404'
            responseTemplates: { application/json: '{"missing": "$input.path(''$.got'')"}' }
          default:
            statusCode: '200'
            responseTemplates:
              application/json: |
                #foreach($item in $input.path('$.items'))$item.id #end $input.json('$.got')
  /lambda:
    post:
      responses: { '201': { description: ok }, '400': { description: bad } }
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: ${lambdaUri('CreatePet')}
        requestTemplates:
          application/json: '{"name": $input.json(''$.name''), "type": "dog", "price": 1}'
        responses:
          default:
            statusCode: '201'
            responseTemplates: { application/json: '{"made": $input.json(''$'')}' }
          '.*Invalid pet.*':
            statusCode: '400'
            responseTemplates:
              application/json: |
                #set($error = $util.parseJson($input.path('$.errorMessage')))
                {"message": "$error.message"}
`;
}

/**
 * A response with what differs from one invocation to the next left out: the ids and times the gateway makes up
 * for each request, and how long each step took.
 */
function comparable(response: GatewayResponse): unknown {
  const { latencyMs: _latency, steps: _steps, log, ...rest } = response;
  const text = JSON.stringify({ ...rest, log: log.map((entry) => entry.message) });
  return JSON.parse(
    text
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/root=1-[0-9a-f]{8}-[0-9a-f]{24}/gi, '<trace>')
      .replace(/\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000/g, '<time>')
      .replace(/Date=\w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT/g, 'Date=<date>')
      .replace(/X-Amz-Date=\d{8}T\d{6}Z/g, 'X-Amz-Date=<date>')
      // The first call of a function starts its worker, whichever gateway made it.
      .replace(/Lambda (cold start, )?duration [\d.]+ ms/g, 'Lambda duration <ms>')
      .replace(/(latency|Latency): \d+ ms/g, '$1: <ms>')
      .replace(/"x-amz-apigw-id":"[^"]+"/g, '"x-amz-apigw-id":"<id>"'),
  );
}

describe('gateway templates rendered in a thread of their own', function () {
  this.timeout(60_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'apigw-gateway-thread-'));
  let thread: GatewayTemplateThread;
  let apart: TemplateRenderer;
  /** What the thread answered: the results of the jobs it ran. */
  const answered: GatewayJobResult[] = [];
  const backend = useBackend(({ method, url, body }, res) => {
    res.writeHead(url.includes('missing') ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ got: url, method, sent: body, items: [{ id: 1 }, { id: 2 }] }));
  });
  before(() => {
    thread = gatewayTemplateThread(sourceWorker(folder));
    const evaluate = thread.evaluate.bind(thread);
    thread.evaluate = async (job, token) => {
      const answer = await evaluate(job, token);
      if ('evaluation' in answer) answered.push(answer.evaluation);
      return answer;
    };
    apart = renderingApart(thread);
  });
  afterEach(() => {
    assert.equal(thread.inThisThread, false, 'the thread ran');
    assert.ok(answered.length > 0);
  });
  after(() => {
    closeHost();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Each request, invoked of a gateway rendering in this thread and of one rendering apart: the two answers. */
  async function bothWays(file: string, text: string, config: LocalConfig, requests: GatewayRequest[]) {
    const document = documentFromText(file, text);
    const gateway = (templates?: TemplateRenderer) =>
      createLocalGateway(document, config, { lambdaHost: host, baseDir: FIXTURES, templates });
    const here = gateway();
    const there = gateway(apart);
    const statuses: number[] = [];
    for (const request of requests) {
      const expected = comparable(await here.invoke(request));
      const actual = comparable(await there.invoke(request));
      assert.deepStrictEqual(actual, expected, `${request.method} ${request.path}`);
      statuses.push((await here.invoke(request)).status);
    }
    return statuses;
  }

  const json = { 'Content-Type': 'application/json' };

  it('answers as the gateway rendering in its own thread does, for the example API', async () => {
    const file = path.join(EXAMPLES, 'petstore.yaml');
    await bothWays(file, readFileSync(file, 'utf8'), { functions: { CreatePet: fn('createPet') } }, [
      { method: 'GET', path: '/health', stage: 'dev' },
      { method: 'DELETE', path: '/pets/1' },
      { method: 'POST', path: '/pets', headers: json, body: '{"name": "Rex", "type": "dog", "price": 10}' },
      { method: 'POST', path: '/pets', headers: json, body: '{"name": "crash", "type": "dog", "price": 1}' },
      { method: 'POST', path: '/pets', headers: json, body: '{"name": ' },
    ]);
  });

  it("carries what a request template left in $context to the response template, and templates' failures", async () => {
    const statuses = await bothWays(path.join(FIXTURES, 'mocks.yaml'), MOCKS, {}, [
      { method: 'POST', path: '/carry', headers: json, body: '{"found": true, "n": 1.5}' },
      { method: 'POST', path: '/carry', headers: json, body: '{"found": false}' },
      { method: 'POST', path: '/carry', headers: json, body: '{not json' },
      { method: 'POST', path: '/carry', headers: { 'Content-Type': 'application/xml' }, body: '<a/>' },
      // $input kept in $context cannot leave the thread that made it: the response template renders in this one.
      { method: 'POST', path: '/kept', headers: json, body: '{"a": [1, 2]}' },
      { method: 'POST', path: '/failing', headers: json, body: '{}' },
      { method: 'GET', path: '/loops' },
      // Nested deeper than a structured clone follows: kept in the thread that made it, as $input is.
      { method: 'POST', path: '/deep', headers: json, body: `${'{"a": '.repeat(900)}1${'}'.repeat(900)}` },
    ]);
    assert.ok(answered.some((answer) => 'unpackable' in answer));
    assert.equal(statuses[statuses.length - 1], 200, 'the deeply nested body');
  });

  it('answers as the gateway rendering in its own thread does around HTTP and Lambda backends', async () => {
    const config = { functions: { CreatePet: fn('createPet') } };
    await bothWays(path.join(FIXTURES, 'backends.yaml'), backendApi(backend.url), config, [
      { method: 'POST', path: '/things/7', headers: json, body: '{"x": 1}' },
      { method: 'POST', path: '/things/missing', headers: json, body: '{}' },
      { method: 'POST', path: '/lambda', headers: json, body: '{"name": "Rex"}' },
      { method: 'POST', path: '/lambda', headers: json, body: '{}' },
    ]);
  });

  it('stops an invocation cancelled while its request template renders: its backend is never called', async () => {
    const runaway = '#foreach($i in [1..1000000])#foreach($j in [1..1000000])#end#end{}';
    const written = `{"id": "$input.params('id')", "body": $input.json('$')}`;
    const text = backendApi(backend.url).replace(written, runaway);
    assert.ok(text.includes(runaway));
    const document = documentFromText(path.join(FIXTURES, 'runaway.yaml'), text);
    const gateway = createLocalGateway(document, {}, { lambdaHost: host, templates: apart });
    const sent = backend.requests.length;
    const source = new CancellationTokenSource();
    const invocation = gateway.invoke({ method: 'POST', path: '/things/7', headers: json, body: '{}' }, source.token);
    source.cancel();
    await assert.rejects(invocation, TemplateRunCancelled);
    assert.equal(backend.requests.length, sent);
  });
});
