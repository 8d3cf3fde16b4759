import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { codes, rangeOf, validate, withCode } from './validate';

const MOCK = [
  '      x-amazon-apigateway-integration:',
  '        type: mock',
  `        requestTemplates: {application/json: '{"statusCode": 200}'}`,
  "        responses: {default: {statusCode: '200'}}",
];

function openapi(...paths: string[][]): string {
  return ['openapi: 3.0.1', "info: {title: t, version: '1'}", 'paths:', ...paths.flat(), ''].join('\n');
}

describe('path parameters against the path template', () => {
  it('warns of a path parameter in another letter case than its template expression, naming the one meant', async () => {
    const text = openapi(['  /orders/{orderId}:', '    get:', '      parameters:', '        - {name: orderID, in: path, required: true, schema: {type: string}}', "      responses: {'200': {description: ok}}", ...MOCK]);
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['path-parameter-not-in-path']);
    const [d] = diagnostics;
    assert.equal(d.message, 'Path parameter "orderID" matches no template expression of "/orders/{orderId}", so it never receives a value (names are case-sensitive). Did you mean "orderId"?');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(d.range, rangeOf(text, 'orderID'));
  });

  it('notes a template expression no path parameter declares, once on the path when no operation declares it', async () => {
    const text = openapi(['  /users/{userId}:', '    get:', "      responses: {'200': {description: ok}}", ...MOCK, '    delete:', "      responses: {'200': {description: ok}}", ...MOCK]);
    const diagnostics = await validate(text);
    assert.deepEqual(codes(diagnostics), ['undeclared-path-template-parameter']);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.message, '"{userId}" in "/users/{userId}" is not declared as a path parameter. OpenAPI requires a path parameter (`name: userId, in: path, required: true`) for each template expression; API Gateway imports it without one, but no `requestParameters` mapping can read it (`method.request.path.userId`) until it is declared.');
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.deepEqual(d.range, rangeOf(text, '/users/{userId}'));
  });

  it('shows a greedy template expression as written, and names the parameter without its +', async () => {
    const text = openapi(['  /files/{proxy+}:', '    get:', "      responses: {'200': {description: ok}}", ...MOCK]);
    const [d] = withCode(await validate(text), 'undeclared-path-template-parameter');
    assert.match(d.message, /^"\{proxy\+\}" in "\/files\/\{proxy\+\}" is not declared as a path parameter\. OpenAPI requires a path parameter \(`name: proxy, in: path, required: true`\)/);
    assert.match(d.message, /\(`method\.request\.path\.proxy`\)/);
    assert.deepEqual(d.range, rangeOf(text, '/files/{proxy+}'));
  });

  it('does not tell an HTTP API that mappings need the declaration: routes give their path variables as they are', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /users/{userId}:',
      '    get:',
      "      responses: {'200': {description: ok}}",
      '      x-amazon-apigateway-integration: {type: HTTP_PROXY, httpMethod: GET, uri: "https://example.com/{userId}", payloadFormatVersion: "1.0"}',
      '',
    ].join('\n');
    const diagnostics = await validate(text, { settings: { dialect: 'http' } });
    assert.deepEqual(codes(diagnostics), ['undeclared-path-template-parameter']);
    const [d] = diagnostics;
    assert.equal(d.message, '"{userId}" in "/users/{userId}" is not declared as a path parameter. OpenAPI requires a path parameter (`name: userId, in: path, required: true`) for each template expression; API Gateway imports it without one: HTTP APIs take path parameters from the route (`$request.path.userId`).');
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.deepEqual(d.range, rangeOf(text, '/users/{userId}'));
  });

  it('notes the operations that lack a declaration others have, on their method', async () => {
    const text = openapi([
      '  /users/{userId}:',
      '    get:',
      '      parameters: [{name: userId, in: path, required: true, schema: {type: string}}]',
      "      responses: {'200': {description: ok}}",
      ...MOCK,
      '    x-amazon-apigateway-any-method:',
      "      responses: {'200': {description: ok}}",
      ...MOCK,
    ]);
    const [d] = withCode(await validate(text), 'undeclared-path-template-parameter');
    assert.equal(d.message, 'ANY /users/{userId} does not declare "{userId}" as a path parameter. OpenAPI requires a path parameter (`name: userId, in: path, required: true`) for each template expression; API Gateway imports it without one, but no `requestParameters` mapping can read it (`method.request.path.userId`) until it is declared.');
    assert.deepEqual(d.range, rangeOf(text, 'x-amazon-apigateway-any-method'));
  });

  it('accepts declarations at the path item, through references, and a greedy parameter named with or without its +', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a/{id}/{proxy+}:',
      '    parameters:',
      "      - $ref: '#/components/parameters/Id'",
      '    get:',
      '      parameters: [{name: proxy, in: path, required: true, schema: {type: string}}]',
      "      responses: {'200': {description: ok}}",
      ...MOCK,
      '  /b/{proxy+}:',
      '    get:',
      "      parameters: [{name: 'proxy+', in: path, required: true, schema: {type: string}}]",
      "      responses: {'200': {description: ok}}",
      ...MOCK,
      'components:',
      '  parameters:',
      '    Id: {name: id, in: path, required: true, schema: {type: string}}',
      '',
    ].join('\n');
    assert.deepEqual(codes(await validate(text)), []);
  });

  it('reports a referenced parameter that matches nothing at the reference, and says when the path has no template', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    get:',
      "      parameters: [{$ref: '#/components/parameters/Id'}]",
      "      responses: {'200': {description: ok}}",
      ...MOCK,
      'components:',
      '  parameters:',
      '    Id: {name: id, in: path, required: true, schema: {type: string}}',
      '',
    ].join('\n');
    const [d] = withCode(await validate(text), 'path-parameter-not-in-path');
    assert.equal(d.message, 'Path parameter "id" matches nothing: "/a" has no template expressions, so it never receives a value (names are case-sensitive).');
    assert.deepEqual(d.range, rangeOf(text, "'#/components/parameters/Id'"));
  });

  it('checks Swagger 2.0 alike; a mapping that reads the undeclared name is refused by AWS, and says so', async () => {
    const text = [
      "swagger: '2.0'",
      "info: {title: t, version: '1'}",
      'paths:',
      '  /product/{product_id}:',
      '    get:',
      "      responses: {'200': {description: ok}}",
      '      x-amazon-apigateway-integration:',
      '        type: http',
      '        httpMethod: GET',
      '        uri: https://example.com/{product_id}',
      '        requestParameters: {integration.request.path.product_id: method.request.path.product_id}',
      "        responses: {default: {statusCode: '200'}}",
      '',
    ].join('\n');
    assert.deepEqual(codes(await validate(text)), ['undeclared-parameter', 'undeclared-path-template-parameter']);
  });

  it('says nothing of a template whose parameters sit behind a reference it cannot follow', async () => {
    const text = openapi(['  /a/{id}:', '    get:', "      parameters: [{$ref: 'common.yaml#/parameters/Id'}]", "      responses: {'200': {description: ok}}", ...MOCK]);
    assert.deepEqual(withCode(await validate(text), 'undeclared-path-template-parameter'), []);
  });
});
