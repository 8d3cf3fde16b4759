import assert from 'node:assert/strict';
import { codes, rangeOf, validate, withCode } from './validate';

const HTTP_ROOT = "openapi: 3.0.1\ninfo: { title: t, version: '1' }\nx-amazon-apigateway-importexport-version: '1.0'\n";

function httpCors(cors: string): string {
  return `${HTTP_ROOT}x-amazon-apigateway-cors:\n${cors
    .split('\n')
    .filter(Boolean)
    .map((l) => `  ${l}`)
    .join('\n')}\npaths: {}\n`;
}

/** An HTTP API route whose integration calls an AWS service action, with the given extra integration lines. */
function serviceIntegration(subtype: string, lines: string): string {
  return `${HTTP_ROOT}paths:
  /q:
    post:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws_proxy
        integrationSubtype: ${subtype}
        credentials: arn:aws:iam::123456789012:role/apigw
        payloadFormatVersion: '1.0'
${lines
  .split('\n')
  .filter(Boolean)
  .map((l) => `        ${l}`)
  .join('\n')}
`;
}

function jwtScheme(jwtConfiguration: string, root = HTTP_ROOT): string {
  return `${root}paths: {}
components:
  securitySchemes:
    auth:
      type: oauth2
      flows: {}
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration: ${jwtConfiguration}
`;
}

describe('HTTP API CORS configuration', () => {
  it('refuses credentials with any origin, at the `*` origin', async () => {
    const text = httpCors("allowCredentials: true\nallowOrigins: ['https://app.example.com', '*']");
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['cors-credentials-with-any-origin']);
    const [found] = diagnostics;
    assert.equal(found.severity, 1);
    assert.match(found.message, /rejects `allowCredentials: true` together with the origin `\*`/);
    assert.deepEqual(found.range, rangeOf(text, "'*'"));
  });

  it('accepts credentials with named origins, and any origin without credentials', async () => {
    assert.deepEqual(codes(await validate(httpCors("allowCredentials: true\nallowOrigins: ['https://app.example.com', 'https://*']"))), []);
    assert.deepEqual(codes(await validate(httpCors("allowCredentials: false\nallowOrigins: ['*']"))), []);
    assert.deepEqual(codes(await validate(httpCors("allowOrigins: ['*']"))), []);
  });

  it('accepts HTTP methods in any letter case and `*`, and refuses anything else', async () => {
    assert.deepEqual(codes(await validate(httpCors('allowMethods: [GET, post, Put, PATCH, DELETE, HEAD, OPTIONS, "*"]'))), []);
    const text = httpCors('allowMethods: [GET, ANY, PSOT]');
    const found = withCode(await validate(text), 'invalid-enum-value');
    assert.equal(found.length, 2);
    assert.deepEqual(found[0].range, rangeOf(text, 'ANY'));
    assert.match(found[0].message, /`x-amazon-apigateway-cors\.allowMethods\[1\]` is "ANY"; expected one of `GET`, .*`\*`/);
    assert.match(found[1].message, /Did you mean `POST`\?/);
  });
});

describe('AWS service integration parameters', () => {
  it('accepts the parameters of each action as the reference names them', async () => {
    const text = serviceIntegration('SQS-SendMessage', `requestParameters:
  QueueUrl: https://sqs.us-east-1.amazonaws.com/123456789012/q
  MessageBody: $request.body.message
  MessageGroupId: $request.body.group
  Region: us-east-1`);
    assert.deepEqual(codes(await validate(text)), []);
    const events = serviceIntegration('EventBridge-PutEvents', 'requestParameters: {Detail: $request.body, DetailType: order, Source: shop}');
    assert.deepEqual(codes(await validate(events)), []);
  });

  it('refuses an action without its required parameters, on `requestParameters`', async () => {
    const text = serviceIntegration('Kinesis-PutRecord', 'requestParameters:\n  StreamName: orders');
    const [found] = withCode(await validate(text), 'missing-required-field');
    assert.equal(found.severity, 1);
    assert.equal(found.message, 'Kinesis-PutRecord needs the request parameters `Data` and `PartitionKey`.');
    assert.deepEqual(found.range, rangeOf(text, 'requestParameters'));
  });

  it('refuses an action without any requestParameters, on `integrationSubtype`', async () => {
    const text = serviceIntegration('StepFunctions-StopExecution', '');
    const [found] = withCode(await validate(text), 'missing-required-field');
    assert.equal(found.message, 'StepFunctions-StopExecution needs `requestParameters` with `ExecutionArn`.');
    assert.deepEqual(found.range, rangeOf(text, 'StepFunctions-StopExecution'));
  });

  it('warns of a parameter the action does not have, suggesting the one meant', async () => {
    const text = serviceIntegration('SQS-SendMessage', `requestParameters:
  QueueURL: https://sqs.us-east-1.amazonaws.com/123456789012/q
  MessageBody: $request.body
  Priority: high`);
    const diagnostics = await validate(text);
    // Another letter case is a misspelling: the action's `QueueUrl` is still missing.
    assert.deepEqual(codes(diagnostics), ['missing-required-field', 'unknown-extension-field']);
    const [caseOnly, unknown] = withCode(diagnostics, 'unknown-extension-field');
    assert.equal(caseOnly.severity, 2);
    assert.match(caseOnly.message, /^SQS-SendMessage has no request parameter `QueueURL`; .* Did you mean `QueueUrl`\?$/);
    assert.deepEqual(caseOnly.data, { expected: 'QueueUrl' });
    assert.deepEqual(caseOnly.range, rangeOf(text, 'QueueURL'));
    assert.match(unknown.message, /`Priority`; .* Its parameters: `QueueUrl`, `MessageBody`, /);
  });

  it('keeps a misspelt required parameter missing', async () => {
    const text = serviceIntegration('SQS-PurgeQueue', 'requestParameters: {QueueUlr: $request.body.queue}');
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['missing-required-field', 'unknown-extension-field']);
    assert.match(withCode(diagnostics, 'unknown-extension-field')[0].message, /Did you mean `QueueUrl`\?/);
  });

  it('leaves parameters built by a template and unknown subtypes alone', async () => {
    const intrinsic = serviceIntegration('SQS-PurgeQueue', 'requestParameters: !Ref Parameters');
    assert.deepEqual(withCode(await validate(intrinsic), 'missing-required-field'), []);
    const unknown = withCode(await validate(serviceIntegration('SQS-Publish', '')), 'missing-required-field');
    assert.deepEqual(unknown, []);
  });
});

describe('JWT authorizers', () => {
  it('warn without audiences: every token is rejected', async () => {
    const text = jwtScheme('{ issuer: https://issuer.example.com }');
    const [found] = withCode(await validate(text), 'missing-authorizer-field');
    assert.equal(found.severity, 2);
    assert.match(found.message, /^A JWT authorizer with no `jwtConfiguration.audience` rejects every token/);
    assert.deepEqual(found.range, rangeOf(text, 'jwtConfiguration'));
    const empty = jwtScheme('{ issuer: https://issuer.example.com, audience: [] }');
    const [onEmpty] = withCode(await validate(empty), 'missing-authorizer-field');
    assert.match(onEmpty.message, /^A JWT authorizer with an empty `jwtConfiguration.audience` rejects every token/);
    assert.deepEqual(onEmpty.range, rangeOf(empty, 'audience'));
    assert.deepEqual(withCode(await validate(jwtScheme('{ issuer: https://issuer.example.com, audience: [app] }')), 'missing-authorizer-field'), []);
  });

  it('in a REST API say that they exist only in HTTP APIs, once, without asking for another scheme type', async () => {
    const text = jwtScheme('{ issuer: https://issuer.example.com, audience: [app] }', "openapi: 3.0.1\ninfo: { title: t, version: '1' }\n");
    const diagnostics = await validate(text, { settings: { dialect: 'rest' } });
    assert.deepEqual(withCode(diagnostics, 'invalid-authorizer-scheme'), []);
    assert.deepEqual(withCode(diagnostics, 'invalid-identity-source'), []);
    const found = withCode(diagnostics, 'dialect-mismatch').filter((d) => d.severity !== 4);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^JWT authorizers exist only in HTTP APIs; /);
    assert.doesNotMatch(found[0].message, /apiKey/);
    assert.deepEqual(found[0].range, rangeOf(text, 'jwt'));
  });
});

describe('an alias with no anchor', () => {
  it('is a YAML syntax error at the alias, and the only finding', async () => {
    const text = `${HTTP_ROOT}paths:\n  /a:\n    get:\n      responses: { '200': { description: ok } }\n      x-amazon-apigateway-integration: *missingAnchor\n`;
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['yaml-syntax']);
    assert.equal(diagnostics[0].message, 'Unknown alias *missingAnchor: no anchor &missingAnchor is defined before it.');
    assert.deepEqual(diagnostics[0].range, rangeOf(text, '*missingAnchor'));
  });
});
