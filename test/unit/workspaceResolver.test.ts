import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { validateDocument } from '../../server/src/services/validation';
import { WorkspaceResolver } from '../../server/src/workspaceResolver';

describe('files named by $refs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-'));
  const base = pathToFileURL(path.join(dir, 'api.yaml')).href;
  const resolver = new WorkspaceResolver(() => undefined);

  it('reads a definition file, and reads it again only when it changes', async () => {
    const file = path.join(dir, 'models.yaml');
    writeFileSync(file, 'Pet: {type: object}\n');
    const first = await resolver.resolve(base, 'models.yaml#/Pet');
    assert.ok(first?.root);
    assert.equal(await resolver.resolve(base, 'models.yaml#/Pet'), first);
    writeFileSync(file, 'Pet: {type: object}\nOwner: {type: object}\n');
    const changed = await resolver.resolve(base, 'models.yaml#/Pet');
    assert.notEqual(changed, first);
  });

  it('refuses devices, pipes and directories at once instead of reading or waiting forever', async function () {
    this.timeout(5000);
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const ref of ['/dev/zero', '/dev/urandom', fifo, dir]) {
      const started = Date.now();
      assert.equal(await resolver.resolve(base, pathToFileURL(ref).href), undefined, ref);
      assert.ok(Date.now() - started < 1000, `${ref} took ${Date.now() - started} ms`);
    }
  });
});

describe('files named by $refs, in other encodings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-enc-'));
  const base = pathToFileURL(path.join(dir, 'api.json')).href;
  const resolver = new WorkspaceResolver(() => undefined);

  it('reads UTF-8 with a byte order mark, and refuses UTF-16 instead of finding nothing in it', async () => {
    writeFileSync(path.join(dir, 'bom.json'), '\ufeff{"Pet": {"type": "object"}}');
    const bom = await resolver.resolve(base, 'bom.json#/Pet');
    assert.deepEqual(bom?.problems, []);
    assert.ok(bom?.root);
    writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Pet: {type: object}\n', 'utf16le')]));
    assert.equal(await resolver.resolve(base, 'utf16.yaml#/Pet'), undefined);
  });
});

describe('files reached through other files', () => {
  it('counts a document as a dependent of every file its references lead to, and sees a fix there on the next validation', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-chain-'));
    mkdirSync(path.join(dir, 'schemas'));
    writeFileSync(path.join(dir, 'schemas', 'pet.yaml'), 'Pet:\n  type: object\n  properties:\n    owner:\n      $ref: "./owner.yaml#/Ownerr"\n');
    const owner = path.join(dir, 'schemas', 'owner.yaml');
    writeFileSync(owner, 'Owner:\n  type: object\n');
    const open = new Map<string, TextDocument>();
    const resolver = new WorkspaceResolver((uri) => open.get(uri));
    const api = TextDocument.create(pathToFileURL(path.join(dir, 'api.yaml')).href, 'yaml', 1, "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content: {application/json: {schema: {$ref: './schemas/pet.yaml#/Pet'}}}\n");
    const unresolved = async () => (await validateDocument(parseApiDocument(api), { resolver })).filter((d) => d.code === 'unresolved-ref');
    assert.equal((await unresolved()).length, 1);
    const ownerUri = pathToFileURL(owner).href;
    assert.deepEqual(resolver.dependentsOf(ownerUri), [api.uri]);
    assert.deepEqual(resolver.dependentsOf(pathToFileURL(path.join(dir, 'schemas', 'pet.yaml')).href), [api.uri]);
    // The user opens the nested file and renames the schema to what the reference names.
    open.set(ownerUri, TextDocument.create(ownerUri, 'yaml', 2, 'Ownerr:\n  type: object\n'));
    assert.deepEqual(await unresolved(), []);
  });
});
