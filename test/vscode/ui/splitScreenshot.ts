// UI check in a real VS Code (code-server + headless Chromium): a path item kept in a file of its own, opened without
// the definition that references it, has Invoke and Evaluate lenses from that definition, and its response template
// evaluates in the definition's operation (split-evaluator.png); it shows the definition's finding where it stands
// once a validator name is misspelt there, in the editor and in the Problems panel (split-definition.png). The edit is
// undone and nothing is saved.
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
  const shots: string[] = [];
  try {
    await openWorkbench(page, server, examples);
    await openFile(page, 'items.yaml');
    await checks.check('the path item file has the definition\'s Invoke and Evaluate lenses, and its template evaluates', async () => {
      const lenses = page.locator('.codelens-decoration');
      await lenses.filter({ hasText: 'Invoke GET /items' }).first().waitFor({ timeout: 60_000 });
      // The second Evaluate lens of the file stands above GET's response template.
      await lenses.locator('a', { hasText: 'Evaluate template' }).nth(1).click();
      const output = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('[data-testid=output]');
      await output.waitFor({ timeout: 60_000 });
      const deadline = Date.now() + 30_000;
      let text = '';
      while (Date.now() < deadline && !text.includes('lamp')) {
        text = (await output.textContent()) ?? '';
        await page.waitForTimeout(250);
      }
      if (!text.includes('lamp')) throw new Error(`the evaluator shows ${JSON.stringify(text.slice(0, 300))}`);
      await page.locator('.tab', { hasText: 'GET /items' }).first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'split-evaluator'));
      await openFile(page, 'items.yaml');
    });
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
      shots.push(await screenshot(page, 'split-definition'));
    });
  } finally {
    for (const shot of shots) console.log(`screenshot: ${path.relative(repoRoot, shot)}`);
    await browser.close();
    await server.stop();
  }
  return checks.finish();
}

runUiCheck(main);
