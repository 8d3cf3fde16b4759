import assert from 'node:assert/strict';
import { codes, operationWithIntegration, rangeOf, validate, withCode } from './validate';

/** An HTTP API route whose integration sends to SQS, with the given `requestParameters` (flow style). */
function sendMessage(requestParameters: string): string {
  return `openapi: 3.0.1
info: {title: t, version: "1"}
x-amazon-apigateway-importexport-version: "1.0"
paths:
  /send:
    post:
      responses: {default: {description: d}}
      x-amazon-apigateway-integration:
        type: AWS_PROXY
        integrationSubtype: SQS-SendMessage
        credentials: arn:aws:iam::123456789012:role/apigw-sqs
        payloadFormatVersion: "1.0"
        requestParameters: ${requestParameters}
`;
}

/** An HTTP API route proxying to a backend, with one request parameter mapping. */
function httpMapping(key: string, value: string): string {
  return `openapi: 3.0.1
info: {title: t, version: "1"}
x-amazon-apigateway-importexport-version: "1.0"
paths:
  /a:
    post:
      responses: {default: {description: d}}
      x-amazon-apigateway-integration:
        type: HTTP_PROXY
        httpMethod: POST
        uri: https://example.com
        payloadFormatVersion: "1.0"
        requestParameters:
          ${key}: ${JSON.stringify(value)}
`;
}

describe('a required service parameter written in another letter case', () => {
  it('is missing, with the misspelt key warned of and the one meant named', async () => {
    const text = sendMessage('{MessageBody: $request.body, QueueURL: "https://sqs.us-east-1.amazonaws.com/123456789012/q"}');
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['missing-required-field', 'unknown-extension-field']);
    const [missing] = withCode(diagnostics, 'missing-required-field');
    assert.equal(missing.severity, 1);
    assert.deepEqual(missing.range, rangeOf(text, 'requestParameters'));
    assert.equal(missing.message, 'SQS-SendMessage needs the request parameter `QueueUrl`. `QueueURL` does not stand for `QueueUrl`.');
    assert.deepEqual(missing.data, { field: 'QueueUrl' });
    const [misspelt] = withCode(diagnostics, 'unknown-extension-field');
    assert.equal(misspelt.severity, 2);
    assert.deepEqual(misspelt.range, rangeOf(text, 'QueueURL'));
    assert.match(misspelt.message, /Did you mean `QueueUrl`\?$/);
  });

  it('is not reported when the parameter is written as the reference writes it', async () => {
    assert.deepEqual(codes(await validate(sendMessage('{MessageBody: $request.body, QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q"}'))), []);
  });

  it('names no misspelling when the parameter is simply absent', async () => {
    const [missing] = withCode(await validate(sendMessage('{MessageBody: $request.body}')), 'missing-required-field');
    assert.equal(missing.message, 'SQS-SendMessage needs the request parameter `QueueUrl`.');
  });
});

describe('HTTP API body mappings in messages', () => {
  it('quote the whole value, spaces and all', async () => {
    const value = '$request.body.items[?(@.price < 10)].id';
    const text = httpMapping('overwrite:header.x-id', value);
    const [found] = withCode(await validate(text), 'invalid-mapping-value');
    assert.deepEqual(found.range, rangeOf(text, JSON.stringify(value)));
    assert.equal(found.message, '"$request.body.items[?(@.price < 10)].id" uses a filter expression (`?()`); HTTP API body mappings accept only plain JSONPath steps such as `$request.body.items[0].name`.');
  });

  it('find a filter with a space between its `?` and `(`', async () => {
    const [found] = withCode(await validate(httpMapping('overwrite:header.x-id', '$request.body.items[? (@.on)].id')), 'invalid-mapping-value');
    assert.match(found.message, /^"\$request\.body\.items\[\? \(@\.on\)\]\.id" uses a filter expression/);
  });

  it('name recursive descent in a value that joins several sources', async () => {
    const [found] = withCode(await validate(httpMapping('overwrite:header.x-id', '${request.header.id} ${request.body..name}')), 'invalid-mapping-value');
    assert.match(found.message, /^"\$\{request\.header\.id\} \$\{request\.body\.\.name\}" uses recursive descent/);
  });

  it('shorten a very long value with an ellipsis', async () => {
    const value = `$request.body.items[?(@.price < 10)].${'a'.repeat(100)}`;
    const [found] = withCode(await validate(httpMapping('overwrite:header.x-id', value)), 'invalid-mapping-value');
    const quoted = /^"([^"]*)" uses/.exec(found.message)![1];
    assert.equal(quoted, `${value.slice(0, 79)}…`);
  });
});

describe('a template media type written twice', () => {
  it('is only a duplicate key when the two keys are written alike', async () => {
    const text = operationWithIntegration([
      '        type: mock',
      '        requestTemplates:',
      "          application/json: '{\"statusCode\": 200}'",
      "          application/json: '{\"statusCode\": 200}'",
      '        responses:',
      "          default: {statusCode: '200', responseTemplates: {text/plain: 'a', text/plain: 'b'}}",
    ]);
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['duplicate-key']);
    assert.equal(withCode(diagnostics, 'duplicate-key').length, 2);
  });

  it('is only a duplicate key in JSON too, even beside a key that differs in case', async () => {
    const text = JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: {} }).replace(
      '"paths":{}',
      '"paths":{"/a":{"get":{"responses":{"200":{"description":"ok"}},"x-amazon-apigateway-integration":{"type":"mock","requestTemplates":{"application/json":"{\\"statusCode\\": 200}","application/json":"{\\"statusCode\\": 200}","Application/JSON":"{\\"statusCode\\": 200}"},"responses":{"default":{"statusCode":"200"}}}}}}',
    );
    const diagnostics = await validate(text, { json: true });
    assert.deepEqual(codes(diagnostics), ['duplicate-key', 'duplicate-template-media-type']);
    const [mediaType] = withCode(diagnostics, 'duplicate-template-media-type');
    assert.deepEqual(mediaType.range, rangeOf(text, '"Application/JSON"'));
    assert.match(mediaType.message, /^"Application\/JSON" and "application\/json" are one media type/);
  });

  it('is still one media type when the keys differ in parameters or letter case', async () => {
    const text = operationWithIntegration([
      '        type: mock',
      '        requestTemplates:',
      "          application/json: '{\"statusCode\": 200}'",
      "          Application/JSON; charset=utf-8: '{\"statusCode\": 200}'",
      '        responses:',
      "          default: {statusCode: '200'}",
    ]);
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['duplicate-template-media-type']);
    assert.equal(diagnostics[0].severity, 2);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, 'Application/JSON; charset=utf-8'));
  });
});

describe('mapping values that are not strings', () => {
  it('warns that the REST import leaves a bare true or false out, and offers the quoted static value', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers: { X-Count: { schema: { type: string } } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        requestParameters:
          integration.request.header.nothing: true
        responses:
          default:
            statusCode: '200'
            responseParameters:
              method.response.header.X-Count: 5
`;
    const found = withCode(await validate(text.replace('X-Count: 5', 'X-Count: false')), 'mapping-value-not-string');
    assert.equal(found.length, 2);
    assert.deepEqual(found[0].range, rangeOf(text, 'true'));
    assert.match(found[0].message, /The boolean true is not a mapping expression: API Gateway expects a string and leaves "integration\.request\.header\.nothing" out of `requestParameters` on import/);
    assert.equal((found[0].data as { expected: string }).expected, "'true'");
    assert.match(found[1].message, /The boolean false .*out of `responseParameters`/);
    // A number is not reported: the import turns numbers elsewhere into strings, and nothing records this case.
    assert.deepEqual(withCode(await validate(text), 'mapping-value-not-string').length, 1);
  });
});
