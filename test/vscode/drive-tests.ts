// Opens a code-server workbench (started with the smoke-test driver) in headless Chromium with a payload that makes
// it load an extension under development and run its tests; relays the extension host's output and exits with the
// test runner's exit code. Started by code-server-wrapper.sh, which owns the server's lifetime.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumExecutable, chromiumArgs } from './browser-options';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    tests: { type: 'string' },
    dev: { type: 'string', multiple: true, default: [] },
    folder: { type: 'string' },
    workspace: { type: 'string' },
    timeout: { type: 'string', default: '600' },
    profile: { type: 'string' },
  },
});

const port = Number(values.port);
const authority = `127.0.0.1:${port}`;
const remote = (path: string) => `vscode-remote://${authority}${path}`;

const extensionEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name.startsWith('APIGW_')),
);
const payload = [
  ...(values.dev ?? []).map((path) => ['extensionDevelopmentPath', remote(path)]),
  ['extensionTestsPath', remote(values.tests ?? '')],
  ['skipWelcome', 'true'],
  ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
];

const query = new URLSearchParams();
if (values.workspace) query.set('workspace', values.workspace);
else if (values.folder) query.set('folder', values.folder);
query.set('payload', JSON.stringify(payload));
const url = `http://${authority}/?${query}`;

// The workbench logs its own start-up through codeAutomationLog too; those lines only bury the test output.
const noise = [
  /^\[driver\]/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^\[AgentHost/,
  /^\[AccountPolicyGate\]/,
  /open-vsx|marketplace|gallery/i,
  /github.*(sign|auth)/i,
];

const browserDir = mkdtempSync(join(values.profile ?? tmpdir(), 'chromium-'));
const timeoutMs = Number(values.timeout) * 1000;

let finish: (code: number) => void = () => {};
const exitCode = new Promise<number>((resolve) => (finish = resolve));
const timer = setTimeout(() => {
  console.error(`drive-tests: no test result after ${values.timeout} s; giving up`);
  finish(124);
}, timeoutMs);

async function main(): Promise<number> {
  const context = await chromium.launchPersistentContext(browserDir, {
    executablePath: chromiumExecutable(),
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => {
      const text = Array.isArray(message) ? message.join(' ') : String(message);
      if (noise.some((re) => re.test(text))) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => finish(Number(code)));
    page.on('crash', () => {
      console.error('drive-tests: the workbench page crashed');
      finish(3);
    });
    page.on('pageerror', (error) => console.error(`drive-tests: page error: ${error.message}`));
    await page.goto(url);
    const code = await exitCode;
    clearTimeout(timer);
    return code;
  } finally {
    await context.close().catch(() => {});
    rmSync(browserDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`drive-tests: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(3);
  },
);
