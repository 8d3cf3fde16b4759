import assert from 'node:assert/strict';
import { closeHost, fn, gatewayFor, json, lambdaUri } from './gatewayFixture';

/** A REST API whose one method calls `uri` through a custom (non-proxy) AWS integration. */
function custom(uri: string): string {
  return `openapi: 3.0.1
info: { title: custom, version: '1' }
paths:
  /echo:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: ${JSON.stringify(uri)}
        requestTemplates:
          application/json: '{"name": "$input.path(''$.name'')"}'
        responses:
          default: { statusCode: '200' }
`;
}

const request = { method: 'POST', path: '/echo', headers: { 'Content-Type': 'application/json' }, body: '{"name": "Rex"}' };

describe('gateway custom Lambda integration', function () {
  this.timeout(20000);
  after(() => closeHost());

  it('logs the X-Amzn-Trace-Id of the call to Lambda and of its answer, as the proxy integration does', async () => {
    const gw = gatewayFor(custom(lambdaUri('Echo')), { functions: { Echo: fn('echoV2') } });
    const r = await gw.invoke(request);
    assert.equal(r.status, 200, r.body);
    const lines = r.log.map((e) => e.message);
    const sent = lines.find((l) => l.startsWith('Endpoint request headers: '));
    const trace = /X-Amzn-Trace-Id=(Root=1-[0-9a-f]{8}-[0-9a-f]{24})\}$/.exec(sent ?? '')?.[1];
    assert.ok(trace, lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('Endpoint response headers: ') && l.includes(`X-Amzn-Trace-Id=${trace.toLowerCase()};sampled=0}`)), lines.join('\n'));
    // Each request has its own id.
    const again = await gw.invoke(request);
    assert.ok(!again.log.some((e) => e.message.includes(trace)));
  });

  it('runs a URI that a stage variable gives whole as the Lambda call it becomes', async () => {
    const config = { functions: { Echo: fn('echoV2') }, stages: { local: { variables: { target: lambdaUri('Echo') } } } };
    const r = await gatewayFor(custom('${stageVariables.target}'), config).invoke({ ...request, stage: 'local' });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(json(r.body), { hello: 'world' });
  });

  it('fails as a Lambda call, not as another AWS service, when the stage lacks the variable naming the function', async () => {
    const uri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.fn}/invocations';
    const r = await gatewayFor(custom(uri), { functions: { Echo: fn('echoV2') } }).invoke(request);
    assert.equal(r.status, 500, r.body);
    assert.match(r.headers['x-local-gateway-error'], /functions\/\/invocations is not a Lambda function ARN/);
  });

  it('treats other paths of the Lambda API as AWS service calls', async () => {
    const r = await gatewayFor(custom('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions')).invoke(request);
    assert.equal(r.status, 501, r.body);
    assert.equal(r.headers['x-local-gateway-error'], 'aws-service-not-emulated');
  });
});
