// UI check of the panels in a real VS Code (code-server + headless Chromium, no smoke-test driver), with the extension
// installed from the packaged .vsix:
//   - the invoke panel sends a MOCK operation whose response body is HTML with an event handler; the body must show
//     as literal text, with no element created from it and no script run (test-output/screenshots/invoke.png);
//   - the template evaluator on the POST /pets request template of petstore.yaml shows JSON with "requestedBy"
//     (test-output/screenshots/evaluator.png).
//   npx tsx test/vscode/ui/invokeScreenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { Checks, runUiCheck } from './checks';
import { goToLine, launchBrowser, openFile, openWorkbench, packagedVsix, repoRoot, runCommand, screenshot, startCodeServer } from './workbench';

const HOSTILE = `<img src=x onerror=alert(1)><b>not bold</b>`;

/** A REST API whose mock answers with markup: what a careless panel would turn into live HTML. */
const HOSTILE_API = `openapi: 3.0.1
info:
  title: Markup echo
  version: '1'
paths:
  /markup:
    get:
      summary: Answers with HTML in the body
      responses:
        '200':
          description: Markup
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: '200'
            responseTemplates:
              application/json: '${HOSTILE}'
`;

function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Runs a command whose own quick pick follows at once, so the palette never closes in between. */
async function runCommandThenPick(page: Page, title: string, pick: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: pick }).first().waitFor({ timeout: 30_000 });
  await input.fill(pick);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: pick }).first().click();
}

async function main(): Promise<number> {
  const checks = new Checks();
  const vsix = process.env.APIGW_VSIX ?? packagedVsix();
  const workspace = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-ui.'));
  writeFileSync(path.join(workspace, 'markup.yaml'), HOSTILE_API);
  copyFileSync(path.join(repoRoot, 'examples', 'petstore.yaml'), path.join(workspace, 'petstore.yaml'));
  const server = await startCodeServer(vsix);
  const browser = await launchBrowser();
  const { page } = browser;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  let invokeShot: string | undefined;
  let evaluatorShot: string | undefined;
  try {
    console.log(`UI check of the invoke and evaluator panels on code-server port ${server.port} with ${path.basename(vsix)}`);
    await openWorkbench(page, server, workspace);
    await openFile(page, 'markup.yaml');

    const frame = webview(page);
    await checks.check('the invoke panel opens on GET /markup from the command palette', async () => {
      await runCommandThenPick(page, 'API Gateway: Invoke Operation', 'GET /markup');
      await frame.locator('[data-testid=send]').waitFor({ timeout: 60_000 });
    });

    await checks.check('sending runs the local gateway and shows status 200', async () => {
      await frame.locator('[data-testid=send]').click();
      await frame.locator('[data-testid=status]').waitFor({ timeout: 60_000 });
      const status = await frame.locator('[data-testid=status]').textContent();
      if (status !== '200') throw new Error(`the status shows "${status}"`);
    });

    await checks.check('the markup in the response body shows as literal text and creates no element', async () => {
      const body = frame.locator('[data-testid=response-body]');
      const text = (await body.textContent()) ?? '';
      if (!text.includes(HOSTILE)) throw new Error(`the body shows ${JSON.stringify(text)}, not the literal markup`);
      const images = await frame.locator('img').count();
      if (images !== 0) throw new Error(`${images} img element(s) exist in the panel`);
      const bold = await body.locator('b').count();
      if (bold !== 0) throw new Error('the <b> in the body became an element');
      if (dialogs.length) throw new Error(`a dialog opened: ${dialogs.join(', ')}`);
      await page.waitForTimeout(300);
    });
    await checks.check('the history lists the request and re-runs it with one click', async () => {
      const rows = frame.locator('.history-list li');
      await rows.first().waitFor({ timeout: 15_000 });
      const shown = await rows.first().innerText();
      if (!shown.includes('GET /markup')) throw new Error(`the history row does not name the request: ${shown}`);
      const before = await rows.count();
      await rows.first().locator('button', { hasText: 'Re-run' }).click();
      const deadline = Date.now() + 30_000;
      while ((await rows.count()) === before && Date.now() < deadline) await page.waitForTimeout(200);
      if ((await rows.count()) !== before + 1) throw new Error(`the history has ${await rows.count()} rows after a re-run, expected ${before + 1}`);
      if ((await frame.locator('img').count()) !== 0) throw new Error('an img element exists after the re-run');
    });
    invokeShot = await screenshot(page, 'invoke');

    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'petstore.yaml');
    const lines = readFileSync(path.join(workspace, 'petstore.yaml'), 'utf8').split('\n');
    const templateLine = lines.findIndex((l) => l.includes("#set($pet = $input.path('$'))")) + 1;
    await checks.check('the evaluator renders the POST /pets request template to JSON with "requestedBy"', async () => {
      if (templateLine < 1) throw new Error('petstore.yaml has no POST /pets request template any more');
      await goToLine(page, templateLine, 5);
      await runCommand(page, 'API Gateway: Evaluate Mapping Template');
      const output = frame.locator('[data-testid=output]');
      await output.waitFor({ timeout: 60_000 });
      const deadline = Date.now() + 30_000;
      let text = '';
      while (Date.now() < deadline) {
        text = (await output.textContent()) ?? '';
        if (text.includes('"requestedBy"')) break;
        await page.waitForTimeout(250);
      }
      if (!text.includes('"requestedBy"')) throw new Error(`the output shows ${JSON.stringify(text.slice(0, 300))}`);
      JSON.parse(text);
      await output.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
    });
    evaluatorShot = await screenshot(page, 'evaluator');
  } finally {
    if (!invokeShot) invokeShot = await screenshot(page, 'invoke').catch(() => undefined);
    for (const file of [invokeShot, evaluatorShot]) if (file) console.log(`screenshot: ${path.relative(repoRoot, file)}`);
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
  return checks.finish();
}

runUiCheck(main);
