import * as assert from 'node:assert/strict';
import { ImportRestApiCommand } from '@aws-sdk/client-api-gateway';
import type { CallLogEntry } from '../../../client/src/aws/connection';
import { listRestApis } from '../../../client/src/aws/listing';
import { documentTitle, guessApiKind, parseStageVariables } from '../../../client/src/deploy/documentKind';
import { restDocument } from './fixtures/documents';
import { startGatewayFixture, type GatewayFixture } from './fixtures/gateway';

describe('the call log', function () {
  this.timeout(30_000);
  let fixture: GatewayFixture;
  before(async () => (fixture = await startGatewayFixture()));
  after(() => fixture.close());

  it('records each call with its input, bodies as sizes, and never the credentials', async () => {
    const entries: CallLogEntry[] = [];
    const clients = await fixture.clients('good', { onCall: (e) => entries.push(e) });
    await clients.v1.send(new ImportRestApiCommand({ body: new TextEncoder().encode(restDocument('logged')) }));
    fixture.fake.throttleNext(1);
    await listRestApis(clients);
    assert.deepEqual(entries.map((e) => `${e.service}.${e.command}`), ['apigateway.ImportRestApiCommand', 'apigateway.GetRestApisCommand']);
    assert.match(String(entries[0].input.body), /^<\d+ bytes>$/);
    assert.equal(entries[1].attempts, 2, 'the throttled attempt was retried');
    const text = JSON.stringify(entries);
    assert.ok(!text.includes('AKIDGOOD') && !text.includes('secret'), 'no credentials in the log');
  });
});

describe('document kind and stage variables', () => {
  it('tells HTTP API documents from REST ones by their extensions', () => {
    assert.equal(guessApiKind(restDocument('x')), 'REST');
    assert.equal(guessApiKind('openapi: 3.0.1\nx-amazon-apigateway-cors:\n  allowOrigins: ["*"]\n'), 'HTTP');
    assert.equal(guessApiKind('{"openapi":"3.0.1","paths":{"/a":{"get":{"x-amazon-apigateway-integration":{"payloadFormatVersion":"2.0"}}}}}'), 'HTTP');
    assert.equal(guessApiKind('swagger: "2.0"\n'), 'REST');
    assert.equal(guessApiKind('x-amazon-apigateway-cors: {}', 'rest'), 'REST');
  });
  it('reads titles from YAML and JSON', () => {
    assert.equal(documentTitle(restDocument('Pet Store')), 'Pet Store');
    assert.equal(documentTitle('{"openapi":"3.0.1","info":{"title":"Orders","version":"1"}}'), 'Orders');
  });
  it('parses typed stage variables and rejects malformed ones', () => {
    assert.deepEqual(parseStageVariables('alias=blue, table = orders-dev\nurl=https://x/y?a=b'), { alias: 'blue', table: 'orders-dev', url: 'https://x/y?a=b' });
    assert.throws(() => parseStageVariables('novalue'), /key=value/);
    assert.throws(() => parseStageVariables('bad-name=1'), /letters, digits/);
  });
});
