import assert from 'node:assert/strict';
import { closeHost, exampleGateway, gatewayFor, json } from './gatewayFixture';

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
