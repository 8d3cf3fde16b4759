// What an editor asks of the language server while the user types in a large definition: completion on a fresh line
// and while a key is half typed (the text then does not parse), the diagnostics of that broken version, and the
// template colours after an edit. Each is the median over several keystrokes, in one service, as in the editor.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/languageService';
import type { BenchRow } from './benchTypes';

const ROOT = path.resolve(__dirname, '../..');

function median(times: number[]): number {
  return [...times].sort((a, b) => a - b)[times.length >> 1];
}

async function timed(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export default async function editingBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [1000, 7000]) {
    const text = String(execFileSync(process.execPath, [path.join(ROOT, '../shared/bench/gen-synthetic.js'), String(n), 'yaml'], { maxBuffer: 1 << 30 }));
    const group = `editing N=${n} yaml (${(text.length / 1048576).toFixed(1)} MB)`;
    const service = createLanguageService();
    const document = TextDocument.create('file:///bench/api.yaml', 'yaml', 1, text);
    await service.doValidation(document);
    service.getSemanticTokens(document);
    const times = { emptyLine: [] as number[], halfTyped: [] as number[], brokenDiagnostics: [] as number[], colours: [] as number[] };
    let current = text;
    // Each round types a new key on a fresh line of an operation further down, then deletes the line again.
    for (let round = 0; round < 7; round++) {
      const anchor = current.indexOf('\n      x-amazon-apigateway-integration:', Math.floor((current.length * (round + 2)) / 10));
      const update = (next: string) => {
        current = next;
        TextDocument.update(document, [{ text: current }], document.version + 1);
      };
      update(`${current.slice(0, anchor)}\n      ${current.slice(anchor)}`);
      const lineEnd = anchor + 7;
      await service.doValidation(document);
      times.emptyLine.push(await timed(() => service.doComplete(document, document.positionAt(lineEnd))));
      update(`${current.slice(0, lineEnd)}x-am${current.slice(lineEnd)}`);
      times.brokenDiagnostics.push(await timed(() => service.doValidation(document)));
      times.halfTyped.push(await timed(() => service.doComplete(document, document.positionAt(lineEnd + 4))));
      update(`${current.slice(0, anchor)}${current.slice(lineEnd + 4)}`);
      await service.doValidation(document);
      times.colours.push(await timed(() => service.getSemanticTokens(document)));
    }
    rows.push({ group, name: 'completion on a new line of an operation', value: median(times.emptyLine), unit: 'ms' });
    rows.push({ group, name: 'completion while a key is half typed (text does not parse)', value: median(times.halfTyped), unit: 'ms' });
    rows.push({ group, name: 'diagnostics of that version (the syntax error)', value: median(times.brokenDiagnostics), unit: 'ms' });
    rows.push({ group, name: 'template colours after an edit', value: median(times.colours), unit: 'ms' });
  }
  return rows;
}
