import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import { findDocumentSymbols, readPathItemsElsewhere } from '../../../server/src/services/symbols';
import { filesResolver, parsedAt } from '../../support/splitDefinition';
import { keyName } from '../../../server/src/model/navigate';
import { parse } from './documents';

function outline(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => [s.name, s.detail ?? '', ...(s.children?.length ? [outline(s.children)] : [])]);
}

describe('document symbols', () => {
  it('lists paths with their operations, what they call, and the components', () => {
    const text = [
      'openapi: 3.0.1',
      'x-amazon-apigateway-request-validators:',
      '  all: {validateRequestBody: true, validateRequestParameters: true}',
      'x-amazon-apigateway-gateway-responses:',
      "  DEFAULT_4XX: {statusCode: '400'}",
      'paths:',
      '  /pets/{id}:',
      '    get:',
      '      operationId: getPet',
      '      x-amazon-apigateway-integration:',
      '        type: aws_proxy',
      '        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:GetPet:live/invocations',
      '    delete:',
      '      x-amazon-apigateway-integration: {type: http_proxy, uri: "https://example.com/pets"}',
      '    x-amazon-apigateway-any-method:',
      '      x-amazon-apigateway-integration: {type: mock}',
      'components:',
      '  schemas:',
      '    Pet: {type: object}',
      '  securitySchemes:',
      '    auth: {type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authorizer: {type: token}}',
      '',
    ].join('\n');
    const symbols = findDocumentSymbols(parse(text));
    assert.deepEqual(outline(symbols), [
      ['/pets/{id}', '', [['GET', 'getPet · AWS_PROXY → GetPet'], ['DELETE', 'HTTP_PROXY → https://example.com/pets'], ['ANY', 'MOCK']]],
      ['Schemas', '', [['Pet', 'object']]],
      ['Security schemes', '', [['auth', 'apiKey authorizer: token']]],
      ['Request validators', '', [['all', 'body + parameters']]],
      ['Gateway responses', '', [['DEFAULT_4XX', '400']]],
    ]);
    const get = symbols[0].children![0];
    assert.equal(get.kind, SymbolKind.Method);
    assert.deepEqual(get.selectionRange, { start: { line: 7, character: 4 }, end: { line: 7, character: 7 } });
    assert.deepEqual(get.range.end, { line: 11, character: 145 });
  });

  it('lists 2.0 definitions and resolves integrations referenced from components, in JSON', () => {
    const text = JSON.stringify({
      swagger: '2.0',
      definitions: { Pet: { type: 'object' } },
      paths: { '/a': { post: { operationId: 'create' } } },
    });
    assert.deepEqual(outline(findDocumentSymbols(parse(text, 'json'))), [['/a', '', [['POST', 'create']]], ['Definitions', '', [['Pet', 'object']]]]);
    const http = JSON.stringify({
      openapi: '3.0.1',
      paths: { '/b': { get: { 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/fn' } } } },
      components: { 'x-amazon-apigateway-integrations': { fn: { type: 'AWS_PROXY', uri: 'arn:aws:lambda:us-east-1:1:function:Fn', payloadFormatVersion: '2.0' } } },
    });
    assert.deepEqual(outline(findDocumentSymbols(parse(http, 'json'))), [['/b', '', [['GET', 'AWS_PROXY → Fn']]], ['Integrations', '', [['fn', 'AWS_PROXY → Fn']]]]);
  });

  it('lists the operations of path items kept in other files, or elsewhere in the definition, at their $ref', async () => {
    const api = [
      'openapi: 3.0.1',
      'paths:',
      '  /pets:',
      "    $ref: 'paths/pets.yaml'",
      '  /owners:',
      "    $ref: 'paths/all.yaml#/owners'",
      '  /local:',
      "    $ref: '#/x-paths/local'",
      '  /gone:',
      "    $ref: 'paths/missing.yaml'",
      'x-paths:',
      '  local: {get: {operationId: getLocal}}',
      '',
    ].join('\n');
    const pets = "get:\n  operationId: listPets\n  x-amazon-apigateway-integration: {type: http_proxy, uri: 'https://example.com/pets'}\npost: {operationId: addPet}\n";
    // A chain: the path item in all.yaml is itself a reference into the same file.
    const all = "owners: {$ref: '#/ownersItem'}\nownersItem:\n  delete: {operationId: dropOwners}\n";
    const files: Record<string, string> = { 'file:///work/paths/pets.yaml': pets, 'file:///work/paths/all.yaml': all };
    const document = parsedAt('file:///work/api.yaml', api);
    const elsewhere = await readPathItemsElsewhere(document, filesResolver(files));
    const symbols = findDocumentSymbols(document, elsewhere);
    assert.deepEqual(outline(symbols), [
      ['/pets', 'paths/pets.yaml', [['GET', 'listPets · HTTP_PROXY → https://example.com/pets'], ['POST', 'addPet']]],
      ['/owners', 'paths/all.yaml#/owners', [['DELETE', 'dropOwners']]],
      ['/local', '#/x-paths/local', [['GET', 'getLocal']]],
      ['/gone', ''],
    ]);
    // Each stands at the path's $ref: the outline takes the editor to places in this document.
    const [get] = symbols[0].children!;
    assert.deepEqual(get.selectionRange, { start: { line: 3, character: 10 }, end: { line: 3, character: 27 } });
    assert.deepEqual(get.range, symbols[0].range);
  });

  it('lists operations written beside a path item\'s $ref first, then those of the item not written there', async () => {
    const api = "openapi: 3.0.1\npaths:\n  /pets:\n    $ref: 'paths/pets.yaml'\n    get: {operationId: ownGet}\n";
    const pets = 'get: {operationId: listPets}\npost: {operationId: addPet}\n';
    const document = parsedAt('file:///work/api.yaml', api);
    const symbols = findDocumentSymbols(document, await readPathItemsElsewhere(document, filesResolver({ 'file:///work/paths/pets.yaml': pets })));
    assert.deepEqual(outline(symbols), [['/pets', 'paths/pets.yaml', [['GET', 'ownGet'], ['POST', 'addPet']]]]);
  });

  it('reads each file once per outline, takes what the resolver holds without reading, and reads at most 64 more', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `  /one${i}: {$ref: 'all.yaml#/p${i}'}\n  /own${i}: {$ref: 'p${i}.yaml'}\n`).join('');
    const document = parsedAt('file:///work/api.yaml', `openapi: 3.0.1\npaths:\n${many}`);
    const all = Array.from({ length: 300 }, (_, i) => `p${i}: {get: {operationId: g${i}}}\n`).join('');
    const reads: string[] = [];
    const files: Record<string, string> = { 'file:///work/all.yaml': all };
    for (let i = 0; i < 300; i++) files[`file:///work/p${i}.yaml`] = 'get: {}\n';
    const resolver = { ...filesResolver(files, reads), loaded: (base: string, ref: string) => (ref.startsWith('p1') ? parsedAt(new URL(ref, base).href, 'get: {}\n') : undefined) };
    const elsewhere = await readPathItemsElsewhere(document, resolver);
    assert.equal(reads.filter((uri) => uri.endsWith('/all.yaml')).length, 1);
    assert.equal(reads.length, 64);
    assert.ok(reads.every((uri) => !/\/p1\d*\.yaml$/.test(uri)), 'a file the resolver holds is not read');
    // Those held or read have their operations; the rest are listed as paths alone.
    assert.equal([...elsewhere.keys()].filter((path) => keyName(path).startsWith('/one')).length, 300);
    assert.equal([...elsewhere.keys()].filter((path) => keyName(path).startsWith('/own')).length, 63 + 111);
  });
});
