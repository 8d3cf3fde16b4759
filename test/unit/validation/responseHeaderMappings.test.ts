import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { validateDocument } from '../../../server/src/services/validation';
import { codes, parse, rangeOf, validate, withCode } from './validate';

const LOGIN = `openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /login:
    post:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:login/invocations
        responses:
          default: {statusCode: "200"}
          "^401.*": {statusCode: "401", responseParameters: {method.response.header.WWW-Authenticate: "'Bearer'", method.response.header.X-Reason: "integration.response.body.reason"}}
`;

async function quickFixes(text: string, code: string): Promise<{ diagnostic: Diagnostic; titles: string[]; fixed: string[] }> {
  const document = parse(text);
  const diagnostic = (await validateDocument(document)).find((d) => d.code === code)!;
  const actions = getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, 'rest');
  const fixed = actions.map((a) => TextDocument.applyEdits(document.textDocument, a.edit!.changes![document.uri] as TextEdit[]));
  return { diagnostic, titles: actions.map((a) => a.title), fixed };
}

describe('header mappings of an integration response whose status the method does not declare', () => {
  it('reports the missing method response once, on the status, as an error naming the header mappings AWS refuses', async () => {
    const diagnostics = await validate(LOGIN);
    // The one repair, a method response of that status, is the status finding's: the mappings add no finding of their own.
    assert.deepEqual(codes(diagnostics), ['undeclared-response-status']);
    const [status] = withCode(diagnostics, 'undeclared-response-status');
    assert.equal(status.severity, 1);
    assert.deepEqual(status.range, rangeOf(LOGIN, '"401"'));
    assert.deepEqual(status.data, { statusCode: '401', path: '/login', method: 'POST' });
    assert.equal(
      status.message,
      'POST /login declares no "401" response, so AWS rejects the mappings of its headers "WWW-Authenticate", "X-Reason"; API Gateway answers 500 when the integration response maps to an undeclared status.',
    );
  });

  it('stays a warning for a status that maps no header, which imports', async () => {
    const text = LOGIN.replace(/, responseParameters: \{[^}]*\}/, '');
    const [status] = withCode(await validate(text), 'undeclared-response-status');
    assert.equal(status.severity, 2);
    assert.equal(status.message, 'POST /login declares no "401" response; API Gateway answers 500 when the integration response maps to an undeclared status.');
  });

  it('still checks the mapped values', async () => {
    const text = LOGIN.replace('integration.response.body.reason', 'integration.request.header.reason');
    assert.match(withCode(await validate(text), 'invalid-mapping-value')[0].message, /^"integration\.request\.header\.reason" is not a response mapping source/);
  });

  it('keeps the message of a header the declared response lacks', async () => {
    const text = LOGIN.replace('responses: {"200": {description: ok}}', 'responses: {"200": {description: ok}, "401": {description: no, headers: {WWW-Authenticate: {schema: {type: string}}}}}');
    const [found] = withCode(await validate(text), 'undeclared-response-header');
    assert.deepEqual(codes(await validate(text)), ['undeclared-response-header']);
    assert.equal(found.message, 'The "401" response of POST /login declares no header "X-Reason"; AWS rejects mappings to undeclared method response headers.');
  });

  it('fixes the status with a method response that declares every mapped header, leaving nothing to fix', async () => {
    const { titles, fixed } = await quickFixes(LOGIN, 'undeclared-response-status');
    assert.deepEqual(titles, ['Add method response 401']);
    assert.deepEqual(Object.keys(parseYaml(fixed[0]).paths['/login'].post.responses['401'].headers), ['WWW-Authenticate', 'X-Reason']);
    assert.deepEqual(codes(await validate(fixed[0])), []);
  });

  it('declares a missing header on a declared response as before', async () => {
    const text = LOGIN.replace('responses: {"200": {description: ok}}', 'responses: {"200": {description: ok}, "401": {description: no, headers: {WWW-Authenticate: {schema: {type: string}}}}}');
    const { titles, fixed } = await quickFixes(text, 'undeclared-response-header');
    assert.deepEqual(titles, ["Declare header 'X-Reason' on response 401"]);
    assert.deepEqual(codes(await validate(fixed[0])), []);
  });
});
