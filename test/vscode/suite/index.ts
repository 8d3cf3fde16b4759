// Entry point VS Code loads as `extensionTestsPath`: runs every compiled `*.test.js` in this folder (and below) with
// Mocha inside the real extension host. Adding a test file is enough to have it run.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

function writeStats(passed: number, failed: number): void {
  const statsFile = process.env.APIGW_STATS_FILE;
  if (statsFile) writeFileSync(statsFile, JSON.stringify({ passed, failed }) + '\n');
}

export function run(): Promise<void> {
  // In a remote (code-server) extension host, console output reaches the test driver with printf-style arguments
  // already flattened into one string; formatting first keeps the reporter's lines readable there too.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.APIGW_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  for (const file of testFiles(__dirname).sort()) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        writeStats(runner.stats?.passes ?? 0, failures);
        if (failures > 0) reject(new Error(`${failures} real-VS-Code test(s) failed`));
        else resolve();
      });
    } catch (error) {
      // A test file that throws while loading fails the tier rather than vanishing from the counts.
      writeStats(0, 1);
      reject(error);
    }
  });
}
