import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ImportRestApiCommand } from '@aws-sdk/client-api-gateway';
import { ImportApiCommand } from '@aws-sdk/client-apigatewayv2';
import { createClients, destroyClients, type GatewayClients } from '../../../client/src/aws/connection';
import { deploy, type DeployRequest } from '../../../client/src/deploy/deployer';
import { ImportOutcomeUnknown } from '../../../client/src/deploy/deployFailures';
import { startFaultProxy, type FaultProxy } from './deployFaultProxy';
import { httpDocument, restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

const IMPORT_REST = /^\/restapis\?/;
const IMPORT_HTTP = /^\/v2\/apis\?/;

/** The headers of a plain GET, with nothing between it and the answer that could add any. */
function headersOf(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    httpGet(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.headers));
    }).on('error', reject);
  });
}

describe("an import whose answer is lost, when API Gateway's answers carry no Date header", function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  let direct: GatewayClients;
  let proxy: FaultProxy;
  let clients: GatewayClients;
  let workspace: string;

  before(async () => {
    fixture = await startGatewayFixture({ omitDateHeader: true });
    direct = await fixture.clients();
    proxy = await startFaultProxy(fixture.fake.port);
    clients = await createClients({ profile: 'good', region: 'us-east-1', endpoint: proxy.url });
    workspace = mkdtempSync(path.join(tmpdir(), 'apigw-no-clock-'));
  });
  after(async () => {
    destroyClients(clients);
    await proxy.close();
    await fixture.close();
    rmSync(workspace, { recursive: true, force: true });
  });
  beforeEach(() => {
    proxy.rules.length = 0;
  });

  async function failure(request: DeployRequest): Promise<ImportOutcomeUnknown> {
    try {
      await deploy(clients, request);
    } catch (error) {
      assert.ok(error instanceof ImportOutcomeUnknown, String(error));
      return error;
    }
    assert.fail('the deploy was expected to fail');
  }

  async function restApiCreatedAgo(title: string, ms: number): Promise<string> {
    const out = await direct.v1.send(new ImportRestApiCommand({ body: new TextEncoder().encode(restDocument(title)) }));
    fixture.fake.state.restApis.get(out.id!)!.createdDate = Date.now() - ms;
    return out.id!;
  }

  const listingsSince = (from: number, pathname: string) => proxy.seen.slice(from).filter((r) => r.method === 'GET' && r.url.split('?')[0] === pathname).length;

  it('is what the stand-in sends, and the proxy passes on, when asked to leave the header out', async () => {
    const answer = await headersOf(`${fixture.fake.url}/restapis`);
    assert.equal(answer.date, undefined);
    assert.equal((await headersOf(`${proxy.url}/restapis`)).date, undefined);
  });

  it("names the namesakes of the last minute by this computer's clock, marking those from before the sending as perhaps older", async () => {
    const title = 'clockless-rest';
    const recent = await restApiCreatedAgo(title, 30_000);
    const old = await restApiCreatedAgo(title, 120_000);
    proxy.rules.push({ method: 'POST', path: IMPORT_REST, fault: { afterForward: 'drop' }, times: 1 });
    const seenBefore = proxy.seen.length;
    const error = await failure({ kind: 'REST', body: restDocument(title), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir: path.join(workspace, 'rest') });
    const created = [...fixture.fake.state.restApis.values()].find((a) => a.name === title && a.id !== recent && a.id !== old);
    assert.ok(created, 'the import created the API before its answer was lost');
    assert.deepEqual(error.candidates.map((c) => [c.id, c.beforeSending]), [[created.id, false], [recent, true]]);
    assert.deepEqual(error.older.map((c) => c.id), [old]);
    assert.equal(
      error.message,
      'The import of "clockless-rest" as a new REST API got no clear answer (TimeoutError: socket hang up). API Gateway may have created it anyway: '
        + `REST API ${title} (${created.id}) and ${title} (${recent}) (created just before the import was sent by this computer's clock, so perhaps an older API) `
        + 'appeared within a minute of the import. Check it before deploying again, or a second copy will be created. '
        + `REST API ${title} (${old}) with that title is older than the import.`,
    );
    assert.equal(listingsSince(seenBefore, '/restapis'), 1, 'the clock is looked for in the listing itself, not in a call of its own');
  });

  it('does not take an API made just after the sending for an older one because its creation date is cut to the second', async () => {
    proxy.rules.push({ method: 'PUT', path: IMPORT_HTTP, fault: { afterForward: 'drop' }, times: 1 });
    const error = await failure({ kind: 'HTTP', body: httpDocument('clockless-http'), target: { mode: 'new' }, stage: { name: 'dev' }, backupDir: path.join(workspace, 'http') });
    const created = [...fixture.fake.state.httpApis.values()].filter((a) => a.name === 'clockless-http');
    assert.equal(created.length, 1);
    assert.deepEqual(error.candidates.map((c) => [c.id, c.beforeSending]), [[created[0].apiId, false]]);
    assert.equal(error.candidates[0].createdDate?.getMilliseconds(), 0, 'API Gateway dates in whole seconds');
    assert.deepEqual(error.older, []);
    assert.match(error.message, new RegExp(`HTTP API clockless-http \\(${created[0].apiId}\\) appeared within a minute of the import\\.`));
    assert.doesNotMatch(error.message, /perhaps an older API/);
  });

  it('still finds an API with the title through the listing when it is older than a minute, and calls it older', async () => {
    const old = (await direct.v2.send(new ImportApiCommand({ Body: httpDocument('clockless-old') }))).ApiId!;
    fixture.fake.state.httpApis.get(old)!.createdDate = Date.now() - 120_000;
    proxy.rules.push({ method: 'PUT', path: IMPORT_HTTP, fault: { answer: { status: 500, headers: { 'Content-Type': 'text/html' }, body: '<html>500</html>' } }, times: 1 });
    const error = await failure({ kind: 'HTTP', body: httpDocument('clockless-old'), target: { mode: 'new' }, backupDir: path.join(workspace, 'old') });
    assert.deepEqual(error.candidates, []);
    assert.deepEqual(error.older.map((c) => c.id), [old]);
    assert.match(error.message, new RegExp(`No HTTP API with that title appeared since the import was sent, so nothing seems to have been created\\. HTTP API clockless-old \\(${old}\\) with that title is older than the import\\.$`));
  });
});
