import assert from 'node:assert/strict';
import type { Location, TextEdit } from 'vscode-languageserver-types';
import type { ApiDocument } from '../../../server/src/model/apiDocument';
import { findDefinition, findReferences } from '../../../server/src/services/navigation';
import { prepareRename, rename, RenameError } from '../../../server/src/services/rename';
import type { DocumentResolver, WorkspaceDocuments } from '../../../server/src/services/validationTypes';
import { applyEdits, parse } from './documents';

const API = [
  'openapi: 3.0.1',
  "info: {title: t, version: '1'}",
  'paths: {}',
  'components:',
  '  schemas:',
  '    Pet:',
  '      type: object',
  '      required: [child]',
  '      properties:',
  '        child: {type: object, properties: {name: {type: string}}}',
  '      discriminator: {propertyName: kind, mapping: {child: Pet}}',
  "    Deep: {$ref: '#/components/schemas/Pet/properties/child'}",
  "    Deeper: {$ref: '#/components/schemas/Pet/properties/child/properties/name'}",
  "    Whole: {$ref: '#/components/schemas/Pet'}",
  '',
].join('\n');

/** The document and the offset of `needle`'s `delta`th character in its `occurrence`th appearance. */
function cursorAt(text: string, needle: string, delta: number, occurrence = 0): { document: ApiDocument; offset: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `${needle} not found`);
  return { document: parse(text), offset: index + delta };
}

function texts(document: ApiDocument, locations: Location[]): string[] {
  return locations.map((l) => `${l.range.start.line}:${document.text.slice(document.textDocument.offsetAt(l.range.start), document.textDocument.offsetAt(l.range.end))}`);
}

const refused = (pattern: RegExp) => (e: unknown) => e instanceof RenameError && pattern.test(e.message);

describe('rename and references on a segment of a $ref', () => {
  it('on a property segment: goes to the property, lists its uses, and refuses to rename', async () => {
    const { document, offset } = cursorAt(API, "child'}", 2);
    assert.deepEqual(texts(document, await findDefinition(document, offset)), ['9:child']);
    assert.deepEqual(texts(document, await findReferences(document, offset)), [
      '9:child',
      "11:'#/components/schemas/Pet/properties/child'",
      "12:'#/components/schemas/Pet/properties/child/properties/name'",
    ]);
    assert.throws(() => prepareRename(document, offset), refused(/'child' is a part of 'Pet'.*cursor on 'Pet'/));
    await assert.rejects(rename(document, offset, 'kid'), refused(/'child' is a part of 'Pet'/));
  });

  it('on a segment between the component and the end, acts on that segment', async () => {
    const { document, offset } = cursorAt(API, 'properties/child', 3);
    assert.throws(() => prepareRename(document, offset), refused(/'properties' is a part of 'Pet'/));
    assert.deepEqual(texts(document, await findReferences(document, offset)), [
      '8:properties',
      "11:'#/components/schemas/Pet/properties/child'",
      "12:'#/components/schemas/Pet/properties/child/properties/name'",
    ]);
  });

  it("on the component's name in a longer pointer, renames the component and keeps the rest", async () => {
    const { document, offset } = cursorAt(API, 'Pet/properties/child', 1);
    const prepared = prepareRename(document, offset);
    const start = API.split('\n')[11].indexOf('Pet');
    assert.deepEqual(prepared, { placeholder: 'Pet', range: { start: { line: 11, character: start }, end: { line: 11, character: start + 3 } } });
    const edit = await rename(document, offset, 'Animal');
    const text = applyEdits(document, edit.changes![document.uri] as TextEdit[]);
    assert.match(text, /^ {4}Animal:$/m);
    assert.match(text, /'#\/components\/schemas\/Animal\/properties\/child'/);
    assert.match(text, /'#\/components\/schemas\/Animal\/properties\/child\/properties\/name'/);
    assert.match(text, /mapping: \{child: Animal\}/);
    assert.match(text, /required: \[child\]/);
  });

  it('with the cursor just after the name, still on the name', () => {
    const { document, offset } = cursorAt(API, "Pet'}", 3);
    assert.equal(prepareRename(document, offset)?.placeholder, 'Pet');
  });

  it('on a container segment, refuses to rename but finds the component', async () => {
    const { document, offset } = cursorAt(API, "'#/components/schemas/Pet'}", 4);
    assert.throws(() => prepareRename(document, offset), refused(/put the cursor on 'Pet'/i));
    await assert.rejects(rename(document, offset, 'Animal'), refused(/put the cursor on 'Pet'/i));
    assert.equal(texts(document, await findReferences(document, offset))[0], '5:Pet');
  });

  it('refuses a pointer that leads nowhere, wherever the cursor is on it', async () => {
    for (const broken of ["'#/components/schemas/Pet/'", "'#/components/schemas/Pet/properties/kid'"]) {
      const text = API.replace("'#/components/schemas/Pet'", broken);
      for (const delta of [23, broken.length - 2]) {
        const { document, offset } = cursorAt(text, broken, delta);
        assert.throws(() => prepareRename(document, offset), refused(/was not found/), `${broken} at ${delta}`);
        await assert.rejects(rename(document, offset, 'Animal'), refused(/was not found/));
      }
    }
  });

  it('refuses a pointer into another file that leads nowhere there', async () => {
    const common = parse('components:\n  schemas:\n    Address: {type: object}\n', 'yaml', 'file:///work/common.yaml');
    const user = parse("openapi: 3.0.1\npaths: {}\ncomponents:\n  schemas:\n    X: {$ref: 'common.yaml#/components/schemas/Address/properties/zip'}\n", 'yaml', 'file:///work/user.yaml');
    const workspace: WorkspaceDocuments = { documents: async (wanted) => [common, user].filter((d) => wanted(d.text)) };
    const resolver: DocumentResolver = { resolve: async (base, ref) => [common, user].find((d) => d.uri === new URL(ref.split('#')[0] || base, base).toString()) };
    const address = user.text.indexOf('Address') + 1;
    await assert.rejects(rename(user, address, 'PostalAddress', resolver, workspace), refused(/was not found/));
    const zip = user.text.indexOf('zip') + 1;
    assert.throws(() => prepareRename(user, zip), refused(/'zip' is a part of 'Address'/));
  });
});
