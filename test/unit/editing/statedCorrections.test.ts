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
});
