import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SemanticTokens } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { TEMPLATE_SEMANTIC_TOKENS_LEGEND } from '../../../server/src/services/templates/templateSemanticTokens';
import { yamlWithRequestTemplate } from './support';

/** `[line, character, covered text, type, ...modifiers]`, decoded from the relative LSP encoding. */
type Tuple = [number, number, string, string, ...string[]];

async function tokensOf(uri: string, languageId: string, text: string): Promise<Tuple[]> {
  const document = TextDocument.create(uri, languageId, 1, text);
  return decode(await createLanguageService().getSemanticTokens(document), text);
}

function decode(tokens: SemanticTokens, text: string): Tuple[] {
  const lines = text.split('\n');
  const result: Tuple[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const covered = lines[line].slice(character, character + length);
    assert.equal(covered.length, length, `token at ${line}:${character} runs past its line`);
    const names = TEMPLATE_SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    result.push([line, character, covered, TEMPLATE_SEMANTIC_TOKENS_LEGEND.tokenTypes[type], ...names]);
  }
  return result;
}

describe('template semantic tokens', () => {
  it('colours a YAML literal block, one line per token, and leaves unknown members alone', async () => {
    const text = yamlWithRequestTemplate(
      [
        '|',
        '            ## the pet',
        "            #set($pet = $input.json('$.pet'))",
        '            #if($pet.size() > 0 && $context.identity.sourceIp != "")',
        '            {"id": "$context.requestId", "n": $util.escapeJavaScript($pet), "x": $context.nope}',
        '            #end',
        '            #* a',
        '               b *#',
      ].join('\n'),
    );
    assert.deepEqual(await tokensOf('file:///api.yaml', 'yaml', text), [
      [12, 12, '## the pet', 'comment'],
      [13, 12, '#set', 'keyword'],
      [13, 17, '$pet', 'variable'],
      [13, 24, '$input', 'variable', 'defaultLibrary'],
      [13, 31, 'json', 'method'],
      [13, 36, "'$.pet'", 'string'],
      [14, 12, '#if', 'keyword'],
      [14, 16, '$pet', 'variable'],
      [14, 30, '0', 'number'],
      [14, 35, '$context', 'variable', 'defaultLibrary'],
      [14, 44, 'identity', 'property'],
      [14, 53, 'sourceIp', 'property'],
      [14, 65, '""', 'string'],
      [15, 20, '$context', 'variable', 'defaultLibrary'],
      [15, 29, 'requestId', 'property'],
      [15, 46, '$util', 'variable', 'defaultLibrary'],
      [15, 52, 'escapeJavaScript', 'method'],
      [15, 69, '$pet', 'variable'],
      [15, 81, '$context', 'variable', 'defaultLibrary'],
      [16, 12, '#end', 'keyword'],
      [17, 12, '#* a', 'comment'],
      [18, 12, '   b *#', 'comment'],
    ]);
  });

  it('maps a double-quoted YAML string through its escapes', async () => {
    const text = yamlWithRequestTemplate(String.raw`"#set($name = \"Al\")\n{\"n\": \"$name\", \"ip\": \"$context.identity.sourceIp\"}\t## done"`);
    assert.deepEqual(await tokensOf('file:///api.yaml', 'yaml', text), [
      [11, 29, '#set', 'keyword'],
      [11, 34, '$name', 'variable'],
      [11, 42, String.raw`\"Al\"`, 'string'],
      [11, 61, '$name', 'variable'],
      [11, 80, '$context', 'variable', 'defaultLibrary'],
      [11, 89, 'identity', 'property'],
      [11, 98, 'sourceIp', 'property'],
      [11, 111, '## done', 'comment'],
    ]);
  });

  it('follows a double-quoted YAML string folded over two lines', async () => {
    const text = yamlWithRequestTemplate(`"#if($input.params('id') == 12)\n            ok #end"`);
    assert.deepEqual(await tokensOf('file:///api.yaml', 'yaml', text), [
      [11, 29, '#if', 'keyword'],
      [11, 33, '$input', 'variable', 'defaultLibrary'],
      [11, 40, 'params', 'method'],
      [11, 47, "'id'", 'string'],
      [11, 56, '12', 'number'],
      [12, 15, '#end', 'keyword'],
    ]);
  });

  it('colours a template in a JSON string', async () => {
    const template = `#set($id = $input.path('$.id'))\n{"id": "$id", "stage": "$stageVariables.table"} ## c`;
    const integration = { type: 'aws', requestTemplates: { 'application/json': template } };
    const text = JSON.stringify({ openapi: '3.0.1', paths: { '/p': { post: { 'x-amazon-apigateway-integration': integration } } } }, null, 2);
    assert.deepEqual(await tokensOf('file:///api.json', 'json', text), [
      [8, 33, '#set', 'keyword'],
      [8, 38, '$id', 'variable'],
      [8, 44, '$input', 'variable', 'defaultLibrary'],
      [8, 51, 'path', 'method'],
      [8, 56, "'$.id'", 'string'],
      [8, 77, '$id', 'variable'],
      [8, 97, '$stageVariables', 'variable', 'defaultLibrary'],
      [8, 113, 'table', 'property'],
      [8, 122, '## c', 'comment'],
    ]);
  });

  it('colours a .vtl file, interpolations inside strings included', async () => {
    const text = [
      '## body',
      "#foreach($item in $input.path('$.items'))",
      '  "$item.name": $util.urlEncode($item)#if($foreach.hasNext),#end',
      '#end',
      '#[[ $raw ]]#',
      '#myMacro(-3.5 "a $x b")',
      '',
    ].join('\n');
    assert.deepEqual(await tokensOf('file:///t/request.vtl', 'vtl', text), [
      [0, 0, '## body', 'comment'],
      [1, 0, '#foreach', 'keyword'],
      [1, 9, '$item', 'variable'],
      [1, 15, 'in', 'keyword'],
      [1, 18, '$input', 'variable', 'defaultLibrary'],
      [1, 25, 'path', 'method'],
      [1, 30, "'$.items'", 'string'],
      [2, 3, '$item', 'variable'],
      [2, 16, '$util', 'variable', 'defaultLibrary'],
      [2, 22, 'urlEncode', 'method'],
      [2, 32, '$item', 'variable'],
      [2, 38, '#if', 'keyword'],
      [2, 42, '$foreach', 'variable'],
      [2, 60, '#end', 'keyword'],
      [3, 0, '#end', 'keyword'],
      [5, 0, '#myMacro', 'keyword'],
      [5, 9, '-3.5', 'number'],
      [5, 14, '"a ', 'string'],
      [5, 17, '$x', 'variable'],
      [5, 19, ' b"', 'string'],
    ]);
  });

  it('colours templates met before, wherever they stand now, as a fresh service does', async () => {
    const template = "#set($x = $input.json('$.a'))\n{\"id\": \"$context.requestId\", \"n\": 1}";
    const block = (indent: string) => `|\n${template.split('\n').map((line) => indent + line).join('\n')}\n`;
    const operation = (path: string, request: string, response: string) =>
      `  ${path}:\n    get:\n      responses: { "200": { description: ok } }\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: ${request}        responses:\n          default:\n            statusCode: "200"\n            responseTemplates:\n              application/json: ${response}`;
    const quoted = `${JSON.stringify(template)}\n`;
    const text = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${operation('/a', block('            '), quoted)}${operation('/b', quoted, block('                  '))}`;
    const service = createLanguageService();
    const document = TextDocument.create('file:///api.yaml', 'yaml', 1, text);
    const fresh = (t: string) => tokensOf('file:///api.yaml', 'yaml', t);
    assert.deepEqual(decode(await service.getSemanticTokens(document), text), await fresh(text));
    // The second path item moves down a line and the first one's templates change places: all are cached by now.
    const edited = text.replace('  /b:\n', '  /b:\n    summary: moved\n').replace(`application/json: ${block('            ')}`, `application/json: ${block('             ')}`);
    TextDocument.update(document, [{ text: edited }], 2);
    const tokens = decode(await service.getSemanticTokens(document), edited);
    assert.deepEqual(tokens, await fresh(edited));
    assert.ok(tokens.filter(([, , covered]) => covered === '$context').length === 4);
  });

  it('has no tokens for a definition without templates', async () => {
    assert.deepEqual(await tokensOf('file:///api.yaml', 'yaml', 'openapi: 3.0.1\npaths: {}\n'), []);
  });
});
