import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import type { Dialect } from '../../../server/src/model/dialect';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { validateDocument } from '../../../server/src/services/validation';
import { applyEdits, parse } from './documents';

type Format = 'yaml' | 'json';

const findings = async (document: ApiDocument, dialect: Dialect) => (await validateDocument(document, { settings: { dialect } })).map((d) => `${d.code}: ${String(d.message)}`);

/** The quick fixes of the first finding of a code (on a line holding `near`, when given). */
async function fixesOf(text: string, code: string, dialect: Dialect, format: Format = 'yaml', near?: string): Promise<{ document: ApiDocument; diagnostic: Diagnostic; actions: CodeAction[] }> {
  const document = parse(text, format);
  const line = near === undefined ? undefined : text.split('\n').findIndex((l) => l.includes(near));
  const diagnostic = (await validateDocument(document, { settings: { dialect } })).find((d) => d.code === code && (line === undefined || d.range.start.line === line));
  assert.ok(diagnostic, `no ${code}`);
  return { document, diagnostic, actions: getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, dialect) };
}

/** An action applied: the text must parse, lose the finding and gain no other. */
async function applied(document: ApiDocument, action: CodeAction, diagnostic: Diagnostic, dialect: Dialect): Promise<string> {
  const text = applyEdits(document, action.edit!.changes![document.uri] as TextEdit[]);
  const fixed = parse(text, document.format);
  assert.deepEqual(fixed.problems, [], text);
  const before = new Set((await findings(document, dialect)).filter((f) => f !== `${diagnostic.code}: ${String(diagnostic.message)}`));
  assert.deepEqual((await findings(fixed, dialect)).filter((f) => !before.has(f)), [], text);
  return text;
}

const titles = (actions: CodeAction[]) => actions.map((a) => [a.title, a.isPreferred]);

describe('quick fixes for the corrections a finding states', () => {
  describe('an HTTP API integration without payloadFormatVersion', () => {
    const http = (integration: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n${integration}`;

    it('adds "1.0", preferred, to an integration that is not Lambda proxy', async () => {
      const text = http('        type: HTTP_PROXY\n        httpMethod: GET\n        uri: https://example.com\n');
      const { document, diagnostic, actions } = await fixesOf(text, 'missing-required-field', 'http');
      assert.deepEqual(titles(actions), [["Add payloadFormatVersion '1.0'", true]]);
      assert.equal(await applied(document, actions[0], diagnostic, 'http'), `${text}        payloadFormatVersion: '1.0'\n`);
      const service = http("        type: AWS_PROXY\n        integrationSubtype: SQS-SendMessage\n        credentials: 'arn:aws:iam::123456789012:role/r'\n        requestParameters: {QueueUrl: q, MessageBody: $request.body}\n");
      assert.deepEqual(titles((await fixesOf(service, 'missing-required-field', 'http')).actions), [["Add payloadFormatVersion '1.0'", true]]);
    });

    it('offers "2.0" and "1.0" to a Lambda proxy integration, neither preferred, in flow style and in JSON', async () => {
      const text = http("        {type: AWS_PROXY, httpMethod: POST, uri: 'arn:aws:lambda:us-east-1:123456789012:function:F'}\n");
      const { document, diagnostic, actions } = await fixesOf(text, 'missing-required-field', 'http');
      assert.deepEqual(titles(actions), [["Add payloadFormatVersion '2.0'", false], ["Add payloadFormatVersion '1.0'", false]]);
      assert.equal(await applied(document, actions[0], diagnostic, 'http'), text.replace("F'}", "F', payloadFormatVersion: '2.0'}"));
      assert.equal(await applied(document, actions[1], diagnostic, 'http'), text.replace("F'}", "F', payloadFormatVersion: '1.0'}"));
      const json = JSON.stringify(parseYaml(text), null, 4);
      const inJson = await fixesOf(json, 'missing-required-field', 'http', 'json');
      const fixed = await applied(inJson.document, inJson.actions[0], inJson.diagnostic, 'http');
      assert.match(fixed, /\n {20}"uri": "arn:aws:lambda:us-east-1:123456789012:function:F",\n {20}"payloadFormatVersion": "2.0"\n {16}\}/);
    });
  });

  describe('a REST Lambda integration whose uri is the bare function ARN', () => {
    const rest = (type: string, uri: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: ${type}\n        httpMethod: POST\n        uri: ${uri}\n        responses: {default: {statusCode: '200'}}\n`;
    const invocation = (arn: string, region: string) => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`;

    it('wraps it in the invocation URI of its region, alias or version kept, as the preferred fix', async () => {
      for (const [type, arn, region] of [['aws_proxy', 'arn:aws:lambda:us-east-1:123456789012:function:F', 'us-east-1'], ['AWS', 'arn:aws:lambda:eu-west-2:123456789012:function:F:live', 'eu-west-2'], ['aws_proxy', 'arn:aws:lambda:ap-south-1:123456789012:function:F:7', 'ap-south-1']]) {
        const text = rest(type, `'${arn}'`);
        const { document, diagnostic, actions } = await fixesOf(text, 'invalid-integration-uri', 'rest');
        assert.deepEqual(titles(actions), [['Change to the Lambda invocation URI of this function', true]]);
        assert.equal(await applied(document, actions[0], diagnostic, 'rest'), rest(type, `'${invocation(arn, region)}'`));
      }
    });

    it('keeps the quotes of a JSON string, and offers nothing for another ARN', async () => {
      const arn = 'arn:aws:lambda:us-east-1:123456789012:function:F';
      const json = JSON.stringify(parseYaml(rest('aws_proxy', arn)), null, 2);
      const { document, diagnostic, actions } = await fixesOf(json, 'invalid-integration-uri', 'rest', 'json');
      assert.equal(await applied(document, actions[0], diagnostic, 'rest'), json.replace(`"${arn}"`, `"${invocation(arn, 'us-east-1')}"`));
      assert.deepEqual((await fixesOf(rest('aws_proxy', 'arn:aws:s3:::bucket'), 'invalid-integration-uri', 'rest')).actions, []);
    });
  });

  describe('a Lambda authorizer whose authorizerUri is the bare function ARN', () => {
    const authorizer = (scheme: string, fields: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    s:\n${scheme}      x-amazon-apigateway-authorizer:\n${fields}`;
    const token = (uri: string) => authorizer('      type: apiKey\n      name: Authorization\n      in: header\n', `        type: token\n        authorizerUri: ${uri}\n`);
    const request = (uri: string) => authorizer('      type: apiKey\n      name: Authorization\n      in: header\n', `        type: request\n        identitySource: $request.header.Authorization\n        authorizerUri: ${uri}\n        authorizerPayloadFormatVersion: '2.0'\n`);
    const invocation = (arn: string, region: string) => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`;
    const wrapped = async (text: string, dialect: Dialect, format: Format = 'yaml') => {
      const { document, diagnostic, actions } = await fixesOf(text, 'invalid-arn', dialect, format);
      assert.deepEqual(titles(actions), [['Change to the Lambda invocation URI of this function', true]]);
      return applied(document, actions[0], diagnostic, dialect);
    };

    it('wraps a REST authorizer\'s in the invocation URI of the function\'s own region, alias kept', async () => {
      const arn = 'arn:aws:lambda:eu-west-2:123456789012:function:auth';
      // A plain scalar comes back quoted, as the serializer writes one with colons.
      assert.equal(await wrapped(token(arn), 'rest'), token(`'${invocation(arn, 'eu-west-2')}'`));
      assert.equal(await wrapped(token(`'${arn}:live'`), 'rest'), token(`'${invocation(`${arn}:live`, 'eu-west-2')}'`));
    });

    it('wraps an HTTP API Lambda authorizer\'s, and keeps the quotes of a JSON string', async () => {
      const arn = 'arn:aws:lambda:us-east-1:123456789012:function:auth';
      assert.equal(await wrapped(request(`"${arn}"`), 'http'), request(`"${invocation(arn, 'us-east-1')}"`));
      const json = JSON.stringify(parseYaml(token(arn)), null, 2);
      assert.equal(await wrapped(json, 'rest', 'json'), json.replace(`"${arn}"`, `"${invocation(arn, 'us-east-1')}"`));
    });

    it('offers nothing for an ARN that names no function, nor for credentials', async () => {
      assert.deepEqual((await fixesOf(token('arn:aws:s3:::bucket'), 'invalid-arn', 'rest')).actions, []);
      const credentials = authorizer('      type: apiKey\n      name: Authorization\n      in: header\n', `        type: token\n        authorizerUri: '${invocation('arn:aws:lambda:us-east-1:123456789012:function:auth', 'us-east-1')}'\n        authorizerCredentials: arn:aws:lambda:us-east-1:123456789012:function:auth\n`);
      assert.deepEqual((await fixesOf(credentials, 'invalid-arn', 'rest')).actions, []);
    });
  });

  describe('an HTTP API mapping value written the REST API way', () => {
    const http = (request: string, response: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\nx-amazon-apigateway-importexport-version: '1.0'\npaths:\n  /a/{id}:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: HTTP_PROXY\n        httpMethod: GET\n        uri: https://example.com\n        payloadFormatVersion: '1.0'\n        requestParameters:\n          ${request}\n        responseParameters:\n          '200':\n            ${response}\n`;
    const rewritten = async (text: string, format: Format = 'yaml', near?: string) => {
      const { document, diagnostic, actions } = await fixesOf(text, 'rest-style-mapping-value', 'http', format, near);
      assert.deepEqual(titles(actions), [[`Change to '${String(diagnostic.data.expected)}'`, true]]);
      return applied(document, actions[0], diagnostic, 'http');
    };
    const STATIC = "overwrite:header.x-static: 'b'";

    it('writes request sources as `$request`, `$context` and `$stageVariables` variables, quotes kept', async () => {
      for (const [written, meant] of [['method.request.querystring.q', '$request.querystring.q'], ["'method.request.header.X-Id'", "'$request.header.X-Id'"], ['method.request.path.id', '$request.path.id'], ['"context.requestId"', '"$context.requestId"'], ['stageVariables.backend', '$stageVariables.backend'], ['method.request.multivaluequerystring.q', '$request.querystring.q']]) {
        assert.equal(await rewritten(http(`append:querystring.q: ${written}`, STATIC)), http(`append:querystring.q: ${meant}`, STATIC));
      }
    });

    it('writes response sources as `$response` variables, in JSON too', async () => {
      const request = 'overwrite:header.x: $request.header.x';
      assert.equal(await rewritten(http(request, 'overwrite:header.y: integration.response.header.Y')), http(request, 'overwrite:header.y: $response.header.Y'));
      const json = `{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "x-amazon-apigateway-importexport-version": "1.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}, "x-amazon-apigateway-integration": {"type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://example.com", "payloadFormatVersion": "1.0", "responseParameters": {"200": {"overwrite:header.y": "integration.response.body.id"}}}}}}}\n`;
      assert.equal(await rewritten(json, 'json'), json.replace('"integration.response.body.id"', '"$response.body.id"'));
    });
  });

  describe('identity sources written the other kind of API\'s way', () => {
    const authorizer = (scheme: string, fields: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  securitySchemes:\n    s:\n${scheme}      x-amazon-apigateway-authorizer:\n${fields}`;
    const LAMBDA = "        authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:F/invocations'\n";
    const oneFix = async (text: string, code: string, dialect: Dialect, expected: string) => {
      const { document, diagnostic, actions } = await fixesOf(text, code, dialect);
      assert.deepEqual(titles(actions), [[`Change to '${expected}'`, true]]);
      return applied(document, actions[0], diagnostic, dialect);
    };

    it('writes an HTTP API JWT authorizer\'s REST-style header or query string the HTTP API way', async () => {
      const jwt = (source: string) => authorizer('      type: oauth2\n      flows: {}\n', `        type: jwt\n        identitySource: ${source}\n        jwtConfiguration: {issuer: 'https://issuer.example.com', audience: [a]}\n`);
      assert.equal(await oneFix(jwt('method.request.header.Authorization'), 'invalid-identity-source', 'http', '$request.header.Authorization'), jwt('$request.header.Authorization'));
      assert.equal(await oneFix(jwt("'method.request.querystring.token'"), 'invalid-identity-source', 'http', '$request.querystring.token'), jwt("'$request.querystring.token'"));
      assert.deepEqual((await fixesOf(jwt('method.request.header.A, method.request.header.B'), 'invalid-identity-source', 'http')).actions, [], 'a JWT authorizer reads one');
    });

    // A plain scalar with commas is quoted: it would end an entry in flow style.
    it('writes an HTTP API Lambda authorizer\'s REST-style sources the HTTP API way, spacing kept', async () => {
      const request = (sources: string) => authorizer('      type: apiKey\n      name: Authorization\n      in: header\n', `        type: request\n        identitySource: ${sources}\n${LAMBDA}        authorizerPayloadFormatVersion: '2.0'\n`);
      assert.equal(await oneFix(request('method.request.header.Authorization,  context.requestId'), 'dialect-mismatch', 'http', '$request.header.Authorization,  $context.requestId'), request("'$request.header.Authorization,  $context.requestId'"));
    });

    it('writes a REST authorizer\'s HTTP API-style sources the REST way, and offers nothing a token authorizer cannot read', async () => {
      const rest = (type: string, sources: string) => authorizer(`      type: apiKey\n      name: ${type === 'request' ? 'Unused' : 'Authorization'}\n      in: header\n`, `        type: ${type}\n        identitySource: ${sources}\n${LAMBDA}`);
      assert.equal(await oneFix(rest('request', '$request.header.Authorization, $request.querystring.q, $stageVariables.v'), 'invalid-identity-source', 'rest', 'method.request.header.Authorization, method.request.querystring.q, stageVariables.v'), rest('request', "'method.request.header.Authorization, method.request.querystring.q, stageVariables.v'"));
      assert.equal(await oneFix(rest('token', '$request.header.Authorization'), 'invalid-identity-source', 'rest', 'method.request.header.Authorization'), rest('token', 'method.request.header.Authorization'));
      assert.deepEqual((await fixesOf(rest('token', '$request.querystring.q'), 'invalid-identity-source', 'rest')).actions, []);
      assert.deepEqual((await fixesOf(rest('request', '$request.heder.x'), 'invalid-identity-source', 'rest')).actions, []);
    });
  });

  describe('a mapping key whose target is misspelt', () => {
    it('corrects a REST key, keeping the name, unless the mapping has the key meant', async () => {
      const rest = (mappings: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: X, in: header, schema: {type: string}}\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: http\n        httpMethod: GET\n        uri: https://example.com\n        requestParameters:\n${mappings}        responses: {default: {statusCode: '200'}}\n`;
      const text = rest('          integration.requset.header.x.y: method.request.header.X\n');
      const { document, diagnostic, actions } = await fixesOf(text, 'invalid-mapping-key', 'rest');
      assert.match(String(diagnostic.message), /Did you mean `integration\.request\.header\.x\.y`\?$/);
      assert.deepEqual(titles(actions), [["Change to 'integration.request.header.x.y'", true]]);
      assert.equal(await applied(document, actions[0], diagnostic, 'rest'), rest('          integration.request.header.x.y: method.request.header.X\n'));
      const taken = rest("          Integration.Request.Header.x: method.request.header.X\n          integration.request.header.x: \"'a'\"\n");
      assert.deepEqual((await fixesOf(taken, 'invalid-mapping-key', 'rest')).actions, []);
      const far = await fixesOf(rest('          integration.response.header.x: method.request.header.X\n'), 'invalid-mapping-key', 'rest');
      assert.deepEqual(far.actions, [], 'a response target is not a request one misspelt');
      assert.doesNotMatch(String(far.diagnostic.message), /Did you mean/);
    });

    it('corrects an HTTP API key in JSON', async () => {
      const http = (key: string) => `{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {"/a": {"get": {"x-amazon-apigateway-integration": {\n    "type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://example.com", "payloadFormatVersion": "1.0",\n    "requestParameters": {"${key}": "$request.header.x"}\n  }}}}\n}\n`;
      for (const [written, meant] of [['overwite:header.x', 'overwrite:header.x'], ['append:querysting.q', 'append:querystring.q'], ['overwrite:pth', 'overwrite:path']]) {
        const { document, diagnostic, actions } = await fixesOf(http(written), 'invalid-mapping-key', 'http', 'json');
        assert.deepEqual(titles(actions), [[`Change to '${meant}'`, true]]);
        assert.equal(await applied(document, actions[0], diagnostic, 'http'), http(meant));
      }
    });
  });
});
