import assert from 'node:assert/strict';
import { closeHost, gatewayFor, json, useBackend } from './gatewayFixture';

/** An HTTP integration of one method whose request template renders `template`. */
const HTTP_DOC = (method: string, template: string, type = 'http') => `openapi: 3.0.1
info: { title: body, version: '1' }
paths:
  /send:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: ${type}
        httpMethod: ${method}
        uri: \${stageVariables.backend}/target
        requestTemplates:
          application/json: '${template}'
        responses:
          default: { statusCode: '200' }
`;

describe('gateway: request bodies sent to an HTTP backend', function () {
  this.timeout(20000);
  // A plain Node.js server, which reads a body only by Content-Length or chunked encoding and answers 400 to bytes
  // it cannot place.
  const backend = useBackend(({ method, body }, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ method, body }));
  });
  after(closeHost);
  const config = () => ({ stages: { local: { variables: { backend: backend.url } } } });

  for (const method of ['GET', 'DELETE', 'POST', 'PUT']) {
    it(`${method}: a mapped body goes out with its exact Content-Length and no chunked encoding`, async () => {
      const gw = gatewayFor(HTTP_DOC(method, `{"name": "$input.path(''$.name'')"}`), config());
      for (const name of ['café', 'second on the same connection']) {
        const r = await gw.invoke({ method: 'POST', path: '/send', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) });
        assert.equal(r.status, 200, r.body);
        const expected = `{"name": "${name}"}`;
        assert.deepEqual(json(r.body), { method, body: expected });
        const call = backend.requests.at(-1)!;
        assert.equal(call.headers['content-length'], String(Buffer.byteLength(expected)));
        assert.equal(call.headers['transfer-encoding'], undefined);
      }
    });
  }

  it('a body of bytes keeps its length; an empty body goes out without one', async () => {
    const gw = gatewayFor(HTTP_DOC('GET', '', 'http_proxy'), config());
    const bytes = Buffer.from([0xe2, 0x82, 0xac, 0x00, 0xff]);
    const r = await gw.invoke({ method: 'POST', path: '/send', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
    assert.equal(r.status, 200, r.body);
    assert.equal(backend.requests.at(-1)!.headers['content-length'], '5');
    const empty = await gw.invoke({ method: 'POST', path: '/send' });
    assert.equal(empty.status, 200, empty.body);
    assert.equal(backend.requests.at(-1)!.headers['content-length'], undefined);
    assert.equal(backend.requests.at(-1)!.body, '');
  });

  it('a Content-Length the client sent is replaced by the length of what is sent', async () => {
    const gw = gatewayFor(HTTP_DOC('POST', '{"mapped": true}'), config());
    const r = await gw.invoke({ method: 'POST', path: '/send', headers: { 'Content-Type': 'application/json', 'Content-Length': '2' }, body: '{}' });
    assert.equal(r.status, 200, r.body);
    assert.equal(backend.requests.at(-1)!.headers['content-length'], String('{"mapped": true}'.length));
  });
});
