import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parse, rangeOf, validate, withCode, type TextDiagnostic } from './validate';
import { createLanguageService, type ValidationByFile } from '../../../server/src/languageService';
import { validateDocument } from '../../../server/src/services/validation';
import type { DocumentResolver } from '../../../server/src/services/validationTypes';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import type { ValueNode } from '../../../server/src/model/nodes';
import { indexDocument, refsInside } from '../../../server/src/services/rules/documentIndex';

const OTHER = parse('components:\n  schemas:\n    Pet: { type: object }\n', false, 'file:///work/other.yaml');

const resolver: DocumentResolver = {
  async resolve(_base, ref) {
    return ref.startsWith('other.yaml') ? OTHER : undefined;
  },
};

/** The definition checked as the editor checks it, with what it finds in the files it references. */
async function checkByFile(text: string, resolver: DocumentResolver): Promise<ValidationByFile> {
  return createLanguageService({ resolver }).doValidationByFile(TextDocument.create('file:///work/api.yaml', 'yaml', 1, text));
}

function asText(d: Diagnostic): TextDiagnostic {
  return { ...d, message: typeof d.message === 'string' ? d.message : d.message.value };
}

/** The reference findings a check made in another file. */
function refFindings(checked: ValidationByFile, uri: string): TextDiagnostic[] {
  return (checked.elsewhere.find((f) => f.uri === uri)?.diagnostics ?? []).filter((d) => /ref/.test(String(d.code))).map(asText);
}

function doc(ref: string): string {
  return `openapi: 3.0.1
info: { title: t, version: '1' }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '${ref}' }
components:
  schemas:
    Loop1: { $ref: '#/components/schemas/Loop2' }
    Loop2: { $ref: '#/components/schemas/Loop1' }
    Tree: { type: object, properties: { child: { $ref: '#/components/schemas/Tree' } } }
`;
}

describe('$ref resolution', () => {
  it('accepts local, recursive and external references that resolve', async () => {
    for (const ref of ['#/components/schemas/Tree', 'other.yaml#/components/schemas/Pet']) {
      const diagnostics = await validate(doc(ref), { resolver });
      assert.deepEqual(withCode(diagnostics, 'unresolved-ref').filter((d) => d.range.start.line === 10), [], ref);
    }
  });

  it('reports a local pointer to nothing on the $ref value', async () => {
    const text = doc('#/components/schemas/Pett');
    const [d] = withCode(await validate(text, { resolver }), 'unresolved-ref').filter((x) => x.range.start.line === 10);
    assert.match(d.message, /`#\/components\/schemas\/Pett` points to nothing/);
    assert.deepEqual(d.range, rangeOf(text, "'#/components/schemas/Pett'"));
  });

  it('reports a circle of references without looping', async () => {
    const diagnostics = withCode(await validate(doc('#/components/schemas/Loop1'), { resolver }), 'unresolved-ref');
    assert.ok(diagnostics.length >= 2);
    assert.ok(diagnostics.every((d) => /circle of references/.test(d.message)));
  });

  it('reports a reusable integration that is only a $ref to itself once, without the shape of an integration it lacks', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths:
  /a:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: HTTP_PROXY
        httpMethod: GET
        uri: https://example.com
        payloadFormatVersion: '1.0'
components:
  x-amazon-apigateway-integrations:
    loop:
      $ref: '#/components/x-amazon-apigateway-integrations/loop'
    missing:
      $ref: '#/components/x-amazon-apigateway-integrations/nowhere'
`;
    const diagnostics = await validate(text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['unresolved-ref', 'unresolved-ref']);
    const [circle, nowhere] = diagnostics;
    assert.deepEqual(circle.range, rangeOf(text, "'#/components/x-amazon-apigateway-integrations/loop'"));
    assert.match(circle.message, /leads to a circle of references that never reaches a definition/);
    assert.deepEqual(nowhere.range, rangeOf(text, "'#/components/x-amazon-apigateway-integrations/nowhere'"));
  });

  it('still checks a reusable integration whose $ref leads to one, and every integration beside a broken one', async () => {
    const text = `openapi: 3.0.1
info: { title: t, version: '1' }
x-amazon-apigateway-importexport-version: '1.0'
paths: {}
components:
  x-amazon-apigateway-integrations:
    real: { type: HTTP_PROXY, httpMethod: GET, uri: https://example.com, payloadFormatVersion: '1.0' }
    alias:
      $ref: '#/components/x-amazon-apigateway-integrations/real'
    loop:
      $ref: '#/components/x-amazon-apigateway-integrations/loop'
    broken: { type: HTTP_PROXY, httpMethod: GET, uri: https://example.com }
`;
    const diagnostics = await validate(text);
    // The reference AWS documents only for an operation's integration: the alias reads as an integration without fields.
    assert.deepEqual(withCode(diagnostics, 'unknown-extension-field').map((d) => d.range.start.line), [8]);
    assert.deepEqual(withCode(diagnostics, 'missing-required-field').map((d) => d.range.start.line), [7, 7, 11]);
    assert.deepEqual(withCode(diagnostics, 'unresolved-ref').map((d) => d.range.start.line), [10]);
  });

  it('reports missing pointers in other files and unreadable files', async () => {
    const missing = withCode(await validate(doc('other.yaml#/components/schemas/Dog'), { resolver }), 'unresolved-ref').filter((d) => d.range.start.line === 10);
    assert.match(missing[0].message, /`other.yaml` has nothing at `#\/components\/schemas\/Dog`/);
    const [unreadable] = withCode(await validate(doc('gone.yaml#/Pet'), { resolver }), 'unreadable-ref-file');
    assert.match(unreadable.message, /`gone.yaml` \(named by this \$ref\) cannot be read/);
  });

  it('reports an integration $ref to a reusable integration that does not exist', async () => {
    const text = `{
  "openapi": "3.0.1",
  "info": { "title": "t", "version": "1" },
  "paths": { "/a": { "get": { "responses": { "200": { "description": "ok" } },
    "x-amazon-apigateway-integration": { "$ref": "#/components/x-amazon-apigateway-integrations/missing" } } } },
  "components": { "x-amazon-apigateway-integrations": { "other": { "type": "HTTP_PROXY", "httpMethod": "GET", "uri": "https://example.com", "payloadFormatVersion": "1.0" } } }
}`;
    const [d] = withCode(await validate(text, { json: true }), 'unresolved-ref');
    assert.deepEqual(d.range, rangeOf(text, '"#/components/x-amazon-apigateway-integrations/missing"'));
  });
});

describe('$refs inside the files a $ref leads to', () => {
  const files = new Map<string, string>([
    ['file:///work/schemas/pet.yaml', 'Pet:\n  type: object\n  properties:\n    owner:\n      $ref: "./owner.yaml#/Ownerr"\n    tag:\n      $ref: "#/Nothing"\n    self:\n      $ref: "#/Pet"\n    friend:\n      $ref: "../common.yaml#/Friend"\n'],
    ['file:///work/schemas/owner.yaml', 'Owner:\n  type: object\n  properties:\n    pet:\n      $ref: "./pet.yaml#/Pet"\n'],
    ['file:///work/common.yaml', 'Friend:\n  $ref: "./gone.yaml#/X"\nGood:\n  $ref: "./schemas/owner.yaml#/Owner"\n'],
  ]);
  const reads: [string, string, string | undefined][] = [];
  const resolver: DocumentResolver = {
    async resolve(base, ref, dependent) {
      reads.push([base, ref, dependent]);
      const uri = new URL(ref.split('#')[0], base).href;
      const text = files.get(uri);
      return text === undefined ? undefined : parse(text, false, uri);
    },
  };
  const main = (ref: string) => `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: '${ref}' }\n`;

  it('reports each reference below the target that does not resolve where it is written, as a check there would', async () => {
    const text = main('./schemas/pet.yaml#/Pet');
    const checked = await checkByFile(text, resolver);
    assert.deepEqual(checked.diagnostics.filter((d) => /ref/.test(String(d.code))), []);
    const pet = refFindings(checked, 'file:///work/schemas/pet.yaml');
    assert.deepEqual(
      pet.map((d) => [d.range.start.line, d.code, d.message]),
      [
        [4, 'unresolved-ref', '`./owner.yaml` has nothing at `#/Ownerr`. Did you mean `./owner.yaml#/Owner`?'],
        [6, 'unresolved-ref', '`#/Nothing` points to nothing: there is no `Nothing` in this document.'],
      ],
    );
    // The correction travels with it, written as the reference is, for the quick fix in that file.
    assert.deepEqual(pet[0].data, { expected: './owner.yaml#/Owner' });
    assert.deepEqual(pet[0].relatedInformation, [{ location: { uri: 'file:///work/api.yaml', range: rangeOf(text, "'./schemas/pet.yaml#/Pet'") }, message: 'The reference of the definition that leads here' }]);
    const common = refFindings(checked, 'file:///work/common.yaml');
    assert.deepEqual(common.map((d) => [d.range.start.line, d.code, d.message]), [[1, 'unreadable-ref-file', '`./gone.yaml` (named by this $ref) cannot be read.']]);
  });

  it('reports a broken reference many references lead to once, where it is written', async () => {
    const text = `${main('./schemas/pet.yaml#/Pet')}components:\n  schemas:\n    Friend: { $ref: './common.yaml#/Friend' }\n    Owner: { $ref: './schemas/owner.yaml#/Owner' }\n`;
    const checked = await checkByFile(text, resolver);
    assert.deepEqual(checked.diagnostics.filter((d) => /ref/.test(String(d.code))), []);
    assert.deepEqual(refFindings(checked, 'file:///work/common.yaml').map((d) => d.range.start.line), [1]);
    assert.deepEqual(refFindings(checked, 'file:///work/schemas/pet.yaml').map((d) => d.range.start.line), [4, 6]);
  });

  it('reports a broken reference inside another definition on the $ref that leads there, naming the chain', async () => {
    const shared = `openapi: 3.0.1\ninfo: { title: s, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Pet: { $ref: '#/components/schemas/Nothing' }\n`;
    const withDefinition: DocumentResolver = {
      async resolve(base, ref) {
        const uri = new URL(ref.split('#')[0], base).href;
        if (uri === 'file:///work/shared.yaml') return parse(shared, false, uri);
        return uri === 'file:///work/part.yaml' ? parse("Pet: { $ref: './shared.yaml#/components/schemas/Pet' }\n", false, uri) : undefined;
      },
    };
    const text = main('./part.yaml#/Pet');
    const checked = await checkByFile(text, withDefinition);
    // Its findings in another definition are left to that definition's own check, so they stand here.
    assert.deepEqual(checked.elsewhere.flatMap((f) => f.diagnostics), []);
    const [found] = withCode(checked.diagnostics.map(asText), 'unresolved-ref');
    assert.equal(found.message, '`./part.yaml#/Pet` leads through `./shared.yaml#/components/schemas/Pet` in `part.yaml`, then `#/components/schemas/Nothing` in `shared.yaml`, which does not resolve: `#/components/schemas/Nothing` of `shared.yaml` does not exist.');
    assert.deepEqual(found.range, rangeOf(text, "'./part.yaml#/Pet'"));
  });

  it('reads the files further along the chain for the validated document, so that their changes validate it again', async () => {
    reads.length = 0;
    await validate(main('./schemas/pet.yaml#/Pet'), { resolver });
    const nested = reads.filter(([base]) => base !== 'file:///work/api.yaml');
    assert.ok(nested.length > 0);
    assert.ok(nested.every(([, , dependent]) => dependent === 'file:///work/api.yaml'), JSON.stringify(nested));
  });

  it('follows a whole-file $ref and stops at references that lead back along the chain', async () => {
    const found = refFindings(await checkByFile(main('./common.yaml'), resolver), 'file:///work/common.yaml');
    assert.deepEqual(found.map((d) => d.message), ['`./gone.yaml` (named by this $ref) cannot be read.']);
    assert.deepEqual(withCode(refFindings(await checkByFile(main('./schemas/owner.yaml#/Owner'), resolver), 'file:///work/common.yaml'), 'unreadable-ref-file').length, 1);
  });

  it('stops following a chain through many files', async () => {
    const chain: DocumentResolver = {
      async resolve(base, ref) {
        const n = Number(/f(\d+)\.yaml/.exec(ref)![1]);
        return parse(n < 100 ? `X:\n  $ref: "./f${n + 1}.yaml#/X"\n` : 'Y: {}\n', false, new URL(ref.split('#')[0], base).href);
      },
    };
    const diagnostics = await validate(main('./f0.yaml#/X'), { resolver: chain });
    assert.deepEqual(diagnostics.filter((d) => /ref/.test(String(d.code))), []);
  });
});

describe('the references inside a node of a shared file', () => {
  /** What walking every reference of the file and keeping those within the node's offsets finds. */
  const naive = (document: ApiDocument, node: ValueNode) => indexDocument(document).refs.map((r) => r.value).filter((v) => v.offset >= node.offset && v.end <= node.end);

  function* nodesOf(node: ValueNode | undefined): Generator<ValueNode> {
    if (!node) return;
    yield node;
    if (node.type === 'object') for (const p of node.properties) yield* nodesOf(p.value);
    else if (node.type === 'array') for (const item of node.items) yield* nodesOf(item);
  }

  it('are those a scan of every reference finds, in the same order, for every node', () => {
    const texts: [string, boolean][] = [
      ["Base: &base\n  a: {$ref: '#/M1'}\n  z: {$ref: '#/M0'}\nPet:\n  b: {$ref: '#/M2'}\n  <<: *base\nOther:\n  c: {$ref: '#/M3'}\n  d: [{$ref: '#/M4'}, *base, {$ref: ''}]\n", false],
      ["Base: &base {$ref: '#/M1'}\nPet: [*base, {$ref: '#/M2'}, *base]\nLast: {$ref: 'x.yaml#/Y'}\n", false],
      ['{"A": {"$ref": "#/B"}, "B": {"properties": {"c": {"$ref": "#/A"}, "d": {"$ref": "other.json"}}}, "C": {"$ref": "#/B/properties"}}', true],
      ['components:\n  schemas:\n    Empty: {}\n    One:\n      $ref: "#/components/schemas/Empty"\n    Deep:\n      properties:\n        x:\n          items:\n            $ref: "#/components/schemas/One"\n', false],
    ];
    for (const [text, json] of texts) {
      const document = parse(text, json, json ? 'file:///work/s.json' : 'file:///work/s.yaml');
      let nodes = 0;
      for (const node of nodesOf(document.root)) {
        assert.deepEqual(refsInside(document, node), naive(document, node), `${text} @${node.offset}-${node.end}`);
        nodes++;
      }
      assert.ok(nodes > 5);
    }
  });

  it('follow the offsets of the references when the index does not list them in text order', () => {
    const document = parse("A: {$ref: '#/B'}\nB: {properties: {c: {$ref: '#/A'}}}\nC: {$ref: '#/D'}\nD: {}\n", false, 'file:///work/s.yaml');
    const refs = indexDocument(document).refs;
    const inOrder = [...refs];
    // As if the tree had been built with copies out of text order.
    refs.reverse();
    for (const node of nodesOf(document.root)) {
      const expected = inOrder.map((r) => r.value).filter((v) => v.offset >= node.offset && v.end <= node.end);
      assert.deepEqual(refsInside(document, node), expected, `@${node.offset}-${node.end}`);
    }
  });

  it('reads a file reached both directly and through another file once per validation', async () => {
    const files = new Map<string, string>([
      ['file:///work/a.yaml', 'A:\n  $ref: "./b.yaml#/B"\n'],
      ['file:///work/b.yaml', 'B:\n  type: object\n  properties:\n    c:\n      $ref: "#/C"\n'],
    ]);
    const reads: string[] = [];
    const counting: DocumentResolver = {
      async resolve(base, ref) {
        const uri = new URL(ref.split('#')[0], base).href;
        reads.push(uri);
        const text = files.get(uri);
        return text === undefined ? undefined : parse(text, false, uri);
      },
    };
    const text = `openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    X: { $ref: './a.yaml#/A' }\n    Y: { $ref: './b.yaml#/B' }\n    Z: { $ref: 'b.yaml#/B' }\n`;
    const checked = await checkByFile(text, counting);
    assert.deepEqual(reads.sort(), ['file:///work/a.yaml', 'file:///work/b.yaml']);
    assert.deepEqual(withCode(checked.diagnostics.map(asText), 'unresolved-ref'), []);
    const found = refFindings(checked, 'file:///work/b.yaml');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.message]), [[4, '`#/C` points to nothing: there is no `C` in this document. Did you mean `#/B`?']]);
  });
});

describe('circles of references across files', () => {
  const definition = (title: string, schemas: string) => `openapi: 3.0.1\ninfo: { title: ${title}, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n${schemas}`;
  const files = new Map<string, string>([
    ['file:///work/a.yaml', definition('a', "    A: { $ref: 'b.yaml#/components/schemas/B' }\n    Local: { $ref: '#/components/schemas/A' }\n    Fine: { $ref: 'b.yaml#/components/schemas/Real' }\n")],
    ['file:///work/b.yaml', definition('b', "    B: { $ref: 'a.yaml#/components/schemas/A' }\n    Real: { type: object, properties: { self: { $ref: 'a.yaml#/components/schemas/Fine' } } }\n    Inner: { $ref: '#/components/schemas/Inner2' }\n    Inner2: { $ref: '#/components/schemas/Inner' }\n")],
    ['file:///work/c.yaml', "X: { $ref: 'b.yaml#/components/schemas/Inner' }\n"],
  ]);
  const reads: string[] = [];
  const resolver: DocumentResolver = {
    async resolve(base, ref) {
      const uri = new URL(ref.split('#')[0], base).href;
      reads.push(uri);
      const text = files.get(uri);
      return text === undefined ? undefined : parse(text, false, uri);
    },
  };
  const validateAt = async (text: string, uri: string) => (await validateDocument(parse(text, false, uri), { resolver })).map((d) => ({ ...d, message: String(d.message) }));
  const check = async (uri: string) => withCode(await validateAt(files.get(uri)!, uri), 'unresolved-ref');

  it('reports a circle through two files on the $ref in each of them, as one inside a file is', async () => {
    const [inA] = await check('file:///work/a.yaml');
    assert.equal(inA.message, '`b.yaml#/components/schemas/B` leads to a circle of references that never reaches a definition. It runs through `b.yaml#/components/schemas/B` and `#/components/schemas/A`.');
    assert.deepEqual(inA.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]), [['file:///work/b.yaml', 5], ['file:///work/a.yaml', 5]]);
    const inB = await check('file:///work/b.yaml');
    assert.ok(inB.some((d) => d.message.startsWith('`a.yaml#/components/schemas/A` leads to a circle of references')), JSON.stringify(inB));
  });

  it('reports a local $ref that leads into the circle, and a circle inside the other file', async () => {
    const found = (await check('file:///work/a.yaml')).map((d) => d.message);
    assert.ok(found.some((m) => m.startsWith('`#/components/schemas/A` leads to a circle of references')), JSON.stringify(found));
    const [inner] = withCode(await validateAt(files.get('file:///work/c.yaml')!, 'file:///work/c.yaml'), 'unresolved-ref');
    assert.equal(inner, undefined, 'a file without openapi is not validated');
    const main = `openapi: 3.0.1\ninfo: { title: m, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    M: { $ref: 'b.yaml#/components/schemas/Inner' }\n`;
    const [fromMain] = withCode(await validateAt(main, 'file:///work/main.yaml'), 'unresolved-ref');
    assert.match(fromMain.message, /^`b.yaml#\/components\/schemas\/Inner` leads to a circle of references that never reaches a definition\. It runs through `b.yaml#\/components\/schemas\/Inner` and `b.yaml#\/components\/schemas\/Inner2`\.$/);
  });

  it('accepts references that come back to a file without going round (a schema nesting itself through another file)', async () => {
    const found = (await check('file:///work/a.yaml')).map((d) => d.message);
    assert.ok(!found.some((m) => m.includes('Fine') || m.includes('Real')), JSON.stringify(found));
  });

  it('reads the validated document itself from its tree, not through the resolver', async () => {
    reads.length = 0;
    await check('file:///work/a.yaml');
    assert.ok(!reads.includes('file:///work/a.yaml'), JSON.stringify(reads));
  });
});

describe('why a $ref cannot be followed', () => {
  const broken = parse('Pet: {type: object\n', false, 'file:///work/broken.yaml');
  const resolver: DocumentResolver = {
    async resolve(_base, ref) {
      return ref.startsWith('broken.yaml') ? broken : undefined;
    },
    whyUnreadable: (_base, ref) => (ref.startsWith('gone.yaml') ? 'there is no such file' : undefined),
  };

  it('says the resolver\'s reason, and that a file read does not parse', async () => {
    const [gone] = withCode(await validate(doc('gone.yaml#/Pet'), { resolver }), 'unreadable-ref-file');
    assert.equal(gone.message, '`gone.yaml` (named by this $ref) cannot be read: there is no such file.');
    const [unparsed] = withCode(await validate(doc('broken.yaml#/Pet'), { resolver }), 'unreadable-ref-file');
    assert.match(unparsed.message, /^`broken.yaml` \(named by this \$ref\) cannot be read: it does not parse \(line \d+: .+\)\.$/);
  });

  it('notes a remote reference as not followed, and says nothing of it without a resolver', async () => {
    const [note] = withCode(await validate(doc('https://example.com/pet.yaml#/Pet'), { resolver }), 'remote-ref');
    assert.equal(note.severity, 3);
    assert.equal(note.message, '`https://example.com/pet.yaml#/Pet` is a remote reference: remote references are not followed, so what it points to is not checked.');
    assert.deepEqual(withCode(await validate(doc('https://example.com/pet.yaml#/Pet')), 'remote-ref'), []);
  });
});
