import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { LargeDocumentHost } from '../../../server/src/largeDocumentHost';
import type { StopPolicy } from '../../../server/src/largeDocumentStops';
import { createLanguageService } from '../../../server/src/languageService';
import { largeDefinition } from '../editing/documents';
import { bundleLargeDocumentThread } from '../../support/largeDocumentThread';

const MB = 1024 * 1024;
const SETTINGS = { maxValidationSize: 64 * 1024 };

/** Stops a stale parse as soon as the rule allows, whatever it estimates is left of it. */
const AT_ONCE: StopPolicy = { stopAfterMs: 0, nearEndMs: -Infinity, threadStartMs: 0 };

/** A definition of about `megabytes` MB; `name` makes the operation ids of one differ from another's. */
function definitionOf(megabytes: number, name = 'get'): string {
  return largeDefinition({ items: Math.ceil((megabytes * MB) / 420) }).replace(/operationId: get/g, `operationId: ${name}`);
}

function at(document: TextDocument, needle: string): Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, needle);
  return document.positionAt(offset + 2);
}

/** Replaces the document's text as the server's store does, telling the host of the edit first. */
function replace(host: LargeDocumentHost, document: TextDocument, text: string): void {
  host.edited(document.uri, document.version, document.version + 1, [{ text }]);
  TextDocument.update(document, [{ text }], document.version + 1);
}

const notHere = () => assert.fail('answered in this thread');

describe('a stale parse in the thread for documents over the size limit', function () {
  this.timeout(120_000);
  let folder: string;
  let workerFile: string;
  /** A definition whose whole parse takes the thread a second or more: versions that came whole replace it. */
  const huge = definitionOf(24);
  const logged: string[] = [];
  let host: LargeDocumentHost;
  const stops = () => logged.filter((line) => /was stopped while it parsed/.test(line));

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'apigw-stale-parses-'));
    workerFile = path.join(folder, 'largeDocuments.js');
    await bundleLargeDocumentThread(workerFile);
  });

  beforeEach(() => {
    logged.length = 0;
    host = new LargeDocumentHost((message) => logged.push(message), workerFile, AT_ONCE);
  });

  afterEach(async () => {
    await host.dispose();
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('is stopped when a newer version came whole, and the newer version is answered', async () => {
    const document = TextDocument.create('file:///tmp/replaced.yaml', 'yaml', 1, huge);
    const first = host.validate(document, SETTINGS, notHere);
    const thread = (host as unknown as { worker: unknown }).worker;
    // More than a megabyte of new text reaches the thread whole, not as edits to the version it parses.
    replace(host, document, definitionOf(1.2, 'read'));
    const position = at(document, 'operationId: read7\n');
    const hover = await host.feature(document, 'doHover', [position, SETTINGS], notHere);
    assert.deepEqual(await first, [], 'the validation of the stale version answers nothing');
    assert.deepEqual(stops(), [`The thread serving documents over the size limit was stopped while it parsed version 1 of ${document.uri}, which is out of date; a new thread answers the requests that waited.`]);
    assert.notEqual((host as unknown as { worker: unknown }).worker, thread);
    const here = createLanguageService({ log: () => undefined });
    assert.deepEqual(hover, await here.doHover(TextDocument.create(document.uri, 'yaml', 2, document.getText()), position, SETTINGS));
    // The new thread goes on serving the document.
    assert.ok((await host.validate(document, SETTINGS, notHere)).some((d) => d.code === 'too-large-to-validate'));
  });

  it('answers every call that waited: those still asked again in the new thread, the others withdrawn', async () => {
    const other = TextDocument.create('file:///tmp/other.yaml', 'yaml', 1, definitionOf(0.5, 'other'));
    const closing = TextDocument.create('file:///tmp/closing.yaml', 'yaml', 1, definitionOf(0.5, 'closing'));
    await host.validate(other, SETTINGS, notHere);
    await host.validate(closing, SETTINGS, notHere);
    const document = TextDocument.create('file:///tmp/stale.yaml', 'yaml', 1, huge);
    const position = at(document, 'operationId: get7\n');
    // Behind the parse of version 1: a hover on it, a call on each of two other documents, one of them then closed.
    const validation = host.validate(document, SETTINGS, notHere);
    const staleHover = host.feature(document, 'doHover', [position, SETTINGS], notHere);
    const staleTemplate = host.request(document, 'templateAt', { uri: document.uri, offset: document.offsetAt(position) }, notHere);
    const otherPosition = at(other, 'operationId: other3\n');
    const otherHover = host.feature(other, 'doHover', [otherPosition, SETTINGS], notHere);
    const otherSymbols = host.feature(other, 'findDocumentSymbols', [SETTINGS], notHere);
    const closed = host.feature(closing, 'findDocumentSymbols', [SETTINGS], notHere);
    host.close(closing.uri);
    replace(host, document, definitionOf(1.2, 'read'));
    const newPosition = at(document, 'operationId: read7\n');
    const newHover = host.feature(document, 'doHover', [newPosition, SETTINGS], notHere);

    assert.deepEqual(await validation, []);
    await assert.rejects(staleHover, /stale\.yaml changed while the request waited/);
    // A template's place is asked at an offset of the stale version, as a hover is.
    await assert.rejects(staleTemplate, /stale\.yaml changed while the request waited/);
    await assert.rejects(closed, /closing\.yaml was closed while the request waited/);
    const here = createLanguageService({ log: () => undefined });
    assert.deepEqual(await otherHover, await here.doHover(other, otherPosition, SETTINGS));
    assert.deepEqual(await otherSymbols, await here.findDocumentSymbols(other, SETTINGS));
    assert.deepEqual(await newHover, await here.doHover(TextDocument.create(document.uri, 'yaml', 2, document.getText()), newPosition, SETTINGS));
    assert.equal(stops().length, 1);
  });

  it('is left to end when the newer version is parsed by parts from it', async () => {
    const document = TextDocument.create('file:///tmp/typed.yaml', 'yaml', 1, huge);
    const validation = host.validate(document, SETTINGS, notHere);
    const position = at(document, 'operationId: get7\n');
    const edit = [{ range: { start: position, end: position }, text: 'x' }];
    host.edited(document.uri, 1, 2, edit);
    TextDocument.update(document, edit, 2);
    const hover = await host.feature(document, 'doHover', [at(document, 'operationId: get9\n'), SETTINGS], notHere);
    assert.match(JSON.stringify(hover), /operationId/);
    assert.ok(Array.isArray(await validation));
    assert.deepEqual(stops(), []);
  });

  it('is not stopped again in the new thread before that thread has finished a parse', async () => {
    const document = TextDocument.create('file:///tmp/rewritten.yaml', 'yaml', 1, huge);
    const first = host.validate(document, SETTINGS, notHere);
    replace(host, document, definitionOf(12, 'second'));
    const second = host.validate(document, SETTINGS, notHere);
    assert.deepEqual(await first, []);
    assert.equal(stops().length, 1);
    // Version 3 comes whole while the new thread parses version 2 (or, on a very fast machine, once it has).
    const state = host as unknown as { parsing?: { version: number }; fresh: boolean };
    while (state.parsing?.version !== 2 && state.fresh) await new Promise((resolve) => setTimeout(resolve, 5));
    replace(host, document, definitionOf(1.2, 'third'));
    // Read from version 2 until version 3 has stayed unchanged a while: what it says does not matter here, that it comes.
    await host.feature(document, 'doHover', [at(document, 'operationId: third7\n'), SETTINGS], notHere);
    assert.ok(Array.isArray(await second));
    assert.equal(stops().length, 1);
  });
});
