import assert from 'node:assert/strict';
import { inferDialect } from '../../../server/src/model/dialectInference';
import { parse, rangeOf, restYaml, validate, withCode } from './validate';

describe('REST or HTTP API', () => {
  it('infers HTTP APIs from what only they use, and REST from what only REST uses', () => {
    assert.equal(inferDialect(parse("openapi: 3.0.1\nx-amazon-apigateway-cors: {}\n")), 'http');
    assert.equal(inferDialect(parse("swagger: '2.0'\nx-amazon-apigateway-cors: {}\n")), 'rest');
    const proxyWithVersion = 'openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration: { type: HTTP_PROXY, payloadFormatVersion: "1.0" }\n';
    assert.equal(inferDialect(parse(proxyWithVersion)), 'http');
    const cognito = `${proxyWithVersion}components:\n  securitySchemes:\n    pool:\n      x-amazon-apigateway-authorizer: { type: COGNITO_USER_POOLS }\n`;
    assert.equal(inferDialect(parse(cognito)), 'rest');
  });

  it('infers an HTTP API from a JWT authorizer, an HTTP API Lambda authorizer or the $default route', () => {
    const schemes = (authorizer: string) => `openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    a:\n      type: oauth2\n      x-amazon-apigateway-authorizer: ${authorizer}\n`;
    assert.equal(inferDialect(parse(schemes('{ type: jwt, jwtConfiguration: { issuer: x } }'))), 'http');
    assert.equal(inferDialect(parse(schemes("{ type: request, authorizerPayloadFormatVersion: '2.0' }"))), 'http');
    assert.equal(inferDialect(parse(schemes('{ type: request, enableSimpleResponses: true }'))), 'http');
    assert.equal(inferDialect(parse(schemes('{ type: request }'))), 'rest');
    assert.equal(inferDialect(parse('openapi: 3.0.1\npaths:\n  /$default:\n    x-amazon-apigateway-any-method: {}\n')), 'http');
    assert.equal(inferDialect(parse('openapi: 3.0.1\npaths:\n  /a:\n    x-amazon-apigateway-any-method: { isDefaultRoute: true }\n')), 'http');
  });

  it('weighs an integrationSubtype like payloadFormatVersion: REST-only evidence outvotes it', () => {
    const subtype = '      x-amazon-apigateway-integration: { type: AWS_PROXY, integrationSubtype: SQS-SendMessage }\n';
    assert.equal(inferDialect(parse(`openapi: 3.0.1\npaths:\n  /a:\n    post:\n${subtype}`)), 'http');
    const rest = `openapi: 3.0.1
x-amazon-apigateway-request-validators: { all: { validateRequestBody: true } }
paths:
  /a:
    post:
${subtype}  /b:
    get:
      x-amazon-apigateway-integration: { type: MOCK, responses: { default: { statusCode: '200' } } }
`;
    assert.equal(inferDialect(parse(rest)), 'rest');
  });

  it('shows fields of the other dialect faded, since the import ignores them', async () => {
    const text = restYaml(`type: mock
payloadFormatVersion: '1.0'
requestTemplates:
  application/json: '{}'`);
    const [d] = withCode(await validate(text), 'dialect-mismatch');
    assert.equal(d.severity, 4);
    assert.deepEqual(d.tags, [1]);
    assert.deepEqual(d.range, rangeOf(text, 'payloadFormatVersion'));
  });

  it('fades passthroughBehavior in an HTTP API as it fades contentHandling: HTTP APIs do not map requests', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws_proxy
        uri: arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:123456789012:function:f/invocations
        payloadFormatVersion: '2.0'
        passthroughBehavior: when_no_templates
        contentHandling: CONVERT_TO_TEXT
`;
    const found = withCode(await validate(text, { settings: { dialect: 'http' } }), 'dialect-mismatch');
    assert.deepEqual(
      found.map((d) => [d.message, d.severity]),
      [
        ['`passthroughBehavior` of `x-amazon-apigateway-integration` applies only to REST APIs; HTTP APIs ignore it.', 4],
        ['`contentHandling` of `x-amazon-apigateway-integration` applies only to REST APIs; HTTP APIs ignore it.', 4],
      ],
    );
    assert.deepEqual(found[0].range, rangeOf(text, 'passthroughBehavior'));
  });

  it('follows the dialect setting over inference', async () => {
    const text = "openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths: {}\nx-amazon-apigateway-binary-media-types: ['*/*']\n";
    const [d] = withCode(await validate(text, { settings: { dialect: 'http' } }), 'dialect-mismatch');
    assert.match(d.message, /applies only to REST APIs; an HTTP API import ignores it/);
  });

  it('judges a definition holding both dialects by the side with more kinds of evidence', async () => {
    // CORS settings pasted into a REST API: the REST checks stay, and the CORS key alone is named.
    const restWithCors = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-cors: { allowOrigins: ['https://app.example.com'] }
x-amazon-apigateway-request-validators: { all: { validateRequestBody: true, validateRequestParameters: true } }
paths:
  /items:
    get:
      x-amazon-apigateway-request-validator: all
      responses: { '200': { description: OK } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200' } }
`;
    assert.equal(inferDialect(parse(restWithCors)), 'rest');
    const diagnostics = await validate(restWithCors);
    assert.deepEqual(diagnostics.map((d) => d.code), ['dialect-mismatch']);
    assert.match(diagnostics[0].message, /x-amazon-apigateway-cors.*only to HTTP APIs|only to HTTP APIs/);
    assert.deepEqual(diagnostics[0].range, rangeOf(restWithCors, 'x-amazon-apigateway-cors'));
    // A JWT scheme beside token and Cognito authorizers and mock integrations.
    const schemes = `components:
  securitySchemes:
    jwt: { type: oauth2, flows: {}, x-amazon-apigateway-authorizer: { type: jwt, jwtConfiguration: { issuer: x, audience: [a] } } }
    token: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authorizer: { type: token, authorizerUri: x } }
    pool: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authorizer: { type: cognito_user_pools, providerARNs: [x] } }
`;
    assert.equal(inferDialect(parse(`openapi: 3.0.1\n${schemes}`)), 'rest');
    // An HTTP API with one REST-only key keeps the HTTP rules.
    const httpWithValidators = `openapi: 3.0.1
x-amazon-apigateway-cors: { allowOrigins: ['*'] }
x-amazon-apigateway-request-validators: { all: { validateRequestBody: true } }
paths:
  /$default:
    x-amazon-apigateway-any-method:
      isDefaultRoute: true
      x-amazon-apigateway-integration: { type: aws_proxy, payloadFormatVersion: '2.0', uri: x }
`;
    assert.equal(inferDialect(parse(httpWithValidators)), 'http');
    // As much evidence on each side: AWS's HTTP API export marker decides, else REST.
    const tie = "openapi: 3.0.1\nx-amazon-apigateway-cors: {}\nx-amazon-apigateway-binary-media-types: ['*/*']\n";
    assert.equal(inferDialect(parse(tie)), 'rest');
    assert.equal(inferDialect(parse(tie.replace('x-amazon-apigateway-cors: {}', "x-amazon-apigateway-importexport-version: '1.0'"))), 'http');
  });

  it('keeps an HTTP API export with two REST keys pasted in an HTTP API: the export marker and HTTP-only forms outweigh them', async () => {
    const exported = `openapi: 3.0.1
info: { title: pets, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
x-amazon-apigateway-binary-media-types: ['image/png']
x-amazon-apigateway-minimum-compression-size: 1024
paths:
  /pets:
    get:
      responses: { default: { description: d } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: 'arn:aws:lambda:us-east-1:123456789012:function:pets', payloadFormatVersion: '2.0' }
`;
    assert.equal(inferDialect(parse(exported)), 'http');
    const diagnostics = await validate(exported);
    assert.deepEqual(diagnostics.map((d) => d.code), ['dialect-mismatch', 'dialect-mismatch']);
  });

  it('counts the form of a Lambda authorizer identity source: $request.header.X for HTTP APIs, method.request.header.X for REST', () => {
    const scheme = (source: string, extra = '') => `openapi: 3.0.1\n${extra}components:\n  securitySchemes:\n    a:\n      type: apiKey\n      name: Authorization\n      in: header\n      x-amazon-apigateway-authorizer: { type: request, identitySource: '${source}' }\n`;
    assert.equal(inferDialect(parse(scheme('$request.header.Authorization, $request.querystring.k'))), 'http');
    assert.equal(inferDialect(parse(scheme('method.request.header.Authorization'))), 'rest');
    // One REST key against the HTTP form: a tie, which REST wins without the export marker.
    assert.equal(inferDialect(parse(scheme('$request.header.Authorization', "x-amazon-apigateway-binary-media-types: ['*/*']\n"))), 'rest');
  });

  it('counts the form of request parameter mapping keys: append:/overwrite:/remove: for HTTP APIs, integration.request. for REST', () => {
    const mapping = (keys: string, extra = '') => `openapi: 3.0.1\n${extra}paths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: http_proxy\n        uri: https://example.com\n        requestParameters: { ${keys} }\n`;
    assert.equal(inferDialect(parse(mapping("'overwrite:path': $request.path"))), 'http');
    assert.equal(inferDialect(parse(mapping("integration.request.header.X: method.request.header.X"))), 'rest');
    // With CORS settings and an AWS integration elsewhere, the mapping form tips an HTTP API written by hand.
    const aws = "x-amazon-apigateway-cors: { allowOrigins: ['*'] }\n";
    const withAws = (keys: string) => `${mapping(keys, aws)}  /b:\n    get:\n      x-amazon-apigateway-integration: { type: AWS, httpMethod: POST, uri: x }\n`;
    assert.equal(inferDialect(parse(withAws("'append:header.X': $request.header.y"))), 'http');
    assert.equal(inferDialect(parse(withAws("integration.request.header.X: method.request.header.X"))), 'rest');
  });

  it('says from what a definition reads as the dialect whose required field it lacks, unless the dialect is set', async () => {
    const corsOnly = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-cors: { allowOrigins: ['https://example.com'] }
paths:
  /items:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations' }
`;
    const [missing] = withCode(await validate(corsOnly), 'missing-required-field');
    assert.match(missing.message, /needs `payloadFormatVersion` \(required for HTTP APIs\)\..* This definition reads as an HTTP API from what only HTTP APIs read \(`x-amazon-apigateway-cors`\); if it is a REST API, set `apigateway\.validation\.dialect` \(`apigw lint --dialect rest`\)\.$/);
    const [set] = withCode(await validate(corsOnly, { settings: { dialect: 'http' } }), 'missing-required-field');
    assert.doesNotMatch(set.message, /reads as/);
    // A field every dialect requires says nothing of the dialect.
    const noType = corsOnly.replace('type: aws_proxy, ', '');
    const typeMissing = withCode(await validate(noType), 'missing-required-field').filter((d) => /needs `type`/.test(d.message));
    assert.equal(typeMissing.length, 1);
    assert.doesNotMatch(typeMissing[0].message, /reads as/);
  });

  it('warns that a Swagger 2.0 definition written for an HTTP API can only be imported as a REST API', async () => {
    const swagger = JSON.stringify({
      swagger: '2.0',
      info: { title: 't', version: '1' },
      'x-amazon-apigateway-cors': { allowOrigins: ['*'] },
      'x-amazon-apigateway-importexport-version': '1.0',
      paths: { '/a': { get: { responses: { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'HTTP_PROXY', httpMethod: 'GET', uri: 'https://example.com', payloadFormatVersion: '1.0' } } } },
    });
    const [found] = withCode(await validate(swagger, { json: true }), 'http-api-requires-openapi-3');
    assert.equal(found.severity, 2);
    assert.match(found.message, /^This Swagger 2\.0 definition is written for an HTTP API \(`x-amazon-apigateway-cors`, `x-amazon-apigateway-importexport-version`\), but HTTP APIs import only OpenAPI 3\.0 definitions/);
    // REST evidence that outweighs it, or the dialect set to REST, leaves the definition a REST API without a word.
    const rest = swagger.replace('"x-amazon-apigateway-importexport-version":"1.0",', '"x-amazon-apigateway-binary-media-types":["*/*"],"x-amazon-apigateway-request-validators":{},');
    assert.deepEqual(withCode(await validate(rest, { json: true }), 'http-api-requires-openapi-3'), []);
    assert.deepEqual(withCode(await validate(swagger, { json: true, settings: { dialect: 'rest' } }), 'http-api-requires-openapi-3'), []);
    // A token authorizer under securityDefinitions is REST evidence like one under components.securitySchemes.
    const token = swagger.replace('"x-amazon-apigateway-importexport-version":"1.0",', '"securityDefinitions":{"tok":{"type":"apiKey","name":"Authorization","in":"header","x-amazon-apigateway-authorizer":{"type":"token","authorizerUri":"x"}}},');
    assert.deepEqual(withCode(await validate(token, { json: true }), 'http-api-requires-openapi-3'), []);
    // Set to HTTP, it stays the error it was.
    assert.equal(withCode(await validate(swagger, { json: true, settings: { dialect: 'http' } }), 'http-api-requires-openapi-3')[0].severity, 1);
  });
});
