// One cold validation in a fresh process, for first-call time and peak memory: node validationWorker.mjs ours|redocly FILE
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [engine, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const start = performance.now();
let problems;
if (engine === 'ours') {
  // The bundled CLI's service: what `apigw lint` runs.
  const require = createRequire(import.meta.url);
  const { createLanguageService } = require(resolve('out/bench/languageService.js'));
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const service = createLanguageService();
  problems = (await service.doValidation(TextDocument.create(pathToFileURL(file).href, file.endsWith('.json') ? 'json' : 'yaml', 1, text))).length;
} else {
  const redocly = await import('@redocly/openapi-core');
  const config = await redocly.createConfig({ extends: ['recommended'] });
  problems = (await redocly.lintFromString({ source: text, absoluteRef: pathToFileURL(file).href, config })).length;
}
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, problems }));
