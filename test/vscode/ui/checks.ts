// Counts UI checks the way the other test tiers count tests, so the aggregate report can sum them.
import { writeFileSync } from 'node:fs';

export class Checks {
  passed = 0;
  failed = 0;

  /** Runs one named check; a thrown error fails it and is reported, the next checks still run. */
  async check(name: string, body: () => Promise<void>): Promise<void> {
    const started = Date.now();
    try {
      await body();
      this.passed++;
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      this.failed++;
      console.log(`  ✘ ${name}\n    ${error instanceof Error ? error.message.split('\n').join('\n    ') : String(error)}`);
    }
  }

  /** Writes {"passed","failed"} to APIGW_STATS_FILE when set; returns the process exit code. */
  finish(): number {
    writeStats(this.passed, this.failed);
    console.log(`${this.passed} passing, ${this.failed} failing`);
    return this.failed > 0 ? 1 : 0;
  }
}

function writeStats(passed: number, failed: number): void {
  const statsFile = process.env.APIGW_STATS_FILE;
  if (statsFile) writeFileSync(statsFile, JSON.stringify({ passed, failed }) + '\n');
}

/**
 * Runs a UI check script and exits with its code. A script that cannot run at all counts as one failed check, so the
 * aggregate does not silently lose it.
 */
export function runUiCheck(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`UI check could not run: ${error instanceof Error ? error.stack : String(error)}`);
      writeStats(0, 1);
      process.exit(1);
    },
  );
}
