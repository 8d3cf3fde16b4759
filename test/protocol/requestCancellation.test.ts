import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import type { EvaluateTemplateResult } from '../../server/src/customRequests';
import type { InvokeLocalResult } from '../../server/src/invokeRequests';
import { TestLspClient } from './lspClient';
import { MOCK_API } from './mockApi';

/** Runs for the evaluator's whole time budget, unless it is stopped. */
const RUNAWAY = '#foreach($i in [1..1000000])#foreach($j in [1..1000000])#end#end';

/**
 * GET /slow keeps `$input` in `$context`, then runs a response template for its whole time budget. The local gateway
 * renders templates in a thread of their own, but not one whose `$context` holds what only the server's thread can
 * hold: once its request template is rendered, this invocation holds the server's thread for the budget, and what
 * arrives meanwhile, cancellations included, is read only after it.
 */
const SLOW_API = MOCK_API.replace('/ping', '/slow')
  .replace(`'{"statusCode": 200}'`, `'#set($context.kept = $input){"statusCode": 200}'`)
  .replace(`{statusCode: '200'}`, `{statusCode: '200', responseTemplates: {application/json: '${RUNAWAY}'}}`);

/** Sends a request and cancels it at once, as the evaluator does with the one an edit superseded. */
function sendCancelled<T>(client: TestLspClient, method: string, params: unknown): Promise<T> {
  const source = new CancellationTokenSource();
  const answer = client.connection.sendRequest<T>(method, params, source.token);
  source.cancel();
  return answer;
}

async function codeOf(answer: Promise<unknown>): Promise<number | 'answered'> {
  try {
    await answer;
    return 'answered';
  } catch (error) {
    assert.ok(error instanceof ResponseError, String(error));
    return error.code;
  }
}

describe('requests cancelled before they run', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'apigw-cancel-'));
  const template = pathToFileURL(path.join(folder, 'runaway-request.vtl')).href;
  const api = pathToFileURL(path.join(folder, 'api.yaml')).href;
  const slowApi = pathToFileURL(path.join(folder, 'slow.yaml')).href;
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open(template, 'vtl', RUNAWAY);
    client.open(api, 'yaml', MOCK_API);
    client.open(slowApi, 'yaml', SLOW_API);
    await client.waitForDiagnostics(template);
    await client.waitForDiagnostics(api);
    await client.waitForDiagnostics(slowApi);
    // Starts the thread the gateway renders in: the request template of GET /slow is then done at once, and the
    // invocation holds the server from its start.
    await client.request('apigateway/invokeLocal', { uri: api, method: 'GET', path: '/ping', workspaceFolder: folder });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  // Requests and their cancellations arrive around a request that holds the server, as a burst of edits in the
  // evaluator's sample does while the server is busy.
  const evaluate = { uri: template, offset: 0, sample: {} };
  const hold = () => client.request<InvokeLocalResult>('apigateway/invokeLocal', { uri: slowApi, method: 'GET', path: '/slow', workspaceFolder: folder });

  it('leave superseded evaluations unrun, and run the latest', async () => {
    const held = hold();
    const superseded = [1, 2, 3, 4].map(() => codeOf(sendCancelled(client, 'apigateway/evaluateTemplate', evaluate)));
    const latest = client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', evaluate);
    assert.deepEqual(await Promise.all(superseded), [LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled]);
    const answer = await latest;
    assert.ok('errors' in answer && answer.errors.some((e) => e.code === 'timeout'), 'ran until its time budget ended');
    await held;
  });

  it('leave unrun a request cancelled while another one held the server', async () => {
    // Two runaway evaluations ahead keep the evaluation thread busy until the server, held meanwhile, is free again:
    // the one behind them still waits when its cancellation, which came while the server was held, is read.
    const ahead = [new CancellationTokenSource(), new CancellationTokenSource()];
    const evaluating = (source: CancellationTokenSource) =>
      codeOf(client.connection.sendRequest('apigateway/evaluateTemplate', evaluate, source.token));
    const running = ahead.map(evaluating);
    const held = hold();
    const source = new CancellationTokenSource();
    const waiting = evaluating(source);
    setTimeout(() => source.cancel(), 200);
    assert.equal(await waiting, LSPErrorCodes.RequestCancelled);
    for (const stopping of ahead) stopping.cancel();
    await Promise.all([...running, held]);
  });

  it('run evaluations apart: the server answers meanwhile, and a runaway cancelled as it runs is dropped', async () => {
    const source = new CancellationTokenSource();
    let ended = false;
    const runaway = codeOf(client.connection.sendRequest('apigateway/evaluateTemplate', evaluate, source.token)).finally(() => (ended = true));
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: api } });
    assert.ok(symbols.length > 0);
    assert.equal(ended, false, 'the outline waited for the runaway template');
    // Cancelled well into its run: it is stopped, not run to the end of its budget.
    await new Promise((resolve) => setTimeout(resolve, 400));
    source.cancel();
    assert.equal(await runaway, LSPErrorCodes.RequestCancelled);
    // The next run gets a thread of its own.
    const quickUri = template.replace('runaway', 'quick');
    client.open(quickUri, 'vtl', '{"quick": $input.json(\'$.n\')}');
    const quick = await client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', { uri: quickUri, offset: 0, sample: { body: '{"n": 1}' } });
    assert.ok('output' in quick, JSON.stringify(quick));
    assert.equal(quick.output, '{"quick": 1}');
  });

  it('never send a cancelled local invocation, and send the next one', async () => {
    const invoke = { uri: api, method: 'GET', path: '/ping', workspaceFolder: folder };
    const running = hold();
    const cancelled = codeOf(sendCancelled(client, 'apigateway/invokeLocal', invoke));
    const next = client.request<InvokeLocalResult>('apigateway/invokeLocal', invoke);
    assert.equal(await cancelled, LSPErrorCodes.RequestCancelled);
    const answer = await next;
    assert.ok('response' in answer && answer.response.status === 200, JSON.stringify(answer));
    await running;
  });
});
