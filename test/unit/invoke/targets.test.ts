import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { describeFetchError, sendHttp, signRequest } from '../../../client/src/panels/invokeHttp';
import type { InvokeDraft, MultiValueMap } from '../../../client/src/panels/invokeMessages';
import { failureCause, logTimestamp, outcomeFromLocal } from '../../../client/src/panels/invokeOutcome';
import { concretePath, httpRequestFor, localInvokeParams, missingPathParams, multiValues, pathWithQuery, singleValueHeaders } from '../../../client/src/panels/invokeRequest';
import { initialDraft, initialTarget, normalizeArgs } from '../../../client/src/panels/invokeTargets';
import { buildTestInvokeInput, logLines, runTestInvoke } from '../../../client/src/panels/invokeTestInvoke';
import { requestHeaderLists } from '../../../server/src/gateway/requestHeaders';
import { startGatewayFixture, type GatewayFixture } from '../aws/fixtures/gateway';

function draft(overrides: Partial<InvokeDraft> = {}): InvokeDraft {
  return {
    target: 'testInvoke',
    method: 'POST',
    pathTemplate: '/pets/{petId}/photos/{key+}',
    pathParams: { petId: 'a b', key: 'x/y z.png' },
    query: { tag: ['1', '2'], q: 'a&b' },
    headers: { Accept: 'application/json', 'X-Multi': ['one', 'two'] },
    body: '{"a":1}',
    stageVariables: { env: 'dev' },
    ...overrides,
  };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('invoke panel: building requests', () => {
  it('fills path parameters, encoding them and keeping the slashes of a greedy one', () => {
    assert.equal(concretePath('/pets/{petId}/photos/{key+}', { petId: 'a b', key: 'x/y z.png' }), '/pets/a%20b/photos/x/y%20z.png');
    assert.deepEqual(missingPathParams('/a/{x}/{y+}', { x: '1' }), ['y']);
    assert.equal(pathWithQuery(draft()), '/pets/a%20b/photos/x/y%20z.png?tag=1&tag=2&q=a%26b');
  });

  it('joins the stage URL and adds the API key unless a header already gives one', () => {
    const request = httpRequestFor(draft({ apiKey: 'k' }), 'https://abc.execute-api.us-east-1.amazonaws.com/prod/');
    assert.equal(request.url, 'https://abc.execute-api.us-east-1.amazonaws.com/prod/pets/a%20b/photos/x/y%20z.png?tag=1&tag=2&q=a%26b');
    assert.equal(request.headers['x-api-key'], 'k');
    assert.equal(request.headers['X-Multi'], 'one,two');
    assert.equal(request.body, '{"a":1}');
    assert.equal(httpRequestFor(draft({ method: 'GET' }), 'http://h').body, undefined);
    assert.equal(httpRequestFor(draft({ apiKey: 'k', headers: { 'X-Api-Key': 'mine' } }), 'http://h').headers['X-Api-Key'], 'mine');
  });

  it('gives the local gateway the concrete path, the operation and multi-value query', () => {
    const params = localInvokeParams(draft({ target: 'local' }), 'file:///w/api.yaml', '/w');
    assert.equal(params.path, '/pets/a%20b/photos/x/y%20z.png');
    assert.deepEqual(params.operation, { path: '/pets/{petId}/photos/{key+}', method: 'POST' });
    assert.deepEqual(params.query, { tag: ['1', '2'], q: ['a&b'] });
    assert.deepEqual(params.multiValueHeaders, { Accept: ['application/json'], 'X-Multi': ['one', 'two'] });
    assert.equal(params.workspaceFolder, '/w');
    assert.equal(httpRequestFor(draft({ headers: { Cookie: ['a=1', 'b=2'] } }), 'http://h').headers.Cookie, 'a=1; b=2');
  });

  it('sends the local gateway only the header lists, which the joined headers could not change', () => {
    assert.equal('headers' in localInvokeParams(draft({ target: 'local' }), 'file:///w/api.yaml', '/w'), false);
    const samples: MultiValueMap[] = [{ Accept: 'a', 'X-Multi': ['one', 'two'] }, { 'X-A': '1', 'x-a': ['2', '3'] }, { 'X-Empty': [], Cookie: ['a=1', 'b=2'] }, {}];
    for (const headers of samples) {
      assert.deepEqual(requestHeaderLists(singleValueHeaders(headers), multiValues(headers)), requestHeaderLists(undefined, multiValues(headers)), JSON.stringify(headers));
    }
    assert.deepEqual(singleValueHeaders({ 'X-A': ['1', '2'], COOKIE: ['a=1', 'b=2'], One: 'x' }), { 'X-A': '1,2', COOKIE: 'a=1; b=2', One: 'x' });
  });

  it('builds TestInvokeMethod input with path, query, headers, multi-value headers, body, stage variables and certificate', () => {
    const input = buildTestInvokeInput(draft({ clientCertificateId: ' cert1 ' }), 'api1', 'res1');
    assert.deepEqual(input, {
      restApiId: 'api1',
      resourceId: 'res1',
      httpMethod: 'POST',
      pathWithQueryString: '/pets/a%20b/photos/x/y%20z.png?tag=1&tag=2&q=a%26b',
      body: '{"a":1}',
      headers: { Accept: 'application/json', 'X-Multi': 'two' },
      multiValueHeaders: { 'X-Multi': ['one', 'two'] },
      stageVariables: { env: 'dev' },
      clientCertificateId: 'cert1',
    });
    const bare = buildTestInvokeInput(draft({ body: '', headers: {}, stageVariables: {}, query: {} }), 'api1', 'res1');
    assert.deepEqual(Object.keys(bare).sort(), ['httpMethod', 'pathWithQueryString', 'resourceId', 'restApiId']);
    assert.deepEqual(logLines('a\n\nb\r\n'), ['a', 'b']);
  });

  it('reads the arguments of the code lens, the deploy command and tree nodes', () => {
    assert.deepEqual(normalizeArgs({ uri: 'file:///a.yaml', path: '/health', method: 'get', send: true }), {
      uri: 'file:///a.yaml', path: '/health', method: 'GET', apiId: undefined, apiKind: undefined, apiName: undefined, apiEndpoint: undefined, stage: undefined, url: undefined, resourceId: undefined, target: undefined, part: undefined, send: true, draft: undefined,
    });
    // A lens in a path item file also names the operation's place there.
    const fromPart = normalizeArgs({ uri: 'file:///a.yaml', path: '/items', method: 'GET', part: { uri: 'file:///paths/items.yaml', offset: 7 } });
    assert.deepEqual(fromPart.part, { uri: 'file:///paths/items.yaml', offset: 7 });
    assert.equal(normalizeArgs({ part: { uri: 'file:///p.yaml' } }).part, undefined);
    const deployed = normalizeArgs({ apiId: 'abc', stage: 'prod', url: 'https://abc.execute-api.us-east-1.amazonaws.com/prod' });
    assert.equal(initialTarget(deployed, true), 'testInvoke');
    assert.equal(initialTarget(deployed, false), 'url');
    const node = normalizeArgs({ id: 'x', kind: 'stage', api: { apiId: 'v2id', kind: 'HTTP' }, stage: '$default', url: 'https://v2id.execute-api.us-east-1.amazonaws.com' });
    assert.equal(node.apiId, 'v2id');
    assert.equal(node.apiKind, 'HTTP');
    assert.equal(initialTarget(node, true), 'url');
    assert.equal(initialTarget({}, true), 'local');
    assert.deepEqual(normalizeArgs(undefined), {});
  });

  it('reads the operation of a method or route row of the tree of deployed APIs', () => {
    const method = normalizeArgs({ id: 'm', kind: 'method', api: { apiId: 'rest1', kind: 'REST' }, operation: { path: '/pets/{petId}', method: 'GET', resourceId: 'r42' } });
    assert.equal(method.apiId, 'rest1');
    assert.equal(method.path, '/pets/{petId}');
    assert.equal(method.method, 'GET');
    assert.equal(method.resourceId, 'r42');
    const route = normalizeArgs({ id: 'r', kind: 'route', api: { apiId: 'http1', kind: 'HTTP' }, operation: { path: '/orders', method: 'POST' } });
    assert.equal(route.apiKind, 'HTTP');
    assert.equal(route.method, 'POST');
  });

  it('pre-fills the draft from the sample, the deploy link and the IAM flag', () => {
    const d = initialDraft({
      method: 'POST', pathTemplate: '/pets', hasDocument: true, iam: true, args: {},
      sample: { params: { path: {}, querystring: { a: '1' }, header: {} }, body: '{"name":"x"}', contentType: 'application/json' },
      link: { apiId: 'rest1', kind: 'REST', region: 'us-east-1', lastStage: 'dev' },
      linkUrl: 'https://rest1.execute-api.us-east-1.amazonaws.com/dev',
    });
    assert.equal(d.target, 'local');
    assert.equal(d.restApiId, 'rest1');
    assert.equal(d.stageUrl, 'https://rest1.execute-api.us-east-1.amazonaws.com/dev');
    assert.deepEqual(d.headers, { 'Content-Type': 'application/json' });
    assert.deepEqual(d.query, { a: '1' });
    assert.equal(d.sign, true);
  });
});

describe('invoke panel: deployed stage URL', () => {
  it('signs with SigV4 for execute-api: a well-formed Authorization header the server receives', async () => {
    let received: IncomingHttpHeaders | undefined;
    let receivedBody = '';
    const { server, url } = await listen((req, res) => {
      received = req.headers;
      req.on('data', (chunk: Buffer) => (receivedBody += chunk.toString()));
      req.on('end', () => {
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.end('{"ok":true}');
      });
    });
    try {
      const unsigned = httpRequestFor(draft({ method: 'POST', headers: { 'Content-Type': 'application/json' } }), `${url}/prod`);
      const signed = await signRequest(unsigned, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' }, 'eu-west-1', new Date('2026-03-04T05:06:07Z'));
      const auth = signed.headers.authorization;
      assert.match(auth, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260304\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=([a-z0-9-]+;)*[a-z0-9-]+, Signature=[0-9a-f]{64}$/);
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)![1].split(';');
      for (const name of ['host', 'x-amz-date', 'content-type', 'x-amz-security-token']) assert.ok(signedHeaders.includes(name), `${name} is signed`);
      assert.equal(signed.headers['x-amz-date'], '20260304T050607Z');

      const answer = await sendHttp(signed);
      assert.equal(answer.status, 200);
      assert.equal(answer.body, '{"ok":true}');
      assert.deepEqual(answer.multiValueHeaders, { 'set-cookie': ['a=1', 'b=2'] });
      assert.equal(received?.authorization, auth);
      assert.equal(received?.['x-amz-security-token'], 'session');
      assert.equal(received?.host, new URL(url).host);
      assert.equal(receivedBody, '{"a":1}');
    } finally {
      server.close();
    }
  });

  it('explains an unreachable URL and a timeout', async () => {
    const { server, url } = await listen(() => undefined);
    const port = new URL(url).port;
    try {
      await assert.rejects(sendHttp({ method: 'GET', url, headers: {} }, 300), /gave no answer within 300 ms/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
    await assert.rejects(sendHttp({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {} }), /Cannot reach .*nothing accepts connections/);
    assert.match(describeFetchError(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }), 'https://nope.invalid/x', 1000), /host nope\.invalid is unknown/);
  });
});

describe('invoke panel: AWS test invoke', () => {
  let fixture: GatewayFixture;
  before(async () => (fixture = await startGatewayFixture()));
  after(async () => fixture.close());

  it('finds the resource by path and runs TestInvokeMethod, returning status, body and log', async () => {
    const clients = await fixture.clients();
    const { ImportRestApiCommand } = await import('@aws-sdk/client-api-gateway');
    const petstore = readFileSync(path.resolve(__dirname, '..', '..', '..', 'examples', 'petstore.yaml'));
    const api = await clients.v1.send(new ImportRestApiCommand({ body: petstore, failOnWarnings: false }));
    const outcome = await runTestInvoke(clients, draft({ method: 'DELETE', pathTemplate: '/pets/{petId}', pathParams: { petId: '9' }, query: {}, headers: {}, body: '', restApiId: api.id }));
    assert.equal(outcome.target, 'testInvoke');
    assert.equal(outcome.status, 204);
    assert.ok(outcome.log.some((line) => line.includes('Method completed with status: 204')), outcome.log.join('\n'));
    assert.match(outcome.calledAs, new RegExp(`TestInvokeMethod on ${api.id}`));
  });

  it('says which resource is missing, and that an API id is needed', async () => {
    const clients = await fixture.clients();
    const { ImportRestApiCommand } = await import('@aws-sdk/client-api-gateway');
    const petstore = readFileSync(path.resolve(__dirname, '..', '..', '..', 'examples', 'petstore.yaml'));
    const api = await clients.v1.send(new ImportRestApiCommand({ body: petstore, failOnWarnings: false }));
    await assert.rejects(runTestInvoke(clients, draft({ pathTemplate: '/nope', pathParams: {}, restApiId: api.id })), /has no resource \/nope/);
    await assert.rejects(runTestInvoke(clients, draft({ restApiId: '' })), /needs the REST API id/);
  });
});

describe('invoke panel: local answers', () => {
  it('prints the log with API Gateway test-invoke timestamps and keeps the step timings', () => {
    assert.equal(logTimestamp(Date.UTC(2026, 10, 21, 15, 37, 30)), 'Sat Nov 21 15:37:30 UTC 2026');
    const outcome = outcomeFromLocal({ status: 200, headers: {}, body: 'x', log: [{ time: Date.UTC(2026, 0, 2, 3, 4, 5), message: 'hello' }], latencyMs: 1, steps: [{ name: 'integration', ms: 1 }] }, 'dev');
    assert.deepEqual(outcome.log, ['Fri Jan 02 03:04:05 UTC 2026 : hello']);
    assert.equal(outcome.calledAs, "local gateway, stage 'dev'");
    assert.deepEqual(outcome.steps, [{ name: 'integration', ms: 1 }]);
  });
});

describe('invoke panel: the cause of a failed call', () => {
  it('names the log line that says why a 5xx failed, without its timestamp, and nothing for other statuses', () => {
    const log = [
      'Mon Nov 23 10:00:00 UTC 2026 : Sending request to local handler handlers/pets.js',
      'Mon Nov 23 10:00:00 UTC 2026 : Execution failed due to configuration error: Malformed Lambda proxy response (unexpected field(s) status)',
      'Mon Nov 23 10:00:00 UTC 2026 : Method completed with status: 502',
    ];
    assert.equal(failureCause({ status: 502, log }), 'Execution failed due to configuration error: Malformed Lambda proxy response (unexpected field(s) status)');
    assert.equal(failureCause({ status: 502, log: ['Mon Nov 23 10:00:00 UTC 2026 : Lambda execution failed with status 200 due to customer function error: kaboom'] }), 'Lambda execution failed with status 200 due to customer function error: kaboom');
    assert.equal(failureCause({ status: 404, log }), undefined);
    assert.equal(failureCause({ status: 500, log: [] }), undefined);
  });
});
