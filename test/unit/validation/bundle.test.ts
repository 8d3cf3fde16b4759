import assert from 'node:assert/strict';
import { bundleDefinition, type Bundle } from '../../../server/src/services/bundle';
import { filesResolver } from '../../support/splitDefinition';
import { parse } from './validate';

async function bundled(api: string, files: Record<string, string>): Promise<Bundle> {
  const result = await bundleDefinition(parse(api), filesResolver(files));
  assert.ok(result && 'value' in result, JSON.stringify(result));
  return result;
}

const API = `openapi: 3.0.1
info: {title: split, version: '1'}
paths:
  /pets:
    $ref: 'paths/pets.yaml'
components:
  schemas:
    Error: {type: object}
`;

describe('one document made of a split definition, for import', () => {
  it('puts what each reference to another file leads to in its place, and keeps the definition\'s own pointers', async () => {
    const pets = `get:
  parameters:
    - $ref: '#/shared/limit'
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema: {$ref: '../schemas.yaml#/Pets'}
    '500':
      description: failed
      content:
        application/json:
          schema: {$ref: '../api.yaml#/components/schemas/Error'}
shared:
  limit: {name: limit, in: query, schema: {type: integer}}
`;
    const result = await bundled(API, { 'file:///work/paths/pets.yaml': pets, 'file:///work/schemas.yaml': 'Pets: {type: array, items: {type: string}}\n' });
    const get = (result.value.paths as Record<string, Record<string, Record<string, unknown>>>)['/pets'].get;
    assert.deepEqual(get.parameters, [{ name: 'limit', in: 'query', schema: { type: 'integer' } }]);
    assert.deepEqual(get.responses, {
      '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } },
      '500': { description: 'failed', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    });
    assert.deepEqual(result.files, ['file:///work/paths/pets.yaml', 'file:///work/schemas.yaml']);
    assert.deepEqual(result.moved, []);
  });

  it('moves a schema that contains itself through another file to the models, under a name not taken', async () => {
    const api = `${API.replace("$ref: 'paths/pets.yaml'", "get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: 'tree.yaml#/Error'}}}}}}")}`;
    const tree = `Error:
  type: object
  properties:
    children: {type: array, items: {$ref: '#/Error'}}
`;
    const result = await bundled(api, { 'file:///work/tree.yaml': tree });
    const schemas = (result.value.components as Record<string, Record<string, unknown>>).schemas;
    assert.deepEqual(result.moved, ['Error2']);
    assert.deepEqual(schemas.Error, { type: 'object' });
    assert.deepEqual(schemas.Error2, { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Error2' } } } });
    const schema = (result.value.paths as Record<string, Record<string, Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>>>)['/pets'].get.responses['200'].content['application/json'].schema;
    assert.deepEqual(schema, { $ref: '#/components/schemas/Error2' });
  });

  it('names a moved schema beside the models as they are imported, which may come from another file', async () => {
    const api = `openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: 'tree.yaml#/Node'}}}}
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
components:
  schemas:
    $ref: 'schemas.yaml'
`;
    const result = await bundled(api, { 'file:///work/schemas.yaml': 'Node: {type: string}\n', 'file:///work/tree.yaml': "Node:\n  type: object\n  properties:\n    next: {$ref: '#/Node'}\n" });
    const schemas = (result.value.components as Record<string, Record<string, unknown>>).schemas;
    assert.deepEqual(result.moved, ['Node2']);
    assert.deepEqual(schemas.Node, { type: 'string' });
    assert.deepEqual(schemas.Node2, { type: 'object', properties: { next: { $ref: '#/components/schemas/Node2' } } });
  });

  it('keeps the version as written and puts moved models in Swagger 2.0 definitions', async () => {
    const api = `swagger: 2.0
info: {title: s, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {description: ok, schema: {$ref: 'node.yaml'}}
`;
    const result = await bundled(api, { 'file:///work/node.yaml': 'type: object\nproperties:\n  next: {$ref: "#"}\n' });
    assert.equal(result.value.swagger, '2.0');
    assert.deepEqual(result.value.definitions, { node: { type: 'object', properties: { next: { $ref: '#/definitions/node' } } } });
  });

  it('says which reference cannot be followed, and gives nothing for a definition in one file', async () => {
    assert.deepEqual(await bundleDefinition(parse(API), filesResolver({})), { problem: 'paths/pets.yaml names a file that cannot be read' });
    const missing = await bundleDefinition(parse(API.replace("'paths/pets.yaml'", "'paths/pets.yaml#/nothing'")), filesResolver({ 'file:///work/paths/pets.yaml': 'get: {}\n' }));
    assert.deepEqual(missing, { problem: 'paths/pets.yaml#/nothing points to nothing in pets.yaml' });
    assert.equal(await bundleDefinition(parse(API.replace("$ref: 'paths/pets.yaml'", 'get: {}')), filesResolver({})), undefined);
  });
});
