import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { largeDefinition } from '../unit/editing/documents';
import { TestLspClient } from './lspClient';

const FIX_ALL = 'source.fixAll.apigateway';

/** A misspelt validator and an integration value in the wrong case. */
const FIXABLE = [
  'openapi: 3.0.1',
  "info: {title: Pets, version: '1'}",
  'x-amazon-apigateway-request-validators:',
  '  all:',
  '    validateRequestBody: true',
  '    validateRequestParameters: true',
  'paths:',
  '  /pets:',
  '    get:',
  '      x-amazon-apigateway-request-validator: alll',
  '      responses:',
  "        '200':",
  '          description: ok',
  '      x-amazon-apigateway-integration:',
  '        type: HTTP',
  '        httpMethod: GET',
  '        uri: https://example.com/pets',
  '        contentHandling: convert_to_text',
  '',
].join('\n');

const FIXED = FIXABLE.replace('validator: alll', 'validator: all').replace('contentHandling: convert_to_text', 'contentHandling: CONVERT_TO_TEXT');

function applied(text: string, action: CodeAction, uri: string): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), action.edit!.changes![uri]);
}

describe('Fix all over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  /** The code actions asked for the whole document, once its diagnostics are in, as on save. */
  async function actionsFor(uri: string, language: string, text: string, only: string[] | undefined, on = client): Promise<CodeAction[]> {
    on.open(uri, language, text);
    const diagnostics = await on.waitForDiagnostics(uri);
    const end = TextDocument.create(uri, language, 1, text).positionAt(text.length);
    const context = only ? { diagnostics, only } : { diagnostics };
    return (await on.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end }, context })) ?? [];
  }

  it('advertises fix-all actions', () => {
    const kinds = (client.initializeResult!.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.ok(kinds.includes('source.fixAll'), kinds.join());
  });

  it('fixes every certain problem of a definition in one action, as codeActionsOnSave asks it', async () => {
    const uri = 'file:///tmp/fix-all.yaml';
    const actions = await actionsFor(uri, 'yaml', FIXABLE, [FIX_ALL]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Fix all certain problems (2)', FIX_ALL]],
    );
    assert.equal(applied(FIXABLE, actions[0], uri), FIXED);
  });

  it('is among the source actions, and not among the quick fixes', async () => {
    const uri = 'file:///tmp/fix-all-kinds.yaml';
    assert.deepEqual((await actionsFor(uri, 'yaml', FIXABLE, ['source'])).map((a) => a.kind), [FIX_ALL]);
    const quickFixes = await actionsFor(uri, 'yaml', FIXABLE, ['quickfix']);
    assert.ok(quickFixes.length > 0);
    assert.ok(quickFixes.every((a) => a.kind === 'quickfix'), quickFixes.map((a) => a.kind).join());
    assert.ok((await actionsFor(uri, 'yaml', FIXABLE, undefined)).every((a) => a.kind !== FIX_ALL));
  });

  it('fixes a standalone template', async () => {
    const uri = 'file:///tmp/fix-all.vtl';
    const text = `{"n": $input.Path('$.n'), "ip": "$context.identity.sourceIP"}\n`;
    const [action, ...rest] = await actionsFor(uri, 'vtl', text, [FIX_ALL]);
    assert.equal(rest.length, 0);
    assert.equal(action.title, 'Fix all certain problems (2)');
    assert.equal(applied(text, action, uri), `{"n": $input.path('$.n'), "ip": "$context.identity.sourceIp"}\n`);
  });

  it('offers nothing for a document with nothing to fix', async () => {
    assert.deepEqual(await actionsFor('file:///tmp/fix-all-clean.yaml', 'yaml', FIXED, [FIX_ALL]), []);
  });

  it('offers nothing for a document over the size limit', async function () {
    this.timeout(60_000);
    const apart = await TestLspClient.start({ validation: { maxFileSizeMB: 1 } });
    try {
      const uri = 'file:///tmp/fix-all-large.yaml';
      const validators = FIXABLE.slice(FIXABLE.indexOf('x-amazon-apigateway-request-validators:'), FIXABLE.indexOf('paths:'));
      const pets = FIXABLE.slice(FIXABLE.indexOf('  /pets:'));
      const large = largeDefinition({ items: Math.ceil((1.2 * 1024 * 1024) / 420) }).replace('paths:\n', `${validators}paths:\n${pets}`);
      assert.ok(large.length > 1024 * 1024);
      // Under a larger limit the same text has its fixes: over the limit, none are offered rather than any.
      assert.equal((await actionsFor(uri, 'yaml', large, [FIX_ALL])).length, 1);
      assert.deepEqual(await actionsFor(uri, 'yaml', large, [FIX_ALL], apart), []);
    } finally {
      await apart.stop();
    }
  });
});
