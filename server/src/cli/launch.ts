/**
 * The `apigw` executable: loads the CLI program (`program.js` beside it) with the V8 code cache the build wrote after
 * running it once, so that a run starts from bytecode instead of compiling the 2 MB bundle and every function it calls.
 * Without a cache that fits (none written, another Node version, a rebuilt program) V8 compiles the program as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const PROGRAM = path.join(__dirname, 'program.js');
const CACHE = path.join(__dirname, 'program.cache');
/** Set by the build, which runs the CLI once to write the cache. */
const WRITE_CACHE = process.env.APIGW_WRITE_CODE_CACHE === '1';
/** The cache starts with the SHA-1 of the program it was made from: V8 checks the source's length, not its content. */
const DIGEST_BYTES = 20;

function load(): void {
  const bytes = readFileSync(PROGRAM);
  const digest = createHash('sha1').update(bytes).digest();
  const cached = WRITE_CACHE ? undefined : readCache(digest);
  const source = bytes.toString('utf8').replace(/^#!.*/, '');
  const script = new vm.Script(Module.wrap(source), { filename: PROGRAM, cachedData: cached });
  const program = new Module(PROGRAM, module);
  program.filename = PROGRAM;
  program.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  // The program starts its command only when it is the main module, as when it is run directly.
  const programRequire = Module.createRequire(PROGRAM);
  programRequire.main = program;
  if (WRITE_CACHE) process.on('exit', () => writeFileSync(CACHE, Buffer.concat([digest, script.createCachedData()])));
  script.runInThisContext()(program.exports, programRequire, program, PROGRAM, __dirname);
  program.loaded = true;
}

function readCache(digest: Buffer): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  return cache.length > DIGEST_BYTES && cache.subarray(0, DIGEST_BYTES).equals(digest) ? cache.subarray(DIGEST_BYTES) : undefined;
}

load();
