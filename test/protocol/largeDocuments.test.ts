import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { LargeDocumentHost } from '../../server/src/largeDocumentHost';
import { createLanguageService } from '../../server/src/languageService';
import { RenameError } from '../../server/src/services/rename';
import { largeDefinition } from '../unit/editing/documents';
import { TestLspClient } from './lspClient';

const WORKER = path.resolve(__dirname, '../../dist/workers/largeDocuments.js');
const MB = 1024 * 1024;

/** A definition of about `megabytes` MB whose paths each have an operation, with one duplicate key near the end. */
function definitionOf(megabytes: number): string {
  const text = largeDefinition({ items: Math.ceil((megabytes * MB) / 420) });
  return text.replace(/\ncomponents:\n/, '\ncomponents:\n  x-note: a\n  x-note: b\n');
}

function positionOf(document: TextDocument, needle: string, after = 0): { line: number; character: number } {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, needle);
  return document.positionAt(offset + after);
}

describe('documents over the size limit, served by a thread of their own', () => {
  describe('the host, with the bundled thread', () => {
    let host: LargeDocumentHost;
    const logged: string[] = [];
    beforeEach(() => {
      host = new LargeDocumentHost((message) => logged.push(message), WORKER);
    });
    afterEach(async () => {
      await host.dispose();
    });

    it('keeps this thread free while it parses, and answers as the service does here', async () => {
      const settings = { maxValidationSize: MB };
      const document = TextDocument.create('file:///tmp/large-apart.yaml', 'yaml', 1, definitionOf(12));
      const here = createLanguageService({ log: () => undefined });
      let turns = 0;
      const ticker = setInterval(() => turns++, 5);
      const diagnostics = await host.validate(document, settings, () => assert.fail('answered in this thread'));
      clearInterval(ticker);
      // Parsing 12 MB takes the thread a good part of a second; this thread's timers kept firing meanwhile.
      assert.ok(turns >= 10, `only ${turns} turns of this thread's event loop`);
      assert.deepEqual(diagnostics, await here.doValidation(document, settings));
      assert.ok(diagnostics.some((d) => d.code === 'too-large-to-validate'));
      assert.ok(diagnostics.some((d) => d.code === 'duplicate-key'));

      const at = positionOf(document, 'operationId: get7\n', 2);
      assert.deepEqual(await host.feature(document, 'doHover', [at, settings], () => assert.fail('answered in this thread')), await here.doHover(document, at, settings));
      const symbols = await host.feature(document, 'findDocumentSymbols', [settings], () => assert.fail('answered in this thread'));
      assert.deepEqual(symbols, await here.findDocumentSymbols(document, settings));
      // Left to the editor's indentation folding: the thread answers that there is no answer.
      const folds = await host.feature(document, 'getFoldingRanges', [5000, settings], () => assert.fail('answered in this thread'));
      assert.equal(folds, null);
      assert.deepEqual(folds, await here.getFoldingRanges(document, 5000, settings));
    });

    it('follows the document from version to version as the service does here', async () => {
      const settings = { maxValidationSize: MB };
      const text = definitionOf(1.5);
      const document = TextDocument.create('file:///tmp/large-versions.yaml', 'yaml', 1, text);
      const here = createLanguageService({ log: () => undefined });
      const hereDocument = TextDocument.create(document.uri, 'yaml', 1, text);
      const at = positionOf(document, 'operationId: get0\n', 2);
      for (const version of [1, 2, 3, 4]) {
        if (version > 1) {
          const edit = [{ range: { start: at, end: at }, text: `x${version}` }];
          // As the server's document store tells the host of each edit; version 3 comes with its own whole text.
          const changes = version === 3 ? [{ text: TextDocument.applyEdits(hereDocument, [{ range: edit[0].range, newText: edit[0].text }]) }] : edit;
          host.edited(document.uri, version - 1, version, changes);
          TextDocument.update(document, changes, version);
          TextDocument.update(hereDocument, edit, version);
        }
        // Edits are sent as edits; a version that came whole is sent whole, which costs what its edit would.
        if (version === 2 || version === 4) document.getText = () => assert.fail(`the whole text of version ${document.version} was sent again`);
        else Reflect.deleteProperty(document, 'getText');
        assert.deepEqual(await host.validate(document, settings, () => assert.fail('answered in this thread')), await here.doValidation(hereDocument, settings));
        assert.deepEqual(await host.feature(document, 'doHover', [at, settings], () => assert.fail('answered in this thread')), await here.doHover(hereDocument, at, settings));
      }
    });

    it('passes a refused rename on with its reason', async () => {
      const document = TextDocument.create('file:///tmp/large-rename.yaml', 'yaml', 1, definitionOf(1.5));
      const at = positionOf(document, 'openapi', 1);
      await assert.rejects(
        host.feature(document, 'rename', [at, 'x'], () => assert.fail('answered in this thread')),
        (error: Error) => error instanceof RenameError && error.message.length > 0,
      );
    });
  });

  describe('the host, when the thread cannot serve', () => {
    let folder: string;
    before(() => {
      folder = mkdtempSync(path.join(tmpdir(), 'apigw-large-'));
    });
    after(() => {
      rmSync(folder, { recursive: true, force: true });
    });

    it('answers in this thread when the thread fails to start, and says so in the log', async () => {
      const broken = path.join(folder, 'broken.js');
      writeFileSync(broken, 'throw new Error("no thread today");\n');
      const logged: string[] = [];
      const host = new LargeDocumentHost((message) => logged.push(message), broken);
      const document = TextDocument.create('file:///tmp/large-broken.yaml', 'yaml', 1, 'openapi: 3.0.1\n');
      const answer = await host.feature(document, 'findDocumentSymbols', [{}], () => [{ name: 'here' } as DocumentSymbol]);
      assert.deepEqual(answer, [{ name: 'here' }]);
      assert.match(logged.join('\n'), /stopped \(no thread today\); the next request starts another/);
      await host.dispose();
    });

    it('answers here when the thread lacks the version, and sends the whole text next', async () => {
      // A stand-in thread that lacks every document once, then tells what it was sent.
      const standIn = path.join(folder, 'stand-in.js');
      writeFileSync(
        standIn,
        `const { parentPort } = require('node:worker_threads');
        const seen = [];
        let calls = 0;
        parentPort.on('message', (m) => {
          seen.push(m.type);
          if (m.type !== 'feature') return;
          if (++calls === 1) parentPort.postMessage({ type: 'failed', id: m.id, message: 'not here', missing: m.uri });
          else parentPort.postMessage({ type: 'answer', id: m.id, value: seen });
        });\n`,
      );
      const host = new LargeDocumentHost(() => undefined, standIn);
      const document = TextDocument.create('file:///tmp/large-lost.yaml', 'yaml', 1, 'openapi: 3.0.1\n');
      assert.deepEqual(await host.feature(document, 'findDocumentSymbols', [{}], () => [{ name: 'here' } as DocumentSymbol]), [{ name: 'here' }]);
      host.edited(document.uri, 1, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x: 1\n' }]);
      TextDocument.update(document, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x: 1\n' }], 2);
      const seen = (await host.feature(document, 'findDocumentSymbols', [{}], () => assert.fail('answered here'))) as unknown as string[];
      assert.deepEqual(seen, ['sync', 'feature', 'sync', 'feature']);
      await host.dispose();
    });

    it('does not send an invocation twice when the thread stops during it, but runs a lookup again here', async () => {
      // A stand-in thread that stops on every request it is sent, as one that runs out of memory would.
      const stopping = path.join(folder, 'stopping.js');
      writeFileSync(stopping, `require('node:worker_threads').parentPort.on('message', (m) => { if (m.type === 'request') process.exit(3); });\n`);
      const logged: string[] = [];
      const host = new LargeDocumentHost((message) => logged.push(message), stopping);
      const document = TextDocument.create('file:///tmp/large-stopping.yaml', 'yaml', 1, 'openapi: 3.0.1\n');
      let ranHere = 0;
      const invoked = await host.request(document, 'invokeLocal', { uri: document.uri } as never, async () => {
        ranHere++;
        return { error: 'ran here' };
      }, () => ({ error: 'lost' }));
      assert.deepEqual(invoked, { error: 'lost' });
      assert.equal(ranHere, 0);
      const found = await host.request(document, 'templateAt', { uri: document.uri } as never, () => ({ found: false, message: 'looked up here' }) as never);
      assert.deepEqual(found, { found: false, message: 'looked up here' });
      assert.match(logged.join('\n'), /exited with code 3/);
      await host.dispose();
    });

    it('answers in this thread without the bundled thread', async () => {
      const host = new LargeDocumentHost(() => undefined, path.join(folder, 'missing.js'));
      assert.equal(host.isAvailable(), false);
      const document = TextDocument.create('file:///tmp/large-missing.yaml', 'yaml', 1, 'openapi: 3.0.1\n');
      assert.deepEqual(await host.validate(document, {}, async () => []), []);
    });
  });

  describe('the server', () => {
    let client: TestLspClient;
    before(async () => {
      client = await TestLspClient.start({ validation: { maxFileSizeMB: 1 } });
    });
    after(async () => {
      await client.stop();
    });

    it('answers another document while a large one is parsed, and the large one from its thread', async function () {
      this.timeout(60_000);
      const large = 'file:///tmp/served-apart.yaml';
      const text = definitionOf(16);
      const small = 'file:///tmp/served-here.yaml';
      const smallText = 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        "200":\n          description: OK\n';
      client.open(small, 'yaml', smallText);
      await client.waitForDiagnostics(small);

      const opened = Date.now();
      client.open(large, 'yaml', text);
      // The large document's validation has started once its text is in and the validation delay has passed.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const asked = Date.now();
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 5, character: 8 } });
      const answered = Date.now();
      const diagnostics = await client.waitForDiagnostics(large, 50_000);
      const published = Date.now();
      assert.ok(hover && JSON.stringify(hover.contents).includes('operationId'));
      assert.ok(
        answered - asked < (published - asked) / 2,
        `the hover took ${answered - asked} ms; the large document's diagnostics came ${published - asked} ms after it was asked (${published - opened} ms after opening)`,
      );
      assert.ok(diagnostics.some((d) => d.code === 'too-large-to-validate'));
      assert.ok(diagnostics.some((d) => d.code === 'duplicate-key'));

      const document = TextDocument.create(large, 'yaml', 1, text);
      const largeHover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: large }, position: positionOf(document, 'operationId: get3\n', 2) });
      assert.ok(largeHover && JSON.stringify(largeHover.contents).includes('operationId'));
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: large } });
      assert.equal(symbols[0].name, '/r0');
    });

    it('brings the copy in its thread up to date with the edits typed', async function () {
      this.timeout(30_000);
      const uri = 'file:///tmp/typed-in.yaml';
      const text = definitionOf(1.5).replace('  x-note: b\n', '');
      client.open(uri, 'yaml', text);
      assert.ok(!(await client.waitForDiagnostics(uri, 20_000)).some((d) => d.code === 'duplicate-key'));
      const document = TextDocument.create(uri, 'yaml', 1, text);
      const at = positionOf(document, '  x-note: a\n');
      client.clearDiagnostics(uri);
      for (const [i, typed] of ['  x-', 'note', ': b\n'].entries()) {
        const position = { line: at.line, character: at.character + [0, 4, 8][i] };
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 100 + i }, contentChanges: [{ range: { start: position, end: position }, text: typed }] });
      }
      const diagnostics = await client.waitForDiagnostics(uri, 20_000);
      const duplicate = diagnostics.find((d) => d.code === 'duplicate-key');
      // The key typed above the other comes first; the one below it is the duplicate.
      assert.equal(duplicate?.range.start.line, at.line + 1);
    });

    it('leaves an open document over the limit out of the workspace search, as it does such files on disk', async () => {
      const symbols = await client.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'get' });
      assert.ok(symbols.some((s) => s.location.uri === 'file:///tmp/served-here.yaml'));
      assert.ok(!symbols.some((s) => s.location.uri === 'file:///tmp/served-apart.yaml'));
    });

    it('validates a document in full again once it is back under the limit', async function () {
      this.timeout(30_000);
      const uri = 'file:///tmp/shrinks.yaml';
      client.open(uri, 'yaml', definitionOf(1.5));
      assert.ok((await client.waitForDiagnostics(uri, 20_000)).some((d) => d.code === 'too-large-to-validate'));
      client.change(uri, 'openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n');
      const diagnostics = await client.waitForDiagnostics(uri);
      assert.ok(!diagnostics.some((d) => d.code === 'too-large-to-validate'));
      assert.ok(diagnostics.length > 0, 'the rules ran');
    });
  });
});
