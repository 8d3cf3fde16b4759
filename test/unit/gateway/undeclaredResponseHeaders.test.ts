import assert from 'node:assert/strict';
import { gatewayFor, logMessages, useBackend } from './gatewayFixture';

const api = (uri: string, responses: string) => `openapi: 3.0.1
info: { title: headers, version: '1' }
paths:
  /r:
    get:
      responses: ${responses}
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: ${uri}
        responses:
          default:
            statusCode: '200'
            responseParameters:
              method.response.header.X-Undecl: "'u'"
              method.response.header.x-b: "'b'"
`;

describe('gateway: integration response mappings to undeclared method response headers', () => {
  const backend = useBackend((_request, res) => res.end('{}'));

  it('leaves out a header the method response does not declare, and says why in the log', async () => {
    const r = await gatewayFor(api(`${backend.url}/r`, "{'200': {description: ok, headers: {X-B: {schema: {type: string}}}}}")).invoke({ method: 'GET', path: '/r' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['X-Undecl'], undefined);
    // Declared as X-B, mapped as x-b: header names compare without regard to case.
    assert.equal(r.headers['x-b'], 'b');
    const log = logMessages(r);
    assert.ok(
      log.includes('Integration response: mapping method.response.header.X-Undecl left out: The "200" response of GET /r declares no header "X-Undecl"; AWS rejects mappings to undeclared method response headers.'),
      log.join('\n'),
    );
    assert.ok(log.includes('Method response headers: {x-b=b, Content-Type=application/json}'), log.join('\n'));
  });

  it('leaves out every header mapping when the method declares no response at all', async () => {
    const r = await gatewayFor(api(`${backend.url}/r`, '{}')).invoke({ method: 'GET', path: '/r' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['X-Undecl'], undefined);
    assert.equal(r.headers['x-b'], undefined);
    assert.ok(logMessages(r).includes('Integration response: mapping method.response.header.x-b left out: GET /r declares no "200" response, so there is no method response header "x-b" to map; AWS rejects header mappings for a status the method does not declare.'));
  });
});
