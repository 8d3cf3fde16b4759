// UI check in a real VS Code (code-server + headless Chromium): a path item kept in a file of its own, opened without
// the definition that references it, shows that definition's finding where it stands once a validator name is
// misspelt there, in the editor and in the Problems panel. Saves test-output/screenshots/split-definition.png as
// evidence; the edit is undone and nothing is saved.
//   npx tsx test/vscode/ui/splitScreenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Checks, runUiCheck } from './checks';
import { goToLine, openFile, openWorkbench, repoRoot, runCommand, screenshot, startUiSession } from './workbench';

const PART = path.join('split-api', 'paths', 'items.yaml');

async function main(): Promise<number> {
  const checks = new Checks();
  const { server, browser, page } = await startUiSession();
  const examples = path.join(repoRoot, 'examples');
  let shot: string | undefined;
  try {
    await openWorkbench(page, server, examples);
    await openFile(page, 'items.yaml');
    await checks.check('a misspelt validator in the path item file is underlined and listed from the definition using it', async () => {
      const lines = readFileSync(path.join(examples, PART), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('x-amazon-apigateway-request-validator: all')) + 1;
      await goToLine(page, line, lines[line - 1].length + 1);
      await page.keyboard.press('Backspace');
      await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
      await runCommand(page, 'View: Focus Problems');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Request validator "al" is not declared' });
      await row.first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      shot = await screenshot(page, 'split-definition');
    });
  } finally {
    if (shot) console.log(`screenshot: ${path.relative(repoRoot, shot)}`);
    await browser.close();
    await server.stop();
  }
  return checks.finish();
}

runUiCheck(main);
