import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exampleUri, extensionUnderTest, keepInvokeHistory, openExample, waitFor } from './harness';

interface Outcome {
  status?: number;
  body?: string;
  log?: string[];
  error?: string;
}

describe('Invoke panel in a real VS Code', () => {
  let restoreHistory: () => void;

  before(async () => {
    restoreHistory = keepInvokeHistory();
    await openExample('petstore.yaml');
    await waitFor('the extension to activate', () => extensionUnderTest().isActive);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => restoreHistory());

  it('invokes GET /health of petstore.yaml on the local gateway and returns the mapped mock response', async () => {
    const uri = exampleUri('petstore.yaml').toString();
    // The language server may still be starting: the first request waits for it.
    const outcome = await vscode.commands.executeCommand<Outcome>('apigateway.invoke.open', { uri, path: '/health', method: 'GET', send: true });
    assert.ok(outcome, 'the command returned nothing');
    assert.equal(outcome.error, undefined, outcome.error);
    assert.equal(outcome.status, 200);
    const body = JSON.parse(outcome.body ?? '') as Record<string, unknown>;
    assert.equal(body.status, 'ok');
    // examples/.apigateway/local.json names the stage requests get when they name none.
    assert.equal(body.stage, 'dev');
    assert.ok(outcome.log?.some((line) => line.includes('Method completed with status: 200')));
  });

  it('runs DELETE /pets/{petId} with a path parameter given by the caller', async () => {
    const uri = exampleUri('petstore.yaml').toString();
    const outcome = await vscode.commands.executeCommand<Outcome>('apigateway.invoke.open', { uri, path: '/pets/{petId}', method: 'DELETE', send: true, draft: { pathParams: { petId: '42' } } });
    assert.equal(outcome?.status, 204);
    assert.ok(outcome?.log?.some((line) => line.includes('petId=42')));
  });

  it('answers with a clear error for an operation the document does not have', async () => {
    const uri = exampleUri('petstore.yaml').toString();
    const outcome = await vscode.commands.executeCommand<Outcome>('apigateway.invoke.open', { uri, path: '/nowhere', method: 'GET', send: true });
    assert.match(outcome?.error ?? '', /GET \/nowhere is not an operation of the document/);
  });

  it('calls a deployed stage URL with the path, query and API key, without a document', async () => {
    const seen: { url?: string; key?: string } = {};
    const server = createServer((req, res) => {
      seen.url = req.url;
      seen.key = req.headers['x-api-key'] as string | undefined;
      res.setHeader('Content-Type', 'application/json');
      res.end('{"from":"stage"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
      const outcome = await vscode.commands.executeCommand<Outcome>('apigateway.invoke.open', {
        apiId: 'abc123', stage: 'prod', url, path: '/items/{id}', method: 'GET', send: true,
        draft: { pathParams: { id: '7' }, query: { q: 'a b' }, apiKey: 'key-1' },
      });
      assert.equal(outcome?.error, undefined, outcome?.error);
      assert.equal(outcome?.status, 200);
      assert.equal(outcome?.body, '{"from":"stage"}');
      assert.equal(seen.url, '/prod/items/7?q=a%20b');
      assert.equal(seen.key, 'key-1');
      const history = readFileSync(path.join(path.dirname(exampleUri('petstore.yaml').fsPath), '.apigateway', 'history.json'), 'utf8');
      assert.ok(history.includes('/items/{id}'), 'the request is in the history');
      assert.ok(!history.includes('key-1'), 'the API key was saved in the history');
    } finally {
      server.close();
    }
  });

  it('stops a request to a stage that never answers, from the Command Palette, and keeps it out of the history', async () => {
    const held: ServerResponse[] = [];
    const server = createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
      const sent = vscode.commands.executeCommand<Outcome>('apigateway.invoke.open', { apiId: 'abc123', stage: 'prod', url, path: '/slow', method: 'GET', send: true });
      // Stop is offered once the stage has the request and the panel waits for its answer.
      await waitFor('the stage to receive the request', () => held.length === 1);
      assert.equal(await vscode.commands.executeCommand<boolean>('apigateway.invoke.stop'), true);
      const outcome = await sent;
      assert.equal(outcome?.error, 'Stopped before an answer came.');
      assert.equal(await vscode.commands.executeCommand<boolean>('apigateway.invoke.stop'), false, 'nothing left to stop');
      const historyFile = path.join(path.dirname(exampleUri('petstore.yaml').fsPath), '.apigateway', 'history.json');
      assert.ok(!existsSync(historyFile) || !readFileSync(historyFile, 'utf8').includes('/slow'), 'the stopped request is in the history');
    } finally {
      for (const res of held) res.destroy();
      server.close();
    }
  });
});
