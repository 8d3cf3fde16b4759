import assert from 'node:assert/strict';
import { InsertTextMode, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';
import type { Dialect } from '../../../server/src/model/dialect';
import { applyEdits, complete, parse } from './documents';
import { validateDocument } from '../../../server/src/services/validation';

function accept(marked: string, label: string, format: 'yaml' | 'json' = 'yaml', dialect: Dialect = 'rest'): string {
  const { document, items } = complete(marked, format, dialect);
  return applyEdits(document, [itemOf(items, label).textEdit as TextEdit]).replace('$0', '');
}

const OP = 'openapi: 3.0.1\npaths:\n  /pets/{id}:\n    get:\n';

/** The text after accepting an item, its snippet placeholders replaced by their first value, as the editor leaves it. */
function acceptSnippet(document: ReturnType<typeof parse>, item: CompletionItem): string {
  const text = applyEdits(document, [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]);
  return text.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '');
}

function itemOf(items: CompletionItem[], label: string): CompletionItem {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return item;
}

/** For lists where only demoted items carry a sortText: the others sort by their label, as the editor sorts them. */
function bySortTextOrLabel(a: CompletionItem, b: CompletionItem): number {
  return (a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : 1;
}

/** Labels in sortText order; the default comparison expects every item to have a sortText. */
function sortedLabels(items: CompletionItem[], compare = (a: CompletionItem, b: CompletionItem) => a.sortText!.localeCompare(b.sortText!)): string[] {
  return [...items].sort(compare).map((i) => i.label);
}

describe('completion', () => {
  describe('extension keys', () => {
    it("leaves out the fields the object's type does not read, and ranks them last under a type AWS does not know", () => {
      const cognito = complete('openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    pool:\n      x-amazon-apigateway-authorizer:\n        type: cognito_user_pools\n        |\n');
      assert.ok(cognito.labels.includes('providerARNs') && !cognito.labels.includes('authorizerUri'), cognito.labels.join(', '));
      const unknown = complete('openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    pool:\n      x-amazon-apigateway-authorizer:\n        type: cognito\n        |\n');
      const order = sortedLabels(unknown.items, bySortTextOrLabel);
      assert.ok(order.indexOf('identitySource') < order.indexOf('authorizerUri'), order.join(', '));
      assert.equal(itemOf(unknown.items, 'authorizerUri').detail, 'Ignored when type is cognito');
      const proxy = complete(`${OP}      x-amazon-apigateway-integration:\n        type: aws_proxy\n        |\n`);
      assert.ok(!proxy.labels.includes('requestTemplates') && !proxy.labels.includes('responses'), proxy.labels.join(', '));
      const mock = complete(`${OP}      x-amazon-apigateway-integration:\n        type: mock\n        |\n`);
      assert.equal(itemOf(mock.items, 'requestTemplates').detail, itemOf(complete(`${OP}      x-amazon-apigateway-integration:\n        |\n`).items, 'requestTemplates').detail);
    });

    it('offers operation extensions while the key is typed on a line of its own', () => {
      const { labels } = complete(`${OP}      x-amaz|\n      responses: {}\n`);
      assert.deepEqual(labels.filter((l) => l.startsWith('x-') && !l.includes(': ')), ['x-amazon-apigateway-auth', 'x-amazon-apigateway-integration', 'x-amazon-apigateway-request-validator']);
    });

    it('offers only the HTTP API extensions of the root in an HTTP API', () => {
      const { labels } = complete('openapi: 3.0.1\n|\npaths: {}\n', 'yaml', 'http');
      assert.ok(labels.includes('x-amazon-apigateway-cors'));
      assert.ok(!labels.includes('x-amazon-apigateway-gateway-responses'));
    });

    describe('in an OpenAPI 3 definition nothing yet tells the dialect of', () => {
      const HTTP_ROOT = ['x-amazon-apigateway-cors', 'x-amazon-apigateway-importexport-version'];
      /** The items for HTTP APIs sort after every item the inferred REST dialect offers, and say whom they are for. */
      const assertHttpAfterRest = (items: CompletionItem[], http: string[]) => {
        const order = sortedLabels(items, bySortTextOrLabel);
        const added = items.filter((i) => i.detail?.startsWith('For HTTP APIs'));
        assert.deepEqual(added.map((i) => i.label).sort(), [...http].sort(), order.join(', '));
        assert.deepEqual(order.slice(order.length - http.length).sort(), [...http].sort(), order.join(', '));
      };

      it('offers the root extensions of HTTP APIs after those of REST APIs, in YAML and JSON', () => {
        assertHttpAfterRest(complete("openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-i|\npaths: {}\n", 'yaml', 'auto').items, HTTP_ROOT);
        const json = complete('{"openapi": "3.0.1", "x-amazon-apigateway-c|"}', 'json', 'auto');
        assertHttpAfterRest(json.items, HTTP_ROOT);
        assert.equal(itemOf(json.items, 'x-amazon-apigateway-cors').detail, 'For HTTP APIs: CORS configuration of an HTTP API');
      });

      it("offers an HTTP API integration's fields and snippets after the REST ones", () => {
        const fields = complete(`${OP}      x-amazon-apigateway-integration:\n        |\n`, 'yaml', 'auto').items;
        assertHttpAfterRest(fields, ['$ref', 'integrationSubtype', 'payloadFormatVersion', 'responseParameters']);
        const operation = complete(`${OP}      |\n`, 'yaml', 'auto').items;
        const snippets = sortedLabels(operation, bySortTextOrLabel).filter((l) => l.startsWith('x-amazon-apigateway-integration: '));
        assert.deepEqual(snippets.slice(-2), ['x-amazon-apigateway-integration: Lambda proxy, payload 2.0 (AWS_PROXY)', 'x-amazon-apigateway-integration: HTTP proxy (HTTP_PROXY)']);
        assert.deepEqual(complete(`${OP}      x-amazon-apigateway-integration:\n        type: |\n`, 'yaml', 'auto').labels, ['aws', 'aws_proxy', 'http', 'http_proxy', 'mock'], 'a value both spell once');
      });

      it('offers only the dialect something decides: what only REST reads, the dialect setting, Swagger 2.0', async () => {
        const root = (text: string, dialect: Dialect | 'auto' = 'auto') => complete(text, 'yaml', dialect).labels;
        assert.ok(!root('openapi: 3.0.1\nx-amazon-apigateway-request-validators: {}\nx-amazon-apigateway-c|\n').includes('x-amazon-apigateway-cors'));
        assert.ok(!root('openapi: 3.0.1\nx-amazon-apigateway-c|\n', 'rest').includes('x-amazon-apigateway-cors'));
        assert.ok(!root('swagger: "2.0"\nx-amazon-apigateway-c|\n').includes('x-amazon-apigateway-cors'));
        // A text that parses: the service reads the dialect from it rather than leave completion to infer.
        const text = 'openapi: 3.0.1\npaths: {}\n';
        const labels = async (settings?: { dialect: 'rest' }) => (await createLanguageService().doComplete(TextDocument.create('file:///a.yaml', 'yaml', 1, text), { line: 2, character: 0 }, settings)).items.map((i) => i.label);
        assert.ok((await labels()).includes('x-amazon-apigateway-cors'), 'the language service infers');
        assert.ok(!(await labels({ dialect: 'rest' })).includes('x-amazon-apigateway-cors'), 'the setting decides');
      });
    });

    it('leaves out extensions already present', () => {
      const { labels } = complete(`${OP}      x-amazon-apigateway-auth: {type: NONE}\n      |\n`);
      assert.ok(!labels.includes('x-amazon-apigateway-auth'));
      assert.ok(labels.includes('x-amazon-apigateway-integration'));
    });

    it('inserts an object-valued key with its value on the next line', () => {
      const result = accept('openapi: 3.0.1\nx-amazon-apigateway-req|\n', 'x-amazon-apigateway-request-validators');
      assert.equal(result, 'openapi: 3.0.1\nx-amazon-apigateway-request-validators:\n  \n');
    });

    it('completes a key in JSON inside an unclosed string', () => {
      const { document, items } = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-in|\n}}}}', 'json');
      const item = items.find((i) => i.label === 'x-amazon-apigateway-integration')!;
      assert.equal(applyEdits(document, [item.textEdit as TextEdit]).replace('$0', ''), '{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {}\n}}}}');
    });

    it('replaces only the name when an existing key is edited', () => {
      const result = accept(`${OP}      x-amazon-apigateway-r|th: {type: NONE}\n`, 'x-amazon-apigateway-auth');
      assert.equal(result, `${OP}      x-amazon-apigateway-auth: {type: NONE}\n`);
      const json = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-r|": {}}}}}', 'json');
      assert.equal((json.items.find((i) => i.label === 'x-amazon-apigateway-auth')!.textEdit as TextEdit).newText, '"x-amazon-apigateway-auth"');
      assert.ok(!json.labels.some((l) => l.includes(': ')), 'no whole-integration snippets in place of a key');
    });

    it('leaves a comment after the key being typed alone, a colon in it included', () => {
      const result = accept(`${OP}      x-amaz| # note: add later\n      responses: {}\n`, 'x-amazon-apigateway-integration');
      assert.match(result, /\n {6}x-amazon-apigateway-integration:\n\s+# note: add later\n/);
      assert.deepEqual((parse(result).value as any).paths['/pets/{id}'].get, { 'x-amazon-apigateway-integration': null, responses: {} });
    });

    it('completes keys in a document with CRLF line ends', () => {
      const { labels } = complete('openapi: 3.0.1\r\npaths:\r\n  /a:\r\n    get:\r\n      x-a|\r\n      responses: {}\r\n');
      assert.ok(labels.includes('x-amazon-apigateway-integration'));
    });

    it('completes keys in an empty JSON object', () => {
      const { labels } = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {|}}}}', 'json');
      assert.ok(labels.includes('x-amazon-apigateway-integration'));
    });

    it('offers gateway response types as keys', () => {
      const { labels } = complete('openapi: 3.0.1\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX: {statusCode: "400"}\n  |\n');
      assert.ok(labels.includes('UNAUTHORIZED'));
      assert.ok(!labels.includes('DEFAULT_4XX'));
    });
  });

  describe('fields', () => {
    it('offers the fields of the integration not yet written', () => {
      const { labels } = complete(`${OP}      x-amazon-apigateway-integration:\n        type: aws_proxy\n        |\n`, 'yaml', 'rest');
      assert.ok(labels.includes('uri'));
      assert.ok(labels.includes('httpMethod'));
      assert.ok(!labels.includes('type'));
      assert.ok(!labels.includes('payloadFormatVersion'), 'HTTP API field in a REST API');
    });

    it('offers the fields of an integration response', () => {
      const { labels } = complete(`${OP}      x-amazon-apigateway-integration:\n        responses:\n          default:\n            st|\n`);
      assert.deepEqual(labels, ['statusCode', 'responseTemplates', 'responseParameters', 'contentHandling']);
    });

    it('offers the mapping fields of an integration in REST APIs only: HTTP APIs have only proxy integrations', () => {
      const integration = `${OP}      x-amazon-apigateway-integration:\n        |\n`;
      const http = complete(integration, 'yaml', 'http').labels;
      assert.ok(!http.includes('requestTemplates') && !http.includes('responses'), http.join(', '));
      const rest = complete(integration).labels;
      assert.ok(rest.includes('requestTemplates') && rest.includes('responses'), rest.join(', '));
    });

    it('offers JSON fields with a trailing comma when another property follows', () => {
      const { document, items } = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {|\n "type": "http"}}}}}', 'json');
      const item = items.find((i) => i.label === 'uri')!;
      assert.equal(applyEdits(document, [item.textEdit as TextEdit]), '{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"uri": "$0",\n "type": "http"}}}}}');
    });
  });

  describe('fields an integration type reads', () => {
    const fields = (type: string, dialect: Dialect = 'rest') => complete(`${OP}      x-amazon-apigateway-integration:\n        type: ${type}\n        |\n`, 'yaml', dialect).labels;

    it('leaves out what proxy integrations pass through unmapped, and what only HTTP backends or proxies read', () => {
      for (const type of ['aws_proxy', 'AWS_PROXY', 'http_proxy']) {
        const labels = fields(type);
        assert.ok(!labels.includes('requestTemplates') && !labels.includes('responses'), `${type}: ${labels.join(', ')}`);
        assert.ok(labels.includes('responseTransferMode') && labels.includes('uri'), type);
      }
      assert.ok(!fields('aws_proxy').includes('tlsConfig'));
      assert.ok(fields('http_proxy').includes('tlsConfig'));
      const mock = fields('mock');
      assert.ok(!mock.includes('tlsConfig') && !mock.includes('responseTransferMode'), mock.join(', '));
      assert.ok(mock.includes('requestTemplates') && mock.includes('responses') && mock.includes('passthroughBehavior'), mock.join(', '));
      assert.ok(!fields('aws').includes('responseTransferMode'));
    });

    it('leaves out what only a backend call reads from a MOCK integration, and the service action from an HTTP_PROXY one', () => {
      const mock = fields('MOCK');
      for (const unread of ['httpMethod', 'uri', 'credentials', 'connectionType', 'connectionId']) assert.ok(!mock.includes(unread), `${unread}: ${mock.join(', ')}`);
      for (const type of ['aws', 'http']) assert.ok(['httpMethod', 'uri', 'credentials', 'connectionType'].every((f) => fields(type).includes(f)), type);
      const proxy = fields('HTTP_PROXY', 'http');
      assert.ok(!proxy.includes('integrationSubtype') && proxy.includes('uri'), proxy.join(', '));
      // An HTTP API calls an HTTP backend without AWS credentials; a REST API's HTTP_PROXY may sign with them.
      assert.ok(!proxy.includes('credentials') && fields('HTTP_PROXY').includes('credentials'), proxy.join(', '));
      assert.ok(fields('AWS_PROXY', 'http').includes('credentials'));
    });

    it('offers every field while the type is not one AWS knows, and only the dialect\'s fields in an HTTP API', () => {
      assert.ok(fields('aws_prox').includes('requestTemplates'));
      const http = fields('AWS_PROXY', 'http');
      assert.ok(http.includes('payloadFormatVersion') && http.includes('integrationSubtype'), http.join(', '));
      assert.ok(!http.includes('tlsConfig') && !http.includes('passthroughBehavior') && !http.includes('contentHandling'), http.join(', '));
      assert.ok(fields('HTTP_PROXY', 'http').includes('tlsConfig'));
    });

    it('offers the $ref of a reusable integration only in an empty integration, and nothing beside one', () => {
      const integration = (body: string, format: 'yaml' | 'json' = 'yaml') =>
        format === 'json'
          ? complete(`{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {${body}}}}}}`, 'json', 'http').labels
          : complete(`${OP}      x-amazon-apigateway-integration:\n${body}`, 'yaml', 'http').labels;
      assert.ok(integration('        |\n').includes('$ref'));
      assert.ok(integration('|', 'json').includes('$ref'), 'JSON');
      const typed = integration('        type: AWS_PROXY\n        |\n');
      assert.ok(typed.includes('uri') && !typed.includes('$ref'), typed.join(', '));
      assert.deepEqual(integration("        $ref: '#/components/x-amazon-apigateway-integrations/fn'\n        |\n"), []);
      assert.deepEqual(integration('"$ref": "#/components/x-amazon-apigateway-integrations/fn", |', 'json'), []);
    });
  });

  describe('integration response keys', () => {
    const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations';
    const keys = (fields: string) => complete(`${OP}      x-amazon-apigateway-integration:\n${fields}        responses:\n          |\n`).items;
    const doc = (item: CompletionItem) => (item.documentation as { value: string }).value;

    it('offers status code patterns for HTTP and mock integrations, saying they match the status code', () => {
      for (const type of ['http', 'MOCK']) {
        const items = keys(`        type: ${type}\n`);
        assert.deepEqual(items.map((i) => i.label), ['default', '2\\d{2}', '4\\d{2}', '5\\d{2}'], type);
        assert.equal(itemOf(items, '2\\d{2}').detail, 'Status codes 200 to 299');
        assert.match(doc(itemOf(items, '4\\d{2}')), /^Matched against the status code of the integration response\./);
      }
      const service = keys('        type: aws\n        uri: arn:aws:apigateway:us-east-1:s3:path/bucket/key\n');
      assert.ok(!service.some((i) => i.label === '.*Error.*'), 'an AWS service answers with a status code');
    });

    it("offers errorMessage patterns for a Lambda custom integration, whose successes only default catches", () => {
      const items = keys(`        type: aws\n        uri: ${LAMBDA_URI}\n`);
      assert.deepEqual(items.map((i) => i.label), ['default', '.*Error.*', '.+']);
      assert.equal(itemOf(items, 'default').detail, 'Successful calls, and errors no other key matches');
      assert.match(doc(itemOf(items, '.*Error.*')), /^Matched against the Lambda function's errorMessage\./);
      const json = complete(`{"openapi": "3.0.1", "paths": {"/a": {"post": {"x-amazon-apigateway-integration": {"type": "aws", "uri": "${LAMBDA_URI}", "responses": {"default": {"statusCode": "200"}, |}}}}}}`, 'json');
      assert.deepEqual(json.labels, ['.*Error.*', '.+']);
    });

    it('offers both kinds while the backend is not known, and none to a proxy integration', () => {
      const open = keys('        type: aws\n');
      assert.deepEqual(open.map((i) => i.label), ['default', '2\\d{2}', '4\\d{2}', '5\\d{2}', '.*Error.*', '.+']);
      assert.equal(itemOf(open, 'default').detail, 'What no other key matches, and successful Lambda calls');
      assert.deepEqual(keys('        type: http_proxy\n').map((i) => i.label), []);
    });
  });

  describe('fields an authorizer type reads', () => {
    const authorizer = (type: string, dialect: Dialect, format: 'yaml' | 'json' = 'yaml') =>
      format === 'yaml'
        ? `openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  securitySchemes:\n    a:\n      type: ${type === 'jwt' ? 'oauth2' : 'apiKey'}\n      name: Authorization\n      in: header\n      x-amazon-apigateway-authorizer:\n        type: ${type}\n        |\n`
        : `{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"securitySchemes": {"a": {"type": "${type === 'jwt' ? 'oauth2' : 'apiKey'}", "name": "Authorization", "in": "header", "x-amazon-apigateway-authorizer": {"type": "${type}", |}}}}}`;

    it('offers only the fields the type reads, which then draw no authorizer-field-not-applicable', async () => {
      const cases: [string, Dialect, string[]][] = [
        ['cognito_user_pools', 'rest', ['identitySource', 'authorizerResultTtlInSeconds', 'providerARNs']],
        ['token', 'rest', ['authorizerUri', 'authorizerCredentials', 'identitySource', 'identityValidationExpression', 'authorizerResultTtlInSeconds']],
        ['request', 'rest', ['authorizerUri', 'authorizerCredentials', 'identitySource', 'authorizerResultTtlInSeconds']],
        ['REQUEST', 'rest', ['authorizerUri', 'authorizerCredentials', 'identitySource', 'authorizerResultTtlInSeconds']],
        ['request', 'http', ['authorizerUri', 'authorizerCredentials', 'identitySource', 'authorizerResultTtlInSeconds', 'authorizerPayloadFormatVersion', 'enableSimpleResponses']],
        // JWT authorizers cache nothing: the apigatewayv2 reference has the TTL for Lambda authorizers only.
        ['jwt', 'http', ['identitySource', 'jwtConfiguration']],
      ];
      for (const [type, dialect, expected] of cases) {
        for (const format of ['yaml', 'json'] as const) {
          const { document, items, labels } = complete(authorizer(type, dialect, format), format, dialect);
          assert.deepEqual(labels, expected, `${type} in ${dialect}, ${format}`);
          for (const item of items) {
            const findings = await validateDocument(parse(acceptSnippet(document, item), format), { settings: { dialect } });
            assert.deepEqual(findings.filter((f) => f.code === 'authorizer-field-not-applicable').map((f) => f.message), [], `${type} in ${dialect}, ${format}: ${item.label}`);
          }
        }
      }
    });
  });

  describe('resource policy', () => {
    it('offers the policy language version and the effects of a statement, in a list or alone', () => {
      const policy = (body: string) => complete(`openapi: 3.0.1\nx-amazon-apigateway-policy:\n${body}`).labels;
      assert.deepEqual(policy('  Version: |\n'), ['2012-10-17', '2008-10-17']);
      assert.deepEqual(policy('  Statement:\n    - Effect: |\n'), ['Allow', 'Deny']);
      assert.deepEqual(policy('  Statement:\n    Effect: |\n'), ['Allow', 'Deny']);
      const keys = policy('  Statement:\n    - Effect: Allow\n      |\n');
      assert.ok(['Principal', 'Action', 'Resource', 'Condition'].every((k) => keys.includes(k)) && !keys.includes('Effect'), keys.join(', '));
    });
  });

  describe('values in the form of the dialect', () => {
    const SCHEME = 'components:\n  securitySchemes:\n    auth:\n      type: apiKey\n      name: Authorization\n      in: header\n      x-amazon-apigateway-authorizer:\n        type: request\n        identitySource: |\n';

    it('offers the identity sources of the document\'s dialect only', () => {
      const rest = ['method.request.header.Authorization', 'method.request.header.', 'method.request.querystring.', 'stageVariables.', 'context.',
        'method.request.multivalueheader.', 'method.request.multivaluequerystring.'];
      const http = ['$request.header.Authorization', '$request.header.', '$request.querystring.', '$context.', '$stageVariables.'];
      assert.deepEqual(complete(`openapi: 3.0.1\n${SCHEME}`).labels, rest);
      assert.deepEqual(complete(`openapi: 3.0.1\n${SCHEME}`, 'yaml', 'http').labels, http);
      const swagger = `swagger: '2.0'\n${SCHEME.replace('components:\n  securitySchemes:', 'securityDefinitions:').replace(/\n {2}/g, '\n')}`;
      assert.deepEqual(complete(swagger, 'yaml', 'auto').labels, rest);
      const inferredHttp = `openapi: 3.0.1\nx-amazon-apigateway-importexport-version: '1.0'\n${SCHEME}`;
      assert.deepEqual(complete(inferredHttp, 'yaml', 'auto').labels, http);
    });

    it('writes case-insensitive values as the document already does, else as the dialect\'s pages do', () => {
      const second = (first: string, dialect: Dialect) =>
        complete(`${OP}      x-amazon-apigateway-integration:\n        type: ${first}\n  /b:\n    get:\n      x-amazon-apigateway-integration:\n        type: |\n`, 'yaml', dialect).labels;
      assert.deepEqual(second('aws_proxy', 'http'), ['aws_proxy', 'http_proxy']);
      assert.deepEqual(second('HTTP_PROXY', 'rest'), ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK']);
      assert.deepEqual(second('Aws_Proxy', 'http'), ['AWS_PROXY', 'HTTP_PROXY']);
      assert.deepEqual(complete(`${OP}      x-amazon-apigateway-integration:\n        type: |\n`).labels, ['aws', 'aws_proxy', 'http', 'http_proxy', 'mock']);
      const schemaType = `${OP}      parameters:\n        - {name: a, in: query, schema: {type: HTTP}}\n      x-amazon-apigateway-integration:\n        type: |\n`;
      assert.deepEqual(complete(schemaType).labels, ['aws', 'aws_proxy', 'http', 'http_proxy', 'mock'], 'a schema type is not an integration type');
    });

    it('offers no values of REST-only fields in an HTTP API', () => {
      for (const field of ['passthroughBehavior', 'contentHandling']) {
        assert.deepEqual(complete(`${OP}      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n        ${field}: |\n`, 'yaml', 'http').labels, [], field);
        assert.ok(complete(`${OP}      x-amazon-apigateway-integration:\n        type: http_proxy\n        ${field}: |\n`).labels.length > 1, field);
      }
    });
  });

  describe('security requirements of an HTTP API', () => {
    const SCHEMES = 'components:\n  securitySchemes:\n    jwtAuth: {type: openIdConnect, openIdConnectUrl: "https://example.com"}\n    keyAuth: {type: apiKey, name: k, in: header}\n';

    it('offers a scheme for the first requirement only, and no second scheme in it', () => {
      const second = `openapi: 3.0.1\n${SCHEMES}paths:\n  /a:\n    get:\n      security:\n        - jwtAuth: []\n        - |\n`;
      assert.deepEqual(complete(second, 'yaml', 'http').labels, []);
      assert.deepEqual(complete(second).labels, ['jwtAuth', 'keyAuth']);
      const first = `openapi: 3.0.1\n${SCHEMES}paths:\n  /a:\n    get:\n      security:\n        - |\n`;
      assert.deepEqual(complete(first, 'yaml', 'http').labels, ['jwtAuth', 'keyAuth']);
      const both = `openapi: 3.0.1\n${SCHEMES}security:\n  - jwtAuth: []\n    |\n`;
      assert.deepEqual(complete(both, 'yaml', 'http').labels, []);
      assert.deepEqual(complete(both).labels, ['keyAuth']);
    });
  });

  describe('enum values', () => {
    it('offers integration types with their docs, in the letter case typed', () => {
      const { items } = complete(`${OP}      x-amazon-apigateway-integration:\n        type: AW|\n`);
      assert.deepEqual(items.map((i) => i.label), ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK']);
      assert.match(String((items[1].documentation as { value: string }).value), /Lambda proxy/);
      assert.deepEqual((items[1].textEdit as TextEdit).newText, 'AWS_PROXY');
    });

    it('offers only the types an HTTP API accepts, in the upper case of the HTTP API pages', () => {
      const { labels } = complete(`${OP}      x-amazon-apigateway-integration:\n        type: |\n`, 'yaml', 'http');
      assert.deepEqual(labels, ['AWS_PROXY', 'HTTP_PROXY']);
    });

    it('offers the values right after a YAML key and its colon, with the space YAML needs before them', () => {
      const block = `${OP}      x-amazon-apigateway-integration:\n        type:|\n`;
      const { items, document } = complete(block);
      assert.deepEqual(items.map((i) => i.label), complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type":|}}}}}', 'json').labels);
      assert.equal(applyEdits(document, [itemOf(items, 'http_proxy').textEdit as TextEdit]), block.replace('|', ' http_proxy'));
      const flow = complete(`${OP}      x-amazon-apigateway-integration: {type:|}\n`);
      assert.deepEqual(flow.items.map((i) => (i.textEdit as TextEdit).newText), [' aws', ' aws_proxy', ' http', ' http_proxy', ' mock']);
      assert.deepEqual(complete(`${OP}      x-amazon-apigateway-integration:\n        timeoutInMillis: 1\n        uri:|\n`).labels.filter((l) => !l.includes('://') && !l.startsWith('arn:')), [], 'no other keys');
      assert.deepEqual(complete(`${OP}      x-amazon-apigateway-integration:|\n`).labels, []);
    });

    it('still offers the keys whose name runs on past a colon typed', () => {
      const { labels } = complete(`${OP}      x-amazon-apigateway-integration:\n        type: http_proxy\n        requestParameters:\n          overwrite:|\n`, 'yaml', 'http');
      assert.deepEqual(labels, ['overwrite:header.', 'overwrite:querystring.', 'overwrite:path']);
    });

    it('keeps the quote the user opened, in JSON', () => {
      const { items } = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"passthroughBehavior": "wh|"}}}}}', 'json');
      assert.deepEqual(items.map((i) => (i.textEdit as TextEdit).newText), ['"when_no_match"', '"when_no_templates"', '"never"']);
    });

    it('offers the values of a list of scalars on a `- ` line, as in a flow list', () => {
      const binary = 'openapi: 3.0.1\nx-amazon-apigateway-binary-media-types:\n  - ima|\npaths: {}\n';
      assert.deepEqual(complete(binary).labels, ['*/*', 'image/*', 'application/octet-stream']);
      assert.match(accept(binary, '*/*'), /\n {2}- '\*\/\*'\n/);
      const methods = (list: string) => complete(`openapi: 3.0.1\nx-amazon-apigateway-cors:\n  allowMethods:${list}\npaths: {}\n`, 'yaml', 'http').labels;
      assert.deepEqual(methods('\n    - |'), methods(' [|]'));
      assert.ok(methods(' [|]').includes('GET'));
      assert.deepEqual(complete('swagger: "2.0"\nschemes:\n  - |\npaths: {}\n').labels, ['http', 'https', 'ws', 'wss']);
      assert.ok(complete(`${OP}      parameters:\n        - |\n`).labels.includes('name'), 'a list of objects takes keys');
    });

    it('quotes a version that YAML would read as a number', () => {
      const { items } = complete(`${OP}      x-amazon-apigateway-integration:\n        payloadFormatVersion: |\n`, 'yaml', 'http');
      assert.deepEqual(items.map((i) => (i.textEdit as TextEdit).newText), ["'1.0'", "'2.0'"]);
    });

    describe('values the integration type rules out', () => {
      const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
      const yaml = (fields: string[], field: string) => `${OP}      x-amazon-apigateway-integration:\n${fields.map((f) => `        ${f}\n`).join('')}        ${field}: |\n`;
      const json = (fields: string[], field: string) =>
        `{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {${fields.map((f) => f.replace(/^(\w+): (.*)$/, '"$1": "$2"')).join(', ')}, "${field}": |}}}}}`;
      /** What each offered value leaves after accepting it: the findings of `code`, which none may add. */
      const offeredAndFound = async (fields: string[], field: string, dialect: Dialect, code: string) => {
        const found: string[] = [];
        const offered: string[][] = [];
        for (const [format, marked] of [['yaml', yaml(fields, field)], ['json', json(fields, field)]] as const) {
          const { document, items } = complete(marked, format, dialect);
          offered.push(items.map((i) => i.label));
          for (const item of items) {
            const findings = await validateDocument(parse(applyEdits(document, [item.textEdit as TextEdit]), format), { settings: { dialect } });
            found.push(...findings.filter((f) => f.code === code).map((f) => `${format} ${item.label}: ${f.message}`));
          }
        }
        assert.deepEqual(offered[0], offered[1], 'the same in YAML and JSON');
        return { offered: offered[0], found };
      };

      it('offers payload format 2.0 only to a Lambda proxy integration of an HTTP API', async () => {
        const cases: [string[], string[]][] = [
          [['type: HTTP_PROXY', 'httpMethod: ANY', 'uri: https://example.com/'], ['1.0']],
          [['type: AWS_PROXY', 'integrationSubtype: SQS-SendMessage'], ['1.0']],
          [['type: AWS_PROXY', 'httpMethod: POST', `uri: ${LAMBDA_ARN}`], ['1.0', '2.0']],
        ];
        for (const [fields, expected] of cases) {
          const { offered, found } = await offeredAndFound(fields, 'payloadFormatVersion', 'http', 'invalid-payload-format-version');
          assert.deepEqual(offered, expected, fields.join(', '));
          assert.deepEqual(found, [], fields.join(', '));
        }
      });

      it('offers response streaming only to proxy integrations', async () => {
        const cases: [string[], string[]][] = [
          [['type: aws', 'httpMethod: POST', 'uri: arn:aws:apigateway:us-east-1:sqs:path/1/q'], ['BUFFERED']],
          [['type: http', 'httpMethod: GET', 'uri: https://example.com/'], ['BUFFERED']],
          [['type: mock'], ['BUFFERED']],
          [['type: http_proxy', 'httpMethod: GET', 'uri: https://example.com/'], ['BUFFERED', 'STREAM']],
        ];
        for (const [fields, expected] of cases) {
          const { offered, found } = await offeredAndFound(fields, 'responseTransferMode', 'rest', 'invalid-transfer-mode');
          assert.deepEqual(offered, expected, fields.join(', '));
          assert.deepEqual(found, [], fields.join(', '));
        }
      });

      it('offers POST alone to an integration that invokes a Lambda function, and first to a Lambda proxy', async () => {
        const invocation = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${LAMBDA_ARN}/invocations`;
        const all = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'];
        const cases: [string[], Dialect, string[], string | undefined][] = [
          [['type: aws', `uri: ${invocation}`], 'rest', ['POST'], 'POST'],
          [['type: aws_proxy', `uri: ${invocation}`], 'rest', ['POST'], 'POST'],
          [['type: AWS_PROXY', `uri: ${LAMBDA_ARN}`], 'http', ['POST'], 'POST'],
          [['type: aws_proxy'], 'rest', ['POST', ...all.filter((m) => m !== 'POST')], 'POST'],
          [['type: aws', 'uri: arn:aws:apigateway:us-east-1:sqs:path/1/q'], 'rest', all, undefined],
          [['type: http', 'uri: https://example.com/'], 'rest', all, undefined],
        ];
        for (const [fields, dialect, expected, preselected] of cases) {
          const { offered, found } = await offeredAndFound(fields, 'httpMethod', dialect, 'lambda-http-method-not-post');
          assert.deepEqual(offered, expected, fields.join(', '));
          assert.deepEqual(found, [], fields.join(', '));
          for (const [format, marked] of [['yaml', yaml(fields, 'httpMethod')], ['json', json(fields, 'httpMethod')]] as const) {
            const { items } = complete(marked, format, dialect);
            assert.deepEqual(items.filter((i) => i.preselect).map((i) => i.label), preselected ? [preselected] : [], `${format} ${fields.join(', ')}`);
            assert.equal(sortedLabels(items, bySortTextOrLabel)[0], preselected ?? 'ANY', `${format} ${fields.join(', ')}`);
          }
        }
      });

      it('reads a reusable integration of an HTTP API as one of an operation', () => {
        const marked = 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  x-amazon-apigateway-integrations:\n    backend:\n      type: HTTP_PROXY\n      httpMethod: ANY\n      uri: https://example.com/\n      payloadFormatVersion: |\n';
        assert.deepEqual(complete(marked, 'yaml', 'http').labels, ['1.0']);
      });
    });
  });

  describe('OpenAPI fields and values', () => {
    it('ranks last, and says so, the schema keywords a REST API model does not support', async () => {
      const unsupported = ['discriminator', 'exclusiveMinimum', 'example', 'readOnly', 'deprecated'];
      const MODEL = 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    X:\n      type: object\n';
      for (const marked of [`${MODEL}      |\n`, `${MODEL}      properties:\n        p:\n          |\n`, `${MODEL}      allOf:\n        - |\n`]) {
        const { items } = complete(marked);
        const order = sortedLabels(items);
        const firstUnsupported = Math.min(...unsupported.map((k) => order.indexOf(k)));
        assert.deepEqual(order.slice(firstUnsupported).sort(), [...unsupported].sort(), marked);
        for (const keyword of unsupported) assert.equal(itemOf(items, keyword).detail, 'OpenAPI 3.0; not supported in API Gateway models');
        assert.equal(itemOf(items, 'maximum').detail, 'OpenAPI 3.0');
      }
      // The items are the keys validation reports.
      const written = complete(`${MODEL}      |\n`).items.filter((i) => unsupported.includes(i.label)).map((i) => `${i.label}: ${i.label === 'discriminator' ? '{propertyName: t}' : i.label === 'exclusiveMinimum' ? 'true\n      minimum: 0' : i.label === 'example' ? '{}' : 'true'}`);
      const found = (await createLanguageService().doValidation(TextDocument.create('file:///m.yaml', 'yaml', 1, `${MODEL}${written.map((w) => `      ${w}\n`).join('')}`))).filter((d) => d.code === 'unsupported-schema-keyword');
      assert.equal(found.length, unsupported.length);
      const swagger = complete('swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\ndefinitions:\n  X:\n    type: object\n    |\n');
      assert.match(itemOf(swagger.items, 'readOnly').detail!, /not supported in API Gateway models$/);
      assert.equal(itemOf(complete(`${MODEL}      |\n`, 'yaml', 'http').items, 'discriminator').detail, 'OpenAPI 3.0');
    });

    it('offers the fields of an operation not yet written, required ones first, beside the extensions', () => {
      const { items, labels } = complete(`${OP}      summary: s\n      |\n`);
      for (const field of ['operationId', 'parameters', 'requestBody', 'responses', 'tags', 'x-amazon-apigateway-integration']) assert.ok(labels.includes(field), field);
      assert.ok(!labels.includes('summary'), 'already written');
      const responses = items.find((i) => i.label === 'responses')!;
      assert.equal(responses.detail, 'OpenAPI 3.0, required');
      assert.ok(responses.sortText! < items.find((i) => i.label === 'operationId')!.sortText!);
      // An object value opens on the next line, a list with its first item, a string after the colon.
      assert.equal((responses.textEdit as TextEdit).newText, 'responses:\n        $0');
      assert.equal((items.find((i) => i.label === 'tags')!.textEdit as TextEdit).newText, 'tags:\n        - $0');
      assert.equal((items.find((i) => i.label === 'operationId')!.textEdit as TextEdit).newText, 'operationId: $0');
    });

    it('follows the schema of the document version into parameters, schemas and the root', () => {
      const parameter = complete('swagger: "2.0"\npaths:\n  /a:\n    get:\n      parameters:\n        - name: id\n          |\n').labels;
      assert.ok(parameter.includes('in') && parameter.includes('collectionFormat') && !parameter.includes('name'), parameter.join(', '));
      const schema = complete('openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet:\n      |\n').labels;
      assert.ok(schema.includes('properties') && schema.includes('nullable') && schema.includes('$ref'), schema.join(', '));
      const root = complete('openapi: 3.1.0\n|\n').labels;
      assert.ok(root.includes('webhooks') && root.includes('info'), root.join(', '));
      assert.deepEqual(complete('openapi: 3.0.1\npaths:\n  |\n').labels.filter((l) => !l.startsWith('x-')), [], 'path keys are the author’s own');
    });

    it('offers the values the schema lists', () => {
      assert.deepEqual(complete(`${OP}      parameters:\n        - in: |\n`).labels, ['path', 'query', 'header', 'cookie']);
      assert.deepEqual(complete('openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet:\n      type: |\n').labels, ['array', 'boolean', 'integer', 'number', 'object', 'string']);
      const { items } = complete('{"openapi": "3.0.1", "components": {"securitySchemes": {"s": {"type": "o|"}}}}', 'json');
      assert.deepEqual(items.map((i) => (i.textEdit as TextEdit).newText), ['"apiKey"', '"http"', '"oauth2"', '"openIdConnect"']);
    });

    it('links each field to the section of its object in the specification of the document version', () => {
      const docOf = (marked: string, label: string) => String((complete(marked).items.find((i) => i.label === label)!.documentation as { value: string }).value);
      assert.match(docOf(`${OP}      |\n`, 'requestBody'), /Operation Object \(OpenAPI 3\.0\)[\s\S]*\(https:\/\/spec\.openapis\.org\/oas\/v3\.0\.3#operation-object\)/);
      assert.match(docOf('openapi: 3.1.0\npaths:\n  /a:\n    |\n', 'summary'), /Path Item Object[\s\S]*v3\.1\.0#path-item-object/);
      assert.match(docOf('swagger: "2.0"\n|\n', 'basePath'), /Swagger Object[\s\S]*swagger\.io\/specification\/v2\/#swagger-object/);
      assert.match(docOf('openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    s:\n      |\n', 'bearerFormat'), /Security Scheme Object/);
    });

    it('decides between the schema alternatives by what the object already holds', () => {
      const styles = (location: string) => complete(`${OP}      parameters:\n        - name: id\n          in: ${location}\n          style: |\n`).labels;
      assert.deepEqual(styles('path'), ['matrix', 'label', 'simple']);
      assert.deepEqual(styles('query'), ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);
      assert.deepEqual(complete(`${OP}      parameters:\n        - name: id\n          in: query\n          required: |\n`).labels, ['true', 'false']);
      const http = complete('openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    s:\n      type: http\n      |\n').labels;
      assert.ok(http.includes('scheme') && !http.includes('flows') && !http.includes('summary'), http.join(', '));
      const parameter = complete('openapi: 3.1.0\npaths:\n  /a:\n    get:\n      parameters:\n        - name: a\n          in: query\n          |\n').labels;
      assert.ok(parameter.includes('style') && parameter.includes('explode') && !parameter.includes('summary'), parameter.join(', '));
      const response = complete(`${OP}      responses:\n        "200":\n          headers: {}\n          |\n`).items.find((i) => i.label === 'description')!;
      assert.equal(response.detail, 'OpenAPI 3.0, required');
    });

    it('does not take a required parameter for a path parameter before its location is written', () => {
      const locations = (head: string) => complete(`${head}paths:\n  /a:\n    get:\n      parameters:\n        - name: h1\n          in: |\n          required: true\n`).labels;
      assert.deepEqual([...locations('swagger: "2.0"\n')].sort(), ['body', 'formData', 'header', 'path', 'query']);
      assert.deepEqual(locations('openapi: 3.0.1\n'), ['path', 'query', 'header', 'cookie']);
      assert.deepEqual(locations('openapi: 3.1.0\n'), ['query', 'header', 'path', 'cookie']);
      const styles = complete(`${OP}      parameters:\n        - name: h1\n          required: true\n          style: |\n`).labels;
      assert.ok(styles.includes('form') && styles.includes('matrix'), styles.join(', '));
      const header = complete(`${OP}      parameters:\n        - name: h1\n          in: header\n          required: true\n          style: |\n`).labels;
      assert.deepEqual(header, ['simple'], 'a written location still decides');
      const withSchema = complete(`${OP}      parameters:\n        - name: h1\n          in: |\n          required: true\n          schema: { type: string }\n`).labels;
      assert.deepEqual(withSchema, ['path', 'query', 'header', 'cookie']);
    });

    it('ranks first the discriminating values whose branch takes the keys already written beside them', () => {
      const ranked = (marked: string, format: 'yaml' | 'json' = 'yaml') => {
        const { items } = complete(marked, format);
        return { all: items.map((i) => i.label), first: items.filter((i) => i.sortText?.startsWith('0')).map((i) => i.label), sorted: items.every((i) => i.sortText !== undefined) };
      };
      const oauth30 = ranked('openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    s:\n      type: |\n      flows: {}\n');
      assert.deepEqual(oauth30.first, ['oauth2']);
      assert.deepEqual(oauth30.all, ['apiKey', 'http', 'oauth2', 'openIdConnect'], 'the others stay on offer');
      assert.deepEqual(ranked('openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    s:\n      type: |\n      flows:\n        implicit: {}\n').first, ['oauth2']);
      assert.deepEqual(ranked('openapi: 3.1.0\ncomponents:\n  securitySchemes:\n    s:\n      type: |\n      scheme: bearer\n').first, ['http']);
      assert.deepEqual(ranked('{"swagger": "2.0", "securityDefinitions": {"s": {"type": "|", "authorizationUrl": "https://auth"}}}', 'json').first, ['oauth2']);
      const parameter = (neighbour: string) => ranked(`swagger: "2.0"\npaths:\n  /a:\n    post:\n      parameters:\n        - name: b\n          in: |\n          ${neighbour}\n`);
      assert.deepEqual(parameter('schema: { type: object }').first, ['body']);
      assert.deepEqual(parameter('type: string').first, ['header', 'formData', 'query', 'path']);
      const undecided = parameter('description: d');
      assert.ok(!undecided.sorted && undecided.all.length === 5, 'neighbours every value takes leave the order alone');
      assert.ok(!ranked(`${OP}      parameters:\n        - in: |\n`).sorted);
      assert.ok(!ranked('openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    s:\n      type: |\n      bogus: 1\n').sorted, 'a key no value takes decides nothing');
    });

    it('leaves out keys that would break a rule of the schema beside what is written', () => {
      const param = (written: string) => complete(`${OP}      parameters:\n        - name: q\n          in: query\n          ${written}\n          |\n`).labels;
      assert.ok(!param('schema: { type: string }').includes('content'), 'schema and content exclude each other');
      const withContent = param('content: { application/json: { schema: { type: string } } }');
      assert.ok(!withContent.includes('schema') && !withContent.includes('style') && !withContent.includes('examples'), withContent.join(', '));
      assert.ok(!param('examples: {}').includes('example'));
      const link = complete('openapi: 3.0.1\ncomponents:\n  links:\n    L:\n      operationRef: "#/paths/~1a/get"\n      |\n').labels;
      assert.ok(!link.includes('operationId') && link.includes('parameters'), link.join(', '));
      const parameter31 = complete('openapi: 3.1.0\npaths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n          schema: { type: string }\n          |\n').labels;
      assert.ok(!parameter31.includes('content'), parameter31.join(', '));
      const body = complete('swagger: "2.0"\npaths:\n  /a:\n    post:\n      parameters:\n        - name: b\n          in: body\n          schema: { type: object }\n          |\n').labels;
      assert.deepEqual(body.filter((l) => !l.startsWith('x-')), ['description', 'required']);
    });

    it('knows the methods of a path item, the operation under the ANY method and the 2.0 schema keywords', () => {
      const pathItem = complete('openapi: 3.0.1\npaths:\n  /a:\n    |\n').labels;
      assert.ok(['get', 'post', 'parameters', 'x-amazon-apigateway-any-method'].every((l) => pathItem.includes(l)), pathItem.join(', '));
      const anyMethod = complete('openapi: 3.0.1\npaths:\n  /a:\n    x-amazon-apigateway-any-method:\n      |\n').labels;
      assert.ok(anyMethod.includes('responses') && anyMethod.includes('requestBody'), anyMethod.join(', '));
      assert.ok(complete('swagger: "2.0"\ndefinitions:\n  P:\n    type: |\n').labels.includes('object'));
      assert.ok(complete('swagger: "2.0"\npaths:\n  /a:\n    get:\n      responses:\n        |\n').labels.includes('default'));
      assert.deepEqual(complete('openapi: 3.0.1\ncomponents:\n  schemas:\n    P:\n      additionalProperties: |\n').labels, ['true', 'false']);
      const required = complete('swagger: "2.0"\ndefinitions:\n  P:\n    |\n').items.find((i) => i.label === 'required')!;
      assert.equal((required.textEdit as TextEdit).newText, 'required:\n      - $0');
      // Draft 4's `type` is a name or a list of them: the name, the usual case, goes after the colon.
      const type = complete('swagger: "2.0"\ndefinitions:\n  P:\n    |\n').items.find((i) => i.label === 'type')!;
      assert.equal((type.textEdit as TextEdit).newText, 'type: $0');
    });

    it('sorts required OpenAPI keys first, then API Gateway extensions, then the other OpenAPI keys', () => {
      const { items } = complete(`${OP}      summary: s\n      |\n`);
      const order = sortedLabels(items);
      assert.equal(order[0], 'responses');
      assert.ok(order.indexOf('x-amazon-apigateway-integration') < order.indexOf('operationId'), order.join(', '));
    });

    it('offers nothing of OpenAPI in a document of no known version', () => {
      assert.deepEqual(complete('openapi: 4.0.0\ninfo:\n  |\n').labels, []);
    });
  });

  describe('integration snippets', () => {
    it('inserts a Lambda proxy integration in YAML at the operation indentation', () => {
      const result = accept(`${OP}      x-amazon-apigateway-i|\n`, 'x-amazon-apigateway-integration: Lambda proxy (aws_proxy)');
      assert.equal(
        result,
        `${OP}      x-amazon-apigateway-integration:\n        type: aws_proxy\n        httpMethod: POST\n        uri: 'arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:FUNCTION_NAME/invocations'\n        passthroughBehavior: when_no_match\n`,
      );
      assert.equal(parse(result).problems.length, 0);
    });

    it('inserts a mock integration whose template and status code read back as strings', () => {
      const result = accept(`${OP}      |\n`, 'x-amazon-apigateway-integration: Mock (mock)');
      const integration = (parse(result).value as any).paths['/pets/{id}'].get['x-amazon-apigateway-integration'];
      assert.deepEqual(integration, { type: 'mock', requestTemplates: { 'application/json': '{"statusCode": 200}' }, responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{}' } } } });
    });

    it('inserts every REST snippet in JSON as valid JSON', () => {
      const marked = '{\n  "openapi": "3.0.1",\n  "paths": {\n    "/a": {\n      "get": {\n        "|"\n      }\n    }\n  }\n}';
      const { document, items } = complete(marked, 'json');
      const snippets = items.filter((i) => i.label.startsWith('x-amazon-apigateway-integration: '));
      assert.equal(snippets.length, 5);
      for (const snippet of snippets) {
        const text = applyEdits(document, [snippet.textEdit as TextEdit]);
        assert.doesNotThrow(() => JSON.parse(text), text);
      }
      const aws = applyEdits(document, [snippets.find((s) => s.label.includes('(aws)'))!.textEdit as TextEdit]);
      assert.match(aws, /\n {8}"x-amazon-apigateway-integration": \{\n {10}"type": "aws",\n/);
      assert.equal(JSON.parse(aws).paths['/a'].get['x-amazon-apigateway-integration'].responses.default.statusCode, '200');
    });

    it('offers the payload 2.0 Lambda integration in HTTP APIs', () => {
      const result = accept(`${OP}      |\n`, 'x-amazon-apigateway-integration: Lambda proxy, payload 2.0 (AWS_PROXY)', 'yaml', 'http');
      const integration = (parse(result).value as any).paths['/pets/{id}'].get['x-amazon-apigateway-integration'];
      assert.equal(integration.payloadFormatVersion, '2.0');
    });
  });

  describe('references to what the document declares', () => {
    const PARAMS = `${OP}      parameters:\n        - {name: id, in: path, required: true}\n        - {name: q, in: query}\n        - {name: X-Trace, in: header}\n`;

    it('offers declared path parameters after method.request.path.', () => {
      const { labels } = complete(`${PARAMS}      x-amazon-apigateway-integration:\n        requestParameters:\n          integration.request.path.id: method.request.path.|\n`);
      assert.deepEqual(labels, ['method.request.path.id']);
    });

    it('offers every declared parameter for an empty value, then the other sources', () => {
      const { labels } = complete(`${PARAMS}      x-amazon-apigateway-integration:\n        requestParameters:\n          integration.request.header.h: |\n`);
      assert.deepEqual(labels, ['method.request.path.id', 'method.request.querystring.q', 'method.request.header.X-Trace', 'method.request.body', 'method.request.body.', 'method.request.multivalueheader.', 'method.request.multivaluequerystring.', "'static'", 'stageVariables.', 'context.']);
    });

    it('offers integration request keys for declared parameters', () => {
      const result = accept(`${PARAMS}      x-amazon-apigateway-integration:\n        requestParameters:\n          |\n`, 'integration.request.querystring.q');
      assert.match(result, /\n {10}integration\.request\.querystring\.q: method\.request\.querystring\.q\n$/);
    });

    it('offers request validator names', () => {
      const { labels } = complete('swagger: "2.0"\nx-amazon-apigateway-request-validators:\n  all: {}\n  params-only: {}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-request-validator: |\n');
      assert.deepEqual(labels, ['all', 'params-only']);
    });

    it('offers security scheme names in a requirement', () => {
      const { labels, items } = complete('openapi: 3.0.1\ncomponents:\n  securitySchemes:\n    api_key: {type: apiKey, name: x-api-key, in: header}\n    lambda: {type: apiKey, name: Authorization, in: header}\npaths:\n  /a:\n    get:\n      security:\n        - l|\n');
      assert.deepEqual(labels, ['api_key', 'lambda']);
      assert.equal((items[1].textEdit as TextEdit).newText, 'lambda: []');
    });

    it('offers the operation\'s status codes for an integration response', () => {
      const { items, labels } = complete(`${OP}      responses:\n        '200': {description: ok}\n        404: {description: missing}\n      x-amazon-apigateway-integration:\n        responses:\n          default:\n            statusCode: |\n`);
      assert.deepEqual(labels.slice(0, 2), ['200', '404']);
      assert.ok(items.slice(0, 2).every((i) => i.detail === 'Method response' && i.sortText! < items[2].sortText!));
      assert.equal(items.find((i) => i.label === '500')!.detail, 'Internal Server Error: no method response declares it yet');
    });

    it('offers the common status codes to an integration response of an operation that declares none', () => {
      const { items, labels } = complete(`${OP}      x-amazon-apigateway-integration:\n        type: http\n        responses:\n          default:\n            statusCode: |\n`);
      assert.deepEqual(labels.slice(0, 4), ['200', '201', '202', '204']);
      assert.equal((items[0].textEdit as TextEdit).newText, "'200'");
    });

    it('offers schema targets for a $ref, quoted in YAML', () => {
      const { items } = complete('openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet: {type: object}\n    Error: {type: object}\npaths:\n  /a:\n    get:\n      responses:\n        \'200\':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: |\n');
      assert.deepEqual(items.map((i) => (i.textEdit as TextEdit).newText), ["'#/components/schemas/Pet'", "'#/components/schemas/Error'"]);
    });

    it('offers only schemas for a $ref in a schema combinator or keyword, and only headers for a response header', () => {
      const components = (header: string, schemas: string) => `openapi: 3.0.1\npaths: {}\ncomponents:\n  parameters:\n    P: {name: p, in: query}\n  headers:\n    H: {schema: {type: string}}\n  responses:\n    R:\n      description: r\n      headers:\n        X-A:\n          $ref: ${header}\n  schemas:\n    Pet: {type: object}\n${schemas}`;
      for (const body of ['      oneOf:\n        - $ref: |\n', '      allOf: [{$ref: |}]\n', '      not:\n        $ref: |\n', '      additionalProperties:\n        $ref: |\n', '      items:\n        $ref: |\n']) {
        assert.deepEqual(complete(components("'#/components/headers/H'", `    X:\n${body}`)).labels, ['#/components/schemas/Pet', '#/components/schemas/X'], body);
      }
      assert.deepEqual(complete(components('|', '')).labels, ['#/components/headers/H']);
      assert.deepEqual(complete('swagger: "2.0"\npaths: {}\nparameters:\n  P: {name: p, in: query, type: string}\ndefinitions:\n  Pet: {type: object}\n  X:\n    allOf:\n      - $ref: |\n').labels, ['#/definitions/Pet', '#/definitions/X']);
    });

    it('offers 2.0 definitions for a $ref being typed in an unclosed quote', () => {
      const { labels } = complete('swagger: "2.0"\ndefinitions:\n  Pet: {type: object}\npaths:\n  /a:\n    post:\n      parameters:\n        - in: body\n          name: body\n          schema:\n            $ref: \'#/d|\n');
      assert.deepEqual(labels, ['#/definitions/Pet']);
    });

    it('offers $ref targets inside a YAML flow mapping, closed or still open, and replaces the quoted word', () => {
      const base = "openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet: {type: object}\n    Error: {type: object}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n";
      for (const line of ["              schema: {$ref: '#/comp|'}\n", "              schema: {$ref: '#/comp|\n", '              schema: {$ref: |}\n']) {
        const { items } = complete(base + line);
        assert.deepEqual(items.map((i) => (i.textEdit as TextEdit).newText), ["'#/components/schemas/Pet'", "'#/components/schemas/Error'"], line);
      }
      assert.match(accept(`${base}              schema: {$ref: '#/comp|'}\n`, '#/components/schemas/Pet'), /schema: \{\$ref: '#\/components\/schemas\/Pet'\}\n$/);
    });

    it('offers fields and enum values inside a flow mapping, one-line items only', () => {
      const keys = complete(`${OP}      x-amazon-apigateway-integration: {ty|}\n`);
      assert.ok(keys.labels.includes('type'));
      assert.ok(keys.items.every((i) => !(i.textEdit as TextEdit).newText.includes('\n')));
      const values = complete(`${OP}      x-amazon-apigateway-integration: {type: mock, passthroughBehavior: |}\n`);
      assert.deepEqual(values.labels, ['when_no_match', 'when_no_templates', 'never']);
    });

    it('offers what the location of a documentation part can name: paths, their methods and codes, models, authorizers, parameters, headers', () => {
      const api = [
        "swagger: '2.0'",
        'securityDefinitions:',
        '  lambda: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authorizer: {type: token}}',
        '  key: {type: apiKey, name: x-api-key, in: header}',
        'definitions:',
        '  Pet: {type: object}',
        'paths:',
        '  /pets/{id}:',
        '    parameters: [{name: id, in: path, required: true, type: string}]',
        '    get:',
        '      parameters: [{name: q, in: query, type: string}, {name: X-Trace, in: header, type: string}]',
        "      responses: {'200': {description: ok, headers: {X-Rate: {type: string}}}, default: {description: error}}",
        '    x-amazon-apigateway-any-method:',
        "      responses: {'200': {description: ok}}",
        '  /health: {}',
        'x-amazon-apigateway-documentation:',
        '  documentationParts:',
        '    - location:',
        '',
      ].join('\n');
      const location = (lines: string) => complete(`${api}${lines.split('\n').map((l) => `        ${l}\n`).join('')}`);
      assert.deepEqual(location('type: METHOD\npath: |').labels, ['/pets/{id}', '/health']);
      const methods = location('type: METHOD\npath: /pets/{id}\nmethod: |');
      assert.deepEqual(methods.labels, ['GET', 'ANY', '*']);
      assert.equal((methods.items[2].textEdit as TextEdit).newText, "'*'");
      assert.equal(methods.items[2].sortText, '~');
      assert.deepEqual(location('type: METHOD\nmethod: |').labels, ['*']);
      assert.deepEqual(location('type: RESPONSE\npath: /pets/{id}\nmethod: get\nstatusCode: |').labels, ['200', '*']);
      assert.deepEqual(location('type: MODEL\nname: |').labels, ['Pet']);
      assert.deepEqual(location('type: AUTHORIZER\nname: |').labels, ['lambda']);
      assert.deepEqual(location('type: QUERY_PARAMETER\npath: /pets/{id}\nmethod: GET\nname: |').labels, ['q']);
      assert.deepEqual(location('type: PATH_PARAMETER\npath: /pets/{id}\nmethod: GET\nname: |').labels, ['id']);
      assert.deepEqual(location('type: RESPONSE_HEADER\npath: /pets/{id}\nmethod: GET\nstatusCode: "200"\nname: |').labels, ['X-Rate']);
      assert.deepEqual(location('type: |').labels.slice(0, 2), ['API', 'AUTHORIZER']);
      const json = complete('{"openapi": "3.0.1", "paths": {"/a": {}}, "x-amazon-apigateway-documentation": {"documentationParts": [{"location": {"type": "RESOURCE", "path": "|"}}]}}', 'json');
      assert.deepEqual(json.items.map((i) => (i.textEdit as TextEdit).newText), ['"/a"']);
    });

    it('offers reusable integrations for an integration $ref in an HTTP API only: a REST import drops them', () => {
      const text = 'openapi: 3.0.1\ncomponents:\n  x-amazon-apigateway-integrations:\n    backend: {type: HTTP_PROXY}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        $ref: |\n';
      assert.deepEqual(complete(text, 'yaml', 'http').labels, ['#/components/x-amazon-apigateway-integrations/backend']);
      assert.deepEqual(complete(text, 'yaml', 'rest').labels, []);
    });
  });

  it('offers the same items while a line is typed in an open document as for the text parsed afresh', async () => {
    const items = (count: number) => Array.from({ length: count }, (_, i) => `  /r${i}:\n    get:\n      summary: s${i}\n      responses: { "200": { description: ok } }\n`).join('');
    const text = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${items(30)}components: {}\n`;
    const service = createLanguageService();
    const document = TextDocument.create('file:///big.yaml', 'yaml', 1, text);
    await service.doValidation(document);
    const at = text.indexOf('\n      responses', text.indexOf('/r17:'));
    const typed = ['\n', 'x', '-', 'a', 'm'];
    let current = text;
    let cursor = at;
    for (const [i, piece] of typed.entries()) {
      current = current.slice(0, cursor) + piece + current.slice(cursor);
      cursor += piece.length;
      if (piece === '\n') {
        current = current.slice(0, cursor) + '      ' + current.slice(cursor);
        cursor += 6;
      }
      TextDocument.update(document, [{ text: current }], i + 2);
      const position = document.positionAt(cursor);
      if (piece !== '\n') assert.equal(service.parse(document).root, undefined, 'a half-typed key leaves no tree');
      const fresh = TextDocument.create('file:///big.yaml', 'yaml', 1, current);
      assert.deepEqual(await service.doComplete(document, position), await createLanguageService().doComplete(fresh, position), `after typing ${JSON.stringify(current.slice(at, cursor))}`);
    }
    const last = (await service.doComplete(document, document.positionAt(cursor))).items.map((i) => i.label);
    assert.ok(last.includes('x-amazon-apigateway-integration'), last.join(', '));
  });

  it('offers keys in a JSON path item edited in an open document as for the text parsed afresh', async () => {
    const text = JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`/r${i}`, { get: { summary: `s${i}`, responses: { '200': { description: 'ok' } } } }])) }, null, 2);
    const service = createLanguageService();
    const document = TextDocument.create('file:///big.json', 'json', 1, text);
    await service.doValidation(document);
    const at = text.indexOf('"summary": "s9"') ;
    const current = `${text.slice(0, at)}"x-am"${text.slice(at)}`.replace('"x-am""summary"', '"x-am"\n        "summary"');
    TextDocument.update(document, [{ text: current }], 2);
    const position = document.positionAt(at + 5);
    const items = await service.doComplete(document, position);
    assert.deepEqual(items, await createLanguageService().doComplete(TextDocument.create('file:///big.json', 'json', 1, current), position));
    assert.ok(items.items.some((i) => i.label === 'x-amazon-apigateway-integration'));
  });

  it('answers at the very start of a document that begins with a blank line', async () => {
    for (const [uri, language, text] of [['file:///a.json', 'json', '\n{}'], ['file:///a.yaml', 'yaml', '\nopenapi: 3.0.1\n']]) {
      const result = await createLanguageService().doComplete(TextDocument.create(uri, language, 1, text), { line: 0, character: 0 });
      assert.ok(Array.isArray(result.items));
    }
  });

  it('offers HTTP API response mapping keys under a status code of the integration', () => {
    const { labels } = complete("openapi: 3.0.1\nx-amazon-apigateway-importexport-version: '1.0'\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n        type: http_proxy\n        responseParameters:\n          '200':\n            |\n", 'yaml', 'http');
    assert.deepEqual(labels, ['append:header.', 'overwrite:header.', 'remove:header.', 'overwrite:statuscode']);
  });

  describe('status codes of an operation\'s responses', () => {
    const INTEGRATION = '      x-amazon-apigateway-integration:\n        type: http\n        responses:\n          default: {statusCode: "200"}\n          "4\\\\d{2}": {statusCode: "418"}\n';

    it('offers first the codes the integration returns, then common ones, each with its description', () => {
      const { items, document } = complete(`${OP}      responses:\n        |\n${INTEGRATION}`);
      const sorted = sortedLabels(items);
      assert.deepEqual(sorted.slice(0, 4), ['200', '418', '201', '202']);
      assert.equal(sorted[sorted.length - 1], 'default');
      const result = acceptSnippet(document, itemOf(items, '404'));
      assert.match(result, /\n {6}responses:\n {8}"404":\n {10}description: Not Found\n/);
      assert.deepEqual((parse(result).value as any).paths['/pets/{id}'].get.responses, { '404': { description: 'Not Found' } });
    });

    it('completes a code typed in quotes and leaves out the declared ones', () => {
      const { items, document } = complete(`${OP}      responses:\n        "200": {description: ok}\n        "20|\n`);
      assert.ok(!items.some((i) => i.label === '200'));
      const item = itemOf(items, '201');
      assert.equal(item.filterText, '"201');
      assert.deepEqual((parse(acceptSnippet(document, item)).value as any).paths['/pets/{id}'].get.responses['201'], { description: 'Created' });
    });

    it('quotes a code as the codes already written are quoted', () => {
      const single = complete(`${OP}      responses:\n        '200': {description: ok}\n        |\n`);
      assert.match(acceptSnippet(single.document, itemOf(single.items, '404')), /\n {8}'404':\n {10}description: Not Found\n/);
      const double = complete(`${OP}      responses:\n        "200": {description: ok}\n        default: {description: error}\n        |\n`);
      assert.match(acceptSnippet(double.document, itemOf(double.items, '404')), /\n {8}"404":\n/);
    });

    it('writes the JSON form, with a comma before a following entry', () => {
      const open = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"responses": {"|"}}}}}', 'json');
      const result = acceptSnippet(open.document, itemOf(open.items, '201'));
      assert.deepEqual(JSON.parse(result).paths['/a'].get.responses, { '201': { description: 'Created' } });
      const before = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"responses": {|\n"200": {"description": "ok"}}}}}}', 'json');
      const both = acceptSnippet(before.document, itemOf(before.items, '500'));
      assert.match(both, /\{"500": \{"description": "Internal Server Error"\},\n"200"/);
      assert.doesNotThrow(() => JSON.parse(both));
    });

    it("offers an integration response only the operation's three-digit codes, not default or ranges", () => {
      const yaml = complete(`${OP}      responses:\n        default: {description: d}\n        5XX: {description: e}\n        '200': {description: ok}\n      x-amazon-apigateway-integration:\n        type: http\n        responses:\n          default:\n            statusCode: |\n`);
      assert.deepEqual(yaml.labels.filter((l) => !/no method response/.test(yaml.items.find((i) => i.label === l)!.detail!)), ['200']);
      assert.ok(!yaml.labels.some((l) => l === 'default' || /X/.test(l)));
      const json = complete('{"swagger": "2.0", "paths": {"/p": {"get": {"responses": {"default": {"description": "d"}, "4XX": {"description": "e"}, "404": {"description": "n"}}, "x-amazon-apigateway-integration": {"type": "http", "responses": {"default": {"statusCode": "|"}}}}}}}', 'json');
      assert.deepEqual(json.labels[0], '404');
      assert.ok(!json.labels.some((l) => l === 'default' || /X/.test(l)));
    });

    it('offers status codes in a 2.0 document', () => {
      const { items, document } = complete('swagger: "2.0"\npaths:\n  /a:\n    get:\n      responses:\n        |\n');
      assert.ok(items.some((i) => i.label === '200') && items.some((i) => i.label === 'default'));
      assert.deepEqual((parse(acceptSnippet(document, itemOf(items, '200'))).value as any).paths['/a'].get.responses, { '200': { description: 'OK' } });
    });
  });

  describe('a new document', () => {
    it('offers the specification key and a skeleton in an empty YAML file, beside the root extensions', () => {
      const { items, document } = complete('|');
      assert.ok(items.some((i) => i.label === 'x-amazon-apigateway-policy'));
      assert.equal(acceptSnippet(document, itemOf(items, 'openapi')), 'openapi: 3.0.1');
      assert.equal(acceptSnippet(document, itemOf(items, 'swagger')), 'swagger: "2.0"');
      const skeleton = parse(acceptSnippet(document, itemOf(items, 'openapi: new API')));
      assert.deepEqual(skeleton.value, { openapi: '3.0.1', info: { title: 'My API', version: '1.0.0' }, paths: null });
      assert.deepEqual(parse(acceptSnippet(document, itemOf(items, 'swagger: new API'))).value, { swagger: '2.0', info: { title: 'My API', version: '1.0.0' }, paths: null });
    });

    it('offers the specification key while the first key is typed, and not once it is written', () => {
      const { items, document } = complete('op|');
      assert.equal(acceptSnippet(document, itemOf(items, 'openapi')), 'openapi: 3.0.1');
      assert.ok(!complete('openapi: 3.0.1\n|\n').labels.includes('swagger'));
      assert.ok(!complete('op|\npaths: {}\n').labels.includes('openapi: new API'), 'no skeleton beside other keys');
    });

    it('offers whole JSON documents in an empty JSON file, and keys inside empty braces', () => {
      const empty = complete('|', 'json');
      for (const label of ['openapi', 'swagger', 'openapi: new API', 'swagger: new API']) assert.doesNotThrow(() => JSON.parse(acceptSnippet(empty.document, itemOf(empty.items, label))), label);
      assert.deepEqual(JSON.parse(acceptSnippet(empty.document, itemOf(empty.items, 'openapi: new API'))), { openapi: '3.0.1', info: { title: 'My API', version: '1.0.0' }, paths: {} });
      const braces = complete('{|}', 'json');
      assert.deepEqual(JSON.parse(acceptSnippet(braces.document, itemOf(braces.items, 'swagger'))), { swagger: '2.0' });
      assert.deepEqual(JSON.parse(acceptSnippet(braces.document, itemOf(braces.items, 'openapi: new API'))).info, { title: 'My API', version: '1.0.0' });
    });

    it('offers the versions of the specification named', () => {
      assert.deepEqual(complete('openapi: |\n').labels, ['3.0.1', '3.0.3', '3.1.0']);
      const swagger = complete('swagger: |\n');
      assert.deepEqual(swagger.items.map((i) => (i.textEdit as TextEdit).newText), ['"2.0"']);
      assert.deepEqual(complete('{"openapi": "3.|"}', 'json').items.map((i) => (i.textEdit as TextEdit).newText), ['"3.0.1"', '"3.0.3"', '"3.1.0"']);
    });
  });

  describe('JSON keys after an entry without its comma', () => {
    const P = '{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "http"\n  ';
    for (const [name, typed] of [['nothing typed', '|'], ['an open quote', '"|'], ['a closed string', '"|"'], ['a word', '"ur|"']]) {
      it(`offers the keys with the missing comma, after ${name}`, () => {
        const { items, document } = complete(`${P}${typed}\n}}}}}`, 'json');
        const uri = itemOf(items, 'uri');
        assert.equal(uri.additionalTextEdits?.length, 1);
        const result = acceptSnippet(document, uri);
        assert.deepEqual(JSON.parse(result).paths['/a'].get['x-amazon-apigateway-integration'], { type: 'http', uri: '' });
      });
    }

    it('adds no comma where the entry has one, and none after an object or a literal it is missing after', () => {
      assert.equal(itemOf(complete(`${P.replace('"http"', '"http",')}|\n}}}}}`, 'json').items, 'uri').additionalTextEdits, undefined);
      const afterObject = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"requestParameters": {}\n  |\n}}}}}', 'json');
      assert.ok(JSON.parse(acceptSnippet(afterObject.document, itemOf(afterObject.items, 'uri'))));
      const afterNumber = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"timeoutInMillis": 100\n  "|"\n}}}}}', 'json');
      assert.ok(JSON.parse(acceptSnippet(afterNumber.document, itemOf(afterNumber.items, 'type'))));
    });
  });

  describe('map keys', () => {
    it('offers the gateway response parameter locations, open for the name, after Access-Control-Allow-Origin', () => {
      const { items } = complete('openapi: 3.0.1\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters:\n      |\n');
      const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
      assert.deepEqual(sorted.map((i) => (i.textEdit as TextEdit).newText), [
        `gatewayresponse.header.Access-Control-Allow-Origin: "'*'"`,
        'gatewayresponse.header.$0',
        'gatewayresponse.path.$0',
        'gatewayresponse.querystring.$0',
      ]);
    });

    it('does not offer again a gateway response key start typed whole, nor a header already sent', () => {
      const typed = complete('openapi: 3.0.1\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters:\n      gatewayresponse.header.|\n');
      assert.deepEqual(typed.labels, ['gatewayresponse.header.Access-Control-Allow-Origin', 'gatewayresponse.path.', 'gatewayresponse.querystring.']);
      const sent = complete('openapi: 3.0.1\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseParameters:\n      gatewayresponse.header.access-control-allow-origin: "\'*\'"\n      |\n');
      assert.deepEqual(sent.labels, ['gatewayresponse.header.', 'gatewayresponse.path.', 'gatewayresponse.querystring.']);
      const json = complete('{"openapi": "3.0.1", "x-amazon-apigateway-gateway-responses": {"DEFAULT_5XX": {"responseParameters": {"|"}}}}', 'json');
      assert.equal((itemOf(json.items, 'gatewayresponse.header.Access-Control-Allow-Origin').textEdit as TextEdit).newText, `"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"`);
    });

    it('offers the media types of request templates as content keys, leaving out those written', () => {
      const { items, document } = complete('openapi: 3.0.1\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          |\n');
      assert.deepEqual(items.map((i) => i.label), ['application/json', 'application/xml', 'text/plain']);
      assert.deepEqual((parse(acceptSnippet(document, items[0])).value as any).paths['/a'].post.requestBody.content, { 'application/json': null });
      const response = complete(`${OP}      responses:\n        "200":\n          description: ok\n          content:\n            application/json: {}\n            |\n`).labels;
      assert.deepEqual(response, ['application/xml', 'text/plain']);
      assert.ok(!complete('openapi: 3.0.1\ncomponents:\n  schemas:\n    P:\n      properties:\n        content:\n          |\n').labels.includes('application/json'), 'a schema property named content');
    });
  });

  it('offers only the URI form of the integration type', () => {
    const uris = (type: string, dialect: Dialect = 'rest') => complete(`${OP}      x-amazon-apigateway-integration:\n        type: ${type}\n        uri: |\n`, 'yaml', dialect).labels;
    for (const type of ['http', 'HTTP_PROXY']) {
      assert.equal(uris(type).length, 1, type);
      assert.match(uris(type)[0], /^https:/);
    }
    for (const type of ['aws_proxy', 'aws']) {
      assert.equal(uris(type).length, 1, type);
      assert.match(uris(type)[0], /^arn:aws:apigateway:.*:lambda:path\//);
    }
    assert.match(uris('AWS_PROXY', 'http')[0], /^arn:/);
    assert.deepEqual(uris('mock'), []);
    assert.deepEqual(uris('HTTP_PROXY\n        connectionType: VPC_LINK', 'http'), [], 'a private integration of an HTTP API names an ARN');
    assert.equal(uris('http_proxy\n        connectionType: VPC_LINK').length, 1, 'a REST private integration still takes a URL');
    assert.equal(complete(`${OP}      x-amazon-apigateway-integration:\n        uri: |\n`).items.length, 2);
  });

  it('offers nothing inside a mapping template', () => {
    const { items } = complete(`${OP}      x-amazon-apigateway-integration:\n        requestTemplates:\n          application/json: '{"a": "$input.|"}'\n`);
    assert.deepEqual(items, []);
    const block = complete(`${OP}      x-amazon-apigateway-integration:\n        requestTemplates:\n          application/json: |\n            #set($a = $input.^)\n`, 'yaml', 'rest', '^');
    assert.deepEqual(block.items, []);
  });
});

describe('completion that leaves the document valid', () => {
  const validated = async (text: string, format: 'yaml' | 'json', dialect: Dialect) => (await validateDocument(parse(text, format), { settings: { dialect } })).map((d) => `${d.code}: ${d.message}`);

  describe('integration snippets inserted into a minimal operation', () => {
    const JSON_OAS3 = '{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/p": {\n      "post": {\n        "responses": {"200": {"description": "ok"}},\n        |\n      }\n    }\n  }\n}\n';
    const documents: { name: string; marked: string; format: 'yaml' | 'json'; dialect: Dialect }[] = [
      { name: 'OpenAPI 3 YAML, REST', marked: 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    post:\n      responses:\n        "200": {description: ok}\n      |\n', format: 'yaml', dialect: 'rest' },
      { name: 'OpenAPI 3 YAML, HTTP API', marked: 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    post:\n      responses:\n        "200": {description: ok}\n      |\n', format: 'yaml', dialect: 'http' },
      { name: 'OpenAPI 3 YAML, an operation in flow style', marked: 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    post: {responses: {"200": {description: ok}}, |}\n', format: 'yaml', dialect: 'rest' },
      { name: 'OpenAPI 3 YAML, responses still empty', marked: 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    post:\n      |\n      responses:\n', format: 'yaml', dialect: 'rest' },
      { name: 'Swagger 2.0 YAML, responses after the cursor', marked: 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    post:\n      |\n      responses:\n        "201": {description: created}\n', format: 'yaml', dialect: 'rest' },
      { name: 'OpenAPI 3 JSON', marked: JSON_OAS3, format: 'json', dialect: 'rest' },
      { name: 'OpenAPI 3 JSON, HTTP API', marked: JSON_OAS3, format: 'json', dialect: 'http' },
      { name: 'Swagger 2.0 JSON, responses after the cursor', marked: '{\n  "swagger": "2.0",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/p": {\n      "post": {\n        |\n        "responses": {"200": {"description": "ok"}}\n      }\n    }\n  }\n}\n', format: 'json', dialect: 'rest' },
    ];
    for (const { name, marked, format, dialect } of documents) {
      it(`adds no finding of its own in ${name}`, async () => {
        const { document, items } = complete(marked, format, dialect);
        const before = await validated(marked.replace(/\n[ ]*\|\n/, '\n').replace(', |}', '}'), format, dialect);
        const snippets = items.filter((i) => i.label.startsWith('x-amazon-apigateway-integration: '));
        assert.equal(snippets.length, dialect === 'rest' ? 5 : 2);
        for (const snippet of snippets) {
          const text = applyEdits(document, [snippet.textEdit as TextEdit, ...(snippet.additionalTextEdits ?? [])]);
          // The snippets' placeholders (FUNCTION_NAME, example.com) are valid values: they cause no finding either.
          const added = (await validated(text, format, dialect)).filter((finding) => !before.includes(finding));
          assert.deepEqual(added, [], `${snippet.label}\n${text}`);
        }
      });
    }

    it('declares the method responses the snippet maps to, and says so', () => {
      const { items } = complete('openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    post:\n      responses:\n        "200": {description: ok}\n      |\n');
      const custom = itemOf(items, 'x-amazon-apigateway-integration: Lambda custom (aws)');
      assert.match(custom.detail!, /declares the 500 method response it maps to$/);
      assert.deepEqual(custom.additionalTextEdits?.map((e) => e.newText), ["\n        '500':\n          description: Internal Server Error"]);
      assert.equal(itemOf(items, 'x-amazon-apigateway-integration: Mock (mock)').additionalTextEdits, undefined);
    });

    it('declares several method responses in an empty `responses: {}` as one valid edit, in YAML and JSON', async () => {
      const cases: ['yaml' | 'json', string][] = [
        ['yaml', 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    post:\n      responses: {}\n      |\n'],
        ['json', '{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/p": {\n      "post": {\n        "responses": {},\n        |\n      }\n    }\n  }\n}\n'],
      ];
      for (const [format, marked] of cases) {
        const { document, items } = complete(marked, format);
        const custom = itemOf(items, 'x-amazon-apigateway-integration: Lambda custom (aws)');
        assert.match(custom.detail!, /declares the 200, 500 method responses it maps to$/);
        assert.equal(custom.additionalTextEdits?.length, 1, format);
        const text = applyEdits(document, [custom.textEdit as TextEdit, ...custom.additionalTextEdits!]);
        const parsed = parse(text, format);
        assert.deepEqual(parsed.problems, [], text);
        assert.deepEqual((parsed.value as any).paths['/p'].post.responses, { '200': { description: 'OK' }, '500': { description: 'Internal Server Error' } }, text);
        assert.deepEqual((await validated(text, format, 'rest')).filter((f) => /undeclared-response-status/.test(f)), [], text);
      }
    });

    it('writes the responses the snippet maps to beside it in an operation that has none yet, leaving the document clean', async () => {
      const cases: { name: string; marked: string; format: 'yaml' | 'json' }[] = [
        { name: 'OpenAPI 3 YAML', marked: "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      |\n", format: 'yaml' },
        { name: 'Swagger 2.0 YAML, a key after', marked: 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths:\n  /pets:\n    get:\n      |\n      summary: s\n', format: 'yaml' },
        { name: 'YAML flow', marked: "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get: {summary: s, |}\n", format: 'yaml' },
        { name: 'JSON', marked: '{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/pets": {\n      "get": {\n        |\n      }\n    }\n  }\n}\n', format: 'json' },
        { name: 'JSON, a key after', marked: '{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n    "/pets": {\n      "get": {\n        |\n        "summary": "s"\n      }\n    }\n  }\n}\n', format: 'json' },
      ];
      for (const { name, marked, format } of cases) {
        const { document, items } = complete(marked, format);
        const snippets = items.filter((i) => i.label.startsWith('x-amazon-apigateway-integration: '));
        assert.equal(snippets.length, 5, name);
        for (const snippet of snippets) {
          const text = applyEdits(document, [snippet.textEdit as TextEdit, ...(snippet.additionalTextEdits ?? [])]);
          assert.deepEqual(parse(text, format).problems, [], `${name}, ${snippet.label}\n${text}`);
          // A snippet that maps no status declares no responses: the operation still lacks them, as before.
          const findings = (await validated(text, format, 'rest')).filter((f) => snippet.detail!.includes('declares') || !/missing the required property `responses`/.test(f));
          assert.deepEqual(findings, [], `${name}, ${snippet.label}\n${text}`);
        }
        const custom = itemOf(items, 'x-amazon-apigateway-integration: Lambda custom (aws)');
        assert.match(custom.detail!, /declares the 200, 500 method responses it maps to$/, name);
        const text = applyEdits(document, [custom.textEdit as TextEdit, ...(custom.additionalTextEdits ?? [])]);
        assert.deepEqual((parse(text, format).value as any).paths['/pets'].get.responses, { '200': { description: 'OK' }, '500': { description: 'Internal Server Error' } }, name);
      }
    });

    it('writes the error template of the Lambda custom integration with the replaceAll that keeps it JSON', () => {
      const result = accept(`${OP}      responses: {'200': {description: ok}, '500': {description: error}}\n      |\n`, 'x-amazon-apigateway-integration: Lambda custom (aws)');
      const template = (parse(result).value as any).paths['/pets/{id}'].get['x-amazon-apigateway-integration'].responses['.*Error.*'].responseTemplates['application/json'];
      assert.equal(template, `{"message": "$util.escapeJavaScript($input.path('$.errorMessage')).replaceAll("\\\\'","'")"}`);
    });
  });

  it('offers the endpoint configuration where the document version reads it: the root in 2.0, a Server object in 3.x', () => {
    const endpoint = 'x-amazon-apigateway-endpoint-configuration';
    for (const dialect of ['rest', 'http'] as Dialect[]) {
      assert.ok(!complete('openapi: 3.0.1\ninfo: {title: t, version: "1"}\nx-amazon-apigateway-endp|\npaths: {}\n', 'yaml', dialect).labels.includes(endpoint), dialect);
      assert.ok(complete('openapi: 3.0.1\ninfo: {title: t, version: "1"}\nservers:\n  - url: https://example.com\n    x-amazon-apigateway-endp|\npaths: {}\n', 'yaml', dialect).labels.includes(endpoint), dialect);
    }
    assert.ok(complete('swagger: "2.0"\ninfo: {title: t, version: "1"}\nx-amazon-apigateway-endp|\npaths: {}\n').labels.includes(endpoint));
  });

  describe('keys inside a YAML flow mapping', () => {
    it('offers keys whose values are objects or lists, opening the value in flow style', async () => {
      const { document, items } = complete('openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /p:\n    get: {summary: s, x-amazon-apigateway-|}\n');
      for (const label of ['x-amazon-apigateway-auth', 'x-amazon-apigateway-integration', 'responses', 'parameters', 'tags', 'security']) itemOf(items, label);
      assert.equal((itemOf(items, 'x-amazon-apigateway-auth').textEdit as TextEdit).newText, 'x-amazon-apigateway-auth: {$0}');
      assert.equal((itemOf(items, 'tags').textEdit as TextEdit).newText, 'tags: [$0]');
      const mock = itemOf(items, 'x-amazon-apigateway-integration: Mock (mock)');
      const text = applyEdits(document, [mock.textEdit as TextEdit, ...(mock.additionalTextEdits ?? [])]);
      assert.match(text, /\n {4}get: \{summary: s, x-amazon-apigateway-integration: \{type: mock, .*\}\}\n$/);
      assert.equal((parse(text).value as any).paths['/p'].get['x-amazon-apigateway-integration'].responses.default.statusCode, '200');
    });

    it('offers the same fields of an integration as a block mapping does', () => {
      const block = complete(`${OP}      x-amazon-apigateway-integration:\n        type: http\n        |\n`).labels;
      const flow = complete(`${OP}      x-amazon-apigateway-integration: {type: http, |}\n`);
      assert.deepEqual(flow.labels, block);
      assert.equal((itemOf(flow.items, 'requestParameters').textEdit as TextEdit).newText, 'requestParameters: {$0}');
      assert.equal((itemOf(flow.items, 'cacheKeyParameters').textEdit as TextEdit).newText, 'cacheKeyParameters: [$0]');
    });
  });

  describe('a boolean or a number typed after an opening quote', () => {
    const cases: [string, 'yaml' | 'json', string, string][] = [
      ['swagger: "2.0"\ninfo: {title: t, version: "1"}\nx-amazon-apigateway-request-validators:\n  a:\n    validateRequestBody: "|"\npaths: {}\n', 'yaml', 'true', 'validateRequestBody: true\n'],
      ['swagger: "2.0"\ninfo: {title: t, version: "1"}\nx-amazon-apigateway-request-validators:\n  a:\n    validateRequestBody: "f|\npaths: {}\n', 'yaml', 'false', 'validateRequestBody: false\n'],
      ["swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\nx-amazon-apigateway-minimum-compression-size: '|'\npaths: {}\n", 'yaml', '1024', 'x-amazon-apigateway-minimum-compression-size: 1024\n'],
      ['{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "x-amazon-apigateway-minimum-compression-size": "|", "paths": {}}', 'json', '1024', '"x-amazon-apigateway-minimum-compression-size": 1024, '],
    ];
    for (const [marked, format, label, expected] of cases) {
      it(`replaces the quotes with ${label} in ${format}: ${JSON.stringify(marked.slice(marked.lastIndexOf('\n', marked.indexOf('|')) + 1, marked.indexOf('|') + 2))}`, async () => {
        const { document, items } = complete(marked, format);
        const item = itemOf(items, label);
        const quote = /["'][^"'\n]*\|/.exec(marked)![0][0];
        assert.equal(item.filterText, `${quote}${label}`, 'filtered with the quote typed');
        const text = applyEdits(document, [item.textEdit as TextEdit]);
        assert.ok(text.includes(expected), text);
        assert.deepEqual(await validated(text, format, 'rest'), []);
      });
    }

    it('keeps the quotes the user opened around a string', () => {
      const { items } = complete(`${OP}      x-amazon-apigateway-integration:\n        type: "|"\n`);
      assert.equal((itemOf(items, 'mock').textEdit as TextEdit).newText, '"mock"');
    });
  });

  it('offers no root-level response for an operation response of a 2.0 REST API, which the import refuses', () => {
    const text = (at: string) => `swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths:\n  /x:\n    get:\n      parameters:\n        - $ref: ${at === 'parameter' ? '"|"' : '"#/parameters/P"'}\n      responses:\n        "200":\n          description: ok\n          schema: {$ref: ${at === 'schema' ? '"|"' : '"#/definitions/D"'}}\n        default:\n          $ref: ${at === 'response' ? '"|"' : '"#/definitions/D"'}\nparameters:\n  P: {name: p, in: query, type: string}\nresponses:\n  E: {description: e}\ndefinitions:\n  D: {type: object}\n`;
    assert.deepEqual(complete(text('response')).labels, []);
    assert.deepEqual(complete(text('schema')).labels, ['#/definitions/D']);
    assert.deepEqual(complete(text('parameter')).labels, ['#/parameters/P']);
    // OpenAPI 3 response components are imported.
    assert.deepEqual(complete('openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /x:\n    get:\n      responses:\n        default:\n          $ref: "|"\ncomponents:\n  responses:\n    E: {description: e}\n').labels, ['#/components/responses/E']);
  });

  it('offers true and false for isDefaultRoute of an ANY method, from its type in the catalog', () => {
    const { labels } = complete('openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths:\n  /$default:\n    x-amazon-apigateway-any-method:\n      isDefaultRoute: |\n', 'yaml', 'http');
    assert.deepEqual(labels, ['true', 'false']);
  });

  it('offers JSON keys after an entry without its comma on the same line, before any quote is typed', () => {
    const { document, items } = complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "http" |}}}}}', 'json');
    const uri = itemOf(items, 'uri');
    assert.deepEqual(JSON.parse(acceptSnippet(document, uri)).paths['/a'].get['x-amazon-apigateway-integration'], { type: 'http', uri: '' });
    assert.deepEqual(complete('{"openapi": "3.0.1", "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {"type": "http"|}}}}}', 'json').labels, []);
  });

  describe('in the layout of the document', () => {
    it('indents an inserted block with tabs in a tab-indented JSON document', () => {
      const marked = '{\n\t"swagger": "2.0",\n\t"paths": {\n\t\t"/p": {\n\t\t\t"get": {\n\t\t\t\t"responses": {"200": {"description": "ok"}},\n\t\t\t\t|\n\t\t\t}\n\t\t}\n\t}\n}\n';
      const { document, items } = complete(marked, 'json');
      const text = applyEdits(document, [itemOf(items, 'x-amazon-apigateway-integration: Mock (mock)').textEdit as TextEdit]);
      assert.match(text, /\n\t{4}"x-amazon-apigateway-integration": \{\n\t{5}"type": "mock",\n\t{5}"requestTemplates": \{\n\t{6}"application\/json"/);
      assert.doesNotMatch(text, /\n\t* +/);
    });

    /** Every integration snippet accepted where `marked` has its cursor, with the responses it declares. */
    const acceptedSnippets = (marked: string) => {
      const { document, items } = complete(marked, 'json');
      const snippets = items.filter((i) => i.label.startsWith('x-amazon-apigateway-integration: '));
      assert.equal(snippets.length, 5);
      return snippets.map((item) => {
        // Inserted as written: the editor does not indent the lines after the first to the cursor's line again.
        assert.equal(item.insertTextMode, InsertTextMode.asIs, item.label);
        const text = applyEdits(document, [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]);
        assert.doesNotThrow(() => JSON.parse(text), text);
        return { label: item.label, text };
      });
    };

    it('keeps a JSON document written on one line on one line', () => {
      const marked = '{"openapi": "3.0.1", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}, |}}}}';
      for (const { label, text } of acceptedSnippets(marked)) assert.ok(!text.includes('\n'), `${label}\n${text}`);
    });

    it('nests a JSON block from the indentation of the line, wherever on it the key is typed', () => {
      const line = (before: string) =>
        `{\n  "openapi": "3.0.1",\n  "paths": {\n    "/a": {\n      "get": {\n        ${before}|\n      }\n    }\n  }\n}`;
      const own = acceptedSnippets(line(''));
      const after = acceptedSnippets(line('"summary": "s", '));
      own.forEach(({ text }, i) => {
        assert.match(text, /\n {8}"x-amazon-apigateway-integration": \{\n {10}"type": /);
        assert.match(after[i].text, /\n {8}"summary": "s", "x-amazon-apigateway-integration": \{\n {10}"type": /);
        assert.equal(after[i].text.replace('"summary": "s", ', ''), text);
      });
    });

    it('writes the line breaks of a CRLF document in items of several lines', () => {
      const { items } = complete(`${OP.replace(/\n/g, '\r\n')}      x-amazon-apigateway-integration:\r\n        type: http\r\n        |\r\n`);
      const newTexts = items.map((i) => (i.textEdit as TextEdit).newText);
      assert.equal(itemOf(items, 'requestParameters').textEdit && (itemOf(items, 'requestParameters').textEdit as TextEdit).newText, 'requestParameters:\r\n          $0');
      assert.ok(newTexts.every((t) => !/(?<!\r)\n/.test(t)), newTexts.join('|'));
      const operation = complete(`${OP.replace(/\n/g, '\r\n')}      responses:\r\n        '200': {description: ok}\r\n      |\r\n`);
      const custom = itemOf(operation.items, 'x-amazon-apigateway-integration: Lambda custom (aws)');
      for (const text of [(custom.textEdit as TextEdit).newText, ...custom.additionalTextEdits!.map((e) => e.newText)]) assert.ok(!/(?<!\r)\n/.test(text), JSON.stringify(text));
    });
  });
});

export type { CompletionItem };
