import assert from 'node:assert/strict';
import type { Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import { findDefinition, findReferences } from '../../../server/src/services/navigation';
import { prepareRename, rename } from '../../../server/src/services/rename';
import type { DocumentResolver, WorkspaceDocuments } from '../../../server/src/services/validationTypes';
import { applyEdits, parse } from './documents';

const JSON_API = JSON.stringify(
  {
    openapi: '3.0.0',
    info: { title: 'doc', version: '1' },
    paths: { '/': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Empty' } } } } } } } },
    'x-amazon-apigateway-documentation': {
      version: '1.0.3',
      documentationParts: [
        { location: { type: 'METHOD', method: 'GET' }, properties: { description: 'Empty' } },
        { location: { type: 'MODEL', name: 'Empty' }, properties: { title: 'Empty Schema' } },
        { location: { type: 'RESPONSE', method: 'GET', statusCode: '200' }, properties: { description: 'ok' } },
      ],
    },
    components: { schemas: { Empty: { type: 'object', title: 'Empty Schema' } } },
  },
  null,
  2,
);

const SWAGGER = [
  "swagger: '2.0'",
  "info: {title: t, version: '1'}",
  'paths:',
  '  /pets/{Pet}:',
  '    get:',
  '      parameters: [{name: Pet, in: path, required: true, type: string}]',
  '      security: [{auth: []}, {key: []}]',
  "      responses: {'200': {description: ok, schema: {$ref: '#/definitions/Pet'}}}",
  'definitions:',
  '  Pet: {type: object}',
  'securityDefinitions:',
  '  auth:',
  '    type: apiKey',
  '    name: Authorization',
  '    in: header',
  '    x-amazon-apigateway-authorizer: {type: token, authorizerUri: arn}',
  '  key: {type: apiKey, name: x-api-key, in: header}',
  'x-amazon-apigateway-documentation:',
  '  documentationParts:',
  '    - location: {type: MODEL, name: Pet}',
  '      properties: {description: A pet}',
  "    - location: {type: PATH_PARAMETER, path: '/pets/{Pet}', name: Pet}",
  '      properties: {description: Its id}',
  '    - location: {type: MODEL, name: Owner}',
  '      properties: {description: Not defined here}',
  '    - location: {type: AUTHORIZER, name: auth}',
  '      properties: {description: Token authorizer}',
  '    - location: {type: AUTHORIZER, name: key}',
  '      properties: {description: Not an authorizer}',
  '',
].join('\n');

function offsetOf(text: string, needle: string, delta = 1, occurrence = 0): number {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not found`);
  return index + delta;
}

function texts(document: ApiDocument, locations: Location[]): string[] {
  return locations.map((l) => `${l.range.start.line}:${document.text.slice(document.textDocument.offsetAt(l.range.start), document.textDocument.offsetAt(l.range.end))}`);
}

function applied(document: ApiDocument, edit: WorkspaceEdit): string {
  return applyEdits(document, (edit.changes?.[document.uri] ?? []) as TextEdit[]);
}

describe('documentation parts that name a model', () => {
  const document = parse(JSON_API, 'json');
  const modelName = offsetOf(JSON_API, '"name": "Empty"', 10);

  it('are renamed with the model, and nothing else that reads the same is', async () => {
    const text = applied(document, await rename(document, offsetOf(JSON_API, '"Empty": {', 2), 'Nothing'));
    const renamed = JSON.parse(text);
    assert.deepEqual(Object.keys(renamed.components.schemas), ['Nothing']);
    assert.equal(renamed.paths['/'].get.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/Nothing');
    const parts = renamed['x-amazon-apigateway-documentation'].documentationParts;
    assert.deepEqual(parts[1].location, { type: 'MODEL', name: 'Nothing' });
    assert.equal(parts[0].properties.description, 'Empty');
    assert.equal(parts[1].properties.title, 'Empty Schema');
  });

  it('go to the model, list its uses, and rename it from there', async () => {
    assert.deepEqual(texts(document, await findDefinition(document, modelName)), [`${document.textDocument.positionAt(offsetOf(JSON_API, '"Empty": {', 0)).line}:"Empty"`]);
    assert.deepEqual((await findReferences(document, modelName)).map((l) => l.range.start.line), [
      document.textDocument.positionAt(offsetOf(JSON_API, '"Empty": {')).line,
      document.textDocument.positionAt(offsetOf(JSON_API, '#/components')).line,
      document.textDocument.positionAt(modelName).line,
    ]);
    const prepared = prepareRename(document, modelName);
    assert.equal(prepared?.placeholder, 'Empty');
    assert.equal(document.text.slice(document.textDocument.offsetAt(prepared!.range.start), document.textDocument.offsetAt(prepared!.range.end)), 'Empty');
    const text = applied(document, await rename(document, modelName, 'Nothing'));
    assert.equal(text.split('Nothing').length - 1, 3);
  });

  it('in Swagger 2.0 name definitions; other location types and missing models are left alone', async () => {
    const swagger = parse(SWAGGER);
    const text = applied(swagger, await rename(swagger, offsetOf(SWAGGER, '  Pet: {', 2), 'Animal'));
    assert.match(text, /location: \{type: MODEL, name: Animal\}/);
    assert.match(text, /location: \{type: PATH_PARAMETER, path: '\/pets\/\{Pet\}', name: Pet\}/);
    assert.match(text, /^ {2}\/pets\/\{Pet\}:$/m);
    const owner = offsetOf(SWAGGER, 'name: Owner', 7);
    assert.deepEqual(await findDefinition(swagger, owner), []);
    assert.equal(prepareRename(swagger, owner), undefined);
    assert.equal(prepareRename(swagger, offsetOf(SWAGGER, 'name: Pet}', 7, 1)), undefined);
  });

  it('in another file do not name this file’s schema', async () => {
    const common = parse('components:\n  schemas:\n    Address: {type: object}\n', 'yaml', 'file:///work/common.yaml');
    const api = parse(
      "openapi: 3.0.1\npaths: {}\ncomponents:\n  schemas:\n    X: {$ref: 'common.yaml#/components/schemas/Address'}\nx-amazon-apigateway-documentation:\n  documentationParts:\n    - {location: {type: MODEL, name: Address}, properties: {}}\n",
      'yaml',
      'file:///work/api.yaml',
    );
    const workspace: WorkspaceDocuments = { documents: async (wanted) => [common, api].filter((d) => wanted(d.text)) };
    const resolver: DocumentResolver = { resolve: async (base, ref) => [common, api].find((d) => d.uri === new URL(ref.split('#')[0] || base, base).toString()) };
    const edit = await rename(common, offsetOf(common.text, 'Address'), 'PostalAddress', resolver, workspace);
    assert.match(applied(api, edit), /schemas\/PostalAddress'/);
    assert.match(applied(api, edit), /name: Address\}/);
  });
});

describe('documentation parts that name an authorizer', () => {
  const document = parse(SWAGGER);

  it('are uses of the security scheme that defines the authorizer', async () => {
    const at = offsetOf(SWAGGER, 'name: auth}', 7);
    assert.deepEqual(texts(document, await findDefinition(document, at)), ['11:auth']);
    assert.deepEqual(texts(document, await findReferences(document, at)), ['11:auth', '6:auth', '25:auth']);
    const text = applied(document, await rename(document, offsetOf(SWAGGER, '  auth:', 2), 'tokenAuth'));
    assert.match(text, /location: \{type: AUTHORIZER, name: tokenAuth\}/);
    assert.match(text, /security: \[\{tokenAuth: \[\]\}, \{key: \[\]\}\]/);
  });

  it('are not uses of a scheme that defines no authorizer', async () => {
    const at = offsetOf(SWAGGER, 'name: key}', 7);
    assert.deepEqual(await findDefinition(document, at), []);
    assert.equal(prepareRename(document, at), undefined);
    const text = applied(document, await rename(document, offsetOf(SWAGGER, '  key: {', 2), 'apiKey'));
    assert.match(text, /location: \{type: AUTHORIZER, name: key\}/);
  });
});
