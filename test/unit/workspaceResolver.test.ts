import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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
