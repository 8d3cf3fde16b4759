import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectionFailure } from '../../../server/src/gateway/integrations/http';
import { closeHost, exampleGateway, fn, gatewayFor, json, useBackend } from './gatewayFixture';

describe('gateway integrations', function () {
  this.timeout(20000);
  const backend = useBackend(({ method, url }, res) => {
    if (url.startsWith('/slow')) {
      setTimeout(() => res.end('late'), 300);
      return;
    }
    const status = url.includes('missing') ? 404 : 200;
    res.writeHead(status, { 'Content-Type': 'application/json', 'X-Backend': 'yes', 'Set-Cookie': ['s=1', 't=2'] });
    res.end(JSON.stringify({ got: url, method, items: [{ id: 1 }, { id: 2 }] }));
  });
  after(closeHost);

  it('MOCK: request template picks the status, response template renders the body', async () => {
    const petstore = exampleGateway('petstore.yaml');
    const health = await petstore.invoke({ method: 'GET', path: '/health', stage: 'dev' });
    assert.equal(health.status, 200);
    const body = json(health.body) as Record<string, string>;
    assert.equal(body.status, 'ok');
    assert.equal(body.stage, 'dev');
    assert.match(body.requestId, /^[0-9a-f-]{36}$/);
    const del = await petstore.invoke({ method: 'DELETE', path: '/pets/1' });
    assert.equal(del.status, 204);
    assert.equal(del.body, '');
  });

  it('MOCK: selects integration responses by status, applies parameters and overrides, refuses unknown media types', async () => {
    const doc = `openapi: 3.0.1
info: { title: mock, version: '1' }
paths:
  /m:
    post:
      responses: { '200': { description: ok, headers: { X-Static: { schema: { type: string } } } }, '404': { description: nf } }
      x-amazon-apigateway-integration:
        type: mock
        passthroughBehavior: never
        requestTemplates:
          application/json: |
            #set($b = $input.path('$'))
            {"statusCode": #if($b.found) 200 #else 404 #end}
        responses:
          '4\\d{2}':
            statusCode: '404'
            responseTemplates: { application/json: '{"error": "not found"}' }
          default:
            statusCode: '200'
            responseParameters:
              method.response.header.X-Static: "'fixed'"
            responseTemplates:
              application/json: |
                #set($context.responseOverride.header.X-Override = "yes")
                {"found": true}
`;
    const gw = gatewayFor(doc);
    const found = await gw.invoke({ method: 'POST', path: '/m', headers: { 'Content-Type': 'application/json' }, body: '{"found": true}' });
    assert.equal(found.status, 200);
    assert.equal(found.headers['X-Static'], 'fixed');
    assert.equal(found.headers['X-Override'], 'yes');
    const missing = await gw.invoke({ method: 'POST', path: '/m', headers: { 'Content-Type': 'application/json' }, body: '{"found": false}' });
    assert.equal(missing.status, 404);
    assert.deepEqual(json(missing.body), { error: 'not found' });
    const xml = await gw.invoke({ method: 'POST', path: '/m', headers: { 'Content-Type': 'application/xml' }, body: '<a/>' });
    assert.equal(xml.status, 415);
    assert.deepEqual(json(xml.body), { message: 'Unsupported Media Type' });
  });

  it('MOCK: a request template output, or passed-through body, without an integer statusCode is a configuration error', async () => {
    const doc = `openapi: 3.0.1
info: { title: mock, version: '1' }
paths:
  /bare:
    post:
      responses: { '200': { description: ok }, '404': { description: nf } }
      x-amazon-apigateway-integration:
        type: mock
        responses: { '404': { statusCode: '404' }, default: { statusCode: '200' } }
  /nostatus:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"status": 200}' }
        responses: { default: { statusCode: '200' } }
`;
    const gw = gatewayFor(doc);
    const unparsable = 'Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.';
    for (const request of [
      { method: 'POST', path: '/bare', headers: { 'Content-Type': 'text/plain' }, body: 'hello' },
      { method: 'POST', path: '/bare', headers: { 'Content-Type': 'application/json' }, body: '{"statusCode": "two hundred"}' },
      { method: 'GET', path: '/nostatus' },
    ]) {
      const r = await gw.invoke(request);
      assert.equal(r.status, 500, `${request.path} ${request.body ?? ''}`);
      assert.deepEqual(json(r.body), { message: 'Internal server error' });
      assert.ok(r.log.some((e) => e.message === unparsable));
    }
    // With no template, the body passed through is what the status is read from.
    const passed = await gw.invoke({ method: 'POST', path: '/bare', headers: { 'Content-Type': 'application/json' }, body: '{"statusCode": 404}' });
    assert.equal(passed.status, 404, passed.body);
  });

  it('MOCK: without a request template or a body, the default integration response answers', async () => {
    const doc = `openapi: 3.0.1
info: { title: mock, version: '1' }
paths:
  /m:
    get:
      responses: { '200': { description: ok }, '404': { description: nf } }
      x-amazon-apigateway-integration:
        type: mock
        responses:
          '2\\d{2}': { statusCode: '404', responseTemplates: { application/json: '{"pattern": true}' } }
          default: { statusCode: '200', responseTemplates: { application/json: '{"ok": true}' } }
  /nodefault:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        responses: { '200': { statusCode: '200' } }
`;
    const gw = gatewayFor(doc);
    const r = await gw.invoke({ method: 'GET', path: '/m' });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(json(r.body), { ok: true });
    const none = await gw.invoke({ method: 'GET', path: '/nodefault' });
    assert.equal(none.status, 500);
    assert.ok(none.log.some((e) => e.message.includes('no default output mapping configured')));
  });

  it('HTTP: maps parameters and templates both ways, selecting the response by backend status', async () => {
    const doc = `openapi: 3.0.1
info: { title: http, version: '1' }
paths:
  /things/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: q, in: query, schema: { type: string } }
      responses: { '200': { description: ok, headers: { X-From-Backend: { schema: { type: string } } } }, '404': { description: nf } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: \${stageVariables.backend}/items/{itemId}
        requestParameters:
          integration.request.path.itemId: method.request.path.id
          integration.request.querystring.search: method.request.querystring.q
          integration.request.header.X-Source: "'gateway'"
        responses:
          '404':
            statusCode: '404'
            responseTemplates: { application/json: '{"missing": true}' }
          default:
            statusCode: '200'
            responseParameters:
              method.response.header.X-From-Backend: integration.response.header.X-Backend
            responseTemplates:
              application/json: '{"count": $input.path(''$.items'').size(), "url": "$input.path(''$.got'')"}'
`;
    const gw = gatewayFor(doc, { stages: { local: { variables: { backend: backend.url } } } });
    const r = await gw.invoke({ method: 'GET', path: '/things/42', query: { q: ['blue cat'] }, headers: { 'X-Not-Forwarded': '1' } });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(json(r.body), { count: 2, url: '/items/42?search=blue+cat' });
    assert.equal(r.headers['X-From-Backend'], 'yes');
    const call = backend.requests.at(-1)!;
    assert.equal(call.headers['x-source'], 'gateway');
    assert.equal(call.headers['x-not-forwarded'], undefined);
    const nf = await gw.invoke({ method: 'GET', path: '/things/missing' });
    assert.equal(nf.status, 404);
    assert.deepEqual(json(nf.body), { missing: true });
    const log = r.log.map((e) => e.message);
    assert.ok(log.includes(`Endpoint request URI: ${backend.url}/items/42?search=blue+cat`));
    assert.ok(log.some((m) => m.startsWith('Received response. Status: 200')));
  });

  it('HTTP_PROXY: passes the request through and the response back', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'p', version: '1' },
      paths: {
        '/proxy/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            parameters: [{ name: 'proxy', in: 'path', required: true }],
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'ANY',
              uri: `${backend.url}/{proxy}`,
              requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
            },
          },
        },
        '/slow': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/slow`, timeoutInMillis: 100 } } },
      },
    });
    const gw = gatewayFor(doc, {}, 'proxy.json');
    const r = await gw.invoke({ method: 'PUT', path: '/proxy/a/b', query: { x: ['1'] }, headers: { 'X-Custom': 'c', 'Content-Type': 'text/plain' }, body: 'payload' });
    assert.equal(r.status, 200);
    assert.deepEqual(json(r.body), { got: '/a/b?x=1', method: 'PUT', items: [{ id: 1 }, { id: 2 }] });
    assert.equal(r.headers['X-Backend'], 'yes');
    assert.deepEqual(r.multiValueHeaders?.['Set-Cookie'], ['s=1', 't=2']);
    const call = backend.requests.at(-1)!;
    assert.equal(call.headers['x-custom'], 'c');
    assert.equal(call.body, 'payload');
    const slow = await gw.invoke({ method: 'GET', path: '/slow' });
    assert.equal(slow.status, 504);
    assert.deepEqual(json(slow.body), { message: 'Endpoint request timed out' });
  });

  it('HTTP_PROXY to a backend that refuses the connection: a network error at 504 in a REST API, 500 in an HTTP API', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const definition = (extra: Record<string, unknown>) =>
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'p', version: '1' },
        paths: { '/down': { get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `http://127.0.0.1:${port}/down`, ...extra } } } },
      });
    const rest = await gatewayFor(definition({}), {}, 'down.json').invoke({ method: 'GET', path: '/down' });
    assert.equal(rest.status, 504);
    assert.deepEqual(json(rest.body), { message: 'Network error communicating with endpoint' });
    assert.equal(rest.headers['x-amzn-ErrorType'], 'InternalServerErrorException');
    assert.ok(rest.log.some((e) => /^Execution failed due to a network error communicating with the endpoint: .*ECONNREFUSED/.test(e.message)), rest.log.map((e) => e.message).join('\n'));
    // `localhost` is tried at each of its addresses: the log says what each attempt met.
    const named = await gatewayFor(definition({}).replace('127.0.0.1', 'localhost'), {}, 'down-named.json').invoke({ method: 'GET', path: '/down' });
    assert.equal(named.status, 504);
    assert.ok(named.log.some((e) => /^Execution failed due to a network error communicating with the endpoint: .*ECONNREFUSED/.test(e.message)), named.log.map((e) => e.message).join('\n'));
    const http = await gatewayFor(definition({ payloadFormatVersion: '1.0' }), {}, 'down-http.json').invoke({ method: 'GET', path: '/down' });
    assert.equal(http.status, 500);
    assert.deepEqual(json(http.body), { message: 'Internal Server Error' });
  });

  it('tells a host name that does not resolve from a network error, and both from other failures', () => {
    const failed = (code: string) => Object.assign(new Error(`getaddrinfo ${code} backend.invalid`), { code });
    assert.equal(connectionFailure(failed('ENOTFOUND')), 'address');
    assert.equal(connectionFailure(failed('EAI_AGAIN')), 'address');
    assert.equal(connectionFailure(failed('ECONNRESET')), 'network');
    assert.equal(connectionFailure(failed('DEPTH_ZERO_SELF_SIGNED_CERT')), 'other');
    assert.equal(connectionFailure(new Error('timeout')), 'other');
  });

  it('HTTP API HTTP_PROXY: fills {proxy} and applies parameter mapping', async () => {
    const gw = exampleGateway('orders-http-api.json');
    const doc = JSON.parse(JSON.stringify(gw.model.value)) as { paths: Record<string, Record<string, { 'x-amazon-apigateway-integration': Record<string, unknown> }>> };
    const integration = doc.paths['/catalog/{proxy+}']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'];
    integration.uri = `${backend.url}/catalog/{proxy}`;
    integration.requestParameters = { 'append:header.X-Tenant': '$request.querystring.tenant', 'remove:querystring.tenant': "''" };
    const r = await gatewayFor(JSON.stringify(doc), {}, 'orders.json').invoke({ method: 'GET', path: '/catalog/books/1', query: { tenant: ['t9'], page: ['2'] } });
    assert.equal(r.status, 200, r.body);
    assert.equal((json(r.body) as { got: string }).got, '/catalog/books/1?page=2');
    assert.equal(backend.requests.at(-1)!.headers['x-tenant'], 't9');
  });

  it('HTTP API HTTP_PROXY: the $default route sends the full request path, after the URI path, unless a mapping overwrites it', async () => {
    const doc = (uri: string, requestParameters?: Record<string, string>) =>
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'default', version: '1' },
        'x-amazon-apigateway-importexport-version': '1.0',
        paths: {
          $default: {
            'x-amazon-apigateway-any-method': {
              isDefaultRoute: true,
              'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'ANY', uri, payloadFormatVersion: '1.0', requestParameters },
            },
          },
        },
      });
    const got = async (text: string, path: string, stage?: string) => {
      const r = await gatewayFor(text, {}, 'default.json').invoke({ method: 'GET', path, stage });
      assert.equal(r.status, 200, r.body);
      return (json(r.body) as { got: string }).got;
    };
    assert.equal(await got(doc(backend.url), '/store/checkout?x=1'), '/store/checkout?x=1');
    assert.equal(await got(doc(`${backend.url}/api/`), '/store/a%20b'), '/api/store/a%20b');
    assert.equal(await got(doc(`${backend.url}/api`), '/dev/store', 'dev'), '/api/store');
    assert.equal(await got(doc(backend.url, { 'overwrite:path': '/fixed' }), '/store/checkout'), '/fixed');
  });

  it('HTTP and HTTP API: a single-segment path parameter stays in its segment, a greedy one keeps its slashes', async () => {
    const rest = `openapi: 3.0.1
info: { title: segments, version: '1' }
paths:
  /nomatch/{code}:
    get:
      parameters: [{ name: code, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: ${backend.url}/status/{code}
        requestParameters:
          integration.request.path.code: method.request.path.code
        responses: { default: { statusCode: '200' } }
  /files/{proxy+}:
    get:
      parameters: [{ name: proxy, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: ${backend.url}/store/{key}
        requestParameters:
          integration.request.path.key: method.request.path.proxy
        responses: { default: { statusCode: '200' } }
`;
    const gw = gatewayFor(rest);
    const escaped = await gw.invoke({ method: 'GET', path: '/nomatch/20%2F..%2F..%2Fx' });
    assert.equal(escaped.status, 200, escaped.body);
    assert.equal(backend.requests.at(-1)!.url, '/status/20%2F..%2F..%2Fx');
    await gw.invoke({ method: 'GET', path: '/files/a/b c' });
    assert.equal(backend.requests.at(-1)!.url, '/store/a/b%20c');

    const httpApi = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'segments', version: '1' },
      paths: {
        '/items/{id}': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/items/{id}`, payloadFormatVersion: '1.0' } } },
        '/all/{proxy+}': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/all/{proxy}`, payloadFormatVersion: '1.0' } } },
      },
    });
    const api = gatewayFor(httpApi, {}, 'segments.json');
    assert.equal(api.model.dialect, 'http');
    await api.invoke({ method: 'GET', path: '/items/a%2Fb' });
    assert.equal(backend.requests.at(-1)!.url, '/items/a%2Fb');
    await api.invoke({ method: 'GET', path: '/all/a/b' });
    assert.equal(backend.requests.at(-1)!.url, '/all/a/b');
  });

  it('REST HTTP_PROXY: a URI placeholder without a path mapping fails as a configuration error, as on AWS', async () => {
    const rest = (mapping: string) => `openapi: 3.0.1
info: { title: unmapped, version: '1' }
paths:
  /{proxy+}:
    x-amazon-apigateway-any-method:
      parameters: [{ name: proxy, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: ANY
        uri: ${backend.url}/up/{proxy}
${mapping}`;
    const before = backend.requests.length;
    const failed = await gatewayFor(rest('')).invoke({ method: 'GET', path: '/a/b' });
    assert.equal(failed.status, 500);
    assert.equal((json(failed.body) as { message: string }).message, 'Internal server error');
    assert.equal(backend.requests.length, before, 'nothing reaches the backend');
    const lines = failed.log.map((e) => e.message);
    assert.ok(lines.some((l) => /^Execution failed due to configuration error: Illegal character in path at index \d+: .*\/up\/\{proxy\}$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('integration.request.path.proxy: method.request.path.proxy')));
    const mapped = await gatewayFor(rest('        requestParameters:\n          integration.request.path.proxy: method.request.path.proxy\n')).invoke({ method: 'GET', path: '/a/b' });
    assert.equal(mapped.status, 200, mapped.body);
    assert.equal(backend.requests.at(-1)!.url, '/up/a/b');
  });

  it('HTTP and HTTP API: a path value of . or .. reaches the backend as an encoded segment, not as a step up', async () => {
    const httpApi = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'dots', version: '1' },
      paths: {
        '/items/{id}': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/items/{id}/detail`, payloadFormatVersion: '1.0' } } },
        '/all/{proxy+}': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/all/{proxy}`, payloadFormatVersion: '1.0' } } },
      },
    });
    const api = gatewayFor(httpApi, {}, 'dots.json');
    for (const written of ['%2E%2E', '%2e%2e', '.%2E', '%2E.', '..']) {
      const r = await api.invoke({ method: 'GET', path: `/items/${written}`, query: { q: ['1'] } });
      assert.equal(r.status, 200, `${written}: ${r.body}`);
      assert.equal(backend.requests.at(-1)!.url, '/items/%2E%2E/detail?q=1', written);
      assert.ok(r.log.some((e) => e.message === `Endpoint request URI: ${backend.url}/items/%2E%2E/detail?q=1`), written);
    }
    await api.invoke({ method: 'GET', path: '/items/%2E' });
    assert.equal(backend.requests.at(-1)!.url, '/items/%2E/detail');
    await api.invoke({ method: 'GET', path: '/items/a..b' });
    assert.equal(backend.requests.at(-1)!.url, '/items/a..b/detail');
    await api.invoke({ method: 'GET', path: '/all/a/%2E%2E/%2E%2E/b' });
    assert.equal(backend.requests.at(-1)!.url, '/all/a/%2E%2E/%2E%2E/b');

    const rest = `openapi: 3.0.1
info: { title: dots, version: '1' }
paths:
  /files/{proxy+}:
    get:
      parameters: [{ name: proxy, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: ${backend.url}/store/{proxy}
        requestParameters:
          integration.request.path.proxy: method.request.path.proxy
`;
    await gatewayFor(rest).invoke({ method: 'GET', path: '/files/x/.%2e/y' });
    assert.equal(backend.requests.at(-1)!.url, '/store/x/%2E%2E/y');
  });

  it('HTTP API: a mapping whose single reference the request lacks is left out; references inside text read as empty', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'absent', version: '1' },
      paths: {
        '/m': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'GET',
              uri: `${backend.url}/mapped`,
              payloadFormatVersion: '1.0',
              requestParameters: {
                'append:header.x-copy': '$request.header.x-src',
                'overwrite:header.x-braced': '${request.header.x-src}',
                'append:header.x-mixed': 'prefix-${request.header.x-src}',
                'overwrite:querystring.q': '$request.querystring.from',
                'append:querystring.tag': '$stageVariables.undefinedVariable',
                'overwrite:path': '$request.querystring.to',
                // API Gateway takes an empty value for no mapping: nothing is removed or overwritten.
                'remove:header.x-keep': '',
                'overwrite:querystring.q2': '',
              },
            },
          },
        },
      },
    });
    const gw = gatewayFor(doc, {}, 'absent.json');
    const bare = await gw.invoke({ method: 'GET', path: '/m', headers: { 'x-keep': 'k' }, query: { q: ['kept'], q2: ['two'] } });
    assert.equal(bare.status, 200, bare.body);
    const call = backend.requests.at(-1)!;
    assert.equal(call.url, '/mapped?q=kept&q2=two');
    assert.equal(call.headers['x-keep'], 'k');
    assert.ok(bare.log.some((e) => e.message === 'Parameter mapping remove:header.x-keep left out: an empty value is no mapping to API Gateway'));
    assert.equal(call.headers['x-copy'], undefined);
    assert.equal(call.headers['x-braced'], undefined);
    assert.equal(call.headers['x-mixed'], 'prefix-');
    assert.ok(bare.log.some((e) => e.message === 'Request parameter mapping append:header.x-copy skipped: the request has no value for $request.header.x-src'));

    const full = await gw.invoke({ method: 'GET', path: '/m', headers: { 'x-src': 's' }, query: { from: ['f'], to: ['elsewhere'] } });
    assert.equal(full.status, 200, full.body);
    const mapped = backend.requests.at(-1)!;
    assert.equal(mapped.url, '/elsewhere?from=f&to=elsewhere&q=f');
    assert.equal(mapped.headers['x-copy'], 's');
    assert.equal(mapped.headers['x-braced'], 's');
    assert.equal(mapped.headers['x-mixed'], 'prefix-s');
    // A path built from a request value cannot start a query string or a fragment of its own.
    await gw.invoke({ method: 'GET', path: '/m', query: { to: ['a?admin=true#frag'] } });
    assert.equal(backend.requests.at(-1)!.url, '/a%3Fadmin=true%23frag?to=a%3Fadmin%3Dtrue%23frag');
  });

  it('HTTP: an endpoint URI left without a host by an undefined stage variable fails with the URI and the variable named', async () => {
    const doc = (payload: Record<string, unknown>) =>
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'vars', version: '1' },
        paths: { '/x': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', uri: 'https://${stageVariables.TestHost}/x', ...payload } } } },
      });
    const rest = await gatewayFor(doc({}), { stages: { dev: { variables: { Other: 'o' } } } }, 'vars.json').invoke({ method: 'GET', path: '/x', stage: 'dev' });
    assert.equal(rest.status, 500);
    assert.deepEqual(json(rest.body), { message: 'Internal server error' });
    const log = rest.log.map((e) => e.message);
    assert.ok(log.includes("Execution failed due to configuration error: Invalid endpoint address: https:///x is not a valid URL: stage 'dev' does not define the stage variable TestHost"), log.join('\n'));
    assert.ok(!log.some((m) => m.includes('TypeError')));
    const httpApi = await gatewayFor(doc({ payloadFormatVersion: '1.0' }), {}, 'vars.json').invoke({ method: 'GET', path: '/x' });
    assert.equal(httpApi.status, 500);
    assert.deepEqual(json(httpApi.body), { message: 'Internal Server Error' });
  });

  it('an integration $ref names itself in the log when it cannot be resolved', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'refs', version: '1' },
      paths: {
        '/found': { get: { 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/backend' } } },
        '/lost': { get: { 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/nope' } } },
      },
      components: { 'x-amazon-apigateway-integrations': { backend: { type: 'http_proxy', httpMethod: 'GET', uri: `${backend.url}/found`, payloadFormatVersion: '1.0' } } },
    });
    const gw = gatewayFor(doc, {}, 'refs.json');
    const found = await gw.invoke({ method: 'GET', path: '/found' });
    assert.equal(found.status, 200, found.body);
    const lost = await gw.invoke({ method: 'GET', path: '/lost' });
    assert.equal(lost.status, 500);
    const log = lost.log.map((e) => e.message);
    assert.ok(log.includes("Execution failed due to configuration error: the x-amazon-apigateway-integration $ref '#/components/x-amazon-apigateway-integrations/nope' could not be resolved"), log.join('\n'));
    assert.ok(!log.some((m) => m.includes('has no x-amazon-apigateway-integration')));
  });

  it('HTTP API: response parameters of the backend status change headers and the status code', async () => {
    const gw = exampleGateway('orders-http-api.json');
    const doc = JSON.parse(JSON.stringify(gw.model.value)) as { paths: Record<string, Record<string, { 'x-amazon-apigateway-integration': Record<string, unknown> }>> };
    const integration = doc.paths['/catalog/{proxy+}']['x-amazon-apigateway-any-method']['x-amazon-apigateway-integration'];
    integration.uri = `${backend.url}/catalog/{proxy}`;
    integration.responseParameters = {
      200: {
        'overwrite:header.X-Backend': 'was ${$response.header.x-backend}',
        'append:header.X-First-Id': '$response.body.items[0].id',
        'remove:header.Set-Cookie': "''",
        // An empty value is no mapping: the header overwritten above stays.
        'remove:header.X-Backend': '',
        'overwrite:header.Content-Length': '1',
        'overwrite:statuscode': '203',
      },
      404: { 'overwrite:statuscode': '410' },
    };
    const gateway = gatewayFor(JSON.stringify(doc), {}, 'orders.json');
    const ok = await gateway.invoke({ method: 'GET', path: '/catalog/books/1' });
    assert.equal(ok.status, 203, ok.body);
    const headers = Object.fromEntries(Object.entries(ok.headers).map(([k, v]) => [k.toLowerCase(), v]));
    assert.equal(headers['x-backend'], 'was yes');
    assert.equal(headers['x-first-id'], '1');
    assert.equal(headers['set-cookie'], undefined);
    assert.ok(!Object.keys(ok.multiValueHeaders ?? {}).some((h) => h.toLowerCase() === 'set-cookie'));
    assert.equal((json(ok.body) as { got: string }).got, '/catalog/books/1');
    assert.notEqual(headers['content-length'], '1', 'reserved headers are not mapped');
    const missing = await gateway.invoke({ method: 'GET', path: '/catalog/missing' });
    assert.equal(missing.status, 410);
  });

  it('AWS (custom Lambda): templates both ways, errorMessage selects the response', async () => {
    const petstore = exampleGateway('petstore.yaml', { functions: { CreatePet: fn('createPet') } });
    const headers = { 'Content-Type': 'application/json' };
    const created = await petstore.invoke({ method: 'POST', path: '/pets', headers, body: '{"name": "Rex", "type": "dog", "price": 10, "tags": ["good"]}' });
    assert.equal(created.status, 201, created.body);
    assert.deepEqual(json(created.body), { id: 'p-1', name: 'Rex', type: 'dog', price: 10 });
    const crashed = await petstore.invoke({ method: 'POST', path: '/pets', headers, body: '{"name": "crash", "type": "dog", "price": 1}' });
    // No pattern matches 'Unexpected failure': the default response (201) maps it, as API Gateway does.
    assert.equal(crashed.status, 201);
    const doc = `openapi: 3.0.1
info: { title: custom, version: '1' }
paths:
  /pets:
    post:
      responses: { '201': { description: ok }, '400': { description: bad } }
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:CreatePet/invocations
        responses:
          default: { statusCode: '201' }
          '.*Invalid pet.*':
            statusCode: '400'
            responseTemplates:
              application/json: |
                #set($error = $util.parseJson($input.path('$.errorMessage')))
                {"message": "$error.message"}
`;
    const gw = gatewayFor(doc, { functions: { CreatePet: fn('createPet') } });
    const invalid = await gw.invoke({ method: 'POST', path: '/pets', headers, body: '{}' });
    assert.equal(invalid.status, 400, invalid.body);
    assert.deepEqual(json(invalid.body), { message: 'Invalid pet: name is required' });
  });

  it('other AWS services: a 501 that shows the request that would be sent', async () => {
    const doc = `openapi: 3.0.1
info: { title: sqs, version: '1' }
paths:
  /queue:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders
        credentials: arn:aws:iam::123456789012:role/apigw-sqs
        requestParameters:
          integration.request.header.Content-Type: "'application/x-www-form-urlencoded'"
        requestTemplates:
          application/json: Action=SendMessage&MessageBody=$util.urlEncode($input.body)
`;
    const r = await gatewayFor(doc).invoke({ method: 'POST', path: '/queue', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' });
    assert.equal(r.status, 501);
    const shown = json(r.body) as { request: { uri: string; method: string; headers: Record<string, string>; body: string } };
    assert.equal(shown.request.uri, 'https://sqs.us-east-1.amazonaws.com/123456789012/orders');
    assert.equal(shown.request.method, 'POST');
    assert.equal(shown.request.headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(shown.request.body, 'Action=SendMessage&MessageBody=%7B%22a%22%3A1%7D');
  });
});
