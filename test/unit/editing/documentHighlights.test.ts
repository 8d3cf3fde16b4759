import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import { findDocumentHighlights, findTemplateHighlights } from '../../../server/src/services/documentHighlights';
import { textAt, withCursor } from './documents';

const CURSOR = '‸';

/** Each highlight as `line:text` followed by `=` for a write and `-` for a read, in document order. */
function described(textDocument: TextDocument, highlights: DocumentHighlight[]): string[] {
  return highlights.map((h) => `${h.range.start.line}:${textAt(textDocument, h.range)}${h.kind === DocumentHighlightKind.Write ? '=' : '-'}`);
}

async function highlights(marked: string, format: 'yaml' | 'json' = 'yaml'): Promise<string[]> {
  const { document, offset } = withCursor(marked, format, CURSOR);
  return described(document.textDocument, await findDocumentHighlights(document, offset));
}

function templateHighlights(marked: string): string[] {
  const offset = marked.indexOf(CURSOR);
  const text = marked.replace(CURSOR, '');
  return described(TextDocument.create('untitled:t.vtl', 'vtl', 0, text), findTemplateHighlights(text, offset));
}

const API = [
  'openapi: 3.0.1',
  'x-amazon-apigateway-request-validators:',
  '  body-only: {validateRequestBody: true}',
  'x-amazon-apigateway-request-validator: body-only',
  'security:',
  '  - api_key: []',
  'paths:',
  '  /pets:',
  '    post:',
  '      security:',
  '        - api_key: []',
  '      x-amazon-apigateway-request-validator: body-only',
  '      requestBody:',
  "        content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}",
  '      responses:',
  "        '200':",
  '          description: ok',
  '          headers:',
  '            X-Trace: {schema: {type: string}}',
  "          content: {application/json: {schema: {$ref: '#/components/schemas/Pet/properties/id'}}}",
  '      x-amazon-apigateway-integration:',
  '        type: aws',
  '        responses:',
  '          default:',
  "            statusCode: '200'",
  '            responseParameters:',
  "              method.response.header.X-Trace: \"'abc'\"",
  'components:',
  '  schemas:',
  '    Pet:',
  '      properties:',
  '        id: {type: string}',
  "    Owner: {properties: {pet: {$ref: '#/components/schemas/Pet'}}}",
  '  securitySchemes:',
  '    api_key: {type: apiKey, name: x-api-key, in: header}',
  '',
].join('\n');

/** The API with the cursor put before the `occurrence`-th `needle`, `delta` characters into it. */
function apiAt(needle: string, delta = 1, occurrence = 0): string {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = API.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not found`);
  return API.slice(0, index + delta) + CURSOR + API.slice(index + delta);
}

describe('document highlights', () => {
  describe('named things', () => {
    it('marks a schema key as written and the $ref segments naming it as read, from either side', async () => {
      const expected = ['13:Pet-', '19:Pet-', '29:Pet=', '32:Pet-'];
      assert.deepEqual(await highlights(apiAt('Pet:', 1)), expected);
      assert.deepEqual(await highlights(apiAt("schemas/Pet'", 9)), expected);
    });

    it('takes the cursor just after a name as on it', async () => {
      assert.deepEqual(await highlights(apiAt('Pet:', 3)), ['13:Pet-', '19:Pet-', '29:Pet=', '32:Pet-']);
    });

    it('marks a member of a schema from the pointer segment that names it', async () => {
      assert.deepEqual(await highlights(apiAt('properties/id', 12)), ['19:id-', '31:id=']);
    });

    it('marks a request validator and the operations that use it', async () => {
      assert.deepEqual(await highlights(apiAt('body-only', 2, 2)), ['2:body-only=', '3:body-only-', '11:body-only-']);
    });

    it('marks a security scheme and the requirements that name it', async () => {
      assert.deepEqual(await highlights(apiAt('api_key: []', 2, 1)), ['5:api_key-', '10:api_key-', '34:api_key=']);
    });

    it('marks a declared response header and the header name in the integration response mapping', async () => {
      const expected = ['18:X-Trace=', '26:X-Trace-'];
      assert.deepEqual(await highlights(apiAt('X-Trace: {', 2)), expected);
      assert.deepEqual(await highlights(apiAt('header.X-Trace', 9)), expected);
    });

    it('marks the $refs of this document that lead into a component of another file', async () => {
      const text = [
        'openapi: 3.0.1',
        'paths: {}',
        'components:',
        '  schemas:',
        "    A: {$ref: 'common.yaml#/components/schemas/Ca‸t'}",
        '    B: {$ref: "common.yaml#/components/schemas/Cat/properties/name"}',
        "    C: {$ref: 'common.yaml#/components/schemas/Dog'}",
        "    D: {$ref: 'other.yaml#/components/schemas/Cat'}",
        '',
      ].join('\n');
      assert.deepEqual(await highlights(text), ['4:Cat-', '5:Cat-']);
    });

    it('works on JSON documents', async () => {
      const text = JSON.stringify({
        openapi: '3.0.1',
        paths: { '/p': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } } } },
        components: { schemas: { Pet: { type: 'object' } } },
      }, null, 2).replace('"Pet": {', `"P${CURSOR}et": {`);
      assert.deepEqual(await highlights(text, 'json'), ['11:Pet-', '22:Pet=']);
    });

    it('works on Swagger 2.0 definitions', async () => {
      const text = "swagger: '2.0'\npaths:\n  /p:\n    get:\n      responses:\n        '200': {description: ok, schema: {$ref: '#/definitions/Pet'}}\ndefinitions:\n  P‸et: {type: object}\n";
      assert.deepEqual(await highlights(text), ['5:Pet-', '7:Pet=']);
    });

    it('marks nothing where the cursor names nothing', async () => {
      assert.deepEqual(await highlights(apiAt('type: aws', 7)), []);
      assert.deepEqual(await highlights(apiAt('description: ok', 3)), []);
      assert.deepEqual(await highlights(apiAt('openapi', 0)), []);
    });

    it('leaves alias copies out and does not fail on anchors', async () => {
      const text = [
        'openapi: 3.0.1',
        'x-shared: &shared {schema: {$ref: "#/components/schemas/Pet"}}',
        'paths:',
        '  /p:',
        '    get:',
        '      responses:',
        "        '200': {description: ok, content: {application/json: *shared}}",
        "        '201': {description: ok, content: {application/json: {<<: *shared}}}",
        'components:',
        '  schemas:',
        '    P‸et: {type: object}',
        '',
      ].join('\n');
      assert.deepEqual(await highlights(text), ['1:Pet-', '10:Pet=']);
      assert.deepEqual(await highlights(text.replace('‸', '').replace('*shared}}', '*sha‸red}}')), []);
    });

    it('does not fail on a document that does not parse', async () => {
      assert.deepEqual(await highlights('openapi: 3.0.1\npaths:\n  /p: {get: [\ncomponents: {schemas: {P‸et: {}}}\n'), []);
    });
  });

  describe('method request parameters', () => {
    const TEXT = [
      'openapi: 3.0.1',
      'paths:',
      '  /p/{id}:',
      '    parameters:',
      '      - {name: id, in: path, required: true}',
      '    get:',
      '      parameters:',
      '        - {name: X-Token, in: header}',
      '      x-amazon-apigateway-integration:',
      '        type: http',
      '        requestParameters:',
      '          integration.request.path.id: method.request.path.id',
      "          integration.request.header.t: 'method.request.header.x-token'",
      '        cacheKeyParameters: [method.request.path.id]',
      '    put:',
      '      x-amazon-apigateway-integration:',
      '        requestParameters:',
      '          integration.request.path.key: method.request.path.id',
      '',
    ].join('\n');
    const marked = (needle: string, delta: number, occurrence = 0) => {
      let index = -1;
      for (let i = 0; i <= occurrence; i++) index = TEXT.indexOf(needle, index + 1);
      return TEXT.slice(0, index + delta) + CURSOR + TEXT.slice(index + delta);
    };

    it('marks the mappings of the operation that read the parameter, and its declaration', async () => {
      assert.deepEqual(await highlights(marked('method.request.path.id', 20)), ['4:id=', '11:method.request.path.id-', '13:method.request.path.id-']);
    });

    it('matches header names whatever their letter case', async () => {
      assert.deepEqual(await highlights(marked('method.request.header', 22)), ['7:X-Token=', '12:method.request.header.x-token-']);
    });

    it('marks from the declaration every operation of the path item that reads it', async () => {
      assert.deepEqual(await highlights(marked('name: id', 7)), ['4:id=', '11:method.request.path.id-', '13:method.request.path.id-', '17:method.request.path.id-']);
    });

    it('marks the same expression where no declaration is found', async () => {
      const text = 'openapi: 3.0.1\npaths:\n  /p:\n    get:\n      x-amazon-apigateway-integration:\n        requestParameters:\n          integration.request.querystring.a: method.request.querystring.‸q\n          integration.request.querystring.b: method.request.querystring.q\n';
      assert.deepEqual(await highlights(text), ['6:method.request.querystring.q-', '7:method.request.querystring.q-']);
    });
  });

  describe('template variables', () => {
    const operation = (templates: string[]) => [
      'openapi: 3.0.1',
      'paths:',
      '  /p:',
      '    post:',
      '      x-amazon-apigateway-integration:',
      '        type: aws',
      '        requestTemplates:',
      ...templates,
      '',
    ].join('\n');

    it('marks #set and #foreach as writes and every reference form as a read, in a block scalar', async () => {
      const text = operation([
        '          application/json: |',
        "            #set($r = $input.path('$'))",
        '            #foreach($item in $r.items)',
        '              {"n": "$item.name", "r": "$!r", "b": "${r}", "c": "${r.count}"}',
        '            #end',
        '            #set($r.x = $‸r)',
        '          text/plain: $r',
      ]);
      assert.deepEqual(await highlights(text), ['8:$r=', '9:$r-', '10:$!r-', '10:${r}-', '10:${r-', '12:$r-', '12:$r-']);
      assert.deepEqual(await highlights(text.replace('$item in', '$it‸em in').replace('$‸r)', '$r)')), ['9:$item=', '10:$item-']);
    });

    it('keeps to the template under the cursor', async () => {
      const text = operation(['          application/json: "#set($a = 1)$‸a"', "          text/plain: '$a'"]);
      assert.deepEqual(await highlights(text), ['7:$a=', '7:$a-']);
    });

    it('maps positions through the escapes of a quoted YAML scalar', async () => {
      const text = operation(['          application/json: "{\\"a\\": \\"$x\\"}\\n#set($x = 1)\\n$‸x"']);
      assert.deepEqual(await highlights(text), ['7:$x-', '7:$x=', '7:$x-']);
    });

    it('maps positions through the escapes of a JSON string', async () => {
      const text = JSON.stringify({
        openapi: '3.0.1',
        paths: { '/p': { post: { 'x-amazon-apigateway-integration': { type: 'aws', requestTemplates: { 'application/json': '#set($v = "\\"")\n{"v": "$v", "w": "$!{v}"}' } } } } },
      }, null, 2).replace('"$v', `"$${CURSOR}v`);
      const { document, offset } = withCursor(text, 'json', CURSOR);
      const found = await findDocumentHighlights(document, offset);
      assert.deepEqual(described(document.textDocument, found), ['8:$v=', '8:$v-', '8:$!{v}-']);
    });

    it('marks a template root like any variable, and nothing on a member or in plain text', async () => {
      const text = operation(['          application/json: "$inp‸ut.body $input.path(\'$\').name hello"']);
      assert.deepEqual(await highlights(text), ['7:$input-', '7:$input-']);
      assert.deepEqual(await highlights(text.replace('‸', '').replace('.name', '.na‸me')), []);
      assert.deepEqual(await highlights(text.replace('‸', '').replace('hello', 'hel‸lo')), []);
    });

    it('highlights in a template file of its own', () => {
      assert.deepEqual(templateHighlights('#foreach($i in [1, 2])\n$‸i ${i}\n#end\n## $i\n\\$i'), ['0:$i=', '1:$i-', '1:${i}-']);
      assert.deepEqual(templateHighlights('#macro(row $c‸ell)$cell#end #@row($cell)#end'), ['0:$cell=', '0:$cell-']);
      // Past the macro's #end, the name is another variable: the argument passed to the macro is not its parameter.
      assert.deepEqual(templateHighlights('#macro(row $cell)$cell#end #@row($c‸ell)#end'), ['0:$cell-']);
      assert.deepEqual(templateHighlights('plain ‸text'), []);
    });
  });
});
