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
    const statsFile = process.env.APIGW_STATS_FILE;
    if (statsFile) writeFileSync(statsFile, JSON.stringify({ passed: this.passed, failed: this.failed }) + '\n');
    console.log(`${this.passed} passing, ${this.failed} failing`);
    return this.failed > 0 ? 1 : 0;
  }
}
