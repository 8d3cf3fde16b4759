import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';
import type { ObjectNode, ValueNode } from '../../../server/src/model/nodes';
import { keyOf } from '../../../server/src/model/property';
import { parse as parseYaml } from 'yaml';
import { parseApiDocument, type ApiDocument } from '../../../server/src/model/apiDocument';
import { parsePatchedCopy, reparsePathItem } from '../../../server/src/model/incrementalParse';
import { toValue } from '../../../server/src/model/navigate';

const URI = 'file:///api.yaml';

/** A definition with findings of many rules in many path items, an anchor shared inside one item, and templates. */
function definition(count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    items.push(`  /r${i}/{id}:
    get:
      operationId: get${i}
      summary: Get ${i}
      parameters: &p${i}
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Item" }
      security:
        - ${i % 4 === 0 ? 'missing' : 'sigv4'}: []
      x-amazon-apigateway-request-validator: ${i % 3 === 0 ? 'al' : 'all'}
      x-amazon-apigateway-integration:
        type: ${i % 2 ? 'mock' : 'aws'}
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f${i}/invocations
        requestTemplates:
          application/json: |
            #set($body = $input.path('$'))
            { "id": "$util.escapeJavaScript($input.params('id'))", "n": ${i} }
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: '{"ok": "$util.escapeJavaScript($input.path(''$.x''))"}'
    post:
      parameters: *p${i}
      responses:
        "200": { description: OK }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: https://example.com/r${i}
`);
  }
  return `openapi: 3.0.1
info:
  title: Incremental
  version: "1"
x-amazon-apigateway-request-validators:
  all:
    validateRequestBody: true
paths:
${items.join('')}components:
  schemas:
    Item:
      type: object
      properties:
        name: { type: string }
  securitySchemes:
    sigv4:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: awsSigv4
`;
}

interface Edit {
  name: string;
  apply(text: string): string;
}

const replaceAt = (text: string, anchor: string, from: string, to: string, occurrence = 0): string => {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(anchor, at + 1);
  assert.ok(at >= 0, `fixture has ${anchor}`);
  const start = text.indexOf(from, at);
  return text.slice(0, start) + to + text.slice(start + from.length);
};

const EDITS: Edit[] = [
  { name: 'a summary inside an operation', apply: (t) => replaceAt(t, '/r1/{id}', 'summary: Get 1', 'summary: Get one') },
  { name: 'a line inserted into an operation', apply: (t) => replaceAt(t, '/r2/{id}', '      summary:', '      description: added\n      summary:') },
  { name: 'a structure error inside an operation', apply: (t) => replaceAt(t, '/r3/{id}', 'description: OK', 'descriptio: OK') },
  { name: 'the structure error fixed again', apply: (t) => replaceAt(t, '/r3/{id}', 'descriptio: OK', 'description: OK') },
  { name: 'an unknown validator used by an operation', apply: (t) => replaceAt(t, '/r4/{id}', 'request-validator: all', 'request-validator: none') },
  { name: 'a security requirement fixed', apply: (t) => replaceAt(t, '/r4/{id}', '- missing: []', '- sigv4: []') },
  { name: 'a template changed', apply: (t) => replaceAt(t, '/r5/{id}', '"n": 5', '"n": $input.params(') },
  { name: 'the validator declaration renamed (outside paths)', apply: (t) => t.replace('validators:\n  all:', 'validators:\n  every:') },
  { name: 'a path added', apply: (t) => t.replace('paths:\n', 'paths:\n  /new:\n    get:\n      responses: { "200": { description: OK } }\n') },
  { name: 'a path removed', apply: (t) => t.replace(/ {2}\/new:\n(?: {4}.*\n)+/, '') },
  { name: 'an integration type changed in the last path item', apply: (t) => replaceAt(t, '/r9/{id}', 'type: mock', 'type: aws_proxy') },
  { name: 'a duplicate key inside an operation', apply: (t) => replaceAt(t, '/r6/{id}', '      summary: Get 6', '      summary: Get 6\n      summary: again') },
  { name: 'a syntax error inside an operation', apply: (t) => replaceAt(t, '/r7/{id}', 'summary: Get 7', 'summary: [Get 7') },
  { name: 'the syntax error fixed', apply: (t) => replaceAt(t, '/r7/{id}', 'summary: [Get 7', 'summary: Get 7') },
  { name: 'an anchor used from another path item', apply: (t) => replaceAt(t, '/r8/{id}', 'parameters: *p8', 'parameters: *p7') },
  { name: 'a path key renamed', apply: (t) => t.replace('  /r2/{id}:', '  /r2/{key}:') },
  { name: 'a component schema changed (outside paths)', apply: (t) => t.replace('name: { type: string }', 'name: { type: strin }') },
  { name: 'an unknown extension added to an operation', apply: (t) => replaceAt(t, '/r0/{id}', '      summary: Get 0', '      summary: Get 0\n      x-amazon-apigateway-integratoin: {}') },
  { name: 'an operation renamed right below its path key', apply: (t) => replaceAt(t, '/r5/{id}', '    get:', '    put:') },
  { name: 'nothing (a new version with the same text)', apply: (t) => t },
];

/** Every node's and key's offsets, for comparing trees. */
function ranges(node: ValueNode | undefined, out: string[] = []): string[] {
  if (node?.type === 'object') {
    out.push(`{${node.offset}-${node.end}`);
    for (const p of node.properties) {
      out.push(`${p.offset}-${p.end} ${keyOf(p).offset}-${keyOf(p).end} ${keyOf(p).contentOffset}-${keyOf(p).contentEnd} ${String(keyOf(p).value)}`);
      ranges(p.value, out);
    }
  } else if (node?.type === 'array') {
    out.push(`[${node.offset}-${node.end}`);
    node.items.forEach((item) => ranges(item, out));
  } else if (node) out.push(`${node.offset}-${node.end} ${node.contentOffset}-${node.contentEnd} ${String(node.value)}`);
  return out;
}

const JSON_URI = 'file:///api.json';

/** The same definition in JSON, pretty-printed or on one line. */
function jsonDefinition(count: number, indent: number): string {
  return JSON.stringify(parseYaml(definition(count)), null, indent);
}

const JSON_EDITS: Edit[] = [
  { name: 'a summary inside an operation', apply: (t) => replaceAt(t, '/r1/{id}', '"Get 1"', '"Get one"') },
  { name: 'a property inserted into an operation', apply: (t) => replaceAt(t, '/r2/{id}', '"summary"', '"description": "added", "summary"') },
  { name: 'a structure error inside an operation', apply: (t) => replaceAt(t, '/r3/{id}', '"description"', '"descriptio"') },
  { name: 'the structure error fixed again', apply: (t) => replaceAt(t, '/r3/{id}', '"descriptio"', '"description"') },
  { name: 'an unknown validator used by an operation', apply: (t) => replaceAt(t, '/r4/{id}', '"request-validator": "all"', '"request-validator": "none"') },
  { name: 'a template changed', apply: (t) => replaceAt(t, '/r5/{id}', '\\"n\\": 5', '\\"n\\": $input.params(') },
  { name: 'the validator declaration renamed (outside paths)', apply: (t) => t.replace('"all": {', '"every": {') },
  { name: 'a trailing comma inside an operation', apply: (t) => replaceAt(t, '/r6/{id}', '"Get 6"', '"Get 6",') },
  { name: 'the trailing comma removed', apply: (t) => replaceAt(t, '/r6/{id}', '"Get 6",', '"Get 6"') },
  { name: 'a duplicate key inside an operation', apply: (t) => replaceAt(t, '/r7/{id}', '"summary": "Get 7"', '"summary": "Get 7", "summary": "again"') },
  { name: 'a path key renamed', apply: (t) => t.replace('"/r2/{id}"', '"/r2/{key}"') },
  { name: 'an integration type changed in the last path item', apply: (t) => replaceAt(t, '/r9/{id}', '"mock"', '"aws_proxy"') },
  { name: 'an operation emptied', apply: (t) => replaceAt(t, '/r8/{id}', '"post": {', '"post": {}, "put": {') },
  { name: 'nothing (a new version with the same text)', apply: (t) => t },
];

async function freshJsonDiagnostics(text: string) {
  return createLanguageService().doValidation(TextDocument.create(JSON_URI, 'json', 1, text));
}

async function freshDiagnostics(text: string) {
  return createLanguageService().doValidation(TextDocument.create(URI, 'yaml', 1, text));
}

describe('re-validation by parts', () => {
  it('gives exactly the diagnostics of a full validation after each of a series of edits', async () => {
    const service = createLanguageService();
    let text = definition(10);
    const document = TextDocument.create(URI, 'yaml', 1, text);
    assert.deepEqual(await service.doValidation(document), await freshDiagnostics(text));
    for (const edit of EDITS) {
      text = edit.apply(text);
      TextDocument.update(document, [{ text }], document.version + 1);
      const incremental = await service.doValidation(document);
      assert.deepEqual(incremental, await freshDiagnostics(text), `after ${edit.name}`);
      assert.ok(incremental.length > 0, 'the fixture keeps findings to compare');
    }
  });

  it('gives the same diagnostics when versions are validated in a different order than edited', async () => {
    const service = createLanguageService();
    let text = definition(6);
    const document = TextDocument.create(URI, 'yaml', 1, text);
    await service.doValidation(document);
    // Versions parsed for other features in between, as the editor does while the user types.
    for (const edit of EDITS.slice(0, 7)) {
      text = edit.apply(text);
      TextDocument.update(document, [{ text }], document.version + 1);
      await service.findDocumentSymbols(document);
    }
    assert.deepEqual(await service.doValidation(document), await freshDiagnostics(text));
  });

  it('gives the same diagnostics after random small edits anywhere', async function () {
    this.timeout(30000);
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = [' ', 'x', '1', ':', '-', '\n', '#', '$', '{', '"', "'", '\n      y: 2', '&a', '*p1'];
    const service = createLanguageService();
    const base = definition(6);
    const document = TextDocument.create(URI, 'yaml', 1, base);
    const baseline = await service.doValidation(document);
    // Each edit is made and then undone, as while typing: both directions must match a full validation.
    for (let i = 0; i < 80; i++) {
      const at = random(base.length);
      const text = random(3) === 0 ? base.slice(0, at) + base.slice(at + 1 + random(4)) : base.slice(0, at) + pieces[random(pieces.length)] + base.slice(at);
      TextDocument.update(document, [{ text }], document.version + 1);
      assert.deepEqual(await service.doValidation(document), await freshDiagnostics(text), `after random edit ${i} at ${at}`);
      TextDocument.update(document, [{ text: base }], document.version + 1);
      assert.deepEqual(await service.doValidation(document), baseline, `after undoing random edit ${i} at ${at}`);
    }
  });

  it('names the moved lines in the template syntax findings of the items after an edit that adds or takes out lines', async () => {
    const text = `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {}\n  /b:\n    get:\n      x-amazon-apigateway-integration:\n        requestTemplates:\n          application/json: |\n            #if($a)\n`;
    const service = createLanguageService();
    const document = TextDocument.create(URI, 'yaml', 1, text);
    const syntax = (diagnostics: Awaited<ReturnType<typeof freshDiagnostics>>) => diagnostics.filter((d) => d.code === 'template-syntax').map((d) => String(d.message));
    assert.match(syntax(await service.doValidation(document))[0], /opened at line 11\b/);
    for (const next of [text.replace('    get: {}\n', '    # one\r\n    # two\n    get: {}\n'), text]) {
      TextDocument.update(document, [{ text: next }], document.version + 1);
      const incremental = await service.doValidation(document);
      assert.deepEqual(incremental, await freshDiagnostics(next));
      assert.match(syntax(incremental)[0], next === text ? /opened at line 11\b/ : /opened at line 13\b/);
    }
  });

  describe('an anchor of the edited item that another item repeats', () => {
    const shared = (value: string, summary = 'A') => `openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /a:
    get:
      summary: ${summary}
      responses:
        '200': {description: ok}
      x-amazon-apigateway-integration:
        type: mock
        passthroughBehavior: &pb ${value}
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default: {statusCode: '200'}
  /b:
    get:
      responses:
        '200': {description: ok}
      x-amazon-apigateway-integration:
        type: mock
        passthroughBehavior: *pb
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default: {statusCode: '200'}
`;

    async function afterEdit(before: string, after: string) {
      const service = createLanguageService();
      const document = TextDocument.create(URI, 'yaml', 1, before);
      await service.doValidation(document);
      TextDocument.update(document, [{ text: after }], 2);
      return service.doValidation(document);
    }

    it('drops the finding on the copy when the anchored value is mended', async () => {
      const diagnostics = await afterEdit(shared('WHEN_NO_MATCHH'), shared('when_no_match'));
      assert.deepEqual(diagnostics, []);
    });

    it('reports the copy too when the anchored value is broken', async () => {
      const after = shared('WHEN_NO_MATCHH');
      const diagnostics = await afterEdit(shared('when_no_match'), after);
      assert.deepEqual(diagnostics.map((d) => d.range.start.line), [10, 20]);
      assert.deepEqual(diagnostics, await freshDiagnostics(after));
    });

    it('reports the copy when an edit redefines the anchor in an earlier item', async () => {
      const before = shared('when_no_match');
      const after = before.replace("        requestTemplates: {application/json: '{\"statusCode\": 200}'}\n", "        requestTemplates: {application/json: '{\"statusCode\": 200}'}\n        x-note: &pb NEVERR\n");
      assert.notEqual(after, before);
      assert.deepEqual(await afterEdit(before, after), await freshDiagnostics(after));
    });

    it('gives a full validation\'s diagnostics for an edit beside the anchored node', async () => {
      const before = shared('WHEN_NO_MATCHH');
      const after = shared('WHEN_NO_MATCHH', 'Edited');
      assert.deepEqual(await afterEdit(before, after), await freshDiagnostics(after));
    });
  });

  it('gives exactly the diagnostics of a full validation after each of a series of edits to a JSON definition', async () => {
    for (const indent of [2, 0]) {
      const service = createLanguageService();
      let text = jsonDefinition(10, indent);
      const document = TextDocument.create(JSON_URI, 'json', 1, text);
      assert.deepEqual(await service.doValidation(document), await freshJsonDiagnostics(text));
      for (const edit of JSON_EDITS) {
        text = edit.apply(text);
        TextDocument.update(document, [{ text }], document.version + 1);
        const incremental = await service.doValidation(document);
        assert.deepEqual(incremental, await freshJsonDiagnostics(text), `after ${edit.name} (indent ${indent})`);
        assert.ok(incremental.length > 0, 'the fixture keeps findings to compare');
      }
    }
  });

  it('gives the same diagnostics after random small edits anywhere in a JSON definition', async function () {
    this.timeout(60000);
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = [' ', 'x', '1', ':', ',', '\n', '"', '{', '}', '[', ']', '"y": 2,', ', "z": {}', '\\', 'true'];
    for (const indent of [2, 0]) {
      const service = createLanguageService();
      const base = jsonDefinition(5, indent);
      const document = TextDocument.create(JSON_URI, 'json', 1, base);
      const baseline = await service.doValidation(document);
      for (let i = 0; i < 60; i++) {
        const at = random(base.length);
        const text = random(3) === 0 ? base.slice(0, at) + base.slice(at + 1 + random(4)) : base.slice(0, at) + pieces[random(pieces.length)] + base.slice(at);
        TextDocument.update(document, [{ text }], document.version + 1);
        assert.deepEqual(await service.doValidation(document), await freshJsonDiagnostics(text), `after random edit ${i} at ${at} (indent ${indent})`);
        TextDocument.update(document, [{ text: base }], document.version + 1);
        assert.deepEqual(await service.doValidation(document), baseline, `after undoing random edit ${i} at ${at} (indent ${indent})`);
      }
    }
  });

  it('re-parses only the edited path item of a JSON definition and keeps the rest of the tree', () => {
    const service = createLanguageService();
    const text = jsonDefinition(4, 2);
    const document = TextDocument.create(JSON_URI, 'json', 1, text);
    const before = service.parse(document).root as ObjectNode;
    const untouched = (before.properties.find((p) => p.keyValue === 'paths')!.value as ObjectNode).properties[3].value;
    const edited = replaceAt(text, '/r1/{id}', '"Get 1"', '"Get the first"');
    TextDocument.update(document, [{ text: edited }], 2);
    const after = service.parse(document).root as ObjectNode;
    assert.equal(after, before);
    assert.equal((after.properties.find((p) => p.keyValue === 'paths')!.value as ObjectNode).properties[3].value, untouched);
    const fresh = createLanguageService().parse(TextDocument.create(JSON_URI, 'json', 1, edited)).root;
    assert.deepEqual(ranges(after), ranges(fresh));
  });

  it('re-parses only the edited path item and keeps the rest of the tree', () => {
    const service = createLanguageService();
    const text = definition(4);
    const document = TextDocument.create(URI, 'yaml', 1, text);
    const before = service.parse(document).root as ObjectNode;
    const untouched = (before.properties.find((p) => keyOf(p).value === 'paths')!.value as ObjectNode).properties[3].value;
    const edited = replaceAt(text, '/r1/{id}', 'summary: Get 1', 'summary: Get the first');
    TextDocument.update(document, [{ text: edited }], 2);
    const after = service.parse(document).root as ObjectNode;
    assert.equal(after, before);
    const paths = after.properties.find((p) => keyOf(p).value === 'paths')!.value as ObjectNode;
    assert.equal(paths.properties[3].value, untouched);
    const key = keyOf(paths.properties[3]);
    assert.equal(edited.slice(key.offset, key.end), '/r3/{id}');
    const summary = (((paths.properties[1].value as ObjectNode).properties[0].value as ObjectNode).properties.find((p) => keyOf(p).value === 'summary')!.value)!;
    assert.equal(edited.slice(summary.offset, summary.end), 'Get the first');
  });
  it('moves keys, made or not yet made, to the offsets a full parse gives them', () => {
    const service = createLanguageService();
    const text = definition(4);
    const document = TextDocument.create(URI, 'yaml', 1, text);
    const before = service.parse(document).root as ObjectNode;
    // One key is made before the edit, the others only after it.
    const made = keyOf((before.properties.find((p) => p.keyValue === 'paths')!.value as ObjectNode).properties[2]);
    const edited = replaceAt(text, '/r1/{id}', 'summary: Get 1', 'summary: Get the first one');
    TextDocument.update(document, [{ text: edited }], 2);
    const after = service.parse(document).root;
    const fresh = createLanguageService().parse(TextDocument.create(URI, 'yaml', 1, edited)).root;
    assert.deepEqual(ranges(after), ranges(fresh));
    assert.equal(edited.slice(made.offset, made.end), '/r2/{id}');
  });

  it('keeps the duplicate-key finding of an edited path item whose key repeats a sibling', async () => {
    const service = createLanguageService();
    const text = "openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses: { '200': { description: ok } }\n  /a:\n    post:\n      responses: { '200': { description: ok } }\n";
    const document = TextDocument.create(URI, 'yaml', 1, text);
    const codesOf = async () => (await service.doValidation(document)).map((d) => [d.code, d.range.start.line]);
    assert.deepEqual(await codesOf(), [['duplicate-key', 6]]);
    const edited = text.replace("description: ok } }\n", 'description: ok } }\n').replace(/description: ok \} \}\n$/, 'description: okk } }\n');
    TextDocument.update(document, [{ text: edited }], 2);
    assert.deepEqual(await codesOf(), [['duplicate-key', 6]]);
  });

  it('reports a syntax error typed inside a path item as a full parse does, and re-parses from the last version that parsed', async () => {
    const service = createLanguageService();
    const text = definition(4);
    const document = TextDocument.create(URI, 'yaml', 1, text);
    const tree = service.parse(document).root;
    const versions = [
      replaceAt(text, '/r1/{id}', '      summary: Get 1\n', '      summary: Get 1\n      x-am\n'),
      replaceAt(text, '/r1/{id}', '      summary: Get 1\n', '      summary: Get 1\n      x-amazon\n'),
      replaceAt(text, '/r2/{id}', 'summary: Get 2', 'summary: "Get 2'),
      replaceAt(text, '/r2/{id}', '      summary: Get 2\n', '      summary: Get 2\n        description: x\n'),
      replaceAt(text, '/r1/{id}', '      summary: Get 1\n', '      summary: Get 1\n      x-amazon-apigateway-auth: { type: NONE }\n'),
    ];
    for (const [i, edited] of versions.entries()) {
      TextDocument.update(document, [{ text: edited }], i + 2);
      const parsed = service.parse(document);
      const fresh = createLanguageService().parse(TextDocument.create(URI, 'yaml', 1, edited));
      assert.deepEqual(parsed.problems, fresh.problems, `version ${i + 2}`);
      assert.deepEqual(ranges(parsed.root), ranges(fresh.root), `version ${i + 2}`);
      assert.deepEqual(await service.doValidation(document), await freshDiagnostics(edited), `version ${i + 2}`);
    }
    // The version that parses again took over the first version's tree: none of the broken ones parsed it all again.
    assert.equal(service.parse(document).root, tree);
  });

  it('parses the whole text when the line break before the next root key is deleted', () => {
    const service = createLanguageService();
    const text = definition(2);
    const document = TextDocument.create(URI, 'yaml', 1, text);
    service.parse(document);
    const joined = text.replace('\ncomponents:', 'components:');
    TextDocument.update(document, [{ text: joined }], 2);
    assert.deepEqual(service.parse(document).problems, createLanguageService().parse(TextDocument.create(URI, 'yaml', 1, joined)).problems);
    assert.equal(service.parse(document).root, undefined);
  });

  it('parses more than the edited path item when it defines an anchor that another item uses', () => {
    const item = (i: number, parameters: string, extra = '') => `  /r${i}/{id}:\n    get:\n      parameters: ${parameters}\n${extra}      responses: { "200": { description: OK } }\n`;
    const third = item(3, '&p10 [{ name: id, in: path }]', '      x-copy: *p10\n');
    /** Whether the path item alone was parsed again; the result is a full parse's either way. */
    const parse = (text: string, edited: string) => {
      const service = createLanguageService();
      const document = TextDocument.create(URI, 'yaml', 1, text);
      service.parse(document);
      TextDocument.update(document, [{ text: edited }], 2);
      const after = service.parse(document).root;
      assert.deepEqual(ranges(after), ranges(createLanguageService().parse(TextDocument.create(URI, 'yaml', 1, edited)).root));
      return reparsePathItem(parseApiDocument(TextDocument.create(URI, 'yaml', 1, text)), TextDocument.create(URI, 'yaml', 2, edited)) !== undefined;
    };
    const used = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${item(1, '&p1 [{ name: id, in: path }]')}${item(2, '*p1')}${third}`;
    assert.equal(parse(used, used.replace('name: id', 'name: ident')), false);
    // `*p10` is no use of `p1`: the first item alone is parsed again.
    const unused = `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${item(1, '&p1 [{ name: id, in: path }]')}${third}`;
    assert.equal(parse(unused, unused.replace('name: id', 'name: ident')), true);
  });

  it('parses a path item that stops parsing alone, reporting what a full parse reports, and leaves the base as it was', () => {
    const text = definition(4);
    const base = parseApiDocument(TextDocument.create(URI, 'yaml', 1, text));
    const before = ranges(base.root);
    for (const [from, to] of [['      summary: Get 1\n', '      summary: Get 1\n      x-am\n'], ['summary: Get 2', 'summary: [Get 2'], ['      operationId: get3\n', '      operationId: get3\n bad: 1\n']]) {
      const edited = text.replace(from, to);
      const next = TextDocument.create(URI, 'yaml', 2, edited);
      const fresh = parseApiDocument(next);
      assert.equal(fresh.root, undefined);
      const reparsed = reparsePathItem(base, next);
      // A line indented less than the item's entries is read differently alone: the whole text is parsed.
      if (to.includes('\n bad')) assert.equal(reparsed, undefined, to);
      else {
        assert.ok(reparsed, to);
        assert.equal(reparsed.root, undefined);
        assert.deepEqual(reparsed.problems, fresh.problems);
      }
      assert.deepEqual(ranges(base.root), before);
    }
  });

  it('makes a patched copy by parsing only the patched path item, sharing the rest with a base left as it was', () => {
    for (const format of ['yaml', 'json'] as const) {
      const uri = format === 'json' ? JSON_URI : URI;
      const text = format === 'json' ? jsonDefinition(4, 2) : definition(4);
      const base = parseApiDocument(TextDocument.create(uri, format, 1, text));
      const before = ranges(base.root);
      const patched = format === 'json' ? text.replace('"Get 2"', '"__patched__"') : text.replace('summary: Get 2', 'summary: __patched__');
      const copy = parsePatchedCopy(base, TextDocument.create(uri, format, 1, patched));
      assert.ok(copy, format);
      const items = (document: ApiDocument) => ((document.root as ObjectNode).properties.find((p) => p.keyValue === 'paths')!.value as ObjectNode).properties;
      assert.notEqual(items(copy)[2].value, items(base)[2].value);
      for (const i of [0, 1, 3]) assert.equal(items(copy)[i], items(base)[i], `${format} item ${i} is shared`);
      assert.deepEqual(toValue(copy.root), toValue(parseApiDocument(TextDocument.create(uri, format, 1, patched)).root));
      // Up to the end of the patched item the copy's offsets are a full parse's.
      const fresh = ranges(items(parseApiDocument(TextDocument.create(uri, format, 1, patched)))[2].value);
      assert.deepEqual(ranges(items(copy)[2].value), fresh);
      assert.deepEqual(ranges(base.root), before);
    }
  });

  it('parses the whole text when a carriage return alone breaks a line of the edited item', () => {
    const text = 'openapi: 3.0.1\ninfo:\n  title: T\n  version: "1"\npaths:\n  /a:\n    get:\n      summary: A\n      description: |\n        line\n      operationId: x\n  /b:\n    get:\n      summary: B\n      responses:\n        "200": { description: ok }\ncomponents: {}\n';
    for (const edited of [text.replace('summary: A', 'summary: A\r['), text.replace('      summary: B\n      responses:', '      summary: B\n      \rresponses:')]) {
      const service = createLanguageService();
      const document = TextDocument.create(URI, 'yaml', 1, text);
      service.parse(document);
      TextDocument.update(document, [{ text: edited }], 2);
      const fresh = createLanguageService().parse(TextDocument.create(URI, 'yaml', 1, edited));
      assert.deepEqual(service.parse(document).problems, fresh.problems);
      assert.deepEqual(ranges(service.parse(document).root), ranges(fresh.root));
    }
  });

  it('reports running out of the alias budget where a full parse does', async () => {
    // Each chain copies the level before it ten times: *Xd stands for a thousand nodes.
    const chain = (name: string, copies: number) =>
      `      x-${name}a: &${name}a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n` +
      ['b', 'c', 'd'].map((level, i) => `      x-${name}${level}: &${name}${level} [${Array(10).fill(`*${name}${'abc'[i]}`).join(', ')}]\n`).join('') +
      `      x-${name}e: [${Array(copies).fill(`*${name}d`).join(', ')}]\n`;
    const definitionWith = (first: string, second: string) => `openapi: 3.0.1\ninfo: { title: T, version: "1" }\npaths:\n  /b:\n    get:\n${first}      summary: s\n  /c:\n    get:\n${second}      summary: t\n`;
    const uses = '      x-zz: [*pd, *pd, *pd, *pd, *pd]\n';
    const sequences = [
      // The edited item overruns the budget, but a full parse runs out of it in the next item.
      [definitionWith(chain('p', 1), chain('q', 3)), definitionWith(chain('p', 6), chain('q', 3))],
      // The edited item used another item's anchor: its share of the alias count is unknown, and the new text is valid.
      [definitionWith(chain('p', 1), uses), definitionWith(chain('p', 1), chain('r', 4))],
    ];
    for (const [first, second] of sequences) {
      const service = createLanguageService();
      const document = TextDocument.create(URI, 'yaml', 1, first);
      await service.doValidation(document);
      TextDocument.update(document, [{ text: second }], 2);
      const fresh = TextDocument.create(URI, 'yaml', 1, second);
      assert.deepEqual(service.parse(document).problems, createLanguageService().parse(fresh).problems);
      assert.deepEqual(await service.doValidation(document), await createLanguageService().doValidation(fresh));
    }
  });

  it('applies the size limit of a full validation', async () => {
    const settings = { maxValidationSize: 20_000 };
    const service = createLanguageService();
    let text = definition(3);
    assert.ok(text.length < settings.maxValidationSize);
    const document = TextDocument.create(URI, 'yaml', 1, text);
    await service.doValidation(document, settings);
    text = replaceAt(text, '/r1/{id}', 'summary: Get 1', `summary: ${'long '.repeat(5000)}`);
    assert.ok(text.length > settings.maxValidationSize);
    TextDocument.update(document, [{ text }], 2);
    const diagnostics = await service.doValidation(document, settings);
    assert.deepEqual([...new Set(diagnostics.map((d) => d.code))], ['too-large-to-validate']);
    assert.deepEqual(diagnostics, await createLanguageService().doValidation(TextDocument.create(URI, 'yaml', 1, text), settings));
  });

  it('counts the aliases of the other path items when an edited one expands more', async () => {
    const item = (name: string, copies: number) =>
      `  /${name}:\n    x-data:\n      a: &a${name} [x, x, x, x, x, x, x, x, x, x]\n` +
      ['b', 'c', 'd'].map((level, i) => `      ${level}: &${level}${name} [${Array(10).fill(`*${'abc'[i]}${name}`).join(', ')}]\n`).join('') +
      `      e: [${Array(copies).fill(`*d${name}`).join(', ')}]\n`;
    const definitionWith = (copies: number) => `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n${item('one', 5)}${item('two', copies)}`;
    const service = createLanguageService();
    const document = TextDocument.create(URI, 'yaml', 1, definitionWith(1));
    assert.deepEqual((await service.doValidation(document)).filter((d) => d.code === 'yaml-syntax'), []);
    const text = definitionWith(3);
    TextDocument.update(document, [{ text }], 2);
    const diagnostics = await service.doValidation(document);
    assert.match(String(diagnostics.find((d) => d.code === 'yaml-syntax')?.message), /^Aliases expand to too many nodes/);
    assert.deepEqual(diagnostics, await freshDiagnostics(text));
  });
});
