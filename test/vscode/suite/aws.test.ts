import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { APIGatewayClient, CreateBasePathMappingCommand, CreateDeploymentCommand, CreateDomainNameCommand, GetStageCommand, ImportRestApiCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateRouteCommand, ImportApiCommand } from '@aws-sdk/client-apigatewayv2';
import type { DeployResult } from '../../../client/src/deploy/deployer';
import type { TreeNode } from '../../../client/src/tree/nodes';
import type { AwsTreeAccess } from '../../../client/src/tree/register';
import { startFakeApiGateway, type FakeApiGateway } from '../../fake-apigateway/server';
import { httpDocument } from '../../unit/aws/fixtures/documents';
import { contributes, extensionUnderTest, openExample, serverDiagnostics, settingsSchema, waitFor, waitForDiagnostics } from './harness';

const PETS = `openapi: 3.0.1
info:
  title: vscode-pets
  version: '1'
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:listPets/invocations
`;
const ORDERS = httpDocument('vscode-orders');

/** A definition whose only path item, with its integration, lives in another file. */
const SPLIT = `openapi: 3.0.1
info:
  title: vscode-split-pets
  version: '1'
paths:
  /pets:
    $ref: 'paths/pets.yaml'
`;
const SPLIT_PETS = `get:
  responses:
    '200':
      description: ok
  x-amazon-apigateway-integration:
    type: aws_proxy
    httpMethod: POST
    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:listPets/invocations
`;

/** Writes a definition and its files (relative names) into a new folder under `dir`; returns the definition's path. */
function writeSplit(dir: string, name: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name, file)), { recursive: true });
    writeFileSync(path.join(dir, name, file), text);
  }
  return path.join(dir, name, 'api.yaml');
}

/**
 * Runs `action` with the error notifications it shows caught instead: the test reads what a refused deploy says. The
 * tests share the extension's `vscode` API object, so replacing the function on it is seen by the extension.
 */
async function errorsShownBy<T>(action: () => Thenable<T>): Promise<{ result: T; errors: string[] }> {
  const window = vscode.window as unknown as Record<'showErrorMessage', (message: string, ...items: unknown[]) => Thenable<unknown>>;
  const original = window.showErrorMessage;
  const errors: string[] = [];
  window.showErrorMessage = (message: string) => {
    errors.push(message);
    return Promise.resolve(undefined);
  };
  try {
    return { result: await action(), errors };
  } finally {
    window.showErrorMessage = original;
  }
}

const CREDENTIAL_VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];

/** Whether the manifest puts `command` on a row of the API Gateway view, inline or in its context menu. */
function offered(command: string, row: TreeNode): boolean {
  const entries = ((contributes().menus as Record<string, { command: string; when?: string }[]>)['view/item/context'] ?? []).filter((e) => e.command === command);
  return entries.some((e) => {
    const pattern = /viewItem =~ \/(.+)\/$/.exec(e.when ?? '')?.[1];
    return pattern !== undefined && new RegExp(pattern).test(row.contextValue);
  });
}

async function child(model: AwsTreeAccess['model'], parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  return waitFor(`"${label}" under ${parent?.label ?? 'the root'}`, async () => (await model.children(parent)).find((c) => c.label === label), 10_000);
}

describe('AWS: the API Gateway tree, deploy and rollback in a real VS Code', function () {
  this.timeout(120_000);
  let fake: FakeApiGateway;
  let dir: string;
  let access: AwsTreeAccess;
  const savedEnv = Object.fromEntries(CREDENTIAL_VARS.map((k) => [k, process.env[k]]));
  const config = () => vscode.workspace.getConfiguration('apigateway.aws');

  before(async () => {
    fake = await startFakeApiGateway();
    dir = mkdtempSync(path.join(tmpdir(), 'apigw-vscode-aws-'));
    // The extension runs in this process, so the default credential chain reads these.
    process.env.AWS_ACCESS_KEY_ID = 'AKIDVSCODETEST';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    await waitFor('the extension to activate', async () => {
      if (!extensionUnderTest().isActive) await extensionUnderTest().activate();
      return extensionUnderTest().isActive;
    });
    await config().update('profile', '', vscode.ConfigurationTarget.Global);
    await config().update('region', 'us-east-1', vscode.ConfigurationTarget.Global);
    await config().update('endpoint', fake.url, vscode.ConfigurationTarget.Global);
    access = (await vscode.commands.executeCommand<AwsTreeAccess>('apigateway.aws.treeModel'))!;

    const sdkConfig = { region: 'us-east-1', endpoint: fake.url, credentials: { accessKeyId: 'AKIDSEED', secretAccessKey: 'secret' } };
    const v1 = new APIGatewayClient(sdkConfig);
    const v2 = new ApiGatewayV2Client(sdkConfig);
    const seeded = await v1.send(new ImportRestApiCommand({ body: new TextEncoder().encode(PETS.replace('vscode-pets', 'seeded-pets')) }));
    await v1.send(new CreateDeploymentCommand({ restApiId: seeded.id, stageName: 'dev', variables: { alias: 'blue' } }));
    await v2.send(new ImportApiCommand({ Body: ORDERS }));
    v1.destroy();
    v2.destroy();
  });

  after(async () => {
    for (const key of ['profile', 'region', 'endpoint']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('contributes the view, its commands and the apigateway.aws settings', () => {
    const pkg = extensionUnderTest().packageJSON as { contributes: { views: Record<string, { id: string }[]> } };
    assert.ok(pkg.contributes.views.apigateway.some((v) => v.id === 'apigateway.apis'));
    for (const key of ['profile', 'region', 'endpoint']) assert.ok(`apigateway.aws.${key}` in settingsSchema());
  });

  it('lists the deployed APIs down to methods and stages through the tree provider', async () => {
    const model = access.model;
    const api = await child(model, await child(model, undefined, 'REST APIs'), 'seeded-pets');
    const pets = await child(model, await child(model, await child(model, api, 'Resources'), '/'), '/pets');
    assert.equal((await child(model, pets, 'GET')).description, 'NONE · AWS_PROXY → λ listPets');
    const dev = await child(model, await child(model, api, 'Stages'), 'dev');
    assert.match(dev.url ?? '', new RegExp(`/restapis/${api.api!.apiId}/dev/_user_request_$`));
    const orders = await child(model, await child(model, undefined, 'HTTP APIs'), 'vscode-orders');
    assert.equal((await child(model, await child(model, orders, 'Routes'), 'GET /orders')).description, 'AWS_PROXY → λ listOrders');
  });

  it('offers Refresh, Copy Invoke URL and Invoke only on the rows where they do something', async () => {
    const v2 = new ApiGatewayV2Client({ region: 'us-east-1', endpoint: fake.url, credentials: { accessKeyId: 'AKIDSEED', secretAccessKey: 'secret' } });
    const chat = await v2.send(new CreateApiCommand({ Name: 'vscode-chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }));
    await v2.send(new CreateRouteCommand({ ApiId: chat.ApiId, RouteKey: 'sendMessage' }));
    v2.destroy();
    access.refresh();
    const model = access.model;
    const api = await child(model, await child(model, undefined, 'REST APIs'), 'seeded-pets');
    const dev = await child(model, await child(model, api, 'Stages'), 'dev');
    const variables = await child(model, dev, 'Stage variables');
    // The variables come with the stage: refreshing their folder would fetch nothing.
    assert.ok(!offered('apigateway.aws.refreshNode', variables) && !offered('apigateway.aws.copyInvokeUrl', variables), variables.contextValue);
    assert.ok(offered('apigateway.aws.refreshNode', dev) && offered('apigateway.aws.refreshNode', await child(model, dev, 'Deployment history')));
    const get = await child(model, await child(model, await child(model, await child(model, api, 'Resources'), '/'), '/pets'), 'GET');
    assert.ok(offered('apigateway.invoke.open', get));
    const orders = await child(model, await child(model, undefined, 'HTTP APIs'), 'vscode-orders');
    assert.match(orders.description ?? '', /· version 1$/);
    assert.ok(offered('apigateway.invoke.open', await child(model, await child(model, orders, 'Routes'), 'GET /orders')));
    const chatApi = await child(model, await child(model, undefined, 'WebSocket APIs'), 'vscode-chat');
    const message = await child(model, await child(model, chatApi, 'Routes'), 'sendMessage');
    assert.ok(!offered('apigateway.invoke.open', message), 'a WebSocket route cannot be invoked with an HTTP request');
  });

  it('says so instead of opening an empty pick when a stage has no other deployment to roll back to', async () => {
    const model = access.model;
    const api = await child(model, await child(model, undefined, 'REST APIs'), 'seeded-pets');
    const dev = await child(model, await child(model, api, 'Stages'), 'dev');
    // An empty quick pick would wait for an answer and hold the command until the test timed out.
    assert.equal(await vscode.commands.executeCommand<boolean>('apigateway.aws.rollbackStage', dev), false);
  });

  it('shows an error row naming the endpoint, not an empty tree, when the credentials are refused', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'INVALID';
    await vscode.commands.executeCommand('apigateway.aws.refresh');
    try {
      const roots = await access.model.children(undefined);
      assert.equal(roots.length, 1);
      assert.equal(roots[0].kind, 'error');
      assert.match(roots[0].label, new RegExp(fake.url.replace(/[.]/g, '\\.')));
    } finally {
      process.env.AWS_ACCESS_KEY_ID = 'AKIDVSCODETEST';
      await vscode.commands.executeCommand('apigateway.aws.refresh');
    }
  });

  it('refuses to deploy a document with errors', async function () {
    const document = await openExample('petstore.yaml');
    const diagnostics = await waitForDiagnostics(document.uri);
    if (!diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error)) this.skip();
    const before = fake.state.restApis.size;
    const result = await vscode.commands.executeCommand<DeployResult | undefined>('apigateway.aws.deploy', { target: 'new', stage: 'dev' });
    assert.equal(result, undefined);
    assert.equal(fake.state.restApis.size, before);
  });

  let first: DeployResult;

  it('deploys the active document as a new API with every prompt answered, and remembers the link', async () => {
    const file = path.join(dir, 'pets.yaml');
    writeFileSync(file, PETS);
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const result = await vscode.commands.executeCommand<DeployResult | undefined>('apigateway.aws.deploy', {
      target: 'new', kind: 'REST', stage: 'dev', variables: { alias: 'green' }, acceptWarnings: true,
    });
    assert.ok(result, 'the deploy returned no result; see the "API Gateway" output channel');
    first = result;
    assert.equal(result.apiName, 'vscode-pets');
    assert.equal(result.invokeUrl, `${fake.url}/restapis/${result.apiId}/dev/_user_request_`);
    assert.ok(fake.state.restApis.has(result.apiId));
    const links = JSON.parse(readFileSync(path.join(dir, '.apigateway', 'deployments.json'), 'utf8'));
    assert.equal(links.links['pets.yaml'][0].apiId, result.apiId);
    assert.equal(links.links['pets.yaml'][0].lastStage, 'dev');
    await child(access.model, await child(access.model, undefined, 'REST APIs'), 'vscode-pets');
  });

  it('overwrites the linked API after writing a backup, then rolls the stage back', async () => {
    const file = path.join(dir, 'pets.yaml');
    writeFileSync(file, PETS.replace('/pets:', '/animals:'));
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    // The document is still open from the deploy before: the change on disk reaches it through the file watcher, which
    // a loaded machine may deliver late or not at all. Reverting the unmodified editor reads the file now.
    if (!document.getText().includes('/animals:')) await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the editor to show the new text', () => document.getText().includes('/animals:'));
    const second = await vscode.commands.executeCommand<DeployResult | undefined>('apigateway.aws.deploy', {
      target: first.apiId, putMode: 'overwrite', stage: 'dev', acceptWarnings: true,
    });
    assert.ok(second, 'the redeploy returned no result');
    assert.ok(second.backupFiles.length > 0 && second.backupFiles.every((f) => existsSync(f)));
    assert.match(readFileSync(second.backupFiles.find((f) => f.endsWith('.yaml'))!, 'utf8'), /\/pets:/);
    assert.notEqual(second.deploymentId, first.deploymentId);

    const rolledBack = await vscode.commands.executeCommand<boolean>('apigateway.aws.rollbackStage', {
      kind: 'REST', apiId: first.apiId, stage: 'dev', deploymentId: first.deploymentId, confirmed: true,
    });
    assert.equal(rolledBack, true);
    const v1 = new APIGatewayClient({ region: 'us-east-1', endpoint: fake.url, credentials: { accessKeyId: 'AKIDCHECK', secretAccessKey: 'secret' } });
    const stage = await v1.send(new GetStageCommand({ restApiId: first.apiId, stageName: 'dev' }));
    v1.destroy();
    assert.equal(stage.deploymentId, first.deploymentId);
  });

  it('shows a custom domain mapped to a stage under it, and copies its URL', async () => {
    const v1 = new APIGatewayClient({ region: 'us-east-1', endpoint: fake.url, credentials: { accessKeyId: 'AKIDDOMAIN', secretAccessKey: 'secret' } });
    await v1.send(new CreateDomainNameCommand({ domainName: 'pets.example.com', regionalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', endpointConfiguration: { types: ['REGIONAL'] } }));
    await v1.send(new CreateBasePathMappingCommand({ domainName: 'pets.example.com', basePath: 'v1', restApiId: first.apiId, stage: 'dev' }));
    v1.destroy();
    access.refresh();
    const api = await child(access.model, await child(access.model, undefined, 'REST APIs'), 'vscode-pets');
    const dev = await child(access.model, await child(access.model, api, 'Stages'), 'dev');
    const row = await child(access.model, dev, 'https://pets.example.com/v1');
    assert.equal(row.kind, 'invokeUrl');
    assert.equal(row.description, 'custom domain');
    await child(access.model, dev, `${fake.url}/restapis/${first.apiId}/dev/_user_request_`);
    const copied = await vscode.commands.executeCommand<string | undefined>('apigateway.aws.copyInvokeUrl', row);
    assert.equal(copied, 'https://pets.example.com/v1');
    assert.equal(await vscode.env.clipboard.readText(), 'https://pets.example.com/v1');
  });

  it('opens a deployed definition as YAML and deletes an API only with its name typed', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('apigateway.aws.openDefinition', { kind: 'REST', apiId: first.apiId, name: 'vscode-pets' });
    assert.ok(document, 'no document opened');
    assert.equal(document.languageId, 'yaml');
    assert.equal(document.isUntitled, true);
    assert.match(document.getText(), /openapi: 3\.0/);
    assert.match(document.getText(), /x-amazon-apigateway-integration/);

    const wrongName = await vscode.commands.executeCommand<boolean>('apigateway.aws.deleteApi', { kind: 'REST', apiId: first.apiId, name: 'vscode-pets', confirmName: 'vscode-pet' });
    assert.equal(wrongName, false);
    assert.ok(fake.state.restApis.has(first.apiId));
    const deleted = await vscode.commands.executeCommand<boolean>('apigateway.aws.deleteApi', { kind: 'REST', apiId: first.apiId, name: 'vscode-pets', confirmName: 'vscode-pets' });
    assert.equal(deleted, true);
    assert.ok(!fake.state.restApis.has(first.apiId));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('deploys a definition split over files as one document, saving an edited referenced file first', async () => {
    const file = writeSplit(dir, 'split', { 'api.yaml': SPLIT, 'paths/pets.yaml': SPLIT_PETS });
    const pets = await vscode.workspace.openTextDocument(path.join(dir, 'split', 'paths', 'pets.yaml'));
    const edit = new vscode.WorkspaceEdit();
    const at = pets.getText().indexOf('function:listPets') + 'function:'.length;
    edit.replace(pets.uri, new vscode.Range(pets.positionAt(at), pets.positionAt(at + 'listPets'.length)), 'listSplitPets');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(pets.isDirty);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const result = await vscode.commands.executeCommand<DeployResult | undefined>('apigateway.aws.deploy', {
      target: 'new', kind: 'REST', stage: 'dev', acceptWarnings: true,
    });
    assert.ok(result, 'the deploy returned no result; see the "API Gateway" output channel');
    assert.equal(result.apiName, 'vscode-split-pets');
    const api = fake.state.restApis.get(result.apiId);
    assert.ok(api, `API ${result.apiId} is not in the fake`);
    const resource = [...api.resources.values()].find((r) => r.path === '/pets');
    assert.ok(resource, `no /pets resource; paths: ${[...api.resources.values()].map((r) => r.path).join(', ')}`);
    const integration = resource.resourceMethods.GET?.methodIntegration;
    assert.equal(integration?.type, 'AWS_PROXY');
    assert.match(integration?.uri ?? '', /function:listSplitPets\/invocations$/);
    // What was deployed is what is on disk.
    assert.equal(pets.isDirty, false);
    assert.match(readFileSync(pets.uri.fsPath, 'utf8'), /function:listSplitPets/);
  });

  it('refuses to deploy a split definition whose referenced file has an error, naming that file', async () => {
    const file = writeSplit(dir, 'broken', { 'api.yaml': SPLIT.replace('vscode-split-pets', 'vscode-split-broken'), 'paths/pets.yaml': SPLIT_PETS.replace('type: aws_proxy', 'type: aws_proxi') });
    const pets = vscode.Uri.file(path.join(dir, 'broken', 'paths', 'pets.yaml'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await waitFor('the error in paths/pets.yaml', () => serverDiagnostics(pets).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    const before = fake.state.restApis.size;
    const { result, errors } = await errorsShownBy(() => vscode.commands.executeCommand<DeployResult | undefined>('apigateway.aws.deploy', {
      target: 'new', kind: 'REST', stage: 'dev', acceptWarnings: true,
    }));
    assert.equal(result, undefined);
    assert.equal(fake.state.restApis.size, before);
    assert.ok(![...fake.state.restApis.values()].some((a) => a.name === 'vscode-split-broken'));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^Not deployed: 1 error in \S*paths\/pets\.yaml\. Line 6: .*aws_proxi/);
  });

  it('refuses to deploy a split definition whose reference leads to no file, saying which', async () => {
    const file = writeSplit(dir, 'missing', { 'api.yaml': SPLIT.replace('paths/pets.yaml', 'paths/gone.yaml') });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const before = fake.state.restApis.size;
    const { result, errors } = await errorsShownBy(() => vscode.commands.executeCommand<DeployResult | undefined>('apigateway.aws.deploy', {
      target: 'new', kind: 'REST', stage: 'dev', acceptWarnings: true,
    }));
    assert.equal(result, undefined);
    assert.equal(fake.state.restApis.size, before);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^Not deployed: .*paths\/gone\.yaml/);
  });
});
