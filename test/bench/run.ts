// `npm run bench`: runs every benchmark module in this folder (files named *.bench.ts) and prints one table.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Benchmark, BenchRow } from './benchTypes';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const rows: BenchRow[] = [];
  for (const file of files) {
    const module = (await import(path.join(__dirname, file))) as { default: Benchmark };
    process.stderr.write(`running ${file}...\n`);
    try {
      rows.push(...(await module.default()));
    } catch (error) {
      rows.push({ group: file, name: `failed: ${error instanceof Error ? error.message : String(error)}`, value: NaN, unit: '', ok: false });
    }
  }
  print(rows);
  if (global.gc) global.gc();
}

function print(rows: BenchRow[]): void {
  const header = ['group', 'measurement', 'value', 'target', 'ok'];
  const table = rows.map((r) => [r.group, r.name, `${Number.isFinite(r.value) ? round(r.value) : '-'} ${r.unit}`.trim(), r.target ?? '', r.ok === undefined ? '' : r.ok ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
}

function round(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
