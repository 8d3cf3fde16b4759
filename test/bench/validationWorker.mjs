// One engine in a process of its own: node validationWorker.mjs ours|redocly FILE [cold|warm]
// cold: the first validation of a fresh process (time and peak memory). warm: five validations to warm the JIT (both
// engines still speed up over their first few runs as V8 optimises their hot functions), then the median of five, each
// by a new language service (ours) or a new lint call (Redocly), so no result of an earlier run helps. Each engine gets
// a clean process, so neither pays for the other's heap.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [engine, file, mode = 'cold'] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');

async function engineRun() {
  if (engine === 'ours') {
    // The bundled service: what the language server and `apigw lint` run.
    const require = createRequire(import.meta.url);
    const { createLanguageService } = require(resolve('out/bench/languageService.js'));
    const { TextDocument } = require('vscode-languageserver-textdocument');
    const uri = pathToFileURL(file).href;
    const language = file.endsWith('.json') ? 'json' : 'yaml';
    return async () => (await createLanguageService().doValidation(TextDocument.create(uri, language, 1, text))).length;
  }
  const redocly = await import('@redocly/openapi-core');
  const config = await redocly.createConfig({ extends: ['recommended'] });
  const ref = pathToFileURL(file).href;
  return async () => (await redocly.lintFromString({ source: text, absoluteRef: ref, config })).length;
}

const WARM_UP_RUNS = 5;

if (mode === 'warm') {
  const run = await engineRun();
  for (let i = 0; i < WARM_UP_RUNS; i++) await run();
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ ms: times[2] }));
} else {
  const start = performance.now();
  const run = await engineRun();
  const problems = await run();
  const ms = performance.now() - start;
  console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, problems }));
}
