import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, type FileDiagnostics } from '../../../server/src/languageService';
import { MAX_FILES, MAX_SPLICED_NODES } from '../../../server/src/services/splitDefinitions';
import { filesResolver, PETS_PATH_ITEM, SPLIT_API } from '../../support/splitDefinition';
import { rangeOf } from './validate';

const API_URI = 'file:///work/api.yaml';

async function check(api: string, files: Record<string, string>, settings = {}): Promise<FileDiagnostics & { elsewhere: FileDiagnostics[] }> {
  const service = createLanguageService({ resolver: filesResolver(files) });
  return service.doValidationByFile(TextDocument.create(API_URI, 'yaml', 1, api), settings);
}

function inFile(result: { elsewhere: FileDiagnostics[] }, uri: string): Diagnostic[] {
  return result.elsewhere.find((e) => e.uri === uri)?.diagnostics ?? [];
}

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`).sort();

const API = SPLIT_API;
const PETS = `${PETS_PATH_ITEM}    passthroughBehavior: when_no_matc\n`;

describe('definitions split over several files', () => {
  it('checks a path item kept in another file, and shows what it finds there at the exact place', async () => {
    const result = await check(API, { 'file:///work/paths/pets.yaml': PETS });
    assert.deepEqual(result.diagnostics, []);
    const found = inFile(result, 'file:///work/paths/pets.yaml');
    const validator = found.find((d) => d.code === 'unknown-request-validator');
    assert.ok(validator, JSON.stringify(found));
    assert.deepEqual(validator.range, { start: { line: 1, character: 41 }, end: { line: 1, character: 43 } });
    assert.match(String(validator.message), /Did you mean "all"\?/);
    const enumValue = found.find((d) => d.code === 'invalid-enum-value');
    assert.deepEqual(enumValue?.range, rangeOf(PETS, 'when_no_matc'));
    // The facts a fix needs travel with the finding; which fixes a part offers is decided there (fixesInPlace).
    assert.equal((validator.data as { expected?: string }).expected, 'all');
  });

  it('reads parameters through the file of the path item, and follows its local pointers in that file', async () => {
    const item = `item:
  get:
    parameters:
      - $ref: '../params.yaml#/id'
      - $ref: '#/shared/trace'
    responses:
      '200': {description: ok}
    x-amazon-apigateway-integration:
      type: http
      httpMethod: GET
      uri: https://example.com/pets/{id}
      requestParameters:
        integration.request.path.id: method.request.path.id
        integration.request.header.t: method.request.header.X-Trace
        integration.request.header.x: method.request.header.missing
      responses:
        default: {statusCode: '200'}
shared:
  trace: {name: X-Trace, in: header, schema: {type: string}}
`;
    const api = API.replace("'paths/pets.yaml'", "'paths/pet.yaml#/item'").replace('/pets:', '/pets/{id}:');
    const result = await check(api, { 'file:///work/paths/pet.yaml': item, 'file:///work/params.yaml': 'id: {name: id, in: path, required: true, schema: {type: string}}\n' });
    assert.deepEqual(result.diagnostics, []);
    const found = inFile(result, 'file:///work/paths/pet.yaml');
    assert.deepEqual(summary(found), [`${rangeOf(item, 'method.request.header.missing').start.line}:${rangeOf(item, 'method.request.header.missing').start.character} undeclared-parameter`]);
    assert.match(String(found[0].message), /GET \/pets\/\{id\} does not declare/);
  });

  it('reads a reference back into the definition from the definition', async () => {
    const api = `${API.replace("'paths/pets.yaml'", "'paths/pet.yaml'").replace('/pets:', '/pets/{id}:')}components:
  parameters:
    id: {name: id, in: path, required: true, schema: {type: string}}
`;
    const item = `get:
  parameters:
    - $ref: '../api.yaml#/components/parameters/id'
  responses:
    '200': {description: ok}
  x-amazon-apigateway-integration:
    type: http_proxy
    httpMethod: GET
    uri: https://example.com/pets/{id}
    requestParameters:
      integration.request.path.id: method.request.path.id
`;
    const result = await check(api, { 'file:///work/paths/pet.yaml': item });
    assert.deepEqual(summary(result.diagnostics), []);
    assert.deepEqual(summary(inFile(result, 'file:///work/paths/pet.yaml')), []);
  });

  it('leaves a circle of references between files as written, and still checks the rest', async () => {
    const schemas = `Node:
  type: object
  properties:
    next: {$ref: '#/Node'}
    other: {$ref: 'other.yaml#/Other'}
`;
    const other = `Other:
  type: object
  properties:
    back: {$ref: 'schemas.yaml#/Node'}
    bad: {type: objekt}
`;
    const api = `${API}components:
  schemas:
    Node: {$ref: 'paths/schemas.yaml#/Node'}
`;
    const result = await check(api, { 'file:///work/paths/pets.yaml': PETS, 'file:///work/paths/schemas.yaml': schemas, 'file:///work/paths/other.yaml': other });
    assert.deepEqual(summary(result.diagnostics), []);
    assert.ok(inFile(result, 'file:///work/paths/other.yaml').some((d) => d.range.start.line === 4), JSON.stringify(inFile(result, 'file:///work/paths/other.yaml')));
  });

  it('shows the syntax findings of a referenced file in that file, and cannot-be-read on the reference', async () => {
    const result = await check(API, { 'file:///work/paths/pets.yaml': 'get:\n  responses: {\n' });
    assert.deepEqual(summary(result.diagnostics), ['6:10 unreadable-ref-file']);
    assert.deepEqual(inFile(result, 'file:///work/paths/pets.yaml').map((d) => d.code), ['yaml-syntax']);
    const duplicate = await check(API, { 'file:///work/paths/pets.yaml': `${PETS.replace(' al\n', ' all\n').replace('when_no_matc', 'when_no_match')}    httpMethod: GET\n` });
    assert.deepEqual(inFile(duplicate, 'file:///work/paths/pets.yaml').map((d) => d.code), ['duplicate-key']);
  });

  it('reports a broken $ref of a referenced file where it is written, not on the definition\'s $ref', async () => {
    const schema = (ref: string) => `${PETS.replace(' al\n', ' all\n').replace('when_no_matc', 'when_no_match')}  requestBody: {content: {application/json: {schema: {$ref: '${ref}'}}}}\n`;
    const line = (text: string) => text.split('\n').findIndex((l) => l.includes('requestBody'));
    const shared = { 'file:///work/schemas/pet.yaml': "Pet:\n  type: object\n  properties:\n    tag: {$ref: 'tags.yaml#/Tga'}\n", 'file:///work/schemas/tags.yaml': 'Tag: {type: string}\n' };
    const inPart = async (ref: string) => {
      const result = await check(API, { 'file:///work/paths/pets.yaml': schema(ref), ...shared, 'file:///work/schemas/a.yaml': "A: {$ref: 'b.yaml#/B'}\n", 'file:///work/schemas/b.yaml': "B: {$ref: 'a.yaml#/A'}\n" });
      assert.deepEqual(result.diagnostics, []);
      return result;
    };
    const messages = (found: Diagnostic[]) => found.map((d) => `${d.range.start.line} ${d.code} ${d.message}`);
    // A pointer to nothing in a third file.
    const pointer = await inPart('../schemas/pet.yaml#/Pett');
    assert.deepEqual(messages(inFile(pointer, 'file:///work/paths/pets.yaml')), [`${line(schema(''))} unresolved-ref \`../schemas/pet.yaml\` has nothing at \`#/Pett\`. Did you mean \`../schemas/pet.yaml#/Pet\`?`]);
    // A third file that is not there.
    const missing = await inPart('../schemas/gone.yaml#/Pet');
    assert.deepEqual(messages(inFile(missing, 'file:///work/paths/pets.yaml')), [`${line(schema(''))} unreadable-ref-file \`../schemas/gone.yaml\` (named by this $ref) cannot be read.`]);
    // A third file that leads on to a pointer to nothing in a fourth: found in the third, where it is written.
    const further = await inPart('../schemas/pet.yaml#/Pet');
    assert.deepEqual(messages(inFile(further, 'file:///work/paths/pets.yaml')), []);
    assert.deepEqual(messages(inFile(further, 'file:///work/schemas/pet.yaml')), ['3 unresolved-ref `tags.yaml` has nothing at `#/Tga`. Did you mean `tags.yaml#/Tag`?']);
    // A circle across two other files: on the $ref that leads into it, and on each $ref round it.
    const circle = await inPart('../schemas/a.yaml#/A');
    assert.deepEqual(messages(inFile(circle, 'file:///work/paths/pets.yaml')), [`${line(schema(''))} unresolved-ref \`../schemas/a.yaml#/A\` leads to a circle of references that never reaches a definition. It runs through \`../schemas/a.yaml#/A\` and \`../schemas/b.yaml#/B\`.`]);
    assert.deepEqual(messages(inFile(circle, 'file:///work/schemas/a.yaml')), ['0 unresolved-ref `b.yaml#/B` leads to a circle of references that never reaches a definition. It runs through `b.yaml#/B` and `#/A`.']);
    assert.deepEqual(messages(inFile(circle, 'file:///work/schemas/b.yaml')), ['0 unresolved-ref `a.yaml#/A` leads to a circle of references that never reaches a definition. It runs through `a.yaml#/A` and `#/B`.']);
    // A $ref of the definition itself into the circle keeps its finding, and each $ref round it has its own.
    const fromDefinition = await check(`${API}components:\n  schemas:\n    Loop: {$ref: 'schemas/a.yaml#/A'}\n`, { 'file:///work/paths/pets.yaml': PETS, 'file:///work/schemas/a.yaml': "A: {$ref: 'b.yaml#/B'}\n", 'file:///work/schemas/b.yaml': "B: {$ref: 'a.yaml#/A'}\n" });
    assert.deepEqual(messages(fromDefinition.diagnostics), ['9 unresolved-ref `schemas/a.yaml#/A` leads to a circle of references that never reaches a definition. It runs through `schemas/a.yaml#/A` and `schemas/b.yaml#/B`.']);
    assert.deepEqual(inFile(fromDefinition, 'file:///work/schemas/a.yaml').map((d) => d.range.start.line), [0]);
    assert.deepEqual(inFile(fromDefinition, 'file:///work/schemas/b.yaml').map((d) => d.range.start.line), [0]);
  });

  it('leaves a referenced file that is a definition itself to its own validation', async () => {
    const shared = `openapi: 3.0.1\ninfo: {title: shared, version: '1'}\npaths:\n  /pets:\n${PETS.replace(/^/gm, '    ')}`;
    const result = await check(API.replace("'paths/pets.yaml'", "'shared.yaml#/paths/~1pets'"), { 'file:///work/shared.yaml': shared });
    assert.deepEqual(result.elsewhere, []);
    assert.deepEqual(result.diagnostics, []);
  });

  it('applies suppression comments and severity settings of the referenced file\'s lines', async () => {
    const quiet = PETS.replace('  x-amazon-apigateway-request-validator: al', '  # apigw-disable-next-line unknown-request-validator\n  x-amazon-apigateway-request-validator: al');
    const result = await check(API, { 'file:///work/paths/pets.yaml': quiet }, { severity: { 'invalid-enum-value': 'off' } });
    assert.deepEqual(inFile(result, 'file:///work/paths/pets.yaml'), []);
  });

  it('reports a path item two paths share once per use, naming each', async () => {
    const api = `${API}  /animals:\n    $ref: 'paths/pets.yaml'\n`;
    const found = inFile(await check(api, { 'file:///work/paths/pets.yaml': PETS }), 'file:///work/paths/pets.yaml');
    // The same finding at the same place is one finding; those that name the operation are one per path.
    assert.equal(found.filter((d) => d.code === 'invalid-enum-value').length, 1);
    assert.equal(found.filter((d) => d.code === 'unknown-request-validator').length, 1);
  });

  it('infers the dialect from what the referenced files hold', async () => {
    const http = `get:
  responses:
    '200': {description: ok}
  x-amazon-apigateway-integration:
    type: aws_proxy
    httpMethod: POST
    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
    payloadFormatVersion: '2.0'
`;
    // Nothing in the definition itself says HTTP API: a REST reading would refuse \`payloadFormatVersion\`.
    const api = API.replace(/x-amazon-apigateway-request-validators:\n.*\n/, '');
    const result = await check(api, { 'file:///work/paths/pets.yaml': http });
    assert.deepEqual(summary(result.diagnostics), []);
    assert.deepEqual(summary(inFile(result, 'file:///work/paths/pets.yaml')), []);
    const rest = await check(api, { 'file:///work/paths/pets.yaml': http }, { dialect: 'rest' });
    assert.ok(inFile(rest, 'file:///work/paths/pets.yaml').length > 0);
  });

  it('keeps the findings of each file whose anchors another file names alike', async () => {
    const part = (description: string) => `x-defs:\n  ok: &r\n    '200': {${description}}\nget:\n  responses: *r\n  x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}, responses: {default: {statusCode: '200'}}}\n`;
    const api = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: 'a.yaml'\n  /b:\n    $ref: 'b.yaml'\n`;
    const alone = await check(api.replace("  /a:\n    $ref: 'a.yaml'\n", ''), { 'file:///work/b.yaml': part('x: 1') });
    const both = await check(api, { 'file:///work/a.yaml': part('description: ok'), 'file:///work/b.yaml': part('x: 1') });
    const codes = (result: typeof both) => inFile(result, 'file:///work/b.yaml').map((d) => `${d.range.start.line} ${d.code}`).sort();
    assert.ok(codes(alone).length > 0);
    assert.deepEqual(codes(both), codes(alone));
  });

  it('says which reference it stopped at past the most files read for one definition', async () => {
    const files: Record<string, string> = {};
    const count = MAX_FILES + 1;
    for (let i = 0; i < count; i++) files[`file:///work/p${i}.yaml`] = "get: {responses: {'200': {description: ok}}}\n";
    const api = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n${Array.from({ length: count }, (_, i) => `  /p${i}:\n    $ref: 'p${i}.yaml'\n`).join('')}`;
    const result = await check(api, files);
    const note = result.diagnostics.filter((d) => d.code === 'referenced-files-partly-checked');
    assert.equal(note.length, 1);
    assert.equal(note[0].range.start.line, rangeOf(api, `'p${MAX_FILES}.yaml'`).start.line);
    assert.match(String(note[0].message), /up to 1,000 files are read for one definition/);
  });

  it('names lines of a referenced file\'s template in that file', async () => {
    const part = `get:
  responses:
    '200': {description: ok}
  x-amazon-apigateway-integration:
    type: mock
    requestTemplates:
      application/json: |
        #if($input.params('a'))
        {"statusCode": 200}
`;
    const found = inFile(await check(API, { 'file:///work/paths/pets.yaml': part }), 'file:///work/paths/pets.yaml').filter((d) => d.code === 'template-syntax');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(String(found[0].message), /\bline 8\b/);
  });

  it('weighs the import size with the files the definition references', async () => {
    const part = `get:\n  description: ${'x'.repeat(6.1 * 1048576)}\n  responses:\n    '200': {description: ok}\n`;
    const result = await check(API, { 'file:///work/paths/pets.yaml': part });
    const [tooLarge] = result.diagnostics.filter((d) => d.code === 'import-too-large');
    assert.match(String(tooLarge?.message), /^With the files it references, this definition is 6\.1 MB; /);
  });

  it('reads each referenced file once per validation', async () => {
    const reads: string[] = [];
    const service = createLanguageService({ resolver: filesResolver({ 'file:///work/paths/pets.yaml': PETS }, reads) });
    await service.doValidation(TextDocument.create(API_URI, 'yaml', 1, API));
    assert.deepEqual(reads, ['file:///work/paths/pets.yaml']);
  });

  it('copies a target many operations name once, and says where it stopped past the budget', async () => {
    // Each property is an object and a string: past the budget's count of nodes in one file.
    const properties = Array.from({ length: Math.ceil(MAX_SPLICED_NODES / 2) + 10 }, (_, i) => `    p${i}: {type: string}`).join('\n');
    const schema = `Big:\n  type: object\n  properties:\n${properties}\n`;
    const operation = (i: number, file: string) => `  /p${i}:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '${file}#/Big'}\n`;
    const small = `Big:\n  type: object\n  properties:\n    a: {type: string}\n`;
    // Named by a thousand operations, the small schema is copied once: no note.
    const many = `openapi: 3.0.1\ninfo: {title: big, version: '1'}\npaths:\n${Array.from({ length: 1000 }, (_, i) => operation(i, 'small.yaml')).join('')}`;
    assert.deepEqual((await check(many, { 'file:///work/small.yaml': small })).diagnostics.filter((d) => d.code === 'referenced-files-partly-checked'), []);
    const api = `openapi: 3.0.1\ninfo: {title: big, version: '1'}\npaths:\n${operation(0, 'big.yaml')}${operation(1, 'small.yaml')}`;
    const result = await check(api, { 'file:///work/big.yaml': schema, 'file:///work/small.yaml': small });
    const note = result.diagnostics.filter((d) => d.code === 'referenced-files-partly-checked');
    assert.equal(note.length, 1, JSON.stringify(result.diagnostics.map((d) => d.code)));
    assert.equal(note[0].range.start.line, rangeOf(api, "'small.yaml#/Big'").start.line);
  });

});
