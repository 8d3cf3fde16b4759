import assert from 'node:assert/strict';
import { closeHost, gatewayFor, json, logMessages, useBackend } from './gatewayFixture';

/**
 * The AWS override tutorial's shape: GET /pets/{petId} with only a 200 method response, an HTTP integration, and
 * templates that may set `$context.requestOverride.*` and `$context.responseOverride.*`.
 */
const PETS = (requestTemplate: string, responseTemplate: string, integrationStatus = '200') => `openapi: 3.0.1
info: { title: overrides, version: '1' }
paths:
  /pets/{petId}:
    get:
      parameters: [{ name: petId, in: path, required: true, schema: { type: string } }]
      responses: { '${integrationStatus}': { description: declared } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: \${stageVariables.backend}/petstore/pets/{petId}
        requestParameters: { integration.request.path.petId: method.request.path.petId }
        requestTemplates:
          application/json: ${JSON.stringify(requestTemplate)}
        responses:
          default:
            statusCode: '${integrationStatus}'
            responseTemplates:
              application/json: ${JSON.stringify(responseTemplate)}
`;

describe('gateway: $context overrides', function () {
  this.timeout(20000);
  const backend = useBackend((_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: 1, type: 'dog', price: 249.99 }));
  });
  after(closeHost);
  const invoke = (requestTemplate: string, responseTemplate: string, integrationStatus?: string) =>
    gatewayFor(PETS(requestTemplate, responseTemplate, integrationStatus), { stages: { local: { variables: { backend: backend.url } } } }).invoke({
      method: 'GET',
      path: '/pets/1',
      headers: { 'Content-Type': 'application/json' },
    });

  it('responseOverride.status may name a status with no method response: only the selected response must have one', async () => {
    const r = await invoke('{}', '#set($context.responseOverride.status = 400)\n$input.json(\'$\')');
    assert.equal(r.status, 400, r.body);
    assert.deepEqual(json(r.body), { id: 1, type: 'dog', price: 249.99 });
    const log = logMessages(r);
    assert.ok(log.includes("Integration response selected: 'default' → 200"), log.join('\n'));
    assert.ok(log.includes('Method response status overridden by $context.responseOverride.status: 400'), log.join('\n'));
    assert.equal(log.at(-1), 'Method completed with status: 400');
  });

  it('logs the selected response with its own status, then the override', async () => {
    const r = await invoke('{}', '#set($context.responseOverride.status = 200)ok', '401');
    assert.equal(r.status, 200, r.body);
    const log = logMessages(r);
    const selected = log.indexOf("Integration response selected: 'default' → 401");
    assert.ok(selected >= 0, log.join('\n'));
    assert.equal(log[selected + 1], 'Method response status overridden by $context.responseOverride.status: 200');
  });

  it('a selected integration response whose status has no method response is still a configuration error', async () => {
    const doc = PETS('{}', 'ok').replace("responses: { '200': { description: declared } }", "responses: { '201': { description: declared } }");
    const r = await gatewayFor(doc, { stages: { local: { variables: { backend: backend.url } } } }).invoke({ method: 'GET', path: '/pets/1' });
    assert.equal(r.status, 500);
    assert.ok(logMessages(r).includes('Execution failed due to configuration error: Output mapping refers to an invalid method response: 200'));
  });

  for (const [what, template] of [
    ['status', '#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 401)ok'],
    ['header.X-A', '#set($context.responseOverride.header.X-A = "1")#set($context.responseOverride.header.X-A = "2")ok'],
  ]) {
    it(`a response template that overrides responseOverride.${what} twice fails with 500`, async () => {
      const r = await invoke('{}', template);
      assert.equal(r.status, 500, r.body);
      assert.deepEqual(json(r.body), { message: 'Internal server error' });
      const log = logMessages(r);
      assert.ok(
        log.includes(`Execution failed due to configuration error: the response template overrides $context.responseOverride.${what} more than once; each parameter may be overridden only once`),
        log.join('\n'),
      );
    });
  }

  it('logs a repeated override once, with the failure it causes', async () => {
    const r = await invoke('{}', '#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 401)ok');
    assert.equal(r.status, 500, r.body);
    const log = logMessages(r);
    assert.deepEqual(
      log.filter((m) => m.includes('more than once')),
      ['Execution failed due to configuration error: the response template overrides $context.responseOverride.status more than once; each parameter may be overridden only once'],
    );
  });

  it('a repeated override in a response template that fails anyway is logged with the template errors', async () => {
    const r = await invoke('{}', '#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 401)$input.json(\'$[\')');
    assert.equal(r.status, 500, r.body);
    const log = logMessages(r);
    assert.ok(log.some((m) => m.startsWith('Integration response: $context.responseOverride.status is overridden more than once')), log.join('\n'));
    assert.ok(log.includes('Execution failed due to configuration error: Unable to transform response'), log.join('\n'));
  });

  it('a request template that overrides a request header twice fails with 500 before the backend is called', async () => {
    const before = backend.requests.length;
    const r = await invoke('#set($context.requestOverride.header.X-B = "1")#set($context.requestOverride.header.X-B = "2"){}', 'ok');
    assert.equal(r.status, 500, r.body);
    assert.equal(backend.requests.length, before);
    assert.ok(logMessages(r).some((m) => m.includes('the request template overrides $context.requestOverride.header.X-B more than once')), logMessages(r).join('\n'));
  });

  it('each parameter overridden once, in both templates, is accepted', async () => {
    const r = await invoke(
      '#set($context.requestOverride.header.X-B = "1")#set($context.requestOverride.header.X-C = "2")#set($context.requestOverride.querystring.q = "3"){}',
      '#set($context.responseOverride.header.X-B = "4")#set($context.responseOverride.status = 202)ok',
    );
    assert.equal(r.status, 202, r.body);
    assert.equal(r.headers['X-B'], '4');
    assert.equal(backend.requests.at(-1)!.headers['x-b'], '1');
    assert.equal(backend.requests.at(-1)!.headers['x-c'], '2');
  });
});
