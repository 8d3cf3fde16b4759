import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TestLspClient } from './lspClient';

const YAML = [
  'openapi: 3.0.1',
  'info: { title: t, version: "1" }',
  'paths:',
  '  /pets:',
  '    post:',
  '      responses: { "200": { description: ok } }',
  '      x-amazon-apigateway-integration:',
  '        type: aws',
  '        httpMethod: POST',
  '        uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
  '        requestTemplates:',
  '          application/json: |',
  '            {"name": "$util.escapeJavaScript($input.path(\'$.name\'))", "ip": "$context.identity.sourceIP"}',
  '',
].join('\n');

const VTL = "{\"n\": $input.Path('$.n')}\n";

/** The text with the one fix's edits applied. */
function applied(text: string, action: CodeAction, uri: string): string {
  const document = TextDocument.create(uri, 'yaml', 1, text);
  return TextDocument.applyEdits(document, action.edit!.changes![uri]);
}

describe('quick fixes of mapping-template findings over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  async function fixesFor(uri: string, language: string, text: string, code: string): Promise<CodeAction[]> {
    client.open(uri, language, text);
    const diagnostics = (await client.waitForDiagnostics(uri)).filter((d: Diagnostic) => d.code === code);
    assert.equal(diagnostics.length, 1, `one ${code} finding`);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] } });
    return actions ?? [];
  }

  it('appends the documented replaceAll after $util.escapeJavaScript in an embedded template', async () => {
    const uri = 'file:///tmp/fix-escape.yaml';
    const [fix, ...rest] = await fixesFor(uri, 'yaml', YAML, 'template-escape-javascript-in-json');
    assert.equal(rest.length, 0);
    assert.equal(fix.isPreferred, true);
    assert.ok(applied(YAML, fix, uri).includes(`"$util.escapeJavaScript($input.path('$.name')).replaceAll("\\\\'","'")"`), applied(YAML, fix, uri));
  });

  it('corrects the letter case of a $context member', async () => {
    const uri = 'file:///tmp/fix-member.yaml';
    const [fix] = await fixesFor(uri, 'yaml', YAML, 'template-unknown-member');
    assert.ok(applied(YAML, fix, uri).includes('$context.identity.sourceIp"'));
  });

  it('fixes a finding in a standalone template', async () => {
    const uri = 'file:///tmp/fix.vtl';
    const [fix] = await fixesFor(uri, 'vtl', VTL, 'template-unknown-member');
    assert.equal(applied(VTL, fix, uri), "{\"n\": $input.path('$.n')}\n");
  });
});
