import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestLspClient } from './lspClient';
import { PETS_PATH_ITEM, SPLIT_API } from '../support/splitDefinition';

const API = `openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: './models.yaml#/Pet'}
`;

describe('references across files over stdio', () => {
  let client: TestLspClient;
  let dir: string;
  before(async () => {
    client = await TestLspClient.start();
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-refs-'));
  });
  after(async () => {
    await client.stop();
  });

  it('follows a relative $ref to a file on disk and re-validates when the referenced file changes', async () => {
    const models = path.join(dir, 'models.yaml');
    writeFileSync(models, 'Pet:\n  type: object\n');
    const apiUri = pathToFileURL(path.join(dir, 'api.yaml')).href;
    client.open(apiUri, 'yaml', API);
    assert.deepEqual((await client.waitForDiagnostics(apiUri)).filter((d) => /ref/.test(String(d.code))), []);

    // The user opens the referenced file and renames the schema: the referencing document is checked again.
    const modelsUri = pathToFileURL(models).href;
    client.clearDiagnostics(apiUri);
    client.open(modelsUri, 'yaml', 'Animal:\n  type: object\n');
    const diagnostics = await client.waitForDiagnostics(apiUri);
    const unresolved = diagnostics.find((d) => d.code === 'unresolved-ref');
    assert.ok(unresolved, JSON.stringify(diagnostics));
    assert.equal(unresolved.range.start.line, 10);
  });

  it('reports a reference to a file that does not exist', async () => {
    const uri = pathToFileURL(path.join(dir, 'missing.yaml')).href;
    client.open(uri, 'yaml', API.replace('./models.yaml', './nowhere.yaml'));
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'unreadable-ref-file'), JSON.stringify(diagnostics));
  });
});

const PETS = PETS_PATH_ITEM;

const misspeltValidator = (diagnostics: { code?: unknown; range: { start: { line: number } } }[]) => diagnostics.some((d) => d.code === 'unknown-request-validator' && d.range.start.line === 1);

describe('a definition split over several files, over stdio', () => {
  let dir: string;
  let apiUri: string;
  let petsUri: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-split-'));
    mkdirSync(path.join(dir, 'paths'));
    writeFileSync(path.join(dir, 'api.yaml'), SPLIT_API);
    writeFileSync(path.join(dir, 'paths/pets.yaml'), PETS);
    apiUri = pathToFileURL(path.join(dir, 'api.yaml')).href;
    petsUri = pathToFileURL(path.join(dir, 'paths/pets.yaml')).href;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes what the open definition finds in the path item file, follows its edits, and clears it once both are closed', async () => {
    const client = await TestLspClient.start();
    try {
      client.open(apiUri, 'yaml', SPLIT_API);
      assert.deepEqual(await client.waitForDiagnostics(apiUri), []);
      await client.waitForDiagnosticsWhere(petsUri, misspeltValidator);
      // The user opens the path item and corrects it: the definition is checked again, and the finding goes.
      client.open(petsUri, 'yaml', PETS);
      client.change(petsUri, PETS.replace(' al\n', ' all\n'));
      await client.waitForDiagnosticsWhere(petsUri, (diagnostics) => diagnostics.length === 0);
      client.change(petsUri, PETS);
      await client.waitForDiagnosticsWhere(petsUri, misspeltValidator);
      // Closed, the definition goes on checking the part left open, from its saved text, and follows its edits.
      client.close(apiUri);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await client.waitForDiagnosticsWhere(petsUri, misspeltValidator);
      client.change(petsUri, PETS.replace(' al\n', ' all\n'));
      await client.waitForDiagnosticsWhere(petsUri, (diagnostics) => diagnostics.length === 0);
      client.change(petsUri, PETS);
      await client.waitForDiagnosticsWhere(petsUri, misspeltValidator);
      // Once the part is closed too, nothing open shows its findings.
      client.close(petsUri);
      await client.waitForDiagnosticsWhere(petsUri, (diagnostics) => diagnostics.length === 0);
    } finally {
      await client.stop();
    }
  });

  it('publishes a $ref of the path item file that leads nowhere in that file, and nothing on the definition\'s $ref', async () => {
    const pets = `${PETS.replace(' al\n', ' all\n')}  requestBody: {content: {application/json: {schema: {$ref: '../schemas.yaml#/Pett'}}}}\n`;
    writeFileSync(path.join(dir, 'paths/pets.yaml'), pets);
    writeFileSync(path.join(dir, 'schemas.yaml'), 'Pet: {type: object}\n');
    const client = await TestLspClient.start();
    try {
      client.open(apiUri, 'yaml', SPLIT_API);
      assert.deepEqual(await client.waitForDiagnostics(apiUri), []);
      const line = pets.split('\n').findIndex((l) => l.includes('requestBody'));
      const [found] = await client.waitForDiagnosticsWhere(petsUri, (diagnostics) => diagnostics.some((d) => d.code === 'unresolved-ref'));
      assert.deepEqual(found.range.start, { line, character: pets.split('\n')[line].indexOf("'../schemas.yaml#/Pett'") });
      assert.deepEqual(found.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [[apiUri, 6]]);
    } finally {
      await client.stop();
    }
  });

  it('answers a deploy with one document made of the definition and the files it references', async () => {
    const client = await TestLspClient.start();
    try {
      client.open(apiUri, 'yaml', SPLIT_API);
      const answer = await client.request<{ text?: string; files: string[] }>('apigateway/definitionToImport', { uri: apiUri });
      assert.deepEqual(answer.files, [petsUri]);
      const value = JSON.parse(answer.text!) as { paths: Record<string, { get: Record<string, unknown> }> };
      assert.equal(value.paths['/pets'].get['x-amazon-apigateway-request-validator'], 'al');
      rmSync(path.join(dir, 'paths/pets.yaml'));
      const refused = await client.request<{ error?: string }>('apigateway/definitionToImport', { uri: apiUri });
      assert.match(refused.error ?? '', /cannot be made one document .*paths\/pets\.yaml names a file that cannot be read/);
    } finally {
      await client.stop();
    }
  });

  it('answers hover, completion and Go to Definition in the path item file as the definition places it', async () => {
    const client = await TestLspClient.start({}, pathToFileURL(dir).href);
    try {
      // Opened alone: the workspace definition that references it is found, and the file answers in it.
      client.open(petsUri, 'yaml', PETS);
      await client.waitForDiagnosticsWhere(petsUri, misspeltValidator, 20_000);
      const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: petsUri }, position: { line: 4, character: 6 } });
      assert.match(hover?.contents.value ?? '', /x-amazon-apigateway-integration/);
      const completion = await client.request<{ items: { label: string }[] }>('textDocument/completion', { textDocument: { uri: petsUri }, position: { line: 1, character: 41 } });
      assert.ok(completion.items.some((i) => i.label === 'all'), JSON.stringify(completion.items.map((i) => i.label)));
      const [finding] = (await client.waitForDiagnostics(petsUri)).filter((d) => d.code === 'unknown-request-validator');
      const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri: petsUri }, range: finding.range, context: { diagnostics: [finding], only: ['quickfix'] } });
      const ignore = 'Ignore unknown-request-validator here in workspace settings';
      assert.deepEqual(actions.map((a) => a.title), ["Change to 'all'", 'Disable unknown-request-validator on this line (comment)', ignore]);
      client.change(petsUri, PETS.replace(' al\n', ' all\n'));
      const locations = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri: petsUri }, position: { line: 1, character: 42 } });
      assert.deepEqual(locations.map((l) => `${l.uri} ${l.range.start.line}`), [`${apiUri} 3`]);
      // Asked before the definition using it was checked, the editor is told to ask again for colours and lenses.
      const refreshed = async () => {
        const deadline = Date.now() + 10_000;
        while (new Set(client.refreshes).size < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.deepEqual([...new Set(client.refreshes.splice(0))].sort(), ['workspace/codeLens/refresh', 'workspace/semanticTokens/refresh']);
      };
      await refreshed();
      type Lens = { command?: { title: string; arguments?: unknown[] } };
      const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: petsUri } });
      assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.arguments]), [['$(debug-start) Invoke GET /pets', [{ uri: apiUri, path: '/pets', method: 'GET', part: { uri: petsUri, offset: PETS.indexOf('get:') } }]]]);
      // The definition, opened and edited, names the path item's path anew: the lenses follow.
      client.open(apiUri, 'yaml', SPLIT_API.replace('  /pets:', '  /animals:'));
      await refreshed();
      const followed = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: petsUri } });
      assert.deepEqual(followed.map((l) => l.command?.title), ['$(debug-start) Invoke GET /animals']);
      // Renamed from its use in the part: the definition's declaration is renamed with it.
      const prepared = await client.request<{ placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: petsUri }, position: { line: 1, character: 42 } });
      assert.equal(prepared?.placeholder, 'all');
      const edit = await client.request<{ changes: Record<string, { range: { start: { line: number } }; newText: string }[]> }>('textDocument/rename', { textDocument: { uri: petsUri }, position: { line: 1, character: 42 }, newName: 'body' });
      const renamed = Object.entries(edit.changes).flatMap(([uri, edits]) => edits.map((e) => `${uri} ${e.range.start.line} ${e.newText}`));
      assert.deepEqual(renamed.sort(), [`${apiUri} 3 body`, `${petsUri} 1 body`].sort());
    } finally {
      await client.stop();
    }
  });

  it('tells the editor which open files are parts of definitions, and which operation a place in one runs', async () => {
    const client = await TestLspClient.start({}, pathToFileURL(dir).href);
    const toldLast = async (expected: { uri: string; definitions: string[] }[]) => {
      const deadline = Date.now() + 20_000;
      while (JSON.stringify(client.openParts.at(-1)) !== JSON.stringify(expected) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(client.openParts.at(-1), expected, JSON.stringify(client.openParts));
    };
    try {
      client.open(petsUri, 'yaml', PETS);
      await toldLast([{ uri: petsUri, definitions: [apiUri] }]);
      const found = await client.request<{ definition?: string; path?: string; method?: string }>('apigateway/operationInPart', { uri: petsUri, offset: PETS.indexOf('x-amazon-apigateway-integration') });
      assert.deepEqual(found, { definition: apiUri, operations: [{ path: '/pets', method: 'GET' }] });
      client.close(petsUri);
      await toldLast([]);
      // Opened with the definition, which then keeps the path item in itself: the file is no part any more.
      client.open(apiUri, 'yaml', SPLIT_API);
      client.open(petsUri, 'yaml', PETS);
      await toldLast([{ uri: petsUri, definitions: [apiUri] }]);
      client.change(apiUri, SPLIT_API.replace("    $ref: 'paths/pets.yaml'", "    get: {responses: {'200': {description: ok}}}"));
      await toldLast([]);
    } finally {
      await client.stop();
    }
  });

  it('stops naming a definition deleted while the files it used were closed as one that uses them', async () => {
    const secondUri = pathToFileURL(path.join(dir, 'api-v2.yaml')).href;
    writeFileSync(path.join(dir, 'api-v2.yaml'), SPLIT_API.replace('  /pets:', '  /v2/pets:'));
    const client = await TestLspClient.start({}, pathToFileURL(dir).href);
    const toldLast = async (expected: { uri: string; definitions: string[] }[]) => {
      const deadline = Date.now() + 20_000;
      while (JSON.stringify(client.openParts.at(-1)) !== JSON.stringify(expected) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(client.openParts.at(-1), expected, JSON.stringify(client.openParts));
    };
    try {
      client.open(petsUri, 'yaml', PETS);
      await toldLast([{ uri: petsUri, definitions: [apiUri, secondUri].sort() }]);
      client.close(petsUri);
      await toldLast([]);
      rmSync(path.join(dir, 'api-v2.yaml'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: secondUri, type: 3 }] });
      // Opened again, the file is a part of the one definition left: invoking or evaluating there asks nothing.
      client.open(petsUri, 'yaml', PETS);
      await toldLast([{ uri: petsUri, definitions: [apiUri] }]);
    } finally {
      await client.stop();
    }
  });

  it('does not take a file another file only navigates to for a part of a definition', async () => {
    writeFileSync(path.join(dir, 'extra.yaml'), 'Tag: {type: string}\n');
    const notes = "Pet:\n  $ref: './extra.yaml#/Tag'\n";
    const notesUri = pathToFileURL(path.join(dir, 'notes.yaml')).href;
    const extraUri = pathToFileURL(path.join(dir, 'extra.yaml')).href;
    const client = await TestLspClient.start({}, pathToFileURL(dir).href);
    try {
      client.open(notesUri, 'yaml', notes);
      await client.waitForDiagnostics(notesUri);
      const locations = await client.request<{ uri: string }[]>('textDocument/definition', { textDocument: { uri: notesUri }, position: { line: 1, character: 12 } });
      assert.deepEqual(locations.map((l) => l.uri), [extraUri]);
      client.open(extraUri, 'yaml', 'Tag: {type: string}\n');
      await client.waitForDiagnostics(extraUri);
      // A request answered after the file's check: what the check told the editor has arrived before it.
      await client.request('textDocument/hover', { textDocument: { uri: extraUri }, position: { line: 0, character: 1 } });
      assert.ok(!client.openParts.flat().some((part) => part.uri === extraUri), JSON.stringify(client.openParts));
    } finally {
      await client.stop();
    }
  });

  it('checks a path item file opened under another spelling of its URI than the definition reads it by', async () => {
    // As on Windows, where the editor spells a file file:///c%3A/… and Node file:///C:/…: here an escaped letter.
    const spelt = petsUri.replace(/pets\.yaml$/, 'pet%73.yaml');
    const client = await TestLspClient.start({}, pathToFileURL(dir).href);
    try {
      client.open(spelt, 'yaml', PETS);
      await client.waitForDiagnosticsWhere(spelt, misspeltValidator, 20_000);
      const toldLast = () => client.openParts.at(-1) ?? [];
      const deadline = Date.now() + 10_000;
      while (!toldLast().some((part) => part.uri === spelt) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(toldLast(), [{ uri: spelt, definitions: [apiUri] }]);
      // Corrected in the editor, not saved: the definition reads the editor's text, under either spelling.
      client.change(spelt, PETS.replace(' al\n', ' all\n'));
      await client.waitForDiagnosticsWhere(spelt, (diagnostics) => diagnostics.length === 0);
    } finally {
      await client.stop();
    }
  });

  it('checks a path item file opened alone with the workspace definition that references it', async () => {
    const client = await TestLspClient.start({}, pathToFileURL(dir).href);
    try {
      client.open(petsUri, 'yaml', PETS);
      await client.waitForDiagnosticsWhere(petsUri, misspeltValidator, 20_000);
      // Its edits check that definition again, read from disk.
      client.change(petsUri, PETS.replace(' al\n', ' all\n'));
      await client.waitForDiagnosticsWhere(petsUri, (diagnostics) => diagnostics.length === 0);
    } finally {
      await client.stop();
    }
  });
});
