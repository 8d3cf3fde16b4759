import assert from 'node:assert/strict';
import { doHover } from '../../../server/src/services/hover';
import { validateDocument } from '../../../server/src/services/validation';
import { parse, withCursor } from './documents';

function hover(marked: string, format: 'yaml' | 'json' = 'yaml') {
  const { document, offset } = withCursor(marked, format);
  const result = doHover(document, offset);
  if (!result) return undefined;
  const range = result.range!;
  return { text: (result.contents as { value: string }).value, covered: document.text.slice(document.textDocument.offsetAt(range.start), document.textDocument.offsetAt(range.end)) };
}

const OP = 'openapi: 3.0.1\npaths:\n  /pets/{id}:\n    get:\n';

describe('hover', () => {
  it('documents an extension key with its AWS page', () => {
    const result = hover(`${OP}      x-amazon-apigateway-in|tegration:\n        type: mock\n`)!;
    assert.equal(result.covered, 'x-amazon-apigateway-integration');
    assert.match(result.text, /^\*\*x-amazon-apigateway-integration\*\*\n\n\*\*The backend integration of this method\.\*\*/);
    assert.match(result.text, /\[AWS documentation\]\(https:\/\/docs\.aws\.amazon\.com\/apigateway\/latest\/developerguide\/api-gateway-swagger-extensions-integration\.html\)$/);
  });

  it('documents the catch-all method key, which stands where operations do, in YAML and JSON', () => {
    const yaml = hover('openapi: 3.0.1\npaths:\n  /pets/{proxy+}:\n    x-amazon-apigateway-any-me|thod:\n      responses: {}\n')!;
    const json = hover('{"openapi": "3.0.1", "paths": {"/pets": {"x-amazon-apigateway-an|y-method": {"responses": {}}}}}', 'json')!;
    for (const result of [yaml, json]) {
      assert.match(result.covered, /^"?x-amazon-apigateway-any-method"?$/);
      assert.match(result.text, /^\*\*x-amazon-apigateway-any-method\*\*\n\n\*\*The catch-all `ANY` method\.\*\*/);
      assert.match(result.text, /\[AWS documentation\]\(https:\/\/docs\.aws\.amazon\.com\/apigateway\/latest\/developerguide\/api-gateway-swagger-extensions-any-method\.html\)$/);
    }
    // Its fields stay documented as the operation's.
    assert.ok(hover('openapi: 3.0.1\npaths:\n  /pets:\n    x-amazon-apigateway-any-method:\n      x-amazon-apigateway-integ|ration: {type: mock}\n')!.text.startsWith('**x-amazon-apigateway-integration**'));
  });

  it('documents a field of an extension object, with its dialect', () => {
    const result = hover(`${OP}      x-amazon-apigateway-integration:\n        payloadFor|matVersion: '2.0'\n`)!;
    assert.equal(result.covered, 'payloadFormatVersion');
    assert.match(result.text, /Only for HTTP APIs/);
    assert.match(result.text, /Values: `1\.0`, `2\.0`/);
  });

  it('documents an enum value written in another letter case', () => {
    const result = hover(`${OP}      x-amazon-apigateway-integration:\n        type: AWS_PR|OXY\n`)!;
    assert.equal(result.covered, 'AWS_PROXY');
    assert.match(result.text, /^\*\*aws_proxy\*\*\n\nLambda proxy integration/);
  });

  it('documents a map key by what the map holds', () => {
    const result = hover(`${OP}      x-amazon-apigateway-integration:\n        requestTemplates:\n          application/j|son: '{}'\n`)!;
    assert.match(result.text, /^\*\*application\/json\*\*\n\nA MIME type/);
  });

  it('documents OpenAPI keys by the object they belong to, with the specification section of the document version', () => {
    const result = hover(`${OP}      operat|ionId: getPet\n`)!;
    assert.equal(result.covered, 'operationId');
    assert.match(result.text, /^\*\*operationId\*\*\n\nA field of the Operation Object \(OpenAPI 3\.0\)\./);
    assert.match(result.text, /\[OpenAPI specification\]\(https:\/\/spec\.openapis\.org\/oas\/v3\.0\.3#operation-object\)$/);
    assert.match(hover('swagger: "2.0"\nbase|Path: /v1\n')!.text, /Swagger Object/);
    assert.match(hover('openapi: 3.0.1\ncomponents:\n  schemas:\n    P:\n      $r|ef: "#/components/schemas/Q"\n')!.text, /Reference Object/);
    assert.equal(hover(`${OP}      x-custom:\n        fie|ld: 1\n`), undefined, 'no OpenAPI field under an unknown extension');
  });

  it('says nothing about extensions the catalog does not know', () => {
    assert.equal(hover(`${OP}      x-amazon-apigateway-unknown:\n        ty|pe: mock\n`), undefined);
    assert.equal(hover(`${OP}      x-amazon-apigateway-unknown:\n        type: mo|ck\n`), undefined);
  });

  it('says nothing inside a mapping template', () => {
    assert.equal(hover(`${OP}      x-amazon-apigateway-integration:\n        requestTemplates:\n          application/json: '{"a": "$inp|ut.body"}'\n`), undefined);
  });

  it('summarises the schema a $ref points to', () => {
    const result = hover('openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      description: A pet.\n      required: [name]\n      properties:\n        name: {type: string}\n        owner: {$ref: "#/components/schemas/Owner"}\n    Owner: {type: object}\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: "#/components/sch|emas/Pet"}\n')!;
    assert.equal(result.covered, '"#/components/schemas/Pet"');
    assert.equal(result.text, '**Pet**: `object`\n\nA pet.\n\n- `name`: string (required)\n- `owner`: Owner');
  });

  it('summarises arrays, formats, enumerations and alternatives of a referenced schema', () => {
    const schemas = '    Pet:\n      type: object\n      properties:\n        born: {type: string, format: date}\n        tags: {type: array, items: {$ref: "#/components/schemas/Tag"}}\n        kind: {type: string, enum: [cat, dog]}\n        home: {oneOf: [{$ref: "#/components/schemas/Flat"}, {type: string}]}\n    Pets: {type: array, items: {$ref: "#/components/schemas/Pet"}}\n    Tag: {type: string}\n    Flat: {type: object}\n';
    const at = (ref: string) => hover(`openapi: 3.0.1\ncomponents:\n  schemas:\n${schemas}paths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: "${ref}"}\n`)!.text;
    assert.equal(at('#/components/schemas/P|et'), '**Pet**: `object`\n\n- `born`: string (date)\n- `tags`: array of Tag\n- `kind`: one of "cat", "dog"\n- `home`: one of Flat, string');
    assert.equal(at('#/components/schemas/Pe|ts'), '**Pets**: `array of Pet`');
    const inside = hover('openapi: 3.0.1\ncomponents:\n  schemas:\n    Foo/Bar: {type: object, properties: {list: {$ref: "#/components/schemas/Pets/items"}, other: {$ref: "#/components/schemas/Foo~1Bar"}}}\n    Pets: {type: array, items: {type: string, format: uuid}}\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: "#/components/schemas/Foo~1B|ar"}\n')!.text;
    assert.equal(inside, '**Foo/Bar**: `object`\n\n- `list`: string (uuid)\n- `other`: Foo/Bar');
  });

  it('summarises a referenced response, request body, parameter and reusable integration', () => {
    const components = 'components:\n  responses:\n    NotFound:\n      description: No such pet.\n      headers: {X-Request-Id: {schema: {type: string}}}\n      content:\n        application/json: {schema: {$ref: "#/components/schemas/Error"}}\n  requestBodies:\n    NewPet:\n      required: true\n      content:\n        application/json: {schema: {type: object}}\n  parameters:\n    Limit: {name: limit, in: query, schema: {type: integer, format: int32}}\n  schemas:\n    Error: {type: object}\n  x-amazon-apigateway-integrations:\n    list:\n      type: aws_proxy\n      httpMethod: POST\n      uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:F/invocations\n';
    const operation = (body: string) => hover(`openapi: 3.0.1\npaths:\n  /a:\n    post:\n${body}${components}`)!.text;
    assert.equal(operation('      responses:\n        "404": {$ref: "#/components/responses/Not|Found"}\n'), '**NotFound**: response\n\nNo such pet.\n\n- `application/json`: Error\n\nHeaders: `X-Request-Id`');
    assert.equal(operation('      requestBody: {$ref: "#/components/requestBodies/New|Pet"}\n      responses: {}\n'), '**NewPet**: request body, required\n\n- `application/json`: object');
    assert.equal(operation('      parameters: [{$ref: "#/components/parameters/Li|mit"}]\n      responses: {}\n'), '**Limit**: query parameter `limit`\n\nType: `integer (int32)`');
    assert.match(operation('      responses: {}\n      x-amazon-apigateway-integration: {$ref: "#/components/x-amazon-apigateway-integrations/li|st"}\n'), /^\*\*list\*\*: `aws_proxy` integration\n\n`POST` `arn:aws:apigateway:us-east-1:lambda:path\/2015-03-31\/functions\/.*:function:F\/invocations`$/);
  });

  it('summarises Swagger 2.0 definitions and responses', () => {
    const text = 'swagger: "2.0"\npaths:\n  /a:\n    get:\n      responses:\n        "404": {$ref: "#/responses/Miss|ing"}\nresponses:\n  Missing:\n    description: Gone.\n    schema: {type: array, items: {$ref: "#/definitions/Error"}}\ndefinitions:\n  Error: {type: object}\n';
    assert.equal(hover(text)!.text, '**Missing**: response\n\nGone.\n\nSchema: array of Error');
  });

  it('shows the declared parameter behind a method.request expression, in JSON', () => {
    const text = '{"swagger": "2.0", "paths": {"/p/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true, "type": "string", "description": "The pet id."}], "x-amazon-apigateway-integration": {"requestParameters": {"integration.request.path.id": "method.request.pa|th.id"}}}}}}';
    const result = hover(text, 'json')!;
    assert.equal(result.text, '**id**: path parameter, required\n\nType: `string`\n\nThe pet id.');
  });

  it('says when a referenced parameter is not declared', () => {
    const result = hover(`${OP}      x-amazon-apigateway-integration:\n        requestParameters:\n          integration.request.header.h: method.request.header.X-Mi|ssing\n`)!;
    assert.equal(result.text, '**X-Missing**: no header parameter of this name is declared on the operation.');
  });

  it('summarises the security scheme a requirement names', () => {
    const schemes = "components:\n  securitySchemes:\n    api_key:\n      type: apiKey\n      name: x-api-key\n      in: header\n    auth:\n      type: apiKey\n      name: Authorization\n      in: header\n      x-amazon-apigateway-authorizer: { type: token }\n";
    const onOperation = hover(`${OP}      security:\n        - api_|key: []\n      responses: {}\n${schemes}`)!;
    assert.equal(onOperation.covered, 'api_key');
    assert.match(onOperation.text, /^\*\*api_key\*\*: security scheme \(`apiKey`, the header `x-api-key`\)/);
    const atRoot = hover(`openapi: 3.0.1\nsecurity:\n  - au|th: []\npaths: {}\n${schemes}`)!;
    assert.match(atRoot.text, /API Gateway authorizer: `token`/);
    assert.match(hover(`openapi: 3.0.1\nsecurity:\n  - mis|sing: []\npaths: {}\n${schemes}`)!.text, /no security scheme of this name is defined in `components\/securitySchemes`/);
  });

  it('summarises a security scheme where it is defined, in OpenAPI 3 and Swagger 2.0', () => {
    const schemes = "components:\n  securitySchemes:\n    au|th:\n      type: apiKey\n      name: Authorization\n      in: header\n      x-amazon-apigateway-authorizer: { type: token }\n";
    const defined = hover(`openapi: 3.0.1\npaths: {}\n${schemes}`)!;
    assert.equal(defined.covered, 'auth');
    assert.match(defined.text, /^\*\*auth\*\*: security scheme \(`apiKey`, the header `Authorization`\)\n\nAPI Gateway authorizer: `token`$/);
    const swagger = hover("swagger: '2.0'\npaths: {}\nsecurityDefinitions:\n  sig|v4: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }\n")!;
    assert.match(swagger.text, /^\*\*sigv4\*\*: security scheme \(`apiKey`, the header `Authorization`\)\n\nAPI Gateway authorization: `awsSigv4`$/);
  });

  it('says what a named request validator checks', () => {
    const text = `openapi: 3.0.1\nx-amazon-apigateway-request-validators:\n  body:\n    validateRequestBody: true\n    validateRequestParameters: false\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: bo|dy\n`;
    const result = hover(text)!;
    assert.equal(result.covered, 'body');
    assert.match(result.text, /^\*\*body\*\*: request validator; validates the request body against its model\./);
    assert.match(hover(text.replace('bo|dy', 'ot|her'))!.text, /no request validator of this name is defined/);
  });

  it('names a response status and the integration responses that answer with it', () => {
    const text = `${OP}      responses:\n        "4|04":\n          description: No such pet\n      x-amazon-apigateway-integration:\n        type: aws\n        responses:\n          ".*not found.*":\n            statusCode: "404"\n          default:\n            statusCode: "200"\n`;
    const result = hover(text)!;
    assert.equal(result.covered, '"404"');
    assert.match(result.text, /^\*\*404\*\* \(Not Found\): method response\n\nNo such pet\n\nIntegration responses answering with it: `\.\*not found\.\*`$/);
  });

  it("names the method response an integration response's status code selects, or says it is missing", () => {
    const text = `${OP}      responses:\n        "404":\n          description: No such pet\n      x-amazon-apigateway-integration:\n        type: aws\n        responses:\n          ".*not found.*":\n            statusCode: "40|4"\n          default:\n            statusCode: 2^00\n`;
    const declared = hover(text.replace('^', ''))!;
    assert.equal(declared.covered, '"404"');
    assert.match(declared.text, /^\*\*404\*\* \(Not Found\): the method response this integration response answers with\n\nNo such pet\n\n\*\*statusCode\*\*/);
    assert.match(declared.text, /api-gateway-swagger-extensions-integration-response\.html\)$/);
    const { document, offset } = withCursor(text.replace('|', ''), 'yaml', '^');
    const missing = (doHover(document, offset)!.contents as { value: string }).value;
    assert.match(missing, /^\*\*200\*\* \(OK\): the operation declares no 200 response, so API Gateway answers 500/);
  });
});

describe('hover links to the AWS page of a field', () => {
  const GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/';
  const link = (text: string | undefined) => /\[AWS documentation\]\((\S+)\)$/.exec(text ?? '')?.[1];

  it('of the extension it belongs to, for a field without a page of its own', () => {
    const integration = `${GUIDE}api-gateway-swagger-extensions-integration.html`;
    for (const field of ['ty|pe: aws', 'httpMe|thod: POST', 'u|ri: https://example.com', 'credenti|als: x', 'connectionT|ype: INTERNET', 'passthroughBeh|avior: never', 'contentHand|ling: CONVERT_TO_TEXT', 'timeoutIn|Millis: 50', 'cacheNames|pace: x', 'payloadForm|atVersion: "1.0"']) {
      assert.equal(link(hover(`${OP}      x-amazon-apigateway-integration:\n        ${field}\n`)?.text), integration, field);
    }
    const authorizer = `${GUIDE}api-gateway-swagger-extensions-authorizer.html`;
    for (const field of ['ty|pe: token', 'authorizerU|ri: x', 'identitySo|urce: x', 'authorizerResultTtl|InSeconds: 300']) {
      assert.equal(link(hover(`openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    a:\n      x-amazon-apigateway-authorizer:\n        ${field}\n`)?.text), authorizer, field);
    }
    assert.equal(link(hover('openapi: 3.0.1\nx-amazon-apigateway-request-validators:\n  all:\n    validateRequest|Body: true\n')?.text), `${GUIDE}api-gateway-swagger-extensions-request-validators.requestValidator.html`);
    assert.ok(link(hover('openapi: 3.0.1\nx-amazon-apigateway-cors:\n  allowMeth|ods: [GET]\n')?.text)?.includes('cors'));
  });

  it('of an enum value, and of the nearest object with a page for a field nested in it', () => {
    assert.equal(link(hover(`${OP}      x-amazon-apigateway-integration:\n        type: aws_pro|xy\n`)?.text), `${GUIDE}api-gateway-swagger-extensions-integration.html`);
    const status = hover(`${OP}      x-amazon-apigateway-integration:\n        responses:\n          default:\n            statusC|ode: "200"\n`)?.text;
    assert.equal(link(status), `${GUIDE}api-gateway-swagger-extensions-integration-response.html`);
    assert.equal(link(hover(`${OP}      x-amazon-apigateway-integration:\n        integrationSub|type: SQS-SendMessage\n`)?.text), `${GUIDE}http-api-develop-integrations-aws-services-reference.html`);
  });
});

describe('hover on an authorizer identity source', () => {
  const scheme = (identitySource: string, authorizer = 'type: request\n        authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:F/invocations') =>
    `openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      parameters: [{name: q, in: query}]\n      security: [{a: []}]\n      responses: {'200': {description: ok}}\ncomponents:\n  securitySchemes:\n    a:\n      type: apiKey\n      name: Unused\n      in: header\n      x-amazon-apigateway-authorizer:\n        ${authorizer}\n        identitySource: ${identitySource}\n`;

  it('describes only the source under the cursor of a comma-separated list, as a value of the request', () => {
    const result = hover(scheme('method.request.header.Authorization, method.request.query|string.q'))!;
    assert.equal(result.covered, 'method.request.querystring.q');
    assert.match(result.text, /^\*\*method\.request\.querystring\.q\*\*\n\nThe `q` query string parameter\./);
    assert.match(result.text, /identity source of this authorizer/);
    assert.doesNotMatch(result.text, /declared|operation/);
    const first = hover(scheme('method.request.header.Auth|orization, method.request.querystring.q'))!;
    assert.equal(first.covered, 'method.request.header.Authorization');
    assert.match(first.text, /The `Authorization` request header\./);
  });

  it('reads the HTTP API forms and the context and stage variables, in quotes too', () => {
    assert.equal(hover(scheme('"$request.header.Authorization,$context.req|uestId"'))!.covered, '$context.requestId');
    assert.match(hover(scheme("'$request.header.Auth|orization, $stageVariables.key'"))!.text, /The `Authorization` request header\./);
    assert.match(hover(scheme('stageVariables.ke|y'))!.text, /stage variable `key`/);
  });

  it('says what forms an identity source takes when a source is none of them', () => {
    const result = hover(scheme('method.request.body.to|ken'))!;
    assert.equal(result.covered, 'method.request.body.token');
    assert.match(result.text, /Not an identity source API Gateway reads/);
  });

  it('says a context variable API Gateway does not define is none', () => {
    const result = hover(scheme('context.bo|gus'))!;
    assert.equal(result.text, '**context.bogus**\n\n`bogus` is not a context variable API Gateway defines, so it reads nothing.');
  });

  it('describes the multi-valued REST sources that validation accepts', () => {
    const header = hover(scheme('method.request.multivalueheader.Au|th, context.x'))!;
    assert.equal(header.covered, 'method.request.multivalueheader.Auth');
    assert.match(header.text, /^\*\*method\.request\.multivalueheader\.Auth\*\*\n\nThe `Auth` request header, every value comma-separated\.\n\nAn identity source of this authorizer/);
    assert.match(hover(scheme('method.request.multivaluequerystring.|q'))!.text, /The `q` query string parameter, every value comma-separated\./);
  });

  it('gives the answer validation gives about each source, in one dialect or the other', async () => {
    const sources = [
      'method.request.header.A', 'method.request.querystring.q', 'method.request.multivalueheader.A', 'method.request.multivaluequerystring.q',
      'stageVariables.key', 'context.requestId', '$request.header.A', '$request.querystring.q', '$context.requestId', '$stageVariables.key',
      'method.request.body.token', '$request.multivalueheader.A', 'stageVariables.a-b', 'request.header.A', 'method.request.path.id',
    ];
    for (const source of sources) {
      const text = scheme(`'${source}'`);
      const described = /identity source of this authorizer/.test(hover(text.replace(source, `${source.slice(0, 3)}|${source.slice(3)}`))!.text);
      let accepted = false;
      for (const dialect of ['rest', 'http'] as const) {
        const findings = await validateDocument(parse(text), { settings: { dialect } });
        accepted ||= !findings.some((d) => d.code === 'invalid-identity-source');
      }
      assert.equal(described, accepted, source);
    }
  });
});
