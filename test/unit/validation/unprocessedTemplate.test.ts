import assert from 'node:assert/strict';
import { codes, rangeOf, validate, withCode } from './validate';

describe('unprocessed templates', () => {
  it('reports one note for CloudFormation short-form intrinsics and checks nothing inside them', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations
        credentials: !GetAtt Role.Arn
`;
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['unprocessed-template']);
    const [d] = diagnostics;
    assert.equal(d.severity, 3);
    assert.match(d.message, /the CloudFormation intrinsic `!Sub`/);
    assert.deepEqual(d.range.start, rangeOf(text, '!Sub').start);
  });

  it('recognises long-form intrinsics in JSON without cascading into OpenAPI errors', async () => {
    const text = JSON.stringify(
      {
        openapi: '3.0.1',
        info: { title: { 'Fn::Sub': '${AWS::StackName}' }, version: '1' },
        paths: { '/a': { get: { responses: { '200': { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::GetAtt': ['Fn', 'Arn'] } } } } },
      },
      null,
      2,
    );
    const diagnostics = await validate(text, { json: true });
    assert.deepEqual(codes(diagnostics), ['unprocessed-template']);
    assert.match(diagnostics[0].message, /`Fn::Sub`/);
  });

  it('reports Terraform placeholders but not stage variables, AWS variables or template references', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: \${lambda_arn}
        credentials: arn:aws:iam::\${AWS::AccountId}:role/\${stageVariables.role}
        requestTemplates:
          application/json: '{"id": "\${input.params().id}"}'
        responses: { default: { statusCode: '200' } }
`;
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['unprocessed-template']);
    assert.match(withCode(diagnostics, 'unprocessed-template')[0].message, /the placeholder `\$\{lambda_arn\}`/);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, '${lambda_arn}'));
  });
});

describe('placeholders spelled with escapes', () => {
  it('finds a Terraform placeholder whose dollar sign is an escape in a JSON string', async () => {
    const text = '{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}, "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST", "uri": "\\u0024{lambda_arn}"}}}}}';
    assert.ok(codes(await validate(text, { json: true })).includes('unprocessed-template'));
  });

  it('finds a placeholder joined over an escaped line break in a double-quoted YAML string', async () => {
    const text = 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses: {"200": {description: ok}}\n      x-amazon-apigateway-integration:\n        type: aws_proxy\n        httpMethod: POST\n        uri: "arn:$\\\n          {lambda_arn}"\n';
    assert.ok(codes(await validate(text)).includes('unprocessed-template'));
  });
});

describe('Velocity references in mapping templates', () => {
  const definition = (templates: string, anchor = '') => `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:${anchor}
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
${templates}
        responses: { default: { statusCode: '200' } }
`;

  it('reads ${...} in request and response templates as formal references, not placeholders', async () => {
    const text = definition(`        requestTemplates:
          application/json: '{"id": "\${input.params().id}"}'
          application/xml: |
            <id>\${input.params('id')}</id>`);
    assert.deepEqual(codes(await validate(text)).filter((c) => c === 'unprocessed-template'), []);
  });

  it('reads them the same way in a definition with aliases, which is walked node by node', async () => {
    const text = definition(`        requestTemplates:
          application/json: '{"id": "\${input.params().id}"}'
        cacheKeyParameters: *keys`, '\n      x-keys: &keys [method.request.path.id]');
    assert.deepEqual(codes(await validate(text)).filter((c) => c === 'unprocessed-template'), []);
  });

  it('still reports a Terraform placeholder outside the templates after them', async () => {
    const text = definition(`        requestTemplates:
          application/json: '{"id": "\${input.params().id}"}'
        credentials: \${role_arn}`);
    const found = withCode(await validate(text), 'unprocessed-template');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /`\$\{role_arn\}`/);
  });
});
