import assert from 'node:assert/strict';
import { gatewayFor, json, logMessages } from './gatewayFixture';

/** One operation per definition fault AWS would refuse, and one that runs, to show the rest still does. */
const FAULTY = `openapi: 3.0.1
info: { title: faults, version: '1' }
paths:
  /none:
    get:
      responses: { '200': { description: ok } }
  /no-uri:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: http, httpMethod: GET }
  /foo:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: foo }
  /sub-uri:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: { Fn::Sub: 'https://\${Host}/x' } }
  /number-uri:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: http, httpMethod: GET, uri: 42 }
  /typeless:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { httpMethod: GET, uri: 'http://127.0.0.1:9/x' }
  /fine:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200' } }
`;

describe('gateway: definition faults AWS would refuse answer with their cause', () => {
  const cases: Array<[string, string]> = [
    ['/none', 'the method has no x-amazon-apigateway-integration; AWS imports such a method, but no deployment of the API succeeds until it has one'],
    ['/no-uri', 'the HTTP integration has no uri; AWS refuses an integration that calls a backend without one'],
    ['/sub-uri', "the HTTP_PROXY integration's uri is a CloudFormation Fn::Sub, which only CloudFormation resolves; write the URI or ARN it resolves to, to run it locally"],
    ['/number-uri', "the HTTP integration's uri is the number 42, not a string; AWS refuses an integration whose uri is not one"],
    ['/foo', "unknown integration type 'foo': expected one of aws, aws_proxy, http, http_proxy, mock; AWS refuses any other"],
    ['/typeless', 'the integration has no type: expected one of aws, aws_proxy, http, http_proxy, mock; AWS refuses any other'],
  ];
  for (const [path, reason] of cases) {
    it(`${path}: a 500 with API Gateway's body, the cause in x-local-gateway-error and in the log`, async () => {
      const r = await gatewayFor(FAULTY).invoke({ method: 'GET', path });
      assert.equal(r.status, 500);
      assert.deepEqual(json(r.body), { message: 'Internal server error' });
      assert.equal(r.headers['x-local-gateway-error'], reason);
      assert.ok(logMessages(r).includes(`Execution failed due to configuration error: ${reason}`), logMessages(r).join('\n'));
    });
  }

  it('the operations without a fault run as before', async () => {
    const r = await gatewayFor(FAULTY).invoke({ method: 'GET', path: '/fine' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-local-gateway-error'], undefined);
  });

  it('an HTTP API answers with its own body and the same header', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'faults', version: '1' },
      paths: { '/no-uri': { get: { 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'GET', payloadFormatVersion: '1.0' } } } },
    });
    const r = await gatewayFor(doc, {}, 'http-api.json').invoke({ method: 'GET', path: '/no-uri' });
    assert.equal(r.status, 500);
    assert.deepEqual(json(r.body), { message: 'Internal Server Error' });
    assert.equal(r.headers['x-local-gateway-error'], 'the HTTP_PROXY integration has no uri; AWS refuses an integration that calls a backend without one');
  });

  it('an integration subtype needs no uri: it names the AWS service itself', async () => {
    const doc = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'faults', version: '1' },
      paths: {
        '/send': {
          post: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy',
              integrationSubtype: 'SQS-SendMessage',
              payloadFormatVersion: '1.0',
              requestParameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: '$request.body' },
            },
          },
        },
      },
    });
    const r = await gatewayFor(doc, {}, 'subtype.json').invoke({ method: 'POST', path: '/send', body: 'hi' });
    assert.equal(r.headers['x-local-gateway-error'], 'aws-service-not-emulated');
  });
});
