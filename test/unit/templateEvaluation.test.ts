import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { defaultSample, errorMessagesMatching, evaluateStandaloneTemplate, evaluateTemplate, exampleOfPattern, findTemplate, gatewayErrorSample, lambdaErrorPayload, substituteGatewayResponseTemplate } from '../../server/src/services/templateEvaluation';
import { forEachOperation } from '../../server/src/model/openapiWalk';
import { sampleRequestFor } from '../../server/src/services/sampleRequest';
import { findCodeLenses } from '../../server/src/services/codeLenses';
import { createLocalGateway } from '../../server/src/gateway/gateway';

const PETSTORE = readFileSync(path.resolve(__dirname, '../../examples/petstore.yaml'), 'utf8');
const document = parseApiDocument(TextDocument.create('file:///petstore.yaml', 'yaml', 1, PETSTORE));

function templateAt(marker: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = PETSTORE.indexOf(marker, offset + 1);
  assert.ok(offset >= 0, `marker ${marker} not found`);
  const template = findTemplate(document, offset);
  assert.ok(template, `no template at ${marker}`);
  return template;
}

describe('template evaluation', () => {
  it('pre-fills the sample from the operation: parameters and a schema-shaped body', () => {
    const template = templateAt("#set($pet = $input.path('$'))");
    const sample = defaultSample(document, template);
    assert.equal(sample.params?.header?.['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(sample.body!), { name: 'string', type: 'dog', price: 0, tags: ['string'] });
  });

  it('renders a request template on a sample and checks the output is JSON', () => {
    const template = templateAt("#set($pet = $input.path('$'))");
    const result = evaluateTemplate(document, template, {
      body: JSON.stringify({ name: "Rex's toy", type: 'dog', price: 12.5, tags: ['a', "b'c"] }),
      context: { identity: { sourceIp: '203.0.113.9' } },
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.jsonValid, true, result.output);
    const output = JSON.parse(result.output);
    assert.equal(output.name, "Rex's toy");
    assert.equal(output.requestedBy, '203.0.113.9');
    assert.deepEqual(output.tags, ['a', "b'c"]);
    assert.match(result.label, /^POST \/pets › request template › application\/json$/);
  });

  it('selects the integration response from a Lambda error and reports it', () => {
    const template = templateAt('#set($error = $util.parseJson');
    const result = evaluateTemplate(document, template, {
      body: JSON.stringify({ errorMessage: JSON.stringify({ type: 'InvalidPet', message: 'Rex exists' }) }),
      backend: { type: 'lambda', errorMessage: JSON.stringify({ type: 'InvalidPet', message: 'Rex exists' }) },
    });
    assert.equal(result.kind, 'response');
    assert.equal(JSON.parse(result.output).message, 'Rex exists');
    assert.equal(result.selection?.key, '.*"type":"InvalidPet".*');
    assert.equal(result.selection?.status, 400);
    assert.equal(result.selection?.matchesThisTemplate, true);
  });

  it('gives a Lambda error result its error payload as $input, as API Gateway does', () => {
    const template = templateAt('#set($error = $util.parseJson');
    const errorMessage = JSON.stringify({ type: 'InvalidPet', message: 'Name can\'t be "empty"' });
    // The backend body is not what a failed function returns: it plays no part.
    const result = evaluateTemplate(document, template, { body: '{"message": "ok"}', backend: { type: 'lambda', errorMessage } });
    assert.deepEqual(result.errors, []);
    assert.equal(JSON.parse(result.output).message, 'Name can\'t be "empty"');
    assert.equal(result.selection?.matchesThisTemplate, true);
    const input = JSON.parse(result.input!) as { errorMessage: string; errorType: string; stackTrace: string[] };
    assert.equal(input.errorMessage, errorMessage);
    assert.equal(input.errorType, 'Error');
    assert.ok(Array.isArray(input.stackTrace) && input.stackTrace.length > 0);
    assert.equal(result.input, lambdaErrorPayload(errorMessage));
    const success = evaluateTemplate(document, template, { body: '{"message": "ok"}', backend: { type: 'lambda', errorMessage: null } });
    assert.equal(success.input, undefined, 'a function that succeeded returns the body');
  });

  it('pre-fills a response template\'s sample with a backend result that selects that very response', () => {
    const error = defaultSample(document, templateAt('#set($error = $util.parseJson'));
    assert.equal(error.backend?.type, 'lambda');
    assert.deepEqual(JSON.parse(error.backend!.errorMessage!), { type: 'InvalidPet', message: 'Example error message' });
    const rendered = evaluateTemplate(document, templateAt('#set($error = $util.parseJson'), error);
    assert.equal(rendered.selection?.matchesThisTemplate, true);
    assert.deepEqual(JSON.parse(rendered.output), { message: 'Example error message' });

    const success = defaultSample(document, templateAt('{"id": "$pet.id"'));
    assert.deepEqual(success.backend && { type: success.backend.type, errorMessage: success.backend.errorMessage }, { type: 'lambda', errorMessage: null });
    assert.deepEqual(Object.keys(JSON.parse(success.body!)), ['id', 'name', 'type', 'price'], 'the body follows the 201 response schema');
    assert.equal(evaluateTemplate(document, templateAt('{"id": "$pet.id"'), success).selection?.matchesThisTemplate, true);

    const text = [
      'openapi: 3.0.1', 'paths:', '  /a:', '    get:', '      responses: {}', '      x-amazon-apigateway-integration:', '        type: http', '        uri: https://example.com',
      '        responses:', '          default: {statusCode: "200"}',
      "          '4\\d{2}':", '            statusCode: "400"', '            responseTemplates:', '              application/json: \'{"failed": true}\'',
      "          '5\\d{2}':", '            statusCode: "502"', '            responseTemplates:', '              application/json: \'{"upstream": true}\'',
    ].join('\n');
    const http = parseApiDocument(TextDocument.create('file:///h.yaml', 'yaml', 1, text));
    const failed = findTemplate(http, text.indexOf('"failed"'))!;
    assert.deepEqual(defaultSample(http, failed).backend, { type: 'http', statusCode: 400, body: '{"message": "ok"}' });
    const upstream = findTemplate(http, text.indexOf('"upstream"'))!;
    assert.equal(defaultSample(http, upstream).backend?.statusCode, 502);
    assert.equal(evaluateTemplate(http, upstream, defaultSample(http, upstream)).selection?.matchesThisTemplate, true);
  });

  it('pre-fills a Lambda error for AWS integrations that invoke a function or leave the URI open, a status for other AWS calls', () => {
    const sampleFor = (uri: string) => {
      const text = [
        'openapi: 3.0.1', 'paths:', '  /a:', '    get:', '      responses: {}', '      x-amazon-apigateway-integration:', '        type: aws', `        uri: '${uri}'`,
        '        responses:', '          default: {statusCode: "200"}',
        "          '4\\d{2}':", '            statusCode: "400"', '            responseTemplates:', '              application/json: \'{"failed": true}\'',
      ].join('\n');
      const doc = parseApiDocument(TextDocument.create('file:///l.yaml', 'yaml', 1, text));
      const { type, statusCode, errorMessage } = defaultSample(doc, findTemplate(doc, text.indexOf('"failed"'))!).backend!;
      return { type, statusCode, errorMessage };
    };
    const china = 'arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:1:function:f:live/invocations';
    assert.match(JSON.stringify(sampleFor(china)), /^\{"type":"lambda","errorMessage":"4\d\d"\}$/);
    assert.equal(sampleFor('${stageVariables.uri}').type, 'lambda');
    assert.deepEqual(sampleFor('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions'), { type: 'http', statusCode: 400, errorMessage: undefined });
  });

  it('finds error messages a selection pattern matches', () => {
    assert.equal(exampleOfPattern('.*"type":"InvalidPet".*'), '"type":"InvalidPet"');
    assert.deepEqual(errorMessagesMatching('.*"type":"InvalidPet".*')[0], '{"type":"InvalidPet","message":"Example error message"}');
    assert.deepEqual(errorMessagesMatching('.*Not Found.*'), ['Not Found', 'xNot Foundx']);
    assert.equal(exampleOfPattern('^\\[BadRequest\\] .+'), '[BadRequest] x');
    assert.equal(exampleOfPattern('(Invalid|Bad)[A-Z][a-z]{2,}'), 'InvalidAaa');
    assert.equal(exampleOfPattern('[^a-z]+\\d?'), '0');
    assert.equal(exampleOfPattern('(a)\\1'), undefined, 'back-references are beyond the generator');
    assert.deepEqual(errorMessagesMatching('(\\n|.)*'), ['\n'], 'never the empty message, which means success');
  });

  it('pre-fills a gateway response preview with the $context.error values AWS gives its type', () => {
    const offset = PETSTORE.indexOf('$context.error.messageString');
    const template = findTemplate(document, offset)!;
    assert.equal(template.kind, 'gatewayResponse');
    const sample = defaultSample(document, template);
    const error = (sample.context as { error: Record<string, string> }).error;
    assert.deepEqual(error, gatewayErrorSample('BAD_REQUEST_BODY'));
    assert.equal(error.messageString, '"Invalid request body"');
    assert.match(error.validationErrorString, /"name"/, 'AWS quotes names inside the validation errors');
    const result = evaluateTemplate(document, template, sample);
    assert.equal(result.jsonValid, true, `the example's template stays JSON with AWS's values: ${result.output}`);
    assert.equal(JSON.parse(result.output).message, 'Invalid request body');
    // The template the example used to have: AWS's quoted validation errors inside a JSON string.
    const unescaped = substituteGatewayResponseTemplate('{"message": "$context.error.validationErrorString"}', { error }, {});
    assert.throws(() => JSON.parse(unescaped));
    assert.deepEqual(gatewayErrorSample('DEFAULT_5XX'), { message: 'Internal server error', messageString: '"Internal server error"', responseType: 'API_CONFIGURATION_ERROR', validationErrorString: '' });
  });

  it('checks no JSON when the template did not run or API Gateway answered itself', () => {
    const template = templateAt("#set($pet = $input.path('$'))");
    const rejected = evaluateTemplate(document, template, { body: '{ "name": "x",' });
    assert.equal(rejected.gatewayError?.status, 400);
    assert.equal(rejected.jsonValid, undefined);
    assert.equal(rejected.jsonError, undefined);
    const broken = evaluateStandaloneTemplate('#if(true) {"a": 1}', 'request', {});
    assert.ok(broken.errors.length > 0);
    assert.equal(broken.output, '');
    assert.equal(broken.jsonValid, undefined);
    assert.equal(evaluateStandaloneTemplate('', 'request', {}).jsonError, 'The output is empty.', 'an empty output of a template that ran is still reported');
  });

  it('takes a list in the query string sample as a name sent more than once', () => {
    const result = evaluateStandaloneTemplate('{"last": "$input.params(\'tag\')", "page": "$input.params(\'page\')"}', 'request', { params: { querystring: { tag: ['a', 'b'], page: '2' } } });
    assert.deepEqual(JSON.parse(result.output), { last: 'b', page: '2' });
  });

  it('gives a repeated header in the sample as the local gateway gives it to templates: its values joined', async () => {
    const template = `{"a": "$input.params('X-A')", "lower": "$input.params('x-a')", "cookie": "$input.params('Cookie')", "one": "$input.params('X-B')", "all": "$input.params().header"}`;
    const text = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'repeated', version: '1' },
      paths: {
        '/h': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200', responseTemplates: { 'application/json': template } } },
            },
          },
        },
      },
    });
    const gateway = createLocalGateway(parseApiDocument(TextDocument.create('file:///repeated.json', 'json', 1, text)), {});
    try {
      const served = await gateway.invoke({ method: 'GET', path: '/h', headers: { 'X-B': 'only' }, multiValueHeaders: { 'X-A': ['1', '2'], Cookie: ['a=1', 'b=2'] } });
      assert.equal(served.status, 200, served.body);
      const previewed = evaluateStandaloneTemplate(template, 'response', { params: { header: { 'X-A': ['1', '2'], Cookie: ['a=1', 'b=2'], 'X-B': 'only' } } });
      assert.deepEqual(JSON.parse(previewed.output), JSON.parse(served.body));
      assert.deepEqual(JSON.parse(previewed.output), { a: '1,2', lower: '1,2', cookie: 'a=1; b=2', one: 'only', all: '{X-A=1,2, Cookie=a=1; b=2, X-B=only}' });
    } finally {
      gateway.dispose();
    }
    const unsent = evaluateStandaloneTemplate(`"$input.params().header"`, 'request', { params: { header: { 'X-A': [], 'X-B': ['only'] } } });
    assert.equal(unsent.output, '"{X-B=only}"', 'a header given no value is not sent');
  });

  it('pre-fills declared query names and path parameters from examples, never with a type name', () => {
    const text = [
      'openapi: 3.0.1', 'paths:', '  /pets/{petId}/{kind}:', '    get:', '      parameters:',
      '        - {name: petId, in: path, required: true, schema: {type: string}}',
      '        - {name: kind, in: path, required: true, schema: {type: string, enum: [dog, cat]}}',
      '        - {name: type, in: query, schema: {type: string}}',
      '        - {name: page, in: query, schema: {type: integer, default: 1}}',
      '        - {name: sort, in: query, example: name}',
      '        - {name: tag, in: query, schema: {type: array, items: {type: string, example: small}}}',
      '        - {name: limit, in: query, required: true, schema: {type: integer}}',
      '        - {name: X-Trace, in: header, schema: {type: string}}',
      '      responses: {}',
    ].join('\n');
    const doc = parseApiDocument(TextDocument.create('file:///p.yaml', 'yaml', 1, text));
    let op: Parameters<typeof sampleRequestFor>[1] | undefined;
    forEachOperation(doc, (ref) => (op = ref));
    const sample = sampleRequestFor(doc, op!);
    assert.deepEqual(sample.params.path, { petId: '123', kind: 'dog' });
    assert.deepEqual(sample.params.querystring, { type: '', page: '1', sort: 'name', tag: 'small', limit: 'example' });
    assert.deepEqual(sample.params.header, {}, 'optional headers are not pre-filled: they would all be sent');
  });

  it('follows a parameter schema\'s references to its example, and gives up on a cycle of them', () => {
    const text = [
      'openapi: 3.0.1', 'paths:', '  /pets:', '    get:', '      parameters:',
      "        - {name: kind, in: query, schema: {$ref: '#/components/schemas/Kind'}}",
      "        - {name: tag, in: query, schema: {type: array, items: {$ref: '#/components/schemas/Tag'}}}",
      "        - {name: loop, in: query, schema: {$ref: '#/components/schemas/Loop'}}",
      "        - {name: far, in: query, schema: {$ref: 'other.yaml#/Kind'}}",
      '      responses: {}',
      'components:', '  schemas:',
      "    Kind: {$ref: '#/components/schemas/Animal'}",
      '    Animal: {type: string, enum: [dog, cat]}',
      '    Tag: {type: string, example: small}',
      "    Loop: {type: array, items: {$ref: '#/components/schemas/Loop'}}",
    ].join('\n');
    const doc = parseApiDocument(TextDocument.create('file:///r.yaml', 'yaml', 1, text));
    let op: Parameters<typeof sampleRequestFor>[1] | undefined;
    forEachOperation(doc, (ref) => (op = ref));
    assert.deepEqual(sampleRequestFor(doc, op!).params.querystring, { kind: 'dog', tag: 'small', loop: '', far: '' });
  });

  it('tells when the backend result selects another response than the evaluated one', () => {
    const template = templateAt('#set($error = $util.parseJson');
    const result = evaluateTemplate(document, template, { body: '{}', backend: { type: 'lambda', errorMessage: null } });
    assert.equal(result.selection?.key, 'default');
    assert.equal(result.selection?.matchesThisTemplate, false);
  });

  it('maps template errors back to document offsets', () => {
    const text = 'openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: |\n            {"statusCode": 200}\n            #foreach($i in [1..3]\n';
    const doc = parseApiDocument(TextDocument.create('file:///a.yaml', 'yaml', 1, text));
    const template = findTemplate(doc, text.indexOf('statusCode'))!;
    const result = evaluateTemplate(doc, template, {});
    assert.equal(result.errors[0]?.code, 'syntax', JSON.stringify(result.errors));
    const offset = result.errors[0].offset!;
    assert.equal(doc.textDocument.positionAt(offset).line, 9, `error at ${JSON.stringify(result.errors[0])}`);
  });

  it('substitutes gateway response variables without running directives', () => {
    const output = substituteGatewayResponseTemplate('{"message": "$context.error.messageString", "stage": "${stageVariables.env}", "raw": "#if(true)x#end"}', { error: { messageString: '"Unauthorized"' } }, { env: 'dev' });
    assert.equal(output, '{"message": ""Unauthorized"", "stage": "dev", "raw": "#if(true)x#end"}');
  });

  it('evaluates a standalone template', () => {
    const result = evaluateStandaloneTemplate('{"id": "$input.params(\'id\')", "n": $input.path(\'$.n\')}', 'request', { body: '{"n": 3}', params: { path: { id: '42' } } });
    assert.deepEqual(JSON.parse(result.output), { id: '42', n: 3 });
  });

  it('previews a standalone gateway response template by substitution, not Velocity', () => {
    const result = evaluateStandaloneTemplate('{"stage": "$stageVariables.env"}#if(true)x#end', 'gatewayResponse', { stageVariables: { env: 'dev' } });
    assert.equal(result.kind, 'gatewayResponse');
    assert.equal(result.output, '{"stage": "dev"}#if(true)x#end');
  });

  it('stops a runaway template and says why', () => {
    const result = evaluateStandaloneTemplate('#macro(loop $n)#loop($n)#end#loop(1)', 'request', {}, 300);
    assert.deepEqual(result.errors.map((e) => e.code), ['recursion']);
    assert.match(result.errors[0].message, /calls itself/);
  });

  it('substitutes gateway response variables as the local gateway does: a brace closes only the reference it opened', async () => {
    const error = { messageString: '"Invalid request body"', responseType: 'BAD_REQUEST_BODY' };
    assert.equal(substituteGatewayResponseTemplate('{"message":$context.error.messageString}', { error }, {}), '{"message":"Invalid request body"}');
    assert.equal(substituteGatewayResponseTemplate('{"t":"${context.error.responseType}"}', { error }, {}), '{"t":"BAD_REQUEST_BODY"}');
    const template = '{"message":$context.error.messageString,"type":"${context.error.responseType}","raw":"$context.error.responseType}"}';
    const text = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'gateway responses', version: '1' },
      paths: {},
      'x-amazon-apigateway-gateway-responses': { MISSING_AUTHENTICATION_TOKEN: { statusCode: '404', responseTemplates: { 'application/json': template } } },
    });
    const doc = parseApiDocument(TextDocument.create('file:///gr.json', 'json', 1, text));
    const gateway = createLocalGateway(doc, {});
    try {
      const served = await gateway.invoke({ method: 'GET', path: '/nowhere' });
      const previewed = evaluateTemplate(doc, findTemplate(doc, text.indexOf('$context.error.messageString'))!, { context: { error: gatewayErrorSample('MISSING_AUTHENTICATION_TOKEN') } });
      assert.equal(previewed.output, served.body);
      assert.equal(previewed.jsonValid, true, previewed.output);
    } finally {
      gateway.dispose();
    }
  });

  it('pre-fills a form request template with a URL-encoded body of the declared form, sent as that type', () => {
    const text = [
      'openapi: 3.0.1', 'paths:', '  /pets:', '    post:', '      requestBody:', '        content:',
      '          application/json:', '            schema: {type: object, properties: {name: {type: string, example: Rex}}}',
      '          application/x-www-form-urlencoded:',
      '            schema: {type: object, properties: {name: {type: string, example: Rex Jr}, tags: {type: array, items: {type: string, example: a&b}}, n: {type: integer}}}',
      '      responses: {}', '      x-amazon-apigateway-integration:', '        type: mock', '        requestTemplates:',
      "          application/x-www-form-urlencoded: '{\"form\": \"$input.body\"}'",
      "          application/json: '{\"json\": $input.json(''$'')}'",
      '  /pets/{petId}:', '    get:', '      responses: {}', '      x-amazon-apigateway-integration:', '        type: mock', '        requestTemplates:',
      "          application/json: '{\"get\": 1}'",
    ].join('\n');
    const doc = parseApiDocument(TextDocument.create('file:///form.yaml', 'yaml', 1, text));
    const form = defaultSample(doc, findTemplate(doc, text.indexOf('"form"'))!);
    assert.equal(form.params?.header?.['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(form.body, 'name=Rex+Jr&tags=a%26b&n=1');
    const json = defaultSample(doc, findTemplate(doc, text.indexOf('"json"'))!);
    assert.equal(json.params?.header?.['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(json.body!), { name: 'Rex' });
    const get = defaultSample(doc, findTemplate(doc, text.indexOf('"get"'))!);
    assert.deepEqual(get.params?.header, {}, 'a request without a body carries no Content-Type');
    assert.equal(get.body, '');
  });

  it('pre-fills a Swagger 2 form request template from its formData parameters', () => {
    const text = [
      "swagger: '2.0'", 'consumes: [application/json]', 'paths:', '  /pets:', '    post:', '      consumes: [application/x-www-form-urlencoded]', '      parameters:',
      '        - {name: name, in: formData, type: string, required: true, default: Rex}',
      '        - {name: age, in: formData, type: integer}',
      '        - {name: X-Trace, in: header, type: string}',
      '      responses: {}', '      x-amazon-apigateway-integration:', '        type: mock', '        requestTemplates:',
      "          application/x-www-form-urlencoded: '{\"form\": \"$input.body\"}'",
    ].join('\n');
    const doc = parseApiDocument(TextDocument.create('file:///form2.yaml', 'yaml', 1, text));
    const sample = defaultSample(doc, findTemplate(doc, text.indexOf('"form"'))!);
    assert.equal(sample.params?.header?.['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(sample.body, 'name=Rex&age=1');
  });

  it('takes the operation\'s own Swagger 2 body parameter over its path item\'s', () => {
    const text = [
      "swagger: '2.0'", 'paths:', '  /b/{id}:', '    parameters:',
      '      - {name: payload, in: body, schema: {type: object, properties: {a: {type: string}}}}',
      '    put:', '      parameters:', '        - {name: id, in: path, required: true, type: string}',
      '        - {name: payload2, in: body, schema: {type: object, properties: {b: {type: integer}}}}',
      '      responses: {}',
    ].join('\n');
    const doc = parseApiDocument(TextDocument.create('file:///body.yaml', 'yaml', 1, text));
    let op: Parameters<typeof sampleRequestFor>[1] | undefined;
    forEachOperation(doc, (ref) => (op = ref));
    assert.deepEqual(JSON.parse(sampleRequestFor(doc, op!).body), { b: 1 });
  });

  it('samples an allOf around a string or a number as that value, and merges the objects of one', () => {
    const text = [
      'openapi: 3.0.1', 'paths:', '  /a:', '    post:', '      requestBody:', '        content:', '          application/json:', '            schema:',
      '              type: object', '              properties:',
      "                name: {description: the name, allOf: [{$ref: '#/components/schemas/Name'}]}",
      '                count: {allOf: [{type: integer}, {minimum: 5}]}',
      "                pet: {allOf: [{$ref: '#/components/schemas/Named'}, {type: object, properties: {age: {type: integer}}}]}",
      '      responses: {}',
      'components:', '  schemas:', '    Name: {type: string}', '    Named: {type: object, properties: {name: {type: string, example: Rex}}}',
    ].join('\n');
    const doc = parseApiDocument(TextDocument.create('file:///allof.yaml', 'yaml', 1, text));
    let op: Parameters<typeof sampleRequestFor>[1] | undefined;
    forEachOperation(doc, (ref) => (op = ref));
    assert.deepEqual(JSON.parse(sampleRequestFor(doc, op!).body), { name: 'string', count: 5, pet: { name: 'Rex', age: 1 } });
  });

  it('gives $context.path the request path, path parameters in place, and $context.resourcePath the template', () => {
    const text = [
      'openapi: 3.0.1', 'paths:', '  /pets/{petId}/files/{proxy+}:', '    get:', '      parameters:',
      '        - {name: petId, in: path, required: true, schema: {type: integer, example: 42}}',
      '        - {name: proxy, in: path, required: true, schema: {type: string}}',
      '      responses: {}', '      x-amazon-apigateway-integration:', '        type: mock', '        requestTemplates:',
      "          application/json: '{\"path\": \"$context.path\", \"resourcePath\": \"$context.resourcePath\"}'",
    ].join('\n');
    const doc = parseApiDocument(TextDocument.create('file:///path.yaml', 'yaml', 1, text));
    const template = findTemplate(doc, text.indexOf('"path"'))!;
    const sample = defaultSample(doc, template);
    sample.params!.path!.proxy = 'a/b.txt';
    assert.deepEqual(JSON.parse(evaluateTemplate(doc, template, sample).output), { path: '/prod/pets/42/files/a/b.txt', resourcePath: '/pets/{petId}/files/{proxy+}' });
    const staged = evaluateTemplate(doc, template, { ...sample, context: { stage: 'dev' } });
    assert.equal(JSON.parse(staged.output).path, '/dev/pets/42/files/a/b.txt');
    const given = evaluateTemplate(doc, template, { ...sample, context: { path: '/custom' } });
    assert.equal(JSON.parse(given.output).path, '/custom', 'a path the sample gives stays');
  });

  it('reports a response template that fails as the 500 the local gateway answers', async () => {
    const text = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'failing', version: '1' },
      paths: {
        '/r': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '$util.parseJson("{bad")' } } },
            },
          },
        },
      },
    });
    const doc = parseApiDocument(TextDocument.create('file:///failing.json', 'json', 1, text));
    const template = findTemplate(doc, text.indexOf('$util.parseJson'))!;
    const previewed = evaluateTemplate(doc, template, defaultSample(doc, template));
    assert.ok(previewed.errors.length > 0);
    const gateway = createLocalGateway(doc, {});
    try {
      const served = await gateway.invoke({ method: 'GET', path: '/r' });
      assert.equal(served.status, 500);
      assert.deepEqual(previewed.selection, { key: 'default', status: 500, headers: { 'content-type': 'application/json' }, matchesThisTemplate: true });
    } finally {
      gateway.dispose();
    }
  });

  it('renders a response template once, also for the status and headers it selects', () => {
    const text = [
      'openapi: 3.0.1', 'paths:', '  /r:', '    get:', '      responses: {}', '      x-amazon-apigateway-integration:', '        type: http', '        uri: https://example.com',
      '        responses:', '          default:', '            statusCode: "200"', "            responseParameters: {method.response.header.X-From: \"'backend'\"}",
      '            responseTemplates:',
      "              application/json: '#set($context.responseOverride.status = 202)#set($context.responseOverride.header.X-Set = \"yes\")#foreach($i in [1..1000])#foreach($j in [1..1000])#foreach($k in [1..1000])x#end#end#end'",
    ].join('\n');
    const doc = parseApiDocument(TextDocument.create('file:///slow.yaml', 'yaml', 1, text));
    const template = findTemplate(doc, text.indexOf('#foreach'))!;
    const timeoutMs = 1000;
    const started = performance.now();
    const result = evaluateTemplate(doc, template, defaultSample(doc, template), timeoutMs);
    const elapsed = performance.now() - started;
    assert.deepEqual(result.errors.map((e) => e.code), ['timeout']);
    assert.ok(elapsed < timeoutMs * 1.6, `the evaluation took ${Math.round(elapsed)} ms for a ${timeoutMs} ms budget: the template ran twice`);
    assert.equal(result.selection?.status, 500);

    const quick = text.replace(/#foreach.*#end#end#end/, '{}');
    const quickDoc = parseApiDocument(TextDocument.create('file:///quick.yaml', 'yaml', 1, quick));
    const quickTemplate = findTemplate(quickDoc, quick.indexOf('responseOverride.status'))!;
    const selection = evaluateTemplate(quickDoc, quickTemplate, defaultSample(quickDoc, quickTemplate)).selection;
    assert.deepEqual(selection, { key: 'default', status: 202, headers: { 'X-From': 'backend', 'X-Set': 'yes', 'content-type': 'application/json' }, matchesThisTemplate: true });
  });

  it('offers an evaluate lens on every template and an invoke lens on every operation', () => {
    const lenses = findCodeLenses(document, { invoke: true });
    assert.equal(lenses.filter((l) => l.command?.command === 'apigateway.evaluateTemplate').length, 7);
    assert.equal(lenses.filter((l) => l.command?.command === 'apigateway.invoke.open').length, 5);
  });
});
