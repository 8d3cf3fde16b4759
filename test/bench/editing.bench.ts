// What an editor asks of the language server while the user types in a large definition: completion on a fresh line
// and while a key is half typed (the text then does not parse), the diagnostics, lenses and folds of that broken
// version, and the template colours after an edit; and a key typed in a JSON definition. Each is the median over
// several keystrokes, in one service, as in the editor.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/languageService';
import { medianMs, type BenchRow } from './benchTypes';

const ROOT = path.resolve(__dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared');

function median(times: number[]): number {
  return [...times].sort((a, b) => a - b)[times.length >> 1];
}

/** One request's time: each keystroke asks once, so the median is taken over keystrokes, not over repeats. */
async function timed(fn: () => unknown): Promise<number> {
  return medianMs(1, fn);
}

export default async function editingBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [1000, 7000]) {
    const text = String(execFileSync(process.execPath, [path.join(SHARED, 'bench', 'gen-synthetic.js'), String(n), 'yaml'], { maxBuffer: 1 << 30 }));
    const group = `editing N=${n} yaml (${(text.length / 1048576).toFixed(1)} MB)`;
    const service = createLanguageService();
    const document = TextDocument.create('file:///bench/api.yaml', 'yaml', 1, text);
    await service.doValidation(document);
    service.getSemanticTokens(document);
    const times = { emptyLine: [] as number[], halfTyped: [] as number[], brokenDiagnostics: [] as number[], brokenLenses: [] as number[], brokenFolds: [] as number[], colours: [] as number[], templateEdit: [] as number[] };
    let current = text;
    // Edits reach the document as the editor sends them: a range and its new text.
    const edit = (start: number, end: number, inserted: string) => {
      TextDocument.update(document, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text: inserted }], document.version + 1);
      current = current.slice(0, start) + inserted + current.slice(end);
    };
    // Each round types a new key on a fresh line of an operation further down, then deletes the line again.
    for (let round = 0; round < 7; round++) {
      const anchor = current.indexOf('\n      x-amazon-apigateway-integration:', Math.floor((current.length * (round + 2)) / 10));
      edit(anchor, anchor, '\n      ');
      const lineEnd = anchor + 7;
      await service.doValidation(document);
      times.emptyLine.push(await timed(() => service.doComplete(document, document.positionAt(lineEnd))));
      edit(lineEnd, lineEnd, 'x-am');
      times.brokenDiagnostics.push(await timed(() => service.doValidation(document)));
      times.halfTyped.push(await timed(() => service.doComplete(document, document.positionAt(lineEnd + 4))));
      times.brokenLenses.push(await timed(() => service.getCodeLenses(document)));
      times.brokenFolds.push(await timed(() => service.getFoldingRanges(document)));
      edit(anchor, lineEnd + 4, '');
      await service.doValidation(document);
      times.colours.push(await timed(() => service.getSemanticTokens(document)));
      // An edit inside a template: that template is coloured anew, the others come from the cache.
      const template = current.indexOf('"requestId": "$ctx.requestId"', anchor);
      edit(template, template, `"round": ${round}, `);
      await service.doValidation(document);
      times.templateEdit.push(await timed(() => service.getSemanticTokens(document)));
    }
    rows.push({ group, name: 'completion on a new line of an operation', value: median(times.emptyLine), unit: 'ms' });
    rows.push({ group, name: 'completion while a key is half typed (text does not parse)', value: median(times.halfTyped), unit: 'ms' });
    rows.push({ group, name: 'diagnostics of that version (the syntax error)', value: median(times.brokenDiagnostics), unit: 'ms' });
    rows.push({ group, name: 'code lenses of that version', value: median(times.brokenLenses), unit: 'ms' });
    rows.push({ group, name: 'folding ranges of that version', value: median(times.brokenFolds), unit: 'ms' });
    rows.push({ group, name: 'template colours after an edit outside templates', value: median(times.colours), unit: 'ms' });
    rows.push({ group, name: 'template colours after an edit inside a template', value: median(times.templateEdit), unit: 'ms' });
  }
  rows.push(...(await jsonTyping(1000)));
  return rows;
}

/**
 * A key typed on a new line of an operation in a JSON definition, as the editor sends it: the quotes it closes itself
 * (`""`), then the word inside them. No version parses until the key has its colon and value; completion is asked
 * first, before the debounced validation, and a full parse of the whole text would have to refuse each one.
 */
async function jsonTyping(n: number): Promise<BenchRow[]> {
  const text = String(execFileSync(process.execPath, [path.join(SHARED, 'bench', 'gen-synthetic.js'), String(n), 'json'], { maxBuffer: 1 << 30 }));
  const group = `editing N=${n} json (${(text.length / 1048576).toFixed(1)} MB)`;
  const service = createLanguageService();
  const document = TextDocument.create('file:///bench/api.json', 'json', 1, text);
  await service.doValidation(document);
  const times = { completion: [] as number[], diagnostics: [] as number[] };
  for (let round = 0; round < 7; round++) {
    const current = document.getText();
    const anchor = current.lastIndexOf('\n', current.indexOf('"x-amazon-apigateway-integration":', Math.floor((current.length * (round + 2)) / 10)));
    const at = anchor + '\n        "'.length;
    TextDocument.update(document, [{ range: { start: document.positionAt(anchor), end: document.positionAt(anchor) }, text: '\n        ""' }], document.version + 1);
    times.completion.push(await timed(() => service.doComplete(document, document.positionAt(at))));
    times.diagnostics.push(await timed(() => service.doValidation(document)));
    TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at) }, text: 'x-am' }], document.version + 1);
    times.completion.push(await timed(() => service.doComplete(document, document.positionAt(at + 4))));
    times.diagnostics.push(await timed(() => service.doValidation(document)));
    TextDocument.update(document, [{ range: { start: document.positionAt(anchor), end: document.positionAt(at + 5) }, text: '' }], document.version + 1);
    await service.doValidation(document);
  }
  return [
    { group, name: 'completion while a key is typed in quotes (text does not parse)', value: median(times.completion), unit: 'ms' },
    { group, name: 'diagnostics of those versions (the syntax errors)', value: median(times.diagnostics), unit: 'ms' },
  ];
}
