import assert from 'node:assert/strict';
import { encodeQuery, parseQuery } from '../../../server/src/gateway/queryString';
import { closeHost, fn, gatewayFor, json, lambdaUri } from './gatewayFixture';

describe('query strings', () => {
  it('reads every value of a repeated name in order, + as a space, a bare name as the empty value', () => {
    assert.deepEqual(parseQuery('a=1&a=&b&&c=x+y%2B&d%3D=%26'), { a: ['1', ''], b: [''], c: ['x y+'], 'd=': ['&'] });
    assert.deepEqual(parseQuery(undefined), {});
  });

  it('keeps a part that is not valid percent-encoding as written, after telling whoever asked', () => {
    const heard: string[] = [];
    assert.deepEqual(parseQuery('x=%zz&y=1', (part) => heard.push(part)), { x: ['%zz'], y: ['1'] });
    assert.deepEqual(heard, ['%zz']);
  });

  it('writes values that read back unchanged', () => {
    const query = { 'a b': ['1+1', ''], 'k=': ['&%'] };
    assert.deepEqual(parseQuery(encodeQuery(query)), query);
  });

  it('reads names every JavaScript object has as plain names', () => {
    const query = parseQuery('constructor=1&__proto__=2&toString=3&constructor=4');
    assert.deepEqual(Object.entries(query), [['constructor', ['1', '4']], ['__proto__', ['2']], ['toString', ['3']]]);
  });

  describe('through the gateway', function () {
    this.timeout(20000);
    after(closeHost);

    it('keeps a parameter named __proto__ in the single-value maps: Lambda events 1.0 and 2.0, and $input.params', async () => {
      const rest = `openapi: 3.0.1
info: { title: proto, version: '1' }
paths:
  /event:
    get:
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: ${lambdaUri('Echo')} }
  /template:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200', responseTemplates: { application/json: '{"proto": "$input.params(''__proto__'')", "x": "$input.params(''x'')"}' } } }
`;
      const functions = { functions: { Echo: fn('echoEvent') } };
      const restGateway = gatewayFor(rest, functions);
      const v1 = (json((await restGateway.invoke({ method: 'GET', path: '/event?__proto__=1&x=2' })).body) as { event: Record<string, unknown> }).event;
      // JSON.parse, since `{ __proto__: ... }` written as a literal would set the prototype.
      const expected = JSON.parse('{"__proto__": "1", "x": "2"}') as unknown;
      assert.deepEqual(v1.queryStringParameters, expected);
      const mapped = await restGateway.invoke({ method: 'GET', path: '/template?__proto__=1&x=2' });
      assert.deepEqual(json(mapped.body), { proto: '1', x: '2' });

      const httpApi = JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'proto', version: '1' },
        paths: { '/event': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: lambdaUri('Echo'), payloadFormatVersion: '2.0' } } } },
      });
      const v2 = (json((await gatewayFor(httpApi, functions, 'proto.json').invoke({ method: 'GET', path: '/event?__proto__=1&x=2' })).body) as { event: Record<string, unknown> }).event;
      assert.deepEqual(v2.queryStringParameters, expected);
    });
  });
});
