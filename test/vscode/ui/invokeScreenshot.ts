// UI check of the panels in a real VS Code (code-server + headless Chromium, no smoke-test driver), with the extension
// installed from the packaged .vsix:
//   - the invoke panel sends a MOCK operation whose response body is HTML with an event handler; the body must show
//     as literal text, with no element created from it and no script run (test-output/screenshots/invoke.png);
//   - on POST /pets of petstore.yaml: an invalid Headers text blocks Send with a message naming the field and stays as
//     typed (invoke-invalid-field.png); the answer is brought into view, history rows tell requests apart
//     (invoke-response.png); at about 250 px nothing scrolls sideways and history rows keep the request
//     (invoke-narrow.png, invoke-narrow-history.png); secondary buttons are outlined in Dark Modern (invoke-dark.png);
//   - the template evaluator on the POST /pets request template of petstore.yaml shows JSON with "requestedBy"
//     (test-output/screenshots/evaluator.png); on the Lambda error response template it opens on an errorMessage that
//     selects that response and reads the error payload as $input (evaluator-lambda-error.png); an invalid Query
//     string marks the output stale (evaluator-stale.png); a malformed JSON body shows AWS's 400 and a note on the
//     field (evaluator-body-400.png); a template syntax error shows only the error (evaluator-template-error.png); the
//     gateway response preview is valid JSON with AWS's $context.error values and no body or parameter fields
//     (evaluator-gateway-response.png). A GET starts with its body folded (invoke-get-form.png). Each panel's tab shows
//     its own icon, the dark variant in a dark theme (visible in invoke.png, invoke-dark.png and evaluator.png).
//   - a request whose HTTP backend never answers shows Stop while it waits (invoke-stop.png); Stop frees the panel at
//     once and says the request was stopped.
//   npx tsx test/vscode/ui/invokeScreenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { Checks, runUiCheck } from './checks';
import { goToLine, launchBrowser, openFile, openWorkbench, packagedVsix, repoRoot, runCommand, screenshot, startCodeServer } from './workbench';

const HOSTILE = `<img src=x onerror=alert(1)><b>not bold</b>`;

/** A REST API whose mock answers with markup: what a careless panel would turn into live HTML. */
const HOSTILE_API = (backend: string) => `openapi: 3.0.1
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
  /hang:
    get:
      summary: Calls a backend that never answers
      responses:
        '200':
          description: Never
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: ${backend}
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

/**
 * Fails unless the tab whose title contains `title` shows the extension's icon file `file`, and the workbench can load
 * it: a tab without an icon path shows VS Code's generic webview glyph, and a path to a file the package lacks shows
 * nothing at all.
 */
async function expectTabIcon(page: Page, title: string, file: string): Promise<void> {
  const icon = page.locator('.tabs-container .tab', { hasText: title }).first().locator('.monaco-icon-label-iconpath');
  await icon.waitFor({ state: 'attached', timeout: 15_000 });
  // The theme's variant is swapped in when the theme changes, so wait for it rather than read it once.
  let image = '';
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    image = await icon.evaluate((node) => (node as HTMLElement).style.backgroundImage);
    if (image.includes(file)) break;
    await page.waitForTimeout(200);
  }
  if (!image.includes(file)) throw new Error(`the "${title}" tab's icon is ${JSON.stringify(image || 'not set')}, not ${file}`);
  const url = /url\("?([^")]+)"?\)/.exec(image)?.[1];
  if (!url) throw new Error(`no URL in the "${title}" tab's icon: ${image}`);
  const served = await page.evaluate(async (href) => {
    const response = await fetch(href);
    return { status: response.status, text: (await response.text()).slice(0, 200) };
  }, url);
  if (served.status !== 200 || !served.text.includes('<svg')) throw new Error(`the icon ${url} answers ${served.status}: ${served.text}`);
}

/** Picks a color theme by name from Preferences: Color Theme, typing the name to filter the long list. */
async function pickTheme(page: Page, name: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('>Preferences: Color Theme');
  // Not the first row: "Browse Color Themes in Marketplace" matches the filter too.
  const command = page.locator('.quick-input-list .monaco-list-row', { hasText: /Preferences: Color Theme(?!s)/ }).first();
  await command.waitFor({ timeout: 15_000 });
  await command.click();
  // The theme list replaces the command list in the same box: wait until the command row is gone.
  await command.waitFor({ state: 'detached', timeout: 15_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

async function main(): Promise<number> {
  const checks = new Checks();
  const vsix = process.env.APIGW_VSIX ?? packagedVsix();
  const workspace = mkdtempSync(path.join(tmpdir(), 'apigw-invoke-ui.'));
  // Holds every request it gets, answering none: what Stop is for.
  const held: ServerResponse[] = [];
  const backend = createServer((_request, response) => void held.push(response));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  writeFileSync(path.join(workspace, 'markup.yaml'), HOSTILE_API(`http://127.0.0.1:${(backend.address() as AddressInfo).port}/never`));
  copyFileSync(path.join(repoRoot, 'examples', 'petstore.yaml'), path.join(workspace, 'petstore.yaml'));
  // The local gateway runs the example's handlers through its local configuration.
  cpSync(path.join(repoRoot, 'examples', 'handlers'), path.join(workspace, 'handlers'), { recursive: true });
  cpSync(path.join(repoRoot, 'examples', '.apigateway'), path.join(workspace, '.apigateway'), { recursive: true });
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
  const shots: string[] = [];
  try {
    console.log(`UI check of the invoke and evaluator panels on code-server port ${server.port} with ${path.basename(vsix)}`);
    await openWorkbench(page, server, workspace);
    await openFile(page, 'markup.yaml');

    const frame = webview(page);
    await checks.check('the invoke panel opens on GET /markup from the command palette', async () => {
      await runCommandThenPick(page, 'API Gateway: Invoke Operation', 'GET /markup');
      await frame.locator('[data-testid=send]').waitFor({ timeout: 60_000 });
    });
    await checks.check('the invoke panel\'s tab shows its own icon, drawn for light themes', async () => {
      await expectTabIcon(page, 'Invoke: GET /markup', 'invoke-light.svg');
    });
    await checks.check('a GET starts with its body box folded', async () => {
      const fold = frame.locator('details.body-field');
      if (!(await fold.count())) throw new Error('the GET body is not in a folded box');
      if (await fold.evaluate((node) => (node as HTMLDetailsElement).open)) throw new Error('the GET body box is open');
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'invoke-get-form'));
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
    await openFile(page, 'markup.yaml');
    await checks.check('Stop shows while a backend keeps the request waiting, and frees the panel at once', async () => {
      await runCommandThenPick(page, 'API Gateway: Invoke Operation', 'GET /hang');
      await frame.locator('[data-testid=send]').waitFor({ timeout: 60_000 });
      const stop = frame.locator('[data-testid=stop]');
      if (await stop.isVisible()) throw new Error('Stop shows before anything was sent');
      await frame.locator('[data-testid=send]').click();
      await stop.waitFor({ state: 'visible', timeout: 15_000 });
      const deadline = Date.now() + 30_000;
      while (held.length === 0 && Date.now() < deadline) await page.waitForTimeout(100);
      if (held.length === 0) throw new Error('the backend never got the request');
      shots.push(await screenshot(page, 'invoke-stop'));
      await stop.click();
      // The backend still holds the request: the answer can only be the panel's own.
      await frame.locator('[data-testid=problem]', { hasText: 'Stopped before an answer came.' }).waitFor({ timeout: 10_000 });
      if (await stop.isVisible()) throw new Error('Stop still shows after stopping');
      if (await frame.locator('[data-testid=send]').isDisabled()) throw new Error('Send stays disabled after stopping');
    });

    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'petstore.yaml');
    await checks.check('the invoke panel opens on POST /pets of petstore.yaml', async () => {
      await runCommandThenPick(page, 'API Gateway: Invoke Operation', 'POST /pets');
      await frame.locator('[data-testid=send]').waitFor({ timeout: 60_000 });
    });
    const headers = frame.locator('[data-testid=field-headers]');
    const rows = frame.locator('.history-list li');
    await checks.check('an invalid Headers text blocks Send, names the field and stays as typed', async () => {
      await headers.fill('{"X-A": ');
      const notice = frame.locator('[data-testid=notice]');
      await notice.filter({ hasText: 'Headers' }).waitFor({ timeout: 10_000 });
      if (!(await frame.locator('[data-testid=send]').isDisabled())) throw new Error('Send is enabled while Headers is invalid');
      await headers.press('Control+Enter');
      await page.waitForTimeout(1000);
      if ((await rows.count()) !== 0) throw new Error('a request was sent with the invalid Headers');
      const kept = await headers.inputValue();
      if (kept !== '{"X-A": ') throw new Error(`the Headers text became ${JSON.stringify(kept)}`);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'invoke-invalid-field'));
    });
    await checks.check('a valid request brings the answer into view and its history row names the body', async () => {
      await headers.fill('{"Content-Type": "application/json"}');
      await frame.locator('textarea[aria-label=Body]').fill('{"name": "", "type": "lizard"}');
      await frame.locator('[data-testid=send]').click();
      await frame.locator('[data-testid=status]').waitFor({ timeout: 60_000 });
      await rows.first().waitFor({ timeout: 15_000 });
      const status = await frame.locator('[data-testid=status]').textContent();
      if (status !== '400') throw new Error(`the status shows "${status}", expected the example's 400 for an invalid pet`);
      if (await frame.locator('[data-testid=json-badge]').count()) throw new Error('the example\'s 400 body is flagged as invalid JSON');
      const inView = await frame.locator('[data-testid=status]').evaluate((node) => {
        const box = node.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight * 0.5;
      });
      if (!inView) throw new Error('the status is not in the upper half of the panel after Send');
      const row = await rows.first().innerText();
      if (!row.includes('POST /pets') || !row.includes('"type":"lizard"')) throw new Error(`the history row reads ${JSON.stringify(row)}`);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'invoke-response'));
    });
    await checks.check('at about 250 px nothing scrolls sideways and history rows keep method and path', async () => {
      await frame.locator('textarea[aria-label=Body]').fill('{"name": "Rex", "type": "dog", "price": 12}');
      await frame.locator('[data-testid=send]').click();
      await rows.nth(1).waitFor({ timeout: 30_000 });
      await page.setViewportSize({ width: 860, height: 900 });
      await page.waitForTimeout(800);
      const layout = await frame.locator('body').evaluate(() => ({
        width: window.innerWidth,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        paths: [...document.querySelectorAll<HTMLElement>('.history-list .path')].map((p) => ({ text: p.textContent, shown: p.getBoundingClientRect().width })),
        clipped: [...document.querySelectorAll<HTMLElement>('button')].filter((b) => b.getBoundingClientRect().right > window.innerWidth + 1).map((b) => b.textContent),
      }));
      if (layout.width > 320) throw new Error(`the panel is ${layout.width}px wide, not narrow`);
      if (layout.overflow > 0) throw new Error(`the panel scrolls sideways by ${layout.overflow}px at ${layout.width}px`);
      if (layout.clipped.length) throw new Error(`buttons cut off at the right edge: ${layout.clipped.join(', ')}`);
      for (const p of layout.paths) if (!p.text?.startsWith('POST /pets') || p.shown < 60) throw new Error(`a history row shows its request in ${p.shown}px: ${p.text}`);
      shots.push(await screenshot(page, 'invoke-narrow'));
      await frame.locator('.history-list').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'invoke-narrow-history'));
      await page.setViewportSize({ width: 1400, height: 900 });
    });
    await checks.check('secondary buttons are outlined in Dark Modern, where their background is transparent', async () => {
      await pickTheme(page, 'Dark Modern');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(800);
      const style = await frame.locator('button.secondary', { hasText: 'Copy as curl' }).evaluate((button) => {
        const css = getComputedStyle(button);
        return { border: css.borderTopColor, width: css.borderTopWidth, background: css.backgroundColor };
      });
      const invisible = (color: string) => /rgba\(\d+, \d+, \d+, 0\)|transparent/.test(color);
      if (invisible(style.background) && (invisible(style.border) || style.width === '0px')) throw new Error(`Copy as curl has no fill and no outline: ${JSON.stringify(style)}`);
      await frame.locator('.toolbar').first().scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'invoke-dark'));
    });
    await checks.check('in Dark Modern the invoke panel\'s tab shows the icon drawn for dark themes', async () => {
      await expectTabIcon(page, 'Invoke: POST /pets', 'invoke-dark.svg');
    });
    await pickTheme(page, 'Light Modern');
    await page.locator('.monaco-workbench.vs').waitFor({ timeout: 30_000 });

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
    await checks.check('the evaluator\'s tab shows its own icon', async () => {
      await expectTabIcon(page, 'Evaluate: POST /pets', 'evaluator-light.svg');
    });
    evaluatorShot = await screenshot(page, 'evaluator');

    await checks.check('an invalid Query string marks the output stale, naming the field', async () => {
      const query = frame.locator('textarea[aria-label="Query string"]');
      await query.fill('["a"]');
      await frame.locator('[data-testid=stale]').filter({ hasText: 'Query string' }).waitFor({ timeout: 10_000 });
      const message = await frame.locator('.field', { has: query }).locator('.field-error').textContent();
      if (!message?.includes('not a list')) throw new Error(`the Query string field says ${JSON.stringify(message)}`);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'evaluator-stale'));
      await query.fill('{}');
      await frame.locator('[data-testid=stale]').waitFor({ state: 'detached', timeout: 10_000 });
    });

    await checks.check('a body that starts like JSON but does not parse shows AWS\'s 400, with a note on the field', async () => {
      const body = frame.locator('textarea[aria-label="Body ($input.body)"]');
      const before = await body.inputValue();
      await body.fill('{ "name": "x",');
      await frame.locator('.badge', { hasText: 'API Gateway answers 400' }).waitFor({ timeout: 10_000 });
      const warning = await frame.locator('.field', { has: body }).locator('.field-warning').textContent();
      if (!warning?.includes('API Gateway answers 400')) throw new Error(`the Body field says ${JSON.stringify(warning)}`);
      const shown = await frame.locator('[data-testid=output-section]').innerText();
      if (shown.includes('The output is empty') || shown.includes('invalid JSON')) throw new Error(`the output section reads ${JSON.stringify(shown.slice(0, 300))}`);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'evaluator-body-400'));
      await body.fill(before);
    });

    await checks.check('a template syntax error shows the error alone: no JSON badge, no empty output', async () => {
      const line = lines.findIndex((l) => l.includes("#set($pet = $input.path('$'))")) + 2;
      const indent = lines[line - 1].length - lines[line - 1].trimStart().length;
      // Go to Line needs the text editor, not the panel beside it, to be the active editor.
      await runCommand(page, 'View: Focus First Editor Group');
      await page.waitForFunction(() => !!document.activeElement?.closest('.monaco-editor'), undefined, { timeout: 10_000 });
      await goToLine(page, line, indent + 1);
      await page.keyboard.insertText('#if(true) ');
      const errors = frame.locator('[data-testid=errors]');
      await errors.waitFor({ timeout: 30_000 });
      const shown = await frame.locator('[data-testid=output-section]').innerText();
      if (/valid JSON|invalid JSON|The output is empty/.test(shown)) throw new Error(`the output section reads ${JSON.stringify(shown.slice(0, 300))}`);
      if (await frame.locator('[data-testid=output]').count()) throw new Error('an empty output box is shown');
      const order = await frame.locator('.columns').evaluate((node) => ({ narrow: window.innerWidth <= 700, first: node.firstElementChild?.className }));
      if (order.narrow && order.first !== 'output') throw new Error(`the output is drawn first but the DOM starts with ${order.first}`);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'evaluator-template-error'));
      await runCommand(page, 'View: Focus First Editor Group');
      await runCommand(page, 'File: Revert File');
    });

    await checks.check('a call that finds no method renders nothing, and a note beside the output says which', async () => {
      const line = lines.findIndex((l) => l.includes("#set($pet = $input.path('$'))")) + 2;
      const indent = lines[line - 1].length - lines[line - 1].trimStart().length;
      await runCommand(page, 'View: Focus First Editor Group');
      await page.waitForFunction(() => !!document.activeElement?.closest('.monaco-editor'), undefined, { timeout: 10_000 });
      await goToLine(page, line, indent + 1);
      await page.keyboard.insertText('$pet.fooBar()');
      const notes = frame.locator('[data-testid=notes]');
      await notes.filter({ hasText: 'has no method fooBar()' }).waitFor({ timeout: 30_000 });
      await frame.locator('.badge', { hasText: '1 note' }).waitFor({ timeout: 10_000 });
      if (await frame.locator('[data-testid=errors]').count()) throw new Error('the note is shown as an error');
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'evaluator-note'));
      await runCommand(page, 'View: Focus First Editor Group');
      await runCommand(page, 'File: Revert File');
    });

    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'petstore.yaml');
    await checks.check('the Lambda error response template opens on an errorMessage that selects it, read as $input', async () => {
      const line = lines.findIndex((l) => l.includes('#set($error = $util.parseJson')) + 1;
      await goToLine(page, line, 20);
      await runCommand(page, 'API Gateway: Evaluate Mapping Template');
      const output = frame.locator('[data-testid=output]');
      await output.filter({ hasText: 'Example error message' }).waitFor({ timeout: 60_000 });
      const selection = (await frame.locator('[data-testid=selection]').textContent()) ?? '';
      if (!selection.includes('status 400') || selection.includes('different response')) throw new Error(`the selection reads ${JSON.stringify(selection)}`);
      const tag = await frame.locator('[aria-label="Lambda errorMessage"]').evaluate((node) => node.tagName);
      if (tag !== 'TEXTAREA') throw new Error(`the errorMessage box is a ${tag}`);
      await frame.locator('[data-testid=lambda-input]').filter({ hasText: 'errorMessage' }).waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'evaluator-lambda-error'));
    });

    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'petstore.yaml');
    await checks.check('the gateway response preview is valid JSON with AWS\'s $context.error values, without body fields', async () => {
      const line = lines.findIndex((l) => l.includes('$context.error.')) + 1;
      await goToLine(page, line, 30);
      await runCommand(page, 'API Gateway: Evaluate Mapping Template');
      const output = frame.locator('[data-testid=output]');
      await output.filter({ hasText: 'Invalid request body' }).waitFor({ timeout: 60_000 });
      await frame.locator('.badge', { hasText: 'valid JSON' }).waitFor({ timeout: 10_000 });
      for (const label of ['Body ($input.body)', 'Path parameters', 'Query string', 'Headers']) {
        if (await frame.locator(`[aria-label="${label}"]`).count()) throw new Error(`the preview shows the ${label} field`);
      }
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'evaluator-gateway-response'));
    });
  } finally {
    if (!invokeShot) invokeShot = await screenshot(page, 'invoke').catch(() => undefined);
    for (const file of [invokeShot, evaluatorShot, ...shots]) if (file) console.log(`screenshot: ${path.relative(repoRoot, file)}`);
    await browser.close();
    await server.stop();
    for (const response of held) response.destroy();
    backend.close();
    rmSync(workspace, { recursive: true, force: true });
  }
  return checks.finish();
}

runUiCheck(main);
