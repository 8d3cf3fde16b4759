import assert from 'node:assert/strict';
import { closeHost, exampleGateway, fn, gatewayFor, json } from './gatewayFixture';

const mock = (name: string) => `
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: '200'
            responseTemplates:
              application/json: '{"route": "${name}", "params": "$input.params().path"}'
      responses:
        '200': { description: ok }`;

const ROUTES = `openapi: 3.0.1
info: { title: routes, version: '1' }
servers:
  - url: https://api.example.com/v1
paths:
  /:
    get:${mock('root')}
  /pets/mine:
    get:${mock('static')}
  /pets/{petId}:
    get:${mock('param')}
  /pets/{proxy+}:
    x-amazon-apigateway-any-method:${mock('greedy')}
  /files/{folder}/{name}:
    get:${mock('two-params')}
`;

describe('gateway routing', () => {
  after(closeHost);
  const gateway = gatewayFor(ROUTES);
  const route = async (method: string, path: string) => {
    const r = await gateway.invoke({ method, path });
    return r.status === 200 ? (json(r.body) as { route: string; params: string }) : { status: r.status, body: r.body };
  };

  it('prefers a literal segment over a parameter over a greedy proxy', async () => {
    assert.equal(((await route('GET', '/pets/mine')) as { route: string }).route, 'static');
    assert.deepEqual(await route('GET', '/pets/42'), { route: 'param', params: '{petId=42}' });
    assert.deepEqual(await route('GET', '/pets/42/toys/1'), { route: 'greedy', params: '{proxy=42/toys/1}' });
  });

  it('sends methods the specific resource lacks to the ANY method of a greedy resource', async () => {
    assert.deepEqual(await route('POST', '/pets/42'), { route: 'greedy', params: '{proxy=42}' });
    assert.equal(((await route('DELETE', '/pets/mine')) as { route: string }).route, 'greedy');
  });

  it('routes the root resource and several parameters', async () => {
    assert.equal(((await route('GET', '/')) as { route: string }).route, 'root');
    assert.deepEqual(await route('GET', '/files/docs/a%20b.txt'), { route: 'two-params', params: '{folder=docs, name=a b.txt}' });
  });

  it('accepts paths under the base path from servers as well as bare resource paths', async () => {
    assert.equal(((await route('GET', '/v1/pets/mine')) as { route: string }).route, 'static');
    assert.equal(((await route('GET', '/v1')) as { route: string }).route, 'root');
  });

  it('accepts a REST path that starts with the stage, as real invoke URLs do', async () => {
    const r = await gateway.invoke({ method: 'GET', path: '/prod/pets/mine', stage: 'prod' });
    assert.equal(r.status, 200);
    assert.equal((json(r.body) as { route: string }).route, 'static');
  });

  it('answers a REST API path with no route as 403 Missing Authentication Token', async () => {
    const r = await gateway.invoke({ method: 'GET', path: '/unknown' });
    assert.equal(r.status, 403);
    assert.deepEqual(json(r.body), { message: 'Missing Authentication Token' });
    assert.equal(r.headers['x-amzn-ErrorType'], 'MissingAuthenticationTokenException');
    const wrongMethod = await gateway.invoke({ method: 'POST', path: '/files/a/b' });
    assert.equal(wrongMethod.status, 403);
  });

  it('answers an HTTP API path with no route as 404 Not Found', async () => {
    const gw = exampleGateway('orders-http-api.json');
    const r = await gw.invoke({ method: 'GET', path: '/nothing/here' });
    assert.equal(r.status, 404);
    assert.deepEqual(json(r.body), { message: 'Not Found' });
  });

  it('REST: a resource without the method gives way to a less specific one that has it; with none, 403', async () => {
    const gw = gatewayFor(`openapi: 3.0.1
info: { title: fallback, version: '1' }
paths:
  /items/special:
    get:${mock('special')}
  /items/{id}:
    delete:${mock('by-id')}
`);
    const deleted = await gw.invoke({ method: 'DELETE', path: '/items/special' });
    assert.equal(deleted.status, 200, deleted.body);
    assert.deepEqual(json(deleted.body), { route: 'by-id', params: '{id=special}' });
    const read = await gw.invoke({ method: 'GET', path: '/items/special' });
    assert.equal((json(read.body) as { route: string }).route, 'special');
    const posted = await gw.invoke({ method: 'POST', path: '/items/special' });
    assert.equal(posted.status, 403);
    assert.deepEqual(json(posted.body), { message: 'Missing Authentication Token' });
  });

  it('HTTP API: a route without the method gives way to a less specific route that has it; with none, 404', async () => {
    const backend = (name: string) => ({ type: 'http_proxy', httpMethod: 'ANY', uri: `http://127.0.0.1:9/${name}`, payloadFormatVersion: '1.0', timeoutInMillis: 500 });
    const doc = {
      openapi: '3.0.1',
      info: { title: 'fallback', version: '1' },
      paths: {
        '/items/special': { get: { 'x-amazon-apigateway-integration': backend('special') } },
        '/items/{id}': { delete: { 'x-amazon-apigateway-integration': backend('by-id') } },
      },
    };
    const gw = gatewayFor(JSON.stringify(doc), {}, 'fallback.json');
    const deleted = await gw.invoke({ method: 'DELETE', path: '/items/special' });
    // The route matched (no 404); the unreachable backend is an integration failure.
    assert.equal(deleted.status, 500);
    assert.ok(deleted.log.some((e) => e.message === 'Sending request to http://127.0.0.1:9/by-id'));
    const posted = await gw.invoke({ method: 'POST', path: '/items/special' });
    assert.equal(posted.status, 404);
    assert.deepEqual(json(posted.body), { message: 'Not Found' });
  });

  it('REST and HTTP API: a full match through a {param} beats a greedy resource under a literal', async () => {
    const rest = gatewayFor(`openapi: 3.0.1
info: { title: precedence, version: '1' }
paths:
  /a/{x}/c:
    get:${mock('param')}
  /a/b/{proxy+}:
    get:${mock('greedy')}
`);
    const restRoute = async (path: string) => json((await rest.invoke({ method: 'GET', path })).body) as { route: string; params: string };
    assert.deepEqual(await restRoute('/a/b/c'), { route: 'param', params: '{x=b}' });
    assert.deepEqual(await restRoute('/a/b/c/d'), { route: 'greedy', params: '{proxy=c/d}' });

    const lambda = { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: '2.0' };
    const httpApi = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'precedence', version: '1' },
      paths: {
        '/a/{x}/c': { get: { 'x-amazon-apigateway-integration': lambda } },
        '/a/b/{proxy+}': { get: { 'x-amazon-apigateway-integration': lambda } },
      },
    });
    const gw = gatewayFor(httpApi, { functions: { Echo: fn('echoEvent') } }, 'precedence.json');
    const routeKey = async (path: string) => ((json((await gw.invoke({ method: 'GET', path })).body) as { event: { routeKey: string } }).event.routeKey);
    assert.equal(await routeKey('/a/b/c'), 'GET /a/{x}/c');
    assert.equal(await routeKey('/a/b/c/d'), 'GET /a/b/{proxy+}');
  });

  it('uses the HTTP API $default route for unmatched requests', async () => {
    const doc = {
      openapi: '3.0.1',
      info: { title: 'd', version: '1' },
      'x-amazon-apigateway-importexport-version': '1.0',
      paths: {
        '/$default': {
          'x-amazon-apigateway-any-method': {
            isDefaultRoute: true,
            'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'ANY', uri: 'http://127.0.0.1:9/unreachable', payloadFormatVersion: '1.0', timeoutInMillis: 500 },
          },
        },
      },
    };
    const gw = gatewayFor(JSON.stringify(doc), {}, 'default.json');
    const r = await gw.invoke({ method: 'PATCH', path: '/anything/at/all' });
    // The route matched (no 404); the unreachable backend is an integration failure.
    assert.equal(r.status, 500);
    assert.ok(r.log.some((e) => e.message.includes('Sending request to http://127.0.0.1:9/unreachable')));
  });

  it('uses basePath of a Swagger 2.0 document', async () => {
    const swagger = `swagger: '2.0'
info: { title: s, version: '1' }
basePath: /api
paths:
  /ping:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200', responseTemplates: { application/json: '{"pong": true}' } } }
`;
    const gw = gatewayFor(swagger);
    const r = await gw.invoke({ method: 'GET', path: '/api/ping' });
    assert.equal(r.status, 200);
    assert.deepEqual(json(r.body), { pong: true });
  });
});

describe('gateway stage in the request path', function () {
  this.timeout(20000);
  after(closeHost);

  it('REST: a path starting with the stage means the resource without it, even beside a greedy resource', async () => {
    const gw = gatewayFor(`openapi: 3.0.1
info: { title: greedy, version: '1' }
paths:
  /echo:
    get:${mock('echo')}
  /{proxy+}:
    x-amazon-apigateway-any-method:${mock('greedy')}
`);
    const routeOf = async (path: string) => json((await gw.invoke({ method: 'GET', path, stage: 'dev' })).body) as { route: string; params: string };
    assert.equal((await routeOf('/dev/echo')).route, 'echo');
    assert.equal((await routeOf('/echo')).route, 'echo');
    assert.deepEqual(await routeOf('/dev/other/x'), { route: 'greedy', params: '{proxy=other/x}' });
    // Another stage's name is a path segment like any other.
    assert.deepEqual(await routeOf('/prod/echo'), { route: 'greedy', params: '{proxy=prod/echo}' });
  });

  const httpApi = JSON.stringify({
    openapi: '3.0.1',
    info: { title: 'staged', version: '1' },
    paths: {
      '/echo': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: '2.0' } } },
      '/v1': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: '1.0' } } },
    },
  });
  type Event = Record<string, unknown> & { requestContext: Record<string, unknown> & { http?: Record<string, unknown> } };
  const eventOf = async (path: string, stage?: string) => {
    const r = await gatewayFor(httpApi, { functions: { Echo: fn('echoEvent') } }, 'staged.json').invoke({ method: 'GET', path, stage });
    assert.equal(r.status, 200, `${path}: ${r.body}`);
    return (json(r.body) as { event: Event }).event;
  };

  it('HTTP API on a named stage: the path with and without the stage route alike, and the events show the stage', async () => {
    for (const path of ['/dev/echo', '/echo']) {
      const event = await eventOf(path, 'dev');
      assert.equal(event.routeKey, 'GET /echo', path);
      assert.equal(event.rawPath, '/dev/echo', path);
      assert.equal(event.requestContext.http?.path, '/dev/echo', path);
      assert.equal(event.requestContext.stage, 'dev');
    }
    for (const path of ['/dev/v1', '/v1']) {
      const event = await eventOf(path, 'dev');
      assert.equal(event.resource, '/v1', path);
      assert.equal(event.path, '/dev/v1', path);
      assert.equal(event.requestContext.path, '/dev/v1', path);
    }
  });

  it('HTTP API on the $default stage: the path is the route path and a first segment is not a stage', async () => {
    const event = await eventOf('/echo');
    assert.equal(event.rawPath, '/echo');
    assert.equal(event.requestContext.http?.path, '/echo');
    const r = await gatewayFor(httpApi, { functions: { Echo: fn('echoEvent') } }, 'staged.json').invoke({ method: 'GET', path: '/dev/echo' });
    assert.equal(r.status, 404);
  });

  it('HTTP API on a named stage: the $default route gets an unmatched path with the stage in the event', async () => {
    const doc = JSON.parse(httpApi) as { paths: Record<string, unknown> };
    doc.paths['/$default'] = {
      'x-amazon-apigateway-any-method': { isDefaultRoute: true, 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: 'arn:aws:lambda:us-east-1:123456789012:function:Echo', payloadFormatVersion: '2.0' } },
    };
    const gw = gatewayFor(JSON.stringify(doc), { functions: { Echo: fn('echoEvent') } }, 'default.json');
    for (const path of ['/dev/other', '/other']) {
      const r = await gw.invoke({ method: 'GET', path, stage: 'dev' });
      const { event } = json(r.body) as { event: Event };
      assert.equal(event.routeKey, '$default', path);
      assert.equal(event.rawPath, '/dev/other', path);
    }
  });
});
