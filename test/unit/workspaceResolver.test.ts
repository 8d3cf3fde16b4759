import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseApiDocument } from '../../server/src/model/apiDocument';
import { runRules, validateDocument } from '../../server/src/services/validation';
import { createLanguageService } from '../../server/src/languageService';
import { WorkspaceResolver } from '../../server/src/workspaceResolver';
import { uriKey } from '../../server/src/model/refUri';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

describe('files named by $refs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-'));
  const base = pathToFileURL(path.join(dir, 'api.yaml')).href;
  const resolver = new WorkspaceResolver(() => undefined);

  it('reads a definition file, and reads it again only when it changes', async () => {
    const file = path.join(dir, 'models.yaml');
    writeFileSync(file, 'Pet: {type: object}\n');
    const first = await resolver.resolve(base, 'models.yaml#/Pet');
    assert.ok(first?.root);
    assert.equal(await resolver.resolve(base, 'models.yaml#/Pet'), first);
    writeFileSync(file, 'Pet: {type: object}\nOwner: {type: object}\n');
    const changed = await resolver.resolve(base, 'models.yaml#/Pet');
    assert.notEqual(changed, first);
  });

  it('refuses devices, pipes and directories at once instead of reading or waiting forever', async function () {
    this.timeout(5000);
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const ref of ['/dev/zero', '/dev/urandom', fifo, dir]) {
      const started = Date.now();
      assert.equal(await resolver.resolve(base, pathToFileURL(ref).href), undefined, ref);
      assert.ok(Date.now() - started < 1000, `${ref} took ${Date.now() - started} ms`);
    }
  });
});

describe('files named by $refs, in other encodings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-enc-'));
  const base = pathToFileURL(path.join(dir, 'api.json')).href;
  const resolver = new WorkspaceResolver(() => undefined);

  it('reads UTF-8 with a byte order mark, and refuses UTF-16 instead of finding nothing in it', async () => {
    writeFileSync(path.join(dir, 'bom.json'), '\ufeff{"Pet": {"type": "object"}}');
    const bom = await resolver.resolve(base, 'bom.json#/Pet');
    assert.deepEqual(bom?.problems, []);
    assert.ok(bom?.root);
    writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Pet: {type: object}\n', 'utf16le')]));
    assert.equal(await resolver.resolve(base, 'utf16.yaml#/Pet'), undefined);
  });
});

describe('files reached through other files', () => {
  it('counts a document as a dependent of every file its references lead to, and sees a fix there on the next validation', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-chain-'));
    mkdirSync(path.join(dir, 'schemas'));
    writeFileSync(path.join(dir, 'schemas', 'pet.yaml'), 'Pet:\n  type: object\n  properties:\n    owner:\n      $ref: "./owner.yaml#/Ownerr"\n');
    const owner = path.join(dir, 'schemas', 'owner.yaml');
    writeFileSync(owner, 'Owner:\n  type: object\n');
    const open = new Map<string, TextDocument>();
    const resolver = new WorkspaceResolver((uri) => open.get(uri));
    const api = TextDocument.create(pathToFileURL(path.join(dir, 'api.yaml')).href, 'yaml', 1, "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content: {application/json: {schema: {$ref: './schemas/pet.yaml#/Pet'}}}\n");
    // Found in pet.yaml, where the reference is written.
    const unresolved = async () => {
      const checked = await runRules(parseApiDocument(api), { resolver });
      return [...(checked.elsewhere?.values() ?? [])].flatMap((found) => found.problems).filter((p) => p.code === 'unresolved-ref');
    };
    assert.equal((await unresolved()).length, 1);
    const ownerUri = pathToFileURL(owner).href;
    assert.deepEqual(resolver.dependentsOf(ownerUri), [api.uri]);
    assert.deepEqual(resolver.dependentsOf(pathToFileURL(path.join(dir, 'schemas', 'pet.yaml')).href), [api.uri]);
    // The user opens the nested file and renames the schema to what the reference names.
    open.set(ownerUri, TextDocument.create(ownerUri, 'yaml', 2, 'Ownerr:\n  type: object\n'));
    assert.deepEqual(await unresolved(), []);
  });
});

describe('who depends on a file', () => {
  it('stops counting a definition once a check of it no longer reaches the file, and keeps the others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-forget-'));
    writeFileSync(path.join(dir, 'pets.yaml'), "get:\n  responses:\n    '200': {$ref: './responses.yaml#/ok'}\n");
    writeFileSync(path.join(dir, 'responses.yaml'), 'ok: {description: ok}\n');
    const resolver = new WorkspaceResolver(() => undefined);
    const service = createLanguageService({ resolver });
    const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
    const head = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n";
    // As the server does: only a check that read what the definition references tells what it no longer does.
    const check = async (name: string, text: string, version: number) => {
      const done = resolver.traceDependencies(uri(name));
      const { readReferences } = await service.doValidationByFile(TextDocument.create(uri(name), 'yaml', version, text), {});
      if (readReferences) done();
      return readReferences;
    };
    const split = `${head}  /pets: {$ref: './pets.yaml'}\n`;
    await check('api.yaml', split, 1);
    await check('other.yaml', split, 1);
    assert.deepEqual(resolver.dependentsOf(uri('responses.yaml')).sort(), [uri('api.yaml'), uri('other.yaml')]);
    // Half-typed, the definition does not parse: what it references is unknown, not nothing.
    assert.equal(await check('api.yaml', `${split}  /broken: [unclosed\n`, 2), false);
    assert.deepEqual(resolver.dependentsOf(uri('pets.yaml')).sort(), [uri('api.yaml'), uri('other.yaml')]);
    // The path item moves back into the definition.
    assert.equal(await check('api.yaml', `${head}  /pets: {get: {responses: {'200': {description: ok}}}}\n`, 3), true);
    assert.deepEqual(resolver.dependentsOf(uri('pets.yaml')), [uri('other.yaml')]);
    assert.deepEqual(resolver.dependentsOf(uri('responses.yaml')), [uri('other.yaml')]);
    // A check of the same definition started later takes over: the earlier one's end forgets nothing.
    const earlier = resolver.traceDependencies(uri('other.yaml'));
    await check('other.yaml', split, 2);
    earlier();
    assert.deepEqual(resolver.dependentsOf(uri('pets.yaml')), [uri('other.yaml')]);
  });
});

describe('who depends on a file, however its URI is spelt', () => {
  it('finds the dependents of a file named with escapes or a drive letter in another case', async () => {
    const resolver = new WorkspaceResolver(() => undefined);
    // A closed definition found on disk names its files as Node spells them; the editor spells the same file its way.
    await resolver.resolve('file:///C:/work/api.yaml', './paths/pets.yaml');
    await resolver.resolve('file:///c%3A/work/other.yaml', './paths/pets.yaml');
    assert.deepEqual(resolver.dependentsOf('file:///c%3A/work/paths/pets.yaml').sort(), ['file:///C:/work/api.yaml', 'file:///c%3A/work/other.yaml']);
    assert.deepEqual(resolver.dependentsOf('file:///C:/work/paths/pets.yaml').length, 2);
    await resolver.resolve('file:///work/my%20api/api.yaml', './pets.yaml');
    assert.deepEqual(resolver.dependentsOf('file:///work/my api/pets.yaml'), ['file:///work/my%20api/api.yaml']);
    // A malformed escape leaves the rest of the spelling to be made one.
    assert.equal(uriKey('file:///C:/work/bad%E0%A4%A.yaml'), uriKey('file:///c:/work/bad%E0%A4%A.yaml'));
  });
});

describe('why a file named by a $ref cannot be read', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-why-'));
  const base = pathToFileURL(path.join(dir, 'api.yaml')).href;

  async function why(ref: string): Promise<string | undefined> {
    const resolver = new WorkspaceResolver(() => undefined);
    assert.equal(await resolver.resolve(base, ref), undefined, ref);
    return resolver.whyUnreadable(base, ref);
  }

  it('says there is no such file, or that the name is a directory, a device or a named pipe', async () => {
    mkdirSync(path.join(dir, 'folder'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    assert.equal(await why('missing.yaml#/Pet'), 'there is no such file');
    assert.equal(await why('folder#/Pet'), 'it is a directory');
    assert.equal(await why('file:///dev/zero'), 'it is a device, not a file');
    assert.equal(await why('pipe.yaml'), 'it is a named pipe, not a file');
  });

  it('says a file is not text, is UTF-16, or is larger than the limit', async () => {
    writeFileSync(path.join(dir, 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x00]));
    writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Pet: {}\n', 'utf16le')]));
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('Pet: {description: caf\xe9}\n', 'latin1'));
    // A sparse file: its size is read, never its bytes.
    execFileSync('truncate', ['-s', String(21 * 1024 * 1024), path.join(dir, 'huge.yaml')]);
    assert.equal(await why('binary.yaml#/Pet'), 'it is not text (it holds binary data)');
    assert.equal(await why('utf16.yaml#/Pet'), 'it is UTF-16 text; save it as UTF-8');
    assert.equal(await why('latin1.yaml#/Pet'), 'it is not UTF-8 text; save it as UTF-8');
    assert.equal(await why('huge.yaml#/Pet'), 'it is 21.0 MB, larger than the limit of 20 MB for referenced files');
  });

  it('forgets the reason once the file can be read', async () => {
    const resolver = new WorkspaceResolver(() => undefined);
    const file = path.join(dir, 'later.yaml');
    assert.equal(await resolver.resolve(base, 'later.yaml'), undefined);
    assert.equal(resolver.whyUnreadable(base, 'later.yaml'), 'there is no such file');
    writeFileSync(file, 'Pet: {type: object}\n');
    assert.ok(await resolver.resolve(base, 'later.yaml'));
    assert.equal(resolver.whyUnreadable(base, 'later.yaml'), undefined);
  });

  it('gives the reason in the diagnostic of the $ref, and a note for a remote reference', async () => {
    const resolver = new WorkspaceResolver(() => undefined);
    const text = (ref: string) => `openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content: {application/json: {schema: {$ref: '${ref}'}}}\n`;
    const check = async (ref: string) => validateDocument(parseApiDocument(TextDocument.create(base, 'yaml', 1, text(ref))), { resolver });
    const [missing] = (await check('missing.yaml#/Pet')).filter((d) => d.code === 'unreadable-ref-file');
    assert.equal(missing.message, '`missing.yaml` (named by this $ref) cannot be read: there is no such file.');
    const [remote] = (await check('https://example.com/schemas.yaml#/Pet')).filter((d) => d.code === 'remote-ref');
    assert.equal(remote.severity, DiagnosticSeverity.Information);
    assert.match(String(remote.message), /remote references are not followed/);
  });
});

describe('files already read, for hover and completion', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apigw-resolver-loaded-'));
  const base = pathToFileURL(path.join(dir, 'api.yaml')).href;
  writeFileSync(path.join(dir, 'models.yaml'), 'Pet:\n  type: object\n  properties:\n    name: { type: string, description: The name the pet answers to }\n');

  it('answers from what was read, never reading a file itself', async () => {
    const resolver = new WorkspaceResolver(() => undefined);
    assert.equal(resolver.loaded(base, 'models.yaml#/Pet'), undefined);
    const read = await resolver.resolve(base, 'models.yaml#/Pet');
    assert.ok(read?.root);
    assert.equal(resolver.loaded(base, './models.yaml#/Pet'), read);
    resolver.forget(read.uri);
    assert.equal(resolver.loaded(base, 'models.yaml#/Pet'), undefined);
  });

  it("answers with an open editor's text, parsed once per version", () => {
    const uri = pathToFileURL(path.join(dir, 'open.yaml')).href;
    let editor = TextDocument.create(uri, 'yaml', 1, 'Pet: { type: object }\n');
    const resolver = new WorkspaceResolver((asked) => (asked === uri ? editor : undefined));
    const first = resolver.loaded(base, 'open.yaml#/Pet');
    assert.equal(first?.text, 'Pet: { type: object }\n');
    assert.equal(resolver.loaded(base, 'open.yaml#/Pet'), first);
    editor = TextDocument.update(editor, [{ text: 'Pet: { type: string }\n' }], 2);
    assert.equal(resolver.loaded(base, 'open.yaml#/Pet')?.text, 'Pet: { type: string }\n');
  });

  it("parses an open editor's version once for validation's reads and hover's alike", async () => {
    const uri = pathToFileURL(path.join(dir, 'open.yaml')).href;
    const editor = TextDocument.create(uri, 'yaml', 1, 'Pet: { type: object }\n');
    const resolver = new WorkspaceResolver((asked) => (asked === uri ? editor : undefined));
    const read = await resolver.resolve(base, 'open.yaml#/Pet');
    assert.ok(read?.root);
    assert.equal(await resolver.resolve(base, 'open.yaml#/Pet'), read);
    assert.equal(resolver.loaded(base, 'open.yaml#/Pet'), read);
  });

  it('leaves out an open file too large to parse while a hover waits, and lets go of a closed editor\'s parse', () => {
    const uri = pathToFileURL(path.join(dir, 'open.yaml')).href;
    let editor: TextDocument | undefined = TextDocument.create(uri, 'yaml', 1, `Pet: { type: object }\n#${' '.repeat(5 * 1024 * 1024)}\n`);
    const resolver = new WorkspaceResolver((asked) => (asked === uri ? editor : undefined));
    assert.equal(resolver.loaded(base, 'open.yaml#/Pet'), undefined);
    editor = TextDocument.create(uri, 'yaml', 2, 'Pet: { type: object }\n');
    const parsed = resolver.loaded(base, 'open.yaml#/Pet');
    assert.ok(parsed?.root);
    assert.equal(resolver.loaded(base, 'open.yaml#/Pet'), parsed);
    // Kept no longer once closed: asked again (the editor reopened as it was), it is parsed afresh.
    resolver.closed(uri);
    assert.notEqual(resolver.loaded(base, 'open.yaml#/Pet'), parsed);
  });

  it('lets hover in a mapping template follow a schema $ref into a file validation read', async () => {
    const service = createLanguageService({ resolver: new WorkspaceResolver(() => undefined) });
    const text = [
      'openapi: 3.0.1',
      "info: { title: t, version: '1' }",
      'paths:',
      '  /pets:',
      '    post:',
      "      requestBody: { content: { application/json: { schema: { $ref: './models.yaml#/Pet' } } } }",
      "      responses: { '200': { description: ok } }",
      '      x-amazon-apigateway-integration:',
      '        type: aws',
      '        httpMethod: POST',
      '        uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
      `        requestTemplates: { application/json: "$input.path('$.name')" }`,
      '',
    ].join('\n');
    const api = TextDocument.create(base, 'yaml', 1, text);
    const position = api.positionAt(text.indexOf("$.name')") + 3);
    const before = await service.doHover(api, position);
    assert.doesNotMatch(JSON.stringify(before?.contents ?? ''), /name: string/);
    await service.doValidation(api);
    const after = await service.doHover(api, position);
    assert.match((after?.contents as { value: string }).value, /name: string[\s\S]*The name the pet answers to/);
  });
});
