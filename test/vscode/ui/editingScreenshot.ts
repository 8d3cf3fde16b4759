// UI check in a real VS Code (code-server + headless Chromium): Go to Symbol in Workspace lists the operations of both
// examples, the HTTP API's from disk; F2 on a schema offers its name for renaming; the cursor on it highlights its
// definition and uses; parameter hints show inside a template's `$util` call; a template loop folds, its `#end` left in
// sight; a new line of an operation completes OpenAPI's own keys beside the API Gateway extensions; Quick Fix on a
// finding lists the correction, the comment and the settings entry, in that order. Saves
// test-output/screenshots/workspace-symbols.png, rename.png, highlights.png, signature-help.png, folding.png,
// completion.png and quick-fixes.png as evidence; nothing is renamed, the typed line is undone, nothing is saved.
//   npx tsx test/vscode/ui/editingScreenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Checks, runUiCheck } from './checks';
import { goToLine, openFile, openWorkbench, repoRoot, screenshot, startUiSession } from './workbench';

async function main(): Promise<number> {
  const checks = new Checks();
  const { server, browser, page } = await startUiSession();
  const examples = path.join(repoRoot, 'examples');
  const shots: string[] = [];
  try {
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
      await goToLine(page, line, 6);
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

    await checks.check('the cursor on a schema highlights its definition and its $refs', async () => {
      const line = readFileSync(path.join(examples, 'petstore.yaml'), 'utf8').split('\n').findIndex((l) => /^ {4}Pet:/.test(l)) + 1;
      await goToLine(page, line, 6);
      // A write highlight is the language server's: the editor's own word highlighter marks text alone.
      await page.locator('.cdr.wordHighlightStrong').first().waitFor({ state: 'attached', timeout: 30_000 });
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'highlights'));
    });

    await checks.check('parameter hints show inside a $util call of a mapping template', async () => {
      const lines = readFileSync(path.join(examples, 'petstore.yaml'), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('$util.escapeJavaScript($pet.name)')) + 1;
      const call = '$util.escapeJavaScript(';
      await goToLine(page, line, lines[line - 1].indexOf(call) + call.length + 1);
      await page.keyboard.press('Control+Shift+Space');
      const hints = page.locator('.parameter-hints-widget.visible');
      await hints.waitFor({ timeout: 30_000 });
      const text = await hints.innerText();
      if (!text.includes('escapeJavaScript(String text)')) throw new Error(`the parameter hints read "${text}"`);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'signature-help'));
      await page.keyboard.press('Escape');
    });

    await checks.check('a template loop folds to the line before its #end', async () => {
      const lines = readFileSync(path.join(examples, 'petstore.yaml'), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('#foreach($tag in $pet.tags)')) + 1;
      await goToLine(page, line, 13);
      await page.keyboard.press('Control+Shift+BracketLeft');
      await page.locator('.inline-folded').first().waitFor({ state: 'attached', timeout: 30_000 });
      // The editor renders spaces as no-break spaces.
      const visible = (await page.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
      if (!visible.includes('#foreach($tag in $pet.tags)') || visible.includes('#if($foreach.hasNext)')) throw new Error(`the folded editor shows:\n${visible}`);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'folding'));
      await page.keyboard.press('Control+Shift+BracketRight');
    });

    await checks.check('a new line of an operation completes OpenAPI keys beside the extensions', async () => {
      const lines = readFileSync(path.join(examples, 'petstore.yaml'), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('summary: Get one pet')) + 1;
      const rows = page.locator('.suggest-widget .monaco-list-row');
      try {
        await goToLine(page, line, lines[line - 1].length + 1);
        // Inserted as text rather than pressed, since a key event can go to a widget that is still closing; the editor
        // indents the new line as the one above.
        await page.keyboard.insertText('\n');
        await page.locator('.statusbar', { hasText: `Ln ${line + 1},` }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.type('request', { delay: 50 });
        const widget = page.locator('.suggest-widget.visible');
        // Typing opens the suggestions by itself; Ctrl+Space on an open widget would only toggle its details.
        if (!(await widget.waitFor({ timeout: 3_000 }).then(() => true, () => false))) await page.keyboard.press('Control+Space');
        await rows.filter({ hasText: 'requestBody' }).first().waitFor({ timeout: 30_000 });
        await rows.filter({ hasText: 'x-amazon-apigateway-request-validator' }).first().waitFor({ timeout: 10_000 });
      } catch (error) {
        shots.push(await screenshot(page, 'completion-failed'));
        throw new Error(`${error instanceof Error ? error.message : String(error)}\nsuggestions: ${(await rows.allTextContents()).join(' | ')}`);
      }
      await page.waitForTimeout(400);
      shots.push(await screenshot(page, 'completion'));
      await page.keyboard.press('Escape');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Z');
    });

    await checks.check('Quick Fix on a finding offers the correction first, then a comment, then the settings', async () => {
      const lines = readFileSync(path.join(examples, 'petstore.yaml'), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('x-amazon-apigateway-request-validator: params-onyl')) + 1;
      if (line < 1) throw new Error('petstore.yaml has no misspelt validator any more');
      await goToLine(page, line, lines[line - 1].indexOf('params-onyl') + 2);
      await page.keyboard.press('Control+Period');
      const items = page.locator('.action-widget .monaco-list-row.action');
      await items.first().waitFor({ timeout: 15_000 });
      const titles = (await items.allTextContents()).map((t) => t.trim());
      const expected = ["Change to 'params-only'", 'Disable unknown-request-validator on this line (comment)', 'Ignore unknown-request-validator here in workspace settings'];
      for (const title of expected) if (!titles.some((t) => t.includes(title))) throw new Error(`no "${title}" among ${JSON.stringify(titles)}`);
      const order = expected.map((title) => titles.findIndex((t) => t.includes(title)));
      if (order.some((at, i) => i > 0 && at < order[i - 1])) throw new Error(`offered in this order: ${JSON.stringify(titles)}`);
      await page.waitForTimeout(400);
      shots.push(await screenshot(page, 'quick-fixes'));
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
