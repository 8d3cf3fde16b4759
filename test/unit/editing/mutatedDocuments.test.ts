// Every feature of the language service answers on documents broken the way typing breaks them: a character inserted
// or a few deleted anywhere in a real definition. No feature may throw, and every range it returns lies inside the
// document; edits of code actions apply.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { RenameError } from '../../../server/src/services/rename';
import { seededRandom } from '../../support/seededRandom';
import { sharedCorpusFile } from '../../support/sharedCorpus';

const CORPUS = path.dirname(sharedCorpusFile('openapi/01_api_definition.yaml'));
const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** What typing inserts mid-edit: structure, quotes, template syntax, extension and `$ref` prefixes, odd characters. */
const PIECES = ['{', '}', '[', ']', ':', ' ', '\n', '"', "'", '#', '$', '$input.', '#if(', '#end', 'x-amazon-apigateway-', '-', '\n  ', '\t', '$ref', '{proxy+}', '&a', '*a', '|', '>', '\\', '\u00e9', '\ud83d', ',', '$util.', '${', 'method.request.'];

const MUTATIONS_PER_FILE = 6;
const PLACES_PER_MUTATION = 3;

function definitions(): string[] {
  const files = [...readdirSync(CORPUS).map((f) => path.join(CORPUS, f)), ...readdirSync(EXAMPLES).map((f) => path.join(EXAMPLES, f))];
  return files.filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
}

/** Whole numbers below `n` from a fixed sequence, so that a failure names a mutation that can be replayed. */
function sequence(seed: number): (n: number) => number {
  const random = seededRandom(seed);
  return (n) => Math.floor(random() * n);
}

function assertInside(document: TextDocument, range: Range | undefined, what: string): void {
  if (!range) return;
  const text = document.getText();
  for (const position of [range.start, range.end]) {
    assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character) && position.line >= 0 && position.character >= 0, `${what}: ${JSON.stringify(range)}`);
    // A position past the end of its line or of the text is one the editor clamps; one the text cannot hold is a bug.
    assert.ok(document.offsetAt(position) <= text.length && position.line < document.lineCount, `${what} outside the document: ${JSON.stringify(range)}`);
  }
  assert.ok(document.offsetAt(range.start) <= document.offsetAt(range.end), `${what} ends before it starts: ${JSON.stringify(range)}`);
}

describe('every feature on definitions broken mid-edit', function () {
  this.timeout(120_000);

  for (const [index, file] of definitions().entries()) {
    it(`answers on mutated copies of ${path.basename(file)}`, async () => {
      const base = readFileSync(file, 'utf8');
      const next = sequence(index + 1);
      const service = createLanguageService({ log: () => {} });
      const language = file.endsWith('.json') ? 'json' : 'yaml';
      for (let m = 0; m < MUTATIONS_PER_FILE; m++) {
        const at = next(base.length + 1);
        const text = next(3) === 0 ? base.slice(0, at) + base.slice(at + 1 + next(20)) : base.slice(0, at) + PIECES[next(PIECES.length)] + base.slice(at);
        const document = TextDocument.create(`file:///mutated/${path.basename(file)}`, language, m + 1, text);
        const where = `mutation ${m} at ${at}`;
        const diagnostics = await service.doValidation(document);
        for (const d of diagnostics) assertInside(document, d.range, `${where}: diagnostic ${d.code}`);
        await service.findDocumentSymbols(document);
        await service.getFoldingRanges(document);
        await service.getSemanticTokens(document);
        await service.getCodeLenses(document, { invoke: true });
        await service.getFixAll(document, { diagnostics, only: ['source.fixAll.apigateway'] });
        for (let k = 0; k < PLACES_PER_MUTATION; k++) {
          const position = document.positionAt(k === 0 ? at : next(text.length + 1));
          const here = `${where}, asked at ${position.line}:${position.character}`;
          const completion = await service.doComplete(document, position);
          for (const item of completion.items) {
            const edit = item.textEdit;
            if (edit) assertInside(document, 'range' in edit ? edit.range : edit.insert, `${here}: completion ${item.label}`);
          }
          const hover = await service.doHover(document, position);
          assertInside(document, hover?.range, `${here}: hover`);
          await service.doSignatureHelp(document, position);
          await service.findDefinition(document, position);
          await service.findDocumentHighlights(document, position);
          await service.findReferences(document, position, { includeDeclaration: true });
          try {
            if (await service.prepareRename(document, position)) await service.rename(document, position, 'renamed');
          } catch (error) {
            // A refused rename says why; anything else thrown is a failure.
            if (!(error instanceof RenameError)) throw error;
          }
          const onLine = diagnostics.filter((d) => d.range.start.line === position.line);
          for (const action of service.getCodeActions(document, { start: position, end: position }, { diagnostics: onLine })) {
            for (const edits of Object.values(action.edit?.changes ?? {})) {
              for (const edit of edits) assertInside(document, edit.range, `${here}: action ${action.title}`);
              TextDocument.applyEdits(document, edits);
            }
          }
        }
      }
    });
  }
});
