/**
 * Loading a large generated module with a V8 code cache written beside it (`FILE.cache`), so that a cold process
 * starts from bytecode instead of compiling the module and every function it calls. The build writes the caches by
 * running the command line once with `APIGW_WRITE_CODE_CACHE=1`; a cache that does not fit (none written, another
 * Node or Electron version, a rebuilt module) is ignored and the module compiles as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Set by the build, which runs the CLI once to write the caches when it exits. */
export const WRITE_CODE_CACHE = process.env.APIGW_WRITE_CODE_CACHE === '1';
/** A cache starts with the SHA-1 of the module it was made from: V8 checks the source's length, not its content. */
const DIGEST_BYTES = 20;

/**
 * Runs the CommonJS module `file` as `require` would, with its code cache. `main`: the module stands for the process's
 * main module, as the command line program must to start its command.
 */
export function requireWithCodeCache(file: string, parent: NodeModule | undefined, main = false): unknown {
  const bytes = readFileSync(file);
  const digest = createHash('sha1').update(bytes).digest();
  const cacheFile = `${file}.cache`;
  const cached = WRITE_CODE_CACHE ? undefined : readCache(cacheFile, digest);
  const source = bytes.toString('utf8').replace(/^#!.*/, '');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached });
  const loaded = new Module(file, parent);
  loaded.filename = file;
  loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const moduleRequire = Module.createRequire(file);
  if (main) moduleRequire.main = loaded;
  // Written at exit, so that the cache holds every function the run compiled, not just the module's top level.
  if (WRITE_CODE_CACHE) {
    const write = () => writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()]));
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

function readCache(cacheFile: string, digest: Buffer): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return cache.length > DIGEST_BYTES && cache.subarray(0, DIGEST_BYTES).equals(digest) ? cache.subarray(DIGEST_BYTES) : undefined;
}
