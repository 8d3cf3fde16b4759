import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { completeInStandaloneTemplate, completeInTemplate } from '../../../server/src/services/templates/templateCompletion';
import { findTemplateMember, templateMembersOf } from '../../../server/src/facts/templateVariables';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expandSnippet } from '../editing/snippets';
import { block, jsonPetStore, manySetsAndLoops, petStore, responseBlock } from './fixtures';
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

/**
 * The request template after accepting the `we ird` property, which the pet store's body schema gets for the call: a
 * name that cannot follow a dot, so completion writes an index; its filter text still starts with the dot.
 */
function acceptedWeirdName(template: string): string {
  const { text, offset } = withCursor(petStore(template).replace('        quantity:', '        "we ird": { type: string }\n        quantity:'));
  const item = completeInTemplate(parseDocument(text), offset)!.items.find((i) => i.label === 'we ird')!;
  assert.equal(item.filterText, '.we ird');
  const inserted = TextDocument.applyEdits(TextDocument.create('file:///api.yaml', 'yaml', 1, text), [edit(item)]);
  return (parseDocument(inserted).value as any).paths['/orders'].post['x-amazon-apigateway-integration'].requestTemplates['application/json'];
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
    assert.equal(acceptedWeirdName(`"$input.json('$.we‸')"`), `$input.json('$["we ird"]')`);
    assert.equal(acceptedWeirdName(`'$input.path("$.‸")'`), `$input.path("$['we ird']")`);
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

  describe('members of variables that hold the payload', () => {
    const MAP = ['get', 'containsKey', 'keySet', 'values', 'entrySet', 'size', 'isEmpty'];
    const LIST = ['size', 'get', 'isEmpty', 'contains'];
    const offered = (template: string, responseTemplate?: string) =>
      labels(responseTemplate === undefined ? complete(petStore(template)).items : complete(petStore('"$input.body"', responseTemplate)).items);

    it('offers the properties of the body at $ and the Map methods of a JSON object', () => {
      const { items } = complete(petStore(block("#set($order = $input.path('$'))", '{"q": $order.‸}')));
      assert.deepEqual(labels(items), ['pet', 'quantity', ...MAP]);
      const quantity = items.find((i) => i.label === 'quantity')!;
      assert.equal(quantity.detail, 'integer (int32)');
      assert.equal((quantity.documentation as { value: string }).value, 'How many to order');
      assert.ok(quantity.sortText! < items.find((i) => i.label === 'get')!.sortText!);
    });

    it('follows members, indexes, loops and #set of another variable, nested', () => {
      assert.deepEqual(offered(block("#set($order = $input.path('$'))", '$order.pet.‸')), ['name', 'tags', ...MAP]);
      assert.deepEqual(offered(block("#set($pet = $input.path('$.pet'))", '#set($tags = $pet.tags)', '"$tags[0].‸"')), ['label', ...MAP]);
      assert.deepEqual(offered(block("#set($tags = $input.path('$.pet.tags'))", '#foreach($t in $tags) "$t.‸" #end')), ['label', ...MAP]);
      assert.deepEqual(offered(block("#set($pet = $input.path('$.pet'))", '#foreach($t in $pet.tags)', '  "$t.la‸"', '#end')), ['label', ...MAP]);
      assert.deepEqual(offered(block("#set($tags = $input.path('$.pet.tags'))", '$tags.‸')), LIST);
      assert.deepEqual(offered(block("#set($tag = $input.path(\"$.pet['tags'][0]\"))", '$tag.‸')), ['label', ...MAP]);
    });

    it('follows a pet and its tags through #set, an index and a loop in one line', () => {
      const template = (cursorAt: string) =>
        block(
          "#set($pet = $input.path('$.pet'))",
          "#set($tags = $input.path('$.pet.tags'))",
          `{"name": "$pet.${cursorAt === 'pet' ? '‸' : 'name'}", "first": "$tags[0].${cursorAt === 'first' ? '‸' : 'label'}" #foreach($t in $tags) "$t.${cursorAt === 't' ? '‸' : 'label'}" #end }`,
        );
      assert.deepEqual(offered(template('pet')), ['name', 'tags', ...MAP]);
      assert.deepEqual(offered(template('first')), ['label', ...MAP]);
      assert.deepEqual(offered(template('t')), ['label', ...MAP]);
    });

    it('offers the String methods of a string property, of $input.json and of a $context property', () => {
      const strings = offered(block("#set($pet = $input.path('$.pet'))", '$pet.name.‸'));
      assert.ok(strings.includes('toUpperCase') && strings.includes('replaceAll') && strings.includes('length'));
      assert.ok(!strings.includes('keySet'));
      assert.deepEqual(offered(block("#set($json = $input.json('$.pet'))", '$json.‸')), strings);
      assert.deepEqual(offered(block('#set($id = $context.requestId)', '$id.‸')), strings);
    });

    it('offers the String methods after a catalog property typed String, as after a variable that holds it', () => {
      const strings = offered(block('#set($s = $input.body)', '$s.‸'));
      assert.ok(strings.includes('toUpperCase') && !strings.includes('keySet'), strings.join(', '));
      for (const typed of ['$input.body.‸', '$context.requestId.‸', '$context.identity.sourceIp.‸', '$stageVariables.env.‸', '"$context.requestId.to‸"']) {
        assert.deepEqual(offered(block(typed)), strings, typed);
      }
      const { text, offset } = withCursor(jsonPetStore('{\\"id\\": \\"$context.requestId.‸\\"}'));
      assert.deepEqual(labels(completeInTemplate(parseDocument(text, 'file:///api.json'), offset)!.items), strings, 'JSON');
      // The catalog's own objects keep their members, and a value that is not a String has no methods to offer.
      assert.deepEqual(offered(block('$context.identity.‸')), catalogNames(['context', 'identity']));
      assert.deepEqual(offered(block('$context.requestTimeEpoch.‸')), []);
    });

    it('offers the Java methods of what a literal assigned by #set makes: a Map, a List, a String', () => {
      const strings = offered(block('#set($s = $input.body)', '$s.‸'));
      assert.deepEqual(offered(block('#set($m = {})', '$m.‸')), MAP);
      assert.deepEqual(offered(block('#set($m = {"a": [1, "]"], "b": $input.body})', '$m.‸')), MAP);
      assert.deepEqual(offered(block('#set($l = [])', '$l.‸')), LIST);
      assert.deepEqual(offered(block('#set($l = [1..3])', '$l.‸')), LIST);
      assert.deepEqual(offered(block('#set($s = "abc")', '$s.‸')), strings);
      assert.deepEqual(offered(block("#set($s = 'it''s')", '$s.‸')), strings);
      assert.deepEqual(offered(block("#set($pet = \"$input.path('$.pet')\")", '$pet.‸')), strings);
      // A literal that is only the start of the value, and a number, are not followed.
      assert.deepEqual(offered(block('#set($s = "abc".length())', '$s.‸')), []);
      assert.deepEqual(offered(block('#set($n = 1)', '$n.‸')), []);
    });

    it('follows $util.parseJson of $input.json and of $input.body, and members written after $input.path()', () => {
      assert.deepEqual(offered(block("#set($pet = $util.parseJson($input.json('$.pet')))", '$pet.‸')), ['name', 'tags', ...MAP]);
      assert.deepEqual(offered(block('#set($order = $util.parseJson($input.body))', '$order.‸')), ['pet', 'quantity', ...MAP]);
      assert.deepEqual(offered(block("$input.path('$.pet').‸")), ['name', 'tags', ...MAP]);
      assert.deepEqual(offered(block("#set($tag = $util.parseJson($input.json('$.pet.tags'))[0])", '$tag.‸')), ['label', ...MAP]);
    });

    it('takes the last #set that ends before the cursor, in the order of the text', () => {
      const twice = block("#set($v = $input.path('$.pet'))", "#set($v = $input.path('$.pet.tags[0]'))", '$v.‸', "#set($v = $input.path('$'))");
      assert.deepEqual(offered(twice), ['label', ...MAP]);
      const inBranch = block("#set($v = $input.path('$.pet'))", "#if($x) #set($v = $input.path('$')) #end", '$v.‸');
      assert.deepEqual(offered(inBranch), ['pet', 'quantity', ...MAP]);
      assert.deepEqual(offered(block("#set($v = $input.path('$.pet'))", '#set($v = $v.tags)', '$v.‸')), LIST);
      // The loop variable shadows a #set before the loop inside its body only.
      const shadowed = (inside: boolean) =>
        block("#set($t = $input.path('$'))", `#foreach($t in $input.path('$.pet.tags')) ${inside ? '$t.‸' : ''} #end ${inside ? '' : '$t.‸'}`);
      assert.deepEqual(offered(shadowed(true)), ['label', ...MAP]);
      assert.deepEqual(offered(shadowed(false)), ['pet', 'quantity', ...MAP]);
    });

    it('writes a method call as a snippet, keeping arguments already written', () => {
      const { items } = complete(petStore(block("#set($order = $input.path('$'))", '$order.‸')));
      assert.equal(edit(items.find((i) => i.label === 'get')).newText, "get(${1:key})");
      assert.equal(items.find((i) => i.label === 'get')?.insertTextFormat, 2);
      assert.equal(edit(items.find((i) => i.label === 'size')).newText, 'size()');
      assert.equal(items.find((i) => i.label === 'size')?.detail, 'size(): int');
      const called = complete(petStore(block("#set($order = $input.path('$'))", "$order.ge‸t('pet')"))).items;
      assert.equal(edit(called.find((i) => i.label === 'get')).newText, 'get');
    });

    it('replaces the whole name under the cursor', () => {
      const { items, text } = complete(petStore(block("#set($order = $input.path('$'))", '$order.qu‸antity')));
      const range = edit(items.find((i) => i.label === 'quantity')).range;
      assert.equal(text.split('\n')[range.start.line].slice(range.start.character, range.end.character), 'quantity');
    });

    it('indexes a property whose name cannot follow a dot, quoted to suit the host', () => {
      assert.equal(acceptedWeirdName(`"#set($o = $input.path('$')) $o.we‸"`), "#set($o = $input.path('$')) $o['we ird']");
      assert.equal(acceptedWeirdName(`'#set($o = $input.path("$")) $o.‸'`), '#set($o = $input.path("$")) $o["we ird"]');
      assert.equal(acceptedWeirdName(block("#set($o = $input.path('$'))", '$o.‸')), "#set($o = $input.path('$'))\n$o['we ird']\n");
    });

    it('completes in single-quoted YAML and in JSON strings', () => {
      assert.deepEqual(offered(`'#set($pet = $input.path("$.pet")) {"n": "$pet.‸"}'`), ['name', 'tags', ...MAP]);
      assert.deepEqual(offered(`"#set($pet = $input.path('$.pet')) {\\"n\\": \\"$pet.na‸\\"}"`), ['name', 'tags', ...MAP]);
      const { text, offset } = withCursor(jsonPetStore(`#set($pet = $input.path('$.pet')) {\\"n\\": \\"$pet.‸\\"}`));
      assert.deepEqual(labels(completeInTemplate(parseDocument(text, 'file:///api.json'), offset)!.items), ['name', ...MAP]);
    });

    it('offers the method response schema in response templates', () => {
      assert.deepEqual(offered('"$input.body"', responseBlock("#set($receipt = $input.path('$'))", '$receipt.‸')), ['orderId', ...MAP]);
    });

    it('offers nothing where the value cannot be followed', () => {
      const nothing = [
        // A method's result.
        block("#set($pet = $input.path('$.pet'))", "$pet.get('tags').‸"),
        block("#set($tags = $input.path('$.pet').get('tags'))", '$tags.‸'),
        // JSONPaths that give lists of matches, and a string that must be parsed first.
        block("#set($tags = $input.path('$.pet.tags[*]'))", '$tags.‸'),
        block("#set($names = $input.path('$..name'))", '$names.‸'),
        block("#set($pet = $util.parseJson($input.path('$.pet')))", '$pet.‸'),
        // A number, a property the schema lacks, an index into a map, a member of a list.
        block("#set($order = $input.path('$'))", '$order.quantity.‸'),
        block("#set($order = $input.path('$'))", '$order.nope.‸'),
        block("#set($order = $input.path('$'))", '$order[0].‸'),
        block("#set($tags = $input.path('$.pet.tags'))", '$tags.label.‸'),
        // An expression, a literal that replaced the payload, a #set after the cursor.
        block("#set($pet = $input.path('$.pet') + 1)", '$pet.‸'),
        block("#set($pet = $input.path('$.pet'))", "#set($pet = 'x')", '$pet.name.‸'),
        block('$pet.‸', "#set($pet = $input.path('$.pet'))"),
        // A #set still being written, one in a comment, and a loop variable after its loop.
        block("#set($pet = $input.path('$.pet')", '$pet.‸'),
        block("## #set($pet = $input.path('$.pet'))", '$pet.‸'),
        block("#foreach($t in $input.path('$.pet.tags')) #end", '$t.‸'),
        // `${pet}.` ends the reference: the dot is text.
        block("#set($pet = $input.path('$.pet'))", '${pet}.‸'),
        // An unset variable, and a macro parameter.
        block('$nothing.‸'),
        block('#macro(show $pet) $pet.‸ #end'),
      ];
      for (const template of nothing) assert.deepEqual(offered(template), [], template);
    });

    it('needs a schema for the payload, but not for strings, in standalone templates', () => {
      const standalone = (marked: string, fileName = 'request.vtl') => {
        const { text, offset } = withCursor(marked);
        return labels(completeInStandaloneTemplate(text, offset, fileName).items);
      };
      assert.deepEqual(standalone("#set($pet = $input.path('$.pet'))\n$pet.‸"), []);
      assert.ok(standalone("#set($json = $input.json('$.pet'))\n$json.‸").includes('substring'));
      assert.deepEqual(standalone('#set($id = $context.requestId)\n$id.‸', 'gateway-response.vtl'), []);
    });

    it('follows a variable through a template of 10 KB full of #set and #foreach (its time is in npm run bench)', () => {
      const { text, offset } = withCursor(petStore(block(...manySetsAndLoops())));
      assert.deepEqual(labels(completeInTemplate(parseDocument(text), offset)!.items), ['label', ...MAP]);
    });

    it('leaves the catalog to complete $input, $context and $foreach members', () => {
      assert.deepEqual(offered(block("#set($pet = $input.path('$.pet'))", '$input.‸')), catalogNames(['input']));
      assert.deepEqual(offered(block("#foreach($t in $input.path('$.pet.tags')) $foreach.‸ #end")), ['hasNext', 'index', 'count', 'first', 'last']);
    });
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
