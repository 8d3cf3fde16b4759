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

/** Runs for the evaluator's whole time budget, holding the server's thread all along. */
const RUNAWAY = '#foreach($i in [1..1000000])#foreach($j in [1..1000000])#end#end';

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
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open(template, 'vtl', RUNAWAY);
    client.open(api, 'yaml', MOCK_API);
    await client.waitForDiagnostics(template);
    await client.waitForDiagnostics(api);
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  // The first evaluation holds the server while the others and their cancellations arrive behind it, as a burst of edits
  // in the evaluator's sample does.
  const evaluate = { uri: template, offset: 0, sample: {} };

  it('leave superseded evaluations unrun, and run the latest', async () => {
    const running = client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', evaluate);
    const superseded = [1, 2, 3, 4].map(() => codeOf(sendCancelled(client, 'apigateway/evaluateTemplate', evaluate)));
    const latest = client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', evaluate);
    assert.deepEqual(await Promise.all(superseded), [LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled, LSPErrorCodes.RequestCancelled]);
    for (const answer of [await running, await latest]) {
      assert.ok('errors' in answer && answer.errors.some((e) => e.code === 'timeout'), 'ran until its time budget ended');
    }
  });

  it('leave unrun a request cancelled while another one held the server', async () => {
    const running = client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', evaluate);
    // Sent at once, read with the running one; its cancellation comes while the server is held.
    const source = new CancellationTokenSource();
    const held = codeOf(client.connection.sendRequest('apigateway/evaluateTemplate', evaluate, source.token));
    setTimeout(() => source.cancel(), 200);
    assert.equal(await held, LSPErrorCodes.RequestCancelled);
    await running;
  });

  it('never send a cancelled local invocation, and send the next one', async () => {
    const invoke = { uri: api, method: 'GET', path: '/ping', workspaceFolder: folder };
    const running = client.request<EvaluateTemplateResult>('apigateway/evaluateTemplate', evaluate);
    const cancelled = codeOf(sendCancelled(client, 'apigateway/invokeLocal', invoke));
    const next = client.request<InvokeLocalResult>('apigateway/invokeLocal', invoke);
    assert.equal(await cancelled, LSPErrorCodes.RequestCancelled);
    const answer = await next;
    assert.ok('response' in answer && answer.response.status === 200, JSON.stringify(answer));
    await running;
  });
});
