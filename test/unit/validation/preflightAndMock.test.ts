import assert from 'node:assert/strict';
import { rangeOf, validate, withCode } from './validate';

const SCHEMES = `components:
  securitySchemes:
    auth:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
`;

const MOCK = `      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200' } }
`;

describe('security requirements on CORS preflight methods', () => {
  it('warns when an OPTIONS method requires an authorizer or IAM, which fails browsers\' CORS preflight', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
${SCHEMES}paths:
  /pets:
    options:
      security: [{ auth: [] }]
${MOCK}  /toys:
    options:
      x-amazon-apigateway-auth: { type: AWS_IAM }
${MOCK}  /open:
    options:
      security: []
${MOCK}`;
    const found = withCode(await validate(text), 'preflight-requires-authorization');
    assert.equal(found.length, 2);
    assert.match(found[0].message, /^OPTIONS \/pets requires the security scheme "auth"; browsers send CORS preflight requests without credentials/);
    assert.deepEqual(found[0].range, rangeOf(text, 'security', 2));
    assert.match(found[1].message, /^OPTIONS \/toys requires IAM authorization/);
    assert.deepEqual(found[1].range, rangeOf(text, 'x-amazon-apigateway-auth', 3));
  });

  it('counts the root-level security for an OPTIONS method without its own, as the import applies it', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
security: [{ auth: [] }]
${SCHEMES}paths:
  /pets:
    options:
${MOCK}  /open:
    options:
      security: []
${MOCK}`;
    const found = withCode(await validate(text), 'preflight-requires-authorization');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^OPTIONS \/pets requires the security scheme "auth" of the root-level `security`/);
    assert.deepEqual(found[0].range, rangeOf(text, 'options'));
  });

  it('leaves a request authorizer reading only the query string alone: the preflight goes to the same URL', async () => {
    const scheme = (name: string, identitySource: string) => `    ${name}:
      type: apiKey
      name: Unused
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: request
        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
        identitySource: ${identitySource}
`;
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
components:
  securitySchemes:
${scheme('byQuery', 'method.request.querystring.auth, stageVariables.realm')}${scheme('byHeader', 'method.request.querystring.auth, method.request.header.X-Token')}paths:
  /pets:
    options:
      security: [{ byQuery: [] }]
${MOCK}  /toys:
    options:
      security: [{ byQuery: [], byHeader: [] }]
${MOCK}`;
    const found = withCode(await validate(text), 'preflight-requires-authorization');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^OPTIONS \/toys requires the security scheme "byHeader"; browsers send CORS preflight requests without credentials/);
    assert.deepEqual(found[0].range, rangeOf(text, 'security', 3));
  });
});

describe('settings a MOCK integration does not keep', () => {
  it('fades httpMethod on a REST MOCK integration, as the import drops it', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        httpMethod: POST
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200' } }
`;
    const [found] = withCode(await validate(text), 'ignored-for-mock');
    assert.equal(found.severity, 4);
    assert.deepEqual(found.tags, [1]);
    assert.deepEqual(found.range, rangeOf(text, 'httpMethod'));
  });
});
