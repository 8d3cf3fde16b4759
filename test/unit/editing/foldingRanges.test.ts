import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FoldingRange } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { indentFolds } from '../../../server/src/services/folding/indentFolds';
import { yamlWithRequestTemplate } from '../templateEditing/support';

/** Each fold as `first line text … last line text`, with its kind when it has one. */
function described(text: string, ranges: FoldingRange[] | null): string[] | null {
  if (!ranges) return null;
  const lines = text.split(/\r\n|\n/);
  return ranges.map((r) => `${lines[r.startLine].trim()} … ${lines[r.endLine].trim()}${r.kind ? ` (${r.kind})` : ''}`);
}

async function folds(text: string, uri = 'file:///api.yaml', languageId = 'yaml', limit?: number, settings?: { maxValidationSize?: number }): Promise<string[] | null> {
  const service = createLanguageService({ log: () => undefined });
  return described(text, await service.getFoldingRanges(TextDocument.create(uri, languageId, 1, text), limit, settings));
}

const API = [
  'openapi: 3.0.1',
  'info:',
  '  title: pets',
  '  version: "1"',
  '# region operations',
  'paths:',
  '  /pets:',
  '    get:',
  '      responses:',
  '        "200": {description: ok}',
  '      x-amazon-apigateway-integration:',
  '        type: aws',
  '        httpMethod: POST',
  '        uri: arn:aws:apigateway:us-east-1:dynamodb:action/Query',
  '        requestTemplates:',
  '          application/json: |',
  "            #set($items = $input.path('$.items'))",
  '            [',
  '            #foreach($item in $items)',
  '              {"id": "$item.id"}',
  '            #if($foreach.hasNext)',
  '              ,',
  '            #else',
  '              ## the last one',
  '            #end',
  '            #end',
  '            ]',
  '            #* why the list',
  '               is built by hand *#',
  '',
  '        responses:',
  '          default:',
  '            statusCode: "200"',
  '# endregion',
  '',
].join('\n');

describe('folding ranges', () => {
  it('keeps the indentation folds of a YAML definition and adds region markers', async () => {
    const found = (await folds(API))!;
    for (const expected of [
      'info: … version: "1"',
      '# region operations … # endregion (region)',
      'paths: … statusCode: "200"',
      '/pets: … statusCode: "200"',
      'x-amazon-apigateway-integration: … statusCode: "200"',
      'requestTemplates: … is built by hand *#',
      'application/json: | … is built by hand *#',
      'responses: … statusCode: "200"',
    ]) {
      assert.ok(found.includes(expected), `missing ${expected} in ${found.join('\n')}`);
    }
  });

  it('folds the blocks of an embedded mapping template to the line before their end, each branch apart', async () => {
    const found = (await folds(API))!;
    assert.ok(found.includes('#foreach($item in $items) … #end'), found.join('\n'));
    assert.ok(found.includes('#if($foreach.hasNext) … ,'), found.join('\n'));
    assert.ok(found.includes('#else … ## the last one'), found.join('\n'));
    assert.ok(found.includes('#* why the list … is built by hand *# (comment)'), found.join('\n'));
  });

  it('answers one fold per first line, in line order', async () => {
    const service = createLanguageService({ log: () => undefined });
    const ranges = (await service.getFoldingRanges(TextDocument.create('file:///api.yaml', 'yaml', 1, API)))!;
    const starts = ranges.map((r) => r.startLine);
    assert.deepEqual(starts, [...new Set(starts)].sort((a, b) => a - b));
    for (const r of ranges) assert.ok(r.endLine > r.startLine);
  });

  it('reads Windows line ends as the editor does', async () => {
    const crlf = API.replace(/\n/g, '\r\n');
    assert.deepEqual(await folds(crlf), await folds(API));
  });

  it('leaves JSON definitions to the editor, whose JSON folding covers them', async () => {
    assert.equal(await folds('{\n  "openapi": "3.0.1",\n  "paths": {\n  }\n}\n', 'file:///api.json', 'json'), null);
  });

  it('folds the template blocks of a definition while a line elsewhere is half-typed', async () => {
    const broken = API.replace('  title: pets', '  title: [pets');
    const found = (await folds(broken))!;
    assert.ok(found.includes('#foreach($item in $items) … #end'), found.join('\n'));
  });

  it('leaves a definition over the size limit to the editor\'s indentation folding, and says so once', async () => {
    const logged: string[] = [];
    const service = createLanguageService({ log: (m) => logged.push(m) });
    const document = TextDocument.create('file:///big.yaml', 'yaml', 1, API);
    // No answer: the editor then folds by indentation itself, as this service did there, without template blocks.
    assert.equal(await service.getFoldingRanges(document, undefined, { maxValidationSize: 100 }), null);
    await service.getFoldingRanges(document, undefined, { maxValidationSize: 100 });
    const notes = logged.filter((m) => m.includes('fold'));
    assert.equal(notes.length, 1, logged.join('\n'));
    assert.match(notes[0], /^Mapping template blocks do not fold in big\.yaml \(.*\); the editor's indentation folding does\.$/);
  });

  it('keeps the fold of a key whose quoted template starts on its line, over the template block there', async () => {
    const text = yamlWithRequestTemplate(['"#if($a)', '            a', '            #end', '            b', '            c"'].join('\n'));
    assert.ok((await folds(text))!.includes('application/json: "#if($a) … c"'), (await folds(text))!.join('\n'));
  });

  it('keeps the shallowest folds within the editor limit', async () => {
    const found = (await folds(API, undefined, undefined, 3))!;
    assert.deepEqual(found, ['info: … version: "1"', '# region operations … # endregion (region)', 'paths: … statusCode: "200"']);
  });

  it('keeps, under any limit, the folds of least indentation and the earlier of equals, in the order of their lines', async () => {
    const service = createLanguageService({ log: () => undefined });
    const document = TextDocument.create('file:///api.yaml', 'yaml', 1, API);
    const all = (await service.getFoldingRanges(document, 100_000))!;
    const lines = API.split('\n');
    const level = (range: FoldingRange) => lines[range.startLine].length - lines[range.startLine].trimStart().length;
    for (let limit = 0; limit <= all.length; limit++) {
      const expected = [...all].sort((a, b) => level(a) - level(b) || a.startLine - b.startLine).slice(0, limit).sort((a, b) => a.startLine - b.startLine);
      assert.deepEqual(await service.getFoldingRanges(document, limit), expected, `limit ${limit}`);
    }
  });

  describe('standalone templates', () => {
    const VTL = ['#if($input.params("a"))', 'one', '#elseif($b)', 'two', '#else', 'three', '#end', '{', '  "a": 1,', '', '  "b": 2', '}', '#foreach($x in [1, 2]) $x #end', ''].join('\n');

    it('folds each branch, and bracketed text by indentation with the blank lines inside', async () => {
      assert.deepEqual(await folds(VTL, 'file:///t.vtl', 'vtl'), ['#if($input.params("a")) … one', '#elseif($b) … two', '#else … three', '{ … "b": 2']);
    });

    it('folds nothing of a block left open or an #end without a block', async () => {
      assert.deepEqual(await folds('#if($a)\nx\ny\n#end\n#end\n#foreach($i in $l)\nz\n', 'file:///t.vtl', 'vtl'), ['#if($a) … y']);
    });

    it('folds block macro calls and macros', async () => {
      assert.deepEqual(await folds('#macro(row $r)\n<$r>\n#end\n#@wrap()\nbody\n#end\n', 'file:///t.vtl', 'vtl'), ['#macro(row $r) … <$r>', '#@wrap() … body']);
    });
  });

  describe('indentation as the editor folds it', () => {
    const lines = ['a:', '  b: 1', '', '  c:', '    d: 2', '', 'e: 3'];

    it('ends an off-side block at its last non-blank line', async () => {
      assert.deepEqual(indentFolds(lines, { offSide: true }).map((f) => [f.startLine, f.endLine]).sort(), [[0, 4], [3, 4]]);
    });

    it('takes the blank lines before the next line into a block otherwise', async () => {
      assert.deepEqual(indentFolds(lines, { offSide: false }).map((f) => [f.startLine, f.endLine]).sort(), [[0, 5], [3, 5]]);
    });

    it('folds a block to its indented region end marker, and the region to it', async () => {
      const markers = { start: /^\s*#\s*region\b/, end: /^\s*#\s*endregion\b/ };
      const folds = indentFolds(['a:', '  # region', '  b: 1', '  # endregion', 'c: 2'], { offSide: true, markers });
      assert.deepEqual(folds.map((f) => [f.startLine, f.endLine, f.kind ?? '']), [[0, 3, ''], [1, 3, 'region']]);
    });

    it('counts a tab to the next tab stop', async () => {
      assert.deepEqual(indentFolds(['a', '\tb', '  \tc', 'd'], { offSide: false }).map((f) => [f.startLine, f.endLine]), [[0, 2]]);
    });
  });
});
