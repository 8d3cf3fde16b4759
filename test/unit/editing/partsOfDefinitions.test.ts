import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { watchWholeParses } from '../../../server/src/parseWatch';
import { RenameError } from '../../../server/src/services/rename';
import type { DocumentResolver } from '../../../server/src/services/validationTypes';
import { parse } from '../validation/validate';
import { filesResolver, parsedAt, PETS_PATH_ITEM, SPLIT_API } from '../../support/splitDefinition';
import { partInContext } from '../../../server/src/services/partContext';
import { createTemplateHandlers } from '../../../server/src/customRequests';
import { createInvokeHandlers } from '../../../server/src/invokeRequests';

const API_URI = 'file:///work/api.yaml';
const PART_URI = 'file:///work/paths/pets.yaml';

const API = `openapi: 3.0.1
info: {title: split, version: '1'}
x-amazon-apigateway-request-validators:
  all: {validateRequestBody: true}
  params-only: {validateRequestParameters: true}
paths:
  /pets:
    $ref: 'paths/pets.yaml'
`;

const PART = `get:
  x-amazon-apigateway-request-validator: all
  responses:
    '200': {description: ok}
  x-amazon-apigateway-integration:
    type: mock
    requestTemplates:
      application/json: '{"statusCode": 200}'
    responses:
      default:
        statusCode: '200'
        responseTemplates:
          application/json: '{"id": "$context.requestId"}'
`;

/** The service as the server makes it: the definition using the part is known, the part is the editor's text. */
function serviceWith(definitions: Record<string, string>) {
  const resolver: DocumentResolver = {
    async resolve(base, ref) {
      const uri = new URL(ref.split('#')[0], base).href;
      return uri in definitions ? parse(definitions[uri], false, uri) : undefined;
    },
  };
  const parsedApi = parse(API, false, API_URI);
  return createLanguageService({ resolver, definitionsUsing: async (uri) => (uri === PART_URI ? [parsedApi] : []) });
}

function at(text: string, needle: string, delta = 0) {
  const doc = TextDocument.create(PART_URI, 'yaml', 1, text);
  const index = text.indexOf(needle);
  assert.ok(index >= 0, needle);
  return doc.positionAt(index + delta);
}

const markdown = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';

describe('editing a file that holds part of a definition', () => {
  it('hovers an extension with the catalog\'s text, its range in the part', async () => {
    const service = serviceWith({});
    const part = TextDocument.create(PART_URI, 'yaml', 1, PART);
    const hover = await service.doHover(part, at(PART, 'x-amazon-apigateway-integration', 3));
    assert.match(markdown(hover), /x-amazon-apigateway-integration/);
    assert.deepEqual(hover?.range?.start, at(PART, 'x-amazon-apigateway-integration'));
  });

  it('hovers a template variable in the part\'s templates', async () => {
    const service = serviceWith({});
    const part = TextDocument.create(PART_URI, 'yaml', 1, PART);
    const hover = await service.doHover(part, at(PART, 'requestId', 2));
    assert.match(markdown(hover), /requestId/);
  });

  it('hovers a template of an integration kept in a file of its own', async () => {
    const integration = "type: mock\nrequestTemplates:\n  application/json: '{\"statusCode\": 200, \"id\": \"$context.requestId\"}'\n";
    const api = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration: {$ref: 'mock.yaml'}\n`;
    const host = parse(api, false, API_URI);
    const uri = 'file:///work/mock.yaml';
    const service = createLanguageService({ resolver: { resolve: async () => undefined }, definitionsUsing: async (asked) => (asked === uri ? [host] : []) });
    const document = TextDocument.create(uri, 'yaml', 1, integration);
    const hover = await service.doHover(document, document.positionAt(integration.indexOf('requestId') + 2));
    assert.match(markdown(hover), /requestId/);
  });

  it('completes the definition\'s validator names and the integration\'s types where the part stands', async () => {
    const service = serviceWith({});
    const typed = PART.replace('x-amazon-apigateway-request-validator: all', 'x-amazon-apigateway-request-validator: ');
    const names = (await service.doComplete(TextDocument.create(PART_URI, 'yaml', 2, typed), at(typed, 'validator: ', 'validator: '.length))) as CompletionList;
    assert.deepEqual(names.items.map((i) => i.label).sort(), ['all', 'params-only']);
    const types = (await service.doComplete(TextDocument.create(PART_URI, 'yaml', 3, PART), at(PART, 'type: mock', 'type: '.length))) as CompletionList;
    assert.ok(types.items.some((i) => i.label === 'http_proxy'), types.items.map((i) => i.label).join());
    for (const item of types.items) {
      const edit = item.textEdit;
      if (edit && 'range' in edit) assert.equal(edit.range.start.line, at(PART, 'type: mock').line);
    }
  });

  it('completes extension keys of an operation while the key is being typed', async () => {
    const service = serviceWith({});
    const typed = PART.replace('  responses:\n', '  x-amazon-apigateway-a\n  responses:\n');
    const list = (await service.doComplete(TextDocument.create(PART_URI, 'yaml', 4, typed), at(typed, 'x-amazon-apigateway-a', 'x-amazon-apigateway-a'.length))) as CompletionList;
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('x-amazon-apigateway-auth'), labels.join());
    // Root-level extensions do not belong in an operation.
    assert.ok(!labels.includes('x-amazon-apigateway-api-key-source'), labels.join());
  });

  it('goes from a validator name in the part to its definition in the definition', async () => {
    const service = serviceWith({});
    const part = TextDocument.create(PART_URI, 'yaml', 1, PART);
    const locations = await service.findDefinition(part, at(PART, ': all', 3));
    assert.deepEqual(locations.map((l) => `${l.uri} ${l.range.start.line}`), [`${API_URI} 3`]);
  });

  it('reads a file no definition uses on its own', async () => {
    const service = serviceWith({});
    const other = TextDocument.create('file:///work/other.yaml', 'yaml', 1, PART);
    const hover = await service.doHover(other, at(PART, 'x-amazon-apigateway-integration', 3));
    assert.ok(hover === null || !/validateRequestBody/.test(markdown(hover)));
  });
});

describe('quick fixes in a file that holds part of a definition', () => {
  it('offer the corrections that replace the text found, and not those that write where the part cannot say', async () => {
    const files = { 'file:///work/paths/pets.yaml': PETS_PATH_ITEM };
    const resolver = filesResolver(files);
    const service = createLanguageService({ resolver, definitionsUsing: async () => [] });
    const { elsewhere } = await service.doValidationByFile(TextDocument.create(API_URI, 'yaml', 1, SPLIT_API), {});
    const diagnostics = elsewhere.find((e) => e.uri === PART_URI)!.diagnostics;
    const part = TextDocument.create(PART_URI, 'yaml', 1, PETS_PATH_ITEM);
    const partService = createLanguageService({ resolver, definitionsUsing: async () => [parsedAt(API_URI, SPLIT_API)] });
    const actions = partService.getCodeActions(part, diagnostics[0].range, { diagnostics });
    // Defining a validator named `al` would write into the part, where a definition's validators do not belong.
    assert.deepEqual(actions.map((a) => a.title), ["Change to 'all'", 'Disable unknown-request-validator on this line (comment)']);
    assert.deepEqual(actions[0].edit?.changes?.[PART_URI], [{ range: diagnostics[0].range, newText: 'all' }]);
  });

  it('correct a misspelt $ref of the part to another file where it is written', async () => {
    const text = `${PETS_PATH_ITEM.replace(' al\n', ' all\n')}  requestBody: {content: {application/json: {schema: {$ref: '../schemas.yaml#/Pett'}}}}\n`;
    const resolver = filesResolver({ [PART_URI]: text, 'file:///work/schemas.yaml': 'Pet: {type: object}\n' });
    const service = createLanguageService({ resolver, definitionsUsing: async () => [] });
    const { elsewhere } = await service.doValidationByFile(TextDocument.create(API_URI, 'yaml', 1, SPLIT_API), {});
    const diagnostics = elsewhere.find((e) => e.uri === PART_URI)!.diagnostics.filter((d) => d.code === 'unresolved-ref');
    const written = "'../schemas.yaml#/Pett'";
    const start = TextDocument.create(PART_URI, 'yaml', 1, text).positionAt(text.indexOf(written));
    assert.deepEqual(diagnostics.map((d) => d.range.start), [start]);
    const partService = createLanguageService({ resolver, definitionsUsing: async () => [parsedAt(API_URI, SPLIT_API)] });
    const actions = partService.getCodeActions(TextDocument.create(PART_URI, 'yaml', 1, text), diagnostics[0].range, { diagnostics });
    assert.deepEqual(actions.map((a) => a.title), ["Change to '../schemas.yaml#/Pet'", 'Disable unresolved-ref on this line (comment)']);
    assert.deepEqual(actions[0].edit?.changes?.[PART_URI]?.map((e) => e.newText), ["'../schemas.yaml#/Pet'"]);
  });
});

describe('references across the files of a split definition', () => {
  const files = { 'file:///work/paths/pets.yaml': PETS_PATH_ITEM.replace(' al\n', ' all\n') };
  const lines = (locations: { uri: string; range: { start: { line: number } } }[]) => locations.map((l) => `${l.uri.split('/').pop()} ${l.range.start.line}`).sort();

  it('finds the uses of a validator in the path items kept in other files', async () => {
    const service = createLanguageService({ resolver: filesResolver(files), definitionsUsing: async () => [] });
    const api = TextDocument.create(API_URI, 'yaml', 1, SPLIT_API);
    const at = api.positionAt(SPLIT_API.indexOf('all:') + 1);
    assert.deepEqual(lines(await service.findReferences(api, at, { includeDeclaration: true })), ['api.yaml 3', 'pets.yaml 1']);
  });

  it('finds the declaration and the other uses from a use in a part', async () => {
    const service = createLanguageService({ resolver: filesResolver(files), definitionsUsing: async () => [parsedAt(API_URI, SPLIT_API)] });
    const text = files['file:///work/paths/pets.yaml'];
    const part = TextDocument.create(PART_URI, 'yaml', 1, text);
    const at = part.positionAt(text.indexOf(': all') + 3);
    assert.deepEqual(lines(await service.findReferences(part, at, { includeDeclaration: true })), ['api.yaml 3', 'pets.yaml 1']);
  });
});

describe('telling a part of a split definition from a definition', () => {
  it('keeps a half-typed definition\'s template colours, lenses and quick fixes its own, not a part\'s', async () => {
    const service = createLanguageService({ resolver: filesResolver({}), definitionsUsing: async () => [] });
    const api = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: '{"id": "$context.requestId"}'\n`;
    const document = TextDocument.create(API_URI, 'yaml', 1, api);
    await service.doValidation(document, {});
    const before = (await service.getSemanticTokens(document)).data.length;
    assert.ok(before > 0);
    // A key half-typed on a new line of the operation: the text does not parse as a definition for now.
    TextDocument.update(document, [{ text: api.replace('      responses:', '      x-am\n      responses:') }], 2);
    assert.equal(service.parse(document).kind, 'unknown');
    assert.equal((await service.getSemanticTokens(document)).data.length, before);
    assert.deepEqual((await service.getCodeLenses(document)).map((lens) => lens.command?.title), ['$(play) Evaluate template', '$(debug-start) Invoke GET /a']);
  });

  it('does not parse a definition over the size limit that a hover or completion waits on', async () => {
    const parsed: number[] = [];
    watchWholeParses({ started: (document) => parsed.push(document.version), ended: () => undefined });
    try {
      const settings = { maxValidationSize: 1024 };
      const service = createLanguageService({ resolver: filesResolver({}), definitionsUsing: async () => [] });
      const text = `${SPLIT_API}components:\n  schemas:\n${Array.from({ length: 60 }, (_, i) => `    S${i}: {type: string}\n`).join('')}`;
      await service.doValidation(TextDocument.create(API_URI, 'yaml', 1, text), settings);
      // An edit outside every path item, which a parse by parts does not take: the whole text would be parsed again.
      const typed = TextDocument.create(API_URI, 'yaml', 2, text.replace('title: split', 'title: splits'));
      await service.doHover(typed, typed.positionAt(text.indexOf('x-amazon-apigateway-request-validators') + 3), settings);
      await service.doComplete(typed, typed.positionAt(text.indexOf('S0')), settings);
      assert.deepEqual(parsed, [1]);
    } finally {
      watchWholeParses(undefined);
    }
  });
});

describe('renames across the files of a split definition', () => {
  const PETS = 'file:///work/paths/pets.yaml';
  const SCHEMED_API = `${SPLIT_API}components:\n  securitySchemes:\n    key: {type: apiKey, name: x-api-key, in: header}\n`;
  const SCHEMED_PART = PETS_PATH_ITEM.replace(' al\n', ' all\n').replace('  responses:', '  security:\n    - key: []\n  responses:');
  type Edits = Record<string, { range: { start: { line: number; character: number } }; newText: string }[]>;
  const edited = (changes: Edits | undefined) =>
    Object.entries(changes ?? {})
      .flatMap(([uri, edits]) => edits.map((e) => `${uri.split('/').pop()} ${e.range.start.line}:${e.range.start.character} ${e.newText}`))
      .sort();

  it('renames a validator in the definition and in the path items kept in other files', async () => {
    const service = createLanguageService({ resolver: filesResolver({ [PETS]: SCHEMED_PART }), definitionsUsing: async () => [] });
    const api = TextDocument.create(API_URI, 'yaml', 1, SCHEMED_API);
    const edit = await service.rename(api, api.positionAt(SCHEMED_API.indexOf('all:') + 1), 'body');
    assert.deepEqual(edited(edit.changes), ['api.yaml 3:2 body', 'pets.yaml 1:41 body']);
  });

  it('renames a validator from its use in a part, after preparing it there', async () => {
    const service = createLanguageService({ resolver: filesResolver({ [PETS]: SCHEMED_PART }), definitionsUsing: async () => [parsedAt(API_URI, SCHEMED_API)] });
    const part = TextDocument.create(PETS, 'yaml', 1, SCHEMED_PART);
    const at = part.positionAt(SCHEMED_PART.indexOf(': all') + 3);
    const prepared = await service.prepareRename(part, at);
    assert.equal(prepared?.placeholder, 'all');
    assert.deepEqual(prepared?.range, { start: part.positionAt(SCHEMED_PART.indexOf(': all') + 2), end: part.positionAt(SCHEMED_PART.indexOf(': all') + 5) });
    const edit = await service.rename(part, at, 'body');
    assert.deepEqual(edited(edit.changes), ['api.yaml 3:2 body', 'pets.yaml 1:41 body']);
  });

  it('renames a security scheme and the requirements of operations in parts, also from a requirement there', async () => {
    const service = createLanguageService({ resolver: filesResolver({ [PETS]: SCHEMED_PART }), definitionsUsing: async () => [parsedAt(API_URI, SCHEMED_API)] });
    const api = TextDocument.create(API_URI, 'yaml', 1, SCHEMED_API);
    const fromDefinition = await service.rename(api, api.positionAt(SCHEMED_API.indexOf('key: {') + 1), 'apiKey');
    assert.deepEqual(edited(fromDefinition.changes), ['api.yaml 9:4 apiKey', 'pets.yaml 3:6 apiKey']);
    const part = TextDocument.create(PETS, 'yaml', 1, SCHEMED_PART);
    // A requirement is one only where the definition places the operation: the part alone cannot tell.
    const at = part.positionAt(SCHEMED_PART.indexOf('key: []') + 1);
    assert.equal((await service.prepareRename(part, at))?.placeholder, 'key');
    assert.deepEqual(edited((await service.rename(part, at, 'apiKey')).changes), ['api.yaml 9:4 apiKey', 'pets.yaml 3:6 apiKey']);
  });

  it('edits a part that two paths name once', async () => {
    const api = SPLIT_API.replace("    $ref: 'paths/pets.yaml'\n", "    $ref: 'paths/pets.yaml'\n  /animals:\n    $ref: 'paths/pets.yaml'\n");
    const service = createLanguageService({ resolver: filesResolver({ [PETS]: SCHEMED_PART }), definitionsUsing: async () => [] });
    const document = TextDocument.create(API_URI, 'yaml', 1, api);
    const edit = await service.rename(document, document.positionAt(api.indexOf('all:') + 1), 'body');
    assert.deepEqual(edited(edit.changes), ['api.yaml 3:2 body', 'pets.yaml 1:41 body']);
  });

  it('is refused while a part that names the validator does not parse, saying which', async () => {
    const broken = `${SCHEMED_PART}  bad: [unclosed\n`;
    const service = createLanguageService({ resolver: filesResolver({ [PETS]: broken }), definitionsUsing: async () => [] });
    const api = TextDocument.create(API_URI, 'yaml', 1, SCHEMED_API);
    await assert.rejects(service.rename(api, api.positionAt(SCHEMED_API.indexOf('all:') + 1), 'body'), (error: Error) => error instanceof RenameError && /pets\.yaml has a syntax error and may use 'all'/.test(error.message));
  });

  it('writes each file\'s edit in that file\'s syntax: JSON in a JSON part, YAML in the definition', async () => {
    const api = SPLIT_API.replace("$ref: 'paths/pets.yaml'", "$ref: 'paths/pets.json'");
    const json = JSON.stringify({ get: { 'x-amazon-apigateway-request-validator': 'all', responses: { '200': { description: 'ok' } } } }, null, 2);
    const uri = 'file:///work/paths/pets.json';
    const service = createLanguageService({ resolver: filesResolver({ [uri]: json }), definitionsUsing: async () => [parsedAt(API_URI, api)] });
    const part = TextDocument.create(uri, 'json', 1, json);
    const edit = await service.rename(part, part.positionAt(json.indexOf('"all"') + 2), 'body check');
    assert.deepEqual(edited(edit.changes).map((e) => e.replace(/ \d+:\d+/, '')), ['api.yaml body check', 'pets.json "body check"']);
  });

  it('is refused while a referenced file that is there cannot be read, and not for one that is not there', async () => {
    const api = `${SCHEMED_API.replace("    $ref: 'paths/pets.yaml'\n", "    $ref: 'paths/pets.yaml'\n  /old:\n    $ref: 'paths/old.yaml'\n  /gone:\n    $ref: 'paths/gone.yaml'\n")}`;
    const resolver: DocumentResolver = {
      ...filesResolver({ [PETS]: SCHEMED_PART }),
      whyUnreadable: (_base, ref) => (ref.includes('old') ? 'it is UTF-16 text' : 'there is no such file'),
    };
    const document = TextDocument.create(API_URI, 'yaml', 1, api);
    const at = document.positionAt(api.indexOf('all:') + 1);
    await assert.rejects(createLanguageService({ resolver, definitionsUsing: async () => [] }).rename(document, at, 'body'), (error: Error) => error instanceof RenameError && /old\.yaml cannot be read \(it is UTF-16 text\) and may use 'all'/.test(error.message));
    const withoutOld = api.replace("  /old:\n    $ref: 'paths/old.yaml'\n", '');
    const edit = await createLanguageService({ resolver, definitionsUsing: async () => [] }).rename(TextDocument.create(API_URI, 'yaml', 1, withoutOld), at, 'body');
    assert.deepEqual(edited(edit.changes), ['api.yaml 3:2 body', 'pets.yaml 1:41 body']);
  });

  it('is not refused for a broken file that holds the name only inside a longer word', async () => {
    const other = 'file:///work/paths/other.yaml';
    const api = SCHEMED_API.replace("    $ref: 'paths/pets.yaml'\n", "    $ref: 'paths/pets.yaml'\n  /other:\n    $ref: 'paths/other.yaml'\n");
    const service = createLanguageService({ resolver: filesResolver({ [PETS]: SCHEMED_PART, [other]: 'get:\n  allOf: [unclosed\n' }), definitionsUsing: async () => [] });
    const document = TextDocument.create(API_URI, 'yaml', 1, api);
    const edit = await service.rename(document, document.positionAt(api.indexOf('all:') + 1), 'body');
    assert.deepEqual(edited(edit.changes), ['api.yaml 3:2 body', 'pets.yaml 1:41 body']);
  });

  it('still renames a component by its $refs in other files', async () => {
    const api = `${SPLIT_API}components:\n  schemas:\n    Pet: {type: object}\n`;
    const part = SCHEMED_PART.replace("'200': {description: ok}", "'200': {description: ok, content: {application/json: {schema: {$ref: '../api.yaml#/components/schemas/Pet'}}}}");
    const service = createLanguageService({ resolver: filesResolver({ [PETS]: part }), definitionsUsing: async () => [], workspace: { documents: async () => [parsedAt(PETS, part)] } });
    const document = TextDocument.create(API_URI, 'yaml', 1, api);
    const edit = await service.rename(document, document.positionAt(api.indexOf('Pet:') + 1), 'Animal');
    assert.deepEqual(edited(edit.changes).map((e) => e.split(' ')[0]), ['api.yaml', 'pets.yaml']);
  });
});

describe('the outline of a split definition', () => {
  it('lists the operations of a path item kept in another file under its path', async () => {
    const service = createLanguageService({ resolver: filesResolver({ 'file:///work/paths/pets.yaml': PETS_PATH_ITEM }), definitionsUsing: async () => [] });
    const [pets] = await service.findDocumentSymbols(TextDocument.create(API_URI, 'yaml', 1, SPLIT_API));
    assert.equal(pets.name, '/pets');
    assert.deepEqual(pets.children?.map((c) => [c.name, c.detail]), [['GET', 'HTTP_PROXY → https://example.com/pets']]);
  });
});

describe('the definition a part is read in', () => {
  it('is spliced again when a third file it references changes, and kept while none does', async () => {
    const part = "get:\n  responses:\n    '200': {$ref: '../responses.yaml#/ok'}\n";
    const texts: Record<string, string> = { 'file:///work/paths/pets.yaml': part, 'file:///work/responses.yaml': 'ok: {description: ok}\n' };
    // Parsed again at each read, as the server's resolver does once a definition's files outgrow its cache.
    const resolver: DocumentResolver = {
      async resolve(base, ref) {
        const uri = new URL(ref.split('#')[0], base).href;
        return parsedAt(uri, texts[uri]);
      },
    };
    const definition = parsedAt(API_URI, SPLIT_API);
    const partDocument = parsedAt(PART_URI, part);
    const first = await partInContext(partDocument, [definition], resolver);
    assert.ok(first);
    assert.equal(await partInContext(partDocument, [definition], resolver), first);
    texts['file:///work/responses.yaml'] = 'ok: {description: fine}\n';
    const second = await partInContext(partDocument, [definition], resolver);
    assert.notEqual(second, first);
    assert.match(second!.split.document.text, /description: fine/);
  });

  it('asks a resolver that holds what it read without reading again, and takes a file it no longer holds as it was', async () => {
    const part = "get:\n  responses:\n    '200': {$ref: '../responses.yaml#/ok'}\n";
    const texts: Record<string, string> = { 'file:///work/paths/pets.yaml': part, 'file:///work/responses.yaml': 'ok: {description: ok}\n' };
    const held = new Map<string, string>();
    let reads = 0;
    const resolver: DocumentResolver = {
      async resolve(base, ref) {
        const uri = new URL(ref.split('#')[0], base).href;
        reads++;
        held.set(uri, texts[uri]);
        return parsedAt(uri, texts[uri]);
      },
      loaded: (base, ref) => {
        const uri = new URL(ref.split('#')[0], base).href;
        return held.has(uri) ? parsedAt(uri, held.get(uri)!) : undefined;
      },
    };
    const definition = parsedAt(API_URI, SPLIT_API);
    const partDocument = parsedAt(PART_URI, part);
    const first = await partInContext(partDocument, [definition], resolver);
    const afterSplice = reads;
    held.clear();
    assert.equal(await partInContext(partDocument, [definition], resolver), first);
    assert.equal(reads, afterSplice);
    held.set('file:///work/responses.yaml', 'ok: {description: fine}\n');
    assert.notEqual(await partInContext(partDocument, [definition], resolver), first);
  });
});

describe('running what a part holds', () => {
  const part = TextDocument.create(PART_URI, 'yaml', 1, PART);

  it('puts Invoke above its operations and Evaluate above its templates, as the definition places them', async () => {
    const service = serviceWith({});
    const lenses = await service.getCodeLenses(part);
    const shown = lenses.map((lens) => [lens.range.start.line, lens.command?.title, JSON.stringify(lens.command?.arguments)]);
    assert.deepEqual(shown, [
      [7, '$(play) Evaluate template', JSON.stringify([PART_URI, PART.indexOf("'{\"statusCode\"")])],
      [12, '$(play) Evaluate template', JSON.stringify([PART_URI, PART.indexOf("'{\"id\"")])],
      [0, '$(debug-start) Invoke GET /pets', JSON.stringify([{ uri: API_URI, path: '/pets', method: 'GET', part: { uri: PART_URI, offset: 0 } }])],
    ]);
  });

  it('evaluates a template of the part with the definition\'s operation, and places what it reports in the part', async () => {
    const service = serviceWith({});
    const handlers = createTemplateHandlers({ getDocument: () => part, parse: (document) => service.parse(document), partPlace: (document) => service.partPlace(document) });
    const offset = PART.indexOf('$context.requestId');
    const found = await handlers.templateAt({ uri: PART_URI, offset });
    assert.equal(found.found, true, found.message);
    assert.equal(found.templateOffset, PART.indexOf("'{\"id\""));
    assert.equal(found.line, 13);
    assert.match(found.label ?? '', /GET \/pets/);
    const evaluation = await handlers.evaluateTemplate({ uri: PART_URI, offset: found.templateOffset!, sample: { ...found.defaultSample!, context: { requestId: 'r-1' } } });
    assert.ok(!('error' in evaluation), JSON.stringify(evaluation));
    assert.deepEqual(JSON.parse(evaluation.output), { id: 'r-1' });
  });

  it('names the definition and the operations at a place in the part, which invoking from the part runs', async () => {
    const service = serviceWith({});
    const handlers = createInvokeHandlers({ getDocument: (uri) => (uri === PART_URI ? part : undefined), parse: (document) => service.parse(document), partPlace: (document) => service.partPlace(document) });
    const GET = { path: '/pets', method: 'GET' };
    try {
      assert.deepEqual(await handlers.operationInPart({ uri: PART_URI, offset: PART.indexOf('$context.requestId') }), { definition: API_URI, operations: [GET] });
      // On the method's key, and past the part's last entry, where every operation it holds is offered.
      assert.deepEqual(await handlers.operationInPart({ uri: PART_URI, offset: 0 }), { definition: API_URI, operations: [GET] });
      assert.deepEqual(await handlers.operationInPart({ uri: PART_URI, offset: PART.length }), { definition: API_URI, operations: [GET] });
      assert.deepEqual(await handlers.operationInPart({ uri: 'file:///work/other.yaml', offset: 0 }), {});
      const unused = createLanguageService({ resolver: filesResolver({}), definitionsUsing: async () => [] });
      const alone = createInvokeHandlers({ getDocument: () => part, parse: (document) => unused.parse(document), partPlace: (document) => unused.partPlace(document) });
      assert.deepEqual(await alone.operationInPart({ uri: PART_URI, offset: 0 }), {});
      alone.dispose();
    } finally {
      handlers.dispose();
    }
  });

  it('runs a part two definitions use in the one asked for, else in the first', async () => {
    const v1 = parsedAt('file:///work/api-v1.yaml', API);
    const v2 = parsedAt('file:///work/api-v2.yaml', API.replace('  /pets:', '  /v2/pets:'));
    const service = createLanguageService({ resolver: filesResolver({ [PART_URI]: PART }), definitionsUsing: async () => [v1, v2] });
    const handlers = createInvokeHandlers({ getDocument: () => part, parse: (document) => service.parse(document), partPlace: (document, definition) => service.partPlace(document, definition) });
    try {
      assert.deepEqual(await handlers.operationInPart({ uri: PART_URI, offset: 0 }), { definition: v1.uri, operations: [{ path: '/pets', method: 'GET' }] });
      assert.deepEqual(await handlers.operationInPart({ uri: PART_URI, offset: 0, definition: v2.uri }), { definition: v2.uri, operations: [{ path: '/v2/pets', method: 'GET' }] });
      assert.deepEqual(await handlers.operationInPart({ uri: PART_URI, offset: 0, definition: 'file:///work/gone.yaml' }), {});
    } finally {
      handlers.dispose();
    }
  });

  it('evaluates a template of a part two definitions use in the one asked for, else in the first', async () => {
    const text = PART.replace('{"id": "$context.requestId"}', '{"path": "$context.resourcePath"}');
    const shared = TextDocument.create(PART_URI, 'yaml', 1, text);
    const v1 = parsedAt('file:///work/api-v1.yaml', API);
    const v2 = parsedAt('file:///work/api-v2.yaml', API.replace('  /pets:', '  /v2/pets:'));
    const service = createLanguageService({ resolver: filesResolver({ [PART_URI]: text }), definitionsUsing: async () => [v1, v2] });
    const handlers = createTemplateHandlers({ getDocument: () => shared, parse: (document) => service.parse(document), partPlace: (document, definition) => service.partPlace(document, definition) });
    const offset = text.indexOf('$context.resourcePath');
    const evaluatedIn = async (definition?: string) => {
      const found = await handlers.templateAt({ uri: PART_URI, offset, definition });
      assert.equal(found.found, true, found.message);
      const evaluation = await handlers.evaluateTemplate({ uri: PART_URI, offset: found.templateOffset!, sample: found.defaultSample!, definition });
      assert.ok(!('error' in evaluation), JSON.stringify(evaluation));
      return { label: found.label, line: found.line, output: JSON.parse(evaluation.output) as unknown };
    };
    const v1Response = { label: 'GET /pets › response default → 200 › application/json', line: 13, output: { path: '/pets' } };
    assert.deepEqual(await evaluatedIn(), v1Response);
    assert.deepEqual(await evaluatedIn(v1.uri), v1Response);
    assert.deepEqual(await evaluatedIn(v2.uri), { label: 'GET /v2/pets › response default → 200 › application/json', line: 13, output: { path: '/v2/pets' } });
    // A definition that stopped using the file is said to, rather than the file read in another or alone.
    const gone = 'file:///work/gone.yaml';
    assert.equal((await handlers.templateAt({ uri: PART_URI, offset, definition: gone })).message, 'gone.yaml no longer uses pets.yaml, or cannot be read now: it may have syntax errors or have moved.');
    const evaluation = await handlers.evaluateTemplate({ uri: PART_URI, offset: text.indexOf("'{\"path\""), sample: {}, definition: gone });
    assert.deepEqual(evaluation, { error: 'gone.yaml no longer uses pets.yaml, or cannot be read now: it may have syntax errors or have moved.' });
  });

  it('offers each path that shares the part, the part\'s operations outside them, and an operation or integration kept alone', async () => {
    const shared = "# Pets, under two paths\nget:\n  responses: {'200': {description: ok}}\n  x-amazon-apigateway-integration: {type: mock}\npost:\n  responses: {'200': {description: ok}}\n  x-amazon-apigateway-integration: {type: mock}\n";
    const api = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /v1/pets:\n    $ref: 'paths/pets.yaml'\n  /v2/pets:\n    $ref: 'paths/pets.yaml'\n  /one:\n    get:\n      $ref: 'ops/get.yaml'\n  /two:\n    get:\n      responses: {'200': {description: ok}}\n      x-amazon-apigateway-integration:\n        $ref: 'mock.yaml'\n`;
    const operation = "responses: {'200': {description: ok}}\nx-amazon-apigateway-integration: {type: mock}\n";
    const integration = 'type: mock\n';
    const files: Record<string, string> = { [PART_URI]: shared, 'file:///work/ops/get.yaml': operation, 'file:///work/mock.yaml': integration };
    const opened = new Map(Object.entries(files).map(([uri, text]) => [uri, TextDocument.create(uri, 'yaml', 1, text)]));
    const service = createLanguageService({ resolver: filesResolver(files), definitionsUsing: async (uri) => (uri in files ? [parsedAt(API_URI, api)] : []) });
    const handlers = createInvokeHandlers({ getDocument: (uri) => opened.get(uri), parse: (document) => service.parse(document), partPlace: (document) => service.partPlace(document) });
    const names = async (uri: string, offset: number) => ((await handlers.operationInPart({ uri, offset })).operations ?? []).map((o) => `${o.method} ${o.path}`);
    try {
      assert.deepEqual(await names(PART_URI, shared.indexOf('post:') + 2), ['POST /v1/pets', 'POST /v2/pets']);
      // On the leading comment: the file's operations, under both paths.
      assert.deepEqual(await names(PART_URI, 3), ['GET /v1/pets', 'POST /v1/pets', 'GET /v2/pets', 'POST /v2/pets']);
      assert.deepEqual(await names('file:///work/ops/get.yaml', operation.length), ['GET /one']);
      assert.deepEqual(await names('file:///work/mock.yaml', 0), ['GET /two']);
    } finally {
      handlers.dispose();
    }
  });

  it('colours the part\'s templates where they stand in it', async () => {
    const tokens = (await serviceWith({}).getSemanticTokens(part)).data;
    // Decoded from LSP's relative encoding: the line and character of each token.
    const starts: string[] = [];
    for (let i = 0, line = 0, character = 0; i < tokens.length; i += 5) {
      line += tokens[i];
      character = tokens[i] === 0 ? character + tokens[i + 1] : tokens[i + 1];
      starts.push(`${line}:${character}:${tokens[i + 2]}`);
    }
    const at = part.positionAt(PART.indexOf('$context.requestId'));
    assert.ok(starts.some((s) => s.startsWith(`${at.line}:${at.character}:`)), starts.join(' '));
    assert.ok(starts.every((s) => Number(s.split(':')[0]) >= 7), 'only the part\'s templates are coloured');
  });

  it('colours a part two paths name, or names by two pointers in another order, once and in order', async () => {
    const items = "b:\n  get:\n    x-amazon-apigateway-integration:\n      type: mock\n      requestTemplates: {application/json: '{\"b\": \"$context.requestId\"}'}\na:\n  get:\n    x-amazon-apigateway-integration:\n      type: mock\n      requestTemplates: {application/json: '{\"a\": \"$context.requestId\"}'}\n";
    const uri = 'file:///work/paths/items.yaml';
    const api = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: 'paths/items.yaml#/a'}\n  /b: {$ref: 'paths/items.yaml#/b'}\n  /b2: {$ref: 'paths/items.yaml#/b'}\n";
    const service = createLanguageService({ resolver: filesResolver({ [uri]: items }), definitionsUsing: async () => [parsedAt(API_URI, api)] });
    const document = TextDocument.create(uri, 'yaml', 1, items);
    const data = (await service.getSemanticTokens(document)).data;
    const lines: number[] = [];
    for (let i = 0, line = 0; i < data.length; i += 5) lines.push((line += data[i]));
    assert.deepEqual([...new Set(lines)], [4, 9]);
    for (let i = 1; i < data.length / 5; i++) assert.ok(data[i * 5] > 0 || data[i * 5 + 1] > 0, 'tokens in order, none twice');
  });

  it('shows the parameters of a $util call and highlights a template variable in the part', async () => {
    const text = PART.replace('{"id": "$context.requestId"}', '#set($id = $util.urlEncode($context.requestId)){"id": "$id"}');
    const document = TextDocument.create(PART_URI, 'yaml', 1, text);
    const service = serviceWith({});
    const help = await service.doSignatureHelp(document, document.positionAt(text.indexOf('urlEncode(') + 'urlEncode('.length));
    assert.match(help?.signatures[help.activeSignature ?? 0]?.label ?? '', /^\$util\.urlEncode\(/);
    const highlights = await service.findDocumentHighlights(document, document.positionAt(text.indexOf('$id') + 2));
    assert.deepEqual(highlights?.map((h) => document.getText(h.range)), ['$id', '$id']);
  });

  it('folds the blocks of the part\'s templates, once for a part two paths name', async () => {
    const template = ['|', '          #if($input.params("a"))', '          {"a": 1}', '          #else', '          {"a": 2}', '          #end'].join('\n');
    const text = PART.replace(`'{"statusCode": 200}'`, template);
    const api = SPLIT_API.replace("    $ref: 'paths/pets.yaml'\n", "    $ref: 'paths/pets.yaml'\n  /animals:\n    $ref: 'paths/pets.yaml'\n");
    const service = createLanguageService({ resolver: filesResolver({ [PART_URI]: text }), definitionsUsing: async () => [parsedAt(API_URI, api)] });
    const document = TextDocument.create(PART_URI, 'yaml', 1, text);
    const folds = ((await service.getFoldingRanges(document)) ?? []).map((f) => `${f.startLine}-${f.endLine}`);
    const ifLine = text.split('\n').findIndex((line) => line.includes('#if('));
    const elseLine = ifLine + 2;
    assert.deepEqual(folds.filter((f) => f === `${ifLine}-${elseLine - 1}` || f === `${elseLine}-${elseLine + 1}`), [`${ifLine}-${elseLine - 1}`, `${elseLine}-${elseLine + 1}`]);
  });

  it('says where to place the cursor when no template of the definition is there', async () => {
    const service = serviceWith({});
    const handlers = createTemplateHandlers({ getDocument: () => part, parse: (document) => service.parse(document), partPlace: (document) => service.partPlace(document) });
    const found = await handlers.templateAt({ uri: PART_URI, offset: 0 });
    assert.equal(found.found, false);
    assert.match(found.message ?? '', /Place the cursor on a mapping template/);
  });
});
