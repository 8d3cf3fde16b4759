import assert from 'node:assert/strict';
import type { SemanticTokens } from 'vscode-languageserver-protocol';
import { TestLspClient } from './lspClient';

const LEGEND = ['keyword', 'variable', 'property', 'method', 'string', 'number', 'comment'];

const API = [
  'openapi: 3.0.1',
  "info: {title: t, version: '1'}",
  'paths:',
  '  /pets:',
  '    post:',
  "      responses: {'200': {description: ok}}",
  '      x-amazon-apigateway-integration:',
  '        type: aws',
  '        requestTemplates:',
  '          application/json: |',
  "            #set($id = $input.path('$.id'))",
  '            {"id": "$id", "ip": "$context.identity.sourceIp"}',
  '',
].join('\n');

/** `[line, character, covered text, type, modifier bits]` from the relative encoding. */
function decode(tokens: SemanticTokens, text: string): Array<[number, number, string, string, number]> {
  const lines = text.split('\n');
  const result: Array<[number, number, string, string, number]> = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    result.push([line, character, lines[line].slice(character, character + length), LEGEND[type], modifiers]);
  }
  return result;
}

describe('template semantic tokens over stdio', () => {
  let client: TestLspClient;
  before(async () => {
    client = await TestLspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('colours a template embedded in a YAML block scalar at document positions', async () => {
    const uri = 'file:///tmp/tokens.yaml';
    client.open(uri, 'yaml', API);
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(decode(tokens, API), [
      [10, 12, '#set', 'keyword', 0],
      [10, 17, '$id', 'variable', 0],
      [10, 23, '$input', 'variable', 1],
      [10, 30, 'path', 'method', 0],
      [10, 35, "'$.id'", 'string', 0],
      [11, 20, '$id', 'variable', 0],
      [11, 33, '$context', 'variable', 1],
      [11, 42, 'identity', 'property', 0],
      [11, 51, 'sourceIp', 'property', 0],
    ]);
  });

  it('colours a .vtl file', async () => {
    const uri = 'file:///tmp/response.vtl';
    const text = '## out\n#if($input.params().size() > 0)ok#end\n';
    client.open(uri, 'vtl', text);
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(decode(tokens, text), [
      [0, 0, '## out', 'comment', 0],
      [1, 0, '#if', 'keyword', 0],
      [1, 4, '$input', 'variable', 1],
      [1, 11, 'params', 'method', 0],
      [1, 29, '0', 'number', 0],
      [1, 33, '#end', 'keyword', 0],
    ]);
  });

  it('answers no tokens for documents that are not API definitions', async () => {
    const uri = 'file:///tmp/compose-tokens.yaml';
    client.open(uri, 'yaml', 'services:\n  web:\n    image: nginx\n');
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepEqual(tokens.data, []);
  });
});
