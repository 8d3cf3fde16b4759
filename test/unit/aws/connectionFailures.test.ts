import * as assert from 'node:assert/strict';
import { destroyClients, type CallLogEntry, type GatewayClients } from '../../../client/src/aws/connection';
import { explainAwsError } from '../../../client/src/aws/errors';
import { listRestApis } from '../../../client/src/aws/listing';
import { clientsAt, failure, startSelfSignedServer, startTinyServer, type Answer, type TinyServer } from './connectionServers';

describe('endpoints that are not API Gateway', function () {
  this.timeout(20_000);
  let answer: Answer = { status: 200, body: '{}' };
  let server: TinyServer;
  let clients: GatewayClients;
  let log: CallLogEntry[];
  before(async () => {
    server = await startTinyServer(() => answer);
  });
  after(() => server.close());
  beforeEach(async () => {
    log = [];
    clients = await clientsAt(server.url, { maxAttempts: 2, requestTimeoutMs: 300, onCall: (e) => log.push(e) });
    server.requests = 0;
  });
  afterEach(() => destroyClients(clients));

  async function explainedListing(given: Answer) {
    answer = given;
    const started = Date.now();
    const error = await failure(listRestApis(clients));
    return { ...explainAwsError(error, clients.connection), ms: Date.now() - started };
  }

  it('fails a request the endpoint never answers, after the request timeout of each attempt', async () => {
    const explained = await explainedListing('hang');
    assert.equal(server.requests, 2, 'a timeout is retried like any transient failure');
    assert.ok(explained.ms >= 600 && explained.ms < 5_000, `took ${explained.ms} ms`);
    assert.equal(explained.code, 'RequestTimeout');
    assert.match(explained.message, /timed out after 0\.3 s on each of 2 attempts/);
    assert.ok(explained.message.startsWith(`${server.url} accepted the connection but did not answer`));
    assert.deepEqual(explained.remedies, ['retry', 'configureEndpoint']);
    assert.match(log[0].error ?? '', /TimeoutError \[ETIMEDOUT\]: .*300 ms requestTimeout/);
  });

  it('says which HTTP answer came instead of the SDK parse error', async () => {
    const html = { 'Content-Type': 'text/html' };
    const cases: [Answer, RegExp, RegExp][] = [
      [{ status: 502, headers: html, body: '<html><h1>502 Bad Gateway</h1></html>' }, /answered HTTP 502 with an HTML page, not an API Gateway response/, /proxy in the way/],
      [{ status: 500, headers: { 'Content-Type': 'text/plain' }, body: 'Internal error' }, /answered HTTP 500 with plain text/, /proxy in the way/],
      [{ status: 200, headers: html, body: '<html>Sign in to the guest network</html>' }, /answered HTTP 200 with an HTML page/, /captive portal/],
      [{ status: 404, headers: html, body: '<html>Not Found</html>' }, /answered HTTP 404 with an HTML page/, /another web server/],
      [{ status: 404, body: '' }, /answered HTTP 404 with an empty body/, /another web server/],
    ];
    for (const [given, what, advice] of cases) {
      const explained = await explainedListing(given);
      assert.equal(explained.code, `HTTP ${given !== 'hang' && given.status}`);
      assert.match(explained.message, what);
      assert.match(explained.message, advice);
      assert.match(explained.message, /apigateway\.aws\.endpoint/);
      assert.doesNotMatch(explained.message, /SyntaxError|Deserialization|UnknownError|\$response/);
    }
  });

  it('treats any 429 as throttling, retried by the SDK', async () => {
    const explained = await explainedListing({ status: 429, headers: { 'Content-Type': 'text/plain' }, body: 'Rate exceeded' });
    assert.equal(server.requests, 2);
    assert.match(explained.message, /throttling requests .*still throttled after 2 attempts/);
    assert.deepEqual(explained.remedies, ['retry']);
  });

  it('explains that a proxy wants authentication', async () => {
    const explained = await explainedListing({ status: 407, headers: { 'Content-Type': 'text/html', 'Proxy-Authenticate': 'Basic' }, body: '<html>auth</html>' });
    assert.equal(explained.code, 'HTTP 407');
    assert.match(explained.message, /proxy .* requires authentication \(HTTP 407 Proxy Authentication Required/);
  });

  it('names the HTTP answer in the call log without the SDK hint', async () => {
    await explainedListing({ status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html>bad gateway</html>' });
    assert.match(log[0].error ?? '', /^SyntaxError: .* \[HTTP 502, text\/html\]$/);
  });
});

describe('connection timeouts', () => {
  // An unroutable address is needed to produce this for real; the error is the one @smithy/node-http-handler builds.
  it('stay reported as an unreachable endpoint, with the time waited', () => {
    const error = Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 5000 ms.'), {
      name: 'TimeoutError',
      $metadata: { attempts: 3 },
    });
    const explained = explainAwsError(error, { region: 'us-east-1', endpoint: 'http://10.0.0.9:4566' });
    assert.equal(explained.code, 'TimeoutError');
    assert.match(explained.message, /^Cannot reach http:\/\/10\.0\.0\.9:4566 .*: no connection within 5 s\. Is the local endpoint running\?/);
  });
});

describe('TLS failures', function () {
  this.timeout(20_000);

  it('suggests NODE_EXTRA_CA_CERTS for an untrusted certificate and reports its real code', async () => {
    const server = await startSelfSignedServer(() => ({ status: 200, body: '{}' }));
    const clients = await clientsAt(server.url, { maxAttempts: 1 });
    try {
      const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
      assert.equal(explained.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.match(explained.message, /TLS certificate of https:\/\/127\.0\.0\.1:\d+ was not accepted/);
      assert.match(explained.message, /NODE_EXTRA_CA_CERTS/);
    } finally {
      destroyClients(clients);
      await server.close();
    }
  });

  it('suggests http:// when an https endpoint is really plain HTTP', async () => {
    const server = await startTinyServer(() => ({ status: 200, body: '{}' }));
    const endpoint = server.url.replace('http:', 'https:');
    const clients = await clientsAt(endpoint, { maxAttempts: 1 });
    try {
      const explained = explainAwsError(await failure(listRestApis(clients)), clients.connection);
      assert.equal(explained.code, 'EPROTO');
      assert.match(explained.message, new RegExp(`use ${server.url.replace(/[.]/g, '\\.')} in apigateway\\.aws\\.endpoint`));
    } finally {
      destroyClients(clients);
      await server.close();
    }
  });

  // Node reports these only after the chain is trusted, which the SDK clients here cannot be told to do; the
  // errors are built as Node's TLS layer builds them.
  it('explains expired certificates and host name mismatches', () => {
    const connection = { region: 'us-east-1', endpoint: 'https://gateway.internal:4566' };
    const expired = explainAwsError(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }), connection);
    assert.equal(expired.code, 'CERT_HAS_EXPIRED');
    assert.match(expired.message, /system clock/);
    const altname = explainAwsError(Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), connection);
    assert.equal(altname.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.match(altname.message, /host name in the setting apigateway\.aws\.endpoint/);
  });
});
