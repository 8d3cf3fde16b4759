import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTemplateHandlers, type EvaluateTemplateResult, type TemplateAtResult } from '../../server/src/customRequests';
import type { InvokeLocalResult, OperationSampleResult } from '../../server/src/invokeRequests';
import { LargeDocumentHost } from '../../server/src/largeDocumentHost';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { largeDefinition } from '../unit/editing/documents';
import { TestLspClient } from './lspClient';

const WORKER = path.resolve(__dirname, '../../dist/workers/largeDocuments.js');
const MB = 1024 * 1024;

/** A mock integration whose templates the evaluator finds, and which the local gateway runs without any function. */
const PETS = [
  '  /pets/{petId}:',
  '    post:',
  '      operationId: addPet',
  '      parameters:',
  '        - { name: petId, in: path, required: true, schema: { type: string } }',
  '      requestBody: { content: { application/json: { schema: { type: object, properties: { name: { type: string } } }, example: { name: Rex } } } }',
  '      responses:',
  '        "200":',
  '          description: OK',
  '      x-amazon-apigateway-integration:',
  '        type: mock',
  '        requestTemplates:',
  `          application/json: '{"statusCode": 200, "name": $input.json(''$.name'')}'`,
  '        responses:',
  '          default:',
  "            statusCode: '200'",
  '            responseTemplates:',
  `              application/json: '{"pet": "$input.params(''petId'')", "stage": "$context.stage", "missing": $util.nope()}'`,
  '',
].join('\n');

/** A definition of about `megabytes` MB, with the mock integration after all its other paths. */
function definitionOf(megabytes: number): string {
  return largeDefinition({ items: Math.ceil((megabytes * MB) / 420) }).replace('\ncomponents:\n', `\n${PETS}components:\n`);
}

const REQUEST_TEMPLATE = '{"statusCode"';
const RESPONSE_TEMPLATE = '{"pet"';

/** What differs from one run to the next: timings, clock times and request ids. */
function stable(value: unknown): unknown {
  const text = JSON.stringify(value, (key, v: unknown) => (['durationMs', 'latencyMs', 'time', 'ms'].includes(key) ? undefined : v));
  return JSON.parse(text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'));
}

/** Every request the evaluator and the invoke panel make of a document, with the answers, run-specific parts left out. */
async function askAll(client: TestLspClient, uri: string, text: string, workspaceFolder: string): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const needle of [REQUEST_TEMPLATE, RESPONSE_TEMPLATE]) {
    const offset = text.indexOf(needle) + 3;
    const found = await client.request<TemplateAtResult>('apigateway/templateAt', { uri, offset });
    assert.equal(found.found, true, found.message);
    answers.push(found);
    answers.push(await client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', { uri, offset: found.templateOffset, sample: found.defaultSample }));
  }
  // A place that is no template, and a template whose document moved on: the answers that say so.
  answers.push(await client.request<TemplateAtResult>('apigateway/templateAt', { uri, offset: 0 }));
  answers.push(await client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', { uri, offset: 0, sample: {} }));
  const sample = await client.request<OperationSampleResult>('apigateway/operationSample', { uri, path: '/pets/{petId}', method: 'POST' });
  assert.equal(sample.error, undefined);
  answers.push(sample);
  answers.push(await client.request<OperationSampleResult>('apigateway/operationSample', { uri, path: '/nowhere', method: 'GET' }));
  const invoked = await client.request<InvokeLocalResult>('apigateway/invokeLocal', {
    uri,
    operation: { path: '/pets/{petId}', method: 'POST' },
    method: 'POST',
    path: '/pets/7',
    headers: { 'Content-Type': 'application/json' },
    body: '{"name": "Rex"}',
    workspaceFolder,
  });
  assert.ok('response' in invoked && invoked.response.status === 200, JSON.stringify(invoked));
  answers.push(invoked);
  return answers.map(stable);
}

describe("the evaluator's and the invoke panel's requests on documents over the size limit", () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'apigw-large-requests-'));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('are answered by the thread as in this thread', async () => {
    const host = new LargeDocumentHost(() => undefined, WORKER);
    try {
      const text = definitionOf(1.5);
      const document = TextDocument.create(pathToFileURL(path.join(folder, 'host.yaml')).href, 'yaml', 1, text);
      const here = createTemplateHandlers({ getDocument: () => document, parse: parseApiDocument });
      const params = { uri: document.uri, offset: text.indexOf(RESPONSE_TEMPLATE) };
      const found = await host.request(document, 'templateAt', params, () => assert.fail('answered in this thread'));
      assert.deepEqual(found, await here.templateAt(params));
      const evaluation = { ...params, sample: found.defaultSample! };
      assert.deepEqual(stable(await host.request(document, 'evaluateTemplate', evaluation, () => assert.fail('answered in this thread'))), stable(await here.evaluateTemplate(evaluation)));
    } finally {
      await host.dispose();
    }
  });

  it("stop an evaluation the editor cancelled, in the thread's own evaluation thread", async () => {
    const host = new LargeDocumentHost(() => undefined, WORKER);
    try {
      // Runs for its whole time budget unless it is stopped: without the cancellation relayed, it answers its timeout.
      const runaway = "'#foreach($i in [1..1000000])#foreach($j in [1..1000000])#end#end'";
      const text = definitionOf(1.5).replace(/application\/json: '\{"statusCode".*'/, `application/json: ${runaway}`);
      const document = TextDocument.create(pathToFileURL(path.join(folder, 'runaway.yaml')).href, 'yaml', 1, text);
      const params = { uri: document.uri, offset: text.indexOf(runaway) };
      const found = await host.request(document, 'templateAt', params, () => assert.fail('answered in this thread'));
      assert.equal(found.found, true, found.message);
      const source = new CancellationTokenSource();
      const evaluation = host.request(document, 'evaluateTemplate', { ...params, sample: found.defaultSample! }, () => assert.fail('answered in this thread'), undefined, source.token);
      // Well into its run, past the time a run is left to finish in.
      setTimeout(() => source.cancel(), 600);
      assert.deepEqual(await evaluation, { error: 'The evaluation was cancelled.' });
      // The next run gets an evaluation thread of its own.
      const quick = host.request(document, 'evaluateTemplate', { uri: document.uri, offset: text.indexOf(RESPONSE_TEMPLATE), sample: found.defaultSample! }, () => assert.fail('answered in this thread'));
      assert.ok('output' in (await quick), JSON.stringify(await quick));
    } finally {
      await host.dispose();
    }
  });

  describe('the server', () => {
    let apart: TestLspClient;
    let here: TestLspClient;
    before(async () => {
      apart = await TestLspClient.start({ validation: { maxFileSizeMB: 1 } });
      here = await TestLspClient.start({ validation: { maxFileSizeMB: 10 } });
    });
    after(async () => {
      await Promise.all([apart.stop(), here.stop()]);
    });

    it('answers them for a document over the limit as for the same text under it', async function () {
      this.timeout(60_000);
      const uri = pathToFileURL(path.join(folder, 'api.yaml')).href;
      const text = definitionOf(1.5);
      apart.open(uri, 'yaml', text);
      here.open(uri, 'yaml', text);
      const [overLimit, underLimit] = await Promise.all([askAll(apart, uri, text, folder), askAll(here, uri, text, folder)]);
      assert.deepEqual(overLimit, underLimit);
    });

    it('answers them for another document while a large one is parsed for them', async function () {
      this.timeout(60_000);
      const large = pathToFileURL(path.join(folder, 'large.yaml')).href;
      const text = definitionOf(16);
      const small = pathToFileURL(path.join(folder, 'small.yaml')).href;
      const smallText = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${PETS}`;
      apart.open(small, 'yaml', smallText);
      await apart.waitForDiagnostics(small);
      apart.open(large, 'yaml', text);

      const asked = Date.now();
      const largeAnswers = Promise.all([
        apart.request<TemplateAtResult>('apigateway/templateAt', { uri: large, offset: text.indexOf(REQUEST_TEMPLATE) }),
        apart.request<InvokeLocalResult>('apigateway/invokeLocal', { uri: large, method: 'POST', path: '/pets/7', body: '{}', headers: { 'Content-Type': 'application/json' }, workspaceFolder: folder }),
      ]).then((answers) => ({ answers, at: Date.now() }));
      const found = await apart.request<TemplateAtResult>('apigateway/templateAt', { uri: small, offset: smallText.indexOf(REQUEST_TEMPLATE) });
      const sample = await apart.request<OperationSampleResult>('apigateway/operationSample', { uri: small, path: '/pets/{petId}', method: 'POST' });
      const answered = Date.now();
      const { answers, at } = await largeAnswers;
      assert.equal(found.found, true, found.message);
      assert.equal(sample.operations.length, 1);
      assert.ok(answered - asked < (at - asked) / 2, `the small document's requests took ${answered - asked} ms; the large one's were answered ${at - asked} ms after they were asked`);
      assert.equal(answers[0].found, true, answers[0].message);
      assert.ok('response' in answers[1] && answers[1].response.status === 200, JSON.stringify(answers[1]));
    });
  });
});
