// Validation speed and memory against Redocly's recommended ruleset on the same files, measured in one run; each
// engine's warm and first-call times come from a process of its own, so that neither pays for the other's heap.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { build } from 'esbuild';
import { createLanguageService } from '../../server/src/languageService';
import { medianMs, type BenchRow } from './benchTypes';

const ROOT = path.resolve(__dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared');
const WORK = path.join(ROOT, 'out', 'bench');

function generate(n: number, format: 'yaml' | 'json'): string {
  const file = path.join(WORK, `synthetic-${n}.${format}`);
  const text = execFileSync(process.execPath, [path.join(SHARED, 'bench', 'gen-synthetic.js'), String(n), format], { cwd: ROOT, maxBuffer: 1 << 30 });
  writeFileSync(file, text);
  return file;
}

function largestCorpusFile(): string {
  const dir = path.join(SHARED, 'corpus', 'openapi');
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

function cold(engine: 'ours' | 'redocly', file: string): { ms: number; maxRssMB: number; wallMs: number } {
  const start = performance.now();
  const out = execFileSync(process.execPath, [path.join(__dirname, 'validationWorker.mjs'), engine, file, 'cold'], { cwd: ROOT, maxBuffer: 1 << 26 });
  const wallMs = performance.now() - start;
  return { ...JSON.parse(String(out)), wallMs };
}

/** Median warm time of one engine in a process of its own (see validationWorker.mjs). */
function warm(engine: 'ours' | 'redocly', file: string): number {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'validationWorker.mjs'), engine, file, 'warm'], { cwd: ROOT, maxBuffer: 1 << 26 });
  return (JSON.parse(String(out)) as { ms: number }).ms;
}

/**
 * Both engines' warm times, their processes taken in turns: the machine's speed drifts over a run (other work on the
 * host), and a drift between two measurements taken one after the other would show up in their ratio. Each time is
 * the median of its engine's processes.
 */
function warmSideBySide(file: string, pairs: number): { ours: number; theirs: number } {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    ours.push(warm('ours', file));
    theirs.push(warm('redocly', file));
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[times.length >> 1];
  return { ours: median(ours), theirs: median(theirs) };
}

/**
 * Pairs of warm processes for the rows that have a target; the other rows take one pair. This machine's speed swings
 * by a third between minutes (the same bundle measured 665 ms and 1030 ms on the N=5000 definition in one hour), and
 * the median of five pairs is moved by fewer of those swings than that of three.
 */
const PAIRS_FOR_TARGETS = 5;

/** A whole process, start to exit, as a user or a CI job runs it; its output goes to a pipe. */
function processMs(args: string[], env?: NodeJS.ProcessEnv): number {
  const start = performance.now();
  try {
    execFileSync(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 28, env });
  } catch {
    // exit 1 when the file has errors; the timing still counts
  }
  return performance.now() - start;
}

const RUNS_PER_COMMAND = 5;

/**
 * `apigw lint` and Redocly's own command line (`redocly lint`, its recommended ruleset, telemetry and the update
 * notice off, as on a machine without network) on the same file, taken in turns so that both see the same load.
 */
function commandLinesCold(file: string): { ours: number; redocly: number } {
  const ours: number[] = [];
  const redocly: number[] = [];
  const redoclyEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  for (let i = 0; i < RUNS_PER_COMMAND; i++) {
    ours.push(processMs([path.join(ROOT, 'dist', 'cli', 'apigw.js'), 'lint', file, '--format', 'json']));
    redocly.push(processMs([path.join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', file, '--format', 'json'], redoclyEnv));
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[times.length >> 1];
  return { ours: median(ours), redocly: median(redocly) };
}

/** A new version with the same text, in the service that validated the previous one (its caches and results kept). */
async function oursRevalidation(file: string, text: string): Promise<number> {
  const service = createLanguageService();
  const uri = pathToFileURL(file).href;
  const language = file.endsWith('.json') ? 'json' : 'yaml';
  const document = TextDocument.create(uri, language, 1, text);
  await service.doValidation(document);
  // Changed and changed back: a real new version whose text matches, so that it is parsed and validated again.
  return medianMs(5, async () => {
    TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }], document.version + 1);
    TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }], document.version + 1);
    await service.doValidation(document);
  });
}

/**
 * An edit of one line, as the editor sends it (an incremental change of the open document) and as the language server
 * handles it: a new version of the same document, validated by the service that validated the previous versions.
 */
async function oneLineEdit(file: string, text: string): Promise<number> {
  const service = createLanguageService();
  const uri = pathToFileURL(file).href;
  const json = file.endsWith('.json');
  const document = TextDocument.create(uri, json ? 'json' : 'yaml', 1, text);
  await service.doValidation(document);
  const summary = json ? '"summary": "' : 'summary: ';
  const at = document.positionAt(text.indexOf(summary) + summary.length);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    TextDocument.update(document, [{ range: { start: at, end: at }, text: `edited ${i} ` }], document.version + 1);
    const start = performance.now();
    await service.doValidation(document);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[3];
}

export default async function validationBench(): Promise<BenchRow[]> {
  mkdirSync(WORK, { recursive: true });
  await build({ entryPoints: [path.join(ROOT, 'server/src/languageService.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(WORK, 'languageService.js'), mainFields: ['module', 'main'], logLevel: 'error' });
  // Beside the bundle, as in the package: the OpenAPI validators the build precompiled, which the server and CLI load
  // instead of compiling the schemas at their first use (`npm run bench` builds them first).
  cpSync(path.join(ROOT, 'dist', 'openapi-validators'), path.join(WORK, '..', 'openapi-validators'), { recursive: true });
  // And the template check worker, which the service finds there too (templateCheckThread.ts).
  cpSync(path.join(ROOT, 'dist', 'workers'), path.join(WORK, '..', 'workers'), { recursive: true });
  const rows: BenchRow[] = [];
  const files = [
    { label: 'N=100 yaml', file: generate(100, 'yaml') },
    { label: 'N=1000 yaml', file: generate(1000, 'yaml'), target: 0.3 },
    { label: 'N=1000 json', file: generate(1000, 'json') },
    { label: 'N=5000 yaml', file: generate(5000, 'yaml'), target: 0.4 },
    { label: `corpus ${path.basename(largestCorpusFile())}`, file: largestCorpusFile() },
  ];
  const { readFileSync } = await import('node:fs');
  for (const { label, file, target } of files) {
    const text = readFileSync(file, 'utf8');
    const sizeMB = (text.length / 1048576).toFixed(2);
    const { ours, theirs } = warmSideBySide(file, target ? PAIRS_FOR_TARGETS : 1);
    const ratio = ours / theirs;
    const group = `validate ${label} (${sizeMB} MB)`;
    rows.push({ group, name: `ours, full validation (fresh service, warm process of its own${target ? `, median of ${PAIRS_FOR_TARGETS} taken in turns with Redocly's` : ''})`, value: ours, unit: 'ms' });
    rows.push({ group, name: 'Redocly recommended, warm (process of its own)', value: theirs, unit: 'ms' });
    rows.push({ group, name: 'ratio ours full / Redocly, warm', value: ratio, unit: 'x', target: target ? `<= ${target}x` : undefined, ok: target ? ratio <= target : undefined });
    const again = await oursRevalidation(file, text);
    rows.push({ group, name: 'ours, re-validation of a new version (with caches)', value: again, unit: 'ms' });
    rows.push({ group, name: 'ratio ours re-validation / Redocly, warm (editor)', value: again / theirs, unit: 'x', target: target ? `<= ${target}x` : undefined, ok: target ? again / theirs <= target : undefined });
    const oursCold = cold('ours', file);
    const theirsCold = cold('redocly', file);
    rows.push({ group: `validate ${label} (${sizeMB} MB)`, name: 'ours, first call (fresh process)', value: oursCold.ms, unit: 'ms' });
    rows.push({ group: `validate ${label} (${sizeMB} MB)`, name: 'Redocly, first call (fresh process)', value: theirsCold.ms, unit: 'ms' });
    rows.push({ group: `validate ${label} (${sizeMB} MB)`, name: 'peak RSS ours / Redocly', value: oursCold.maxRssMB / theirsCold.maxRssMB, unit: `x (${oursCold.maxRssMB.toFixed(0)} / ${theirsCold.maxRssMB.toFixed(0)} MB)`, target: target === 0.4 ? '< 1x' : undefined, ok: target === 0.4 ? oursCold.maxRssMB < theirsCold.maxRssMB : undefined });
    if (label.startsWith('N=1000')) {
      const edit = await oneLineEdit(file, text);
      rows.push({ group: `validate ${label} (${sizeMB} MB)`, name: 'one-line edit to diagnostics', value: edit, unit: 'ms', target: '< 100 ms', ok: edit < 100 });
    }
    if (label === 'N=1000 yaml') {
      const cli = commandLinesCold(file);
      rows.push({ group: `validate ${label} (${sizeMB} MB)`, name: '`apigw lint` cold / `redocly lint` cold (whole processes, median of 5)', value: cli.ours / cli.redocly, unit: `x (${cli.ours.toFixed(0)} / ${cli.redocly.toFixed(0)} ms)`, target: '<= 0.5x', ok: cli.ours / cli.redocly <= 0.5 });
      // The lighter stand-in measured before: Redocly's library loaded and run once in a fresh process, no CLI around it.
      const core = theirsCold.wallMs;
      rows.push({ group: `validate ${label} (${sizeMB} MB)`, name: '`apigw lint` cold / Redocly library, first call in a fresh process', value: cli.ours / core, unit: `x (${cli.ours.toFixed(0)} / ${core.toFixed(0)} ms)` });
    }
  }
  return rows;
}
