import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import { findDefinition } from '../../../server/src/services/navigation';
import { findDefinitionInStandaloneTemplate } from '../../../server/src/services/templates/templateDefinition';
import { block, jsonPetStore, petStore, responseBlock } from './fixtures';
import { lineOf, parseDocument, withCursor } from './support';

/** Each location as `line:text it covers`, in the document it points into. */
function described(text: string, locations: Location[], uri = 'file:///api.yaml'): string[] {
  const document = TextDocument.create(uri, 'yaml', 1, text);
  return locations.map((l) => {
    assert.equal(l.uri, uri);
    return `${l.range.start.line}:${text.slice(document.offsetAt(l.range.start), document.offsetAt(l.range.end))}`;
  });
}

async function definitions(marked: string, uri = 'file:///api.yaml'): Promise<string[]> {
  const { text, offset } = withCursor(marked);
  return described(text, await findDefinition(parseDocument(text, uri), offset), uri);
}


describe('go to definition in mapping templates', () => {
  describe('template variables', () => {
    it('leads every spelling of a use to the #set that assigns it', async () => {
      for (const use of ['$p‸et', '$!p‸et', '${p‸et}', '$p‸et.name', '$!{p‸et.name}', '$pet‸.name']) {
        const doc = petStore(block("#set($pet = $input.path('$.pet'))", `{"v": "${use}"}`));
        assert.deepEqual(await definitions(doc), [`${lineOf(doc, '#set')}:$pet`], use);
      }
    });

    it('leads a variable to its #foreach loop and a macro parameter to its macro', async () => {
      const loop = petStore(block("#foreach($tag in $input.path('$.pet.tags'))", '"$ta‸g"', '#end'));
      assert.deepEqual(await definitions(loop), [`${lineOf(loop, '#foreach')}:$tag`]);
      const macro = petStore(block('#macro(quoted $value)"$val‸ue"#end', '#quoted("x")'));
      assert.deepEqual(await definitions(macro), [`${lineOf(macro, '#macro')}:$value`]);
    });

    it("keeps a macro parameter to the macro's #end: past it, the name is the template's variable", async () => {
      const doc = (use: string) => petStore(block('#set($value = 1)', '#macro(quoted $value)"$value"#end', `#quoted($value) ${use}`));
      const after = doc('"$val‸ue"');
      assert.deepEqual(await definitions(after), [`${lineOf(after, '#set')}:$value`]);
      const argument = doc('').replace('#quoted($value)', '#quoted($val‸ue)');
      assert.deepEqual(await definitions(argument), [`${lineOf(argument, '#set')}:$value`]);
      const body = doc('').replace('"$value"#end', '"$valu‸e"#end');
      assert.deepEqual(await definitions(body), [`${lineOf(body, '#macro')}:$value`]);
      // Nothing else assigns it: the parameter is no answer outside its macro.
      assert.deepEqual(await definitions(petStore(block('#macro(m $a)$a#end', '#m(1) "$‸a"'))), []);
    });

    it('takes the nearest assignment before a use of a variable set twice', async () => {
      const doc = (use: string) => petStore(block('#set($n = 1)', '"$n"', '#set($n = 2)', use));
      assert.deepEqual(await definitions(doc('"$‸n"')), [`${lineOf(doc('‸'), '#set($n = 2)')}:$n`]);
      const first = petStore(block('#set($n = 1)', '"$‸n"', '#set($n = 2)'));
      assert.deepEqual(await definitions(first), [`${lineOf(first, '#set($n = 1)')}:$n`]);
      // The value of a #set reads the assignment before it, not its own target.
      const counting = petStore(block('#set($n = 1)', '#set($n = $‸n + 1)'));
      assert.deepEqual(await definitions(counting), [`${lineOf(counting, '#set($n = 1)')}:$n`]);
    });

    it('follows the loop variable only inside its body, and offers every assignment where none is in force yet', async () => {
      const after = petStore(block('#set($t = "none")', "#foreach($t in $input.path('$.pet.tags'))", '$t', '#end', '"$‸t"'));
      assert.deepEqual(await definitions(after), [`${lineOf(after, '#set')}:$t`]);
      const early = petStore(block('#foreach($i in [1, 2])', '"$la‸st"', '#set($last = $i)', '#end', '#set($last = 0)'));
      assert.deepEqual(await definitions(early), [`${lineOf(early, '#set($last = $i)')}:$last`, `${lineOf(early, '#set($last = 0)')}:$last`]);
    });

    it('answers an assignment with itself, so that editors offer its uses', async () => {
      const doc = petStore(block("#set($p‸et = $input.path('$.pet'))", '"$pet"'));
      assert.deepEqual(await definitions(doc), [`${lineOf(doc, '#set')}:$pet`]);
    });

    it('works in quoted YAML and in JSON strings', async () => {
      const quoted = petStore(`"#set($pet = $input.path('$.pet')) {\\"n\\": \\"$p‸et\\"}"`);
      assert.deepEqual(await definitions(quoted), [`${lineOf(quoted, '#set')}:$pet`]);
      // A plain scalar: `#` after a blank would start a YAML comment.
      const plain = petStore(`x#set($pet = 1)$p‸et`);
      assert.deepEqual(await definitions(plain), [`${lineOf(plain, '#set')}:$pet`]);
      const json = jsonPetStore(`#set($pet = $input.path('$.pet'))\\n{\\"n\\": \\"$p‸et\\"}`);
      assert.deepEqual(await definitions(json, 'file:///api.json'), ['0:$pet']);
    });

    it('answers nothing for a variable nothing assigns', async () => {
      assert.deepEqual(await definitions(petStore(block('"$nev‸er"'))), []);
      assert.deepEqual(await definitions(petStore(block('#foreach($i in [1])$fore‸ach.index#end'))), []);
    });
  });

  describe('payload schema properties', () => {
    const schemaKey = (doc: string, needle: string, key: string) => `${lineOf(doc, needle)}:${key}`;

    it('leads a JSONPath segment to the property, through $refs and allOf', async () => {
      const doc = petStore(`"$input.path('$.pet.na‸me')"`);
      assert.deepEqual(await definitions(doc), [schemaKey(doc, 'name: { type: string', 'name')]);
      assert.deepEqual(await definitions(petStore(`"$input.json('$.p‸et')"`)), [schemaKey(doc, "pet: { $ref: '#/components/schemas/Pet' }", 'pet')]);
      assert.deepEqual(await definitions(petStore(`"$input.json('$.quantity‸')"`)), [schemaKey(doc, 'quantity: {', 'quantity')]);
    });

    it('follows list items and bracketed names in a JSONPath', async () => {
      const doc = petStore(`"$input.path('$.pet.tags[0].lab‸el')"`);
      assert.deepEqual(await definitions(doc), [schemaKey(doc, 'label: {', 'label')]);
      assert.deepEqual(await definitions(petStore(`"$input.path('$.pet.tags.lab‸el')"`)), [schemaKey(doc, 'label: {', 'label')]);
      assert.deepEqual(await definitions(petStore(`"$input.path(\\"$['pet']['na‸me']\\")"`)), [schemaKey(doc, 'name: { type: string', 'name')]);
    });

    it('reads a name past doubled quotes where the source has it', async () => {
      const doc = petStore(`"$input.path('$[''pet''][''name‸'']')"`);
      assert.deepEqual(await definitions(doc), [schemaKey(doc, 'name: { type: string', 'name')]);
      assert.deepEqual(await definitions(petStore(`"$input.path('$[''pet‸'']')"`)), [schemaKey(doc, "pet: { $ref: '#/components/schemas/Pet' }", 'pet')]);
    });

    it('leads a member of a payload variable to the property, nested and through loops', async () => {
      const name = (doc: string) => [schemaKey(doc, 'name: { type: string', 'name')];
      const label = (doc: string) => [schemaKey(doc, 'label: {', 'label')];
      const pet = petStore(block("#set($pet = $input.path('$.pet'))", '{"name": "$pet.na‸me"}'));
      assert.deepEqual(await definitions(pet), name(pet));
      const nested = petStore(block("#set($order = $input.path('$'))", '"$order.pet.na‸me"'));
      assert.deepEqual(await definitions(nested), name(nested));
      const loop = petStore(block("#set($pet = $input.path('$.pet'))", '#foreach($t in $pet.tags) "$t.lab‸el" #end'));
      assert.deepEqual(await definitions(loop), label(loop));
      for (const use of ['"$tags[0].lab‸el"', `"$tags[$i]['lab‸el']"`]) {
        const indexed = petStore(block("#set($tags = $input.path('$.pet.tags'))", use));
        assert.deepEqual(await definitions(indexed), label(indexed), use);
      }
      const direct = petStore(block("$input.path('$.pet').na‸me"));
      assert.deepEqual(await definitions(direct), name(direct));
      const parsed = petStore(block("#set($pet = $util.parseJson($input.json('$.pet')))", '$pet.na‸me'));
      assert.deepEqual(await definitions(parsed), name(parsed));
    });

    it('works in quoted YAML and in JSON strings', async () => {
      const quoted = petStore(`"#set($pet = $input.path('$.pet')) {\\"n\\": \\"$pet.na‸me\\"}"`);
      assert.deepEqual(await definitions(quoted), [schemaKey(quoted, 'name: { type: string', 'name')]);
      for (const template of [`#set($pet = $input.path('$.pet'))\\n{\\"n\\": \\"$pet.na‸me\\"}`, `{\\"p\\": $input.json('$.pet.na‸me')}`]) {
        const { text, offset } = withCursor(jsonPetStore(template));
        const nameKey = text.indexOf('"name":{"type"');
        const located = await findDefinition(parseDocument(text, 'file:///api.json'), offset);
        assert.deepEqual(located.map((l) => [l.range.start.character, l.range.end.character]), [[nameKey, nameKey + '"name"'.length]], template);
      }
    });

    it('reads a response template against the method response its integration response answers with', async () => {
      const doc = petStore('"$input.body"', responseBlock("#set($r = $input.path('$'))", `{"id": "$r.order‸Id", "again": $input.json('$.orderId')}`));
      assert.deepEqual(await definitions(doc), [schemaKey(doc, 'orderId: {', 'orderId')]);
      const path = petStore('"$input.body"', `"$input.json('$.order‸Id')"`);
      assert.deepEqual(await definitions(path), [schemaKey(path, 'orderId: {', 'orderId')]);
      // The request body's properties are not the response's.
      assert.deepEqual(await definitions(petStore('"$input.body"', `"$input.json('$.quan‸tity')"`)), []);
    });

    it('follows Swagger 2.0 body parameters and definitions', async () => {
      const doc = [
        'swagger: "2.0"',
        'info: { title: t, version: "1" }',
        'paths:',
        '  /pets:',
        '    post:',
        '      parameters:',
        "        - { in: body, name: body, schema: { $ref: '#/definitions/Pet' } }",
        '      responses: { "200": { description: ok } }',
        '      x-amazon-apigateway-integration:',
        '        type: aws',
        '        requestTemplates:',
        `          application/json: "$input.path('$.na‸me')"`,
        'definitions:',
        '  Pet:',
        '    properties:',
        '      name: { type: string }',
      ].join('\n');
      assert.deepEqual(await definitions(doc), [`${lineOf(doc, 'name: {')}:name`]);
    });

    it('answers nothing for properties the schema lacks and for Java methods', async () => {
      assert.deepEqual(await definitions(petStore(`"$input.path('$.pet.col‸or')"`)), []);
      assert.deepEqual(await definitions(petStore(block("#set($pet = $input.path('$.pet'))", '$pet.col‸or'))), []);
      assert.deepEqual(await definitions(petStore(block("#set($pet = $input.path('$.pet'))", '$pet.tags.si‸ze()'))), []);
    });
  });

  it('answers nothing on $input, $util, $context and their members', async () => {
    for (const use of ['$in‸put.body', "$input.pa‸th('$.pet')", '$ut‸il.escapeJavaScript($input.body)', '$util.escape‸JavaScript($input.body)', '$cont‸ext.requestId', '$context.request‸Id', '$stage‸Variables.x']) {
      assert.deepEqual(await definitions(petStore(block(use))), [], use);
    }
    assert.deepEqual(await definitions(petStore(block('#set($input = 1)', '$in‸put'))), []);
  });

  it('leaves the rest of the document to the other definitions', async () => {
    const doc = petStore(`"$input.body"`).replace("schema: { $ref: '#/components/schemas/Order' }", "schema: { $ref: '#/components/schemas/Or‸der' }");
    assert.deepEqual(await definitions(doc), [`${lineOf(doc, '    Order:')}:Order`]);
  });

  describe('standalone templates', () => {
    const standalone = (marked: string) => {
      const { text, offset } = withCursor(marked);
      return described(text, findDefinitionInStandaloneTemplate(text, offset, 'file:///t.vtl'), 'file:///t.vtl');
    };

    it('leads a variable to what assigns it', () => {
      assert.deepEqual(standalone("#set($pet = $input.path('$.pet'))\n#foreach($t in $pet.tags)\n$t.label $p‸et.name\n#end"), ['0:$pet']);
      assert.deepEqual(standalone("#foreach($t in $input.path('$.tags'))\n${‸t}\n#end"), ['0:$t']);
      assert.deepEqual(standalone('#set($a = 1)\n#set($a = 2)\n$‸a'), ['1:$a']);
    });

    it('answers nothing for members and built-ins, having no schema', () => {
      assert.deepEqual(standalone("#set($pet = $input.path('$.pet'))\n$pet.na‸me"), []);
      assert.deepEqual(standalone("$input.path('$.pet.na‸me')"), []);
      assert.deepEqual(standalone('$con‸text.requestId'), []);
    });
  });
});
