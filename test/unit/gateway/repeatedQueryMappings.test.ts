import assert from 'node:assert/strict';
import { closeHost, gatewayFor, json, useBackend, useGatewayServer } from './gatewayFixture';

/**
 * REST request parameter mappings of a query string parameter the client repeats (`?y=1&y=2`). The expected
 * values are those of LocalStack's parameter-mapping tests, which note that they were checked by hand in the AWS
 * console: `multivaluequerystring` into the query string repeats the name, the single-value form takes the last.
 */
const doc = (type: 'http' | 'http_proxy', backendUrl: string) => `openapi: 3.0.1
info: { title: repeated query, version: '1' }
paths:
  /m:
    get:
      parameters: [{ name: y, in: query, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: ${type}
        httpMethod: GET
        uri: ${backendUrl}/in
        requestParameters:
          integration.request.querystring.all: method.request.multivaluequerystring.y
          integration.request.querystring.one: method.request.querystring.y
        responses: { default: { statusCode: '200' } }
`;

describe('gateway: REST mappings of a repeated query string parameter', function () {
  this.timeout(20000);
  const backend = useBackend((_, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
  const serve = useGatewayServer();
  after(closeHost);

  /** The query string the backend received for GET /m with the given query. */
  async function backendQuery(type: 'http' | 'http_proxy', query: string): Promise<URLSearchParams> {
    const { port } = await serve(gatewayFor(doc(type, backend.url), {}, `${type}.yaml`));
    const before = backend.requests.length;
    const r = await fetch(`http://127.0.0.1:${port}/m?${query}`);
    assert.equal(r.status, 200, await r.text());
    assert.equal(backend.requests.length, before + 1);
    return new URL(backend.requests.at(-1)!.url, 'http://backend').searchParams;
  }

  it('HTTP: multivaluequerystring sends the name once per value; querystring sends the last value', async () => {
    const query = await backendQuery('http', 'y=1&y=2');
    assert.deepEqual(query.getAll('all'), ['1', '2']);
    assert.deepEqual(query.getAll('one'), ['2']);
  });

  it('HTTP: a value holding a comma stays one value, not split or joined with another', async () => {
    const query = await backendQuery('http', 'y=a%2Cb&y=c');
    assert.deepEqual(query.getAll('all'), ['a,b', 'c']);
    assert.deepEqual(query.getAll('one'), ['c']);
  });

  it('HTTP: a parameter sent once is sent once', async () => {
    const query = await backendQuery('http', 'y=1');
    assert.deepEqual([query.getAll('all'), query.getAll('one')], [['1'], ['1']]);
  });

  it('HTTP_PROXY: the mapped parameters go beside the passed-through query, repeated as sent', async () => {
    const query = await backendQuery('http_proxy', 'y=1&y=2');
    assert.deepEqual(query.getAll('y'), ['1', '2']);
    assert.deepEqual(query.getAll('all'), ['1', '2']);
    assert.deepEqual(query.getAll('one'), ['2']);
  });

  it('AWS service: the request shown sends the name once per value', async () => {
    const aws = `openapi: 3.0.1
info: { title: repeated query, version: '1' }
paths:
  /m:
    get:
      parameters: [{ name: y, in: query, schema: { type: string } }]
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: GET
        uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders
        requestParameters:
          integration.request.querystring.all: method.request.multivaluequerystring.y
          integration.request.querystring.one: method.request.querystring.y
`;
    const r = await gatewayFor(aws, {}, 'aws.yaml').invoke({ method: 'GET', path: '/m', query: { y: ['1', '2'] } });
    assert.equal(r.status, 501, r.body);
    const shown = new URL((json(r.body) as { request: { uri: string } }).request.uri).searchParams;
    assert.deepEqual(shown.getAll('all'), ['1', '2']);
    assert.deepEqual(shown.getAll('one'), ['2']);
  });
});
