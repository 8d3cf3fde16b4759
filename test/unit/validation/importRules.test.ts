import assert from 'node:assert/strict';
import { codes, rangeOf, validate, withCode } from './validate';

describe('AWS import rules', () => {
  it('checks path segments: characters, whole-segment parameters, greedy parameters last', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /files/{name}.json: {}
  /a b: {}
  /{proxy+}/tail: {}
  /ok/{id}/{proxy+}: {}
  /a+b: {}
`;
    const diagnostics = await validate(text);
    assert.deepEqual(withCode(diagnostics, 'invalid-path-characters')[1].range, rangeOf(text, '/a+b'));
    assert.deepEqual(withCode(diagnostics, 'partial-path-parameter')[0].range, rangeOf(text, '/files/{name}.json'));
    assert.deepEqual(withCode(diagnostics, 'invalid-path-characters')[0].range, rangeOf(text, '/a b'));
    assert.match(withCode(diagnostics, 'greedy-parameter-not-last')[0].message, /"\{proxy\+\}" in "\/\{proxy\+\}\/tail" must be the last segment/);
    assert.equal(diagnostics.filter((d) => d.range.start.line === 6).length, 0);
  });

  it('rejects two differently named variable parts under one REST resource, on the later path', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /users/{id}: {}
  /users/{id}/pets: {}
  /users/{userId}/orders: {}
  /files/{proxy+}: {}
  /files/{name}: {}
  /{tenant}/a: {}
  /{tenant}/b: {}
`;
    const found = withCode(await validate(text), 'conflicting-path-variables');
    assert.deepEqual(found.map((d) => d.range), [rangeOf(text, '/users/{userId}/orders'), rangeOf(text, '/files/{name}')]);
    assert.match(found[0].message, /"\{userId\}" in "\/users\/\{userId\}\/orders" and "\{id\}" in "\/users\/\{id\}" are two variable parts under "\/users"/);
    // HTTP API routes are matched one by one, not built into a tree of resources.
    assert.equal(withCode(await validate(text, { settings: { dialect: 'http' } }), 'conflicting-path-variables').length, 0);
  });

  it('wants alphanumeric model names and flags unsupported schema keywords', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Pet_Model:
      type: object
      discriminator: { propertyName: kind }
      properties:
        example: { type: number, format: int32, example: 3 }
`;
    const diagnostics = await validate(text);
    const [name] = withCode(diagnostics, 'invalid-model-name');
    assert.deepEqual(name.data, { expected: 'PetModel' });
    assert.deepEqual(name.range, rangeOf(text, 'Pet_Model'));
    const keywords = withCode(diagnostics, 'unsupported-schema-keyword');
    assert.deepEqual(keywords.map((d) => d.severity), [2, 2, 4]);
    assert.deepEqual(keywords[0].range, rangeOf(text, 'discriminator'));
  });

  it('warns of a REST method without an integration where others have one: its deployments fail', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: mock, requestTemplates: { application/json: '{"statusCode": 200}' }, responses: { default: { statusCode: '200' } } }
    post:
      responses: { '200': { description: ok } }
`;
    const [found] = withCode(await validate(text), 'missing-integration');
    assert.deepEqual(found.range, rangeOf(text, 'post'));
    assert.match(found.message, /POST \/a has no `x-amazon-apigateway-integration`/);
    // Without any integration the definition is documentation, which imports as such.
    const documentation = text.replace(/ {6}x-amazon-apigateway-integration.*\n/, '');
    assert.equal(withCode(await validate(documentation), 'missing-integration').length, 0);
  });

  it('reports a 2.0 model\'s oneOf once, as a keyword API Gateway does not enforce', async () => {
    const text = `swagger: '2.0'
info: { title: t, version: '1' }
paths: {}
definitions:
  Id:
    oneOf: [ { type: string }, { type: integer } ]
`;
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['unsupported-schema-keyword']);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'oneOf'));
  });

  it('knows the import rules of versions and dialects', async () => {
    const swaggerForHttp = `swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n`;
    const [d] = withCode(await validate(swaggerForHttp, { settings: { dialect: 'http' } }), 'http-api-requires-openapi-3');
    assert.deepEqual(d.range, rangeOf(swaggerForHttp, "'2.0'"));
  });

  it('holds REST definitions to the 6 MB import limit, and HTTP APIs, which have no documented one, to none', async () => {
    const padding = `x-padding: ${'a'.repeat(6 * 1024 * 1024)}\n`;
    const rest = await validate(`openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths: {}\n${padding}`);
    assert.deepEqual(withCode(rest, 'import-too-large').map((d) => d.message), ['This file is 6.0 MB; API Gateway imports REST API definitions of at most 6 MB.']);
    const http = `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths: {}\nx-amazon-apigateway-cors: { allowOrigins: ['*'] }\n${padding}`;
    assert.deepEqual(withCode(await validate(http), 'import-too-large'), []);
    assert.equal(withCode(await validate(http, { settings: { dialect: 'rest' } }), 'import-too-large').length, 1);
    // Beyond the size the rules check, the dialect still decides.
    const huge = `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths: {}\nx-amazon-apigateway-cors: { allowOrigins: ['*'] }\nx-padding: ${'a'.repeat(21 * 1024 * 1024)}\n`;
    assert.deepEqual(codes(await validate(huge)), ['too-large-to-validate']);
  });

  it('flags responses referencing root-level responses and primitive response schemas (2.0)', async () => {
    const text = `swagger: '2.0'
info: { title: t, version: '1' }
responses:
  Oops: { description: oops }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, schema: { type: string } }
        '500': { $ref: '#/responses/Oops' }
`;
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['non-object-response-schema', 'root-response-ref']);
    assert.deepEqual(withCode(diagnostics, 'non-object-response-schema')[0].range, rangeOf(text, '{ type: string }'));
  });

  it('leaves the path of an execute-api server URL alone (on import it is a base path) and checks the resource policy size', async () => {
    const statement = Array.from({ length: 200 }, (_, i) => `      - { Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: 'execute-api:/${i}/*' }`).join('\n');
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
servers:
  - url: https://abc.execute-api.us-east-1.amazonaws.com/{stage}
    variables: { stage: { default: 'v1.0' } }
paths: {}
x-amazon-apigateway-policy:
  Version: '2012-10-17'
  Statement:
${statement}
`;
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['policy-too-long']);
  });

  it('needs an endpoint access mode for enhanced security policies', async () => {
    const text = `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths: {}\nx-amazon-apigateway-security-policy: SecurityPolicy_TLS13_1_3_2025_09\n`;
    const [d] = withCode(await validate(text), 'security-policy-needs-access-mode');
    assert.deepEqual(d.range, rangeOf(text, 'SecurityPolicy_TLS13_1_3_2025_09'));
    assert.deepEqual(codes(await validate(`${text}x-amazon-apigateway-endpoint-access-mode: STRICT\n`)), []);
  });

  it('counts resources against the quota', async () => {
    const paths = Array.from({ length: 151 }, (_, i) => `  /r${i}/{id}: {}`).join('\n');
    const text = `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n${paths}\n`;
    const [d] = withCode(await validate(text), 'too-many-resources');
    assert.match(d.message, /302 resources/);
  });
});
