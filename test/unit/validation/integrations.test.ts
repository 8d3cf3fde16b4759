import assert from 'node:assert/strict';
import { codes, operationWithIntegration, rangeOf, restYaml, validate, withCode } from './validate';

const LAMBDA = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations';

function httpApi(integration: string): string {
  return `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
${integration
  .split('\n')
  .filter(Boolean)
  .map((l) => `        ${l}`)
  .join('\n')}
`;
}

describe('integration settings', () => {
  it('accepts Lambda invocation URIs with stage variables and AWS variables', async () => {
    const text = restYaml(`type: aws_proxy
httpMethod: POST
uri: arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${stageVariables.fn}/invocations`);
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('accepts a stage variable standing for the action of an AWS service URI and for the role part of credentials', async () => {
    const text = restYaml(`type: aws
httpMethod: POST
uri: arn:aws:apigateway:us-east-1:sqs:\${stageVariables.sqsAction}
credentials: arn:aws:iam::123456789012:\${stageVariables.role}
responses:
  default: {statusCode: '200'}`);
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('still wants the service and region of an AWS URI whose action is a stage variable, and an account in credentials', async () => {
    const text = restYaml(`type: aws
httpMethod: POST
uri: arn:aws:apigateway:us-east-1:\${stageVariables.sqsAction}
credentials: arn:aws:iam:\${stageVariables.role}
responses:
  default: {statusCode: '200'}`);
    assert.deepEqual(codes(await validate(text)), ['invalid-arn', 'invalid-integration-uri']);
  });

  it('rejects a plain Lambda ARN on a REST AWS_PROXY integration but accepts it on an HTTP API', async () => {
    const rest = restYaml(`type: aws_proxy
httpMethod: POST
uri: arn:aws:lambda:us-east-1:123456789012:function:f`);
    const [d] = withCode(await validate(rest), 'invalid-integration-uri');
    assert.match(d.message, /"arn:aws:lambda:us-east-1:123456789012:function:f" is not a valid uri for an AWS_PROXY integration; expected a Lambda invocation URI/);
    assert.deepEqual(d.range, rangeOf(rest, 'arn:aws:lambda:us-east-1:123456789012:function:f'));
    const http = httpApi(`type: AWS_PROXY
uri: arn:aws:lambda:us-east-1:123456789012:function:f
payloadFormatVersion: '2.0'`);
    assert.deepEqual(codes(await validate(http)), []);
  });

  it('wants an http(s) URL for HTTP integrations, and an httpMethod', async () => {
    const text = restYaml(`type: http
uri: example.com/pets`);
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['invalid-integration-uri', 'missing-integration-http-method', 'no-integration-responses']);
    assert.deepEqual(withCode(diagnostics, 'missing-integration-http-method')[0].range, rangeOf(text, 'type', 4));
  });

  it('warns that a non-proxy integration without integration responses answers every call with a 500', async () => {
    for (const type of ['mock', 'http', 'aws']) {
      const text = restYaml(`type: ${type}
httpMethod: POST
uri: ${type === 'aws' ? 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/q' : 'https://example.com/pets'}`);
      const [found] = withCode(await validate(text), 'no-integration-responses');
      assert.match(found.message, new RegExp(`This ${type.toUpperCase()} integration has no integration responses`), type);
      assert.deepEqual(found.range, rangeOf(text, 'x-amazon-apigateway-integration'));
    }
    const empty = restYaml('type: mock\nresponses: {}');
    assert.deepEqual(withCode(await validate(empty), 'no-integration-responses')[0].range, rangeOf(empty, 'responses: {}'.slice(0, 9), empty.split('responses').length - 1));
    const proxy = restYaml('type: http_proxy\nhttpMethod: GET\nuri: https://example.com/pets');
    assert.equal(withCode(await validate(proxy), 'no-integration-responses').length, 0);
  });

  it('warns when a Lambda function is not invoked with POST', async () => {
    const text = restYaml(`type: aws
httpMethod: GET
uri: ${LAMBDA}`);
    const [d] = withCode(await validate(text), 'lambda-http-method-not-post');
    assert.deepEqual(d.data, { expected: 'POST' });
    assert.deepEqual(d.range, rangeOf(text, 'GET'));
  });

  it('asks for POST only where the URI invokes a function: other calls to the Lambda API take their own methods', async () => {
    const china = restYaml(`type: aws
httpMethod: GET
uri: arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:123456789012:function:f:live/invocations`);
    assert.equal(withCode(await validate(china), 'lambda-http-method-not-post').length, 1);
    const listFunctions = restYaml(`type: aws
httpMethod: GET
uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions`);
    assert.deepEqual(withCode(await validate(listFunctions), 'lambda-http-method-not-post'), []);
  });

  it('marks mapping settings of proxy integrations as ignored', async () => {
    const text = restYaml(`type: AWS_PROXY
httpMethod: POST
uri: ${LAMBDA}
responses:
  default:
    statusCode: '200'`);
    const [d] = withCode(await validate(text), 'ignored-for-proxy');
    // Status codes alone are what AWS's own exports write for proxy integrations: faded, not warned about.
    assert.equal(d.severity, 4);
    assert.deepEqual(d.tags, [1]);
    assert.deepEqual(d.range, rangeOf(text, 'responses', 2));
    const mapping = restYaml(`type: AWS_PROXY
httpMethod: POST
uri: ${LAMBDA}
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.Access-Control-Allow-Origin: "'*'"`);
    assert.equal(withCode(await validate(mapping), 'ignored-for-proxy')[0].severity, 2);
  });

  it('marks request templates in an HTTP API once, at their key: HTTP APIs map no requests', async () => {
    const text = httpApi(`type: HTTP_PROXY
httpMethod: GET
uri: https://example.com
payloadFormatVersion: '1.0'
requestTemplates:
  application/json: '{}'`);
    const diagnostics = await validate(text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['dialect-mismatch']);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'requestTemplates'));
  });

  it('marks request templates of proxy integrations once, at the template', async () => {
    const text = restYaml(`type: AWS_PROXY
httpMethod: POST
uri: ${LAMBDA}
requestTemplates:
  application/json: '{}'`);
    const diagnostics = (await validate(text)).filter((d) => /ignored/.test(String(d.code)));
    assert.deepEqual(diagnostics.map((d) => d.code), ['template-ignored-on-proxy']);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, "application/json: '{}'"));
  });

  it('grades timeouts by dialect and streaming', async () => {
    const base = `type: http_proxy
httpMethod: ANY
uri: https://example.com/{proxy}
`;
    const [raised] = withCode(await validate(restYaml(`${base}timeoutInMillis: 60000`)), 'timeout-out-of-range');
    assert.equal(raised.severity, 2);
    const [tooLong] = withCode(await validate(restYaml(`${base}timeoutInMillis: 400000`)), 'timeout-out-of-range');
    assert.equal(tooLong.severity, 1);
    assert.deepEqual(withCode(await validate(restYaml(`${base}responseTransferMode: STREAM\ntimeoutInMillis: 900000`)), 'timeout-out-of-range'), []);
    const [tooShort] = withCode(await validate(restYaml(`${base}timeoutInMillis: 10`)), 'value-out-of-range');
    assert.match(tooShort.message, /is 10; it must be at least 50/);
    const [http] = withCode(await validate(httpApi(`type: HTTP_PROXY
httpMethod: GET
uri: https://example.com
payloadFormatVersion: '1.0'
timeoutInMillis: 30001`)), 'timeout-out-of-range');
    assert.match(http.message, /HTTP API integrations time out after at most 30000 ms/);
  });

  it('allows streaming only on proxy integrations of REST APIs', async () => {
    const text = restYaml(`type: mock
responseTransferMode: STREAM
requestTemplates:
  application/json: '{}'`);
    const [d] = withCode(await validate(text), 'invalid-transfer-mode');
    assert.deepEqual(d.range, rangeOf(text, 'STREAM'));
  });

  it('wants the InvokeWithResponseStream URI for a streaming Lambda proxy integration, and streaming for that URI', async () => {
    const streamingUri = 'arn:aws:apigateway:us-west-1:lambda:path/2021-11-15/functions/arn:aws:lambda:us-west-1:111122223333:function:my-function-name/response-streaming-invocations';
    assert.deepEqual(codes(await validate(restYaml(`type: aws_proxy\nhttpMethod: POST\nresponseTransferMode: STREAM\nuri: ${streamingUri}`))), []);
    const buffered = restYaml(`type: aws_proxy\nhttpMethod: POST\nresponseTransferMode: STREAM\nuri: ${LAMBDA}`);
    const [d] = withCode(await validate(buffered), 'lambda-streaming-uri');
    assert.match(d.message, /InvokeWithResponseStream: the uri must be `arn:aws:apigateway:\{region\}:lambda:path\/2021-11-15\/functions\/\{functionArn\}\/response-streaming-invocations`/);
    assert.deepEqual(d.range, rangeOf(buffered, LAMBDA));
    const notStreaming = await validate(restYaml(`type: aws_proxy\nhttpMethod: POST\nuri: ${streamingUri}`));
    assert.deepEqual(codes(notStreaming), ['lambda-streaming-uri']);
    assert.match(notStreaming[0].message, /add `responseTransferMode: STREAM`, or use the `2015-03-31/);
  });

  it('takes other calls to the Lambda API as AWS service calls, and a path left to variables as open', async () => {
    const ok = async (integration: string) => assert.deepEqual(withCode(await validate(restYaml(`${integration}\nresponses:\n  default: {statusCode: '200'}`)), 'invalid-integration-uri'), [], integration);
    await ok('type: aws\nhttpMethod: GET\nuri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions');
    await ok('type: aws\nhttpMethod: GET\nuri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f');
    await ok('type: aws\nhttpMethod: POST\nuri: arn:aws:apigateway:us-east-1:lambda:path/${stageVariables.version}/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations');
    await ok('type: aws_proxy\nhttpMethod: POST\nuri: arn:aws:apigateway:us-east-1:lambda:${stageVariables.path}');
    // Meant to invoke, but written wrong: no `/invocations`, or a misspelt one.
    for (const uri of ['arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f', 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocation']) {
      const found = await validate(restYaml(`type: aws\nhttpMethod: POST\nuri: ${uri}\nresponses:\n  default: {statusCode: '200'}`));
      assert.equal(withCode(found, 'invalid-integration-uri').length, 1, uri);
    }
  });

  it('accepts payload format 2.0 only for Lambda proxy integrations of HTTP APIs', async () => {
    const text = httpApi(`type: HTTP_PROXY
httpMethod: GET
uri: https://example.com
payloadFormatVersion: '2.0'`);
    const [d] = withCode(await validate(text), 'invalid-payload-format-version');
    assert.deepEqual(d.data, { expected: '1.0' });
    assert.deepEqual(d.range, rangeOf(text, "'2.0'"));
  });

  it('accepts payload format 2.0 where a stage variable gives the whole URI, which may well be a function', async () => {
    const text = httpApi(`type: AWS_PROXY
uri: \${stageVariables.functionUri}
payloadFormatVersion: '2.0'`);
    assert.deepEqual(withCode(await validate(text), 'invalid-payload-format-version'), []);
  });

  it('flags REST-only integration types on an HTTP API as a dialect mismatch', async () => {
    const text = httpApi(`type: aws
httpMethod: POST
uri: ${LAMBDA}
payloadFormatVersion: '1.0'`);
    const [d] = withCode(await validate(text), 'dialect-mismatch');
    assert.match(d.message, /"aws" is not supported by HTTP APIs/);
    assert.equal(d.severity, 2);
  });

  it('needs a connectionId for VPC links', async () => {
    const text = restYaml(`type: http_proxy
httpMethod: GET
uri: http://nlb.example.com
connectionType: VPC_LINK`);
    assert.deepEqual(withCode(await validate(text), 'missing-connection-id')[0].range, rangeOf(text, 'VPC_LINK'));
  });
});

describe('a type that is none of the types', () => {
  it('gets its enum error and nothing that would follow from the type', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    get:',
      '      security: [{auth: []}]',
      "      responses: {'200': {description: ok}}",
      '      x-amazon-apigateway-integration:',
      '        type: lambda',
      '        uri: https://x.example.com',
      'components:',
      '  securitySchemes:',
      '    auth:',
      '      type: apiKey',
      '      name: Authorization',
      '      in: header',
      '      x-amazon-apigateway-authorizer:',
      '        type: lambda',
      '        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations',
      '',
    ].join('\n');
    const diagnostics = await validate(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['invalid-enum-value', 8], ['invalid-enum-value', 17]]);
  });
});

describe('values written in a form that hides a mistake', () => {
  it('reports a URL with a space, and a number written as a string out of its range', async () => {
    const text = operationWithIntegration([
      '        type: http_proxy',
      '        httpMethod: GET',
      '        uri: https://example.com/a b',
      'components:',
      '  securitySchemes:',
      '    a:',
      '      type: apiKey',
      '      name: Authorization',
      '      in: header',
      '      x-amazon-apigateway-authorizer:',
      '        type: token',
      '        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations',
      '        authorizerResultTtlInSeconds: "5000"',
    ]);
    const found = (await validate(text)).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['invalid-integration-uri', 9], ['value-out-of-range', 19]]);
    assert.match(found[0].message, /percent-encoded/);
    assert.deepEqual(await validate(text.replace('/a b', '/a%20b').replace('"5000"', '"300"')), []);
  });
});

describe('one finding for one mistake', () => {
  it('marks the responses of a proxy integration once, at their key', async () => {
    const text = operationWithIntegration([
      '        type: http_proxy',
      '        httpMethod: GET',
      '        uri: https://example.com/a',
      '        responses:',
      "          default: {statusCode: '200', responseTemplates: {application/json: '{}'}}",
    ]);
    assert.deepEqual((await validate(text)).map((d) => [d.code, d.range.start.line]), [['ignored-for-proxy', 10]]);
  });

  it('shows a number as it is written', async () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-importexport-version: 1.0\npaths: {}\n";
    assert.match(withCode(await validate(text), 'invalid-extension-type')[0].message, /not the number 1\.0\./);
  });
});

describe('TLS settings', () => {
  const rest = (type: string, uri: string) =>
    operationWithIntegration([
      `        type: ${type}`,
      '        httpMethod: POST',
      `        uri: ${uri}`,
      '        tlsConfig: {insecureSkipVerification: true}',
    ]);

  it('say when the integration does not read them', async () => {
    const lambda = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations';
    assert.deepEqual(withCode(await validate(rest('aws_proxy', lambda)), 'tls-setting-not-applicable').map((d) => d.range.start.line), [10]);
    assert.deepEqual(withCode(await validate(rest('http_proxy', 'https://example.com')), 'tls-setting-not-applicable'), []);
    const http = operationWithIntegration([
      '        type: http_proxy',
      '        httpMethod: GET',
      '        uri: https://example.com',
      "        payloadFormatVersion: '1.0'",
      '        tlsConfig: {serverNameToVerify: example.com}',
    ], ['x-amazon-apigateway-importexport-version: "1.0"']);
    assert.deepEqual(withCode(await validate(http), 'tls-setting-not-applicable').map((d) => d.range.start.line), [12]);
  });
});
