import assert from 'node:assert/strict';
import { closeHost, exampleGateway, gatewayFor, json } from './gatewayFixture';

const API = `openapi: 3.0.1
info: { title: checks, version: '1' }
x-amazon-apigateway-request-validators:
  all: { validateRequestBody: true, validateRequestParameters: true }
x-amazon-apigateway-gateway-responses:
  BAD_REQUEST_PARAMETERS:
    statusCode: 422
    responseParameters:
      gatewayresponse.header.X-Request-Id: method.request.header.X-Trace
      gatewayresponse.header.Access-Control-Allow-Origin: "'*'"
    responseTemplates:
      application/json: '{"error": "$context.error.responseType", "detail": $context.error.messageString, "env": "$stageVariables.env"}'
  DEFAULT_4XX:
    responseTemplates:
      application/json: '{"oops": $context.error.messageString}'
paths:
  /items:
    post:
      x-amazon-apigateway-request-validator: all
      parameters:
        - { name: tenant, in: query, required: true, schema: { type: string } }
        - { name: X-Trace, in: header, required: true, schema: { type: string } }
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Item' }
      responses: { '200': { description: ok } }
      security: [{ api_key: [] }]
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200', responseTemplates: { application/json: '{"ok": true}' } } }
components:
  securitySchemes:
    api_key: { type: apiKey, name: x-api-key, in: header }
  schemas:
    Item:
      type: object
      required: [name, count]
      properties:
        name: { type: string }
        count: { type: integer, minimum: 1 }
        tags: { type: array, items: { $ref: '#/components/schemas/Tag' } }
    Tag: { type: string, enum: [red, blue] }
`;

describe('gateway method request checks', () => {
  after(closeHost);
  const config = { apiKeys: ['key-123'], stages: { local: { variables: { env: 'test' } } } };
  const gateway = gatewayFor(API, config);
  const good = { 'x-api-key': 'key-123', 'X-Trace': 't-1', 'Content-Type': 'application/json' };

  it('passes a valid request', async () => {
    const r = await gateway.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: good, body: '{"name":"n","count":2,"tags":["red"]}' });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(json(r.body), { ok: true });
  });

  it('compiles a body model in a step of its own, on the first request that needs it', async () => {
    const fresh = gatewayFor(API, config);
    const request = { method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: good, body: '{"name":"n","count":2}' };
    const first = await fresh.invoke(request);
    assert.equal(first.status, 200, first.body);
    assert.deepEqual(first.steps.map((s) => s.name), ['method request', 'authorization', 'model compilation', 'validation', 'integration', 'method response']);
    assert.ok(first.log.some((e) => e.message === 'Request body model for application/json compiled for this version of the definition'));
    const again = await fresh.invoke(request);
    assert.deepEqual(again.steps.map((s) => s.name), ['method request', 'authorization', 'validation', 'integration', 'method response']);
    assert.ok(!again.log.some((e) => /compiled/.test(e.message)));
  });

  it('says in the log when a body model cannot be compiled, and answers as AWS does for an invalid model', async () => {
    const broken = gatewayFor(API.replace("tags: { type: array, items: { $ref: '#/components/schemas/Tag' } }", "tags: { type: array, items: { $ref: '#/components/schemas/Missing' } }"), config);
    const r = await broken.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: good, body: '{"name":"n","count":2}' });
    assert.equal(r.status, 500, r.body);
    assert.ok(r.log.some((e) => e.message === 'Request body model for application/json could not be compiled'));
    assert.ok(r.log.some((e) => /Invalid model/.test(e.message)), r.log.map((e) => e.message).join('\n'));
  });

  it('says in the log that a validator the document does not define leaves the request unvalidated', async () => {
    const misspelt = gatewayFor(API.replace('x-amazon-apigateway-request-validator: all', 'x-amazon-apigateway-request-validator: al'), config);
    const r = await misspelt.invoke({ method: 'POST', path: '/items', headers: good, body: '{}' });
    assert.equal(r.status, 200, r.body);
    assert.ok(r.log.some((e) => e.message === "Request validator 'al' is not defined in x-amazon-apigateway-request-validators (AWS rejects this definition on import); the request is not validated"));
  });

  it('reports missing parameters through the customised gateway response', async () => {
    const r = await gateway.invoke({ method: 'POST', path: '/items', headers: { 'x-api-key': 'key-123', 'X-Trace': 'trace-9' }, body: '{}' });
    assert.equal(r.status, 422);
    assert.deepEqual(json(r.body), { error: 'BAD_REQUEST_PARAMETERS', detail: 'Missing required request parameters: [tenant]', env: 'test' });
    assert.equal(r.headers['X-Request-Id'], 'trace-9');
    assert.equal(r.headers['Access-Control-Allow-Origin'], '*');
    const both = await gateway.invoke({ method: 'POST', path: '/items', headers: { 'x-api-key': 'key-123' }, body: '{}' });
    assert.equal((json(both.body) as { detail: string }).detail, 'Missing required request parameters: [tenant, X-Trace]');
  });

  it('maps no inherited property into a gateway response header: a parameter named constructor the request lacks is absent', async () => {
    const api = API.replace("gatewayresponse.header.Access-Control-Allow-Origin: \"'*'\"", 'gatewayresponse.header.X-Ctor: method.request.querystring.constructor\n      gatewayresponse.header.X-Str: stageVariables.toString');
    const inherited = gatewayFor(api, config);
    const r = await inherited.invoke({ method: 'POST', path: '/items', headers: { 'x-api-key': 'key-123', 'X-Trace': 'trace-9' }, body: '{}' });
    assert.equal(r.status, 422);
    assert.equal(r.headers['X-Request-Id'], 'trace-9');
    assert.equal(r.headers['X-Ctor'], undefined);
    assert.equal(r.headers['X-Str'], undefined);
  });

  it('counts a required parameter that is present but blank as missing', async () => {
    const r = await gateway.invoke({ method: 'POST', path: '/items', query: { tenant: [''] }, headers: { ...good, 'X-Trace': ' ' }, body: '{"name":"n","count":1}' });
    assert.equal(r.status, 422);
    assert.equal((json(r.body) as { detail: string }).detail, 'Missing required request parameters: [tenant, X-Trace]');
    const fromPath = await gateway.invoke({ method: 'POST', path: '/items?tenant=', headers: good, body: '{"name":"n","count":1}' });
    assert.equal((json(fromPath.body) as { detail: string }).detail, 'Missing required request parameters: [tenant]');
  });

  it('rejects an invalid body with AWS\'s message, through DEFAULT_4XX when the type has no response of its own', async () => {
    const r = await gateway.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: good, body: '{"name": 5, "tags": ["green"]}' });
    assert.equal(r.status, 400);
    assert.deepEqual(json(r.body), { oops: 'Invalid request body' });
    const log = r.log.map((e) => e.message).join('\n');
    assert.match(log, /object has missing required properties \(\["count"\]\)/);
    assert.match(log, /instance type \(integer\) does not match any allowed primitive type \(allowed: \["string"\]\)/);
    assert.match(log, /instance value \("green"\) not found in enum/);
  });

  it('uses AWS\'s default body when the document customises nothing', async () => {
    const petstore = exampleGateway('petstore.yaml');
    const r = await petstore.invoke({ method: 'POST', path: '/pets', headers: { 'Content-Type': 'application/json' }, body: '{"name": "Rex", "type": "lizard", "price": -1}' });
    assert.equal(r.status, 400);
    // petstore.yaml customises BAD_REQUEST_BODY with values that stay valid JSON: the validation errors hold quotes
    // that API Gateway substitutes unescaped, so they go to the execution log only.
    const custom = json(r.body) as { message: string; type: string; requestId: string };
    assert.equal(custom.message, 'Invalid request body');
    assert.equal(custom.type, 'BAD_REQUEST_BODY');
    assert.match(custom.requestId, /^[0-9a-f-]{36}$/);
    const log = r.log.map((e) => e.message).join('\n');
    assert.match(log, /not found in enum/);
    assert.match(log, /numeric instance is lower than the required minimum \(minimum: 0, found: -1\)/);
    const plain = gatewayFor(API.replace(/x-amazon-apigateway-gateway-responses:[\s\S]*?paths:/, 'paths:'), config);
    const r2 = await plain.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: good, body: '{}' });
    assert.equal(r2.status, 400);
    assert.deepEqual(json(r2.body), { message: 'Invalid request body' });
    const r3 = await plain.invoke({ method: 'POST', path: '/items', headers: good, body: '{}' });
    assert.deepEqual(json(r3.body), { message: 'Missing required request parameters: [tenant]' });
  });

  it('validates a body only against the model of its own media type; the passthrough behaviour decides the rest', async () => {
    const petstore = exampleGateway('petstore.yaml');
    const plain = await petstore.invoke({ method: 'POST', path: '/pets', headers: { 'Content-Type': 'text/plain' }, body: 'a dog called Rex' });
    assert.equal(plain.status, 415, plain.body);
    assert.deepEqual(json(plain.body), { message: 'Unsupported Media Type' });
    assert.ok(plain.log.some((e) => e.message === 'No request model for Content-Type text/plain: the body is not validated'));
    const charset = await petstore.invoke({ method: 'POST', path: '/pets', headers: { 'Content-Type': 'Application/JSON; charset=utf-8' }, body: '{}' });
    assert.equal(charset.status, 400, charset.body);
    assert.match(charset.log.map((e) => e.message).join('\n'), /object has missing required properties/);

    const xmlOnly = gatewayFor(API.replace('application/json:\n            schema', 'application/xml:\n            schema'), config);
    const r = await xmlOnly.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: good, body: '{"name": 5}' });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(json(r.body), { ok: true });
  });

  it('validates a body of any media type against the $default model when its own type has none', async () => {
    const anyType = gatewayFor(API.replace('application/json:\n            schema', '$default:\n            schema'), config);
    for (const contentType of ['application/json', 'text/plain']) {
      const r = await anyType.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: { ...good, 'Content-Type': contentType }, body: '{"name": "n"}' });
      assert.equal(r.status, 400, `${contentType}: ${r.body}`);
      assert.match(r.log.map((e) => e.message).join('\n'), /object has missing required properties \(\["count"\]\)/);
    }
    const both = gatewayFor(API.replace('application/json:\n            schema', 'application/xml:\n            schema: { type: string }\n          $default:\n            schema'), config);
    const xml = await both.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: { ...good, 'Content-Type': 'application/xml' }, body: '"text"' });
    // Its own model applies: the string passes, where the $default model wants an object.
    assert.ok(xml.log.some((e) => e.message === "Request validation succeeded (validator 'all')"), xml.body);
  });

  it('requires a valid API key where the api_key scheme applies', async () => {
    const missing = await gateway.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: { 'X-Trace': 't' }, body: '{"name":"n","count":1}' });
    assert.equal(missing.status, 403);
    assert.deepEqual(json(missing.body), { oops: 'Forbidden' });
    const wrong = await gateway.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: { ...good, 'x-api-key': 'nope' }, body: '{"name":"n","count":1}' });
    assert.equal(wrong.status, 403);
    const anyKey = gatewayFor(API, {});
    const accepted = await anyKey.invoke({ method: 'POST', path: '/items', query: { tenant: ['a'] }, headers: { ...good, 'x-api-key': 'whatever' }, body: '{"name":"n","count":1}' });
    assert.equal(accepted.status, 200);
  });
});
