/**
 * The `apigw` executable: loads the CLI program (`program.js` beside it) with the V8 code cache the build wrote after
 * running it once, so that a run starts from bytecode instead of compiling the 2 MB bundle and every function it calls.
 * Without a cache that fits (none written, another Node version, a rebuilt program) V8 compiles the program as usual.
 */
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { requireWithCodeCache } from '../util/codeCache';
import { CLI_V8_FLAGS } from './tiering';

// Before anything is loaded: V8 accepts a code cache only under the flags it was made with, and the build makes the
// caches through this same launcher.
setFlagsFromString(CLI_V8_FLAGS);
// The program starts its command only when it is the main module, as when it is run directly.
requireWithCodeCache(path.join(__dirname, 'program.js'), module, true);
