import * as path from 'node:path';
import { launchBrowser, openFile, openWorkbench, packagedVsix, repoRoot, runCommand, startCodeServer } from './workbench';
(async () => {
  const server = await startCodeServer(packagedVsix());
  const b = await launchBrowser();
  try {
    await openWorkbench(b.page, server, path.join(repoRoot, 'examples'));
    await openFile(b.page, 'petstore.yaml');
    await b.page.locator('.squiggly-info, .squiggly-error, .squiggly-warning').first().waitFor({ state: 'attached', timeout: 60000 });
    await runCommand(b.page, 'View: Focus Problems');
    await b.page.waitForTimeout(2000);
    const html = await b.page.locator('.markers-panel').first().evaluate((e) => e.outerHTML);
    console.log(html.slice(0, 6000));
    const labels = await b.page.locator('.part.activitybar .action-item a').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    console.log(labels);
  } finally { await b.close(); await server.stop(); }
})();
