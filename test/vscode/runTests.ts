// Runs the real-VS-Code suite (out/test/vscode/suite, built by `node build.mjs --tests`) with @vscode/test-electron.
// By default VS Code is code-server driven through code-server-wrapper.sh, which works offline; with
// APIGW_DESKTOP_VSCODE=1 test-electron downloads and runs desktop VS Code instead.
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '..', '..');
const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js');
const examples = path.join(repoRoot, 'examples');
const wrapper = path.join(__dirname, 'code-server-wrapper.sh');

async function main(): Promise<number> {
  if (!existsSync(extensionTestsPath)) {
    console.error(`${extensionTestsPath} is missing: run \`node build.mjs --tests\` first`);
    return 2;
  }
  const desktop = process.env.APIGW_DESKTOP_VSCODE === '1';
  try {
    await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: wrapper }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [examples, '--disable-extensions'],
    });
    return 0;
  } catch (error) {
    console.error(`real-VS-Code tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
