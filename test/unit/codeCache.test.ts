import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { codeCacheDigest, readCodeCache, requireWithCodeCache } from '../../server/src/util/codeCache';

describe('code cache', () => {
  let dir: string;
  const module = Buffer.from('module.exports = 42;\n');
  const data = Buffer.from('v8 code cache bytes');
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'apigw-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function cacheOf(made: Buffer, bytes = data): string {
    const file = path.join(dir, 'module.js.cache');
    writeFileSync(file, Buffer.concat([codeCacheDigest(made), bytes]));
    return file;
  }

  it('gives the V8 data of a cache made from the module', () => {
    assert.deepEqual(readCodeCache(cacheOf(module), module), data);
  });

  it('refuses a cache made from another text of the same length, which V8 would take', () => {
    const edited = Buffer.from('module.exports = 43;\n');
    assert.equal(edited.length, module.length);
    assert.equal(readCodeCache(cacheOf(module), edited), undefined);
  });

  it('checks the SHA-1 where Node has no zlib.crc32', () => {
    const file = cacheOf(module);
    assert.deepEqual(readCodeCache(file, module, null), data);
    assert.equal(readCodeCache(file, Buffer.from('module.exports = 43;\n'), null), undefined);
    // The SHA-1 alone decides there: a cache whose CRC-32 is wrong but whose SHA-1 fits is still the module's.
    const damaged = codeCacheDigest(module);
    damaged[0] ^= 1;
    writeFileSync(file, Buffer.concat([damaged, data]));
    assert.deepEqual(readCodeCache(file, module, null), data);
    assert.equal(readCodeCache(file, module, crc32), undefined);
  });

  it('runs a module that is ASCII and one that is not, each with its text as written', () => {
    const ascii = path.join(dir, 'ascii.js');
    writeFileSync(ascii, "#!/usr/bin/env node\nmodule.exports = 'plain \\u2026';\n");
    assert.equal(requireWithCodeCache(ascii, undefined), 'plain \u2026');
    const utf8 = path.join(dir, 'utf8.js');
    writeFileSync(utf8, "module.exports = 'caf\u00e9 \u2026 \u{1F600}';\n");
    assert.equal(requireWithCodeCache(utf8, undefined), 'caf\u00e9 \u2026 \u{1F600}');
  });

  it('ignores a missing cache and one with no data after its digest', () => {
    assert.equal(readCodeCache(path.join(dir, 'none.cache'), module), undefined);
    assert.equal(readCodeCache(cacheOf(module, Buffer.alloc(0)), module), undefined);
  });
});
