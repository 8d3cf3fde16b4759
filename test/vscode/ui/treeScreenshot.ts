// UI check in a real VS Code (code-server + headless Chromium): the "API Gateway" activity-bar view, connected to the
// fake API Gateway through the apigateway.aws.endpoint setting, expanded down to a REST API's methods and a stage.
// Its title keeps room for its name at the default width (aws-tree-title.png), and a method's Invoke action opens the
// panel on the API's first stage URL with the API's name (invoke-from-tree.png). Saves test-output/screenshots/aws-tree.png.
//   npx tsx test/vscode/ui/treeScreenshot.ts      (after `npm run package`; APIGW_VSIX overrides the .vsix path)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { APIGatewayClient, CreateDeploymentCommand, ImportRestApiCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, ImportApiCommand } from '@aws-sdk/client-apigatewayv2';
import type { Page } from 'playwright-core';
import { startFakeApiGateway } from '../../fake-apigateway/server';
import { Checks, runUiCheck } from './checks';
import { launchBrowser, openWorkbench, packagedVsix, repoRoot, runCommand, screenshot, showActivityBarView, startCodeServer } from './workbench';

function restDocument(): string {
  const lambda = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${name}/invocations`;
  return `openapi: 3.0.1
info: { title: pet-store, version: '1' }
paths:
  /pets:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: '${lambda('listPets')}' }
    post:
      security: [ { iam: [] } ]
      responses: { '201': { description: created } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: '${lambda('createPet')}' }
  /pets/{petId}:
    get:
      parameters: [ { name: petId, in: path, required: true, schema: { type: string } } ]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: 'https://backend.example.com/pets/{petId}' }
components:
  securitySchemes:
    iam: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }
`;
}

async function seed(endpoint: string): Promise<void> {
  const config = { region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIDSEED', secretAccessKey: 'secret' } };
  const v1 = new APIGatewayClient(config);
  const v2 = new ApiGatewayV2Client(config);
  const api = await v1.send(new ImportRestApiCommand({ body: new TextEncoder().encode(restDocument()) }));
  await v1.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev', description: 'first', variables: { lambdaAlias: 'blue' } }));
  await v1.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev', description: 'second' }));
  await v1.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod', description: 'release' }));
  await v2.send(new ImportApiCommand({ Body: `openapi: 3.0.1
info: { title: orders-http, version: '1' }
paths:
  /orders:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: 'arn:aws:lambda:us-east-1:123456789012:function:listOrders', payloadFormatVersion: '2.0' }
` }));
  await v2.send(new CreateApiCommand({ Name: 'chat-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
  v1.destroy();
  v2.destroy();
}

/** Clicks a tree row by its label to expand it, and waits for the row after it to appear. */
async function expand(page: Page, label: string, thenVisible: string): Promise<void> {
  const row = page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[/{}$]/g, '\\$&')}$`) }) }).first();
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.locator('.part.sidebar .monaco-list-row', { hasText: thenVisible }).first().waitFor({ timeout: 30_000 });
}

async function main(): Promise<number> {
  const checks = new Checks();
  const fake = await startFakeApiGateway();
  await seed(fake.url);
  // code-server's extension host inherits these, so the default credential chain finds keys the fake accepts.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDSCREENSHOT';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  delete process.env.AWS_PROFILE;
  const vsix = process.env.APIGW_VSIX ?? packagedVsix();
  const server = await startCodeServer(vsix);
  const settingsFile = path.join(server.profile, 'user-data', 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(settingsFile, JSON.stringify({ ...settings, 'apigateway.aws.endpoint': fake.url, 'apigateway.aws.region': 'us-east-1' }, null, 2));
  const folder = mkdtempSync(path.join(tmpdir(), 'apigw-tree-ui-'));
  const browser = await launchBrowser();
  const { page } = browser;
  const shots: string[] = [];
  let treeShot: string | undefined;
  try {
    await openWorkbench(page, server, folder);
    await checks.check('the API Gateway activity-bar view lists the three kinds of API', async () => {
      await showActivityBarView(page, 'API Gateway');
      await page.locator('.part.sidebar .monaco-list-row', { hasText: 'pet-store' }).first().waitFor({ timeout: 60_000 });
      await page.locator('.part.sidebar .monaco-list-row', { hasText: 'orders-http' }).first().waitFor({ timeout: 30_000 });
      await page.locator('.part.sidebar .monaco-list-row', { hasText: 'chat-ws' }).first().waitFor({ timeout: 30_000 });
    });
    await checks.check('the view title keeps three actions inline, the rest in its menu, and room for its name', async () => {
      const title = page.locator('.part.sidebar .composite.title');
      const actions = await title.locator('.actions-container > .action-item').evaluateAll((items) => items
        .filter((item) => (item as HTMLElement).offsetParent !== null)
        .map((item) => item.querySelector('a, .action-label')?.getAttribute('aria-label') ?? ''));
      const inline = actions.filter((label) => !/More Actions/i.test(label));
      if (inline.length > 3) throw new Error(`${inline.length} inline actions: ${inline.join(', ')}`);
      for (const moved of ['Choose AWS Profile', 'Choose AWS Region']) if (inline.some((label) => label.startsWith(moved))) throw new Error(`${moved} is still inline`);
      // The container and view names together, "API Gateway: Deployed", must show whole at the default width.
      const shown = await title.locator('.title-label h2').evaluate((h2) => {
        const range = document.createRange();
        range.selectNodeContents(h2);
        const box = h2.getBoundingClientRect();
        let visible = '';
        for (let i = 0; i < (h2.textContent ?? '').length; i++) {
          range.setStart(h2.firstChild!, i);
          range.setEnd(h2.firstChild!, i + 1);
          if (range.getBoundingClientRect().right <= box.right - 12) visible += h2.textContent![i];
        }
        return visible;
      });
      if (shown.trim() !== 'API Gateway: Deployed') throw new Error(`the title shows only "${shown}"`);
      shots.push(await screenshot(page, 'aws-tree-title'));
    });
    await checks.check('the view widens so descriptions show', async () => {
      const sidebar = page.locator('.part.sidebar');
      const before = await sidebar.boundingBox();
      if (!before) throw new Error('the side bar has no size');
      // Drag the sash on the side bar's right edge, as a user widens it.
      const y = before.y + before.height / 2;
      await page.mouse.move(before.x + before.width + 1, y);
      await page.mouse.down();
      await page.mouse.move(before.x + 760, y, { steps: 12 });
      await page.mouse.up();
      const after = await sidebar.boundingBox();
      if (!after || after.width < before.width + 200) throw new Error(`the side bar stayed ${after?.width ?? 0}px wide`);
    });
    await checks.check('a REST API expands down to its methods with integration targets', async () => {
      await expand(page, 'pet-store', 'Resources');
      await expand(page, 'Resources', '/pets');
      await expand(page, '/pets', 'λ listPets');
      await expand(page, '/{petId}', 'backend.example.com');
    });
    await checks.check('its stages show the deployment, invoke URL, variables and history', async () => {
      await expand(page, 'Stages', 'prod');
      await expand(page, 'dev', '_user_request_');
      await expand(page, 'Deployment history', 'current');
      await expand(page, 'Stage variables', 'lambdaAlias');
      // Leave the pointer and focus off the rows so the picture shows the tree, not a hover.
      await page.mouse.move(1200, 800);
    });
    await page.waitForTimeout(500);
    treeShot = await screenshot(page, 'aws-tree');
    await checks.check('Invoke on a method opens the panel on the API\'s first stage URL, with the API\'s name', async () => {
      const row = page.locator('.part.sidebar .monaco-list-row', { hasText: 'λ listPets' }).first();
      await row.hover();
      await row.locator('.action-label[aria-label^="Invoke Operation"]').click();
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const url = frame.locator('[data-testid=stage-url]');
      await url.waitFor({ timeout: 60_000 });
      const value = await url.inputValue();
      if (!/\/restapis\/[^/]+\/dev\/_user_request_$/.test(value)) throw new Error(`the stage URL is ${JSON.stringify(value)}, not stage dev's`);
      const subtitle = await frame.locator('[data-testid=subtitle]').textContent();
      if (!subtitle?.includes('pet-store')) throw new Error(`the subtitle reads ${JSON.stringify(subtitle)}`);
      await page.mouse.move(1200, 800);
      await page.waitForTimeout(300);
      shots.push(await screenshot(page, 'invoke-from-tree'));
      await runCommand(page, 'View: Close All Editors');
    });
  } finally {
    const file = treeShot ?? await screenshot(page, 'aws-tree').catch((error: unknown) => {
      console.error(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    for (const shot of [file, ...shots]) if (shot) console.log(`screenshot: ${path.relative(repoRoot, shot)}`);
    await browser.close();
    await server.stop();
    await fake.close();
    rmSync(folder, { recursive: true, force: true });
  }
  return checks.finish();
}

runUiCheck(main);
