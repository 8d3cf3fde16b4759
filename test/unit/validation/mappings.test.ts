import assert from 'node:assert/strict';
import { codes, operationWithIntegration, rangeOf, restYaml, validate, withCode } from './validate';

describe('integration mappings and cross-references', () => {
  it('accepts mappings of declared, path-template and case-different header parameters', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com/pets/{id}
requestParameters:
  integration.request.path.id: method.request.path.petId
  integration.request.header.x-trace: method.request.header.x-trace
  integration.request.header.X-Static: "'yes'"
  integration.request.querystring.stage: stageVariables.stage
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.x-request-id: integration.response.header.X-Id`);
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('reports an undeclared query parameter with the data a quick fix needs', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com/pets
requestParameters:
  integration.request.querystring.page: method.request.querystring.page`);
    const [d] = withCode(await validate(text), 'undeclared-parameter');
    assert.deepEqual(d.data, { name: 'page', in: 'query', path: '/pets/{petId}', method: 'GET' });
    assert.deepEqual(d.range, rangeOf(text, 'method.request.querystring.page'));
    assert.match(d.message, /reads the query parameter "page", which GET \/pets\/\{petId\} does not declare/);
  });

  it('suggests the declared parameter a mapping most likely meant', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com/pets/{id}
requestParameters:
  integration.request.path.id: method.request.path.petid`);
    const [d] = withCode(await validate(text), 'undeclared-parameter');
    assert.match(d.message, /reads the path parameter "petid", .* Did you mean "petId"\?$/);
  });

  it('follows $refs to shared parameters and merges path-item parameters', async () => {
    const text = `swagger: '2.0'
info: { title: t, version: '1' }
parameters:
  Page: { name: page, in: query, type: string }
paths:
  /items:
    parameters:
      - { name: X-Tenant, in: header, type: string }
    get:
      parameters:
        - $ref: '#/parameters/Page'
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: https://example.com/items
        requestParameters:
          integration.request.querystring.page: method.request.querystring.page
          integration.request.header.X-Tenant: method.request.header.x-tenant
        responses: { default: { statusCode: '200' } }
`;
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('reports integration responses mapping to undeclared statuses and headers', async () => {
    const text = restYaml(`type: mock
requestTemplates:
  application/json: '{}'
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.X-Missing: "'1'"
  4\\d{2}:
    statusCode: '404'`);
    const diagnostics = await validate(text);
    const [status] = withCode(diagnostics, 'undeclared-response-status');
    assert.deepEqual(status.data, { statusCode: '404', path: '/pets/{petId}', method: 'GET' });
    assert.deepEqual(status.range, rangeOf(text, "'404'"));
    const [header] = withCode(diagnostics, 'undeclared-response-header');
    assert.deepEqual(header.data, { header: 'X-Missing', statusCode: '200', path: '/pets/{petId}', method: 'GET' });
    assert.deepEqual(header.range, rangeOf(text, 'method.response.header.X-Missing'));
  });

  it('checks selection patterns as Java regular expressions', async () => {
    const text = restYaml(`type: mock
requestTemplates:
  application/json: '{}'
responses:
  '(?i).*error.*': { statusCode: '200' }
  '\\p{Alpha}++': { statusCode: '200' }
  '[a-z': { statusCode: '200' }
  default: { statusCode: '200' }`);
    const diagnostics = withCode(await validate(text), 'invalid-selection-pattern');
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /"\[a-z" is not a valid Java regular expression/);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, "'[a-z'"));
  });

  it('checks mapping keys and sources of REST APIs', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  method.request.header.X: method.request.header.X-Trace
  integration.request.header.Y: literal`);
    const diagnostics = await validate(text);
    assert.deepEqual(withCode(diagnostics, 'invalid-mapping-key')[0].range, rangeOf(text, 'method.request.header.X:'.slice(0, -1)));
    assert.match(withCode(diagnostics, 'invalid-mapping-value')[0].message, /"literal" is not a mapping source; .* such as `'literal'`/);
  });

  it('suggests the static value meant by a value quoted on one side only', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.querystring.debug: "'true"`);
    assert.match(withCode(await validate(text), 'invalid-mapping-value')[0].message, /such as `'true'`\.$/);
  });

  it('suggests a template-style variable without its $ and braces, with the value a quick fix needs', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.X-Stage: $stageVariables.backendKey
  integration.request.header.X-Id: \${context.requestId}
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.X-Request-Id: $integration.response.header.X-Id`);
    const found = withCode(await validate(text), 'invalid-mapping-value');
    assert.deepEqual(found.map((d) => d.data), [{ expected: 'stageVariables.backendKey' }, { expected: 'context.requestId' }, { expected: 'integration.response.header.X-Id' }]);
    assert.match(found[0].message, /^"\$stageVariables.backendKey" is not a mapping source; .* or a single-quoted static value\. Write `stageVariables.backendKey`: parameter mappings name variables without the `\$` and braces of templates\.$/);
    assert.doesNotMatch(found[0].message, /'\$stageVariables/);
  });

  it('says that REST mappings cannot concatenate, and where the value can be built instead', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.X-Mixed: "'v1-'stageVariables.env"
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.X-Request-Id: "context.requestId 'v1'"`);
    const found = withCode(await validate(text), 'invalid-mapping-value');
    assert.deepEqual(found.map((d) => d.data), [undefined, undefined]);
    assert.match(found[0].message, /\. A mapping takes one source or one static value: REST parameter mappings cannot concatenate\. Build the value in the request template, with `\$context\.requestOverride\.header\.X-Mixed` instead\.$/);
    assert.match(found[1].message, /cannot concatenate\. Build the value in the response template, with `\$context\.responseOverride\.header\.X-Request-Id` instead\.$/);
    assert.doesNotMatch(found[0].message, /such as/);
  });

  it('says a double-quoted static value is refused, in request, response and gateway response mappings, with its single-quoted form', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.X-Static: '"abc"'
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.X-Request-Id: '"*"'`);
    const found = withCode(await validate(text), 'invalid-mapping-value');
    assert.deepEqual(found.map((d) => d.data), [{ expected: "'abc'" }, { expected: "'*'" }]);
    assert.deepEqual(found[0].range, rangeOf(text, `'"abc"'`));
    assert.equal(found[0].message, '"abc" is in double quotes, which do not mark a static value: API Gateway refuses it with "Invalid mapping expression specified". Write the static value in single quotes inside the string: `\'abc\'`.');
    assert.equal(found[0].severity, 1);
    const gateway = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths: {}',
      'x-amazon-apigateway-gateway-responses:',
      '  DEFAULT_4XX:',
      '    responseParameters:',
      `      gatewayresponse.header.Access-Control-Allow-Origin: '"*"'`,
      '',
    ].join('\n');
    const [d] = withCode(await validate(gateway), 'invalid-mapping-value');
    assert.deepEqual(d.data, { expected: "'*'" });
    assert.match(d.message, /is in double quotes, which do not mark a static value/);
  });

  it('says a mapping expression in double quotes reads nothing, and offers it bare rather than as a literal', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.X-Id: '"context.requestId"'
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.X-Request-Id: '"integration.response.header.X-Id"'`);
    const found = withCode(await validate(text), 'invalid-mapping-value');
    assert.deepEqual(found.map((d) => d.data), [{ expected: 'context.requestId' }, { expected: 'integration.response.header.X-Id' }]);
    assert.match(found[0].message, /Write `context\.requestId` without the double quotes/);
  });

  it('still accepts single-quoted static values, double quotes inside them included', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.X-Static: "'abc'"
  integration.request.header.X-Quoted: "'\\"abc\\"'"
responses:
  default:
    statusCode: '200'`);
    assert.deepEqual(withCode(await validate(text), 'invalid-mapping-value'), []);
  });

  it('offers no quoted value for an expression it does not know, which quoting would send as its name', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.X-Request-Id: integration.request.header.foo`);
    const [d] = withCode(await validate(text), 'invalid-mapping-value');
    assert.match(d.message, /^"integration\.request\.header\.foo" is not a response mapping source; expected .* or a single-quoted static value\.$/);
    assert.equal(d.data, undefined);
  });

  it('reports a request mapping whose parameter name holds a whole mapping expression', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.method.request.header.X-Trace: method.request.header.X-Trace`);
    const [d] = withCode(await validate(text), 'mapping-prefix-in-name');
    assert.equal(d.message, 'The header name "method.request.header.X-Trace" contains a mapping prefix, so this sets a header of that literal name, not "X-Trace". Did you mean `integration.request.header.X-Trace`?');
    assert.deepEqual(d.range, rangeOf(text, 'integration.request.header.method.request.header.X-Trace'));
  });

  it('wants cache key parameters the method declares', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com/{petId}
cacheKeyParameters:
  - method.request.path.petId
  - method.request.header.x-trace
  - method.request.querystring.sizee`);
    const found = withCode(await validate(text), 'undeclared-parameter');
    assert.deepEqual(found.map((d) => d.range), [rangeOf(text, 'method.request.querystring.sizee')]);
    assert.match(found[0].message, /AWS refuses cache key parameters the method does not declare\.$/);
    assert.deepEqual(found[0].data, { name: 'sizee', in: 'query', path: '/pets/{petId}', method: 'GET' });
  });

  it('names context variables API Gateway does not define, with the one most likely meant', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.ip: context.identity.sourceIpp
  integration.request.header.id: context.requestId
  integration.request.header.tenant: context.authorizer.tenant
  integration.request.header.x: context.nosuch
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.X-Request-Id: context.requestid`);
    const found = withCode(await validate(text), 'unknown-context-variable');
    assert.deepEqual(found.map((d) => [d.severity, d.range]), [
      [2, rangeOf(text, 'context.identity.sourceIpp')],
      [2, rangeOf(text, 'context.nosuch')],
      [2, rangeOf(text, 'context.requestid')],
    ]);
    assert.match(found[0].message, /^`context\.identity\.sourceIpp` is not a context variable API Gateway defines, so the mapping reads nothing\. Did you mean `context\.identity\.sourceIp`\?$/);
    assert.match(found[2].message, /Did you mean `context\.requestId`\?/);
  });

  it('says of an access-log variable in a mapping what the template check says of it', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.waf: context.waf.status
responses:
  default:
    statusCode: '200'`);
    const [found] = withCode(await validate(text), 'unknown-context-variable');
    assert.equal(found.message, '`context.waf.status` is only available in access-log formats, so the mapping reads nothing.');
  });

  it('accepts the X-Ray trace id, which the REST reference lists among the variables mappings read', async () => {
    const text = restYaml(`type: http
httpMethod: GET
uri: https://example.com
requestParameters:
  integration.request.header.trace: context.xrayTraceId
responses:
  default:
    statusCode: '200'
    responseParameters:
      method.response.header.X-Trace: context.xrayTraceId`);
    assert.deepEqual(withCode(await validate(text), 'unknown-context-variable'), []);
  });

  it('checks HTTP API parameter mapping keys, reserved headers and variables', async () => {
    const text = `{
  "openapi": "3.0.1",
  "info": { "title": "t", "version": "1" },
  "x-amazon-apigateway-importexport-version": "1.0",
  "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } },
    "x-amazon-apigateway-integration": { "type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://example.com", "payloadFormatVersion": "1.0",
      "requestParameters": {
        "append:header.x-user": "\${context.authorizer.sub}-$request.header.x-a",
        "overwrite:header.Authorization": "static",
        "integration.request.header.x": "$request.header.x",
        "overwrite:querystring.q": "$requset.querystring.q"
      } } } } }
}`;
    const diagnostics = await validate(text, { json: true });
    assert.deepEqual(codes(diagnostics), ['invalid-mapping-key', 'invalid-mapping-value', 'reserved-header-mapping']);
    assert.deepEqual(withCode(diagnostics, 'reserved-header-mapping')[0].range, rangeOf(text, '"overwrite:header.Authorization"'));
    assert.deepEqual(withCode(diagnostics, 'invalid-mapping-value')[0].range, rangeOf(text, '"$requset.querystring.q"'));
  });
  it('points HTTP API multi-value sources, which only REST APIs have, at the plain ones', async () => {
    const text = `openapi: 3.0.1
info: {title: t, version: '1'}
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
      x-amazon-apigateway-integration:
        type: HTTP_PROXY
        httpMethod: GET
        uri: https://example.com/a
        payloadFormatVersion: '1.0'
        requestParameters:
          append:header.x-a: $request.multivalueheader.foo
          append:querystring.q: $request.multivaluequerystring.bar
`;
    const [header, query, ...others] = withCode(await validate(text), 'invalid-mapping-value');
    assert.deepEqual(others, []);
    assert.match(header.message, /HTTP APIs have no multi-value sources: `\$request\.header\.NAME` gives every value, joined with commas\.$/);
    assert.match(query.message, /`\$request\.querystring\.NAME` gives every value/);
  });

  it('refuses recursive descent and filters in HTTP API body mappings', async () => {
    const text = `{
  "openapi": "3.0.1",
  "info": { "title": "t", "version": "1" },
  "x-amazon-apigateway-importexport-version": "1.0",
  "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } },
    "x-amazon-apigateway-integration": { "type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://example.com", "payloadFormatVersion": "1.0",
      "requestParameters": {
        "append:header.x-a": "$request.body..name",
        "append:header.x-b": "\${request.body.items[?(@.on)]}",
        "append:header.x-c": "$request.body.items[0].name",
        "append:querystring.d": "$request.body"
      } } } } }
}`;
    const diagnostics = withCode(await validate(text, { json: true }), 'invalid-mapping-value');
    assert.equal(diagnostics.length, 2);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, '"$request.body..name"'));
    assert.match(diagnostics[0].message, /recursive descent/);
    assert.deepEqual(diagnostics[1].range, rangeOf(text, '"${request.body.items[?(@.on)]}"'));
    assert.match(diagnostics[1].message, /filter expression/);
  });
});

describe('HTTP API response parameters', () => {
  const httpApi = (mappings: string) => `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: https://example.com
        payloadFormatVersion: '1.0'
        responseParameters:
${mappings}`;

  it('accepts header and status code mappings per backend status code', async () => {
    const text = httpApi(`          '200':
            overwrite:header.x-id: $context.requestId
            append:header.x-trace: $response.header.trace
            overwrite:statuscode: '204'
          '404':
            remove:header.server: "''"`);
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('reports a status code outside 200-599 and a key that is neither a header action nor the status code', async () => {
    const text = httpApi(`          '600':
            overwrite:header.x: a
          '200':
            overwrite:statusCode: '204'`);
    const keys = withCode(await validate(text), 'invalid-map-key');
    assert.equal(keys.length, 2);
    assert.deepEqual(keys[0].range, rangeOf(text, "'600'"));
    assert.match(keys[1].message, /Did you mean `overwrite:statuscode`\?/);
  });
});

describe('gateway response parameters', () => {
  it('want request values or single-quoted static values', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths: {}',
      'x-amazon-apigateway-gateway-responses:',
      '  UNAUTHORIZED:',
      "    statusCode: '401'",
      '    responseParameters:',
      '      gatewayresponse.header.Access-Control-Allow-Origin: "*"',
      '      gatewayresponse.header.x: context.requestId',
      `      gatewayresponse.header.y: "'static'"`,
      '      gatewayresponse.header.z: method.request.header.Origin',
      '      gatewayresponse.header.s: stageVariables.origin',
      '',
    ].join('\n');
    const found = withCode(await validate(text), 'invalid-mapping-value');
    assert.deepEqual(found.map((d) => d.range.start.line), [7]);
    assert.match(found[0].message, /single-quoted static value such as `'\*'`/);
    assert.deepEqual(found[0].data, { expected: "'*'" });
  });

  it('warn of a header name holding a mapping prefix, which names the header literally, and name the key meant', async () => {
    const text = [
      "swagger: '2.0'",
      "info: {title: t, version: '1'}",
      'paths: {}',
      'x-amazon-apigateway-gateway-responses:',
      '  UNAUTHORIZED:',
      "    statusCode: '401'",
      '    responseParameters:',
      `      gatewayresponse.header.method.response.header.Access-Control-Allow-Origin: "'*'"`,
      `      gatewayresponse.header.Access-Control-Allow-Headers: "'*'"`,
      '',
    ].join('\n');
    const found = withCode(await validate(text), 'mapping-prefix-in-name');
    assert.deepEqual(
      found.map((d) => [d.message, d.severity]),
      [['The header name "method.response.header.Access-Control-Allow-Origin" contains a mapping prefix, so this sets a header of that literal name, not "Access-Control-Allow-Origin". Did you mean `gatewayresponse.header.Access-Control-Allow-Origin`?', 2]],
    );
    assert.deepEqual(found[0].range, rangeOf(text, 'gatewayresponse.header.method.response.header.Access-Control-Allow-Origin'));
  });
});

describe('custom Lambda integration responses', () => {
  const text = (responses: string) =>
    [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    get:',
      "      responses: {'200': {description: ok}, '400': {description: bad}}",
      '      x-amazon-apigateway-integration:',
      '        type: aws',
      '        httpMethod: POST',
      '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:a/invocations',
      `        responses: ${responses}`,
      '',
    ].join('\n');

  it('warn when nothing catches a successful call, which has no error message', async () => {
    const found = withCode(await validate(text(`{'OK.*': {statusCode: '200'}, 'Bad.*': {statusCode: '400'}}`)), 'no-lambda-success-response');
    assert.deepEqual(found.map((d) => d.range.start.line), [10]);
    assert.deepEqual(withCode(await validate(text(`{default: {statusCode: '200'}, 'Bad.*': {statusCode: '400'}}`)), 'no-lambda-success-response'), []);
    assert.deepEqual(withCode(await validate(text(`{'.*': {statusCode: '200'}}`)), 'no-lambda-success-response'), []);
  });

  it('warn that a status-code pattern never catches a success, which takes default and answers its non-2xx status', async () => {
    const source = text(`{default: {statusCode: '400'}, '2\\d{2}': {statusCode: '200'}}`);
    const found = withCode(await validate(source), 'lambda-status-code-pattern');
    assert.deepEqual(
      found.map((d) => [d.message, d.severity]),
      [["In a Lambda (AWS) integration, selection patterns are matched against the function's errorMessage, not a status code: `2\\d{2}` never matches a successful call, so every success takes `default` and answers 400.", 2]],
    );
    assert.deepEqual(found[0].range, rangeOf(source, "'2\\d{2}'"));
  });

  it('warn of every pattern written for status codes, even when success already answers 2xx', async () => {
    for (const pattern of ['400', '[1-5]\\d\\d', '4..', '4\\d{2}|5\\d{2}']) {
      const found = withCode(await validate(text(`{default: {statusCode: '200'}, '${pattern}': {statusCode: '400'}}`)), 'lambda-status-code-pattern');
      assert.equal(found.length, 1, pattern);
      assert.match(found[0].message, /not a status code: `.+` only catches an error whose message reads "[1-5]\d\d" or the like, never a successful call\.$/, pattern);
    }
  });

  it('leave error-message patterns alone, and patterns that also match an empty message', async () => {
    const found = withCode(await validate(text(`{default: {statusCode: '200'}, '.*Bad.*': {statusCode: '400'}, '.*': {statusCode: '200'}, 'Error \\d+': {statusCode: '400'}}`)), 'lambda-status-code-pattern');
    assert.deepEqual(found, []);
  });

  it('leave status-code patterns of other AWS services alone: S3 and the like answer with status codes', async () => {
    const s3 = text(`{default: {statusCode: '200'}, '4\\d{2}': {statusCode: '400'}}`).replace(/uri: .*/, 'uri: arn:aws:apigateway:us-east-1:s3:path/{bucket}/{key}');
    assert.deepEqual(withCode(await validate(s3), 'lambda-status-code-pattern'), []);
  });

  it('check Lambda invocations in any partition, and leave other paths of the Lambda API and open URIs alone', async () => {
    const responses = `{'4\\d{2}': {statusCode: '400'}}`;
    const uri = (value: string) => text(responses).replace(/uri: .*/, `uri: '${value}'`);
    const codes = async (value: string) => (await validate(uri(value))).map((d) => d.code).filter((c) => c === 'lambda-status-code-pattern' || c === 'no-lambda-success-response').sort();
    const china = 'arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:1:function:${stageVariables.fn}/invocations';
    assert.deepEqual(await codes(china), ['lambda-status-code-pattern', 'no-lambda-success-response']);
    // ListFunctions answers with status codes, as every AWS service call does.
    assert.deepEqual(await codes('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions'), []);
    assert.deepEqual(await codes('${stageVariables.uri}'), []);
  });
});

describe('HTTP API response parameter mappings', () => {
  it('refuse reserved headers and variables a response mapping cannot read', async () => {
    const text = operationWithIntegration([
      '        type: http_proxy',
      '        httpMethod: GET',
      '        uri: https://example.com/a',
      "        payloadFormatVersion: '1.0'",
      '        responseParameters:',
      "          '500':",
      "            overwrite:header.Content-Length: '1'",
      '            overwrite:header.y: $foo',
      '            overwrite:header.z: $response.header.X-Trace',
      '            append:header.w: ${context.requestId}-${response.body.id}',
      "            overwrite:statuscode: '404'",
    ], ['x-amazon-apigateway-importexport-version: "1.0"']);
    const found = (await validate(text)).filter((d) => d.code === 'reserved-header-mapping' || d.code === 'invalid-mapping-value');
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['reserved-header-mapping', 14], ['invalid-mapping-value', 15]]);
  });
});

describe('templates for one media type', () => {
  it('are reported when their keys differ only in parameters or case', async () => {
    const text = operationWithIntegration([
      '        type: mock',
      '        requestTemplates:',
      "          application/json: '{\"statusCode\": 200}'",
      "          application/json; charset=utf-8: '{\"statusCode\": 200}'",
      "          text/plain: '{\"statusCode\": 200}'",
      '        responses:',
      "          default: {statusCode: '200', responseTemplates: {application/json: '{}', Application/JSON: '{}'}}",
    ]);
    const found = withCode(await validate(text), 'duplicate-template-media-type');
    assert.deepEqual(found.map((d) => d.range.start.line), [10, 13]);
  });
});

describe('placeholders in the URI of a REST HTTP integration', () => {
  const text = (integration: string[], pathItem = '  /pets/{petId}:') =>
    [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      pathItem,
      '    get:',
      '      parameters: [{name: petId, in: path, required: true, schema: {type: string}}]',
      "      responses: {'200': {description: ok}}",
      '      x-amazon-apigateway-integration:',
      ...integration.map((l) => `        ${l}`),
      '',
    ].join('\n');

  it('warn of a {name} that no integration.request.path mapping fills: AWS sends it literally', async () => {
    for (const type of ['http', 'http_proxy']) {
      const source = text([`type: ${type}`, 'httpMethod: GET', 'uri: https://backend.example.com/pets/{petId}', "responses: {default: {statusCode: '200'}}"]);
      const [d] = withCode(await validate(source), 'unmapped-uri-path-parameter');
      assert.equal(d.message, '`{petId}` in the URI is not mapped by `requestParameters` (`integration.request.path.petId: method.request.path.petId`); API Gateway sends it literally and the call fails with "Illegal character in path".', type);
      assert.equal(d.severity, 2);
      assert.deepEqual(d.range, rangeOf(source, 'https://backend.example.com/pets/{petId}'));
      assert.deepEqual(d.data, { name: 'petId', source: 'method.request.path.petId', integration: ['paths', '/pets/{petId}', 'get', 'x-amazon-apigateway-integration'] });
    }
  });

  it('accept a mapped placeholder and stage variables, which are no placeholders', async () => {
    const source = text([
      'type: http',
      'httpMethod: GET',
      'uri: https://${stageVariables.host}/pets/{petId}',
      'requestParameters: {integration.request.path.petId: method.request.path.petId}',
      "responses: {default: {statusCode: '200'}}",
    ]);
    assert.deepEqual(withCode(await validate(source), 'unmapped-uri-path-parameter'), []);
  });

  it('name the mapping without a source when the method has no path parameter of that name', async () => {
    const [d] = withCode(await validate(text(['type: http_proxy', 'httpMethod: GET', 'uri: https://backend.example.com/{other}'])), 'unmapped-uri-path-parameter');
    assert.match(d.message, /^`\{other\}` in the URI is not mapped by `requestParameters` \(`integration\.request\.path\.other`\);/);
    assert.equal(d.data, undefined);
  });

  it('read a greedy {proxy+} as its name without the +, as the local gateway fills it', async () => {
    const greedy = (mapping: string[]) => text(['type: http_proxy', 'httpMethod: ANY', 'uri: https://backend.example.com/{proxy+}', ...mapping], '  /files/{proxy+}:').replace('name: petId', 'name: proxy');
    assert.deepEqual(withCode(await validate(greedy(['requestParameters: {integration.request.path.proxy: method.request.path.proxy}'])), 'unmapped-uri-path-parameter'), []);
    for (const unmapped of [[], ['requestParameters: {integration.request.path.proxy+: method.request.path.proxy}']]) {
      const [d] = withCode(await validate(greedy(unmapped)), 'unmapped-uri-path-parameter');
      assert.equal(d.message, '`{proxy+}` in the URI is not mapped by `requestParameters` (`integration.request.path.proxy: method.request.path.proxy`); API Gateway sends it literally and the call fails with "Illegal character in path".');
      assert.deepEqual(d.data, { name: 'proxy', source: 'method.request.path.proxy', integration: ['paths', '/files/{proxy+}', 'get', 'x-amazon-apigateway-integration'] });
    }
  });

  it('leave placeholders in the query string and fragment alone: only the path part fails the call', async () => {
    const source = text(['type: http', 'httpMethod: GET', 'uri: https://backend.example.com/pets?a={b}&id={petId}#{c}', "responses: {default: {statusCode: '200'}}"]);
    assert.deepEqual(withCode(await validate(source), 'unmapped-uri-path-parameter'), []);
    const both = text(['type: http_proxy', 'httpMethod: GET', 'uri: https://${stageVariables.host}/{petId}?q={petId}']);
    assert.equal(withCode(await validate(both), 'unmapped-uri-path-parameter').length, 1);
  });

  it('leave HTTP APIs alone: they fill placeholders from the route', async () => {
    const source = text(['type: http_proxy', 'httpMethod: GET', 'uri: https://backend.example.com/pets/{petId}', "payloadFormatVersion: '1.0'"]);
    assert.deepEqual(withCode(await validate(source, { settings: { dialect: 'http' } }), 'unmapped-uri-path-parameter'), []);
  });
});
