// Runs every test tier and ends with one line summing them: "N passed, N failed".
//   node test/runAll.mjs                 all tiers
//   node test/runAll.mjs unit protocol   chosen tiers (typecheck, unit, oracle, protocol, vscode)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const mocha = (glob) => ['npx', ['mocha', '--require', 'tsx/cjs', '--reporter', 'test/support/statsReporter.cjs', '--timeout', '30000', glob]];

const TIERS = {
  typecheck: { single: true, command: ['npx', ['tsc', '--noEmit', '-p', '.']] },
  // The mocha tiers get a temporary folder of their own, removed after them, so that what a test leaves there (a
  // killed child's files, a folder a failing test never reached the end of) does not pile up on the machine.
  unit: { scratch: true, command: mocha('test/unit/**/*.test.ts') },
  // Our engine against the originals, installed from Debian's packages: Apache Velocity 1.7, java.util.regex and the
  // JSON Schema test suite.
  oracle: { before: ['bash', ['scripts/ensure-oracles.sh']], scratch: true, command: mocha('test/oracle/**/*.test.ts') },
  protocol: { before: ['node', ['build.mjs']], scratch: true, command: mocha('test/protocol/**/*.test.ts') },
  vscode: { command: ['bash', ['scripts/test-vscode.sh']] },
};

const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(TIERS);
const statsDir = mkdtempSync(join(tmpdir(), 'apigw-stats-'));
let passed = 0;
let failed = 0;
let skipped = 0;

function run([cmd, args], env) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

/** A tier may write one stats file or several (`<file>.<part>`); all are summed. */
function readStats(file) {
  const parts = [file, `${file}.suite`, `${file}.ui`].filter((f) => existsSync(f));
  return parts.map((f) => JSON.parse(readFileSync(f, 'utf8')));
}

for (const name of chosen) {
  const tier = TIERS[name];
  if (!tier) {
    console.error(`unknown tier '${name}'; tiers: ${Object.keys(TIERS).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  if (tier.before && run(tier.before, {}) !== 0) {
    console.log(`${name}: setup failed`);
    failed++;
    continue;
  }
  const statsFile = join(statsDir, `${name}.json`);
  const scratch = tier.scratch ? mkdtempSync(join(tmpdir(), `apigw-${name}-`)) : undefined;
  const status = run(tier.command, { APIGW_STATS_FILE: statsFile, ...(scratch ? { TMPDIR: scratch, TMP: scratch, TEMP: scratch } : {}) });
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  if (tier.single) {
    if (status === 0) passed++;
    else failed++;
    continue;
  }
  const stats = readStats(statsFile);
  const tierPassed = stats.reduce((n, s) => n + (s.passed ?? 0), 0);
  let tierFailed = stats.reduce((n, s) => n + (s.failed ?? 0), 0);
  skipped += stats.reduce((n, s) => n + (s.skipped ?? 0), 0);
  // A tier that crashed before reporting, or exited non-zero with nothing failed, still counts as a failure.
  if (status !== 0 && tierFailed === 0) tierFailed = 1;
  console.log(`${name}: ${tierPassed} passed, ${tierFailed} failed`);
  passed += tierPassed;
  failed += tierFailed;
}

rmSync(statsDir, { recursive: true, force: true });
// Skipped tests (those that cannot run on this machine, such as a locked folder when running as root) get a line of
// their own: the last line is the summary alone, "N passed, N failed".
if (skipped) console.log(`\n${skipped} skipped (not runnable here)`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
