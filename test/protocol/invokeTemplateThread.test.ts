import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { LSPErrorCodes, type Hover } from 'vscode-languageserver-protocol';
import type { InvokeLocalResult } from '../../server/src/invokeRequests';
import { TestLspClient } from './lspClient';
import { MOCK_API } from './mockApi';

/** Runs for the engine's whole time budget, unless it is stopped. */
const RUNAWAY = '#foreach($i in [1..1000000])#foreach($j in [1..1000000])#end#end';

/** GET /runaway renders a request template that runs for its whole time budget. */
const RUNAWAY_API = MOCK_API.replace('/ping', '/runaway')
  .replace(`'{"statusCode": 200}'`, `'${RUNAWAY}{"statusCode": 200}'`);

/** How many requests on other documents are answered, one after the other, while the invocation runs. */
const ANSWERED_MEANWHILE = 3;

describe("the local gateway's templates, rendered apart from the server", () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-thread-'));
  const runawayApi = pathToFileURL(path.join(folder, 'runaway.yaml')).href;
  const neighbour = pathToFileURL(path.join(folder, 'neighbour.yaml')).href;
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
    client.open(runawayApi, 'yaml', RUNAWAY_API);
    client.open(neighbour, 'yaml', MOCK_API);
    await client.waitForDiagnostics(runawayApi);
    await client.waitForDiagnostics(neighbour);
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const invoke = { uri: runawayApi, method: 'GET', path: '/runaway', workspaceFolder: folder };

  /** The invocation's answer, or the code of the error it was answered with; `settled` says whether it came yet. */
  function started(source?: CancellationTokenSource) {
    const run = { settled: false, outcome: undefined as unknown as Promise<InvokeLocalResult | number> };
    const method = 'apigateway/invokeLocal';
    // An undefined token would be sent as a parameter.
    const sent = source
      ? client.connection.sendRequest<InvokeLocalResult>(method, invoke, source.token)
      : client.request<InvokeLocalResult>(method, invoke);
    run.outcome = sent
      .catch((error: unknown) => {
        assert.ok(error instanceof ResponseError, String(error));
        return error.code;
      })
      .finally(() => (run.settled = true));
    return run;
  }

  /** Hovers over the neighbour's integration, one after another, each once the one before was answered. */
  async function hoversMeanwhile(run: { settled: boolean }): Promise<void> {
    for (let i = 0; i < ANSWERED_MEANWHILE; i++) {
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri: neighbour },
        position: { line: 6, character: 10 },
      });
      assert.match(JSON.stringify(hover?.contents), /integration/i);
      assert.equal(run.settled, false, `hover ${i + 1} was answered only once the invocation had ended`);
    }
  }

  it('answers hovers on another document while an invocation runs a runaway template, and cancels it', async () => {
    const source = new CancellationTokenSource();
    const run = started(source);
    await hoversMeanwhile(run);
    source.cancel();
    assert.equal(await run.outcome, LSPErrorCodes.RequestCancelled);
  });

  it("checks another document's edits while an invocation runs a runaway template, ended by its budget", async () => {
    const run = started();
    await hoversMeanwhile(run);
    client.change(neighbour, MOCK_API.replace('type: mock', 'type: mocked'));
    const diagnostics = await client.waitForDiagnosticsWhere(neighbour, (found) => found.length > 0);
    assert.ok(diagnostics.some((d) => /mocked/.test(JSON.stringify(d.message))), JSON.stringify(diagnostics));
    assert.equal(run.settled, false, 'the edit was checked only once the invocation had ended');
    const answer = await run.outcome;
    assert.ok(typeof answer === 'object' && 'response' in answer, JSON.stringify(answer));
    // API Gateway answers a template that runs out of time as any template that fails.
    assert.equal(answer.response.status, 500);
    assert.ok(answer.response.log.some((entry) => /Request template error/.test(entry.message)));
    client.change(neighbour, MOCK_API);
  });

  it('answers the next invocation once one was cancelled', async () => {
    const source = new CancellationTokenSource();
    const run = started(source);
    await hoversMeanwhile(run);
    source.cancel();
    assert.equal(await run.outcome, LSPErrorCodes.RequestCancelled);
    const ping = await client.request<InvokeLocalResult>('apigateway/invokeLocal', {
      ...invoke,
      uri: neighbour,
      path: '/ping',
    });
    assert.ok('response' in ping && ping.response.status === 200, JSON.stringify(ping));
  });
});
