// UI check in a real VS Code (code-server + headless Chromium): Go to Symbol in Workspace lists the operations of both
// examples, the HTTP API's from disk, and F2 on a schema offers its name for renaming. Saves
// test-output/screenshots/workspace-symbols.png and rename.png as evidence; nothing is renamed or saved.
//   npx tsx test/vscode/ui/renameScreenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Checks, runUiCheck } from './checks';
import { launchBrowser, openFile, openWorkbench, packagedVsix, repoRoot, screenshot, startCodeServer } from './workbench';

async function main(): Promise<number> {
  const checks = new Checks();
  const vsix = process.env.APIGW_VSIX ?? packagedVsix();
  const server = await startCodeServer(vsix);
  const browser = await launchBrowser();
  const { page } = browser;
  const examples = path.join(repoRoot, 'examples');
  const shots: string[] = [];
  try {
    console.log(`UI check on code-server port ${server.port} with ${path.basename(vsix)}`);
    await openWorkbench(page, server, examples);
    await openFile(page, 'petstore.yaml');
    // Diagnostics mean the language server is up.
    await page.locator('.squiggly-error, .squiggly-warning').first().waitFor({ state: 'attached', timeout: 60_000 }).catch(() => undefined);

    await checks.check('Go to Symbol in Workspace lists operations of both examples, by operationId', async () => {
      // Quick open with `#` is Go to Symbol in Workspace.
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill('#list');
      const rows = page.locator('.quick-input-list .monaco-list-row');
      await rows.filter({ hasText: 'listOrders' }).first().waitFor({ timeout: 30_000 });
      await rows.filter({ hasText: 'listPets' }).first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'workspace-symbols'));
      await page.keyboard.press('Escape');
    });

    await checks.check('F2 on a schema offers its name for renaming', async () => {
      const line = readFileSync(path.join(examples, 'petstore.yaml'), 'utf8').split('\n').findIndex((l) => /^ {4}Pet:/.test(l)) + 1;
      // Quick open with `:` is Go to Line/Column.
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(`:${line}:6`);
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: 15_000 });
      await page.waitForTimeout(300);
      await page.keyboard.press('F2');
      const box = page.locator('.rename-box input').first();
      await box.waitFor({ state: 'visible', timeout: 30_000 });
      const value = await box.inputValue();
      if (value !== 'Pet') throw new Error(`the rename box offers "${value}", not "Pet"`);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'rename'));
      await page.keyboard.press('Escape');
    });
  } finally {
    for (const file of shots) console.log(`screenshot: ${path.relative(repoRoot, file)}`);
    await browser.close();
    await server.stop();
  }
  return checks.finish();
}

runUiCheck(main);
