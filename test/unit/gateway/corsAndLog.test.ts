import assert from 'node:assert/strict';
import { formatLog } from '../../../server/src/gateway/executionLog';
import type { GatewayResponse } from '../../../server/src/gateway/types';
import { closeHost, exampleGateway, fn, gatewayFor, lambdaUri } from './gatewayFixture';

describe('gateway CORS and execution log', function () {
  this.timeout(20000);
  after(closeHost);

  it('answers HTTP API preflight requests from x-amazon-apigateway-cors', async () => {
    const gw = exampleGateway('orders-http-api.json');
    const r = await gw.invoke({
      method: 'OPTIONS',
      path: '/orders',
      headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, authorization' },
    });
    assert.equal(r.status, 204);
    assert.deepEqual(r.headers, {
      'Access-Control-Allow-Origin': 'https://shop.example.com',
      'Access-Control-Allow-Methods': 'GET,POST,DELETE',
      'Access-Control-Allow-Headers': 'authorization,content-type',
      'Access-Control-Max-Age': '3600',
      'Access-Control-Allow-Credentials': 'true',
    });
    const foreign = await gw.invoke({ method: 'OPTIONS', path: '/orders', headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'GET' } });
    assert.equal(foreign.status, 204);
    assert.deepEqual(foreign.headers, {});
  });

  it('adds the allowed origin to actual HTTP API responses, errors included', async () => {
    const gw = exampleGateway('orders-http-api.json');
    const r = await gw.invoke({ method: 'GET', path: '/orders', headers: { Origin: 'https://shop.example.com' } });
    assert.equal(r.status, 401);
    assert.equal(r.headers['Access-Control-Allow-Origin'], 'https://shop.example.com');
  });

  it('ignores the CORS headers a function returns when the HTTP API configures CORS, for any payload format and origin', async () => {
    for (const payloadFormatVersion of ['1.0', '2.0']) {
      const doc = JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'cors', version: '1' },
        'x-amazon-apigateway-cors': { allowOrigins: ['https://shop.example.com'], allowMethods: ['GET'], exposeHeaders: ['x-kept'] },
        paths: { '/c': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Cors'), payloadFormatVersion } } } },
      });
      const gw = gatewayFor(doc, { functions: { Cors: fn('ownCorsHeaders') } }, 'cors.json');
      const corsHeaders = (r: GatewayResponse) => [...Object.keys(r.headers), ...Object.keys(r.multiValueHeaders ?? {})].filter((k) => k.toLowerCase().startsWith('access-control-')).sort();
      for (const origin of [undefined, 'https://evil.example.com']) {
        const r = await gw.invoke({ method: 'GET', path: '/c', headers: origin ? { Origin: origin } : {} });
        assert.equal(r.status, 200, r.body);
        assert.deepEqual(corsHeaders(r), [], `${payloadFormatVersion}, Origin ${origin}`);
        assert.equal(r.headers['X-Kept'], 'yes');
      }
      const allowed = await gw.invoke({ method: 'GET', path: '/c', headers: { Origin: 'https://shop.example.com' } });
      assert.deepEqual(corsHeaders(allowed), ['Access-Control-Allow-Origin', 'Access-Control-Expose-Headers']);
      assert.equal(allowed.headers['Access-Control-Allow-Origin'], 'https://shop.example.com');
      assert.equal(allowed.headers['Access-Control-Expose-Headers'], 'x-kept');
    }
  });

  it('passes a function\'s CORS headers on where the HTTP API configures no CORS', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'nocors', version: '1' },
      paths: { '/c': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaUri('Cors'), payloadFormatVersion: '2.0' } } } },
    });
    const r = await gatewayFor(doc, { functions: { Cors: fn('ownCorsHeaders') } }, 'nocors.json').invoke({ method: 'GET', path: '/c' });
    assert.equal(r.headers['Access-Control-Allow-Origin'], '*');
  });

  it('runs REST OPTIONS methods from the document as they are', async () => {
    const doc = `openapi: 3.0.1
info: { title: cors, version: '1' }
paths:
  /pets:
    options:
      responses:
        '200':
          description: preflight
          headers:
            Access-Control-Allow-Origin: { schema: { type: string } }
            Access-Control-Allow-Methods: { schema: { type: string } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses:
          default:
            statusCode: '200'
            responseParameters:
              method.response.header.Access-Control-Allow-Origin: "'*'"
              method.response.header.Access-Control-Allow-Methods: "'GET,OPTIONS'"
`;
    const r = await gatewayFor(doc).invoke({ method: 'OPTIONS', path: '/pets', headers: { Origin: 'https://a.example', 'Access-Control-Request-Method': 'GET' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['Access-Control-Allow-Origin'], '*');
    assert.equal(r.headers['Access-Control-Allow-Methods'], 'GET,OPTIONS');
  });

  it('writes the test-invoke log lines in order, with timings per step', async () => {
    const petstore = exampleGateway('petstore.yaml', { functions: { GetPet: fn('echoEvent') } });
    const r = await petstore.invoke({ method: 'GET', path: '/pets/9', query: { verbose: ['1'] }, headers: { Accept: 'application/json' } });
    assert.equal(r.status, 200);
    const lines = r.log.map((e) => e.message);
    const expectInOrder = [
      /^Starting execution for request: [0-9a-f-]{36}$/,
      /^HTTP Method: GET, Resource Path: \/pets\/\{petId\}$/,
      /^Method request path: \{petId=9\}$/,
      /^Method request query string: \{verbose=\[1\]\}$/,
      /^Method request headers: \{Accept=application\/json\}$/,
      /^Method request body before transformations: $/,
      /^Endpoint request URI: https:\/\/lambda\.us-east-1\.amazonaws\.com\/2015-03-31\/functions\/arn:aws:lambda:us-east-1:123456789012:function:GetPet\/invocations$/,
      /^Endpoint request headers: \{x-amzn-lambda-integration-tag=[0-9a-f-]{36}, Authorization=\*+, X-Amz-Date=\d{8}T\d{6}Z, x-amzn-apigateway-api-id=local, X-Amz-Source-Arn=arn:aws:execute-api:us-east-1:123456789012:local\/local\/GET\/pets\/9, Accept=application\/json, User-Agent=AmazonAPIGateway_local, X-Amzn-Trace-Id=Root=1-[0-9a-f]{8}-[0-9a-f]{24}\}$/,
      /^Endpoint request body after transformations: \{"resource":"\/pets\/\{petId\}"/,
      /^Sending request to https:\/\/lambda\.us-east-1\.amazonaws\.com\/2015-03-31\/functions\/arn:aws:lambda:us-east-1:123456789012:function:GetPet\/invocations$/,
      /^Sending request to local handler handlers\.js#echoEvent for arn:aws:lambda:us-east-1:123456789012:function:GetPet$/,
      /^Lambda (cold start, )?duration [\d.]+ ms, RequestId: [0-9a-f-]{36}$/,
      /^Received response\. Status: 200, Integration latency: \d+ ms$/,
      /^Endpoint response headers: \{Date=[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} [\d:]{8} GMT, Content-Type=application\/json, Content-Length=\d+, Connection=keep-alive, x-amzn-RequestId=[0-9a-f-]{36}, x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=\$LATEST, X-Amzn-Trace-Id=root=1-[0-9a-f]{8}-[0-9a-f]{24};sampled=0\}$/,
      /^Endpoint response body before transformations: /,
      /^Method response body after transformations: /,
      /^Method response headers: \{Content-Type=application\/json, X-Function=GetPet\}$/,
      /^Successfully completed execution$/,
      /^Method completed with status: 200$/,
    ];
    let at = 0;
    for (const pattern of expectInOrder) {
      const found = lines.findIndex((line, i) => i >= at && pattern.test(line));
      assert.ok(found >= 0, `missing ${pattern} after line ${at}:\n${lines.join('\n')}`);
      at = found + 1;
    }
    assert.deepEqual(
      r.steps.map((s) => s.name),
      ['method request', 'authorization', 'validation', 'integration', 'method response'],
    );
    assert.ok(r.steps.every((s) => s.ms >= 0));
    assert.ok(r.latencyMs >= r.steps.reduce((n, s) => n + s.ms, 0) - 0.01);
    assert.match(formatLog(r.log).split('\n')[0], /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} : Starting execution/);
  });
});
