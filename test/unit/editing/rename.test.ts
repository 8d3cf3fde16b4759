import assert from 'node:assert/strict';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { withRecoveredTree, type ApiDocument } from '../../../server/src/model/apiDocument';
import { findReferences } from '../../../server/src/services/navigation';
import { prepareRename, rename, RenameError } from '../../../server/src/services/rename';
import type { DocumentResolver, WorkspaceDocuments } from '../../../server/src/services/validationTypes';
import { applyEdits, parse, withCursor } from './documents';

const API = [
  'openapi: 3.0.1',
  'x-amazon-apigateway-request-validators:',
  '  body-only: {validateRequestBody: true}',
  "x-amazon-apigateway-request-validator: 'body-only'",
  'components:',
  '  schemas:',
  '    Pet: {type: object}',
  '    Owner:',
  '      type: object',
  '      properties:',
  '        pet: {$ref: "#/components/schemas/Pet"}',
  '  securitySchemes:',
  '    api_key: {type: apiKey, name: x-api-key, in: header}',
  'paths:',
  '  /pets:',
  '    post:',
  '      security:',
  '        - api_key: []',
  '      x-amazon-apigateway-request-validator: body-only',
  '      requestBody:',
  '        content:',
  "          application/json: {schema: {$ref: '#/components/schemas/Pet'}}",
  '      responses:',
  "        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}",
  '',
].join('\n');

function cursorAt(text: string, needle: string, delta = 1, occurrence = 0, uri?: string): { document: ApiDocument; offset: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not found`);
  return { document: parse(text, 'yaml', uri), offset: index + delta };
}

function applied(document: ApiDocument, edit: WorkspaceEdit): string {
  return applyEdits(document, (edit.changes?.[document.uri] ?? []) as TextEdit[]);
}

/** `common.yaml` shared by two API files, all of them in the workspace. */
function workspaceOf(...documents: ApiDocument[]): { workspace: WorkspaceDocuments; resolver: DocumentResolver } {
  return {
    workspace: { documents: async (wanted) => documents.filter((d) => wanted(d.text)) },
    resolver: { resolve: async (base, ref) => documents.find((d) => d.uri === new URL(ref.split('#')[0] || base, base).toString()) },
  };
}

const COMMON = 'components:\n  schemas:\n    Address:\n      type: object\n    Customer:\n      properties:\n        address: {$ref: "#/components/schemas/Address"}\n';
const ORDERS = "openapi: 3.0.1\npaths:\n  /orders:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: 'common.yaml#/components/schemas/Address'}}}}\n";
const BILLING = 'openapi: 3.0.1\npaths:\n  /bills:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: ./common.yaml#/components/schemas/Address\n';

describe('rename', () => {
  it('offers the name under the cursor, and only for things that can be renamed', () => {
    const { document, offset } = cursorAt(API, "'#/components/schemas/Pet'", 23);
    const prepared = prepareRename(document, offset);
    assert.equal(prepared?.placeholder, 'Pet');
    // Only the name inside the `$ref` is selected, not the whole pointer.
    const line = API.split('\n')[21];
    const start = line.indexOf('Pet');
    assert.deepEqual(prepared?.range, { start: { line: 21, character: start }, end: { line: 21, character: start + 3 } });
    const description = cursorAt(API, 'description: ok', 15);
    assert.equal(prepareRename(description.document, description.offset), undefined);
  });

  it('renames a schema and every $ref to it, keeping how each is quoted', async () => {
    const { document, offset } = cursorAt(API, 'Pet: {type', 1);
    const text = applied(document, await rename(document, offset, 'Animal'));
    assert.match(text, /^ {4}Animal: \{type: object\}$/m);
    assert.match(text, /pet: \{\$ref: "#\/components\/schemas\/Animal"\}/);
    assert.equal(text.split("'#/components/schemas/Animal'").length - 1, 2);
    assert.doesNotMatch(text, /schemas\/Pet/);
    assert.deepEqual(parse(text).problems, []);
  });

  it('renames from a use as well as from the definition', async () => {
    const { document, offset } = cursorAt(API, '"#/components/schemas/Pet"', 23);
    const text = applied(document, await rename(document, offset, 'Pet2'));
    assert.match(text, /^ {4}Pet2: \{type: object\}$/m);
    assert.equal(text.split('schemas/Pet2').length - 1, 3);
  });

  it('renames a request validator and a security scheme with all their uses', async () => {
    const validator = cursorAt(API, 'body-only', 2, 2);
    const renamed = applied(validator.document, await rename(validator.document, validator.offset, 'body and params'));
    assert.match(renamed, /^ {2}body and params: \{validateRequestBody: true\}$/m);
    assert.match(renamed, /^x-amazon-apigateway-request-validator: 'body and params'$/m);
    assert.match(renamed, /^ {6}x-amazon-apigateway-request-validator: body and params$/m);
    const scheme = cursorAt(API, 'api_key: []', 1);
    const text = applied(scheme.document, await rename(scheme.document, scheme.offset, 'apiKey'));
    assert.match(text, /^ {4}apiKey: \{type: apiKey/m);
    assert.match(text, /^ {8}- apiKey: \[\]$/m);
  });

  it('refuses a name that is taken, invalid, or whose definition is missing', async () => {
    const { document, offset } = cursorAt(API, 'Pet: {type', 1);
    await assert.rejects(rename(document, offset, 'Owner'), (e: unknown) => e instanceof RenameError && /already defined/.test(e.message));
    await assert.rejects(rename(document, offset, 'a/b'), (e: unknown) => e instanceof RenameError && /not a valid model name/.test(e.message));
    await assert.rejects(rename(document, offset, 'a.b'), (e: unknown) => e instanceof RenameError && /letters and digits only/.test(e.message));
    await assert.rejects(rename(document, offset, '  '), RenameError);
    const dangling = withCursor("openapi: 3.0.1\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/Gon|e'}\n");
    await assert.rejects(rename(dangling.document, dangling.offset, 'Here'), (e: unknown) => e instanceof RenameError && /not found/.test(e.message));
  });

  it('edits a $ref once where a YAML alias repeats it', async () => {
    const text = "openapi: 3.0.1\ncomponents:\n  schemas:\n    Pet: {type: object}\npaths:\n  /a:\n    get:\n      responses: &r\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}\n  /b:\n    get:\n      responses: *r\n";
    const { document, offset } = cursorAt(text, 'Pet: {', 1);
    assert.equal((await findReferences(document, offset, false)).length, 1);
    const renamed = applied(document, await rename(document, offset, 'Animal'));
    assert.match(renamed, /schemas\/Animal'/);
    assert.match(renamed, /responses: \*r$/m);
  });

  it('renames in JSON with JSON quoting', async () => {
    const { document, offset } = withCursor('{"swagger": "2.0", "definitions": {"P|et": {}}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}}}}}', 'json');
    const text = applyEdits(document, (await rename(document, offset, 'Animal')).changes![document.uri] as TextEdit[]);
    assert.equal(text, '{"swagger": "2.0", "definitions": {"Animal": {}}, "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Animal"}}}}}}}');
  });
});

describe('references and renames across files', () => {
  const common = parse(COMMON, 'yaml', 'file:///work/common.yaml');
  const orders = parse(ORDERS, 'yaml', 'file:///work/orders.yaml');
  const billing = parse(BILLING, 'yaml', 'file:///work/api/../billing.yaml'.replace('/api/..', ''));
  const { workspace, resolver } = workspaceOf(common, orders, billing);

  it('finds the uses of a shared definition in every workspace file, from the definition', async () => {
    const offset = COMMON.indexOf('Address:') + 1;
    const locations = await findReferences(common, offset, true, resolver, workspace);
    assert.deepEqual(locations.map((l) => `${l.uri.split('/').pop()}:${l.range.start.line}`), ['common.yaml:2', 'common.yaml:6', 'orders.yaml:5', 'billing.yaml:10']);
  });

  it('finds the same uses from a $ref in another file', async () => {
    const offset = ORDERS.indexOf('Address') + 2;
    const locations = await findReferences(orders, offset, true, resolver, workspace);
    assert.equal(locations.length, 4);
    assert.equal(locations[0].uri, 'file:///work/common.yaml');
  });

  it('renames a shared definition in the file that defines it and in every file that uses it', async () => {
    const offset = ORDERS.indexOf('Address') + 2;
    const edit = await rename(orders, offset, 'PostalAddress', resolver, workspace);
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), ['file:///work/billing.yaml', 'file:///work/common.yaml', 'file:///work/orders.yaml']);
    assert.match(applied(common, edit), /^ {4}PostalAddress:$/m);
    assert.match(applied(common, edit), /"#\/components\/schemas\/PostalAddress"/);
    assert.match(applied(orders, edit), /'common\.yaml#\/components\/schemas\/PostalAddress'/);
    assert.match(applied(billing, edit), /\$ref: \.\/common\.yaml#\/components\/schemas\/PostalAddress$/m);
  });

  it('leaves a definition of the same name in another file alone', async () => {
    const other = parse('components:\n  schemas:\n    Address: {type: string}\n', 'yaml', 'file:///work/other.yaml');
    const user = parse("openapi: 3.0.1\npaths: {}\ncomponents:\n  schemas:\n    X: {$ref: 'other.yaml#/components/schemas/Address'}\n", 'yaml', 'file:///work/user.yaml');
    const both = workspaceOf(common, orders, billing, other, user);
    const locations = await findReferences(common, COMMON.indexOf('Address:') + 1, false, both.resolver, both.workspace);
    assert.ok(locations.every((l) => !l.uri.endsWith('user.yaml')));
  });
});

describe('rename, the harder cases', () => {
  const rename1 = async (text: string, needle: string, delta: number, newName: string, uri?: string) => {
    const { document, offset } = cursorAt(text, needle, delta, 0, uri);
    return { document, text: applied(document, await rename(document, offset, newName)) };
  };

  it('renames pointers into the component and discriminator mappings too', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'paths:',
      '  /a:',
      '    get:',
      "      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet/properties/id'}}}}}",
      'components:',
      '  schemas:',
      '    Pet:',
      '      type: object',
      '      properties: {id: {type: string}}',
      '      discriminator: {propertyName: kind, mapping: {pet: "#/components/schemas/Pet", bare: Pet}}',
      '',
    ].join('\n');
    const { document, text: renamed } = await rename1(text, '    Pet:', 4, 'Animal');
    assert.match(renamed, /'#\/components\/schemas\/Animal\/properties\/id'/);
    assert.match(renamed, /mapping: \{pet: "#\/components\/schemas\/Animal", bare: Animal\}/);
    assert.deepEqual((await findReferences(document, text.indexOf('    Pet:') + 5, false)).length, 3);
    assert.deepEqual(parse(renamed).problems, []);
  });

  it('does not offer to rename what a $ref names outside the components', async () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n    post:\n      responses:\n        '200': {$ref: '#/paths/~1a/get/responses/200'}\n";
    const { document, offset } = cursorAt(text, "~1a/get/responses/200'", 20);
    assert.equal(prepareRename(document, offset), undefined);
    await assert.rejects(rename(document, offset, 'x'), RenameError);
  });

  it('renames a security scheme in its requirements and its $refs, from either', async () => {
    const text = [
      'openapi: 3.0.1',
      "info: {title: t, version: '1'}",
      'security: [{api_key: []}]',
      'paths: {}',
      'components:',
      '  securitySchemes:',
      '    api_key: {type: apiKey, name: x-api-key, in: header}',
      "    other: {$ref: '#/components/securitySchemes/api_key'}",
      '',
    ].join('\n');
    for (const [needle, delta] of [['api_key: {type', 1], ["securitySchemes/api_key'", 17]] as const) {
      const { text: renamed } = await rename1(text, needle, delta, 'apiKey');
      assert.match(renamed, /security: \[\{apiKey: \[\]\}\]/, needle);
      assert.match(renamed, /^ {4}apiKey: \{type/m, needle);
      assert.match(renamed, /'#\/components\/securitySchemes\/apiKey'/, needle);
    }
  });

  it('matches percent-encoded pointers', async () => {
    const text = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, schema: {$ref: '#/definitions/My%20Pet'}}\ndefinitions:\n  My Pet: {type: object}\n";
    const { text: renamed } = await rename1(text, '  My Pet:', 3, 'MyPet');
    assert.match(renamed, /'#\/definitions\/MyPet'/);
    assert.match(renamed, /^ {2}MyPet: \{type: object\}$/m);
  });

  it('refuses while a workspace file that may use the component cannot be parsed', async () => {
    const broken = parse("openapi: 3.0.1\npaths:\n  /a:\n    get:\n      summary: note: this colon breaks YAML\n      responses: {'200': {$ref: 'common.yaml#/components/schemas/Address'}}\n", 'yaml', 'file:///work/broken.yaml');
    assert.equal(broken.root, undefined);
    const common = parse(COMMON, 'yaml', 'file:///work/common.yaml');
    const { workspace, resolver } = workspaceOf(common, broken);
    await assert.rejects(rename(common, COMMON.indexOf('Address:') + 1, 'PostalAddress', resolver, workspace), (e: unknown) => e instanceof RenameError && /broken\.yaml has a syntax error/.test(e.message));
  });

  it('refuses in a document with a syntax error, saying where it is', async () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      summary: x: y\ncomponents:\n  schemas:\n    Pet: {type: object}\n";
    const document = withRecoveredTree(parse(text));
    assert.ok(document.recovered);
    await assert.rejects(rename(document, text.indexOf('Pet:') + 1, 'Animal'), (e: unknown) => e instanceof RenameError && /syntax error on line 6/.test(e.message));
  });

  it('offers nothing for a security requirement whose scheme is not defined', () => {
    const { document, offset } = cursorAt("openapi: 3.0.1\ninfo: {title: t, version: '1'}\nsecurity: [{nowhere: []}]\npaths: {}\n", 'nowhere', 1);
    assert.equal(prepareRename(document, offset), undefined);
  });
});

describe('rename of pointers written as block scalars', () => {
  it('replaces only the name inside a one-line block scalar', async () => {
    const text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {type: object}\n    Box:\n      $ref: >-\n        #/components/schemas/Pet\n";
    const { document, offset } = cursorAt(text, 'Pet: {', 1);
    const renamed = applied(document, await rename(document, offset, 'Animal'));
    assert.match(renamed, /\$ref: >-\n {8}#\/components\/schemas\/Animal\n/);
    assert.deepEqual(parse(renamed).problems, []);
    const ref = cursorAt(text, 'schemas/Pet\n', 9);
    assert.equal(prepareRename(ref.document, ref.offset)?.placeholder, 'Pet');
    assert.deepEqual(prepareRename(ref.document, ref.offset)?.range, { start: { line: 8, character: 29 }, end: { line: 8, character: 32 } });
  });
});
