// UI check in a real VS Code (code-server + headless Chromium): the Getting Started walkthrough, opened as a user opens
// it (Welcome: Open Walkthrough…), shows its steps with the first one's markdown (walkthrough.png); its first button
// asks the two questions, opens the new definition beside the walkthrough and ticks the step
// (walkthrough-new-definition.png).
//   npx tsx test/vscode/ui/walkthroughScreenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { Checks, runUiCheck } from './checks';
import { openWorkbench, repoRoot, screenshot, startUiSession } from './workbench';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: { id: string; title: string; steps: { title: string }[] }[] };
};
const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'apigateway.gettingStarted')!;

/** The walkthrough's page: the steps on the left, the selected step's media on the right. */
const stepList = (page: Page) => page.locator('.gettingStartedContainer .getting-started-category');

async function pickRow(page: Page, text: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

/** Opens a step by its title (a click on an open step's title would leave it open) and clicks its button. */
async function runStepButton(page: Page, stepTitle: string, button: string): Promise<void> {
  const step = page.locator('.gettingStartedContainer button.getting-started-step', { hasText: stepTitle }).first();
  await step.waitFor({ timeout: 15_000 });
  if (!(await step.getAttribute('class'))?.includes('expanded')) await step.click();
  const link = step.locator('a.monaco-button', { hasText: button }).first();
  await link.waitFor({ state: 'visible', timeout: 15_000 });
  await link.click();
}

async function main(): Promise<number> {
  const checks = new Checks();
  const { server, browser, page } = await startUiSession();
  const folder = mkdtempSync(path.join(tmpdir(), 'apigw-walkthrough-ui-'));
  const shots: string[] = [];
  try {
    await openWorkbench(page, server, folder);
    await checks.check('Welcome: Open Walkthrough… lists the walkthrough, which opens on its steps', async () => {
      // The command asks which walkthrough in a second quick pick, so the palette stays open after the first click.
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Welcome: Open Walkthrough');
      await pickRow(page, 'Welcome: Open Walkthrough');
      await pickRow(page, walkthrough.title);
      await stepList(page).first().waitFor({ timeout: 30_000 });
      const shown = await page.locator('.gettingStartedContainer .getting-started-step .step-title').allTextContents();
      const missing = walkthrough.steps.map((s) => s.title).filter((title) => !shown.some((t) => t.trim() === title));
      if (missing.length) throw new Error(`steps not shown: ${missing.join(', ')}; shown: ${shown.join(' | ')}`);
    });
    await checks.check("the first step's markdown shows beside the steps", async () => {
      const frame = page.frameLocator('.gettingStartedContainer iframe.webview.ready').frameLocator('#active-frame');
      await frame.locator('h1', { hasText: 'Create an API definition' }).waitFor({ timeout: 30_000 });
      await page.mouse.move(1390, 890);
      await page.waitForTimeout(500);
      shots.push(await screenshot(page, 'walkthrough'));
    });
    await checks.check('its first button asks the kind and the integration and opens the definition beside it', async () => {
      await runStepButton(page, walkthrough.steps[0].title, 'New API Definition');
      await pickRow(page, 'REST API');
      await pickRow(page, 'Mock with a mapping template');
      await page.locator('.tabs-container .tab', { hasText: 'Untitled-1' }).first().waitFor({ timeout: 30_000 });
      // Two editor groups: the walkthrough stays open next to the new document.
      const groups = await page.locator('.editor-group-container').count();
      if (groups < 2) throw new Error(`${groups} editor group: the definition replaced the walkthrough`);
      await page.locator('.monaco-editor .view-lines', { hasText: '"message": "Hello, world"' }).first().waitFor({ timeout: 15_000 });
      // The step is ticked by its completion event, the command having run.
      const done = await page.locator('.gettingStartedContainer button.getting-started-step', { hasText: walkthrough.steps[0].title }).first().getAttribute('aria-checked');
      if (done !== 'true') throw new Error(`the first step is not ticked (aria-checked ${done})`);
      await page.mouse.move(1390, 890);
      await page.waitForTimeout(500);
      shots.push(await screenshot(page, 'walkthrough-new-definition'));
    });
  } finally {
    if (!shots.length) {
      const file = await screenshot(page, 'walkthrough').catch(() => undefined);
      if (file) shots.push(file);
    }
    for (const shot of shots) console.log(`screenshot: ${path.relative(repoRoot, shot)}`);
    await browser.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return checks.finish();
}

runUiCheck(main);
