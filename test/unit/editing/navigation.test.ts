import assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-types';
import { withRecoveredTree, type ApiDocument } from '../../../server/src/model/apiDocument';
import { findDefinition, findReferences } from '../../../server/src/services/navigation';
import { prepareRename, rename } from '../../../server/src/services/rename';
import type { DocumentResolver } from '../../../server/src/services/validationTypes';
import { parse, withCursor } from './documents';

function texts(document: ApiDocument, locations: Location[]): string[] {
  return locations.map((l) => `${l.range.start.line}:${document.text.slice(document.textDocument.offsetAt(l.range.start), document.textDocument.offsetAt(l.range.end))}`);
}

const REST = [
  'openapi: 3.0.1',
  'x-amazon-apigateway-request-validators:',
  '  body-only: {validateRequestBody: true}',
  'x-amazon-apigateway-request-validator: body-only',
  'components:',
  '  schemas:',
  '    Pet: {type: object}',
  '  securitySchemes:',
  '    api_key: {type: apiKey, name: x-api-key, in: header}',
  'security:',
  '  - api_key: []',
  'paths:',
  '  /pets:',
  '    post:',
  '      security:',
  '        - api_key: []',
  '      x-amazon-apigateway-request-validator: body-only',
  '      requestBody:',
  '        content:',
  '          application/json:',
  "            schema: {$ref: '#/components/schemas/Pet'}",
  '      responses:',
  "        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}",
  '',
].join('\n');

function at(needle: string, delta = 1, occurrence = 0): { document: ApiDocument; offset: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = REST.indexOf(needle, index + 1);
  return { document: parse(REST), offset: index + delta };
}

describe('navigation', () => {
  it('goes from a $ref to the schema it names', async () => {
    const { document, offset } = at("'#/components/schemas/Pet'", 5);
    assert.deepEqual(texts(document, await findDefinition(document, offset)), ['6:Pet']);
  });

  it('goes from a segment of a longer pointer to what the pointer names up to it', async () => {
    const text = "openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet:\n      properties:\n        child: {type: string}\npaths: {}\nx-use: {$ref: '#/components/schemas/Pet/properties/child'}\n";
    const document = parse(text);
    const goTo = async (segment: string) => texts(document, await findDefinition(document, text.lastIndexOf(segment) + 1));
    assert.deepEqual(await goTo('child'), ['5:child']);
    assert.deepEqual(await goTo('Pet'), ['3:Pet']);
    assert.deepEqual(await goTo('properties'), ['4:properties']);
    // The sections before the name follow the whole pointer, as a link does.
    assert.deepEqual(await goTo('schemas'), ['5:child']);
  });

  it('goes from a validator name to its definition', async () => {
    const { document, offset } = at('body-only', 2, 2);
    assert.deepEqual(texts(document, await findDefinition(document, offset)), ['2:body-only']);
  });

  it('goes from a security requirement to the scheme', async () => {
    const { document, offset } = at('api_key: []', 2, 1);
    assert.deepEqual(texts(document, await findDefinition(document, offset)), ['8:api_key']);
  });

  it('goes from a method.request expression to the declared parameter', async () => {
    const { document, offset } = withCursor('openapi: 3.0.1\npaths:\n  /p/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true}\n      x-amazon-apigateway-integration:\n        requestParameters:\n          integration.request.path.id: method.request.path.i|d\n');
    assert.deepEqual(texts(document, await findDefinition(document, offset)), ['5:{name: id, in: path, required: true}']);
  });

  it('goes from and finds a parameter read by a mapping and by a cache key list', async () => {
    const text = [
      'openapi: 3.0.1',
      'paths:',
      '  /p/{id}:',
      '    get:',
      '      parameters:',
      '        - {name: id, in: path, required: true}',
      '      x-amazon-apigateway-integration:',
      '        requestParameters:',
      '          integration.request.path.id: method.request.path.id',
      '        cacheKeyParameters: [method.request.path.id]',
      '',
    ].join('\n');
    const document = parse(text);
    const inList = text.lastIndexOf('path.id') + 5;
    assert.deepEqual(texts(document, await findDefinition(document, inList)), ['5:{name: id, in: path, required: true}']);
    const uses = ['8:method.request.path.id', '9:method.request.path.id'];
    for (const offset of [inList, text.indexOf('method.request.path.id') + 3, text.indexOf('name: id') + 7]) {
      assert.deepEqual(texts(document, await findReferences(document, offset)), ['5:id', ...uses]);
      assert.deepEqual(texts(document, await findReferences(document, offset, false)), uses);
    }
  });

  it('goes to a declared header whatever the letter case of the expression, but not to a query parameter', async () => {
    const text = 'openapi: 3.0.1\npaths:\n  /p:\n    get:\n      parameters:\n        - {name: X-Token, in: header}\n        - {name: Q, in: query}\n      x-amazon-apigateway-integration:\n        requestParameters:\n          integration.request.header.t: method.request.header.x-to|ken\n          integration.request.querystring.q: method.request.querystring.^q\n';
    const header = withCursor(text.replace('^', ''));
    assert.deepEqual(texts(header.document, await findDefinition(header.document, header.offset)), ['5:{name: X-Token, in: header}']);
    const query = withCursor(text.replace('|', ''), 'yaml', '^');
    assert.deepEqual(await findDefinition(query.document, query.offset), []);
  });

  it('goes from an integration response to the method response and the header it maps to', async () => {
    const text = [
      'openapi: 3.0.1',
      'components:',
      '  responses:',
      '    Created:',
      '      description: created',
      '      headers:',
      '        Location: {schema: {type: string}}',
      'paths:',
      '  /p:',
      '    post:',
      '      responses:',
      "        '201': {$ref: '#/components/responses/Created'}",
      '        400: {description: bad}',
      '      x-amazon-apigateway-integration:',
      '        type: http',
      '        responses:',
      '          default:',
      "            statusCode: '2^01'",
      '            responseParameters:',
      '              method.response.header.loca|tion: integration.response.header.Location',
      "          '4\\d{2}': {statusCode: 4~00}",
      "          '5\\d{2}': {statusCode: '5=00'}",
      '',
    ].join('\n');
    const goTo = async (marker: string) => {
      const { document, offset } = withCursor(text.replace(/[|^~=]/g, (m) => (m === marker ? m : '')), 'yaml', marker);
      return texts(document, await findDefinition(document, offset));
    };
    // The header is declared on the referenced response, in another letter case.
    assert.deepEqual(await goTo('|'), ['6:Location']);
    assert.deepEqual(await goTo('^'), ["11:'201'"]);
    assert.deepEqual(await goTo('~'), ['12:400']);
    assert.deepEqual(await goTo('='), []);
  });

  it('follows a $ref into another file through the resolver', async () => {
    const other = parse('components:\n  schemas:\n    Owner:\n      type: object\n', 'yaml', 'file:///common.yaml');
    const resolver: DocumentResolver = { resolve: async (base, ref) => (base === 'file:///api.yaml' && ref.startsWith('common.yaml') ? other : undefined) };
    const { document, offset } = withCursor("openapi: 3.0.1\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: 'common.yaml#/components/schemas/Ow|ner'}}}}\n");
    const [location] = await findDefinition(document, offset, resolver);
    assert.deepEqual(location, { uri: 'file:///common.yaml', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } } });
  });

  it('goes from the name segment of a pointer into a bare definitions file to that definition', async () => {
    const other = parse('Owner:\n  type: object\n  properties:\n    pet: {type: string}\n', 'yaml', 'file:///common.yaml');
    const resolver: DocumentResolver = { resolve: async (base, ref) => (base === 'file:///api.yaml' && ref.startsWith('common.yaml') ? other : undefined) };
    const text = "openapi: 3.0.1\npaths: {}\nx-use: {$ref: 'common.yaml#/Owner/properties/pet'}\n";
    const document = parse(text, 'yaml', 'file:///api.yaml');
    const goTo = async (segment: string) => (await findDefinition(document, text.lastIndexOf(segment) + 1, resolver)).map((l) => l.range.start.line);
    assert.deepEqual(await goTo('Owner'), [0]);
    assert.deepEqual(await goTo('properties'), [2]);
    assert.deepEqual(await goTo('pet'), [3]);
    // The file part follows the whole pointer, as a link does.
    assert.deepEqual(await goTo('common'), [3]);
  });

  it('finds every use of a schema, from its definition', async () => {
    const { document, offset } = at('Pet: {type', 1);
    assert.deepEqual(texts(document, await findReferences(document, offset, true)), ["6:Pet", "20:'#/components/schemas/Pet'", "22:'#/components/schemas/Pet'"]);
    assert.equal((await findReferences(document, offset, false)).length, 2);
  });

  it('finds every use of a schema, from one of its uses', async () => {
    const { document, offset } = at("'#/components/schemas/Pet'", 3, 1);
    assert.equal((await findReferences(document, offset, true)).length, 3);
  });

  it('finds every use of a validator and of a security scheme', async () => {
    const validator = at('body-only', 1, 1);
    assert.deepEqual(texts(validator.document, await findReferences(validator.document, validator.offset)), ['2:body-only', '3:body-only', '16:body-only']);
    const scheme = at('api_key: {', 1);
    assert.deepEqual(texts(scheme.document, await findReferences(scheme.document, scheme.offset)), ['8:api_key', '10:api_key', '15:api_key']);
  });

  it('finds the integration response keys that map a declared response header, whatever their letter case', async () => {
    const text = [
      'openapi: 3.0.1',
      'components:',
      '  responses:',
      '    Created:',
      '      description: created',
      '      headers:',
      '        Loca=tion: {schema: {type: string}}',
      'paths:',
      '  /p:',
      '    post:',
      '      responses:',
      "        '201': {$ref: '#/components/responses/Created'}",
      '        400:',
      '          description: bad',
      '          headers:',
      '            X-Er|ror: {schema: {type: string}}',
      '            Location: {schema: {type: string}}',
      '      x-amazon-apigateway-integration:',
      '        type: http',
      '        responses:',
      '          default:',
      "            statusCode: '201'",
      '            responseParameters:',
      '              method.response.header.location: integration.response.header.Location',
      '              method.response.header.X-Error: "\'no\'"',
      "          '4\\d{2}':",
      '            statusCode: 400',
      '            responseParameters:',
      '              method.response.header.x-error: integration.response.header.E',
      '              method.response.header.Location: "\'/x\'"',
      "          '5\\d{2}':",
      "            statusCode: '500'",
      '            responseParameters:',
      '              method.response.header.X-Error: integration.response.header.E',
      '  /q:',
      '    x-amazon-apigateway-any-method:',
      '      responses:',
      "        '201': {$ref: '#/components/responses/Created'}",
      '      x-amazon-apigateway-integration:',
      '        type: mock',
      '        responses:',
      '          default:',
      '            statusCode: 201',
      '            responseParameters:',
      '              method.response.header.LOCA^TION: "\'/y\'"',
      '',
    ].join('\n');
    const references = async (marker: string, includeDeclaration = true) => {
      const { document, offset } = withCursor(text.replace(/[|=^]/g, (m) => (m === marker ? m : '')), 'yaml', marker);
      return texts(document, await findReferences(document, offset, includeDeclaration));
    };
    // Only the integration response answering 400 writes the header its 400 response declares.
    assert.deepEqual(await references('|'), ['15:X-Error', '28:method.response.header.x-error']);
    assert.deepEqual(await references('|', false), ['28:method.response.header.x-error']);
    // A shared response is answered through every operation that refers to it.
    const shared = ['6:Location', '23:method.response.header.location', '44:method.response.header.LOCATION'];
    assert.deepEqual(await references('='), shared);
    assert.deepEqual(await references('^'), shared, 'the same list from one of the mapping keys');
    const swagger = withCursor(
      '{"swagger": "2.0", "responses": {"Ok": {"description": "ok", "headers": {"E|Tag": {"type": "string"}}}}, "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/responses/Ok"}},\n' +
        '"x-amazon-apigateway-integration": {"type": "mock", "responses": {"default": {"statusCode": "200", "responseParameters": {"method.response.header.etag": "\'1\'"}}}}}}}}',
      'json',
    );
    assert.deepEqual(texts(swagger.document, await findReferences(swagger.document, swagger.offset)), ['0:"ETag"', '1:"method.response.header.etag"']);
  });

  it('does not offer to rename a response header, whose uses spell it inside longer keys', () => {
    const { document, offset } = withCursor("openapi: 3.0.1\npaths:\n  /p:\n    get:\n      responses:\n        '200':\n          description: ok\n          headers:\n            X-|A: {schema: {type: string}}\n");
    assert.equal(prepareRename(document, offset), undefined);
    // Nor when a client asks for the rename without preparing it.
    return assert.rejects(rename(document, offset, 'X-B'), /Only components, request validators and security schemes can be renamed/);
  });

  it('finds references to 2.0 definitions in JSON', async () => {
    const { document, offset } = withCursor('{"swagger": "2.0", "definitions": {"P|et": {}}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}}}}}', 'json');
    assert.deepEqual(texts(document, await findReferences(document, offset, true)), ['0:"Pet"', '0:"#/definitions/Pet"']);
  });
});

describe('navigation in a document with a syntax error elsewhere', () => {
  it('still goes to definitions and finds references, from the forgiving parse', async () => {
    const text = REST.replace("'200': {description: ok, content:", "'200': {description: ok, content:").concat('  /broken:\n    get:\n      summary: x: y\n');
    const document = withRecoveredTree(parse(text));
    assert.ok(document.recovered);
    const offset = text.indexOf("'#/components/schemas/Pet'") + 5;
    assert.deepEqual(texts(document, await findDefinition(document, offset)), ['6:Pet']);
    assert.equal((await findReferences(document, offset, true)).length, 3);
  });
});
