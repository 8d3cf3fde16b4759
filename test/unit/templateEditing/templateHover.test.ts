import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { hoverInStandaloneTemplate, hoverInTemplate } from '../../../server/src/services/templates/templateHover';
import { findTemplateMember } from '../../../server/src/facts/templateVariables';
import { block, jsonPetStore, petStore } from './fixtures';
import { parseDocument, withCursor } from './support';

function hover(marked: string): { hover: Hover | undefined; text: string } {
  const { text, offset } = withCursor(marked);
  return { hover: hoverInTemplate(parseDocument(text), offset), text };
}

function markdownOf(hover: Hover | undefined): string {
  assert.ok(hover);
  return (hover.contents as { value: string }).value;
}

function covered(text: string, hover: Hover | undefined): string {
  assert.ok(hover?.range);
  const lines = text.split('\n');
  assert.equal(hover.range.start.line, hover.range.end.line);
  return lines[hover.range.start.line].slice(hover.range.start.character, hover.range.end.character);
}

describe('template hover', () => {
  it('shows the catalog entry and docs link of a method', () => {
    const { hover: h, text } = hover(petStore(`"{\\"a\\": $input.js‸on('$.pet')}"`));
    assert.match(markdownOf(h), /^```\n\$input\.json\(String path\): String\n```/);
    assert.match(markdownOf(h), /\[Documentation\]\(https:\/\/docs\.aws\.amazon\.com\/.*#input-variable-reference\)/);
    assert.equal(covered(text, h), 'json');
  });

  it('shows nested $context members and writable overrides', () => {
    const { hover: h, text } = hover(petStore(`"$context.identity.source‸Ip"`));
    assert.match(markdownOf(h), /\$context\.identity\.sourceIp: String/);
    assert.equal(covered(text, h), 'sourceIp');
    assert.match(markdownOf(hover(petStore(`"#set($context.requestOverride.head‸er.x = 1)"`)).hover), /Writable with `#set`/);
  });

  it('shows the root variable', () => {
    const { hover: h, text } = hover(petStore(`"$ut‸il.urlEncode($input.body)"`));
    assert.ok(markdownOf(h).includes(findTemplateMember(['util'])!.doc));
    assert.equal(covered(text, h), '$util');
  });

  it('shows the schema property under a JSONPath segment', () => {
    const { hover: h, text } = hover(petStore(`"$input.path('$.pet.na‸me')"`));
    assert.match(markdownOf(h), /name: string/);
    assert.match(markdownOf(h), /The name of the pet/);
    assert.equal(covered(text, h), 'name');
    assert.match(markdownOf(hover(petStore(`"$input.json('$.quan‸tity')"`)).hover), /quantity: integer \(int32\)[\s\S]*How many to order/);
    assert.match(markdownOf(hover(petStore('"x"', `"$input.json('$.order‸Id')"`)).hover), /orderId: string[\s\S]*response 201/);
  });

  it('shows the schema property under a bracketed JSONPath name', () => {
    const { hover: h, text } = hover(petStore(`"$input.path(\\"$['pet']['na‸me']\\")"`));
    assert.match(markdownOf(h), /name: string[\s\S]*The name of the pet/);
    assert.equal(covered(text, h), 'name');
    assert.equal(covered(text, hover(petStore(`"$input.path(\\"$['p‸et'].name\\")"`)).hover), 'pet');
  });

  it('covers a JSONPath name past doubled quotes where the source has it', () => {
    const { hover: h, text } = hover(petStore(`"$input.path('$[''pet''].na‸me')"`));
    assert.match(markdownOf(h), /name: string/);
    assert.equal(covered(text, h), 'name');
    assert.equal(covered(text, hover(petStore(`"$input.path('$[''p‸et''].name')"`)).hover), 'pet');
  });

  describe('members of variables that hold the payload', () => {
    it('shows the schema property of a member, as under a JSONPath segment', () => {
      const { hover: h, text } = hover(petStore(block("#set($pet = $input.path('$.pet'))", '{"name": "$pet.na‸me"}')));
      assert.equal(markdownOf(h), markdownOf(hover(petStore(`"$input.path('$.pet.na‸me')"`)).hover));
      assert.match(markdownOf(h), /^```\nname: string\n```\n\nThe name of the pet\n\n_From the request body schema\._$/);
      assert.equal(covered(text, h), 'name');
    });

    it('follows nested members, indexes and loops', () => {
      assert.match(markdownOf(hover(petStore(block("#set($order = $input.path('$'))", '$order.pet.na‸me'))).hover), /name: string/);
      assert.match(markdownOf(hover(petStore(block("#set($order = $input.path('$'))", '$order.quan‸tity'))).hover), /quantity: integer \(int32\)[\s\S]*How many to order/);
      assert.match(markdownOf(hover(petStore(block("#set($tags = $input.path('$.pet.tags'))", '"$tags[0].la‸bel"'))).hover), /label: string/);
      const { hover: h, text } = hover(petStore(block("#set($pet = $input.path('$.pet'))", '#foreach($t in $pet.tags) "$t.lab‸el" #end')));
      assert.match(markdownOf(h), /label: string/);
      assert.equal(covered(text, h), 'label');
      assert.match(markdownOf(hover(petStore(block("$input.path('$.pet').na‸me"))).hover), /name: string/);
    });

    it('shows the Java method called on the value', () => {
      assert.match(markdownOf(hover(petStore(block("#set($order = $input.path('$'))", '$order.key‸Set()'))).hover), /^```\nMap\.keySet\(\): Set<String>\n```/);
      assert.match(markdownOf(hover(petStore(block("#set($tags = $input.path('$.pet.tags'))", '$tags.si‸ze()'))).hover), /List\.size\(\): int/);
      assert.match(markdownOf(hover(petStore(block("#set($pet = $input.path('$.pet'))", '$pet.name.toUpper‸Case()'))).hover), /String\.toUpperCase\(\): String/);
    });

    it('works in quoted YAML strings, in JSON strings and in response templates', () => {
      assert.match(markdownOf(hover(petStore(`'#set($pet = $input.path("$.pet")) {"n": "$pet.na‸me"}'`)).hover), /name: string/);
      assert.match(markdownOf(hover(petStore(`"#set($pet = $input.path('$.pet')) {\\"n\\": \\"$pet.na‸me\\"}"`)).hover), /name: string/);
      const { text, offset } = withCursor(jsonPetStore(`#set($pet = $input.path('$.pet')) {\\"n\\": \\"$pet.na‸me\\"}`));
      const h = hoverInTemplate(parseDocument(text, 'file:///api.json'), offset);
      assert.match(markdownOf(h), /name: string/);
      assert.equal(covered(text, h), 'name');
      const response = `|\n                #set($receipt = $input.path('$'))\n                $receipt.order‸Id`;
      assert.match(markdownOf(hover(petStore('"$input.body"', response)).hover), /orderId: string[\s\S]*_From the response 201 schema\._/);
    });

    it('has nothing to say where the value cannot be followed', () => {
      const silent = [
        block("#set($pet = $input.path('$.pet'))", "$pet.get('name').len‸gth()"),
        block("#set($json = $input.json('$.pet'))", '$json.na‸me'),
        block("#set($order = $input.path('$'))", '$order.no‸pe'),
        block("#set($pet = $input.path('$.pet'))", "#set($pet = 'x')", '$pet.na‸me'),
        block("#set($order = $input.path('$'))", '$order.pet.tags.la‸bel'),
      ];
      for (const template of silent) assert.equal(hover(petStore(template)).hover, undefined, template);
    });

    it('knows strings, but not the payload, in standalone templates', () => {
      const at = (marked: string) => {
        const { text, offset } = withCursor(marked);
        return hoverInStandaloneTemplate(text, offset);
      };
      assert.equal(at("#set($pet = $input.path('$.pet'))\n$pet.na‸me"), undefined);
      assert.match(markdownOf(at("#set($json = $input.json('$'))\n$json.leng‸th()")), /String\.length\(\): int/);
    });
  });

  it('has nothing to say about a variable nothing assigns, and plain text', () => {
    assert.equal(hover(petStore(`"#set($a = 1) $a‸b text"`)).hover, undefined);
    assert.equal(hover(petStore(`"plain te‸xt"`)).hover, undefined);
  });

  it('says where a variable of the template is set, and which loop walks an item', () => {
    const at = (marked: string) => {
      const { text, offset } = withCursor(marked);
      return { hover: hoverInStandaloneTemplate(text, offset), text };
    };
    const set = at('## total\n#set($total = $input.json(\'$.n\'))\n{"n": $to‸tal}');
    assert.match(markdownOf(set.hover), /^```\n\$total\n```\n\nA variable of this template, set on line 2: `#set\(\$total = \$input\.json\('\$\.n'\)\)`\.$/);
    assert.equal(covered(set.text, set.hover), '$total');
    const item = at("#foreach($pet in $input.path('$.pets'))\n{\"n\": \"$pe‸t.name\"}#end");
    assert.match(markdownOf(item.hover), /The item of the loop `#foreach\(\$pet in \$input\.path\('\$\.pets'\)\)`/);
    assert.equal(covered(item.text, item.hover), '$pet');
  });

  it("shows what a directive does, and $foreach's members", () => {
    const at = (marked: string) => {
      const { text, offset } = withCursor(marked);
      return { hover: hoverInStandaloneTemplate(text, offset), text };
    };
    const loop = at('#fore‸ach($x in [1, 2])$x#if($foreach.hasNext),#end#end');
    assert.match(markdownOf(loop.hover), /^```\n#foreach\n```\n\nRepeats its body for each item \(API Gateway stops after 1000 iterations\)/);
    assert.equal(covered(loop.text, loop.hover), '#foreach');
    const next = at('#foreach($x in [1, 2])$x#if($foreach.has‸Next),#end#end');
    assert.match(markdownOf(next.hover), /^```\n\$foreach\.hasNext\n```\n\n`true` while more items follow/);
    assert.equal(covered(next.text, next.hover), 'hasNext');
    assert.match(markdownOf(at('#foreach($x in [1, 2])$for‸each.index#end').hover), /The state of the innermost `#foreach` loop/);
    assert.match(markdownOf(at('#if(true)x#e‸nd').hover), /Closes `#if`/);
  });

  it('says nothing of directives and variables in gateway response templates, which only substitute', () => {
    const text = 'openapi: 3.0.1\ninfo: {title: t, version: "1"}\npaths: {}\nx-amazon-apigateway-gateway-responses:\n  DEFAULT_4XX:\n    responseTemplates:\n      application/json: \'#if(true)x#end\'\n';
    const offset = text.indexOf('#if') + 1;
    assert.equal(hoverInTemplate(parseDocument(text), offset), undefined);
  });

  it('works in standalone templates', () => {
    const { text, offset } = withCursor('$util.escape‸JavaScript($input.body)');
    assert.match(markdownOf(hoverInStandaloneTemplate(text, offset)), /replaceAll/);
  });
});
