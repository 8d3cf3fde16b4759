// UI check in a real VS Code (code-server + headless Chromium, no smoke-test driver): with the extension installed
// from the packaged .vsix, opening examples/petstore.yaml shows its deliberate error in the Problems panel and as a
// squiggle in the editor. Saves test-output/screenshots/diagnostics.png as evidence.
//   npx tsx test/vscode/ui/screenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import * as path from 'node:path';
import { Checks, runUiCheck } from './checks';
import { openFile, openWorkbench, repoRoot, runCommand, screenshot, startUiSession } from './workbench';

const EXAMPLE = 'petstore.yaml';

async function main(): Promise<number> {
  const checks = new Checks();
  const { server, browser, page } = await startUiSession();
  try {
    await openWorkbench(page, server, path.join(repoRoot, 'examples'));
    await openFile(page, EXAMPLE);

    // The deliberate error may lie below the first screen, where the editor renders no squiggle; opening it from the
    // Problems panel brings it into view, as a user would.
    const problem = page.locator('.markers-panel .monaco-list-row', {
      has: page.locator('.marker-icon.error, .marker-icon.warning'),
    });
    await checks.check(`the Problems panel lists an error or warning from the language server for ${EXAMPLE}`, async () => {
      await runCommand(page, 'View: Focus Problems');
      await problem.first().waitFor({ timeout: 60_000 });
      const source = await problem.first().locator('.marker-source').textContent();
      if (!source?.includes('apigateway')) throw new Error(`the first problem comes from "${source}", not apigateway`);
    });

    await checks.check(`the editor underlines that problem in ${EXAMPLE}`, async () => {
      await problem.first().dblclick();
      await page.locator('.squiggly-error, .squiggly-warning').first().waitFor({ state: 'attached', timeout: 30_000 });
      // Let the reveal and the panel settle so the screenshot shows what a user sees.
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

runUiCheck(main);
