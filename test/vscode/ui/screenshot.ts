// UI check in a real VS Code (code-server + headless Chromium, no smoke-test driver): with the extension installed
// from the packaged .vsix, opening examples/petstore.yaml shows the deliberate error as a squiggle and in the Problems
// panel. Saves test-output/screenshots/diagnostics.png as evidence.
//   npx tsx test/vscode/ui/screenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Checks } from './checks';
import { launchBrowser, openFile, openWorkbench, packagedVsix, repoRoot, runCommand, screenshot, startCodeServer } from './workbench';

const EXAMPLE = 'petstore.yaml';

async function main(): Promise<number> {
  const checks = new Checks();
  const vsix = process.env.APIGW_VSIX ?? packagedVsix();
  const server = await startCodeServer(vsix);
  const browser = await launchBrowser();
  const { page } = browser;
  try {
    console.log(`UI check on code-server port ${server.port} with ${path.basename(vsix)}`);
    await openWorkbench(page, server, path.join(repoRoot, 'examples'));
    await openFile(page, EXAMPLE);

    await checks.check(`the editor underlines a problem in ${EXAMPLE}`, async () => {
      await page.locator('.squiggly-error, .squiggly-warning').first().waitFor({ state: 'attached', timeout: 60_000 });
    });

    await checks.check('the Problems panel lists the diagnostics', async () => {
      await runCommand(page, 'View: Focus Problems');
      const markers = page.locator('.markers-panel .monaco-list-row .marker-message-details, .markers-panel .monaco-list-row[aria-label*="Error"], .markers-panel .monaco-list-row[aria-label*="Warning"]');
      await markers.first().waitFor({ timeout: 30_000 });
      const count = await markers.count();
      if (count < 1) throw new Error('the Problems panel shows no diagnostic');
      // Let the panel finish its layout so the screenshot shows what a user sees.
      await page.waitForTimeout(500);
    });
  } finally {
    const file = await screenshot(page, 'diagnostics').catch((error: unknown) => {
      console.error(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (file) console.log(`screenshot: ${path.relative(repoRoot, file)}`);
    await browser.close();
    await server.stop();
  }
  return checks.finish();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`UI check could not run: ${error instanceof Error ? error.stack : String(error)}`);
    // Counted as one failed check so the aggregate does not silently lose this tier.
    const statsFile = process.env.APIGW_STATS_FILE;
    if (statsFile) writeFileSync(statsFile, JSON.stringify({ passed: 0, failed: 1 }) + '\n');
    process.exit(1);
  },
);
