import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { parseApiDocument } from '../../../server/src/model/apiDocument';
import { doComplete } from '../../../server/src/services/completion';
import type { DocumentResolver } from '../../../server/src/services/validationTypes';
import type { Dialect } from '../../../server/src/model/dialect';
import { doHover } from '../../../server/src/services/hover';
import { applyEdits, complete, textAt, withCursor } from './documents';

const SCHEMAS = `components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string, description: The name the pet answers to.}
        tags:
          type: array
          items: {$ref: '#/components/schemas/Tag'}
        owner: {$ref: '#/components/schemas/Owner'}
        'nick name': {type: string}
    Tag:
      properties:
        label: {type: string}
    Owner:
      allOf:
        - properties:
            id: {type: integer}
`;

/** A REST operation with a JSON request body of the Pet schema; `value` is the one request mapping's value. */
function restMapping(value: string): string {
  return `openapi: 3.0.1
paths:
  /pets:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      x-amazon-apigateway-integration:
        type: http
        requestParameters:
          integration.request.header.x-a: ${value}
${SCHEMAS}`;
}

function completeAt(marked: string, dialect: Dialect = 'rest', format: 'yaml' | 'json' = 'yaml') {
  const { document, items, labels } = complete(marked, format, dialect);
  const itemOf = (label: string): CompletionItem => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no ${label} among ${labels.join(', ')}`);
    return item;
  };
  const accept = (label: string) => applyEdits(document, [itemOf(label).textEdit as TextEdit]).replace('$0', '');
  const replaced = items.length ? textAt(document.textDocument, (items[0].textEdit as TextEdit).range) : undefined;
  return { labels: labels.map(String), itemOf, accept, replaced };
}

describe('completion of request body JSONPaths in parameter mappings', () => {
  it('offers the properties of the request body schema after `method.request.body.`, with their types and descriptions', () => {
    const { labels, itemOf } = completeAt(restMapping('method.request.body.|'));
    assert.deepEqual(labels, ['name', 'tags', 'owner']);
    assert.equal(itemOf('name').detail, 'string');
    assert.equal((itemOf('name').documentation as MarkupContent).value, 'The name the pet answers to.');
    assert.equal(itemOf('owner').detail, 'Owner');
  });

  it('replaces only the name being typed, and goes down the schema along the path typed', () => {
    const typed = completeAt(restMapping('method.request.body.na|'));
    assert.equal(typed.replaced, 'na');
    assert.ok(typed.accept('name').includes('integration.request.header.x-a: method.request.body.name\n'));
    const nested = completeAt(restMapping('method.request.body.owner.|'));
    assert.deepEqual(nested.labels, ['owner.id']);
    assert.ok(nested.accept('owner.id').includes('integration.request.header.x-a: method.request.body.owner.id\n'));
  });

  it('reads the elements of a list, indexed or not', () => {
    assert.deepEqual(completeAt(restMapping('method.request.body.tags[0].|')).labels, ['tags[0].label']);
    const { labels, accept } = completeAt(restMapping('method.request.body.tags.|'));
    assert.deepEqual(labels, ['tags.label']);
    assert.ok(accept('tags.label').includes(': method.request.body.tags.label\n'));
  });

  it('still offers the body as a whole and as a path before its dot is typed', () => {
    const { labels } = completeAt(restMapping('method.request.bo|'));
    assert.ok(labels.includes('method.request.body') && labels.includes('method.request.body.'), labels.join(', '));
  });

  it("reads a Swagger 2.0 body parameter's schema, in JSON", () => {
    const text = '{"swagger": "2.0", "paths": {"/pets": {"post": {"parameters": [{"in": "body", "name": "pet", "schema": {"$ref": "#/definitions/Pet"}}], "x-amazon-apigateway-integration": {"type": "http", "requestParameters": {"integration.request.querystring.who": "method.request.body.|"}}}}}, "definitions": {"Pet": {"properties": {"name": {"type": "string"}, "age": {"type": "integer"}}}}}';
    const { labels, accept } = completeAt(text, 'rest', 'json');
    assert.deepEqual(labels, ['name', 'age']);
    const integration = JSON.parse(accept('age')).paths['/pets'].post['x-amazon-apigateway-integration'];
    assert.equal(integration.requestParameters['integration.request.querystring.who'], 'method.request.body.age');
  });

  it('offers nothing to name when the operation has no request body', () => {
    const text = restMapping('method.request.body.|').replace(/      requestBody:\n(?: {8}.*\n)+/, '');
    assert.deepEqual(completeAt(text).labels, []);
  });

  it('offers the same properties after `$request.body.` in an HTTP API, also inside `${}` after text', () => {
    const http = (value: string) => restMapping(value).replace('type: http\n', "type: http_proxy\n        payloadFormatVersion: '1.0'\n").replace('integration.request.header.x-a', 'overwrite:header.x-a');
    assert.deepEqual(completeAt(http('$request.body.|'), 'http').labels, ['name', 'tags', 'owner']);
    const braced = completeAt(http("'pet-${request.body.owner.|}'"), 'http');
    assert.deepEqual(braced.labels, ['owner.id']);
    assert.ok(braced.accept('owner.id').includes("overwrite:header.x-a: 'pet-${request.body.owner.id}'\n"));
  });

  it('says in hover which JSONPath of the body a mapping reads', () => {
    const { document, offset } = withCursor(restMapping('method.request.body.own|er.id'));
    const hover = doHover(document, offset) as Hover;
    assert.equal((hover.contents as MarkupContent).value, '**method.request.body.owner.id**\n\nThe value at JSONPath `$.owner.id` of the request body (JSON).');
  });
});

describe('completion of request body JSONPaths through a $ref into another file', () => {
  const MODELS = 'Pet:\n  properties:\n    name: {type: string}\n    chip: {type: integer}\n';

  it('offers the properties of a schema in a file already loaded, and none of a file not loaded yet', () => {
    const marked = restMapping('method.request.body.|').replace("schema: {$ref: '#/components/schemas/Pet'}", "schema: {$ref: 'models.yaml#/Pet'}");
    const { document, offset } = withCursor(marked);
    const models = parseApiDocument(TextDocument.create('file:///models.yaml', 'yaml', 1, MODELS));
    const resolver: DocumentResolver = {
      resolve: async () => undefined,
      loaded: (baseUri, ref) => (new URL(ref, baseUri).href.startsWith('file:///models.yaml') ? models : undefined),
    };
    const labels = (r: DocumentResolver | undefined) => (doComplete(document, offset, 'rest', r) as CompletionList).items.map((i) => i.label);
    assert.deepEqual(labels(resolver), ['name', 'chip']);
    assert.deepEqual(labels({ resolve: async () => undefined, loaded: () => undefined }), []);
    assert.deepEqual(labels(undefined), []);
  });
});
