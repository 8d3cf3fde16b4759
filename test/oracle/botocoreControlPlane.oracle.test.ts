/**
 * The fake API Gateway the deploy and listing tests run against, driven by botocore's apigateway and apigatewayv2
 * clients (Debian's python3-botocore): a second client, generated from AWS's own service models apart from the
 * JavaScript SDK, must be able to import, list with pagination, read resources, methods and integrations, deploy,
 * export and delete, and must read the fake's errors as the AWS error codes they stand for.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { startFakeApiGateway, type FakeApiGateway } from '../fake-apigateway/server';

function runScenario(endpoint: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', [path.join(__dirname, 'botocoreControlPlane.py'), endpoint], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`botocore scenario failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

describe('the fake API Gateway driven by botocore', function () {
  this.timeout(90_000);
  let fake: FakeApiGateway;

  before(async () => {
    fake = await startFakeApiGateway();
  });

  after(async () => {
    await fake.close();
  });

  it('answers a whole import, list, deploy, export and delete as AWS would', async () => {
    const out = await runScenario(fake.url);
    assert.deepEqual(out.imported, { name: 'boto-pets', hasId: true });
    assert.equal(out.created, 'boto-empty');
    assert.deepEqual(out.listed, ['boto-empty', 'boto-pets']);
    assert.deepEqual(out.paths, ['/', '/pets', '/pets/{id}']);
    assert.equal(out.method, 'GET');
    assert.equal(out.integrationType, 'MOCK');
    assert.deepEqual(out.stage, { deployment: true, variables: { color: 'blue' } });
    assert.deepEqual(out.exportedPaths, ['/pets', '/pets/{id}']);
    assert.deepEqual(out.missingApi, { code: 'NotFoundException', status: 404 });
    assert.deepEqual(out.duplicateStage, { code: 'ConflictException', status: 409 });
    assert.deepEqual(out.afterDelete, { code: 'NotFoundException', status: 404 });
    assert.deepEqual(out.httpImported, { name: 'boto-http', protocol: 'HTTP' });
    assert.deepEqual(out.httpRoutes, ['GET /items']);
    assert.deepEqual(out.httpApis, ['boto-http']);
    assert.deepEqual(out.httpMissing, { code: 'NotFoundException', status: 404 });
  });
});
