import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, DocumentSymbol, Hover, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { doComplete } from '../../../server/src/services/completion';
import { MAX_OUTLINE_ENTRIES, QUIET_MS } from '../../../server/src/services/largeDocuments';
import { MAX_WHOLE_REPARSE } from '../../../server/src/services/editing/completionSite';
import { RenameError } from '../../../server/src/services/rename';
import type { LanguageSettings } from '../../../server/src/services/validationTypes';
import { largeDefinition, parse, textAt } from './documents';

const URI = 'file:///large.yaml';

/** A limit the test documents are over, as `apigateway.validation.maxFileSizeMB` sets it for real ones. */
const OVER: LanguageSettings = { maxValidationSize: 4096 };

function withTemplates(items: number): string {
  const paths: string[] = [];
  for (let i = 0; i < items; i++) {
    paths.push(`  /r${i}:\n    get:\n      responses: { "200": { description: OK } }\n      x-amazon-apigateway-integration:\n        type: mock\n        requestTemplates:\n          application/json: '#set($code = 200){"statusCode": $code}'\n`);
  }
  return `openapi: 3.0.1\ninfo: { title: t, version: "1" }\npaths:\n${paths.join('')}components:\n  schemas:\n    Item:\n      type: object\n`;
}

function open(text: string, settings: LanguageSettings = OVER) {
  const logs: string[] = [];
  const service = createLanguageService({ log: (message) => logs.push(message) });
  const document = TextDocument.create(URI, 'yaml', 1, text);
  return { service, document, logs, validated: service.doValidation(document, settings) };
}

describe('documents over the size limit', () => {
  it('leaves out code lenses and template colours, cuts each list of the outline short, and says so once', async () => {
    const { service, document, logs, validated } = open(withTemplates(MAX_OUTLINE_ENTRIES + 5));
    await validated;
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await service.getCodeLenses(document, undefined, OVER), []);
      assert.deepEqual(await service.getSemanticTokens(document, OVER), { data: [] });
      const outline = await service.findDocumentSymbols(document, OVER);
      assert.equal(outline.filter((s) => s.name.startsWith('/')).length, MAX_OUTLINE_ENTRIES);
      assert.equal(outline[outline.length - 1].name, 'Schemas');
    }
    assert.deepEqual(logs, [
      'Code lenses (Evaluate, Invoke) are off for large.yaml (215 KB, over the 4 KB limit of apigateway.validation.maxFileSizeMB).',
      'Mapping templates are not coloured in large.yaml (215 KB, over the 4 KB limit of apigateway.validation.maxFileSizeMB).',
      `The outline of large.yaml (215 KB, over the 4 KB limit of apigateway.validation.maxFileSizeMB) lists only the first ${MAX_OUTLINE_ENTRIES} of its ${MAX_OUTLINE_ENTRIES + 5} paths.`,
    ]);
    // Under the limit every lens, colour and entry is there.
    const settings: LanguageSettings = {};
    assert.equal((await service.getCodeLenses(document, undefined, settings)).length, 2 * (MAX_OUTLINE_ENTRIES + 5));
    assert.ok((await service.getSemanticTokens(document, settings)).data.length > 0);
    assert.equal((await service.findDocumentSymbols(document, settings)).filter((s) => s.name.startsWith('/')).length, MAX_OUTLINE_ENTRIES + 5);
  });

  it('takes the limit validation was last given for the features asked without settings', async () => {
    const { service, document, validated } = open(withTemplates(30));
    await validated;
    assert.deepEqual(await service.getCodeLenses(document), []);
    await service.doValidation(document, {});
    assert.equal((await service.getCodeLenses(document)).length, 60);
  });

  describe('while one is typed', () => {
    const clean = largeDefinition({ items: 40 });
    // A comment typed above the paths moves everything after it; a key half typed makes the text unparsable.
    const edited = clean.replace('paths:\n', '# a new comment\npaths:\n');

    async function typed(text = edited) {
      const opened = open(clean);
      await opened.validated;
      TextDocument.update(opened.document, [{ text }], 2);
      return opened;
    }

    it('answers hover, definitions and the outline from the last parsed version, in the current positions', async () => {
      const { service, document } = await typed();
      const key = edited.indexOf('operationId: get30');
      const hover = (await service.doHover(document, document.positionAt(key + 3))) as Hover;
      assert.equal(textAt(document, hover.range!), 'operationId');
      const [definition] = await service.findDefinition(document, document.positionAt(edited.indexOf('#/components/schemas/Item', key) + 5));
      assert.equal(textAt(document, definition.range), 'Item');
      const paths = (await service.findDocumentSymbols(document, OVER)).filter((s) => s.name.startsWith('/')) as DocumentSymbol[];
      assert.equal(textAt(document, paths[39].selectionRange), '/r39');
      // Inside the edit there is no counterpart in the last parsed version.
      assert.equal(await service.doHover(document, document.positionAt(edited.indexOf('new comment'))), null);
    });

    it('completes from a copy of the last parsed version patched by parts, as a fresh parse of the text would', async () => {
      for (const line of ['      x-amazon-apigateway-req', '      descr', '      type: obj']) {
        const text = `${clean}${line}\n`;
        const { service, document } = await typed(text);
        const position = document.positionAt(text.length - 1);
        const items = (await service.doComplete(document, position, OVER)) as CompletionList;
        const fresh = (await createLanguageService().doComplete(TextDocument.create(URI, 'yaml', 1, text), position)) as CompletionList;
        assert.ok(items.items.length > 0, line);
        assert.deepEqual(items, fresh, line);
      }
    });

    it('refuses a rename until the version is parsed, and has no quick fixes meanwhile', async () => {
      const { service, document } = await typed();
      const at = document.positionAt(edited.indexOf('    Item:') + 5);
      assert.deepEqual((await service.prepareRename(document, at))?.placeholder, 'Item');
      await assert.rejects(service.rename(document, at, 'Thing'), (error) => error instanceof RenameError && /read again once typing pauses/.test(error.message));
      assert.deepEqual(service.getCodeActions(document, { start: at, end: at }, { diagnostics: [] }, OVER), []);
    });

    it('parses the version for validation once typing pauses, and not at all when it is typed on', async function () {
      // Two pauses of QUIET_MS, plus parsing a large definition: the margin is for a loaded machine, only against a hang.
      this.timeout(4 * QUIET_MS + 20_000);
      const { service, document } = await typed();
      const version = document.version;
      let started = Date.now();
      const cancelled = service.doValidation(document, OVER, () => document.version !== version);
      TextDocument.update(document, [{ text: `${edited}# more\n` }], 3);
      assert.deepEqual(await cancelled, []);
      assert.ok(Date.now() - started >= QUIET_MS - 50);
      started = Date.now();
      const diagnostics = await service.doValidation(document, OVER, () => false);
      assert.ok(Date.now() - started >= QUIET_MS - 50);
      assert.match(String(diagnostics[0]?.message), /only its syntax was checked/);
      // The version is parsed now: the edit has a tree of its own.
      assert.ok((await service.doHover(document, document.positionAt(edited.indexOf('operationId: get3') + 3))) !== null);
      assert.deepEqual((await service.prepareRename(document, document.positionAt(edited.indexOf('    Item:') + 5)))?.placeholder, 'Item');
    });

    it('parses the version on request once it has stayed unchanged for a while', async function () {
      this.timeout(QUIET_MS + 20_000);
      const { service, document } = await typed();
      const at = document.positionAt(edited.indexOf('    Item:') + 5);
      await assert.rejects(service.rename(document, at, 'Thing'), RenameError);
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS + 10));
      const edit = await service.rename(document, at, 'Thing');
      assert.ok(Object.keys(edit.changes ?? {}).length > 0);
    });
  });
});

describe('completion in a large document under the limit', () => {
  it('completes inside a template while another line does not parse', async () => {
    const clean = withTemplates(1500);
    assert.ok(clean.length > 256 * 1024, 'larger than a forgiving parse of the whole text is made for');
    const service = createLanguageService();
    const document = TextDocument.create(URI, 'yaml', 1, clean);
    await service.doValidation(document);
    const template = `'#set($code = 200){"statusCode": $code}'`;
    const templateOf = (text: string, path: string) => text.indexOf(template, text.indexOf(`  ${path}:\n`));
    const labelsAt = async (text: string, offset: number) => ((await service.doComplete(document, document.positionAt(offset))) as CompletionList).items.map((i) => i.label);
    // A key being typed in /r5, without its colon yet: a template elsewhere is read from the last version that parsed.
    const broken = clean.indexOf('      x-amazon-apigateway-integration:', clean.indexOf('  /r5:\n'));
    const typing = `${clean.slice(0, broken)}      x-amazon-apigat\n${clean.slice(broken)}`;
    TextDocument.update(document, [{ text: typing }], 2);
    assert.equal(service.parse(document).root, undefined, 'the version does not parse');
    const dollar = templateOf(typing, '/r700') + template.lastIndexOf('$') + 1;
    assert.ok((await labelsAt(typing, dollar)).includes('input'));
    // `$input.` typed into /r700's template as well: the edit holds it, so this version's own forgiving parse is read.
    const at = templateOf(typing, '/r700');
    const text = `${typing.slice(0, at)}'{"a": $input.}'${typing.slice(at + template.length)}`;
    TextDocument.update(document, [{ text }], 3);
    const labels = await labelsAt(text, text.indexOf('$input.') + '$input.'.length);
    assert.ok(['json', 'path', 'params'].every((m) => labels.includes(m)), labels.join(', '));
  });

  it('never parses a text over the whole re-parse limit whole, and still offers keys outside paths', async () => {
    const clean = largeDefinition({ items: Math.ceil(MAX_WHOLE_REPARSE / 300) });
    assert.ok(clean.length > MAX_WHOLE_REPARSE);
    const service = createLanguageService();
    const document = TextDocument.create(URI, 'yaml', 1, clean);
    await service.doValidation(document);
    const text = `${clean}      proper\n`;
    TextDocument.update(document, [{ text }], 2);
    const items = (await service.doComplete(document, document.positionAt(text.length - 1))) as CompletionList;
    assert.ok(items.items.some((i) => i.label === 'properties'), items.items.map((i) => i.label).join(', '));
  });
});

describe('the letter case of enum values in a JSON definition that does not parse', () => {
  /** One operation per route with the integration type given; a component with a missing comma breaks the text. */
  function definition(types: Record<string, string>): string {
    const items = Object.entries(types).map(
      ([route, type]) =>
        `    "${route}": {"get": {"responses": {"default": {"description": "ok"}}, "x-amazon-apigateway-integration": {"type": ${type.startsWith('"') ? type : `"${type}"`}, "httpMethod": "POST", "uri": "https://example.com"}}}`,
    );
    return `{\n  "openapi": "3.0.1",\n  "info": {"title": "t", "version": "1"},\n  "paths": {\n${items.join(',\n')}\n  },\n  "components": {"schemas": {"Thing": {"type": "object" "x": 1}}}\n}\n`;
  }

  const typeOffset = (text: string, route: string) => text.indexOf('"type": ', text.indexOf(`"${route}": `)) + '"type": '.length;

  it('completes a value in the case of the others, wherever it is asked, from the same version', () => {
    const text = definition({ '/a': 'AWS', '/b': 'mock', '/c': 'http', '/d': '' });
    const document = parse(text, 'json');
    assert.equal(document.root, undefined, 'the text does not parse');
    const written = (route: string) => (doComplete(document, typeOffset(text, route) + 1, 'http') as CompletionList).items.map((item) => (item.textEdit as TextEdit).newText);
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(written('/d'), ['"aws_proxy"', '"http_proxy"']);
      assert.deepEqual(written('/a'), ['"aws_proxy"', '"http_proxy"'], 'before `AWS`, only the two lower-case types count');
      assert.deepEqual(written('/b'), ['"AWS_PROXY"', '"HTTP_PROXY"'], 'before `mock`, one of each case is a tie');
      assert.deepEqual(written('/c'), ['"AWS_PROXY"', '"HTTP_PROXY"']);
    }
  });
});
