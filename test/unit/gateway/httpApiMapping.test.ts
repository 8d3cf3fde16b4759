import assert from 'node:assert/strict';
import { interpolate, mappedValue } from '../../../server/src/gateway/integrations/httpApiMapping';
import { closeHost, gatewayFor, startBackend, type Backend } from './gatewayFixture';

const VALUES: Record<string, string> = {
  'request.path': '/orders/42',
  'request.path.id': '42',
  'request.path.file': 'report',
  'request.header.x-tenant': 'acme',
  'request.header.X.Trace': 'dotted',
  'request.querystring.q': 'red',
  'request.querystring.page_size': '10',
  'request.body': '{"items":[{"id":"i1"}]}',
  "request.body.items[0].id": 'i1',
  "request.body.a['b c']": 'spaced',
  'context.requestId': 'req-1',
  'context.authorizer.claims.custom:tenant': 't1',
  'context.identity.sourceIp': '10.0.0.1',
  'stageVariables.env': 'dev',
  'response.header.x-backend': 'b',
  'response.body.total': '3',
};
const lookup = (expression: string) => VALUES[expression];

describe('HTTP API parameter mapping values', function () {
  this.timeout(20000);

  it('substitutes a reference without braces inside text, its name ending where its kind of name ends', () => {
    const cases: Array<[string, string]> = [
      ['/items/$request.path.id', '/items/42'],
      ['/items/$request.path.id/details', '/items/42/details'],
      ['/files/$request.path.file.pdf', '/files/report.pdf'],
      ['/v1$request.path', '/v1/orders/42'],
      ['tenant=$request.header.x-tenant;q=$request.querystring.q', 'tenant=acme;q=red'],
      ['size $request.querystring.page_size!', 'size 10!'],
      ['first=$request.body.items[0].id,', 'first=i1,'],
      ['id $context.requestId.', 'id req-1.'],
      ['from $context.identity.sourceIp:443', 'from 10.0.0.1:443'],
      ['$stageVariables.env-suffix', 'dev-suffix'],
      ['${request.path.id}${request.querystring.q}', '42red'],
      ['a-${request.path.id}-$request.querystring.q', 'a-42-red'],
      ['${$request.path.id}', '42'],
      ["x=${request.body.a['b c']}", 'x=spaced'],
      ['costs $5 and $request', 'costs $5 and $request'],
      ['missing: [$request.header.absent]', 'missing: []'],
    ];
    for (const [template, expected] of cases) assert.equal(interpolate(template, 'request', lookup), expected, template);
    assert.equal(interpolate('was $response.header.x-backend of $response.body.total', 'response', lookup), 'was b of 3');
    // A reference from the other direction is text.
    assert.equal(interpolate('/x/$response.header.x-backend', 'request', lookup), '/x/$response.header.x-backend');
  });

  it('reads a value that is one reference whole to its end, and leaves its mapping out when it has nothing', () => {
    assert.equal(mappedValue('$request.header.X.Trace', 'request', lookup), 'dotted');
    assert.equal(mappedValue('$request.path.id', 'request', lookup), '42');
    assert.equal(mappedValue('$context.authorizer.claims.custom:tenant', 'request', lookup), 't1');
    assert.equal(mappedValue('tenant ${context.authorizer.claims.custom:tenant}', 'request', lookup), 'tenant t1');
    assert.equal(mappedValue('${request.path.id}', 'request', lookup), '42');
    assert.equal(mappedValue('$request.header.absent', 'request', lookup), undefined);
    assert.equal(mappedValue('${request.header.absent}', 'request', lookup), undefined);
    assert.equal(mappedValue('/items/$request.header.absent', 'request', lookup), '/items/');
    assert.equal(mappedValue('static', 'request', lookup), 'static');
  });

  describe('against a backend', () => {
    let backend: Backend;
    before(async () => {
      backend = await startBackend((_, res) => res.end('ok'));
    });
    after(() => {
      backend.close();
      closeHost();
    });

    it('overwrites the path with a reference inside text, as `/items/$request.path.id`', async () => {
      const doc = JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'mapping', version: '1' },
        paths: {
          '/map/{id}': {
            get: {
              'x-amazon-apigateway-integration': {
                type: 'http_proxy',
                httpMethod: 'GET',
                uri: `${backend.url}/x`,
                payloadFormatVersion: '1.0',
                requestParameters: {
                  'overwrite:path': '/items/$request.path.id',
                  'overwrite:header.x-route': 'id=$request.path.id;q=$request.querystring.q;stage=$stageVariables.env',
                  'append:querystring.from': '$stageVariables.env-$context.httpMethod',
                },
              },
            },
          },
        },
      });
      const gw = gatewayFor(doc, { stages: { $default: { variables: { env: 'dev' } } } }, 'mapping.json');
      const r = await gw.invoke({ method: 'GET', path: '/map/42?q=red' });
      assert.equal(r.status, 200, r.body);
      const call = backend.requests.at(-1)!;
      assert.equal(call.url, '/items/42?q=red&from=dev-GET');
      assert.equal(call.headers['x-route'], 'id=42;q=red;stage=dev');
    });
  });
});
