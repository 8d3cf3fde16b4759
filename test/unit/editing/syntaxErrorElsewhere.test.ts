import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';

const API = `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        passthroughBehavior: 
        requestTemplates:
          application/json: |
            {"statusCode": 200, "x": "$context.requestId"}
        responses:
          default:
            statusCode: '200'
  /b:
    get:
      summary oops
      responses: { '200': { description: ok } }
`;

function open(text: string, version = 1): TextDocument {
  return TextDocument.create('file:///elsewhere.yaml', 'yaml', version, text);
}

function positionAfter(text: string, needle: string): { line: number; character: number } {
  return open(text).positionAt(text.indexOf(needle) + needle.length);
}

describe('a syntax error on another line', () => {
  it('leaves completion working where the cursor is', async () => {
    const service = createLanguageService();
    const list = await service.doComplete(open(API), positionAfter(API, 'passthroughBehavior: '));
    assert.deepEqual(list.items.map((i) => i.label).sort(), ['never', 'when_no_match', 'when_no_templates']);
    for (const mistake of ['     summary: x', '      summary: [oops']) {
      const text = API.replace('      summary oops', mistake);
      const items = await service.doComplete(open(text, 3), positionAfter(text, 'passthroughBehavior: '));
      assert.equal(items.items.length, 3, mistake);
    }
    const inTemplate = API.replace('$context.requestId', '$context.');
    const members = await service.doComplete(open(inTemplate, 2), positionAfter(inTemplate, '$context.'));
    assert.ok(members.items.some((i) => i.label === 'requestId'), JSON.stringify(members.items.map((i) => i.label)));
  });

  it('leaves the lines after a misplaced line of the same operation where they stand, for completion and hover', async () => {
    const service = createLanguageService();
    const line = '      responses: { \'200\': { description: ok } }\n';
    for (const mistake of ['     summary: x', '\tsummary: x', '      x-amazon-apigat']) {
      const text = API.replace(line, `${line}${mistake}\n`);
      const document = open(text, 4);
      const items = await service.doComplete(document, positionAfter(text, 'passthroughBehavior: '));
      assert.deepEqual(items.items.map((i) => i.label).sort(), ['never', 'when_no_match', 'when_no_templates'], mistake);
      const hover = await service.doHover(document, positionAfter(text, '        typ'));
      assert.match(JSON.stringify(hover?.contents ?? null), /kind of backend/, mistake);
      const members = await service.doComplete(document, positionAfter(text, '$context.'));
      assert.ok(members.items.some((i) => i.label === 'requestId'), `${mistake}: ${members.items.map((i) => i.label).join(', ')}`);
    }
  });

  it('keeps the template colours and the code lenses', async () => {
    const service = createLanguageService();
    const typing = API.replace('  /b:\n    get:\n      summary oops\n', '  /b:\n    get:\n      summary oops\n').replace('        passthroughBehavior: \n', '        p\n');
    const document = open(typing);
    assert.ok((await service.getSemanticTokens(document)).data.length > 0);
    assert.ok((await service.getCodeLenses(document)).length >= 2);
  });
});
