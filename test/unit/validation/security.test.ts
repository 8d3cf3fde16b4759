import assert from 'node:assert/strict';
import { codes, rangeOf, validate, withCode } from './validate';

const LAMBDA = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';

/** An HTTP API whose one security scheme is a JWT authorizer reading `source`, with `extra` lines of its settings. */
const jwt = (source: string, extra = '') => `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths: {}
components:
  securitySchemes:
    token:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: '${source}'
        jwtConfiguration: { issuer: 'https://issuer.example.com', audience: [app] }
${extra}`;

describe('authorizers and security requirements', () => {
  it('accepts a REST token authorizer on an apiKey header scheme', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      security: [ { tokenAuth: [] } ]
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    tokenAuth:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: custom
      x-amazon-apigateway-authorizer:
        type: token
        authorizerUri: ${LAMBDA}
        identitySource: method.request.header.Authorization
        identityValidationExpression: '^Bearer .+$'
        authorizerResultTtlInSeconds: 300
`;
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('reports scheme shape, missing and inapplicable fields, identity sources and undefined schemes', async () => {
    const text = `swagger: '2.0'
info: { title: t, version: '1' }
securityDefinitions:
  pool:
    type: oauth2
    flow: implicit
    authorizationUrl: https://example.com
    scopes: {}
    x-amazon-apigateway-authorizer:
      type: cognito_user_pools
      identityValidationExpression: '.*'
  multi:
    type: apiKey
    name: Authorization
    in: header
    x-amazon-apigateway-authtype: awsCustom
    x-amazon-apigateway-authorizer:
      type: request
      authorizerUri: ${LAMBDA}
      identitySource: method.request.header.A, $request.header.B
paths:
  /a:
    get:
      security: [ { pol: [] } ]
      responses: { '200': { description: ok } }
`;
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), [
      'authorizer-field-not-applicable',
      'invalid-authorizer-scheme',
      'invalid-identity-source',
      'missing-authorizer-field',
      'reserved-authtype',
      'unknown-security-scheme',
    ]);
    assert.deepEqual(withCode(diagnostics, 'invalid-authorizer-scheme')[0].range, rangeOf(text, 'oauth2'));
    assert.match(withCode(diagnostics, 'missing-authorizer-field')[0].message, /cognito_user_pools authorizer needs `providerARNs`/);
    assert.match(withCode(diagnostics, 'invalid-identity-source')[0].message, /"\$request.header.B" is not an identity source/);
    assert.deepEqual(withCode(diagnostics, 'unknown-security-scheme')[0].range, rangeOf(text, 'pol:'.slice(0, 3)));
  });

  it('says where an undefined security scheme must be defined, in Swagger 2.0 and OpenAPI 3', async () => {
    const swagger = `swagger: '2.0'
info: { title: t, version: '1' }
securityDefinitions:
  key: { type: apiKey, name: x-api-key, in: header }
paths:
  /a:
    get:
      security: [ { api_key: [] } ]
      responses: { '200': { description: ok } }
`;
    const [two] = withCode(await validate(swagger), 'unknown-security-scheme');
    assert.equal(two.message, 'Security scheme "api_key" is not defined in `securityDefinitions` (defined: "key"); OpenAPI requires each name in a security requirement to be defined there. Define it, or remove it from the requirement.');
    assert.equal(two.severity, 2);
    assert.deepEqual(two.range, rangeOf(swagger, 'api_key'));
    const openapi = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      security: [ { api_key: [] } ]
      responses: { '200': { description: ok } }
`;
    const [three] = withCode(await validate(openapi), 'unknown-security-scheme');
    assert.equal(three.message, 'Security scheme "api_key" is not defined in `components.securitySchemes`; OpenAPI requires each name in a security requirement to be defined there. Define it, or remove it from the requirement.');
  });

  it('needs "Unused" as the name of a request authorizer with several identity sources', async () => {
    const text = `swagger: '2.0'
info: { title: t, version: '1' }
securityDefinitions:
  req:
    type: apiKey
    name: Authorization
    in: header
    x-amazon-apigateway-authorizer:
      type: request
      authorizerUri: ${LAMBDA}
      identitySource: method.request.header.A, method.request.querystring.b
paths: {}
`;
    const [d] = withCode(await validate(text), 'invalid-authorizer-scheme');
    assert.deepEqual(d.data, { expected: 'Unused' });
    assert.deepEqual(d.range, rangeOf(text, 'Authorization'));
    // Without a name the finding stands on the scheme's key, where a replacing fix would rename the scheme.
    const nameless = text.replace('    name: Authorization\n', '');
    const [onKey] = withCode(await validate(nameless), 'invalid-authorizer-scheme');
    assert.deepEqual(onKey.range, rangeOf(nameless, 'req'));
    assert.equal(onKey.data, undefined);
  });

  it('wants the identity sources that key a request authorizer\'s cache', async () => {
    const scheme = (ttl: string, identity = '') => `openapi: 3.0.1
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    custom:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: request
        authorizerUri: ${LAMBDA}
${ttl}${identity}`;
    const [byDefault] = withCode(await validate(scheme('')), 'missing-authorizer-field');
    assert.match(byDefault.message, /caches needs `identitySource`.*300 seconds by default/);
    assert.equal(withCode(await validate(scheme('        authorizerResultTtlInSeconds: 0\n')), 'missing-authorizer-field').length, 0);
    assert.equal(withCode(await validate(scheme('        authorizerResultTtlInSeconds: 60\n', '        identitySource: method.request.header.Authorization\n')), 'missing-authorizer-field').length, 0);
    // HTTP API authorizers cache only when given a time to live.
    const http = (ttl: string) => `${scheme(ttl)}        authorizerPayloadFormatVersion: '2.0'\nx-amazon-apigateway-importexport-version: '1.0'\n`;
    assert.equal(withCode(await validate(http('')), 'missing-authorizer-field').length, 0);
    assert.equal(withCode(await validate(http('        authorizerResultTtlInSeconds: 60\n')), 'missing-authorizer-field').length, 1);
  });

  it('wants a JWT authorizer to read one header or query string parameter', async () => {
    assert.equal(withCode(await validate(jwt('$request.header.Authorization')), 'invalid-identity-source').length, 0);
    assert.equal(withCode(await validate(jwt('$request.querystring.token')), 'invalid-identity-source').length, 0);
    for (const source of ['$request.header.Authorization, $context.sourceIp', '$stageVariables.token']) {
      const [found] = withCode(await validate(jwt(source)), 'invalid-identity-source');
      assert.match(found.message, /JWT authorizer reads its token from one header or query string parameter/, source);
    }
    // The REST spelling gets that one finding, not also the hint on how HTTP APIs spell it.
    assert.deepEqual(codes(await validate(jwt('method.request.header.Authorization'))), ['invalid-identity-source']);
  });

  it('says a JWT authorizer keeps no result cache, as a faded warning rather than an error', async () => {
    const text = jwt('$request.header.Authorization', '        authorizerResultTtlInSeconds: 99999\n');
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['authorizer-field-not-applicable'], 'the range is not checked where nothing reads the value');
    assert.equal(diagnostics[0].severity, 2);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'authorizerResultTtlInSeconds'));
    // HTTP APIs cache the results of Lambda authorizers only: the message names no REST-only type.
    assert.match(diagnostics[0].message, /it applies to request authorizers\.$/);
  });

  it('allows one security requirement per HTTP API operation', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      security:
        - jwt: []
        - iam: []
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    iam: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }
    jwt:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration: { issuer: https://issuer.example.com, audience: [api] }
`;
    const diagnostics = await validate(text);
    const [d] = withCode(diagnostics, 'multiple-security-requirements');
    assert.deepEqual(d.range, rangeOf(text, 'security'));
    assert.deepEqual(withCode(diagnostics, 'invalid-authorizer-scheme'), []);
  });
});

describe('ARNs of authorizers and integration credentials', () => {
  it('warns where one has the wrong form: AWS imports it, and every call through it fails', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    get:',
      '      security: [{auth: []}]',
      "      responses: {'200': {description: ok}}",
      '      x-amazon-apigateway-integration:',
      '        type: aws_proxy',
      '        httpMethod: POST',
      '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations',
      '        credentials: my-role',
      'components:',
      '  securitySchemes:',
      '    auth:',
      '      type: apiKey',
      '      name: Authorization',
      '      in: header',
      '      x-amazon-apigateway-authorizer:',
      '        type: token',
      '        authorizerUri: arn:aws:lambda:us-east-1:1:function:a',
      '        authorizerCredentials: role',
      '',
    ].join('\n');
    const found = (await validate(text)).map((d) => [d.code, d.severity, d.range.start.line]);
    assert.deepEqual(found, [['invalid-arn', 2, 11], ['invalid-arn', 2, 20], ['invalid-arn', 2, 21]]);
    const fixed = text
      .replace('credentials: my-role', 'credentials: arn:aws:iam::*:user/*')
      .replace('authorizerUri: arn:aws:lambda:us-east-1:1:function:a', 'authorizerUri: arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:a/invocations')
      .replace('authorizerCredentials: role', 'authorizerCredentials: arn:aws:iam::${AWS::AccountId}:role/invoker');
    assert.deepEqual(await validate(fixed), []);
  });

  it('wants user pool ARNs, not pool ids, in a Cognito authorizer', async () => {
    const text = `openapi: 3.0.1
info: {title: t, version: '1'}
paths: {}
components:
  securitySchemes:
    pool:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: cognito_user_pools
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs:
          - us-east-1_AbCdEf
          - arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf
          - arn:aws:cognito-idp:\${AWS::Region}:\${AWS::AccountId}:userpool/\${stageVariables.pool}
`;
    const [d, ...rest] = await validate(text);
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'invalid-arn');
    assert.deepEqual(d.range, rangeOf(text, 'us-east-1_AbCdEf'));
    assert.match(d.message, /not a user pool ARN/);
  });
});

describe('authorizer settings that go together', () => {
  it('wants a request authorizer with several identity sources in a header scheme', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths: {}',
      'components:',
      '  securitySchemes:',
      '    auth:',
      '      type: apiKey',
      '      name: Unused',
      '      in: query',
      '      x-amazon-apigateway-authorizer:',
      '        type: request',
      '        identitySource: method.request.header.A, method.request.querystring.b',
      '        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations',
      '',
    ].join('\n');
    assert.deepEqual((await validate(text)).map((d) => [d.code, d.range.start.line]), [['invalid-authorizer-scheme', 8]]);
    assert.deepEqual(await validate(text.replace('in: query', 'in: header')), []);
  });

  it('says simple responses need payload format 2.0 in an HTTP API', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'x-amazon-apigateway-importexport-version: "1.0"',
      'paths: {}',
      'components:',
      '  securitySchemes:',
      '    auth:',
      '      type: apiKey',
      '      name: Authorization',
      '      in: header',
      '      x-amazon-apigateway-authorizer:',
      '        type: request',
      '        identitySource: $request.header.Authorization',
      '        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations',
      '        authorizerPayloadFormatVersion: 1.0',
      '        enableSimpleResponses: true',
      '',
    ].join('\n');
    assert.deepEqual((await validate(text)).map((d) => [d.code, d.range.start.line]), [['authorizer-field-not-applicable', 15]]);
    assert.deepEqual(await validate(text.replace('authorizerPayloadFormatVersion: 1.0', "authorizerPayloadFormatVersion: '2.0'")), []);
  });

  const httpLambdaAuthorizer = (fields: string[]) =>
    [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'x-amazon-apigateway-importexport-version: "1.0"',
      'paths: {}',
      'components:',
      '  securitySchemes:',
      '    auth:',
      '      type: apiKey',
      '      name: Authorization',
      '      in: header',
      '      x-amazon-apigateway-authorizer:',
      '        type: request',
      '        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations',
      ...fields.map((f) => `        ${f}`),
      '',
    ].join('\n');

  it('warns that an HTTP API Lambda authorizer needs authorizerPayloadFormatVersion, which AWS documents as required', async () => {
    const text = httpLambdaAuthorizer(['identitySource: $request.header.Authorization', 'enableSimpleResponses: true']);
    const diagnostics = await validate(text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.message]),
      [['missing-authorizer-field', 2, 'An HTTP API Lambda authorizer needs `authorizerPayloadFormatVersion` ("1.0" or "2.0"), the format of the event it receives and of the answer it gives: AWS requires it of authorizers created with the CLI, CloudFormation or an SDK. `enableSimpleResponses` also needs "2.0".']],
    );
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'type', 2));
    // REST Lambda authorizers have no payload format to give.
    assert.deepEqual(codes(await validate(text.replace('x-amazon-apigateway-importexport-version: "1.0"\n', ''), { settings: { dialect: 'rest' } })).filter((c) => c === 'missing-authorizer-field'), []);
  });

  it('hints that HTTP APIs write identity sources with $request, while accepting the REST spelling', async () => {
    const text = httpLambdaAuthorizer(['identitySource: method.request.header.Authorization, method.request.querystring.token, stageVariables.key', "authorizerPayloadFormatVersion: '2.0'"]);
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['dialect-mismatch']);
    assert.equal(diagnostics[0].severity, 4);
    assert.equal(diagnostics[0].message, '"method.request.header.Authorization, method.request.querystring.token, stageVariables.key" is written the REST API way; HTTP APIs write identity sources as `$request.header.Authorization, $request.querystring.token, $stageVariables.key`.');
    assert.deepEqual(await validate(httpLambdaAuthorizer(['identitySource: $request.header.Authorization', "authorizerPayloadFormatVersion: '2.0'"])), []);
  });
});

describe('HTTP API security', () => {
  const base = [
    'openapi: 3.0.1',
    "info: {title: t, version: '1'}",
    'x-amazon-apigateway-importexport-version: "1.0"',
    'paths: {}',
    'components:',
    '  securitySchemes:',
    '    jwt:',
    '      type: oauth2',
    '      flows: {}',
    '      x-amazon-apigateway-authorizer:',
    '        type: jwt',
    '        jwtConfiguration: {audience: [a], issuer: "https://issuer.example.com"}',
    '        identitySource: $request.header.Authorization',
    '    other:',
    '      type: apiKey',
    '      name: x-api-key',
    '      in: header',
    '',
  ].join('\n');

  it('allows one root security requirement, which every operation without its own inherits', async () => {
    const text = base.replace('paths: {}', 'security: [{jwt: []}, {other: []}]\npaths: {}');
    assert.deepEqual(withCode(await validate(text), 'multiple-security-requirements').map((d) => d.range.start.line), [3]);
  });

  it('wants a JWT issuer unless an OpenID Connect scheme names it', async () => {
    const text = base.replace(', issuer: "https://issuer.example.com"', '');
    assert.deepEqual(withCode(await validate(text), 'missing-authorizer-field').map((d) => d.range.start.line), [11]);
    const oidc = text.replace('type: oauth2\n      flows: {}', 'type: openIdConnect\n      openIdConnectUrl: https://issuer.example.com/.well-known/openid-configuration');
    assert.deepEqual(withCode(await validate(oidc), 'missing-authorizer-field'), []);
  });
});

describe('one finding for one mistake in authorizers and responses', () => {
  it('leaves a field of the other dialect to its dialect finding', async () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    c:\n      type: apiKey\n      name: Authorization\n      in: header\n      x-amazon-apigateway-authorizer:\n        type: cognito_user_pools\n        providerARNs: [arn:aws:cognito-idp:us-east-1:1:userpool/x]\n        jwtConfiguration: {audience: [a]}\n";
    assert.deepEqual((await validate(text)).map((d) => d.code), ['dialect-mismatch']);
  });

  it('does not also call a malformed status code undeclared', async () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates: {application/json: '{\"statusCode\": 200}'}\n        responses:\n          default: {statusCode: '2xx'}\n";
    assert.deepEqual((await validate(text)).map((d) => d.code), ['invalid-value-format']);
  });
});

describe('token validation expressions', () => {
  const tokenAuthorizer = (type: string, expression: string, version = 'openapi: 3.0.1') => `${version}
info: { title: t, version: '1' }
paths: {}
components:
  securitySchemes:
    tokenAuth:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authorizer:
        type: ${type}
        authorizerUri: ${LAMBDA}
        identitySource: method.request.header.Authorization
        identityValidationExpression: '${expression}'
`;

  it('warns on one Java cannot compile, on the value, in Java\'s words', async () => {
    const text = tokenAuthorizer('TOKEN', '^Bearer [a-z+$');
    const [d, more] = withCode(await validate(text), 'invalid-identity-validation-expression');
    assert.equal(more, undefined);
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, rangeOf(text, "'^Bearer [a-z+$'"));
    assert.match(d.message, /^`x-amazon-apigateway-authorizer.identityValidationExpression` "\^Bearer \[a-z\+\$" is not a valid Java regular expression: Unclosed character class/);
  });

  it('accepts what Java compiles, JavaScript syntax aside', async () => {
    for (const expression of ['^Bearer [-0-9a-zA-Z._]+$', '^\\p{Alnum}{32}$', '(?i)^bearer\\s+\\S+$', '\\Aabc\\z']) {
      assert.deepEqual(withCode(await validate(tokenAuthorizer('token', expression)), 'invalid-identity-validation-expression'), [], expression);
    }
  });

  it('leaves the expression of an authorizer that ignores it to the finding that says so', async () => {
    const text = tokenAuthorizer('request', '(').replace('identitySource: method.request.header.Authorization', 'identitySource: method.request.header.Authorization, method.request.querystring.q').replace('name: Authorization', 'name: Unused');
    const diagnostics = await validate(text);
    assert.deepEqual(withCode(diagnostics, 'invalid-identity-validation-expression'), []);
    assert.equal(withCode(diagnostics, 'authorizer-field-not-applicable').length, 1);
  });
});
