/**
 * Loading a large generated module with a V8 code cache written beside it (`FILE.cache`), so that a cold process
 * starts from bytecode instead of compiling the module and every function it calls. The build writes the caches by
 * running the command line once with `APIGW_WRITE_CODE_CACHE=1`; a cache that does not fit (none written, another
 * Node or Electron version, a rebuilt module) is ignored and the module compiles as usual.
 */
import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Set by the build, which runs the CLI once to write the caches when it exits. */
export const WRITE_CODE_CACHE = process.env.APIGW_WRITE_CODE_CACHE === '1';
/**
 * A cache starts with the CRC-32 and the SHA-1 of the module it was made from: V8 checks the source's length, not its
 * content. A loader compares the CRC-32 where Node has `zlib.crc32` (Node 20.15 and later), which with its module
 * costs a cold process a third of what loading `crypto` and hashing the module take, and the SHA-1 otherwise. The
 * CRC-32 guards against a stale cache, not against tampering: the build writes each cache with its module, and a module
 * rebuilt to the same length with the same CRC-32 but no new cache is a one in four billion chance.
 */
const CRC_BYTES = 4;
const SHA1_BYTES = 20;
const DIGEST_BYTES = CRC_BYTES + SHA1_BYTES;

export type Crc32 = (data: Uint8Array) => number;

/**
 * Runs the CommonJS module `file` as `require` would, with its code cache. `main`: the module stands for the process's
 * main module, as the command line program must to start its command.
 */
export function requireWithCodeCache(file: string, parent: NodeModule | undefined, main = false): unknown {
  const bytes = readFileSync(file);
  const cacheFile = `${file}.cache`;
  const cached = WRITE_CODE_CACHE ? undefined : readCodeCache(cacheFile, bytes);
  // The build keeps its bundles ASCII, which reads as Latin-1 several times faster than UTF-8 is decoded, and makes a
  // string of one byte per character.
  const source = (typeof isAscii === 'function' && isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')).replace(/^#!.*/, '');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached });
  const loaded = new Module(file, parent);
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const moduleRequire = Module.createRequire(file);
  if (main) moduleRequire.main = loaded;
  // Written at exit, so that the cache holds every function the run compiled, not just the module's top level.
  if (WRITE_CODE_CACHE) {
    const write = () => writeFileSync(cacheFile, Buffer.concat([codeCacheDigest(bytes), script.createCachedData()]));
    cachesToWrite.push(write);
    process.on('exit', write);
  }
  script.runInThisContext()(loaded.exports, moduleRequire, loaded, file, path.dirname(file));
  loaded.loaded = true;
  return loaded.exports;
}

const cachesToWrite: (() => void)[] = [];

/**
 * Writes the caches of the modules this thread has loaded so far, for a worker thread: the build's run ends by exiting
 * its process, which stops workers without the exit that would write theirs.
 */
export function writeCodeCaches(): void {
  for (const write of cachesToWrite) write();
}

/** The V8 data of `cacheFile` when it was made from `module`; `crc32` is Node's, null where it has none. */
export function readCodeCache(cacheFile: string, module: Buffer, crc32: Crc32 | null = zlibCrc32() ?? null): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (cache.length <= DIGEST_BYTES) return undefined;
  const fits = crc32 ? cache.readUInt32LE(0) === crc32(module) : cache.subarray(CRC_BYTES, DIGEST_BYTES).equals(sha1(module));
  return fits ? cache.subarray(DIGEST_BYTES) : undefined;
}

/** What a cache made from `module` starts with. */
export function codeCacheDigest(module: Buffer): Buffer {
  const crc32 = zlibCrc32();
  if (!crc32) throw new Error('writing code caches needs zlib.crc32 (Node 20.15 or later)');
  const crc = Buffer.alloc(CRC_BYTES);
  crc.writeUInt32LE(crc32(module));
  return Buffer.concat([crc, sha1(module)]);
}

function zlibCrc32(): Crc32 | undefined {
  return (require('node:zlib') as { crc32?: Crc32 }).crc32;
}

function sha1(bytes: Buffer): Buffer {
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha1').update(bytes).digest();
}
