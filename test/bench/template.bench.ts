// Template engine speed: full API Gateway semantics against raw velocityjs on the same template, and the evaluator's
// keystroke-to-output path.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderTemplate } from '../../server/src/template/engine';
import { createLanguageService } from '../../server/src/languageService';
import { evaluateTemplate, findTemplate } from '../../server/src/services/templateEvaluation';
import { bodyOf, renderRaw, TEMPLATE } from './fixtures/templateWorkload';
import type { BenchRow } from './benchTypes';
import { completeInTemplate } from '../../server/src/services/templates/templateCompletion';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { manySetsAndLoops, petStore } from '../unit/templateEditing/fixtures';

function fastest(run: () => void, rounds: number): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

export default async function templateBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [label, bytes, rounds] of [['10 KB', 10 * 1024, 300], ['1 MB', 1024 * 1024, 20]] as const) {
    const body = bodyOf(bytes);
    const request = { body };
    fastest(() => renderRaw(body), 5);
    fastest(() => renderTemplate(TEMPLATE, request), 5);
    const raw = fastest(() => renderRaw(body), rounds);
    const full = fastest(() => renderTemplate(TEMPLATE, request), rounds);
    const group = `template on a ${label} body`;
    rows.push({ group, name: 'raw velocityjs (fastest run)', value: raw, unit: 'ms' });
    rows.push({ group, name: 'full API Gateway semantics (fastest run)', value: full, unit: 'ms' });
    rows.push({ group, name: 'ratio full/raw', value: full / raw, unit: 'x', target: '<= 1.3x', ok: full / raw <= 1.3 });
  }

  // A keystroke in the evaluator: the server re-parses the edited document, finds the template and renders it.
  const text = readFileSync(path.resolve(__dirname, '../../examples/petstore.yaml'), 'utf8');
  const service = createLanguageService();
  const offset = text.indexOf("#set($pet = $input.path('$'))");
  const sample = { body: JSON.stringify({ name: 'x'.repeat(9000), type: 'dog', price: 1, tags: Array.from({ length: 40 }, (_, i) => `tag${i}`) }) };
  let version = 1;
  const keystroke = () => {
    const document = service.parse(TextDocument.create('file:///petstore.yaml', 'yaml', version++, text));
    evaluateTemplate(document, findTemplate(document, offset)!, sample);
  };
  keystroke();
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    keystroke();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.floor(times.length * 0.95)];
  rows.push({ group: 'evaluator keystroke (10 KB sample)', name: 'edit to new output, p95', value: p95, unit: 'ms', target: '< 50 ms', ok: p95 < 50 });

  // Completion of a variable's members (`$t.` in a loop over a `#set` chain) in a 10 KB template of #set and #foreach.
  const marked = petStore(`|\n${manySetsAndLoops().map((line) => `            ${line}`).join('\n')}`);
  const cursor = marked.indexOf('‸');
  const completed = parseApiDocument(TextDocument.create('file:///api.yaml', 'yaml', 1, marked.slice(0, cursor) + marked.slice(cursor + 1)));
  const completion = fastest(() => completeInTemplate(completed, cursor), 5);
  const completions: number[] = [];
  for (let i = 0; i < 30; i++) completions.push(fastest(() => completeInTemplate(completed, cursor), 1));
  completions.sort((a, b) => a - b);
  const completionP95 = Math.max(completion, completions[Math.floor(completions.length * 0.95)]);
  rows.push({ group: 'template completion (10 KB of #set and #foreach)', name: 'variable members, p95', value: completionP95, unit: 'ms', target: '< 50 ms', ok: completionP95 < 50 });
  return rows;
}
