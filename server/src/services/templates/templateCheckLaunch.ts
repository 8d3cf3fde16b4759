/**
 * The template check worker's entry (`workers/templateChecks.js`): loads the checks (`templateCheckProgram.js` beside
 * it) with the V8 code cache the build wrote, as the CLI loads its program. A fresh worker otherwise compiles the
 * checks before it can answer, and in a cold `apigw lint` of a large definition the validation waits for that answer.
 */
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { requireWithCodeCache, writeCodeCaches, WRITE_CODE_CACHE } from '../../util/codeCache';

requireWithCodeCache(path.join(__dirname, 'templateCheckProgram.js'), module);

// Listening after the checks do, this runs once a request's checks are answered, with every function they compiled.
if (WRITE_CODE_CACHE) parentPort?.on('message', () => writeCodeCaches());
