import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { hoverInStandaloneTemplate, hoverInTemplate } from '../../../server/src/services/templates/templateHover';
import { findTemplateMember } from '../../../server/src/facts/templateVariables';
import { petStore } from './fixtures';
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

  it('has nothing to say about user variables and plain text', () => {
    assert.equal(hover(petStore(`"#set($a = 1) $a‸b text"`)).hover, undefined);
    assert.equal(hover(petStore(`"plain te‸xt"`)).hover, undefined);
  });

  it('works in standalone templates', () => {
    const { text, offset } = withCursor('$util.escape‸JavaScript($input.body)');
    assert.match(markdownOf(hoverInStandaloneTemplate(text, offset)), /replaceAll/);
  });
});
