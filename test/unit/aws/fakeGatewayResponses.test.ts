import * as assert from 'node:assert/strict';
import {
  BadRequestException,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  DeleteGatewayResponseCommand,
  GetExportCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  GetRestApisCommand,
  ImportRestApiCommand,
  NotFoundException,
  PutGatewayResponseCommand,
  PutRestApiCommand,
  UpdateGatewayResponseCommand,
  type GatewayResponse,
} from '@aws-sdk/client-api-gateway';
import { GATEWAY_RESPONSE_TYPES } from '../../../server/src/facts/extensions/gatewayResponses';
import type { GatewayClients } from '../../../client/src/aws/connection';
import { restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

const DEFAULT_TEMPLATES = { 'application/json': '{"message":$context.error.messageString}' };
const CORS_HEADER = { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" };

const encode = (text: string) => new TextEncoder().encode(text);

/** A deployable REST API document whose root ends with the given `x-amazon-apigateway-gateway-responses` YAML. */
function documentWith(title: string, gatewayResponses: string): string {
  return `${restDocument(title)}x-amazon-apigateway-gateway-responses:\n${gatewayResponses}`;
}

const UNAUTHORIZED_AND_5XX = `  UNAUTHORIZED:
    statusCode: '401'
    responseParameters:
      gatewayresponse.header.WWW-Authenticate: "'Bearer'"
    responseTemplates:
      application/json: '{"error": "unauthorized"}'
  DEFAULT_5XX:
    responseTemplates:
      application/json: '{"error": "server"}'
`;

describe('gateway responses of the fake API Gateway, driven by the real SDK', function () {
  this.timeout(20_000);
  let fixture: GatewayFixture;
  let clients: GatewayClients;

  before(async () => {
    fixture = await startGatewayFixture();
    clients = await fixture.clients();
  });
  after(() => fixture.close());

  async function newApi(name: string): Promise<string> {
    const api = await clients.v1.send(new CreateRestApiCommand({ name }));
    return api.id as string;
  }

  async function importApi(body: string): Promise<string> {
    const api = await clients.v1.send(new ImportRestApiCommand({ body: encode(body), failOnWarnings: true }));
    return api.id as string;
  }

  async function allResponses(restApiId: string): Promise<GatewayResponse[]> {
    return (await clients.v1.send(new GetGatewayResponsesCommand({ restApiId, limit: 500 }))).items ?? [];
  }

  async function customised(restApiId: string): Promise<Record<string, GatewayResponse>> {
    const items = (await allResponses(restApiId)).filter((r) => r.defaultResponse === false);
    return Object.fromEntries(items.map((r) => [r.responseType as string, r]));
  }

  async function rejection(action: Promise<unknown>): Promise<Error> {
    try {
      await action;
    } catch (error) {
      return error as Error;
    }
    assert.fail('the request was expected to be refused');
  }

  async function exported(restApiId: string, extensions?: string): Promise<Record<string, unknown>> {
    const out = await clients.v1.send(new GetExportCommand({
      restApiId,
      stageName: 'dev',
      exportType: 'oas30',
      accepts: 'application/json',
      parameters: extensions ? { extensions } : undefined,
    }));
    return JSON.parse(Buffer.from(out.body ?? []).toString('utf8')) as Record<string, unknown>;
  }

  describe('an API nobody customised', () => {
    it('lists every response type at its default, with the status codes of the catalog', async () => {
      const items = await allResponses(await newApi('defaults'));
      assert.deepEqual(items.map((r) => r.responseType).sort(), Object.keys(GATEWAY_RESPONSE_TYPES).sort());
      for (const item of items) {
        const expected = GATEWAY_RESPONSE_TYPES[item.responseType as string];
        assert.equal(item.defaultResponse, true, item.responseType);
        assert.equal(item.statusCode, expected.status, item.responseType);
        assert.deepEqual(item.responseParameters, {}, item.responseType);
        assert.deepEqual(item.responseTemplates, DEFAULT_TEMPLATES, item.responseType);
      }
    });

    it('pages the list with position and limit', async () => {
      const restApiId = await newApi('paged');
      const seen: string[] = [];
      let position: string | undefined;
      let pages = 0;
      do {
        const out = await clients.v1.send(new GetGatewayResponsesCommand({ restApiId, limit: 8, position }));
        assert.ok((out.items ?? []).length <= 8);
        seen.push(...(out.items ?? []).map((r) => r.responseType as string));
        position = out.position;
        pages++;
      } while (position);
      assert.equal(pages, 3);
      assert.deepEqual([...seen].sort(), Object.keys(GATEWAY_RESPONSE_TYPES).sort());
    });

    it('returns one default response by type', async () => {
      const response = await clients.v1.send(new GetGatewayResponseCommand({ restApiId: await newApi('one'), responseType: 'THROTTLED' }));
      assert.equal(response.responseType, 'THROTTLED');
      assert.equal(response.statusCode, '429');
      assert.equal(response.defaultResponse, true);
      assert.deepEqual(response.responseTemplates, DEFAULT_TEMPLATES);
    });
  });

  describe('customising one response', () => {
    it('stores what PUT sends, and lists it as not default among the defaults', async () => {
      const restApiId = await newApi('put');
      const put = await clients.v1.send(new PutGatewayResponseCommand({
        restApiId,
        responseType: 'UNAUTHORIZED',
        statusCode: '401',
        responseParameters: CORS_HEADER,
        responseTemplates: { 'application/json': '{"error": $context.error.messageString}' },
      }));
      assert.equal(put.$metadata.httpStatusCode, 201);
      assert.equal(put.defaultResponse, false);
      const got = await clients.v1.send(new GetGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }));
      assert.deepEqual(
        [got.statusCode, got.responseParameters, got.responseTemplates, got.defaultResponse],
        ['401', CORS_HEADER, { 'application/json': '{"error": $context.error.messageString}' }, false],
      );
      const items = await allResponses(restApiId);
      assert.equal(items.length, Object.keys(GATEWAY_RESPONSE_TYPES).length);
      assert.deepEqual(items.filter((r) => !r.defaultResponse).map((r) => r.responseType), ['UNAUTHORIZED']);
    });

    it('replaces the whole customisation on a second PUT', async () => {
      const restApiId = await newApi('put-twice');
      await clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'ACCESS_DENIED', statusCode: '403', responseParameters: CORS_HEADER }));
      await clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'ACCESS_DENIED', statusCode: '404' }));
      const got = await clients.v1.send(new GetGatewayResponseCommand({ restApiId, responseType: 'ACCESS_DENIED' }));
      assert.equal(got.statusCode, '404');
      assert.equal(got.responseParameters, undefined);
    });

    it('gives the status code of a customised DEFAULT_4XX to the 4XX types still at their default', async () => {
      const restApiId = await newApi('family');
      await clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'DEFAULT_4XX', statusCode: '418' }));
      await clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'ACCESS_DENIED', statusCode: '403' }));
      const byType = Object.fromEntries((await allResponses(restApiId)).map((r) => [r.responseType, r.statusCode]));
      assert.equal(byType.UNAUTHORIZED, '418');
      assert.equal(byType.ACCESS_DENIED, '403', 'a customised type keeps its own status');
      assert.equal(byType.INTEGRATION_TIMEOUT, '504', '5XX types are not in the 4XX family');
    });

    it('resets a deleted customisation to the default, and refuses to delete a default', async () => {
      const restApiId = await newApi('delete');
      await clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '404' }));
      const deleted = await clients.v1.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN' }));
      assert.equal(deleted.$metadata.httpStatusCode, 202);
      const got = await clients.v1.send(new GetGatewayResponseCommand({ restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN' }));
      assert.deepEqual([got.statusCode, got.defaultResponse], ['403', true]);
      const again = await rejection(clients.v1.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'MISSING_AUTHENTICATION_TOKEN' })));
      assert.ok(again instanceof NotFoundException, String(again));
    });

    it('customises a default through UpdateGatewayResponse, starting from the default values', async () => {
      const restApiId = await newApi('patch');
      const updated = await clients.v1.send(new UpdateGatewayResponseCommand({
        restApiId,
        responseType: 'THROTTLED',
        patchOperations: [
          { op: 'replace', path: '/statusCode', value: '503' },
          { op: 'add', path: '/responseParameters/gatewayresponse.header.Retry-After', value: "'1'" },
          { op: 'replace', path: '/responseTemplates/application~1json', value: '{"slow": "down"}' },
        ],
      }));
      assert.deepEqual(
        [updated.statusCode, updated.responseParameters, updated.responseTemplates, updated.defaultResponse],
        ['503', { 'gatewayresponse.header.Retry-After': "'1'" }, { 'application/json': '{"slow": "down"}' }, false],
      );
    });

    it('applies a patch whole or not at all', async () => {
      const restApiId = await newApi('patch-atomic');
      await clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'QUOTA_EXCEEDED', statusCode: '429' }));
      const error = await rejection(clients.v1.send(new UpdateGatewayResponseCommand({
        restApiId,
        responseType: 'QUOTA_EXCEEDED',
        patchOperations: [
          { op: 'replace', path: '/statusCode', value: '400' },
          { op: 'replace', path: '/defaultResponse', value: 'true' },
        ],
      })));
      assert.ok(error instanceof BadRequestException, String(error));
      const got = await clients.v1.send(new GetGatewayResponseCommand({ restApiId, responseType: 'QUOTA_EXCEEDED' }));
      assert.equal(got.statusCode, '429');
    });
  });

  describe('refusals', () => {
    it('refuses an unknown response type as a bad request', async () => {
      const restApiId = await newApi('unknown-type');
      const put = await rejection(clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'TEAPOT' as never, statusCode: '418' })));
      assert.ok(put instanceof BadRequestException, String(put));
      assert.match(put.message, /Value 'TEAPOT' at 'responseType'/);
      const get = await rejection(clients.v1.send(new GetGatewayResponseCommand({ restApiId, responseType: 'TEAPOT' as never })));
      assert.ok(get instanceof BadRequestException, String(get));
      assert.deepEqual(await customised(restApiId), {});
    });

    it('refuses a status code that is not a three-digit HTTP status', async () => {
      const restApiId = await newApi('bad-status');
      const error = await rejection(clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED', statusCode: '4011' })));
      assert.ok(error instanceof BadRequestException, String(error));
      assert.deepEqual(await customised(restApiId), {});
    });

    it('answers NotFoundException, as for any other call, when the API does not exist', async () => {
      const restApiId = 'nosuchapi0';
      const calls: [string, () => Promise<unknown>][] = [
        ['GetGatewayResponses', () => clients.v1.send(new GetGatewayResponsesCommand({ restApiId }))],
        ['GetGatewayResponse', () => clients.v1.send(new GetGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }))],
        ['PutGatewayResponse', () => clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED', statusCode: '401' }))],
        ['DeleteGatewayResponse', () => clients.v1.send(new DeleteGatewayResponseCommand({ restApiId, responseType: 'UNAUTHORIZED' }))],
      ];
      for (const [name, call] of calls) {
        const error = await rejection(call());
        assert.ok(error instanceof NotFoundException, `${name}: ${String(error)}`);
        assert.match(error.message, /Invalid API identifier specified \d+:nosuchapi0/);
      }
    });
  });

  describe('import and export', () => {
    it('stores the gateway responses of an imported document', async () => {
      const restApiId = await importApi(documentWith('imported-responses', UNAUTHORIZED_AND_5XX));
      const found = await customised(restApiId);
      assert.deepEqual(Object.keys(found).sort(), ['DEFAULT_5XX', 'UNAUTHORIZED']);
      assert.deepEqual(found.UNAUTHORIZED.responseParameters, { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" });
      assert.deepEqual(found.DEFAULT_5XX.responseTemplates, { 'application/json': '{"error": "server"}' });
      assert.equal(found.DEFAULT_5XX.statusCode, undefined);
    });

    it('refuses a document with an unknown response type, creating nothing', async () => {
      const error = await rejection(importApi(documentWith('bad-responses', '  NOT_A_TYPE:\n    statusCode: \'400\'\n')));
      assert.ok(error instanceof BadRequestException, String(error));
      assert.match(error.message, /NOT_A_TYPE/);
      const names = ((await clients.v1.send(new GetRestApisCommand({ limit: 500 }))).items ?? []).map((a) => a.name);
      assert.ok(!names.includes('bad-responses'));
    });

    it('replaces the customised set on an overwrite, and adds to it on a merge', async () => {
      const restApiId = await importApi(documentWith('put-modes', UNAUTHORIZED_AND_5XX));
      await clients.v1.send(new PutRestApiCommand({
        restApiId,
        mode: 'overwrite',
        body: encode(documentWith('put-modes', '  ACCESS_DENIED:\n    statusCode: \'404\'\n')),
      }));
      assert.deepEqual(Object.keys(await customised(restApiId)), ['ACCESS_DENIED']);
      await clients.v1.send(new PutRestApiCommand({
        restApiId,
        mode: 'merge',
        body: encode(documentWith('put-modes', '  ACCESS_DENIED:\n    statusCode: \'403\'\n  THROTTLED:\n    statusCode: \'503\'\n')),
      }));
      const merged = await customised(restApiId);
      assert.deepEqual(Object.keys(merged).sort(), ['ACCESS_DENIED', 'THROTTLED']);
      assert.equal(merged.ACCESS_DENIED.statusCode, '403', 'a merge replaces a type the document names again');
      await clients.v1.send(new PutRestApiCommand({ restApiId, mode: 'overwrite', body: encode(restDocument('put-modes')) }));
      assert.deepEqual(await customised(restApiId), {}, 'an overwrite without the extension resets every type');
    });

    it('exports the deployed customised responses with the apigateway or integrations extensions only', async () => {
      const restApiId = await importApi(documentWith('exported-responses', UNAUTHORIZED_AND_5XX));
      await clients.v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
      for (const extensions of ['apigateway', 'integrations']) {
        const doc = await exported(restApiId, extensions);
        assert.deepEqual(doc['x-amazon-apigateway-gateway-responses'], {
          DEFAULT_5XX: { responseTemplates: { 'application/json': '{"error": "server"}' } },
          UNAUTHORIZED: {
            statusCode: '401',
            responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
            responseTemplates: { 'application/json': '{"error": "unauthorized"}' },
          },
        }, extensions);
      }
      assert.equal((await exported(restApiId))['x-amazon-apigateway-gateway-responses'], undefined);
    });

    it('exports what the stage deployed, not customisations made since', async () => {
      const restApiId = await importApi(documentWith('export-deployed', UNAUTHORIZED_AND_5XX));
      await clients.v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
      await clients.v1.send(new PutGatewayResponseCommand({ restApiId, responseType: 'THROTTLED', statusCode: '503' }));
      const before = (await exported(restApiId, 'apigateway'))['x-amazon-apigateway-gateway-responses'] as Record<string, unknown>;
      assert.deepEqual(Object.keys(before), ['DEFAULT_5XX', 'UNAUTHORIZED']);
      await clients.v1.send(new CreateDeploymentCommand({ restApiId, stageName: 'dev' }));
      const after = (await exported(restApiId, 'apigateway'))['x-amazon-apigateway-gateway-responses'] as Record<string, unknown>;
      assert.deepEqual(after.THROTTLED, { statusCode: '503' });
    });

    it('round-trips: an exported document imports into the same customisations', async () => {
      const source = await importApi(documentWith('round-trip', UNAUTHORIZED_AND_5XX));
      await clients.v1.send(new CreateDeploymentCommand({ restApiId: source, stageName: 'dev' }));
      const copy = await importApi(JSON.stringify(await exported(source, 'apigateway')));
      const strip = (all: Record<string, GatewayResponse>) => Object.values(all).map(({ responseType, statusCode, responseParameters, responseTemplates }) => ({ responseType, statusCode, responseParameters, responseTemplates }));
      assert.deepEqual(strip(await customised(copy)), strip(await customised(source)));
    });

    it('copies the customisations of an API cloned with cloneFrom', async () => {
      const source = await importApi(documentWith('clone-source', UNAUTHORIZED_AND_5XX));
      const clone = await clients.v1.send(new CreateRestApiCommand({ name: 'clone', cloneFrom: source }));
      assert.deepEqual(Object.keys(await customised(clone.id as string)).sort(), ['DEFAULT_5XX', 'UNAUTHORIZED']);
      await clients.v1.send(new DeleteGatewayResponseCommand({ restApiId: clone.id, responseType: 'UNAUTHORIZED' }));
      assert.ok((await customised(source)).UNAUTHORIZED, 'the source keeps its own customisation');
    });
  });
});
