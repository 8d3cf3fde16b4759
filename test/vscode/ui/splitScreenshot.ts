// UI check in a real VS Code (code-server + headless Chromium): a path item kept in a file of its own, opened without
// the definition that references it, has Invoke and Evaluate lenses from that definition, and its response template
// evaluates in the definition's operation (split-evaluator.png); it shows the definition's finding where it stands
// once a validator name is misspelt there, in the editor and in the Problems panel (split-definition.png). The palette
// offers Invoke and Evaluate there, not Deploy, and Invoke opens on the operation at the cursor (split-invoke.png). The
// edit is undone and nothing is saved. With a second definition (api-v2.yaml, written for the check and removed after)
// mounting the file at /v2/items, its Evaluate lens asks which definition (split-evaluate-which.png), and the one
// chosen names the panel's path and stands beside the file's name (split-evaluate-v2.png).
//   npx tsx test/vscode/ui/splitScreenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
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
    await checks.check('the palette offers Invoke and Evaluate in the path item file, not Deploy, and Invoke runs the operation at the cursor', async () => {
      const lines = readFileSync(path.join(examples, PART), 'utf8').split('\n');
      await goToLine(page, lines.indexOf('  operationId: listItems') + 1, 5);
      const input = page.locator('.quick-input-widget input');
      const offered = async (title: string) => {
        await page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await input.fill(`>${title}`);
        await page.waitForTimeout(1000);
        const count = await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).count();
        await page.keyboard.press('Escape');
        await input.waitFor({ state: 'hidden', timeout: 15_000 });
        return count > 0;
      };
      for (const [title, expected] of [['API Gateway: Invoke Operation', true], ['API Gateway: Evaluate Mapping Template', true], ['API Gateway: Deploy API', false]] as const) {
        if ((await offered(title)) !== expected) throw new Error(`the palette ${expected ? 'does not offer' : 'offers'} "${title}" in the path item file`);
      }
      await runCommand(page, 'API Gateway: Invoke Operation');
      await page.locator('.tab', { hasText: 'Invoke: GET /items' }).first().waitFor({ timeout: 30_000 });
      // The evaluator's webview stays open beside it: the invoke panel is the one with a Send button.
      const webviews = page.locator('iframe.webview.ready');
      let panel: FrameLocator | undefined;
      for (const deadline = Date.now() + 60_000; !panel && Date.now() < deadline; await page.waitForTimeout(250)) {
        for (let i = 0; i < (await webviews.count()) && !panel; i++) {
          const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
          if (await frame.locator('[data-testid=send]').isVisible()) panel = frame;
        }
      }
      if (!panel) throw new Error('no invoke panel with a Send button');
      await panel.locator('[data-testid=send]').click();
      await panel.locator('[data-testid=status]').waitFor({ timeout: 60_000 });
      const status = (await panel.locator('[data-testid=status]').textContent()) ?? '';
      if (!status.includes('200')) throw new Error(`the invoke panel shows status ${JSON.stringify(status)}`);
      await page.waitForTimeout(500);
      shots.push(await screenshot(page, 'split-invoke'));
      // The click on Send left the focus in the panel: the file's own tab takes it back to its editor.
      await page.locator('.tabs-container .tab[aria-label^="items.yaml"]').first().click();
      await page.waitForFunction(() => !!document.activeElement?.closest('.monaco-editor'), undefined, { timeout: 15_000 });
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
    await checks.check('in a file two definitions use, the Evaluate lens asks which one and evaluates at its path', async () => {
      // The misspelt validator is put back, so that closing the editors asks nothing.
      await openFile(page, 'items.yaml');
      await page.keyboard.press('Control+Z');
      await runCommand(page, 'View: Close All Editors');
      const second = path.join(examples, 'split-api', 'api-v2.yaml');
      // It declares the validator the file names, as api.yaml does: the file shows no finding of either.
      writeFileSync(second, "openapi: 3.0.1\ninfo: { title: Split Store v2, version: '2' }\nx-amazon-apigateway-request-validators:\n  all: { validateRequestBody: true }\npaths:\n  /v2/items:\n    $ref: 'paths/items.yaml'\n");
      try {
        // From the explorer: quick open, just after a file was added, may not list it yet, or not open what it lists.
        for (const name of ['api-v2.yaml', 'items.yaml']) {
          await page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }).first().click({ timeout: 30_000 });
          await page.locator(`.tabs-container .tab[aria-label^="${name}"]`).first().waitFor({ timeout: 30_000 });
        }
        const lens = page.locator('.codelens-decoration').locator('a', { hasText: 'Evaluate template' }).nth(1);
        const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Evaluate items.yaml in Which Definition?' });
        // The question comes once the server has told the editor that api-v2.yaml uses the file too.
        for (const deadline = Date.now() + 60_000; !(await title.isVisible()) && Date.now() < deadline;) {
          await lens.click();
          await title.waitFor({ timeout: 3000 }).catch(() => undefined);
        }
        if (!(await title.isVisible())) throw new Error('the Evaluate lens did not ask which definition');
        await page.waitForTimeout(300);
        shots.push(await screenshot(page, 'split-evaluate-which'));
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'api-v2.yaml' }).first().click();
        await page.locator('.tab', { hasText: 'Evaluate: GET /v2/items' }).first().waitFor({ timeout: 30_000 });
        let shown = '';
        for (const deadline = Date.now() + 30_000; !shown.includes('lamp') && Date.now() < deadline; await page.waitForTimeout(250)) {
          const webviews = page.locator('iframe.webview.ready');
          for (let i = 0; i < (await webviews.count()); i++) {
            const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
            const subtitle = frame.locator('.subtitle');
            if (!(await subtitle.isVisible().catch(() => false)) || !((await subtitle.textContent()) ?? '').includes('items.yaml in api-v2.yaml')) continue;
            shown = (await frame.locator('[data-testid=output]').textContent().catch(() => '')) ?? '';
          }
        }
        if (!shown.includes('lamp')) throw new Error(`no evaluator on items.yaml in api-v2.yaml shows the template's output: ${JSON.stringify(shown.slice(0, 300))}`);
        await page.waitForTimeout(300);
        shots.push(await screenshot(page, 'split-evaluate-v2'));
      } finally {
        rmSync(second, { force: true });
      }
    });
  } finally {
    for (const shot of shots) console.log(`screenshot: ${path.relative(repoRoot, shot)}`);
    await browser.close();
    await server.stop();
  }
  return checks.finish();
}

runUiCheck(main);
