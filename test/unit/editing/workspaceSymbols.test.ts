import assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import { findWorkspaceSymbols } from '../../../server/src/services/workspaceSymbols';
import type { WorkspaceDocuments } from '../../../server/src/services/validationTypes';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../../server/src/model/apiDocument';
import { WorkspaceFiles } from '../../../server/src/workspaceFiles';
import { WorkspaceResolver } from '../../../server/src/workspaceResolver';
import { parse } from './documents';

const PETS = [
  'openapi: 3.0.1',
  'info: {title: Pets, version: "1"}',
  'paths:',
  '  /pets:',
  '    get:',
  '      operationId: listPets',
  '      responses: {}',
  '    post:',
  '      responses: {}',
  '  /pets/{id}:',
  '    x-amazon-apigateway-any-method:',
  '      responses: {}',
  'components:',
  '  schemas:',
  '    Pet: {type: object}',
  'x-amazon-apigateway-request-validators:',
  '  all: {validateRequestBody: true}',
  '',
].join('\n');
const ORDERS = 'openapi: 3.0.1\ninfo: {title: Orders, version: "1"}\npaths:\n  /orders:\n    get:\n      operationId: listOrders\n      responses: {}\n';
const SHARED = 'components:\n  schemas:\n    Address: {type: object}\n';

function workspaceOf(...documents: ApiDocument[]): WorkspaceDocuments {
  return { documents: async (wanted) => documents.filter((d) => wanted(d.text)) };
}

describe('workspace symbols', () => {
  const workspace = workspaceOf(parse(PETS, 'yaml', 'file:///w/pets.yaml'), parse(ORDERS, 'yaml', 'file:///w/orders.yaml'), parse(SHARED, 'yaml', 'file:///w/shared.yaml'));

  it('lists every operation and component of every API definition and shared components file', async () => {
    const symbols = await findWorkspaceSymbols('', workspace);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind, s.containerName, s.location.uri.split('/').pop(), s.location.range.start.line]),
      [
        ['GET /pets (listPets)', SymbolKind.Method, 'Pets', 'pets.yaml', 4],
        ['POST /pets', SymbolKind.Method, 'Pets', 'pets.yaml', 7],
        ['ANY /pets/{id}', SymbolKind.Method, 'Pets', 'pets.yaml', 10],
        ['Pet', SymbolKind.Class, 'Schemas · Pets', 'pets.yaml', 14],
        ['all', SymbolKind.Constant, 'Request validators · Pets', 'pets.yaml', 16],
        ['GET /orders (listOrders)', SymbolKind.Method, 'Orders', 'orders.yaml', 4],
        ['Address', SymbolKind.Class, 'Schemas', 'shared.yaml', 2],
      ],
    );
  });

  it('finds by operationId, path or the letters in order, ignoring case', async () => {
    const names = async (query: string) => (await findWorkspaceSymbols(query, workspace)).map((s) => s.name);
    assert.deepEqual(await names('listorders'), ['GET /orders (listOrders)']);
    assert.deepEqual(await names('post'), ['POST /pets']);
    assert.deepEqual(await names('g /ord'), ['GET /orders (listOrders)']);
    assert.deepEqual(await names('zzz'), []);
  });

  it('ranks exact names, then prefixes, then names holding the query, then its letters in order, before the cap', async () => {
    const paths = Array.from({ length: 1200 }, (_, i) => `  /resource${i}/{id}:\n    get:\n      operationId: getResource${i}\n      responses: {}\n`).join('');
    const big = parse(`openapi: 3.0.1\ninfo: {title: Big, version: "1"}\npaths:\n${paths}components:\n  schemas:\n    ServerError: {type: object}\n    ErrorList: {type: object}\n    Error: {type: object}\n`, 'yaml', 'file:///w/big.yaml');
    const symbols = await findWorkspaceSymbols('Error', workspaceOf(big));
    assert.equal(symbols.length, 1000, 'the cap stays');
    // 1200 operations hold e, r, r, o, r in order; the schemas come first all the same.
    assert.deepEqual(symbols.slice(0, 4).map((s) => s.name), ['Error', 'ErrorList', 'ServerError', 'GET /resource0/{id} (getResource0)']);
    // The operationId counts as a name of its own: `listPets` equals it.
    const names = async (query: string) => (await findWorkspaceSymbols(query, workspace)).map((s) => s.name);
    assert.deepEqual(await names('pet'), ['Pet', 'GET /pets (listPets)', 'POST /pets', 'ANY /pets/{id}']);
    assert.deepEqual(await names('LISTPETS'), ['GET /pets (listPets)']);
  });

  it('reads an open document with a syntax error as the outline does', async () => {
    const broken = PETS.replace('      operationId: listPets\n', '      operationId: listPets\n      summary: [List pets\n');
    const document = TextDocument.create('file:///w/pets.yaml', 'yaml', 2, broken);
    const files = new WorkspaceFiles(new WorkspaceResolver(() => undefined), () => [document], parseApiDocument);
    assert.equal(parseApiDocument(document).root, undefined, 'the text does not parse');
    const symbols = await findWorkspaceSymbols('listPets', files);
    assert.deepEqual(symbols.map((s) => [s.name, s.location.uri, s.location.range.start.line]), [['GET /pets (listPets)', 'file:///w/pets.yaml', 4]]);
    assert.deepEqual((await findWorkspaceSymbols('Pet', files)).map((s) => s.name)[0], 'Pet');
  });

  it('stops when the editor cancels, and answers nothing without a workspace', async () => {
    assert.deepEqual(await findWorkspaceSymbols('', workspace, () => true), []);
    assert.deepEqual(await findWorkspaceSymbols('', undefined), []);
  });
});

describe('workspace symbols of a split definition', () => {
  it('finds an operation whose path item lives in another file, in that file', async () => {
    const api = parse("openapi: 3.0.1\ninfo: {title: Split, version: '1'}\npaths:\n  /items:\n    $ref: 'paths/items.yaml'\n", 'yaml', 'file:///w/api.yaml');
    const part = parse('# items\nget:\n  operationId: listItems\n  responses: {}\n', 'yaml', 'file:///w/paths/items.yaml');
    const resolver = { resolve: async (base: string, ref: string) => (new URL(ref, base).href === part.uri ? part : undefined) };
    const symbols = await findWorkspaceSymbols('listItems', workspaceOf(api), () => false, resolver);
    assert.deepEqual(symbols.map((s) => [s.name, s.containerName, s.location.uri, s.location.range.start.line, s.location.range.start.character]), [['GET /items (listItems)', 'Split', part.uri, 1, 0]]);
  });

  it('lists the operations in path order, those of a path item under another key where they stand', async () => {
    const api = parse("openapi: 3.0.1\ninfo: {title: Split, version: '1'}\npaths:\n  /a: {$ref: 'paths/items.yaml'}\n  /b: {$ref: '#/x-paths/b'}\n  /c: {get: {operationId: getC}}\nx-paths:\n  b: {get: {operationId: getB}}\n", 'yaml', 'file:///w/api.yaml');
    const part = parse('get:\n  operationId: getA\n', 'yaml', 'file:///w/paths/items.yaml');
    const resolver = { resolve: async (base: string, ref: string) => (new URL(ref, base).href === part.uri ? part : undefined) };
    const symbols = await findWorkspaceSymbols('get', workspaceOf(api), () => false, resolver);
    assert.deepEqual(symbols.map((s) => [s.name, s.location.uri.split('/').pop(), s.location.range.start.line]), [
      ['GET /a (getA)', 'items.yaml', 0],
      ['GET /b (getB)', 'api.yaml', 7],
      ['GET /c (getC)', 'api.yaml', 5],
    ]);
  });

  it('reads the operationId of an operation kept in a file of its own, or under another key', async () => {
    const api = parse("openapi: 3.0.1\ninfo: {title: Split, version: '1'}\npaths:\n  /pets:\n    get: {$ref: 'ops/listPets.yaml'}\n  /owners:\n    get: {$ref: '#/x-ops/getOwners'}\nx-ops:\n  getOwners: {operationId: getOwners}\n", 'yaml', 'file:///w/api.yaml');
    const op = parse('operationId: listPets\nresponses: {}\n', 'yaml', 'file:///w/ops/listPets.yaml');
    const resolver = { resolve: async (base: string, ref: string) => (new URL(ref, base).href === op.uri ? op : undefined) };
    const symbols = await findWorkspaceSymbols('', workspaceOf(api), () => false, resolver);
    assert.deepEqual(symbols.filter((s) => s.kind === SymbolKind.Method).map((s) => [s.name, s.location.uri.split('/').pop(), s.location.range.start.line]), [
      ['GET /pets (listPets)', 'api.yaml', 4],
      ['GET /owners (getOwners)', 'api.yaml', 6],
    ]);
  });
});
