import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { completeInStandaloneTemplate, completeInTemplate } from '../../../server/src/services/templates/templateCompletion';
import { findTemplateMember, templateMembersOf } from '../../../server/src/facts/templateVariables';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expandSnippet } from '../editing/snippets';
import { petStore } from './fixtures';
import { parseDocument, withCursor } from './support';

function complete(marked: string): { items: CompletionItem[]; text: string; offset: number } {
  const { text, offset } = withCursor(marked);
  const list = completeInTemplate(parseDocument(text), offset);
  assert.ok(list, 'the cursor is inside a template');
  return { items: list.items, text, offset };
}

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

function catalogNames(path: string[]): string[] {
  return templateMembersOf(path).map((m) => m.name);
}

function edit(item: CompletionItem | undefined): TextEdit {
  assert.ok(item?.textEdit && 'range' in item.textEdit);
  return item.textEdit;
}

describe('template completion', () => {
  it('is undefined outside templates', () => {
    const { text, offset } = withCursor(petStore('"$input.body"').replace('type: aws', 'type: a‸ws'));
    assert.equal(completeInTemplate(parseDocument(text), offset), undefined);
  });

  it('leaves the lines after a block template to the keys around it, unless indented as deep as its content', () => {
    const after = (line: string) => {
      const { text, offset } = withCursor(petStore(`|\n            {"a": 1}\n${line}`));
      return completeInTemplate(parseDocument(text), offset);
    };
    assert.equal(after('        ‸'), undefined);
    assert.equal(after('          ‸'), undefined);
    assert.equal(after('\n        ‸'), undefined);
    assert.ok(after('            $‸')?.items.length);
    assert.ok(after('            ‸'));
  });

  it('offers the variables after $', () => {
    const { items } = complete(petStore('"#set($total = 1) $‸"'));
    assert.deepEqual(labels(items), ['input', 'util', 'context', 'stageVariables', 'total']);
  });

  it('offers $input methods as snippets with quoted JSONPath arguments', () => {
    const { items } = complete(petStore('"$input.‸"'));
    assert.deepEqual(labels(items), catalogNames(['input']));
    const json = items.find((i) => i.label === 'json');
    assert.equal(edit(json).newText, "json('${1:\\$}')");
    assert.equal(json?.insertTextFormat, 2);
    const member = findTemplateMember(['input', 'json'])!;
    assert.equal((json?.documentation as { value: string }).value, `${member.doc}\n\n[Documentation](${member.docsUrl})`);
  });

  it('uses double quotes for arguments inside single-quoted YAML strings', () => {
    const { items } = complete(petStore("'$input.‸'"));
    assert.equal(edit(items.find((i) => i.label === 'path')).newText, 'path("${1:\\$}")');
  });

  it('uses single quotes for arguments inside JSON strings', () => {
    const marked = '{"openapi":"3.0.1","paths":{"/a":{"get":{"x-amazon-apigateway-integration":{"type":"aws","requestTemplates":{"application/json":"$input.‸"}}}}}}';
    const { text, offset } = withCursor(marked);
    const list = completeInTemplate(parseDocument(text, 'file:///api.json'), offset);
    assert.equal(edit(list?.items.find((i) => i.label === 'params')).newText, "params('${1:name}')");
  });

  it('offers nested $context members and replaces the typed prefix', () => {
    const { items, text, offset } = complete(petStore('"{\\"ip\\": \\"$context.identity.so‸\\"}"'));
    assert.ok(labels(items).includes('sourceIp'));
    assert.ok(labels(items).includes('clientCert'));
    const range = edit(items.find((i) => i.label === 'sourceIp')).range;
    const lines = text.split('\n');
    assert.equal(lines[range.start.line].slice(range.start.character, range.end.character), 'so');
    assert.equal(range.end.character, offset - text.lastIndexOf('\n', offset - 1) - 1);
  });

  it('offers override maps only where they work', () => {
    assert.deepEqual(labels(complete(petStore('"$context.requestOverride.‸"')).items), ['header', 'path', 'querystring']);
    const inRequest = labels(complete(petStore('"$context.‸"')).items);
    assert.ok(inRequest.includes('requestOverride') && !inRequest.includes('responseOverride'));
    const inResponse = labels(complete(petStore('"x"', '"$context.‸"')).items);
    assert.ok(inResponse.includes('responseOverride') && !inResponse.includes('requestOverride'));
    assert.deepEqual(labels(complete(petStore('"x"', '"$context.responseOverride.‸"')).items), ['header', 'status']);
  });

  it('offers no members below an override its template kind leaves out of the $context list', () => {
    assert.deepEqual(labels(complete(petStore('"$context.responseOverride.‸"')).items), []);
    assert.deepEqual(labels(complete(petStore('"$context.responseOverride.header.‸"')).items), []);
    assert.deepEqual(labels(complete(petStore('"x"', '"$context.requestOverride.‸"')).items), []);
  });

  it('offers stage variable names used elsewhere in the document', () => {
    const { items } = complete(petStore('"$stageVariables.‸"'));
    assert.deepEqual(labels(items), ['orderFunction']);
  });

  it('gives #set a string value quoted as its host allows, so that it parses as it is inserted', () => {
    const value = (host: string) => edit(complete(petStore(host)).items.find((i) => i.label === '#set')).newText;
    assert.equal(value("'#‸'"), '#set(\\$${1:name} = ${2:"value"})');
    assert.equal(value('"#‸"'), "#set(\\$${1:name} = ${2:'value'})");
  });

  it('offers directives after #, on one line in flow scalars and as blocks in block scalars', () => {
    const flow = complete(petStore('"#‸"')).items;
    assert.ok(labels(flow).includes('#foreach'));
    assert.doesNotMatch(edit(flow.find((i) => i.label === '#if')).newText, /\n/);
    const block = complete(petStore('|\n            #i‸')).items;
    assert.match(edit(block.find((i) => i.label === '#if')).newText, /\n/);
  });

  it('keeps every # of a directive against the text before it in a plain YAML scalar, where a blank would start a comment', () => {
    const { text, offset } = withCursor(petStore('$x#‸'));
    const list = completeInTemplate(parseDocument(text), offset)!;
    for (const label of ['#if', '#foreach', '#define', '#macro']) {
      const item = list.items.find((i) => i.label === label)!;
      const inserted = TextDocument.applyEdits(TextDocument.create('file:///api.yaml', 'yaml', 1, text), [{ range: edit(item).range, newText: expandSnippet(edit(item).newText) }]);
      const template = (parseDocument(inserted).value as any).paths['/orders'].post['x-amazon-apigateway-integration'].requestTemplates['application/json'];
      assert.match(template, /^\$x#.*#end$/, label);
    }
  });

  it('replaces the whole directive name, and the braces of #{name}, keeping arguments already written', () => {
    const standalone = (marked: string) => {
      const { text, offset } = withCursor(marked);
      const item = completeInStandaloneTemplate(text, offset).items.find((i) => i.label === '#foreach')!;
      const document = TextDocument.create('untitled:t.vtl', 'vtl', 1, text);
      return { item, replaced: document.getText(edit(item).range) };
    };
    assert.equal(standalone('#fo‸reach\n').replaced, '#foreach');
    const braced = standalone('#{fo‸}\n');
    assert.equal(braced.replaced, '#{fo}');
    assert.equal(braced.item.filterText, '#{foreach');
    const called = standalone('#fo‸r($p in $list)\n#end\n');
    assert.equal(called.replaced, '#for');
    assert.equal(edit(called.item).newText, '#foreach');
    const { items } = complete(petStore('|\n            #fo‸reach'));
    assert.equal(edit(items.find((i) => i.label === '#foreach')).range.end.character, '            #foreach'.length);
  });

  it('offers $foreach members inside a loop', () => {
    const { items } = complete(petStore('|\n            #foreach($p in $input.path(\'$.pets\'))$foreach.‸#end'));
    assert.deepEqual(labels(items), ['hasNext', 'index', 'count', 'first', 'last']);
  });

  it('offers request body properties inside JSONPath literals, through $ref and allOf', () => {
    assert.deepEqual(labels(complete(petStore(`"$input.json('$.‸')"`)).items), ['pet', 'quantity']);
    const pet = complete(petStore(`"$input.path('$.pet.‸')"`)).items;
    assert.deepEqual(labels(pet), ['name', 'tags']);
    assert.equal(pet.find((i) => i.label === 'tags')?.detail, 'array of Tag');
    assert.deepEqual(labels(complete(petStore(`"$input.path('$.pet.tags[0].‸')"`)).items), ['label']);
  });

  it('writes a property name that cannot follow a dot in brackets, quoted to suit the string literal and its host', () => {
    const accepted = (template: string) => {
      const { text, offset } = withCursor(petStore(template).replace('        quantity:', '        "we ird": { type: string }\n        quantity:'));
      const item = completeInTemplate(parseDocument(text), offset)!.items.find((i) => i.label === 'we ird')!;
      assert.equal(item.filterText, '.we ird');
      const inserted = TextDocument.applyEdits(TextDocument.create('file:///api.yaml', 'yaml', 1, text), [edit(item)]);
      return (parseDocument(inserted).value as any).paths['/orders'].post['x-amazon-apigateway-integration'].requestTemplates['application/json'];
    };
    assert.equal(accepted(`"$input.json('$.we‸')"`), `$input.json('$["we ird"]')`);
    assert.equal(accepted(`'$input.path("$.‸")'`), `$input.path("$['we ird']")`);
  });

  it('offers the response schema of the integration response status in response templates', () => {
    assert.deepEqual(labels(complete(petStore('"x"', `"$input.json('$.‸')"`)).items), ['orderId']);
  });

  it('offers nothing inside comments', () => {
    assert.deepEqual(complete(petStore('|\n            ## $input.‸')).items, []);
  });

  it('completes standalone templates', () => {
    const { text, offset } = withCursor('#set($x = $util.‸)');
    const list = completeInStandaloneTemplate(text, offset);
    assert.deepEqual(labels(list.items), catalogNames(['util']));
    const { text: gw, offset: gwOffset } = withCursor('$‸');
    assert.deepEqual(labels(completeInStandaloneTemplate(gw, gwOffset, 'gateway-response.vtl').items), ['context', 'stageVariables']);
  });

  it('offers no $input or $util members in gateway response templates, which substitute only $context and $stageVariables', () => {
    for (const typed of ['$input.‸', '$input.params().‸', "$input.json('$.‸", '$util.‸', '${input.‸']) {
      const { text, offset } = withCursor(typed);
      assert.deepEqual(labels(completeInStandaloneTemplate(text, offset, 'gateway-response.vtl').items), [], typed);
    }
    const { text, offset } = withCursor('$context.identity.‸');
    assert.ok(labels(completeInStandaloneTemplate(text, offset, 'gateway-response.vtl').items).includes('sourceIp'));
  });

  it('offers the $context.error members API Gateway sets only in gateway responses there alone, as the catalog says', () => {
    const { items } = complete(petStore('"$input.body"', '"{\\"e\\": \\"$context.error.‸\\"}"'));
    assert.deepEqual(labels(items), ['validationErrorString']);
    const { text, offset } = withCursor('{"type": "$context.error.‸"}');
    assert.deepEqual(labels(completeInStandaloneTemplate(text, offset, 'gateway-response.vtl').items), catalogNames(['context', 'error']));
    assert.ok(catalogNames(['context', 'error']).includes('responseType'));
  });

  describe('request parameters', () => {
    const withParameters = (template: string) =>
      petStore(template)
        .replace('  /orders:', '  /orders/{orderId}/{proxy+}:')
        .replace('      requestBody:', "      parameters:\n        - { name: orderId, in: path, required: true, schema: { type: string } }\n        - { name: page, in: query, schema: { type: integer } }\n        - { name: X-Trace, in: header, schema: { type: string } }\n        - { name: session, in: cookie, schema: { type: string } }\n      requestBody:");

    it('offers the parameter names inside $input.params(), those of the path template included', () => {
      const { items, text } = complete(withParameters(`'{"id": "$input.params("or‸")"}'`));
      assert.deepEqual(labels(items), ['proxy', 'orderId', 'page', 'X-Trace']);
      const orderId = items.find((i) => i.label === 'orderId')!;
      assert.equal(orderId.detail, 'path parameter');
      const e = edit(orderId);
      const lines = text.split('\n');
      assert.equal(lines[e.range.start.line].slice(e.range.start.character, e.range.end.character), 'or');
      assert.equal(e.newText, 'orderId');
    });

    it('offers the locations of $input.params() and the names in each', () => {
      assert.deepEqual(labels(complete(withParameters('"$input.params().‸"')).items), ['path', 'querystring', 'header']);
      assert.deepEqual(labels(complete(withParameters('"$input.params().querystring.‸"')).items), ['page']);
      assert.deepEqual(labels(complete(withParameters('"$input.params().header.‸"')).items), ['X-Trace']);
    });
  });
});
