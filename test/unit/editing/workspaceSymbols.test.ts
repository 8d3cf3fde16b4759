import assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import { findWorkspaceSymbols } from '../../../server/src/services/workspaceSymbols';
import type { WorkspaceDocuments } from '../../../server/src/services/validationTypes';
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

  it('stops when the editor cancels, and answers nothing without a workspace', async () => {
    assert.deepEqual(await findWorkspaceSymbols('', workspace, () => true), []);
    assert.deepEqual(await findWorkspaceSymbols('', undefined), []);
  });
});
