/** One measured number and, where the product has one, its target. */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "<= 0.3x Redocly" or "< 100 ms". */
  target?: string;
  /** Whether the value meets the target; undefined when there is none. */
  ok?: boolean;
}

export type Benchmark = () => Promise<BenchRow[]>;

/** Median of repeated timings in milliseconds: one slow run (a GC pause) should not decide a result. */
export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
