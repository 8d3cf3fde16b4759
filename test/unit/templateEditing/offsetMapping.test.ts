import assert from 'node:assert/strict';
import { locateTemplates, type LocatedTemplate } from '../../../server/src/services/templates/locate';
import { parseDocument, yamlWithRequestTemplate } from './support';

function only(text: string, uri?: string): LocatedTemplate {
  const templates = locateTemplates(parseDocument(text, uri));
  assert.equal(templates.length, 1);
  return templates[0];
}

/** Every decoded character maps back to itself, and plain characters sit at their own document offset. */
function assertRoundTrip(text: string, template: LocatedTemplate, expected: string): void {
  assert.equal(template.text, expected);
  assert.ok(template.exactOffsets, 'offsets should be exact');
  let previous = -1;
  for (let i = 0; i <= template.text.length; i++) {
    const at = template.toDocumentOffset(i);
    assert.ok(at > previous, `offsets increase at ${i}`);
    previous = at;
    assert.equal(template.toTemplateOffset(at), i, `round trip at ${i}`);
    const c = template.text[i];
    if (i < template.text.length && /[A-Za-z0-9$().]/.test(c)) assert.equal(text[at], c, `character ${i} (${c})`);
  }
}

describe('template offset mapping', () => {
  const cases: Array<[string, string, string]> = [
    ['plain', "$input.json('$.a')", "$input.json('$.a')"],
    ['plain folded over lines', "$input.json('$')\n            $x a\n\n            b  c", "$input.json('$') $x a\nb  c"],
    ['single-quoted', "'{\"a\": $input.json(''$.a''),\n            \"b\": 1}'", '{"a": $input.json(\'$.a\'), "b": 1}'],
    ['double-quoted with escapes', '"{\\"a\\": \\"$util.escapeJavaScript($x)\\"}\\n\\t\\\\ \\u00e9\\U0001F600 end"', '{"a": "$util.escapeJavaScript($x)"}\n\t\\ é\u{1F600} end'],
    ['double-quoted folded and escaped break', '"one\n            two\n\n            three \\\n            four"', 'one two\nthree four'],
    ['literal block', '|\n            #set($b = $input.path(\'$\'))\n              {\n\n              "a": "$b.a"\n              }\n', "#set($b = $input.path('$'))\n  {\n\n  \"a\": \"$b.a\"\n  }\n"],
    ['literal block strip', '|-\n            $input.body\n            x\n\n', '$input.body\nx'],
    ['literal block keep', '|+\n            $input.body\n\n', '$input.body\n\n\n'],
    ['folded block', '>\n            #set($a = 1)\n            {"a": $a}\n\n            end\n              more\n            last\n', '#set($a = 1) {"a": $a}\nend\n  more\nlast\n'],
  ];
  for (const [name, yaml, expected] of cases) {
    it(`maps every character of a ${name} scalar`, () => {
      const text = yamlWithRequestTemplate(yaml);
      assertRoundTrip(text, only(text), expected);
    });
  }

  it('maps JSON strings with escapes', () => {
    const template = '{\\"id\\": \\"$input.params(\'id\')\\",\\n\\"e\\": \\"\\u00e9\\/\\b\\"}';
    const text = `{"openapi":"3.0.1","paths":{"/a":{"get":{"x-amazon-apigateway-integration":{"type":"aws","requestTemplates":{"application/json":"${template}"}}}}}}`;
    assertRoundTrip(text, only(text, 'file:///api.json'), '{"id": "$input.params(\'id\')",\n"e": "é/\b"}');
  });

  it('maps random strings written as JSON strings and YAML quoted scalars', () => {
    const alphabet = ['a', 'Z', '$', '#', '.', '(', ')', "'", '"', '\\', ' ', ' ', '\t', '\n', 'é', '\u{1F600}', '\u0001', '/'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      const value = Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const json = `{"openapi":"3.0.1","paths":{"/a":{"get":{"x-amazon-apigateway-integration":{"requestTemplates":{"application/json":${JSON.stringify(value)}}}}}}}`;
      assertRoundTrip(json, only(json, 'file:///api.json'), value);
      const yaml = yamlWithRequestTemplate(JSON.stringify(value));
      assertRoundTrip(yaml, only(yaml), value);
      if (!/[\n\t\u0001]|^ | $/.test(value)) {
        const single = yamlWithRequestTemplate(`'${value.replace(/'/g, "''")}'`);
        assertRoundTrip(single, only(single), value);
      }
    }
  });

  it('maps a document offset inside an escape to the escaped character', () => {
    const text = yamlWithRequestTemplate('"a\\"b"');
    const template = only(text);
    const escape = text.indexOf('\\"');
    assert.equal(template.toTemplateOffset(escape), 1);
    assert.equal(template.toTemplateOffset(escape + 1), 2);
  });

  it('finds request, response, gateway response and shared integration templates', () => {
    const text = [
      'openapi: 3.0.1',
      'paths:',
      '  /a:',
      '    x-amazon-apigateway-any-method:',
      '      x-amazon-apigateway-integration:',
      '        type: HTTP',
      '        requestTemplates: { application/json: "$input.body" }',
      '        responses:',
      '          "4\\\\d{2}":',
      '            statusCode: "400"',
      '            responseTemplates: { application/xml: "<a/>" }',
      'components:',
      '  x-amazon-apigateway-integrations:',
      '    shared:',
      '      type: aws',
      '      requestTemplates: { text/plain: "$input.body" }',
      'x-amazon-apigateway-gateway-responses:',
      '  DEFAULT_4XX:',
      '    statusCode: "400"',
      '    responseTemplates: { application/json: \'{"message": $context.error.messageString}\' }',
      '',
    ].join('\n');
    const found = locateTemplates(parseDocument(text));
    assert.deepEqual(
      found.map((t) => [t.kind, t.mimeType, t.operation?.method, t.integration?.type, t.statusCode, t.responsePattern, t.gatewayResponseType]),
      [
        ['request', 'application/json', 'x-amazon-apigateway-any-method', 'http', undefined, undefined, undefined],
        ['response', 'application/xml', 'x-amazon-apigateway-any-method', 'http', '400', '4\\d{2}', undefined],
        ['request', 'text/plain', undefined, 'aws', undefined, undefined, undefined],
        ['gatewayResponse', 'application/json', undefined, undefined, '400', undefined, 'DEFAULT_4XX'],
      ],
    );
  });
});
