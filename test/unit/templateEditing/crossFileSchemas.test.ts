import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Hover, Location } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import { findDefinition } from '../../../server/src/services/navigation';
import { completeInTemplate } from '../../../server/src/services/templates/templateCompletion';
import { hoverInTemplate } from '../../../server/src/services/templates/templateHover';
import { signatureHelpInTemplate } from '../../../server/src/services/templates/templateSignatureHelp';
import type { DocumentResolver } from '../../../server/src/services/validationTypes';
import { block, petStore, responseBlock } from './fixtures';
import { lineOf, parseDocument, withCursor } from './support';

/**
 * The files the pet store's `$ref`s lead to. `models.yaml` reads `Tag` through a local `$ref` of its own and `Named`
 * from a third file; `bodies/orders.yaml` and `responses/created.yaml` stand in a folder and name files beside and
 * above them relative to themselves.
 */
const FILES: Record<string, string> = {
  'file:///models.yaml': [
    'Pet:',
    '  allOf:',
    "    - $ref: 'named.yaml#/Named'",
    '    - properties:',
    "        tags: { type: array, items: { $ref: '#/Tag' } }",
    'Tag:',
    '  type: object',
    '  properties:',
    '    label: { type: string, description: A word about the pet }',
    '',
  ].join('\n'),
  'file:///named.yaml': ['Named:', '  type: object', '  properties:', '    name: { type: string, description: The name the pet answers to }', ''].join('\n'),
  'file:///bodies/orders.yaml': [
    'OrderBody:',
    '  required: true',
    '  content:',
    '    application/json:',
    "      schema: { $ref: '#/Order' }",
    'Order:',
    '  type: object',
    '  properties:',
    "    pet: { $ref: '../models.yaml#/Pet' }",
    "    gift: { $ref: 'gift.yaml#/Gift' }",
    '    quantity: { type: integer }',
    '',
  ].join('\n'),
  'file:///bodies/gift.yaml': ['Gift:', '  type: object', '  properties:', '    wrapping: { type: string }', ''].join('\n'),
  'file:///responses/created.yaml': [
    'Created:',
    '  description: created',
    '  content:',
    '    application/json:',
    "      schema: { $ref: 'receipts.yaml#/Receipt' }",
    '',
  ].join('\n'),
  'file:///params.yaml': ['OrderBody:', '  in: body', '  name: order', "  schema: { $ref: 'bodies/orders.yaml#/Order' }", ''].join('\n'),
  'file:///responses/receipts.yaml': ['Receipt:', '  type: object', '  properties:', '    receiptId: { type: string }', ''].join('\n'),
  // A schema taking its properties from the definition that names it.
  'file:///back.yaml': ['Pet:', '  allOf:', "    - $ref: 'api.yaml#/components/schemas/Named'", ''].join('\n'),
  // Each schema takes the other's properties: a walk that does not notice the cycle never ends.
  'file:///ring/a.yaml': ['A:', '  properties:', '    fromA: { type: string }', '  allOf:', "    - $ref: 'b.yaml#/B'", 'Loop:', "  $ref: 'b.yaml#/Loop'", ''].join('\n'),
  'file:///ring/b.yaml': ['B:', '  properties:', '    fromB: { type: string }', '  allOf:', "    - $ref: 'a.yaml#/A'", 'Loop:', "  $ref: 'a.yaml#/Loop'", ''].join('\n'),
  // Two schemas that are each other's `$ref`, with nothing else in them.
  'file:///loop.yaml': "A: { $ref: '#/B' }\nB: { $ref: '#/A' }\n",
};

/**
 * Reads `FILES`, counting reads. `loaded` answers only for files `resolve` read before (or all when `everythingLoaded`),
 * as a workspace resolver answers only from what validation read.
 */
class FakeResolver implements DocumentResolver {
  readonly asked: string[] = [];
  private readonly read = new Map<string, ApiDocument>();

  constructor(private readonly everythingLoaded = true) {}

  async resolve(baseUri: string, ref: string): Promise<ApiDocument | undefined> {
    this.asked.push(`${baseUri} ${ref}`);
    const uri = new URL(ref.split('#')[0], baseUri).toString();
    if (FILES[uri] === undefined) return undefined;
    const parsed = parseDocument(FILES[uri], uri);
    this.read.set(uri, parsed);
    return parsed;
  }

  loaded(baseUri: string, ref: string): ApiDocument | undefined {
    const uri = new URL(ref.split('#')[0], baseUri).toString();
    if (this.read.has(uri)) return this.read.get(uri);
    return this.everythingLoaded && FILES[uri] !== undefined ? parseDocument(FILES[uri], uri) : undefined;
  }
}

const PET_REF = "pet: { $ref: '#/components/schemas/Pet' }";
/** The pet store with its `Pet` read from `models.yaml`. */
const petFromModels = (template: string, responseTemplate?: string) => petStore(template, responseTemplate).replace(PET_REF, "pet: { $ref: './models.yaml#/Pet' }");
/** The pet store with its request body a `$ref` into `bodies/orders.yaml`, and its 201 response one into `responses/created.yaml`. */
const bodiesElsewhere = (template: string, responseTemplate?: string) =>
  petStore(template, responseTemplate)
    .replace(/ {6}requestBody:\n(?: {8}.*\n)+/, "      requestBody: { $ref: './bodies/orders.yaml#/OrderBody' }\n")
    .replace(/ {8}"201":\n(?: {10}.*\n)+/, "        \"201\": { $ref: 'responses/created.yaml#/Created' }\n");

function hover(marked: string, resolver: DocumentResolver | undefined = new FakeResolver()): string | undefined {
  const { text, offset } = withCursor(marked);
  const found: Hover | undefined = hoverInTemplate(parseDocument(text), offset, resolver);
  return found && (found.contents as { value: string }).value;
}

function completions(marked: string, resolver: DocumentResolver | undefined = new FakeResolver()): CompletionItem[] {
  const { text, offset } = withCursor(marked);
  const list = completeInTemplate(parseDocument(text), offset, resolver);
  assert.ok(list, 'the cursor is inside a template');
  return list.items;
}

/** Each location as `file:line:text it covers`. */
async function definitions(marked: string, resolver: DocumentResolver | undefined = new FakeResolver(false)): Promise<string[]> {
  const { text, offset } = withCursor(marked);
  const located: Location[] = await findDefinition(parseDocument(text), offset, resolver);
  return located.map((l) => {
    const source = l.uri === 'file:///api.yaml' ? text : FILES[l.uri];
    const document = TextDocument.create(l.uri, 'yaml', 1, source);
    return `${l.uri.slice('file:///'.length)}:${l.range.start.line}:${source.slice(document.offsetAt(l.range.start), document.offsetAt(l.range.end))}`;
  });
}

describe('payload schemas across files', () => {
  describe('hover, from files already read', () => {
    it('follows a schema $ref into another file, its local $refs and a third file', () => {
      assert.match(hover(petFromModels(`"$input.path('$.pet.na‸me')"`))!, /^```\nname: string\n```\n\nThe name the pet answers to\n/);
      assert.match(hover(petFromModels(`"$input.json('$.pet.tags[0].lab‸el')"`))!, /label: string[\s\S]*A word about the pet/);
      // A property whose schema is a `$ref` is labelled by the name it points to, in the file that writes it.
      assert.match(hover(petFromModels(`"$input.path('$.pet.ta‸gs')"`))!, /tags: array of Tag/);
      assert.match(hover(petFromModels(block("#set($pet = $input.path('$.pet'))", '"$pet.na‸me"')))!, /name: string[\s\S]*The name the pet answers to/);
      assert.match(hover(petFromModels(block("#set($pet = $input.path('$.pet'))", '#foreach($t in $pet.tags)$t.lab‸el#end')))!, /label: string/);
    });

    it('follows request body and response $refs into other files', () => {
      assert.match(hover(bodiesElsewhere(`"$input.path('$.pet.na‸me')"`))!, /name: string/);
      assert.match(hover(bodiesElsewhere(`"$input.path('$.gift.wrap‸ping')"`))!, /wrapping: string/);
      assert.match(hover(bodiesElsewhere('"x"', `"$input.json('$.receipt‸Id')"`))!, /receiptId: string[\s\S]*response 201/);
    });

    it('stops at a file not read yet, without reading it, and without a resolver', () => {
      const unread = new FakeResolver(false);
      assert.equal(hover(petFromModels(`"$input.path('$.pet.na‸me')"`), unread), undefined);
      assert.deepEqual(unread.asked, []);
      const { text, offset } = withCursor(petFromModels(`"$input.path('$.pet.na‸me')"`));
      assert.equal(hoverInTemplate(parseDocument(text), offset), undefined);
      // A `$ref` naming the definition itself by its file name reads it as it stands.
      const self = petStore(`"$input.path('$.pet.na‸me')"`).replace(PET_REF, "pet: { $ref: 'api.yaml#/components/schemas/Pet' }");
      assert.match(hover(self, unread)!, /name: string[\s\S]*The name of the pet/);
    });
  });

  describe('signature help, from files already read', () => {
    it('knows the type of a payload value whose schema is in another file', () => {
      const { text, offset } = withCursor(petFromModels(block("#set($pet = $input.path('$.pet'))", '$pet.name.substring(0, ‸)')));
      const found = signatureHelpInTemplate(parseDocument(text), offset, undefined, new FakeResolver());
      assert.equal(found?.signatures[found.activeSignature ?? 0].label.startsWith('String.substring('), true);
      // Not read yet: the receiver's type is unknown, as without the file.
      assert.equal(signatureHelpInTemplate(parseDocument(text), offset, undefined, new FakeResolver(false)), undefined);
    });
  });

  describe('completion, from files already read', () => {
    const MAP = ['get', 'containsKey', 'keySet', 'values', 'entrySet', 'size', 'isEmpty'];

    it('offers the properties of a schema in another file, after a JSONPath and after a member', () => {
      const items = completions(petFromModels(`"$input.path('$.pet.‸')"`));
      assert.deepEqual(items.map((i) => i.label), ['name', 'tags']);
      assert.equal(items.find((i) => i.label === 'tags')!.detail, 'array of Tag');
      assert.deepEqual(completions(petFromModels(block("#set($pet = $input.path('$.pet'))", '$pet.‸'))).map((i) => i.label), ['name', 'tags', ...MAP]);
      assert.deepEqual(completions(petFromModels(block("#set($tags = $input.path('$.pet.tags'))", '#foreach($t in $tags) "$t.‸" #end'))).map((i) => i.label), ['label', ...MAP]);
    });

    it('offers the properties of request bodies and responses in other files', () => {
      assert.deepEqual(completions(bodiesElsewhere(`"$input.path('$.‸')"`)).map((i) => i.label), ['pet', 'gift', 'quantity']);
      assert.deepEqual(completions(bodiesElsewhere('"x"', `"$input.json('$.‸')"`)).map((i) => i.label), ['receiptId']);
    });

    it('offers nothing from a file not read yet', () => {
      assert.deepEqual(completions(petFromModels(`"$input.path('$.pet.‸')"`), new FakeResolver(false)), []);
    });
  });

  describe('Go to Definition, reading the files on the way', () => {
    it('leads a JSONPath segment into the file, on through its local $refs and into a third file', async () => {
      const resolver = new FakeResolver(false);
      assert.deepEqual(await definitions(petFromModels(`"$input.path('$.pet.na‸me')"`), resolver), ['named.yaml:3:name']);
      assert.deepEqual(await definitions(petFromModels(`"$input.json('$.pet.tags[0].lab‸el')"`), resolver), ['models.yaml:8:label']);
      assert.deepEqual(await definitions(petFromModels(`"$input.path('$.pet.ta‸gs')"`), resolver), ['models.yaml:4:tags']);
      // Each file is asked for from the one whose $ref names it.
      assert.ok(resolver.asked.includes('file:///api.yaml ./models.yaml#/Pet'));
      assert.ok(resolver.asked.includes('file:///models.yaml named.yaml#/Named'));
      // The property holding the $ref stays in the document.
      const doc = petFromModels(`"$input.path('$.p‸et')"`);
      assert.deepEqual(await definitions(doc), [`api.yaml:${lineOf(doc, "pet: { $ref: './models.yaml")}:pet`]);
    });

    it('leads a member of a payload variable into the file', async () => {
      assert.deepEqual(await definitions(petFromModels(block("#set($pet = $input.path('$.pet'))", '"$pet.na‸me"'))), ['named.yaml:3:name']);
      assert.deepEqual(await definitions(petFromModels(block("#set($pet = $input.path('$.pet'))", '#foreach($t in $pet.tags)$t.lab‸el#end'))), ['models.yaml:8:label']);
      // A Velocity member of a list does not reach into its elements.
      assert.deepEqual(await definitions(petFromModels(block("#set($pet = $input.path('$.pet'))", '$pet.tags.lab‸el'))), []);
    });

    it('reads a body schema that is itself a $ref into another file', async () => {
      const doc = petStore(`"$input.path('$.ta‸gs')"`).replace("schema: { $ref: '#/components/schemas/Order' }", "schema: { $ref: 'models.yaml#/Pet' }");
      assert.deepEqual(await definitions(doc), ['models.yaml:4:tags']);
    });

    it('stops where no resolver is given, or the file cannot be read', async () => {
      const { text, offset } = withCursor(petFromModels(`"$input.path('$.pet.na‸me')"`));
      assert.deepEqual(await findDefinition(parseDocument(text), offset), []);
      assert.deepEqual(await definitions(petStore(`"$input.path('$.pet.na‸me')"`).replace(PET_REF, "pet: { $ref: 'nowhere.yaml#/Pet' }")), []);
      const failing: DocumentResolver = { resolve: () => Promise.reject(new Error('unreadable')) };
      assert.deepEqual(await definitions(petFromModels(`"$input.path('$.pet.na‸me')"`), failing), []);
    });

    it('goes no further than a pointer leads, and ends $ref cycles within a file', async () => {
      assert.deepEqual(await definitions(petStore(`"$input.path('$.pet.na‸me')"`).replace(PET_REF, "pet: { $ref: 'models.yaml#/Nothing' }")), []);
      assert.deepEqual(await definitions(petStore(`"$input.path('$.pet.na‸me')"`).replace(PET_REF, "pet: { $ref: 'loop.yaml#/A' }")), []);
    });

    it('leads through a request body $ref into another file, and on through $refs relative to it', async () => {
      const resolver = new FakeResolver(false);
      assert.deepEqual(await definitions(bodiesElsewhere(`"$input.path('$.quan‸tity')"`), resolver), ['bodies/orders.yaml:10:quantity']);
      assert.deepEqual(await definitions(bodiesElsewhere(`"$input.path('$.pet.na‸me')"`), resolver), ['named.yaml:3:name']);
      assert.deepEqual(await definitions(bodiesElsewhere(`"$input.path('$.gift.wrap‸ping')"`), resolver), ['bodies/gift.yaml:3:wrapping']);
      assert.deepEqual(await definitions(bodiesElsewhere(block("#set($pet = $input.path('$.pet'))", '#foreach($t in $pet.tags)$t.lab‸el#end')), resolver), ['models.yaml:8:label']);
      // Each file is asked for from the file whose $ref names it.
      assert.ok(resolver.asked.includes('file:///api.yaml ./bodies/orders.yaml#/OrderBody'));
      assert.ok(resolver.asked.includes('file:///bodies/orders.yaml ../models.yaml#/Pet'));
      assert.ok(resolver.asked.includes('file:///bodies/orders.yaml gift.yaml#/Gift'));
      assert.ok(resolver.asked.includes('file:///models.yaml named.yaml#/Named'));
    });

    it('leads through a response $ref into another file', async () => {
      assert.deepEqual(await definitions(bodiesElsewhere('"x"', `"$input.json('$.receipt‸Id')"`)), ['responses/receipts.yaml:3:receiptId']);
      assert.deepEqual(await definitions(bodiesElsewhere('"x"', responseBlock("#set($r = $input.path('$'))", '$r.receipt‸Id'))), ['responses/receipts.yaml:3:receiptId']);
    });

    it('leads through a Swagger 2.0 body parameter $ref into another file', async () => {
      const swagger = [
        'swagger: "2.0"',
        'info: { title: pets, version: "1" }',
        'paths:',
        '  /orders:',
        '    post:',
        "      parameters: [{ $ref: 'params.yaml#/OrderBody' }]",
        '      responses: { "200": { description: ok } }',
        '      x-amazon-apigateway-integration:',
        '        type: aws',
        '        httpMethod: POST',
        '        uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
        '        requestTemplates:',
        `          application/json: "$input.path('$.pet.na‸me')"`,
        '',
      ].join('\n');
      assert.deepEqual(await definitions(swagger), ['named.yaml:3:name']);
    });

    it('reads a $ref back into the definition as it stands, without asking for it', async () => {
      const resolver = new FakeResolver(false);
      const doc = petStore(`"$input.path('$.pet.na‸me')"`).replace(PET_REF, "pet: { $ref: 'back.yaml#/Pet' }");
      assert.deepEqual(await definitions(doc, resolver), [`api.yaml:${lineOf(doc, 'name: { type: string')}:name`]);
      assert.deepEqual(resolver.asked, ['file:///api.yaml back.yaml#/Pet']);
      assert.match(hover(doc)!, /name: string[\s\S]*The name of the pet/);
    });

    it('ends cycles of $refs across files, reading each file once', async () => {
      const ring = (template: string, ref: string) => petStore(template).replace(PET_REF, `pet: { $ref: '${ref}' }`);
      const resolver = new FakeResolver(false);
      assert.deepEqual(await definitions(ring(`"$input.path('$.pet.from‸B')"`, 'ring/a.yaml#/A'), resolver), ['ring/b.yaml:2:fromB']);
      assert.deepEqual(await definitions(ring(`"$input.path('$.pet.nowh‸ere')"`, 'ring/a.yaml#/A'), resolver), []);
      assert.deepEqual(await definitions(ring(`"$input.path('$.pet.na‸me')"`, 'ring/a.yaml#/Loop'), resolver), []);
      assert.deepEqual(resolver.asked.filter((a) => a.includes('b.yaml')), ['file:///ring/a.yaml b.yaml#/B', 'file:///ring/a.yaml b.yaml#/B', 'file:///ring/a.yaml b.yaml#/Loop']);
      // Hover and completion walk the same cycle over files already read.
      assert.match(hover(ring(`"$input.path('$.pet.from‸A')"`, 'ring/b.yaml#/B'))!, /fromA: string/);
      assert.deepEqual(completions(ring(`"$input.path('$.pet.‸')"`, 'ring/a.yaml#/A')).map((i) => i.label), ['fromA', 'fromB']);
      assert.deepEqual(completions(ring(`"$input.path('$.pet.‸')"`, 'ring/a.yaml#/Loop')), []);
    });
  });
});
